package org.shareguard.guard

import org.w3c.dom.Element
import java.io.File
import javax.xml.parsers.DocumentBuilderFactory

/** The app module's source files (`-Dshareguard.app.dir`, set by the pom). */
internal object AppFiles {
    private val dir: File by lazy { File(System.getProperty("shareguard.app.dir") ?: error("set -Dshareguard.app.dir")) }

    fun file(path: String): File = File(dir, path).also { check(it.isFile) { "missing $it" } }

    /** [path] parsed, namespace-aware. */
    fun xml(path: String): Element {
        val factory = DocumentBuilderFactory.newInstance()
        factory.isNamespaceAware = true
        return factory.newDocumentBuilder().parse(file(path)).documentElement
    }
}

internal const val ANDROID_NS = "http://schemas.android.com/apk/res/android"

internal fun Element.elements(tag: String): List<Element> {
    val nodes = getElementsByTagName(tag)
    return List(nodes.length) { nodes.item(it) as Element }
}

internal fun Element.android(name: String): String = getAttributeNS(ANDROID_NS, name)
