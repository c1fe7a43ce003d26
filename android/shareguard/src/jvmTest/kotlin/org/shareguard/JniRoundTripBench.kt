package org.shareguard

import org.junit.jupiter.api.Tag
import org.junit.jupiter.api.Test

/**
 * The JNI round trip for a large screen: a `window` observation of 400 texts (about 12 KB of
 * JSON). Prints ns per observation; asserts nothing about time. Run with
 * `android/jvm-bench.sh` (a release build of the native library, `-Pbench`).
 */
@Tag("bench")
class JniRoundTripBench {
    private val screen = Observation.Window(
        1_000,
        "com.eg.android.AlipayGphone",
        "com.alipay.mobile.quinox.LauncherActivity",
        texts = List(400) { i -> "账单 $i 付张三 ¥${i * 7}.00" },
    )

    /** ns per call of [body]: the best of [rounds] rounds after a warm-up (the machine is shared). */
    private fun perOp(iterations: Int, rounds: Int = 5, body: () -> Unit): Double {
        repeat(iterations) { body() }
        return (1..rounds).minOf {
            val start = System.nanoTime()
            repeat(iterations) { body() }
            (System.nanoTime() - start).toDouble() / iterations
        }
    }

    @Test
    fun largeScreenRoundTrip() {
        val json = screen.toJson()
        val iterations = 4_000
        Engine().use { engine ->
            val typed = perOp(iterations) { engine.observe(screen) }
            val raw = perOp(iterations) { NativeBridge.engineObserve(engine.handle, json) }
            val toJson = perOp(iterations) { screen.toJson() }
            val rust = perOp(1) { TestNatives.observeInRustNanos(engine.handle, json, iterations) } / iterations
            println("JNI round trip, window of ${screen.texts.size} texts, ${json.toByteArray().size} bytes of JSON (best of 5 rounds):")
            println("  Engine.observe(Observation) (toJson + JNI + Rust):  %,.0f ns/op".format(typed))
            println("  NativeBridge.engineObserve(json) (JNI + Rust):       %,.0f ns/op".format(raw))
            println("  Observation.toJson() alone:                          %,.0f ns/op".format(toJson))
            println("  inside Rust alone (parse + lock + observe):          %,.0f ns/op".format(rust))
            println("  JNI string crossing (engineObserve - inside Rust):   %,.0f ns/op".format(raw - rust))
        }
    }
}
