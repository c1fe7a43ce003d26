//! Natives for the JVM tests only (cargo feature `test-natives`), declared in
//! the test sources' `org.shareguard.TestNatives`; release builds for phones
//! never have them.

use super::entry::run;
use super::errors::BridgeError;
use super::handles;
use super::strings;
use crate::decision::ReasonKind;
use crate::trace::parse_observation;
use jni::JNIEnv;
use jni::objects::{JClass, JString};
use jni::sys::{jint, jlong, jstring};
use std::time::Instant;

/// `testPanic(handle: Long)`: panics while holding the engine's lock, to
/// prove the panic never reaches Java and the engine keeps working.
#[unsafe(no_mangle)] // SAFETY: the JNI name of TestNatives.testPanic; no other symbol has it.
pub extern "system" fn Java_org_shareguard_TestNatives_testPanic<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    handle: jlong,
) {
    run(&mut env, "testPanic", (), |_| {
        let cell = handles::get(handle)?;
        let _held = cell.lock();
        panic!("a test native panics on purpose");
    })
}

/// `reasonKinds(): String`: the canonical reason names, comma-separated, so
/// the Kotlin enum can be checked against the engine's.
#[unsafe(no_mangle)] // SAFETY: the JNI name of TestNatives.reasonKinds; no other symbol has it.
pub extern "system" fn Java_org_shareguard_TestNatives_reasonKinds<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
) -> jstring {
    run(&mut env, "reasonKinds", std::ptr::null_mut(), |env| {
        let names: Vec<&str> = ReasonKind::ALL.iter().map(|k| k.as_str()).collect();
        Ok(strings::new(env, &names.join(","))?)
    })
}

/// `observeInRustNanos(handle: Long, observationJson: String, iterations: Int): Long`:
/// the time `iterations` observations of the line take inside Rust (parse,
/// lock, observe, decision to JSON), for the benchmark's pure-Rust figure.
#[unsafe(no_mangle)] // SAFETY: the JNI name of TestNatives.observeInRustNanos; no other symbol has it.
pub extern "system" fn Java_org_shareguard_TestNatives_observeInRustNanos<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    handle: jlong,
    observation_json: JString<'local>,
    iterations: jint,
) -> jlong {
    run(&mut env, "observeInRustNanos", 0, |env| {
        let cell = handles::get(handle)?;
        let line = strings::read(env, &observation_json)
            .map_err(|_| BridgeError::InvalidUtf16("observation text is not valid UTF-16"))?;
        let start = Instant::now();
        for _ in 0..iterations {
            let observation = parse_observation(&line).map_err(BridgeError::BadObservation)?;
            let mut state = cell.lock();
            state.observations += 1;
            if let Some(decision) = state.engine.observe(&observation) {
                std::hint::black_box(decision.to_json());
            }
        }
        Ok(jlong::try_from(start.elapsed().as_nanos()).unwrap_or(jlong::MAX))
    })
}
