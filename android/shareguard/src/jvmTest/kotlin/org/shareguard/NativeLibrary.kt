package org.shareguard

import java.nio.file.Path
import java.nio.file.Paths

/** The host-built native library the tests load (`-Dshareguard.lib.dir`, set by the pom). */
internal object NativeLibrary {
    val path: Path by lazy {
        val dir = System.getProperty("shareguard.lib.dir") ?: error("set -Dshareguard.lib.dir")
        Paths.get(dir, System.mapLibraryName("shareguard"))
    }
}
