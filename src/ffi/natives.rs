//! The natives of `org.shareguard.NativeBridge` (see the table in [`super`]).
//!
//! Each function only unpacks its arguments, calls the public engine API and
//! packs the answer; all of it inside [`run`]. Observations are parsed before
//! the engine is locked, so threads contend only for the engine's own work.

use super::entry::run;
use super::errors::BridgeError;
use super::handles::{self, EngineCell};
use super::strings::{self, NotUtf16, ReadError};
use crate::decision::{Decision, Reason};
use crate::engine::Engine;
use crate::message::Locale;
use crate::rules::Rules;
use crate::scan::scan;
use crate::trace::parse_observation;
use jni::JNIEnv;
use jni::objects::{JClass, JString};
use jni::sys::{jlong, jstring};
use serde::Serialize;
use std::fmt;
use std::sync::Arc;

const OBSERVATION_NOT_UTF16: &str = "observation text is not valid UTF-16";
const RULES_NOT_UTF16: &str = "rules text is not valid UTF-16";

fn observation_read_error(e: ReadError, null: &'static str) -> BridgeError {
    match e {
        ReadError::Null => BridgeError::NullArgument(null),
        ReadError::NotUtf16 => BridgeError::InvalidUtf16(OBSERVATION_NOT_UTF16),
        ReadError::Jni(e) => BridgeError::Jni(e),
    }
}

fn rules_read_error(e: ReadError) -> BridgeError {
    match e {
        ReadError::Null => BridgeError::BadRulesText("rules text is null"),
        ReadError::NotUtf16 => BridgeError::BadRulesText(RULES_NOT_UTF16),
        ReadError::Jni(e) => BridgeError::Jni(e),
    }
}

/// The reasons of a decision as canonical names, for debug logs.
struct ReasonNames<'a>(&'a [Reason]);

impl fmt::Display for ReasonNames<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, reason) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{reason}")?;
        }
        Ok(())
    }
}

fn log_decision(cell: &EngineCell, decision: &Decision) {
    log::debug!(
        "engine {}: {} [{}]",
        cell.id(),
        decision.action.as_str(),
        ReasonNames(&decision.reasons)
    );
}

/// `engineNew(locale: String, rulesJson: String?): Long`. A locale of another
/// language than Chinese or English gets English; a null one zh-CN.
#[unsafe(no_mangle)] // SAFETY: the JNI name of NativeBridge.engineNew; no other symbol has it.
pub extern "system" fn Java_org_shareguard_NativeBridge_engineNew<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    locale: JString<'local>,
    rules_json: JString<'local>,
) -> jlong {
    run(&mut env, "engineNew", 0, |env| {
        let locale = match strings::read_optional(env, &locale) {
            Ok(Some(tag)) => Locale::parse(&tag).unwrap_or(Locale::En),
            Err(ReadError::NotUtf16) => Locale::En,
            Ok(None) | Err(ReadError::Null) => Locale::default(),
            Err(ReadError::Jni(e)) => return Err(BridgeError::Jni(e)),
        };
        let rules = strings::read_optional(env, &rules_json).map_err(rules_read_error)?;
        let engine = match &rules {
            Some(json) => Engine::with_rules(
                locale,
                Arc::new(Rules::from_override(json).map_err(BridgeError::BadRules)?),
            ),
            None => Engine::new(locale),
        };
        let handle = handles::insert(engine);
        log::info!(
            "engine {handle} created ({}, {} rules)",
            locale.tag(),
            if rules.is_some() {
                "override"
            } else {
                "default"
            }
        );
        Ok(handle)
    })
}

/// `engineObserve(handle: Long, observationJson: String): String?`
#[unsafe(no_mangle)] // SAFETY: the JNI name of NativeBridge.engineObserve; no other symbol has it.
pub extern "system" fn Java_org_shareguard_NativeBridge_engineObserve<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    handle: jlong,
    observation_json: JString<'local>,
) -> jstring {
    run(&mut env, "engineObserve", std::ptr::null_mut(), |env| {
        let cell = handles::get(handle)?;
        let parsed = strings::read_bytes(env, &observation_json, |bytes| {
            let line =
                strings::decode_modified_utf8(bytes).map_err(|NotUtf16| ReadError::NotUtf16)?;
            Ok(parse_observation(&line))
        })
        .map_err(|e| observation_read_error(e, "observation is null"))
        .and_then(|parsed| parsed.map_err(BridgeError::BadObservation));
        let observation = match parsed {
            Ok(observation) => observation,
            Err(e) => {
                cell.lock().bad_observations += 1;
                return Err(e);
            }
        };
        let decision = {
            let mut state = cell.lock();
            state.observations += 1;
            state.engine.observe(&observation)
        };
        match decision {
            Some(decision) => {
                log_decision(&cell, &decision);
                Ok(strings::new(env, &decision.to_json())?)
            }
            None => Ok(std::ptr::null_mut()),
        }
    })
}

/// A refused line of a batch.
#[derive(Serialize)]
struct BadLine {
    /// From 1, counting blank lines.
    line: usize,
    /// Why; never quotes the line.
    error: String,
}

/// What `engineObserveBatch` returns.
#[derive(Serialize)]
struct BatchOutcome {
    decisions: Vec<Decision>,
    bad: Vec<BadLine>,
}

/// `engineObserveBatch(handle: Long, observationsJsonLines: String): String`.
/// Every line is observed in order under one lock; blank lines are skipped;
/// a bad line is counted, reported in `bad` and skipped, the rest go on.
#[unsafe(no_mangle)] // SAFETY: the JNI name of NativeBridge.engineObserveBatch; no other symbol has it.
pub extern "system" fn Java_org_shareguard_NativeBridge_engineObserveBatch<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    handle: jlong,
    lines: JString<'local>,
) -> jstring {
    run(
        &mut env,
        "engineObserveBatch",
        std::ptr::null_mut(),
        |env| {
            let cell = handles::get(handle)?;
            let outcome = strings::read_bytes(env, &lines, |bytes| Ok(observe_batch(&cell, bytes)))
                .map_err(|e| observation_read_error(e, "observations are null"))?;
            let json = serde_json::to_string(&outcome)
                .map_err(|_| BridgeError::Internal("could not serialise decisions"))?;
            Ok(strings::new(env, &json)?)
        },
    )
}

/// Observes each line of `bytes` (modified UTF-8, each line decoded alone so
/// a lone surrogate spoils only its own line).
fn observe_batch(cell: &EngineCell, bytes: &[u8]) -> BatchOutcome {
    let mut outcome = BatchOutcome {
        decisions: Vec::new(),
        bad: Vec::new(),
    };
    let mut state = cell.lock();
    for (index, raw) in bytes.split(|b| *b == b'\n').enumerate() {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let result = strings::decode_modified_utf8(raw)
            .map_err(|NotUtf16| OBSERVATION_NOT_UTF16.to_owned())
            .and_then(|line| {
                if line.trim().is_empty() {
                    return Ok(None);
                }
                parse_observation(&line)
                    .map(Some)
                    .map_err(|e| e.to_string())
            });
        match result {
            Ok(Some(observation)) => {
                state.observations += 1;
                if let Some(decision) = state.engine.observe(&observation) {
                    log_decision(cell, &decision);
                    outcome.decisions.push(decision);
                }
            }
            Ok(None) => {}
            Err(error) => {
                state.bad_observations += 1;
                outcome.bad.push(BadLine {
                    line: index + 1,
                    error,
                });
            }
        }
    }
    log::debug!(
        "engine {}: batch with {} decisions, {} bad lines",
        cell.id(),
        outcome.decisions.len(),
        outcome.bad.len()
    );
    outcome
}

/// `engineLoadRules(handle: Long, rulesJson: String)`; on error the rules in force stay.
#[unsafe(no_mangle)] // SAFETY: the JNI name of NativeBridge.engineLoadRules; no other symbol has it.
pub extern "system" fn Java_org_shareguard_NativeBridge_engineLoadRules<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    handle: jlong,
    rules_json: JString<'local>,
) {
    run(&mut env, "engineLoadRules", (), |env| {
        let cell = handles::get(handle)?;
        let json = strings::read(env, &rules_json).map_err(rules_read_error)?;
        cell.lock()
            .engine
            .load_rules(&json)
            .map_err(BridgeError::BadRules)?;
        log::info!("engine {handle}: rules loaded");
        Ok(())
    })
}

/// `engineStatus(handle: Long): String`: `Engine::status()` plus the bridge's counts.
#[unsafe(no_mangle)] // SAFETY: the JNI name of NativeBridge.engineStatus; no other symbol has it.
pub extern "system" fn Java_org_shareguard_NativeBridge_engineStatus<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    handle: jlong,
) -> jstring {
    run(&mut env, "engineStatus", std::ptr::null_mut(), |env| {
        let cell = handles::get(handle)?;
        let json = {
            let state = cell.lock();
            status_json(&state.engine, state.observations, state.bad_observations)?
        };
        Ok(strings::new(env, &json)?)
    })
}

fn status_json(
    engine: &Engine,
    observations: u64,
    bad_observations: u64,
) -> Result<String, BridgeError> {
    let failed = |_| BridgeError::Internal("could not serialise the status");
    let mut status = serde_json::to_value(engine.status()).map_err(failed)?;
    let bridge = serde_json::json!({
        "observations": observations,
        "bad_observations": bad_observations,
    });
    match status.as_object_mut() {
        Some(fields) => {
            fields.insert("bridge".to_owned(), bridge);
        }
        None => status = serde_json::json!({ "engine": status, "bridge": bridge }),
    }
    serde_json::to_string(&status).map_err(failed)
}

/// `engineScan(handle: Long, text: String?, packageName: String?): String`.
#[unsafe(no_mangle)] // SAFETY: the JNI name of NativeBridge.engineScan; no other symbol has it.
pub extern "system" fn Java_org_shareguard_NativeBridge_engineScan<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    handle: jlong,
    text: JString<'local>,
    package_name: JString<'local>,
) -> jstring {
    run(&mut env, "engineScan", std::ptr::null_mut(), |env| {
        let cell = handles::get(handle)?;
        let optional = |s: &JString<'_>| {
            strings::read_optional(env, s).map_err(|e| observation_read_error(e, "text is null"))
        };
        let text = optional(&text)?;
        let package = optional(&package_name)?;
        let rules = Arc::clone(cell.lock().engine.rules());
        let result = scan(&rules, text.as_deref(), package.as_deref());
        let json = serde_json::to_string(&result)
            .map_err(|_| BridgeError::Internal("could not serialise the scan result"))?;
        Ok(strings::new(env, &json)?)
    })
}

/// `engineClose(handle: Long)`: closing a closed handle does nothing.
#[unsafe(no_mangle)] // SAFETY: the JNI name of NativeBridge.engineClose; no other symbol has it.
pub extern "system" fn Java_org_shareguard_NativeBridge_engineClose<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    handle: jlong,
) {
    run(&mut env, "engineClose", (), |_| {
        if handles::remove(handle)? {
            log::info!("engine {handle} closed");
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_observes_good_lines_and_reports_bad_ones() {
        let h = handles::insert(Engine::new(Locale::ZhCn));
        let cell = handles::get(h).unwrap();
        let mut bytes = br#"{"t":1,"kind":"screen","on":true}"#.to_vec();
        bytes.extend_from_slice(b"\r\n\n{\"t\":2,\"kind\":\"nope\"}\n");
        // A lone surrogate, as Java's modified UTF-8 sends it, spoils its line only.
        bytes.extend_from_slice(
            b"{\"t\":3,\"kind\":\"click\",\"package\":\"p\",\"texts\":[\"\xED\xA0\x80\"]}\n",
        );
        bytes.extend_from_slice(br#"{"t":4,"kind":"screen","on":false}"#);
        let outcome = observe_batch(&cell, &bytes);
        let bad: Vec<(usize, &str)> = outcome
            .bad
            .iter()
            .map(|b| (b.line, b.error.as_str()))
            .collect();
        assert_eq!(
            bad,
            [(3, "unknown kind \"nope\""), (4, OBSERVATION_NOT_UTF16)]
        );
        let state = cell.lock();
        assert_eq!((state.observations, state.bad_observations), (2, 2));
        drop(state);
        handles::remove(h).unwrap();
    }

    #[test]
    fn status_carries_the_engine_status_and_the_counts() {
        let engine = Engine::new(Locale::En);
        let json = status_json(&engine, 7, 2).unwrap();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["bridge"]["observations"], 7);
        assert_eq!(value["bridge"]["bad_observations"], 2);
        let expected = serde_json::to_value(engine.status()).unwrap();
        for (key, v) in expected.as_object().unwrap() {
            assert_eq!(&value[key], v, "{key}");
        }
    }

    #[test]
    fn reason_names_are_the_canonical_ones() {
        use crate::decision::ReasonKind;
        let reasons = [
            Reason::bare(ReasonKind::ScreenShare),
            Reason::new(ReasonKind::Otp, "sms_notification"),
        ];
        assert_eq!(
            ReasonNames(&reasons).to_string(),
            "screen_share,otp:sms_notification"
        );
    }
}
