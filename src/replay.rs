//! Replaying a trace: every line through the engine, decisions and bad lines reported.

use crate::decision::Decision;
use crate::engine::Engine;
use crate::trace::BadObservation;
use std::io::BufRead;

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

/// Feeds every line of `reader` to `engine`. Blank lines are skipped; a line
/// that cannot be read as UTF-8 is a bad observation like any other.
pub fn replay_lines<R: BufRead>(
    engine: &mut Engine,
    mut reader: R,
    mut on_decision: impl FnMut(&Decision),
    mut on_bad: impl FnMut(&BadLine),
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let mut line = 0usize;
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            return Ok(());
        }
        line += 1;
        let result = match std::str::from_utf8(&buf) {
            Ok(text) if text.trim().is_empty() => continue,
            Ok(text) => engine.observe_line(text.trim_end_matches(['\n', '\r'])),
            Err(_) => Err(BadObservation::InvalidJson("not UTF-8".to_owned())),
        };
        match result {
            Ok(Some(decision)) => on_decision(&decision),
            Ok(None) => {}
            Err(error) => on_bad(&BadLine { line, error }),
        }
    }
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
