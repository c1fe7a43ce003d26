package org.shareguard

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.lang.reflect.InvocationTargetException

/** The bridge's contract, through the real native library; none of it depends on the engine's logic. */
class EngineBridgeTest {
    private val extendBank = """{"version":1,"mode":"extend","apps":{"banking":["org.example.bank"]}}"""

    @Test
    fun aBadObservationRaisesTheNamedExceptionWithoutQuotingIt() {
        Engine().use { engine ->
            val e = assertThrows(BadObservationException::class.java) {
                engine.observeJson("""{"t":1,"kind":"window","package":"p","texts":"验证码 654321"}""")
            }
            assertFalse(e.message!!.contains("654321"), e.message)
            assertThrows(BadObservationException::class.java) { engine.observeJson("""{"t":1,"kind":"telepathy"}""") }
            assertThrows(BadObservationException::class.java) { engine.observeJson("not json") }
            val missing = assertThrows(BadObservationException::class.java) { engine.observeJson("""{"t":1,"kind":"window"}""") }
            assertEquals("window observation lacks required field `package`", missing.message)
            // The engine keeps working and counted what it was fed.
            assertNull(engine.observe(Observation.Screen(2, on = true)))
            val status = engine.status()
            assertEquals(1, status.observations)
            assertEquals(4, status.badObservations)
        }
    }

    @Test
    fun badRulesRaiseTheNamedExceptionAndTheOldRulesStay() {
        val e = assertThrows(BadRulesException::class.java) { Engine("zh-CN", """{"version":99}""") }
        assertTrue(e.message!!.contains("version"), e.message)
        assertThrows(BadRulesException::class.java) { Engine("zh-CN", "{") }

        Engine("zh-CN", extendBank).use { engine ->
            assertEquals(AppCategory.BANKING, engine.scan(null, "org.example.bank").appCategory)
            assertThrows(BadRulesException::class.java) {
                engine.loadRules("""{"version":1,"scam_script":{"phrases":["(unclosed"]}}""")
            }
            assertThrows(BadRulesException::class.java) { engine.loadRules("[]") }
            assertEquals(AppCategory.BANKING, engine.scan(null, "org.example.bank").appCategory)
            engine.loadRules("""{"version":1,"mode":"extend","apps":{"lending":["org.example.loans"]}}""")
            assertEquals(AppCategory.LENDING, engine.scan(null, "org.example.loans").appCategory)
            assertNull(engine.scan(null, "org.example.bank").appCategory, "a new override replaces the old one")
        }
    }

    @Test
    fun scanUsesTheEnginesRulesAndNeverPrintsTheCode() {
        Engine().use { engine ->
            val r = engine.scan("【工商银行】您的验证码为 483920，5分钟内有效", "com.icbc")
            assertEquals("483920", r.otp)
            assertEquals(AppCategory.BANKING, r.appCategory)
            assertFalse(r.toString().contains("483920"))
            assertEquals(ScanResult(null, null), engine.scan(null, null))
            assertEquals(AppCategory.PAYMENT, engine.scan(null, "com.eg.android.AlipayGphone").appCategory)
        }
    }

    @Test
    fun aClosedHandleIsRefusedAndClosingTwiceIsHarmless() {
        val engine = Engine()
        engine.close()
        engine.close()
        assertThrows(EngineClosedException::class.java) { engine.observe(Observation.Screen(1, on = true)) }
        assertThrows(EngineClosedException::class.java) { engine.status() }
        assertThrows(EngineClosedException::class.java) { engine.scan("x") }
        assertThrows(EngineClosedException::class.java) { engine.loadRules(extendBank) }
        assertThrows(EngineClosedException::class.java) { engine.observeBatch(listOf(Observation.Screen(1, on = true))) }
        // Closing the raw handle again is a no-op too; a handle never issued is refused.
        NativeBridge.engineClose(engine.handle)
        assertThrows(EngineClosedException::class.java) { NativeBridge.engineStatus(Long.MAX_VALUE) }
        assertThrows(EngineClosedException::class.java) { NativeBridge.engineObserve(0, "{}") }
        assertThrows(EngineClosedException::class.java) { NativeBridge.engineClose(-1) }
    }

    @Test
    fun invalidUtf16IsANamedErrorAndTheEngineKeepsWorking() {
        Engine().use { engine ->
            // Not a raw string: the line holds a real lone surrogate, not a JSON escape.
            val line = "{\"t\":1,\"kind\":\"click\",\"package\":\"p\",\"texts\":[\"a\uD800b\"]}"
            val e = assertThrows(BadObservationException::class.java) { NativeBridge.engineObserve(engine.handle, line) }
            assertEquals("observation text is not valid UTF-16", e.message)
            assertThrows(BadObservationException::class.java) { engine.observeJson("\uDC00") }
            assertThrows(BadObservationException::class.java) { engine.scan("code \uD800", null) }
            assertThrows(BadRulesException::class.java) { engine.loadRules("{\"version\":1,\"comment\":\"\uD800\"}") }
            // Typed observations replace lone surrogates, so they always go through.
            assertNull(engine.observe(Observation.Click(2, "p", listOf("a\uD800b"))))
            // A valid surrogate pair and an embedded NUL are fine.
            assertNull(engine.observe(Observation.Click(3, "p", listOf("😀 \u0000 end"))))
            val status = engine.status()
            assertEquals(2, status.observations)
            assertEquals(2, status.badObservations)
        }
    }

    @Test
    fun aPanicInsideTheEngineLeavesTheJvmAndTheEngineAlive() {
        Engine().use { engine ->
            val e = assertThrows(EngineFailureException::class.java) { TestNatives.testPanic(engine.handle) }
            assertEquals("the engine failed (internal error)", e.message)
            // The panic happened while the engine's lock was held: it is recovered.
            assertNull(engine.observe(Observation.Screen(1, on = true)))
            assertEquals(1, engine.status().observations)
            assertThrows(EngineFailureException::class.java) { TestNatives.testPanic(engine.handle) }
            assertNull(engine.observe(Observation.Screen(2, on = false)))
        }
        assertThrows(EngineClosedException::class.java) { TestNatives.testPanic(-5) }
    }

    @Test
    fun nullArgumentsFromJavaAreNamedErrors() {
        Engine().use { engine ->
            val observe = NativeBridge::class.java.getMethod("engineObserve", Long::class.java, String::class.java)
            val e = assertThrows(InvocationTargetException::class.java) { observe.invoke(null, engine.handle, null) }
            assertTrue(e.cause is BadObservationException, "${e.cause}")
            val load = NativeBridge::class.java.getMethod("engineLoadRules", Long::class.java, String::class.java)
            val r = assertThrows(InvocationTargetException::class.java) { load.invoke(null, engine.handle, null) }
            assertTrue(r.cause is BadRulesException, "${r.cause}")
            val create = NativeBridge::class.java.getMethod("engineNew", String::class.java, String::class.java)
            val handle = create.invoke(null, null, null) as Long
            NativeBridge.engineClose(handle)
        }
    }

    @Test
    fun aBatchObservesTheGoodLinesAndReportsTheBadOnes() {
        Engine().use { engine ->
            val lines = listOf(
                Observation.Screen(1, on = true).toJson(),
                "",
                """{"t":2,"kind":"nope"}""",
                Observation.Call(3, CallState.OFFHOOK, knownContact = true).toJson(),
                "{\"t\":4,\"kind\":\"click\",\"package\":\"p\",\"texts\":[\"\uD800\"]}",
                Observation.Screen(5, on = false).toJson(),
            ).joinToString("\n")
            val result = engine.observeBatchJson(lines)
            assertEquals(listOf(3, 5), result.badLines.map { it.line })
            assertEquals("observation text is not valid UTF-16", result.badLines[1].error)
            val status = engine.status()
            assertEquals(3, status.observations)
            assertEquals(2, status.badObservations)
            assertTrue(engine.observeBatch(emptyList()).isEmpty())
        }
    }

    @Test
    fun statusCarriesTheEnginesFields() {
        Engine("en").use { engine ->
            val status = engine.status()
            assertFalse(status.interrupting)
            assertEquals(0, status.observations)
            assertTrue(status.json.contains("\"interrupting\":false"), status.json)
        }
    }

    @Test
    fun manyEnginesAreIndependent() {
        val engines = List(50) { Engine(if (it % 2 == 0) "zh-CN" else "en") }
        engines.forEachIndexed { i, e -> repeat(i) { t -> e.observe(Observation.Screen(t.toLong(), on = true)) } }
        engines.forEachIndexed { i, e -> assertEquals(i.toLong(), e.status().observations) }
        engines.forEach(Engine::close)
    }
}
