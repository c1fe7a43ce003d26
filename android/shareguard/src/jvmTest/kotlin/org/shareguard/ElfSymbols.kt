package org.shareguard

import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.nio.file.Files
import java.nio.file.Path

/** The defined, exported function symbols of a little-endian ELF64 shared library (`.dynsym`). */
internal fun exportedFunctions(library: Path): Set<String> {
    val elf = ByteBuffer.wrap(Files.readAllBytes(library)).order(ByteOrder.LITTLE_ENDIAN)
    check(elf.getInt(0) == 0x464C457F) { "$library is not an ELF file" }
    check(elf.get(4).toInt() == 2 && elf.get(5).toInt() == 1) { "$library is not little-endian ELF64" }
    val sectionHeaders = elf.getLong(0x28).toInt()
    val headerSize = elf.getShort(0x3A).toInt()
    val sectionCount = elf.getShort(0x3C).toInt()
    fun header(i: Int) = sectionHeaders + i * headerSize
    val dynsym = (0 until sectionCount).first { elf.getInt(header(it) + 4) == 11 /* SHT_DYNSYM */ }
    val symbols = elf.getLong(header(dynsym) + 0x18).toInt()
    val symbolsSize = elf.getLong(header(dynsym) + 0x20).toInt()
    val strings = elf.getLong(header(elf.getInt(header(dynsym) + 0x28)) + 0x18).toInt()
    val names = HashSet<String>()
    for (sym in symbols until symbols + symbolsSize step 24) {
        val info = elf.get(sym + 4).toInt()
        val sectionIndex = elf.getShort(sym + 6).toInt()
        val isFunction = info and 0xF == 2
        val isExported = (info shr 4) == 1 || (info shr 4) == 2 // global or weak
        if (isFunction && isExported && sectionIndex != 0) {
            var end = strings + elf.getInt(sym)
            val start = end
            while (elf.get(end).toInt() != 0) end++
            val bytes = ByteArray(end - start)
            elf.get(start, bytes)
            names.add(String(bytes, Charsets.UTF_8))
        }
    }
    return names
}

/** The JNI short name of a native method (JNI specification, "Resolving Native Method Names"). */
internal fun jniShortName(className: String, methodName: String): String =
    "Java_" + jniMangle(className.replace('.', '/')) + "_" + jniMangle(methodName)

private fun jniMangle(s: String): String = buildString {
    for (c in s) {
        when {
            c == '/' -> append('_')
            c == '_' -> append("_1")
            c == ';' -> append("_2")
            c == '[' -> append("_3")
            c in 'a'..'z' || c in 'A'..'Z' || c in '0'..'9' -> append(c)
            else -> append("_0").append(String.format("%04x", c.code))
        }
    }
}
