package org.shareguard.guard

import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.io.File

class InterruptionHistoryTest {
    @TempDir
    lateinit var dir: File

    private val file get() = File(dir, "interruptions.jsonl")

    @Test
    fun recordsComeBackNewestFirst() {
        val history = InterruptionHistory(file)
        history.add(InterruptionRecord(1_000, listOf("screen_share:consent", "card_form:browser"), "com.android.chrome"))
        history.add(InterruptionRecord(2_000, listOf("screen_share:consent", "otp:sms_notification"), "com.android.mms"))
        assertEquals(
            listOf(
                InterruptionRecord(2_000, listOf("screen_share:consent", "otp:sms_notification"), "com.android.mms"),
                InterruptionRecord(1_000, listOf("screen_share:consent", "card_form:browser"), "com.android.chrome"),
            ),
            InterruptionHistory(file).recent(),
        )
    }

    @Test
    fun theFileHoldsOnlyTimeReasonsAndApp() {
        val history = InterruptionHistory(file)
        history.add(InterruptionRecord(1_000, listOf("otp:sms_notification"), "com.android.mms"))
        history.add(InterruptionRecord(2_000, listOf("scam_script:phrase"), null))
        for (line in file.readLines()) {
            val keys = JSONObject(line).keys().asSequence().toSet()
            assertTrue(keys == setOf("at", "reasons", "app") || keys == setOf("at", "reasons"), "keys: $keys")
        }
    }

    @Test
    fun anythingButReasonCodesAndAPackageIsDropped() {
        val history = InterruptionHistory(file)
        history.add(
            InterruptionRecord(
                1_000,
                listOf("otp:您的验证码为 592047", "card_form:browser", "not_a_reason", "scam_script:请打开支付宝", "banking_app"),
                "淘宝官方客服 请共享屏幕",
            ),
        )
        val record = history.recent().single()
        assertEquals(listOf("otp", "card_form:browser", "scam_script", "banking_app"), record.reasons)
        assertEquals(null, record.app)
        val text = file.readText()
        assertFalse(text.contains("592047") || text.contains("支付宝") || text.contains("客服"), text)
    }

    @Test
    fun onlyTheLastRecordsAreKept() {
        val history = InterruptionHistory(file, maxRecords = 3)
        for (i in 1..5) history.add(InterruptionRecord(i * 1_000L, listOf("screen_share"), "com.example.app$i"))
        assertEquals(listOf(5_000L, 4_000L, 3_000L), history.recent().map { it.atMillis })
        assertEquals(3, file.readLines().size)
    }

    @Test
    fun aDamagedLineIsSkipped() {
        file.writeText("{\"at\":1000,\"reasons\":[\"otp\"]}\nnot json\n{\"reasons\":[]}\n")
        assertEquals(listOf(InterruptionRecord(1_000, listOf("otp"), null)), InterruptionHistory(file).recent())
    }

    @Test
    fun clearForgetsEverything() {
        val history = InterruptionHistory(file)
        history.add(InterruptionRecord(1_000, listOf("otp"), null))
        history.clear()
        assertTrue(history.recent().isEmpty())
        assertFalse(file.exists())
    }
}
