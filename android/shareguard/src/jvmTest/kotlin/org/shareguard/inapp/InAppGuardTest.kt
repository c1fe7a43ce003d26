package org.shareguard.inapp

import android.telephony.TelephonyManager
import android.view.Display
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.shareguard.Action
import org.shareguard.AppCategory
import org.shareguard.Engine
import org.shareguard.EngineClosedException
import org.shareguard.ReasonKind
import org.shareguard.TraceClock
import org.shareguard.UserChoice
import org.shareguard.ui.InterruptionChoice

/**
 * The install logic with fake screens and signals, against the real engine through JNI: the
 * engine decides, the guard observes, shows, protects and tells the listener.
 */
class InAppGuardTest {
    private var now = 5_000L
    private val clock = TraceClock { now }
    private val engine = Engine("en")
    private val events = EventLog()

    private val home = FakeScreen("$BANK.HomeActivity")
    private val transfer = FakeScreen("$BANK.TransferActivity")
    private val confirm = FakeScreen("$BANK.TransferConfirmActivity")
    private val loan = FakeScreen("$BANK.LoanActivity")

    @AfterEach
    fun closeEngine() = engine.close()

    private fun guard(configure: ShareGuardConfig.Builder.() -> Unit = {}): InAppGuard {
        val builder = ShareGuardConfig.builder()
            .markActivity(transfer.className, Marking.TRANSFER)
            .markActivity(confirm.className, Marking.TRANSFER)
            .markActivity(loan.className, Marking.LOAN_DRAWDOWN)
            .listener(events)
        builder.configure()
        return InAppGuard(engine, BANK, builder.build(), clock)
    }

    /** Moves the clock on, then runs [step]. */
    private fun later(step: () -> Unit) {
        now += 1_000
        step()
    }

    private fun observations(): Long = engine.status().observations

    @Test
    fun aMarkedTransferScreenInARecordingInterruptsAndTheListenerGetsTheReasons() {
        val g = guard()
        g.screenResumed(transfer)
        assertTrue(events.interrupts.isEmpty(), "a marked screen alone is silent")
        later { g.recordingChanged(true) }

        val d = events.interrupts.single()
        assertEquals(Action.INTERRUPT, d.action)
        assertEquals(listOf("screen_recording:recording_callback", "banking_app:transfer"), reasonNames(d))
        assertTrue(d.title!!.isNotBlank() && d.message!!.contains("96110"), "the engine's warning is shown")
        assertSame(d, transfer.shown)
        assertSame(d, g.currentDecision)
        assertTrue(g.isExposed)

        later { g.recordingChanged(false) }
        val cleared = events.clears.single()
        assertEquals(Action.CLEAR, cleared.action)
        assertNull(transfer.shown, "exposure over: the interruption is down")
        assertNull(g.currentDecision)
        assertFalse(g.isExposed)
    }

    @Test
    fun unmarkedScreensStaySilentOnAnExposedScreen() {
        val g = guard { protection(Protection.FLAG_SECURE) }
        g.screenResumed(home)
        later { g.recordingChanged(true) }
        later { g.accessibilityServicesChanged(listOf(TEAMVIEWER_SERVICE)) }
        later { g.displaysChanged(listOf(MAIN_DISPLAY, FakeDisplay(2, "HDMI", Display.FLAG_PRESENTATION))) }
        later { g.callStateChanged(TelephonyManager.CALL_STATE_OFFHOOK) }
        assertTrue(g.isExposed, "the engine knows the screen is exposed")
        assertTrue(events.interrupts.isEmpty(), "but nothing sensitive is on it")
        assertEquals(0, home.showCalls)
        assertFalse(home.isProtected, "unmarked screens are never protected")

        // The same exposure reaches a marked screen: now it interrupts, with every exposure.
        later { g.screenPaused(home) }
        g.screenResumed(transfer)
        val d = events.interrupts.single()
        val kinds = d.reasons.map { it.kind }.toSet()
        assertEquals(
            setOf(ReasonKind.SCREEN_RECORDING, ReasonKind.REMOTE_CONTROL, ReasonKind.SCREEN_SHARE, ReasonKind.BANKING_APP, ReasonKind.CALL_UNKNOWN),
            kinds,
        )
        assertTrue(transfer.isProtected)
    }

    @Test
    fun anOtpMomentWithARemoteControlServiceInterruptsAndTalkBackDoesNot() {
        val g = guard()
        g.screenResumed(home)
        later { g.accessibilityServicesChanged(listOf(TALKBACK_SERVICE, "$BANK/.OwnService")) }
        later { g.mark(home, Marking.OTP_ENTRY) }
        assertTrue(events.interrupts.isEmpty(), "TalkBack is not remote control")
        assertFalse(g.isExposed)

        later { g.accessibilityServicesChanged(listOf(TALKBACK_SERVICE, TEAMVIEWER_SERVICE)) }
        val d = events.interrupts.single()
        assertEquals(listOf("remote_control:accessibility_service", "otp:entry"), reasonNames(d))
        assertSame(d, home.shown)

        // The moment ends; the interruption stays until the exposure ends or the person chooses.
        later { g.clearMark(home) }
        assertSame(d, home.shown)
        later { g.accessibilityServicesChanged(listOf(TALKBACK_SERVICE)) }
        assertEquals(reasonNames(d), reasonNames(events.clears.single()), "the clear carries the reasons it takes down")
        assertNull(home.shown)
    }

    @Test
    fun aLoanDrawdownOnAnExtraDisplayInterruptsAndClearsWhenTheDisplayGoes() {
        val g = guard()
        later { g.displaysChanged(listOf(MAIN_DISPLAY)) }
        g.screenResumed(loan)
        assertTrue(events.interrupts.isEmpty())
        later { g.displaysChanged(listOf(MAIN_DISPLAY, FakeDisplay(7, "Living room TV", Display.FLAG_PRESENTATION))) }
        val d = events.interrupts.single()
        assertEquals(setOf(ReasonKind.SCREEN_SHARE, ReasonKind.LENDING_APP), d.reasons.map { it.kind }.toSet())
        assertTrue("lending_app:loan_drawdown" in reasonNames(d), reasonNames(d).toString())
        assertSame(d, loan.shown)

        later { g.displaysChanged(listOf(MAIN_DISPLAY)) }
        assertEquals(1, events.clears.size)
        assertNull(loan.shown)
        assertFalse(g.isExposed)
    }

    @Test
    fun protectionIsOnForMarkedScreensWhileTheExposureLasts() {
        val g = guard { protection(Protection.FLAG_SECURE) }
        g.screenResumed(home)
        later { g.screenPaused(home) }
        g.screenResumed(transfer)
        assertFalse(transfer.isProtected, "not exposed: left as the app made it")

        later { g.recordingChanged(true) }
        assertTrue(transfer.isProtected)
        assertFalse(home.isProtected)

        // The person continues: still exposed, still protected.
        later { g.interruptionChoice(InterruptionChoice.CONTINUE) }
        assertTrue(g.isExposed)
        assertTrue(transfer.isProtected)

        // A moment marked on the home screen protects it too, and clearing the mark unprotects it.
        later { g.screenPaused(transfer) }
        g.screenResumed(home)
        assertTrue(transfer.isProtected, "a marked screen in the back stack stays protected (recents thumbnail)")
        later { g.mark(home, Marking.ACCOUNT) }
        assertTrue(home.isProtected)
        later { g.clearMark(home) }
        assertFalse(home.isProtected)

        later { g.recordingChanged(false) }
        assertFalse(transfer.isProtected, "exposure over: protection off")
        assertEquals(2, transfer.protectionChanges)
    }

    @Test
    fun withoutProtectionConfiguredNothingIsToggled() {
        val g = guard()
        g.screenResumed(transfer)
        later { g.recordingChanged(true) }
        assertEquals(1, events.interrupts.size)
        assertEquals(0, transfer.protectionChanges)
    }

    @Test
    fun theUsersChoiceReachesTheEngineAndANewMarkedKindInterruptsAgain() {
        val g = guard()
        g.screenResumed(transfer)
        later { g.recordingChanged(true) }
        assertTrue(engine.status().interrupting)

        later { g.interruptionChoice(InterruptionChoice.CONTINUE) }
        assertEquals(listOf(UserChoice.CONTINUE), events.choices)
        val cleared = events.clears.single()
        assertEquals(setOf(ReasonKind.SCREEN_RECORDING, ReasonKind.BANKING_APP), cleared.reasons.map { it.kind }.toSet())
        assertFalse(engine.status().interrupting, "the engine heard the choice")
        assertNull(g.currentDecision)

        // The same transfer screen again: the person chose to go on, quiet.
        later { g.screenPaused(transfer) }
        g.screenResumed(confirm)
        assertEquals(1, events.interrupts.size)

        // A new kind of sensitive moment (a code to enter) is new evidence.
        later { g.mark(confirm, Marking.OTP_ENTRY) }
        val again = events.interrupts.last()
        assertEquals(2, events.interrupts.size)
        assertEquals(listOf("screen_recording:recording_callback", "otp:entry"), reasonNames(again))
        assertSame(again, confirm.shown)
    }

    @Test
    fun leaveFinishesTheFlowAndTheEngineInterruptsAgainOnTheNextMarkedScreen() {
        val g = guard()
        g.screenResumed(confirm)
        later { g.recordingChanged(true) }
        later { g.interruptionChoice(InterruptionChoice.LEAVE) }
        assertTrue(confirm.left)
        assertEquals(listOf(UserChoice.LEAVE), events.choices)
        assertEquals(1, events.clears.size)

        // Back on the previous, also marked, screen while still recorded: leave is no consent.
        later { g.screenPaused(confirm) }
        g.screenDestroyed(confirm)
        g.screenResumed(transfer)
        assertEquals(2, events.interrupts.size)
        assertSame(events.interrupts.last(), transfer.shown)
    }

    @Test
    fun theHotlineOpensTheDialerAndCountsAsLeaving() {
        val g = guard()
        g.screenResumed(transfer)
        later { g.recordingChanged(true) }
        later { g.interruptionChoice(InterruptionChoice.CALL_HOTLINE) }
        assertTrue(transfer.dialed)
        assertFalse(transfer.left)
        assertEquals(listOf(UserChoice.LEAVE), events.choices)
        assertFalse(engine.status().interrupting)
    }

    @Test
    fun stopSharingShowsHelpForTheExposureTheEngineFound() {
        val g = guard()
        g.screenResumed(transfer)
        later { g.accessibilityServicesChanged(listOf(ANYDESK_SERVICE)) }
        later { g.interruptionChoice(InterruptionChoice.STOP_SHARING) }
        val help = checkNotNull(transfer.help) { "no help shown" }
        assertEquals(StopSharingHelp.Exposure.REMOTE_CONTROL, help.exposure)
        assertEquals("android.settings.ACCESSIBILITY_SETTINGS", help.settingsAction)
        assertEquals(listOf(UserChoice.STOP_SHARING), events.choices)
        assertFalse(engine.status().interrupting)
    }

    @Test
    fun theInterruptionFollowsTheScreenInFrontUntilTheEngineClearsIt() {
        val g = guard()
        g.screenResumed(transfer)
        later { g.recordingChanged(true) }
        val d = events.interrupts.single()

        later { g.screenPaused(transfer) }
        g.screenResumed(confirm)
        assertSame(d, confirm.shown, "still up: shown over the next screen")
        assertEquals(1, events.interrupts.size, "no new decision for the same reasons")

        later { g.screenPaused(confirm) }
        g.screenResumed(home)
        assertSame(d, home.shown, "up until the engine clears it, even over an unmarked screen")
        later { g.appInBackground() }
        assertNull(home.shown, "the app left the screen: its windows are no longer recorded")
        assertEquals(1, events.clears.size)
    }

    @Test
    fun withoutTheBuiltInInterruptionTheAppHearsTheDecisionAndReportsTheChoice() {
        val g = guard { showInterruption(false) }
        g.screenResumed(transfer)
        later { g.recordingChanged(true) }
        assertEquals(1, events.interrupts.size)
        assertEquals(0, transfer.showCalls)

        later { g.userChoice(UserChoice.STOP_SHARING) }
        assertEquals(listOf(UserChoice.STOP_SHARING), events.choices)
        assertEquals(1, events.clears.size)
        assertFalse(engine.status().interrupting)
        assertNull(transfer.help, "the app's own UI helps the person")
    }

    @Test
    fun aFailingEngineIsReportedAndMarkedScreensAreProtected() {
        val g = guard { protection(Protection.CONTENT_SENSITIVITY) }
        g.screenResumed(home)
        later { g.screenPaused(home) }
        g.screenResumed(transfer)
        assertFalse(transfer.isProtected)
        engine.close()
        later { g.recordingChanged(true) }
        assertTrue(events.failures.single() is EngineClosedException)
        assertTrue(transfer.isProtected, "fail toward protecting the person")
        assertFalse(home.isProtected)
    }

    @Test
    fun aScreenshotIsInformationForTheListenerNotAnExposure() {
        val g = guard()
        g.screenResumed(transfer)
        val before = observations()
        g.screenshotTaken(transfer)
        g.screenshotTaken(home)
        assertEquals(listOf(transfer.className to Marking.TRANSFER, home.className to null), events.screenshots)
        assertEquals(before, observations(), "nothing observed")
        assertFalse(g.isExposed)
        assertTrue(events.interrupts.isEmpty())
    }

    @Test
    fun repeatedSignalsAreObservedOnce() {
        val g = guard()
        val before = observations()
        g.accessibilityServicesChanged(listOf(TALKBACK_SERVICE))
        g.accessibilityServicesChanged(listOf(TALKBACK_SERVICE, "com.google.android.marvin.talkback/.Other"))
        g.displaysChanged(listOf(MAIN_DISPLAY))
        g.displaysChanged(listOf(MAIN_DISPLAY))
        g.recordingChanged(false)
        g.appInBackground()
        assertEquals(before + 2, observations())
    }

    @Test
    fun riskyAppsAreTheEnginesRemoteControlAndScreenSharingApps() {
        val found = RiskyApps.find(
            engine,
            listOf("com.icbc", "com.teamviewer.quicksupport.market", "org.example.notes", "us.zoom.videomeetings", "com.anydeskx"),
        )
        assertEquals(
            listOf(
                RiskyApp("com.teamviewer.quicksupport.market", AppCategory.REMOTE_CONTROL),
                RiskyApp("us.zoom.videomeetings", AppCategory.SCREEN_SHARE),
            ),
            found,
        )
        val g = guard()
        g.riskyAppsFound(found)
        g.riskyAppsFound(found.toList())
        g.riskyAppsFound(emptyList())
        assertEquals(listOf(found, emptyList()), events.riskyApps, "the listener hears changes only")
    }

    @Test
    fun rulesOverridesDecideWhatIsRisky() {
        Engine("en", """{"version":1,"mode":"extend","apps":{"remote_control":["org.example.remote"]}}""").use { custom ->
            assertEquals(
                listOf(RiskyApp("org.example.remote", AppCategory.REMOTE_CONTROL)),
                RiskyApps.find(custom, listOf("org.example.remote", "org.example.notes")),
            )
        }
    }

    @Test
    fun closingTakesTheInterruptionAndTheProtectionsDownAndIgnoresLaterSignals() {
        val g = guard { protection(Protection.FLAG_SECURE) }
        g.screenResumed(transfer)
        later { g.recordingChanged(true) }
        assertTrue(transfer.isProtected)
        g.close()
        assertNull(transfer.shown)
        assertFalse(transfer.isProtected)
        val before = observations()
        later { g.recordingChanged(false) }
        g.screenResumed(confirm)
        assertEquals(before, observations())
        assertEquals(0, confirm.showCalls)
    }

    companion object {
        const val BANK = "org.example.bank"
        const val TALKBACK_SERVICE = "com.google.android.marvin.talkback/com.google.android.marvin.talkback.TalkBackService"
        const val TEAMVIEWER_SERVICE = "com.teamviewer.quicksupport.market/com.teamviewer.quicksupport.ui.QSAccessibilityService"
        const val ANYDESK_SERVICE = "com.anydesk.anydeskandroid/.AccessibilityService"
        internal val MAIN_DISPLAY = FakeDisplay(Display.DEFAULT_DISPLAY, "Built-in screen", 0)
    }
}
