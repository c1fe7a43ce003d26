package org.shareguard

/**
 * The natives of `libshareguard.so` (Rust, `src/ffi/natives.rs`): the only place the library
 * crosses into native code. [Engine] is the API; this object is its plumbing.
 *
 * Each native throws a [ShareGuardException] subclass on failure, never crashes: a caught
 * panic becomes [EngineFailureException]. Handles are opaque ids, not pointers; a closed or
 * unknown one throws [EngineClosedException]. All of them are safe to call from any thread.
 *
 * On a phone the library is found by `System.loadLibrary`; the JVM tests point
 * `java.library.path` at the host build.
 */
internal object NativeBridge {
    init {
        System.loadLibrary("shareguard")
    }

    /** A new engine; [locale] is a BCP 47 tag (`zh…` Chinese, anything else English). */
    @JvmStatic external fun engineNew(locale: String, rulesJson: String?): Long

    /** The decision as one replay line of the trace spec, or null when nothing changes. */
    @JvmStatic external fun engineObserve(handle: Long, observationJson: String): String?

    /** `{"decisions":[…],"bad":[{"line":n,"error":s}]}`: bad lines are skipped and reported. */
    @JvmStatic external fun engineObserveBatch(handle: Long, observationsJsonLines: String): String

    /** Loads an override rules file; on error the rules in force stay. */
    @JvmStatic external fun engineLoadRules(handle: Long, rulesJson: String)

    /** The engine's status JSON, with `"bridge":{"observations":n,"bad_observations":n}`. */
    @JvmStatic external fun engineStatus(handle: Long): String

    /** `{"otp":s?,"app_category":s?}` for a text and/or a package, with the engine's rules. */
    @JvmStatic external fun engineScan(handle: Long, text: String?, packageName: String?): String

    /** Closes the engine; closing a closed handle does nothing. */
    @JvmStatic external fun engineClose(handle: Long)
}
