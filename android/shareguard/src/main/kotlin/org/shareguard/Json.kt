package org.shareguard

/**
 * The small JSON writer behind [Observation.toJson]: objects of strings, numbers, booleans and
 * arrays, written straight into one buffer. Strings are escaped as JSON requires, and a lone
 * UTF-16 surrogate (which has no UTF-8 form, and which the native side refuses) becomes U+FFFD,
 * so observations built by this library are always valid.
 */
internal class JsonObjectWriter(private val out: StringBuilder) {
    private var empty = true

    private fun name(name: String) {
        if (!empty) out.append(',')
        empty = false
        out.append('"').append(name).append("\":")
    }

    fun string(name: String, value: String?) {
        if (value == null) return
        name(name)
        appendJsonString(out, value)
    }

    fun number(name: String, value: Long) {
        name(name)
        out.append(value)
    }

    fun boolean(name: String, value: Boolean?) {
        if (value == null) return
        name(name)
        out.append(value)
    }

    /** An array of strings; an empty one is left out when [omitEmpty]. */
    fun strings(name: String, values: List<String>, omitEmpty: Boolean) {
        if (omitEmpty && values.isEmpty()) return
        name(name)
        out.append('[')
        values.forEachIndexed { i, v ->
            if (i > 0) out.append(',')
            appendJsonString(out, v)
        }
        out.append(']')
    }

    /** An array of objects; an empty one is left out when [omitEmpty]. */
    fun <T> objects(name: String, items: List<T>, omitEmpty: Boolean, write: JsonObjectWriter.(T) -> Unit) {
        if (omitEmpty && items.isEmpty()) return
        name(name)
        out.append('[')
        items.forEachIndexed { i, item ->
            if (i > 0) out.append(',')
            writeObject(out) { write(item) }
        }
        out.append(']')
    }
}

/** Writes one JSON object into [out]. */
internal inline fun writeObject(out: StringBuilder, build: JsonObjectWriter.() -> Unit) {
    out.append('{')
    JsonObjectWriter(out).build()
    out.append('}')
}

/** One JSON object as a string. */
internal inline fun jsonObject(capacity: Int = 128, build: JsonObjectWriter.() -> Unit): String {
    val out = StringBuilder(capacity)
    writeObject(out, build)
    return out.toString()
}

private const val HEX = "0123456789abcdef"

/**
 * Appends [s] as a JSON string literal, lone surrogates replaced by U+FFFD. Runs of characters
 * that need no escaping are copied in bulk.
 */
internal fun appendJsonString(out: StringBuilder, s: String) {
    out.append('"')
    var run = 0
    var i = 0
    val n = s.length
    while (i < n) {
        val c = s[i]
        if (c >= ' ' && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
            i++
            continue
        }
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s[i + 1])) {
            i += 2
            continue
        }
        out.append(s, run, i)
        when {
            c == '"' -> out.append("\\\"")
            c == '\\' -> out.append("\\\\")
            c == '\n' -> out.append("\\n")
            c == '\r' -> out.append("\\r")
            c == '\t' -> out.append("\\t")
            c < ' ' -> out.append("\\u00").append(HEX[c.code shr 4]).append(HEX[c.code and 0xF])
            else -> out.append('\uFFFD') // a lone surrogate
        }
        i++
        run = i
    }
    // append(String) copies in bulk; append(CharSequence, start, end) char by char.
    if (run == 0) out.append(s) else out.append(s, run, n)
    out.append('"')
}
