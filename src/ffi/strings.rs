//! Java strings in and out.
//!
//! `GetStringUTFChars` hands over Java's modified UTF-8: U+0000 as `C0 80`,
//! and each UTF-16 unit of a surrogate pair as its own 3-byte sequence
//! (HotSpot; ART may send a pair as one 4-byte sequence instead). A Java
//! string may hold a lone surrogate, which has no UTF-8 form at all. The
//! decoder here accepts all of the valid forms and reports a lone surrogate
//! or a malformed sequence as an error, where `jni`'s own conversion would
//! silently substitute U+FFFD.

use jni::JNIEnv;
use jni::objects::JString;
use jni::sys::jstring;
use std::borrow::Cow;

/// The bytes are not the modified UTF-8 of a valid UTF-16 string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct NotUtf16;

/// What reading a Java string argument can fail with.
#[derive(Debug)]
pub(super) enum ReadError {
    /// The argument was null.
    Null,
    /// The string holds a lone surrogate.
    NotUtf16,
    /// The JNI call failed.
    Jni(jni::errors::Error),
}

/// Reads a non-null `java.lang.String` argument.
pub(super) fn read(env: &JNIEnv<'_>, s: &JString<'_>) -> Result<String, ReadError> {
    read_bytes(env, s, |bytes| {
        decode_modified_utf8(bytes)
            .map(Cow::into_owned)
            .map_err(|NotUtf16| ReadError::NotUtf16)
    })
}

/// Reads a `java.lang.String` argument that may be null.
pub(super) fn read_optional(
    env: &JNIEnv<'_>,
    s: &JString<'_>,
) -> Result<Option<String>, ReadError> {
    if s.is_null() {
        return Ok(None);
    }
    read(env, s).map(Some)
}

/// Hands the string's modified UTF-8 bytes (without the terminating NUL) to `f`.
pub(super) fn read_bytes<T>(
    env: &JNIEnv<'_>,
    s: &JString<'_>,
    f: impl FnOnce(&[u8]) -> Result<T, ReadError>,
) -> Result<T, ReadError> {
    if s.is_null() {
        return Err(ReadError::Null);
    }
    // SAFETY: every native that calls this declares the parameter as
    // `java.lang.String`, so the JVM guarantees `s` is a String (or null,
    // checked above); that is the only precondition of the unchecked call.
    let java_str = unsafe { env.get_string_unchecked(s) }.map_err(ReadError::Jni)?;
    f(java_str.to_bytes())
}

/// A new Java string, returned to Java as the native's result.
pub(super) fn new(env: &JNIEnv<'_>, s: &str) -> Result<jstring, jni::errors::Error> {
    Ok(env.new_string(s)?.into_raw())
}

/// Decodes Java's modified UTF-8 (also accepting 4-byte sequences).
pub(super) fn decode_modified_utf8(bytes: &[u8]) -> Result<Cow<'_, str>, NotUtf16> {
    // Standard UTF-8 excludes surrogates and `C0 80`, so valid UTF-8 is the
    // text itself: the common case, borrowed with no copy.
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Cow::Borrowed(s));
    }
    let mut out = String::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (c, len) = match b {
            0x00..=0x7F => (u32::from(b), 1),
            0xC0..=0xDF => (two_byte(bytes, i)?, 2),
            0xE0..=0xEF => {
                let unit = three_byte(bytes, i)?;
                match unit {
                    0xD800..=0xDBFF => {
                        let low = bytes
                            .get(i + 3)
                            .filter(|b| (0xE0..=0xEF).contains(*b))
                            .map(|_| three_byte(bytes, i + 3))
                            .transpose()?
                            .filter(|low| (0xDC00..=0xDFFF).contains(low))
                            .ok_or(NotUtf16)?;
                        (0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), 6)
                    }
                    0xDC00..=0xDFFF => return Err(NotUtf16),
                    _ => (unit, 3),
                }
            }
            0xF0..=0xF7 => {
                let s = bytes.get(i..i + 4).ok_or(NotUtf16)?;
                let c = std::str::from_utf8(s).map_err(|_| NotUtf16)?;
                out.push_str(c);
                i += 4;
                continue;
            }
            _ => return Err(NotUtf16),
        };
        out.push(char::from_u32(c).ok_or(NotUtf16)?);
        i += len;
    }
    Ok(Cow::Owned(out))
}

fn continuation(bytes: &[u8], i: usize) -> Result<u32, NotUtf16> {
    match bytes.get(i) {
        Some(b) if b & 0xC0 == 0x80 => Ok(u32::from(b & 0x3F)),
        _ => Err(NotUtf16),
    }
}

fn two_byte(bytes: &[u8], i: usize) -> Result<u32, NotUtf16> {
    let c = (u32::from(bytes[i] & 0x1F) << 6) | continuation(bytes, i + 1)?;
    // Overlong forms are refused, except `C0 80`, Java's U+0000.
    if c < 0x80 && c != 0 {
        return Err(NotUtf16);
    }
    Ok(c)
}

fn three_byte(bytes: &[u8], i: usize) -> Result<u32, NotUtf16> {
    let c = (u32::from(bytes[i] & 0x0F) << 12)
        | (continuation(bytes, i + 1)? << 6)
        | continuation(bytes, i + 2)?;
    if c < 0x800 {
        return Err(NotUtf16);
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Java's modified UTF-8 of a UTF-16 string, as HotSpot produces it.
    fn java_modified_utf8(units: &[u16]) -> Vec<u8> {
        let mut out = Vec::new();
        for &u in units {
            let u = u32::from(u);
            match u {
                0x01..=0x7F => out.push(u as u8),
                0x00 | 0x80..=0x7FF => out.extend([0xC0 | (u >> 6) as u8, 0x80 | (u & 0x3F) as u8]),
                _ => out.extend([
                    0xE0 | (u >> 12) as u8,
                    0x80 | ((u >> 6) & 0x3F) as u8,
                    0x80 | (u & 0x3F) as u8,
                ]),
            }
        }
        out
    }

    fn units(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    #[test]
    fn decodes_every_valid_string() {
        for s in [
            "",
            "plain ascii",
            "验证码 483920",
            "emoji 😀 and 𝄞",
            "nul \0 inside",
            "é\u{7FF}\u{800}\u{FFFF}",
        ] {
            assert_eq!(
                decode_modified_utf8(&java_modified_utf8(&units(s))).as_deref(),
                Ok(s)
            );
            // ART's form: standard UTF-8 with 4-byte sequences.
            assert_eq!(decode_modified_utf8(s.as_bytes()).as_deref(), Ok(s));
        }
    }

    #[test]
    fn refuses_lone_surrogates() {
        for bad in [
            vec![0xD800],
            vec![0x61, 0xDBFF],
            vec![0xDC00, 0x61],
            vec![0xD800, 0x61, 0xDC00],
            vec![0xD800, 0xD800],
        ] {
            assert_eq!(
                decode_modified_utf8(&java_modified_utf8(&bad)),
                Err(NotUtf16),
                "{bad:x?}"
            );
        }
    }

    #[test]
    fn refuses_malformed_bytes() {
        for bad in [
            &[0x80][..],
            &[0xC3],
            &[0xE4, 0xB8],
            &[0xC1, 0x81],
            &[0xE0, 0x81, 0x81],
            &[0xF0, 0x9F, 0x98],
            &[0xFF],
        ] {
            assert_eq!(decode_modified_utf8(bad), Err(NotUtf16), "{bad:x?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_utf16_round_trips_or_is_refused(units in proptest::collection::vec(proptest::num::u16::ANY, 0..40)) {
            let bytes = java_modified_utf8(&units);
            let decoded = decode_modified_utf8(&bytes);
            match String::from_utf16(&units) {
                Ok(s) => proptest::prop_assert_eq!(decoded, Ok(Cow::Owned(s))),
                Err(_) => proptest::prop_assert_eq!(decoded, Err(NotUtf16)),
            }
        }
    }
}
