//! Verification codes (OTP) in screen and notification text.
//!
//! [`OtpScanner::find`] returns the code a text shows, normalised to ASCII, or
//! `None`. Every word list and tunable is data (the rules file's `otp` section,
//! [`OtpRules`]); the steps are:
//!
//! 1. **Normalise**: full-width digits, letters and punctuation become ASCII,
//!    odd spaces become a plain space, odd dashes a plain `-`, zero-width
//!    characters go. A text without any digit is dropped at once.
//! 2. **Keywords**: find labels of a code (`keywords`: 验证码, 动态密码, OTP,
//!    security code, ...). An ASCII keyword must not touch another letter
//!    (`otp` in `hotpot` is not one), and a hit inside one of `not_keywords`
//!    (取件验证码, promo code, ...) does not count. No keyword, no code. At most
//!    [`MAX_KEYWORD_HITS`] hits are looked at, each in a bounded window, so the
//!    work is bounded whatever the length of the text.
//! 3. **Tokens**: maximal runs of ASCII letters and digits; runs joined by one
//!    space (digits only) or one dash form a unit. A unit is one code when its
//!    groups are of equal length (`123 456`, `1 2 3 4 5 6`, `384-201`), or a
//!    one-to-three-letter prefix and digits (`G-482913` gives `482913`, the part
//!    a person types). Otherwise a dashed unit is one long number (a date, a
//!    phone number, a pickup code `5-2-3011`) and no code; a spaced unit that
//!    looks like a phone or card number is none either, and any other is read
//!    group by group. A code is `min_length..=max_length` characters: digits,
//!    or letters and digits that alternate at least twice (`A7K9Q2`, not
//!    `SAVE20`), in one letter case.
//! 4. **Rejections**: a candidate is not a code when it overlaps a match of
//!    `ignore_patterns` (dates, times, amounts, masked numbers, links, e-mail
//!    addresses, the sender's 【signature】), is glued to a longer token
//!    (`/`, `*`, `@`, `11:05`, `3.50`), is shortly preceded by one of
//!    `reject_if_preceded_by` (尾号, 订单, 热线, ¥, ending in, ...; only the text
//!    since the last keyword or sentence end counts, at most
//!    `preceding_context` characters) or directly followed by one of
//!    `reject_if_followed_by` (元, 年, 秒, s, minutes, ...).
//! 5. **Association**: a candidate must sit after a keyword within
//!    `max_gap_after_keyword` columns (`验证码：482913`, `Your code is 482913`)
//!    or before one within `max_gap_before_keyword` (`482913是您的验证码`,
//!    `G-482913 is your Google verification code`), in the same sentence
//!    (a CJK character counts two columns; a code before its keyword must also
//!    be in the same screen text, not across ` | ` or a line break). When the
//!    gap ends with one of `connectors` (`is`, `为`, `:`), a code after its
//!    keyword may be twice as far (`OTP for INR 3,000.00 at AMAZON on card
//!    ending 1234 is 582019`).
//! 6. **Choice**: the best candidate wins: closest to its keyword, a code after
//!    its keyword before one in front of it, six digits before other shapes.

use crate::rules::{Keywords, RuleProblem};
use regex::{Regex, RegexBuilder};
use serde::Deserialize;
use std::borrow::Cow;
use std::ops::Range;

/// The most keyword hits one text is searched around.
pub const MAX_KEYWORD_HITS: usize = 256;

/// Default shortest code.
const DEFAULT_MIN_LENGTH: u32 = 4;
/// Default longest code.
const DEFAULT_MAX_LENGTH: u32 = 8;
/// Default columns between a keyword and a code after it.
const DEFAULT_MAX_GAP_AFTER: u32 = 48;
/// Default columns between a code and a keyword after it.
const DEFAULT_MAX_GAP_BEFORE: u32 = 40;
/// Default characters before a candidate searched for `reject_if_preceded_by`.
const DEFAULT_PRECEDING_CONTEXT: u32 = 12;

/// Shortest and longest code length a rules file may set.
const LENGTH_LIMITS: Range<u32> = 3..13;
/// Largest gap a rules file may set, in columns.
const MAX_GAP_LIMIT: u32 = 400;
/// Largest preceding context a rules file may set, in characters.
const MAX_PRECEDING_CONTEXT: u32 = 64;
/// Longest word in a word list, in characters.
const MAX_WORD_CHARS: usize = 64;
/// Bytes searched beyond the gaps around a keyword, for tokens, patterns and context.
const REGION_MARGIN_BYTES: usize = 128;
/// Longest unit considered at all, in bytes (longer ones are long numbers).
const MAX_UNIT_BYTES: usize = 40;

/// The `otp` section of the rules file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OtpRules {
    /// Labels of a verification code (literal, case-insensitive): 验证码, OTP, security code.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Phrases that contain a keyword but are no code label (取件验证码, promo code).
    #[serde(default)]
    pub not_keywords: Vec<String>,
    /// Words that, shortly before a number, make it something else (尾号, 订单号, 热线, ¥).
    #[serde(default)]
    pub reject_if_preceded_by: Vec<String>,
    /// Words that, right after a number, make it something else (元, 年, 秒, minutes).
    #[serde(default)]
    pub reject_if_followed_by: Vec<String>,
    /// Regexes of spans that never hold a code (dates, amounts, links, masked numbers).
    #[serde(default)]
    pub ignore_patterns: Vec<String>,
    /// Words right before a code that tie it to a keyword further back (is, 为, :).
    #[serde(default)]
    pub connectors: Vec<String>,
    /// Shortest code, in characters (default 4).
    #[serde(default)]
    pub min_length: Option<u32>,
    /// Longest code, in characters (default 8).
    #[serde(default)]
    pub max_length: Option<u32>,
    /// Most columns from the end of a keyword to a code after it (default 48).
    #[serde(default)]
    pub max_gap_after_keyword: Option<u32>,
    /// Most columns from the end of a code to a keyword after it (default 40).
    #[serde(default)]
    pub max_gap_before_keyword: Option<u32>,
    /// Characters before a candidate searched for `reject_if_preceded_by` (default 12).
    #[serde(default)]
    pub preceding_context: Option<u32>,
}

impl OtpRules {
    /// Adds `other`'s lists to these; its scalars, where present, win.
    pub fn extend(&mut self, other: OtpRules) {
        self.keywords.extend(other.keywords);
        self.not_keywords.extend(other.not_keywords);
        self.reject_if_preceded_by
            .extend(other.reject_if_preceded_by);
        self.reject_if_followed_by
            .extend(other.reject_if_followed_by);
        self.ignore_patterns.extend(other.ignore_patterns);
        self.connectors.extend(other.connectors);
        for (mine, theirs) in [
            (&mut self.min_length, other.min_length),
            (&mut self.max_length, other.max_length),
            (&mut self.max_gap_after_keyword, other.max_gap_after_keyword),
            (
                &mut self.max_gap_before_keyword,
                other.max_gap_before_keyword,
            ),
            (&mut self.preceding_context, other.preceding_context),
        ] {
            if theirs.is_some() {
                *mine = theirs;
            }
        }
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
    keywords: Option<Regex>,
    /// A fast first look for any keyword, before the exact matcher runs.
    keyword_probe: Keywords,
    /// The ASCII characters of the keywords, lowercase (see `may_hide_keyword`).
    keyword_chars: Vec<u8>,
    not_keywords: Option<Regex>,
    preceded_by: Option<Regex>,
    followed_by: Option<Regex>,
    connectors: Option<Regex>,
    ignore: Vec<Regex>,
    min_length: usize,
    max_length: usize,
    max_gap_after: usize,
    max_gap_before: usize,
    preceding_context: usize,
}

impl OtpScanner {
    /// Compiles the scanner; a bad rule is reported with its place.
    pub fn new(rules: &OtpRules) -> Result<OtpScanner, RuleProblem> {
        let min_length = rules.min_length.unwrap_or(DEFAULT_MIN_LENGTH);
        let max_length = rules.max_length.unwrap_or(DEFAULT_MAX_LENGTH);
        for (place, value) in [
            ("otp.min_length", min_length),
            ("otp.max_length", max_length),
        ] {
            if !LENGTH_LIMITS.contains(&value) {
                return Err(RuleProblem::new(
                    place,
                    format!(
                        "must be from {} to {}",
                        LENGTH_LIMITS.start,
                        LENGTH_LIMITS.end - 1
                    ),
                ));
            }
        }
        if min_length > max_length {
            return Err(RuleProblem::new(
                "otp.max_length",
                "must not be less than min_length",
            ));
        }
        let max_gap_after = gap(
            "otp.max_gap_after_keyword",
            rules.max_gap_after_keyword,
            DEFAULT_MAX_GAP_AFTER,
        )?;
        let max_gap_before = gap(
            "otp.max_gap_before_keyword",
            rules.max_gap_before_keyword,
            DEFAULT_MAX_GAP_BEFORE,
        )?;
        let preceding_context = rules.preceding_context.unwrap_or(DEFAULT_PRECEDING_CONTEXT);
        if preceding_context > MAX_PRECEDING_CONTEXT {
            return Err(RuleProblem::new(
                "otp.preceding_context",
                format!("must be at most {MAX_PRECEDING_CONTEXT}"),
            ));
        }
        let ignore = rules
            .ignore_patterns
            .iter()
            .enumerate()
            .map(|(i, p)| {
                RegexBuilder::new(p)
                    .size_limit(1 << 20)
                    .build()
                    .map_err(|e| {
                        RuleProblem::new(
                            format!("otp.ignore_patterns[{i}]"),
                            format!("invalid regex: {e}"),
                        )
                    })
            })
            .collect::<Result<_, _>>()?;
        Ok(OtpScanner {
            keywords: word_matcher("otp.keywords", &rules.keywords, WordContext::Anywhere)?,
            keyword_chars: {
                let mut chars: Vec<u8> = rules
                    .keywords
                    .iter()
                    .flat_map(|k| normalise(k).bytes().collect::<Vec<_>>())
                    .filter(u8::is_ascii)
                    .map(|b| b.to_ascii_lowercase())
                    .collect();
                chars.sort_unstable();
                chars.dedup();
                chars
            },
            keyword_probe: Keywords::compile(
                "otp.keywords",
                &rules
                    .keywords
                    .iter()
                    .map(|k| normalise(k).into_owned())
                    .collect::<Vec<_>>(),
            )?,
            not_keywords: word_matcher(
                "otp.not_keywords",
                &rules.not_keywords,
                WordContext::Anywhere,
            )?,
            preceded_by: word_matcher(
                "otp.reject_if_preceded_by",
                &rules.reject_if_preceded_by,
                WordContext::WholeAsciiWords,
            )?,
            followed_by: word_matcher(
                "otp.reject_if_followed_by",
                &rules.reject_if_followed_by,
                WordContext::AtStart,
            )?,
            connectors: word_matcher("otp.connectors", &rules.connectors, WordContext::AtEnd)?,
            ignore,
            min_length: min_length as usize,
            max_length: max_length as usize,
            max_gap_after: max_gap_after as usize,
            max_gap_before: max_gap_before as usize,
            preceding_context: preceding_context as usize,
        })
    }

    /// Where keywords start in `text`, in no particular order; `None` when
    /// the text may hide a keyword from a literal search (full-width letters,
    /// zero-width characters), so every part of it must be scanned.
    pub fn keyword_starts<'a, 't>(
        &'a self,
        text: &'t str,
    ) -> Option<impl Iterator<Item = usize> + use<'a, 't>> {
        if may_hide_keyword(text, &self.keyword_chars) {
            return None;
        }
        Some(self.keyword_probe.find_all(text).map(|m| m.start()))
    }

    /// The verification code `text` shows, if any.
    pub fn find(&self, text: &str) -> Option<OtpMatch> {
        let keywords = self.keywords.as_ref()?;
        if !has_digits(text, 1) {
            return None;
        }
        let text = normalise(text);
        let text = text.as_ref();
        if !self.keyword_probe.is_in(text) {
            return None;
        }
        let hits = keyword_hits(keywords, self.not_keywords.as_ref(), text);
        if hits.is_empty() {
            return None;
        }
        let mut best: Option<Scored> = None;
        for region in self.regions(text, &hits) {
            if let Some(found) = self.best_in_region(text, region, &hits) {
                if best.as_ref().is_none_or(|b| found.score > b.score) {
                    best = Some(found);
                }
            }
        }
        best.map(|b| OtpMatch { code: b.code })
    }

    /// Disjoint byte ranges around the keyword hits, each with room for the gaps and context.
    fn regions(&self, text: &str, hits: &[Range<usize>]) -> Vec<Range<usize>> {
        let before = self.max_gap_before * 2 + REGION_MARGIN_BYTES;
        let after = self.max_gap_after * 2 * CONNECTOR_GAP_FACTOR + REGION_MARGIN_BYTES;
        let mut regions: Vec<Range<usize>> = Vec::new();
        for hit in hits {
            let start = floor_boundary(text, hit.start.saturating_sub(before));
            let end = ceil_boundary(text, hit.end.saturating_add(after).min(text.len()));
            match regions.last_mut() {
                Some(last) if start <= last.end => last.end = last.end.max(end),
                _ => regions.push(start..end),
            }
        }
        regions
    }

    /// The best candidate in one region, judged against the keyword hits in it.
    fn best_in_region(
        &self,
        text: &str,
        region: Range<usize>,
        all_hits: &[Range<usize>],
    ) -> Option<Scored> {
        let hits = {
            let from = all_hits.partition_point(|h| h.start < region.start);
            let to = all_hits.partition_point(|h| h.end <= region.end);
            &all_hits[from..to.max(from)]
        };
        let mut masks: Vec<Range<usize>> = self
            .ignore
            .iter()
            .flat_map(|re| matches_in(re, text, &region))
            .collect();
        masks.sort_by_key(|m| m.start);
        let longest_mask = masks.iter().map(|m| m.len()).max().unwrap_or(0);
        // Bytes per column are at most two (a CJK character is three bytes and two columns).
        let reach_before = self.max_gap_after * 2 * CONNECTOR_GAP_FACTOR;
        let reach_after = self.max_gap_before * 2;
        let mut best: Option<Scored> = None;
        for unit in units(text, &region) {
            for cand in self.candidates(text, &unit) {
                let span = &cand.span;
                let near = {
                    let from = hits.partition_point(|h| h.end + reach_before < span.start);
                    let to = hits.partition_point(|h| h.start <= span.end + reach_after);
                    &hits[from..to.max(from)]
                };
                let masked = {
                    let from = masks.partition_point(|m| m.start + longest_mask < span.start);
                    masks[from..]
                        .iter()
                        .take_while(|m| m.start < span.end)
                        .any(|m| overlaps(m, span))
                };
                if near.is_empty() || masked || hits.iter().any(|h| overlaps(h, span)) {
                    continue;
                }
                let Some(closeness) = near
                    .iter()
                    .filter_map(|h| self.closeness(text, h, span))
                    .max()
                else {
                    continue;
                };
                if self.rejected_by_context(text, span, hits) {
                    continue;
                }
                let score = closeness + cand.shape_bonus;
                if best.as_ref().is_none_or(|b| score > b.score) {
                    best = Some(Scored {
                        score,
                        code: cand.code,
                    });
                }
            }
        }
        best
    }

    /// How well a keyword hit and a candidate belong together (higher is closer), or
    /// `None` when they do not.
    fn closeness(&self, text: &str, hit: &Range<usize>, cand: &Range<usize>) -> Option<i64> {
        if hit.end <= cand.start {
            let gap = &text[hit.end..cand.start];
            let columns = gap_columns(gap, false)?;
            let linked = self.connectors.as_ref().is_some_and(|re| re.is_match(gap));
            let limit = if linked {
                self.max_gap_after * CONNECTOR_GAP_FACTOR
            } else {
                self.max_gap_after
            };
            (columns <= limit).then(|| AFTER_KEYWORD_BONUS - columns as i64)
        } else if cand.end <= hit.start {
            let columns = gap_columns(&text[cand.end..hit.start], true)?;
            (columns <= self.max_gap_before).then(|| -(columns as i64))
        } else {
            None
        }
    }

    /// Whether the words around a candidate say it is something else.
    fn rejected_by_context(&self, text: &str, span: &Range<usize>, hits: &[Range<usize>]) -> bool {
        if let Some(re) = &self.followed_by {
            let rest = &text[span.end..];
            let rest = rest.strip_prefix(' ').unwrap_or(rest);
            let probe = &rest[..ceil_boundary(rest, rest.len().min(4 * MAX_WORD_CHARS))];
            if re.is_match(probe) {
                return true;
            }
        }
        if let Some(re) = &self.preceded_by {
            let floor = hits
                .iter()
                .take(hits.partition_point(|h| h.start < span.start))
                .map(|h| h.end)
                .filter(|&end| end <= span.start)
                .max()
                .unwrap_or(0);
            let mut start = span.start;
            for (i, c) in text[floor..span.start]
                .char_indices()
                .rev()
                .take(self.preceding_context)
            {
                if is_sentence_end(c) {
                    break;
                }
                start = floor + i;
            }
            if re.is_match(&text[start..span.start]) {
                return true;
            }
        }
        false
    }

    /// The code candidates one unit gives.
    fn candidates(&self, text: &str, unit: &Unit) -> Vec<Candidate> {
        let mut found = Vec::new();
        if unit.span.len() > MAX_UNIT_BYTES || is_glued(text, &unit.span) {
            return found;
        }
        let groups: Vec<&str> = unit.words.iter().map(|w| &text[w.clone()]).collect();
        let lengths_equal = groups.iter().all(|g| g.len() == groups[0].len());
        let total: usize = groups.iter().map(|g| g.len()).sum();
        if groups.len() == 1 {
            found.extend(self.single(groups[0], unit.words[0].clone()));
        } else if !unit.spaced {
            let prefix = groups[0];
            if groups.len() == 2
                && (1..=3).contains(&prefix.len())
                && prefix.bytes().all(|b| b.is_ascii_uppercase())
                && groups[1].bytes().all(|b| b.is_ascii_digit())
            {
                found.extend(self.single(groups[1], unit.words[1].clone()));
            } else if lengths_equal && self.length_fits(total) {
                let code: String = groups.concat();
                if is_digits(&code) || is_mixed_code(&code) {
                    found.push(Candidate::new(code, unit.span.clone(), SPLIT_BONUS));
                }
            }
        } else if !unit.dashed {
            let long_groups = groups.iter().filter(|g| g.len() >= 3).count();
            if lengths_equal && self.length_fits(total) {
                found.push(Candidate::new(
                    groups.concat(),
                    unit.span.clone(),
                    SPLIT_BONUS,
                ));
            } else if long_groups >= 3
                || (total > self.max_length && groups.iter().all(|g| g.len() <= 4))
            {
                // A phone or card number written in groups.
            } else {
                for (group, word) in groups.iter().zip(&unit.words) {
                    found.extend(self.single(group, word.clone()));
                }
            }
        }
        found
    }

    /// A single group as a candidate, if it has the shape of a code.
    fn single(&self, group: &str, span: Range<usize>) -> Option<Candidate> {
        if !self.length_fits(group.len()) {
            return None;
        }
        if is_digits(group) {
            let bonus = if group.len() == 6 {
                SIX_DIGIT_BONUS
            } else {
                DIGITS_BONUS
            };
            Some(Candidate::new(group.to_owned(), span, bonus))
        } else if is_mixed_code(group) {
            Some(Candidate::new(group.to_owned(), span, MIXED_BONUS))
        } else {
            None
        }
    }

    fn length_fits(&self, len: usize) -> bool {
        (self.min_length..=self.max_length).contains(&len)
    }
}

/// How many times `max_gap_after_keyword` a code may be from its keyword when a
/// connector stands right before it.
const CONNECTOR_GAP_FACTOR: usize = 2;
/// Score for a code after its keyword rather than before it.
const AFTER_KEYWORD_BONUS: i64 = 6;
/// Shape scores: six digits, other digit codes, split codes, letter-and-digit codes.
const SIX_DIGIT_BONUS: i64 = 10;
const DIGITS_BONUS: i64 = 6;
const SPLIT_BONUS: i64 = 8;
const MIXED_BONUS: i64 = 4;

/// A candidate that passed every check, with its score.
struct Scored {
    score: i64,
    code: String,
}

/// A possible code: its normalised text, its byte span and a score for its shape.
struct Candidate {
    code: String,
    span: Range<usize>,
    shape_bonus: i64,
}

impl Candidate {
    fn new(code: String, span: Range<usize>, shape_bonus: i64) -> Self {
        Candidate {
            code,
            span,
            shape_bonus,
        }
    }
}

/// Runs of ASCII letters and digits joined by single spaces (digits only) or dashes.
struct Unit {
    span: Range<usize>,
    words: Vec<Range<usize>>,
    spaced: bool,
    dashed: bool,
}

/// The units wholly inside `region` (one touching a cut edge of the region is left out).
fn units(text: &str, region: &Range<usize>) -> Vec<Unit> {
    let bytes = text.as_bytes();
    let mut words: Vec<Range<usize>> = Vec::new();
    let mut i = region.start;
    while i < region.end {
        if bytes[i].is_ascii_alphanumeric() {
            let start = i;
            while i < region.end && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            words.push(start..i);
        } else {
            i += 1;
        }
    }
    let mut units: Vec<Unit> = Vec::new();
    for word in words {
        if let Some(last) = units.last_mut() {
            let prev = last.words.last().cloned().unwrap_or(0..0);
            if word.start == prev.end + 1 {
                let sep = bytes[prev.end];
                let digits = is_digits(&text[prev.clone()]) && is_digits(&text[word.clone()]);
                if sep == b'-' || (sep == b' ' && digits) {
                    last.spaced |= sep == b' ';
                    last.dashed |= sep == b'-';
                    last.span.end = word.end;
                    last.words.push(word);
                    continue;
                }
            }
        }
        units.push(Unit {
            span: word.clone(),
            words: vec![word],
            spaced: false,
            dashed: false,
        });
    }
    units.retain(|u| {
        let cut_start = u.span.start == region.start && region.start > 0;
        let cut_end = u.span.end == region.end && region.end < text.len();
        !cut_start && !cut_end
    });
    units
}

/// Whether a unit is part of a longer token: a link, a masked number, a time, a decimal.
fn is_glued(text: &str, span: &Range<usize>) -> bool {
    let mut before = text[..span.start].chars().rev();
    let mut after = text[span.end..].chars();
    let glued_before = match before.next() {
        Some('/' | '\\' | '*' | '_' | '=' | '&' | '@' | '+' | '•' | '%') => true,
        Some('.') => before.next().is_some_and(|c| c.is_ascii_alphanumeric()),
        Some(':') => before.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    };
    let glued_after = match after.next() {
        Some('/' | '\\' | '*' | '_' | '=' | '&' | '@' | '%' | '•') => true,
        Some('.' | ':') => after.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    };
    glued_before || glued_after
}

/// The width of a gap in columns, or `None` when it crosses a sentence end (or, for
/// a code before its keyword, a screen-text boundary).
fn gap_columns(gap: &str, code_first: bool) -> Option<usize> {
    let mut columns = 0;
    let mut chars = gap.chars().peekable();
    while let Some(c) = chars.next() {
        if is_sentence_end(c)
            || (c == '.' && chars.peek().is_none_or(|n| n.is_whitespace()))
            || (code_first && matches!(c, '|' | '\n'))
        {
            return None;
        }
        columns += if c.is_ascii() { 1 } else { 2 };
    }
    Some(columns)
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | ';' | '！' | '？' | '；')
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Letters and digits in one case that alternate at least twice (`A7K9Q2`, `4F7GH`),
/// unlike words with a number (`SAVE20`, `iPhone15`, `G1234`).
fn is_mixed_code(s: &str) -> bool {
    let has_digit = s.bytes().any(|b| b.is_ascii_digit());
    let upper = s
        .bytes()
        .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase());
    let lower = s
        .bytes()
        .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase());
    let changes = s
        .as_bytes()
        .windows(2)
        .filter(|w| w[0].is_ascii_digit() != w[1].is_ascii_digit())
        .count();
    has_digit && (upper || lower) && changes >= 2
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Up to [`MAX_KEYWORD_HITS`] keyword hits, in order. An ASCII keyword must not touch
/// another ASCII letter, and a hit inside a match of `not_keywords` does not count;
/// both lists are walked once, side by side.
fn keyword_hits(keywords: &Regex, not_keywords: Option<&Regex>, text: &str) -> Vec<Range<usize>> {
    let mut excluded = not_keywords.map(|re| re.find_iter(text).peekable());
    keywords
        .find_iter(text)
        .filter(|m| {
            let s = m.as_str();
            let letter_before = text[..m.start()]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphabetic());
            let letter_after = text[m.end()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic());
            let ascii_start = s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
            let ascii_end = s
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric());
            !((ascii_start && letter_before) || (ascii_end && letter_after))
        })
        .filter(|m| {
            let Some(excluded) = excluded.as_mut() else {
                return true;
            };
            while excluded.next_if(|x| x.end() <= m.start()).is_some() {}
            excluded.peek().is_none_or(|x| x.start() >= m.end())
        })
        .take(MAX_KEYWORD_HITS)
        .map(|m| m.range())
        .collect()
}

/// The matches of `re` that start inside `region` (the text before the region counts
/// for anchors; nothing after it is searched).
fn matches_in(re: &Regex, text: &str, region: &Range<usize>) -> Vec<Range<usize>> {
    let haystack = &text[..region.end];
    let mut found = Vec::new();
    let mut at = region.start;
    while at <= haystack.len() {
        let Some(m) = re.find_at(haystack, at) else {
            break;
        };
        found.push(m.range());
        at = if m.end() > m.start() {
            m.end()
        } else {
            match haystack[m.end()..].chars().next() {
                Some(c) => m.end() + c.len_utf8(),
                None => break,
            }
        };
    }
    found
}

/// Where word lists may match.
#[derive(Clone, Copy)]
enum WordContext {
    /// Anywhere in the text.
    Anywhere,
    /// Anywhere, but ASCII words only as whole words.
    WholeAsciiWords,
    /// Only at the start of the text; an ASCII word must end there.
    AtStart,
    /// Only at the end of the text, before spaces; an ASCII word must start there.
    AtEnd,
}

/// One case-insensitive regex for a word list (longest words first), or `None` when the
/// list is empty.
fn word_matcher(
    place: &str,
    words: &[String],
    context: WordContext,
) -> Result<Option<Regex>, RuleProblem> {
    for (i, w) in words.iter().enumerate() {
        if w.trim().is_empty() {
            return Err(RuleProblem::new(format!("{place}[{i}]"), "empty text"));
        }
        if w.chars().count() > MAX_WORD_CHARS {
            return Err(RuleProblem::new(
                format!("{place}[{i}]"),
                format!("longer than {MAX_WORD_CHARS} characters"),
            ));
        }
    }
    if words.is_empty() {
        return Ok(None);
    }
    let mut sorted: Vec<&String> = words.iter().collect();
    sorted.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    let alternatives: Vec<String> = sorted
        .iter()
        .map(|w| {
            let word = normalise(w);
            let escaped = regex::escape(&word);
            let ascii_start = word
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric());
            let ascii_end = word
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric());
            let before = if ascii_start
                && matches!(context, WordContext::WholeAsciiWords | WordContext::AtEnd)
            {
                "(?:^|[^A-Za-z])"
            } else {
                ""
            };
            let after = if ascii_end
                && matches!(context, WordContext::WholeAsciiWords | WordContext::AtStart)
            {
                "(?:[^A-Za-z]|$)"
            } else {
                ""
            };
            format!("{before}{escaped}{after}")
        })
        .collect();
    let (anchor_start, anchor_end) = match context {
        WordContext::AtStart => ("^", ""),
        WordContext::AtEnd => ("", r"\s*$"),
        _ => ("", ""),
    };
    let pattern = format!(
        "(?i){anchor_start}(?:{}){anchor_end}",
        alternatives.join("|")
    );
    RegexBuilder::new(&pattern)
        .size_limit(1 << 22)
        .build()
        .map(Some)
        .map_err(|e| RuleProblem::new(place, format!("too many or too long texts: {e}")))
}

fn gap(place: &str, value: Option<u32>, default: u32) -> Result<u32, RuleProblem> {
    let value = value.unwrap_or(default);
    if value == 0 || value > MAX_GAP_LIMIT {
        return Err(RuleProblem::new(
            place,
            format!("must be from 1 to {MAX_GAP_LIMIT}"),
        ));
    }
    Ok(value)
}

/// Whether normalising `text` may make a keyword appear that a literal search
/// of the text itself would miss: a character normalising drops (zero-width)
/// or turns into a character some keyword has (a full-width letter, an odd
/// space or dash). Full-width punctuation (，：), which Chinese screens are full
/// of, turns into punctuation no keyword has, and is passed over. Only the
/// lead bytes of characters normalising changes are decoded.
fn may_hide_keyword(text: &str, keyword_chars: &[u8]) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        if !NORMALISED_LEADS[usize::from(lead)] {
            i += 1;
            continue;
        }
        // Decode the one character here from its bytes (text is valid UTF-8:
        // a tab is one byte, a C2 lead two, the E2/E3/EF leads three).
        let tail = |k: usize| u32::from(bytes.get(i + k).copied().unwrap_or(0x80) & 0x3F);
        let (code, len) = match lead {
            b'\t' => (0x09, 1),
            0xC2 => ((u32::from(lead & 0x1F) << 6) | tail(1), 2),
            _ => ((u32::from(lead & 0x0F) << 12) | (tail(1) << 6) | tail(2), 3),
        };
        if let Some(c) = char::from_u32(code) {
            match normal_char(c) {
                None => return true,
                Some(n)
                    if n != c
                        && n.is_ascii()
                        && keyword_chars.contains(&(n as u8).to_ascii_lowercase()) =>
                {
                    return true;
                }
                _ => {}
            }
        }
        i += len;
    }
    false
}

/// The first bytes of every character `normal_char` changes.
static NORMALISED_LEADS: [bool; 256] = {
    let mut leads = [false; 256];
    leads[b'\t' as usize] = true;
    leads[0xC2] = true;
    leads[0xE2] = true;
    leads[0xE3] = true;
    leads[0xEF] = true;
    leads
};

/// Whether `text` has at least `n` digits, ASCII or full-width (EF BC 90..=99
/// in UTF-8), counted on bytes without decoding.
pub(crate) fn has_digits(text: &str, n: usize) -> bool {
    let bytes = text.as_bytes();
    let mut seen = 0;
    for (i, b) in bytes.iter().enumerate() {
        let full_width = *b == 0xEF
            && bytes.get(i + 1) == Some(&0xBC)
            && bytes.get(i + 2).is_some_and(|c| (0x90..=0x99).contains(c));
        if b.is_ascii_digit() || full_width {
            seen += 1;
            if seen >= n {
                return true;
            }
        }
    }
    false
}

/// The text with full-width forms made ASCII, odd spaces and dashes made plain, and
/// zero-width characters removed; borrowed when nothing changes.
fn normalise(text: &str) -> Cow<'_, str> {
    // Every character `normal_char` changes is a tab or starts with one of
    // these UTF-8 lead bytes (never continuation bytes), so runs of other
    // bytes are copied as they are, and a text with none is borrowed.
    let bytes = text.as_bytes();
    let special = |b: u8| matches!(b, b'\t' | 0xC2 | 0xE2 | 0xE3 | 0xEF);
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !special(bytes[i]) {
            i += 1;
            continue;
        }
        let c = text[i..]
            .chars()
            .next()
            .expect("a lead byte starts a character");
        let len = c.len_utf8();
        let normal = normal_char(c);
        if normal != Some(c) {
            let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
            o.push_str(&text[copied..i]);
            o.extend(normal);
            copied = i + len;
        }
        i += len;
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut o) => {
            o.push_str(&text[copied..]);
            Cow::Owned(o)
        }
    }
}

/// One character's normal form, or `None` to drop it.
fn normal_char(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '\u{3000}' | '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\t' => {
            Some(' ')
        }
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => None,
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' => Some('-'),
        _ => Some(c),
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn default_scanner() -> OtpScanner {
        let rules: serde_json::Value =
            serde_json::from_str(crate::rules::DEFAULT_RULES_JSON).unwrap();
        let otp: OtpRules = serde_json::from_value(rules["otp"].clone()).unwrap();
        OtpScanner::new(&otp).unwrap()
    }

    fn code(scanner: &OtpScanner, text: &str) -> Option<String> {
        scanner.find(text).map(|m| m.code)
    }

    fn small_rules() -> OtpRules {
        OtpRules {
            keywords: vec!["验证码".into(), "code".into()],
            ..OtpRules::default()
        }
    }

    #[test]
    fn finds_codes_after_and_before_their_keyword() {
        let s = default_scanner();
        assert_eq!(
            code(&s, "【工商银行】您的验证码为 483920，5分钟内有效").as_deref(),
            Some("483920")
        );
        assert_eq!(code(&s, "123456是您的验证码").as_deref(), Some("123456"));
        assert_eq!(code(&s, "Your code is 482913").as_deref(), Some("482913"));
        assert_eq!(
            code(
                &s,
                "【招商银行】验证码 482913，您正在进行转账，金额¥3000.00，收款人尾号1234。"
            )
            .as_deref(),
            Some("482913")
        );
        assert_eq!(code(&s, "验证码 | 482913").as_deref(), Some("482913"));
        assert_eq!(
            code(&s, "Verification code\n502913").as_deref(),
            Some("502913")
        );
    }

    #[test]
    fn normalises_full_width_split_and_prefixed_codes() {
        let s = default_scanner();
        assert_eq!(code(&s, "验证码：４８２９１３").as_deref(), Some("482913"));
        assert_eq!(
            code(&s, "Ｙｏｕｒ ｃｏｄｅ ｉｓ ４８２９１３").as_deref(),
            Some("482913")
        );
        assert_eq!(
            code(&s, "验证码：３９２　８１０").as_deref(),
            Some("392810")
        );
        assert_eq!(
            code(&s, "Your code is 7 2 9 1 0 4").as_deref(),
            Some("729104")
        );
        assert_eq!(
            code(&s, "Your WhatsApp code: 384-201.").as_deref(),
            Some("384201")
        );
        assert_eq!(
            code(&s, "验证码 4\u{200B}8\u{200B}2\u{200B}9").as_deref(),
            Some("4829")
        );
        assert_eq!(
            code(&s, "G-482913 is your Google verification code.").as_deref(),
            Some("482913")
        );
        assert_eq!(
            code(&s, "动态密码：Ａ７Ｋ９Ｑ２").as_deref(),
            Some("A7K9Q2")
        );
        assert_eq!(code(&s, "确认码：R7T2-K9W4").as_deref(), Some("R7T2K9W4"));
    }

    #[test]
    fn splits_a_code_from_a_following_number_but_not_a_phone_number() {
        let s = default_scanner();
        assert_eq!(
            code(&s, "验证码 483920 5分钟内有效").as_deref(),
            Some("483920")
        );
        assert_eq!(
            code(&s, "验证码 123456 2024年10月12日").as_deref(),
            Some("123456")
        );
        assert_eq!(code(&s, "验证码已发送至 138 1234 5678"), None);
        assert_eq!(code(&s, "验证码已发送至 +86 138 1234 5678"), None);
        assert_eq!(code(&s, "收不到验证码？请拨打 400-820-8888"), None);
    }

    #[test]
    fn refuses_numbers_that_are_something_else() {
        let s = default_scanner();
        for text in [
            "请勿泄露验证码。您尾号1234的卡已成功绑定",
            "Enter the code we sent to your phone ending in 4321",
            "人民币30000元已转入您的账户，请勿泄露验证码。",
            "转账金额：¥3000.00 | 短信验证码",
            "验证码已于2024-10-12 11:05发送",
            "Code sent at 11:05 on Oct 12, 2024",
            "验证码如非本人申请，请致电95588",
            "【12306】请勿向他人泄露验证码。",
            "订单号 2310121234567890 | 验证码",
            "申请编号 5820 1930 | 验证码",
            "【丰巢】取件验证码 73920184，请在24小时内取件",
            "【韵达】取件码：6-1-2048，验证码请勿泄露",
            "验证码 | 重新获取(59s)",
            "验证码有效期 1800 秒",
            "Resend code in 1:30",
            "Use code SAVE20 for 20% off your next order",
            "Promo code WELCOME2024 gives you 10% off",
            "Copyright © 2024 | Verification code",
            "hotpot 4829 yum",
            "验证码已发送至 138****5678",
        ] {
            assert_eq!(code(&s, text), None, "{text}");
        }
    }

    #[test]
    fn refuses_texts_that_only_talk_about_codes() {
        let s = default_scanner();
        for text in [
            "请勿泄露验证码",
            "获取验证码",
            "请输入6位短信验证码",
            "Never share your code",
            "",
        ] {
            assert_eq!(code(&s, text), None, "{text}");
        }
    }

    #[test]
    fn a_code_before_its_keyword_stays_in_its_own_text_and_sentence() {
        let s = default_scanner();
        assert_eq!(
            code(&s, "Messages | 58201 | Your Lyft code is 3920").as_deref(),
            Some("3920")
        );
        assert_eq!(
            code(&s, "Order 2039 shipped. Use the code in the app."),
            None
        );
        assert_eq!(code(&s, "2039 | Never share your code"), None);
    }

    #[test]
    fn a_connector_lets_the_code_sit_further_from_its_keyword() {
        let s = default_scanner();
        let text = "HDFC Bank: OTP for transaction of INR 3,000.00 at AMAZON on card ending 1234 is 582019. Valid for 10 mins.";
        assert_eq!(code(&s, text).as_deref(), Some("582019"));
        let unlinked =
            "OTP for transaction of INR 3,000.00 at AMAZON on card of Mr Long Name Here 582019";
        assert_eq!(code(&s, unlinked), None);
    }

    #[test]
    fn prefers_the_code_nearest_its_keyword() {
        let s = default_scanner();
        assert_eq!(
            code(&s, "95555 | 【招商银行】验证码 482019，您正在登录").as_deref(),
            Some("482019")
        );
        assert_eq!(
            code(&s, "验证码：482913，验证码：593021").as_deref(),
            Some("482913")
        );
    }

    #[test]
    fn rules_data_drives_the_scanner() {
        let plain = OtpScanner::new(&small_rules()).unwrap();
        assert_eq!(code(&plain, "Kennwort: 482913"), None);
        assert_eq!(code(&plain, "尾号1234 验证码"), Some("1234".into()));
        let mut rules = small_rules();
        rules.extend(OtpRules {
            keywords: vec!["Kennwort".into()],
            reject_if_preceded_by: vec!["尾号".into()],
            max_length: Some(6),
            ..OtpRules::default()
        });
        let extended = OtpScanner::new(&rules).unwrap();
        assert_eq!(
            code(&extended, "Kennwort: 482913").as_deref(),
            Some("482913")
        );
        assert_eq!(code(&extended, "尾号1234 验证码"), None);
        assert_eq!(code(&extended, "验证码 48291302"), None, "max_length 6");
        assert_eq!(rules.keywords.len(), 3);
    }

    #[test]
    fn no_keywords_finds_nothing() {
        let s = OtpScanner::new(&OtpRules::default()).unwrap();
        assert_eq!(code(&s, "验证码 482913"), None);
    }

    #[test]
    fn bad_rules_name_their_place() {
        let problem = |rules: OtpRules| OtpScanner::new(&rules).unwrap_err().place;
        let mut r = small_rules();
        r.keywords.push("  ".into());
        assert_eq!(problem(r), "otp.keywords[2]");
        let r = OtpRules {
            ignore_patterns: vec![r"\d+".into(), "(unclosed".into()],
            ..small_rules()
        };
        assert_eq!(problem(r), "otp.ignore_patterns[1]");
        let r = OtpRules {
            reject_if_followed_by: vec!["x".repeat(MAX_WORD_CHARS + 1)],
            ..small_rules()
        };
        assert_eq!(problem(r), "otp.reject_if_followed_by[0]");
        let r = OtpRules {
            min_length: Some(9),
            ..small_rules()
        };
        assert_eq!(problem(r), "otp.max_length");
        let r = OtpRules {
            min_length: Some(1),
            ..small_rules()
        };
        assert_eq!(problem(r), "otp.min_length");
        let r = OtpRules {
            max_gap_after_keyword: Some(0),
            ..small_rules()
        };
        assert_eq!(problem(r), "otp.max_gap_after_keyword");
        let r = OtpRules {
            preceding_context: Some(MAX_PRECEDING_CONTEXT + 1),
            ..small_rules()
        };
        assert_eq!(problem(r), "otp.preceding_context");
    }

    #[test]
    fn override_files_reach_the_scanner_and_bad_ones_are_refused() {
        let rules =
            Rules::from_override(r#"{"version":1,"otp":{"keywords":["Kennwort"]}}"#).unwrap();
        assert_eq!(
            rules
                .otp
                .find("Kennwort: 482913")
                .map(|m| m.code)
                .as_deref(),
            Some("482913")
        );
        assert_eq!(
            rules.otp.find("验证码 482913").map(|m| m.code).as_deref(),
            Some("482913")
        );
        let err =
            Rules::from_override(r#"{"version":1,"otp":{"ignore_patterns":["("]}}"#).unwrap_err();
        assert!(err.to_string().contains("otp.ignore_patterns[0]"), "{err}");
        assert!(Rules::from_override(r#"{"version":1,"otp":{"keyword":["x"]}}"#).is_err());
    }

    #[test]
    fn large_texts_are_handled_within_the_caps() {
        let s = default_scanner();
        let filler = "这是一段很长的网页正文，没有任何数字。".repeat(30_000);
        assert!(filler.len() > 1_000_000);
        let text = format!("{filler}验证码：482913{filler}");
        assert_eq!(code(&s, &text).as_deref(), Some("482913"));
        let digits = "1 ".repeat(600_000);
        assert_eq!(code(&s, &format!("验证码 {digits}")), None);
        let keywords = "验证码1".repeat(200_000);
        assert_eq!(code(&s, &keywords), None);
        let mixed = "验证码 2024-10-12 11:05 ¥3,000.00 ".repeat(30_000);
        assert_eq!(code(&s, &mixed), None);
        let late = format!("{}验证码 482913", "验证码。".repeat(MAX_KEYWORD_HITS));
        assert_eq!(
            code(&s, &late),
            None,
            "hits beyond the cap are not searched"
        );
        let flood = format!(
            "{}验证码 482913",
            "promo code; ".repeat(10 * MAX_KEYWORD_HITS)
        );
        assert_eq!(
            code(&s, &flood).as_deref(),
            Some("482913"),
            "not_keywords do not use up the cap"
        );
    }
}
