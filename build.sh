#!/usr/bin/env bash
# ShareGuard's one entry point for every build and test.
#
#   ./build.sh           build, then replay the advisory's scam flow through the engine
#   ./build.sh test      every test: Rust (fmt, clippy, unit, scenarios, corpus, robustness),
#                        the Android targets' cargo check, and the JVM tests of the Kotlin code
#   ./build.sh bench     the Rust benchmarks (criterion) and the JNI round-trip benchmark
#   ./build.sh android   the real Android build (Gradle + cargo-ndk), on a machine with the SDK and NDK
set -euo pipefail
cd "$(dirname "$0")"

ANDROID_TARGETS=(aarch64-linux-android armv7-linux-androideabi x86_64-linux-android)

step() { printf '\n==> %s\n' "$*"; }
skip() { printf '\n==> SKIPPED: %s\n' "$*"; }

build() {
  step "cargo build (library, cdylib and the shareguard CLI)"
  cargo build --locked
  step "The advisory's scam flow (examples/advisory-refund-scam.trace.jsonl) through the engine"
  ./target/debug/shareguard replay --timeline examples/advisory-refund-scam.trace.jsonl
}

android_check() {
  local installed missing=()
  installed=$(rustup target list --installed 2>/dev/null || true)
  for target in "${ANDROID_TARGETS[@]}"; do
    grep -qx "$target" <<<"$installed" || missing+=("$target")
  done
  if ((${#missing[@]})); then
    echo "build.sh: Rust targets missing: ${missing[*]}" >&2
    echo "build.sh: install them with: rustup target add ${ANDROID_TARGETS[*]}" >&2
    return 1
  fi
  for target in "${ANDROID_TARGETS[@]}"; do
    step "cargo check --lib --target $target (linking needs the NDK; checking does not)"
    cargo check --locked --lib --target "$target"
  done
}

jvm_tests() {
  if [[ -x android/jvm-test.sh ]]; then
    step "JVM tests of the Kotlin library and app, against the host-built native library"
    android/jvm-test.sh
  else
    echo "build.sh: android/jvm-test.sh is missing" >&2
    return 1
  fi
}

run_tests() {
  step "cargo fmt --check"
  cargo fmt --all -- --check
  step "cargo clippy --all-targets -- -D warnings"
  cargo clippy --locked --all-targets -- -D warnings
  step "cargo test (unit tests, scenario traces, code corpus, robustness)"
  cargo test --locked -- --nocapture 2>&1 | grep -Ev '^test .* \.\.\. ok$'
  android_check
  jvm_tests
}

bench() {
  step "cargo bench (criterion)"
  cargo bench --locked --bench engine
  if [[ -x android/jvm-bench.sh ]]; then
    step "JNI round trip (JVM)"
    android/jvm-bench.sh
  fi
}

android_build() {
  local missing=()
  [[ -n "${ANDROID_HOME:-}" ]] || missing+=("ANDROID_HOME (the Android SDK with platform 35 and build-tools)")
  [[ -n "${ANDROID_NDK_HOME:-}" ]] || missing+=("ANDROID_NDK_HOME (the Android NDK, r26 or later)")
  command -v cargo-ndk >/dev/null 2>&1 || missing+=("cargo-ndk (cargo install cargo-ndk)")
  local gradle=""
  if [[ -x android/gradlew ]]; then gradle="$PWD/android/gradlew"
  elif command -v gradle >/dev/null 2>&1; then gradle=gradle
  else missing+=("Gradle 8.9+ (or a Gradle wrapper in android/: gradle wrapper --gradle-version 8.9)")
  fi
  if ((${#missing[@]})); then
    skip "the Android build (AAR and guard APK) needs what this machine lacks:"
    printf '      - %s\n' "${missing[@]}"
    echo "    Install those, then run ./build.sh android again. Everything else is verified by ./build.sh test."
    return 0
  fi
  rustup target add "${ANDROID_TARGETS[@]}"
  step "Gradle: the library AAR (with arm64-v8a, armeabi-v7a, x86_64 native libraries) and the guard APK"
  (cd android && "$gradle" --no-daemon assembleRelease)
}

case "${1:-build}" in
  build) build ;;
  test) run_tests ;;
  bench) bench ;;
  android) android_build ;;
  *) echo "usage: ./build.sh [build|test|bench|android]" >&2; exit 2 ;;
esac
