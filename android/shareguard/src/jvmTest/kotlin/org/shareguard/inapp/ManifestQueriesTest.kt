package org.shareguard.inapp

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.shareguard.AppCategory
import org.shareguard.Engine
import org.w3c.dom.Element
import java.io.File
import javax.xml.parsers.DocumentBuilderFactory

/**
 * The library manifest has what bank mode needs: the two detection permissions, and `<queries>`
 * naming exactly the rules' remote-control and screen-sharing apps (the verified package table
 * `tests/data/packages.tsv`), each of which the engine categorises so.
 */
class ManifestQueriesTest {
    private val manifest = DocumentBuilderFactory.newInstance()
        .apply { isNamespaceAware = true }
        .newDocumentBuilder()
        .parse(File(ReadmeSamplesTest.moduleDir(), "src/main/AndroidManifest.xml"))
        .documentElement

    private fun names(tag: String): List<String> {
        val nodes = manifest.getElementsByTagName(tag)
        return List(nodes.length) { (nodes.item(it) as Element).getAttributeNS(ANDROID, "name") }
    }

    @Test
    fun theDetectionPermissionsAreDeclared() {
        val permissions = names("uses-permission")
        assertTrue("android.permission.DETECT_SCREEN_RECORDING" in permissions, permissions.toString())
        assertTrue("android.permission.DETECT_SCREEN_CAPTURE" in permissions, permissions.toString())
        assertTrue(permissions.none { it.endsWith(".INTERNET") }, "the library never asks for the network")
    }

    @Test
    fun queriesNameTheRulesRemoteControlAndScreenSharingApps() {
        val queried = names("package")
        assertEquals(queried.toSet().size, queried.size, "no package twice")
        val table = File(ReadmeSamplesTest.moduleDir(), "../../tests/data/packages.tsv").readLines()
            .filter { it.isNotBlank() && !it.startsWith("#") }
            .map { it.split('\t') }
            .filter { it[1] == "remote_control" || it[1] == "screen_share" }
            .map { it[0] }
        assertEquals(table.sorted(), queried.sorted())
        Engine().use { engine ->
            for (pkg in queried) {
                val category = engine.scan(null, pkg).appCategory
                assertTrue(category == AppCategory.REMOTE_CONTROL || category == AppCategory.SCREEN_SHARE, "$pkg is $category")
            }
        }
    }

    private companion object {
        const val ANDROID = "http://schemas.android.com/apk/res/android"
    }
}
