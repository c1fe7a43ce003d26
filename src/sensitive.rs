//! What is sensitive on the foreground screen or in a notification.
//!
//! A screen is sensitive when it belongs to a banking, payment or lending app
//! (or a super-app shows its wallet, payment or loan screen), shows a
//! verification code, is a form asking for a card number and a code, or shows
//! the scam's own script. Each finding is a [`Reason`]; codes are kept only as
//! hashes, to tell a new code from one already seen.

use crate::decision::{Reason, ReasonKind};
use crate::otp::has_digits;
use crate::rules::{AppCategory, Keywords, Rules};
use crate::trace::{Field, MarkedScreen, Notification, Screen, Texts};
use std::hash::{DefaultHasher, Hash, Hasher};

/// What is sensitive in one screen or notification.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sensitivity {
    /// The findings, at most one per reason kind.
    pub reasons: Vec<Reason>,
    /// Hashes of the verification codes shown.
    pub code_hashes: Vec<u64>,
}

impl Sensitivity {
    /// Whether nothing sensitive was found.
    pub fn is_empty(&self) -> bool {
        self.reasons.is_empty()
    }

    fn push(&mut self, reason: Reason) {
        if !self.reasons.iter().any(|r| r.kind == reason.kind) {
            self.reasons.push(reason);
        }
    }

    fn add_code(&mut self, code: &str, detail: &'static str) {
        let mut h = DefaultHasher::new();
        code.hash(&mut h);
        let hash = h.finish();
        if !self.code_hashes.contains(&hash) {
            self.code_hashes.push(hash);
        }
        self.push(Reason::new(ReasonKind::Otp, detail));
    }
}

/// Texts longer than this are not paired with their neighbour for a code.
const LABEL_MAX_CHARS: usize = 30;
/// A value shorter than this may be a code whose label is the text before it.
const VALUE_MAX_CHARS: usize = 16;

/// Assesses a foreground screen. `class` is its activity class (a `content`
/// observation's, or the last `window`'s); `joined` is its texts joined by
/// newlines; `scratch` is a reusable buffer.
pub fn assess_screen(
    rules: &Rules,
    screen: &Screen,
    class: Option<&str>,
    joined: &str,
    scratch: &mut String,
) -> Sensitivity {
    let mut found = Sensitivity::default();
    if let Some(marked) = screen.marked {
        found.push(marked_reason(marked));
    }
    let package = screen.package.as_str();
    let category = rules.apps.get(package);
    match category {
        Some(AppCategory::Banking) => found.push(Reason::bare(ReasonKind::BankingApp)),
        Some(AppCategory::Payment) => found.push(Reason::bare(ReasonKind::PaymentApp)),
        Some(AppCategory::Lending) => found.push(Reason::bare(ReasonKind::LendingApp)),
        _ => {}
    }
    // Screen rules: a super-app's wallet or loan screen, or another category
    // on a money app's screen (Alipay's 备用金 is a loan).
    for s in rules.super_apps_for(package) {
        if s.matches(class, joined) {
            found.push(Reason::new(category_reason(s.category), "in_app"));
        }
    }
    let browser = rules.browsers.get(package).is_some();
    let otp_detail = if category == Some(AppCategory::Sms) {
        "sms_app"
    } else if browser {
        "web"
    } else {
        "screen"
    };
    find_codes_in_texts(rules, &screen.texts, otp_detail, scratch, &mut found);
    find_codes_in_fields(rules, &screen.fields, scratch, &mut found);
    if is_card_form(rules, &screen.fields, joined) {
        found.push(Reason::new(
            ReasonKind::CardForm,
            if browser { "browser" } else { "app" },
        ));
    }
    if let Some(reason) = scam_script(rules, joined) {
        found.push(reason);
    }
    found
}

/// Assesses a System UI screen (the notification shade, a dialog) for codes.
pub fn assess_system_screen(rules: &Rules, screen: &Screen, scratch: &mut String) -> Sensitivity {
    let mut found = Sensitivity::default();
    find_codes_in_texts(rules, &screen.texts, "shade", scratch, &mut found);
    found
}

/// Assesses a posted notification: a code, or the scam's script in a message.
pub fn assess_notification(
    rules: &Rules,
    n: &Notification,
    joined: &str,
    scratch: &mut String,
) -> Sensitivity {
    let mut found = Sensitivity::default();
    let detail = if rules.apps.get(&n.package) == Some(AppCategory::Sms) {
        "sms_notification"
    } else {
        "notification"
    };
    if !n.ongoing {
        // Title and text of a message notification read as one text.
        if let Some(m) = rules.otp.find(joined) {
            found.add_code(&m.code, detail);
        } else {
            find_codes_in_texts(rules, &n.texts, detail, scratch, &mut found);
        }
    }
    if let Some(reason) = scam_script(rules, joined) {
        found.push(reason);
    }
    found
}

/// The reason an app's own marking gives (bank mode).
fn marked_reason(marked: MarkedScreen) -> Reason {
    match marked {
        MarkedScreen::Transfer => Reason::new(ReasonKind::BankingApp, "transfer"),
        MarkedScreen::OtpEntry => Reason::new(ReasonKind::Otp, "entry"),
        MarkedScreen::CardBinding => Reason::new(ReasonKind::CardForm, "card_binding"),
        MarkedScreen::LoanDrawdown => Reason::new(ReasonKind::LendingApp, "loan_drawdown"),
        MarkedScreen::Account => Reason::new(ReasonKind::BankingApp, "marked"),
    }
}

fn category_reason(category: AppCategory) -> ReasonKind {
    match category {
        AppCategory::Banking => ReasonKind::BankingApp,
        AppCategory::Lending => ReasonKind::LendingApp,
        _ => ReasonKind::PaymentApp,
    }
}

/// Whether a text has enough digits to hold a code.
fn may_hold_code(text: &str) -> bool {
    has_digits(text, 3)
}

fn find_codes_in_texts(
    rules: &Rules,
    texts: &Texts,
    detail: &'static str,
    scratch: &mut String,
    found: &mut Sensitivity,
) {
    // A code is found only near a keyword: scan the texts that hold one and
    // the text after each (its value), unless keywords may be hidden.
    match rules.otp.keyword_starts(texts.joined()) {
        None => {
            for i in 0..texts.len() {
                find_code_at(rules, texts, i, detail, scratch, found);
            }
        }
        Some(starts) => {
            let mut labelled: Vec<usize> = starts.map(|at| texts.index_at(at)).collect();
            labelled.sort_unstable();
            labelled.dedup();
            let mut next = 0;
            for i in labelled {
                for j in i.max(next)..(i + 2).min(texts.len()) {
                    find_code_at(rules, texts, j, detail, scratch, found);
                }
                next = i + 2;
            }
        }
    }
}

/// Looks for a code in text `i`, alone or as the value of the text before it.
fn find_code_at(
    rules: &Rules,
    texts: &Texts,
    i: usize,
    detail: &'static str,
    scratch: &mut String,
    found: &mut Sensitivity,
) {
    let Some(text) = texts.get(i).filter(|t| may_hold_code(t)) else {
        return;
    };
    let before = i.checked_sub(1).and_then(|j| texts.get(j));
    if let Some(m) = rules.otp.find(text) {
        // The text before may say what the number really is: `Meeting ID: …`
        // then `Passcode: 482913` is a meeting's passcode, which the rules'
        // ignore patterns recognise only with both texts in view.
        let masked_in_context = before.is_some_and(|b| {
            scratch.clear();
            scratch.push_str(b);
            scratch.push('\n');
            scratch.push_str(text);
            rules.otp.find(scratch).is_none()
        });
        if !masked_in_context {
            found.add_code(&m.code, detail);
        }
        return;
    }
    // A label and its value as two texts: "验证码" then "482913".
    let Some(label) = before else {
        return;
    };
    if label.chars().count() <= LABEL_MAX_CHARS && text.chars().count() <= VALUE_MAX_CHARS {
        scratch.clear();
        scratch.push_str(label);
        scratch.push(' ');
        scratch.push_str(text);
        if let Some(m) = rules.otp.find(scratch) {
            found.add_code(&m.code, detail);
        }
    }
}

fn find_codes_in_fields(
    rules: &Rules,
    fields: &[Field],
    scratch: &mut String,
    found: &mut Sensitivity,
) {
    for f in fields {
        if f.password == Some(true) {
            continue;
        }
        let Some(text) = f.text.as_deref().filter(|t| may_hold_code(t)) else {
            continue;
        };
        scratch.clear();
        for label in [f.hint.as_deref(), f.id.as_deref()].into_iter().flatten() {
            scratch.push_str(label);
            scratch.push(' ');
        }
        scratch.push_str(text);
        if let Some(m) = rules.otp.find(scratch) {
            found.add_code(&m.code, "typed");
        }
    }
}

fn field_marked(fields: &[Field], marks: &Keywords) -> bool {
    fields.iter().any(|f| {
        f.hint.as_deref().is_some_and(|h| marks.is_in(h))
            || f.id.as_deref().is_some_and(|id| marks.is_in(id))
    })
}

/// A form asking for a card number and a code or another secret. Labels in the
/// screen's texts count only on a form (two fields or more), so a chat's one
/// input box under a message that mentions cards is not a form.
fn is_card_form(rules: &Rules, fields: &[Field], joined: &str) -> bool {
    if fields.is_empty() {
        return false;
    }
    let form = fields.len() >= 2;
    let card =
        field_marked(fields, &rules.card_number) || (form && rules.card_number.is_in(joined));
    if !card {
        return false;
    }
    field_marked(fields, &rules.code_field)
        || field_marked(fields, &rules.secret_field)
        || (form && (rules.code_field.is_in(joined) || rules.secret_field.is_in(joined)))
}

/// The scam's script: one phrase, or enough distinct terms.
fn scam_script(rules: &Rules, joined: &str) -> Option<Reason> {
    if rules.script_phrases.is_match(joined) {
        return Some(Reason::new(ReasonKind::ScamScript, "phrase"));
    }
    let mut distinct: Vec<&str> = Vec::new();
    for term in rules.script_terms.find_all(joined).map(|m| m.as_str()) {
        if !distinct.iter().any(|d| d.eq_ignore_ascii_case(term)) {
            distinct.push(term);
            if distinct.len() >= rules.script_min_terms {
                return Some(Reason::new(ReasonKind::ScamScript, "terms"));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screen(package: &str, texts: &[&str], fields: Vec<Field>) -> (Screen, String) {
        let s = Screen {
            package: package.into(),
            class: None,
            texts: texts.iter().collect(),
            fields,
            marked: None,
        };
        let joined = s.texts.joined().to_owned();
        (s, joined)
    }

    fn kinds(rules: &Rules, package: &str, texts: &[&str], fields: Vec<Field>) -> Vec<String> {
        let (s, joined) = screen(package, texts, fields);
        assess_screen(rules, &s, None, &joined, &mut String::new())
            .reasons
            .iter()
            .map(|r| r.to_string())
            .collect()
    }

    fn field(hint: &str, text: Option<&str>) -> Field {
        Field {
            hint: Some(hint.into()),
            text: text.map(str::to_owned),
            id: None,
            password: None,
        }
    }

    #[test]
    fn apps_by_package_and_super_apps_by_screen() {
        let r = Rules::default_rules();
        assert_eq!(kinds(&r, "com.icbc", &["首页"], vec![]), ["banking_app"]);
        assert_eq!(
            kinds(
                &r,
                "com.eg.android.AlipayGphone",
                &["首页", "扫一扫", "借呗", "备用金", "余额宝"],
                vec![]
            ),
            ["payment_app"]
        );
        assert_eq!(
            kinds(
                &r,
                "com.eg.android.AlipayGphone",
                &["备用金", "可用额度(元)", "500.00", "立即领取"],
                vec![]
            ),
            ["payment_app", "lending_app:in_app"]
        );
        assert!(
            kinds(
                &r,
                "com.tencent.mm",
                &["微信", "通讯录", "发现", "我"],
                vec![]
            )
            .is_empty()
        );
        assert_eq!(
            kinds(
                &r,
                "com.tencent.mm",
                &["钱包", "零钱", "零钱通", "银行卡"],
                vec![]
            ),
            ["payment_app:in_app"]
        );
        let (s, joined) = screen("com.tencent.mm", &["¥ 200.00"], vec![]);
        let class = Some("com.tencent.mm.plugin.remittance.ui.RemittanceUI");
        let found = assess_screen(&r, &s, class, &joined, &mut String::new());
        assert_eq!(
            found.reasons,
            [Reason::new(ReasonKind::PaymentApp, "in_app")]
        );
        assert_eq!(
            kinds(&r, "com.wuba", &["58好借", "最高可借额度"], vec![]),
            ["lending_app:in_app"]
        );
    }

    #[test]
    fn codes_in_texts_labels_and_typed_fields() {
        let r = Rules::default_rules();
        assert_eq!(
            kinds(
                &r,
                "com.android.mms",
                &["【工商银行】您的验证码为 483920，5分钟内有效"],
                vec![]
            ),
            ["otp:sms_app"]
        );
        assert_eq!(
            kinds(&r, "org.example.app", &["验证码", "483920"], vec![]),
            ["otp:screen"]
        );
        assert_eq!(
            kinds(
                &r,
                "org.example.app",
                &[],
                vec![field("请输入验证码", Some("483920"))]
            ),
            ["otp:typed"]
        );
        let secret = Field {
            password: Some(true),
            ..field("验证码", Some("483920"))
        };
        assert!(kinds(&r, "org.example.app", &[], vec![secret]).is_empty());
    }

    #[test]
    fn a_screen_finds_the_codes_scan_finds_whatever_the_spaces_and_dashes() {
        let r = Rules::default_rules();
        for text in [
            "Your one\u{2011}time password is 482913",
            "验证码：４８２９１３，５分钟内有效",
            "Your\u{00A0}verification\u{00A0}code is 482913",
            "验\u{200B}证码 482913",
        ] {
            let scanned = crate::scan(&r, Some(text), None).otp;
            assert_eq!(scanned.as_deref(), Some("482913"), "{text}");
            assert_eq!(
                kinds(&r, "org.example.app", &[text], vec![]),
                ["otp:screen"],
                "{text}"
            );
        }
    }

    #[test]
    fn a_meeting_passcode_under_its_meeting_id_is_not_a_code() {
        let r = Rules::default_rules();
        let invite = [
            "Join Zoom Meeting",
            "Meeting ID: 482 913 7752",
            "Passcode: 482913",
        ];
        assert!(kinds(&r, "com.google.android.calendar", &invite, vec![]).is_empty());
        let code = ["Sign in", "Your passcode is 730192"];
        assert_eq!(kinds(&r, "org.example.app", &code, vec![]), ["otp:screen"]);
    }

    #[test]
    fn marked_screens_are_sensitive_whatever_the_package() {
        let r = Rules::default_rules();
        let s = Screen {
            package: "org.example.bank".into(),
            marked: Some(MarkedScreen::LoanDrawdown),
            ..Default::default()
        };
        let found = assess_screen(&r, &s, None, "", &mut String::new());
        assert_eq!(
            found.reasons,
            [Reason::new(ReasonKind::LendingApp, "loan_drawdown")]
        );
    }

    #[test]
    fn card_forms_need_a_form() {
        let r = Rules::default_rules();
        let form = vec![field("请输入银行卡号", None), field("请输入验证码", None)];
        assert_eq!(
            kinds(&r, "com.android.chrome", &["退款申请"], form),
            ["card_form:browser"]
        );
        let chat_box = vec![field("", None)];
        assert!(
            kinds(
                &r,
                "com.tencent.mobileqq",
                &["把卡号和验证码发我"],
                chat_box
            )
            .is_empty()
        );
    }

    #[test]
    fn scam_script_by_phrase_or_terms() {
        let r = Rules::default_rules();
        let (s, joined) = screen(
            "org.example.chat",
            &["您的付款已成功，系统已经激活93%。"],
            vec![],
        );
        let found = assess_screen(&r, &s, None, &joined, &mut String::new());
        assert_eq!(
            found.reasons,
            [Reason::new(ReasonKind::ScamScript, "phrase")]
        );
        assert!(scam_script(&r, "我们下周开会讨论理赔流程").is_none());
    }

    #[test]
    fn notification_codes_are_hashed_not_kept() {
        let r = Rules::default_rules();
        let n = Notification {
            package: "com.android.mms".into(),
            texts: ["95588", "【工商银行】验证码 483920，请勿泄露"]
                .into_iter()
                .collect(),
            ongoing: false,
        };
        let found = assess_notification(&r, &n, n.texts.joined(), &mut String::new());
        assert_eq!(
            found.reasons,
            [Reason::new(ReasonKind::Otp, "sms_notification")]
        );
        assert_eq!(found.code_hashes.len(), 1);
    }
}
