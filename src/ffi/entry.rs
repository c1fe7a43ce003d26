//! The one wrapper every native runs through.
//!
//! It sets up logging on the first call, runs the native's body under
//! `catch_unwind`, and turns an error or a caught panic into the Java
//! exception the table in [`super::errors`] names, returning `fallback`
//! (0, null) which Java never sees because the exception is pending.
//! Releases keep `panic = "unwind"` (Cargo.toml) so panics can be caught.

use super::errors::{self, BridgeError};
use super::logging;
use jni::JNIEnv;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Runs the body of the native `name`.
pub(super) fn run<'local, R>(
    env: &mut JNIEnv<'local>,
    name: &'static str,
    fallback: R,
    body: impl FnOnce(&mut JNIEnv<'local>) -> Result<R, BridgeError>,
) -> R {
    // The body is only unwind-unsafe through the engine it may hold, whose
    // lock then recovers (see handles), and through `env`, which holds no
    // Rust state of its own. Logging is set up inside, so nothing runs
    // outside the catch.
    let error = match catch_unwind(AssertUnwindSafe(|| {
        logging::init();
        body(env)
    })) {
        Ok(Ok(value)) => return value,
        Ok(Err(error)) => error,
        Err(_) => BridgeError::Panicked,
    };
    match &error {
        // jni's errors name JNI functions and signatures, never arguments.
        BridgeError::Jni(e) => log::error!("{name}: {}: {e}", error.log_name()),
        BridgeError::Panicked | BridgeError::Internal(_) => {
            log::error!("{name}: {}", error.log_name())
        }
        _ => log::debug!("{name}: {}", error.log_name()),
    }
    errors::throw(env, &error);
    fallback
}
