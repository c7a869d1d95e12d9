//! Appeals in the author's own voice: the present passive ("X is encouraged to"), and
//! "we call upon / urge / encourage ... to".

/// Whether a sentence appeals to a body in the present passive: "is encouraged to", "are
/// also invited to", "is strongly urged to", "is requested to", "is called upon to".
pub(super) fn is_appeal(lower: &str) -> bool {
    // Every appeal has one of these verbs; most texts have none, and are not cut into words.
    if !["call", "urge", "encourage", "invite", "requested"]
        .iter()
        .any(|v| lower.contains(v))
    {
        return false;
    }
    let words: Vec<&str> = lower.split_whitespace().collect();
    if calls_upon(&words) {
        return true;
    }
    words.windows(2).enumerate().any(|(k, w)| {
        if !matches!(w[0], "is" | "are") {
            return false;
        }
        // The one appealed to is named, not described: "Slovenia is encouraged to", "The
        // State party is further urged to", not "Students who need more support are
        // invited to attend ..." (a description of what happens).
        if words[..k]
            .iter()
            .any(|w| matches!(*w, "who" | "which" | "whose" | "whom"))
        {
            return false;
        }
        let mut j = k + 1;
        while j < words.len() && matches!(words[j], "also" | "further" | "strongly" | "again") {
            j += 1;
        }
        let verb = words.get(j).copied().unwrap_or("");
        let to = words.get(j + 1).copied().unwrap_or("");
        let to = if verb == "called" && matches!(to, "upon" | "on") {
            words.get(j + 2).copied().unwrap_or("")
        } else {
            to
        };
        matches!(
            verb,
            "encouraged" | "invited" | "urged" | "requested" | "called"
        ) && to == "to"
    })
}

/// The author appealing in its own voice: "we call for a qualitative leap ...", "we
/// therefore call upon States to ...", "we encourage States to use ...", "we urge the
/// Government to ...": "we", perhaps an adverb, the verb, and for all but "call for" the
/// one appealed to (a few words) and "to".
fn calls_upon(words: &[&str]) -> bool {
    let Some(we) = words.iter().position(|w| *w == "we") else {
        return false;
    };
    // "we" opens the sentence or its main clause ("While ..., we call for ...").
    if we > 0 && !words[we - 1].ends_with(',') {
        return false;
    }
    let mut j = we + 1;
    while j < words.len()
        && matches!(
            words[j],
            "therefore" | "also" | "further" | "strongly" | "again" | "urgently"
        )
    {
        j += 1;
    }
    // "We express concern at ..., and urge HMRC to provide ...": the appeal is the second
    // verb of the sentence whose subject "we" opens it.
    if we == 0
        && let Some(k) = words
            .windows(2)
            .position(|w| w[0] == "and" && matches!(w[1], "urge" | "encourage" | "invite"))
        && words
            .iter()
            .skip(k + 2)
            .take(7)
            .position(|w| *w == "to")
            .is_some_and(|t| t >= 1)
    {
        return true;
    }
    let verb = words.get(j).copied().unwrap_or("");
    let next = words.get(j + 1).copied().unwrap_or("");
    if verb == "call" && next == "for" {
        return true;
    }
    let from = match (verb, next) {
        ("call", "upon" | "on") => j + 2,
        ("urge" | "encourage" | "invite", _) => j + 1,
        _ => return false,
    };
    words
        .iter()
        .skip(from)
        .take(7)
        .position(|w| *w == "to")
        .is_some_and(|k| k >= 1)
}
