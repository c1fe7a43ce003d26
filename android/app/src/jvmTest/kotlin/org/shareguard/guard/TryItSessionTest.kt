package org.shareguard.guard

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.shareguard.Action
import org.shareguard.Decision
import org.shareguard.Engine
import org.shareguard.ReasonKind
import org.shareguard.UserChoice
import org.shareguard.ui.InterruptionChoice

/** "Try it" plays the advisory's trace (the asset, here a test resource) through the real engine. */
class TryItSessionTest {
    private val trace: String =
        checkNotNull(javaClass.classLoader.getResourceAsStream(TryItSession.ASSET)) { "the advisory's trace is not on the test classpath" }
            .bufferedReader().use { it.readText() }

    private fun session(locale: String = "zh-CN") = TryItSession(Engine(locale), trace)

    @Test
    fun theFirstInterruptionIsTheFakeRefundPageOnASharedScreen() {
        session().use { s ->
            val first = checkNotNull(s.nextInterruption()) { "no interruption" }
            assertEquals(Action.INTERRUPT, first.action)
            assertTrue(first.hasReason(ReasonKind.SCREEN_SHARE), "${first.reasons}")
            assertTrue(first.hasReason(ReasonKind.CARD_FORM), "${first.reasons}")
            assertFalse(first.title.isNullOrBlank())
            assertTrue(first.message!!.contains("96110"))
        }
    }

    @Test
    fun continuingPlaysOnToTheVerificationCodeWithoutShowingIt() {
        session().use { s ->
            s.nextInterruption()
            assertEquals(Action.CLEAR, s.choose(UserChoice.CONTINUE)?.action)
            val second = s.nextInterruption()!!
            assertTrue(second.hasReason(ReasonKind.OTP), "${second.reasons}")
            assertFalse("${second.title} ${second.message}".contains("592047"), "the code is never repeated")
        }
    }

    @Test
    fun continuingEveryTimeShowsEachStageOfTheScamThenEnds() {
        session().use { s ->
            val shown = ArrayList<Decision>()
            while (true) {
                val d = s.nextInterruption() ?: break
                shown.add(d)
                s.choose(UserChoice.CONTINUE)
            }
            assertTrue(s.isFinished)
            val kinds = shown.flatMap { d -> d.reasons.map { it.kind } }.toSet()
            for (stage in listOf(ReasonKind.CARD_FORM, ReasonKind.OTP, ReasonKind.SCAM_SCRIPT, ReasonKind.LENDING_APP)) {
                assertTrue(stage in kinds, "no $stage in ${shown.map { it.reasons }}")
            }
        }
    }

    @Test
    fun theWarningsFollowTheLocale() {
        session("en").use { s ->
            val first = s.nextInterruption()!!
            assertTrue(first.title!!.none { it in '\u4e00'..'\u9fff' }, first.title)
        }
    }

    @Test
    fun theRealInterruptionIsShownAndTheChoiceGoesBackToTheEngine() {
        session().use { s ->
            val overlay = FakeOverlay()
            lateinit var controller: InterruptionController
            controller = InterruptionController(
                overlay = overlay,
                actions = FakeActions(),
                sendChoice = { choice ->
                    s.choose(choice)?.let { controller.onDecision(it, null) }
                    if (choice == UserChoice.CONTINUE) s.nextInterruption()?.let { controller.onDecision(it, null) }
                },
                record = {},
                wallClock = { 0L },
            )
            val first = s.nextInterruption()!!
            controller.onDecision(first, null)
            assertEquals(first.title, overlay.showing?.title)
            controller.onChoice(InterruptionChoice.CONTINUE)
            assertTrue(controller.isShowing)
            assertTrue(overlay.showing!!.hasReason(ReasonKind.OTP))
            controller.onChoice(InterruptionChoice.STOP_SHARING)
            assertFalse(controller.isShowing)
            assertFalse(overlay.isAttached)
        }
    }
}
