package org.shareguard.ui

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.shareguard.Action
import org.shareguard.Decision
import org.shareguard.Reason
import org.shareguard.ReasonKind
import org.shareguard.UserChoice

class InterruptionStateTest {
    private fun interrupt(vararg kinds: ReasonKind) = Decision(1, Action.INTERRUPT, kinds.map { Reason(it) }, "停！", "…96110")

    @Test
    fun continueIsEnabledOnlyAfterTheCountdown() {
        val s = InterruptionState(5_000)
        assertTrue(s.show(interrupt(ReasonKind.SCREEN_SHARE, ReasonKind.BANKING_APP), nowMillis = 10_000))
        assertEquals(5, s.remainingSeconds(10_000))
        assertEquals(5, s.remainingSeconds(10_001))
        assertEquals(1, s.remainingSeconds(14_999))
        assertFalse(s.canContinue(14_999))
        assertNull(s.choose(InterruptionChoice.CONTINUE, 14_999))
        assertTrue(s.isShowing)
        assertEquals(0, s.remainingSeconds(15_000))
        assertTrue(s.canContinue(15_000))
        assertEquals(InterruptionChoice.CONTINUE, s.choose(InterruptionChoice.CONTINUE, 15_000))
        assertFalse(s.isShowing)
        assertFalse(s.canContinue(20_000))
    }

    @Test
    fun theOtherChoicesNeedNoWaitAndEndTheShowing() {
        for (choice in listOf(InterruptionChoice.STOP_SHARING, InterruptionChoice.LEAVE, InterruptionChoice.CALL_HOTLINE)) {
            val s = InterruptionState()
            s.show(interrupt(ReasonKind.SCREEN_SHARE, ReasonKind.OTP), 0)
            assertEquals(choice, s.choose(choice, 1))
            assertNull(s.decision)
            assertNull(s.choose(choice, 2), "a second press does nothing")
        }
        assertNull(InterruptionState().choose(InterruptionChoice.LEAVE, 0), "nothing shown, nothing chosen")
    }

    @Test
    fun aNewKindOfReasonRestartsTheCountdownAndARepeatDoesNot() {
        val s = InterruptionState(5_000)
        s.show(interrupt(ReasonKind.SCREEN_SHARE, ReasonKind.PAYMENT_APP), 0)
        assertFalse(s.show(interrupt(ReasonKind.SCREEN_SHARE, ReasonKind.PAYMENT_APP), 3_000))
        assertFalse(s.show(interrupt(ReasonKind.SCREEN_SHARE), 4_000))
        assertTrue(s.canContinue(5_000))
        assertTrue(s.show(interrupt(ReasonKind.SCREEN_SHARE, ReasonKind.OTP), 6_000))
        assertFalse(s.canContinue(10_999))
        assertTrue(s.canContinue(11_000))
        assertEquals(listOf(Reason(ReasonKind.SCREEN_SHARE), Reason(ReasonKind.OTP)), s.decision!!.reasons)
    }

    @Test
    fun dismissTakesItDownAndTheNextShowingStartsAfresh() {
        val s = InterruptionState(5_000)
        s.show(interrupt(ReasonKind.SCREEN_SHARE, ReasonKind.OTP), 0)
        s.dismiss()
        assertFalse(s.isShowing)
        assertNull(s.choose(InterruptionChoice.STOP_SHARING, 1))
        assertTrue(s.show(interrupt(ReasonKind.SCREEN_SHARE, ReasonKind.OTP), 100_000))
        assertFalse(s.canContinue(104_000))
    }

    @Test
    fun onlyInterruptionsAreShown() {
        val clear = Decision(1, Action.CLEAR, listOf(Reason(ReasonKind.SCREEN_SHARE)), null, null)
        assertThrows(IllegalArgumentException::class.java) { InterruptionState().show(clear, 0) }
    }

    @Test
    fun eachChoiceSendsItsUserObservation() {
        assertEquals(
            listOf(UserChoice.STOP_SHARING, UserChoice.LEAVE, UserChoice.LEAVE, UserChoice.CONTINUE),
            InterruptionChoice.entries.map { it.userChoice },
        )
    }

    @Test
    fun labelsFollowTheLocale() {
        val zh = InterruptionStrings.forLocale("zh-CN")
        assertEquals(listOf("停止共享", "离开", "拨打96110", "继续"), listOf(zh.stopSharing, zh.leave, zh.callHotline, zh.continueAnyway))
        assertEquals("继续（3秒）", zh.continueLabel(3))
        assertEquals("继续", zh.continueLabel(0))
        assertEquals(zh, InterruptionStrings.forLocale("zh_Hans_CN"))
        val en = InterruptionStrings.forLocale("en-GB")
        assertEquals("Call 96110", en.callHotline)
        assertEquals("Continue (5 s)", en.continueLabel(5))
        assertEquals(en, InterruptionStrings.forLocale("fr"))
    }
}
