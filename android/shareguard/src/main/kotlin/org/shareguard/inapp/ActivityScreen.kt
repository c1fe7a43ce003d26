package org.shareguard.inapp

import android.annotation.TargetApi
import android.app.Activity
import android.app.AlertDialog
import android.content.ActivityNotFoundException
import android.content.Intent
import android.net.Uri
import android.os.Build
import android.view.View
import android.view.WindowManager
import org.shareguard.Decision
import org.shareguard.ui.InterruptionChoice
import org.shareguard.ui.InterruptionState
import org.shareguard.ui.InterruptionStrings
import org.shareguard.ui.InterruptionView

/**
 * A [GuardedScreen] over one activity: the protection on its window, the interruption as a
 * full-screen `FLAG_SECURE` window of type `TYPE_APPLICATION` over it (an [InterruptionView]),
 * the stop-sharing help as a dialog, leaving (finish) and the dialer. Main thread only.
 *
 * The interruption's [InterruptionState] is shared by every screen of the session, so moving
 * to another activity does not restart the countdown. The window is removed when the activity
 * pauses ([detachInterruption]) and added again over the next screen.
 */
internal class ActivityScreen(
    private val activity: Activity,
    private val protection: Protection,
    private val strings: InterruptionStrings,
    private val interruptionState: InterruptionState,
    private val onChoice: (InterruptionChoice) -> Unit,
) : GuardedScreen {
    override val className: String = activity.javaClass.name

    private var view: InterruptionView? = null
    private var attached = false
    private var addedSecureFlag = false
    private var sensitivityBefore: Int? = null

    override fun setProtected(on: Boolean) {
        if (protection == Protection.CONTENT_SENSITIVITY && Build.VERSION.SDK_INT >= Build.VERSION_CODES.VANILLA_ICE_CREAM) {
            setContentSensitive(on)
        } else {
            setSecure(on)
        }
    }

    /** FLAG_SECURE on the window; cleared only if this class set it. */
    private fun setSecure(on: Boolean) {
        val window = activity.window ?: return
        if (on) {
            if (window.attributes.flags and WindowManager.LayoutParams.FLAG_SECURE == 0) {
                window.addFlags(WindowManager.LayoutParams.FLAG_SECURE)
                addedSecureFlag = true
            }
        } else if (addedSecureFlag) {
            window.clearFlags(WindowManager.LayoutParams.FLAG_SECURE)
            addedSecureFlag = false
        }
    }

    /** The root view's content sensitivity; restored to what it was. */
    @TargetApi(Build.VERSION_CODES.VANILLA_ICE_CREAM)
    private fun setContentSensitive(on: Boolean) {
        val root = activity.window?.decorView ?: return
        if (on) {
            if (sensitivityBefore == null) {
                sensitivityBefore = root.contentSensitivity
                root.contentSensitivity = View.CONTENT_SENSITIVITY_SENSITIVE
            }
        } else {
            sensitivityBefore?.let { root.contentSensitivity = it }
            sensitivityBefore = null
        }
    }

    override fun showInterruption(decision: Decision) {
        if (activity.isFinishing || activity.isDestroyed) return
        val v = view ?: InterruptionView(activity, { choice -> chosen(choice) }, strings, interruptionState).also { view = it }
        if (!attached) {
            try {
                activity.windowManager.addView(v, InterruptionView.layoutParams(WindowManager.LayoutParams.TYPE_APPLICATION))
                attached = true
            } catch (e: WindowManager.BadTokenException) {
                // The activity's window is going away; the next screen shows the interruption.
                return
            }
        }
        v.show(decision)
    }

    override fun hideInterruption() {
        view?.dismiss()
        detachInterruption()
    }

    /** Removes the interruption's window, keeping the shared state (the activity is pausing). */
    fun detachInterruption() {
        val v = view ?: return
        if (attached) {
            activity.windowManager.removeViewImmediate(v)
            attached = false
        }
    }

    private fun chosen(choice: InterruptionChoice) {
        // The view has hidden itself; its empty window must not keep covering the screen.
        detachInterruption()
        onChoice(choice)
    }

    override fun showStopSharingHelp(help: StopSharingHelp) {
        if (activity.isFinishing || activity.isDestroyed) return
        val builder = AlertDialog.Builder(activity)
            .setTitle(help.title)
            .setMessage(help.message)
            .setNegativeButton(help.closeLabel, null)
        val action = help.settingsAction
        if (action != null) builder.setPositiveButton(help.settingsLabel) { _, _ -> start(Intent(action)) }
        builder.show()
    }

    override fun leave() {
        activity.finish()
    }

    override fun dialHotline() {
        start(Intent(Intent.ACTION_DIAL, Uri.parse("tel:" + InterruptionStrings.HOTLINE)))
    }

    private fun start(intent: Intent) {
        try {
            activity.startActivity(intent)
        } catch (e: ActivityNotFoundException) {
            // No dialer or settings screen on this device (a tablet, a locked-down build).
        }
    }
}
