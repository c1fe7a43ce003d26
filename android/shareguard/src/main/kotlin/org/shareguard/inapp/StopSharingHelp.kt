package org.shareguard.inapp

import android.provider.Settings
import org.shareguard.Decision
import org.shareguard.ReasonKind

/**
 * What the person is told after pressing 停止共享: how to end the exposure the engine found,
 * the most dangerous first (remote control, then a second screen, then a share or recording),
 * and which settings screen helps, if any. An app cannot stop another app's share itself.
 */
internal class StopSharingHelp private constructor(
    val exposure: Exposure,
    val title: String,
    val message: String,
    /** A `Settings.ACTION_*` that helps, or null. */
    val settingsAction: String?,
    /** The label of the button opening [settingsAction]. */
    val settingsLabel: String?,
    /** The label of the button closing the help. */
    val closeLabel: String,
) {
    /** The exposure the help is about. */
    enum class Exposure {
        /** A remote-control app (its accessibility service, its display). */
        REMOTE_CONTROL,

        /** The screen shown on another display (casting, mirroring). */
        SECOND_SCREEN,

        /** A screen share or recording (or nothing known). */
        SHARE_OR_RECORDING,
    }

    companion object {
        /** The help for the reasons of [decision] (the interruption that was up), in [locale]. */
        fun forDecision(decision: Decision?, locale: String): StopSharingHelp {
            val reasons = decision?.reasons.orEmpty()
            val exposure = when {
                reasons.any { it.kind == ReasonKind.REMOTE_CONTROL } -> Exposure.REMOTE_CONTROL
                reasons.any { it.kind == ReasonKind.SCREEN_SHARE && it.detail in SECOND_SCREEN_DETAILS } ->
                    Exposure.SECOND_SCREEN
                else -> Exposure.SHARE_OR_RECORDING
            }
            val zh = locale.substringBefore('-').substringBefore('_').equals("zh", ignoreCase = true)
            return when (exposure) {
                Exposure.REMOTE_CONTROL -> StopSharingHelp(
                    exposure,
                    if (zh) "关闭远程控制" else "Turn off remote control",
                    if (zh) {
                        "有远程控制应用能看到并操作您的手机。请关闭该应用，并在“设置 > 无障碍”中关闭它的服务。" +
                            "银行、客服和警察都不会要求您开启远程控制。"
                    } else {
                        "A remote-control app can see and operate your phone. Close it, and turn its service " +
                            "off in Settings > Accessibility. No bank, customer service or police officer " +
                            "ever asks you to allow remote control."
                    },
                    Settings.ACTION_ACCESSIBILITY_SETTINGS,
                    if (zh) "打开无障碍设置" else "Open accessibility settings",
                    if (zh) "知道了" else "OK",
                )
                Exposure.SECOND_SCREEN -> StopSharingHelp(
                    exposure,
                    if (zh) "停止投屏" else "Stop casting",
                    if (zh) {
                        "您的屏幕正显示在另一块屏幕上。请下拉通知栏，点击投屏提示上的“断开”或“停止”，或在投屏设置中断开。"
                    } else {
                        "Your screen is shown on another display. Pull down the notification shade and tap " +
                            "Disconnect or Stop on the casting notice, or disconnect in the cast settings."
                    },
                    Settings.ACTION_CAST_SETTINGS,
                    if (zh) "打开投屏设置" else "Open cast settings",
                    if (zh) "知道了" else "OK",
                )
                Exposure.SHARE_OR_RECORDING -> StopSharingHelp(
                    exposure,
                    if (zh) "停止共享屏幕" else "Stop sharing your screen",
                    if (zh) {
                        "请下拉通知栏，点击屏幕共享或录屏提示上的“停止”；在会议或聊天应用里结束共享。" +
                            "银行、客服和警察都不会要求您共享屏幕。"
                    } else {
                        "Pull down the notification shade and tap Stop on the screen sharing or recording " +
                            "notice, or end the share in the meeting or chat app. No bank, customer service " +
                            "or police officer ever asks you to share your screen."
                    },
                    null,
                    null,
                    if (zh) "知道了" else "OK",
                )
            }
        }

        /** Exposure details that mean a second screen: a cast indicator, an extra display. */
        private val SECOND_SCREEN_DETAILS = setOf("cast", "display")
    }
}
