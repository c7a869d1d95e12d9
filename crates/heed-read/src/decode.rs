//! Bytes to text: UTF-8, UTF-16 with a byte-order mark, and Windows-1252 as the fallback
//! that old Word exports need. Refuses binary data rather than reading noise.

use crate::ReadError;

/// Decodes a document's bytes.
pub fn decode(bytes: &[u8]) -> Result<String, ReadError> {
    decode_inner(bytes, None)
}

/// [`decode`] of bytes the caller gives up: UTF-8 without a byte-order mark becomes the
/// text in place, without a copy (the whole input is not held twice).
pub fn decode_owned(bytes: Vec<u8>) -> Result<String, ReadError> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF])
        || bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || memchr::memchr(0, &bytes).is_some()
    {
        return decode(&bytes);
    }
    match String::from_utf8(bytes) {
        Ok(text) => decode_inner(&[], Some(text)),
        Err(e) => decode(e.as_bytes()),
    }
}

fn decode_inner(bytes: &[u8], utf8: Option<String>) -> Result<String, ReadError> {
    let text = if let Some(text) = utf8 {
        text
    } else if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(rest).into_owned()
    } else if bytes.starts_with(&[0xFF, 0xFE]) {
        encoding_rs::UTF_16LE
            .decode_with_bom_removal(bytes)
            .0
            .into_owned()
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        encoding_rs::UTF_16BE
            .decode_with_bom_removal(bytes)
            .0
            .into_owned()
    } else if bytes.contains(&0) {
        return Err(ReadError::Binary);
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
        }
    };
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    // Text has few control characters; binary data read as 1252 has many. Counted on the
    // bytes: a character is a byte that does not continue one, and a control character is
    // a byte below 0x20 or 0x7F, or U+0080..U+009F (0xC2 then 0x80..0x9F). Each count is a
    // filter the compiler turns into vector code, with byte-wide counters (a chunk of 255
    // bytes cannot overflow one). A character takes at most four bytes, so when the
    // controls are under a tenth of a quarter of the bytes the characters need no count.
    let b = text.as_bytes();
    let c0 = count_bytes(b, |c| {
        (c < 0x20 && !matches!(c, b'\n' | b'\r' | b'\t' | 0x0c)) || c == 0x7F
    });
    let c1 = memchr::memchr_iter(0xC2, b)
        .filter(|&k| b.get(k + 1).is_some_and(|n| (0x80..=0x9F).contains(n)))
        .count();
    let control = c0 + c1;
    if control * 10 > b.len() / 4 {
        let total = count_bytes(b, |c| c & 0xC0 != 0x80);
        if control * 10 > total {
            return Err(ReadError::Binary);
        }
    }
    Ok(text)
}

/// How many bytes satisfy `pred`, counted 255 bytes at a time in byte-wide lanes.
fn count_bytes(b: &[u8], pred: impl Fn(u8) -> bool) -> usize {
    b.chunks(255)
        .map(|chunk| {
            chunk
                .iter()
                .fold(0u8, |n, &c| n.wrapping_add(u8::from(pred(c)))) as usize
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(decode("café".as_bytes()).as_deref(), Ok("café"));
        assert_eq!(
            decode(b"caf\xe9 \x93quoted\x94").as_deref(),
            Ok("café \u{201c}quoted\u{201d}")
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Hi é".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16).as_deref(), Ok("Hi é"));
        assert_eq!(decode(b"\x7fELF\x02\x01\x00\x00"), Err(ReadError::Binary));
        assert_eq!(decode(b" \n\t "), Err(ReadError::Empty));
    }

    #[test]
    fn owned_bytes_decode_as_borrowed_ones() {
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Hi é".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let cases: Vec<Vec<u8>> = vec![
            "café".into(),
            b"caf\xe9 \x93quoted\x94".to_vec(),
            b"\xEF\xBB\xBFwith a mark".to_vec(),
            utf16,
            b"\x7fELF\x02\x01\x00\x00".to_vec(),
            b" \n\t ".to_vec(),
            "\u{85}\u{90}\u{9f}\u{1}\u{2}\u{3}".into(),
            b"\xC2\x80\xC2\x9F ok".to_vec(),
            Vec::new(),
        ];
        for c in cases {
            assert_eq!(decode_owned(c.clone()), decode(&c), "{c:?}");
        }
    }

    /// The byte count of control characters is the character count it replaced.
    #[test]
    fn control_characters_are_counted_as_characters() {
        // Eleven characters, two of them C1 controls (two bytes each): under a tenth? no.
        assert_eq!(
            decode("abcdefghi\u{85}\u{86}".as_bytes()),
            Err(ReadError::Binary)
        );
        // Twenty-one characters, two controls: under a tenth, text.
        assert!(decode("abcdefghijklmnopqrs\u{85}\u{86}".as_bytes()).is_ok());
    }
}
