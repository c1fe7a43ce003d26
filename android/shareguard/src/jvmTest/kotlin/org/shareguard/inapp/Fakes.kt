package org.shareguard.inapp

import org.shareguard.Decision
import org.shareguard.ShareGuardException
import org.shareguard.UserChoice
import org.shareguard.capture.ObservedDisplay

/** A screen that records what the guard did to it. */
internal class FakeScreen(override val className: String) : GuardedScreen {
    var isProtected = false
        private set
    var protectionChanges = 0
    var shown: Decision? = null
    var showCalls = 0
    var help: StopSharingHelp? = null
    var left = false
    var dialed = false

    override fun setProtected(on: Boolean) {
        check(on != isProtected) { "protection set to what it already was" }
        isProtected = on
        protectionChanges++
    }

    override fun showInterruption(decision: Decision) {
        shown = decision
        showCalls++
    }

    override fun hideInterruption() {
        shown = null
    }

    override fun showStopSharingHelp(help: StopSharingHelp) {
        this.help = help
    }

    override fun leave() {
        left = true
    }

    override fun dialHotline() {
        dialed = true
    }
}

/** A listener that records every call. */
internal class EventLog : ShareGuardListener {
    val interrupts = mutableListOf<Decision>()
    val clears = mutableListOf<Decision>()
    val choices = mutableListOf<UserChoice>()
    val screenshots = mutableListOf<Pair<String, Marking?>>()
    val riskyApps = mutableListOf<List<RiskyApp>>()
    val failures = mutableListOf<ShareGuardException>()

    override fun onInterrupt(decision: Decision) {
        interrupts.add(decision)
    }

    override fun onClear(decision: Decision) {
        clears.add(decision)
    }

    override fun onUserChoice(choice: UserChoice) {
        choices.add(choice)
    }

    override fun onScreenshot(activityClassName: String, marking: Marking?) {
        screenshots.add(activityClassName to marking)
    }

    override fun onRiskyApps(apps: List<RiskyApp>) {
        riskyApps.add(apps)
    }

    override fun onEngineFailure(error: ShareGuardException) {
        failures.add(error)
    }
}

/** A display of the DisplayManager. */
internal data class FakeDisplay(override val displayId: Int, override val name: String?, override val flags: Int) : ObservedDisplay

/** The reasons of [decision] in the spec's form (`kind` or `kind:detail`). */
internal fun reasonNames(decision: Decision): List<String> = decision.reasons.map { it.toString() }
