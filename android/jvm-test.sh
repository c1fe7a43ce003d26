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
if [[ "${1:-}" == "--prefetch" ]]; then
  # Compile everything and start Surefire on no test (every plugin and dependency), then fetch
  # the JUnit Platform provider Surefire would otherwise resolve when tests first run.
  mvn -B -q -f "$here/pom.xml" test -Dtest=NoTestPrefetchOnly -Dsurefire.failIfNoSpecifiedTests=false
  surefire=$(sed -n 's:.*<surefire.version>\(.*\)</surefire.version>.*:\1:p' "$here/pom.xml")
  mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get \
    -Dartifact="org.apache.maven.surefire:surefire-junit-platform:$surefire"
  exit 0
fi

target_dir="${CARGO_TARGET_DIR:-$root/target}"
(cd "$root" && cargo build --lib --features test-natives)
# Not quiet: Surefire's "Tests run: …" lines are the record of what ran.
exec mvn -B -ntp -f "$here/pom.xml" -Dshareguard.lib.dir="$target_dir/debug" test "$@"
