//! The JNI bridge: every foreign entry point of the library, and nothing else.
//!
//! The Kotlin side declares these functions in `internal object NativeBridge`
//! (package `org.shareguard`, `@JvmStatic external fun`), so each is a static
//! native of `org/shareguard/NativeBridge`. The surface is small on purpose:
//!
//! | native | returns | errors |
//! |---|---|---|
//! | `engineNew(locale, rulesJson?)` | a handle | `BadRulesException` |
//! | `engineObserve(handle, observationJson)` | the decision's replay line, or null | `BadObservationException` |
//! | `engineObserveBatch(handle, lines)` | `{"decisions":[…],"bad":[{"line":n,"error":s}]}` | — (bad lines are reported in the result) |
//! | `engineLoadRules(handle, rulesJson)` | — | `BadRulesException`; the old rules stay |
//! | `engineStatus(handle)` | the engine's status JSON plus `"bridge":{"observations":n,"bad_observations":n}` | — |
//! | `engineScan(handle, text?, package?)` | the `ScanResult` JSON, with the handle's rules | `BadObservationException` for invalid UTF-16 |
//! | `engineClose(handle)` | — | `EngineClosedException` for a handle never issued; closing twice is a no-op |
//!
//! Every native runs through [`entry::run`], which catches panics and turns
//! every error into a named Java exception from the one table in [`errors`].
//! Any other native given a closed or unknown handle throws `EngineClosedException`.
//! Handles are ids into a registry ([`handles`]), never pointers.

mod entry;
mod errors;
mod handles;
mod logging;
mod natives;
mod strings;
#[cfg(feature = "test-natives")]
mod test_natives;
