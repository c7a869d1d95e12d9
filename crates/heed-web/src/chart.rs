//! Horizontal bar charts as inline SVG, laid out here so the template only places shapes.
//! A chart is decoration for sighted readers: the page shows the same numbers in a table,
//! and the SVG is hidden from screen readers so they are not read twice.

/// One bar: a label, its count, and where it goes.
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub count: usize,
    /// The page listing the items this bar counts; empty when no filter selects them.
    pub href: String,
    /// Bar length in SVG units (0 to [`BAR_SPACE`]).
    pub width: u32,
    /// Top of the bar's row.
    pub y: u32,
    /// Baseline of the row's text.
    pub text_y: u32,
    /// Where the count is written: just past the bar's end.
    pub count_x: u32,
    /// CSS class that colours the bar.
    pub class: String,
}

/// A chart with its heading; `id` names it for `aria-labelledby`.
#[derive(Debug, Clone)]
pub struct Chart {
    pub id: String,
    pub title: String,
    pub bars: Vec<Bar>,
    pub height: u32,
}

const ROW: u32 = 28;
const LABEL_SPACE: u32 = 130;
const BAR_SPACE: u32 = 220;

impl Chart {
    /// Lays out `(label, count, link, css class)` rows, scaled to the largest count.
    pub fn new(id: &str, title: &str, rows: Vec<(String, usize, String, String)>) -> Chart {
        let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
        let bars = rows
            .into_iter()
            .enumerate()
            .map(|(i, (label, count, href, class))| {
                let width = ((count as u64 * u64::from(BAR_SPACE)) / max as u64) as u32;
                let y = i as u32 * ROW + 4;
                Bar {
                    label,
                    count,
                    href,
                    width,
                    y,
                    text_y: y + 15,
                    count_x: LABEL_SPACE + width + 6,
                    class,
                }
            })
            .collect::<Vec<_>>();
        Chart {
            id: id.into(),
            title: title.into(),
            height: (bars.len() as u32 * ROW).max(ROW) + 4,
            bars,
        }
    }

    /// The x of every bar's start, for the template.
    pub fn bar_x(&self) -> u32 {
        LABEL_SPACE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_count() {
        let c = Chart::new(
            "c",
            "C",
            vec![
                ("a".into(), 10, "/a".into(), "x".into()),
                ("b".into(), 5, "/b".into(), "x".into()),
                ("z".into(), 0, "/z".into(), "x".into()),
            ],
        );
        let widths: Vec<u32> = c.bars.iter().map(|b| b.width).collect();
        assert_eq!(widths, vec![220, 110, 0]);
        assert_eq!(c.height, 3 * 28 + 4);
        assert!(Chart::new("e", "E", vec![]).bars.is_empty());
    }
}
