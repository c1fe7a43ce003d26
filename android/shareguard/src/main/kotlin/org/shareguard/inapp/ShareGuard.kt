package org.shareguard.inapp

import android.app.Application
import android.os.Looper
import org.shareguard.Engine
import org.shareguard.EngineFailureException

/**
 * In-app protection for banks and payment apps, in one call from `Application.onCreate`:
 *
 * ```
 * ShareGuard.install(this, ShareGuardConfig.builder()
 *     .markActivity(TransferActivity::class.java, Marking.TRANSFER)
 *     .listener(riskListener)
 *     .build())
 * ```
 *
 * The library watches the app's activities and the signals that the screen is exposed (screen
 * recording on Android 15, extra displays, remote-control accessibility services, the call
 * state where permitted); the engine decides; a marked screen on an exposed screen gets the
 * full-screen warning, and the listener the reasons. It reads no screen text, uses no network
 * and stores nothing.
 */
object ShareGuard {
    @Volatile
    private var session: ShareGuardSession? = null

    /**
     * Installs ShareGuard in [application] with [config]. Call once, on the main thread, from
     * `Application.onCreate` (activities started before are not seen until they resume again).
     *
     * @throws org.shareguard.BadRulesException if `config.rulesJson` is refused.
     * @throws org.shareguard.EngineFailureException if the native engine cannot load (an ABI the
     *   AAR does not ship, a broken install): catch it so the app goes on, unprotected.
     * @throws IllegalStateException off the main thread, or when already installed.
     */
    @JvmStatic
    fun install(application: Application, config: ShareGuardConfig): ShareGuardSession {
        check(Looper.myLooper() == Looper.getMainLooper()) { "ShareGuard.install must run on the main thread" }
        check(session == null) { "ShareGuard is already installed; uninstall() the session first" }
        val engine = try {
            Engine(config.locale, config.rulesJson)
        } catch (e: LinkageError) {
            // UnsatisfiedLinkError, or the class init that wraps it: never an Error in the host app.
            throw EngineFailureException("the native library did not load", e)
        }
        val installed = try {
            ShareGuardSession(application, config, engine).also { it.start() }
        } catch (e: RuntimeException) {
            engine.close()
            throw e
        }
        session = installed
        return installed
    }

    /** Installs ShareGuard with the default configuration (no marked activities: see [ShareGuardConfig]). */
    @JvmStatic
    fun install(application: Application): ShareGuardSession = install(application, ShareGuardConfig.builder().build())

    /** The installed session, or null: how an activity reaches [ShareGuardSession.markSensitive]. */
    @JvmStatic
    fun session(): ShareGuardSession? = session

    internal fun uninstalled(s: ShareGuardSession) {
        if (session === s) session = null
    }
}
