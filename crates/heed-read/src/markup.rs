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

/// Turns a whole HTML page into lines of text, each with the 1-based source line it starts
/// on, and the page's `<title>`. Scripts, styles, comments (including server-side include
/// lines), the head and navigation are dropped; headings become Markdown headings, list
/// items bullets and table cells tab-separated, so the same readers serve pages and text.
///
/// The page is tokenized by html5ever's HTML5 tokenizer: every named entity, attribute
/// values holding ">" and raw text elements are read as a browser reads them. The text
/// it gives is decoded; "&" and "<" are written back as entities so that the line cleaner
/// (which also serves text with inline HTML) reads them as characters, not markup.
pub fn html_page_to_lines(text: &str) -> (Vec<(usize, String)>, Option<String>) {
    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::{BufferQueue, Tokenizer, TokenizerOpts};
    let sink = PageSink::default();
    let tok = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(text));
    let _ = tok.feed(&input);
    tok.end();
    let mut page = tok.sink.page.into_inner();
    let line = page.line;
    page.flush(line);
    let title = page
        .title
        .map(|t| clean_inline(&t))
        .filter(|t| !t.is_empty());
    (page.out, title)
}

/// What the tokenizer has written so far.
#[derive(Default)]
struct Page {
    out: Vec<(usize, String)>,
    cur: String,
    cur_line: usize,
    /// The line the tokenizer last reported.
    line: usize,
    /// An element whose content is dropped, and how deep inside it the tokens are.
    skip: Option<(String, usize)>,
    in_title: bool,
    title: Option<String>,
}

impl Page {
    fn flush(&mut self, _line: usize) {
        let t = self.cur.trim();
        if !t.is_empty() {
            self.out.push((self.cur_line.max(1), t.to_string()));
        }
        self.cur.clear();
    }
    fn text(&mut self, s: &str, end_line: usize) {
        // The tokenizer reports the line a run of text ends on.
        let mut line = end_line.saturating_sub(s.matches('\n').count()).max(1);
        for ch in s.chars() {
            if ch == '\n' {
                line += 1;
                if !self.cur.ends_with(' ') {
                    self.cur.push(' ');
                }
            } else if ch.is_whitespace() && ch != '\t' && ch != '\u{a0}' {
                if !self.cur.ends_with(' ') && !self.cur.is_empty() {
                    self.cur.push(' ');
                }
            } else {
                if self.cur.trim().is_empty() {
                    self.cur_line = line;
                }
                match ch {
                    '&' => self.cur.push_str("&amp;"),
                    '<' => self.cur.push_str("&lt;"),
                    _ => self.cur.push(ch),
                }
            }
        }
    }
}

#[derive(Default)]
struct PageSink {
    page: std::cell::RefCell<Page>,
}

impl html5ever::tokenizer::TokenSink for PageSink {
    type Handle = ();

    fn process_token(
        &self,
        token: html5ever::tokenizer::Token,
        line_number: u64,
    ) -> html5ever::tokenizer::TokenSinkResult<()> {
        use html5ever::tokenizer::{TagKind, Token, TokenSinkResult};
        let mut page = self.page.borrow_mut();
        let line = usize::try_from(line_number).unwrap_or(usize::MAX);
        page.line = line;
        match token {
            Token::CharacterTokens(t) => {
                if page.in_title {
                    page.title.get_or_insert_with(String::new).push_str(&t);
                }
                if page.skip.is_none() {
                    page.text(&t, line);
                }
            }
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                let closing = tag.kind == TagKind::EndTag;
                if name == "title" {
                    page.in_title = !closing && !tag.self_closing && page.title.is_none();
                }
                // A head left open ends where the body's content begins.
                if page.skip.as_ref().is_some_and(|(s, _)| s == "head")
                    && !closing
                    && (name == "body" || (BLOCK_TAGS.contains(&name) && name != "title"))
                {
                    page.skip = None;
                }
                // Inside a dropped element only its own nesting counts.
                if let Some((skipped, depth)) = page.skip.as_mut() {
                    if skipped == name {
                        if closing {
                            *depth -= 1;
                        } else if !tag.self_closing {
                            *depth += 1;
                        }
                        if *depth == 0 {
                            page.skip = None;
                        }
                    }
                    return raw_state(name, closing);
                }
                if !closing && !tag.self_closing {
                    let attr = |n: &str| {
                        tag.attrs
                            .iter()
                            .find(|a| &*a.name.local == n)
                            .map(|a| a.value.to_string())
                    };
                    if SKIP_ELEMENTS.contains(&name) || is_page_chrome(attr("id"), attr("class")) {
                        // Void elements have no content to skip.
                        if !matches!(name, "input" | "img" | "br" | "hr" | "meta" | "link") {
                            page.skip = Some((name.to_string(), 1));
                            return raw_state(name, closing);
                        }
                    }
                }
                if BLOCK_TAGS.contains(&name) {
                    page.flush(line);
                    if !closing
                        && PARAGRAPH_TAGS.contains(&name)
                        && page.out.last().is_some_and(|(_, t)| !t.is_empty())
                    {
                        page.out.push((line, String::new()));
                    }
                    page.cur_line = line;
                    if !closing {
                        if let Some(level) =
                            name.strip_prefix('h').and_then(|n| n.parse::<usize>().ok())
                        {
                            page.cur.push_str(&"#".repeat(level.min(6)));
                            page.cur.push(' ');
                        } else if name == "li" {
                            page.cur.push_str("- ");
                        }
                    }
                } else if (name == "td" || name == "th") && !closing {
                    if !page.cur.trim().is_empty() {
                        page.cur.push('\t');
                    }
                } else if !page.cur.ends_with(' ')
                    && !page.cur.ends_with('\t')
                    && !closing
                    && matches!(name, "img" | "input")
                {
                    page.cur.push(' ');
                }
                return raw_state(name, closing);
            }
            Token::NullCharacterToken => {}
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// The tokenizer state a start tag asks for: script and style content is raw text, a
/// title's and a text area's is text without tags.
fn raw_state(name: &str, closing: bool) -> html5ever::tokenizer::TokenSinkResult<()> {
    use html5ever::tokenizer::TokenSinkResult;
    use html5ever::tokenizer::states::RawKind;
    if closing {
        return TokenSinkResult::Continue;
    }
    match name {
        "script" => TokenSinkResult::RawData(RawKind::ScriptData),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
            TokenSinkResult::RawData(RawKind::Rawtext)
        }
        "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
        "plaintext" => TokenSinkResult::Plaintext,
        _ => TokenSinkResult::Continue,
    }
}

/// Whether an element marks page chrome rather than report text: breadcrumbs,
/// navigation menus, share buttons, by its `id` or `class`.
fn is_page_chrome(id: Option<String>, class: Option<String>) -> bool {
    [id, class].into_iter().flatten().any(|v| {
        let v = v.to_ascii_lowercase();
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
    // Only real element names: "<lead officer>" in a plain text is words, not a tag.
    // Word's own namespaced tags ("<o:p>", "<st1:place>") count as tags.
    let known = inner.trim_start_matches(['/', '!']).contains(':')
        || HTML_ELEMENTS.contains(&name.to_ascii_lowercase().as_str())
        || inner.starts_with('!');
    if name.is_empty() || !known {
        return None;
    }
    Some(end + 2)
}

/// HTML element names that inline markup in a text may use.
const HTML_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "address",
    "article",
    "aside",
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "font",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "li",
    "link",
    "main",
    "mark",
    "meta",
    "nav",
    "nobr",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "wbr",
    "script",
    "style",
];

/// Removes inline markup from one line: HTML tags and entities, Markdown emphasis
/// (`**bold**`, `*italic*`, `_italic_`), Markdown links (`[text](url)` keeps the text),
/// bullet glyphs inside the line, non-breaking and zero-width spaces, soft hyphens. White
/// space is collapsed. One pass, copying runs of plain text whole: this is the reader's
/// hottest loop.
pub fn clean_inline(s: &str) -> String {
    clean_inline_text(s).into()
}

/// [`clean_inline`], borrowing the line's own words when cleaning changed nothing but the
/// white space at its ends.
pub fn clean_inline_text(s: &str) -> crate::text::Text<'_> {
    let bytes = s.as_bytes();
    // Most lines are plain ASCII prose with single spaces: a few vectorised scans prove
    // it, and the line is copied whole.
    let plain = s.is_ascii()
        && memchr::memchr3(b'<', b'&', b'[', bytes).is_none()
        && memchr::memchr3(b'*', b'_', b'\t', bytes).is_none()
        && memchr::memchr3(b'\r', 0x0b, 0x0c, bytes).is_none()
        && memchr::memmem::find(bytes, b"  ").is_none();
    if plain {
        return s.trim().into();
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
    // A line whose only markup-like characters were words ("Q&A", "–") reads as it was.
    if out == s.trim() {
        return s.trim().into();
    }
    out.into()
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
        let (lines, title) = html_page_to_lines(page);
        let texts: Vec<&str> = lines.iter().map(|(_, t)| t.as_str()).collect();
        // Paragraph-level elements are separated by a blank line, as paragraphs of text are.
        assert_eq!(texts, vec!["# Audit", "", "One two.", "", "- a"]);
        assert_eq!(lines[0].0, 4);
        assert_eq!(title.as_deref(), Some("T"));
    }

    #[test]
    fn unclosed_head_breadcrumbs_and_share_buttons() {
        let page = "<!DOCTYPE html>\n<html><head>\n<meta name=\"k\" content=\"x\" />\n<title>T</title>\n<div id=\"bodyContainer\">\n\
<div id=\"breadcrumbs\"><ul><li><a href=\"/\">Home</a></li></ul></div>\n\
<div class=\"twitter tweet-this\"><a class=\"twitter-share-button\">Tweet</a></div>\n\
<h2>Summary</h2><p>We recommend that CMS act.</p></div></html>";
        let (lines, _) = html_page_to_lines(page);
        let texts: Vec<&str> = lines
            .iter()
            .map(|(_, t)| t.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(texts, vec!["## Summary", "We recommend that CMS act."]);
    }
}
