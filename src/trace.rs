//! The observation trace format, version 1 (`shared/spec/observation-trace.md`).
//!
//! One JSON object per line. [`parse_observation`] turns a line into an
//! [`Observation`] or a [`BadObservation`] that says why it was refused. Only
//! the fields an observation's kind uses are read: any other field, even one
//! another kind uses, is ignored, as the spec requires. `null` for an optional
//! field reads as absent, and for a required one as missing. `windows`,
//! `displays` and `enabled` hold at most [`MAX_LIST_ENTRIES`] entries. Texts
//! are kept as owned strings because the engine keeps the foreground screen
//! between observations.

use serde::Deserialize;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::fmt;

/// A list of texts held in one buffer, separated by newlines: a screen of 400
/// texts is parsed without an allocation per text, and its joined form (what
/// the keyword and phrase matchers read) costs nothing.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Texts {
    joined: String,
    ends: Vec<usize>,
}

impl Texts {
    /// Adds a text at the end.
    pub fn push(&mut self, text: &str) {
        if !self.ends.is_empty() {
            self.joined.push('\n');
        }
        self.joined.push_str(text);
        self.ends.push(self.joined.len());
    }

    /// How many texts there are.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The text at `index`.
    pub fn get(&self, index: usize) -> Option<&str> {
        let end = *self.ends.get(index)?;
        let start = match index {
            0 => 0,
            _ => self.ends[index - 1] + 1,
        };
        Some(&self.joined[start..end])
    }

    /// The texts in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i).expect("an index below len"))
    }

    /// The index of the text that holds byte `offset` of [`Texts::joined`].
    pub fn index_at(&self, offset: usize) -> usize {
        self.ends
            .partition_point(|end| *end < offset)
            .min(self.len().saturating_sub(1))
    }

    /// All texts joined by newlines.
    pub fn joined(&self) -> &str {
        &self.joined
    }

    /// Reads a JSON list of strings. The joined texts are never longer than
    /// the JSON, so the buffer is sized once.
    fn from_json(json: &str) -> Result<Texts, serde_json::Error> {
        let mut deserializer = serde_json::Deserializer::from_str(json);
        let texts = Texts {
            joined: String::with_capacity(json.len()),
            ends: Vec::new(),
        };
        let texts = serde::Deserializer::deserialize_seq(&mut deserializer, TextsVisitor(texts))?;
        deserializer.end()?;
        Ok(texts)
    }
}

impl fmt::Debug for Texts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<S: AsRef<str>> FromIterator<S> for Texts {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        let mut texts = Texts::default();
        for text in iter {
            texts.push(text.as_ref());
        }
        texts
    }
}

impl<'de> Deserialize<'de> for Texts {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Texts, D::Error> {
        deserializer.deserialize_seq(TextsVisitor(Texts::default()))
    }
}

/// Appends every string of a list to the [`Texts`] it holds.
struct TextsVisitor(Texts);

impl<'de> serde::de::Visitor<'de> for TextsVisitor {
    type Value = Texts;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of strings")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Texts, A::Error> {
        let mut texts = self.0;
        while seq.next_element_seed(AppendText(&mut texts))?.is_some() {}
        Ok(texts)
    }
}

/// Deserialises one string straight into a [`Texts`] buffer.
struct AppendText<'a>(&'a mut Texts);

impl<'de> serde::de::DeserializeSeed<'de> for AppendText<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl serde::de::Visitor<'_> for AppendText<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<(), E> {
        self.0.push(text);
        Ok(())
    }
}

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
    pub texts: Texts,
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
    pub texts: Texts,
    /// An ongoing (foreground-service) notification.
    pub ongoing: bool,
}

/// A tap on a view.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Click {
    /// Package of the window that holds the view.
    pub package: String,
    /// The tapped view's text and content description.
    pub texts: Texts,
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
    /// A type this build does not know (a later Android's). The window is
    /// kept, so the rest of the snapshot (the status bar's sharing chip) still
    /// counts; it is read like an app window unless its package is system UI.
    #[serde(other)]
    Other,
}

/// One window of a `windows` snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct WindowInfo {
    /// The window type.
    pub window_type: WindowType,
    /// The owning package, when known.
    pub package: Option<String>,
    /// The window title.
    pub title: Option<String>,
    /// The window's texts and content descriptions.
    pub texts: Texts,
}

/// One display of a `display` observation.
#[derive(Debug, Clone, PartialEq)]
pub struct DisplayInfo {
    /// The display id (0 is the built-in screen).
    pub id: i64,
    /// The display name.
    pub name: String,
    /// A virtual display.
    pub is_virtual: Option<bool>,
    /// The package that owns a virtual display.
    pub owner_package: Option<String>,
    /// Display flags, e.g. `presentation`, `public`, `secure`.
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
    /// The line is not valid JSON.
    InvalidJson(String),
    /// The line is longer than [`MAX_LINE_BYTES`] (its length in bytes).
    TooLong(usize),
    /// The line is not UTF-8.
    NotUtf8,
    /// A field appears twice in one object.
    DuplicateField(&'static str),
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
            BadObservation::NotUtf8 => f.write_str("not UTF-8"),
            BadObservation::DuplicateField(field) => write!(f, "duplicate field `{field}`"),
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

/// The most entries a `windows`, `displays` or `enabled` list may have. A
/// phone shows a few dozen windows, a handful of displays and a few
/// accessibility services, so a longer list is broken or hostile input and is
/// refused before it costs memory. Texts are not capped: the line length
/// ([`MAX_LINE_BYTES`]) bounds them.
pub const MAX_LIST_ENTRIES: usize = 256;

/// Every field of every kind, each kept as unparsed JSON (`texts` excepted,
/// see [`TextsField`]): only the fields the observation's kind uses are parsed
/// (in [`build_event`]), so a field another kind uses is ignored like any
/// unknown field. `null` reads as absent.
#[derive(Deserialize)]
struct RawObservation<'a> {
    #[serde(borrow)]
    t: Option<&'a RawValue>,
    #[serde(borrow)]
    kind: Option<&'a RawValue>,
    #[serde(borrow)]
    package: Option<&'a RawValue>,
    #[serde(borrow)]
    class: Option<&'a RawValue>,
    #[serde(default)]
    texts: TextsField,
    #[serde(borrow)]
    fields: Option<&'a RawValue>,
    #[serde(borrow)]
    marked: Option<&'a RawValue>,
    #[serde(borrow)]
    ongoing: Option<&'a RawValue>,
    #[serde(borrow)]
    windows: Option<&'a RawValue>,
    #[serde(borrow)]
    displays: Option<&'a RawValue>,
    #[serde(borrow)]
    visible: Option<&'a RawValue>,
    #[serde(borrow)]
    enabled: Option<&'a RawValue>,
    #[serde(borrow)]
    state: Option<&'a RawValue>,
    #[serde(borrow)]
    known_contact: Option<&'a RawValue>,
    #[serde(borrow)]
    on: Option<&'a RawValue>,
    #[serde(borrow)]
    choice: Option<&'a RawValue>,
}

/// The top-level `texts`, read in the same pass as the rest of the line
/// (a screen's texts are most of its bytes, so they are not scanned twice),
/// whatever its type: only the kinds that use it look at it, so for any other
/// kind a `texts` of any type is ignored like an unknown field.
#[derive(Default)]
enum TextsField {
    /// Absent or `null`.
    #[default]
    Absent,
    /// A list of strings.
    List(Texts),
    /// Anything else.
    WrongType,
}

impl<'de> Deserialize<'de> for TextsField {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TextsFieldVisitor)
    }
}

/// Any JSON value that is not a list of strings is [`TextsField::WrongType`].
struct TextsFieldVisitor;

impl<'de> serde::de::Visitor<'de> for TextsFieldVisitor {
    type Value = TextsField;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<TextsField, E> {
        Ok(TextsField::Absent)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<TextsField, E> {
        Ok(TextsField::Absent)
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<TextsField, E> {
        Ok(TextsField::WrongType)
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<TextsField, E> {
        Ok(TextsField::WrongType)
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<TextsField, E> {
        Ok(TextsField::WrongType)
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<TextsField, E> {
        Ok(TextsField::WrongType)
    }
    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<TextsField, E> {
        Ok(TextsField::WrongType)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<TextsField, A::Error> {
        while map
            .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
            .is_some()
        {}
        Ok(TextsField::WrongType)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<TextsField, A::Error> {
        let mut texts = Texts::default();
        let mut all_strings = true;
        while seq
            .next_element_seed(LenientText {
                texts: &mut texts,
                all_strings: &mut all_strings,
            })?
            .is_some()
        {}
        Ok(if all_strings {
            TextsField::List(texts)
        } else {
            TextsField::WrongType
        })
    }
}

/// One entry of a top-level `texts`: a string is appended to the buffer,
/// anything else is read, dropped, and clears `all_strings`.
struct LenientText<'a> {
    texts: &'a mut Texts,
    all_strings: &'a mut bool,
}

impl LenientText<'_> {
    fn not_a_string(self) {
        *self.all_strings = false;
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for LenientText<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// Visits of scalars that are not strings: the element is marked as the
/// wrong type, and reading goes on.
macro_rules! not_a_string_scalars {
    ($($visit:ident: $ty:ty),*) => {
        $(fn $visit<E: serde::de::Error>(self, _: $ty) -> Result<(), E> {
            self.not_a_string();
            Ok(())
        })*
    };
}

impl<'de> serde::de::Visitor<'de> for LenientText<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<(), E> {
        self.texts.push(text);
        Ok(())
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.not_a_string();
        Ok(())
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.not_a_string();
        Ok(())
    }
    not_a_string_scalars!(visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_f64: f64);
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        self.not_a_string();
        Ok(())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map
            .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
            .is_some()
        {}
        self.not_a_string();
        Ok(())
    }
}

/// One entry of a `windows` list, unparsed like [`RawObservation`].
#[derive(Deserialize)]
struct RawWindow<'a> {
    #[serde(borrow, rename = "type")]
    window_type: Option<&'a RawValue>,
    #[serde(borrow)]
    package: Option<&'a RawValue>,
    #[serde(borrow)]
    title: Option<&'a RawValue>,
    #[serde(borrow)]
    texts: Option<&'a RawValue>,
}

/// One entry of a `displays` list, unparsed like [`RawObservation`].
#[derive(Deserialize)]
struct RawDisplay<'a> {
    #[serde(borrow)]
    id: Option<&'a RawValue>,
    #[serde(borrow)]
    name: Option<&'a RawValue>,
    #[serde(borrow, rename = "virtual")]
    is_virtual: Option<&'a RawValue>,
    #[serde(borrow)]
    owner_package: Option<&'a RawValue>,
    #[serde(borrow)]
    flags: Option<&'a RawValue>,
}

/// Every field name the reader knows, top level and nested: serde reports a
/// duplicate only for these, and the report names one of them.
const KNOWN_FIELDS: [&str; 26] = [
    "t",
    "kind",
    "package",
    "class",
    "texts",
    "fields",
    "marked",
    "ongoing",
    "windows",
    "displays",
    "visible",
    "enabled",
    "state",
    "known_contact",
    "on",
    "choice",
    "type",
    "title",
    "id",
    "name",
    "virtual",
    "owner_package",
    "flags",
    "hint",
    "text",
    "password",
];

/// A list read up to [`MAX_LIST_ENTRIES`] entries; the rest is skipped
/// without being kept, and `too_long` says there was more.
struct CappedList<T> {
    entries: Vec<T>,
    too_long: bool,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for CappedList<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CappedVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for CappedVisitor<T> {
            type Value = CappedList<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<CappedList<T>, A::Error> {
                let mut entries = Vec::new();
                while entries.len() < MAX_LIST_ENTRIES {
                    match seq.next_element()? {
                        Some(entry) => entries.push(entry),
                        None => {
                            return Ok(CappedList {
                                entries,
                                too_long: false,
                            });
                        }
                    }
                }
                let mut too_long = false;
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
                    too_long = true;
                }
                Ok(CappedList { entries, too_long })
            }
        }
        deserializer.deserialize_seq(CappedVisitor(std::marker::PhantomData))
    }
}

/// A JSON string, borrowed from the line when it holds no escapes.
struct JsonStr<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for JsonStr<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StrVisitor;
        impl<'de> serde::de::Visitor<'de> for StrVisitor {
            type Value = JsonStr<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: serde::de::Error>(
                self,
                s: &'de str,
            ) -> Result<Self::Value, E> {
                Ok(JsonStr(Cow::Borrowed(s)))
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(JsonStr(Cow::Owned(s.to_owned())))
            }
        }
        deserializer.deserialize_str(StrVisitor)
    }
}

const A_STRING: &str = "a string";
const A_BOOL: &str = "true or false";
const A_LIST_OF_STRINGS: &str = "a list of strings";
const AT_MOST_LIST_ENTRIES: &str = "at most 256 entries";
const T_EXPECTED: &str = "a whole number of milliseconds, 0 or more";

/// Parses one line of a trace.
pub fn parse_observation(line: &str) -> Result<Observation, BadObservation> {
    if line.len() > MAX_LINE_BYTES {
        return Err(BadObservation::TooLong(line.len()));
    }
    let trimmed = line.trim_start();
    if !trimmed.starts_with('{') {
        return Err(
            if serde_json::from_str::<serde::de::IgnoredAny>(trimmed).is_ok() {
                BadObservation::NotAnObject
            } else {
                BadObservation::InvalidJson("expected a JSON object".to_owned())
            },
        );
    }
    let raw: RawObservation = serde_json::from_str(line).map_err(|e| {
        duplicate_field(&e).unwrap_or_else(|| BadObservation::InvalidJson(describe_json_error(&e)))
    })?;
    let kind =
        optional::<JsonStr>(raw.kind, "kind", A_STRING)?.ok_or(BadObservation::MissingField {
            kind: "any",
            field: "kind",
        })?;
    let kind_name =
        canonical_kind(&kind.0).ok_or_else(|| BadObservation::UnknownKind(kind.0.into_owned()))?;
    let t = parse_t(raw.t.ok_or(BadObservation::MissingField {
        kind: kind_name,
        field: "t",
    })?)?;
    let event = build_event(kind_name, raw)?;
    Ok(Observation { t, event })
}

/// `t` is a whole number of milliseconds; an integral JSON float (`4000.0`,
/// `4e3`) is that integer.
fn parse_t(raw: &RawValue) -> Result<u64, BadObservation> {
    let bad = || BadObservation::InvalidValue {
        field: "t",
        expected: T_EXPECTED,
    };
    let number: serde_json::Number = serde_json::from_str(raw.get()).map_err(|_| bad())?;
    if let Some(t) = number.as_u64() {
        return Ok(t);
    }
    // 2^64: the first float above every u64.
    const PAST_U64: f64 = 18_446_744_073_709_551_616.0;
    match number.as_f64() {
        Some(t) if t.is_finite() && t >= 0.0 && t.fract() == 0.0 && t < PAST_U64 => Ok(t as u64),
        _ => Err(bad()),
    }
}

/// Reads a field the kind uses: absent or `null` is `None`; a value of the
/// wrong type is a bad observation naming the field (never quoting the value).
fn optional<'a, T: Deserialize<'a>>(
    raw: Option<&'a RawValue>,
    field: &'static str,
    expected: &'static str,
) -> Result<Option<T>, BadObservation> {
    raw.map(|raw| serde_json::from_str(raw.get()).map_err(|e| field_error(&e, field, expected)))
        .transpose()
}

/// The top-level `texts`, for a kind that uses it.
fn top_texts(field: TextsField) -> Result<Texts, BadObservation> {
    match field {
        TextsField::Absent => Ok(Texts::default()),
        TextsField::List(texts) => Ok(texts),
        TextsField::WrongType => Err(BadObservation::InvalidValue {
            field: "texts",
            expected: A_LIST_OF_STRINGS,
        }),
    }
}

/// Reads a list of texts straight into one [`Texts`] buffer.
fn texts(raw: Option<&RawValue>, field: &'static str) -> Result<Texts, BadObservation> {
    match raw {
        None => Ok(Texts::default()),
        Some(raw) => {
            Texts::from_json(raw.get()).map_err(|e| field_error(&e, field, A_LIST_OF_STRINGS))
        }
    }
}

/// Reads a list of at most [`MAX_LIST_ENTRIES`] entries.
fn capped_list<'a, T: Deserialize<'a>>(
    raw: &'a RawValue,
    field: &'static str,
    expected: &'static str,
) -> Result<Vec<T>, BadObservation> {
    let list: CappedList<T> =
        serde_json::from_str(raw.get()).map_err(|e| field_error(&e, field, expected))?;
    if list.too_long {
        return Err(BadObservation::InvalidValue {
            field,
            expected: AT_MOST_LIST_ENTRIES,
        });
    }
    Ok(list.entries)
}

fn field_error(
    e: &serde_json::Error,
    field: &'static str,
    expected: &'static str,
) -> BadObservation {
    duplicate_field(e).unwrap_or(BadObservation::InvalidValue { field, expected })
}

/// serde's "duplicate field `x`", as [`BadObservation::DuplicateField`].
fn duplicate_field(e: &serde_json::Error) -> Option<BadObservation> {
    if e.classify() != serde_json::error::Category::Data {
        return None;
    }
    let message = e.to_string();
    let name = message
        .strip_prefix("duplicate field `")?
        .split('`')
        .next()?;
    KNOWN_FIELDS
        .iter()
        .find(|known| **known == name)
        .map(|known| BadObservation::DuplicateField(known))
}

/// serde_json's messages quote offending string values; keep only the
/// category and the position so no screen text reaches an error message.
fn describe_json_error(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match e.classify() {
        Category::Io => "could not be read",
        Category::Syntax => "invalid JSON",
        Category::Eof => "truncated JSON",
        Category::Data => "invalid value",
    };
    format!("{what} at column {}", e.column())
}

/// Every kind of observation of the trace format, in the spec's order.
pub const KINDS: [&str; 11] = [
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

fn canonical_kind(kind: &str) -> Option<&'static str> {
    KINDS.iter().copied().find(|k| *k == kind)
}

/// Parses the fields `kind` uses, and only those.
fn build_event(kind: &'static str, raw: RawObservation<'_>) -> Result<Event, BadObservation> {
    let missing = |field| BadObservation::MissingField { kind, field };
    let event = match kind {
        "window" | "content" => {
            let screen = Screen {
                package: optional(raw.package, "package", A_STRING)?
                    .ok_or_else(|| missing("package"))?,
                class: optional(raw.class, "class", A_STRING)?,
                texts: top_texts(raw.texts)?,
                fields: optional(raw.fields, "fields", FIELDS_EXPECTED)?.unwrap_or_default(),
                marked: optional::<JsonStr>(raw.marked, "marked", A_STRING)?
                    .map(|marked| MarkedScreen::parse(&marked.0)),
            };
            if kind == "window" {
                Event::Window(screen)
            } else {
                Event::Content(screen)
            }
        }
        "notification" => Event::Notification(Notification {
            package: optional(raw.package, "package", A_STRING)?
                .ok_or_else(|| missing("package"))?,
            texts: top_texts(raw.texts)?,
            ongoing: optional(raw.ongoing, "ongoing", A_BOOL)?.unwrap_or(false),
        }),
        "click" => Event::Click(Click {
            package: optional(raw.package, "package", A_STRING)?
                .ok_or_else(|| missing("package"))?,
            texts: top_texts(raw.texts)?,
        }),
        "windows" => {
            let windows = raw.windows.ok_or_else(|| missing("windows"))?;
            let windows: Vec<RawWindow> = capped_list(windows, "windows", "a list of objects")?;
            Event::Windows(
                windows
                    .into_iter()
                    .map(window_info)
                    .collect::<Result<_, _>>()?,
            )
        }
        "display" => {
            let displays = raw.displays.ok_or_else(|| missing("displays"))?;
            let displays: Vec<RawDisplay> = capped_list(displays, "displays", "a list of objects")?;
            Event::Display(
                displays
                    .into_iter()
                    .map(display_info)
                    .collect::<Result<_, _>>()?,
            )
        }
        "recording" => Event::Recording {
            visible: optional(raw.visible, "visible", A_BOOL)?.ok_or_else(|| missing("visible"))?,
        },
        "accessibility" => {
            let enabled = raw.enabled.ok_or_else(|| missing("enabled"))?;
            Event::Accessibility {
                enabled: capped_list(enabled, "enabled", A_LIST_OF_STRINGS)?,
            }
        }
        "call" => {
            const STATES: &str = "one of idle, ringing, offhook";
            let state =
                optional::<JsonStr>(raw.state, "state", STATES)?.ok_or_else(|| missing("state"))?;
            let state = match &*state.0 {
                "idle" => CallState::Idle,
                "ringing" => CallState::Ringing,
                "offhook" => CallState::Offhook,
                _ => {
                    return Err(BadObservation::InvalidValue {
                        field: "state",
                        expected: STATES,
                    });
                }
            };
            Event::Call {
                state,
                known_contact: optional(raw.known_contact, "known_contact", A_BOOL)?,
            }
        }
        "screen" => Event::Screen {
            on: optional(raw.on, "on", A_BOOL)?.ok_or_else(|| missing("on"))?,
        },
        "user" => {
            const CHOICES: &str = "one of continue, stop_sharing, leave";
            let choice = optional::<JsonStr>(raw.choice, "choice", CHOICES)?
                .ok_or_else(|| missing("choice"))?;
            Event::User {
                choice: UserChoice::parse(&choice.0).ok_or(BadObservation::InvalidValue {
                    field: "choice",
                    expected: CHOICES,
                })?,
            }
        }
        _ => unreachable!("canonical_kind returned {kind}"),
    };
    Ok(event)
}

const FIELDS_EXPECTED: &str =
    "a list of objects (hint, text, id: strings; password: true or false)";

fn window_info(raw: RawWindow<'_>) -> Result<WindowInfo, BadObservation> {
    Ok(WindowInfo {
        window_type: optional(raw.window_type, "windows[].type", A_STRING)?.ok_or(
            BadObservation::MissingField {
                kind: "windows",
                field: "windows[].type",
            },
        )?,
        package: optional(raw.package, "windows[].package", A_STRING)?,
        title: optional(raw.title, "windows[].title", A_STRING)?,
        texts: texts(raw.texts, "windows[].texts")?,
    })
}

fn display_info(raw: RawDisplay<'_>) -> Result<DisplayInfo, BadObservation> {
    let missing = |field| BadObservation::MissingField {
        kind: "display",
        field,
    };
    Ok(DisplayInfo {
        id: optional(raw.id, "displays[].id", "an integer")?
            .ok_or_else(|| missing("displays[].id"))?,
        name: optional(raw.name, "displays[].name", A_STRING)?
            .ok_or_else(|| missing("displays[].name"))?,
        is_virtual: optional(raw.is_virtual, "displays[].virtual", A_BOOL)?,
        owner_package: optional(raw.owner_package, "displays[].owner_package", A_STRING)?,
        flags: optional(raw.flags, "displays[].flags", A_LIST_OF_STRINGS)?.unwrap_or_default(),
    })
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
    fn texts_keep_their_order_and_join_with_newlines() {
        let obs = parse_observation(
            r#"{"t":1,"kind":"content","package":"p","texts":["验证码","","a\"b"]}"#,
        )
        .unwrap();
        let Event::Content(screen) = obs.event else {
            panic!("content")
        };
        assert_eq!(
            screen.texts.iter().collect::<Vec<_>>(),
            ["验证码", "", "a\"b"]
        );
        assert_eq!(screen.texts.joined(), "验证码\n\na\"b");
        assert_eq!(screen.texts.get(3), None);
        assert_eq!(screen.texts.index_at(0), 0);
        assert_eq!(screen.texts.index_at(8), 0);
        assert_eq!(screen.texts.index_at(11), 2);
        assert!(
            parse_observation(r#"{"t":1,"kind":"content","package":"p","texts":["a",5]}"#).is_err()
        );
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
        assert_eq!(
            err.to_string(),
            "field `texts` must be a list of strings",
            "names the field, never quotes the value"
        );
        for line in [
            r#"{"t":1,"kind":"window","package":"p","texts":["a"],"texts":["验证码 654321"]}"#,
            r#"{"t":1,"kind":"windows","windows":[{"type":"验证码 654321"}],"windows":[]}"#,
            r#"{"t":1,"kind":"call","state":"验证码 654321"}"#,
            r#"{"t":1,"kind":"display","displays":[{"id":"验证码 654321","name":"x"}]}"#,
        ] {
            let err = parse_observation(line).unwrap_err().to_string();
            assert!(!err.contains("654321") && !err.contains("验证码"), "{err}");
        }
    }

    /// Parses `line` as the one window of a `windows` snapshot.
    fn only_window(line: &str) -> WindowInfo {
        match parse_observation(line).expect(line).event {
            Event::Windows(mut windows) if windows.len() == 1 => windows.remove(0),
            other => panic!("one window, not {other:?}"),
        }
    }

    #[test]
    fn ignores_fields_the_kind_does_not_use_whatever_their_type() {
        assert_eq!(
            parse_observation(r#"{"t":1,"kind":"screen","on":true,"texts":5}"#),
            Ok(Observation {
                t: 1,
                event: Event::Screen { on: true }
            })
        );
        let obs = parse_observation(
            r#"{"t":2,"kind":"window","package":"p","enabled":true,"windows":"x","on":[],"state":7,"choice":{}}"#,
        )
        .unwrap();
        let Event::Window(screen) = obs.event else {
            panic!("a window")
        };
        assert_eq!(screen.package, "p");
        assert!(
            parse_observation(r#"{"t":3,"kind":"recording","visible":false,"package":1}"#).is_ok()
        );
        assert!(
            parse_observation(r#"{"t":3,"kind":"notification","package":"p","class":9}"#).is_ok()
        );
        assert!(
            parse_observation(
                r#"{"t":3,"kind":"windows","windows":[{"type":"system","id":"x","flags":1}]}"#
            )
            .is_ok()
        );
    }

    #[test]
    fn a_wrong_type_in_a_used_field_names_the_field() {
        let cases = [
            (
                r#"{"t":1,"kind":"content","package":"p","texts":["a",5]}"#,
                "field `texts` must be a list of strings",
            ),
            (
                r#"{"t":1,"kind":"window","package":5}"#,
                "field `package` must be a string",
            ),
            (
                r#"{"t":1,"kind":"notification","package":"p","ongoing":"yes"}"#,
                "field `ongoing` must be true or false",
            ),
            (
                r#"{"t":1,"kind":"screen","on":1}"#,
                "field `on` must be true or false",
            ),
            (r#"{"t":1,"kind":7}"#, "field `kind` must be a string"),
            (
                r#"{"t":1,"kind":"call","state":3}"#,
                "field `state` must be one of idle, ringing, offhook",
            ),
            (
                r#"{"t":1,"kind":"accessibility","enabled":[1]}"#,
                "field `enabled` must be a list of strings",
            ),
            (
                r#"{"t":1,"kind":"windows","windows":{}}"#,
                "field `windows` must be a list of objects",
            ),
            (
                r#"{"t":1,"kind":"windows","windows":[{"type":"system","texts":"x"}]}"#,
                "field `windows[].texts` must be a list of strings",
            ),
            (
                r#"{"t":1,"kind":"windows","windows":[{"type":3}]}"#,
                "field `windows[].type` must be a string",
            ),
            (
                r#"{"t":1,"kind":"display","displays":[{"id":0,"name":"x","flags":[true]}]}"#,
                "field `displays[].flags` must be a list of strings",
            ),
            (
                r#"{"t":1,"kind":"display","displays":[{"id":0.5,"name":"x"}]}"#,
                "field `displays[].id` must be an integer",
            ),
            (
                r#"{"t":1,"kind":"window","package":"p","fields":[{"password":"no"}]}"#,
                "field `fields` must be a list of objects (hint, text, id: strings; password: true or false)",
            ),
        ];
        for (line, message) in cases {
            assert_eq!(
                parse_observation(line).map_err(|e| e.to_string()),
                Err(message.to_owned()),
                "{line}"
            );
        }
        for texts in [
            r#"[["a"]]"#,
            r#"{"a":["b"]}"#,
            r#""a""#,
            r#"["a",null]"#,
            "true",
            "-1.5",
        ] {
            for kind in ["window", "content", "notification", "click"] {
                let line = format!(r#"{{"t":1,"kind":"{kind}","package":"p","texts":{texts}}}"#);
                assert_eq!(
                    parse_observation(&line).map_err(|e| e.to_string()),
                    Err("field `texts` must be a list of strings".to_owned()),
                    "{line}"
                );
            }
            let line = format!(r#"{{"t":1,"kind":"screen","on":false,"texts":{texts}}}"#);
            assert!(parse_observation(&line).is_ok(), "{line}");
        }
    }

    #[test]
    fn null_reads_as_absent_at_every_level() {
        let obs = parse_observation(
            r#"{"t":1,"kind":"window","package":"p","class":null,"texts":null,"fields":[{"hint":null,"text":null,"id":null,"password":null}],"marked":null}"#,
        )
        .unwrap();
        let Event::Window(screen) = obs.event else {
            panic!("a window")
        };
        assert_eq!(screen.class, None);
        assert!(screen.texts.is_empty());
        assert_eq!(screen.fields, [Field::default()]);
        assert_eq!(screen.marked, None);
        let window = only_window(
            r#"{"t":1,"kind":"windows","windows":[{"type":"system","package":null,"title":null,"texts":null}]}"#,
        );
        assert_eq!(
            window,
            WindowInfo {
                window_type: WindowType::System,
                package: None,
                title: None,
                texts: Texts::default()
            }
        );
        let obs = parse_observation(
            r#"{"t":1,"kind":"display","displays":[{"id":2,"name":"cast","virtual":null,"owner_package":null,"flags":null}]}"#,
        )
        .unwrap();
        assert_eq!(
            obs.event,
            Event::Display(vec![DisplayInfo {
                id: 2,
                name: "cast".into(),
                is_virtual: None,
                owner_package: None,
                flags: Vec::new()
            }])
        );
        let obs = parse_observation(r#"{"t":1,"kind":"call","state":"idle","known_contact":null}"#)
            .unwrap();
        assert_eq!(
            obs.event,
            Event::Call {
                state: CallState::Idle,
                known_contact: None
            }
        );
        let obs =
            parse_observation(r#"{"t":1,"kind":"notification","package":"p","ongoing":null}"#)
                .unwrap();
        assert!(matches!(obs.event, Event::Notification(n) if !n.ongoing));
    }

    #[test]
    fn a_null_required_field_is_missing() {
        let cases = [
            (
                r#"{"t":1,"kind":"window","package":null}"#,
                "window",
                "package",
            ),
            (r#"{"t":null,"kind":"screen","on":true}"#, "screen", "t"),
            (r#"{"t":1,"kind":null}"#, "any", "kind"),
            (r#"{"t":1,"kind":"screen","on":null}"#, "screen", "on"),
            (
                r#"{"t":1,"kind":"windows","windows":null}"#,
                "windows",
                "windows",
            ),
            (
                r#"{"t":1,"kind":"windows","windows":[{"type":null}]}"#,
                "windows",
                "windows[].type",
            ),
            (
                r#"{"t":1,"kind":"display","displays":[{"id":null,"name":"x"}]}"#,
                "display",
                "displays[].id",
            ),
            (
                r#"{"t":1,"kind":"display","displays":[{"id":1}]}"#,
                "display",
                "displays[].name",
            ),
        ];
        for (line, kind, field) in cases {
            assert_eq!(
                parse_observation(line),
                Err(BadObservation::MissingField { kind, field }),
                "{line}"
            );
        }
    }

    #[test]
    fn t_may_be_an_integral_float_but_not_negative_fractional_or_huge() {
        for (line, t) in [
            (r#"{"t":4000.0,"kind":"screen","on":true}"#, 4000),
            (r#"{"t":4e3,"kind":"screen","on":true}"#, 4000),
            (r#"{"t":-0.0,"kind":"screen","on":true}"#, 0),
            (
                r#"{"t":18446744073709551615,"kind":"screen","on":true}"#,
                u64::MAX,
            ),
        ] {
            assert_eq!(parse_observation(line).map(|o| o.t), Ok(t), "{line}");
        }
        for line in [
            r#"{"t":-5,"kind":"screen","on":true}"#,
            r#"{"t":-5.0,"kind":"screen","on":true}"#,
            r#"{"t":4000.5,"kind":"screen","on":true}"#,
            r#"{"t":1e400,"kind":"screen","on":true}"#,
            r#"{"t":1e20,"kind":"screen","on":true}"#,
            r#"{"t":"4000","kind":"screen","on":true}"#,
            r#"{"t":true,"kind":"screen","on":true}"#,
        ] {
            assert_eq!(
                parse_observation(line).map_err(|e| e.to_string()),
                Err("field `t` must be a whole number of milliseconds, 0 or more".to_owned()),
                "{line}"
            );
        }
    }

    #[test]
    fn a_duplicate_field_is_reported_as_such() {
        for (line, field) in [
            (r#"{"t":1,"t":2,"kind":"screen","on":true}"#, "t"),
            (r#"{"t":1,"kind":"screen","on":true,"on":false}"#, "on"),
            (
                r#"{"t":1,"kind":"windows","windows":[{"type":"system","texts":[],"texts":[]}]}"#,
                "texts",
            ),
        ] {
            let err = parse_observation(line).unwrap_err();
            assert_eq!(err, BadObservation::DuplicateField(field), "{line}");
            assert_eq!(err.to_string(), format!("duplicate field `{field}`"));
        }
    }

    #[test]
    fn an_unknown_window_type_keeps_the_snapshot() {
        let obs = parse_observation(
            r#"{"t":1,"kind":"windows","windows":[{"type":"desktop_widget","package":"x"},{"type":"system","package":"com.android.systemui","texts":["正在共享屏幕"]}]}"#,
        )
        .unwrap();
        let Event::Windows(windows) = obs.event else {
            panic!("windows")
        };
        assert_eq!(windows.len(), 2);
        assert_eq!(windows[0].window_type, WindowType::Other);
        assert_eq!(windows[1].window_type, WindowType::System);
        assert_eq!(windows[1].texts.joined(), "正在共享屏幕");
    }

    #[test]
    fn lists_of_windows_displays_and_services_are_capped() {
        let list = |n: usize, entry: &str| vec![entry; n].join(",");
        let window = r#"{"type":"application"}"#;
        let display = r#"{"id":0,"name":"d"}"#;
        let service = r#""a.b""#;
        let lines = |n| {
            [
                (
                    format!(
                        r#"{{"t":1,"kind":"windows","windows":[{}]}}"#,
                        list(n, window)
                    ),
                    "windows",
                ),
                (
                    format!(
                        r#"{{"t":1,"kind":"display","displays":[{}]}}"#,
                        list(n, display)
                    ),
                    "displays",
                ),
                (
                    format!(
                        r#"{{"t":1,"kind":"accessibility","enabled":[{}]}}"#,
                        list(n, service)
                    ),
                    "enabled",
                ),
            ]
        };
        for (line, _) in lines(MAX_LIST_ENTRIES) {
            assert!(parse_observation(&line).is_ok(), "256 entries are fine");
        }
        for (line, field) in lines(MAX_LIST_ENTRIES + 1) {
            let err = parse_observation(&line).unwrap_err();
            assert_eq!(
                err,
                BadObservation::InvalidValue {
                    field,
                    expected: "at most 256 entries"
                }
            );
            assert_eq!(
                err.to_string(),
                format!("field `{field}` must be at most 256 entries")
            );
        }
        let texts = list(5000, r#""x""#);
        let obs = parse_observation(&format!(
            r#"{{"t":1,"kind":"content","package":"p","texts":[{texts}]}}"#
        ))
        .unwrap();
        assert!(matches!(obs.event, Event::Content(s) if s.texts.len() == 5000));
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
            parse_observation(r#"{"t":1,"kind":"screen","on":true} x"#),
            Err(BadObservation::InvalidJson(_))
        ));
    }
}
