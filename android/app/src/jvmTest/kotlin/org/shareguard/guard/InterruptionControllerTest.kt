package org.shareguard.guard

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.shareguard.UserChoice
import org.shareguard.ui.InterruptionChoice

class InterruptionControllerTest {
    private val overlay = FakeOverlay()
    private val actions = FakeActions()
    private val sent = ArrayList<UserChoice>()
    private val records = ArrayList<InterruptionRecord>()
    private var wall = 1_700_000_000_000L
    private val controller = InterruptionController(overlay, actions, sent::add, records::add, { wall })

    @Test
    fun anInterruptionGoesUpAndIsRecordedOnce() {
        controller.onDecision(interrupt(10, SHARE, BANKING), "com.example.bank")
        assertTrue(controller.isShowing)
        assertTrue(overlay.isAttached)
        assertEquals(listOf("attach", "show"), overlay.calls)
        assertEquals(listOf(InterruptionRecord(wall, listOf("screen_share:status_bar", "banking_app"), "com.example.bank")), records)
    }

    @Test
    fun aNewDecisionWhileUpUpdatesTheSameWindow() {
        controller.onDecision(interrupt(10, SHARE, BANKING), "com.example.bank")
        val update = interrupt(20, SHARE, OTP, title = "对方能看到您的验证码")
        wall += 5_000
        controller.onDecision(update, "com.example.bank")
        assertEquals(listOf("attach", "show", "show"), overlay.calls)
        assertEquals(update, overlay.showing)
        assertEquals(update, controller.shown)
        assertEquals(1, records.size, "an update is the same interruption")
    }

    @Test
    fun clearTakesItDown() {
        controller.onDecision(interrupt(10, SHARE, BANKING), null)
        controller.onDecision(clear(20), null)
        assertFalse(controller.isShowing)
        assertFalse(overlay.isAttached)
        assertEquals(listOf("attach", "show", "hide", "detach"), overlay.calls)
        controller.onDecision(clear(30), null)
        assertEquals(4, overlay.calls.size, "a clear with nothing up does nothing")
    }

    @Test
    fun eachChoiceGoesToTheEngineAndDoesItsAction() {
        val expected = mapOf(
            InterruptionChoice.STOP_SHARING to (UserChoice.STOP_SHARING to listOf("stop_sharing")),
            InterruptionChoice.LEAVE to (UserChoice.LEAVE to listOf("home")),
            InterruptionChoice.CALL_HOTLINE to (UserChoice.LEAVE to listOf("dial")),
            InterruptionChoice.CONTINUE to (UserChoice.CONTINUE to emptyList()),
        )
        for ((choice, outcome) in expected) {
            sent.clear()
            actions.done.clear()
            controller.onDecision(interrupt(10, SHARE, OTP), null)
            controller.onChoice(choice)
            assertEquals(listOf(outcome.first), sent, "$choice")
            assertEquals(outcome.second, actions.done, "$choice")
            assertFalse(controller.isShowing)
            assertFalse(overlay.isAttached, "the window is removed after $choice")
        }
    }

    @Test
    fun aChoiceWithNothingUpIsIgnored() {
        controller.onChoice(InterruptionChoice.CONTINUE)
        assertTrue(sent.isEmpty())
        assertTrue(actions.done.isEmpty())
    }

    @Test
    fun theBackKeyIsConsumedAndChangesNothing() {
        assertFalse(controller.onBackKey(), "nothing up: back goes on to the app")
        controller.onDecision(interrupt(10, SHARE, BANKING), null)
        repeat(3) { assertTrue(controller.onBackKey()) }
        assertTrue(controller.isShowing)
        assertTrue(overlay.isAttached)
        assertTrue(sent.isEmpty(), "back is not a choice")
        assertEquals(listOf("attach", "show"), overlay.calls)
    }

    @Test
    fun aRotationLaysTheWindowOutAgain() {
        controller.onConfigurationChanged()
        assertTrue(overlay.calls.isEmpty())
        controller.onDecision(interrupt(10, SHARE, BANKING), null)
        controller.onConfigurationChanged()
        assertEquals(listOf("attach", "show", "relayout"), overlay.calls)
        assertTrue(controller.isShowing)
    }

    @Test
    fun afterTheScreenTurnsOnTheInterruptionIsPutBackIfItsWindowWentAway() {
        val decision = interrupt(10, SHARE, OTP)
        controller.onDecision(decision, null)
        controller.onScreenOn()
        assertEquals(listOf("attach", "show"), overlay.calls, "still attached: nothing to do")
        overlay.isAttached = false // the system took the window away while the screen was off
        controller.onScreenOn()
        assertEquals(listOf("attach", "show", "attach", "show"), overlay.calls)
        assertEquals(decision, overlay.showing)
        assertEquals(1, records.size)
    }

    @Test
    fun aRefusedWindowLeavesNothingUpAndNothingRecorded() {
        overlay.refuse = true
        controller.onDecision(interrupt(10, SHARE, BANKING), null)
        assertFalse(controller.isShowing)
        assertTrue(records.isEmpty())
        overlay.refuse = false
        controller.onDecision(interrupt(20, SHARE, BANKING), null)
        assertTrue(controller.isShowing, "the next decision tries again")
        assertEquals(1, records.size)
    }

    @Test
    fun aRefusedWindowIsTriedAgainWhenTheScreenComesOn() {
        overlay.refuse = true
        controller.onDecision(interrupt(10, SHARE, BANKING), null)
        assertFalse(controller.isShowing)
        overlay.refuse = false
        controller.onScreenOn()
        assertTrue(controller.isShowing, "the refused warning is shown once the window is allowed")
    }

    @Test
    fun closeRemovesTheWindow() {
        controller.onDecision(interrupt(10, SHARE, BANKING), null)
        controller.close()
        assertFalse(overlay.isAttached)
        assertNull(controller.shown)
    }
}
