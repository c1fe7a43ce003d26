//! Whether the screen is exposed: shared, cast, recorded or remote-controlled.
