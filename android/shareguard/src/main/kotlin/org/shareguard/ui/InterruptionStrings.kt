package org.shareguard.ui

/**
 * The interruption's button labels. The title and message come from the engine, in the engine's
 * locale; these follow the same rule: `zh…` is Chinese, anything else English.
 */
class InterruptionStrings(
    val stopSharing: String,
    val leave: String,
    val callHotline: String,
    val continueAnyway: String,
    /** The 继续 label during the countdown; `%d` is the seconds left. */
    private val continueCountdown: String,
) {
    /** The 继续 label with [remainingSeconds] left (0: enabled). */
    fun continueLabel(remainingSeconds: Int): String =
        if (remainingSeconds <= 0) continueAnyway else continueCountdown.replace("%d", remainingSeconds.toString())

    companion object {
        /** The anti-fraud hotline the call button dials. */
        const val HOTLINE = "96110"

        @JvmField
        val ZH_CN = InterruptionStrings(
            stopSharing = "停止共享",
            leave = "离开",
            callHotline = "拨打$HOTLINE",
            continueAnyway = "继续",
            continueCountdown = "继续（%d秒）",
        )

        @JvmField
        val EN = InterruptionStrings(
            stopSharing = "Stop sharing",
            leave = "Leave",
            callHotline = "Call $HOTLINE",
            continueAnyway = "Continue",
            continueCountdown = "Continue (%d s)",
        )

        /** The labels for a BCP 47 tag. */
        @JvmStatic
        fun forLocale(tag: String): InterruptionStrings =
            if (tag.substringBefore('-').substringBefore('_').equals("zh", ignoreCase = true)) ZH_CN else EN
    }
}
