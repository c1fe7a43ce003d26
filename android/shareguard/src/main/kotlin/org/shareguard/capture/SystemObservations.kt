package org.shareguard.capture

import android.accessibilityservice.AccessibilityServiceInfo
import android.telephony.TelephonyManager
import android.view.accessibility.AccessibilityManager
import org.shareguard.CallState
import org.shareguard.Observation

/** Builds the `accessibility` and `call` observations. */
object SystemObservations {
    /**
     * The enabled accessibility services as package names, each once, [ownPackage] left out.
     * [enabledServiceIds] are `AccessibilityServiceInfo.getId()` values (`package/class`); see
     * [enabledServiceIds].
     */
    @JvmStatic
    fun accessibility(t: Long, enabledServiceIds: List<String>, ownPackage: String): Observation.Accessibility {
        val packages = LinkedHashSet<String>()
        for (id in enabledServiceIds) {
            val pkg = id.substringBefore('/').trim()
            if (pkg.isNotEmpty() && pkg != ownPackage) packages.add(pkg)
        }
        return Observation.Accessibility(t, packages.toList())
    }

    /** The ids of every enabled accessibility service. */
    @JvmStatic
    fun enabledServiceIds(manager: AccessibilityManager): List<String> =
        manager.getEnabledAccessibilityServiceList(AccessibilityServiceInfo.FEEDBACK_ALL_MASK).mapNotNull { it.id }

    /** The `call` observation of a `TelephonyManager.CALL_STATE_*`, or null for an unknown state. */
    @JvmStatic
    @JvmOverloads
    fun call(t: Long, telephonyCallState: Int, knownContact: Boolean? = null): Observation.Call? {
        val state = when (telephonyCallState) {
            TelephonyManager.CALL_STATE_IDLE -> CallState.IDLE
            TelephonyManager.CALL_STATE_RINGING -> CallState.RINGING
            TelephonyManager.CALL_STATE_OFFHOOK -> CallState.OFFHOOK
            else -> return null
        }
        return Observation.Call(t, state, knownContact)
    }
}
