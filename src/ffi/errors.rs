//! Every error a native can raise, and the one table that names its Java exception.
//!
//! Messages are fixed texts or the core's `Display` of an error, which never
//! quotes screen text (`BadObservation` and `RulesError` promise that), so no
//! exception carries what was on the screen.

use crate::rules::RulesError;
use crate::trace::BadObservation;
use jni::JNIEnv;
use std::borrow::Cow;

/// The Java exception classes the bridge throws (`org.shareguard`, Kotlin side).
pub(super) const BAD_OBSERVATION: &str = "org/shareguard/BadObservationException";
pub(super) const BAD_RULES: &str = "org/shareguard/BadRulesException";
pub(super) const ENGINE_CLOSED: &str = "org/shareguard/EngineClosedException";
pub(super) const ENGINE_FAILURE: &str = "org/shareguard/EngineFailureException";

/// Why a native call failed.
#[derive(Debug)]
pub(super) enum BridgeError {
    /// The observation is not one of the trace format.
    BadObservation(BadObservation),
    /// A text argument held a lone surrogate; `what` names the argument.
    InvalidUtf16(&'static str),
    /// A required text argument was null; `what` names the argument.
    NullArgument(&'static str),
    /// The rules file was refused.
    BadRules(RulesError),
    /// The rules text held a lone surrogate or was null.
    BadRulesText(&'static str),
    /// The handle was closed.
    Closed,
    /// The handle was never issued.
    UnknownHandle,
    /// A JNI call failed (a Java exception may be pending).
    Jni(jni::errors::Error),
    /// An internal step failed that cannot fail (say, serialising a status).
    Internal(&'static str),
    /// A panic was caught.
    Panicked,
}

impl From<jni::errors::Error> for BridgeError {
    fn from(e: jni::errors::Error) -> Self {
        BridgeError::Jni(e)
    }
}

impl BridgeError {
    /// The table: the Java exception class and message for each error.
    pub(super) fn java_exception(&self) -> (&'static str, Cow<'static, str>) {
        match self {
            BridgeError::BadObservation(e) => (BAD_OBSERVATION, Cow::Owned(e.to_string())),
            BridgeError::InvalidUtf16(what) => (BAD_OBSERVATION, Cow::Borrowed(*what)),
            BridgeError::NullArgument(what) => (BAD_OBSERVATION, Cow::Borrowed(*what)),
            BridgeError::BadRules(e) => (BAD_RULES, Cow::Owned(e.to_string())),
            BridgeError::BadRulesText(what) => (BAD_RULES, Cow::Borrowed(*what)),
            BridgeError::Closed => (ENGINE_CLOSED, Cow::Borrowed("the engine is closed")),
            BridgeError::UnknownHandle => {
                (ENGINE_CLOSED, Cow::Borrowed("no engine has this handle"))
            }
            BridgeError::Jni(_) => (
                ENGINE_FAILURE,
                Cow::Borrowed("a JNI call failed inside the engine bridge"),
            ),
            BridgeError::Internal(what) => (ENGINE_FAILURE, Cow::Borrowed(*what)),
            BridgeError::Panicked => (
                ENGINE_FAILURE,
                Cow::Borrowed("the engine failed (internal error)"),
            ),
        }
    }

    /// A short name of the error's kind, for logs (never its message).
    pub(super) fn log_name(&self) -> &'static str {
        match self {
            BridgeError::BadObservation(_) => "bad observation",
            BridgeError::InvalidUtf16(_) => "invalid UTF-16",
            BridgeError::NullArgument(_) => "null argument",
            BridgeError::BadRules(_) | BridgeError::BadRulesText(_) => "bad rules",
            BridgeError::Closed => "closed handle",
            BridgeError::UnknownHandle => "unknown handle",
            BridgeError::Jni(_) => "JNI failure",
            BridgeError::Internal(_) => "internal error",
            BridgeError::Panicked => "panic",
        }
    }
}

/// Raises `error` in Java. A Java exception already pending (say an
/// `OutOfMemoryError` from a failed JNI call) is more precise and is kept.
pub(super) fn throw(env: &mut JNIEnv<'_>, error: &BridgeError) {
    if env.exception_check().unwrap_or(false) {
        return;
    }
    let (class, message) = error.java_exception();
    if env.throw_new(class, message.as_ref()).is_err() && !env.exception_check().unwrap_or(false) {
        // The class could not be found and nothing is pending (it normally
        // leaves a NoClassDefFoundError): the caller must still see a failure.
        let _ = env.throw_new(
            "java/lang/IllegalStateException",
            "ShareGuard engine failure",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::parse_observation;

    #[test]
    fn every_error_has_a_class_and_a_message() {
        let bad = parse_observation(r#"{"t":1,"kind":"window"}"#).unwrap_err();
        let rules = crate::rules::Rules::from_override("{").unwrap_err();
        let errors = [
            BridgeError::BadObservation(bad),
            BridgeError::InvalidUtf16("observation text is not valid UTF-16"),
            BridgeError::NullArgument("observation is null"),
            BridgeError::BadRules(rules),
            BridgeError::BadRulesText("rules text is null"),
            BridgeError::Closed,
            BridgeError::UnknownHandle,
            BridgeError::Jni(jni::errors::Error::NullPtr("x")),
            BridgeError::Internal("could not serialise the status"),
            BridgeError::Panicked,
        ];
        for e in &errors {
            let (class, message) = e.java_exception();
            assert!(
                class.starts_with("org/shareguard/") && class.ends_with("Exception"),
                "{class}"
            );
            assert!(!message.is_empty(), "{e:?}");
            assert!(!e.log_name().is_empty());
        }
    }

    #[test]
    fn messages_never_quote_the_observation() {
        let line = r#"{"t":1,"kind":"window","package":"p","texts":"验证码 654321"}"#;
        let e = BridgeError::BadObservation(parse_observation(line).unwrap_err());
        let (class, message) = e.java_exception();
        assert_eq!(class, BAD_OBSERVATION);
        assert!(!message.contains("654321"), "{message}");
    }
}
