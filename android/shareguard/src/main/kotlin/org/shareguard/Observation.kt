package org.shareguard

/**
 * One observation of the phone, one subclass per `kind` of the observation trace format
 * (`shared/spec/observation-trace.md`, version 1). [toJson] writes exactly one trace line.
 *
 * [t] is milliseconds since the trace began and never decreases (see [TraceClock]).
 * `toString()` names the kind and time only: observations hold screen text, which must
 * never reach a log.
 */
sealed class Observation {
    abstract val t: Long

    /** The spec's `kind`. */
    abstract val kind: String

    internal abstract fun JsonObjectWriter.writeFields()

    /** The observation as one trace line (no newline). */
    fun toJson(): String = jsonObject {
        number("t", t)
        string("kind", kind)
        writeFields()
    }

    protected fun checkTime() {
        require(t >= 0) { "t must not be negative" }
    }

    final override fun toString(): String = "Observation($kind, t=$t)"

    /** `window`: the foreground window changed. */
    data class Window @JvmOverloads constructor(
        override val t: Long,
        val packageName: String,
        val className: String? = null,
        val texts: List<String> = emptyList(),
        val fields: List<EditableField> = emptyList(),
        /**
         * Bank mode (the optional field `marked`): the app marked this screen sensitive, as `transfer`,
         * `otp_entry`, `card_binding`, `loan_drawdown` or `account` (the engine reads any other value as `account`).
         */
        val marked: String? = null,
    ) : Observation() {
        init {
            checkTime()
        }

        override val kind: String get() = "window"

        override fun JsonObjectWriter.writeFields() = writeScreen(packageName, className, texts, fields, marked)
    }

    /** `content`: the foreground window's content changed; [texts] is a full snapshot. */
    data class Content @JvmOverloads constructor(
        override val t: Long,
        val packageName: String,
        val className: String? = null,
        val texts: List<String> = emptyList(),
        val fields: List<EditableField> = emptyList(),
        /**
         * Bank mode (the optional field `marked`): the app marked this screen sensitive, as `transfer`,
         * `otp_entry`, `card_binding`, `loan_drawdown` or `account` (the engine reads any other value as `account`).
         */
        val marked: String? = null,
    ) : Observation() {
        init {
            checkTime()
        }

        override val kind: String get() = "content"

        override fun JsonObjectWriter.writeFields() = writeScreen(packageName, className, texts, fields, marked)
    }

    /** `notification`: a notification was posted. */
    data class Notification @JvmOverloads constructor(
        override val t: Long,
        val packageName: String,
        val texts: List<String> = emptyList(),
        val ongoing: Boolean = false,
    ) : Observation() {
        init {
            checkTime()
        }

        override val kind: String get() = "notification"

        override fun JsonObjectWriter.writeFields() {
            string("package", packageName)
            strings("texts", texts, omitEmpty = true)
            if (ongoing) boolean("ongoing", true)
        }
    }

    /** `click`: the person tapped a view. */
    data class Click @JvmOverloads constructor(
        override val t: Long,
        val packageName: String,
        val texts: List<String> = emptyList(),
    ) : Observation() {
        init {
            checkTime()
        }

        override val kind: String get() = "click"

        override fun JsonObjectWriter.writeFields() {
            string("package", packageName)
            strings("texts", texts, omitEmpty = true)
        }
    }

    /** `windows`: a snapshot of all windows on screen. */
    data class Windows(override val t: Long, val windows: List<WindowSnapshot>) : Observation() {
        init {
            checkTime()
        }

        override val kind: String get() = "windows"

        override fun JsonObjectWriter.writeFields() {
            objects("windows", windows, omitEmpty = false) { w ->
                string("type", w.type.wireName)
                string("package", w.packageName)
                string("title", w.title)
                strings("texts", w.texts, omitEmpty = true)
            }
        }
    }

    /** `display`: the set of displays changed. */
    data class Display(override val t: Long, val displays: List<DisplaySnapshot>) : Observation() {
        init {
            checkTime()
        }

        override val kind: String get() = "display"

        override fun JsonObjectWriter.writeFields() {
            objects("displays", displays, omitEmpty = false) { d ->
                number("id", d.id.toLong())
                string("name", d.name)
                boolean("virtual", d.isVirtual)
                string("owner_package", d.ownerPackage)
                strings("flags", d.flags, omitEmpty = true)
            }
        }
    }

    /** `recording`: the observer's own window is (not) visible in a recording or share. */
    data class Recording(override val t: Long, val visible: Boolean) : Observation() {
        init {
            checkTime()
        }

        override val kind: String get() = "recording"

        override fun JsonObjectWriter.writeFields() = boolean("visible", visible)
    }

    /** `accessibility`: the packages of the enabled accessibility services, the guard's own left out. */
    data class Accessibility(override val t: Long, val enabled: List<String>) : Observation() {
        init {
            checkTime()
        }

        override val kind: String get() = "accessibility"

        override fun JsonObjectWriter.writeFields() = strings("enabled", enabled, omitEmpty = false)
    }

    /** `call`: telephony state; [knownContact] is null when unknown. */
    data class Call @JvmOverloads constructor(
        override val t: Long,
        val state: CallState,
        val knownContact: Boolean? = null,
    ) : Observation() {
        init {
            checkTime()
        }

        override val kind: String get() = "call"

        override fun JsonObjectWriter.writeFields() {
            string("state", state.wireName)
            boolean("known_contact", knownContact)
        }
    }

    /** `screen`: the screen turned on or off. */
    data class Screen(override val t: Long, val on: Boolean) : Observation() {
        init {
            checkTime()
        }

        override val kind: String get() = "screen"

        override fun JsonObjectWriter.writeFields() = boolean("on", on)
    }

    /** `user`: what the person chose on the interruption. */
    data class User(override val t: Long, val choice: UserChoice) : Observation() {
        init {
            checkTime()
        }

        override val kind: String get() = "user"

        override fun JsonObjectWriter.writeFields() = string("choice", choice.wireName)
    }
}

private fun JsonObjectWriter.writeScreen(
    packageName: String,
    className: String?,
    texts: List<String>,
    fields: List<EditableField>,
    marked: String?,
) {
    string("package", packageName)
    string("class", className)
    string("marked", marked)
    strings("texts", texts, omitEmpty = true)
    objects("fields", fields, omitEmpty = true) { f ->
        string("hint", f.hint)
        string("text", f.text)
        string("id", f.id)
        if (f.password) boolean("password", true)
    }
}

/**
 * An editable field of a screen. [text] is never set for a password field: the builders do not
 * read it. `toString()` leaves the text out.
 */
data class EditableField @JvmOverloads constructor(
    val hint: String? = null,
    val text: String? = null,
    val id: String? = null,
    val password: Boolean = false,
) {
    init {
        require(!password || text == null) { "a password field's text is never observed" }
    }

    override fun toString(): String = "EditableField(id=$id, password=$password, hasText=${text != null})"
}

/** One window of a `windows` snapshot. `toString()` leaves the texts out. */
data class WindowSnapshot @JvmOverloads constructor(
    val type: WindowType,
    val packageName: String? = null,
    val title: String? = null,
    val texts: List<String> = emptyList(),
) {
    override fun toString(): String = "WindowSnapshot(${type.wireName}, $packageName, ${texts.size} texts)"
}

/** One display of a `display` observation. [isVirtual] is null when unknown. */
data class DisplaySnapshot @JvmOverloads constructor(
    val id: Int,
    val name: String,
    val isVirtual: Boolean? = null,
    val ownerPackage: String? = null,
    val flags: List<String> = emptyList(),
)

/** The spec's window types. */
enum class WindowType(val wireName: String) {
    APPLICATION("application"),
    SYSTEM("system"),
    INPUT_METHOD("input_method"),
    ACCESSIBILITY_OVERLAY("accessibility_overlay"),
    SPLIT_SCREEN_DIVIDER("split_screen_divider"),
    MAGNIFICATION("magnification"),
}

/** Telephony states. */
enum class CallState(val wireName: String) {
    IDLE("idle"),
    RINGING("ringing"),
    OFFHOOK("offhook"),
}

/** What the person chose on the interruption. */
enum class UserChoice(val wireName: String) {
    /** Proceed anyway. */
    CONTINUE("continue"),

    /** Stop sharing the screen. */
    STOP_SHARING("stop_sharing"),

    /** Went home or closed the app. */
    LEAVE("leave"),
}
