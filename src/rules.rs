//! Rules as data: the package tables, keywords and patterns the engine judges by.
//!
//! The default rules are `rules/default-rules.json`, embedded at build time. A
//! bank or a user may load an override (`"mode": "extend"` adds to the
//! embedded defaults, `"mode": "replace"` stands alone). A file is checked whole before it
//! is used: a bad one is refused with an error naming the place
//! ([`RulesError`]), and the rules in force stay in force. The format is
//! documented in `rules/README.md`.

use crate::otp::{OtpRules, OtpScanner};
use once_cell::sync::Lazy;
use regex::Regex;
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

/// The embedded default rules file.
pub const DEFAULT_RULES_JSON: &str = include_str!("../rules/default-rules.json");

/// The only rules format version this build reads.
pub const RULES_VERSION: u32 = 1;

/// The largest rules file accepted (1 MiB).
pub const MAX_RULES_BYTES: usize = 1024 * 1024;

/// One problem in a rules file, at a place in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleProblem {
    /// Where: a JSON path such as `scam_script.phrases[3]`, or `line 4 column 9`.
    pub place: String,
    /// What is wrong there.
    pub message: String,
}

impl RuleProblem {
    /// A problem at `place`.
    pub fn new(place: impl Into<String>, message: impl Into<String>) -> Self {
        RuleProblem {
            place: place.into(),
            message: message.into(),
        }
    }
}

/// Why a rules file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RulesError {
    /// The file is larger than [`MAX_RULES_BYTES`].
    TooLarge(usize),
    /// The file is not JSON of the rules format (syntax, unknown key, wrong type).
    Format(RuleProblem),
    /// `version` is not [`RULES_VERSION`].
    Version(u32),
    /// A value is well-formed JSON but not usable (bad regex, bad package name).
    Invalid(RuleProblem),
}

impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RulesError::TooLarge(n) => {
                write!(
                    f,
                    "rules file of {n} bytes is larger than {MAX_RULES_BYTES}"
                )
            }
            RulesError::Format(p) => write!(f, "rules file at {}: {}", p.place, p.message),
            RulesError::Version(v) => {
                write!(
                    f,
                    "rules file has version {v}; this build reads version {RULES_VERSION}"
                )
            }
            RulesError::Invalid(p) => write!(f, "rules file at {}: {}", p.place, p.message),
        }
    }
}

impl std::error::Error for RulesError {}

/// How an override file combines with the rules in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Add every list to the rules in force; scalars present replace theirs.
    #[default]
    Extend,
    /// The file stands alone.
    Replace,
}

/// The rules file as written (see `rules/README.md`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesFile {
    /// Format version; must be 1.
    pub version: u32,
    /// How an override combines with the rules in force.
    #[serde(default)]
    pub mode: Mode,
    /// A free-text note (ignored).
    #[serde(default)]
    pub comment: Option<String>,
    /// Package tables.
    #[serde(default)]
    pub apps: AppTables,
    /// Apps that are sensitive only on some screens.
    #[serde(default)]
    pub super_apps: Vec<SuperApp>,
    /// Screen exposure: consent dialog, status-bar indicators, sharing apps' texts.
    #[serde(default)]
    pub exposure: ExposureRules,
    /// Card forms: the fake refund page.
    #[serde(default)]
    pub card_form: CardFormRules,
    /// The scam's own script.
    #[serde(default)]
    pub scam_script: ScamScriptRules,
    /// Verification codes.
    #[serde(default)]
    pub otp: OtpRules,
    /// Timings.
    #[serde(default)]
    pub timing: TimingRules,
}

/// Package tables. Each entry is a package name (`com.icbc`) or a prefix
/// ending in `.*` (`com.icbc.*` matches `com.icbc` and every `com.icbc.` name).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppTables {
    /// Banks and their credit-card apps.
    #[serde(default)]
    pub banking: Vec<String>,
    /// Payment apps and wallets.
    #[serde(default)]
    pub payment: Vec<String>,
    /// Lending and consumer-credit apps.
    #[serde(default)]
    pub lending: Vec<String>,
    /// Screen-share and meeting apps.
    #[serde(default)]
    pub screen_share: Vec<String>,
    /// Remote-control apps (their accessibility services count as exposure).
    #[serde(default)]
    pub remote_control: Vec<String>,
    /// SMS apps (a code on their screen is `otp:sms_app`).
    #[serde(default)]
    pub sms: Vec<String>,
    /// Browsers and web-view hosts (a card form there is `card_form:browser`).
    #[serde(default)]
    pub browser: Vec<String>,
    /// System UI packages (status bar, consent dialog); never a foreground app.
    #[serde(default)]
    pub system_ui: Vec<String>,
    /// Keyboards (input methods): their windows sit over the app in front and
    /// never replace it.
    #[serde(default)]
    pub input_method: Vec<String>,
}

/// An app that is sensitive only when its screen shows one of `when_any`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuperApp {
    /// Package name or `.*` prefix.
    pub package: String,
    /// `banking`, `payment` or `lending`.
    pub category: String,
    /// Texts (substrings) that mark a wallet, payment, transfer or loan screen.
    #[serde(default)]
    pub when_any: Vec<String>,
    /// Activity class names (substrings) of such screens.
    #[serde(default)]
    pub when_class: Vec<String>,
}

/// Screen exposure rules.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExposureRules {
    /// Regexes for the MediaProjection consent dialog asking to let an app
    /// capture the screen (share, record or cast with it): a share.
    #[serde(default)]
    pub consent_share: Vec<String>,
    /// Regexes for the system screen recorder's own start dialog: a recording.
    #[serde(default)]
    pub consent_record: Vec<String>,
    /// Button texts that start the capture (exact, case-insensitive).
    #[serde(default)]
    pub consent_start: Vec<String>,
    /// Button texts that cancel it.
    #[serde(default)]
    pub consent_cancel: Vec<String>,
    /// Button labels that stop a share, a cast, a recording or a remote
    /// session (exact, case-insensitive), in a sharing app or System UI.
    #[serde(default)]
    pub stop_buttons: Vec<String>,
    /// Status-bar texts while the screen is shared (substrings).
    #[serde(default)]
    pub indicator_share: Vec<String>,
    /// Status-bar texts while the screen is cast.
    #[serde(default)]
    pub indicator_cast: Vec<String>,
    /// Status-bar texts while the screen is recorded.
    #[serde(default)]
    pub indicator_record: Vec<String>,
    /// Texts of sharing and remote apps that say a share or control is running.
    #[serde(default)]
    pub sharing_active: Vec<String>,
    /// Texts of those apps that say it is being controlled remotely.
    #[serde(default)]
    pub remote_active: Vec<String>,
    /// Texts of those apps that say it stopped.
    #[serde(default)]
    pub sharing_ended: Vec<String>,
    /// Texts of a share of something else (a live location): a screen or
    /// notification with one is no evidence either way.
    #[serde(default)]
    pub sharing_other: Vec<String>,
}

/// Card form rules.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardFormRules {
    /// Hints, ids or labels of a card-number field (substrings, case-insensitive).
    #[serde(default)]
    pub card_number: Vec<String>,
    /// Hints, ids or labels of a verification-code field.
    #[serde(default)]
    pub code: Vec<String>,
    /// Hints, ids or labels of other secrets asked for on such pages (password, CVV, ID number).
    #[serde(default)]
    pub secret: Vec<String>,
}

/// Scam script rules.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScamScriptRules {
    /// Regexes of the script's phrases; one match is enough.
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Terms (substrings) of the script; `min_terms` distinct ones are enough.
    #[serde(default)]
    pub terms: Vec<String>,
    /// How many distinct terms make a script.
    #[serde(default)]
    pub min_terms: Option<u32>,
}

/// Timings, in milliseconds.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimingRules {
    /// After `continue`, the same reasons in the same app stay quiet this long.
    #[serde(default)]
    pub snooze_ms: Option<u64>,
    /// How long evidence that has no end signal of its own (a consent tap, a
    /// sharing app's notification or text) lasts unless it is seen again.
    #[serde(default)]
    pub evidence_ttl_ms: Option<u64>,
}

const DEFAULT_SNOOZE_MS: u64 = 10 * 60 * 1000;
const DEFAULT_EVIDENCE_TTL_MS: u64 = 2 * 60 * 60 * 1000;
const DEFAULT_MIN_TERMS: u32 = 2;

impl RulesFile {
    /// Parses a rules file without compiling it.
    pub fn parse(json: &str) -> Result<RulesFile, RulesError> {
        if json.len() > MAX_RULES_BYTES {
            return Err(RulesError::TooLarge(json.len()));
        }
        let file: RulesFile = serde_json::from_str(json).map_err(|e| {
            // serde_json ends its message with the place, which is already named.
            let message = e.to_string();
            let message = match message.rfind(" at line ") {
                Some(cut) => message[..cut].to_owned(),
                None => message,
            };
            RulesError::Format(RuleProblem::new(
                format!("line {} column {}", e.line(), e.column()),
                message,
            ))
        })?;
        if file.version != RULES_VERSION {
            return Err(RulesError::Version(file.version));
        }
        Ok(file)
    }

    /// Adds `other`'s lists to these; its scalars, where present, win.
    pub fn extend(&mut self, other: RulesFile) {
        let a = &mut self.apps;
        let b = other.apps;
        for (mine, theirs) in [
            (&mut a.banking, b.banking),
            (&mut a.payment, b.payment),
            (&mut a.lending, b.lending),
            (&mut a.screen_share, b.screen_share),
            (&mut a.remote_control, b.remote_control),
            (&mut a.sms, b.sms),
            (&mut a.browser, b.browser),
            (&mut a.system_ui, b.system_ui),
            (&mut a.input_method, b.input_method),
        ] {
            mine.extend(theirs);
        }
        self.super_apps.extend(other.super_apps);
        let e = &mut self.exposure;
        let o = other.exposure;
        for (mine, theirs) in [
            (&mut e.consent_share, o.consent_share),
            (&mut e.consent_record, o.consent_record),
            (&mut e.consent_start, o.consent_start),
            (&mut e.consent_cancel, o.consent_cancel),
            (&mut e.stop_buttons, o.stop_buttons),
            (&mut e.indicator_share, o.indicator_share),
            (&mut e.indicator_cast, o.indicator_cast),
            (&mut e.indicator_record, o.indicator_record),
            (&mut e.sharing_active, o.sharing_active),
            (&mut e.remote_active, o.remote_active),
            (&mut e.sharing_ended, o.sharing_ended),
            (&mut e.sharing_other, o.sharing_other),
        ] {
            mine.extend(theirs);
        }
        self.card_form
            .card_number
            .extend(other.card_form.card_number);
        self.card_form.code.extend(other.card_form.code);
        self.card_form.secret.extend(other.card_form.secret);
        self.scam_script.phrases.extend(other.scam_script.phrases);
        self.scam_script.terms.extend(other.scam_script.terms);
        if other.scam_script.min_terms.is_some() {
            self.scam_script.min_terms = other.scam_script.min_terms;
        }
        self.otp.extend(other.otp);
        if other.timing.snooze_ms.is_some() {
            self.timing.snooze_ms = other.timing.snooze_ms;
        }
        if other.timing.evidence_ttl_ms.is_some() {
            self.timing.evidence_ttl_ms = other.timing.evidence_ttl_ms;
        }
    }
}

/// What an app is, for the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppCategory {
    /// A bank or credit-card app.
    Banking,
    /// A payment app or wallet.
    Payment,
    /// A lending app.
    Lending,
    /// A screen-share or meeting app.
    ScreenShare,
    /// A remote-control app.
    RemoteControl,
    /// An SMS app.
    Sms,
}

impl AppCategory {
    /// The name used by `shareguard scan` and the rules file.
    pub fn as_str(self) -> &'static str {
        match self {
            AppCategory::Banking => "banking",
            AppCategory::Payment => "payment",
            AppCategory::Lending => "lending",
            AppCategory::ScreenShare => "screen_share",
            AppCategory::RemoteControl => "remote_control",
            AppCategory::Sms => "sms",
        }
    }

    fn parse_sensitive(name: &str) -> Option<AppCategory> {
        match name {
            "banking" => Some(AppCategory::Banking),
            "payment" => Some(AppCategory::Payment),
            "lending" => Some(AppCategory::Lending),
            _ => None,
        }
    }
}

/// A set of package names and `.*` prefixes, looked up without allocating.
#[derive(Debug)]
pub struct PackageTable<V> {
    exact: HashMap<String, V>,
    /// Prefixes including their final dot, longest first.
    prefixes: Vec<(String, V)>,
}

impl<V> Default for PackageTable<V> {
    fn default() -> Self {
        PackageTable {
            exact: HashMap::new(),
            prefixes: Vec::new(),
        }
    }
}

impl<V: Copy> PackageTable<V> {
    fn insert(&mut self, place: &str, pattern: &str, value: V) -> Result<(), RuleProblem> {
        let (name, is_prefix) = match pattern.strip_suffix(".*") {
            Some(stem) => (stem, true),
            None => (pattern, false),
        };
        if !is_package_name(name) {
            return Err(RuleProblem::new(
                place,
                "not a package name (letters, digits, `_` and dots, optionally ending in `.*`)",
            ));
        }
        if is_prefix {
            self.exact.entry(name.to_owned()).or_insert(value);
            self.prefixes.push((format!("{name}."), value));
            self.prefixes
                .sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        } else {
            // The first table a package appears in wins (tables are read in a fixed order).
            self.exact.entry(name.to_owned()).or_insert(value);
        }
        Ok(())
    }

    /// The value for `package`, if any.
    pub fn get(&self, package: &str) -> Option<V> {
        if let Some(v) = self.exact.get(package) {
            return Some(*v);
        }
        self.prefixes
            .iter()
            .find(|(p, _)| package.starts_with(p.as_str()))
            .map(|(_, v)| *v)
    }

    /// Whether the table holds no entry.
    pub fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.prefixes.is_empty()
    }
}

fn is_package_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 255
        && name.split('.').all(|part| {
            !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

/// Whether a pattern or text has letters with case (so case-insensitive
/// matching matters); Chinese has none, and matching without case folding
/// keeps the regex crate's fast literal search.
fn has_case(pattern: &str) -> bool {
    // Escapes (`\d`, `\s`, `\p{Han}`, `\x{5B89}`) are spelt with letters but
    // match the same with or without case folding; skip them.
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some('p' | 'P' | 'x') = chars.next()
                && chars.clone().next() == Some('{')
            {
                chars.by_ref().find(|c| *c == '}');
            }
        } else if c.is_lowercase() || c.is_uppercase() {
            return true;
        }
    }
    false
}

/// Alternatives compiled as two regexes: those with letters with case,
/// matched case-insensitively, and the rest matched as written.
#[derive(Debug, Default)]
struct Alternation {
    cased: Option<Regex>,
    uncased: Option<Regex>,
    /// Every cased alternative is ASCII, so a text without ASCII letters
    /// cannot match `cased` and the regex need not run.
    cased_needs_ascii_letter: bool,
}

impl Alternation {
    /// `literal`: the alternatives are escaped literal texts (a cased one
    /// that is ASCII then needs an ASCII letter in the text to match).
    fn compile(
        place: &str,
        alternatives: &[String],
        literal: bool,
    ) -> Result<Alternation, RuleProblem> {
        let build = |case_insensitive: bool| -> Result<Option<Regex>, RuleProblem> {
            let group: Vec<String> = alternatives
                .iter()
                .filter(|a| has_case(a) == case_insensitive)
                .map(|a| format!("(?:{a})"))
                .collect();
            if group.is_empty() {
                return Ok(None);
            }
            regex::RegexBuilder::new(&group.join("|"))
                .case_insensitive(case_insensitive)
                .multi_line(true)
                .size_limit(8 << 20)
                .build()
                .map(Some)
                .map_err(|e| {
                    RuleProblem::new(
                        place,
                        format!(
                            "too many or too long entries together: {}",
                            one_line(&e.to_string())
                        ),
                    )
                })
        };
        Ok(Alternation {
            cased: build(true)?,
            uncased: build(false)?,
            cased_needs_ascii_letter: literal
                && alternatives
                    .iter()
                    .filter(|a| has_case(a))
                    .all(|a| a.is_ascii()),
        })
    }

    /// The case-insensitive regex, when it may match `text`.
    fn cased_for(&self, text: &str) -> Option<&Regex> {
        self.cased
            .as_ref()
            .filter(|_| !self.cased_needs_ascii_letter || has_ascii_letter(text))
    }

    fn is_match(&self, text: &str) -> bool {
        self.uncased.as_ref().is_some_and(|r| r.is_match(text))
            || self.cased_for(text).is_some_and(|r| r.is_match(text))
    }

    fn find_iter<'a, 't>(
        &'a self,
        text: &'t str,
    ) -> impl Iterator<Item = regex::Match<'t>> + use<'a, 't> {
        self.uncased
            .iter()
            .chain(self.cased_for(text))
            .flat_map(move |r| r.find_iter(text))
    }
}

/// Whether `text` has an ASCII letter, tested a chunk at a time without
/// branches (long Chinese screens have none, and are read to the end).
fn has_ascii_letter(text: &str) -> bool {
    text.as_bytes().chunks(64).any(|chunk| {
        chunk
            .iter()
            .fold(false, |any, b| any | ((b | 0x20).wrapping_sub(b'a') < 26))
    })
}

/// A regex error's message on one line.
fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A list of literal substrings, matched case-insensitively.
#[derive(Debug)]
pub struct Keywords {
    matcher: Alternation,
}

impl Keywords {
    /// Compiles literal words; an empty one is refused with its place.
    pub(crate) fn compile(place: &str, words: &[String]) -> Result<Keywords, RuleProblem> {
        for (i, w) in words.iter().enumerate() {
            if w.trim().is_empty() {
                return Err(RuleProblem::new(format!("{place}[{i}]"), "empty text"));
            }
        }
        let escaped: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
        Ok(Keywords {
            matcher: Alternation::compile(place, &escaped, true)?,
        })
    }

    /// Whether `text` contains any of the words.
    pub fn is_in(&self, text: &str) -> bool {
        self.matcher.is_match(text)
    }

    /// Every match of any word in `text` (words without case first, so not
    /// in order of position).
    pub fn find_all<'a, 't>(
        &'a self,
        text: &'t str,
    ) -> impl Iterator<Item = regex::Match<'t>> + use<'a, 't> {
        self.matcher.find_iter(text)
    }
}

/// Button labels matched whole, ignoring case and surrounding spaces.
#[derive(Debug, Default)]
pub struct Labels {
    lowercase: Vec<String>,
}

impl Labels {
    fn new(place: &str, labels: &[String]) -> Result<Labels, RuleProblem> {
        let lowercase = labels
            .iter()
            .enumerate()
            .map(|(i, l)| match l.trim() {
                "" => Err(RuleProblem::new(format!("{place}[{i}]"), "empty text")),
                label => Ok(label.to_lowercase()),
            })
            .collect::<Result<_, _>>()?;
        Ok(Labels { lowercase })
    }

    /// Whether `text` is one of the labels.
    pub fn is(&self, text: &str) -> bool {
        let text = text.trim().to_lowercase();
        self.lowercase.contains(&text)
    }
}

/// Labels of a screen: a label counts when a text of the screen is the label,
/// give or take four characters either side (`可借额度` in `最高可借额度(元)`), so
/// a chat message that happens to contain it (`我把转账金额发你了吗？`) does not.
#[derive(Debug)]
pub struct ScreenLabels {
    matcher: Alternation,
}

/// How many characters may stand either side of a screen label in its text.
const LABEL_SLACK_CHARS: usize = 4;

impl ScreenLabels {
    fn compile(place: &str, labels: &[String]) -> Result<ScreenLabels, RuleProblem> {
        for (i, l) in labels.iter().enumerate() {
            if l.trim().is_empty() {
                return Err(RuleProblem::new(format!("{place}[{i}]"), "empty text"));
            }
        }
        let whole: Vec<String> = labels
            .iter()
            .map(|l| {
                format!(
                    "^[^\\n]{{0,{LABEL_SLACK_CHARS}}}{}[^\\n]{{0,{LABEL_SLACK_CHARS}}}$",
                    regex::escape(l.trim())
                )
            })
            .collect();
        Ok(ScreenLabels {
            matcher: Alternation::compile(place, &whole, false)?,
        })
    }

    /// Whether one of the texts (joined by newlines) is one of the labels.
    pub fn is_on(&self, joined_texts: &str) -> bool {
        self.matcher.is_match(joined_texts)
    }
}

/// A list of regexes, any of which may match, run as one alternation.
#[derive(Debug)]
pub struct Patterns {
    matcher: Alternation,
}

impl Patterns {
    fn compile(place: &str, patterns: &[String]) -> Result<Patterns, RuleProblem> {
        // Each pattern alone first, so an error names its index.
        for (i, p) in patterns.iter().enumerate() {
            let alone = regex::RegexBuilder::new(p)
                .size_limit(1 << 20)
                .build()
                .map_err(|e| {
                    RuleProblem::new(
                        format!("{place}[{i}]"),
                        format!("invalid regex: {}", one_line(&e.to_string())),
                    )
                })?;
            if alone.is_match("") {
                return Err(RuleProblem::new(
                    format!("{place}[{i}]"),
                    "matches the empty text, so it would match every screen",
                ));
            }
        }
        Ok(Patterns {
            matcher: Alternation::compile(place, patterns, false)?,
        })
    }

    /// Whether any pattern matches `text` (`^` and `$` also match at line breaks).
    pub fn is_match(&self, text: &str) -> bool {
        self.matcher.is_match(text)
    }
}

/// A super-app's compiled rule.
#[derive(Debug)]
pub struct CompiledSuperApp {
    /// The package (or prefix) it applies to.
    pub package: PackageTable<()>,
    /// What the app counts as on such a screen.
    pub category: AppCategory,
    /// The labels that mark such a screen (see [`ScreenLabels`]).
    pub when_any: ScreenLabels,
    /// The activity classes of such screens.
    pub when_class: Keywords,
}

impl CompiledSuperApp {
    /// Whether a screen of the app with this class and these texts is such a screen.
    pub fn matches(&self, class: Option<&str>, joined_texts: &str) -> bool {
        class.is_some_and(|c| self.when_class.is_in(c)) || self.when_any.is_on(joined_texts)
    }
}

/// Rules compiled and checked, ready for the engine. Cheap to share (`Arc`).
#[derive(Debug)]
pub struct Rules {
    /// Package → category.
    pub apps: PackageTable<AppCategory>,
    /// Browsers and web-view hosts.
    pub browsers: PackageTable<()>,
    /// System UI packages.
    pub system_ui: PackageTable<()>,
    /// Keyboards.
    pub input_methods: PackageTable<()>,
    /// Apps sensitive only on some screens; one package may have several entries.
    pub super_apps: Vec<CompiledSuperApp>,
    /// Consent dialog asking to share the screen with an app.
    pub consent_share: Patterns,
    /// The system screen recorder's start dialog.
    pub consent_record: Patterns,
    /// Consent start buttons.
    pub consent_start: Labels,
    /// Consent cancel buttons.
    pub consent_cancel: Labels,
    /// Buttons that stop a share, cast, recording or remote session.
    pub stop_buttons: Labels,
    /// Status-bar share indicators.
    pub indicator_share: Keywords,
    /// Status-bar cast indicators.
    pub indicator_cast: Keywords,
    /// Status-bar record indicators.
    pub indicator_record: Keywords,
    /// Sharing apps' "you are sharing" texts.
    pub sharing_active: Keywords,
    /// Remote apps' "you are being controlled" texts.
    pub remote_active: Keywords,
    /// Sharing apps' "sharing stopped" texts.
    pub sharing_ended: Keywords,
    /// Texts of a share of something else (a live location).
    pub sharing_other: Keywords,
    /// Card-number field markers.
    pub card_number: Keywords,
    /// Code field markers.
    pub code_field: Keywords,
    /// Other secret field markers.
    pub secret_field: Keywords,
    /// Scam script phrases.
    pub script_phrases: Patterns,
    /// Scam script terms.
    pub script_terms: Keywords,
    /// Distinct terms that make a script.
    pub script_min_terms: usize,
    /// The verification-code scanner.
    pub otp: OtpScanner,
    /// Quiet time after `continue`.
    pub snooze_ms: u64,
    /// How long evidence without an end signal of its own lasts.
    pub evidence_ttl_ms: u64,
}

static DEFAULT_RULES: Lazy<Arc<Rules>> = Lazy::new(|| {
    // The embedded file is checked by this crate's tests; a failure here is a build defect.
    let file = RulesFile::parse(DEFAULT_RULES_JSON).expect("embedded default rules parse");
    Arc::new(Rules::compile(file).expect("embedded default rules compile"))
});

impl Rules {
    /// The super-app rules that apply to `package`.
    pub fn super_apps_for<'a>(
        &'a self,
        package: &'a str,
    ) -> impl Iterator<Item = &'a CompiledSuperApp> + 'a {
        self.super_apps
            .iter()
            .filter(move |s| s.package.get(package).is_some())
    }

    /// The embedded default rules, compiled once per process.
    pub fn default_rules() -> Arc<Rules> {
        Arc::clone(&DEFAULT_RULES)
    }

    /// Parses and compiles an override against the embedded defaults.
    pub fn from_override(json: &str) -> Result<Rules, RulesError> {
        let file = RulesFile::parse(json)?;
        let merged = match file.mode {
            Mode::Replace => file,
            Mode::Extend => {
                // Check the file on its own first, so errors name places in it.
                compile_file(&file).map_err(RulesError::Invalid)?;
                let mut base = RulesFile::parse(DEFAULT_RULES_JSON)?;
                base.extend(file);
                base
            }
        };
        Rules::compile(merged)
    }

    /// Compiles a parsed rules file, checking every value.
    pub fn compile(file: RulesFile) -> Result<Rules, RulesError> {
        compile_file(&file).map_err(RulesError::Invalid)
    }
}

/// A table of packages without values.
fn package_set(place: &str, packages: &[String]) -> Result<PackageTable<()>, RuleProblem> {
    let mut set = PackageTable::default();
    for (i, p) in packages.iter().enumerate() {
        set.insert(&format!("{place}[{i}]"), p, ())?;
    }
    Ok(set)
}

fn compile_file(f: &RulesFile) -> Result<Rules, RuleProblem> {
    let mut apps = PackageTable::default();
    for (name, list, category) in [
        ("banking", &f.apps.banking, AppCategory::Banking),
        ("payment", &f.apps.payment, AppCategory::Payment),
        ("lending", &f.apps.lending, AppCategory::Lending),
        (
            "screen_share",
            &f.apps.screen_share,
            AppCategory::ScreenShare,
        ),
        (
            "remote_control",
            &f.apps.remote_control,
            AppCategory::RemoteControl,
        ),
        ("sms", &f.apps.sms, AppCategory::Sms),
    ] {
        for (i, p) in list.iter().enumerate() {
            apps.insert(&format!("apps.{name}[{i}]"), p, category)?;
        }
    }
    let browsers = package_set("apps.browser", &f.apps.browser)?;
    let system_ui = package_set("apps.system_ui", &f.apps.system_ui)?;
    let input_methods = package_set("apps.input_method", &f.apps.input_method)?;
    let mut super_apps = Vec::with_capacity(f.super_apps.len());
    for (i, s) in f.super_apps.iter().enumerate() {
        let place = format!("super_apps[{i}]");
        let category = AppCategory::parse_sensitive(&s.category).ok_or_else(|| {
            RuleProblem::new(
                format!("{place}.category"),
                "must be banking, payment or lending",
            )
        })?;
        if s.when_any.is_empty() && s.when_class.is_empty() {
            return Err(RuleProblem::new(
                place.clone(),
                "must list texts (`when_any`) or classes (`when_class`)",
            ));
        }
        let mut package = PackageTable::default();
        package.insert(&format!("{place}.package"), &s.package, ())?;
        super_apps.push(CompiledSuperApp {
            package,
            category,
            when_any: ScreenLabels::compile(&format!("{place}.when_any"), &s.when_any)?,
            when_class: Keywords::compile(&format!("{place}.when_class"), &s.when_class)?,
        });
    }
    let e = &f.exposure;
    let script_min_terms = f.scam_script.min_terms.unwrap_or(DEFAULT_MIN_TERMS);
    if script_min_terms == 0 {
        return Err(RuleProblem::new(
            "scam_script.min_terms",
            "must be at least 1",
        ));
    }
    Ok(Rules {
        apps,
        browsers,
        system_ui,
        input_methods,
        super_apps,
        consent_share: Patterns::compile("exposure.consent_share", &e.consent_share)?,
        consent_record: Patterns::compile("exposure.consent_record", &e.consent_record)?,
        consent_start: Labels::new("exposure.consent_start", &e.consent_start)?,
        consent_cancel: Labels::new("exposure.consent_cancel", &e.consent_cancel)?,
        stop_buttons: Labels::new("exposure.stop_buttons", &e.stop_buttons)?,
        indicator_share: Keywords::compile("exposure.indicator_share", &e.indicator_share)?,
        indicator_cast: Keywords::compile("exposure.indicator_cast", &e.indicator_cast)?,
        indicator_record: Keywords::compile("exposure.indicator_record", &e.indicator_record)?,
        sharing_active: Keywords::compile("exposure.sharing_active", &e.sharing_active)?,
        remote_active: Keywords::compile("exposure.remote_active", &e.remote_active)?,
        sharing_ended: Keywords::compile("exposure.sharing_ended", &e.sharing_ended)?,
        sharing_other: Keywords::compile("exposure.sharing_other", &e.sharing_other)?,
        card_number: Keywords::compile("card_form.card_number", &f.card_form.card_number)?,
        code_field: Keywords::compile("card_form.code", &f.card_form.code)?,
        secret_field: Keywords::compile("card_form.secret", &f.card_form.secret)?,
        script_phrases: Patterns::compile("scam_script.phrases", &f.scam_script.phrases)?,
        script_terms: Keywords::compile("scam_script.terms", &f.scam_script.terms)?,
        script_min_terms: script_min_terms as usize,
        otp: OtpScanner::new(&f.otp)?,
        snooze_ms: f.timing.snooze_ms.unwrap_or(DEFAULT_SNOOZE_MS),
        evidence_ttl_ms: f.timing.evidence_ttl_ms.unwrap_or(DEFAULT_EVIDENCE_TTL_MS),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_rules_compile() {
        let rules = Rules::default_rules();
        assert!(!rules.apps.is_empty());
        assert!(!rules.system_ui.is_empty());
    }

    #[test]
    fn package_prefixes_match_names_below_them_only() {
        let mut t = PackageTable::default();
        t.insert("x", "com.icbc.*", 1).unwrap();
        t.insert("y", "com.chinamworld.main", 2).unwrap();
        assert_eq!(t.get("com.icbc"), Some(1));
        assert_eq!(t.get("com.icbc.mobile"), Some(1));
        assert_eq!(t.get("com.icbcx"), None);
        assert_eq!(t.get("com.chinamworld.main"), Some(2));
        assert_eq!(t.get("com.chinamworld.main.x"), None);
    }

    #[test]
    fn bad_files_name_the_place() {
        let err =
            Rules::from_override(r#"{"version":1,"apps":{"banking":["com.ok","not a package"]}}"#)
                .unwrap_err();
        assert_eq!(
            err,
            RulesError::Invalid(RuleProblem::new(
                "apps.banking[1]",
                "not a package name (letters, digits, `_` and dots, optionally ending in `.*`)"
            ))
        );
        let err = Rules::from_override(r#"{"version":1,"scam_script":{"phrases":["(unclosed"]}}"#)
            .unwrap_err();
        assert!(
            matches!(&err, RulesError::Invalid(p) if p.place == "scam_script.phrases[0]"),
            "{err}"
        );
        let err = Rules::from_override("{\"version\":1,\n \"apss\":{}}").unwrap_err();
        assert!(
            matches!(&err, RulesError::Format(p) if p.place.starts_with("line 2")),
            "{err}"
        );
        assert_eq!(
            Rules::from_override(r#"{"version":2}"#).unwrap_err(),
            RulesError::Version(2)
        );
        let err = Rules::from_override(r#"{"version":1,"super_apps":[{"package":"com.x","category":"games","when_any":["a"]}]}"#)
            .unwrap_err();
        assert!(
            matches!(&err, RulesError::Invalid(p) if p.place == "super_apps[0].category"),
            "{err}"
        );
    }

    #[test]
    fn extend_adds_to_defaults_and_replace_stands_alone() {
        let extended =
            Rules::from_override(r#"{"version":1,"apps":{"banking":["org.example.mybank"]}}"#)
                .unwrap();
        assert_eq!(
            extended.apps.get("org.example.mybank"),
            Some(AppCategory::Banking)
        );
        assert_eq!(
            extended.apps.get("com.eg.android.AlipayGphone"),
            Some(AppCategory::Payment)
        );
        let replaced = Rules::from_override(
            r#"{"version":1,"mode":"replace","apps":{"banking":["org.example.mybank"]}}"#,
        )
        .unwrap();
        assert_eq!(replaced.apps.get("com.eg.android.AlipayGphone"), None);
    }

    #[test]
    fn patterns_with_letter_escapes_match_text_without_letters() {
        let p = Patterns::compile(
            "x",
            &[r"\d{3}-\d{4}-\d{4}".into(), r"\x{5B89}\x{5168}账户".into()],
        )
        .unwrap();
        assert!(p.is_match("拨打 400-8208-8208"));
        assert!(p.is_match("请把钱转入安全账户"));
        let p = Patterns::compile("x", &["refund channel".into()]).unwrap();
        assert!(p.is_match("the REFUND Channel"));
    }

    #[test]
    fn patterns_matching_the_empty_text_are_refused() {
        let err =
            Rules::from_override(r#"{"version":1,"scam_script":{"phrases":["转入安全账户|"]}}"#)
                .unwrap_err();
        assert!(
            matches!(&err, RulesError::Invalid(p) if p.place == "scam_script.phrases[0]"),
            "{err}"
        );
        assert!(err.to_string().contains("empty text"), "{err}");
    }

    #[test]
    fn screen_labels_are_texts_of_their_own_not_words_in_a_message() {
        let labels =
            ScreenLabels::compile("x", &["可借额度".into(), "Transfer Amount".into()]).unwrap();
        assert!(labels.is_on("首页\n最高可借额度(元)\n50,000.00"));
        assert!(labels.is_on("transfer amount"));
        assert!(!labels.is_on("张三\n我把可借额度截图发你了，你看一下"));
        assert!(!labels.is_on("Please check the transfer amount before you send it"));
    }

    #[test]
    fn labels_match_whole_texts_ignoring_case() {
        let labels = Labels::new("x", &["Start now".into(), "立即开始".into()]).unwrap();
        assert!(Labels::new("exposure.stop_buttons", &["ok".into(), " ".into()]).is_err());
        assert!(labels.is("START NOW"));
        assert!(labels.is(" 立即开始 "));
        assert!(!labels.is("Start now please"));
    }
}
