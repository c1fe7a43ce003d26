package org.shareguard.inapp

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.shareguard.Observation
import org.shareguard.inapp.readme.LoanDrawdownActivity
import org.shareguard.inapp.readme.TransferActivity
import org.shareguard.ui.InterruptionState

class ShareGuardConfigTest {
    @Test
    fun defaults() {
        val c = ShareGuardConfig.builder().build()
        assertEquals("zh-CN", c.locale)
        assertNull(c.rulesJson)
        assertNull(c.listener)
        assertEquals(Protection.NONE, c.protection)
        assertTrue(c.showInterruption)
        assertEquals(InterruptionState.DEFAULT_COUNTDOWN_MILLIS, c.continueCountdownMillis)
        assertTrue(c.reportRiskyApps)
        assertTrue(c.watchCallState)
        assertNull(c.markingOf(TransferActivity::class.java.name))
    }

    @Test
    fun activitiesAreMarkedByClassAndTheLastMarkingWins() {
        val builder = ShareGuardConfig.builder()
            .markActivity(TransferActivity::class.java, Marking.ACCOUNT)
            .markActivity(LoanDrawdownActivity::class.java, Marking.LOAN_DRAWDOWN)
            .markActivity(TransferActivity::class.java, Marking.TRANSFER)
        val c = builder.build()
        assertEquals(Marking.TRANSFER, c.markingOf("org.shareguard.inapp.readme.TransferActivity"))
        assertEquals(Marking.LOAN_DRAWDOWN, c.markingOf(LoanDrawdownActivity::class.java.name))
        assertNull(c.markingOf("org.shareguard.inapp.readme.PaymentActivity"))
        // A built config does not change with its builder.
        builder.markActivity("org.example.Other", Marking.ACCOUNT)
        assertNull(c.markingOf("org.example.Other"))
    }

    @Test
    fun badSettingsAreRefused() {
        assertThrows(IllegalArgumentException::class.java) { ShareGuardConfig.builder().continueCountdownMillis(-1) }
        assertThrows(IllegalArgumentException::class.java) { ShareGuardConfig.builder().markActivity(" ", Marking.TRANSFER) }
    }

    @Test
    fun theMarkingIsTheTraceFieldAndOnlyWrittenWhenSet() {
        assertEquals(
            listOf("transfer", "otp_entry", "card_binding", "loan_drawdown", "account"),
            Marking.entries.map { it.wireName },
        )
        val marked = Observation.Window(3, "org.example.bank", "org.example.bank.Pay", marked = Marking.OTP_ENTRY.wireName).toJson()
        assertEquals("""{"t":3,"kind":"window","package":"org.example.bank","class":"org.example.bank.Pay","marked":"otp_entry"}""", marked)
        val content = Observation.Content(4, "org.example.bank", marked = Marking.CARD_BINDING.wireName).toJson()
        assertEquals("""{"t":4,"kind":"content","package":"org.example.bank","marked":"card_binding"}""", content)
        assertFalse(Observation.Window(5, "org.example.bank", "org.example.bank.Home").toJson().contains("marked"))
    }
}
