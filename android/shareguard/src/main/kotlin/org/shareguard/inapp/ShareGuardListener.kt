package org.shareguard.inapp

import org.shareguard.AppCategory
import org.shareguard.Decision
import org.shareguard.ShareGuardException
import org.shareguard.UserChoice

/**
 * What the app hears from ShareGuard, on the main thread. Every method has an empty default:
 * implement only what the app's risk system needs (from Java too).
 *
 * A typical bank holds a transaction between [onInterrupt] and [onClear] or [onUserChoice].
 */
interface ShareGuardListener {
    /**
     * The engine decided to interrupt: a marked screen (or an app screen the rules find
     * sensitive) is exposed. [Decision.reasons] says why, e.g. `screen_recording:recording_callback`
     * and `banking_app:transfer`. Called again with the full reasons when new ones appear.
     */
    fun onInterrupt(decision: Decision) {}

    /** The interruption is over: the exposure ended, or the person chose (see [onUserChoice]). */
    fun onClear(decision: Decision) {}

    /**
     * The person chose on the interruption (or the app reported a choice from its own UI).
     * [UserChoice.LEAVE] covers both 离开 and 拨打96110.
     */
    fun onUserChoice(choice: UserChoice) {}

    /**
     * Android 14+: the person took a screenshot of [activityClassName], marked as [marking]
     * (null: unmarked). Information only: a screenshot is ordinary and never interrupts.
     */
    fun onScreenshot(activityClassName: String, marking: Marking?) {}

    /**
     * Installed remote-control and screen-sharing apps, as the engine's rules categorise them
     * (context for a risk decision: having them installed is not an exposure). Called after
     * install and when the list changes; an empty list when none is installed.
     */
    fun onRiskyApps(apps: List<RiskyApp>) {}

    /**
     * The engine failed (it cannot say what it would have decided). The library fails toward
     * protecting the person: marked screens get the configured [Protection] until the engine
     * answers again. A cautious risk system treats this as an exposure.
     */
    fun onEngineFailure(error: ShareGuardException) {}
}

/** An installed app the engine's rules put in [category] (remote control or screen sharing). */
data class RiskyApp(val packageName: String, val category: AppCategory)
