package org.shareguard.guard

import org.json.JSONException
import org.json.JSONObject
import org.shareguard.Action
import org.shareguard.Decision
import org.shareguard.Engine
import org.shareguard.UserChoice

/**
 * "Try it": the police advisory's scam flow (a recorded trace, shipped as the asset [ASSET]) played
 * through a fresh [engine], so the person sees the real interruption the real engine raises. The
 * trace's own `user` lines are skipped: the person's choices on the interruption take their place.
 * Nothing of it reaches the guard's engine or the history. Use it from one thread; it closes the
 * engine with [close].
 */
class TryItSession(private val engine: Engine, trace: String) : AutoCloseable {
    private val lines: List<TraceLine> = trace.lines().mapNotNull(::readLine)
    private var next = 0
    private var lastT = 0L

    /** Every line of the flow has been played. */
    val isFinished: Boolean get() = next >= lines.size

    /** Plays the flow on to the next interruption; null when it ends without one. */
    fun nextInterruption(): Decision? {
        while (next < lines.size) {
            val line = lines[next++]
            lastT = line.t
            val decision = engine.observeJson(line.json)
            if (decision?.action == Action.INTERRUPT) return decision
        }
        return null
    }

    /** The person chose [choice] on the interruption; the engine's answer (a `clear`, usually). */
    fun choose(choice: UserChoice): Decision? = engine.userChoice(lastT, choice)

    override fun close() = engine.close()

    companion object {
        /** The asset (and, on the JVM, the test resource) holding the advisory's flow. */
        const val ASSET = "advisory-refund-scam.trace.jsonl"

        /** A line to play, or null for a blank line and the trace's own `user` choices. */
        private fun readLine(line: String): TraceLine? {
            if (line.isBlank()) return null
            return try {
                val o = JSONObject(line)
                if (o.optString("kind") == "user") null else TraceLine(o.optLong("t", 0L), line)
            } catch (e: JSONException) {
                // The engine reports it as a bad observation when it is played.
                TraceLine(0L, line)
            }
        }
    }
}

private class TraceLine(val t: Long, val json: String)
