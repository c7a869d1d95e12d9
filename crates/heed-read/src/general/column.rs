//! A two-column table printed as running lines, its second column the recommendations: a
//! header of the column names on one line ("Committee, Report and Date Main
//! Recommendations Accepted"), then one line a recommendation, the first of each row
//! opened by the row's label ("Second Report: <title>—June 1985 That ..."), with the
//! group headings between rows ("DEFENCE COMMITTEE", "Session 1984–85") standing alone.
//! Each line of the column is an item once the row labels are taken off, when most of them
//! ask; the words the header adds to "recommendations" ("accepted") are their position.

use super::*;
use heed_core::Position;

/// Reads the recommendations column of such a table, where one is found.
pub(crate) fn recommendation_column(ctx: &mut Context<'_>, taken: &mut Vec<Item>) {
    let lines = ctx.lines;
    let mut h = 0;
    while h < lines.len() {
        let Some(header) = column_header(&lines[h].text) else {
            h += 1;
            continue;
        };
        // The table's lines: up to the next blank line.
        let mut cells: Vec<(usize, String)> = Vec::new();
        let mut labelled = 0;
        let mut end = h + 1;
        while end < lines.len() && !lines[end].is_blank() {
            let l = &lines[end];
            end += 1;
            if l.furniture {
                continue;
            }
            let (label, words) = split_row_label(&l.text);
            labelled += usize::from(label);
            let words = words.trim();
            // A cell wrapped onto the next line goes on in lower case.
            if let Some(last) = cells.last_mut()
                && !label
                && !crate::lines::ends_sentence(&last.1)
                && words.starts_with(char::is_lowercase)
            {
                last.1.push(' ');
                last.1.push_str(words);
                continue;
            }
            let n = words.split_whitespace().count();
            // A group heading ("AGRICULTURE COMMITTEE", "Session 1982–83") closes no
            // sentence; the table's last line may be cut short.
            let cut = end == lines.len() && n >= 8;
            if n >= 4
                && starts_upper(words)
                && (crate::lines::ends_sentence(words) || opens_with_that(words) || cut)
            {
                cells.push((l.no, words.to_string()));
            }
        }
        let asking = cells
            .iter()
            .filter(|(_, t)| opens_with_that(t) || directive(t).is_some())
            .count();
        if labelled == 0 || cells.len() < 2 || asking * 2 <= cells.len() {
            h = end;
            continue;
        }
        for (line, text) in &cells {
            let mut item = Item::new(ItemKind::Recommendation, text.clone(), *line);
            if let Some((pos, words)) = &header.1 {
                item.position = Some(*pos);
                item.position_words = Some(words.clone());
            }
            item.evidence = vec![
                format!("a line of the column \"{}\"", header.0),
                format!("{asking} of the column's {} lines ask", cells.len()),
            ];
            taken.push(item);
        }
        let (first, last) = (lines[h].no, lines[end - 1].no);
        for (k, b) in ctx.blocks.iter().enumerate() {
            if b.end_line >= first && b.line <= last {
                ctx.claimed[k] = true;
            }
        }
        h = end;
    }
}

/// A resolution's clause: "That the Department should ...".
fn opens_with_that(t: &str) -> bool {
    t.strip_prefix("That ")
        .is_some_and(|rest| rest.split_whitespace().nth(3).is_some())
}

/// A header of column names whose last names the recommendations: "Committee, Session,
/// Report and Date Main Recommendations Accepted". Returns the column's name and the
/// position its closing words state ("Accepted").
fn column_header(t: &str) -> Option<(String, Option<(Position, String)>)> {
    let t = t.trim();
    if crate::lines::ends_sentence(t) || t.ends_with(',') {
        return None;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    if !(3..=14).contains(&words.len()) {
        return None;
    }
    // "Recommendations" among the last three words, with another column named before it.
    let at = (words.len().saturating_sub(3)..words.len()).find(|&k| {
        let w = words[k].to_lowercase();
        w == "recommendations" || w == "recommendation"
    })?;
    let column_from = if at > 0 && matches!(words[at - 1].to_lowercase().as_str(), "main" | "key") {
        at - 1
    } else {
        at
    };
    if column_from < 2 || !words[column_from].starts_with(char::is_uppercase) {
        return None;
    }
    let after = words[at + 1..].join(" ");
    let position = (!after.is_empty())
        .then(|| Position::from_words(&after.to_lowercase()))
        .flatten();
    // Words after "recommendations" that state no position are no column name of this
    // kind ("Recommendations Made to Date").
    if !after.is_empty() && position.is_none() {
        return None;
    }
    Some((words[column_from..].join(" "), position))
}

/// A row's label before its first cell: a colon in its first words ("Second Report:"),
/// then a title, closed by a month and year ("—June 1985", "May 1983") before the cell's
/// capitalised first word. Returns whether a label was taken off, and the rest.
fn split_row_label(t: &str) -> (bool, &str) {
    let words: Vec<(usize, &str)> = t
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - t.as_ptr() as usize, w))
        .collect();
    if !words.iter().take(4).any(|(_, w)| w.ends_with(':')) {
        return (false, t);
    }
    for k in 1..words.len().min(40).saturating_sub(1) {
        let month = words[k].1.rsplit(['—', '–', '-']).next().unwrap_or("");
        let (year_at, year) = words[k + 1];
        if month.starts_with(char::is_uppercase)
            && heed_core::date::month_number(month).is_some()
            && year.len() == 4
            && year.bytes().all(|b| b.is_ascii_digit())
            && words.get(k + 2).is_some_and(|(_, w)| starts_upper(w))
        {
            return (true, &t[year_at + year.len()..]);
        }
    }
    (false, t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_names_the_column_and_its_position() {
        let (name, pos) =
            column_header("Committee, Session, Report and Date Main Recommendations Accepted")
                .unwrap();
        assert_eq!(name, "Main Recommendations Accepted");
        assert_eq!(pos.map(|p| p.0), Some(Position::Accepted));
        assert!(column_header("Recommendations").is_none());
        assert!(column_header("The Committee made three recommendations.").is_none());
        assert!(column_header("Report title Recommendations made to date").is_none());
    }

    #[test]
    fn a_row_label_ends_at_its_month_and_year() {
        assert_eq!(
            split_row_label(
                "First Report: Rural bus services—March 1991 That the Department should act."
            ),
            (true, " That the Department should act.")
        );
        assert_eq!(
            split_row_label("Fifth Report: Ports April 1990 There should be a review."),
            (true, " There should be a review.")
        );
        assert!(!split_row_label("That the Board should report in June 1991 Each year.").0);
    }
}
