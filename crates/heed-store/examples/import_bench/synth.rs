//! A deterministic synthetic corpus: any number of reports in the families of the shared
//! corpus's seed documents (their gold extractions), each report's items reworded with a
//! seeded generator so that no two reports share an item and the same seed always gives
//! the same corpus. Used to measure import throughput at sizes no real corpus has.

use heed_core::date::Day;
use heed_core::{Deadline, Document, Item, ItemKind, Status};

/// SplitMix64: small, fast, and the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PLACES: &[&str] = &[
    "Anyshire",
    "Northmoor",
    "Eastfield",
    "Westbridge",
    "Southdale",
    "Kingsford",
    "Riverton",
    "Ashcombe",
    "Brookhaven",
    "Clearwater",
    "Dunmore",
    "Fairholme",
    "Greystone",
    "Hollowmere",
];

/// Used when the shared corpus is not beside the checkout.
fn fallback_family() -> Document {
    let texts = [
        "The force should publish its performance targets each year.",
        "All custody staff should be trained in emergency first aid.",
        "The use of stop and search powers should be reviewed across the county.",
        "A victim focus desk should be established on each borough.",
        "Neighbourhood teams should agree local priorities with residents.",
    ];
    Document {
        title: Some("Inspection report".into()),
        items: texts
            .iter()
            .enumerate()
            .map(|(n, t)| {
                let mut i = Item::new(ItemKind::Recommendation, *t, n + 1);
                i.r#ref = Some((n + 1).to_string());
                i
            })
            .collect(),
        ..Document::default()
    }
}

/// The generator: a list of families and a seed.
pub struct Corpus {
    families: Vec<Document>,
    seed: u64,
}

impl Corpus {
    pub fn new(mut families: Vec<Document>, seed: u64) -> Corpus {
        families.retain(|f| !f.items.is_empty());
        if families.is_empty() {
            families.push(fallback_family());
        }
        Corpus { families, seed }
    }

    /// Report number `k`: a family's structure, with `per_report` items (or the family's
    /// own number when `None`), its own place, date and wording.
    pub fn report(&self, k: usize, per_report: Option<usize>) -> Document {
        let mut rng = Rng::new(self.seed ^ (k as u64).wrapping_mul(0xA24B_AED4_963E_E407));
        let family = &self.families[k % self.families.len()];
        let place = format!("{} {}", PLACES[rng.below(PLACES.len())], k);
        let year = 2000 + rng.below(20) as i32;
        let date = Day::new(year, 1 + rng.below(12) as u8, 1 + rng.below(28) as u8);
        let n = per_report.unwrap_or(family.items.len());
        let vocabulary: Vec<&str> = family
            .items
            .iter()
            .flat_map(|i| i.text.split_whitespace())
            .filter(|w| w.len() > 3)
            .take(2000)
            .collect();
        let items = (0..n)
            .map(|j| {
                let base = &family.items[j % family.items.len()];
                let mut item = base.clone();
                let mut words: Vec<String> =
                    base.text.split_whitespace().map(str::to_string).collect();
                for _ in 0..(words.len() / 8).max(1) {
                    if !words.is_empty() && !vocabulary.is_empty() {
                        let at = rng.below(words.len());
                        words[at] = vocabulary[rng.below(vocabulary.len())].to_string();
                    }
                }
                item.text = format!("{place}, item {j}: {}", words.join(" "));
                item.r#ref = Some((j + 1).to_string());
                item.status = Some(Status::ALL[rng.below(Status::ALL.len())]);
                item.deadline = Deadline::month(
                    year + rng.below(3) as i32,
                    1 + rng.below(12) as u8,
                    "synthetic",
                );
                item.line = j + 1;
                item
            })
            .collect();
        Document {
            title: Some(format!(
                "{} ({place})",
                family.title.as_deref().unwrap_or("Report")
            )),
            date,
            layouts: family.layouts.clone(),
            items,
            judgements: family.judgements.clone(),
            glossary: family.glossary.clone(),
            diagnostics: Vec::new(),
            pages: Vec::new(),
        }
    }
}

/// The report as a plain-text file, the way users have them: its title, then each item
/// with its number, status and deadline, and its responses. Kept as the original bytes.
pub fn render(doc: &Document) -> Vec<u8> {
    let mut out = String::new();
    out.push_str(doc.title.as_deref().unwrap_or("Report"));
    out.push_str("\n\n");
    for item in &doc.items {
        let status = item.status.map(|s| s.as_str()).unwrap_or("");
        let due = item
            .deadline
            .as_ref()
            .map(|d| d.to_iso())
            .unwrap_or_default();
        out.push_str(&format!(
            "{}. {} [{status}] {due}\n",
            item.r#ref.as_deref().unwrap_or("-"),
            item.text
        ));
        for r in &item.responses {
            out.push_str(&r.text);
            out.push('\n');
        }
    }
    out.into_bytes()
}
