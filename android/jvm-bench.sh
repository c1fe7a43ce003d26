#!/usr/bin/env bash
# The JNI round-trip benchmark (JniRoundTripBench): a release build of the native library with
# the test-only natives, then the JUnit tests tagged "bench" (Maven profile -Pbench).
# Prints ns per observation; no timing is asserted.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
(cd "$root" && cargo build --release --lib --features test-natives)
exec mvn -B -ntp -f "$here/pom.xml" -Pbench -Dshareguard.lib.dir="$target_dir/release" test "$@"
