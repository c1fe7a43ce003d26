#!/usr/bin/env bash
# The JVM proof of the Android code: builds the host cdylib with the test-only natives, then
# compiles every Kotlin source of android/ against android-all (API 35) and runs the JUnit tests,
# which drive the real native library through NativeBridge.
#
#   android/jvm-test.sh             build the library (debug) and run the tests
#   android/jvm-test.sh --prefetch  only download what Maven needs (for CI, before going offline)
#
# Extra arguments go to Maven (e.g. -Dtest=EngineBridgeTest). The first run downloads the
# Kotlin compiler, JUnit and android-all (about 200 MB) into ~/.m2.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
mvn_args=(-B -q -f "$here/pom.xml")

if [[ "${1:-}" == "--prefetch" ]]; then
  mvn -B -f "$here/pom.xml" dependency:go-offline
  # Surefire resolves its JUnit Platform provider only when tests run; fetch it now.
  surefire=$(mvn "${mvn_args[@]}" help:evaluate -Dexpression=surefire.version -DforceStdout)
  mvn -B dependency:get -Dartifact="org.apache.maven.surefire:surefire-junit-platform:$surefire"
  exit 0
fi

target_dir="${CARGO_TARGET_DIR:-$root/target}"
(cd "$root" && cargo build --lib --features test-natives)
exec mvn "${mvn_args[@]}" -Dshareguard.lib.dir="$target_dir/debug" test "$@"
