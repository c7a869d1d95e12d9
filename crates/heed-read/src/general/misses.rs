//! Why nothing was found: the unnumbered paragraphs that ask a named body to act ("The
//! council should publish ...") but carry no other sign of being an item, named in a
//! diagnostic each, so that "nothing found" means the text holds no such unit.

use super::*;

/// Near misses among unclaimed paragraphs: a first sentence addressed to a body with
/// "should" or "must" (or a "we recommend that" sentence), with no number, no heading that
/// names recommendations and no answer or status after it. At most `limit`.
pub(crate) fn unnumbered_misses(ctx: &Context<'_>, limit: usize) -> Vec<Diagnostic> {
    let blocks = ctx.blocks;
    let mut out = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if out.len() >= limit {
            break;
        }
        if ctx.claimed[i] || !matches!(b.kind, BlockKind::Paragraph | BlockKind::Bullet) {
            continue;
        }
        let sentences = crate::fields::sentences(&b.text);
        let Some(first) = sentences.first() else {
            continue;
        };
        if first.split_whitespace().count() < 6 {
            continue;
        }
        let recommends = first.to_lowercase().contains("we recommend that");
        // Not a title ("Labor Should Consider ...") nor a purpose ("To ensure ..., agencies
        // should"): a subject naming a body.
        let subject = addressed_directive(first).filter(|s| {
            !s.is_empty()
                && !is_title_case(first)
                && !s.split_whitespace().any(|w| w.eq_ignore_ascii_case("to"))
        });
        // In lower case, as a sentence uses it ("Labor Should Consider" is a title's).
        let modal = find_word(first, "should").is_some() || find_word(first, "must").is_some();
        let why = match (recommends, subject) {
            (true, _) => "a recommending sentence".to_string(),
            (false, Some(s)) if modal => format!("directive wording addressed to \"{s}\""),
            _ => continue,
        };
        out.push(Diagnostic::warning(
            b.line,
            format!(
                "\"{}\" looked like an item but was not taken: {why}, but no number, no heading naming recommendations and no response or status after it",
                clip(&b.text, 60)
            ),
        ));
    }
    out
}
