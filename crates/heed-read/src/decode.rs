//! Bytes to text: UTF-8, UTF-16 with a byte-order mark, and Windows-1252 as the fallback
//! that old Word exports need. Refuses binary data rather than reading noise.

use crate::ReadError;

/// Decodes a document's bytes.
pub fn decode(bytes: &[u8]) -> Result<String, ReadError> {
    let text = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
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
    // Text has few control characters; binary data read as 1252 has many.
    let total = text.chars().count();
    let control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c'))
        .count();
    if control * 10 > total {
        return Err(ReadError::Binary);
    }
    Ok(text)
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
}
