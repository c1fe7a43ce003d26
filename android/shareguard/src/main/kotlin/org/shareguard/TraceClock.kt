package org.shareguard

import android.os.SystemClock
import java.util.function.LongSupplier

/**
 * The `t` of observations: milliseconds since the clock was made, never decreasing, even if
 * [source] does (so `t` keeps the trace format's promise). Thread-safe.
 *
 * On a phone use [TraceClock.elapsedRealtime]; tests pass their own source.
 */
class TraceClock(private val source: LongSupplier) {
    private val start = source.asLong
    private var last = 0L

    /** Milliseconds since the clock was made. */
    @Synchronized
    fun now(): Long {
        val elapsed = source.asLong - start
        if (elapsed > last) last = elapsed
        return last
    }

    companion object {
        /** A clock on `SystemClock.elapsedRealtime()`, which counts through deep sleep. */
        @JvmStatic
        fun elapsedRealtime(): TraceClock = TraceClock { SystemClock.elapsedRealtime() }
    }
}
