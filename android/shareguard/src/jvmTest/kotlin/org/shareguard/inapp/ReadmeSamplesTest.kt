package org.shareguard.inapp

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.nio.file.Files
import java.nio.file.Path
import javax.tools.Diagnostic
import javax.tools.DiagnosticCollector
import javax.tools.JavaFileObject
import javax.tools.ToolProvider

/**
 * The bank section's samples compile: the Kotlin ones are in `readme/ReadmeKotlinSample.kt`
 * (compiled by the build, compared here with the README), the Java one is compiled here with
 * javac against the library, so the API stays natural from Java.
 */
class ReadmeSamplesTest {
    private val readme: String = File(moduleDir().parentFile, "README.md").readText()

    @Test
    fun theKotlinSamplesAreTheCompiledOnes() {
        val sample = File(moduleDir(), "src/jvmTest/kotlin/org/shareguard/inapp/readme/ReadmeKotlinSample.kt").readText()
        assertEquals(between(sample, "// README-KOTLIN-BEGIN", "// README-KOTLIN-END"), codeBlock("kotlin", 1))
        assertEquals(between(sample, "// README-MOMENT-BEGIN", "// README-MOMENT-END"), codeBlock("kotlin", 2))
    }

    @Test
    fun theJavaSampleCompilesAgainstTheLibrary() {
        val dir = Files.createTempDirectory("shareguard-readme")
        try {
            val sources = listOf(
                write(dir, "BankApp.java", "import org.shareguard.Decision;\nimport org.shareguard.inapp.*;\nimport android.app.Application;\n\n" + codeBlock("java", 0)),
                write(dir, "TransferActivity.java", "public class TransferActivity extends android.app.Activity {}\n"),
                write(dir, "LoanDrawdownActivity.java", "public class LoanDrawdownActivity extends android.app.Activity {}\n"),
                write(
                    dir,
                    "RiskEngine.java",
                    "final class RiskEngine {\n" +
                        "    static final java.util.List<java.util.List<org.shareguard.Reason>> HELD = new java.util.ArrayList<>();\n" +
                        "    static void hold(java.util.List<org.shareguard.Reason> reasons) { HELD.add(reasons); }\n" +
                        "    static void release() { HELD.clear(); }\n" +
                        "}\n",
                ),
            )
            val javac = checkNotNull(ToolProvider.getSystemJavaCompiler()) { "run the tests on a JDK" }
            // android-all's class files draw warnings about annotations it does not ship; errors count.
            val diagnostics = DiagnosticCollector<JavaFileObject>()
            val ok = javac.getTask(
                null,
                null,
                diagnostics,
                listOf("-classpath", testClassPath(), "-d", dir.resolve("classes").toString(), "-proc:none"),
                null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjectsFromFiles(sources),
            ).call()
            val errors = diagnostics.diagnostics.filter { it.kind == Diagnostic.Kind.ERROR }
            assertTrue(ok && errors.isEmpty(), "the README's Java sample does not compile:\n" + errors.joinToString("\n"))
            assertTrue(Files.isRegularFile(dir.resolve("classes/BankApp.class")))
            assertTrue(Files.isRegularFile(dir.resolve("classes/BankApp$1.class")), "the listener: an anonymous class overriding two methods")
        } finally {
            dir.toFile().deleteRecursively()
        }
    }

    /** The [index]th fenced block of [language] in the bank section, indentation as written. */
    private fun codeBlock(language: String, index: Int): String {
        val section = readme.substringAfter("## For banks: in-app protection")
        val blocks = Regex("(?s)```$language\\n(.*?)```").findAll(section).map { it.groupValues[1] }.toList()
        check(index < blocks.size) { "the bank section has ${blocks.size} $language blocks" }
        return blocks[index]
    }

    private fun between(text: String, begin: String, end: String): String {
        val lines = text.substringAfter(begin).substringBefore(end).lines().drop(1).dropLast(1)
        val indent = lines.filter { it.isNotBlank() }.minOf { it.length - it.trimStart().length }
        return lines.joinToString("\n", postfix = "\n") { it.drop(indent) }
    }

    private fun write(dir: Path, name: String, text: String): File = dir.resolve(name).toFile().apply { writeText(text) }

    companion object {
        /** android/shareguard: where Maven runs the tests. */
        fun moduleDir(): File {
            val dir = File(System.getProperty("user.dir")).absoluteFile
            check(File(dir, "src/main/AndroidManifest.xml").isFile) { "run from the library module (android/shareguard)" }
            return dir
        }

        /** The test class path (Surefire hands it over in a property when it boots from a manifest jar). */
        fun testClassPath(): String = System.getProperty("surefire.test.class.path") ?: System.getProperty("java.class.path")
    }
}
