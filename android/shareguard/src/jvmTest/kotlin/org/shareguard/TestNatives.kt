package org.shareguard

/**
 * Natives that only the host test build has (cargo feature `test-natives`,
 * `src/ffi/test_natives.rs`); production code never references them.
 */
internal object TestNatives {
    init {
        System.loadLibrary("shareguard")
    }

    /** Panics inside the engine's lock. */
    @JvmStatic external fun testPanic(handle: Long)

    /** The engine's canonical reason names, comma-separated. */
    @JvmStatic external fun reasonKinds(): String

    /** Nanoseconds `iterations` observations of the line take inside Rust. */
    @JvmStatic external fun observeInRustNanos(handle: Long, observationJson: String, iterations: Int): Long
}
