//! What a search reads: the index as last committed, and the items written since, read
//! from the register and indexed in memory (`Fresh`). A search never waits for a commit:
//! under a writer at a few updates a second, each commit (40 to 120 ms) held up every
//! search behind it. The task of `mod.rs` commits in the background; until it has, the
//! items written since are few (`FRESH_MOST` events at most) and the same query is asked of
//! both, the committed index not answering for them.

use super::*;
use std::collections::BinaryHeap;
use std::collections::HashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::ColumnValues;
use tantivy::index::SegmentId;
use tantivy::query::TermSetQuery;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal};

/// The most events a view takes from the register rather than the index. Beyond it (an
/// import, a register copied in) a search waits for the index to catch up, as a search
/// that reads a register it has never seen does.
pub(super) const FRESH_MOST: i64 = 2_000;

/// The index as committed at some point: its searcher and what it holds.
#[derive(Clone)]
pub(crate) struct Committed {
    epoch: String,
    upto: i64,
    searcher: Searcher,
    columns: Arc<Columns>,
}

/// A segment's page-order columns: review, report, ordinal, id.
type Order = [Arc<dyn ColumnValues<u64>>; 4];

/// Each segment's page-order columns, opened once for a searcher. Opened for each search,
/// the four columns of each of a million items' sixteen or so segments were a tenth of a
/// busy server's CPU (each opening reads a column's block table).
type Columns = HashMap<SegmentId, Order>;

/// The page-order columns of every segment `searcher` reads.
fn columns_of(searcher: &Searcher, f: &Fields) -> tantivy::Result<Columns> {
    let mut all = HashMap::new();
    for segment in searcher.segment_readers() {
        let column = |field: Field| -> tantivy::Result<Arc<dyn ColumnValues<u64>>> {
            let name = segment.schema().get_field_name(field);
            Ok(segment.fast_fields().u64(name)?.first_or_default_col(0))
        };
        all.insert(
            segment.segment_id(),
            [
                column(f.review)?,
                column(f.report)?,
                column(f.ordinal)?,
                column(f.id)?,
            ],
        );
    }
    Ok(all)
}

/// The items created or changed by events `from + 1 ..= to`, as they were when read, in an
/// index in memory of the same schema and analyzer as the index on disk.
pub(crate) struct Fresh {
    epoch: String,
    from: i64,
    to: i64,
    searcher: Searcher,
    columns: Arc<Columns>,
    /// Their ids: the committed index's documents of these items are not read.
    ids: Vec<u64>,
}

/// One search's reading of the register's items.
pub(crate) struct View {
    fields: Fields,
    committed: Searcher,
    columns: Arc<Columns>,
    fresh: Option<Arc<Fresh>>,
}

impl SearchIndex {
    /// Records the index's searcher after a reload that found it at `upto`.
    pub(super) fn set_committed(&self, epoch: &str, upto: i64) -> Result<(), StoreError> {
        let searcher = self.reader.searcher();
        let committed = Committed {
            epoch: epoch.to_string(),
            upto,
            columns: Arc::new(columns_of(&searcher, &self.fields).map_err(self.err())?),
            searcher,
        };
        *self.committed.lock().unwrap_or_else(|p| p.into_inner()) = Some(committed);
        Ok(())
    }

    fn committed(&self) -> Option<Committed> {
        self.committed
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// The items as they are now: everything committed before the call is found. One read
    /// of the register, and when it is ahead of the index, the items written since read
    /// and indexed in memory (once for each state of the register, shared by searches).
    pub(crate) async fn view(&self) -> Result<View, StoreError> {
        let mut tries = 0;
        loop {
            let (epoch, last) = self.register_now().await?;
            if let Some(c) = self.committed() {
                let lag = last - c.upto;
                if c.epoch == epoch && (0..=FRESH_MOST).contains(&lag) {
                    let fresh = if lag == 0 {
                        None
                    } else {
                        Some(self.fresh(&c, last).await?)
                    };
                    return Ok(View {
                        fields: self.fields,
                        committed: c.searcher,
                        columns: c.columns,
                        fresh,
                    });
                }
            }
            // Far behind, another register, or not yet read here: level first. A second
            // round finds it level unless a burst of writes came meanwhile; then the
            // third reads what there is.
            self.catch_up().await?;
            tries += 1;
            if tries >= 2 {
                let c = self.committed().ok_or_else(|| {
                    index_error(&self.location, "the index was not read after catching up")
                })?;
                let fresh = if last > c.upto && c.epoch == epoch {
                    Some(self.fresh(&c, last).await?)
                } else {
                    None
                };
                return Ok(View {
                    fields: self.fields,
                    committed: c.searcher,
                    columns: c.columns,
                    fresh,
                });
            }
        }
    }

    /// The items written after `c` up to event `to`, indexed in memory.
    async fn fresh(&self, c: &Committed, to: i64) -> Result<Arc<Fresh>, StoreError> {
        let mut slot = self.fresh.lock().await;
        if let Some(f) = slot.as_ref()
            && f.epoch == c.epoch
            && f.from == c.upto
            && f.to == to
        {
            return Ok(f.clone());
        }
        let rows = self.rows_between(c.upto, to).await?;
        let fields = self.fields;
        let ids = rows.iter().map(|r| r.id as u64).collect();
        let (searcher, columns) = tokio::task::spawn_blocking(move || -> tantivy::Result<_> {
            let (schema, _) = schema();
            let tokenizers = tantivy::tokenizer::TokenizerManager::default();
            tokenizers.register(ANALYZER, analyzer());
            let mut writer = Index::builder()
                .schema(schema)
                .tokenizers(tokenizers)
                .single_segment_index_writer(
                    tantivy::directory::RamDirectory::create(),
                    FRESH_BYTES,
                )?;
            for row in rows {
                writer.add_document(document(&fields, row))?;
            }
            let index = writer.finalize()?;
            let searcher = index.reader()?.searcher();
            let columns = Arc::new(columns_of(&searcher, &fields)?);
            Ok((searcher, columns))
        })
        .await
        .map_err(|e| index_error(&self.location, e))?
        .map_err(self.err())?;
        let fresh = Arc::new(Fresh {
            epoch: c.epoch.clone(),
            from: c.upto,
            to,
            searcher,
            columns,
            ids,
        });
        *slot = Some(fresh.clone());
        Ok(fresh)
    }
}

/// Up to this many items read fresh are left out of the committed index's answers one
/// term at a time; more, by a set of terms.
const FEW_IDS: usize = 64;

/// The memory the in-memory index's writer starts with (its arena grows by need). Its
/// term table is sized from it: at the 15 MB of the index's own writer, zeroing and
/// freeing that table for each state of the register took a fifth of a busy server's CPU.
const FRESH_BYTES: usize = 1_000_000;

impl View {
    /// `query` as asked of the committed index: without the items read fresh.
    fn of_committed(&self, query: &dyn Query) -> Box<dyn Query> {
        match &self.fresh {
            Some(fresh) if !fresh.ids.is_empty() => {
                let ids = fresh
                    .ids
                    .iter()
                    .map(|&id| Term::from_field_u64(self.fields.id, id));
                // A few ids as term queries, each a seek in the id's postings; a set
                // query costs a bitset of every document per segment (125 KB at a million
                // items), zeroed and freed per search: a tenth of a busy server's CPU.
                let not: Box<dyn Query> = if fresh.ids.len() <= FEW_IDS {
                    Box::new(BooleanQuery::new(
                        ids.map(|t| {
                            let q: Box<dyn Query> =
                                Box::new(TermQuery::new(t, IndexRecordOption::Basic));
                            (Occur::Should, q)
                        })
                        .collect(),
                    ))
                } else {
                    Box::new(TermSetQuery::new(ids))
                };
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, query.box_clone()),
                    (Occur::MustNot, not),
                ]))
            }
            _ => query.box_clone(),
        }
    }

    /// The searchers asked, each with the query it is asked and its segments' columns.
    fn parts(&self, query: &dyn Query) -> Vec<(&Searcher, Box<dyn Query>, Arc<Columns>)> {
        let mut parts = vec![(
            &self.committed,
            self.of_committed(query),
            self.columns.clone(),
        )];
        if let Some(fresh) = &self.fresh {
            parts.push((&fresh.searcher, query.box_clone(), fresh.columns.clone()));
        }
        parts
    }

    /// How many items `query` matches, exactly.
    pub(crate) fn count(&self, query: &dyn Query) -> tantivy::Result<u64> {
        let mut n = 0;
        for (searcher, q, _) in self.parts(query) {
            n += searcher.search(&*q, &Count)? as u64;
        }
        Ok(n)
    }

    /// The ids of the first `limit` items `query` matches in page order, after `after`.
    pub(crate) fn page(
        &self,
        query: &dyn Query,
        after: Option<Position>,
        limit: usize,
    ) -> tantivy::Result<Vec<i64>> {
        let mut found = Vec::new();
        for (searcher, q, columns) in self.parts(query) {
            found.extend(searcher.search(
                &*q,
                &PageOrder {
                    after,
                    limit: limit.max(1),
                    columns,
                },
            )?);
        }
        // Each part's first, first.
        found.sort_unstable();
        Ok(found.into_iter().take(limit).map(|at| at.3).collect())
    }

    /// The ids of every item `query` matches, in no order.
    pub(crate) fn all(&self, query: &dyn Query) -> tantivy::Result<Vec<i64>> {
        let mut ids = Vec::new();
        for (searcher, q, columns) in self.parts(query) {
            for address in searcher.search(&*q, &DocSetCollector)? {
                let segment = searcher.segment_reader(address.segment_ord).segment_id();
                if let Some([.., id]) = columns.get(&segment) {
                    ids.push(id.get_val(address.doc_id) as i64);
                }
            }
        }
        Ok(ids)
    }
}

/// The first `limit` matches in page order after `after`, by their positions. Each match's
/// review is read first, and its other three columns only when that review could place it
/// on the page: once `limit` positions are held, a match of a later review than the last
/// held is passed over. A common word's matches are mostly passed over so, where ordering
/// them all read four columns of each (a tenth of a busy server's CPU).
struct PageOrder {
    after: Option<Position>,
    limit: usize,
    columns: Arc<Columns>,
}

struct SegmentPage {
    after: Option<Position>,
    limit: usize,
    order: Option<Order>,
    /// The best positions so far, the last of them on top.
    held: BinaryHeap<Position>,
}

impl Collector for PageOrder {
    type Fruit = Vec<Position>;
    type Child = SegmentPage;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentPage> {
        Ok(SegmentPage {
            after: self.after,
            limit: self.limit,
            order: self.columns.get(&segment.segment_id()).cloned(),
            held: BinaryHeap::with_capacity(self.limit + 1),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Position>>) -> tantivy::Result<Vec<Position>> {
        let mut all: Vec<Position> = fruits.into_iter().flatten().collect();
        all.sort_unstable();
        all.truncate(self.limit);
        Ok(all)
    }
}

impl SegmentCollector for SegmentPage {
    type Fruit = Vec<Position>;

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some([r, p, o, i]) = &self.order else {
            return;
        };
        let review = r.get_val(doc) as i64;
        if self.after.is_some_and(|a| review < a.0)
            || (self.held.len() >= self.limit && self.held.peek().is_some_and(|l| review > l.0))
        {
            return;
        }
        let at = (
            review,
            p.get_val(doc) as i64,
            o.get_val(doc) as i64,
            i.get_val(doc) as i64,
        );
        if self.after.is_some_and(|a| at <= a) {
            return;
        }
        if self.held.len() < self.limit {
            self.held.push(at);
        } else if self.held.peek().is_some_and(|l| at < *l) {
            self.held.pop();
            self.held.push(at);
        }
    }

    fn harvest(self) -> Vec<Position> {
        self.held.into_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tables the index reads, as the register has them (the columns it reads).
    const TABLES: &str = "CREATE TABLE register_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO register_meta VALUES ('epoch', 'e1');
        CREATE TABLE items (id INTEGER PRIMARY KEY, review_id INTEGER NOT NULL,
          report_id INTEGER NOT NULL, ordinal INTEGER NOT NULL, kind TEXT NOT NULL,
          item_ref TEXT, text TEXT NOT NULL, owner TEXT, status TEXT, rag TEXT,
          deadline_due TEXT, verification TEXT);
        CREATE TABLE events (id INTEGER PRIMARY KEY, item_id INTEGER, kind TEXT NOT NULL);";

    async fn add(pool: &SqlitePool, id: i64, text: &str) {
        add_at(pool, (1, 1, id, id), text).await;
    }

    /// A register of the tables the index reads, in a scratch directory of its own.
    async fn scratch(name: &str) -> (std::path::PathBuf, std::path::PathBuf, SqlitePool) {
        let dir = heed_testkit::temp_dir(name);
        let path = dir.join("r.db");
        let pool = SqlitePool::connect(&format!("sqlite://{}?mode=rwc", path.display()))
            .await
            .unwrap();
        sqlx::raw_sql(TABLES).execute(&pool).await.unwrap();
        (dir, path, pool)
    }

    fn words(w: &str) -> Wanted {
        Wanted {
            text: Some(w.to_string()),
            ..Wanted::default()
        }
    }

    /// An item at a page position of its own.
    async fn add_at(pool: &SqlitePool, at: Position, text: &str) {
        let (review, report, ordinal, id) = at;
        sqlx::query("INSERT INTO items VALUES ($1, $2, $3, $4, 'recommendation', NULL, $5, NULL, 'in_progress', NULL, NULL, NULL)")
            .bind(id)
            .bind(review)
            .bind(report)
            .bind(ordinal)
            .bind(text)
            .execute(pool)
            .await
            .unwrap();
        sqlx::query("INSERT INTO events (item_id, kind) VALUES ($1, 'item_created')")
            .bind(id)
            .execute(pool)
            .await
            .unwrap();
    }

    /// The word "fire" in every third item.
    fn text_of(id: i64) -> &'static str {
        if id % 3 == 0 { "fire doors" } else { "water" }
    }

    /// Page positions in no order of their ids: reviews, reports and ordinals drawn from a
    /// fixed sequence, so that page order is neither id order nor review order alone.
    fn scattered(ids: std::ops::Range<i64>) -> Vec<Position> {
        ids.map(|id| {
            let x = (id as u64)
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let review = ((x >> 33) % 7 + 1) as i64;
            (
                review,
                review * 10 + ((x >> 45) % 3) as i64,
                ((x >> 20) % 40) as i64,
                id,
            )
        })
        .collect()
    }

    /// A page is the first matches in page order after the cursor, whatever their ids,
    /// across the committed index and the items written since, for pages of one item to
    /// more than all of them: the collector passes over a match by its review alone only
    /// when it could not be on the page.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_page_is_the_first_matches_in_page_order_after_the_cursor() {
        let (dir, path, pool) = scratch("view-order").await;
        let committed = scattered(1..301);
        for &at in &committed {
            add_at(&pool, at, text_of(at.3)).await;
        }
        let index = SearchIndex::start(&path, pool.clone(), "test".into()).unwrap();
        index.close().await;
        assert_eq!(index.count(&Wanted::default()).await.unwrap(), 300);
        let fresh = scattered(301..331);
        for &at in &fresh {
            add_at(&pool, at, text_of(at.3)).await;
        }
        let mut all: Vec<Position> = committed.into_iter().chain(fresh).collect();
        all.sort_unstable();
        for (wanted, of) in [(Wanted::default(), None), (words("fire"), Some(0))] {
            let matching: Vec<Position> = all
                .iter()
                .copied()
                .filter(|at| of.is_none_or(|r| at.3 % 3 == r))
                .collect();
            let cursors = [
                None,
                Some(matching[0]),
                Some(matching[17]),
                Some(all[150]),
                Some(all[329]),
            ];
            for limit in [1, 3, 10, 50, 400] {
                for after in cursors {
                    let want: Vec<i64> = matching
                        .iter()
                        .filter(|at| after.is_none_or(|a| **at > a))
                        .take(limit)
                        .map(|at| at.3)
                        .collect();
                    let got = index.page(&wanted, after, limit).await.unwrap();
                    assert_eq!(
                        got, want,
                        "limit {limit} after {after:?} of {:?}",
                        wanted.text
                    );
                }
            }
        }
        pool.close().await;
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_search_reads_what_was_written_since_the_last_commit_without_committing() {
        let (dir, path, pool) = scratch("view").await;
        add(&pool, 1, "A fire safety plan").await;
        let index = SearchIndex::start(&path, pool.clone(), "test".into()).unwrap();
        // No task: only searches move the index from here on.
        index.close().await;
        assert_eq!(index.count(&words("fire")).await.unwrap(), 1);
        assert_eq!(payload_of(&index.index).unwrap(), ("e1".to_string(), 1));

        // Written since the commit: a new item, and the first item's words changed.
        add(&pool, 2, "Fire doors are checked").await;
        sqlx::query("UPDATE items SET text = 'A water supply' WHERE id = 1")
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query("INSERT INTO events (item_id, kind) VALUES (1, 'item_updated')")
            .execute(&pool)
            .await
            .unwrap();
        assert_eq!(index.count(&words("fire")).await.unwrap(), 1);
        assert_eq!(index.page(&words("fire"), None, 10).await.unwrap(), vec![2]);
        assert_eq!(index.all(&words("water")).await.unwrap(), vec![1]);
        assert_eq!(index.count(&Wanted::default()).await.unwrap(), 2);
        // Page order runs across the committed index and the fresh items.
        assert_eq!(
            index.page(&Wanted::default(), None, 10).await.unwrap(),
            vec![1, 2]
        );
        assert_eq!(
            index
                .page(&Wanted::default(), Some((1, 1, 1, 1)), 10)
                .await
                .unwrap(),
            vec![2]
        );
        // ... and nothing was committed for it.
        assert_eq!(payload_of(&index.index).unwrap(), ("e1".to_string(), 1));

        // More fresh items than are left out one term at a time, one of them changed.
        for id in 100..(100 + FEW_IDS as i64 + 5) {
            add(&pool, id, "smoke alarms fitted").await;
        }
        sqlx::query("UPDATE items SET text = 'Fire drills' WHERE id = 100")
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query("INSERT INTO events (item_id, kind) VALUES (100, 'item_updated')")
            .execute(&pool)
            .await
            .unwrap();
        assert_eq!(
            index.count(&words("smoke")).await.unwrap(),
            FEW_IDS as u64 + 4
        );
        assert_eq!(
            index.page(&words("fire"), None, 10).await.unwrap(),
            vec![2, 100]
        );
        assert_eq!(payload_of(&index.index).unwrap(), ("e1".to_string(), 1));

        // Far behind (an import): the search waits for the index to take it all in.
        let mut tx = pool.begin().await.unwrap();
        for id in 1000..(1000 + FRESH_MOST) {
            sqlx::query("INSERT INTO items VALUES ($1, 1, 1, $1, 'recommendation', NULL, 'fire escape', NULL, NULL, NULL, NULL, NULL)")
                .bind(id)
                .execute(&mut *tx)
                .await
                .unwrap();
            sqlx::query("INSERT INTO events (item_id, kind) VALUES ($1, 'item_created')")
                .bind(id)
                .execute(&mut *tx)
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
        let last = FRESH_MOST + FEW_IDS as i64 + 9;
        assert_eq!(
            index.count(&words("fire")).await.unwrap(),
            FRESH_MOST as u64 + 2
        );
        assert_eq!(payload_of(&index.index).unwrap(), ("e1".to_string(), last));
        pool.close().await;
        let _ = std::fs::remove_dir_all(&dir);
    }
}
