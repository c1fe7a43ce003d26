package org.shareguard.inapp

import android.app.Activity
import org.shareguard.ui.InterruptionState

/**
 * How [ShareGuard.install] sets ShareGuard up in an app: the language, the rules, which
 * activities are sensitive and how, who hears the decisions, and the optional protections.
 * Made with [builder]; immutable.
 *
 * ```
 * ShareGuardConfig.builder()
 *     .markActivity(TransferActivity::class.java, Marking.TRANSFER)
 *     .listener(riskListener)
 *     .protection(Protection.FLAG_SECURE)
 *     .build()
 * ```
 */
class ShareGuardConfig private constructor(builder: Builder) {
    /** The language of the warning, a BCP 47 tag: `zh…` is Chinese, anything else English. */
    val locale: String = builder.locale

    /** An override rules file for the engine, or null for the built-in rules. */
    val rulesJson: String? = builder.rulesJson

    /** Who hears the decisions; null: nobody. */
    val listener: ShareGuardListener? = builder.listener

    /** What marked screens get while exposed. */
    val protection: Protection = builder.protection

    /** Whether the library shows its own interruption (false: the app shows its own UI). */
    val showInterruption: Boolean = builder.showInterruption

    /** How long 继续 stays disabled on the interruption. */
    val continueCountdownMillis: Long = builder.continueCountdownMillis

    /** Whether installed remote-control and screen-sharing apps are reported to the listener. */
    val reportRiskyApps: Boolean = builder.reportRiskyApps

    /** Whether the call state is observed (only ever when the app holds `READ_PHONE_STATE`). */
    val watchCallState: Boolean = builder.watchCallState

    private val markedActivities: Map<String, Marking> = LinkedHashMap(builder.markedActivities)

    /** The marking of an activity class (by its name), or null when it is not marked. */
    fun markingOf(activityClassName: String): Marking? = markedActivities[activityClassName]

    /** Builds a [ShareGuardConfig]; every setting has a default. */
    class Builder internal constructor() {
        internal var locale: String = "zh-CN"
        internal var rulesJson: String? = null
        internal var listener: ShareGuardListener? = null
        internal var protection: Protection = Protection.NONE
        internal var showInterruption: Boolean = true
        internal var continueCountdownMillis: Long = InterruptionState.DEFAULT_COUNTDOWN_MILLIS
        internal var reportRiskyApps: Boolean = true
        internal var watchCallState: Boolean = true
        internal val markedActivities = LinkedHashMap<String, Marking>()

        /** The warning's language (default `zh-CN`). */
        fun locale(tag: String): Builder = apply { locale = tag }

        /**
         * An override rules file (`"mode":"extend"` adds to the built-in rules); null for the
         * built-in rules. A bad file makes [ShareGuard.install] throw `BadRulesException`.
         */
        fun rules(json: String?): Builder = apply { rulesJson = json }

        /** Every screen of [activity] is sensitive, as [marking]. */
        fun markActivity(activity: Class<out Activity>, marking: Marking): Builder =
            markActivity(activity.name, marking)

        /** Every screen of the activity class named [activityClassName] is sensitive, as [marking]. */
        fun markActivity(activityClassName: String, marking: Marking): Builder = apply {
            require(activityClassName.isNotBlank()) { "an activity class name must not be blank" }
            markedActivities[activityClassName] = marking
        }

        /** Who hears the decisions (called on the main thread). */
        fun listener(listener: ShareGuardListener?): Builder = apply { this.listener = listener }

        /** What marked screens get while exposed (default [Protection.NONE]). */
        fun protection(protection: Protection): Builder = apply { this.protection = protection }

        /**
         * Whether the library shows its full-screen interruption (default true). With false the
         * app shows its own, and reports the person's choice with [ShareGuardSession.reportUserChoice].
         */
        fun showInterruption(show: Boolean): Builder = apply { showInterruption = show }

        /** How long 继续 stays disabled, in milliseconds (default 5 s). */
        fun continueCountdownMillis(millis: Long): Builder = apply {
            require(millis >= 0) { "the countdown must not be negative" }
            continueCountdownMillis = millis
        }

        /** Whether installed remote-control and screen-sharing apps are reported (default true). */
        fun reportRiskyApps(report: Boolean): Builder = apply { reportRiskyApps = report }

        /** Whether the call state is observed where the app holds `READ_PHONE_STATE` (default true). */
        fun watchCallState(watch: Boolean): Builder = apply { watchCallState = watch }

        fun build(): ShareGuardConfig = ShareGuardConfig(this)
    }

    companion object {
        /** A builder with the defaults. */
        @JvmStatic
        fun builder(): Builder = Builder()
    }
}
