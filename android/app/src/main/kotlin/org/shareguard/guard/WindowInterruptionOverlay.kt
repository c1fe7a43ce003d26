package org.shareguard.guard

import android.annotation.SuppressLint
import android.content.Context
import android.os.Build
import android.view.KeyEvent
import android.view.View
import android.view.ViewGroup
import android.view.WindowManager
import android.widget.FrameLayout
import org.shareguard.Decision
import org.shareguard.ui.InterruptionListener
import org.shareguard.ui.InterruptionStrings
import org.shareguard.ui.InterruptionView

/**
 * The interruption's window: the library's [InterruptionView] in a full-screen window of
 * [windowType] (`TYPE_ACCESSIBILITY_OVERLAY` from the accessibility service, which needs no
 * overlay permission; `TYPE_APPLICATION` over the status screen for "try it"), with
 * `FLAG_SECURE` so the far side of a share sees nothing of it. The back key goes to [onBackKey].
 *
 * [context] must be the service (or the activity) whose window manager may add [windowType].
 */
class WindowInterruptionOverlay(
    context: Context,
    windowType: Int,
    strings: InterruptionStrings,
    listener: InterruptionListener,
    onBackKey: () -> Boolean,
) : InterruptionOverlay {
    private val windowManager: WindowManager = systemService(context, WindowManager::class.java)
    private val view = InterruptionView(context, listener, strings)
    private val frame = BackKeyFrame(context, onBackKey)
    private val params = InterruptionView.layoutParams(windowType).apply {
        title = "ShareGuard"
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.P) {
            layoutInDisplayCutoutMode = WindowManager.LayoutParams.LAYOUT_IN_DISPLAY_CUTOUT_MODE_SHORT_EDGES
        }
    }
    private var added = false

    init {
        frame.addView(view, FrameLayout.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT, ViewGroup.LayoutParams.MATCH_PARENT))
        frame.addOnAttachStateChangeListener(object : View.OnAttachStateChangeListener {
            override fun onViewAttachedToWindow(v: View) = Unit

            // Also when the system takes the window away: the controller then puts it back.
            override fun onViewDetachedFromWindow(v: View) {
                added = false
            }
        })
    }

    override val isAttached: Boolean get() = added

    override fun attach() {
        if (added) return
        windowManager.addView(frame, params)
        added = true
    }

    override fun show(decision: Decision) {
        view.show(decision)
        frame.requestFocus()
    }

    override fun hide() = view.dismiss()

    override fun detach() {
        if (!added) return
        added = false
        windowManager.removeViewImmediate(frame)
    }

    override fun relayout() {
        if (added) windowManager.updateViewLayout(frame, params)
    }

    /** The window's root: it takes the back key before the interruption view does. */
    @SuppressLint("ViewConstructor")
    private class BackKeyFrame(context: Context, private val onBackKey: () -> Boolean) : FrameLayout(context) {
        init {
            isFocusable = true
            isFocusableInTouchMode = true
        }

        override fun dispatchKeyEvent(event: KeyEvent): Boolean {
            val back = event.keyCode == KeyEvent.KEYCODE_BACK || event.keyCode == KeyEvent.KEYCODE_ESCAPE
            return if (back && onBackKey()) true else super.dispatchKeyEvent(event)
        }
    }
}
