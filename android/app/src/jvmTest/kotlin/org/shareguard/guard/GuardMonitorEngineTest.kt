package org.shareguard.guard

import android.telephony.TelephonyManager
import android.view.accessibility.AccessibilityEvent
import android.view.accessibility.AccessibilityWindowInfo
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.shareguard.Action
import org.shareguard.Engine
import org.shareguard.ReasonKind
import org.shareguard.TraceClock

/**
 * The monitor with the real engine (through JNI): the advisory's refund scam, as the service's
 * events and fake window trees would report it, ends in the real interruption; and the gate asks
 * the real engine whether the screen is exposed and which apps are watched.
 */
class GuardMonitorEngineTest {
    private val engine = Engine("zh-CN")
    private val worker = FakeWorker()
    private val screen = FakeScreen()
    private val output = RecordingOutput()
    private val monitor = GuardMonitor(
        engine = EngineDecisions(engine),
        screen = screen,
        worker = worker,
        clock = TraceClock { worker.now },
        ownPackage = "org.shareguard.guard",
        output = output,
        failureWarning = FailureWarning("title", "message"),
    )

    @AfterEach
    fun close() = engine.close()

    private fun window(pkg: String, cls: String, texts: List<String>, fields: List<FakeNode> = emptyList()) {
        screen.active = { tree(pkg, texts, fields) }
        monitor.onEvent(EventSnapshot(AccessibilityEvent.TYPE_WINDOW_STATE_CHANGED, pkg, cls))
        worker.advance(1_000)
    }

    @Test
    fun theRefundScamEndsInTheRealInterruption() {
        monitor.onCallState(TelephonyManager.CALL_STATE_OFFHOOK, null)
        window(
            QQ, "com.tencent.mobileqq.activity.SplashActivity",
            listOf("淘宝官方客服", "您好，您购买的商品有质量问题，我们为您办理退款", "请打开QQ分享屏幕，我们在线指导您"),
        )
        window(
            SYSTEM_UI, "com.android.systemui.media.MediaProjectionPermissionActivity",
            listOf("要开始使用“QQ”录制或投射内容吗？", "在录制或投射内容时，“QQ”可以访问您屏幕上显示或设备上播放的所有信息。", "取消", "立即开始"),
        )
        monitor.onEvent(EventSnapshot(AccessibilityEvent.TYPE_VIEW_CLICKED, SYSTEM_UI, texts = listOf("立即开始")))
        screen.windowsNow = {
            listOf(
                FakeWindow(AccessibilityWindowInfo.TYPE_SYSTEM, "状态栏") { tree(SYSTEM_UI, listOf("11:02", "正在投射", "电量 62%")) },
                FakeWindow(AccessibilityWindowInfo.TYPE_APPLICATION, null) { tree(QQ, emptyList()) },
            )
        }
        monitor.onEvent(EventSnapshot(AccessibilityEvent.TYPE_WINDOWS_CHANGED, SYSTEM_UI))
        worker.advance(1_000)
        assertTrue(monitor.isExposed, "the real engine's status says the screen is shared")

        val cardForm = listOf(
            FakeNode(hintText = "请输入持卡人姓名", isEditable = true, packageName = CHROME),
            FakeNode(hintText = "请输入银行卡号", viewIdResourceName = "cardNo", isEditable = true, packageName = CHROME),
            FakeNode(hintText = "请输入短信验证码", viewIdResourceName = "smsCode", isEditable = true, packageName = CHROME),
        )
        window(CHROME, "org.chromium.chrome.browser.ChromeTabbedActivity", listOf("淘宝理赔退款中心", "退款金额：￥389.00", "请填写收款银行卡信息"), cardForm)

        val (decision, app) = output.decisions.last()
        assertEquals(Action.INTERRUPT, decision.action)
        assertTrue(decision.hasReason(ReasonKind.SCREEN_SHARE), "${decision.reasons}")
        assertTrue(decision.hasReason(ReasonKind.CARD_FORM), "${decision.reasons}")
        assertEquals(CHROME, app)
        assertTrue(monitor.readsContent, "while shared, even a browser's content is read")
        screen.assertAllRecycled()
    }

    @Test
    fun theGateAsksTheRealRulesWhichAppsAreWatched() {
        window(ALIPAY, "com.alipay.mobile.quinox.LauncherActivity", listOf("首页"))
        assertTrue(monitor.readsContent, "a payment app in front")
        assertFalse(monitor.isExposed)
        window("com.example.notes", "com.example.notes.Main", listOf("购物清单"))
        assertFalse(monitor.readsContent, "an ordinary app, nothing exposed")
        assertTrue(output.decisions.isEmpty(), "an ordinary day stays silent: ${output.decisions}")
    }

    private companion object {
        const val QQ = "com.tencent.mobileqq"
        const val SYSTEM_UI = "com.android.systemui"
        const val CHROME = "com.android.chrome"
        const val ALIPAY = "com.eg.android.AlipayGphone"
    }
}
