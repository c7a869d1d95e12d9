//! The layouts committees already read, built from a [`ReportInput`] into a [`Report`].
//!
//! The text of each layout is also a contract with Heed's own reader (`heed-read`): a
//! report written here and read back yields the same items, refs, texts and statuses.
//! So recommendations open with "Recommendation N" headings, tables name their columns
//! with the words the reader knows (Key Points / Actions / Results/Timescale / Status,
//! Recommendation / Response / Status / RAG, Priority / Action), the notes under a
//! recommendation are labelled lines ("Progress update:", "Status:", "RAG:", "Owner:",
//! "Due:"), and tables that only
//! summarise (overdue, changed, moved) use headers the reader does not take for item
//! tables, so nothing is read twice.

use crate::Layout;
use crate::input::{ReportInput, ReportItem, display_refs, is_actionable};
use crate::model::{Bar, Block, Cell, Chart, Report, Sheet, Table, Value, long_date, one_line};
use heed_core::date::Day;
use heed_core::{Item, ItemKind, Rag, Status};

/// The words a report prints for a status; the reader reads each back as that status.
pub fn status_words(s: Status) -> &'static str {
    match s {
        Status::Completed => "Completed",
        Status::InProgress => "In progress",
        Status::NotStarted => "Not started",
        Status::NotAccepted => "Not accepted",
        Status::NoResponse => "No response",
        Status::Superseded => "Superseded",
    }
}

/// Builds a layout.
pub fn build(input: &ReportInput, layout: Layout) -> Report {
    let mut report = Report {
        title: one_line(&input.title),
        subtitle: format!("{}: as of {}", layout.title(), long_date(input.as_of)),
        blocks: Vec::new(),
        sheets: Vec::new(),
    };
    match layout {
        Layout::ProgressTable => progress_table(input, &mut report),
        Layout::ResponseTable => response_table(input, &mut report),
        Layout::Narrative => narrative(input, &mut report),
        Layout::ActionPlan => action_plan(input, &mut report),
        Layout::Judgements => judgements(input, &mut report),
        Layout::Overview => overview(input, &mut report),
    }
    report
}

/// The items the item layouts list, with the numbers they print.
fn actionable(input: &ReportInput, always_numbered: bool) -> Vec<(&ReportItem, Option<String>)> {
    let items: Vec<&ReportItem> = input
        .items
        .iter()
        .filter(|i| is_actionable(i.item.kind))
        .collect();
    let refs = display_refs(
        &items.iter().map(|i| &i.item).collect::<Vec<_>>(),
        always_numbered,
    );
    items.into_iter().zip(refs).collect()
}

/// "6. The MPS should ..." (or the text alone when unnumbered).
fn numbered_text(r: Option<&str>, text: &str) -> String {
    match r {
        Some(r) => format!("{r}. {}", one_line(text)),
        None => one_line(text),
    }
}

fn status_cell(item: &Item) -> Cell {
    Cell::text(item.status.map(status_words).unwrap_or(""))
}

/// The status as the last cell of a table row: never empty, because a row whose trailing
/// cells are all empty reads back as a single cell, not a row. "Not stated" reads back as
/// no status.
fn last_status_cell(item: &Item) -> Cell {
    Cell::text(item.status.map(status_words).unwrap_or("Not stated"))
}

fn due_cell(item: &Item) -> Cell {
    match &item.deadline {
        Some(d) => Cell {
            text: d.to_iso(),
            value: Value::Date(d.due),
            rag: None,
        },
        None => Cell::text(""),
    }
}

/// The notes under a recommendation, as labelled lines the reader reads as fields:
/// "Progress update: ...", then "Status:", "RAG:", "Owner:", "Due:". The update comes
/// first so that a label inside its words ("... status: agreed") cannot override the
/// fields after it. `progress` is the update to print (`None`: none).
fn notes(ri: &ReportItem, progress: Option<String>) -> Vec<String> {
    let item = &ri.item;
    let mut out = Vec::new();
    if let Some(p) = progress.map(|p| one_line(&p)).filter(|p| !p.is_empty()) {
        match &ri.latest_update {
            Some(u) => out.push(format!("Progress update ({}): {p}", long_date(u.on))),
            None => out.push(format!("Progress update: {p}")),
        }
    }
    if let Some(s) = item.status {
        out.push(format!("Status: {}", status_words(s)));
    }
    if let Some(r) = item.rag {
        out.push(format!("RAG: {}", crate::model::rag_name(r)));
    }
    if let Some(o) = &item.owner {
        out.push(format!("Owner: {}", one_line(o)));
    }
    if let Some(d) = &item.deadline {
        out.push(format!("Due: {}", d.to_iso()));
    }
    out
}

fn progress_table(input: &ReportInput, report: &mut Report) {
    let mut sheet = Table {
        caption: Some("Progress against each recommendation".into()),
        header: vec![
            "Ref".into(),
            "Recommendation".into(),
            "Key point".into(),
            "Action".into(),
            "Result / timescale".into(),
            "Status".into(),
        ],
        rows: Vec::new(),
        widths: vec![6, 40, 20, 30, 30, 12],
    };
    for (ri, r) in actionable(input, true) {
        let item = &ri.item;
        let r = r.unwrap_or_default();
        report.blocks.push(Block::Heading {
            level: 2,
            text: format!("Recommendation {r}"),
        });
        if !item.text.trim().is_empty() {
            report.blocks.push(Block::Paragraph(one_line(&item.text)));
        }
        if !item.actions.is_empty() {
            let rows = item
                .actions
                .iter()
                .map(|a| {
                    vec![
                        Cell::opt(a.key_point.as_deref()),
                        Cell::opt(a.action.as_deref()),
                        Cell::opt(a.result.as_deref()),
                        Cell::text(a.status.map(status_words).unwrap_or("")),
                    ]
                })
                .collect();
            report.blocks.push(Block::Table(Table {
                caption: Some(format!("Progress on recommendation {r}")),
                header: vec![
                    "Key Points".into(),
                    "Actions".into(),
                    "Results/Timescale".into(),
                    "Status".into(),
                ],
                rows,
                widths: vec![25, 30, 35, 10],
            }));
            for a in &item.actions {
                sheet.rows.push(vec![
                    Cell::text(r.clone()),
                    Cell::text(&item.text),
                    Cell::opt(a.key_point.as_deref()),
                    Cell::opt(a.action.as_deref()),
                    Cell::opt(a.result.as_deref()),
                    Cell::text(a.status.map(status_words).unwrap_or("")),
                ]);
            }
            // Responses beside the action rows are kept (the rows' results are above).
            let more: Vec<String> = ri
                .latest_update
                .as_ref()
                .map(|u| vec![u.text.clone()])
                .unwrap_or_else(|| item.responses.iter().map(|x| x.text.clone()).collect());
            let n = notes(ri, (!more.is_empty()).then(|| more.join(" ")));
            if !n.is_empty() {
                report.blocks.push(Block::Bullets(n));
            }
        } else {
            let n = notes(ri, ri.progress_text());
            if !n.is_empty() {
                report.blocks.push(Block::Bullets(n));
            }
            sheet.rows.push(vec![
                Cell::text(r.clone()),
                Cell::text(&item.text),
                Cell::text(""),
                Cell::text(""),
                Cell::opt(ri.progress_text().as_deref()),
                status_cell(item),
            ]);
        }
    }
    report.sheets.push(Sheet {
        name: "Progress".into(),
        table: sheet,
    });
}

fn response_table(input: &ReportInput, report: &mut Report) {
    report.blocks.push(Block::Paragraph(
        "RAG status: red means the recommendation has not been accepted or has had no \
         response; amber means there has been some progress against it; green means it has \
         been implemented or substantively accepted."
            .into(),
    ));
    let mut table = Table {
        caption: Some("Recommendations, responses and RAG status".into()),
        header: vec![
            "Recommendation".into(),
            "Response".into(),
            "Status".into(),
            "RAG".into(),
        ],
        rows: Vec::new(),
        widths: vec![40, 45, 10, 8],
    };
    let mut sheet = Table {
        caption: table.caption.clone(),
        header: vec![
            "Ref".into(),
            "Recommendation".into(),
            "Response".into(),
            "Status".into(),
            "RAG".into(),
            "Owner".into(),
            "Due".into(),
        ],
        rows: Vec::new(),
        widths: vec![6, 45, 50, 12, 8, 16, 10],
    };
    for (ri, r) in actionable(input, false) {
        let item = &ri.item;
        let response = ri.progress_text();
        table.rows.push(vec![
            Cell::text(numbered_text(r.as_deref(), &item.text)),
            Cell::opt(response.as_deref()),
            last_status_cell(item),
            rag_or_not_rated(item.rag),
        ]);
        sheet.rows.push(vec![
            Cell::opt(r.as_deref()),
            Cell::text(&item.text),
            Cell::opt(response.as_deref()),
            status_cell(item),
            Cell::rag(item.rag),
            Cell::opt(item.owner.as_deref()),
            due_cell(item),
        ]);
    }
    report.blocks.push(Block::Table(table));
    report.sheets.push(Sheet {
        name: "Responses".into(),
        table: sheet,
    });
}

fn narrative(input: &ReportInput, report: &mut Report) {
    let mut sheet = Table {
        caption: Some("Open recommendations and their latest update".into()),
        header: vec![
            "Ref".into(),
            "Recommendation".into(),
            "Status".into(),
            "Latest update".into(),
            "Updated on".into(),
            "Owner".into(),
            "Due".into(),
        ],
        rows: Vec::new(),
        widths: vec![6, 45, 12, 50, 12, 16, 10],
    };
    let open: Vec<_> = actionable(input, true)
        .into_iter()
        .filter(|(ri, _)| !ri.is_closed())
        .collect();
    if open.is_empty() {
        report
            .blocks
            .push(Block::Paragraph("No recommendation is open.".into()));
    }
    for (ri, r) in open {
        let item = &ri.item;
        let r = r.unwrap_or_default();
        report.blocks.push(Block::Heading {
            level: 2,
            text: format!("Recommendation {r}"),
        });
        if !item.text.trim().is_empty() {
            report.blocks.push(Block::Paragraph(one_line(&item.text)));
        }
        // Bullets, not paragraphs: in HTML consecutive paragraphs read back as one.
        let n = notes(ri, ri.progress_text());
        if !n.is_empty() {
            report.blocks.push(Block::Bullets(n));
        }
        sheet.rows.push(vec![
            Cell::text(r.clone()),
            Cell::text(&item.text),
            status_cell(item),
            Cell::opt(ri.progress_text().as_deref()),
            ri.latest_update
                .as_ref()
                .map_or_else(|| Cell::text(""), |u| Cell::date(u.on)),
            Cell::opt(item.owner.as_deref()),
            due_cell(item),
        ]);
    }
    report.sheets.push(Sheet {
        name: "Open items".into(),
        table: sheet,
    });
}

fn action_plan(input: &ReportInput, report: &mut Report) {
    let mut table = Table {
        caption: Some("Priorities and actions".into()),
        header: vec![
            "Priority".into(),
            "Action".into(),
            "Owner".into(),
            "Due".into(),
            "Status".into(),
        ],
        rows: Vec::new(),
        widths: vec![40, 45, 14, 10, 12],
    };
    let mut sheet = table.clone();
    sheet.header.insert(0, "Ref".into());
    sheet.widths.insert(0, 6);
    for (ri, r) in actionable(input, false) {
        let item = &ri.item;
        let action = if item.actions.is_empty() {
            ri.progress_text()
        } else {
            Some(
                item.actions
                    .iter()
                    .filter_map(|a| a.action.as_deref().or(a.result.as_deref()))
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        };
        let tail = [
            Cell::opt(action.as_deref()),
            Cell::opt(item.owner.as_deref()),
            due_cell(item),
            last_status_cell(item),
        ];
        let mut row = vec![Cell::text(numbered_text(r.as_deref(), &item.text))];
        row.extend(tail.iter().cloned());
        table.rows.push(row);
        let mut row = vec![Cell::opt(r.as_deref()), Cell::text(&item.text)];
        row.extend(tail);
        sheet.rows.push(row);
    }
    report.blocks.push(Block::Table(table));
    report.sheets.push(Sheet {
        name: "Action plan".into(),
        table: sheet,
    });
}

fn kind_heading(k: ItemKind) -> &'static str {
    match k {
        ItemKind::Strength => "Strengths",
        ItemKind::AreaForImprovement => "Areas for improvement",
        ItemKind::WorkInProgress => "Work in progress",
        ItemKind::Recommendation => "Recommendations",
    }
}

fn judgements(input: &ReportInput, report: &mut Report) {
    // The spreadsheet's summary also carries the national grade distribution (how many
    // forces received each grade), one number a column; the printed summary does not (the
    // area sections print it, where the reports themselves do).
    let mut summary = Table {
        caption: Some("Summary of judgements".into()),
        header: vec![
            "Area".into(),
            "Title".into(),
            "Grade".into(),
            "Direction of travel".into(),
            "Nationally poor".into(),
            "Nationally fair".into(),
            "Nationally good".into(),
            "Nationally excellent".into(),
        ],
        rows: Vec::new(),
        widths: vec![6, 50, 12, 16, 10, 10, 10, 10],
    };
    for j in &input.judgements {
        let mut row = vec![
            Cell::text(&j.area),
            Cell::text(&j.title),
            Cell::text(j.grade.map(|g| capitalise(g.as_str())).unwrap_or_default()),
            Cell::text(direction_words(j.direction)),
        ];
        match j.national_distribution {
            Some(n) => {
                row.extend([n.poor, n.fair, n.good, n.excellent].map(|k| Cell::number(k as usize)))
            }
            None => row.extend(std::iter::repeat_with(|| Cell::text("")).take(4)),
        }
        summary.rows.push(row);
    }
    report.blocks.push(Block::Heading {
        level: 2,
        text: "Summary of judgements".into(),
    });
    if summary.rows.is_empty() {
        report
            .blocks
            .push(Block::Paragraph("No graded areas.".into()));
    } else {
        // As inspection reports print it: the area's title, then its grade and direction
        // (the reader checks this table against the sections below).
        report.blocks.push(Block::Table(Table {
            caption: Some("Summary of judgements".into()),
            header: vec![
                "Summary of judgements".into(),
                "Grade".into(),
                "Direction of travel".into(),
            ],
            rows: summary.rows.iter().map(|r| r[1..4].to_vec()).collect(),
            widths: vec![56, 12, 16],
        }));
    }
    // Areas in the order the judgements give them, then any others the items name.
    let mut areas: Vec<Option<String>> = input
        .judgements
        .iter()
        .map(|j| Some(j.area.clone()))
        .collect();
    for ri in &input.items {
        if ri.item.kind != ItemKind::Recommendation && !areas.contains(&ri.item.section) {
            areas.push(ri.item.section.clone());
        }
    }
    let mut items_sheet = Table {
        caption: Some("Strengths, areas for improvement and work in progress by area".into()),
        header: vec![
            "Area".into(),
            "Kind".into(),
            "Theme".into(),
            "Text".into(),
            "Status".into(),
        ],
        rows: Vec::new(),
        widths: vec![6, 20, 20, 70, 12],
    };
    for area in &areas {
        let in_area: Vec<&Item> = input
            .items
            .iter()
            .map(|ri| &ri.item)
            .filter(|i| i.kind != ItemKind::Recommendation && &i.section == area)
            .collect();
        let judgement = input
            .judgements
            .iter()
            .find(|j| Some(&j.area) == area.as_ref());
        let heading = match (area, judgement) {
            (Some(a), Some(j)) => format!("{a} {}", one_line(&j.title)),
            (Some(a), None) => a.clone(),
            (None, _) => "Other findings".to_string(),
        };
        report.blocks.push(Block::Heading {
            level: 2,
            text: heading,
        });
        if let Some(j) = judgement.filter(|j| j.grade.is_some() || j.direction.is_some()) {
            report.blocks.push(Block::Table(Table {
                caption: Some(format!("Grade and direction of travel of {}", j.area)),
                header: vec!["Grade".into(), "Direction of travel".into()],
                rows: vec![vec![
                    Cell::text(j.grade.map(|g| capitalise(g.as_str())).unwrap_or_default()),
                    Cell::text(direction_words(j.direction)),
                ]],
                widths: vec![20, 30],
            }));
        }
        // As HMIC prints it under the grade: how many forces received each grade.
        if let Some(n) = judgement.and_then(|j| j.national_distribution) {
            report.blocks.push(Block::Table(Table {
                caption: Some(format!(
                    "National grade distribution of {}",
                    area.as_deref().unwrap_or_default()
                )),
                header: vec![
                    "Poor".into(),
                    "Fair".into(),
                    "Good".into(),
                    "Excellent".into(),
                ],
                rows: vec![
                    [n.poor, n.fair, n.good, n.excellent]
                        .map(|k| Cell::number(k as usize))
                        .to_vec(),
                ],
                widths: vec![10, 10, 10, 10],
            }));
        }
        for kind in [
            ItemKind::Strength,
            ItemKind::AreaForImprovement,
            ItemKind::WorkInProgress,
        ] {
            let of_kind: Vec<&&Item> = in_area.iter().filter(|i| i.kind == kind).collect();
            if of_kind.is_empty() {
                continue;
            }
            report.blocks.push(Block::Heading {
                level: 3,
                text: kind_heading(kind).into(),
            });
            // Unthemed findings first, then each theme under its own sub-heading, in the
            // order the themes first appear.
            let mut themes: Vec<Option<&String>> = vec![None];
            for i in &of_kind {
                if !themes.contains(&i.theme.as_ref()) {
                    themes.push(i.theme.as_ref());
                }
            }
            for theme in themes {
                let texts: Vec<String> = of_kind
                    .iter()
                    .filter(|i| i.theme.as_ref() == theme)
                    .map(|i| one_line(&i.text))
                    .collect();
                if texts.is_empty() {
                    continue;
                }
                if let Some(t) = theme {
                    report.blocks.push(Block::Heading {
                        level: 4,
                        text: one_line(t),
                    });
                }
                report.blocks.push(Block::Bullets(texts));
            }
            for i in of_kind {
                items_sheet.rows.push(vec![
                    Cell::opt(area.as_deref()),
                    Cell::text(kind_heading(kind)),
                    Cell::opt(i.theme.as_deref()),
                    Cell::text(&i.text),
                    status_cell(i),
                ]);
            }
        }
    }
    report.sheets.push(Sheet {
        name: "Judgements".into(),
        table: summary,
    });
    report.sheets.push(Sheet {
        name: "Findings".into(),
        table: items_sheet,
    });
}

fn direction_words(d: Option<heed_core::Direction>) -> String {
    d.map(|d| capitalise(&d.as_str().replace('_', " ")))
        .unwrap_or_default()
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// How many items have each value (`None`: not stated / not rated), in a stable order.
pub type Counts<T> = Vec<(Option<T>, usize)>;

/// Counts by status (with "Not stated") and by RAG (with "Not rated"), in a stable order.
pub fn counts(items: &[&ReportItem]) -> (Counts<Status>, Counts<Rag>) {
    let by_status = Status::ALL
        .iter()
        .map(|s| Some(*s))
        .chain([None])
        .map(|s| (s, items.iter().filter(|i| i.item.status == s).count()))
        .collect();
    let by_rag = Rag::ALL
        .iter()
        .map(|r| Some(*r))
        .chain([None])
        .map(|r| (r, items.iter().filter(|i| i.item.rag == r).count()))
        .collect();
    (by_status, by_rag)
}

fn days_between(a: Day, b: Day) -> i64 {
    b.to_epoch_days() - a.to_epoch_days()
}

fn overview(input: &ReportInput, report: &mut Report) {
    let listed = actionable(input, false);
    let items: Vec<&ReportItem> = listed.iter().map(|(ri, _)| *ri).collect();
    let (by_status, by_rag) = counts(&items);
    let open = items.iter().filter(|i| !i.is_closed()).count();
    let overdue: Vec<&(&ReportItem, Option<String>)> = listed
        .iter()
        .filter(|(ri, _)| ri.is_overdue(input.as_of))
        .collect();
    report.blocks.push(Block::Paragraph(format!(
        "{} items: {} open, {} closed; {} overdue as of {}.",
        items.len(),
        open,
        items.len() - open,
        overdue.len(),
        long_date(input.as_of)
    )));

    // Status.
    let status_label = |s: Option<Status>| s.map_or("Not stated", status_words).to_string();
    report.blocks.push(Block::Heading {
        level: 2,
        text: "Items by status".into(),
    });
    report.blocks.push(Block::Chart(Chart {
        title: "Items by status".into(),
        bars: by_status
            .iter()
            .map(|(s, n)| Bar {
                label: status_label(*s),
                value: *n,
                rag: None,
            })
            .collect(),
    }));
    let status_table = Table {
        caption: Some("Items by status".into()),
        header: vec!["Status".into(), "Items".into()],
        rows: by_status
            .iter()
            .map(|(s, n)| vec![Cell::text(status_label(*s)), Cell::number(*n)])
            .collect(),
        widths: vec![30, 10],
    };
    report.blocks.push(Block::Table(status_table));

    // RAG.
    let rag_label = |r: Option<Rag>| r.map_or("Not rated", crate::model::rag_name).to_string();
    report.blocks.push(Block::Heading {
        level: 2,
        text: "Items by RAG rating".into(),
    });
    report.blocks.push(Block::Chart(Chart {
        title: "Items by RAG rating".into(),
        bars: by_rag
            .iter()
            .map(|(r, n)| Bar {
                label: rag_label(*r),
                value: *n,
                rag: *r,
            })
            .collect(),
    }));
    let rag_table = Table {
        caption: Some("Items by RAG rating".into()),
        header: vec!["RAG".into(), "Items".into()],
        rows: by_rag
            .iter()
            .map(|(r, n)| {
                let mut c = Cell::rag(*r);
                c.text = rag_label(*r);
                vec![c, Cell::number(*n)]
            })
            .collect(),
        widths: vec![30, 10],
    };
    report.blocks.push(Block::Table(rag_table));

    // Overdue.
    report.blocks.push(Block::Heading {
        level: 2,
        text: format!("Overdue as of {}", long_date(input.as_of)),
    });
    let overdue_table = Table {
        caption: Some("Open items whose deadline has passed".into()),
        header: vec![
            "Ref".into(),
            "Overdue item".into(),
            "Due".into(),
            "Days overdue".into(),
            "Owner".into(),
            "Status".into(),
        ],
        rows: overdue
            .iter()
            .map(|(ri, r)| {
                let d = ri.item.deadline.as_ref().map(|d| d.due);
                vec![
                    Cell::opt(r.as_deref()),
                    Cell::text(&ri.item.text),
                    due_cell(&ri.item),
                    d.map_or_else(
                        || Cell::text(""),
                        |d| {
                            let n = days_between(d, input.as_of).max(0) as usize;
                            Cell::number(n)
                        },
                    ),
                    Cell::opt(ri.item.owner.as_deref()),
                    status_cell(&ri.item),
                ]
            })
            .collect(),
        widths: vec![6, 50, 10, 10, 16, 12],
    };
    push_table_or_none(report, &overdue_table, "No open item is overdue.");

    // Deadlines moved.
    let since_words = input.since.map_or_else(
        || "all recorded".to_string(),
        |d| format!("since {}", long_date(d)),
    );
    report.blocks.push(Block::Heading {
        level: 2,
        text: format!("Deadlines moved: {since_words}"),
    });
    let mut moved = Table {
        caption: Some("Deadlines moved, and why".into()),
        header: vec![
            "Ref".into(),
            "Moved item".into(),
            "From".into(),
            "To".into(),
            "Moved on".into(),
            "Reason".into(),
        ],
        rows: Vec::new(),
        widths: vec![6, 40, 10, 10, 12, 40],
    };
    for (ri, r) in &listed {
        for ch in &ri.deadline_changes {
            if ch.from.is_some() && input.since.is_none_or(|s| ch.on >= s) {
                moved.rows.push(vec![
                    Cell::opt(r.as_deref()),
                    Cell::text(&ri.item.text),
                    ch.from.as_ref().map_or_else(
                        || Cell::text(""),
                        |d| Cell {
                            text: d.to_iso(),
                            value: Value::Date(d.due),
                            rag: None,
                        },
                    ),
                    Cell {
                        text: ch.to.to_iso(),
                        value: Value::Date(ch.to.due),
                        rag: None,
                    },
                    Cell::date(ch.on),
                    Cell::text(ch.reason.as_deref().unwrap_or("No reason recorded")),
                ]);
            }
        }
    }
    push_table_or_none(report, &moved, "No deadline was moved.");

    // Changed.
    report.blocks.push(Block::Heading {
        level: 2,
        text: format!("Changed items: {since_words}"),
    });
    let changed = Table {
        caption: Some("Items that changed".into()),
        header: vec![
            "Ref".into(),
            "Changed item".into(),
            "Changed on".into(),
            "Status".into(),
            "Latest update".into(),
        ],
        rows: listed
            .iter()
            .filter(|(ri, _)| {
                ri.changed_on
                    .is_some_and(|d| input.since.is_none_or(|s| d >= s))
            })
            .map(|(ri, r)| {
                vec![
                    Cell::opt(r.as_deref()),
                    Cell::text(&ri.item.text),
                    ri.changed_on.map_or_else(|| Cell::text(""), Cell::date),
                    status_cell(&ri.item),
                    Cell::opt(ri.latest_update.as_ref().map(|u| u.text.as_str())),
                ]
            })
            .collect(),
        widths: vec![6, 40, 12, 12, 45],
    };
    push_table_or_none(report, &changed, "No item changed.");

    // Every item, so the report stands on its own (and reads back whole).
    report.blocks.push(Block::Heading {
        level: 2,
        text: "All items".into(),
    });
    let all = Table {
        caption: Some("Every item and its status".into()),
        header: vec![
            "Recommendation".into(),
            "Owner".into(),
            "Due".into(),
            "RAG".into(),
            "Status".into(),
        ],
        rows: listed
            .iter()
            .map(|(ri, r)| {
                vec![
                    Cell::text(numbered_text(r.as_deref(), &ri.item.text)),
                    Cell::opt(ri.item.owner.as_deref()),
                    due_cell(&ri.item),
                    rag_or_not_rated(ri.item.rag),
                    last_status_cell(&ri.item),
                ]
            })
            .collect(),
        widths: vec![55, 16, 10, 8, 12],
    };
    push_table_or_none(report, &all, "No items.");

    let mut summary = Table {
        caption: Some("Counts by status and RAG rating".into()),
        header: vec!["Measure".into(), "Value".into(), "Items".into()],
        rows: Vec::new(),
        widths: vec![16, 20, 10],
    };
    for (s, n) in &by_status {
        summary.rows.push(vec![
            Cell::text("Status"),
            Cell::text(status_label(*s)),
            Cell::number(*n),
        ]);
    }
    for (r, n) in &by_rag {
        let mut c = Cell::rag(*r);
        c.text = rag_label(*r);
        summary
            .rows
            .push(vec![Cell::text("RAG"), c, Cell::number(*n)]);
    }
    summary.rows.push(vec![
        Cell::text("Overdue"),
        Cell::text(format!("as of {}", input.as_of)),
        Cell::number(overdue.len()),
    ]);
    report.sheets.push(Sheet {
        name: "Summary".into(),
        table: summary,
    });
    for (name, t) in [
        ("Overdue", overdue_table),
        ("Deadlines moved", moved),
        ("Changed", changed),
        ("All items", all),
    ] {
        report.sheets.push(Sheet {
            name: name.into(),
            table: t,
        });
    }
}

fn push_table_or_none(report: &mut Report, table: &Table, none: &str) {
    if table.rows.is_empty() {
        report.blocks.push(Block::Paragraph(none.into()));
    } else {
        report.blocks.push(Block::Table(table.clone()));
    }
}

/// A RAG cell that names the absence of a rating ("Not rated" reads back as none).
fn rag_or_not_rated(r: Option<Rag>) -> Cell {
    let mut c = Cell::rag(r);
    if r.is_none() {
        c.text = "Not rated".into();
    }
    c
}
