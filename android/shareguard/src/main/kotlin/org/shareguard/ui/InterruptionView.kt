package org.shareguard.ui

import android.content.Context
import android.graphics.Color
import android.graphics.PixelFormat
import android.graphics.Typeface
import android.os.Build
import android.os.SystemClock
import android.util.TypedValue
import android.view.Gravity
import android.view.KeyEvent
import android.view.View
import android.view.ViewGroup
import android.view.WindowManager
import android.widget.Button
import android.widget.FrameLayout
import android.widget.LinearLayout
import android.widget.ScrollView
import android.widget.TextView
import org.shareguard.Decision

/** Receives the person's choice on the interruption. */
fun interface InterruptionListener {
    /**
     * [choice] took effect and the view is hidden. Send `choice.userChoice` to the engine
     * ([org.shareguard.Engine.userChoice]) and act on it: help stop the share, go home, open
     * the dialer on [InterruptionStrings.HOTLINE], or let the person continue.
     */
    fun onChoice(choice: InterruptionChoice)
}

/**
 * The full-screen interruption, in plain framework views: the engine's title and message, and
 * the buttons 停止共享, 离开, 拨打96110 and 继续, the last enabled after [InterruptionState]'s
 * countdown. It covers and swallows touches and the back key. Put it in a window made with
 * [layoutParams] (`FLAG_SECURE`, so the far side of a share sees nothing of it).
 */
class InterruptionView @JvmOverloads constructor(
    context: Context,
    private val listener: InterruptionListener,
    private val strings: InterruptionStrings = InterruptionStrings.ZH_CN,
    private val state: InterruptionState = InterruptionState(),
) : FrameLayout(context) {
    private val title = TextView(context)
    private val message = TextView(context)
    private val continueButton: Button
    private val tick = Runnable { refreshCountdown() }

    init {
        setBackgroundColor(BACKGROUND)
        isClickable = true
        isFocusable = true
        isFocusableInTouchMode = true
        fitsSystemWindows = true

        val column = LinearLayout(context)
        column.orientation = LinearLayout.VERTICAL
        column.gravity = Gravity.CENTER_HORIZONTAL
        val pad = dp(24)
        column.setPadding(pad, pad, pad, pad)

        title.setTextColor(Color.WHITE)
        title.setTextSize(TypedValue.COMPLEX_UNIT_SP, 26f)
        title.setTypeface(Typeface.DEFAULT, Typeface.BOLD)
        title.accessibilityLiveRegion = View.ACCESSIBILITY_LIVE_REGION_ASSERTIVE
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.P) title.isAccessibilityHeading = true
        column.addView(title, matchWidth(bottomMargin = dp(16)))

        message.setTextColor(Color.WHITE)
        message.setTextSize(TypedValue.COMPLEX_UNIT_SP, 18f)
        message.setLineSpacing(0f, 1.25f)
        column.addView(message, matchWidth(bottomMargin = dp(24)))

        column.addView(button(strings.stopSharing, InterruptionChoice.STOP_SHARING, primary = true), matchWidth(dp(12)))
        column.addView(button(strings.leave, InterruptionChoice.LEAVE, primary = true), matchWidth(dp(12)))
        column.addView(button(strings.callHotline, InterruptionChoice.CALL_HOTLINE, primary = true), matchWidth(dp(24)))
        continueButton = button(strings.continueAnyway, InterruptionChoice.CONTINUE, primary = false)
        column.addView(continueButton, matchWidth(0))

        val scroll = ScrollView(context)
        scroll.isFillViewport = true
        scroll.addView(column, ViewGroup.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT, ViewGroup.LayoutParams.WRAP_CONTENT))
        addView(scroll, LayoutParams(LayoutParams.MATCH_PARENT, LayoutParams.MATCH_PARENT))
        visibility = GONE
    }

    /** Shows [decision] (an interrupting one), or updates what is shown. */
    fun show(decision: Decision) {
        state.show(decision, SystemClock.uptimeMillis())
        title.text = decision.title.orEmpty()
        message.text = decision.message.orEmpty()
        visibility = VISIBLE
        requestFocus()
        refreshCountdown()
    }

    /** Hides the interruption (the engine said `clear`). */
    fun dismiss() {
        state.dismiss()
        removeCallbacks(tick)
        visibility = GONE
    }

    private fun refreshCountdown() {
        removeCallbacks(tick)
        val now = SystemClock.uptimeMillis()
        continueButton.text = strings.continueLabel(state.remainingSeconds(now))
        continueButton.isEnabled = state.canContinue(now)
        if (state.isShowing && !state.canContinue(now)) postDelayed(tick, TICK_MILLIS)
    }

    private fun choose(choice: InterruptionChoice) {
        val chosen = state.choose(choice, SystemClock.uptimeMillis()) ?: return
        removeCallbacks(tick)
        visibility = GONE
        listener.onChoice(chosen)
    }

    private fun button(label: String, choice: InterruptionChoice, primary: Boolean): Button {
        val b = Button(context)
        b.text = label
        b.isAllCaps = false
        b.setTextSize(TypedValue.COMPLEX_UNIT_SP, if (primary) 20f else 16f)
        b.minHeight = dp(if (primary) 56 else 48)
        if (primary) {
            b.setBackgroundColor(Color.WHITE)
            b.setTextColor(BACKGROUND)
        } else {
            b.setBackgroundColor(Color.TRANSPARENT)
            b.setTextColor(Color.WHITE)
        }
        b.setOnClickListener { choose(choice) }
        return b
    }

    private fun matchWidth(bottomMargin: Int): LinearLayout.LayoutParams {
        val params = LinearLayout.LayoutParams(LinearLayout.LayoutParams.MATCH_PARENT, LinearLayout.LayoutParams.WRAP_CONTENT)
        params.bottomMargin = bottomMargin
        return params
    }

    private fun dp(value: Int): Int =
        TypedValue.applyDimension(TypedValue.COMPLEX_UNIT_DIP, value.toFloat(), resources.displayMetrics).toInt()

    override fun dispatchKeyEvent(event: KeyEvent): Boolean =
        event.keyCode == KeyEvent.KEYCODE_BACK || super.dispatchKeyEvent(event)

    override fun onAttachedToWindow() {
        super.onAttachedToWindow()
        if (state.isShowing) refreshCountdown()
    }

    override fun onDetachedFromWindow() {
        removeCallbacks(tick)
        super.onDetachedFromWindow()
    }

    companion object {
        private const val TICK_MILLIS = 250L
        private val BACKGROUND = Color.rgb(0x8B, 0x00, 0x00)

        /**
         * Window parameters for the interruption: full screen, opaque, `FLAG_SECURE`. [windowType]
         * is `TYPE_ACCESSIBILITY_OVERLAY` in the guard's accessibility service, or
         * `TYPE_APPLICATION` over an activity of a bank's own app.
         */
        @JvmStatic
        fun layoutParams(windowType: Int): WindowManager.LayoutParams = WindowManager.LayoutParams(
            WindowManager.LayoutParams.MATCH_PARENT,
            WindowManager.LayoutParams.MATCH_PARENT,
            windowType,
            WindowManager.LayoutParams.FLAG_SECURE or WindowManager.LayoutParams.FLAG_LAYOUT_IN_SCREEN,
            PixelFormat.OPAQUE,
        ).apply {
            // Cover the status and navigation bars too (API 30+ insets windows from them by
            // default); the view keeps its buttons clear of the bars itself.
            if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.R) fitInsetsTypes = 0
        }
    }
}
