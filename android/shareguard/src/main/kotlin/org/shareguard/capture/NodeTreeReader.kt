package org.shareguard.capture

import org.shareguard.EditableField

/**
 * How much of a window tree is read. The caps bound the cost of one read (and the size of one
 * observation) whatever the app on screen does.
 */
data class TreeLimits @JvmOverloads constructor(
    /** Nodes deeper than this (the root is at depth 0) are not visited. */
    val maxDepth: Int = 30,
    /** At most this many nodes are visited. */
    val maxNodes: Int = 600,
    /** Each text is cut to this many chars. */
    val maxTextLength: Int = 500,
    /** Texts stop being collected past this many chars in all. */
    val maxTotalChars: Int = 32_000,
    /** At most this many editable fields are collected. */
    val maxFields: Int = 40,
) {
    init {
        require(maxDepth >= 0 && maxNodes > 0 && maxTextLength > 0 && maxTotalChars > 0 && maxFields >= 0) {
            "tree limits must be positive"
        }
    }
}

/** What a window tree shows: its texts and editable fields, tree order. */
class ScreenContent(
    val texts: List<String>,
    val fields: List<EditableField>,
    /** Nodes visited. */
    val nodeCount: Int,
    /** A cap stopped the read before the whole tree was seen. */
    val truncated: Boolean,
) {
    override fun toString(): String =
        "ScreenContent(${texts.size} texts, ${fields.size} fields, $nodeCount nodes, truncated=$truncated)"
}

/**
 * Reads the visible texts and editable fields of a window tree, depth first, within [limits].
 *
 * Invisible nodes and their subtrees are skipped. A node's text and content description are
 * texts (once if equal). An editable node is a field, with its hint, view id and text; the text
 * of a password node, editable or not, is never read. Every child node the reader obtains is recycled before it returns;
 * the root stays the caller's.
 */
class NodeTreeReader @JvmOverloads constructor(private val limits: TreeLimits = TreeLimits()) {
    fun read(root: ObservedNode): ScreenContent {
        val state = ReadState()
        visit(root, 0, state)
        return ScreenContent(state.texts, state.fields, state.nodes, state.truncated)
    }

    private inner class ReadState {
        val texts = ArrayList<String>()
        val fields = ArrayList<EditableField>()
        var nodes = 0
        var chars = 0
        var truncated = false

        fun addText(s: CharSequence?): String? {
            val text = capText(s, limits.maxTextLength) ?: return null
            if (chars + text.length > limits.maxTotalChars) {
                truncated = true
                return null
            }
            chars += text.length
            texts.add(text)
            return text
        }
    }

    private fun visit(node: ObservedNode, depth: Int, state: ReadState) {
        state.nodes++
        if (!node.isVisibleToUser) return
        collect(node, state)
        val children = node.childCount
        if (children == 0) return
        if (depth >= limits.maxDepth) {
            state.truncated = true
            return
        }
        for (i in 0 until children) {
            if (state.nodes >= limits.maxNodes) {
                state.truncated = true
                return
            }
            val child = node.child(i) ?: continue
            try {
                visit(child, depth + 1, state)
            } finally {
                child.recycle()
            }
        }
    }

    private fun collect(node: ObservedNode, state: ReadState) {
        val password = node.isPassword
        if (node.isEditable) {
            if (state.fields.size >= limits.maxFields) {
                state.truncated = true
                return
            }
            state.fields.add(
                EditableField(
                    hint = capText(node.hintText, limits.maxTextLength),
                    text = if (password) null else capText(node.text, limits.maxTextLength),
                    id = node.viewIdResourceName,
                    password = password,
                ),
            )
            return
        }
        // A password view that is not editable shows dots or the secret: nothing is read.
        if (password) return
        val text = state.addText(node.text)
        val description = capText(node.contentDescription, limits.maxTextLength)
        if (description != null && description != text) state.addText(description)
    }
}
