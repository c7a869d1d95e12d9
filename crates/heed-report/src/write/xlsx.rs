//! XLSX: one worksheet per sheet of the layout, as offices expect a tracker to look: a
//! bold header row frozen in place with filters on it, dates stored as dates (shown
//! `dd mmm yyyy`), numbers as numbers, RAG cells filled with their colour and named,
//! long text wrapped in sensible column widths, the title and author in the workbook's
//! properties.
//!
//! rust_xlsxwriter writes the package Excel itself writes (its output is compared with
//! Excel's files in that crate's own tests); the filters come with Excel's hidden
//! `_xlnm._FilterDatabase` names. Heed's tests open the files with LibreOffice; Excel
//! itself cannot run here.

use crate::ReportError;
use crate::model::{Sheet, Value, rag_fill};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook,
};

fn color(hex: &str) -> Color {
    Color::RGB(u32::from_str_radix(hex, 16).unwrap_or(0xFFFFFF))
}

/// A worksheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique.
fn sheet_name(name: &str, taken: &[String]) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .take(28)
        .collect();
    let clean = if clean.trim().is_empty() {
        "Sheet".to_string()
    } else {
        clean.trim().to_string()
    };
    let mut n = 1;
    let mut candidate = clean.clone();
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&candidate)) {
        n += 1;
        candidate = format!("{clean} {n}");
    }
    candidate
}

/// Excel holds at most 32,767 characters in a cell; longer text is cut, and says so.
fn fit(text: &str) -> std::borrow::Cow<'_, str> {
    const MAX: usize = 32_767;
    const MARK: &str = " [cut: longer than a spreadsheet cell holds]";
    if text.chars().count() <= MAX {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut cut: String = text.chars().take(MAX - MARK.chars().count()).collect();
    cut.push_str(MARK);
    std::borrow::Cow::Owned(cut)
}

pub fn write(sheets: &[Sheet], title: &str) -> Result<Vec<u8>, ReportError> {
    let mut wb = Workbook::new();
    wb.set_properties(&DocProperties::new().set_title(title).set_author("Heed"));
    let header = Format::new()
        .set_bold()
        .set_background_color(color("D9D9D9"))
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let text = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let date = Format::new()
        .set_num_format("dd mmm yyyy")
        .set_align(FormatAlign::Top)
        .set_align(FormatAlign::Left);
    let number = Format::new().set_align(FormatAlign::Top);
    let rag_formats: Vec<(heed_core::Rag, Format)> = heed_core::Rag::ALL
        .iter()
        .map(|r| {
            (
                *r,
                Format::new()
                    .set_bold()
                    .set_background_color(color(rag_fill(*r)))
                    .set_align(FormatAlign::Top),
            )
        })
        .collect();
    let mut taken: Vec<String> = Vec::new();
    let sheets: Vec<&Sheet> = sheets.iter().collect();
    for sheet in sheets {
        let name = sheet_name(&sheet.name, &taken);
        taken.push(name.clone());
        let ws = wb.add_worksheet();
        ws.set_name(&name)?;
        let t = &sheet.table;
        for (c, h) in t.header.iter().enumerate() {
            let col = c as u16;
            ws.write_string_with_format(0, col, fit(h), &header)?;
            let w = t.widths.get(c).copied().unwrap_or(15);
            ws.set_column_width(col, f64::from(w.clamp(6, 60)))?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let rr = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let col = c as u16;
                if let Some(rag) = cell.rag {
                    let f = rag_formats
                        .iter()
                        .find(|(x, _)| *x == rag)
                        .map(|(_, f)| f)
                        .unwrap_or(&text);
                    ws.write_string_with_format(rr, col, fit(&cell.text), f)?;
                    continue;
                }
                match cell.value {
                    Value::Date(d) => {
                        // Excel's dates start in 1900; an earlier one stays text.
                        match u16::try_from(d.year)
                            .ok()
                            .and_then(|y| ExcelDateTime::from_ymd(y, d.month, d.day).ok())
                        {
                            Some(dt) => {
                                ws.write_datetime_with_format(rr, col, &dt, &date)?;
                            }
                            None => {
                                ws.write_string_with_format(rr, col, &cell.text, &text)?;
                            }
                        }
                    }
                    Value::Number(n) => {
                        ws.write_number_with_format(rr, col, n, &number)?;
                    }
                    Value::Text if cell.text.is_empty() => {}
                    Value::Text => {
                        ws.write_string_with_format(rr, col, fit(&cell.text), &text)?;
                    }
                }
            }
        }
        ws.set_freeze_panes(1, 0)?;
        let last_col = t.header.len().saturating_sub(1) as u16;
        ws.autofilter(0, 0, t.rows.len() as u32, last_col)?;
    }
    if taken.is_empty() {
        wb.add_worksheet();
    }
    Ok(wb.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Table};
    use heed_core::date::Day;

    #[test]
    fn long_text_and_old_dates_still_write() {
        let old = Day::new(1850, 1, 1)
            .map(Cell::date)
            .unwrap_or_else(|| Cell::text("x"));
        let sheets = vec![Sheet {
            name: "A/B: [c]".into(),
            table: Table {
                caption: None,
                header: vec!["Text".into(), "Date".into()],
                rows: vec![vec![Cell::text("word ".repeat(10_000)), old]],
                widths: Vec::new(),
            },
        }];
        assert!(write(&sheets, "Old").is_ok());
        assert_eq!(fit(&"é".repeat(40_000)).chars().count(), 32_767);
    }
}
