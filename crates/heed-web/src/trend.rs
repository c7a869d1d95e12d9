//! Progress over time for the dashboard: the store's items opened and closed per month made
//! into a continuous run of periods (months, or years when the register spans more than two
//! years, so the chart stays readable), each with the number still open at its end.

use heed_store::MonthCount;

/// Up to how many months are shown one by one; a longer span is shown by year.
const MONTHS_SHOWN: usize = 24;

/// One period of the run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// `YYYY-MM` or `YYYY`.
    pub label: String,
    pub opened: i64,
    pub closed: i64,
    /// Opened up to the period's end, less closed up to its end.
    pub open_at_end: i64,
}

/// `YYYY-MM` as (year, month); `None` for anything else.
fn year_month(m: &str) -> Option<(i32, u32)> {
    let (y, mo) = m.split_once('-')?;
    let (y, mo) = (y.parse().ok()?, mo.parse().ok()?);
    (1..=12).contains(&mo).then_some((y, mo))
}

/// The periods from the first month with a change to the last, in order.
pub fn periods(months: &[MonthCount]) -> Vec<Period> {
    let known: Vec<((i32, u32), &MonthCount)> = months
        .iter()
        .filter_map(|m| year_month(&m.month).map(|k| (k, m)))
        .collect();
    let (Some(first), Some(last)) = (
        known.iter().map(|k| k.0).min(),
        known.iter().map(|k| k.0).max(),
    ) else {
        return Vec::new();
    };
    let span = (last.0 - first.0) as i64 * 12 + last.1 as i64 - first.1 as i64 + 1;
    let by_year = span > MONTHS_SHOWN as i64;
    let mut keys: Vec<(i32, u32)> = Vec::new();
    let (mut y, mut m) = first;
    while (y, m) <= last {
        let key = if by_year { (y, 0) } else { (y, m) };
        if keys.last() != Some(&key) {
            keys.push(key);
        }
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    let mut open = 0;
    keys.into_iter()
        .map(|key| {
            let inside = known
                .iter()
                .filter(|(k, _)| if by_year { k.0 == key.0 } else { *k == key });
            let (opened, closed) =
                inside.fold((0, 0), |(o, c), (_, m)| (o + m.opened, c + m.closed));
            open += opened - closed;
            Period {
                label: if by_year {
                    key.0.to_string()
                } else {
                    format!("{}-{:02}", key.0, key.1)
                },
                opened,
                closed,
                open_at_end: open,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(month: &str, opened: i64, closed: i64) -> MonthCount {
        MonthCount {
            month: month.into(),
            opened,
            closed,
        }
    }

    #[test]
    fn months_without_changes_are_filled_in() {
        let p = periods(&[m("2013-11", 5, 0), m("2014-02", 0, 2)]);
        let labels: Vec<&str> = p.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["2013-11", "2013-12", "2014-01", "2014-02"]);
        let open: Vec<i64> = p.iter().map(|p| p.open_at_end).collect();
        assert_eq!(open, [5, 5, 5, 3]);
    }

    #[test]
    fn a_long_register_is_shown_by_year() {
        let p = periods(&[m("2010-03", 10, 0), m("2010-09", 2, 1), m("2014-01", 0, 4)]);
        let rows: Vec<(&str, i64, i64, i64)> = p
            .iter()
            .map(|p| (p.label.as_str(), p.opened, p.closed, p.open_at_end))
            .collect();
        assert_eq!(
            rows,
            [
                ("2010", 12, 1, 11),
                ("2011", 0, 0, 11),
                ("2012", 0, 0, 11),
                ("2013", 0, 0, 11),
                ("2014", 0, 4, 7)
            ]
        );
        assert!(periods(&[]).is_empty());
        assert!(periods(&[m("junk", 1, 1)]).is_empty());
    }
}
