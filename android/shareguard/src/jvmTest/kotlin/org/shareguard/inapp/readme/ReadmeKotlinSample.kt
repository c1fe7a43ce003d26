package org.shareguard.inapp.readme

import android.app.Activity
import android.app.Application
import org.shareguard.Decision
import org.shareguard.Reason
import org.shareguard.inapp.Marking
import org.shareguard.inapp.Protection
import org.shareguard.inapp.ShareGuard
import org.shareguard.inapp.ShareGuardConfig
import org.shareguard.inapp.ShareGuardListener

// The samples of android/README.md's bank section, verbatim between the markers, so the build
// type-checks them; ReadmeSamplesTest checks that the README still says the same.

// README-KOTLIN-BEGIN
class BankApp : Application() {
    override fun onCreate() {
        super.onCreate()
        ShareGuard.install(this, ShareGuardConfig.builder()
            .markActivity(TransferActivity::class.java, Marking.TRANSFER)
            .markActivity(LoanDrawdownActivity::class.java, Marking.LOAN_DRAWDOWN)
            .protection(Protection.FLAG_SECURE)
            .listener(object : ShareGuardListener {
                override fun onInterrupt(decision: Decision) = RiskEngine.hold(decision.reasons)
                override fun onClear(decision: Decision) = RiskEngine.release()
            })
            .build())
    }
}
// README-KOTLIN-END

class PaymentActivity : Activity() {
    fun onOtpDialog(open: Boolean) {
        if (open) {
            // README-MOMENT-BEGIN
            ShareGuard.session()?.markSensitive(this, Marking.OTP_ENTRY)   // the dialog opens
            ShareGuard.session()?.clearMark(this)                           // it closes
            // README-MOMENT-END
        }
    }
}

class TransferActivity : Activity()

class LoanDrawdownActivity : Activity()

/** The bank's risk system, as far as the sample needs it. */
object RiskEngine {
    val held = ArrayList<List<Reason>>()

    fun hold(reasons: List<Reason>) {
        held.add(reasons)
    }

    fun release() {
        held.clear()
    }
}
