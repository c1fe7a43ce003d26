package org.shareguard.guard

/** Reads `Settings.Secure.ENABLED_ACCESSIBILITY_SERVICES`: `package/class` entries joined by `:`. */
object ServiceSetting {
    /**
     * Whether [settingValue] lists the service [className] of [packageName]. An entry's class may
     * be written in full or relative to the package (`.ShareGuardAccessibilityService`).
     */
    @JvmStatic
    fun lists(settingValue: String?, packageName: String, className: String): Boolean {
        if (settingValue.isNullOrEmpty()) return false
        return settingValue.split(':').any { entry ->
            val slash = entry.indexOf('/')
            if (slash <= 0) return@any false
            val pkg = entry.substring(0, slash).trim()
            val cls = entry.substring(slash + 1).trim()
            pkg == packageName && (cls == className || (cls.startsWith('.') && pkg + cls == className))
        }
    }
}
