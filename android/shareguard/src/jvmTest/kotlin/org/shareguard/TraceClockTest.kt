package org.shareguard

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

class TraceClockTest {
    @Test
    fun countsFromItsStartAndNeverGoesBack() {
        var now = 1_000_000L
        val clock = TraceClock { now }
        assertEquals(0, clock.now())
        now += 250
        assertEquals(250, clock.now())
        now -= 100
        assertEquals(250, clock.now())
        now += 1_000
        assertEquals(1_150, clock.now())
    }
}
