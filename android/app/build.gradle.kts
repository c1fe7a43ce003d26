import org.jetbrains.kotlin.gradle.dsl.JvmTarget

plugins {
    id("com.android.application")
    id("org.jetbrains.kotlin.android")
}

android {
    namespace = "org.shareguard.guard"
    compileSdk = 35

    defaultConfig {
        applicationId = "org.shareguard.guard"
        minSdk = 26
        targetSdk = 35
        versionCode = 1
        versionName = "0.1.0"
    }

    buildTypes {
        release {
            // Shrinking applies the library's consumer rules, as in any app that bundles it.
            isMinifyEnabled = true
            proguardFiles(getDefaultProguardFile("proguard-android-optimize.txt"))
        }
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    sourceSets["main"].java.srcDirs("src/main/kotlin")
}

kotlin {
    compilerOptions {
        jvmTarget.set(JvmTarget.JVM_17)
        allWarningsAsErrors.set(true)
    }
}

dependencies {
    implementation(project(":shareguard"))
}

// "Try it" on the status screen plays the advisory's scam flow: the repository's example trace,
// copied into the APK's assets at build time (one file, not a copy kept in the source tree).
abstract class TryItTrace : DefaultTask() {
    @get:InputFile
    abstract val trace: RegularFileProperty

    @get:OutputDirectory
    abstract val outputDir: DirectoryProperty

    @TaskAction
    fun copy() {
        val source = trace.get().asFile
        source.copyTo(outputDir.get().asFile.resolve(source.name), overwrite = true)
    }
}

val tryItTrace = tasks.register<TryItTrace>("tryItTrace") {
    trace.set(rootProject.layout.projectDirectory.file("../examples/advisory-refund-scam.trace.jsonl"))
}

androidComponents {
    onVariants { variant ->
        variant.sources.assets?.addGeneratedSourceDirectory(tryItTrace, TryItTrace::outputDir)
    }
}
