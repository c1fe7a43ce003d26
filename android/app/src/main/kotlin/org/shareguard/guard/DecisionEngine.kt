package org.shareguard.guard

import org.json.JSONException
import org.json.JSONObject
import org.shareguard.AppCategory
import org.shareguard.Decision
import org.shareguard.Engine
import org.shareguard.EngineFailureException
import org.shareguard.Observation

/**
 * What the guard asks of the engine, behind an interface so plain JUnit can drive the monitor
 * with a fake. [EngineDecisions] is the real one. Every call may throw the library's
 * [org.shareguard.ShareGuardException]s.
 */
interface DecisionEngine {
    /** The decision when what the phone shows must change, else null. */
    fun observe(observation: Observation): Decision?

    /** The category the rules give [packageName] (banking, payment, lending, sharing…), or null. */
    fun appCategory(packageName: String): AppCategory?

    /** Whether the engine believes the screen is exposed now (shared, cast, recorded, remote-controlled). */
    fun isExposed(): Boolean
}

/** A [DecisionEngine] over the library's [Engine]. */
class EngineDecisions(private val engine: Engine) : DecisionEngine {
    override fun observe(observation: Observation): Decision? = engine.observe(observation)

    override fun appCategory(packageName: String): AppCategory? = engine.scan(null, packageName).appCategory

    override fun isExposed(): Boolean = exposedInStatus(engine.status().json)

    companion object {
        /**
         * Whether the engine's status JSON lists an exposure (`"exposures":[…]` not empty). A
         * status without the field (an engine that does not track exposure) says no.
         */
        @JvmStatic
        fun exposedInStatus(statusJson: String): Boolean =
            try {
                (JSONObject(statusJson).optJSONArray("exposures")?.length() ?: 0) > 0
            } catch (e: JSONException) {
                throw EngineFailureException("the engine's status is not readable", e)
            }
    }
}
