// ShareGuard's Android build: the library (AAR: Kotlin API, interruption UI, native engine for
// arm64-v8a, armeabi-v7a and x86_64) and the guard app. Needs the Android SDK (platform 35),
// the NDK and cargo-ndk; see ../build.sh android. Without them, ../android/jvm-test.sh proves
// the same Kotlin sources on the JVM with Maven.
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "shareguard-android"
include(":shareguard", ":app")
