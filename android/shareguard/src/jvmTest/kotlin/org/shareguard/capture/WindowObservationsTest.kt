package org.shareguard.capture

import android.view.accessibility.AccessibilityWindowInfo
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.shareguard.Observation
import org.shareguard.WindowSnapshot
import org.shareguard.WindowType

class WindowObservationsTest {
    private class FakeWindow(override val type: Int, override val title: CharSequence?, val rootNode: FakeNode?) : ObservedWindow {
        var recycled = 0
        var roots = 0

        override fun root(): ObservedNode? = rootNode?.also { roots++ }

        override fun recycle() {
            recycled++
        }
    }

    @Test
    fun systemWindowsGiveTextsAndEveryWindowIsRecycled() {
        val statusBar = FakeNode(packageName = "com.android.systemui", children = listOf(node("12:30"), node("正在共享屏幕")))
        val app = FakeNode(packageName = "com.eg.android.AlipayGphone", children = listOf(node("余额 500.00")))
        val windows = listOf(
            FakeWindow(AccessibilityWindowInfo.TYPE_SYSTEM, "Status bar", statusBar),
            FakeWindow(AccessibilityWindowInfo.TYPE_APPLICATION, "支付宝", app),
            FakeWindow(AccessibilityWindowInfo.TYPE_INPUT_METHOD, null, null),
            FakeWindow(99, "future type", FakeNode()),
            FakeWindow(AccessibilityWindowInfo.TYPE_ACCESSIBILITY_OVERLAY, null, FakeNode(packageName = "org.shareguard.guard")),
        )
        val o = WindowObservations().snapshot(4, windows)
        assertEquals(
            Observation.Windows(
                4,
                listOf(
                    WindowSnapshot(WindowType.SYSTEM, "com.android.systemui", "Status bar", listOf("12:30", "正在共享屏幕")),
                    WindowSnapshot(WindowType.APPLICATION, "com.eg.android.AlipayGphone", "支付宝"),
                    WindowSnapshot(WindowType.INPUT_METHOD),
                    WindowSnapshot(WindowType.ACCESSIBILITY_OVERLAY, "org.shareguard.guard"),
                ),
            ),
            o,
        )
        for (w in windows) {
            assertEquals(1, w.recycled, "window ${w.title}")
            assertEquals(w.roots, w.rootNode?.recycled ?: 0, "root of ${w.title}")
        }
    }

    @Test
    fun everyFrameworkTypeHasItsName() {
        assertEquals(
            listOf(WindowType.APPLICATION, WindowType.INPUT_METHOD, WindowType.SYSTEM, WindowType.ACCESSIBILITY_OVERLAY, WindowType.SPLIT_SCREEN_DIVIDER, WindowType.MAGNIFICATION),
            (1..6).map { WindowObservations.windowType(it) },
        )
    }
}
