package org.shareguard.guard

import android.os.Handler
import android.os.HandlerThread
import android.os.Looper
import android.os.Message
import android.os.SystemClock
import android.util.Log

/**
 * The guard's one background thread: tree reads, the engine and the history file run here, so a
 * slow app tree or a slow engine never blocks the main thread. Behind an interface so plain JUnit
 * drives it with virtual time.
 */
interface GuardWorker {
    fun post(task: Runnable)

    fun postDelayed(task: Runnable, delayMillis: Long)

    /** Removes [task] if it has not run yet. */
    fun cancel(task: Runnable)

    /** Milliseconds of a monotonic clock (`SystemClock.uptimeMillis()` on a phone). */
    fun uptimeMillis(): Long
}

/** A [GuardWorker] on a [HandlerThread]. */
class HandlerWorker private constructor(private val thread: HandlerThread) : GuardWorker {
    /**
     * A framework call that throws on this thread (a node or window accessor, unparcelling a
     * notification) must not kill the process and take the interruption down with it: the task
     * is dropped and its class logged. Wrapping dispatch, not tasks, keeps [cancel] working.
     */
    private val handler = object : Handler(thread.looper) {
        override fun dispatchMessage(msg: Message) {
            try {
                super.dispatchMessage(msg)
            } catch (e: RuntimeException) {
                Log.w("ShareGuard", "a worker task failed: ${e.javaClass.simpleName}")
            }
        }
    }

    override fun post(task: Runnable) {
        handler.post(task)
    }

    override fun postDelayed(task: Runnable, delayMillis: Long) {
        handler.postDelayed(task, delayMillis)
    }

    override fun cancel(task: Runnable) = handler.removeCallbacks(task)

    override fun uptimeMillis(): Long = SystemClock.uptimeMillis()

    val looper: Looper get() = thread.looper

    /** Ends the thread once the tasks already queued have run. */
    fun quit() {
        thread.quitSafely()
    }

    companion object {
        /** Starts a worker thread named [name], at background priority. */
        @JvmStatic
        fun start(name: String): HandlerWorker {
            val thread = HandlerThread(name, android.os.Process.THREAD_PRIORITY_BACKGROUND)
            thread.start()
            return HandlerWorker(thread)
        }
    }
}

/**
 * Coalesces a burst of triggers into one run of [action] on [worker]: the first trigger schedules
 * the run [delayMillis] later (and never sooner than [minIntervalMillis] after the previous run);
 * triggers while a run is pending add nothing. The action reads the state as it is when it runs
 * (a full snapshot), so nothing a coalesced trigger announced is lost.
 *
 * A ticking clock or a progress bar that changes every frame costs at most one read per
 * [minIntervalMillis]. Use it from the worker thread only.
 */
class CoalescingDebounce(
    private val worker: GuardWorker,
    private val delayMillis: Long,
    private val minIntervalMillis: Long,
    private val action: Runnable,
) {
    init {
        require(delayMillis >= 0 && minIntervalMillis >= 0) { "delays must not be negative" }
    }

    /** A run is scheduled and has not happened yet. */
    var isPending: Boolean = false
        private set

    private var lastRun: Long? = null

    private val run = Runnable {
        isPending = false
        lastRun = worker.uptimeMillis()
        action.run()
    }

    /** Asks for a run; returns true when this trigger scheduled it. */
    fun trigger(): Boolean {
        if (isPending) return false
        val now = worker.uptimeMillis()
        val earliest = lastRun?.let { it + minIntervalMillis } ?: now
        isPending = true
        worker.postDelayed(run, maxOf(delayMillis, earliest - now))
        return true
    }

    /** Drops a pending run (a fuller read just happened). */
    fun cancel() {
        if (!isPending) return
        worker.cancel(run)
        isPending = false
    }
}
