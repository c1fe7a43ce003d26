package org.shareguard.guard

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The manifest and the accessibility service config say what the app promises. */
class ManifestTest {
    private val manifest = AppFiles.xml("src/main/AndroidManifest.xml")

    private fun permissions(): List<String> =
        (manifest.elements("uses-permission") + manifest.elements("uses-permission-sdk-23")).map { it.android("name") }

    @Test
    fun noNetworkPermissionIsRequested() {
        val network = setOf(
            "android.permission.INTERNET",
            "android.permission.ACCESS_NETWORK_STATE",
            "android.permission.CHANGE_NETWORK_STATE",
            "android.permission.ACCESS_WIFI_STATE",
            "android.permission.CHANGE_WIFI_STATE",
            "android.permission.CHANGE_WIFI_MULTICAST_STATE",
            "android.permission.NEARBY_WIFI_DEVICES",
            "android.permission.BLUETOOTH",
            "android.permission.BLUETOOTH_ADMIN",
            "android.permission.BLUETOOTH_CONNECT",
            "android.permission.BLUETOOTH_ADVERTISE",
            "android.permission.NFC",
        )
        val requested = permissions()
        assertTrue(requested.none { it in network }, "network permissions: ${requested.filter { it in network }}")
        assertTrue(manifest.elements("uses-permission").isNotEmpty(), "the test reads the real manifest")
    }

    @Test
    fun onlyTheOptionalCallStatePermissionIsRequested() {
        assertEquals(listOf("android.permission.READ_PHONE_STATE"), permissions())
    }

    @Test
    fun nothingIsBackedUp() {
        val application = manifest.elements("application").single()
        assertEquals("false", application.android("allowBackup"))
        assertEquals("@xml/data_extraction_rules", application.android("dataExtractionRules"))
    }

    @Test
    fun theServiceIsBoundOnlyByTheSystemAndPointsAtItsConfig() {
        val service = manifest.elements("service").single()
        assertEquals(".ShareGuardAccessibilityService", service.android("name"))
        assertEquals(ShareGuardAccessibilityService::class.java.name, "org.shareguard.guard" + service.android("name"))
        assertEquals("android.permission.BIND_ACCESSIBILITY_SERVICE", service.android("permission"))
        assertEquals(
            "android.accessibilityservice.AccessibilityService",
            service.elements("action").single().android("name"),
        )
        val meta = service.elements("meta-data").single()
        assertEquals("android.accessibilityservice", meta.android("name"))
        assertEquals("@xml/accessibility_service_config", meta.android("resource"))
    }

    @Test
    fun theActivitiesAreTheOnesInTheCode() {
        val names = manifest.elements("activity").map { "org.shareguard.guard" + it.android("name") }
        assertEquals(listOf(StatusActivity::class.java.name, OnboardingActivity::class.java.name), names)
    }

    @Test
    fun theServiceAsksForTheEventsAndFlagsTheEngineNeeds() {
        val config = AppFiles.xml("src/main/res/xml/accessibility_service_config.xml")
        assertEquals(
            setOf(
                "typeWindowStateChanged", "typeWindowContentChanged", "typeViewTextChanged",
                "typeNotificationStateChanged", "typeViewClicked", "typeWindowsChanged",
            ),
            config.android("accessibilityEventTypes").split('|').toSet(),
        )
        assertEquals(setOf("flagRetrieveInteractiveWindows", "flagReportViewIds"), config.android("accessibilityFlags").split('|').toSet())
        assertEquals("true", config.android("canRetrieveWindowContent"))
        assertTrue(config.android("notificationTimeout").toInt() in 100..500)
        assertEquals("@string/service_description", config.android("description"))
    }
}
