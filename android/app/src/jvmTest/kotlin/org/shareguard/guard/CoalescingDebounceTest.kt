package org.shareguard.guard

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class CoalescingDebounceTest {
    private val worker = FakeWorker()
    private val runs = ArrayList<Long>()
    private val debounce = CoalescingDebounce(worker, delayMillis = 300, minIntervalMillis = 1_000) { runs.add(worker.now) }

    @Test
    fun aBurstGivesOneRunAfterTheDelay() {
        assertTrue(debounce.trigger())
        worker.advance(100)
        repeat(20) { assertFalse(debounce.trigger()) }
        worker.advance(199)
        assertEquals(emptyList<Long>(), runs)
        worker.advance(1)
        assertEquals(listOf(300L), runs)
        assertFalse(debounce.isPending)
    }

    @Test
    fun runsAreAtLeastTheMinimumIntervalApart() {
        // A change every 50 ms for 5 s (a progress bar, a ticking clock at speed).
        repeat(100) {
            debounce.trigger()
            worker.advance(50)
        }
        worker.advance(2_000)
        assertTrue(runs.size in 4..6, "runs: $runs")
        runs.zipWithNext().forEach { (a, b) -> assertTrue(b - a >= 1_000, "runs too close: $runs") }
    }

    @Test
    fun aQuietTriggerAfterTheIntervalRunsAfterTheDelayOnly() {
        debounce.trigger()
        worker.advance(300)
        worker.advance(5_000)
        debounce.trigger()
        worker.advance(300)
        assertEquals(listOf(300L, 5_600L), runs)
    }

    @Test
    fun cancelDropsThePendingRun() {
        debounce.trigger()
        debounce.cancel()
        worker.advance(5_000)
        assertEquals(emptyList<Long>(), runs)
        assertEquals(0, worker.pending)
        assertTrue(debounce.trigger(), "a trigger after a cancel schedules again")
    }

    @Test
    fun negativeDelaysAreRefused() {
        assertThrows(IllegalArgumentException::class.java) { CoalescingDebounce(worker, -1, 0) {} }
    }
}
