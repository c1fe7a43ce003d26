//! The observation trace format, version 1 (`shared/spec/observation-trace.md`).
//!
//! One JSON object per line. [`parse_observation`] turns a line into an
//! [`Observation`] or a [`BadObservation`] that says why it was refused; unknown
//! fields are ignored, as the spec requires. Texts are kept as owned strings
//! because the engine keeps the foreground screen between observations.

use serde::Deserialize;
use std::fmt;

/// The longest line the reader accepts (4 MiB). A longer line is a bad
/// observation: the Kotlin side caps what it sends far below this.
pub const MAX_LINE_BYTES: usize = 4 * 1024 * 1024;

/// One observation: when it happened and what was observed.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    /// Milliseconds since the trace began.
    pub t: u64,
    /// What was observed.
    pub event: Event,
}

/// What an observation says, one variant per `kind` of the spec.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// `window`: the foreground window changed.
    Window(Screen),
    /// `content`: the foreground window's content changed (a full snapshot).
    Content(Screen),
    /// `notification`: a notification was posted.
    Notification(Notification),
    /// `click`: the person tapped a view.
    Click(Click),
    /// `windows`: a snapshot of all windows on screen.
    Windows(Vec<WindowInfo>),
    /// `display`: the set of displays changed.
    Display(Vec<DisplayInfo>),
    /// `recording`: the observer's window is (not) visible in a recording.
    Recording {
        /// The observer's window is visible in a recording or share.
        visible: bool,
    },
    /// `accessibility`: the enabled accessibility services (the guard's own left out).
    Accessibility {
        /// Package names of the enabled services.
        enabled: Vec<String>,
    },
    /// `call`: telephony state.
    Call {
        /// Idle, ringing or off-hook.
        state: CallState,
        /// The other party is in the contacts (`None` when unknown).
        known_contact: Option<bool>,
    },
    /// `screen`: the screen turned on or off.
    Screen {
        /// The screen is on.
        on: bool,
    },
    /// `user`: what the person chose on the interruption.
    User {
        /// The choice.
        choice: UserChoice,
    },
}

impl Event {
    /// The spec's name for this kind of observation.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Event::Window(_) => "window",
            Event::Content(_) => "content",
            Event::Notification(_) => "notification",
            Event::Click(_) => "click",
            Event::Windows(_) => "windows",
            Event::Display(_) => "display",
            Event::Recording { .. } => "recording",
            Event::Accessibility { .. } => "accessibility",
            Event::Call { .. } => "call",
            Event::Screen { .. } => "screen",
            Event::User { .. } => "user",
        }
    }
}

/// The foreground window of a `window` or `content` observation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Screen {
    /// Package of the window.
    pub package: String,
    /// Activity or dialog class name.
    pub class: Option<String>,
    /// Visible texts and content descriptions, tree order.
    pub texts: Vec<String>,
    /// Editable fields.
    pub fields: Vec<Field>,
    /// Extension (optional field `marked`): an app that bundles the library
    /// marks its own sensitive screens (bank mode).
    pub marked: Option<MarkedScreen>,
}

/// A screen an app marked as sensitive (the optional `marked` field of
/// `window` and `content`, an extension for bank mode).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkedScreen {
    /// `transfer`: a transfer or payment.
    Transfer,
    /// `otp_entry`: entering a verification code.
    OtpEntry,
    /// `card_binding`: binding a card.
    CardBinding,
    /// `loan_drawdown`: drawing down a loan.
    LoanDrawdown,
    /// `account`, or a value this build does not know: sensitive all the same.
    Account,
}

impl MarkedScreen {
    /// Parses the field's value; unknown values are still sensitive.
    pub fn parse(value: &str) -> MarkedScreen {
        match value {
            "transfer" => MarkedScreen::Transfer,
            "otp_entry" => MarkedScreen::OtpEntry,
            "card_binding" => MarkedScreen::CardBinding,
            "loan_drawdown" => MarkedScreen::LoanDrawdown,
            _ => MarkedScreen::Account,
        }
    }
}

/// An editable field of a screen.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct Field {
    /// The hint shown in the empty field.
    #[serde(default)]
    pub hint: Option<String>,
    /// The text in the field (never sent for password fields).
    #[serde(default)]
    pub text: Option<String>,
    /// The view id, e.g. `com.bank:id/card_number`.
    #[serde(default)]
    pub id: Option<String>,
    /// A password field.
    #[serde(default)]
    pub password: Option<bool>,
}

/// A posted notification.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Notification {
    /// The posting app.
    pub package: String,
    /// Title, text, ticker.
    pub texts: Vec<String>,
    /// An ongoing (foreground-service) notification.
    pub ongoing: bool,
}

/// A tap on a view.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Click {
    /// Package of the window that holds the view.
    pub package: String,
    /// The tapped view's text and content description.
    pub texts: Vec<String>,
}

/// The type of a window in a `windows` snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WindowType {
    /// An app's window.
    Application,
    /// A system window (status bar, navigation bar, system dialogs).
    System,
    /// The keyboard.
    InputMethod,
    /// A window of an accessibility service.
    AccessibilityOverlay,
    /// The split-screen divider.
    SplitScreenDivider,
    /// The magnification overlay.
    Magnification,
}

/// One window of a `windows` snapshot.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct WindowInfo {
    /// The window type.
    #[serde(rename = "type")]
    pub window_type: WindowType,
    /// The owning package, when known.
    #[serde(default)]
    pub package: Option<String>,
    /// The window title.
    #[serde(default)]
    pub title: Option<String>,
    /// The window's texts and content descriptions.
    #[serde(default)]
    pub texts: Vec<String>,
}

/// One display of a `display` observation.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DisplayInfo {
    /// The display id (0 is the built-in screen).
    pub id: i64,
    /// The display name.
    pub name: String,
    /// A virtual display.
    #[serde(default, rename = "virtual")]
    pub is_virtual: Option<bool>,
    /// The package that owns a virtual display.
    #[serde(default)]
    pub owner_package: Option<String>,
    /// Display flags, e.g. `presentation`, `public`, `secure`.
    #[serde(default)]
    pub flags: Vec<String>,
}

/// Telephony state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CallState {
    /// No call.
    Idle,
    /// A call is ringing.
    Ringing,
    /// A call is in progress.
    Offhook,
}

/// What the person chose on the interruption.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UserChoice {
    /// Proceed anyway.
    Continue,
    /// Stop sharing the screen.
    StopSharing,
    /// Went home or closed the app.
    Leave,
}

impl UserChoice {
    /// The spec's name for the choice.
    pub fn as_str(self) -> &'static str {
        match self {
            UserChoice::Continue => "continue",
            UserChoice::StopSharing => "stop_sharing",
            UserChoice::Leave => "leave",
        }
    }

    /// Parses the spec's name of a choice.
    pub fn parse(name: &str) -> Option<UserChoice> {
        match name {
            "continue" => Some(UserChoice::Continue),
            "stop_sharing" => Some(UserChoice::StopSharing),
            "leave" => Some(UserChoice::Leave),
            _ => None,
        }
    }
}

/// Why a line is not an observation. The message never quotes screen text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadObservation {
    /// The line is not valid JSON, or a field has the wrong type.
    InvalidJson(String),
    /// The line is longer than [`MAX_LINE_BYTES`].
    TooLong(usize),
    /// The line is JSON but not an object.
    NotAnObject,
    /// `kind` names no kind of the spec.
    UnknownKind(String),
    /// A required field is missing.
    MissingField {
        /// The observation's kind.
        kind: &'static str,
        /// The missing field.
        field: &'static str,
    },
    /// A field has a value the spec does not allow.
    InvalidValue {
        /// The field.
        field: &'static str,
        /// The values it allows.
        expected: &'static str,
    },
}

impl fmt::Display for BadObservation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BadObservation::InvalidJson(why) => write!(f, "not a valid observation: {why}"),
            BadObservation::TooLong(n) => {
                write!(f, "line of {n} bytes is longer than {MAX_LINE_BYTES}")
            }
            BadObservation::NotAnObject => f.write_str("not a JSON object"),
            BadObservation::UnknownKind(kind) => {
                // Kind names are short identifiers; cap what is echoed back.
                let shown: String = kind.chars().take(32).collect();
                write!(f, "unknown kind {shown:?}")
            }
            BadObservation::MissingField { kind, field } => {
                write!(f, "{kind} observation lacks required field `{field}`")
            }
            BadObservation::InvalidValue { field, expected } => {
                write!(f, "field `{field}` must be {expected}")
            }
        }
    }
}

impl std::error::Error for BadObservation {}

/// Every field of every kind, all optional: the spec's required fields are
/// checked after parsing, so a missing one gets a precise message.
#[derive(Deserialize)]
struct RawObservation {
    t: Option<u64>,
    kind: Option<String>,
    package: Option<String>,
    class: Option<String>,
    texts: Option<Vec<String>>,
    fields: Option<Vec<Field>>,
    marked: Option<String>,
    ongoing: Option<bool>,
    windows: Option<Vec<WindowInfo>>,
    displays: Option<Vec<DisplayInfo>>,
    visible: Option<bool>,
    enabled: Option<Vec<String>>,
    state: Option<String>,
    known_contact: Option<bool>,
    on: Option<bool>,
    choice: Option<String>,
}

/// Parses one line of a trace.
pub fn parse_observation(line: &str) -> Result<Observation, BadObservation> {
    if line.len() > MAX_LINE_BYTES {
        return Err(BadObservation::TooLong(line.len()));
    }
    let trimmed = line.trim_start();
    if !trimmed.starts_with('{') {
        return Err(
            if serde_json::from_str::<serde_json::Value>(trimmed).is_ok() {
                BadObservation::NotAnObject
            } else {
                BadObservation::InvalidJson("expected a JSON object".to_owned())
            },
        );
    }
    let raw: RawObservation = serde_json::from_str(line)
        .map_err(|e| BadObservation::InvalidJson(describe_json_error(&e)))?;
    let kind = raw.kind.as_deref().ok_or(BadObservation::MissingField {
        kind: "any",
        field: "kind",
    })?;
    let kind_name =
        canonical_kind(kind).ok_or_else(|| BadObservation::UnknownKind(kind.to_owned()))?;
    let t = raw.t.ok_or(BadObservation::MissingField {
        kind: kind_name,
        field: "t",
    })?;
    let event = build_event(kind_name, raw)?;
    Ok(Observation { t, event })
}

/// serde_json's messages quote offending string values; keep only the
/// category and the position so no screen text reaches an error message.
fn describe_json_error(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match e.classify() {
        Category::Io => "could not be read",
        Category::Syntax => "invalid JSON",
        Category::Eof => "truncated JSON",
        Category::Data => "a field has the wrong type",
    };
    format!("{what} at column {}", e.column())
}

fn canonical_kind(kind: &str) -> Option<&'static str> {
    const KINDS: [&str; 11] = [
        "window",
        "content",
        "notification",
        "click",
        "windows",
        "display",
        "recording",
        "accessibility",
        "call",
        "screen",
        "user",
    ];
    KINDS.iter().copied().find(|k| *k == kind)
}

fn build_event(kind: &'static str, raw: RawObservation) -> Result<Event, BadObservation> {
    let missing = |field| BadObservation::MissingField { kind, field };
    let event = match kind {
        "window" | "content" => {
            let screen = Screen {
                package: raw.package.ok_or_else(|| missing("package"))?,
                class: raw.class,
                texts: raw.texts.unwrap_or_default(),
                fields: raw.fields.unwrap_or_default(),
                marked: raw.marked.as_deref().map(MarkedScreen::parse),
            };
            if kind == "window" {
                Event::Window(screen)
            } else {
                Event::Content(screen)
            }
        }
        "notification" => Event::Notification(Notification {
            package: raw.package.ok_or_else(|| missing("package"))?,
            texts: raw.texts.unwrap_or_default(),
            ongoing: raw.ongoing.unwrap_or(false),
        }),
        "click" => Event::Click(Click {
            package: raw.package.ok_or_else(|| missing("package"))?,
            texts: raw.texts.unwrap_or_default(),
        }),
        "windows" => Event::Windows(raw.windows.ok_or_else(|| missing("windows"))?),
        "display" => Event::Display(raw.displays.ok_or_else(|| missing("displays"))?),
        "recording" => Event::Recording {
            visible: raw.visible.ok_or_else(|| missing("visible"))?,
        },
        "accessibility" => Event::Accessibility {
            enabled: raw.enabled.ok_or_else(|| missing("enabled"))?,
        },
        "call" => {
            let state = match raw.state.as_deref().ok_or_else(|| missing("state"))? {
                "idle" => CallState::Idle,
                "ringing" => CallState::Ringing,
                "offhook" => CallState::Offhook,
                _ => {
                    return Err(BadObservation::InvalidValue {
                        field: "state",
                        expected: "one of idle, ringing, offhook",
                    });
                }
            };
            Event::Call {
                state,
                known_contact: raw.known_contact,
            }
        }
        "screen" => Event::Screen {
            on: raw.on.ok_or_else(|| missing("on"))?,
        },
        "user" => {
            let choice = raw.choice.as_deref().ok_or_else(|| missing("choice"))?;
            Event::User {
                choice: UserChoice::parse(choice).ok_or(BadObservation::InvalidValue {
                    field: "choice",
                    expected: "one of continue, stop_sharing, leave",
                })?,
            }
        }
        _ => unreachable!("canonical_kind returned {kind}"),
    };
    Ok(event)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_kind() {
        let lines = [
            r#"{"t":0,"kind":"window","package":"com.eg.android.AlipayGphone","class":"x.Main","texts":["首页"],"fields":[{"hint":"验证码","password":false}]}"#,
            r#"{"t":1,"kind":"content","package":"com.tencent.mm","texts":["a","b"]}"#,
            r#"{"t":2,"kind":"notification","package":"com.android.mms","texts":["验证码 123456"],"ongoing":false}"#,
            r#"{"t":3,"kind":"click","package":"com.android.systemui","texts":["立即开始"]}"#,
            r#"{"t":4,"kind":"windows","windows":[{"type":"system","package":"com.android.systemui","texts":["正在共享屏幕"]},{"type":"application"}]}"#,
            r#"{"t":5,"kind":"display","displays":[{"id":0,"name":"内置屏幕"},{"id":2,"name":"cast","virtual":true,"owner_package":"com.tencent.wemeet.app","flags":["presentation"]}]}"#,
            r#"{"t":6,"kind":"recording","visible":true}"#,
            r#"{"t":7,"kind":"accessibility","enabled":["com.teamviewer.quicksupport.market"]}"#,
            r#"{"t":8,"kind":"call","state":"offhook","known_contact":false}"#,
            r#"{"t":9,"kind":"screen","on":false}"#,
            r#"{"t":10,"kind":"user","choice":"stop_sharing"}"#,
        ];
        let kinds: Vec<&str> = lines
            .iter()
            .map(|l| parse_observation(l).expect(l).event.kind_name())
            .collect();
        assert_eq!(
            kinds,
            [
                "window",
                "content",
                "notification",
                "click",
                "windows",
                "display",
                "recording",
                "accessibility",
                "call",
                "screen",
                "user"
            ]
        );
    }

    #[test]
    fn reads_the_marked_extension() {
        let obs = parse_observation(
            r#"{"t":1,"kind":"window","package":"org.example.bank","marked":"otp_entry"}"#,
        )
        .unwrap();
        let Event::Window(screen) = obs.event else {
            panic!("a window")
        };
        assert_eq!(screen.marked, Some(MarkedScreen::OtpEntry));
        let obs =
            parse_observation(r#"{"t":1,"kind":"content","package":"p","marked":"future_kind"}"#)
                .unwrap();
        let Event::Content(screen) = obs.event else {
            panic!("content")
        };
        assert_eq!(screen.marked, Some(MarkedScreen::Account));
    }

    #[test]
    fn ignores_unknown_fields() {
        let obs =
            parse_observation(r#"{"t":1,"kind":"screen","on":true,"extra":{"x":[1,2]}}"#).unwrap();
        assert_eq!(obs.event, Event::Screen { on: true });
    }

    #[test]
    fn reports_missing_required_fields() {
        assert_eq!(
            parse_observation(r#"{"t":1,"kind":"window"}"#),
            Err(BadObservation::MissingField {
                kind: "window",
                field: "package"
            })
        );
        assert_eq!(
            parse_observation(r#"{"kind":"screen","on":true}"#),
            Err(BadObservation::MissingField {
                kind: "screen",
                field: "t"
            })
        );
        assert_eq!(
            parse_observation(r#"{"t":1}"#),
            Err(BadObservation::MissingField {
                kind: "any",
                field: "kind"
            })
        );
    }

    #[test]
    fn reports_unknown_kind_and_bad_values() {
        assert_eq!(
            parse_observation(r#"{"t":1,"kind":"telepathy"}"#),
            Err(BadObservation::UnknownKind("telepathy".into()))
        );
        assert!(matches!(
            parse_observation(r#"{"t":1,"kind":"call","state":"dialing"}"#),
            Err(BadObservation::InvalidValue { field: "state", .. })
        ));
        assert!(matches!(
            parse_observation(r#"{"t":1,"kind":"user","choice":"maybe"}"#),
            Err(BadObservation::InvalidValue {
                field: "choice",
                ..
            })
        ));
    }

    #[test]
    fn error_messages_never_quote_screen_text() {
        let err =
            parse_observation(r#"{"t":1,"kind":"window","package":"p","texts":"验证码 654321"}"#)
                .unwrap_err();
        assert!(matches!(err, BadObservation::InvalidJson(_)));
        assert!(!err.to_string().contains("654321"), "{err}");
    }

    #[test]
    fn rejects_non_objects_and_garbage() {
        assert_eq!(parse_observation("[1,2]"), Err(BadObservation::NotAnObject));
        assert!(matches!(
            parse_observation("{"),
            Err(BadObservation::InvalidJson(_))
        ));
        assert!(matches!(
            parse_observation(""),
            Err(BadObservation::InvalidJson(_))
        ));
        assert!(matches!(
            parse_observation(r#"{"t":-5,"kind":"screen","on":true}"#),
            Err(BadObservation::InvalidJson(_))
        ));
    }
}
