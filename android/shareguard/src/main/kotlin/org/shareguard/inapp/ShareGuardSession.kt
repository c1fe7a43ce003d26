package org.shareguard.inapp

import android.app.Activity
import android.app.Application
import android.os.Build
import android.os.Bundle
import android.os.Handler
import android.os.Looper
import org.shareguard.Decision
import org.shareguard.Engine
import org.shareguard.EngineClosedException
import org.shareguard.ShareGuardException
import org.shareguard.TraceClock
import org.shareguard.UserChoice
import org.shareguard.ui.InterruptionState
import org.shareguard.ui.InterruptionStrings
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors

/**
 * ShareGuard installed in an app ([ShareGuard.install]): it watches the app's own activities and
 * the exposure signals, feeds the engine, shows the engine's interruption over the app and tells
 * the [ShareGuardListener]. Marks for moments ([markSensitive], [clearMark]) and choices from the
 * app's own UI ([reportUserChoice]) go through it. [uninstall] (or [close]) ends it.
 *
 * Methods may be called from any thread; the work happens on the main thread.
 */
class ShareGuardSession internal constructor(
    private val application: Application,
    private val config: ShareGuardConfig,
    private val engine: Engine,
) : AutoCloseable {
    private val mainHandler = Handler(Looper.getMainLooper())
    private val guard = InAppGuard(engine, application.packageName, config, TraceClock.elapsedRealtime())
    private val interruptionState = InterruptionState(config.continueCountdownMillis)
    private val strings = InterruptionStrings.forLocale(config.locale)
    private val screens = HashMap<Activity, ActivityScreen>()

    private val recording =
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.VANILLA_ICE_CREAM) RecordingWatcher(guard::recordingChanged) else null
    private val screenshots =
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.UPSIDE_DOWN_CAKE) {
            ScreenshotWatcher { activity -> guard.screenshotTaken(screenOf(activity)) }
        } else {
            null
        }
    private val displays = DisplayWatcher(application, mainHandler, guard::displaysChanged)
    private val accessibility = AccessibilityWatcher(application, mainHandler, guard::accessibilityServicesChanged)
    private var calls: CallStateWatcher? = null
    private val appScanner: ExecutorService? =
        if (config.reportRiskyApps) {
            Executors.newSingleThreadExecutor { r -> Thread(r, "ShareGuard-apps").apply { isDaemon = true } }
        } else {
            null
        }
    private var startedActivities = 0

    @Volatile
    private var installed = true

    private val lifecycle = object : Application.ActivityLifecycleCallbacks {
        override fun onActivityCreated(activity: Activity, savedInstanceState: Bundle?) {}

        override fun onActivityStarted(activity: Activity) {
            if (startedActivities++ == 0) scanRiskyApps()
            recording?.start(activity)
            screenshots?.start(activity)
        }

        override fun onActivityResumed(activity: Activity) {
            watchCallsIfPermitted()
            accessibility.refresh()
            guard.screenResumed(screenOf(activity))
        }

        override fun onActivityPaused(activity: Activity) {
            val screen = screens[activity] ?: return
            screen.detachInterruption()
            guard.screenPaused(screen)
        }

        override fun onActivityStopped(activity: Activity) {
            recording?.stop(activity)
            screenshots?.stop(activity)
            // Installed after some activities started: never below zero.
            startedActivities = maxOf(0, startedActivities - 1)
            if (startedActivities == 0) guard.appInBackground()
        }

        override fun onActivitySaveInstanceState(activity: Activity, outState: Bundle) {}

        override fun onActivityDestroyed(activity: Activity) {
            val screen = screens.remove(activity) ?: return
            screen.detachInterruption()
            guard.screenDestroyed(screen)
        }
    }

    /** Starts watching; [ShareGuard.install] calls it on the main thread. */
    internal fun start() {
        application.registerActivityLifecycleCallbacks(lifecycle)
        displays.start()
        accessibility.start()
        watchCallsIfPermitted()
    }

    /** The engine says something exposes the screen now (shared, recorded, cast, remote-controlled). */
    val isExposed: Boolean get() = guard.isExposed

    /** The engine's interruption that is up (its reasons), or null. */
    val currentDecision: Decision? get() = guard.currentDecision

    /**
     * A sensitive moment in [activity] (OTP entry, a confirmation dialog) as [marking], until
     * [clearMark]. It wins over the activity's own marking.
     */
    fun markSensitive(activity: Activity, marking: Marking) = onMain { if (installed) guard.mark(screenOf(activity), marking) }

    /** The moment is over: [activity] is back to the marking of its class (or none). */
    fun clearMark(activity: Activity) = onMain { screens[activity]?.let(guard::clearMark) }

    /**
     * The person's choice on the app's own interruption UI (with `showInterruption(false)`):
     * the engine hears it, and the listener too.
     */
    fun reportUserChoice(choice: UserChoice) = onMain { if (installed) guard.userChoice(choice) }

    /** Stops watching, removes the interruption and the protections, and frees the engine. */
    fun uninstall() = onMain {
        if (!installed) return@onMain
        installed = false
        application.unregisterActivityLifecycleCallbacks(lifecycle)
        recording?.close()
        screenshots?.close()
        displays.close()
        accessibility.close()
        calls?.close()
        appScanner?.shutdownNow()
        guard.close()
        for (screen in screens.values) screen.detachInterruption()
        screens.clear()
        engine.close()
        ShareGuard.uninstalled(this)
    }

    /** The same as [uninstall]. */
    override fun close() = uninstall()

    private fun screenOf(activity: Activity): ActivityScreen = screens.getOrPut(activity) {
        ActivityScreen(activity, config.protection, strings, interruptionState, guard::interruptionChoice)
    }

    private fun watchCallsIfPermitted() {
        if (calls == null && config.watchCallState) {
            calls = CallStateWatcher.startIfPermitted(application, guard::callStateChanged)
        }
    }

    /** Looks for risky apps off the main thread; the guard hears the result on it. */
    private fun scanRiskyApps() {
        val scanner = appScanner ?: return
        val packageManager = application.packageManager
        scanner.execute {
            val found = try {
                RiskyApps.find(engine, RiskyApps.visiblePackages(packageManager))
            } catch (e: EngineClosedException) {
                return@execute // uninstalled meanwhile
            } catch (e: ShareGuardException) {
                mainHandler.post { if (installed) config.listener?.onEngineFailure(e) }
                return@execute
            }
            mainHandler.post { if (installed) guard.riskyAppsFound(found) }
        }
    }

    private inline fun onMain(crossinline block: () -> Unit) {
        if (Looper.myLooper() == Looper.getMainLooper()) block() else mainHandler.post { block() }
    }
}
