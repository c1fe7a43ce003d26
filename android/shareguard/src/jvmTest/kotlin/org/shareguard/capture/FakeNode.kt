package org.shareguard.capture

/**
 * A node of a fake window tree. Counts how often it is recycled and fails the test if a
 * password node's text is read.
 */
internal class FakeNode(
    private val textValue: String? = null,
    override val contentDescription: CharSequence? = null,
    override val hintText: CharSequence? = null,
    override val viewIdResourceName: String? = null,
    override val isEditable: Boolean = false,
    override val isPassword: Boolean = false,
    override val isVisibleToUser: Boolean = true,
    override val packageName: CharSequence? = "org.example.app",
    val children: List<FakeNode?> = emptyList(),
) : ObservedNode {
    var recycled = 0
        private set
    var obtained = 0
        private set

    override val text: CharSequence?
        get() {
            check(!isPassword) { "a password node's text was read" }
            return textValue
        }

    override val childCount: Int get() = children.size

    override fun child(index: Int): ObservedNode? = children[index]?.also { it.obtained++ }

    override fun recycle() {
        check(recycled == 0) { "recycled twice" }
        recycled++
    }

    /** This node and every node below it. */
    fun all(): List<FakeNode> = listOf(this) + children.filterNotNull().flatMap { it.all() }
}

internal fun node(text: String, vararg children: FakeNode) = FakeNode(text, children = children.toList())
