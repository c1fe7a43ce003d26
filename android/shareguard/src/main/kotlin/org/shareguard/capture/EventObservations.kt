package org.shareguard.capture

import android.app.Notification
import android.view.accessibility.AccessibilityEvent
import org.shareguard.Observation

/** The part of an `AccessibilityEvent` the builders read, behind an interface for plain JUnit. */
interface ObservedEvent {
    val eventType: Int
    val packageName: CharSequence?
    val className: CharSequence?

    /** The event's texts (`AccessibilityEvent.getText()`). */
    val texts: List<CharSequence>
    val contentDescription: CharSequence?

    /** The event comes from a password field: its texts are never read. */
    val isPassword: Boolean

    /** The posted notification of a notification event; null for toasts and other events. */
    val notification: NotificationContent?
}

/** An [ObservedEvent] over a framework event. */
class AccessibilityEventAdapter(private val event: AccessibilityEvent) : ObservedEvent {
    override val eventType: Int get() = event.eventType
    override val packageName: CharSequence? get() = event.packageName
    override val className: CharSequence? get() = event.className
    override val texts: List<CharSequence> get() = event.text.filterNotNull()
    override val contentDescription: CharSequence? get() = event.contentDescription
    override val isPassword: Boolean get() = event.isPassword
    override val notification: NotificationContent?
        get() = (event.parcelableData as? Notification)?.let(::NotificationAdapter)
}

/**
 * Turns accessibility events into observations of the trace format:
 *
 * | event | observation |
 * |---|---|
 * | `TYPE_WINDOW_STATE_CHANGED` | `window`: the tree of [windowRoot] (else the event's texts) |
 * | `TYPE_WINDOW_CONTENT_CHANGED`, `TYPE_VIEW_TEXT_CHANGED` | `content`: the tree of [windowRoot], a full snapshot |
 * | `TYPE_NOTIFICATION_STATE_CHANGED` with a `Notification` | `notification` (toasts give none) |
 * | `TYPE_VIEW_CLICKED` | `click`: the view's texts and content description (none for a password field) |
 *
 * Other events, and events without a package, give null. `TYPE_WINDOWS_CHANGED` is answered with
 * a [WindowObservations] snapshot by the caller, which holds the window list.
 */
class EventObservations @JvmOverloads constructor(
    private val treeReader: NodeTreeReader = NodeTreeReader(),
    private val notifications: NotificationObservations = NotificationObservations(),
    private val maxTextLength: Int = 500,
) {
    /**
     * The observation of [event] at [t]. [windowRoot] is the root of the foreground window
     * (`AccessibilityService.getRootInActiveWindow()`), read for window and content events; it
     * stays the caller's to recycle.
     */
    fun fromEvent(t: Long, event: ObservedEvent, windowRoot: ObservedNode?): Observation? {
        val eventPackage = event.packageName?.toString() ?: return null
        return when (event.eventType) {
            AccessibilityEvent.TYPE_WINDOW_STATE_CHANGED -> {
                val className = event.className?.toString()
                if (windowRoot != null) {
                    val content = treeReader.read(windowRoot)
                    Observation.Window(t, eventPackage, className, content.texts, content.fields)
                } else {
                    Observation.Window(t, eventPackage, className, eventTexts(event))
                }
            }
            AccessibilityEvent.TYPE_WINDOW_CONTENT_CHANGED, AccessibilityEvent.TYPE_VIEW_TEXT_CHANGED -> {
                val root = windowRoot ?: return null
                val content = treeReader.read(root)
                val rootPackage = root.packageName?.toString() ?: eventPackage
                Observation.Content(t, rootPackage, null, content.texts, content.fields)
            }
            AccessibilityEvent.TYPE_NOTIFICATION_STATE_CHANGED ->
                event.notification?.let { notifications.build(t, eventPackage, it) }
            AccessibilityEvent.TYPE_VIEW_CLICKED -> Observation.Click(t, eventPackage, eventTexts(event))
            else -> null
        }
    }

    private fun eventTexts(event: ObservedEvent): List<String> {
        if (event.isPassword) return emptyList()
        val texts = LinkedHashSet<String>()
        for (c in event.texts) capText(c, maxTextLength)?.let(texts::add)
        capText(event.contentDescription, maxTextLength)?.let(texts::add)
        return texts.toList()
    }
}
