package org.shareguard.capture

import android.os.Build
import android.view.accessibility.AccessibilityNodeInfo

/**
 * The part of an `AccessibilityNodeInfo` the builders read, behind an interface so plain JUnit
 * can drive them with fake trees. Implementations read lazily: a property not asked for is
 * never read (the builders never ask for a password field's [text]).
 */
interface ObservedNode {
    val packageName: CharSequence?
    val text: CharSequence?
    val contentDescription: CharSequence?
    val hintText: CharSequence?
    val viewIdResourceName: String?
    val isEditable: Boolean
    val isPassword: Boolean
    val isVisibleToUser: Boolean
    val childCount: Int

    /** The child at [index], which the caller must [recycle]; null if it went away. */
    fun child(index: Int): ObservedNode?

    /** Gives the node back to the framework's pool (a no-op from Android 13 on). */
    fun recycle()
}

/** An [ObservedNode] over a framework node. */
class AccessibilityNode(private val info: AccessibilityNodeInfo) : ObservedNode {
    override val packageName: CharSequence? get() = info.packageName
    override val text: CharSequence? get() = info.text
    override val contentDescription: CharSequence? get() = info.contentDescription
    override val hintText: CharSequence? get() = info.hintText
    override val viewIdResourceName: String? get() = info.viewIdResourceName
    override val isEditable: Boolean get() = info.isEditable
    override val isPassword: Boolean get() = info.isPassword
    override val isVisibleToUser: Boolean get() = info.isVisibleToUser
    override val childCount: Int get() = info.childCount

    override fun child(index: Int): ObservedNode? = info.getChild(index)?.let(::AccessibilityNode)

    override fun recycle() {
        if (Build.VERSION.SDK_INT < Build.VERSION_CODES.TIRAMISU) {
            @Suppress("DEPRECATION")
            info.recycle()
        }
    }
}

/**
 * [s] trimmed and cut to [maxLength] chars (never inside a surrogate pair), or null when blank.
 */
internal fun capText(s: CharSequence?, maxLength: Int): String? {
    if (s == null) return null
    var start = 0
    var end = s.length
    while (start < end && s[start].isWhitespace()) start++
    while (end > start && s[end - 1].isWhitespace()) end--
    if (start == end) return null
    if (end - start > maxLength) {
        end = start + maxLength
        if (Character.isHighSurrogate(s[end - 1])) end--
    }
    return s.subSequence(start, end).toString()
}
