//! The interruption's words: the advisory's warning (蜀黍提醒), tailored to the reason.
//!
//! Chinese (zh-CN) first, English too; the caller chooses. Every message ends
//! with the advisory's advice and the hotlines 110 and 96110.

use crate::decision::{Reason, ReasonKind};

/// The language of the interruption.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    /// Simplified Chinese.
    #[default]
    ZhCn,
    /// English.
    En,
}

impl Locale {
    /// Parses a BCP 47 tag: `zh`, `zh-CN`, `zh-Hans…` are Chinese, `en…` English.
    pub fn parse(tag: &str) -> Option<Locale> {
        let lang = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match lang.as_str() {
            "zh" => Some(Locale::ZhCn),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The tag of the locale.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
        }
    }
}

/// What the exposed screen is showing that matters most, in order of urgency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Situation {
    Code,
    CardForm,
    Script,
    Loan,
    Bank,
    Payment,
}

fn situation(reasons: &[Reason]) -> Situation {
    let has = |k: ReasonKind| reasons.iter().any(|r| r.kind == k);
    if has(ReasonKind::Otp) {
        Situation::Code
    } else if has(ReasonKind::CardForm) {
        Situation::CardForm
    } else if has(ReasonKind::ScamScript) {
        Situation::Script
    } else if has(ReasonKind::LendingApp) {
        Situation::Loan
    } else if has(ReasonKind::BankingApp) {
        Situation::Bank
    } else {
        Situation::Payment
    }
}

/// How the screen is exposed, for the first sentence.
fn exposure_phrase(reasons: &[Reason], locale: Locale) -> &'static str {
    let has = |k: ReasonKind| reasons.iter().any(|r| r.kind == k);
    match (
        locale,
        has(ReasonKind::RemoteControl),
        has(ReasonKind::ScreenShare),
    ) {
        (Locale::ZhCn, true, _) => "您的手机正在被远程控制",
        (Locale::ZhCn, false, true) => "您的屏幕正在共享或投屏",
        (Locale::ZhCn, false, false) => "您的屏幕正在被录制",
        (Locale::En, true, _) => "Your phone is being controlled remotely",
        (Locale::En, false, true) => "Your screen is being shared or cast",
        (Locale::En, false, false) => "Your screen is being recorded",
    }
}

/// The interruption's title and message for `reasons`.
pub fn warning(reasons: &[Reason], locale: Locale) -> (String, String) {
    let situation = situation(reasons);
    let exposed = exposure_phrase(reasons, locale);
    let unknown_call = reasons.iter().any(|r| r.kind == ReasonKind::CallUnknown);
    match locale {
        Locale::ZhCn => {
            let (title, what) = match situation {
                Situation::Code => (
                    "停！对方能看到您的验证码",
                    "，屏幕上的验证码对方看得一清二楚。验证码就是您的钱，任何人索要都是诈骗。",
                ),
                Situation::CardForm => (
                    "停！这是骗取银行卡的假退款页面",
                    "，您正在填写银行卡号和验证码。真正的退款不需要您填写银行卡、密码或验证码。",
                ),
                Situation::Script => (
                    "停！这是冒充客服的诈骗话术",
                    "。“理赔通道”“关闭通道”“备用金返还”“认证金”“回收账户”都是骗子编造的，平台没有这些东西。",
                ),
                Situation::Loan => (
                    "停！不要在别人指导下借款",
                    "，而您正在借款页面。“认证资金”“辅助认证”“解除借贷关系”都是骗局，借出的钱要您自己还。",
                ),
                Situation::Bank => (
                    "停！对方能看到您的银行账户",
                    "，而您正在使用银行应用。对方能看到您的卡号、余额和验证码。",
                ),
                Situation::Payment => (
                    "停！对方能看到您的支付账户",
                    "，而您正在使用支付应用。不要按对方指示领取“备用金”、转账或付款。",
                ),
            };
            let call = if unknown_call {
                "您正在和陌生号码通话，自称客服、要您共享屏幕的，就是骗子。"
            } else {
                ""
            };
            let message = format!(
                "{exposed}{what}{call}\n\n蜀黍提醒：\n● 接到“退款”“返钱”一类的电话不可轻信，请通过网购平台联系商家核实，退款只走平台正规渠道。\n● 不要随便点开、扫描陌生人发来的链接、二维码。\n● 绝不要提供银行卡号、密码、验证码。\n● 请先停止共享屏幕并挂断电话。遇到诈骗请拨打110报警，或拨打96110反诈专线咨询。"
            );
            (title.to_owned(), message)
        }
        Locale::En => {
            let (title, what) = match situation {
                Situation::Code => (
                    "Stop! They can see your verification code",
                    ", and the verification code on it is in plain view. A code is your money: whoever asks for it is a scammer.",
                ),
                Situation::CardForm => (
                    "Stop! This fake refund page steals card details",
                    ", and you are entering a card number and a verification code. A real refund never needs your card, password or code.",
                ),
                Situation::Script => (
                    "Stop! This is a fake customer service script",
                    ". A \"claims channel\", \"closing the channel\", \"returning the reserve fund\" or a \"verification deposit\" are inventions: no platform has them.",
                ),
                Situation::Loan => (
                    "Stop! Never borrow money on someone's instructions",
                    ", and a loan screen is open. \"Verification funds\" and \"cancelling the loan link\" are a scam, and you will owe what you borrow.",
                ),
                Situation::Bank => (
                    "Stop! They can see your bank account",
                    ", and your banking app is open. They can see your card number, balance and codes.",
                ),
                Situation::Payment => (
                    "Stop! They can see your payment account",
                    ", and your payment app is open. Do not claim a \"reserve fund\", transfer or pay on their instructions.",
                ),
            };
            let call = if unknown_call {
                " You are on a call with an unknown number: anyone who says they are customer service and asks you to share your screen is a scammer."
            } else {
                ""
            };
            let message = format!(
                "{exposed}{what}{call}\n\nPolice advice:\n● Do not trust calls about refunds or money back. Check with the shop through the shopping platform, and take refunds only through its official channel.\n● Do not open links or scan QR codes from strangers.\n● Never give anyone your card number, password or verification code.\n● Stop sharing your screen and hang up. If you are being scammed, call 110, or the anti-fraud line 96110."
            );
            (title.to_owned(), message)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reasons(kinds: &[ReasonKind]) -> Vec<Reason> {
        kinds.iter().map(|k| Reason::bare(*k)).collect()
    }

    #[test]
    fn every_message_carries_the_hotlines_in_both_languages() {
        for kind in ReasonKind::ALL.iter().filter(|k| !k.is_exposure()) {
            for locale in [Locale::ZhCn, Locale::En] {
                let (title, message) = warning(&reasons(&[ReasonKind::ScreenShare, *kind]), locale);
                assert!(!title.is_empty());
                assert!(
                    message.contains("110") && message.contains("96110"),
                    "{message}"
                );
            }
        }
    }

    #[test]
    fn the_code_comes_first_and_exposure_is_named() {
        let (title, message) = warning(
            &reasons(&[
                ReasonKind::RemoteControl,
                ReasonKind::BankingApp,
                ReasonKind::Otp,
            ]),
            Locale::ZhCn,
        );
        assert!(title.contains("验证码"), "{title}");
        assert!(message.starts_with("您的手机正在被远程控制"), "{message}");
        let (title, _) = warning(
            &reasons(&[ReasonKind::ScreenShare, ReasonKind::LendingApp]),
            Locale::En,
        );
        assert!(title.contains("borrow"), "{title}");
    }

    #[test]
    fn parses_locale_tags() {
        assert_eq!(Locale::parse("zh-CN"), Some(Locale::ZhCn));
        assert_eq!(Locale::parse("zh_Hans_CN"), Some(Locale::ZhCn));
        assert_eq!(Locale::parse("en-GB"), Some(Locale::En));
        assert_eq!(Locale::parse("fr"), None);
    }
}
