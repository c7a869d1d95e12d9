//! Tables whose header names the columns: *Recommendation / Response*, *Priority /
//! Action*, *Key points / Actions / Results-Timescale*, and the same with other wording
//! ("Progress", "Update", "Status", "Owner", "Lead", "Due"). Columns are matched by
//! vocabulary, so a table is read by what its header says, not by its position.

use crate::Context;
use crate::blocks::{Block, BlockKind};
use crate::fields::{self, split_leading_number};
use heed_core::date::{Deadline, find_completion_date};
use heed_core::{Action, Document, Item, ItemKind, Rag, Response, Status};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Ref,
    /// The item's own words (recommendation, priority, area for improvement).
    Item,
    KeyPoint,
    Action,
    Result,
    Response,
    Status,
    Rag,
    Owner,
    Due,
    /// A reviewer's priority or risk rating (High / Medium / Low) beside a recommendation
    /// column. Alone, a "Priority" column is the item itself (a *Priority / Action* plan).
    Priority,
}

/// Reads a header cell.
pub fn role_of(cell: &str) -> Option<Role> {
    if cell.len() > 60 {
        return None;
    }
    let c = cell.trim().trim_end_matches([':', '.', '*']).to_lowercase();
    let has = |w: &str| c.contains(w);
    if c.is_empty() || c.len() > 40 {
        return None;
    }
    Some(if has("key point") || has("key issue") || has("key area") {
        Role::KeyPoint
    } else if c == "no"
        || c == "no."
        || c == "ref"
        || c == "#"
        || c == "number"
        || c == "id"
        || c == "reference"
        // "Rec no", "Action No.", "Item ref", "Minute number", "Ref no".
        || (c.split_whitespace().nth(3).is_none()
            && ["no", "no.", "ref", "ref.", "number", "id", "reference"]
                .iter()
                .any(|w| c.strip_suffix(w).is_some_and(|h| h.ends_with(' '))))
    {
        Role::Ref
    } else if has("result") || has("outcome") {
        Role::Result
    } else if has("rag") || c == "rating" || has("colour") || has("color") {
        Role::Rag
    } else if has("recommendation")
        || has("priorit")
        || has("area for improvement")
        || has("areas for improvement")
        || c == "finding"
        || c == "issue"
        || c == "objective"
        || c == "activity"
        || has("activities")
    {
        Role::Item
    } else if has("response")
        || has("comment")
        || has("update")
        || has("progress")
        || has("action taken")
        || has("actions taken")
        || c == "position"
        || has("evidence")
        || has("narrative")
        || c == "notes"
        || c == "note"
    {
        Role::Response
    } else if has("status") {
        Role::Status
    } else if has("owner")
        || c == "lead"
        || has("lead officer")
        || has("responsib")
        || has("by whom")
        || c == "who"
    {
        Role::Owner
    } else if has("due")
        || has("deadline")
        || has("target date")
        || has("by when")
        || has("timescale")
        || c == "date"
        || c == "when"
    {
        Role::Due
    } else if has("action") {
        Role::Action
    } else {
        return None;
    })
}

/// The roles of a header row, if it is one: at least two cells, every non-empty cell
/// short and known, and two different roles.
pub fn header_roles(cells: &[String]) -> Option<Vec<Option<Role>>> {
    let non_empty: Vec<&String> = cells.iter().filter(|c| !c.trim().is_empty()).collect();
    if non_empty.len() < 2 || non_empty.iter().any(|c| c.len() > 40) {
        return None;
    }
    let mut roles: Vec<Option<Role>> = cells.iter().map(|c| role_of(c)).collect();
    let items = roles.iter().filter(|r| **r == Some(Role::Item)).count();
    if items > 1 {
        for (r, c) in roles.iter_mut().zip(cells) {
            let c = c.to_lowercase();
            if *r == Some(Role::Item) && (c.contains("priorit") && !c.contains("recommend")) {
                *r = Some(Role::Priority);
            }
        }
    }
    // Every cell known; or, in a wider header, one cell in three at most unknown (a
    // log's "Meeting" or "Date raised" column says nothing Heed reads).
    let known = roles.iter().flatten().count();
    let unknown = non_empty.len() - known.min(non_empty.len());
    if known < 2 || (unknown > 0 && (known < 3 || unknown * 3 > non_empty.len())) {
        return None;
    }
    let mut distinct: Vec<Role> = roles.iter().flatten().copied().collect();
    distinct.dedup();
    (distinct.len() >= 2).then_some(roles)
}

/// A header of short cells of which one alone is known and names the items
/// ("Unimplemented Recommendation", "Report", "Work Area"), over rows whose cells in that
/// column ask a named body to act ("CMS should ..."), two in three of them at least: the
/// column is the items, the others say nothing Heed reads. A header of one known cell is
/// weak evidence, so the rows' own wording must speak for it.
fn asking_column(ctx: &Context<'_>, at: usize) -> Option<Vec<Option<Role>>> {
    let cells = &ctx.blocks[at].cells;
    let non_empty = cells.iter().filter(|c| !c.trim().is_empty()).count();
    if non_empty < 2 || cells.iter().any(|c| c.split_whitespace().count() > 5) {
        return None;
    }
    let roles: Vec<Option<Role>> = cells.iter().map(|c| role_of(c)).collect();
    if roles.iter().flatten().count() != 1 {
        return None;
    }
    let col = roles.iter().position(|r| *r == Some(Role::Item))?;
    let rows: Vec<&Block> = ctx.blocks[at + 1..]
        .iter()
        .zip(&ctx.claimed[at + 1..])
        .take_while(|(b, claimed)| b.kind == BlockKind::Row && !**claimed)
        .map(|(b, _)| b)
        .collect();
    let asking = rows
        .iter()
        .filter(|r| {
            r.cells
                .get(col)
                .is_some_and(|c| crate::general::directive(c).is_some())
        })
        .count();
    (rows.len() >= 2 && asking * 3 >= rows.len() * 2).then_some(roles)
}

/// A reference column's cell: a number ("3", "R3", "2.1"), or a tracked code as a log
/// prints it ("AC/21/04", "PCC-2023-7").
fn ref_of_cell(c: &str) -> Option<String> {
    fields::clean_ref(c).or_else(|| {
        let t = c.trim();
        (t.len() <= 24
            && !t.contains(char::is_whitespace)
            && t.chars().any(|c| c.is_ascii_digit())
            && t.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '.' | '_')))
        .then(|| t.to_string())
    })
}

fn cell<'a>(cells: &'a [String], roles: &[Option<Role>], role: Role) -> Option<&'a str> {
    roles
        .iter()
        .position(|r| *r == Some(role))
        .and_then(|i| cells.get(i))
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
}

/// Reads item tables (a header with an item column) into items, claiming their blocks.
pub fn read(ctx: &mut Context<'_>, doc: &mut Document) {
    let blocks = ctx.blocks;
    let mut i = 0;
    while i < blocks.len() {
        let b = &blocks[i];
        let roles = match (b.kind, ctx.claimed[i]) {
            (BlockKind::Row, false) => header_roles(&b.cells).or_else(|| asking_column(ctx, i)),
            _ => None,
        };
        // An action log (Action / Owner / Due / Status, no recommendation column): the
        // actions are the items.
        let roles = roles.map(|mut r| {
            let tracked = [Role::Owner, Role::Due, Role::Status, Role::Rag]
                .iter()
                .any(|x| r.contains(&Some(*x)));
            // Key points and results beside the actions make it a recommendation's own
            // action plan (Key points / Actions / Results), read with its recommendation.
            let plan = r.contains(&Some(Role::KeyPoint)) || r.contains(&Some(Role::Result));
            if !r.contains(&Some(Role::Item)) && tracked && !plan {
                let actions = r.iter().filter(|x| **x == Some(Role::Action)).count();
                if actions == 1
                    && let Some(a) = r.iter_mut().find(|x| **x == Some(Role::Action))
                {
                    *a = Some(Role::Item);
                }
            }
            r
        });
        let Some(roles) = roles.filter(|r| r.contains(&Some(Role::Item))) else {
            i += 1;
            continue;
        };
        let start = i;
        let header_key = b.text.to_lowercase();
        let mut items: Vec<Item> = Vec::new();
        // Whether the item cells carry their own numbers ("1. The MPS should ...").
        let mut numbered_cells = false;
        i += 1;
        while i < blocks.len() {
            let r = &blocks[i];
            if r.kind != BlockKind::Row {
                // A table ends at the first block that is not a row, unless it is a lone
                // fragment that carries on the last row's first cell (lower case).
                break;
            }
            if r.text.to_lowercase() == header_key {
                i += 1; // the header repeated after a page break
                continue;
            }
            let cells = &r.cells;
            let item_cell = cell(cells, &roles, Role::Item).unwrap_or("");
            let numbered = split_leading_number(item_cell).is_some();
            let ref_cell = cell(cells, &roles, Role::Ref);
            let continues = !items.is_empty()
                && ref_cell.is_none()
                && (item_cell.is_empty()
                    || item_cell.starts_with(char::is_lowercase)
                    || (r.indent > 0 && !numbered)
                    || (numbered_cells && !numbered));
            numbered_cells |= numbered;
            if continues {
                if let Some(prev) = items.last_mut() {
                    append_row(prev, cells, &roles, r.line);
                }
            } else {
                let mut it = fields::item_from_text(ItemKind::Recommendation, item_cell, r.line);
                if let Some(rf) = cell(cells, &roles, Role::Ref).and_then(ref_of_cell) {
                    it.r#ref = Some(rf);
                }
                it.text = String::new();
                append_row(&mut it, cells, &roles, r.line);
                it.text = item_text_of(item_cell);
                // "Recommendation 3: ..." inside the cell.
                if let Some((kind, r, body)) = crate::numbered::numbered_heading(item_cell) {
                    it.kind = kind;
                    it.r#ref = Some(r);
                    it.text = body;
                }
                items.push(it);
            }
            i += 1;
        }
        ctx.claim(start, i);
        doc.layouts.push(
            if roles.contains(&Some(Role::Response)) {
                "response-table"
            } else {
                "action-plan"
            }
            .to_string(),
        );
        doc.items.extend(items);
    }
}

/// Records printed as two rows each, as recommendation databases export them: a row of
/// short fields that opens with the recommendation's number ("| 001 | Yes | $0 | $0 |"),
/// then a row whose one filled cell spans the table with its words ("| We recommend the
/// Secretary ... | ||||"). Read under a header row that names recommendations; the
/// header's other columns (costs, flags) are not Heed's.
pub fn read_record_pairs(ctx: &mut Context<'_>, doc: &mut Document) {
    let blocks = ctx.blocks;
    let words = |t: &str| t.split_whitespace().count();
    // The spanning row, as the line model gives it: a row with one filled cell, or the
    // bullet or paragraph it became.
    let spanning = |k: usize| -> Option<&str> {
        let b = blocks.get(k)?;
        let text = match b.kind {
            BlockKind::Row => {
                let filled: Vec<&String> =
                    b.cells.iter().filter(|c| !c.trim().is_empty()).collect();
                (filled.len() == 1).then(|| filled[0].as_str())?
            }
            BlockKind::Bullet | BlockKind::Paragraph => b.text.as_str(),
            _ => return None,
        };
        // The empty cells after the words, where the line model left them on.
        let text = text
            .trim()
            .trim_end_matches(|c: char| c == '|' || c.is_whitespace());
        (!ctx.claimed[k] && words(text) >= 6).then_some(text)
    };
    let fields_row = |k: usize| -> Option<String> {
        let b = blocks.get(k)?;
        if ctx.claimed[k] || b.kind != BlockKind::Row {
            return None;
        }
        let filled: Vec<&String> = b.cells.iter().filter(|c| !c.trim().is_empty()).collect();
        if filled.len() < 2 || filled.iter().any(|c| words(c) > 4) {
            return None;
        }
        ref_of_cell(filled[0])
    };
    let mut found: Vec<(usize, usize, Vec<Item>)> = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let h = &blocks[i];
        let names = h.kind == BlockKind::Row
            && !ctx.claimed[i]
            && h.cells
                .iter()
                .any(|c| c.to_lowercase().contains("recommendation"))
            && h.cells.iter().all(|c| words(c) <= 5);
        if !names {
            i += 1;
            continue;
        }
        let mut items: Vec<Item> = Vec::new();
        let mut k = i + 1;
        while let (Some(r), Some(text)) = (fields_row(k), spanning(k + 1)) {
            let mut it = fields::item_from_text(ItemKind::Recommendation, text, blocks[k].line);
            it.text = text.to_string();
            it.r#ref = Some(r);
            it.evidence = vec![
                "a numbered record under a header naming recommendations".to_string(),
                "its words on the row after it".to_string(),
            ];
            items.push(it);
            k += 2;
        }
        if items.len() >= 2
            || items
                .iter()
                .any(|it| crate::general::directive(&it.text).is_some())
        {
            found.push((i, k, items));
            i = k;
        } else {
            i += 1;
        }
    }
    for (from, to, items) in found {
        ctx.claim(from, to);
        doc.items.extend(items);
        if !doc.layouts.iter().any(|l| l == "record-rows") {
            doc.layouts.push("record-rows".to_string());
        }
    }
}

fn item_text_of(cell: &str) -> String {
    split_leading_number(cell)
        .map_or(cell, |(_, rest)| rest)
        .to_string()
}

fn push_text(target: &mut String, more: &str) {
    if more.is_empty() {
        return;
    }
    if !target.is_empty() {
        target.push(' ');
    }
    target.push_str(more);
}

/// Adds one row's cells to an item (a new item, or one a page break split).
fn append_row(item: &mut Item, cells: &[String], roles: &[Option<Role>], line: usize) {
    if let Some(t) = cell(cells, roles, Role::Item) {
        push_text(&mut item.text, t);
    }
    for role in [Role::Response, Role::Action, Role::Result] {
        if let Some(t) = cell(cells, roles, role) {
            match item.responses.last_mut() {
                Some(r) => push_text(&mut r.text, t),
                None => item.responses.push(Response {
                    text: t.to_string(),
                    line,
                }),
            }
        }
    }
    if let Some(s) = cell(cells, roles, Role::Status) {
        if let Some((st, w)) = fields::status_of_text(s) {
            item.status = Some(st);
            item.status_words = w.or_else(|| Some(s.to_string()));
        }
        if item.rag.is_none() {
            item.rag = Rag::from_words(s);
        }
    }
    // A response that opens with its colour ("Green – implemented").
    if item.rag.is_none()
        && let Some(first) = cell(cells, roles, Role::Response)
            .and_then(|r| r.split([' ', '.', ':', '-', '–', ',']).next())
        && let Some(rag) = Rag::from_words(first).filter(|_| first.len() > 1)
    {
        item.rag = Some(rag);
        item.rag_reason = Some(format!("response opens with {first:?}"));
    }
    if let Some(s) = cell(cells, roles, Role::Rag) {
        item.rag = Rag::from_words(s);
        item.rag_reason = Some(format!("RAG column: {s}"));
    }
    if let Some(o) = cell(cells, roles, Role::Owner) {
        item.owner = Some(o.to_string());
    }
    if let Some(d) = cell(cells, roles, Role::Due)
        && item.deadline.is_none()
    {
        item.deadline = Deadline::parse(d, None).or_else(|| fields::deadline_in(d, None));
    }
}

/// Reads one row of a key points / actions / results table.
pub fn action_row(
    cells: &[String],
    roles: &[Option<Role>],
    line: usize,
    previous: Option<&Action>,
) -> Action {
    // Without a results column, a progress or update column says how the row stands.
    let result = cell(cells, roles, Role::Result)
        .or_else(|| cell(cells, roles, Role::Response))
        .map(str::to_string);
    let status_cell = cell(cells, roles, Role::Status);
    let (status, status_words) = match (status_cell, result.as_deref()) {
        (Some(s), _) => match fields::status_of_text(s) {
            Some((st, w)) => (Some(st), w),
            None => (None, None),
        },
        (None, Some(r)) if is_as_above(r) => (previous.and_then(|p| p.status), Some(r.to_string())),
        (None, Some(r)) => match fields::status_of_text(r) {
            Some((st, w)) => (Some(st), w),
            None => (Some(fields::status_of_prose(r)), None),
        },
        (None, None) => (None, None),
    };
    let date = result
        .as_deref()
        .and_then(find_completion_date)
        .filter(|_| status == Some(Status::Completed));
    Action {
        key_point: cell(cells, roles, Role::KeyPoint).map(str::to_string),
        action: cell(cells, roles, Role::Action).map(str::to_string),
        result,
        owner: cell(cells, roles, Role::Owner).map(str::to_string),
        status,
        status_words,
        date,
        deadline: cell(cells, roles, Role::Due).and_then(|d| Deadline::parse(d, None)),
        line,
    }
}

fn is_as_above(t: &str) -> bool {
    let l = t.trim().trim_end_matches('.').to_lowercase();
    l == "as above" || l == "see above" || l == "ditto"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_vocabulary() {
        let h = |s: &[&str]| header_roles(&s.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert_eq!(
            h(&["Key Points", "Actions", "Results/Timescale"]),
            Some(vec![
                Some(Role::KeyPoint),
                Some(Role::Action),
                Some(Role::Result)
            ])
        );
        assert_eq!(
            h(&["Recommendation", "Response"]),
            Some(vec![Some(Role::Item), Some(Role::Response)])
        );
        assert_eq!(
            h(&["Priority", "Action"]),
            Some(vec![Some(Role::Item), Some(Role::Action)])
        );
        assert_eq!(
            h(&["Ref", "Recommendation", "Owner", "Due", "Status", "Update"]).map(|r| r.len()),
            Some(6)
        );
        assert_eq!(h(&["Grade", "Direction of Travel"]), None);
        assert_eq!(
            h(&[
                "All boroughs to have nominated officer",
                "Officers to be identified"
            ]),
            None
        );
    }
}
