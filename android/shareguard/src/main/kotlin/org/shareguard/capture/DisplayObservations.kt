package org.shareguard.capture

import android.view.Display
import org.shareguard.DisplaySnapshot
import org.shareguard.Observation

/** The part of an `android.view.Display` the builder reads, behind an interface for plain JUnit. */
interface ObservedDisplay {
    val displayId: Int
    val name: String?

    /** `Display.FLAG_*`. */
    val flags: Int
}

/** An [ObservedDisplay] over a framework display (`DisplayManager.getDisplays()`). */
class DisplayAdapter(private val display: Display) : ObservedDisplay {
    override val displayId: Int get() = display.displayId
    override val name: String? get() = display.name
    override val flags: Int get() = display.flags
}

/**
 * Builds `display` observations. Public APIs do not say whether a display is virtual or who owns
 * it, so `virtual` and `owner_package` are left out; the flags are named `presentation`,
 * `secure`, `round`, `supports_protected_buffers`, and `private` or else `public`.
 */
object DisplayObservations {
    @JvmStatic
    fun snapshot(t: Long, displays: List<ObservedDisplay>): Observation.Display =
        Observation.Display(t, displays.map { d -> DisplaySnapshot(d.displayId, d.name.orEmpty(), flags = flagNames(d.flags)) })

    /** The names of `Display.FLAG_*` bits the trace format uses. */
    @JvmStatic
    fun flagNames(flags: Int): List<String> {
        val names = ArrayList<String>(4)
        if (flags and Display.FLAG_PRESENTATION != 0) names.add("presentation")
        names.add(if (flags and Display.FLAG_PRIVATE != 0) "private" else "public")
        if (flags and Display.FLAG_SECURE != 0) names.add("secure")
        if (flags and Display.FLAG_ROUND != 0) names.add("round")
        if (flags and Display.FLAG_SUPPORTS_PROTECTED_BUFFERS != 0) names.add("supports_protected_buffers")
        return names
    }
}
