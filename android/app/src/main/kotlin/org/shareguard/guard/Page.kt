package org.shareguard.guard

import android.app.Activity
import android.graphics.Typeface
import android.os.Build
import android.util.TypedValue
import android.view.ViewGroup
import android.widget.Button
import android.widget.LinearLayout
import android.widget.ScrollView
import android.widget.TextView

/** A scrolling column of plain framework views, for the app's two screens (no layouts, no androidx). */
internal class Page(private val activity: Activity) {
    private val column = LinearLayout(activity).apply {
        orientation = LinearLayout.VERTICAL
        val pad = dp(20)
        setPadding(pad, pad, pad, pad)
    }

    /** The page's root view, for `setContentView`. */
    val root = ScrollView(activity).apply {
        addView(column, ViewGroup.LayoutParams(ViewGroup.LayoutParams.MATCH_PARENT, ViewGroup.LayoutParams.WRAP_CONTENT))
    }

    fun title(text: CharSequence): TextView = text(text, sizeSp = 24f, bold = true, topDp = 0)

    fun heading(text: CharSequence): TextView = text(text, sizeSp = 19f, bold = true, topDp = 20)

    fun paragraph(text: CharSequence): TextView = text(text, sizeSp = 16f, bold = false, topDp = 8)

    fun button(label: CharSequence, onClick: () -> Unit): Button {
        val button = Button(activity)
        button.text = label
        button.isAllCaps = false
        button.setTextSize(TypedValue.COMPLEX_UNIT_SP, 17f)
        button.setOnClickListener { onClick() }
        column.addView(button, params(topDp = 8))
        return button
    }

    /** An empty column in the page, for a section that is rebuilt (the history, on resume). */
    fun container(): LinearLayout {
        val box = LinearLayout(activity)
        box.orientation = LinearLayout.VERTICAL
        column.addView(box, params(topDp = 0))
        return box
    }

    /** A paragraph added to [box] instead of the page. */
    fun paragraphIn(box: LinearLayout, text: CharSequence): TextView {
        val view = styled(text, 16f, bold = false)
        box.addView(view, params(topDp = 8))
        return view
    }

    private fun text(text: CharSequence, sizeSp: Float, bold: Boolean, topDp: Int): TextView {
        val view = styled(text, sizeSp, bold)
        column.addView(view, params(topDp))
        return view
    }

    private fun styled(text: CharSequence, sizeSp: Float, bold: Boolean): TextView {
        val view = TextView(activity)
        view.text = text
        view.setTextSize(TypedValue.COMPLEX_UNIT_SP, sizeSp)
        view.setLineSpacing(0f, 1.2f)
        if (bold) {
            view.setTypeface(Typeface.DEFAULT, Typeface.BOLD)
            if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.P) view.isAccessibilityHeading = true
        }
        return view
    }

    private fun params(topDp: Int) = LinearLayout.LayoutParams(
        ViewGroup.LayoutParams.MATCH_PARENT,
        ViewGroup.LayoutParams.WRAP_CONTENT,
    ).apply { topMargin = dp(topDp) }

    private fun dp(value: Int): Int =
        TypedValue.applyDimension(TypedValue.COMPLEX_UNIT_DIP, value.toFloat(), activity.resources.displayMetrics).toInt()
}
