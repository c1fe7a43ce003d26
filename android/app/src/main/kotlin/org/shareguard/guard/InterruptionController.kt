package org.shareguard.guard

import org.shareguard.Action
import org.shareguard.Decision
import org.shareguard.UserChoice
import org.shareguard.ui.InterruptionChoice

/** The interruption's window, behind an interface so plain JUnit can drive the controller. */
interface InterruptionOverlay {
    /** The window is on screen (false again if the system took it away). */
    val isAttached: Boolean

    /** Adds the window. May throw if the system refuses it. */
    fun attach()

    /** Shows or updates [decision] in the window. */
    fun show(decision: Decision)

    /** Hides what the window shows. */
    fun hide()

    /** Removes the window. */
    fun detach()

    /** Lays the window out again (the screen rotated or its size changed). */
    fun relayout()
}

/** What the buttons do besides telling the engine. */
interface GuardActions {
    /**
     * 停止共享. There is no public API that stops another app's share or opens the status bar
     * chip's stop dialog; the guard opens the notification shade, where the sharing app's (or the
     * system's) notification has its stop button.
     */
    fun stopSharing()

    /** 离开: go to the home screen. */
    fun goHome()

    /** 拨打96110: open the dialer on the hotline; it never calls by itself. */
    fun dialHotline()
}

/** One interruption as the history keeps it: when, why, over which app. */
data class InterruptionRecord(val atMillis: Long, val reasons: List<String>, val app: String?)

/**
 * The interruption's state on the main thread: the engine's decisions raise, update and take
 * down [overlay]; the person's choice goes to [sendChoice] (the engine, as a `user` observation)
 * and to [actions]. It stays up until the engine says `clear` or the person chooses: the back key
 * is consumed, a rotation lays it out again, and after the screen turns off and on it is put back
 * if the system took the window away. Each time it goes up, [record] gets the time, the reasons
 * and the app (nothing else).
 */
class InterruptionController(
    private val overlay: InterruptionOverlay,
    private val actions: GuardActions,
    private val sendChoice: (UserChoice) -> Unit,
    private val record: (InterruptionRecord) -> Unit,
    private val wallClock: () -> Long,
    private val log: GuardLog = GuardLog {},
) {
    /** The decision shown, or null. */
    var shown: Decision? = null
        private set

    val isShowing: Boolean get() = shown != null

    /** A decision whose window was refused, to try again when the screen comes on. */
    private var refused: Decision? = null

    /** A decision of the engine (or the monitor's failure warning). */
    fun onDecision(decision: Decision, app: String?) {
        when (decision.action) {
            Action.INTERRUPT -> {
                val raised = shown == null
                if (!put(decision)) return
                if (raised) record(InterruptionRecord(wallClock(), decision.reasons.map { it.toString() }, app))
            }
            Action.CLEAR -> takeDown()
        }
    }

    /** The person pressed a button and the view accepted it (继续 only after the countdown). */
    fun onChoice(choice: InterruptionChoice) {
        if (shown == null) return
        takeDown()
        sendChoice(choice.userChoice)
        when (choice) {
            InterruptionChoice.STOP_SHARING -> actions.stopSharing()
            InterruptionChoice.LEAVE -> actions.goHome()
            InterruptionChoice.CALL_HOTLINE -> actions.dialHotline()
            InterruptionChoice.CONTINUE -> Unit
        }
    }

    /** The back key: consumed (nothing happens) while the interruption is up. */
    fun onBackKey(): Boolean = isShowing

    /** The configuration changed (rotation, size, density): the window is laid out again. */
    fun onConfigurationChanged() {
        if (isShowing && overlay.isAttached) overlay.relayout()
    }

    /** The screen turned on: the interruption is put back if its window went away meanwhile. */
    fun onScreenOn() {
        val decision = shown ?: refused ?: return
        if (!overlay.isAttached) put(decision)
    }

    /** Removes the window for good (the service is going away). */
    fun close() {
        takeDown()
    }

    private fun put(decision: Decision): Boolean {
        try {
            if (!overlay.isAttached) overlay.attach()
            overlay.show(decision)
        } catch (e: RuntimeException) {
            log.log("the interruption window was refused: ${e.javaClass.simpleName}")
            // Kept, so the screen coming on (or the next decision) tries again.
            refused = decision
            return false
        }
        refused = null
        shown = decision
        return true
    }

    private fun takeDown() {
        refused = null
        if (shown == null && !overlay.isAttached) return
        shown = null
        overlay.hide()
        if (overlay.isAttached) overlay.detach()
    }
}
