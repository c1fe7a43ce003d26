package org.shareguard

/**
 * What the engine throws. Messages never quote screen text. The native library constructs
 * these through their `(String)` constructors (kept by consumer-rules.pro).
 */
open class ShareGuardException : RuntimeException {
    constructor(message: String) : super(message)
    constructor(message: String, cause: Throwable) : super(message, cause)
}

/** The observation is not one of the trace format (or its text is not valid UTF-16). */
class BadObservationException(message: String) : ShareGuardException(message)

/** The rules file was refused; the rules in force stay. */
class BadRulesException(message: String) : ShareGuardException(message)

/** The engine was closed, or the handle was never an engine's. */
class EngineClosedException(message: String) : ShareGuardException(message)

/**
 * The engine failed inside (a caught panic, or output this library cannot read). The caller
 * cannot know what the engine would have decided and must fail toward protecting the person:
 * treat it as a reason to warn, not as silence.
 */
class EngineFailureException : ShareGuardException {
    constructor(message: String) : super(message)
    constructor(message: String, cause: Throwable) : super(message, cause)
}
