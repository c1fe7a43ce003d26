package org.shareguard

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * The advisory's flows end in an interruption, ordinary days stay silent: the engine's logic
 * through the real JNI bridge. These tests depend on the detection engine.
 */
class FlowTest {
    private fun assertInterruptsWith(decisions: List<Decision>, exposure: ReasonKind, vararg anyOf: ReasonKind) {
        val last = decisions.lastOrNull()
        assertTrue(last != null && last.action == Action.INTERRUPT, "the flow must end in an interruption: $decisions")
        last!!
        assertTrue(last.hasReason(exposure), "expected $exposure in ${last.reasons}")
        assertTrue(anyOf.any(last::hasReason), "expected one of ${anyOf.toList()} in ${last.reasons}")
        assertFalse(last.title.isNullOrBlank())
        assertTrue(last.message!!.contains("96110"), last.message)
    }

    @Test
    fun qqShareThenAlipayReserveFundInterrupts() {
        Engine().use { engine ->
            val decisions = Flows.play(engine, Flows.qqShareAlipayReserveFund)
            assertInterruptsWith(decisions, ReasonKind.SCREEN_SHARE, ReasonKind.PAYMENT_APP, ReasonKind.SCAM_SCRIPT)
            assertTrue(decisions.none { it.t < 20_000 }, "nothing to say before the share: $decisions")
            assertTrue(engine.status().interrupting)
        }
    }

    @Test
    fun theInterruptionComesDownWhenTheShareEnds() {
        Engine().use { engine ->
            Flows.play(engine, Flows.qqShareAlipayReserveFund)
            val decisions = Flows.play(engine, Flows.shareStops)
            assertEquals(Action.CLEAR, decisions.lastOrNull()?.action, "$decisions")
            assertFalse(engine.status().interrupting)
        }
    }

    @Test
    fun meetingShareRefundPageAndSmsCodeInterruptWithoutRepeatingTheCode() {
        Engine().use { engine ->
            val decisions = Flows.play(engine, Flows.meetingShareRefundPageSmsCode)
            assertInterruptsWith(decisions, ReasonKind.SCREEN_SHARE, ReasonKind.OTP, ReasonKind.CARD_FORM)
            for (d in decisions) {
                assertFalse("${d.title} ${d.message} ${d.reasons}".contains(Flows.SMS_CODE), "the code leaked into $d")
            }
        }
    }

    @Test
    fun remoteControlIntoALoanAppInterrupts() {
        Engine().use { engine ->
            assertInterruptsWith(Flows.play(engine, Flows.remoteControlLoan), ReasonKind.REMOTE_CONTROL, ReasonKind.LENDING_APP)
        }
    }

    @Test
    fun englishEnginesWarnInEnglish() {
        Engine("en").use { engine ->
            val decisions = Flows.play(engine, Flows.qqShareAlipayReserveFund)
            assertInterruptsWith(decisions, ReasonKind.SCREEN_SHARE, ReasonKind.PAYMENT_APP, ReasonKind.SCAM_SCRIPT)
            val message = decisions.last().message!!
            assertTrue(message.none { it in '\u4e00'..'\u9fff' }, message)
        }
    }

    @Test
    fun aBatchDecidesAsObservationsOneByOneDo() {
        val oneByOne = Engine().use { Flows.play(it, Flows.meetingShareRefundPageSmsCode) }
        val batch = Engine().use { it.observeBatch(Flows.meetingShareRefundPageSmsCode) }
        assertTrue(oneByOne.isNotEmpty())
        assertEquals(oneByOne, batch)
    }

    @Test
    fun ordinaryDaysStaySilent() {
        for ((name, flow) in listOf(
            "paying with a code" to Flows.payingWithACode,
            "a meeting sharing slides" to Flows.meetingSharingSlides,
            "family call, chat and bank" to Flows.familyCallChatAndBank,
        )) {
            Engine().use { engine ->
                assertEquals(emptyList<Decision>(), Flows.play(engine, flow), name)
                assertFalse(engine.status().interrupting, name)
            }
        }
    }
}
