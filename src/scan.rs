//! `shareguard scan`: what one text or package shows, without any state.

use crate::rules::{AppCategory, Rules};
use serde::Serialize;

/// What a text and a package show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScanResult {
    /// The verification code the text shows, if any.
    pub otp: Option<String>,
    /// The package's category: `banking`, `payment`, `lending`, `screen_share`,
    /// `remote_control`, `sms`, or null.
    pub app_category: Option<&'static str>,
}

/// Scans a text and/or a package with `rules`.
pub fn scan(rules: &Rules, text: Option<&str>, package: Option<&str>) -> ScanResult {
    ScanResult {
        otp: text.and_then(|t| rules.otp.find(t)).map(|m| m.code),
        app_category: package
            .and_then(|p| app_category(rules, p))
            .map(|c| c.as_str()),
    }
}

/// A package's category: its table, else the first category it has as a super-app.
fn app_category(rules: &Rules, package: &str) -> Option<AppCategory> {
    rules
        .apps
        .get(package)
        .or_else(|| rules.super_apps_for(package).next().map(|s| s.category))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_packages_and_texts() {
        let rules = Rules::default_rules();
        let r = scan(
            &rules,
            Some("【工商银行】您的验证码为 483920，5分钟内有效"),
            Some("com.icbc"),
        );
        assert_eq!(r.otp.as_deref(), Some("483920"));
        assert_eq!(r.app_category, Some("banking"));
        let r = scan(&rules, None, Some("org.example.unknown"));
        assert_eq!(
            r,
            ScanResult {
                otp: None,
                app_category: None
            }
        );
    }
}
