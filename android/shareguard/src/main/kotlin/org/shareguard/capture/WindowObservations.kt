package org.shareguard.capture

import android.os.Build
import android.view.accessibility.AccessibilityWindowInfo
import org.shareguard.Observation
import org.shareguard.WindowSnapshot
import org.shareguard.WindowType

/** The part of an `AccessibilityWindowInfo` the builders read, behind an interface for plain JUnit. */
interface ObservedWindow {
    /** `AccessibilityWindowInfo.TYPE_*`. */
    val type: Int
    val title: CharSequence?

    /** The window's root node, which the caller must recycle; null if it went away. */
    fun root(): ObservedNode?

    /** Gives the window back to the framework's pool (a no-op from Android 13 on). */
    fun recycle()
}

/** An [ObservedWindow] over a framework window. */
class AccessibilityWindow(private val info: AccessibilityWindowInfo) : ObservedWindow {
    override val type: Int get() = info.type
    override val title: CharSequence? get() = info.title

    override fun root(): ObservedNode? = info.root?.let(::AccessibilityNode)

    override fun recycle() {
        if (Build.VERSION.SDK_INT < Build.VERSION_CODES.TIRAMISU) {
            @Suppress("DEPRECATION")
            info.recycle()
        }
    }
}

/**
 * Builds `windows` snapshots (`AccessibilityService.getWindows()`). Every window gives its type,
 * package and title; only windows of the types in [readTextsOf] give their texts (by default
 * the system windows, where the status bar shows a share's chip), read with [treeReader]'s
 * small caps: the foreground app's texts come with `window` and `content` observations.
 * Windows of a type the trace format does not name are left out.
 */
class WindowObservations @JvmOverloads constructor(
    private val treeReader: NodeTreeReader = NodeTreeReader(TreeLimits(maxDepth = 12, maxNodes = 150, maxTextLength = 120)),
    private val readTextsOf: Set<WindowType> = setOf(WindowType.SYSTEM),
    private val maxTitleLength: Int = 120,
) {
    /** The snapshot of [windows]; it takes them over and recycles each, and each root it reads. */
    fun snapshot(t: Long, windows: List<ObservedWindow>): Observation.Windows {
        val snapshots = ArrayList<WindowSnapshot>(windows.size)
        for (window in windows) {
            try {
                snapshotOf(window)?.let(snapshots::add)
            } finally {
                window.recycle()
            }
        }
        return Observation.Windows(t, snapshots)
    }

    private fun snapshotOf(window: ObservedWindow): WindowSnapshot? {
        val type = windowType(window.type) ?: return null
        val title = capText(window.title, maxTitleLength)
        val root = window.root() ?: return WindowSnapshot(type, null, title)
        try {
            val packageName = root.packageName?.toString()
            val texts = if (type in readTextsOf) treeReader.read(root).texts else emptyList()
            return WindowSnapshot(type, packageName, title, texts)
        } finally {
            root.recycle()
        }
    }

    companion object {
        /** The trace format's type of an `AccessibilityWindowInfo.TYPE_*`, or null. */
        @JvmStatic
        fun windowType(type: Int): WindowType? = when (type) {
            AccessibilityWindowInfo.TYPE_APPLICATION -> WindowType.APPLICATION
            AccessibilityWindowInfo.TYPE_SYSTEM -> WindowType.SYSTEM
            AccessibilityWindowInfo.TYPE_INPUT_METHOD -> WindowType.INPUT_METHOD
            AccessibilityWindowInfo.TYPE_ACCESSIBILITY_OVERLAY -> WindowType.ACCESSIBILITY_OVERLAY
            AccessibilityWindowInfo.TYPE_SPLIT_SCREEN_DIVIDER -> WindowType.SPLIT_SCREEN_DIVIDER
            AccessibilityWindowInfo.TYPE_MAGNIFICATION_OVERLAY -> WindowType.MAGNIFICATION
            else -> null
        }
    }
}
