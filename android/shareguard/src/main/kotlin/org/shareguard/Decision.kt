package org.shareguard

import org.json.JSONArray
import org.json.JSONException
import org.json.JSONObject

/** Raise or take down the interruption. */
enum class Action(val wireName: String) {
    /** Raise (or update) the full-screen interruption. */
    INTERRUPT("interrupt"),

    /** Take it down. */
    CLEAR("clear"),
}

/** The spec's canonical reasons. */
enum class ReasonKind(val wireName: String) {
    SCREEN_SHARE("screen_share"),
    REMOTE_CONTROL("remote_control"),
    SCREEN_RECORDING("screen_recording"),
    OTP("otp"),
    BANKING_APP("banking_app"),
    PAYMENT_APP("payment_app"),
    LENDING_APP("lending_app"),
    CARD_FORM("card_form"),
    SCAM_SCRIPT("scam_script"),
    CALL_UNKNOWN("call_unknown"),
    ;

    /** The screen is exposed (shared, recorded, remote-controlled), as opposed to what is on it. */
    val isExposure: Boolean
        get() = this == SCREEN_SHARE || this == REMOTE_CONTROL || this == SCREEN_RECORDING

    companion object {
        /** The kind of a canonical name, or null. */
        @JvmStatic
        fun fromWireName(name: String): ReasonKind? = entries.firstOrNull { it.wireName == name }
    }
}

/** One reason: a canonical kind and an optional detail, e.g. `otp:sms_notification`. */
data class Reason @JvmOverloads constructor(val kind: ReasonKind, val detail: String? = null) {
    /** The spec's form, `kind` or `kind:detail`. */
    override fun toString(): String = if (detail == null) kind.wireName else "${kind.wireName}:$detail"
}

/** A change in what the phone should show: one line of `shareguard replay`. */
data class Decision(
    /** The `t` of the observation that caused it. */
    val t: Long,
    val action: Action,
    /** Why, most important first. */
    val reasons: List<Reason>,
    /** The warning's title (for [Action.INTERRUPT]). */
    val title: String?,
    /** The warning's message (for [Action.INTERRUPT]). */
    val message: String?,
) {
    /** Whether one of the reasons is of [kind]. */
    fun hasReason(kind: ReasonKind): Boolean = reasons.any { it.kind == kind }

    companion object {
        /** Reads the engine's replay line; output it cannot read is an [EngineFailureException]. */
        @JvmStatic
        fun fromJson(json: String): Decision = readEngineOutput { fromJsonObject(JSONObject(json)) }

        internal fun fromJsonObject(o: JSONObject): Decision {
            val action = o.getString("action").let { name ->
                Action.entries.firstOrNull { it.wireName == name } ?: throw JSONException("unknown action")
            }
            val reasons = o.getJSONArray("reasons").strings().map(::parseReason)
            return Decision(
                t = o.getLong("t"),
                action = action,
                reasons = reasons,
                title = o.optStringOrNull("title"),
                message = o.optStringOrNull("message"),
            )
        }

        private fun parseReason(s: String): Reason {
            val colon = s.indexOf(':')
            val name = if (colon < 0) s else s.substring(0, colon)
            val kind = ReasonKind.fromWireName(name) ?: throw JSONException("unknown reason kind")
            return Reason(kind, if (colon < 0) null else s.substring(colon + 1))
        }
    }
}

/** The categories of app the rules know. */
enum class AppCategory(val wireName: String) {
    BANKING("banking"),
    PAYMENT("payment"),
    LENDING("lending"),
    SCREEN_SHARE("screen_share"),
    REMOTE_CONTROL("remote_control"),
    SMS("sms"),
}

/** What a text and a package show, without any state. `toString()` leaves the code out. */
data class ScanResult(
    /** The verification code the text shows, if any. */
    val otp: String?,
    /** The package's category, if any. */
    val appCategory: AppCategory?,
) {
    override fun toString(): String = "ScanResult(hasOtp=${otp != null}, appCategory=$appCategory)"

    internal companion object {
        fun fromJson(json: String): ScanResult = readEngineOutput {
            val o = JSONObject(json)
            val category = o.optStringOrNull("app_category")?.let { name ->
                AppCategory.entries.firstOrNull { it.wireName == name } ?: throw JSONException("unknown category")
            }
            ScanResult(o.optStringOrNull("otp"), category)
        }
    }
}

/**
 * The engine's state. [json] is the whole status the engine reports (for bug reports and
 * status screens; it never holds screen text).
 */
class EngineStatus internal constructor(
    /** The interruption is up. */
    val interrupting: Boolean,
    /** Observations the engine accepted since it was created. */
    val observations: Long,
    /** Observations refused as bad. */
    val badObservations: Long,
    val json: String,
) {
    /** Counts only: [json] holds the exposing apps' packages, which logs must not. */
    override fun toString(): String =
        "EngineStatus(interrupting=$interrupting, observations=$observations, badObservations=$badObservations)"

    internal companion object {
        fun fromJson(json: String): EngineStatus = readEngineOutput {
            val o = JSONObject(json)
            val bridge = o.getJSONObject("bridge")
            EngineStatus(
                interrupting = o.getBoolean("interrupting"),
                observations = bridge.getLong("observations"),
                badObservations = bridge.getLong("bad_observations"),
                json = json,
            )
        }
    }
}

/** A line of a batch the engine refused: its number (from 1) and why (never its text). */
data class BadLine(val line: Int, val error: String)

/** What a batch gave: the decisions in order, and the lines refused. */
data class BatchResult(val decisions: List<Decision>, val badLines: List<BadLine>) {
    internal companion object {
        fun fromJson(json: String): BatchResult = readEngineOutput {
            val o = JSONObject(json)
            val decisions = o.getJSONArray("decisions").let { a ->
                List(a.length()) { Decision.fromJsonObject(a.getJSONObject(it)) }
            }
            val bad = o.getJSONArray("bad").let { a ->
                List(a.length()) { a.getJSONObject(it).let { b -> BadLine(b.getInt("line"), b.getString("error")) } }
            }
            BatchResult(decisions, bad)
        }
    }
}

private inline fun <T> readEngineOutput(read: () -> T): T =
    try {
        read()
    } catch (e: JSONException) {
        throw EngineFailureException("the engine returned output this library cannot read", e)
    }

private fun JSONObject.optStringOrNull(name: String): String? = if (isNull(name)) null else getString(name)

private fun JSONArray.strings(): List<String> = List(length()) { getString(it) }
