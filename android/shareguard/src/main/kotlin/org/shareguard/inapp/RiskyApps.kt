package org.shareguard.inapp

import android.content.pm.PackageManager
import android.os.Build
import org.shareguard.AppCategory
import org.shareguard.Engine

/**
 * Finds the installed apps the engine's rules call remote control or screen sharing. Which
 * packages the app can see is the platform's business: on Android 11+ those the library's
 * manifest `<queries>` names (the built-in rules' remote-control and screen-sharing apps), below
 * Android 11 every installed one. The list is never logged or stored; the listener gets only
 * the risky ones.
 */
internal object RiskyApps {
    private val RISKY = setOf(AppCategory.REMOTE_CONTROL, AppCategory.SCREEN_SHARE)

    /** The risky ones of [packages], by package name. */
    fun find(engine: Engine, packages: Iterable<String>): List<RiskyApp> =
        packages.mapNotNull { pkg ->
            engine.scan(null, pkg).appCategory?.takeIf { it in RISKY }?.let { RiskyApp(pkg, it) }
        }.sortedBy { it.packageName }

    /** The package names of the installed apps this app can see. */
    fun visiblePackages(packageManager: PackageManager): List<String> {
        val apps = if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) {
            packageManager.getInstalledApplications(PackageManager.ApplicationInfoFlags.of(0))
        } else {
            @Suppress("DEPRECATION")
            packageManager.getInstalledApplications(0)
        }
        return apps.map { it.packageName }
    }
}
