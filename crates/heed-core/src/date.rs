//! Dates as reports write them, and the deadlines they set.
//!
//! Reports rarely give a day: "by April 2013", "end 2006", "Q3 2012/13", "2nd half of
//! 2013/14", "within the next six months". A [`Deadline`] keeps the period it names, its
//! precision and the phrase it came from; [`Deadline::due`] is the last day of that period,
//! which is what "overdue" is judged against. UK financial years run April to March.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar day, without time zone. Small on purpose: the core needs ordering, month
/// arithmetic and ISO text, nothing more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Day {
    /// A valid day, or `None`.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Day> {
        (1..=12)
            .contains(&month)
            .then_some(())
            .filter(|_| day >= 1 && day <= days_in_month(year, month))
            .map(|_| Day { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    /// Parses `YYYY-MM-DD` (a time after the day, as in `2014-03-11T09:00`, is ignored;
    /// "03-11-2014" is not ISO and is refused).
    pub fn parse_iso(s: &str) -> Option<Day> {
        let s = s.trim();
        let mut it = s.splitn(3, '-');
        let (y, m, d) = (it.next()?, it.next()?, it.next()?);
        let d = d.get(..2)?;
        let digits = |t: &str, n: usize| t.len() == n && t.bytes().all(|b| b.is_ascii_digit());
        if !digits(y, 4) || !digits(m, 2) || !digits(d, 2) {
            return None;
        }
        Day::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// The same day `n` months later, clamped to the month's end.
    pub fn add_months(self, n: i32) -> Day {
        let total = self.year * 12 + (self.month as i32 - 1) + n;
        let year = total.div_euclid(12);
        let month = (total.rem_euclid(12) + 1) as u8;
        let day = self.day.min(days_in_month(year, month));
        Day { year, month, day }
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_epoch_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = self.year as i64 - if self.month <= 2 { 1 } else { 0 };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    /// The inverse of [`Day::to_epoch_days`].
    pub fn from_epoch_days(z: i64) -> Day {
        let z = z + 719468;
        let era = z.div_euclid(146097);
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        Day {
            year: (y + if m <= 2 { 1 } else { 0 }) as i32,
            month: m,
            day: d,
        }
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Day::parse_iso(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("not a date (YYYY-MM-DD): {s:?}")))
    }
}

/// Days in a month of the proleptic Gregorian calendar.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// How exactly a deadline was stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Day,
    Month,
    Quarter,
    HalfYear,
    Year,
    FinancialYear,
}

impl Precision {
    pub const fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Quarter => "quarter",
            Precision::HalfYear => "half_year",
            Precision::Year => "year",
            Precision::FinancialYear => "financial_year",
        }
    }

    pub fn parse(s: &str) -> Option<Precision> {
        [
            Precision::Day,
            Precision::Month,
            Precision::Quarter,
            Precision::HalfYear,
            Precision::Year,
            Precision::FinancialYear,
        ]
        .into_iter()
        .find(|p| p.as_str() == s)
    }
}

/// The date by which something is to be done: the last day of the period the report named.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Deadline {
    /// The last day of the named period.
    pub due: Day,
    pub precision: Precision,
    /// The words it was read from ("by the end of March 2014"), or what a person typed.
    pub phrase: String,
}

impl Deadline {
    /// A deadline for a whole month.
    pub fn month(year: i32, month: u8, phrase: impl Into<String>) -> Option<Deadline> {
        Day::new(year, month, days_in_month(year, month).max(1)).map(|due| Deadline {
            due,
            precision: Precision::Month,
            phrase: phrase.into(),
        })
    }

    /// A deadline on a given day.
    pub fn day(day: Day, phrase: impl Into<String>) -> Deadline {
        Deadline {
            due: day,
            precision: Precision::Day,
            phrase: phrase.into(),
        }
    }

    /// The contract's text: `YYYY-MM-DD` for a day, `YYYY` for a calendar year, otherwise
    /// `YYYY-MM` of the period's last month.
    pub fn to_iso(&self) -> String {
        match self.precision {
            Precision::Day => self.due.to_string(),
            Precision::Year => format!("{:04}", self.due.year),
            _ => format!("{:04}-{:02}", self.due.year, self.due.month),
        }
    }

    /// Reads the contract's text back (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), or a plain phrase
    /// as [`parse_date_phrase`] understands it.
    pub fn parse(text: &str, today: Option<Day>) -> Option<Deadline> {
        let t = text.trim();
        if let Some(d) = Day::parse_iso(t) {
            return Some(Deadline::day(d, t));
        }
        let b = t.as_bytes();
        if b.len() == 7
            && b[4] == b'-'
            && b[..4].iter().all(u8::is_ascii_digit)
            && b[5..].iter().all(u8::is_ascii_digit)
        {
            return Deadline::month(t[..4].parse().ok()?, t[5..].parse().ok()?, t);
        }
        if b.len() == 4 && b.iter().all(u8::is_ascii_digit) {
            let year = t.parse().ok()?;
            return Some(Deadline {
                due: Day::new(year, 12, 31)?,
                precision: Precision::Year,
                phrase: t.into(),
            });
        }
        parse_date_phrase(t, today)
    }

    /// Whether the deadline has passed on `today` (the due day itself is not overdue).
    pub fn is_past(&self, today: Day) -> bool {
        self.due < today
    }
}

impl fmt::Display for Deadline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso())
    }
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Reads a month name or its three-letter (or "Sept") abbreviation.
pub fn month_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    if w == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(&w)))
        .map(|i| i as u8 + 1)
}

fn year_of(word: &str) -> Option<i32> {
    let w = word.trim_end_matches(|c: char| !c.is_ascii_digit());
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1900..=2199).contains(y))
}

/// A UK financial year written "2013/14", "2013-14", "2013/2014": returns its first calendar year.
fn financial_year_of(word: &str) -> Option<i32> {
    let w = word.trim_end_matches(|c: char| !c.is_ascii_digit());
    let (a, b) = w.split_once(['/', '-', '–'])?;
    let start = year_of(a)?;
    let end: i32 = b.parse().ok()?;
    let ok = (b.len() == 2 && end == (start + 1) % 100) || (b.len() == 4 && end == start + 1);
    ok.then_some(start)
}

fn number_word(w: &str) -> Option<i32> {
    let w = w.to_lowercase();
    let n = match w.as_str() {
        "one" | "a" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "eighteen" => 18,
        "twenty-four" => 24,
        _ => return w.parse().ok(),
    };
    Some(n)
}

fn ordinal(w: &str) -> Option<u8> {
    match w.to_lowercase().as_str() {
        "1st" | "first" => Some(1),
        "2nd" | "second" => Some(2),
        "3rd" | "third" => Some(3),
        "4th" | "fourth" | "final" | "last" => Some(4),
        _ => None,
    }
}

/// Reads a date phrase that *starts* `text` (after any leading "by", "the end of", ...):
/// "April 2013", "17 November 2003", "end 2006", "Q3 2012/13", "2nd half of 2013/14",
/// "2013/14", "within the next six months" (needs `today`, the document's date).
/// Returns `None` when the text does not open with a date.
pub fn parse_date_phrase(text: &str, today: Option<Day>) -> Option<Deadline> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let lw: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let mut i = 0;
    let mut end_of = false;
    // Leading connectives: "by", "by the end of", "end", "before", "no later than", "not
    // later than", "until".
    loop {
        match lw.get(i).map(String::as_str) {
            // "not" only as the first word of "not later than": "not 2013" is no date.
            Some("not") if lw.get(i + 1).is_some_and(|w| w == "later") => i += 1,
            Some(
                "by" | "before" | "until" | "the" | "of" | "in" | "during" | "no" | "later"
                | "than" | "within",
            ) => i += 1,
            Some("end" | "close") => {
                end_of = true;
                i += 1
            }
            _ => break,
        }
    }
    let w = |k: usize| words.get(i + k).copied().unwrap_or("");
    let l = |k: usize| lw.get(i + k).map(String::as_str).unwrap_or("");
    let phrase = |n: usize| {
        words[..(i + n).min(words.len())]
            .join(" ")
            .trim_end_matches(['.', ',', ')', ';', ':'])
            .to_string()
    };

    // "Q3 2012/13", "Q3 2012"
    if let Some(q) = l(0)
        .strip_prefix('q')
        .and_then(|q| q.parse::<u8>().ok())
        .filter(|q| (1..=4).contains(q))
    {
        if let Some(fy) = financial_year_of(w(1)) {
            let (y, m) = match q {
                1 => (fy, 6),
                2 => (fy, 9),
                3 => (fy, 12),
                _ => (fy + 1, 3),
            };
            return Some(Deadline {
                due: Day::new(y, m, days_in_month(y, m))?,
                precision: Precision::Quarter,
                phrase: phrase(2),
            });
        }
        if let Some(y) = year_of(w(1)) {
            let m = q * 3;
            return Some(Deadline {
                due: Day::new(y, m, days_in_month(y, m))?,
                precision: Precision::Quarter,
                phrase: phrase(2),
            });
        }
    }
    // "2nd half of 2013/14", "first quarter of 2007"
    if let Some(n) = ordinal(l(0)) {
        let unit = l(1);
        let k = if l(2) == "of" { 3 } else { 2 };
        let (fy, cy) = (financial_year_of(w(k)), year_of(w(k)));
        let (months, precision) = if unit.starts_with("half") {
            (6u8, Precision::HalfYear)
        } else if unit.starts_with("quarter") {
            (3u8, Precision::Quarter)
        } else {
            (0, Precision::Day)
        };
        if months > 0 && n as u32 * months as u32 <= 12 {
            let start = match (fy, cy) {
                (Some(f), _) => Some(Day {
                    year: f,
                    month: 4,
                    day: 1,
                }),
                (None, Some(y)) => Some(Day {
                    year: y,
                    month: 1,
                    day: 1,
                }),
                _ => None,
            };
            if let Some(start) = start {
                let end = start.add_months((n * months) as i32 - 1);
                let due = Day::new(end.year, end.month, days_in_month(end.year, end.month))?;
                return Some(Deadline {
                    due,
                    precision,
                    phrase: phrase(k + 1),
                });
            }
        }
    }
    // "next six months", "the next 12 months", "six months" (relative to today)
    {
        let mut k = 0;
        if matches!(l(0), "next" | "coming") {
            k = 1;
        }
        if let Some(n) = number_word(l(k)).filter(|n| (1..=60).contains(n)) {
            let unit = l(k + 1);
            let months = if unit.starts_with("month") {
                Some(n)
            } else if unit.starts_with("year") {
                Some(n * 12)
            } else {
                None
            };
            if let (Some(m), Some(t)) = (months, today) {
                let d = t.add_months(m);
                let due = Day::new(d.year, d.month, days_in_month(d.year, d.month))?;
                return Some(Deadline {
                    due,
                    precision: Precision::Month,
                    phrase: phrase(k + 2),
                });
            }
            if months.is_some() {
                return None;
            }
        }
    }
    // "17 November 2003", "1st April 2005"
    let day_num = l(0)
        .trim_end_matches(|c: char| c.is_alphabetic())
        .parse::<u8>()
        .ok()
        .filter(|d| {
            (1..=31).contains(d) && l(0).chars().next().is_some_and(|c| c.is_ascii_digit())
        });
    if let (Some(d), Some(m), Some(y)) = (day_num, month_number(w(1)), year_of(w(2))) {
        return Day::new(y, m, d).map(|day| Deadline::day(day, phrase(3)));
    }
    // "November 17, 2003"
    if let (Some(m), Some(d), Some(y)) = (
        month_number(w(0)),
        l(1).trim_end_matches(|c: char| !c.is_ascii_digit())
            .parse::<u8>()
            .ok(),
        year_of(w(2)),
    ) && let Some(day) = Day::new(y, m, d)
    {
        return Some(Deadline::day(day, phrase(3)));
    }
    // "April 2013", "Sept. 2005"
    if let (Some(m), Some(y)) = (month_number(w(0)), year_of(w(1))) {
        return Deadline::month(y, m, phrase(2));
    }
    // "Mar-16", "March-2016", as spreadsheets and tables write them.
    if let Some((mon, yy)) = w(0).trim_end_matches(['.', ',', ')']).split_once('-')
        && let Some(m) = month_number(mon)
        && yy.len() == 2
        && let Ok(y) = yy.parse::<i32>()
    {
        return Deadline::month(2000 + y, m, phrase(1));
    }
    if let Some((mon, yyyy)) = w(0).split_once('-')
        && let (Some(m), Some(y)) = (month_number(mon), year_of(yyyy))
    {
        return Deadline::month(y, m, phrase(1));
    }
    // "2013/14"
    if let Some(fy) = financial_year_of(w(0)) {
        let due = Day::new(fy + 1, 3, 31)?;
        return Some(Deadline {
            due,
            precision: Precision::FinancialYear,
            phrase: phrase(1),
        });
    }
    // "2006" (after "end" it is December of that year)
    if let Some(y) = year_of(w(0)) {
        if end_of {
            return Deadline::month(y, 12, phrase(1));
        }
        return Some(Deadline {
            due: Day::new(y, 12, 31)?,
            precision: Precision::Year,
            phrase: phrase(1),
        });
    }
    // ISO or UK numeric day: 2013-04-30, 30/04/2013
    if let Some(d) = Day::parse_iso(w(0)) {
        return Some(Deadline::day(d, phrase(1)));
    }
    let parts: Vec<&str> = w(0).trim_end_matches('.').split(['/', '.']).collect();
    if let [d, m, y] = parts.as_slice()
        && let (Ok(d), Ok(m), Some(y)) = (d.parse::<u8>(), m.parse::<u8>(), year_of(y))
    {
        return Day::new(y, m, d).map(|day| Deadline::day(day, phrase(1)));
    }
    None
}

/// Words that, placed just before a date, make it a deadline rather than a date of record.
const DEADLINE_CUES: &[&str] = &[
    "by the end of",
    "by end of",
    "by end",
    "by the close of",
    "no later than",
    "not later than",
    "completion date",
    "completion",
    "target date",
    "deadline",
    "due date",
    "due by",
    "due",
    "to be launched",
    "to be completed",
    "to be completed by",
    "by",
    "before the end of",
    "within the next",
    "within",
    // Only before a financial year, quarter or half ("during 2006/07", "in Q3 2012/13"):
    // "in April 2018" more often tells when something happened.
    "during",
    "in",
];

/// Finds the deadline a sentence sets: a date introduced by a deadline cue ("by April
/// 2013", "Completion July 2005", "to be completed by end 2006", "within the next six
/// months"). A bare year after "by" ("by 2016") states an aim, not a deadline, and is not
/// taken. Returns the first such deadline.
pub fn find_deadline(text: &str, today: Option<Day>) -> Option<Deadline> {
    // Every deadline names a number or a span of months or years: most sentences can be
    // passed over without further reading.
    if !text.bytes().any(|b| b.is_ascii_digit())
        && !text.contains("month")
        && !text.contains("year")
    {
        return None;
    }
    static CUES: std::sync::LazyLock<crate::vocab::PhraseSet> =
        std::sync::LazyLock::new(|| crate::vocab::PhraseSet::new(DEADLINE_CUES.iter().copied()));
    for (start, end, _) in CUES.find_iter(text) {
        let cue = text[start..end].to_lowercase();
        let rest = text[end..].trim_start_matches([':', ' ', '(']);
        let period_only = cue == "in" || cue == "during";
        if period_only && !rest.starts_with(|c: char| c.is_ascii_digit() || c == 'Q') {
            continue;
        }
        let lead = if cue.starts_with("within") {
            "within "
        } else {
            ""
        };
        let Some(mut d) = parse_date_phrase(&format!("{lead}{rest}"), today) else {
            continue;
        };
        if d.precision == Precision::Year
            && !cue.contains("end")
            && !rest.to_lowercase().starts_with("end")
        {
            continue;
        }
        if period_only
            && !matches!(
                d.precision,
                Precision::FinancialYear | Precision::Quarter | Precision::HalfYear
            )
        {
            continue;
        }
        let body = d.phrase.trim_start_matches(lead).to_string();
        d.phrase = format!("{} {body}", &text[start..end]);
        return Some(d);
    }
    None
}

/// Finds a completion date in a result cell ("Completed May 2004", "Completed January
/// 2004. A system ...", "Initial research completed May 2004"): the first month and year
/// within a few words after a completion word.
pub fn find_completion_date(text: &str) -> Option<Deadline> {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    static CUES: std::sync::LazyLock<crate::vocab::PhraseSet> = std::sync::LazyLock::new(|| {
        crate::vocab::PhraseSet::new([
            "completed",
            "complete",
            "implemented",
            "achieved",
            "delivered",
            "done",
        ])
    });
    for (_, end, _) in CUES.find_iter(text) {
        let rest = text[end..].trim_start_matches([' ', ':', ',', '-', '–', '(']);
        let rest = rest
            .strip_prefix("in ")
            .or_else(|| rest.strip_prefix("on "))
            .unwrap_or(rest);
        if let Some(d) = parse_date_phrase(rest, None)
            && matches!(d.precision, Precision::Day | Precision::Month)
        {
            return Some(d);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str, today: Option<Day>) -> Option<String> {
        find_deadline(s, today).map(|d| d.to_iso())
    }

    #[test]
    fn deadline_phrases() {
        assert_eq!(
            iso(
                "The MPS should complete this recommendation by April 2013.",
                None
            )
            .as_deref(),
            Some("2013-04")
        );
        assert_eq!(
            iso("(Completion July 2005)", None).as_deref(),
            Some("2005-07")
        );
        assert_eq!(
            iso("To be completed by end 2006.", None).as_deref(),
            Some("2006-12")
        );
        assert_eq!(
            iso("by the end of March 2014", None).as_deref(),
            Some("2014-03")
        );
        assert_eq!(
            iso("rolled out by the 2nd half of 2013/14", None).as_deref(),
            Some("2014-03")
        );
        assert_eq!(iso("due Q3 2012/13", None).as_deref(), Some("2012-12"));
        assert_eq!(iso("aim to achieve the highest rating by 2016", None), None);
        let today = Day::new(2013, 3, 14);
        assert_eq!(
            iso(
                "This group should be set up within the next six months.",
                today
            )
            .as_deref(),
            Some("2013-09")
        );
        assert_eq!(iso("within the next six months", None), None);
        assert_eq!(
            iso("(to be launched July 2005)", None).as_deref(),
            Some("2005-07")
        );
    }

    /// "Not later than" and "no later than" open a deadline as "by" does, at the start of
    /// a sentence or inside it, before a day, a month or the end of a year; a bare year
    /// after them states no deadline (as after "by"), and "not" is no connective of its
    /// own.
    #[test]
    fn not_later_than_and_no_later_than() {
        assert_eq!(
            iso(
                "Not later than 31 March 2015 those forces should publish their criteria.",
                None
            )
            .as_deref(),
            Some("2015-03-31")
        );
        assert_eq!(
            iso(
                "The board should report no later than September 2021 on the plan.",
                None
            )
            .as_deref(),
            Some("2021-09")
        );
        assert_eq!(
            iso("to be finished not later than the end of 2020", None).as_deref(),
            Some("2020-12")
        );
        assert_eq!(
            find_deadline("Not later than 30 June 2019 every council", None)
                .map(|d| d.phrase)
                .as_deref(),
            Some("Not later than 30 June 2019")
        );
        assert_eq!(iso("no later than 2019", None), None);
        assert_eq!(iso("The plan was not later revised in 2019.", None), None);
        assert_eq!(
            parse_date_phrase("not 2013", None).map(|d| d.to_iso()),
            None
        );
        assert_eq!(
            parse_date_phrase("not later than May 2016", None)
                .map(|d| d.to_iso())
                .as_deref(),
            Some("2016-05")
        );
    }

    #[test]
    fn iso_days_only() {
        assert_eq!(
            Day::parse_iso("2014-03-11")
                .map(|d| d.to_string())
                .as_deref(),
            Some("2014-03-11")
        );
        assert_eq!(Day::parse_iso("03-11-2014"), None);
        assert_eq!(Day::parse_iso("2014-3-1"), None);
    }

    #[test]
    fn table_date_forms() {
        let p = |s: &str| Deadline::parse(s, None).map(|d| d.to_iso());
        assert_eq!(p("Mar-16").as_deref(), Some("2016-03"));
        assert_eq!(p("31.03.2016").as_deref(), Some("2016-03-31"));
        assert_eq!(p("June-2016").as_deref(), Some("2016-06"));
        assert_eq!(p("Ongoing"), None);
    }

    #[test]
    fn completion_dates() {
        assert_eq!(
            find_completion_date("Completed May 2004")
                .map(|d| d.to_iso())
                .as_deref(),
            Some("2004-05")
        );
        assert_eq!(
            find_completion_date("Initial research completed May 2004")
                .map(|d| d.to_iso())
                .as_deref(),
            Some("2004-05")
        );
        assert_eq!(
            find_completion_date("Completed. Last updated April 2005"),
            None
        );
    }

    #[test]
    fn epoch_days_round_trip() {
        for z in [-800_000i64, -1, 0, 1, 12_000, 19_000, 60_000] {
            assert_eq!(Day::from_epoch_days(z).to_epoch_days(), z);
        }
        assert_eq!(Day::new(1970, 1, 1).map(Day::to_epoch_days), Some(0));
    }

    #[test]
    fn contract_text_round_trips() {
        for s in ["2013-04", "2006", "2013-04-30"] {
            assert_eq!(
                Deadline::parse(s, None).map(|d| d.to_iso()).as_deref(),
                Some(s)
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn date_phrases_never_panic(s in "\\PC{0,60}") {
            let _ = find_deadline(&s, Day::new(2020, 1, 31));
            let _ = find_completion_date(&s);
        }

        #[test]
        fn month_deadlines_round_trip(y in 1900i32..2199, m in 1u8..=12) {
            let d = Deadline::month(y, m, "x").unwrap();
            proptest::prop_assert_eq!(Deadline::parse(&d.to_iso(), None).unwrap().due, d.due);
        }
    }
}
