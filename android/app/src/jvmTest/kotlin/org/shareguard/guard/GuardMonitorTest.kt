package org.shareguard.guard

import android.telephony.TelephonyManager
import android.view.Display
import android.view.accessibility.AccessibilityEvent
import android.view.accessibility.AccessibilityWindowInfo
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.shareguard.Action
import org.shareguard.AppCategory
import org.shareguard.CallState
import org.shareguard.Observation
import org.shareguard.TraceClock
import org.shareguard.UserChoice
import org.shareguard.WindowType
import org.shareguard.capture.ObservedDisplay

class GuardMonitorTest {
    private val worker = FakeWorker()
    private val engine = FakeEngine().apply { categories[BANK] = AppCategory.BANKING }
    private val screen = FakeScreen()
    private val output = RecordingOutput()
    private val monitor = GuardMonitor(
        engine = engine,
        screen = screen,
        worker = worker,
        clock = TraceClock { worker.now },
        ownPackage = OWN,
        output = output,
        failureWarning = FailureWarning("failure title", "failure message"),
    )

    private fun bringToFront(pkg: String, texts: List<String>, fields: List<FakeNode> = emptyList()) {
        screen.active = { tree(pkg, texts, fields) }
        monitor.onEvent(EventSnapshot(AccessibilityEvent.TYPE_WINDOW_STATE_CHANGED, pkg, "$pkg.MainActivity"))
    }

    private fun contentChanged(pkg: String) = monitor.onEvent(EventSnapshot(AccessibilityEvent.TYPE_WINDOW_CONTENT_CHANGED, pkg))

    /** A chronometer in [pkg]'s window ticking every [everyMillis] for [forMillis]. */
    private fun tick(pkg: String, everyMillis: Long, forMillis: Long) {
        var elapsed = 0L
        while (elapsed < forMillis) {
            val second = (worker.now / 1000).toString()
            screen.active = { tree(pkg, listOf("通话中", "00:$second")) }
            contentChanged(pkg)
            worker.advance(everyMillis)
            elapsed += everyMillis
        }
        worker.advance(2_000)
    }

    @Test
    fun aWindowChangeIsAlwaysReadAndSaysWhichAppIsInFront() {
        bringToFront(CHAT, listOf("淘宝客服", "请共享屏幕"))
        val window = engine.observedOf<Observation.Window>().single()
        assertEquals(CHAT, window.packageName)
        assertEquals("$CHAT.MainActivity", window.className)
        assertEquals(listOf("淘宝客服", "请共享屏幕"), window.texts)
        assertEquals(CHAT, monitor.foregroundPackage)
        assertEquals(1, monitor.stats.treeReads)
        screen.assertAllRecycled()
    }

    @Test
    fun aTickingClockInAnUnwatchedAppIsNeverReadWhileNothingIsExposed() {
        bringToFront(CHAT, listOf("通话中"))
        tick(CHAT, everyMillis = 1_000, forMillis = 60_000)
        assertEquals(1, monitor.stats.treeReads, "only the window change was read")
        assertEquals(60, monitor.stats.contentSkipped)
        assertTrue(engine.observedOf<Observation.Content>().isEmpty())
    }

    @Test
    fun contentOfAWatchedAppIsReadOncePerBurst() {
        bringToFront(BANK, listOf("账户总览"))
        screen.active = { tree(BANK, listOf("转账", "收款账号")) }
        repeat(10) {
            contentChanged(BANK)
            worker.advance(20)
        }
        worker.advance(300)
        val content = engine.observedOf<Observation.Content>().single()
        assertEquals(BANK, content.packageName)
        assertEquals(listOf("转账", "收款账号"), content.texts)
        assertEquals(2, monitor.stats.treeReads)
        screen.assertAllRecycled()
    }

    @Test
    fun whileExposedAFastClockIsReadAtMostOnceASecond() {
        engine.exposed = true
        bringToFront(CHAT, listOf("会议中"))
        tick(CHAT, everyMillis = 100, forMillis = 10_000)
        val reads = engine.observedOf<Observation.Content>()
        assertTrue(reads.size in 9..11, "content reads: ${reads.size}")
        reads.zipWithNext().forEach { (a, b) -> assertTrue(b.t - a.t >= 1_000, "reads ${a.t} and ${b.t} too close") }
    }

    @Test
    fun aReadPendingWhenTheExposureEndsIsDropped() {
        engine.exposed = true
        bringToFront(CHAT, listOf("会议中"))
        contentChanged(CHAT)
        engine.exposed = false
        monitor.onScreen(true) // an observation: the monitor learns the screen is no longer exposed
        worker.advance(2_000)
        assertTrue(engine.observedOf<Observation.Content>().isEmpty())
        assertEquals(1, monitor.stats.treeReads)
    }

    @Test
    fun theCategoryOfAPackageIsAskedOnce() {
        repeat(3) {
            bringToFront(BANK, listOf("账户总览"))
            bringToFront(CHAT, listOf("消息"))
        }
        assertEquals(2, engine.categoryLookups)
    }

    @Test
    fun anEngineFailureOnTheCategoryCountsAsWatched() {
        engine.failing = true
        bringToFront(CHAT, listOf("消息"))
        assertTrue(monitor.readsContent)
    }

    @Test
    fun theGuardsOwnWindowsAreNeverRead() {
        for (type in listOf(
            AccessibilityEvent.TYPE_WINDOW_STATE_CHANGED,
            AccessibilityEvent.TYPE_WINDOW_CONTENT_CHANGED,
            AccessibilityEvent.TYPE_VIEW_CLICKED,
            AccessibilityEvent.TYPE_NOTIFICATION_STATE_CHANGED,
        )) {
            monitor.onEvent(EventSnapshot(type, OWN, texts = listOf("停！")))
        }
        worker.advance(5_000)
        assertTrue(engine.observed.isEmpty())
        assertTrue(screen.rootsHandedOut.isEmpty())
    }

    @Test
    fun contentIsNotReadWhileTheInterruptionIsTheActiveWindow() {
        bringToFront(BANK, listOf("账户总览"))
        screen.active = { tree(OWN, listOf("停！")) }
        contentChanged(BANK)
        worker.advance(1_000)
        assertTrue(engine.observedOf<Observation.Content>().isEmpty())
        screen.assertAllRecycled()
    }

    @Test
    fun aWindowOfAnotherAppOnTopAsksForAWindowsSnapshotAndKeepsTheAppInFront() {
        bringToFront(CHAT, listOf("消息"))
        // A keyboard (or a system panel) opens over the chat, which stays the active window.
        monitor.onEvent(EventSnapshot(AccessibilityEvent.TYPE_WINDOW_STATE_CHANGED, "com.example.keyboard"))
        assertEquals(CHAT, monitor.foregroundPackage)
        assertEquals(1, engine.observedOf<Observation.Window>().size)
        worker.advance(300)
        assertEquals(1, engine.observedOf<Observation.Windows>().size)
        screen.assertAllRecycled()
    }

    @Test
    fun theStatusBarIsSnapshotOnWindowsChangesAndOnItsOwnContentChanges() {
        var statusBar = listOf("11:02", "电量 62%")
        screen.windowsNow = {
            listOf(
                FakeWindow(AccessibilityWindowInfo.TYPE_SYSTEM, "状态栏") { tree(SYSTEM_UI, statusBar) },
                FakeWindow(AccessibilityWindowInfo.TYPE_APPLICATION, null) { tree(CHAT, listOf("消息")) },
            )
        }
        bringToFront(CHAT, listOf("消息"))
        repeat(5) { monitor.onEvent(EventSnapshot(AccessibilityEvent.TYPE_WINDOWS_CHANGED, SYSTEM_UI)) }
        worker.advance(300)
        assertEquals(1, monitor.stats.windowsSnapshots, "a burst of windows changes gives one snapshot")

        // The share starts: the chip appears in the status bar, a content change of System UI.
        statusBar = listOf("11:03", "正在共享屏幕", "电量 62%")
        contentChanged(SYSTEM_UI)
        worker.advance(1_000)
        val snapshots = engine.observedOf<Observation.Windows>()
        assertEquals(2, snapshots.size)
        val system = snapshots.last().windows.single { it.type == WindowType.SYSTEM }
        assertEquals(SYSTEM_UI, system.packageName)
        assertTrue("正在共享屏幕" in system.texts, "${system.texts}")
        assertTrue(snapshots.last().windows.single { it.type == WindowType.APPLICATION }.texts.isEmpty(), "app texts come with window and content")
        screen.assertAllRecycled()
    }

    @Test
    fun contentChangesOfAnAppNotInFrontAndNotSystemAreIgnored() {
        bringToFront(BANK, listOf("账户总览"))
        contentChanged("com.example.music")
        worker.advance(2_000)
        assertEquals(1, monitor.stats.treeReads)
        assertEquals(0, monitor.stats.windowsSnapshots)
    }

    @Test
    fun fieldsKeepTheirHintsAndPasswordFieldsAreNeverRead() {
        val fields = listOf(
            FakeNode(hintText = "请输入银行卡号", viewIdResourceName = "cardNo", isEditable = true, packageName = BANK),
            FakeNode(hintText = "交易密码", isEditable = true, isPassword = true, packageName = BANK),
            FakeNode(textValue = "••••••", isPassword = true, packageName = BANK),
        )
        bringToFront(BANK, listOf("绑定银行卡"), fields)
        val window = engine.observedOf<Observation.Window>().single()
        assertEquals(listOf("请输入银行卡号", "交易密码"), window.fields.map { it.hint })
        assertEquals("cardNo", window.fields[0].id)
        assertTrue(window.fields[1].password)
        assertNull(window.fields[1].text)
        assertEquals(listOf("绑定银行卡"), window.texts)
        screen.assertAllRecycled()
    }

    @Test
    fun notificationsAndClicksAreObservedWithoutReadingTheTree() {
        val sms = NotificationSnapshot("95588", "【工商银行】您的验证码为 592047", null, null, null, emptyList(), isOngoing = false)
        monitor.onEvent(EventSnapshot(AccessibilityEvent.TYPE_NOTIFICATION_STATE_CHANGED, "com.android.mms", notification = sms))
        monitor.onEvent(EventSnapshot(AccessibilityEvent.TYPE_VIEW_CLICKED, SYSTEM_UI, texts = listOf("立即开始")))
        val notification = engine.observedOf<Observation.Notification>().single()
        assertEquals(listOf("95588", "【工商银行】您的验证码为 592047"), notification.texts)
        assertEquals(listOf("立即开始"), engine.observedOf<Observation.Click>().single().texts)
        assertTrue(screen.rootsHandedOut.isEmpty())
    }

    @Test
    fun decisionsGoOutWithTheAppInFront() {
        engine.decide = { o -> if (o is Observation.Window && o.packageName == BANK) interrupt(o.t, SHARE, BANKING) else null }
        bringToFront(BANK, listOf("账户总览"))
        val (decision, app) = output.decisions.single()
        assertEquals(Action.INTERRUPT, decision.action)
        assertEquals(BANK, app)
    }

    @Test
    fun anEngineFailureWhileExposedRaisesTheGenericWarning() {
        engine.exposed = true
        engine.decide = { o -> if (o is Observation.Window) interrupt(o.t, SHARE, BANKING) else null }
        bringToFront(BANK, listOf("账户总览"))
        engine.failing = true
        contentChanged(BANK)
        worker.advance(300)
        val (warning, app) = output.decisions.last()
        assertEquals(Action.INTERRUPT, warning.action)
        assertEquals("failure title", warning.title)
        assertEquals("failure message", warning.message)
        assertEquals(listOf(SHARE), warning.reasons, "the exposure the engine last named")
        assertEquals(BANK, app)
        assertEquals(listOf(false), output.health)

        engine.failing = false
        monitor.onScreen(true)
        assertEquals(listOf(false, true), output.health)
    }

    @Test
    fun anEngineFailureWhileNothingIsExposedStaysSilent() {
        engine.failing = true
        bringToFront(CHAT, listOf("消息"))
        monitor.onScreen(false)
        assertTrue(output.decisions.isEmpty())
        assertEquals(listOf(false), output.health, "reported once")
    }

    @Test
    fun systemSignalsAreObservedOnlyWhenTheyChange() {
        monitor.onAccessibilityServices(listOf("$OWN/.ShareGuardAccessibilityService", "com.example.remote/.Control"))
        monitor.onAccessibilityServices(listOf("com.example.remote/.Control", "$OWN/.ShareGuardAccessibilityService"))
        assertEquals(listOf(listOf("com.example.remote")), engine.observedOf<Observation.Accessibility>().map { it.enabled })

        val builtIn = display(0, "内置屏幕", 0)
        monitor.onDisplays(listOf(builtIn))
        monitor.onDisplays(listOf(builtIn)) // a brightness change
        monitor.onDisplays(listOf(builtIn, display(2, "投屏", Display.FLAG_PRESENTATION)))
        assertEquals(listOf(1, 2), engine.observedOf<Observation.Display>().map { it.displays.size })

        monitor.onCallState(TelephonyManager.CALL_STATE_OFFHOOK, null)
        monitor.onCallState(TelephonyManager.CALL_STATE_OFFHOOK, null)
        monitor.onCallState(TelephonyManager.CALL_STATE_IDLE, null)
        assertEquals(listOf(CallState.OFFHOOK, CallState.IDLE), engine.observedOf<Observation.Call>().map { it.state })
    }

    @Test
    fun theUsersChoiceReachesTheEngine() {
        monitor.onUserChoice(UserChoice.STOP_SHARING)
        assertEquals(UserChoice.STOP_SHARING, engine.observedOf<Observation.User>().single().choice)
    }

    @Test
    fun timesNeverDecrease() {
        bringToFront(BANK, listOf("账户总览"))
        tick(BANK, everyMillis = 400, forMillis = 5_000)
        monitor.onEvent(EventSnapshot(AccessibilityEvent.TYPE_WINDOWS_CHANGED, SYSTEM_UI))
        worker.advance(1_000)
        val times = engine.observed.map { it.t }
        assertEquals(times.sorted(), times)
    }

    private fun display(id: Int, name: String, flags: Int) = object : ObservedDisplay {
        override val displayId = id
        override val name = name
        override val flags = flags
    }

    private companion object {
        const val OWN = "org.shareguard.guard"
        const val BANK = "com.example.bank"
        const val CHAT = "com.example.chat"
        const val SYSTEM_UI = "com.android.systemui"
    }
}
