package org.shareguard

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class DecisionTest {
    @Test
    fun readsTheReplayLine() {
        val d = Decision.fromJson(
            """{"t":42,"action":"interrupt","reasons":["screen_share","otp:sms_notification"],"title":"T","message":"M"}""",
        )
        assertEquals(42, d.t)
        assertEquals(Action.INTERRUPT, d.action)
        assertEquals(listOf(Reason(ReasonKind.SCREEN_SHARE), Reason(ReasonKind.OTP, "sms_notification")), d.reasons)
        assertEquals("otp:sms_notification", d.reasons[1].toString())
        assertEquals("T", d.title)
        assertEquals("M", d.message)
        assertTrue(d.hasReason(ReasonKind.OTP))
        val c = Decision.fromJson("""{"t":7,"action":"clear","reasons":["screen_share"]}""")
        assertEquals(Action.CLEAR, c.action)
        assertNull(c.title)
        assertNull(c.message)
    }

    @Test
    fun outputItCannotReadIsAnEngineFailure() {
        for (bad in listOf(
            "",
            "{}",
            """{"t":1,"action":"explode","reasons":[]}""",
            """{"t":1,"action":"clear","reasons":["telepathy"]}""",
        )) {
            assertThrows(EngineFailureException::class.java, { Decision.fromJson(bad) }, bad)
        }
    }

    @Test
    fun theReasonKindsAreTheEngines() {
        assertEquals(TestNatives.reasonKinds().split(","), ReasonKind.entries.map { it.wireName })
        assertEquals(
            listOf(ReasonKind.SCREEN_SHARE, ReasonKind.REMOTE_CONTROL, ReasonKind.SCREEN_RECORDING),
            ReasonKind.entries.filter { it.isExposure },
        )
    }
}
