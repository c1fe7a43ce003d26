package org.shareguard.inapp

import org.shareguard.Decision

/**
 * One screen of the app (an activity) as [InAppGuard] sees it: what it is called and what the
 * guard can do to it. [ActivityScreen] is the framework implementation; tests use fakes.
 * Identity is the object's: one instance per activity.
 */
internal interface GuardedScreen {
    /** The activity's class name (the `class` of the `window` observation). */
    val className: String

    /** Switches the configured [Protection] on or off. */
    fun setProtected(on: Boolean)

    /** Shows or updates the interruption over this screen. */
    fun showInterruption(decision: Decision)

    /** Takes the interruption down (the engine cleared it). */
    fun hideInterruption()

    /** Shows how to stop the exposure, after the person pressed 停止共享. */
    fun showStopSharingHelp(help: StopSharingHelp)

    /** Leaves the sensitive flow, after 离开: finishes the activity. */
    fun leave()

    /** Opens the dialer on the anti-fraud hotline, after 拨打96110 (never calls by itself). */
    fun dialHotline()
}
