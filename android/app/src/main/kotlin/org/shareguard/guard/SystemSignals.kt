package org.shareguard.guard

import android.Manifest
import android.annotation.TargetApi
import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import android.content.IntentFilter
import android.content.pm.PackageManager
import android.database.ContentObserver
import android.hardware.display.DisplayManager
import android.os.Build
import android.os.Handler
import android.provider.Settings
import android.telephony.TelephonyCallback
import android.telephony.TelephonyManager
import android.view.Display
import android.view.accessibility.AccessibilityManager
import java.util.concurrent.Executor
import org.shareguard.capture.DisplayAdapter
import org.shareguard.capture.ObservedDisplay
import org.shareguard.capture.SystemObservations

/** Where [SystemSignals] reports. The calls come on the worker thread, except [onScreenOn]. */
interface SystemSignalSink {
    fun onAccessibilityServices(enabledServiceIds: List<String>)

    fun onDisplays(displays: List<ObservedDisplay>)

    /** `TelephonyManager.CALL_STATE_*`. */
    fun onCallState(telephonyCallState: Int)

    /** On the worker thread. */
    fun onScreen(on: Boolean)

    /** The screen turned on; on the main thread (the interruption lives there). */
    fun onScreenOn()
}

/**
 * The exposure signals that are not accessibility events: the enabled accessibility services
 * (a settings observer, the guard's own left out later), the displays (a display listener), the
 * call state (a `TelephonyCallback` on Android 12+, where it needs READ_PHONE_STATE and is left
 * out without it; a `PhoneStateListener` before, which needs no permission), and the screen
 * turning on and off (a broadcast receiver). [register] on the main thread; the listeners call
 * [sink] on [worker]'s thread.
 */
class SystemSignals(
    private val context: Context,
    private val worker: HandlerWorker,
    private val sink: SystemSignalSink,
) {
    private val workerHandler = Handler(worker.looper)
    private val workerExecutor = Executor { worker.post(it) }
    private val accessibilityManager: AccessibilityManager = systemService(context, AccessibilityManager::class.java)
    private val displayManager: DisplayManager = systemService(context, DisplayManager::class.java)
    private val telephonyManager: TelephonyManager? = context.getSystemService(TelephonyManager::class.java)

    // The setting itself, not an AccessibilityManager listener: the state listener fires only when
    // accessibility as a whole turns on or off, and the services listener needs Android 13.
    private val accessibilityObserver = object : ContentObserver(workerHandler) {
        override fun onChange(selfChange: Boolean) = reportAccessibilityServices()
    }

    private val displayListener = object : DisplayManager.DisplayListener {
        override fun onDisplayAdded(displayId: Int) = reportDisplays()

        override fun onDisplayRemoved(displayId: Int) = reportDisplays()

        override fun onDisplayChanged(displayId: Int) {
        // The built-in display changes mode many times a second on adaptive-refresh phones;
        // only other displays (added, removed, changed) can expose the screen.
        if (displayId != Display.DEFAULT_DISPLAY) reportDisplays()
    }
    }

    private val screenReceiver = object : BroadcastReceiver() {
        override fun onReceive(context: Context, intent: Intent) {
            val on = intent.action == Intent.ACTION_SCREEN_ON
            worker.post { sink.onScreen(on) }
            if (!on) return
            sink.onScreenOn()
            // The call-state permission may have been granted since the service connected.
            if (callListener == null) registerCallState()
        }
    }

    private var callListener: Any? = null

    fun register() {
        context.contentResolver.registerContentObserver(
            Settings.Secure.getUriFor(Settings.Secure.ENABLED_ACCESSIBILITY_SERVICES),
            false,
            accessibilityObserver,
        )
        displayManager.registerDisplayListener(displayListener, workerHandler)
        val screenFilter = IntentFilter(Intent.ACTION_SCREEN_ON).apply { addAction(Intent.ACTION_SCREEN_OFF) }
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) {
            context.registerReceiver(screenReceiver, screenFilter, Context.RECEIVER_NOT_EXPORTED)
        } else {
            context.registerReceiver(screenReceiver, screenFilter)
        }
        registerCallState()
        worker.post {
            reportAccessibilityServices()
            reportDisplays()
        }
    }

    fun unregister() {
        context.contentResolver.unregisterContentObserver(accessibilityObserver)
        displayManager.unregisterDisplayListener(displayListener)
        context.unregisterReceiver(screenReceiver)
        unregisterCallState()
    }

    private fun reportAccessibilityServices() {
        sink.onAccessibilityServices(SystemObservations.enabledServiceIds(accessibilityManager))
    }

    private fun reportDisplays() {
        sink.onDisplays(displayManager.displays.map(::DisplayAdapter))
    }

    private fun registerCallState() {
        val telephony = telephonyManager ?: return
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.S) {
            if (context.checkSelfPermission(Manifest.permission.READ_PHONE_STATE) != PackageManager.PERMISSION_GRANTED) return
            val callback = CallStateCallback(sink)
            try {
                telephony.registerTelephonyCallback(workerExecutor, callback)
                callListener = callback
            } catch (e: SecurityException) {
                // The permission was revoked meanwhile: the guard works without the call state.
            }
        } else {
            callListener = listenLegacy(telephony)
        }
    }

    private fun unregisterCallState() {
        val telephony = telephonyManager ?: return
        val listener = callListener ?: return
        callListener = null
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.S && listener is TelephonyCallback) {
            telephony.unregisterTelephonyCallback(listener)
        } else {
            unlistenLegacy(telephony, listener)
        }
    }

    // Before Android 12: a PhoneStateListener (deprecated since), which needs no permission for
    // the call state. Created here, on the main thread, whose looper delivers its callbacks.
    @Suppress("DEPRECATION", "OVERRIDE_DEPRECATION")
    private fun listenLegacy(telephony: TelephonyManager): Any {
        val listener = object : android.telephony.PhoneStateListener() {
            override fun onCallStateChanged(state: Int, phoneNumber: String?) {
                worker.post { sink.onCallState(state) }
            }
        }
        telephony.listen(listener, android.telephony.PhoneStateListener.LISTEN_CALL_STATE)
        return listener
    }

    @Suppress("DEPRECATION")
    private fun unlistenLegacy(telephony: TelephonyManager, listener: Any) {
        if (listener is android.telephony.PhoneStateListener) {
            telephony.listen(listener, android.telephony.PhoneStateListener.LISTEN_NONE)
        }
    }

    @TargetApi(Build.VERSION_CODES.S)
    private class CallStateCallback(private val sink: SystemSignalSink) : TelephonyCallback(), TelephonyCallback.CallStateListener {
        override fun onCallStateChanged(state: Int) = sink.onCallState(state)
    }
}

/** A system service every phone has; a missing one is a broken platform, reported by its class. */
internal fun <T : Any> systemService(context: Context, type: Class<T>): T =
    requireNotNull(context.getSystemService(type)) { "no ${type.simpleName} on this device" }
