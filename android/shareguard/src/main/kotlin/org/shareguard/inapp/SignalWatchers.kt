package org.shareguard.inapp

import android.Manifest
import android.annotation.TargetApi
import android.app.Activity
import android.content.Context
import android.content.pm.PackageManager
import android.hardware.display.DisplayManager
import android.os.Build
import android.os.Handler
import android.telephony.TelephonyCallback
import android.telephony.TelephonyManager
import android.view.Display
import android.view.WindowManager
import android.view.accessibility.AccessibilityManager
import java.util.function.Consumer
import org.shareguard.capture.DisplayAdapter
import org.shareguard.capture.ObservedDisplay
import org.shareguard.capture.SystemObservations

/*
 * The framework listeners behind bank mode's signals. Each one only reports raw values to a
 * function; InAppGuard turns them into observations. All run on the main thread.
 */

/**
 * Android 15's screen-recording callback (`DETECT_SCREEN_RECORDING`), registered for each
 * started activity: the system reports one state per app (is any of its activities in a
 * recording or share), so any registration tells the truth; [stop] of the last one is the
 * guard's "app in background".
 */
@TargetApi(Build.VERSION_CODES.VANILLA_ICE_CREAM)
internal class RecordingWatcher(private val report: (visible: Boolean) -> Unit) {
    private val callbacks = HashMap<Activity, Consumer<Int>>()

    fun start(activity: Activity) {
        if (callbacks.containsKey(activity)) return
        val callback = Consumer<Int> { state -> report(state == WindowManager.SCREEN_RECORDING_STATE_VISIBLE) }
        val state = try {
            activity.windowManager.addScreenRecordingCallback(activity.mainExecutor, callback)
        } catch (e: SecurityException) {
            // The merged manifest lost DETECT_SCREEN_RECORDING: this signal is unavailable.
            return
        }
        callbacks[activity] = callback
        report(state == WindowManager.SCREEN_RECORDING_STATE_VISIBLE)
    }

    fun stop(activity: Activity) {
        val callback = callbacks.remove(activity) ?: return
        activity.windowManager.removeScreenRecordingCallback(callback)
    }

    fun close() {
        for ((activity, callback) in callbacks) activity.windowManager.removeScreenRecordingCallback(callback)
        callbacks.clear()
    }
}

/**
 * Android 14's screenshot callback (`DETECT_SCREEN_CAPTURE`), registered while each activity is
 * started, as the platform requires.
 */
@TargetApi(Build.VERSION_CODES.UPSIDE_DOWN_CAKE)
internal class ScreenshotWatcher(private val report: (Activity) -> Unit) {
    private val callbacks = HashMap<Activity, Activity.ScreenCaptureCallback>()

    fun start(activity: Activity) {
        if (callbacks.containsKey(activity)) return
        val callback = Activity.ScreenCaptureCallback { report(activity) }
        try {
            activity.registerScreenCaptureCallback(activity.mainExecutor, callback)
        } catch (e: SecurityException) {
            return
        }
        callbacks[activity] = callback
    }

    fun stop(activity: Activity) {
        val callback = callbacks.remove(activity) ?: return
        activity.unregisterScreenCaptureCallback(callback)
    }

    fun close() {
        for ((activity, callback) in callbacks) activity.unregisterScreenCaptureCallback(callback)
        callbacks.clear()
    }
}

/** The displays, on every change (DisplayManager). */
internal class DisplayWatcher(
    context: Context,
    private val handler: Handler,
    private val report: (List<ObservedDisplay>) -> Unit,
) : DisplayManager.DisplayListener {
    private val manager: DisplayManager = checkNotNull(context.getSystemService(DisplayManager::class.java)) { "no DisplayManager" }

    fun start() {
        manager.registerDisplayListener(this, handler)
        reportDisplays()
    }

    override fun onDisplayAdded(displayId: Int) = reportDisplays()

    override fun onDisplayRemoved(displayId: Int) = reportDisplays()

    override fun onDisplayChanged(displayId: Int) {
        // The built-in display changes mode many times a second on adaptive-refresh phones;
        // only other displays (added, removed, changed) can expose the screen.
        if (displayId != Display.DEFAULT_DISPLAY) reportDisplays()
    }

    private fun reportDisplays() = report(manager.displays.map(::DisplayAdapter))

    fun close() = manager.unregisterDisplayListener(this)
}

/**
 * The enabled accessibility services: on Android 13+ on every change of the services, below on
 * accessibility being switched on or off; [refresh] re-reads them (the session does on each
 * resume, e.g. back from Settings).
 */
internal class AccessibilityWatcher(
    private val context: Context,
    private val handler: Handler,
    private val report: (serviceIds: List<String>) -> Unit,
) {
    private val manager: AccessibilityManager =
        checkNotNull(context.getSystemService(AccessibilityManager::class.java)) { "no AccessibilityManager" }
    private val stateListener = AccessibilityManager.AccessibilityStateChangeListener { refresh() }
    private var servicesListener: Any? = null

    fun start() {
        manager.addAccessibilityStateChangeListener(stateListener, handler)
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) addServicesListener()
        refresh()
    }

    @TargetApi(Build.VERSION_CODES.TIRAMISU)
    private fun addServicesListener() {
        val listener = AccessibilityManager.AccessibilityServicesStateChangeListener { refresh() }
        manager.addAccessibilityServicesStateChangeListener(context.mainExecutor, listener)
        servicesListener = listener
    }

    fun refresh() = report(SystemObservations.enabledServiceIds(manager))

    fun close() {
        manager.removeAccessibilityStateChangeListener(stateListener)
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) removeServicesListener()
    }

    @TargetApi(Build.VERSION_CODES.TIRAMISU)
    private fun removeServicesListener() {
        val listener = servicesListener as? AccessibilityManager.AccessibilityServicesStateChangeListener ?: return
        manager.removeAccessibilityServicesStateChangeListener(listener)
        servicesListener = null
    }
}

/**
 * The call state, only where the app holds `READ_PHONE_STATE` (the library never asks for it):
 * `TelephonyCallback` on Android 12+, `PhoneStateListener` below. Whether the other party is a
 * contact is not known in bank mode.
 */
internal class CallStateWatcher private constructor(
    private val telephony: TelephonyManager,
    private val context: Context,
    private val report: (telephonyCallState: Int) -> Unit,
) {
    private var listener: Any? = null

    private fun start() {
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.S) startCallback() else startListener()
    }

    @TargetApi(Build.VERSION_CODES.S)
    private fun startCallback() {
        val callback = object : TelephonyCallback(), TelephonyCallback.CallStateListener {
            override fun onCallStateChanged(state: Int) = report(state)
        }
        telephony.registerTelephonyCallback(context.mainExecutor, callback)
        listener = callback
    }

    @Suppress("DEPRECATION")
    private fun startListener() {
        val phoneListener = object : android.telephony.PhoneStateListener() {
            @Suppress("OVERRIDE_DEPRECATION")
            override fun onCallStateChanged(state: Int, phoneNumber: String?) = report(state)
        }
        telephony.listen(phoneListener, android.telephony.PhoneStateListener.LISTEN_CALL_STATE)
        listener = phoneListener
    }

    fun close() {
        if (listener == null) return
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.S) closeCallback() else closeListener()
        listener = null
    }

    @TargetApi(Build.VERSION_CODES.S)
    private fun closeCallback() {
        (listener as? TelephonyCallback)?.let(telephony::unregisterTelephonyCallback)
    }

    @Suppress("DEPRECATION")
    private fun closeListener() {
        (listener as? android.telephony.PhoneStateListener)?.let {
            telephony.listen(it, android.telephony.PhoneStateListener.LISTEN_NONE)
        }
    }

    companion object {
        /** A started watcher, or null when the app does not hold `READ_PHONE_STATE` (or has no telephony). */
        fun startIfPermitted(context: Context, report: (Int) -> Unit): CallStateWatcher? {
            if (context.checkSelfPermission(Manifest.permission.READ_PHONE_STATE) != PackageManager.PERMISSION_GRANTED) return null
            val telephony = context.getSystemService(TelephonyManager::class.java) ?: return null
            return CallStateWatcher(telephony, context, report).also { it.start() }
        }
    }
}
