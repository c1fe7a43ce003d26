//! Logging and panic reporting for the bridge, set up once per process.
//!
//! On Android the `log` crate writes to logcat with the tag `ShareGuard`
//! (debug and up in debug builds, info and up in release builds); elsewhere
//! the host application's `log` logger, if any, receives the records. A
//! panic's payload can hold anything the panicking code formatted, screen
//! text included, so the panic hook logs where it happened and never what it
//! said. Log lines name kinds, counts, handles and rule ids only.

use std::sync::Once;

static INIT: Once = Once::new();

/// Sets up logging and the panic hook on the first native call.
pub(super) fn init() {
    INIT.call_once(|| {
        #[cfg(target_os = "android")]
        android_logger::init_once(
            android_logger::Config::default()
                .with_tag("ShareGuard")
                .with_max_level(if cfg!(debug_assertions) {
                    log::LevelFilter::Debug
                } else {
                    log::LevelFilter::Info
                }),
        );
        std::panic::set_hook(Box::new(|info| match info.location() {
            Some(at) => log::error!("panic at {}:{}", at.file(), at.line()),
            None => log::error!("panic at an unknown place"),
        }));
    });
}
