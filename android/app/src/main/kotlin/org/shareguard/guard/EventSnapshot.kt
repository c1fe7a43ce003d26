package org.shareguard.guard

import android.view.accessibility.AccessibilityEvent
import org.shareguard.capture.NotificationContent
import org.shareguard.capture.ObservedEvent

/**
 * A copy of what the guard needs of an accessibility event, taken on the main thread (the
 * framework recycles the event when `onAccessibilityEvent` returns) and handed to the worker.
 *
 * Only what the event's type needs is copied: nothing but the type and package for content and
 * windows changes (the most frequent events); texts for window and click events; the
 * notification's texts for notifications. Nothing of a password field's event is copied.
 * `toString()` names the type and package only.
 */
class EventSnapshot(
    override val eventType: Int,
    override val packageName: String?,
    override val className: String? = null,
    override val texts: List<String> = emptyList(),
    override val contentDescription: String? = null,
    override val isPassword: Boolean = false,
    override val notification: NotificationSnapshot? = null,
) : ObservedEvent {
    override fun toString(): String = "EventSnapshot(type=$eventType, package=$packageName)"

    companion object {
        /** The snapshot of [event] (read now, on the caller's thread). */
        @JvmStatic
        fun of(event: ObservedEvent): EventSnapshot {
            val type = event.eventType
            val pkg = event.packageName?.toString()
            return when (type) {
                AccessibilityEvent.TYPE_WINDOW_STATE_CHANGED, AccessibilityEvent.TYPE_VIEW_CLICKED -> {
                    val password = event.isPassword
                    EventSnapshot(
                        eventType = type,
                        packageName = pkg,
                        className = event.className?.toString(),
                        texts = if (password) emptyList() else event.texts.map(CharSequence::toString),
                        contentDescription = if (password) null else event.contentDescription?.toString(),
                        isPassword = password,
                    )
                }
                AccessibilityEvent.TYPE_NOTIFICATION_STATE_CHANGED ->
                    EventSnapshot(type, pkg, notification = event.notification?.let(NotificationSnapshot::of))
                else -> EventSnapshot(type, pkg)
            }
        }
    }
}

/** A copy of a notification's texts. `toString()` leaves them out. */
class NotificationSnapshot(
    override val title: String?,
    override val text: String?,
    override val bigText: String?,
    override val subText: String?,
    override val tickerText: String?,
    override val textLines: List<String>,
    override val isOngoing: Boolean,
) : NotificationContent {
    override fun toString(): String = "NotificationSnapshot(ongoing=$isOngoing)"

    companion object {
        @JvmStatic
        fun of(n: NotificationContent): NotificationSnapshot = NotificationSnapshot(
            title = n.title?.toString(),
            text = n.text?.toString(),
            bigText = n.bigText?.toString(),
            subText = n.subText?.toString(),
            tickerText = n.tickerText?.toString(),
            textLines = n.textLines.map(CharSequence::toString),
            isOngoing = n.isOngoing,
        )
    }
}
