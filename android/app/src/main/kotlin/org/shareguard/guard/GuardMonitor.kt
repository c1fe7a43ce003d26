package org.shareguard.guard

import android.view.accessibility.AccessibilityEvent
import org.shareguard.Action
import org.shareguard.AppCategory
import org.shareguard.BadObservationException
import org.shareguard.Decision
import org.shareguard.DisplaySnapshot
import org.shareguard.EngineClosedException
import org.shareguard.EngineFailureException
import org.shareguard.Observation
import org.shareguard.Reason
import org.shareguard.ReasonKind
import org.shareguard.ShareGuardException
import org.shareguard.TraceClock
import org.shareguard.UserChoice
import org.shareguard.WindowType
import org.shareguard.capture.DisplayObservations
import org.shareguard.capture.EventObservations
import org.shareguard.capture.ObservedDisplay
import org.shareguard.capture.ObservedNode
import org.shareguard.capture.ObservedWindow
import org.shareguard.capture.SystemObservations
import org.shareguard.capture.WindowObservations

/** Where the monitor reads the screen (the accessibility service; fakes in tests). Called on the worker thread. */
interface ScreenSource {
    /** The root of the active window, which the caller recycles; null when there is none. */
    fun activeWindowRoot(): ObservedNode?

    /** The windows on screen; the caller takes them over (and recycles them). */
    fun windows(): List<ObservedWindow>
}

/** Where the monitor's results go. Called on the worker thread. */
interface MonitorOutput {
    /** Raise, update or take down the interruption; [app] is the foreground package when it was decided. */
    fun onDecision(decision: Decision, app: String?)

    /** The engine started failing ([healthy] false) or works again (true). */
    fun onEngineHealth(healthy: Boolean)
}

/** Log lines of the guard: kinds, counts and rule ids only, never screen text. */
fun interface GuardLog {
    fun log(message: String)
}

/** How often the monitor reads. */
data class MonitorTiming(
    /** A content change is read this long after it is announced, the burst coalesced. */
    val contentDelayMillis: Long = 300,
    /** Content reads are at least this far apart. */
    val contentMinIntervalMillis: Long = 1_000,
    /** A windows change is read this long after it is announced. */
    val windowsDelayMillis: Long = 300,
    /** `windows` snapshots are at least this far apart. */
    val windowsMinIntervalMillis: Long = 1_000,
)

/** The warning shown when the engine fails while the screen was known to be exposed. */
data class FailureWarning(val title: String, val message: String)

/** What the monitor did, for tests and the status screen. Counts only. */
class MonitorStats {
    /** Reads of the active window's tree (window and content). */
    var treeReads = 0
        internal set

    /** Content changes not read because nothing is exposed and no watched app is in front. */
    var contentSkipped = 0
        internal set

    /** `windows` snapshots taken. */
    var windowsSnapshots = 0
        internal set

    /** Observations given to the engine. */
    var observations = 0
        internal set
}

/**
 * The guard's pipeline, talkback-style: events and system signals in, observations of the trace
 * format built with the library's builders, the engine's decisions out to [output]. Runs on the
 * worker thread only (every method, and the debounced reads it schedules on [worker]).
 *
 * Reading the screen costs battery, so the monitor reads no more than the engine needs:
 * - A window change (a new activity or dialog) is always read: it says which app is in front.
 * - Content changes of the app in front are read only while the engine says the screen is
 *   exposed, or while the app in front has a category in the engine's rules (bank, payment,
 *   lending, sharing, remote control, messages), coalesced by [CoalescingDebounce]: a ticking
 *   clock costs nothing when nothing is exposed, and one read a second at most when it is.
 * - Content changes of a system window (the status bar, where a share's chip appears) and
 *   windows changes ask for a `windows` snapshot, coalesced the same way.
 * - The guard's own windows (the interruption, the app's screens) are never read.
 *
 * When the engine fails ([EngineFailureException]) while the screen was known to be exposed, the
 * monitor raises [failureWarning] itself: it fails toward protecting the person.
 */
class GuardMonitor @JvmOverloads constructor(
    private val engine: DecisionEngine,
    private val screen: ScreenSource,
    private val worker: GuardWorker,
    private val clock: TraceClock,
    private val ownPackage: String,
    private val output: MonitorOutput,
    private val failureWarning: FailureWarning,
    private val log: GuardLog = GuardLog {},
    timing: MonitorTiming = MonitorTiming(),
    private val events: EventObservations = EventObservations(),
    private val windowObservations: WindowObservations = WindowObservations(),
) {
    val stats = MonitorStats()

    /** The package of the app in front, as the last window change said. */
    var foregroundPackage: String? = null
        private set

    /** The engine said the screen is exposed, after the last observation. */
    var isExposed = false
        private set

    private var foregroundWatched = false
    private var systemWindowPackages: Set<String> = emptySet()
    private var exposureReasons: List<Reason> = emptyList()
    private var engineHealthy = true
    private var lastAccessibility: List<String>? = null
    private var lastDisplays: List<DisplaySnapshot>? = null
    private var lastCall: Observation.Call? = null
    private val categories = object : LinkedHashMap<String, AppCategory?>(16, 0.75f, true) {
        override fun removeEldestEntry(eldest: MutableMap.MutableEntry<String, AppCategory?>): Boolean = size > CATEGORY_CACHE
    }

    private val contentRead = CoalescingDebounce(worker, timing.contentDelayMillis, timing.contentMinIntervalMillis) { readContent() }
    private val windowsRead = CoalescingDebounce(worker, timing.windowsDelayMillis, timing.windowsMinIntervalMillis) { readWindows() }

    /** Whether content changes of the app in front are read now. */
    val readsContent: Boolean get() = isExposed || foregroundWatched

    /** One accessibility event (copied on the main thread). */
    fun onEvent(event: EventSnapshot) {
        val pkg = event.packageName ?: return
        if (pkg == ownPackage) return
        when (event.eventType) {
            AccessibilityEvent.TYPE_WINDOW_STATE_CHANGED -> onWindowState(event, pkg)
            AccessibilityEvent.TYPE_WINDOW_CONTENT_CHANGED, AccessibilityEvent.TYPE_VIEW_TEXT_CHANGED -> onContentChange(pkg)
            AccessibilityEvent.TYPE_WINDOWS_CHANGED -> windowsRead.trigger()
            AccessibilityEvent.TYPE_NOTIFICATION_STATE_CHANGED, AccessibilityEvent.TYPE_VIEW_CLICKED ->
                events.fromEvent(clock.now(), event, null)?.let(::feed)
        }
    }

    /** The enabled accessibility services changed (ids `package/class`). */
    fun onAccessibilityServices(enabledServiceIds: List<String>) {
        val observation = SystemObservations.accessibility(clock.now(), enabledServiceIds, ownPackage)
        if (observation.enabled == lastAccessibility) return
        lastAccessibility = observation.enabled
        feed(observation)
    }

    /** The displays changed (or may have: listeners also fire for brightness and mode changes). */
    fun onDisplays(displays: List<ObservedDisplay>) {
        val observation = DisplayObservations.snapshot(clock.now(), displays)
        if (observation.displays == lastDisplays) return
        lastDisplays = observation.displays
        feed(observation)
    }

    /** The call state changed (`TelephonyManager.CALL_STATE_*`); [knownContact] null when unknown. */
    fun onCallState(telephonyCallState: Int, knownContact: Boolean?) {
        val observation = SystemObservations.call(clock.now(), telephonyCallState, knownContact) ?: return
        val last = lastCall
        if (last != null && last.state == observation.state && last.knownContact == observation.knownContact) return
        lastCall = observation
        feed(observation)
    }

    /** The screen turned on or off. */
    fun onScreen(on: Boolean) {
        feed(Observation.Screen(clock.now(), on))
        if (on) windowsRead.trigger()
    }

    /** The person's choice on the interruption. */
    fun onUserChoice(choice: UserChoice) = feed(Observation.User(clock.now(), choice))

    /** Drops pending reads (the service is going away). */
    fun stop() {
        contentRead.cancel()
        windowsRead.cancel()
    }

    private fun onWindowState(event: EventSnapshot, pkg: String) {
        val root = screen.activeWindowRoot()
        try {
            if (root != null && root.packageName?.toString() != pkg) {
                // A window that is not the active one (a keyboard, a panel of the system UI, a
                // toast) or the guard's own interruption on top: the app in front is unchanged.
                windowsRead.trigger()
                return
            }
            contentRead.cancel()
            if (root != null) stats.treeReads++
            val observation = events.fromEvent(clock.now(), event, root) ?: return
            if (pkg != foregroundPackage) {
                foregroundPackage = pkg
                foregroundWatched = isWatched(pkg)
            }
            feed(observation)
        } finally {
            root?.recycle()
        }
    }

    private fun onContentChange(pkg: String) {
        when {
            pkg == foregroundPackage -> if (readsContent) contentRead.trigger() else stats.contentSkipped++
            pkg in systemWindowPackages -> windowsRead.trigger()
            else -> stats.contentSkipped++
        }
    }

    private fun readContent() {
        val pkg = foregroundPackage ?: return
        if (!readsContent) {
            stats.contentSkipped++
            return
        }
        val root = screen.activeWindowRoot() ?: return
        try {
            val rootPackage = root.packageName?.toString()
            // The guard's interruption is in front: the app under it is not what is read.
            if (rootPackage == ownPackage || rootPackage == null) return
            stats.treeReads++
            val change = EventSnapshot(AccessibilityEvent.TYPE_WINDOW_CONTENT_CHANGED, pkg)
            events.fromEvent(clock.now(), change, root)?.let(::feed)
        } finally {
            root.recycle()
        }
    }

    private fun readWindows() {
        val observation = windowObservations.snapshot(clock.now(), screen.windows())
        stats.windowsSnapshots++
        systemWindowPackages = observation.windows
            .filter { it.type == WindowType.SYSTEM && it.packageName != ownPackage }
            .mapNotNullTo(HashSet()) { it.packageName }
        feed(observation)
    }

    /** Whether [pkg] has a category in the engine's rules; an engine failure counts as yes. */
    private fun isWatched(pkg: String): Boolean {
        if (categories.containsKey(pkg)) return categories[pkg] != null
        val category = try {
            engine.appCategory(pkg)
        } catch (e: EngineFailureException) {
            return true
        } catch (e: EngineClosedException) {
            return false
        }
        categories[pkg] = category
        return category != null
    }

    private fun feed(observation: Observation) {
        stats.observations++
        val decision = try {
            engine.observe(observation)
        } catch (e: EngineFailureException) {
            onEngineFailure(observation)
            return
        } catch (e: BadObservationException) {
            // Builders make valid observations; a refusal is a bug to report, not a reason to stop.
            log.log("engine refused a ${observation.kind} observation")
            return
        } catch (e: EngineClosedException) {
            return
        }
        if (!engineHealthy) {
            engineHealthy = true
            output.onEngineHealth(true)
        }
        isExposed = try {
            engine.isExposed()
        } catch (e: ShareGuardException) {
            isExposed
        }
        if (!isExposed) exposureReasons = emptyList()
        if (decision == null) return
        if (decision.action == Action.INTERRUPT) {
            val exposures = decision.reasons.filter { it.kind.isExposure }
            if (exposures.isNotEmpty()) exposureReasons = exposures
        }
        output.onDecision(decision, foregroundPackage)
    }

    private fun onEngineFailure(observation: Observation) {
        log.log("engine failed on a ${observation.kind} observation")
        if (engineHealthy) {
            engineHealthy = false
            output.onEngineHealth(false)
        }
        if (!isExposed && exposureReasons.isEmpty()) return
        val reasons = exposureReasons.ifEmpty { listOf(Reason(ReasonKind.SCREEN_SHARE)) }
        val warning = Decision(observation.t, Action.INTERRUPT, reasons, failureWarning.title, failureWarning.message)
        output.onDecision(warning, foregroundPackage)
    }

    private companion object {
        const val CATEGORY_CACHE = 64
    }
}
