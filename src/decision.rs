//! What the engine tells the phone: raise or take down the interruption, and why.

use serde::Serialize;
use std::fmt;

/// The spec's canonical reason names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonKind {
    /// The screen is shared or cast.
    ScreenShare,
    /// The phone is remote-controlled.
    RemoteControl,
    /// The screen is recorded.
    ScreenRecording,
    /// A verification code is on screen or just arrived.
    Otp,
    /// A banking app is in front.
    BankingApp,
    /// A payment app or a super-app's payment screen is in front.
    PaymentApp,
    /// A lending app or a super-app's loan screen is in front.
    LendingApp,
    /// A page asks for a card number and a code.
    CardForm,
    /// The scam's own script is on screen.
    ScamScript,
    /// A call with someone not in the contacts is going on.
    CallUnknown,
}

impl ReasonKind {
    /// Every kind, in the spec's order.
    pub const ALL: [ReasonKind; 10] = [
        ReasonKind::ScreenShare,
        ReasonKind::RemoteControl,
        ReasonKind::ScreenRecording,
        ReasonKind::Otp,
        ReasonKind::BankingApp,
        ReasonKind::PaymentApp,
        ReasonKind::LendingApp,
        ReasonKind::CardForm,
        ReasonKind::ScamScript,
        ReasonKind::CallUnknown,
    ];

    /// The canonical name.
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonKind::ScreenShare => "screen_share",
            ReasonKind::RemoteControl => "remote_control",
            ReasonKind::ScreenRecording => "screen_recording",
            ReasonKind::Otp => "otp",
            ReasonKind::BankingApp => "banking_app",
            ReasonKind::PaymentApp => "payment_app",
            ReasonKind::LendingApp => "lending_app",
            ReasonKind::CardForm => "card_form",
            ReasonKind::ScamScript => "scam_script",
            ReasonKind::CallUnknown => "call_unknown",
        }
    }

    /// Whether the kind says the screen is exposed (as opposed to what is on it).
    pub fn is_exposure(self) -> bool {
        matches!(
            self,
            ReasonKind::ScreenShare | ReasonKind::RemoteControl | ReasonKind::ScreenRecording
        )
    }
}

/// One reason: a canonical kind and an optional detail (`otp:sms_notification`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Reason {
    /// The canonical kind.
    pub kind: ReasonKind,
    /// More specific detail, a short identifier (never screen text).
    pub detail: Option<&'static str>,
}

impl Reason {
    /// A reason with a detail.
    pub const fn new(kind: ReasonKind, detail: &'static str) -> Reason {
        Reason {
            kind,
            detail: Some(detail),
        }
    }

    /// A reason without detail.
    pub const fn bare(kind: ReasonKind) -> Reason {
        Reason { kind, detail: None }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.detail {
            Some(detail) => write!(f, "{}:{}", self.kind.as_str(), detail),
            None => f.write_str(self.kind.as_str()),
        }
    }
}

impl Serialize for Reason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Raise or take down the interruption.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Raise (or update) the full-screen interruption.
    Interrupt,
    /// Take it down.
    Clear,
}

impl Action {
    /// The spec's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Interrupt => "interrupt",
            Action::Clear => "clear",
        }
    }
}

/// A change in what the phone should show; one line of `shareguard replay`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// The `t` of the observation that caused it.
    pub t: u64,
    /// What to do.
    pub action: Action,
    /// Why, most important first.
    pub reasons: Vec<Reason>,
    /// The warning's title (for `interrupt`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The warning's message (for `interrupt`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl Decision {
    /// The decision as one JSON line (no newline).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a decision always serialises")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_the_spec_says() {
        let d = Decision {
            t: 42,
            action: Action::Interrupt,
            reasons: vec![
                Reason::bare(ReasonKind::ScreenShare),
                Reason::new(ReasonKind::Otp, "sms_notification"),
            ],
            title: Some("T".into()),
            message: Some("M".into()),
        };
        assert_eq!(
            d.to_json(),
            r#"{"t":42,"action":"interrupt","reasons":["screen_share","otp:sms_notification"],"title":"T","message":"M"}"#
        );
        let c = Decision {
            t: 7,
            action: Action::Clear,
            reasons: vec![Reason::bare(ReasonKind::ScreenShare)],
            title: None,
            message: None,
        };
        assert_eq!(
            c.to_json(),
            r#"{"t":7,"action":"clear","reasons":["screen_share"]}"#
        );
    }

    #[test]
    fn canonical_names_are_unique() {
        let mut names: Vec<&str> = ReasonKind::ALL.iter().map(|k| k.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ReasonKind::ALL.len());
    }
}
