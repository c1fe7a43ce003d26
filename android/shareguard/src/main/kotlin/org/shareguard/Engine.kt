package org.shareguard

import java.util.concurrent.atomic.AtomicBoolean

/**
 * The ShareGuard engine: observations in, decisions out. Every decision is made in the native
 * library; this class is a thin, thread-safe handle to it. One engine per phone (the guard app)
 * or per app (bank mode); the accessibility thread and the UI thread may share it.
 *
 * ```
 * Engine("zh-CN").use { engine ->
 *     engine.observe(Observation.Window(t, "com.icbc"))?.let(::showOrHide)
 * }
 * ```
 *
 * Every method may throw [EngineFailureException]: the engine failed inside, and the caller
 * must fail toward protecting the person (warn rather than stay silent). After [close], every
 * method but [close] throws [EngineClosedException].
 *
 * @param locale the language of the warnings, a BCP 47 tag: `zh…` is Chinese, anything else English.
 * @param rulesJson an override rules file (`"mode":"extend"` adds to the built-in rules,
 *   `"replace"` stands alone); null for the built-in rules.
 * @throws BadRulesException if [rulesJson] is refused.
 */
class Engine @JvmOverloads constructor(locale: String = "zh-CN", rulesJson: String? = null) : AutoCloseable {
    internal val handle: Long = NativeBridge.engineNew(locale, rulesJson)
    private val closed = AtomicBoolean(false)

    /** Observes one observation; the decision when what the phone shows must change, else null. */
    fun observe(observation: Observation): Decision? = observeJson(observation.toJson())

    /**
     * Observes one trace line (for instance from a recorded trace).
     * @throws BadObservationException if the line is not an observation of the trace format
     *   (the engine keeps working).
     */
    fun observeJson(observationJson: String): Decision? =
        NativeBridge.engineObserve(handle, observationJson)?.let(Decision::fromJson)

    /**
     * Observes [observations] in order, under one lock: no other thread's observation comes
     * between them. Observations built by this library are always valid; should the engine
     * refuse one anyway, that is an [EngineFailureException] (thrown after the others were observed).
     */
    fun observeBatch(observations: List<Observation>): List<Decision> {
        val lines = StringBuilder(observations.size * 128)
        for (o in observations) lines.append(o.toJson()).append('\n')
        val result = observeBatchJson(lines.toString())
        if (result.badLines.isNotEmpty()) {
            throw EngineFailureException("the engine refused ${result.badLines.size} observations of a batch")
        }
        return result.decisions
    }

    /**
     * Observes trace lines (one JSON object per line) in order, under one lock. Blank lines are
     * skipped; a bad line is skipped and reported in [BatchResult.badLines], and the rest go on.
     */
    fun observeBatchJson(observationsJsonLines: String): BatchResult =
        BatchResult.fromJson(NativeBridge.engineObserveBatch(handle, observationsJsonLines))

    /** Tells the engine what the person chose on the interruption (a `user` observation). */
    fun userChoice(t: Long, choice: UserChoice): Decision? = observe(Observation.User(t, choice))

    /**
     * Loads an override rules file.
     * @throws BadRulesException if it is refused; the rules in force stay.
     */
    fun loadRules(rulesJson: String) = NativeBridge.engineLoadRules(handle, rulesJson)

    /**
     * What a text (a verification code?) and a package (which category of app?) show, with this
     * engine's rules. Does not change the engine's state.
     */
    @JvmOverloads
    fun scan(text: String?, packageName: String? = null): ScanResult =
        ScanResult.fromJson(NativeBridge.engineScan(handle, text, packageName))

    /** The engine's state. */
    fun status(): EngineStatus = EngineStatus.fromJson(NativeBridge.engineStatus(handle))

    /** Frees the engine. Closing twice does nothing; calls in flight on other threads finish. */
    override fun close() {
        if (closed.compareAndSet(false, true)) NativeBridge.engineClose(handle)
    }
}
