package org.shareguard

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.lang.reflect.Modifier

class ExportedSymbolsTest {
    private val bridges = listOf(NativeBridge::class.java, TestNatives::class.java)

    private fun nativeMethods(c: Class<*>) = c.declaredMethods.filter { Modifier.isNative(it.modifiers) }

    @Test
    fun jniNamesAreMangledAsTheSpecificationSays() {
        assertEquals("Java_org_shareguard_NativeBridge_engineNew", jniShortName("org.shareguard.NativeBridge", "engineNew"))
        assertEquals("Java_a_b_1c_C_m_1x_000e9", jniShortName("a.b_c.C", "m_x\u00e9"))
    }

    @Test
    fun everyExternalFunHasItsSymbolAndEverySymbolItsExternalFun() {
        val exported = exportedFunctions(NativeLibrary.path)
        val expected = bridges.flatMap { c -> nativeMethods(c).map { jniShortName(c.name, it.name) } }
        assertEquals(10, expected.size, "NativeBridge has 7 natives and TestNatives 3: $expected")
        for (c in bridges) {
            val names = nativeMethods(c).map { it.name }
            assertEquals(names.toSet().size, names.size, "overloaded natives need long JNI names: $names")
            assertTrue(nativeMethods(c).all { Modifier.isStatic(it.modifiers) }, "natives must be static (@JvmStatic)")
        }
        val missing = expected.filterNot { it in exported }
        assertTrue(missing.isEmpty(), "natives without an exported symbol in ${NativeLibrary.path}: $missing")
        val undeclared = exported.filter { it.startsWith("Java_") } - expected.toSet()
        assertTrue(undeclared.isEmpty(), "exported JNI symbols no external fun declares: $undeclared")
    }
}
