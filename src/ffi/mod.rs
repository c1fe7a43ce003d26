//! The JNI bridge: every foreign entry point of the library, and nothing else.
//!
//! Filled in by the bridge work (issue 3); the core never imports `jni`.
