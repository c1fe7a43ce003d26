package org.shareguard.guard

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.shareguard.EngineFailureException

class SmallPartsTest {
    private val service = ShareGuardAccessibilityService::class.java.name

    @Test
    fun theEnabledServicesSettingIsRead() {
        assertTrue(ServiceSetting.lists("org.shareguard.guard/$service", "org.shareguard.guard", service))
        assertTrue(ServiceSetting.lists("com.a/.B:org.shareguard.guard/.ShareGuardAccessibilityService", "org.shareguard.guard", service))
        assertFalse(ServiceSetting.lists("com.a/.B", "org.shareguard.guard", service))
        assertFalse(ServiceSetting.lists("org.shareguard.guardx/.ShareGuardAccessibilityService", "org.shareguard.guard", service))
        assertFalse(ServiceSetting.lists(null, "org.shareguard.guard", service))
        assertFalse(ServiceSetting.lists("", "org.shareguard.guard", service))
    }

    @Test
    fun protectionSaysWhyItIsOff() {
        assertEquals(Protection.ON, Protection.of(enabledInSettings = true, serviceRunning = true, engineFailed = false))
        assertEquals(Protection.OFF_SERVICE_DISABLED, Protection.of(enabledInSettings = false, serviceRunning = false, engineFailed = false))
        assertEquals(Protection.OFF_SERVICE_NOT_RUNNING, Protection.of(enabledInSettings = true, serviceRunning = false, engineFailed = false))
        assertEquals(Protection.OFF_ENGINE_FAILED, Protection.of(enabledInSettings = true, serviceRunning = true, engineFailed = true))
    }

    @Test
    fun vendorsAreKnownByManufacturerOrBrand() {
        assertEquals(Vendor.XIAOMI, Vendor.of("Xiaomi", "Redmi"))
        assertEquals(Vendor.XIAOMI, Vendor.of("unknown", "POCO"))
        assertEquals(Vendor.HUAWEI, Vendor.of("HONOR", "HONOR"))
        assertEquals(Vendor.OPPO, Vendor.of("OnePlus", "OnePlus"))
        assertEquals(Vendor.VIVO, Vendor.of("vivo", "iQOO"))
        assertNull(Vendor.of("Google", "google"))
        assertEquals(listOf(Vendor.VIVO, Vendor.XIAOMI, Vendor.HUAWEI, Vendor.OPPO), Vendor.ordered(Vendor.VIVO))
        assertEquals(Vendor.entries, Vendor.ordered(null))
    }

    @Test
    fun exposureIsReadFromTheEnginesStatus() {
        assertTrue(EngineDecisions.exposedInStatus("""{"interrupting":true,"exposures":[{"kind":"share","evidence":"consent","source":"com.tencent.mobileqq","since":83000}]}"""))
        assertFalse(EngineDecisions.exposedInStatus("""{"interrupting":false,"exposures":[]}"""))
        assertFalse(EngineDecisions.exposedInStatus("""{"interrupting":false}"""))
        assertThrows(EngineFailureException::class.java) { EngineDecisions.exposedInStatus("not json") }
    }
}
