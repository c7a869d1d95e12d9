//! Status tables whose cells lost their tabs, as a web page's table copied as text
//! arrives: a header of column names on one line with single spaces between them
//! ("Recommendations Lead Status"), then one line a row ("32 Review the roles of
//! committees Board In progress", "PR1 Refer every allegation ... Service Completed
//! 16.12.21"), sub-headings between groups of rows ("Theme 2: Powers"). The columns are
//! found again here, before blocks are made, so the table reader reads the rows by their
//! header as it reads any other table.
//!
//! A header is one short line whose words are all column names the table reader knows,
//! naming the items and, last, a status. A row opens with a reference ("32", "PR1",
//! "4.2") and closes with a status phrase, a date or a mark after it allowed ("Completed
//! 18.5.23", "In progress*"). Between them are the item's words and, where the header
//! has an owner column, its owner: the closing words that other rows close with too (a
//! lead named once stays in the text, where it costs little). Two rows that check are
//! needed; a row whose status is missing is kept between rows that check or at the end of
//! the text (a cut table). The table ends at the first line that is none of these.

use crate::lines::Line;
use crate::tables::{Role, role_of};
use heed_core::Status;

/// The header's columns, if `text` is one: every word (or pair of words, "Lead officer")
/// a column name, an item column, a status column last, nothing but references, items,
/// owners and statuses.
fn header(text: &str) -> Option<Vec<Role>> {
    // The last column, a word or two, is a status, and only a name holding "status" is
    // one (`tables::role_of`): a line whose last two words do not hold it is no header,
    // known from its end before its words are collected and looked up.
    let status = |w: &str| {
        w.as_bytes()
            .windows(6)
            .any(|b| b.eq_ignore_ascii_case(b"status"))
    };
    if !text.split_whitespace().rev().take(2).any(status) {
        return None;
    }
    // Nine words are enough to know a line is too long to be a header.
    let words: Vec<&str> = text.split_whitespace().take(9).collect();
    if !(2..=8).contains(&words.len()) {
        return None;
    }
    let mut roles = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let (n, role) = (1..=2)
            .filter(|n| i + n <= words.len())
            .find_map(|n| role_of(&words[i..i + n].join(" ")).map(|r| (n, r)))?;
        roles.push(role);
        i += n;
    }
    let allowed = roles
        .iter()
        .all(|r| matches!(r, Role::Ref | Role::Item | Role::Owner | Role::Status));
    let items = roles.iter().filter(|r| **r == Role::Item).count();
    (allowed && items == 1 && roles.last() == Some(&Role::Status) && roles.len() >= 2)
        .then_some(roles)
}

/// A row's reference: a number ("32", "4.2", "12a") or a short code of capitals and digits
/// ("PR1", "R12").
fn is_row_ref(w: &str) -> bool {
    let letters = w.chars().take_while(char::is_ascii_uppercase).count();
    let rest = &w[letters..];
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let tail = &rest[digits..];
    letters <= 3
        && (1..=3).contains(&digits)
        && (tail.is_empty()
            || (tail.len() == 1 && tail.chars().all(|c| c.is_ascii_lowercase()))
            || (tail.starts_with('.')
                && tail.len() <= 3
                && tail[1..].chars().all(|c| c.is_ascii_digit())
                && tail.len() > 1))
}

/// What may follow a status phrase in its cell: a date ("18.5.23", "June 2023",
/// "2023"), a mark ("*").
fn is_status_tail(words: &[&str]) -> bool {
    words.len() <= 3
        && words.iter().all(|w| {
            let w = w.trim_matches(|c: char| matches!(c, '*' | '(' | ')' | ',' | '.'));
            w.is_empty()
                || w.chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '.' | '/' | '-'))
                || heed_core::date::parse_date_phrase(w, None).is_some()
                || is_month(w)
        })
}

fn is_month(w: &str) -> bool {
    let l = w.to_lowercase();
    [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .any(|m| l.starts_with(m) && l.len() <= 9)
}

/// A row's parts: reference, the words between, and the status cell ("" when missing).
struct Row {
    reference: String,
    middle: Vec<String>,
    status: String,
}

fn row(text: &str) -> Option<Row> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let first = *words.first()?;
    if !is_row_ref(first) || words.len() < 3 || !words[1].starts_with(char::is_uppercase) {
        return None;
    }
    // The longest closing run that is a status phrase and what may follow one.
    let split = (2..words.len()).find(|&k| {
        let cell = words[k..].join(" ");
        Status::from_leading_words(&cell).is_some_and(|(_, matched)| {
            let used = matched.split_whitespace().count();
            is_status_tail(&words[k + used..])
        })
    });
    let (middle, status) = match split {
        Some(k) => (&words[1..k], words[k..].join(" ")),
        None => (&words[1..], String::new()),
    };
    Some(Row {
        reference: first.to_string(),
        middle: middle.iter().map(|w| w.to_string()).collect(),
        status,
    })
}

/// A sub-heading between groups of rows: a few words, no sentence end, capitalised.
fn is_sub_heading(l: &Line) -> bool {
    let n = l.text.split_whitespace().count();
    (1..=10).contains(&n)
        && l.text.starts_with(char::is_uppercase)
        && !l.text.ends_with(['.', ';', ','])
        && !l.is_row()
        && !l.bullet
}

/// Puts status tables that lost their tabs back into rows; other lines are kept.
pub fn unspace(lines: Vec<Line>) -> Vec<Line> {
    if !lines
        .iter()
        .any(|l| !l.is_row() && header(&l.text).is_some())
    {
        return lines;
    }
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        if let Some((rebuilt, next)) = table_at(&lines, i) {
            out.extend(rebuilt);
            i = next;
        } else {
            out.push(lines[i].clone());
            i += 1;
        }
    }
    out
}

/// The table whose header is line `i`, rebuilt (the header repeated after each sub-heading,
/// so the table reader reads every group), and the index after it.
fn table_at<'a>(lines: &[Line<'a>], i: usize) -> Option<(Vec<Line<'a>>, usize)> {
    let head = &lines[i];
    if head.is_row() || head.bullet {
        return None;
    }
    let roles = header(&head.text)?;
    // Lines of the table: (index, a row or a sub-heading).
    let mut parts: Vec<(usize, Option<Row>)> = Vec::new();
    let mut j = i + 1;
    while j < lines.len() {
        let l = &lines[j];
        if l.is_blank() || l.furniture {
            j += 1;
            continue;
        }
        if l.is_row() {
            break;
        }
        if let Some(r) = row(&l.text) {
            parts.push((j, Some(r)));
        } else if is_sub_heading(l) {
            parts.push((j, None));
        } else {
            break;
        }
        j += 1;
    }
    // A row without a status counts between rows that have one, or last in the text.
    let at_end = lines[j..].iter().all(|l| l.is_blank() || l.furniture);
    let mut keep = parts.len();
    for k in (0..parts.len()).rev() {
        match &parts[k].1 {
            Some(r) if !r.status.is_empty() => break,
            Some(_) if k + 1 == parts.len() && at_end => break,
            _ => keep = k,
        }
    }
    parts.truncate(keep);
    let checked = parts
        .iter()
        .filter(|(_, r)| r.as_ref().is_some_and(|r| !r.status.is_empty()))
        .count();
    if checked < 2 {
        return None;
    }
    let next = parts.last().map_or(i + 1, |(k, _)| k + 1);
    let owners = roles.contains(&Role::Owner);
    let leads = if owners {
        repeated_leads(&parts)
    } else {
        Vec::new()
    };
    let with_ref = roles.contains(&Role::Ref);
    let header_cells = header_cells(&head.text, &roles, with_ref);
    let header_line = |at: &Line| row_line(at, header_cells.clone());
    let mut out = vec![header_line(head)];
    let mut after_heading = false;
    for (k, part) in &parts {
        let l = &lines[*k];
        let Some(r) = part else {
            let mut h = l.clone();
            h.heading = h.heading.or(Some(7));
            out.push(h);
            after_heading = true;
            continue;
        };
        if after_heading {
            out.push(header_line(l));
            after_heading = false;
        }
        let (text, lead) = split_lead(&r.middle, &leads);
        let mut cells = Vec::new();
        for role in
            std::iter::once(Role::Ref).chain(roles.iter().copied().filter(|r| *r != Role::Ref))
        {
            cells.push(match role {
                Role::Ref => r.reference.clone(),
                Role::Item => text.clone(),
                Role::Owner => lead.clone(),
                Role::Status => r.status.clone(),
                _ => String::new(),
            });
        }
        out.push(row_line(l, cells));
    }
    Some((out, next))
}

/// The header's cells, a reference column first.
fn header_cells(text: &str, roles: &[Role], with_ref: bool) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut cells = Vec::new();
    let mut i = 0;
    for _ in roles {
        let n = (1..=2)
            .filter(|n| i + n <= words.len())
            .find(|n| role_of(&words[i..i + n].join(" ")).is_some())
            .unwrap_or(1);
        cells.push(words[i..i + n].join(" "));
        i += n;
    }
    if with_ref {
        // The reference column first, as the rows have it.
        if let Some(p) = roles.iter().position(|r| *r == Role::Ref) {
            let c = cells.remove(p);
            cells.insert(0, c);
        }
    } else {
        cells.insert(0, "No.".to_string());
    }
    cells
}

/// Owners: the closing words (one to three, capitalised) of two rows or more.
fn repeated_leads(parts: &[(usize, Option<Row>)]) -> Vec<Vec<String>> {
    let mut seen: Vec<(Vec<String>, usize)> = Vec::new();
    for r in parts.iter().filter_map(|(_, r)| r.as_ref()) {
        for n in 1..=3 {
            if r.middle.len() <= n + 1 {
                break;
            }
            let tail = r.middle[r.middle.len() - n..].to_vec();
            if !tail.iter().all(|w| w.starts_with(char::is_uppercase)) {
                break;
            }
            match seen.iter_mut().find(|(t, _)| *t == tail) {
                Some((_, c)) => *c += 1,
                None => seen.push((tail, 1)),
            }
        }
    }
    let mut leads: Vec<Vec<String>> = seen
        .into_iter()
        .filter(|(_, c)| *c >= 2)
        .map(|(t, _)| t)
        .collect();
    leads.sort_by_key(|t| std::cmp::Reverse(t.len()));
    leads
}

/// The item's words and its owner: the longest repeated owner closing the words, with a
/// joint owner before it ("Service & Board"). Without one, all the words are the item's.
fn split_lead(middle: &[String], leads: &[Vec<String>]) -> (String, String) {
    let Some(lead) = leads
        .iter()
        .find(|t| middle.len() > t.len() + 1 && middle.ends_with(t))
    else {
        return (middle.join(" "), String::new());
    };
    let mut at = middle.len() - lead.len();
    if at >= 3
        && matches!(middle[at - 1].as_str(), "&" | "and")
        && middle[at - 2].starts_with(char::is_uppercase)
    {
        at -= 2;
    }
    (middle[..at].join(" "), middle[at..].join(" "))
}

fn row_line(at: &Line, cells: Vec<String>) -> Line<'static> {
    Line {
        no: at.no,
        indent: 0,
        text: cells
            .iter()
            .filter(|c| !c.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
            .into(),
        heading: None,
        bullet: false,
        cells,
        page_break: at.page_break,
        furniture: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_words_are_columns() {
        assert_eq!(
            header("Recommendations Lead Status"),
            Some(vec![Role::Item, Role::Owner, Role::Status])
        );
        assert_eq!(header("Recommendations made in the report"), None);
        assert_eq!(header("Status Recommendations"), None);
    }

    #[test]
    fn a_row_closes_with_its_status() {
        let r = row("PR1 Refer every allegation to the Service Completed 16.12.21").unwrap();
        assert_eq!(r.reference, "PR1");
        assert_eq!(r.status, "Completed 16.12.21");
        assert_eq!(r.middle.join(" "), "Refer every allegation to the Service");
        assert!(row("2019 was a year of change").is_none());
        assert!(row("12 Members left the Board").is_some_and(|r| r.status.is_empty()));
    }
}
