//! Whether the screen is exposed: shared, cast, recorded or remote-controlled.
//!
//! The tracker keeps one [`Exposure`] per piece of evidence (what kind, from
//! which app, since when) and ends each when the evidence says it ended:
//!
//! | evidence | starts on | ends on |
//! |---|---|---|
//! | `consent` | a tap on the start button of the system's capture consent dialog | a status bar without any capture indicator, or `evidence_ttl_ms` without being seen again |
//! | `status_bar` | a capture indicator (chip, cast icon) in a `windows` snapshot or a System UI notification | a later snapshot whose system windows show none |
//! | `notification` | an ongoing notification of a sharing or remote app saying it is sharing, or of any app in the status bar's own words (正在录屏, Sharing screen) | a status bar without indicator (where one was seen), the app saying it stopped or re-posting it without saying so, or the TTL |
//! | `app_text` | a sharing or remote app's own screen saying it is sharing | the same as `notification` |
//! | `accessibility_service` | a remote-control app's accessibility service enabled | the service no longer enabled |
//! | `display` | an extra public, presentation or app-owned display | the display gone |
//! | `recording_callback` | the Android 15 recording callback saying visible | it saying not visible |

use crate::decision::{Reason, ReasonKind};
use crate::rules::{AppCategory, Rules};
use crate::trace::{Click, DisplayInfo, Notification, WindowInfo, WindowType};
use serde::Serialize;

/// How the screen is exposed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExposureKind {
    /// Shared with an app (meeting, chat, any app capturing the screen).
    Share,
    /// Cast to another screen.
    Cast,
    /// Recorded.
    Record,
    /// Controlled remotely.
    RemoteControl,
}

/// What says the screen is exposed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// The person started capture in the system consent dialog.
    Consent,
    /// A capture indicator in the status bar.
    StatusBar,
    /// A sharing or remote app's ongoing notification.
    Notification,
    /// A sharing or remote app's own screen.
    AppText,
    /// A remote-control app's accessibility service is enabled.
    AccessibilityService,
    /// An extra display.
    Display,
    /// The Android 15 screen-recording callback.
    RecordingCallback,
}

impl Evidence {
    /// The short name used as a reason's detail.
    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::Consent => "consent",
            Evidence::StatusBar => "status_bar",
            Evidence::Notification => "notification",
            Evidence::AppText => "app_text",
            Evidence::AccessibilityService => "accessibility_service",
            Evidence::Display => "display",
            Evidence::RecordingCallback => "recording_callback",
        }
    }

    /// Evidence that ends when the status bar shows no capture indicator.
    fn ends_with_status_bar(self) -> bool {
        matches!(
            self,
            Evidence::Consent | Evidence::StatusBar | Evidence::Notification | Evidence::AppText
        )
    }

    /// Evidence with no end signal of its own, which expires unless seen again.
    fn expires(self) -> bool {
        matches!(
            self,
            Evidence::Consent | Evidence::Notification | Evidence::AppText
        )
    }
}

/// One exposure: how, from which app, since when, on what evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exposure {
    /// How the screen is exposed.
    pub kind: ExposureKind,
    /// What says so.
    pub evidence: Evidence,
    /// The app behind it, when known: a package, or `display` for a display
    /// that no app owns.
    pub source: Option<String>,
    /// When it started (trace milliseconds).
    pub since: u64,
    /// When the evidence was last seen.
    #[serde(skip)]
    last_seen: u64,
}

impl Exposure {
    /// The reason this exposure gives.
    pub fn reason(&self) -> Reason {
        let kind = match self.kind {
            ExposureKind::Share | ExposureKind::Cast => ReasonKind::ScreenShare,
            ExposureKind::Record => ReasonKind::ScreenRecording,
            ExposureKind::RemoteControl => ReasonKind::RemoteControl,
        };
        let detail = match self.kind {
            ExposureKind::Cast => "cast",
            _ => self.evidence.as_str(),
        };
        Reason::new(kind, detail)
    }
}

/// A consent dialog seen and not yet answered.
#[derive(Debug, Clone, Copy)]
struct PendingConsent {
    kind: ExposureKind,
    seen_at: u64,
}

/// How long a consent dialog waits for its button tap.
const CONSENT_ANSWER_MS: u64 = 2 * 60 * 1000;

/// A status bar seen this soon after a consent tap may not show the indicator yet.
const INDICATOR_LAG_MS: u64 = 5_000;

/// The exposure state.
#[derive(Debug, Default)]
pub struct ExposureTracker {
    exposures: Vec<Exposure>,
    pending_consent: Option<PendingConsent>,
    /// A capture indicator has been seen since exposure last ended: only then
    /// does a status bar without one prove that capture has ended (many
    /// phones show no indicator at all).
    indicator_seen: bool,
}

/// At most this many exposures are kept (the oldest go first): the phone has a
/// handful of ways to expose the screen, never hundreds.
const MAX_EXPOSURES: usize = 32;

impl ExposureTracker {
    /// Whether anything exposes the screen.
    pub fn is_exposed(&self) -> bool {
        !self.exposures.is_empty()
    }

    /// The current exposures, oldest first.
    pub fn exposures(&self) -> &[Exposure] {
        &self.exposures
    }

    /// Drops evidence not seen again within `rules.evidence_ttl_ms`.
    pub fn expire(&mut self, rules: &Rules, now: u64) {
        let ttl = rules.evidence_ttl_ms;
        self.exposures
            .retain(|e| !e.evidence.expires() || now.saturating_sub(e.last_seen) <= ttl);
        if let Some(p) = self.pending_consent
            && now.saturating_sub(p.seen_at) > CONSENT_ANSWER_MS
        {
            self.pending_consent = None;
        }
    }

    fn add(&mut self, kind: ExposureKind, evidence: Evidence, source: Option<&str>, now: u64) {
        if let Some(e) = self
            .exposures
            .iter_mut()
            .find(|e| e.kind == kind && e.evidence == evidence && e.source.as_deref() == source)
        {
            e.last_seen = now;
            return;
        }
        if evidence == Evidence::StatusBar {
            self.indicator_seen = true;
        }
        if self.exposures.len() == MAX_EXPOSURES {
            self.exposures.remove(0);
        }
        self.exposures.push(Exposure {
            kind,
            evidence,
            source: source.map(str::to_owned),
            since: now,
            last_seen: now,
        });
    }

    fn end(&mut self, mut ends: impl FnMut(&Exposure) -> bool) {
        self.exposures.retain(|e| !ends(e));
        if self.exposures.is_empty() {
            self.indicator_seen = false;
        }
    }

    /// An app's window came to the front: a consent dialog still waiting was
    /// dismissed without an answer.
    pub fn on_foreground_app(&mut self) {
        self.pending_consent = None;
    }

    /// A System UI window: the capture consent dialog, or the status bar or
    /// shade showing a capture indicator.
    pub fn on_system_screen(&mut self, rules: &Rules, joined_texts: &str, now: u64) {
        if let Some(kind) = indicator_kind(rules, joined_texts) {
            self.add(kind, Evidence::StatusBar, None, now);
        }
        let kind = if rules.consent_record.is_match(joined_texts) {
            Some(ExposureKind::Record)
        } else if rules.consent_share.is_match(joined_texts) {
            Some(ExposureKind::Share)
        } else {
            None
        };
        if let Some(kind) = kind {
            self.pending_consent = Some(PendingConsent { kind, seen_at: now });
        }
    }

    /// A tap: the consent dialog's start or cancel button, or a stop button
    /// of System UI or of a sharing or remote app (a 断开连接 in Settings, for
    /// a Bluetooth headset, stops nothing).
    pub fn on_click(&mut self, rules: &Rules, click: &Click, now: u64) {
        let system = rules.system_ui.get(&click.package).is_some();
        if (system || is_sharing_app(rules, &click.package))
            && click.texts.iter().any(|t| rules.stop_buttons.is(t))
        {
            self.on_stop_tapped(&click.package, system);
            return;
        }
        let Some(pending) = self.pending_consent else {
            return;
        };
        if !system {
            return;
        }
        if click.texts.iter().any(|t| rules.consent_cancel.is(t)) {
            self.pending_consent = None;
        } else if click.texts.iter().any(|t| rules.consent_start.is(t)) {
            self.pending_consent = None;
            self.add(pending.kind, Evidence::Consent, None, now);
        }
    }

    /// A stop button tapped: in a sharing app, it ends what that app said and
    /// the consent that most likely started it; in System UI (the chip's stop
    /// dialog), it ends all capture the status bar speaks for.
    fn on_stop_tapped(&mut self, package: &str, system: bool) {
        self.pending_consent = None;
        if system {
            self.end(|e| e.evidence.ends_with_status_bar());
        } else {
            self.end(|e| {
                e.evidence == Evidence::Consent
                    || e.source.as_deref() == Some(package)
                        && matches!(e.evidence, Evidence::AppText | Evidence::Notification)
            });
        }
    }

    /// An app's own screen: a sharing or remote app saying it shares or stopped.
    pub fn on_app_screen(&mut self, rules: &Rules, package: &str, joined_texts: &str, now: u64) {
        self.on_app_text(rules, package, joined_texts, Evidence::AppText, now);
    }

    fn on_app_text(
        &mut self,
        rules: &Rules,
        package: &str,
        joined_texts: &str,
        evidence: Evidence,
        now: u64,
    ) {
        if !is_sharing_app(rules, package) || rules.sharing_other.is_in(joined_texts) {
            // Not a sharing app, or a share of a live location: nothing about the screen.
            return;
        }
        let category = rules.apps.get(package);
        if rules.sharing_ended.is_in(joined_texts) {
            // The app's own word ends what it said, and the consent that most
            // likely started it; the status bar speaks for itself.
            self.end(|e| {
                e.evidence == Evidence::Consent
                    || e.source.as_deref() == Some(package)
                        && matches!(e.evidence, Evidence::AppText | Evidence::Notification)
            });
            return;
        }
        if rules.remote_active.is_in(joined_texts) {
            self.add(ExposureKind::RemoteControl, evidence, Some(package), now);
        } else if rules.sharing_active.is_in(joined_texts) {
            let kind = if category == Some(AppCategory::RemoteControl) {
                ExposureKind::RemoteControl
            } else {
                ExposureKind::Share
            };
            self.add(kind, evidence, Some(package), now);
        } else if evidence == Evidence::Notification {
            // The app re-posted its ongoing notification without saying it shares.
            self.end(|e| {
                e.evidence == Evidence::Notification && e.source.as_deref() == Some(package)
            });
        }
    }

    /// A notification: a sharing app's ongoing one, or System UI's capture notice.
    pub fn on_notification(
        &mut self,
        rules: &Rules,
        n: &Notification,
        joined_texts: &str,
        now: u64,
    ) {
        if rules.system_ui.get(&n.package).is_some() {
            if let Some(kind) = indicator_kind(rules, joined_texts) {
                self.add(kind, Evidence::StatusBar, None, now);
            }
            return;
        }
        if is_sharing_app(rules, &n.package) {
            if n.ongoing || rules.sharing_ended.is_in(joined_texts) {
                self.on_app_text(rules, &n.package, joined_texts, Evidence::Notification, now);
            }
        } else if n.ongoing {
            // Another app (a phone maker's screen recorder, a sharing app the
            // rules do not know) counts only with the status bar's own words
            // for sharing or recording (正在录屏, Sharing screen), never with a
            // generic 停止共享, nor with 投屏中: a video app casting a video (DLNA)
            // sends the video, not the screen.
            match indicator_kind(rules, joined_texts) {
                Some(kind @ (ExposureKind::Share | ExposureKind::Record)) => {
                    self.add(kind, Evidence::Notification, Some(&n.package), now)
                }
                _ => self.end(|e| {
                    e.evidence == Evidence::Notification && e.source.as_deref() == Some(&n.package)
                }),
            }
        }
    }

    /// A snapshot of all windows: status-bar indicators, sharing apps' floating windows.
    pub fn on_windows(
        &mut self,
        rules: &Rules,
        windows: &[WindowInfo],
        scratch: &mut String,
        now: u64,
    ) {
        let mut saw_system = false;
        let (mut share, mut cast, mut record) = (false, false, false);
        for w in windows {
            scratch.clear();
            if let Some(title) = &w.title {
                scratch.push_str(title);
                scratch.push('\n');
            }
            scratch.push_str(w.texts.joined());
            // System UI's windows hold the status bar; an app's overlay (a
            // meeting's floating toolbar, a video app's cast control) is
            // `system`-typed too, but speaks only for that app.
            let system = match w.package.as_deref() {
                Some(p) => rules.system_ui.get(p).is_some(),
                None => w.window_type == WindowType::System,
            };
            if system {
                saw_system = true;
                match indicator_kind(rules, scratch) {
                    Some(ExposureKind::Share) => share = true,
                    Some(ExposureKind::Cast) => cast = true,
                    Some(ExposureKind::Record) => record = true,
                    Some(ExposureKind::RemoteControl) | None => {}
                }
            } else if let Some(package) = w.package.as_deref() {
                self.on_app_text(rules, package, scratch, Evidence::AppText, now);
            }
        }
        if !saw_system {
            return;
        }
        for (seen, kind) in [
            (share, ExposureKind::Share),
            (cast, ExposureKind::Cast),
            (record, ExposureKind::Record),
        ] {
            if seen {
                self.add(kind, Evidence::StatusBar, None, now);
            }
        }
        if share || cast || record {
            self.end(|e| {
                e.evidence == Evidence::StatusBar
                    && match e.kind {
                        ExposureKind::Share => !share,
                        ExposureKind::Cast => !cast,
                        ExposureKind::Record => !record,
                        ExposureKind::RemoteControl => false,
                    }
            });
            return;
        }
        if !self.indicator_seen {
            // This phone may show no indicator at all: its absence proves nothing.
            return;
        }
        // No indicator on a status bar that showed one: capture has ended.
        self.end(|e| {
            e.evidence.ends_with_status_bar()
                && !(e.evidence == Evidence::Consent
                    && now.saturating_sub(e.since) < INDICATOR_LAG_MS)
        });
    }

    /// The enabled accessibility services: remote-control apps' services.
    pub fn on_accessibility(&mut self, rules: &Rules, enabled: &[String], now: u64) {
        self.end(|e| {
            e.evidence == Evidence::AccessibilityService
                && !enabled
                    .iter()
                    .any(|p| Some(p.as_str()) == e.source.as_deref())
        });
        for package in enabled {
            if rules.apps.get(package) == Some(AppCategory::RemoteControl) {
                self.add(
                    ExposureKind::RemoteControl,
                    Evidence::AccessibilityService,
                    Some(package),
                    now,
                );
            }
        }
    }

    /// The set of displays: extra public, presentation or app-owned displays.
    pub fn on_display(&mut self, rules: &Rules, displays: &[DisplayInfo], now: u64) {
        self.end(|e| e.evidence == Evidence::Display);
        for d in displays {
            if let Some(kind) = display_kind(rules, d) {
                let source = d.owner_package.as_deref();
                self.add(kind, Evidence::Display, source.or(Some("display")), now);
            }
        }
    }

    /// The Android 15 recording callback.
    pub fn on_recording(&mut self, visible: bool, now: u64) {
        if visible {
            self.add(ExposureKind::Record, Evidence::RecordingCallback, None, now);
        } else {
            self.end(|e| e.evidence == Evidence::RecordingCallback);
        }
    }
}

/// Whether a package is a screen-share or remote-control app: only their own
/// texts, notifications and stop buttons speak for a share.
fn is_sharing_app(rules: &Rules, package: &str) -> bool {
    matches!(
        rules.apps.get(package),
        Some(AppCategory::ScreenShare | AppCategory::RemoteControl)
    )
}

/// The capture indicator a status-bar text shows, if any. The consent
/// dialog's question ("…recording or casting with…") is not an indicator.
fn indicator_kind(rules: &Rules, text: &str) -> Option<ExposureKind> {
    if rules.consent_share.is_match(text) || rules.consent_record.is_match(text) {
        None
    } else if rules.indicator_share.is_in(text) {
        Some(ExposureKind::Share)
    } else if rules.indicator_record.is_in(text) {
        Some(ExposureKind::Record)
    } else if rules.indicator_cast.is_in(text) {
        Some(ExposureKind::Cast)
    } else {
        None
    }
}

/// Whether a display exposes the screen, and how: every display but the
/// built-in one (id 0) shows what is on the screen somewhere else, unless its
/// flags call it private (it shows only its owner's content).
fn display_kind(rules: &Rules, d: &DisplayInfo) -> Option<ExposureKind> {
    if d.id == 0 || d.flags.iter().any(|f| f.eq_ignore_ascii_case("private")) {
        return None;
    }
    let owner = d
        .owner_package
        .as_deref()
        .filter(|p| rules.system_ui.get(p).is_none());
    match owner.and_then(|p| rules.apps.get(p)) {
        Some(AppCategory::RemoteControl) => Some(ExposureKind::RemoteControl),
        Some(AppCategory::ScreenShare) => Some(ExposureKind::Share),
        _ => Some(ExposureKind::Cast),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> std::sync::Arc<Rules> {
        Rules::default_rules()
    }

    fn status_bar(texts: &[&str]) -> Vec<WindowInfo> {
        vec![WindowInfo {
            window_type: WindowType::System,
            package: Some("com.android.systemui".into()),
            title: None,
            texts: texts.iter().collect(),
        }]
    }

    #[test]
    fn consent_start_tap_exposes_and_cancel_does_not() {
        let r = rules();
        let mut x = ExposureTracker::default();
        x.on_system_screen(&r, "要与“QQ”共享屏幕吗？", 0);
        let cancel = Click {
            package: "com.android.systemui".into(),
            texts: ["取消"].into_iter().collect(),
        };
        x.on_click(&r, &cancel, 10);
        assert!(!x.is_exposed());
        x.on_system_screen(&r, "Start recording or casting with QQ?", 20);
        let start = Click {
            package: "com.android.systemui".into(),
            texts: ["Start now"].into_iter().collect(),
        };
        x.on_click(&r, &start, 30);
        assert_eq!(
            x.exposures()[0].reason().to_string(),
            "screen_share:consent"
        );
    }

    #[test]
    fn a_stop_tap_or_a_quiet_repost_ends_what_the_app_said() {
        let r = rules();
        let sharing = Notification {
            package: "com.tencent.wemeet.app".into(),
            texts: ["腾讯会议", "你正在共享屏幕"].into_iter().collect(),
            ongoing: true,
        };
        let mut x = ExposureTracker::default();
        x.on_notification(&r, &sharing, "腾讯会议\n你正在共享屏幕", 0);
        assert!(x.is_exposed());
        let stop = Click {
            package: "com.tencent.wemeet.app".into(),
            texts: ["结束共享"].into_iter().collect(),
        };
        x.on_click(&r, &stop, 10);
        assert!(!x.is_exposed());
        x.on_notification(&r, &sharing, "腾讯会议\n你正在共享屏幕", 20);
        let in_meeting = Notification {
            texts: ["腾讯会议", "会议进行中"].into_iter().collect(),
            ..sharing.clone()
        };
        x.on_notification(&r, &in_meeting, "腾讯会议\n会议进行中", 30);
        assert!(!x.is_exposed());
    }

    #[test]
    fn a_live_location_share_is_not_a_screen_share() {
        let r = rules();
        let mut x = ExposureTracker::default();
        let location = Notification {
            package: "com.tencent.mm".into(),
            texts: ["微信", "正在共享实时位置，点击结束共享"]
                .into_iter()
                .collect(),
            ongoing: true,
        };
        x.on_notification(&r, &location, location.texts.joined(), 0);
        assert!(!x.is_exposed());
        let screen = Notification {
            texts: ["微信", "你正在共享屏幕"].into_iter().collect(),
            ..location
        };
        x.on_notification(&r, &screen, screen.texts.joined(), 10);
        assert!(x.is_exposed());
    }

    #[test]
    fn status_bar_indicator_starts_and_its_absence_ends() {
        let r = rules();
        let mut x = ExposureTracker::default();
        let mut scratch = String::new();
        x.on_windows(&r, &status_bar(&["10:05", "正在共享屏幕"]), &mut scratch, 0);
        assert!(x.is_exposed());
        x.on_windows(&r, &status_bar(&["10:06", "电量 80%"]), &mut scratch, 1000);
        assert!(!x.is_exposed());
    }

    #[test]
    fn snapshot_without_system_windows_proves_nothing() {
        let r = rules();
        let mut x = ExposureTracker::default();
        let mut scratch = String::new();
        x.on_windows(&r, &status_bar(&["Casting"]), &mut scratch, 0);
        assert_eq!(x.exposures()[0].reason().to_string(), "screen_share:cast");
        let app_only = vec![WindowInfo {
            window_type: WindowType::Application,
            package: Some("com.tencent.mm".into()),
            title: None,
            texts: Default::default(),
        }];
        x.on_windows(&r, &app_only, &mut scratch, 1000);
        assert!(x.is_exposed());
    }

    #[test]
    fn remote_control_service_follows_the_enabled_list() {
        let r = rules();
        let mut x = ExposureTracker::default();
        x.on_accessibility(&r, &["com.anydesk.anydeskandroid".into()], 0);
        assert_eq!(
            x.exposures()[0].reason().to_string(),
            "remote_control:accessibility_service"
        );
        x.on_accessibility(&r, &["com.google.android.marvin.talkback".into()], 10);
        assert!(!x.is_exposed());
    }

    #[test]
    fn notification_evidence_expires_without_refresh() {
        let r = rules();
        let mut x = ExposureTracker::default();
        let n = Notification {
            package: "com.tencent.wemeet.app".into(),
            texts: ["腾讯会议", "你正在共享屏幕"].into_iter().collect(),
            ongoing: true,
        };
        x.on_notification(&r, &n, "腾讯会议\n你正在共享屏幕", 0);
        assert!(x.is_exposed());
        x.expire(&r, r.evidence_ttl_ms);
        assert!(x.is_exposed());
        x.expire(&r, r.evidence_ttl_ms + 1);
        assert!(!x.is_exposed());
    }

    #[test]
    fn extra_displays_and_the_recording_callback() {
        let r = rules();
        let mut x = ExposureTracker::default();
        let builtin = DisplayInfo {
            id: 0,
            name: "Built-in".into(),
            is_virtual: None,
            owner_package: None,
            flags: vec![],
        };
        let hdmi = DisplayInfo {
            id: 2,
            name: "HDMI".into(),
            is_virtual: Some(false),
            owner_package: None,
            flags: vec!["presentation".into()],
        };
        x.on_display(&r, &[builtin.clone(), hdmi], 0);
        assert_eq!(x.exposures()[0].reason().to_string(), "screen_share:cast");
        x.on_display(&r, std::slice::from_ref(&builtin), 5);
        assert!(!x.is_exposed());
        let private = DisplayInfo {
            id: 3,
            name: "Virtual".into(),
            is_virtual: Some(true),
            owner_package: Some("org.example.launcher".into()),
            flags: vec!["private".into()],
        };
        x.on_display(&r, &[builtin, private], 5);
        assert!(
            !x.is_exposed(),
            "a private display shows only its owner's content"
        );
        x.on_recording(true, 6);
        assert_eq!(
            x.exposures()[0].reason().to_string(),
            "screen_recording:recording_callback"
        );
        x.on_recording(false, 7);
        assert!(!x.is_exposed());
    }
}
