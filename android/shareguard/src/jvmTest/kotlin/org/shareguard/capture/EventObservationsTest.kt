package org.shareguard.capture

import android.view.accessibility.AccessibilityEvent
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test
import org.shareguard.EditableField
import org.shareguard.Observation

class EventObservationsTest {
    private class FakeEvent(
        override val eventType: Int,
        override val packageName: CharSequence? = "com.icbc",
        override val className: CharSequence? = null,
        override val texts: List<CharSequence> = emptyList(),
        override val contentDescription: CharSequence? = null,
        override val isPassword: Boolean = false,
        override val notification: NotificationContent? = null,
    ) : ObservedEvent

    private val events = EventObservations()
    private fun bankScreen() = FakeNode(
        packageName = "com.icbc",
        children = listOf(node("转账"), FakeNode(hintText = "验证码", isEditable = true)),
    )
    private val root = bankScreen()

    @Test
    fun aWindowStateChangeReadsTheWindowTree() {
        val o = events.fromEvent(5, FakeEvent(AccessibilityEvent.TYPE_WINDOW_STATE_CHANGED, className = "x.Transfer"), root)
        assertEquals(Observation.Window(5, "com.icbc", "x.Transfer", listOf("转账"), listOf(EditableField(hint = "验证码"))), o)
        val noRoot = events.fromEvent(6, FakeEvent(AccessibilityEvent.TYPE_WINDOW_STATE_CHANGED, texts = listOf("工商银行")), null)
        assertEquals(Observation.Window(6, "com.icbc", null, listOf("工商银行")), noRoot)
        assertEquals(0, root.recycled)
    }

    @Test
    fun contentChangesAreFullSnapshotsOfTheRoot() {
        for (type in listOf(AccessibilityEvent.TYPE_WINDOW_CONTENT_CHANGED, AccessibilityEvent.TYPE_VIEW_TEXT_CHANGED)) {
            val o = events.fromEvent(7, FakeEvent(type, packageName = "com.android.systemui"), bankScreen())
            assertEquals(Observation.Content(7, "com.icbc", null, listOf("转账"), listOf(EditableField(hint = "验证码"))), o)
            assertNull(events.fromEvent(7, FakeEvent(type), null))
        }
    }

    @Test
    fun clicksCarryTheViewsTextsButNeverAPasswordFields() {
        val click = FakeEvent(AccessibilityEvent.TYPE_VIEW_CLICKED, texts = listOf("立即开始", " "), contentDescription = "立即开始")
        assertEquals(Observation.Click(8, "com.icbc", listOf("立即开始")), events.fromEvent(8, click, null))
        val password = FakeEvent(AccessibilityEvent.TYPE_VIEW_CLICKED, texts = listOf("123456"), isPassword = true)
        assertEquals(Observation.Click(9, "com.icbc", emptyList()), events.fromEvent(9, password, null))
    }

    @Test
    fun notificationsWithoutANotificationAndOtherEventsGiveNothing() {
        assertNull(events.fromEvent(1, FakeEvent(AccessibilityEvent.TYPE_NOTIFICATION_STATE_CHANGED, texts = listOf("toast")), null))
        assertNull(events.fromEvent(1, FakeEvent(AccessibilityEvent.TYPE_VIEW_SCROLLED), root))
        assertNull(events.fromEvent(1, FakeEvent(AccessibilityEvent.TYPE_WINDOWS_CHANGED), root))
        assertNull(events.fromEvent(1, FakeEvent(AccessibilityEvent.TYPE_VIEW_CLICKED, packageName = null), null))
    }

    @Test
    fun aPostedNotificationBecomesANotificationObservation() {
        val sms = FakeNotification(title = "10690000", text = "【工商银行】您的验证码为 483920")
        val o = events.fromEvent(3, FakeEvent(AccessibilityEvent.TYPE_NOTIFICATION_STATE_CHANGED, "com.android.mms", notification = sms), null)
        assertEquals(Observation.Notification(3, "com.android.mms", listOf("10690000", "【工商银行】您的验证码为 483920")), o)
    }
}

internal class FakeNotification(
    override val title: CharSequence? = null,
    override val text: CharSequence? = null,
    override val bigText: CharSequence? = null,
    override val subText: CharSequence? = null,
    override val tickerText: CharSequence? = null,
    override val textLines: List<CharSequence> = emptyList(),
    override val isOngoing: Boolean = false,
) : NotificationContent

class NotificationObservationsTest {
    @Test
    fun everyTextOnceCappedInOrder() {
        val n = FakeNotification(
            title = "腾讯会议",
            text = "屏幕共享中",
            bigText = "屏幕共享中",
            subText = " ",
            tickerText = "腾讯会议",
            textLines = listOf("line 1", "x".repeat(50)),
            isOngoing = true,
        )
        val o = NotificationObservations(maxTextLength = 10).build(1, "com.tencent.wemeet.app", n)
        assertEquals(Observation.Notification(1, "com.tencent.wemeet.app", listOf("腾讯会议", "屏幕共享中", "line 1", "x".repeat(10)), ongoing = true), o)
        val few = NotificationObservations(maxTexts = 2).build(1, "p", n)
        assertEquals(listOf("腾讯会议", "屏幕共享中"), few.texts)
    }
}
