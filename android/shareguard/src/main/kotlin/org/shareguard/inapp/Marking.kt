package org.shareguard.inapp

/**
 * What a marked screen or moment is, for the engine: the trace format's optional `marked` field.
 * A marked screen is sensitive whatever the app's package; unmarked screens of the app are
 * judged like any other screen (see the README's bank section).
 */
enum class Marking(
    /** The value of the `marked` field. */
    val wireName: String,
) {
    /** A transfer or payment: the engine's reason `banking_app:transfer`. */
    TRANSFER("transfer"),

    /** Entering a verification code: `otp:entry`. */
    OTP_ENTRY("otp_entry"),

    /** Binding a card (card number, CVV, expiry): `card_form:card_binding`. */
    CARD_BINDING("card_binding"),

    /** Drawing down a loan or credit line: `lending_app:loan_drawdown`. */
    LOAN_DRAWDOWN("loan_drawdown"),

    /** Any other sensitive screen (balances, account details, limits): `banking_app:marked`. */
    ACCOUNT("account"),
}

/** What the library does to a marked screen while the screen is exposed. */
enum class Protection {
    /** Nothing: the screen is left as the app made it. */
    NONE,

    /**
     * `WindowManager.LayoutParams.FLAG_SECURE` on the marked activity's window: a share,
     * recording or screenshot shows it black. The flag is cleared again when exposure ends,
     * unless the app had set it itself.
     */
    FLAG_SECURE,

    /**
     * Android 15+: `View.setContentSensitivity(CONTENT_SENSITIVITY_SENSITIVE)` on the marked
     * activity's root view, which the system hides from screen shares; below Android 15 this
     * falls back to [FLAG_SECURE]. Restored when exposure ends.
     */
    CONTENT_SENSITIVITY,
}
