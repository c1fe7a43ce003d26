//! The engine: observations in, decisions out.
//!
//! It keeps what is exposed ([`ExposureTracker`]), what the foreground screen
//! shows ([`Sensitivity`]), the call state, and whether the interruption is up.
//! After each observation it decides:
//!
//! - exposed and something sensitive on screen (or a code just arrived): raise
//!   the interruption, or update it when new reasons appear;
//! - exposure over while the interruption is up: take it down;
//! - the person's choice takes it down; after `continue` the same reasons in
//!   the same app stay quiet for `timing.snooze_ms`, but new evidence (a new
//!   code, another sensitive kind, another app) interrupts again; after
//!   `stop_sharing` the same holds for a minute, time to stop the share.

use crate::decision::{Action, Decision, Reason, ReasonKind};
use crate::exposure::{Exposure, ExposureTracker};
use crate::message::{Locale, warning};
use crate::rules::{Rules, RulesError};
use crate::sensitive::{Sensitivity, assess_notification, assess_screen, assess_system_screen};
use crate::trace::{
    BadObservation, CallState, Event, Observation, Screen, UserChoice, parse_observation,
};
use serde::Serialize;
use std::sync::Arc;

/// After `stop_sharing`, the same reasons stay quiet this long (time to stop the share).
const STOP_SHARING_GRACE_MS: u64 = 60_000;

/// A summary of the engine's state, for status screens and bug reports. It
/// holds kinds, packages of the exposing apps and times; never screen text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    /// The interruption is up.
    pub interrupting: bool,
    /// The reasons of the interruption that is up.
    pub reasons: Vec<Reason>,
    /// What exposes the screen now.
    pub exposures: Vec<Exposure>,
    /// What is sensitive on the foreground screen now.
    pub foreground: Vec<Reason>,
    /// A call with someone not in the contacts is going on.
    pub unknown_call: bool,
    /// Until when the same reasons stay quiet after the person's choice.
    pub quiet_until: Option<u64>,
}

/// What the person chose to proceed with: these kinds in this app stay quiet until then.
#[derive(Debug, Clone)]
struct Snooze {
    until: u64,
    package: Option<String>,
    kinds: Vec<ReasonKind>,
}

/// At most this many dismissals are remembered (the oldest go first).
const MAX_SNOOZES: usize = 16;
/// At most this many codes the person proceeded with are remembered (as hashes).
const MAX_SEEN_CODES: usize = 32;

/// The decision engine. One per phone (or per app, in bank mode).
#[derive(Debug)]
pub struct Engine {
    rules: Arc<Rules>,
    locale: Locale,
    exposure: ExposureTracker,
    foreground_package: Option<String>,
    foreground_class: Option<String>,
    foreground: Sensitivity,
    unknown_call: bool,
    shown: Option<Vec<Reason>>,
    shown_codes: Vec<u64>,
    snoozes: Vec<Snooze>,
    seen_codes: Vec<u64>,
    last_t: u64,
    scratch: String,
}

impl Engine {
    /// An engine with the embedded default rules.
    pub fn new(locale: Locale) -> Engine {
        Engine::with_rules(locale, Rules::default_rules())
    }

    /// An engine with the given rules.
    pub fn with_rules(locale: Locale, rules: Arc<Rules>) -> Engine {
        Engine {
            rules,
            locale,
            exposure: ExposureTracker::default(),
            foreground_package: None,
            foreground_class: None,
            foreground: Sensitivity::default(),
            unknown_call: false,
            shown: None,
            shown_codes: Vec::new(),
            snoozes: Vec::new(),
            seen_codes: Vec::new(),
            last_t: 0,
            scratch: String::new(),
        }
    }

    /// Loads an override rules file; on error the rules in force stay.
    pub fn load_rules(&mut self, json: &str) -> Result<(), RulesError> {
        self.set_rules(Arc::new(Rules::from_override(json)?));
        Ok(())
    }

    /// Replaces the rules in force.
    pub fn set_rules(&mut self, rules: Arc<Rules>) {
        self.rules = rules;
    }

    /// The rules in force.
    pub fn rules(&self) -> &Arc<Rules> {
        &self.rules
    }

    /// The locale of the messages.
    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// Parses and observes one trace line.
    pub fn observe_line(&mut self, line: &str) -> Result<Option<Decision>, BadObservation> {
        let observation = parse_observation(line)?;
        Ok(self.observe(&observation))
    }

    /// The engine's state.
    pub fn status(&self) -> Status {
        Status {
            interrupting: self.shown.is_some(),
            reasons: self.shown.clone().unwrap_or_default(),
            exposures: self.exposure.exposures().to_vec(),
            foreground: self.foreground.reasons.clone(),
            unknown_call: self.unknown_call,
            quiet_until: self.snoozes.iter().map(|s| s.until).max(),
        }
    }

    /// Observes one observation; `Some` when what the phone shows must change.
    pub fn observe(&mut self, observation: &Observation) -> Option<Decision> {
        // `t` never decreases; a late one counts as now.
        let t = observation.t.max(self.last_t);
        self.last_t = t;
        let rules = Arc::clone(&self.rules);
        self.exposure.expire(&rules, t);
        let mut arrived = Sensitivity::default();
        match &observation.event {
            Event::Window(screen) | Event::Content(screen) => {
                arrived = self.on_screen(&rules, screen, t)
            }
            Event::Notification(n) => {
                self.exposure
                    .on_notification(&rules, n, n.texts.joined(), t);
                arrived = assess_notification(&rules, n, n.texts.joined(), &mut self.scratch);
            }
            Event::Click(click) => self.exposure.on_click(&rules, click, t),
            Event::Windows(windows) => {
                self.exposure
                    .on_windows(&rules, windows, &mut self.scratch, t)
            }
            Event::Display(displays) => self.exposure.on_display(&rules, displays, t),
            Event::Recording { visible } => self.exposure.on_recording(*visible, t),
            Event::Accessibility { enabled } => self.exposure.on_accessibility(&rules, enabled, t),
            Event::Call {
                state,
                known_contact,
            } => {
                self.unknown_call = *state == CallState::Offhook && *known_contact != Some(true);
            }
            Event::Screen { .. } => {}
            Event::User { choice } => return self.on_choice(*choice, t),
        }
        self.decide(&arrived, t)
    }

    /// Updates the foreground from an app's screen. A System UI screen (the
    /// consent dialog, the notification shade) sits over the app in front: it
    /// leaves the foreground as it is, and what it shows (a code in the shade)
    /// is returned as arriving now.
    fn on_screen(&mut self, rules: &Rules, screen: &Screen, t: u64) -> Sensitivity {
        let joined = screen.texts.joined();
        if rules.system_ui.get(&screen.package).is_some() {
            self.exposure.on_system_screen(rules, joined, t);
            return assess_system_screen(rules, screen, &mut self.scratch);
        }
        if rules.input_methods.get(&screen.package).is_some()
            || screen
                .class
                .as_deref()
                .is_some_and(|c| c.contains("SoftInputWindow"))
        {
            // A keyboard sits over the app in front; it does not replace it.
            return Sensitivity::default();
        }
        self.exposure.on_foreground_app();
        self.exposure
            .on_app_screen(rules, &screen.package, joined, t);
        let same_app = self.foreground_package.as_deref() == Some(screen.package.as_str());
        if !same_app {
            self.foreground_package = Some(screen.package.clone());
            self.foreground_class = None;
        }
        if screen.class.is_some() {
            self.foreground_class.clone_from(&screen.class);
        }
        self.foreground = assess_screen(
            rules,
            screen,
            self.foreground_class.as_deref(),
            joined,
            &mut self.scratch,
        );
        Sensitivity::default()
    }

    fn on_choice(&mut self, choice: UserChoice, t: u64) -> Option<Decision> {
        let shown = self.shown.take()?;
        let quiet_for = match choice {
            UserChoice::Continue => Some(self.rules.snooze_ms),
            UserChoice::StopSharing => Some(STOP_SHARING_GRACE_MS),
            UserChoice::Leave => None,
        };
        if let Some(ms) = quiet_for {
            self.snoozes.retain(|s| s.until > t);
            if self.snoozes.len() == MAX_SNOOZES {
                self.snoozes.remove(0);
            }
            self.snoozes.push(Snooze {
                until: t.saturating_add(ms),
                package: self.foreground_package.clone(),
                kinds: shown.iter().map(|r| r.kind).collect(),
            });
            for code in self.shown_codes.drain(..) {
                remember(&mut self.seen_codes, code, MAX_SEEN_CODES);
            }
        }
        self.shown_codes.clear();
        if choice == UserChoice::Leave {
            // The person went home: what was in front is gone.
            self.foreground = Sensitivity::default();
            self.foreground_package = None;
            self.foreground_class = None;
        }
        log::info!("interruption dismissed: {}", choice.as_str());
        Some(Decision {
            t,
            action: Action::Clear,
            reasons: shown,
            title: None,
            message: None,
        })
    }

    fn decide(&mut self, arrived: &Sensitivity, t: u64) -> Option<Decision> {
        if !self.exposure.is_exposed() {
            // A new exposure is a new session: nothing the person chose carries over.
            self.snoozes.clear();
            self.seen_codes.clear();
            self.shown_codes.clear();
            let shown = self.shown.take()?;
            log::info!("exposure ended; interruption cleared");
            return Some(Decision {
                t,
                action: Action::Clear,
                reasons: shown,
                title: None,
                message: None,
            });
        }
        if self.foreground.is_empty() && arrived.is_empty() {
            return None;
        }
        let reasons = self.reasons(arrived);
        if self.is_snoozed(&reasons, arrived, t) {
            return None;
        }
        for code in self
            .foreground
            .code_hashes
            .iter()
            .chain(&arrived.code_hashes)
        {
            remember(&mut self.shown_codes, *code, MAX_SEEN_CODES);
        }
        if let Some(shown) = &self.shown
            && reasons
                .iter()
                .all(|r| shown.iter().any(|s| s.kind == r.kind))
        {
            return None;
        }
        let merged = match self.shown.take() {
            Some(mut shown) => {
                for r in reasons {
                    if !shown.iter().any(|s| s.kind == r.kind) {
                        shown.push(r);
                    }
                }
                shown.sort();
                shown
            }
            None => reasons,
        };
        let (title, message) = warning(&merged, self.locale);
        log::info!(
            "interrupt: {} reasons ({})",
            merged.len(),
            merged
                .iter()
                .map(|r| r.kind.as_str())
                .collect::<Vec<_>>()
                .join(",")
        );
        self.shown = Some(merged.clone());
        Some(Decision {
            t,
            action: Action::Interrupt,
            reasons: merged,
            title: Some(title),
            message: Some(message),
        })
    }

    /// Exposure reasons (one per kind), then what is sensitive, then the call.
    fn reasons(&self, arrived: &Sensitivity) -> Vec<Reason> {
        let mut reasons: Vec<Reason> = Vec::with_capacity(8);
        let sensitive = self.foreground.reasons.iter().chain(&arrived.reasons);
        for r in self
            .exposure
            .exposures()
            .iter()
            .map(Exposure::reason)
            .chain(sensitive.cloned())
        {
            if !reasons.iter().any(|x| x.kind == r.kind) {
                reasons.push(r);
            }
        }
        if self.unknown_call {
            reasons.push(Reason::bare(ReasonKind::CallUnknown));
        }
        reasons.sort();
        reasons
    }

    /// Whether the person chose to proceed with these reasons in this app,
    /// it is still quiet, and no code is new.
    fn is_snoozed(&self, reasons: &[Reason], arrived: &Sensitivity, t: u64) -> bool {
        let known_codes = self
            .foreground
            .code_hashes
            .iter()
            .chain(&arrived.code_hashes)
            .all(|h| self.seen_codes.contains(h));
        known_codes
            && self.snoozes.iter().any(|s| {
                t < s.until
                    && s.package == self.foreground_package
                    && reasons.iter().all(|r| s.kinds.contains(&r.kind))
            })
    }
}

/// Adds `value` to a bounded set, dropping the oldest when full.
fn remember(set: &mut Vec<u64>, value: u64, max: usize) {
    if set.contains(&value) {
        return;
    }
    if set.len() == max {
        set.remove(0);
    }
    set.push(value);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(engine: &mut Engine, lines: &[&str]) -> Vec<String> {
        lines
            .iter()
            .filter_map(|l| engine.observe_line(l).expect(l))
            .map(|d| {
                let reasons: Vec<String> = d
                    .reasons
                    .iter()
                    .map(|r| r.kind.as_str().to_owned())
                    .collect();
                format!("{} {} {}", d.t, d.action.as_str(), reasons.join(","))
            })
            .collect()
    }

    const SHARE_ON: &str = r#"{"t":100,"kind":"windows","windows":[{"type":"system","package":"com.android.systemui","texts":["正在共享屏幕"]}]}"#;
    const SHARE_OFF: &str = r#"{"t":900,"kind":"windows","windows":[{"type":"system","package":"com.android.systemui","texts":["10:30"]}]}"#;

    #[test]
    fn bank_on_shared_screen_interrupts_and_clears_when_sharing_ends() {
        let mut e = Engine::new(Locale::ZhCn);
        let out = run(
            &mut e,
            &[
                SHARE_ON,
                r#"{"t":200,"kind":"window","package":"com.tencent.mobileqq","texts":["消息"]}"#,
                r#"{"t":300,"kind":"window","package":"com.icbc","texts":["转账"]}"#,
                SHARE_OFF,
            ],
        );
        assert_eq!(
            out,
            [
                "300 interrupt screen_share,banking_app",
                "900 clear screen_share,banking_app"
            ]
        );
    }

    #[test]
    fn nothing_fires_without_exposure() {
        let mut e = Engine::new(Locale::ZhCn);
        let out = run(
            &mut e,
            &[
                r#"{"t":1,"kind":"window","package":"com.icbc","texts":["转账"]}"#,
                r#"{"t":2,"kind":"notification","package":"com.android.mms","texts":["【工商银行】验证码 483920"]}"#,
            ],
        );
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn continue_snoozes_same_reasons_but_a_new_code_interrupts() {
        let mut e = Engine::new(Locale::En);
        let out = run(
            &mut e,
            &[
                SHARE_ON,
                r#"{"t":300,"kind":"window","package":"com.icbc","texts":["转账"]}"#,
                r#"{"t":400,"kind":"user","choice":"continue"}"#,
                r#"{"t":500,"kind":"content","package":"com.icbc","texts":["转账","收款人"]}"#,
                r#"{"t":600,"kind":"notification","package":"com.android.mms","texts":["【工商银行】验证码 483920"]}"#,
                r#"{"t":700,"kind":"call","state":"offhook","known_contact":false}"#,
            ],
        );
        assert_eq!(
            out,
            [
                "300 interrupt screen_share,banking_app",
                "400 clear screen_share,banking_app",
                "600 interrupt screen_share,otp,banking_app",
                "700 interrupt screen_share,otp,banking_app,call_unknown",
            ]
        );
    }

    #[test]
    fn leave_clears_and_returning_to_the_bank_interrupts_again() {
        let mut e = Engine::new(Locale::ZhCn);
        let out = run(
            &mut e,
            &[
                SHARE_ON,
                r#"{"t":300,"kind":"window","package":"com.icbc","texts":["转账"]}"#,
                r#"{"t":400,"kind":"user","choice":"leave"}"#,
                r#"{"t":450,"kind":"window","package":"com.miui.home","texts":[]}"#,
                r#"{"t":500,"kind":"window","package":"com.icbc","texts":["转账"]}"#,
            ],
        );
        assert_eq!(
            out,
            [
                "300 interrupt screen_share,banking_app",
                "400 clear screen_share,banking_app",
                "500 interrupt screen_share,banking_app",
            ]
        );
    }

    #[test]
    fn a_code_in_the_pulled_down_shade_interrupts_without_changing_the_foreground() {
        let mut e = Engine::new(Locale::ZhCn);
        let out = run(
            &mut e,
            &[
                SHARE_ON,
                r#"{"t":200,"kind":"window","package":"com.tencent.mobileqq","texts":["消息"]}"#,
                r#"{"t":300,"kind":"window","package":"com.android.systemui","texts":["通知","短信 · 刚刚","【建设银行】验证码：736154，用于快捷支付"]}"#,
            ],
        );
        assert_eq!(out, ["300 interrupt screen_share,otp"]);
        assert_eq!(e.status().foreground, []);
    }

    #[test]
    fn status_names_kinds_never_text() {
        let mut e = Engine::new(Locale::ZhCn);
        run(
            &mut e,
            &[
                SHARE_ON,
                r#"{"t":300,"kind":"window","package":"com.icbc","texts":["账户余额 8888.00"]}"#,
            ],
        );
        let status = serde_json::to_string(&e.status()).unwrap();
        assert!(status.contains("\"interrupting\":true"), "{status}");
        assert!(!status.contains("8888"), "{status}");
    }
}
