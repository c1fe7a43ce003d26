package org.shareguard.ui

import org.shareguard.Action
import org.shareguard.Decision
import org.shareguard.UserChoice

/** The buttons of the interruption, and the `user` observation each one sends. */
enum class InterruptionChoice(val userChoice: UserChoice) {
    /** 停止共享: help the person stop the share. */
    STOP_SHARING(UserChoice.STOP_SHARING),

    /** 离开: go home. */
    LEAVE(UserChoice.LEAVE),

    /** 拨打96110: open the dialer (it never calls by itself); the person leaves the app for it. */
    CALL_HOTLINE(UserChoice.LEAVE),

    /** 继续: proceed anyway, only after the countdown. */
    CONTINUE(UserChoice.CONTINUE),
}

/**
 * The interruption's state, apart from any view so plain JUnit can test it: what it shows, the
 * countdown before 继续 is enabled, and which choice ends it. Times are milliseconds of one
 * monotonic clock (`SystemClock.uptimeMillis()` on a phone). Use it from one thread (the UI thread).
 *
 * A new interrupting decision while one is shown replaces its texts, and restarts the countdown
 * only if it brings a reason of a kind not shown before (a code arrived, say): a repeated or
 * narrower warning does not keep the person waiting again.
 */
class InterruptionState @JvmOverloads constructor(val countdownMillis: Long = DEFAULT_COUNTDOWN_MILLIS) {
    init {
        require(countdownMillis >= 0) { "the countdown must not be negative" }
    }

    /** The decision shown, or null when the interruption is down. */
    var decision: Decision? = null
        private set

    private var countdownStart = 0L

    val isShowing: Boolean get() = decision != null

    /**
     * Shows [decision] (an [Action.INTERRUPT]) at [nowMillis]. Returns true when the countdown
     * (re)started.
     */
    fun show(decision: Decision, nowMillis: Long): Boolean {
        require(decision.action == Action.INTERRUPT) { "only an interrupting decision is shown" }
        val shown = this.decision
        val restart = shown == null || decision.reasons.any { r -> !shown.hasReason(r.kind) }
        this.decision = decision
        if (restart) countdownStart = nowMillis
        return restart
    }

    /** Takes the interruption down (the engine said `clear`). */
    fun dismiss() {
        decision = null
    }

    /** Whole seconds left before 继续 is enabled (rounded up); 0 once it is. */
    fun remainingSeconds(nowMillis: Long): Int {
        val left = countdownMillis - (nowMillis - countdownStart)
        return if (left <= 0) 0 else ((left + 999) / 1000).toInt()
    }

    /** Whether 继续 is enabled. */
    fun canContinue(nowMillis: Long): Boolean = isShowing && nowMillis - countdownStart >= countdownMillis

    /**
     * The person pressed [choice] at [nowMillis]. Returns the choice when it takes effect (the
     * interruption is then down until the next decision), or null when it is refused: nothing is
     * shown, or 继续 before the countdown ended.
     */
    fun choose(choice: InterruptionChoice, nowMillis: Long): InterruptionChoice? {
        if (!isShowing) return null
        if (choice == InterruptionChoice.CONTINUE && !canContinue(nowMillis)) return null
        decision = null
        return choice
    }

    companion object {
        const val DEFAULT_COUNTDOWN_MILLIS = 5_000L
    }
}
