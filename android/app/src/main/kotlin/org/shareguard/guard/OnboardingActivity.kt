package org.shareguard.guard

import android.Manifest
import android.app.Activity
import android.content.ActivityNotFoundException
import android.content.Intent
import android.content.pm.PackageManager
import android.net.Uri
import android.os.Build
import android.os.Bundle
import android.provider.Settings
import android.widget.Button
import android.widget.TextView

/**
 * The first-run screen, in plain words: what the guard does, what it reads, that nothing leaves
 * the phone; then the way to the accessibility settings, the Android 13+ restricted-settings
 * step, the optional call-state permission, and how to keep vendors' battery managers from
 * stopping the service (the phone's own maker first).
 */
class OnboardingActivity : Activity() {
    private var callStatus: TextView? = null
    private var callButton: Button? = null

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        getSharedPreferences(StatusActivity.PREFS, MODE_PRIVATE).edit().putBoolean(StatusActivity.PREF_ONBOARDED, true).apply()
        val page = Page(this)
        page.title(getString(R.string.onboarding_title))
        page.heading(getString(R.string.onboarding_what_title))
        page.paragraph(getString(R.string.onboarding_what_body))
        page.heading(getString(R.string.onboarding_reads_title))
        page.paragraph(getString(R.string.onboarding_reads_body))
        page.heading(getString(R.string.onboarding_privacy_title))
        page.paragraph(getString(R.string.onboarding_privacy_body))

        page.button(getString(R.string.onboarding_open_settings)) { open(Intent(Settings.ACTION_ACCESSIBILITY_SETTINGS)) }
        page.paragraph(getString(R.string.onboarding_settings_steps))
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) {
            page.heading(getString(R.string.onboarding_restricted_title))
            page.paragraph(getString(R.string.onboarding_restricted_body))
            page.button(getString(R.string.onboarding_open_app_info)) { openAppInfo() }
        }

        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.S) {
            page.heading(getString(R.string.onboarding_call_title))
            page.paragraph(getString(R.string.onboarding_call_body))
            callButton = page.button(getString(R.string.onboarding_call_allow)) {
                requestPermissions(arrayOf(Manifest.permission.READ_PHONE_STATE), REQUEST_PHONE_STATE)
            }
            callStatus = page.paragraph(getString(R.string.onboarding_call_granted))
        }

        page.heading(getString(R.string.onboarding_battery_title))
        page.paragraph(getString(R.string.onboarding_battery_body))
        for (vendor in Vendor.ordered(Vendor.of(Build.MANUFACTURER, Build.BRAND))) {
            page.paragraph(getString(vendorSteps(vendor)))
        }
        page.paragraph(getString(R.string.onboarding_battery_general))
        page.paragraph(getString(R.string.onboarding_battery_note))
        page.button(getString(R.string.onboarding_open_battery)) { open(Intent(Settings.ACTION_IGNORE_BATTERY_OPTIMIZATION_SETTINGS)) }

        page.button(getString(R.string.onboarding_done)) {
            startActivity(Intent(this, StatusActivity::class.java))
            finish()
        }
        setContentView(page.root)
    }

    override fun onResume() {
        super.onResume()
        refreshCallPermission()
    }

    override fun onRequestPermissionsResult(requestCode: Int, permissions: Array<out String>, grantResults: IntArray) {
        super.onRequestPermissionsResult(requestCode, permissions, grantResults)
        // The running service registers its call listener the next time the screen turns on.
        if (requestCode == REQUEST_PHONE_STATE) refreshCallPermission()
    }

    private fun refreshCallPermission() {
        val granted = checkSelfPermission(Manifest.permission.READ_PHONE_STATE) == PackageManager.PERMISSION_GRANTED
        callButton?.isEnabled = !granted
        callStatus?.visibility = if (granted) TextView.VISIBLE else TextView.GONE
    }

    private fun openAppInfo() {
        open(Intent(Settings.ACTION_APPLICATION_DETAILS_SETTINGS, Uri.fromParts("package", packageName, null)))
    }

    private fun open(intent: Intent) {
        try {
            startActivity(intent)
        } catch (e: ActivityNotFoundException) {
            // Some vendors remove a settings page: the general settings are the way left.
            startActivity(Intent(Settings.ACTION_SETTINGS))
        }
    }

    private companion object {
        const val REQUEST_PHONE_STATE = 1

        fun vendorSteps(vendor: Vendor): Int = when (vendor) {
            Vendor.XIAOMI -> R.string.onboarding_battery_xiaomi
            Vendor.HUAWEI -> R.string.onboarding_battery_huawei
            Vendor.OPPO -> R.string.onboarding_battery_oppo
            Vendor.VIVO -> R.string.onboarding_battery_vivo
        }
    }
}
