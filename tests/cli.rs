//! The `shareguard` binary's `scan` and `rules` commands, as the spec and the README say.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn shareguard(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shareguard"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin.as_bytes())
        .expect("stdin accepts input");
    child.wait_with_output().expect("the binary exits")
}

fn lines(bytes: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect()
}

#[test]
fn scan_answers_each_input_line_in_order() {
    let input = concat!(
        "{\"text\":\"【招商银行】您的验证码为 482913，请勿泄露\",\"package\":\"cmb.pb\"}\n",
        "{\"package\":\"com.eg.android.AlipayGphone\"}\n",
        "{\"text\":\"请勿向任何人泄露验证码\"}\n",
        "not json\n",
        "{\"package\":\"com.oray.sunlogin\"}\n",
    );
    let out = shareguard(&["scan"], input);
    assert!(out.status.success());
    let got = lines(&out.stdout);
    assert_eq!(got.len(), 5, "one output line per input line");
    assert_eq!(got[0]["otp"], "482913");
    assert_eq!(got[0]["app_category"], "banking");
    assert_eq!(got[1]["otp"], serde_json::Value::Null);
    assert_eq!(got[1]["app_category"], "payment");
    assert_eq!(got[2]["otp"], serde_json::Value::Null);
    assert_eq!(got[3]["app_category"], serde_json::Value::Null);
    assert_eq!(got[4]["app_category"], "remote_control");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("stdin:4:"),
        "the bad line is reported: {stderr}"
    );
}

#[test]
fn rules_check_accepts_good_files_and_names_the_place_in_bad_ones() {
    let dir = std::env::temp_dir().join(format!("shareguard-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.json");
    std::fs::write(
        &good,
        r#"{"version":1,"apps":{"banking":["org.example.bank"]}}"#,
    )
    .unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"version":1,"scam_script":{"phrases":["ok","(unclosed"]}}"#,
    )
    .unwrap();

    let out = shareguard(&["rules", "check", good.to_str().unwrap()], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = shareguard(&["rules", "check", bad.to_str().unwrap()], "");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("scam_script.phrases[1]"), "{stderr}");
    assert_eq!(
        stderr.trim_end().lines().count(),
        1,
        "a one-line error: {stderr}"
    );

    let out = shareguard(
        &["rules", "check", dir.join("missing.json").to_str().unwrap()],
        "",
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read rules file"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_default_rules_print_and_check() {
    let out = shareguard(&["rules", "default"], "");
    assert!(out.status.success());
    let printed: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("the default rules are JSON");
    assert_eq!(printed["version"], 1);
}

#[test]
fn usage_errors_are_one_clear_line_and_nonzero() {
    let out = shareguard(&["replay"], "");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).starts_with("shareguard: replay takes one trace file")
    );
    let out = shareguard(&["frobnicate"], "");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown command"));
}

#[test]
fn timeline_shows_the_advisory_flow_without_screen_text() {
    let trace = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/advisory-refund-scam.trace.jsonl"
    );
    let out = shareguard(&["replay", "--timeline", "--locale", "en", trace], "");
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("=> INTERRUPT"), "{stdout}");
    assert!(stdout.contains("96110"));
    assert!(
        !stdout.contains("592047"),
        "the code on the trace never reaches the output"
    );
}
