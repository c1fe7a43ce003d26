package org.shareguard.guard

/** Whether the guard protects the person now, and if not, why. */
enum class Protection {
    /** The service runs and the engine works. */
    ON,

    /** The accessibility service is not turned on in the settings. */
    OFF_SERVICE_DISABLED,

    /** It is turned on, but the system is not running it (often a vendor's battery manager). */
    OFF_SERVICE_NOT_RUNNING,

    /** The service runs, but the engine could not start or keeps failing. */
    OFF_ENGINE_FAILED,
    ;

    companion object {
        /** The protection for what the status screen sees. */
        @JvmStatic
        fun of(enabledInSettings: Boolean, serviceRunning: Boolean, engineFailed: Boolean): Protection = when {
            !enabledInSettings -> OFF_SERVICE_DISABLED
            !serviceRunning -> OFF_SERVICE_NOT_RUNNING
            engineFailed -> OFF_ENGINE_FAILED
            else -> ON
        }
    }
}

/**
 * What the running service tells the status screen, in this process's memory only (nothing is
 * written anywhere): a process the system killed starts again with the service not running.
 */
object GuardStatus {
    /** The service is connected. */
    @Volatile
    @JvmStatic
    var serviceRunning: Boolean = false
        internal set

    /** The engine could not start, or its last observation failed. */
    @Volatile
    @JvmStatic
    var engineFailed: Boolean = false
        internal set
}
