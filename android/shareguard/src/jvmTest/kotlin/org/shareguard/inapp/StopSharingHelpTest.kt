package org.shareguard.inapp

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.shareguard.Action
import org.shareguard.Decision
import org.shareguard.Reason
import org.shareguard.ReasonKind

class StopSharingHelpTest {
    private fun shown(vararg reasons: Reason) = Decision(1, Action.INTERRUPT, reasons.toList(), "title", "message 96110")

    @Test
    fun remoteControlComesFirstAndOpensTheAccessibilitySettings() {
        val help = StopSharingHelp.forDecision(
            shown(Reason(ReasonKind.SCREEN_RECORDING, "recording_callback"), Reason(ReasonKind.REMOTE_CONTROL, "accessibility_service"), Reason(ReasonKind.OTP, "entry")),
            "zh-CN",
        )
        assertEquals(StopSharingHelp.Exposure.REMOTE_CONTROL, help.exposure)
        assertEquals("android.settings.ACCESSIBILITY_SETTINGS", help.settingsAction)
        assertTrue(help.message.contains("无障碍"))
    }

    @Test
    fun aSecondScreenOpensTheCastSettings() {
        for (detail in listOf("cast", "display")) {
            val help = StopSharingHelp.forDecision(shown(Reason(ReasonKind.SCREEN_SHARE, detail), Reason(ReasonKind.LENDING_APP, "loan_drawdown")), "en")
            assertEquals(StopSharingHelp.Exposure.SECOND_SCREEN, help.exposure, detail)
            assertEquals("android.settings.CAST_SETTINGS", help.settingsAction)
            assertEquals("Stop casting", help.title)
        }
    }

    @Test
    fun aShareOrRecordingIsStoppedFromTheNotificationShade() {
        for (reason in listOf(Reason(ReasonKind.SCREEN_RECORDING, "recording_callback"), Reason(ReasonKind.SCREEN_SHARE, "status_bar"))) {
            val help = StopSharingHelp.forDecision(shown(reason, Reason(ReasonKind.BANKING_APP, "transfer")), "zh_CN")
            assertEquals(StopSharingHelp.Exposure.SHARE_OR_RECORDING, help.exposure)
            assertNull(help.settingsAction)
            assertTrue(help.message.contains("通知栏"))
        }
        assertEquals(StopSharingHelp.Exposure.SHARE_OR_RECORDING, StopSharingHelp.forDecision(null, "en").exposure, "nothing known")
    }
}
