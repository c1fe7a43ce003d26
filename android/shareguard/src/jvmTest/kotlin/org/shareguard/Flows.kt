package org.shareguard

/**
 * Flows of the police advisory (`shared/seed/advisory-customer-service-claim-scam.zh.txt`) and
 * ordinary days on a phone, as the guard's builders would observe them.
 */
internal object Flows {
    private const val SYSTEM_UI = "com.android.systemui"
    private const val CONSENT = "com.android.systemui.mediaprojection.permission.MediaProjectionPermissionActivity"
    private const val QQ = "com.tencent.mobileqq"
    private const val MEETING = "com.tencent.wemeet.app"
    private const val ALIPAY = "com.eg.android.AlipayGphone"

    /** Consenting to share the screen with [app] (called [label]), and the share's indicators. */
    private fun shareScreen(t: Long, app: String, label: String, sharingText: String): List<Observation> = listOf(
        Observation.Window(
            t, SYSTEM_UI, CONSENT,
            listOf("要与“$label”共享屏幕吗？", "共享屏幕时，“$label”可以看到您屏幕上显示的所有内容。", "取消", "共享屏幕"),
        ),
        Observation.Click(t + 1_500, SYSTEM_UI, listOf("共享屏幕")),
        Observation.Notification(t + 2_000, app, listOf(label, sharingText), ongoing = true),
        Observation.Windows(
            t + 2_500,
            listOf(
                WindowSnapshot(WindowType.SYSTEM, SYSTEM_UI, texts = listOf("正在共享屏幕")),
                WindowSnapshot(WindowType.APPLICATION, app),
            ),
        ),
    )

    /** Part 二: "customer service" on QQ has the victim share the screen and claim Alipay's 备用金. */
    val qqShareAlipayReserveFund: List<Observation> = buildList {
        add(Observation.Call(0, CallState.OFFHOOK, knownContact = false))
        add(Observation.Window(2_000, QQ, "com.tencent.mobileqq.activity.SplashActivity", listOf("淘宝客服", "您购买的商品有质量问题，现为您办理退款")))
        addAll(shareScreen(20_000, QQ, "QQ", "你正在共享屏幕"))
        add(Observation.Window(40_000, ALIPAY, "com.alipay.mobile.quinox.LauncherActivity", listOf("我的", "余额", "备用金", "500.00", "领取备用金")))
        add(Observation.Content(60_000, ALIPAY, texts = listOf("转账到银行卡", "理赔回收授权账户", "金额 200.00", "确认转账")))
    }

    /** Part 二, continued: the person stops the share and it ends. */
    val shareStops: List<Observation> = listOf(
        Observation.User(70_000, UserChoice.STOP_SHARING),
        Observation.Notification(72_000, QQ, listOf("QQ", "屏幕共享已结束")),
        Observation.Windows(72_500, listOf(WindowSnapshot(WindowType.APPLICATION, ALIPAY))),
    )

    /** Part 一: a meeting app's share, the fake refund page asking for the card, then the SMS code. */
    val meetingShareRefundPageSmsCode: List<Observation> = buildList {
        add(Observation.Call(0, CallState.OFFHOOK, knownContact = false))
        add(Observation.Window(5_000, MEETING, texts = listOf("腾讯会议", "会议号 123 456 789", "加入会议")))
        addAll(shareScreen(15_000, MEETING, "腾讯会议", "屏幕共享中"))
        add(
            Observation.Window(
                30_000, "com.android.chrome", texts = listOf("淘宝理赔退款中心", "请填写您的退款银行卡信息", "提交"),
                fields = listOf(
                    EditableField(hint = "请输入银行卡号", id = "card_no"),
                    EditableField(hint = "请输入短信验证码", id = "sms_code"),
                ),
            ),
        )
        add(Observation.Notification(45_000, "com.android.mms", listOf("【工商银行】您的验证码为483920，您正在进行快捷支付签约，请勿泄露。")))
    }

    /** The code the refund-page flow's SMS shows: it must never reach a decision. */
    const val SMS_CODE = "483920"

    /** 辅助认证: a remote-control app drives the phone into 58好借 to draw a loan. */
    val remoteControlLoan: List<Observation> = listOf(
        Observation.Accessibility(0, listOf("com.oray.sunlogin")),
        Observation.Notification(1_000, "com.oray.sunlogin", listOf("向日葵", "设备正在被控制"), ongoing = true),
        Observation.Window(5_000, "com.wuba", texts = listOf("58同城", "58好借", "可借额度", "50,000.00", "立即借款")),
    )

    /** Paying a shop in Alipay with an SMS code; nothing is shared. */
    val payingWithACode: List<Observation> = listOf(
        Observation.Window(0, ALIPAY, texts = listOf("首页", "扫一扫", "付款码")),
        Observation.Window(5_000, ALIPAY, texts = listOf("确认付款", "¥ 35.00", "招商银行储蓄卡(1234)")),
        Observation.Notification(6_000, "com.android.mms", listOf("【招商银行】验证码 482910，您正在支付35.00元")),
        Observation.Content(8_000, ALIPAY, texts = listOf("支付成功")),
    )

    /** A work meeting that shares slides. */
    val meetingSharingSlides: List<Observation> = buildList {
        add(Observation.Window(0, MEETING, texts = listOf("腾讯会议", "季度总结会")))
        addAll(shareScreen(10_000, MEETING, "腾讯会议", "屏幕共享中"))
        add(Observation.Window(20_000, "com.microsoft.office.powerpoint", texts = listOf("第三季度总结", "营收增长 12%")))
        add(Observation.Window(40_000, MEETING, texts = listOf("腾讯会议", "结束共享")))
    }

    /** A call with family, a chat, a look at the bank balance; nothing is shared. */
    val familyCallChatAndBank: List<Observation> = listOf(
        Observation.Call(0, CallState.OFFHOOK, knownContact = true),
        Observation.Window(1_000, "com.tencent.mm", texts = listOf("妈妈", "晚上回家吃饭吗")),
        Observation.Notification(2_000, "com.tencent.mm", listOf("妈妈", "好的")),
        Observation.Call(3_000, CallState.IDLE),
        Observation.Window(10_000, "com.icbc", texts = listOf("中国工商银行", "我的账户", "余额 12,345.67", "转账")),
        Observation.Screen(20_000, on = false),
    )

    /** Every observation through [engine]; the decisions in order. */
    fun play(engine: Engine, flow: List<Observation>): List<Decision> = flow.mapNotNull(engine::observe)
}
