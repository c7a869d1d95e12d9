//! Tables flattened to one cell a line, as a copy from a PDF or a web dashboard often
//! arrives: the header's column names each on a line of their own ("Ref", "Activity",
//! "Owner", "RAG", "Notes"), then each row's cells in the same order. They are put back
//! into tab-separated rows here, before blocks are made, so the table reader reads them
//! by their header vocabulary as it reads any other table.
//!
//! A header is three to eight consecutive short lines, each a column name the table reader
//! knows, naming an item column and a column whose cells can be checked (RAG, status or
//! reference). Rows are taken while those cells check: a RAG column must hold a colour, a
//! reference column a short number or code. The first row that does not check ends the
//! table, and its lines are left as they were.

use crate::lines::Line;
use crate::tables::{Role, role_of};
use heed_core::{Rag, Status};

/// Cells that can be checked, and how.
fn cell_fits(role: Option<Role>, cell: &str) -> bool {
    let c = cell.trim();
    match role {
        Some(Role::Rag) => Rag::from_words(c).is_some() && c.split_whitespace().nth(3).is_none(),
        Some(Role::Ref) => {
            c.len() <= 12
                && c.chars().any(|ch| ch.is_ascii_digit())
                && !c.contains(char::is_whitespace)
        }
        Some(Role::Status) => {
            c.split_whitespace().nth(4).is_none() && Status::from_leading_words(c).is_some()
        }
        // A column name never stands as a cell of its own row.
        _ => !c.is_empty() && role_of(c).is_none_or(|_| c.split_whitespace().nth(3).is_some()),
    }
}

/// Puts flattened tables back into rows. Lines that are not part of one are kept as they are.
pub fn unflatten(lines: Vec<Line>) -> Vec<Line> {
    // Most documents have no run of three short column names: find one cheaply first.
    if !has_candidate_header(&lines) {
        return lines;
    }
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        if let Some((k, rows, next)) = table_at(&lines, i) {
            let header: Vec<&Line> = lines[i..]
                .iter()
                .filter(|l| !l.is_blank())
                .take(k)
                .collect();
            out.push(row_line(&header));
            for r in rows {
                let cells: Vec<&Line> = r.iter().map(|&ix| &lines[ix]).collect();
                out.push(row_line(&cells));
            }
            i = next;
            continue;
        }
        out.push(lines[i].clone());
        i += 1;
    }
    out
}

fn is_header_cell(l: &Line) -> bool {
    !l.is_row()
        && !l.bullet
        && l.heading.is_none_or(|h| h == 7)
        && l.text.len() <= 30
        && role_of(&l.text).is_some()
}

fn has_candidate_header(lines: &[Line]) -> bool {
    let mut run = 0;
    for l in lines {
        if l.is_blank() {
            continue;
        }
        if is_header_cell(l) {
            run += 1;
            if run >= 3 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// A flattened table starting at line `i`: its column count, the line indexes of each row's
/// cells, and the index of the first line after it.
fn table_at(lines: &[Line], i: usize) -> Option<(usize, Vec<Vec<usize>>, usize)> {
    if lines[i].is_blank() || !is_header_cell(&lines[i]) {
        return None;
    }
    // The header: consecutive column names (blank lines between them allowed).
    let mut header: Vec<usize> = Vec::new();
    let mut j = i;
    while j < lines.len() && header.len() < 8 {
        let l = &lines[j];
        if l.is_blank() {
            j += 1;
            continue;
        }
        if !is_header_cell(l) {
            break;
        }
        header.push(j);
        j += 1;
    }
    let k = header.len();
    if k < 3 {
        return None;
    }
    let roles: Vec<Option<Role>> = header.iter().map(|&h| role_of(&lines[h].text)).collect();
    let has_item = roles.iter().any(|r| {
        matches!(
            r,
            Some(Role::Item) | Some(Role::Action) | Some(Role::KeyPoint)
        )
    });
    let checkable = roles
        .iter()
        .any(|r| matches!(r, Some(Role::Rag) | Some(Role::Ref) | Some(Role::Status)));
    if !has_item || !checkable {
        return None;
    }
    // Rows: the next k non-blank lines, while every checkable cell fits.
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut end = j;
    loop {
        let mut cells: Vec<usize> = Vec::with_capacity(k);
        let mut m = end;
        while m < lines.len() && cells.len() < k {
            let l = &lines[m];
            if l.furniture || l.is_blank() {
                m += 1;
                continue;
            }
            if l.is_row() || l.heading.is_some_and(|h| h < 7) {
                break;
            }
            cells.push(m);
            m += 1;
        }
        if cells.len() < k
            || !cells
                .iter()
                .zip(&roles)
                .all(|(&c, r)| cell_fits(*r, &lines[c].text))
        {
            break;
        }
        rows.push(cells);
        end = m;
    }
    (!rows.is_empty()).then_some((k, rows, end))
}

/// One tab-separated row made of lines, numbered as its first line.
fn row_line(cells: &[&Line]) -> Line<'static> {
    let first = cells[0];
    let texts: Vec<String> = cells.iter().map(|l| l.text.to_string()).collect();
    Line {
        no: first.no,
        indent: first.indent,
        text: texts.join(" ").into(),
        heading: None,
        bullet: false,
        cells: texts,
        page_break: first.page_break,
        furniture: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flattened_table_is_rows_again() {
        let text = "Ref\nActivity\nRAG\n1\nPublish the plan\nGreen\n2\nReview the budget\nRed\nNext steps\n";
        let lines = crate::lines::to_lines(text).lines;
        let out = unflatten(lines);
        let rows: Vec<&Vec<String>> = out
            .iter()
            .filter(|l| l.is_row())
            .map(|l| &l.cells)
            .collect();
        assert_eq!(rows.len(), 3, "{out:#?}");
        assert_eq!(
            rows[1],
            &vec!["1".to_string(), "Publish the plan".into(), "Green".into()]
        );
        assert!(out.iter().any(|l| l.text == "Next steps" && !l.is_row()));
    }

    #[test]
    fn column_names_in_prose_are_left_alone() {
        let text = "Status\nOwner\nRAG\nThe owner reports that the work is late.\n";
        let lines = crate::lines::to_lines(text).lines;
        let n = lines.len();
        assert_eq!(unflatten(lines).len(), n);
    }
}
