package org.shareguard.inapp

import org.json.JSONException
import org.json.JSONObject
import org.shareguard.Action
import org.shareguard.Decision
import org.shareguard.DisplaySnapshot
import org.shareguard.Engine
import org.shareguard.EngineFailureException
import org.shareguard.EngineStatus
import org.shareguard.Observation
import org.shareguard.ShareGuardException
import org.shareguard.TraceClock
import org.shareguard.UserChoice
import org.shareguard.capture.DisplayObservations
import org.shareguard.capture.ObservedDisplay
import org.shareguard.capture.SystemObservations
import org.shareguard.ui.InterruptionChoice

/**
 * Bank mode's logic, apart from the framework so plain JUnit can drive it: the app's screens
 * and signals in, observations to the engine, the engine's decisions out to the screen in
 * front and to the listener, and the protection of marked screens while the engine says the
 * screen is exposed. It decides nothing itself: interrupt, clear and exposed are the engine's.
 *
 * - A screen coming to the front is a `window` observation with the app's package, the
 *   activity class and, when marked, `marked`; a mark set or cleared on the screen in front is
 *   a `content` observation. A moment's mark ([mark]) wins over the activity's.
 * - Signals (recording, displays, accessibility services, call state) are observations too;
 *   repeats of the same value are not sent again.
 * - While the engine's interruption is up it is shown over whichever screen is in front.
 * - A failing engine is reported to the listener and protects marked screens until it answers.
 *
 * Not thread-safe: [ShareGuardSession] calls it on the main thread only. [isExposed] and
 * [currentDecision] may be read from any thread.
 */
internal class InAppGuard(
    private val engine: Engine,
    private val packageName: String,
    private val config: ShareGuardConfig,
    private val clock: TraceClock,
) {
    private val listener: ShareGuardListener = config.listener ?: object : ShareGuardListener {}

    /** What the guard knows of one screen. */
    private class ScreenState {
        /** A moment's mark ([mark]); wins over the activity's. */
        var momentMark: Marking? = null
        var isProtected = false
    }

    private val screens = LinkedHashMap<GuardedScreen, ScreenState>()
    private var front: GuardedScreen? = null
    private var recordingVisible = false
    private var lastAccessibility: List<String>? = null
    private var lastDisplays: List<DisplaySnapshot>? = null
    private var lastRiskyApps: List<RiskyApp>? = null
    private var engineFailed = false
    private var closed = false

    /** The engine says something exposes the screen (shared, recorded, remote-controlled, cast). */
    @Volatile
    var isExposed: Boolean = false
        private set

    /** The engine's interruption that is up, or null. */
    @Volatile
    var currentDecision: Decision? = null
        private set

    /** The marking of [screen]: its moment's, else its activity's, else null. */
    fun markingOf(screen: GuardedScreen): Marking? =
        screens[screen]?.momentMark ?: config.markingOf(screen.className)

    // ------------------------------------------------------------------ screens

    /** [screen] came to the front (the activity resumed). */
    fun screenResumed(screen: GuardedScreen) {
        if (closed) return
        screens.getOrPut(screen, ::ScreenState)
        front = screen
        val shown = currentDecision
        if (shown != null && config.showInterruption) screen.showInterruption(shown)
        observe(Observation.Window(clock.now(), packageName, screen.className, marked = markingOf(screen)?.wireName))
    }

    /** [screen] left the front (the activity paused). Nothing is observed: another screen follows. */
    fun screenPaused(screen: GuardedScreen) {
        if (front === screen) front = null
    }

    /** [screen] is gone for good (the activity was destroyed). */
    fun screenDestroyed(screen: GuardedScreen) {
        if (front === screen) front = null
        screens.remove(screen)
    }

    /** A moment of [screen] is sensitive as [marking] (OTP entry in a dialog, say), until [clearMark]. */
    fun mark(screen: GuardedScreen, marking: Marking) {
        if (closed) return
        val state = screens.getOrPut(screen, ::ScreenState)
        if (state.momentMark == marking) return
        state.momentMark = marking
        screenContentChanged(screen)
    }

    /** The moment is over: [screen] is back to its activity's marking. */
    fun clearMark(screen: GuardedScreen) {
        if (closed) return
        val state = screens[screen] ?: return
        if (state.momentMark == null) return
        state.momentMark = null
        screenContentChanged(screen)
    }

    private fun screenContentChanged(screen: GuardedScreen) {
        if (front === screen) {
            observe(Observation.Content(clock.now(), packageName, screen.className, marked = markingOf(screen)?.wireName))
        } else {
            refreshProtection()
        }
    }

    // ------------------------------------------------------------------ signals

    /** Android 15's recording callback: the app's windows are (not) visible in a recording or share. */
    fun recordingChanged(visible: Boolean) {
        if (closed || visible == recordingVisible) return
        recordingVisible = visible
        observe(Observation.Recording(clock.now(), visible))
    }

    /** No activity of the app is started any more: none of its windows can be in a recording. */
    fun appInBackground() = recordingChanged(false)

    /** The displays now (DisplayManager). */
    fun displaysChanged(displays: List<ObservedDisplay>) {
        if (closed) return
        val observation = DisplayObservations.snapshot(clock.now(), displays)
        if (observation.displays == lastDisplays) return
        lastDisplays = observation.displays
        observe(observation)
    }

    /** The enabled accessibility services now, as `package/class` ids. */
    fun accessibilityServicesChanged(serviceIds: List<String>) {
        if (closed) return
        val observation = SystemObservations.accessibility(clock.now(), serviceIds, packageName)
        if (observation.enabled == lastAccessibility) return
        lastAccessibility = observation.enabled
        observe(observation)
    }

    /** The telephony call state (`TelephonyManager.CALL_STATE_*`); whether the caller is a contact is unknown. */
    fun callStateChanged(telephonyCallState: Int) {
        if (closed) return
        SystemObservations.call(clock.now(), telephonyCallState)?.let(::observe)
    }

    /** Android 14's screenshot callback on [screen]: information for the listener, not an exposure. */
    fun screenshotTaken(screen: GuardedScreen) {
        if (closed) return
        listener.onScreenshot(screen.className, markingOf(screen))
    }

    /** The installed remote-control and screen-sharing apps; the listener hears of changes. */
    fun riskyAppsFound(apps: List<RiskyApp>) {
        if (closed || apps == lastRiskyApps) return
        lastRiskyApps = apps
        listener.onRiskyApps(apps)
    }

    // ------------------------------------------------------------------ the person's choice

    /**
     * The person pressed [choice] on the built-in interruption (which has hidden itself): the
     * engine hears it as a `user` observation, then the screen in front acts on it.
     */
    fun interruptionChoice(choice: InterruptionChoice) {
        if (closed) return
        val shown = currentDecision
        userChoice(choice.userChoice)
        val screen = front ?: return
        when (choice) {
            InterruptionChoice.STOP_SHARING -> screen.showStopSharingHelp(StopSharingHelp.forDecision(shown, config.locale))
            InterruptionChoice.LEAVE -> screen.leave()
            InterruptionChoice.CALL_HOTLINE -> screen.dialHotline()
            InterruptionChoice.CONTINUE -> {}
        }
    }

    /** The person's choice, from the built-in interruption or the app's own UI. */
    fun userChoice(choice: UserChoice) {
        if (closed) return
        val wasShown = currentDecision != null
        currentDecision = null
        listener.onUserChoice(choice)
        val cleared = observe(Observation.User(clock.now(), choice))
        // The engine had nothing up (it failed, say): the interruption still comes down.
        if (wasShown && !cleared && config.showInterruption) front?.hideInterruption()
    }

    // ------------------------------------------------------------------ the engine

    /** Observes [observation]; true when the engine cleared the interruption. */
    private fun observe(observation: Observation): Boolean {
        val decision = try {
            val d = engine.observe(observation)
            isExposed = exposed(engine.status())
            engineFailed = false
            d
        } catch (e: ShareGuardException) {
            engineFailed = true
            refreshProtection()
            listener.onEngineFailure(e)
            return false
        }
        refreshProtection()
        return decision != null && apply(decision)
    }

    /** Shows or takes down the interruption; true for a clear. */
    private fun apply(decision: Decision): Boolean = when (decision.action) {
        Action.INTERRUPT -> {
            currentDecision = decision
            if (config.showInterruption) front?.showInterruption(decision)
            listener.onInterrupt(decision)
            false
        }
        Action.CLEAR -> {
            currentDecision = null
            if (config.showInterruption) front?.hideInterruption()
            listener.onClear(decision)
            true
        }
    }

    /** Marked screens are protected while exposed, or while the engine fails. */
    private fun refreshProtection() {
        val exposed = isExposed || engineFailed
        for ((screen, state) in screens) {
            val want = config.protection != Protection.NONE && exposed && markingOf(screen) != null
            if (want != state.isProtected) {
                state.isProtected = want
                screen.setProtected(want)
            }
        }
    }

    /** Ends the guard: protections off, the interruption down. The engine is the caller's to close. */
    fun close() {
        if (closed) return
        closed = true
        if (currentDecision != null && config.showInterruption) front?.hideInterruption()
        currentDecision = null
        for ((screen, state) in screens) {
            if (state.isProtected) screen.setProtected(false)
        }
        screens.clear()
        front = null
    }

    private companion object {
        /** Whether the engine's status lists an exposure. */
        fun exposed(status: EngineStatus): Boolean = try {
            JSONObject(status.json).getJSONArray("exposures").length() > 0
        } catch (e: JSONException) {
            throw EngineFailureException("the engine's status has no exposures this library can read", e)
        }
    }
}
