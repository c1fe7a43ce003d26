package org.shareguard.capture

import android.telephony.TelephonyManager
import android.view.Display
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test
import org.shareguard.CallState
import org.shareguard.DisplaySnapshot
import org.shareguard.Observation

class SystemObservationsTest {
    @Test
    fun accessibilityServicesBecomePackagesWithoutOurOwn() {
        val o = SystemObservations.accessibility(
            1,
            listOf("com.oray.sunlogin/.AccessService", "org.shareguard.guard/.GuardService", "com.oray.sunlogin/.Other", "com.x.y/com.x.y.S"),
            ownPackage = "org.shareguard.guard",
        )
        assertEquals(Observation.Accessibility(1, listOf("com.oray.sunlogin", "com.x.y")), o)
    }

    @Test
    fun callStatesMapToTheTraceFormat() {
        assertEquals(Observation.Call(2, CallState.OFFHOOK, false), SystemObservations.call(2, TelephonyManager.CALL_STATE_OFFHOOK, false))
        assertEquals(Observation.Call(2, CallState.RINGING), SystemObservations.call(2, TelephonyManager.CALL_STATE_RINGING))
        assertEquals(Observation.Call(2, CallState.IDLE), SystemObservations.call(2, TelephonyManager.CALL_STATE_IDLE))
        assertNull(SystemObservations.call(2, 42))
    }

    private class FakeDisplay(override val displayId: Int, override val name: String?, override val flags: Int) : ObservedDisplay

    @Test
    fun displaysGiveTheirIdsNamesAndFlags() {
        val o = DisplayObservations.snapshot(
            3,
            listOf(
                FakeDisplay(0, "内置屏幕", Display.FLAG_SECURE or Display.FLAG_SUPPORTS_PROTECTED_BUFFERS),
                FakeDisplay(5, "腾讯会议投屏", Display.FLAG_PRESENTATION),
                FakeDisplay(7, null, Display.FLAG_PRIVATE or Display.FLAG_ROUND),
            ),
        )
        assertEquals(
            Observation.Display(
                3,
                listOf(
                    DisplaySnapshot(0, "内置屏幕", flags = listOf("public", "secure", "supports_protected_buffers")),
                    DisplaySnapshot(5, "腾讯会议投屏", flags = listOf("presentation", "public")),
                    DisplaySnapshot(7, "", flags = listOf("private", "round")),
                ),
            ),
            o,
        )
    }
}
