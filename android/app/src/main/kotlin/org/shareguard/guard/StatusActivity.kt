package org.shareguard.guard

import android.app.Activity
import android.content.Intent
import android.content.pm.PackageManager
import android.content.res.Configuration
import android.os.Bundle
import android.provider.Settings
import android.view.WindowManager
import android.widget.Button
import android.widget.LinearLayout
import android.widget.TextView
import org.shareguard.Decision
import org.shareguard.Engine
import org.shareguard.ReasonKind
import org.shareguard.ShareGuardException
import org.shareguard.UserChoice
import org.shareguard.ui.InterruptionStrings
import java.io.File
import java.io.IOException
import java.text.DateFormat
import java.util.Date
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors

/**
 * The status screen (the launcher's): whether protection is on, and if not why; the last
 * interruptions (time, reasons, app); and "try it", which plays the advisory's scam flow through a
 * fresh engine ([TryItSession], on a background thread) and shows the real interruption over
 * this screen. The first time, while the service is off, it opens [OnboardingActivity].
 */
class StatusActivity : Activity() {
    private lateinit var protectionTitle: TextView
    private lateinit var protectionDetail: TextView
    private lateinit var turnOn: Button
    private lateinit var historyBox: LinearLayout
    private lateinit var demoNote: TextView
    private lateinit var history: InterruptionHistory
    private lateinit var page: Page

    private val demoThread: ExecutorService = Executors.newSingleThreadExecutor()
    private var demoController: InterruptionController? = null

    // Confined to demoThread.
    private var demo: TryItSession? = null

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        history = InterruptionHistory(File(filesDir, ShareGuardAccessibilityService.HISTORY_FILE))
        val prefs = getSharedPreferences(PREFS, MODE_PRIVATE)
        if (savedInstanceState == null && !prefs.getBoolean(PREF_ONBOARDED, false) && !serviceEnabledInSettings()) {
            startActivity(Intent(this, OnboardingActivity::class.java))
        }
        page = Page(this)
        page.title(getString(R.string.status_title))
        protectionTitle = page.heading("")
        protectionDetail = page.paragraph("")
        turnOn = page.button(getString(R.string.status_turn_on)) { startActivity(Intent(this, OnboardingActivity::class.java)) }

        page.heading(getString(R.string.status_history_title))
        historyBox = page.container()
        page.button(getString(R.string.status_history_clear)) {
            history.clear()
            refreshHistory()
        }

        page.heading(getString(R.string.status_try_title))
        page.paragraph(getString(R.string.status_try_body))
        page.button(getString(R.string.status_try_button)) { startDemo() }
        demoNote = page.paragraph("")
        setContentView(page.root)
    }

    override fun onResume() {
        super.onResume()
        refreshProtection()
        refreshHistory()
    }

    // The activity handles rotation itself (configChanges), so the example's window survives it.
    override fun onConfigurationChanged(newConfig: Configuration) {
        super.onConfigurationChanged(newConfig)
        demoController?.onConfigurationChanged()
    }

    override fun onDestroy() {
        closeDemo()
        demoThread.shutdown()
        super.onDestroy()
    }

    private fun refreshProtection() {
        val protection = Protection.of(serviceEnabledInSettings(), GuardStatus.serviceRunning, GuardStatus.engineFailed)
        protectionTitle.text = getString(if (protection == Protection.ON) R.string.status_on else R.string.status_off)
        protectionDetail.text = getString(
            when (protection) {
                Protection.ON -> R.string.status_on_detail
                Protection.OFF_SERVICE_DISABLED -> R.string.status_off_disabled
                Protection.OFF_SERVICE_NOT_RUNNING -> R.string.status_off_not_running
                Protection.OFF_ENGINE_FAILED -> R.string.status_off_engine
            },
        )
        turnOn.visibility = if (protection == Protection.ON) Button.GONE else Button.VISIBLE
    }

    private fun refreshHistory() {
        historyBox.removeAllViews()
        val records = history.recent()
        if (records.isEmpty()) {
            page.paragraphIn(historyBox, getString(R.string.status_history_empty))
            return
        }
        val time = DateFormat.getDateTimeInstance(DateFormat.SHORT, DateFormat.SHORT)
        for (r in records) {
            val app = r.app?.let(::appLabel) ?: getString(R.string.status_history_unknown_app)
            val reasons = r.reasons.mapNotNull { ReasonKind.fromWireName(it.substringBefore(':')) }.distinct()
                .joinToString(getString(R.string.list_separator)) { getString(reasonName(it)) }
            page.paragraphIn(historyBox, getString(R.string.status_history_entry, time.format(Date(r.atMillis)), app, reasons))
        }
    }

    private fun appLabel(packageName: String): String = try {
        packageManager.getApplicationLabel(packageManager.getApplicationInfo(packageName, 0)).toString()
    } catch (e: PackageManager.NameNotFoundException) {
        packageName
    }

    private fun serviceEnabledInSettings(): Boolean = ServiceSetting.lists(
        Settings.Secure.getString(contentResolver, Settings.Secure.ENABLED_ACCESSIBILITY_SERVICES),
        packageName,
        ShareGuardAccessibilityService::class.java.name,
    )

    // "Try it": the engine runs on demoThread, the interruption on the main thread.

    private fun startDemo() {
        if (demoController != null) return
        val trace = try {
            assets.open(TryItSession.ASSET).bufferedReader().use { it.readText() }
        } catch (e: IOException) {
            demoNote.text = getString(R.string.status_try_failed)
            return
        }
        val locale = getString(R.string.engine_locale)
        demoController = newDemoController(InterruptionStrings.forLocale(locale))
        demoNote.text = ""
        onDemoThread {
            val session = try {
                TryItSession(Engine(locale), trace)
            } catch (e: LinkageError) {
                null
            } catch (e: ShareGuardException) {
                null
            }
            demo = session
            if (session == null) runOnUiThread { endDemo(getString(R.string.status_try_failed)) } else playDemo(session)
        }
    }

    /** On demoThread: plays on to the next interruption and shows it, or ends the example. */
    private fun playDemo(session: TryItSession) {
        val decision: Decision? = try {
            session.nextInterruption()
        } catch (e: ShareGuardException) {
            runOnUiThread { endDemo(getString(R.string.status_try_failed)) }
            return
        }
        runOnUiThread {
            val controller = demoController ?: return@runOnUiThread
            if (decision == null) endDemo(getString(R.string.demo_finished)) else controller.onDecision(decision, null)
        }
    }

    private fun newDemoController(strings: InterruptionStrings): InterruptionController {
        lateinit var controller: InterruptionController
        val overlay = WindowInterruptionOverlay(
            context = this,
            windowType = WindowManager.LayoutParams.TYPE_APPLICATION,
            strings = strings,
            listener = { choice -> controller.onChoice(choice) },
            onBackKey = { controller.onBackKey() },
        )
        controller = InterruptionController(
            overlay = overlay,
            actions = object : GuardActions {
                override fun stopSharing() = endDemo(getString(R.string.demo_stop_sharing))

                override fun goHome() = endDemo(getString(R.string.demo_leave))

                override fun dialHotline() = endDemo(getString(R.string.demo_call))
            },
            sendChoice = { choice ->
                if (choice == UserChoice.CONTINUE) demoNote.text = getString(R.string.demo_continue)
                onDemoThread {
                    val session = demo ?: return@onDemoThread
                    try {
                        session.choose(choice)
                    } catch (e: ShareGuardException) {
                        runOnUiThread { endDemo(getString(R.string.status_try_failed)) }
                        return@onDemoThread
                    }
                    if (choice == UserChoice.CONTINUE) playDemo(session)
                }
            },
            // An example is not an interruption of the person's phone: it is not recorded.
            record = {},
            wallClock = System::currentTimeMillis,
        )
        return controller
    }

    private fun endDemo(note: String) {
        if (isDestroyed) return
        demoNote.text = note
        closeDemo()
    }

    private fun closeDemo() {
        demoController?.close()
        demoController = null
        onDemoThread {
            demo?.close()
            demo = null
        }
    }

    /** Runs [task] on the example's thread, unless the screen is gone (and the thread with it). */
    private fun onDemoThread(task: () -> Unit) {
        if (!demoThread.isShutdown) demoThread.execute(task)
    }

    companion object {
        const val PREFS = "shareguard"

        /** The first-run screen was shown (the only other thing the app stores). */
        const val PREF_ONBOARDED = "onboarded"

        private fun reasonName(kind: ReasonKind): Int = when (kind) {
            ReasonKind.SCREEN_SHARE -> R.string.reason_screen_share
            ReasonKind.REMOTE_CONTROL -> R.string.reason_remote_control
            ReasonKind.SCREEN_RECORDING -> R.string.reason_screen_recording
            ReasonKind.OTP -> R.string.reason_otp
            ReasonKind.BANKING_APP -> R.string.reason_banking_app
            ReasonKind.PAYMENT_APP -> R.string.reason_payment_app
            ReasonKind.LENDING_APP -> R.string.reason_lending_app
            ReasonKind.CARD_FORM -> R.string.reason_card_form
            ReasonKind.SCAM_SCRIPT -> R.string.reason_scam_script
            ReasonKind.CALL_UNKNOWN -> R.string.reason_call_unknown
        }
    }
}
