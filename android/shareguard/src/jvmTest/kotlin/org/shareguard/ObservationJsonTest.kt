package org.shareguard

import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Test

class ObservationJsonTest {
    private val everyKind: List<Pair<Observation, String>> = listOf(
        Observation.Window(
            0, "com.eg.android.AlipayGphone", "x.Main", listOf("首页"),
            listOf(EditableField(hint = "验证码"), EditableField(hint = "密码", id = "a:id/pw", password = true)),
        ) to """{"t":0,"kind":"window","package":"com.eg.android.AlipayGphone","class":"x.Main","texts":["首页"],"fields":[{"hint":"验证码"},{"hint":"密码","id":"a:id/pw","password":true}]}""",
        Observation.Content(1, "com.tencent.mm", texts = listOf("a", "b")) to
            """{"t":1,"kind":"content","package":"com.tencent.mm","texts":["a","b"]}""",
        Observation.Notification(2, "com.android.mms", listOf("验证码 123456")) to
            """{"t":2,"kind":"notification","package":"com.android.mms","texts":["验证码 123456"]}""",
        Observation.Notification(2, "com.tencent.wemeet.app", ongoing = true) to
            """{"t":2,"kind":"notification","package":"com.tencent.wemeet.app","ongoing":true}""",
        Observation.Click(3, "com.android.systemui", listOf("立即开始")) to
            """{"t":3,"kind":"click","package":"com.android.systemui","texts":["立即开始"]}""",
        Observation.Windows(
            4,
            listOf(WindowSnapshot(WindowType.SYSTEM, "com.android.systemui", texts = listOf("正在共享屏幕")), WindowSnapshot(WindowType.APPLICATION)),
        ) to """{"t":4,"kind":"windows","windows":[{"type":"system","package":"com.android.systemui","texts":["正在共享屏幕"]},{"type":"application"}]}""",
        Observation.Display(
            5,
            listOf(DisplaySnapshot(0, "内置屏幕"), DisplaySnapshot(2, "cast", true, "com.tencent.wemeet.app", listOf("presentation"))),
        ) to """{"t":5,"kind":"display","displays":[{"id":0,"name":"内置屏幕"},{"id":2,"name":"cast","virtual":true,"owner_package":"com.tencent.wemeet.app","flags":["presentation"]}]}""",
        Observation.Recording(6, visible = true) to """{"t":6,"kind":"recording","visible":true}""",
        Observation.Accessibility(7, listOf("com.teamviewer.quicksupport.market")) to
            """{"t":7,"kind":"accessibility","enabled":["com.teamviewer.quicksupport.market"]}""",
        Observation.Accessibility(7, emptyList()) to """{"t":7,"kind":"accessibility","enabled":[]}""",
        Observation.Call(8, CallState.OFFHOOK, knownContact = false) to """{"t":8,"kind":"call","state":"offhook","known_contact":false}""",
        Observation.Call(8, CallState.IDLE) to """{"t":8,"kind":"call","state":"idle"}""",
        Observation.Screen(9, on = false) to """{"t":9,"kind":"screen","on":false}""",
        Observation.User(10, UserChoice.STOP_SHARING) to """{"t":10,"kind":"user","choice":"stop_sharing"}""",
        Observation.Windows(11, emptyList()) to """{"t":11,"kind":"windows","windows":[]}""",
    )

    @Test
    fun everyKindIsWrittenExactlyInTheTraceFormat() {
        for ((observation, expected) in everyKind) assertEquals(expected, observation.toJson())
        val kinds = everyKind.map { it.first.kind }.toSet()
        assertEquals(11, kinds.size, "every kind of the spec: $kinds")
    }

    @Test
    fun theNativeParserAcceptsEveryKind() {
        Engine().use { engine ->
            for ((observation, _) in everyKind) engine.observe(observation)
            val status = engine.status()
            assertEquals(everyKind.size.toLong(), status.observations)
            assertEquals(0, status.badObservations)
        }
    }

    @Test
    fun stringsAreEscapedAndLoneSurrogatesReplaced() {
        val tricky = "quote\" backslash\\ newline\n tab\t cr\r nul\u0000 bell\u0007 slash/ 😀 lone\uD800 low\uDC00 end\uD83D"
        val cleaned = "quote\" backslash\\ newline\n tab\t cr\r nul\u0000 bell\u0007 slash/ 😀 lone\uFFFD low\uFFFD end\uFFFD"
        val json = Observation.Click(1, "p", listOf(tricky)).toJson()
        assertFalse(json.any { it.code < 0x20 }, "raw control characters in $json")
        val parsed = JSONObject(json).getJSONArray("texts").getString(0)
        assertEquals(cleaned, parsed)
        Engine().use { engine ->
            engine.observe(Observation.Click(1, "p", listOf(tricky)))
            assertEquals(0, engine.status().badObservations)
        }
    }

    @Test
    fun negativeTimeIsRefusedAtConstruction() {
        assertThrows(IllegalArgumentException::class.java) { Observation.Screen(-1, on = true) }
    }

    @Test
    fun aPasswordFieldCannotCarryText() {
        assertThrows(IllegalArgumentException::class.java) { EditableField(text = "secret", password = true) }
    }

    @Test
    fun toStringNeverHoldsScreenText() {
        val o = Observation.Window(1, "p", texts = listOf("验证码 483920"), fields = listOf(EditableField(text = "6222020000000000")))
        assertFalse(o.toString().contains("483920"), o.toString())
        assertFalse(o.fields[0].toString().contains("6222"), o.fields[0].toString())
        assertFalse(WindowSnapshot(WindowType.SYSTEM, texts = listOf("483920")).toString().contains("483920"))
    }
}
