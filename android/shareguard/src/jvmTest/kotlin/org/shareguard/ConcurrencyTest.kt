package org.shareguard

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.util.concurrent.Callable
import java.util.concurrent.CyclicBarrier
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/** 8 threads feed one engine 100,000 observations. */
class ConcurrencyTest {
    private val threads = 8
    private val perThread = 12_500

    /** Runs [perThread] observations of [cycle] (round robin) on each of [threads] threads. */
    private fun feed(engine: Engine, cycle: List<Observation>): List<List<Decision>> {
        val lines = cycle.map(Observation::toJson)
        val pool = Executors.newFixedThreadPool(threads)
        try {
            val start = CyclicBarrier(threads)
            val tasks = List(threads) { thread ->
                Callable {
                    start.await()
                    List(perThread) { i -> engine.observeJson(lines[(i + thread) % lines.size]) }.filterNotNull()
                }
            }
            return pool.invokeAll(tasks).map { it.get(2, TimeUnit.MINUTES) }
        } finally {
            pool.shutdownNow()
        }
    }

    private fun kinds(d: Decision) = d.reasons.map { it.kind }.toSet()

    @Test
    fun everyObservationIsCountedOnceAndNothingFails() {
        Engine().use { engine ->
            val cycle = listOf(
                Observation.Screen(1_000, on = true),
                Observation.Call(1_000, CallState.IDLE),
                Observation.Window(1_000, "org.example.notes", texts = List(20) { "note $it" }),
                Observation.Click(1_000, "org.example.notes", listOf("save")),
            )
            feed(engine, cycle)
            val status = engine.status()
            assertEquals((threads * perThread).toLong(), status.observations)
            assertEquals(0, status.badObservations)
        }
    }

    /**
     * Every thread sends the same two observations (a share's status-bar chip, a bank in front)
     * with the same `t`. In any interleaving the engine sees the same state once both arrived,
     * so all threads together get exactly the decisions one thread alone gets: one interruption.
     * Depends on the detection engine.
     */
    @Test
    fun eightThreadsGetTheDecisionsOfOneThread() {
        val cycle = listOf(
            Observation.Windows(
                1_000,
                listOf(
                    WindowSnapshot(WindowType.SYSTEM, "com.android.systemui", texts = listOf("正在共享屏幕")),
                    WindowSnapshot(WindowType.APPLICATION, "com.icbc"),
                ),
            ),
            Observation.Window(1_000, "com.icbc", texts = listOf("中国工商银行", "我的账户", "转账")),
        )
        val alone = Engine().use { engine -> List(threads * perThread) { engine.observe(cycle[it % 2]) }.filterNotNull() }
        assertEquals(1, alone.size, "one thread: $alone")
        assertEquals(Action.INTERRUPT, alone[0].action)

        Engine().use { engine ->
            val decisions = feed(engine, cycle).flatten()
            assertEquals(alone.map { it.action to kinds(it) }, decisions.map { it.action to kinds(it) })
            assertTrue(engine.status().interrupting)
            assertEquals((threads * perThread).toLong(), engine.status().observations)
        }
    }
}
