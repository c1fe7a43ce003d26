//! The scenario harness: every trace under `tests/scenarios/` through the engine,
//! its decisions compared with the fixture's expected decisions.
//!
//! A scenario is `NAME.trace.jsonl` + `NAME.expected.jsonl`, optionally
//! `NAME.bad.json` (line numbers that must be reported as bad) and `NAME.locale`
//! (`en`; zh-CN by default). Decisions are compared on `t`, `action` and the set
//! of canonical reason names (the part before any `:`); titles and messages are
//! checked for shape only. All mismatches of all scenarios are collected and
//! reported together. `tests/scenarios/README.md` explains each scenario and the
//! policy its expectations encode.
//!
//! A few scenarios also go through the built `shareguard replay` binary, whose
//! output must be exactly the library's decisions, serialised.

use shareguard::replay::{ReplayOutcome, replay_str};
use shareguard::{Action, Decision, Engine, Locale, ReasonKind, parse_observation};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// At least this many scenarios must exist.
const MIN_SCENARIOS: usize = 40;

fn scenarios_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("scenarios")
}

/// One decision, reduced to what the harness compares.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Expected {
    t: u64,
    action: &'static str,
    reasons: BTreeSet<String>,
}

impl Expected {
    fn from_decision(d: &Decision) -> Expected {
        Expected {
            t: d.t,
            action: d.action.as_str(),
            reasons: d
                .reasons
                .iter()
                .map(|r| r.kind.as_str().to_owned())
                .collect(),
        }
    }

    fn show(&self) -> String {
        let reasons: Vec<&str> = self.reasons.iter().map(String::as_str).collect();
        format!("t={} {} [{}]", self.t, self.action, reasons.join(", "))
    }
}

/// A scenario read from disk.
struct Scenario {
    name: String,
    trace_path: PathBuf,
    trace: String,
    expected: Vec<Expected>,
    bad_lines: Vec<usize>,
    locale: Locale,
}

fn canonical_name(name: &str) -> Option<&'static str> {
    let base = name.split(':').next().unwrap_or(name);
    ReasonKind::ALL
        .iter()
        .map(|k| k.as_str())
        .find(|k| *k == base)
}

fn parse_expected_line(line: &str) -> Result<Expected, String> {
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
    let t = value["t"]
        .as_u64()
        .ok_or("`t` must be a non-negative integer")?;
    let action = match value["action"].as_str() {
        Some("interrupt") => "interrupt",
        Some("clear") => "clear",
        _ => return Err("`action` must be \"interrupt\" or \"clear\"".to_owned()),
    };
    let names = value["reasons"]
        .as_array()
        .ok_or("`reasons` must be an array")?;
    let mut reasons = BTreeSet::new();
    for name in names {
        let name = name.as_str().ok_or("a reason must be a string")?;
        let canonical = canonical_name(name)
            .ok_or_else(|| format!("{name:?} is not a canonical reason name"))?;
        reasons.insert(canonical.to_owned());
    }
    Ok(Expected { t, action, reasons })
}

/// Reads a scenario; a malformed fixture is an error naming the file and line.
fn load_scenario(trace_path: &Path) -> Result<Scenario, String> {
    let file_name = trace_path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let name = file_name.trim_end_matches(".trace.jsonl").to_owned();
    let sibling = |suffix: &str| trace_path.with_file_name(format!("{name}{suffix}"));
    let read = |path: &Path| {
        std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };

    let trace = read(trace_path)?;
    let expected_path = sibling(".expected.jsonl");
    let expected = read(&expected_path)?
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            parse_expected_line(line)
                .map_err(|e| format!("{}:{}: {e}", expected_path.display(), i + 1))
        })
        .collect::<Result<Vec<_>, _>>()?;

    let bad_path = sibling(".bad.json");
    let bad_lines = if bad_path.exists() {
        serde_json::from_str::<Vec<usize>>(&read(&bad_path)?).map_err(|e| {
            format!(
                "{}: must be a JSON array of line numbers: {e}",
                bad_path.display()
            )
        })?
    } else {
        Vec::new()
    };

    let locale_path = sibling(".locale");
    let locale = if locale_path.exists() {
        let tag = read(&locale_path)?;
        Locale::parse(tag.trim())
            .ok_or_else(|| format!("{}: unknown locale {:?}", locale_path.display(), tag.trim()))?
    } else {
        Locale::ZhCn
    };

    // The fixture itself must be coherent: its good lines parse (the reader is
    // already implemented), and every expected decision happens at the `t` of
    // one of its observations.
    let mut times = BTreeSet::new();
    for (i, line) in trace.lines().enumerate() {
        let number = i + 1;
        if bad_lines.contains(&number) || line.trim().is_empty() {
            continue;
        }
        let observation = parse_observation(line).map_err(|e| {
            format!(
                "{}:{number}: fixture line is not a valid observation: {e}",
                trace_path.display()
            )
        })?;
        times.insert(observation.t);
    }
    if let Some(d) = expected.iter().find(|d| !times.contains(&d.t)) {
        return Err(format!(
            "{}: expected decision at t={} but no observation has that t",
            expected_path.display(),
            d.t
        ));
    }

    Ok(Scenario {
        name,
        trace_path: trace_path.to_owned(),
        trace,
        expected,
        bad_lines,
        locale,
    })
}

fn load_all() -> Vec<Scenario> {
    let dir = scenarios_dir();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.to_str().is_some_and(|s| s.ends_with(".trace.jsonl")))
        .collect();
    paths.sort();
    let mut problems = Vec::new();
    let scenarios: Vec<Scenario> = paths
        .iter()
        .filter_map(|p| load_scenario(p).map_err(|e| problems.push(e)).ok())
        .collect();
    assert!(
        problems.is_empty(),
        "malformed scenario fixtures:\n{}",
        problems.join("\n")
    );
    scenarios
}

fn replay(scenario: &Scenario) -> ReplayOutcome {
    let mut engine = Engine::new(scenario.locale);
    replay_str(&mut engine, &scenario.trace)
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// What is wrong with one interrupt's title and message, if anything.
fn warning_problems(d: &Decision, locale: Locale) -> Vec<String> {
    let mut problems = Vec::new();
    let title = d.title.as_deref().unwrap_or("");
    let message = d.message.as_deref().unwrap_or("");
    if title.trim().is_empty() {
        problems.push(format!("t={}: interrupt without a title", d.t));
    }
    if !message.contains("110") || !message.contains("96110") {
        problems.push(format!(
            "t={}: interrupt message lacks the hotlines 110 and 96110",
            d.t
        ));
    }
    match locale {
        Locale::En if has_cjk(title) || !title.chars().any(|c| c.is_ascii_alphabetic()) => {
            problems.push(format!("t={}: title {title:?} is not English", d.t));
        }
        Locale::ZhCn if !has_cjk(title) => {
            problems.push(format!("t={}: title {title:?} is not Chinese", d.t))
        }
        _ => {}
    }
    problems
}

/// Every difference between what the scenario expects and what the engine did.
fn check(scenario: &Scenario, outcome: &ReplayOutcome) -> Option<String> {
    let actual: Vec<Expected> = outcome
        .decisions
        .iter()
        .map(Expected::from_decision)
        .collect();
    let mut report = String::new();
    if actual != scenario.expected {
        let _ = writeln!(report, "  decisions differ (#: expected | actual):");
        for i in 0..actual.len().max(scenario.expected.len()) {
            let expected = scenario
                .expected
                .get(i)
                .map_or("—".to_owned(), Expected::show);
            let got = actual.get(i).map_or("—".to_owned(), Expected::show);
            let mark = if scenario.expected.get(i) == actual.get(i) {
                ' '
            } else {
                '✗'
            };
            let _ = writeln!(report, "   {mark}{:>2}: {expected:<60} | {got}", i + 1);
        }
    }
    let reported: Vec<usize> = outcome.bad.iter().map(|b| b.line).collect();
    if reported != scenario.bad_lines {
        let _ = writeln!(
            report,
            "  bad lines: expected {:?}, reported {:?}",
            scenario.bad_lines, reported
        );
    }
    for d in outcome
        .decisions
        .iter()
        .filter(|d| d.action == Action::Interrupt)
    {
        for problem in warning_problems(d, scenario.locale) {
            let _ = writeln!(report, "  {problem}");
        }
    }
    (!report.is_empty()).then_some(report)
}

#[test]
fn every_scenario_gets_its_expected_decisions() {
    let scenarios = load_all();
    let firing = scenarios.iter().filter(|s| !s.expected.is_empty()).count();
    let silent = scenarios.len() - firing;
    assert!(
        scenarios.len() >= MIN_SCENARIOS,
        "only {} scenarios under {}; at least {MIN_SCENARIOS} are required",
        scenarios.len(),
        scenarios_dir().display()
    );
    assert!(
        silent >= firing,
        "{silent} silent scenarios but {firing} firing ones: ordinary use must be covered at least as well"
    );

    let failures: Vec<String> = scenarios
        .iter()
        .filter_map(|s| {
            check(s, &replay(s))
                .map(|report| format!("== {} ({}) ==\n{report}", s.name, s.locale.tag()))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} scenarios ({firing} firing, {silent} silent) do not match; see tests/scenarios/README.md for the policy each encodes:\n\n{}",
        failures.len(),
        scenarios.len(),
        failures.join("\n")
    );
}

/// The harness itself notices a wrong decision, a missing report of a bad
/// line and a malformed warning (so a passing run means something).
#[test]
fn the_harness_notices_differences() {
    let silent = find("meeting_wemeet_wps_slides");
    assert!(silent.expected.is_empty() && silent.bad_lines.is_empty());
    let mut outcome = replay(&silent);
    outcome.decisions.push(Decision {
        t: 15000,
        action: Action::Interrupt,
        reasons: vec![shareguard::Reason::bare(ReasonKind::ScreenShare)],
        title: Some("Stop".to_owned()),
        message: Some("call 110".to_owned()),
    });
    let report = check(&silent, &outcome).expect("an extra interrupt is a difference");
    assert!(
        report.contains("t=15000 interrupt [screen_share]"),
        "{report}"
    );
    assert!(
        report.contains("not Chinese") && report.contains("96110"),
        "{report}"
    );

    let with_bad = find("bad_lines_in_ordinary_meeting");
    let mut outcome = replay(&with_bad);
    outcome.bad.clear();
    let report = check(&with_bad, &outcome).expect("unreported bad lines are a difference");
    assert!(report.contains("bad lines"), "{report}");
}

// ------------------------------------------------------------------ the CLI

fn shareguard() -> Command {
    Command::new(env!("CARGO_BIN_EXE_shareguard"))
}

fn find(name: &str) -> Scenario {
    load_scenario(&scenarios_dir().join(format!("{name}.trace.jsonl")))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Runs `shareguard replay` on a scenario: its stdout lines, its stderr, success.
fn cli_replay(scenario: &Scenario) -> (Vec<String>, String, bool) {
    let mut command = shareguard();
    command.arg("replay");
    if scenario.locale == Locale::En {
        command.args(["--locale", "en"]);
    }
    let output = command
        .arg(&scenario.trace_path)
        .output()
        .expect("run shareguard");
    let stdout = String::from_utf8(output.stdout).expect("stdout is UTF-8");
    let stderr = String::from_utf8(output.stderr).expect("stderr is UTF-8");
    (
        stdout.lines().map(str::to_owned).collect(),
        stderr,
        output.status.success(),
    )
}

#[test]
fn cli_replay_prints_the_library_decisions() {
    for name in [
        "advisory_a_refund_link_code",
        "advisory_b_beiyongjin_loans_repeated",
        "english_refund_form_code",
        "meeting_wemeet_wps_slides",
    ] {
        let scenario = find(name);
        let library: Vec<String> = replay(&scenario)
            .decisions
            .iter()
            .map(Decision::to_json)
            .collect();
        let (stdout, stderr, ok) = cli_replay(&scenario);
        assert!(ok, "{name}: shareguard replay failed: {stderr}");
        assert!(stderr.is_empty(), "{name}: unexpected stderr: {stderr}");
        assert_eq!(
            stdout, library,
            "{name}: CLI output differs from the library's decisions"
        );
    }
}

#[test]
fn cli_replay_reports_bad_lines_on_stderr_and_succeeds() {
    for name in [
        "bad_lines_in_remote_control_flow",
        "bad_lines_in_ordinary_meeting",
    ] {
        let scenario = find(name);
        assert!(
            !scenario.bad_lines.is_empty(),
            "{name} has no bad lines to report"
        );
        let library: Vec<String> = replay(&scenario)
            .decisions
            .iter()
            .map(Decision::to_json)
            .collect();
        let (stdout, stderr, ok) = cli_replay(&scenario);
        assert!(
            ok,
            "{name}: bad lines must not change the exit status; stderr: {stderr}"
        );
        assert_eq!(
            stdout, library,
            "{name}: CLI output differs from the library's decisions"
        );
        let path = scenario.trace_path.display().to_string();
        let reported: Vec<usize> = stderr
            .lines()
            .map(|line| {
                let rest = line.strip_prefix(&format!("{path}:")).unwrap_or_else(|| {
                    panic!("{name}: stderr line does not start with the path: {line}")
                });
                let (number, why) = rest.split_once(": bad observation: ").unwrap_or_else(|| {
                    panic!("{name}: stderr line is not `path:line: bad observation: why`: {line}")
                });
                assert!(!why.trim().is_empty(), "{name}: no reason given: {line}");
                number
                    .parse()
                    .unwrap_or_else(|_| panic!("{name}: no line number in: {line}"))
            })
            .collect();
        assert_eq!(reported, scenario.bad_lines, "{name}: reported bad lines");
    }
}

#[test]
fn cli_replay_of_a_missing_trace_fails_with_a_message() {
    let missing = scenarios_dir().join("no_such_scenario.trace.jsonl");
    let output = shareguard()
        .arg("replay")
        .arg(&missing)
        .output()
        .expect("run shareguard");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success(),
        "a missing trace must exit non-zero"
    );
    assert!(
        output.stdout.is_empty(),
        "nothing on stdout for a missing trace"
    );
    assert!(
        stderr.contains(&missing.display().to_string()) && stderr.lines().count() == 1,
        "stderr must be one line naming the missing file, got: {stderr}"
    );
}
