//! Replaying a trace: every line through the engine, decisions and bad lines
//! reported. [`BoundedLines`] is the one line reader of the crate's line-based
//! inputs (traces, `shareguard scan`'s standard input): it never holds more
//! than [`MAX_LINE_BYTES`] of a line, so an endless line costs no memory.

use crate::decision::Decision;
use crate::engine::Engine;
use crate::trace::{BadObservation, MAX_LINE_BYTES};
use std::io::{BufRead, Read};

/// A line of a trace that is not an observation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    /// The line number, from 1.
    pub line: usize,
    /// Why it was refused.
    pub error: BadObservation,
}

/// What a replay produced.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ReplayOutcome {
    /// The decisions, in order.
    pub decisions: Vec<Decision>,
    /// The bad lines, in order.
    pub bad: Vec<BadLine>,
}

/// Reads lines of at most [`MAX_LINE_BYTES`] (without the `\n` or `\r\n`
/// that ends them). A longer line is read no further than that bound: it is
/// reported as [`BadObservation::TooLong`] with its full length, the rest of
/// it is skipped, and reading goes on with the next line. A line that is not
/// UTF-8 is [`BadObservation::NotUtf8`].
pub struct BoundedLines<R> {
    reader: R,
    buf: Vec<u8>,
    number: usize,
}

impl<R: BufRead> BoundedLines<R> {
    /// Reads lines from `reader`.
    pub fn new(reader: R) -> BoundedLines<R> {
        BoundedLines {
            reader,
            buf: Vec::new(),
            number: 0,
        }
    }

    /// The next line, with its number (from 1), or `None` at the end of input.
    pub fn next_line(&mut self) -> std::io::Result<Option<(usize, Result<&str, BadObservation>)>> {
        let read = self.read_bounded()?;
        if read == 0 {
            return Ok(None);
        }
        self.number += 1;
        let mut length = read;
        let mut before_last_piece = None;
        if read as u64 == READ_BOUND && self.buf.last() != Some(&b'\n') {
            // The line goes on: skip the rest of it, a bounded piece at a
            // time, counting its bytes.
            loop {
                before_last_piece = self.buf.last().copied();
                let read = self.read_bounded()?;
                length += read;
                if read as u64 != READ_BOUND || self.buf.last() == Some(&b'\n') {
                    break;
                }
            }
        }
        length -= line_end_length(&self.buf, before_last_piece);
        if length > MAX_LINE_BYTES {
            return Ok(Some((self.number, Err(BadObservation::TooLong(length)))));
        }
        let line = std::str::from_utf8(&self.buf[..length]).map_err(|_| BadObservation::NotUtf8);
        Ok(Some((self.number, line)))
    }

    /// Reads into the buffer up to a `\n` or [`READ_BOUND`] bytes.
    fn read_bounded(&mut self) -> std::io::Result<usize> {
        self.buf.clear();
        self.reader
            .by_ref()
            .take(READ_BOUND)
            .read_until(b'\n', &mut self.buf)
    }
}

/// Room for a line of the largest size and its `\r\n`.
const READ_BOUND: u64 = MAX_LINE_BYTES as u64 + 2;

/// The length of the line end (`\n` or `\r\n`, or none at the end of input)
/// that closes `last_piece`, the last piece of a line; `before` is the byte
/// before that piece, for a `\r\n` split between two pieces.
fn line_end_length(last_piece: &[u8], before: Option<u8>) -> usize {
    let Some(content) = last_piece.strip_suffix(b"\n") else {
        return 0;
    };
    match content.last().copied().or(before) {
        Some(b'\r') => 2,
        _ => 1,
    }
}

/// Feeds every line of `reader` to `engine`, through [`BoundedLines`]. Blank
/// lines are skipped; a line too long or not UTF-8 is a bad observation like
/// any other.
pub fn replay_lines<R: BufRead>(
    engine: &mut Engine,
    reader: R,
    mut on_decision: impl FnMut(&Decision),
    mut on_bad: impl FnMut(&BadLine),
) -> std::io::Result<()> {
    let mut lines = BoundedLines::new(reader);
    while let Some((line, text)) = lines.next_line()? {
        let result = match text {
            Ok(text) if text.trim().is_empty() => continue,
            Ok(text) => engine.observe_line(text),
            Err(error) => Err(error),
        };
        match result {
            Ok(Some(decision)) => on_decision(&decision),
            Ok(None) => {}
            Err(error) => on_bad(&BadLine { line, error }),
        }
    }
    Ok(())
}

/// Replays a whole trace held in memory.
pub fn replay_str(engine: &mut Engine, trace: &str) -> ReplayOutcome {
    let mut outcome = ReplayOutcome::default();
    let mut bad = Vec::new();
    replay_lines(
        engine,
        trace.as_bytes(),
        |d| outcome.decisions.push(d.clone()),
        |b| bad.push(b.clone()),
    )
    .expect("reading from memory cannot fail");
    outcome.bad = bad;
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Locale;

    /// Every line of `input` as the reader gives it.
    fn read_all(input: &[u8]) -> Vec<(usize, Result<String, BadObservation>)> {
        let mut lines = BoundedLines::new(input);
        let mut all = Vec::new();
        while let Some((n, line)) = lines.next_line().unwrap() {
            all.push((n, line.map(str::to_owned)));
        }
        all
    }

    #[test]
    fn lines_lose_their_ends_and_keep_their_numbers() {
        assert_eq!(
            read_all(b"a\r\n\nb\n\xff\nc"),
            [
                (1, Ok("a".to_owned())),
                (2, Ok(String::new())),
                (3, Ok("b".to_owned())),
                (4, Err(BadObservation::NotUtf8)),
                (5, Ok("c".to_owned())),
            ]
        );
        assert_eq!(read_all(b""), []);
    }

    #[test]
    fn a_line_of_the_largest_size_is_read() {
        let mut input = vec![b'x'; MAX_LINE_BYTES];
        input.extend_from_slice(b"\r\nnext");
        let lines = read_all(&input);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].1.as_ref().map(String::len), Ok(MAX_LINE_BYTES));
        assert_eq!(lines[1], (2, Ok("next".to_owned())));
    }

    #[test]
    fn a_longer_line_is_reported_with_its_length_and_skipped() {
        for (extra, end) in [
            (1, &b"\n"[..]),
            (1, b"\r\n"),
            (2, b"\r\n"),
            (3, b"\n"),
            (MAX_LINE_BYTES + 1, b"\r\n"),
            (1, b""),
        ] {
            let length = MAX_LINE_BYTES + extra;
            let mut input = vec![b'x'; length];
            input.extend_from_slice(end);
            input.extend_from_slice(b"next");
            let lines = read_all(&input);
            let expected_next = if end.is_empty() {
                vec![]
            } else {
                vec![(2, Ok("next".to_owned()))]
            };
            assert_eq!(
                lines[0],
                (
                    1,
                    Err(BadObservation::TooLong(
                        length + usize::from(end.is_empty()) * 4
                    ))
                ),
                "{extra} {end:?}"
            );
            assert_eq!(lines[1..], expected_next, "{extra} {end:?}");
        }
    }

    #[test]
    fn a_five_megabyte_line_is_too_long_and_the_next_line_still_works() {
        let sharing = r#"{"t":0,"kind":"windows","windows":[{"type":"system","package":"com.android.systemui","texts":["正在共享屏幕"]}]}"#;
        let bank = r#"{"t":2,"kind":"window","package":"com.icbc","texts":["转账"]}"#;
        let huge = format!(
            r#"{{"t":1,"kind":"content","package":"p","texts":["{}"]}}"#,
            "验".repeat(5 * 1024 * 1024 / 3)
        );
        let trace = format!("{sharing}\n{huge}\n{bank}\n");
        let mut engine = Engine::new(Locale::En);
        let outcome = replay_str(&mut engine, &trace);
        assert_eq!(
            outcome.bad,
            [BadLine {
                line: 2,
                error: BadObservation::TooLong(huge.len())
            }]
        );
        assert_eq!(
            outcome.bad[0].error.to_string(),
            format!("line of {} bytes is longer than 4194304", huge.len())
        );
        assert!(
            outcome.decisions.iter().any(|d| d.t == 2),
            "the line after the long one is still observed: {:?}",
            outcome.decisions
        );
    }

    #[test]
    fn bad_lines_are_numbered_and_blank_lines_skipped() {
        let mut engine = Engine::new(Locale::En);
        let outcome = replay_str(
            &mut engine,
            "\n{\"t\":1,\"kind\":\"screen\",\"on\":true}\r\n  \nnot json\n",
        );
        assert!(outcome.decisions.is_empty());
        assert_eq!(outcome.bad.len(), 1);
        assert_eq!(outcome.bad[0].line, 4);
        let mut bad = Vec::new();
        replay_lines(
            &mut engine,
            &b"\xfe\xff\n"[..],
            |_| {},
            |b| bad.push(b.clone()),
        )
        .unwrap();
        assert_eq!(
            bad,
            [BadLine {
                line: 1,
                error: BadObservation::NotUtf8
            }]
        );
    }
}
