//! Markup out, words kept: whole HTML pages to lines, and inline markup (HTML fragments,
//! Markdown emphasis and links, entities, odd bullet glyphs) removed from a line of text.

/// Tags that start a new line when a whole page is turned into text.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "tr",
    "table",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "dd",
    "dt",
    "dl",
    "hr",
    "form",
    "main",
    "aside",
    "nav",
    "title",
    "body",
    "caption",
    "thead",
    "tbody",
    "pre",
];
/// Block tags that separate paragraphs (a blank line in text), not only lines.
const PARAGRAPH_TAGS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "section",
    "article",
    "table",
    "ul",
    "ol",
    "dl",
    "pre",
];
/// Elements whose content is never text of the report.
const SKIP_ELEMENTS: &[&str] = &[
    "script", "style", "noscript", "head", "nav", "button", "select", "svg", "iframe",
];

/// Whether the text is a whole web page rather than text with a few tags in it.
pub fn is_html_page(text: &str) -> bool {
    let bytes = text.as_bytes();
    let head = &bytes[..bytes.len().min(2000)];
    // No tag at all: not a page (most documents stop here).
    if memchr::memchr(b'<', head).is_none() {
        return false;
    }
    let head = head.to_ascii_lowercase();
    let has = |needle: &[u8]| memchr::memmem::find(&head, needle).is_some();
    has(b"<!doctype html") || has(b"<html") || (has(b"<body") && has(b"</"))
}

/// The text of a page's `<title>`, if any.
pub fn html_title(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let start = lower.find("<title")?;
    let open_end = start + lower[start..].find('>')? + 1;
    let close = open_end + lower[open_end..].find("</title")?;
    let t = clean_inline(text.get(open_end..close)?);
    (!t.is_empty()).then_some(t)
}

fn tag_name(tag: &str) -> (bool, String) {
    let t = tag.trim_start_matches('<');
    let closing = t.starts_with('/');
    let name: String = t
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    (closing, name)
}

/// Turns a whole HTML page into lines of text, each with the 1-based source line it starts
/// on. Scripts, styles, comments (including server-side include lines), the head and
/// navigation are dropped; headings become Markdown headings, list items bullets and table
/// cells tab-separated, so the same readers serve pages and text.
pub fn html_page_to_lines(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut cur = String::new();
    let mut cur_line = 1usize;
    let mut line = 1usize;
    let bytes = text.as_bytes();
    let mut i = 0;
    let flush = |cur: &mut String, cur_line: usize, out: &mut Vec<(usize, String)>| {
        let t = cur.trim();
        if !t.is_empty() {
            out.push((cur_line, t.to_string()));
        }
        cur.clear();
    };
    while i < bytes.len() {
        let rest = &text[i..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").map_or(rest.len(), |e| e + 3);
            line += rest[..end].matches('\n').count();
            i += end;
            continue;
        }
        if rest.starts_with('<')
            && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!')
        {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            let tag = &rest[..end];
            line += tag.matches('\n').count();
            i += end;
            let (closing, name) = tag_name(tag);
            if !closing
                && !tag.ends_with("/>")
                && (SKIP_ELEMENTS.contains(&name.as_str()) || is_page_chrome(tag))
            {
                let skip = element_end(&text[i..], &name);
                line += text[i..i + skip].matches('\n').count();
                i += skip;
                continue;
            }
            if BLOCK_TAGS.contains(&name.as_str()) {
                flush(&mut cur, cur_line, &mut out);
                // Paragraph-level elements are separated by a blank line, as in text.
                if !closing
                    && PARAGRAPH_TAGS.contains(&name.as_str())
                    && out.last().is_some_and(|(_, t)| !t.is_empty())
                {
                    out.push((line, String::new()));
                }
                cur_line = line;
                if !closing {
                    if let Some(level) =
                        name.strip_prefix('h').and_then(|n| n.parse::<usize>().ok())
                    {
                        cur.push_str(&"#".repeat(level.min(6)));
                        cur.push(' ');
                    } else if name == "li" {
                        cur.push_str("- ");
                    }
                }
            } else if (name == "td" || name == "th") && !closing {
                if !cur.trim().is_empty() {
                    cur.push('\t');
                }
            } else if !cur.ends_with(' ')
                && !cur.ends_with('\t')
                && !closing
                && matches!(name.as_str(), "img" | "input")
            {
                cur.push(' ');
            }
            continue;
        }
        let ch = rest.chars().next().unwrap_or(' ');
        if ch == '\n' {
            line += 1;
            if !cur.ends_with(' ') {
                cur.push(' ');
            }
        } else if ch.is_whitespace() && ch != '\t' {
            if !cur.ends_with(' ') && !cur.is_empty() {
                cur.push(' ');
            }
        } else {
            if cur.trim().is_empty() {
                cur_line = line;
            }
            cur.push(ch);
        }
        i += ch.len_utf8();
    }
    flush(&mut cur, cur_line, &mut out);
    out
}

/// Whether an opening tag marks page chrome rather than report text: breadcrumbs,
/// navigation menus, share buttons, by its `id` or `class`.
fn is_page_chrome(tag: &str) -> bool {
    let lower = tag.to_ascii_lowercase();
    let attr = |name: &str| {
        let key = format!("{name}=\"");
        lower.find(&key).and_then(|p| {
            let v = &lower[p + key.len()..];
            v.find('"').map(|e| v[..e].to_string())
        })
    };
    [attr("id"), attr("class")].into_iter().flatten().any(|v| {
        v.split([' ', '-', '_']).any(|w| {
            matches!(
                w,
                "breadcrumb"
                    | "breadcrumbs"
                    | "nav"
                    | "navigation"
                    | "menu"
                    | "share"
                    | "tweet"
                    | "social"
                    | "sharing"
            )
        }) || v.contains("breadcrumb")
            || v.contains("share-button")
    })
}

/// The length of an element's content and closing tag, from just after its opening tag:
/// nested elements of the same name are counted. When the element is never closed, only a
/// `<head>` is skipped (up to the body or the first division); other content is kept.
fn element_end(rest: &str, name: &str) -> usize {
    let lower = rest.to_ascii_lowercase();
    let open = format!("<{name}");
    let close = format!("</{name}");
    let mut depth = 1usize;
    let mut at = 0usize;
    while at < lower.len() {
        let next_close = lower[at..].find(&close).map(|p| p + at);
        let next_open = lower[at..]
            .match_indices(&open)
            .map(|(p, _)| p + at)
            .find(|&p| {
                lower[p + open.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| c == '>' || c.is_whitespace())
            });
        match (next_open, next_close) {
            (Some(o), Some(c)) if o < c => {
                depth += 1;
                at = o + open.len();
            }
            (_, Some(c)) => {
                depth -= 1;
                let end = c + lower[c..].find('>').map_or(close.len(), |x| x + 1);
                if depth == 0 {
                    return end;
                }
                at = end;
            }
            (_, None) => break,
        }
    }
    if name == "head" {
        return ["<body", "<div"]
            .iter()
            .filter_map(|t| lower.find(t))
            .min()
            .unwrap_or(0);
    }
    if matches!(name, "script" | "style") {
        return rest.len();
    }
    0
}

/// Whether `c` is a bullet glyph: the usual ones, dingbats, and private-use characters
/// (Word's Symbol and Wingdings bullets arrive as those).
pub fn is_bullet_glyph(c: char) -> bool {
    matches!(
        c,
        '•' | '❖'
            | '➤'
            | '▪'
            | '■'
            | '●'
            | '◦'
            | '○'
            | '·'
            | '►'
            | '▶'
            | '➢'
            | '✓'
            | '✔'
            | '◆'
            | '◇'
            | '†'
            | '→'
            | '⇒'
            | '∙'
            | '⁃'
            | '\u{F0B7}'
            | '\u{F0A7}'
            | '\u{F0D8}'
            | '\u{F076}'
    ) || ('\u{E000}'..='\u{F8FF}').contains(&c)
}

fn decode_entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let n = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse().ok()?
        };
        // Windows-1252 code points written as numbers (&#146;) mean the 1252 character.
        if (0x80..0xA0).contains(&n) {
            let b = [n as u8];
            return encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(&b)
                .0
                .chars()
                .next();
        }
        return char::from_u32(n);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "pound" => '£',
        "euro" => '€',
        "hellip" => '…',
        "bull" => '•',
        "middot" => '·',
        "copy" => '©',
        "reg" => '®',
        "sect" => '§',
        "eacute" => 'é',
        "egrave" => 'è',
        "aacute" => 'á',
        "agrave" => 'à',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "auml" => 'ä',
        "ccedil" => 'ç',
        "shy" => '\u{AD}',
        _ => return None,
    })
}

/// Whether the text at a `<` is an HTML tag (not "<5%" or "a < b").
fn tag_len(s: &str) -> Option<usize> {
    // An HTML comment, server-side include lines among them.
    if let Some(body) = s.strip_prefix("<!--") {
        return body.find("-->").map(|e| e + 7);
    }
    let rest = s.strip_prefix('<')?;
    let first = rest.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '/' || first == '!') {
        return None;
    }
    let end = rest.find('>')?;
    let inner = &rest[..end];
    if inner.contains('<') || end > 400 {
        return None;
    }
    let name: String = inner
        .trim_start_matches(['/', '!'])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    if name.is_empty() {
        return None;
    }
    Some(end + 2)
}

/// Removes inline markup from one line: HTML tags and entities, Markdown emphasis
/// (`**bold**`, `*italic*`, `_italic_`), Markdown links (`[text](url)` keeps the text),
/// bullet glyphs inside the line, non-breaking and zero-width spaces, soft hyphens. White
/// space is collapsed. One pass, copying runs of plain text whole: this is the reader's
/// hottest loop.
pub fn clean_inline(s: &str) -> String {
    let bytes = s.as_bytes();
    // Most lines are plain ASCII prose with single spaces: a few vectorised scans prove
    // it, and the line is copied whole.
    let plain = s.is_ascii()
        && memchr::memchr3(b'<', b'&', b'[', bytes).is_none()
        && memchr::memchr3(b'*', b'_', b'\t', bytes).is_none()
        && memchr::memchr3(b'\r', 0x0b, 0x0c, bytes).is_none()
        && memchr::memmem::find(bytes, b"  ").is_none();
    if plain {
        return s.trim().to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut space = false; // a space is owed before the next visible character
    let mut i = 0;
    fn is_plain(b: u8) -> bool {
        PLAIN[b as usize]
    }
    while i < bytes.len() {
        let b = bytes[i];
        if is_plain(b) {
            let start = i;
            // A run takes single spaces between plain characters too.
            while i < bytes.len() {
                if is_plain(bytes[i])
                    || (bytes[i] == b' ' && bytes.get(i + 1).is_some_and(|&n| is_plain(n)))
                {
                    i += 1;
                } else {
                    break;
                }
            }
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push_str(&s[start..i]);
            continue;
        }
        if b.is_ascii_whitespace() || b < b' ' {
            space = true;
            i += 1;
            continue;
        }
        let rest = &s[i..];
        match b {
            b'<' => {
                if let Some(n) = tag_len(rest) {
                    space = true;
                    i += n;
                    continue;
                }
            }
            b'&' => {
                let window = &rest.as_bytes()[1..rest.len().min(11)];
                if let Some(semi) = window.iter().position(|&c| c == b';').filter(|&p| p > 0)
                    && let Some(ch) = decode_entity(&rest[1..=semi])
                {
                    push_char(&mut out, &mut space, ch);
                    i += semi + 2;
                    continue;
                }
            }
            b'[' => {
                // [text](url) -> text
                if let Some(close) = rest.find("](")
                    && let Some(paren) = rest[close + 2..].find(')')
                {
                    let inner = &rest[1..close];
                    if !inner.contains('[') && !rest[close + 2..close + 2 + paren].contains(' ') {
                        for ch in inner.chars() {
                            push_char(&mut out, &mut space, ch);
                        }
                        i += close + 3 + paren;
                        continue;
                    }
                }
            }
            b'*' => {
                i += 1;
                continue;
            }
            b'_' => {
                let prev = out.chars().next_back().filter(|_| !space);
                let next = rest[1..].chars().next();
                let inside_word = prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric);
                if rest.starts_with("__") {
                    i += 2;
                    continue;
                }
                if inside_word {
                    out.push('_');
                }
                i += 1;
                continue;
            }
            _ => {}
        }
        let Some(c) = rest.chars().next() else { break };
        i += c.len_utf8();
        push_char(&mut out, &mut space, c);
    }
    out
}

/// Bytes copied as they are: visible ASCII other than the markup characters.
const PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = b'!';
    while b < 0x7f {
        t[b as usize] = !matches!(b, b'<' | b'&' | b'[' | b'*' | b'_');
        b += 1;
    }
    t
};

/// Pushes one character, reading odd spaces as space and dropping invisible ones.
fn push_char(out: &mut String, space: &mut bool, c: char) {
    match c {
        c if c.is_whitespace() => *space = true,
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' => {}
        c if c != '·' && is_bullet_glyph(c) => *space = true,
        c => {
            if *space && !out.is_empty() {
                out.push(' ');
            }
            *space = false;
            out.push(c);
        }
    }
}

/// Collapses runs of white space to one space and trims.
pub fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markup() {
        assert_eq!(
            clean_inline("<u>Recommendation 6: Pre-charge</u> <u>reception</u>"),
            "Recommendation 6: Pre-charge reception"
        );
        assert_eq!(clean_inline("**CROWN COPYRIGHT** "), "CROWN COPYRIGHT");
        assert_eq!(
            clean_inline("the *Closing the Gap* report"),
            "the Closing the Gap report"
        );
        assert_eq!(
            clean_inline("_Data Governance: Agencies_ [, GAO-21-152](https://x.gov/p)"),
            "Data Governance: Agencies , GAO-21-152"
        );
        assert_eq!(
            clean_inline("Completed <ul style=\"x\">❖ A team.❖ The team"),
            "Completed A team. The team"
        );
        assert_eq!(
            clean_inline("Reports &amp; Publications&nbsp;&#8217;"),
            "Reports & Publications ’"
        );
        assert_eq!(
            clean_inline("under 5% and <5 cases"),
            "under 5% and <5 cases"
        );
        assert_eq!(clean_inline("snake_case stays"), "snake_case stays");
        assert_eq!(
            clean_inline("a <!--#include virtual=\"/x.asp\" --> b"),
            "a b"
        );
    }

    #[test]
    fn html_pages() {
        let page = "<html><head><title>T</title></head>\n<body>\n<!--#include virtual=\"/x.asp\" -->\n<h1>Audit</h1>\n<p>One\ntwo.</p><ul><li>a</li></ul><script>var x;</script></body></html>";
        let lines = html_page_to_lines(page);
        let texts: Vec<&str> = lines.iter().map(|(_, t)| t.as_str()).collect();
        // Paragraph-level elements are separated by a blank line, as paragraphs of text are.
        assert_eq!(texts, vec!["# Audit", "", "One two.", "", "- a"]);
        assert_eq!(lines[0].0, 4);
        assert_eq!(html_title(page).as_deref(), Some("T"));
    }

    #[test]
    fn unclosed_head_breadcrumbs_and_share_buttons() {
        let page = "<!DOCTYPE html>\n<html><head>\n<meta name=\"k\" content=\"x\" />\n<title>T</title>\n<div id=\"bodyContainer\">\n\
<div id=\"breadcrumbs\"><ul><li><a href=\"/\">Home</a></li></ul></div>\n\
<div class=\"twitter tweet-this\"><a class=\"twitter-share-button\">Tweet</a></div>\n\
<h2>Summary</h2><p>We recommend that CMS act.</p></div></html>";
        let lines = html_page_to_lines(page);
        let texts: Vec<&str> = lines
            .iter()
            .map(|(_, t)| t.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(texts, vec!["## Summary", "We recommend that CMS act."]);
    }
}
