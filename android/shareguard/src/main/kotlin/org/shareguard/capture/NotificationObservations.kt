package org.shareguard.capture

import android.app.Notification
import org.shareguard.Observation

/** The texts of a posted notification, behind an interface so plain JUnit can drive the builder. */
interface NotificationContent {
    val title: CharSequence?
    val text: CharSequence?
    val bigText: CharSequence?
    val subText: CharSequence?
    val tickerText: CharSequence?

    /** The lines of an inbox-style notification. */
    val textLines: List<CharSequence>

    /** An ongoing or foreground-service notification (a share's "正在共享屏幕" is one). */
    val isOngoing: Boolean
}

/** A [NotificationContent] over a framework notification's extras. */
class NotificationAdapter(private val notification: Notification) : NotificationContent {
    override val title: CharSequence? get() = notification.extras.getCharSequence(Notification.EXTRA_TITLE)
    override val text: CharSequence? get() = notification.extras.getCharSequence(Notification.EXTRA_TEXT)
    override val bigText: CharSequence? get() = notification.extras.getCharSequence(Notification.EXTRA_BIG_TEXT)
    override val subText: CharSequence? get() = notification.extras.getCharSequence(Notification.EXTRA_SUB_TEXT)
    override val tickerText: CharSequence? get() = notification.tickerText
    override val textLines: List<CharSequence>
        get() = notification.extras.getCharSequenceArray(Notification.EXTRA_TEXT_LINES)?.filterNotNull().orEmpty()
    override val isOngoing: Boolean
        get() = notification.flags and (Notification.FLAG_ONGOING_EVENT or Notification.FLAG_FOREGROUND_SERVICE) != 0
}

/**
 * Builds `notification` observations: title, text, big text, sub text, inbox lines and ticker,
 * each once, each cut to [maxTextLength], at most [maxTexts] of them.
 */
class NotificationObservations @JvmOverloads constructor(
    private val maxTextLength: Int = 500,
    private val maxTexts: Int = 12,
) {
    fun build(t: Long, packageName: String, content: NotificationContent): Observation.Notification {
        val texts = LinkedHashSet<String>()
        val candidates = sequenceOf(content.title, content.text, content.bigText, content.subText) +
            content.textLines.asSequence() + sequenceOf(content.tickerText)
        for (c in candidates) {
            if (texts.size >= maxTexts) break
            capText(c, maxTextLength)?.let(texts::add)
        }
        return Observation.Notification(t, packageName, texts.toList(), content.isOngoing)
    }
}
