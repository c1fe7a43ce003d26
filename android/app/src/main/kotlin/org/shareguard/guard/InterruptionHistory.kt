package org.shareguard.guard

import org.json.JSONArray
import org.json.JSONException
import org.json.JSONObject
import org.shareguard.ReasonKind
import java.io.File
import java.io.IOException

/**
 * The last interruptions, kept on the phone in one small file (the app's private files; the app
 * has no backup and no network): for each, the time, the reason codes and the app's package.
 * Nothing else is stored: a reason is written as its canonical kind (others are dropped) and, when the engine's detail
 * is a plain code (`otp:sms_notification`), that detail; a detail that is anything else is
 * dropped, and so is an app that is not a package name. Thread-safe.
 */
class InterruptionHistory @JvmOverloads constructor(private val file: File, private val maxRecords: Int = 20) {
    init {
        require(maxRecords > 0) { "the history keeps at least one record" }
    }

    /** Adds [record], dropping the oldest past [maxRecords]. */
    @Synchronized
    @Throws(IOException::class)
    fun add(record: InterruptionRecord) {
        val records = ArrayList(readAll())
        records.add(0, sanitized(record))
        while (records.size > maxRecords) records.removeAt(records.size - 1)
        val text = StringBuilder()
        for (r in records) text.append(toJson(r)).append('\n')
        val temp = File(file.parentFile, file.name + ".tmp")
        temp.writeText(text.toString())
        if (!temp.renameTo(file)) {
            temp.delete()
            throw IOException("could not replace the history file")
        }
    }

    /** The records, newest first. A damaged line is skipped. */
    @Synchronized
    fun recent(): List<InterruptionRecord> = readAll()

    /** Forgets every record. */
    @Synchronized
    fun clear() {
        file.delete()
    }

    private fun readAll(): List<InterruptionRecord> {
        if (!file.isFile) return emptyList()
        return file.readLines().mapNotNull { line ->
            if (line.isBlank()) return@mapNotNull null
            try {
                val o = JSONObject(line)
                val reasons = o.getJSONArray("reasons")
                sanitized(
                    InterruptionRecord(
                        atMillis = o.getLong("at"),
                        reasons = List(reasons.length()) { reasons.getString(it) },
                        app = if (o.isNull("app")) null else o.getString("app"),
                    ),
                )
            } catch (e: JSONException) {
                null
            }
        }
    }

    private fun toJson(r: InterruptionRecord): String {
        val o = JSONObject()
        o.put("at", r.atMillis)
        o.put("reasons", JSONArray(r.reasons))
        if (r.app != null) o.put("app", r.app)
        return o.toString()
    }

    companion object {
        private val CODE = Regex("[a-z][a-z0-9_]{0,39}")
        private val PACKAGE = Regex("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)+")

        /** [record] with only reason codes and a package name in it. */
        @JvmStatic
        fun sanitized(record: InterruptionRecord): InterruptionRecord {
            val reasons = record.reasons.mapNotNull { reason ->
                val kind = reason.substringBefore(':')
                if (ReasonKind.fromWireName(kind) == null) return@mapNotNull null
                val detail = reason.substringAfter(':', "")
                if (detail.isNotEmpty() && CODE.matches(detail)) "$kind:$detail" else kind
            }
            val app = record.app?.takeIf { it.length <= 200 && PACKAGE.matches(it) }
            return InterruptionRecord(record.atMillis, reasons, app)
        }
    }
}
