//! Verification codes (OTP) in screen and notification text.
//!
//! PLACEHOLDER API, replaced by the full scanner: `OtpScanner::find` returns the
//! code a text shows, normalised to ASCII, or `None`.

use crate::rules::RuleProblem;
use serde::Deserialize;

/// The `otp` section of the rules file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OtpRules {
    /// Words that say a text carries a verification code.
    #[serde(default)]
    pub keywords: Vec<String>,
}

impl OtpRules {
    /// Adds `other`'s lists to these.
    pub fn extend(&mut self, other: OtpRules) {
        self.keywords.extend(other.keywords);
    }
}

/// A code found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtpMatch {
    /// The code, ASCII letters and digits, separators removed.
    pub code: String,
}

/// The compiled scanner.
#[derive(Debug)]
pub struct OtpScanner {
    keywords: Vec<String>,
}

impl OtpScanner {
    /// Compiles the scanner; a bad rule is reported with its place.
    pub fn new(rules: &OtpRules) -> Result<OtpScanner, RuleProblem> {
        Ok(OtpScanner {
            keywords: rules.keywords.clone(),
        })
    }

    /// The verification code `text` shows, if any.
    pub fn find(&self, text: &str) -> Option<OtpMatch> {
        if !self.keywords.iter().any(|k| text.contains(k.as_str())) {
            return None;
        }
        let digits: String = text
            .split(|c: char| !c.is_ascii_digit())
            .find(|run| (4..=8).contains(&run.len()))?
            .to_owned();
        Some(OtpMatch { code: digits })
    }
}
