package org.shareguard.guard

import org.shareguard.Action
import org.shareguard.AppCategory
import org.shareguard.Decision
import org.shareguard.EngineFailureException
import org.shareguard.Observation
import org.shareguard.Reason
import org.shareguard.ReasonKind
import org.shareguard.capture.ObservedNode
import org.shareguard.capture.ObservedWindow

/** A [GuardWorker] on virtual time: tasks run only when the test advances the clock. */
internal class FakeWorker : GuardWorker {
    private class Task(val at: Long, val seq: Long, val runnable: Runnable)

    private val tasks = ArrayList<Task>()
    private var seq = 0L
    var now = 0L
        private set

    override fun post(task: Runnable) = postDelayed(task, 0)

    override fun postDelayed(task: Runnable, delayMillis: Long) {
        require(delayMillis >= 0)
        tasks.add(Task(now + delayMillis, seq++, task))
    }

    override fun cancel(task: Runnable) {
        tasks.removeAll { it.runnable === task }
    }

    override fun uptimeMillis(): Long = now

    /** Pending tasks. */
    val pending: Int get() = tasks.size

    /** Runs, in time order, every task due within [millis] from now, and moves the clock on. */
    fun advance(millis: Long) {
        val target = now + millis
        while (true) {
            val next = tasks.filter { it.at <= target }.minWithOrNull(compareBy<Task>({ it.at }, { it.seq })) ?: break
            tasks.remove(next)
            now = next.at
            next.runnable.run()
        }
        now = target
    }
}

/**
 * A node of a fake window tree: counts how often it is obtained and recycled, and fails the test
 * if a password node's text is read.
 */
internal class FakeNode(
    private val textValue: String? = null,
    override val contentDescription: CharSequence? = null,
    override val hintText: CharSequence? = null,
    override val viewIdResourceName: String? = null,
    override val isEditable: Boolean = false,
    override val isPassword: Boolean = false,
    override val isVisibleToUser: Boolean = true,
    override val packageName: CharSequence? = null,
    val children: List<FakeNode> = emptyList(),
) : ObservedNode {
    var recycled = 0
        private set
    var obtained = 0
        private set

    override val text: CharSequence?
        get() {
            check(!isPassword) { "a password node's text was read" }
            return textValue
        }

    override val childCount: Int get() = children.size

    override fun child(index: Int): ObservedNode = children[index].also { it.obtained++ }

    override fun recycle() {
        check(recycled == 0) { "recycled twice" }
        recycled++
    }

    fun all(): List<FakeNode> = listOf(this) + children.flatMap { it.all() }
}

/** A window tree of [pkg] with [texts] and, optionally, [fields] under one root. */
internal fun tree(pkg: String, texts: List<String>, fields: List<FakeNode> = emptyList()): FakeNode =
    FakeNode(packageName = pkg, children = texts.map { FakeNode(it, packageName = pkg) } + fields)

/** A fake accessibility window. */
internal class FakeWindow(override val type: Int, override val title: CharSequence?, private val root: () -> FakeNode?) : ObservedWindow {
    var recycled = 0
        private set
    val roots = ArrayList<FakeNode>()

    override fun root(): ObservedNode? = root.invoke()?.also { roots.add(it) }

    override fun recycle() {
        recycled++
    }
}

/**
 * The screen: [active] makes the active window's tree and [windowsNow] the window list (fresh
 * objects per read, as the framework gives); everything handed out is kept to check its recycling.
 */
internal class FakeScreen : ScreenSource {
    var active: (() -> FakeNode?) = { null }
    var windowsNow: () -> List<FakeWindow> = { emptyList() }
    val rootsHandedOut = ArrayList<FakeNode>()
    val windowsHandedOut = ArrayList<FakeWindow>()

    override fun activeWindowRoot(): ObservedNode? = active()?.also { rootsHandedOut.add(it) }

    override fun windows(): List<ObservedWindow> = windowsNow().also { windowsHandedOut.addAll(it) }

    /** Every root and window handed out was recycled once, and every child node obtained below them too. */
    fun assertAllRecycled() {
        for (root in rootsHandedOut + windowsHandedOut.flatMap { it.roots }) {
            check(root.recycled == 1) { "a root was not recycled" }
            for (n in root.all().drop(1)) check(n.obtained == n.recycled) { "a child node was not recycled" }
        }
        for (w in windowsHandedOut) check(w.recycled == 1) { "a window was not recycled" }
    }
}

/** A [DecisionEngine] the test steers. */
internal class FakeEngine : DecisionEngine {
    val observed = ArrayList<Observation>()
    val categories = HashMap<String, AppCategory>()
    var categoryLookups = 0
    var exposed = false
    var failing = false
    var decide: (Observation) -> Decision? = { null }

    override fun observe(observation: Observation): Decision? {
        if (failing) throw EngineFailureException("test failure")
        observed.add(observation)
        return decide(observation)
    }

    override fun appCategory(packageName: String): AppCategory? {
        categoryLookups++
        if (failing) throw EngineFailureException("test failure")
        return categories[packageName]
    }

    override fun isExposed(): Boolean {
        if (failing) throw EngineFailureException("test failure")
        return exposed
    }

    inline fun <reified T : Observation> observedOf(): List<T> = observed.filterIsInstance<T>()
}

/** Collects what the monitor sends to the main thread. */
internal class RecordingOutput : MonitorOutput {
    val decisions = ArrayList<Pair<Decision, String?>>()
    val health = ArrayList<Boolean>()

    override fun onDecision(decision: Decision, app: String?) {
        decisions.add(decision to app)
    }

    override fun onEngineHealth(healthy: Boolean) {
        health.add(healthy)
    }
}

internal fun interrupt(t: Long, vararg reasons: Reason, title: String = "停！", message: String = "拨打96110") =
    Decision(t, Action.INTERRUPT, reasons.toList(), title, message)

internal fun clear(t: Long) = Decision(t, Action.CLEAR, emptyList(), null, null)

internal val SHARE = Reason(ReasonKind.SCREEN_SHARE, "status_bar")
internal val OTP = Reason(ReasonKind.OTP, "sms_notification")
internal val BANKING = Reason(ReasonKind.BANKING_APP)

/** The interruption's window, recording what the controller does to it. */
internal class FakeOverlay : InterruptionOverlay {
    override var isAttached = false
    var refuse = false
    val calls = ArrayList<String>()
    var showing: Decision? = null

    override fun attach() {
        if (refuse) throw IllegalStateException("window refused")
        calls.add("attach")
        isAttached = true
    }

    override fun show(decision: Decision) {
        calls.add("show")
        showing = decision
    }

    override fun hide() {
        calls.add("hide")
        showing = null
    }

    override fun detach() {
        calls.add("detach")
        isAttached = false
    }

    override fun relayout() {
        calls.add("relayout")
    }
}

/** Records the buttons' actions. */
internal class FakeActions : GuardActions {
    val done = ArrayList<String>()

    override fun stopSharing() {
        done.add("stop_sharing")
    }

    override fun goHome() {
        done.add("home")
    }

    override fun dialHotline() {
        done.add("dial")
    }
}
