package org.shareguard.guard

import android.accessibilityservice.AccessibilityService
import android.content.ActivityNotFoundException
import android.content.Intent
import android.content.res.Configuration
import android.net.Uri
import android.os.Handler
import android.os.Looper
import android.util.Log
import android.view.WindowManager
import android.view.accessibility.AccessibilityEvent
import org.shareguard.Decision
import org.shareguard.Engine
import org.shareguard.ShareGuardException
import org.shareguard.TraceClock
import org.shareguard.capture.AccessibilityEventAdapter
import org.shareguard.capture.AccessibilityNode
import org.shareguard.capture.AccessibilityWindow
import org.shareguard.capture.ObservedDisplay
import org.shareguard.capture.ObservedNode
import org.shareguard.capture.ObservedWindow
import org.shareguard.ui.InterruptionStrings
import java.io.File
import java.io.IOException

/**
 * The guard: observes the phone and shows the interruption; the engine decides.
 *
 * Monitors → [GuardMonitor] (on one worker thread: tree reads, the engine, the history file) →
 * decisions → [InterruptionController] (on the main thread: a `TYPE_ACCESSIBILITY_OVERLAY` window,
 * no overlay permission). The main thread only copies events ([EventSnapshot]) and shows; a slow
 * or failing engine never blocks it.
 */
class ShareGuardAccessibilityService : AccessibilityService() {
    private val mainHandler = Handler(Looper.getMainLooper())
    private var worker: HandlerWorker? = null
    private var signals: SystemSignals? = null
    private var controller: InterruptionController? = null

    // Confined to the worker thread.
    private var engine: Engine? = null
    private var monitor: GuardMonitor? = null

    override fun onServiceConnected() {
        super.onServiceConnected()
        GuardStatus.serviceRunning = true
        val worker = HandlerWorker.start("ShareGuard")
        this.worker = worker
        val locale = getString(R.string.engine_locale)
        val history = InterruptionHistory(File(filesDir, HISTORY_FILE))
        controller = newController(worker, InterruptionStrings.forLocale(locale), history)
        worker.post { startEngine(worker, locale) }
        signals = SystemSignals(this, worker, signalSink(worker)).also { it.register() }
    }

    override fun onAccessibilityEvent(event: AccessibilityEvent) {
        val worker = worker ?: return
        // The framework recycles the event when this returns: copy what is needed now.
        val snapshot = EventSnapshot.of(AccessibilityEventAdapter(event))
        worker.post { monitor?.onEvent(snapshot) }
    }

    override fun onInterrupt() = Unit

    override fun onConfigurationChanged(newConfig: Configuration) {
        super.onConfigurationChanged(newConfig)
        controller?.onConfigurationChanged()
    }

    override fun onDestroy() {
        signals?.unregister()
        signals = null
        controller?.close()
        controller = null
        worker?.let { w ->
            w.post {
                monitor?.stop()
                monitor = null
                engine?.close()
                engine = null
            }
            w.quit()
        }
        worker = null
        GuardStatus.serviceRunning = false
        super.onDestroy()
    }

    private fun startEngine(worker: HandlerWorker, locale: String) {
        val engine = try {
            Engine(locale)
        } catch (e: LinkageError) {
            engineFailed("the native library did not load: ${e.javaClass.simpleName}")
            return
        } catch (e: ShareGuardException) {
            engineFailed("the engine did not start: ${e.javaClass.simpleName}")
            return
        }
        this.engine = engine
        GuardStatus.engineFailed = false
        monitor = GuardMonitor(
            engine = EngineDecisions(engine),
            screen = screenSource(),
            worker = worker,
            clock = TraceClock.elapsedRealtime(),
            ownPackage = packageName,
            output = monitorOutput(),
            failureWarning = FailureWarning(getString(R.string.engine_failure_title), getString(R.string.engine_failure_message)),
            log = LOG,
        )
    }

    /**
     * The engine could not start: protection is off. The service turns itself off, so the
     * accessibility settings and the status screen both say so, rather than looking enabled
     * while it protects nothing.
     */
    private fun engineFailed(why: String) {
        GuardStatus.engineFailed = true
        LOG.log(why)
        disableSelf()
    }

    private fun newController(worker: HandlerWorker, strings: InterruptionStrings, history: InterruptionHistory): InterruptionController {
        lateinit var controller: InterruptionController
        val overlay = WindowInterruptionOverlay(
            context = this,
            windowType = WindowManager.LayoutParams.TYPE_ACCESSIBILITY_OVERLAY,
            strings = strings,
            listener = { choice -> controller.onChoice(choice) },
            onBackKey = { controller.onBackKey() },
        )
        controller = InterruptionController(
            overlay = overlay,
            actions = serviceActions(),
            sendChoice = { choice -> worker.post { monitor?.onUserChoice(choice) } },
            record = { record ->
                worker.post {
                    try {
                        history.add(record)
                    } catch (e: IOException) {
                        LOG.log("the history file could not be written")
                    }
                }
            },
            wallClock = System::currentTimeMillis,
            log = LOG,
        )
        return controller
    }

    private fun screenSource() = object : ScreenSource {
        override fun activeWindowRoot(): ObservedNode? = rootInActiveWindow?.let(::AccessibilityNode)

        override fun windows(): List<ObservedWindow> = windows.map(::AccessibilityWindow)
    }

    private fun monitorOutput() = object : MonitorOutput {
        override fun onDecision(decision: Decision, app: String?) {
            mainHandler.post { controller?.onDecision(decision, app) }
        }

        override fun onEngineHealth(healthy: Boolean) {
            GuardStatus.engineFailed = !healthy
        }
    }

    private fun signalSink(worker: HandlerWorker) = object : SystemSignalSink {
        override fun onAccessibilityServices(enabledServiceIds: List<String>) {
            monitor?.onAccessibilityServices(enabledServiceIds)
        }

        override fun onDisplays(displays: List<ObservedDisplay>) {
            monitor?.onDisplays(displays)
        }

        // The number is not available to apps without call-log access, so whether the caller
        // is a contact stays unknown (the engine then treats an answered call as unknown).
        override fun onCallState(telephonyCallState: Int) {
            monitor?.onCallState(telephonyCallState, knownContact = null)
        }

        override fun onScreen(on: Boolean) {
            monitor?.onScreen(on)
        }

        override fun onScreenOn() {
            controller?.onScreenOn()
        }
    }

    private fun serviceActions() = object : GuardActions {
        override fun stopSharing() {
            performGlobalAction(GLOBAL_ACTION_NOTIFICATIONS)
        }

        override fun goHome() {
            performGlobalAction(GLOBAL_ACTION_HOME)
        }

        override fun dialHotline() {
            val dial = Intent(Intent.ACTION_DIAL, Uri.parse("tel:" + InterruptionStrings.HOTLINE))
                .addFlags(Intent.FLAG_ACTIVITY_NEW_TASK)
            try {
                startActivity(dial)
            } catch (e: ActivityNotFoundException) {
                LOG.log("no dialer to open")
                performGlobalAction(GLOBAL_ACTION_HOME)
            }
        }
    }

    companion object {
        /** The history file in the app's private files. */
        const val HISTORY_FILE = "interruptions.jsonl"

        private val LOG = GuardLog { message -> Log.i("ShareGuard", message) }
    }
}
