package org.shareguard.guard

import android.view.accessibility.AccessibilityEvent
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.shareguard.capture.NotificationContent
import org.shareguard.capture.ObservedEvent

class EventSnapshotTest {
    /** An event whose texts fail the test when read for [forbidTexts]. */
    private class FakeEvent(
        override val eventType: Int,
        override val packageName: CharSequence?,
        private val textList: List<CharSequence> = emptyList(),
        private val description: CharSequence? = null,
        override val isPassword: Boolean = false,
        override val notification: NotificationContent? = null,
        override val className: CharSequence? = null,
        private val forbidTexts: Boolean = false,
    ) : ObservedEvent {
        override val texts: List<CharSequence>
            get() {
                check(!forbidTexts) { "texts read" }
                return textList
            }
        override val contentDescription: CharSequence?
            get() {
                check(!forbidTexts) { "description read" }
                return description
            }
    }

    @Test
    fun aWindowOrClickEventKeepsItsTexts() {
        val click = EventSnapshot.of(FakeEvent(AccessibilityEvent.TYPE_VIEW_CLICKED, "com.android.systemui", listOf("立即开始"), "开始"))
        assertEquals(listOf("立即开始"), click.texts)
        assertEquals("开始", click.contentDescription)
        assertEquals("com.android.systemui", click.packageName)
    }

    @Test
    fun nothingOfAPasswordFieldsEventIsCopied() {
        val event = FakeEvent(AccessibilityEvent.TYPE_VIEW_CLICKED, "com.example.bank", isPassword = true, forbidTexts = true)
        val snapshot = EventSnapshot.of(event)
        assertTrue(snapshot.texts.isEmpty())
        assertNull(snapshot.contentDescription)
        assertTrue(snapshot.isPassword)
    }

    @Test
    fun contentAndWindowsChangesCopyNoText() {
        for (type in listOf(AccessibilityEvent.TYPE_WINDOW_CONTENT_CHANGED, AccessibilityEvent.TYPE_VIEW_TEXT_CHANGED, AccessibilityEvent.TYPE_WINDOWS_CHANGED)) {
            val snapshot = EventSnapshot.of(FakeEvent(type, "com.example.bank", forbidTexts = true))
            assertEquals(type, snapshot.eventType)
            assertEquals("com.example.bank", snapshot.packageName)
            assertTrue(snapshot.texts.isEmpty())
        }
    }

    @Test
    fun aNotificationsTextsAreCopiedAndItsToStringHidesThem() {
        val content = object : NotificationContent {
            override val title: CharSequence = "95588"
            override val text: CharSequence = "验证码 592047"
            override val bigText: CharSequence? = null
            override val subText: CharSequence? = null
            override val tickerText: CharSequence? = null
            override val textLines: List<CharSequence> = listOf("第一行")
            override val isOngoing = false
        }
        val snapshot = EventSnapshot.of(FakeEvent(AccessibilityEvent.TYPE_NOTIFICATION_STATE_CHANGED, "com.android.mms", notification = content))
        val n = snapshot.notification!!
        assertEquals("验证码 592047", n.text)
        assertEquals(listOf("第一行"), n.textLines)
        assertFalse(n.isOngoing)
        assertFalse(snapshot.toString().contains("592047") || n.toString().contains("592047"))
    }
}
