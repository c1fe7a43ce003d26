//! ShareGuard: breaks the "fake customer service" scam at the moment it works.
//!
//! The engine consumes observations of the phone (the trace format of
//! `shared/spec/observation-trace.md`, see [`trace`]) and decides, observation by
//! observation, whether the full-screen interruption must be raised or taken
//! down ([`Decision`]). It raises it when the screen is shared, cast, recorded
//! or remote-controlled ([`exposure`]) while something sensitive is on it
//! ([`sensitive`]): a banking, payment or loan app, a verification code, a card
//! form, or the scam's own script.
//!
//! The public facade is small: [`Engine`], [`Decision`], [`Locale`], [`scan`]
//! and the rules loader. Everything the engine judges by is data
//! ([`rules`]). The JNI bridge lives in one module, `ffi`, and the core never
//! imports `jni`.

pub mod decision;
pub mod engine;
pub mod exposure;
mod ffi;
pub mod message;
pub mod otp;
pub mod replay;
pub mod rules;
pub mod scan;
pub mod sensitive;
pub mod trace;

pub use decision::{Action, Decision, Reason, ReasonKind};
pub use engine::{Engine, Status};
pub use message::Locale;
pub use rules::{Rules, RulesError};
pub use scan::{ScanResult, scan};
pub use trace::{BadObservation, Observation, parse_observation};
