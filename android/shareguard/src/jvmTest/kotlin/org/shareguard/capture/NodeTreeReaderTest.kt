package org.shareguard.capture

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.shareguard.EditableField

class NodeTreeReaderTest {
    /** Every node the reader obtained was recycled once; the root never. */
    private fun assertRecycled(root: FakeNode) {
        assertEquals(0, root.recycled, "the root stays the caller's")
        for (n in root.all().drop(1)) assertEquals(n.obtained, n.recycled, "a node obtained $n.obtained times")
    }

    @Test
    fun readsTextsAndFieldsInTreeOrder() {
        val root = FakeNode(
            children = listOf(
                node("淘宝理赔退款中心"),
                FakeNode("确认", contentDescription = "确认"),
                FakeNode(contentDescription = "返回"),
                FakeNode("  \n "),
                null,
                FakeNode(
                    children = listOf(
                        FakeNode("6222 0200", hintText = "银行卡号", viewIdResourceName = "x:id/card", isEditable = true),
                        FakeNode(hintText = "验证码", isEditable = true),
                    ),
                ),
                FakeNode("hidden", isVisibleToUser = false, children = listOf(node("under hidden"))),
            ),
        )
        val content = NodeTreeReader().read(root)
        assertEquals(listOf("淘宝理赔退款中心", "确认", "返回"), content.texts)
        assertEquals(listOf(EditableField("银行卡号", "6222 0200", "x:id/card"), EditableField("验证码")), content.fields)
        assertFalse(content.truncated)
        assertRecycled(root)
    }

    @Test
    fun passwordTextIsNeverRead() {
        val root = FakeNode(
            children = listOf(
                FakeNode("secret", hintText = "支付密码", viewIdResourceName = "x:id/pw", isEditable = true, isPassword = true),
                FakeNode("••••", contentDescription = "密码", isPassword = true),
                node("下一步"),
            ),
        )
        val content = NodeTreeReader().read(root)
        assertEquals(listOf(EditableField(hint = "支付密码", id = "x:id/pw", password = true)), content.fields)
        assertNull(content.fields[0].text)
        assertEquals(listOf("下一步"), content.texts)
        assertRecycled(root)
    }

    @Test
    fun depthIsCapped() {
        var deepest = node("depth 50")
        for (d in 49 downTo 0) deepest = node("depth $d", deepest)
        val content = NodeTreeReader(TreeLimits(maxDepth = 10)).read(deepest)
        assertEquals((0..10).map { "depth $it" }, content.texts)
        assertTrue(content.truncated)
        assertRecycled(deepest)
    }

    @Test
    fun nodeCountIsCapped() {
        val root = FakeNode(children = List(100) { i -> node("row $i", node("detail $i")) })
        val content = NodeTreeReader(TreeLimits(maxNodes = 21)).read(root)
        assertEquals(21, content.nodeCount)
        assertEquals(20, content.texts.size)
        assertEquals(listOf("row 0", "detail 0", "row 1"), content.texts.take(3))
        assertTrue(content.truncated)
        assertRecycled(root)
    }

    @Test
    fun textLengthAndTotalAreCappedWithoutSplittingSurrogatePairs() {
        val long = "验".repeat(9) + "😀" + "x"
        val root = FakeNode(children = listOf(node(long), node("b".repeat(30)), node("c".repeat(30))))
        val content = NodeTreeReader(TreeLimits(maxTextLength = 10, maxTotalChars = 25)).read(root)
        assertEquals(listOf("验".repeat(9), "b".repeat(10)), content.texts)
        assertTrue(content.truncated)
        val capped = NodeTreeReader(TreeLimits(maxTextLength = 11)).read(node(long)).texts.single()
        assertEquals("验".repeat(9) + "😀", capped)
    }

    @Test
    fun fieldCountIsCapped() {
        val root = FakeNode(children = List(10) { FakeNode(hintText = "f$it", isEditable = true) })
        val content = NodeTreeReader(TreeLimits(maxFields = 3)).read(root)
        assertEquals(listOf("f0", "f1", "f2"), content.fields.map { it.hint })
        assertTrue(content.truncated)
        assertRecycled(root)
    }

    @Test
    fun aFailingChildStillGetsRecycled() {
        val bad = object : ObservedNode by FakeNode() {
            var recycledHere = false
            override val isVisibleToUser: Boolean get() = error("node went away")
            override fun recycle() {
                recycledHere = true
            }
        }
        val root = object : ObservedNode by FakeNode() {
            override val childCount = 1
            override fun child(index: Int): ObservedNode = bad
        }
        runCatching { NodeTreeReader().read(root) }
        assertTrue(bad.recycledHere)
    }
}
