//! The `shareguard` command: `replay`, `scan` and `rules check`.

use shareguard::replay::{BoundedLines, replay_lines};
use shareguard::trace::{CallState, Event};
use shareguard::{Action, Engine, Locale, Rules, parse_observation};
use std::io::{BufReader, BufWriter, Write};
use std::process::ExitCode;
use std::sync::Arc;

const USAGE: &str = "usage:
  shareguard replay [--locale zh-CN|en] [--rules FILE] TRACE   decisions for a trace (one JSON line each)
  shareguard replay --timeline [...] TRACE                     the trace and its decisions, for people
  shareguard scan [--rules FILE]                               JSON lines {text, package} on stdin -> {otp, app_category}
  shareguard rules check FILE                                  check a rules file
  shareguard rules default                                     print the embedded default rules";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("shareguard: {message}");
            ExitCode::from(2)
        }
    }
}

/// Options shared by the subcommands.
struct Options {
    locale: Locale,
    timeline: bool,
    rules: Arc<Rules>,
    positional: Vec<String>,
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let mut locale = Locale::ZhCn;
    let mut timeline = false;
    let mut rules = Rules::default_rules();
    let mut positional = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--locale" => {
                let tag = it.next().ok_or("--locale needs a value (zh-CN or en)")?;
                locale = Locale::parse(tag)
                    .ok_or_else(|| format!("unknown locale {tag:?}: use zh-CN or en"))?;
            }
            "--rules" => {
                let path = it.next().ok_or("--rules needs a file")?;
                rules = Arc::new(load_rules(path)?);
            }
            "--timeline" => timeline = true,
            "-h" | "--help" => return Err(USAGE.to_owned()),
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option {flag}\n{USAGE}"));
            }
            _ => positional.push(arg.clone()),
        }
    }
    Ok(Options {
        locale,
        timeline,
        rules,
        positional,
    })
}

fn load_rules(path: &str) -> Result<Rules, String> {
    let json =
        std::fs::read_to_string(path).map_err(|e| format!("cannot read rules file {path}: {e}"))?;
    Rules::from_override(&json).map_err(|e| format!("{path}: {e}"))
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let (command, rest) = args.split_first().ok_or(USAGE)?;
    match command.as_str() {
        "replay" => {
            let options = parse_options(rest)?;
            let [path] = options.positional.as_slice() else {
                return Err(format!("replay takes one trace file\n{USAGE}"));
            };
            if options.timeline {
                timeline(path, options.locale, Arc::clone(&options.rules))
            } else {
                replay(path, options.locale, Arc::clone(&options.rules))
            }
        }
        "scan" => {
            let options = parse_options(rest)?;
            if !options.positional.is_empty() {
                return Err(format!(
                    "scan reads standard input and takes no file\n{USAGE}"
                ));
            }
            scan(&options.rules)
        }
        "rules" => match rest {
            [sub, path] if sub == "check" => {
                load_rules(path)?;
                println!("{path}: ok");
                Ok(ExitCode::SUCCESS)
            }
            [sub] if sub == "default" => {
                print!("{}", shareguard::rules::DEFAULT_RULES_JSON);
                Ok(ExitCode::SUCCESS)
            }
            _ => Err(format!("rules takes `check FILE` or `default`\n{USAGE}")),
        },
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command {other:?}\n{USAGE}")),
    }
}

fn replay(path: &str, locale: Locale, rules: Arc<Rules>) -> Result<ExitCode, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot open trace {path}: {e}"))?;
    let mut engine = Engine::with_rules(locale, rules);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut write_error = None;
    replay_lines(
        &mut engine,
        BufReader::new(file),
        |d| {
            if write_error.is_none() {
                write_error = writeln!(out, "{}", d.to_json()).err();
            }
        },
        |bad| eprintln!("{path}:{}: bad observation: {}", bad.line, bad.error),
    )
    .map_err(|e| format!("cannot read trace {path}: {e}"))?;
    if let Some(e) = write_error {
        return Err(format!("cannot write output: {e}"));
    }
    out.flush()
        .map_err(|e| format!("cannot write output: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

/// Prints each observation (kind and app, never its texts) and each decision in full.
fn timeline(path: &str, locale: Locale, rules: Arc<Rules>) -> Result<ExitCode, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot open trace {path}: {e}"))?;
    let mut lines = BoundedLines::new(BufReader::new(file));
    let mut engine = Engine::with_rules(locale, rules);
    let mut interruptions = 0;
    println!("{:>8}  {:<48}  decision", "t (s)", "observation");
    while let Some((n, line)) = lines
        .next_line()
        .map_err(|e| format!("cannot read trace {path}: {e}"))?
    {
        let observation = match line {
            Ok(line) if line.trim().is_empty() => continue,
            Ok(line) => parse_observation(line),
            Err(e) => Err(e),
        };
        let observation = match observation {
            Ok(o) => o,
            Err(e) => {
                println!("{:>8}  line {n}: bad observation: {e}", "");
                continue;
            }
        };
        let decision = engine.observe(&observation);
        let seconds = observation.t as f64 / 1000.0;
        let described = describe(&observation.event);
        match decision {
            None => println!("{seconds:>8.1}  {described}"),
            Some(d) => {
                let reasons: Vec<String> = d.reasons.iter().map(ToString::to_string).collect();
                println!(
                    "{seconds:>8.1}  {described:<48}  => {} [{}]",
                    d.action.as_str().to_uppercase(),
                    reasons.join(", ")
                );
                if d.action == Action::Interrupt {
                    interruptions += 1;
                    println!("{:>10}┌ {}", "", d.title.unwrap_or_default());
                    for text in d.message.unwrap_or_default().lines() {
                        println!("{:>10}│ {text}", "");
                    }
                    println!("{:>10}└", "");
                }
            }
        }
    }
    println!("{interruptions} interruption(s) raised.");
    Ok(ExitCode::SUCCESS)
}

/// One observation in a few words: its kind and app or state, never its texts.
fn describe(event: &Event) -> String {
    match event {
        Event::Window(s) => format!("window {}", s.package),
        Event::Content(s) => format!("content {}", s.package),
        Event::Notification(n) => format!(
            "notification {}{}",
            n.package,
            if n.ongoing { " (ongoing)" } else { "" }
        ),
        Event::Click(c) => format!("click {}", c.package),
        Event::Windows(w) => format!("windows snapshot ({} windows)", w.len()),
        Event::Display(d) => format!("displays ({})", d.len()),
        Event::Recording { visible } => format!("recording visible={visible}"),
        Event::Accessibility { enabled } => {
            format!("accessibility services ({} enabled)", enabled.len())
        }
        Event::Call {
            state,
            known_contact,
        } => format!(
            "call {}{}",
            match state {
                CallState::Idle => "idle",
                CallState::Ringing => "ringing",
                CallState::Offhook => "offhook",
            },
            if *known_contact == Some(true) {
                " (contact)"
            } else {
                ""
            }
        ),
        Event::Screen { on } => format!("screen {}", if *on { "on" } else { "off" }),
        Event::User { choice } => format!("person chose {}", choice.as_str()),
    }
}

#[derive(serde::Deserialize)]
struct ScanInput {
    text: Option<String>,
    package: Option<String>,
}

fn scan(rules: &Rules) -> Result<ExitCode, String> {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut lines = BoundedLines::new(stdin.lock());
    while let Some((n, line)) = lines
        .next_line()
        .map_err(|e| format!("cannot read standard input: {e}"))?
    {
        let result = line.map_err(|e| e.to_string()).and_then(|text| {
            if text.trim().is_empty() {
                return Ok(None);
            }
            serde_json::from_str::<ScanInput>(text)
                .map(Some)
                .map_err(|e| {
                    format!(
                        "not a JSON object with `text` and/or `package` (column {})",
                        e.column()
                    )
                })
        });
        // Blank and bad lines still get a line, so outputs stay aligned with inputs.
        let output = match result {
            Ok(Some(input)) => serde_json::to_string(&shareguard::scan(
                rules,
                input.text.as_deref(),
                input.package.as_deref(),
            ))
            .expect("a scan result always serialises"),
            Ok(None) => r#"{"otp":null,"app_category":null}"#.to_owned(),
            Err(why) => {
                eprintln!("stdin:{n}: {why}");
                r#"{"otp":null,"app_category":null,"error":"bad input line"}"#.to_owned()
            }
        };
        writeln!(out, "{output}").map_err(|e| format!("cannot write output: {e}"))?;
    }
    out.flush()
        .map_err(|e| format!("cannot write output: {e}"))?;
    Ok(ExitCode::SUCCESS)
}
