//! Vocabulary words and long texts as people read them, on a page and in a terminal alike:
//! `in_progress` as "In progress", a long note clipped to one line.

/// A vocabulary word as people read it: `in_progress` -> "In progress".
pub fn label(word: &str) -> String {
    let spaced = word.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// An optional vocabulary word as people read it, with a dash for none.
pub fn label_or_dash(word: Option<&str>) -> String {
    word.map(label).unwrap_or_else(|| "—".into())
}

/// Shortens text to `n` characters on one line.
/// Reads only as far into the text as it needs: every row of a long list is clipped.
pub fn clip(text: &str, n: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    for word in text.split_whitespace() {
        let sep = usize::from(!out.is_empty());
        let len = word.chars().count();
        if count + sep + len <= n {
            if sep == 1 {
                out.push(' ');
            }
            out.push_str(word);
            count += sep + len;
            continue;
        }
        // Longer than `n` on one line: its first n - 1 characters, then an ellipsis.
        if sep == 1 {
            out.push(' ');
        }
        out.push_str(word);
        let mut cut: String = out.chars().take(n.saturating_sub(1)).collect();
        cut.push('…');
        return cut;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_read_as_people_write_them() {
        assert_eq!(label("in_progress"), "In progress");
        assert_eq!(label(""), "");
        assert_eq!(label_or_dash(None), "—");
        assert_eq!(clip("a  b\nc", 10), "a b c");
        // The same as clipping the whole text joined on one line, for every length.
        let whole = |text: &str, n: usize| {
            let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if one_line.chars().count() <= n {
                one_line
            } else {
                let cut: String = one_line.chars().take(n.saturating_sub(1)).collect();
                format!("{cut}…")
            }
        };
        for text in [
            "",
            "  ",
            "a",
            "ab cd",
            " Zoë  Łódź\t–\n≥ 25 % ",
            "one two three four",
        ] {
            for n in 0..20 {
                assert_eq!(clip(text, n), whole(text, n), "{text:?} at {n}");
            }
        }
        assert_eq!(clip("abcdef", 4), "abc…");
    }
}
