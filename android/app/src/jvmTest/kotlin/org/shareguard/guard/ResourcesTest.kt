package org.shareguard.guard

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** Every string exists in English and Chinese, with the same placeholders. */
class ResourcesTest {
    private fun strings(folder: String): Map<String, String> =
        AppFiles.xml("src/main/res/$folder/strings.xml").elements("string").associate { it.getAttribute("name") to it.textContent }

    private val english = strings("values")
    private val chinese = strings("values-zh-rCN")

    @Test
    fun everyStringIsInBothLanguages() {
        assertEquals(english.keys, chinese.keys)
        assertTrue(english.size > 40, "the test reads the real resources")
    }

    @Test
    fun placeholdersMatch() {
        val placeholder = Regex("%\\d+\\$[sd]|%[sd]")
        for ((name, text) in english) {
            assertEquals(placeholder.findAll(text).map { it.value }.toSet(), placeholder.findAll(chinese.getValue(name)).map { it.value }.toSet(), name)
        }
    }

    @Test
    fun theEngineSpeaksTheLanguageOfTheResources() {
        assertEquals("en", english["engine_locale"])
        assertEquals("zh-CN", chinese["engine_locale"])
    }

    @Test
    fun theDescriptionSaysWhatItReadsAndThatNothingLeaves() {
        assertTrue(english.getValue("service_description").contains("internet permission"))
        assertTrue(chinese.getValue("service_description").contains("没有联网权限"))
        assertTrue(chinese.getValue("service_description").contains("从不读取密码框"))
    }

    @Test
    fun everyReasonKindHasAName() {
        for (kind in org.shareguard.ReasonKind.entries) {
            assertTrue("reason_${kind.wireName}" in english, "reason_${kind.wireName}")
        }
    }
}
