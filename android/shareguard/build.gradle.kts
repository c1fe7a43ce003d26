import org.jetbrains.kotlin.gradle.dsl.JvmTarget

plugins {
    id("com.android.library")
    id("org.jetbrains.kotlin.android")
    `maven-publish`
}

android {
    namespace = "org.shareguard"
    compileSdk = 35

    defaultConfig {
        minSdk = 26
        consumerProguardFiles("consumer-rules.pro")
    }

    buildTypes {
        release {
            isMinifyEnabled = false
        }
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    sourceSets["main"].java.srcDirs("src/main/kotlin")
    // src/jvmTest holds the host tests run by Maven (../jvm-test.sh): they load the host-built
    // native library and the real framework classes, which Gradle's unit tests do not have.
}

kotlin {
    compilerOptions {
        jvmTarget.set(JvmTarget.JVM_17)
        allWarningsAsErrors.set(true)
    }
}

// The native engine for the three ABIs, from the crate at the repository's root.
val repositoryRoot: File = rootProject.projectDir.parentFile
val jniLibsDir: File = file("src/main/jniLibs")

val cargoNdk by tasks.registering(Exec::class) {
    description = "Builds libshareguard.so for arm64-v8a, armeabi-v7a and x86_64 with cargo-ndk."
    workingDir = repositoryRoot
    commandLine(
        "cargo", "ndk",
        "-t", "arm64-v8a", "-t", "armeabi-v7a", "-t", "x86_64",
        "--platform", "26",
        "-o", jniLibsDir.absolutePath,
        "build", "--release", "--lib", "--locked",
    )
    // 16 KB pages (Android 15 devices): align the 64-bit libraries' segments.
    environment("CARGO_TARGET_AARCH64_LINUX_ANDROID_RUSTFLAGS", "-C link-arg=-Wl,-z,max-page-size=16384")
    environment("CARGO_TARGET_X86_64_LINUX_ANDROID_RUSTFLAGS", "-C link-arg=-Wl,-z,max-page-size=16384")
    inputs.dir(File(repositoryRoot, "src"))
    inputs.dir(File(repositoryRoot, "rules"))
    inputs.file(File(repositoryRoot, "Cargo.toml"))
    inputs.file(File(repositoryRoot, "Cargo.lock"))
    outputs.dir(jniLibsDir)
}

tasks.named("preBuild") {
    dependsOn(cargoNdk)
}

// The AAR as a Maven publication, org.shareguard:shareguard:<the crate's version>:
// `gradle :shareguard:publishToMavenLocal`, or `gradle :shareguard:publishReleasePublicationToBuildRepository`
// for a file repository under shareguard/build/repo to copy to an internal Maven server.
val crateVersion: String = Regex("""(?m)^version\s*=\s*"([^"]+)"""")
    .find(File(repositoryRoot, "Cargo.toml").readText())
    ?.groupValues?.get(1)
    ?: error("no [package] version in Cargo.toml")

android {
    publishing {
        singleVariant("release") {
            withSourcesJar()
        }
    }
}

afterEvaluate {
    publishing {
        publications {
            register<MavenPublication>("release") {
                groupId = "org.shareguard"
                artifactId = "shareguard"
                version = crateVersion
                from(components["release"])
                pom {
                    name.set("ShareGuard")
                    description.set(
                        "Guards against the fake customer service scam: warns when a bank, payment or loan " +
                            "screen is shared, recorded, cast or remote-controlled.",
                    )
                    licenses {
                        license {
                            name.set("Apache-2.0")
                            url.set("https://www.apache.org/licenses/LICENSE-2.0")
                        }
                    }
                }
            }
        }
        repositories {
            maven {
                name = "build"
                url = uri(layout.buildDirectory.dir("repo"))
            }
        }
    }
}
