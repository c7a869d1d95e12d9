//! The full-text index of a SQLite register: a tantivy index in a directory of its own
//! beside it (`<register>-index/`), brought level with the register by a task of its own,
//! which answers every search's page and count by itself.
//!
//! Why tantivy: SQLite's FTS5 lists a word's matches and the register then sorts or tests
//! them, so a common word (a fifth of a million items) cost 10 to 250 ms a search. Here the
//! index holds the words, every field a list or search may filter on (kind, status, RAG,
//! review, openness, owner, awaiting verification, reference, deadline) and the page
//! order (review, report, ordinal, id), so a search is one pass over compressed posting
//! lists: 2,000 searches of random words and filters at a million items took 0.5 s
//! (p99 4.3 ms, exact counts included) where the FTS5 plan took 22 ms each on average
//! (see `crates/heed-store/README.md`).
//!
//! What keeps it right:
//! - The index is derived: one document per item, made from its row. A commit records
//!   which register it was made from (the register's `epoch`, which a restore changes) and
//!   the last event taken in (`upto`, an event id) as its payload. An index that is
//!   missing, unreadable, of another schema, of another register or ahead of the
//!   register's history is built again.
//! - Event ids grow in commit order on SQLite (one writer at a time), so the items created
//!   or changed after `upto` are exactly those the index lacks.
//! - A search finds everything committed to the register before it began, and never
//!   waits for a commit of the index (`view.rs`): it reads the index as last committed and
//!   the items written since (at most `FRESH_MOST` events' worth), read from the register
//!   and indexed in memory, the committed index not answering for them. The task commits
//!   in the background. Only a register far ahead of the index (an import, a copy) makes a
//!   search wait for [`SearchIndex::catch_up`].
//! - Several processes may share the files: tantivy lets one writer at a time hold an
//!   index (a lock file), so a catch-up waits for the lock, then reads the payload again
//!   and takes in only what no other process took in meanwhile.
//! - The register decides: a page's items are read from the register by id with the
//!   filter's conditions again, so an item changed since the index was read is not shown
//!   under a filter it no longer meets.

mod view;

use crate::error::StoreError;
use sqlx::Row;
use sqlx::sqlite::{SqlitePool, SqliteRow};
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tantivy::collector::{Count, DocSetCollector};
use tantivy::query::{
    AllQuery, BooleanQuery, EmptyQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer,
};
use tantivy::{
    Index, IndexReader, IndexWriter, ReloadPolicy, SegmentReader, TantivyDocument, Term,
};

/// Events read per catch-up step: a backlog of a million items is taken in steps whose
/// memory stays small.
const EVENTS_PER_STEP: i64 = 50_000;

/// How often the task looks for other processes' writes when nothing in this one woke it.
const LOOK_EVERY: Duration = Duration::from_secs(2);

/// How long the task waits after a write before taking it in (a search never waits for
/// it: it reads what was written since from the register), so that a burst of writes (an import's reports) is one
/// commit, one segment and less merging.
const GATHER: Duration = Duration::from_millis(1000);

/// How long a catch-up waits for another process's writer to let the index go.
const LOCK_WAIT: Duration = Duration::from_secs(60);

/// The writer's memory for documents not yet written out (tantivy's least for one thread).
const WRITER_BYTES: usize = 15_000_000;

/// The analyzer of item texts and of searched words: letters-and-digits runs, lower-cased,
/// accents folded, English stems (the Snowball algorithm, as PostgreSQL's `english`).
const ANALYZER: &str = "heed_english";

/// The fields of an item's document.
#[derive(Debug, Clone, Copy)]
struct Fields {
    id: Field,
    text: Field,
    /// Exact terms: `k:<kind>`, `s:<status>`, `r:<rag>`, `v:<review>`, `o:<owner>`,
    /// `open`, `awaiting`.
    facet: Field,
    /// The reference, lower-cased: a search for "R12" finds item R12.
    reference: Field,
    review: Field,
    report: Field,
    ordinal: Field,
    /// The deadline's day as YYYYMMDD.
    due: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        id: b.add_u64_field("id", INDEXED | FAST),
        text: b.add_text_field("text", text),
        facet: b.add_text_field("facet", STRING),
        reference: b.add_text_field("reference", STRING),
        review: b.add_u64_field("review", FAST),
        report: b.add_u64_field("report", FAST),
        ordinal: b.add_u64_field("ordinal", FAST),
        due: b.add_u64_field("due", INDEXED | FAST),
    };
    (b.build(), fields)
}

fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(60))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The index directory beside the register at `register`.
pub(crate) fn dir_beside(register: &Path) -> PathBuf {
    let mut name = register.as_os_str().to_os_string();
    name.push("-index");
    PathBuf::from(name)
}

/// Where registers before tantivy kept their FTS5 index: removed when found.
fn old_file_beside(register: &Path) -> PathBuf {
    let mut name = register.as_os_str().to_os_string();
    name.push("-search");
    PathBuf::from(name)
}

/// A day `YYYY-MM-DD` as the number YYYYMMDD (the index's `due`), or `None`.
pub(crate) fn day_number(day: &str) -> Option<u64> {
    let digits: String = day.chars().filter(char::is_ascii_digit).collect();
    (digits.len() == 8).then(|| digits.parse().ok()).flatten()
}

/// An item as the index holds it, read from its row.
struct ToIndex {
    id: i64,
    text: String,
    kind: String,
    status: Option<String>,
    rag: Option<String>,
    review: i64,
    report: i64,
    ordinal: i64,
    owner: Option<String>,
    due: Option<String>,
    verification: Option<String>,
    reference: Option<String>,
    /// Changed rather than created in the range, so it may be in the index already.
    changed: bool,
}

impl<'r> sqlx::FromRow<'r, SqliteRow> for ToIndex {
    fn from_row(row: &'r SqliteRow) -> Result<Self, sqlx::Error> {
        Ok(Self {
            id: row.try_get("id")?,
            text: row.try_get("text")?,
            kind: row.try_get("kind")?,
            status: row.try_get("status")?,
            rag: row.try_get("rag")?,
            review: row.try_get("review_id")?,
            report: row.try_get("report_id")?,
            ordinal: row.try_get("ordinal")?,
            owner: row.try_get("owner")?,
            due: row.try_get("deadline_due")?,
            verification: row.try_get("verification")?,
            reference: row.try_get("item_ref")?,
            changed: row.try_get("changed")?,
        })
    }
}

/// What a search asks of the index, besides its order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Wanted {
    /// What was typed: its words in the text, or the reference exactly.
    pub(crate) text: Option<String>,
    /// Facets that must all hold (`facet`).
    pub(crate) facets: Vec<String>,
    /// Sets of facets of which one must hold (an owner's spellings, the published reviews).
    pub(crate) any_of: Vec<Vec<String>>,
    /// A deadline before this day (YYYYMMDD).
    pub(crate) due_before: Option<u64>,
    /// A deadline on or before this day (YYYYMMDD).
    pub(crate) due_by: Option<u64>,
}

/// One facet term's text: what it names, a colon, the value as stored.
pub(crate) fn facet(what: &str, value: &str) -> String {
    format!("{what}:{value}")
}

/// The facet of an open item (an action not closed): overdue lists ask for it.
pub(crate) const OPEN: &str = "open";
/// The facet of an item whose claimed completion awaits verification.
pub(crate) const AWAITING: &str = "awaiting";

/// A page position: review, report, ordinal, id (the register's page order).
pub(crate) type Position = (i64, i64, i64, i64);

/// The index and what keeps it level with the register.
pub(crate) struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    analyzer: Mutex<TextAnalyzer>,
    /// The register, read for the items to index.
    register: SqlitePool,
    location: String,
    /// One catch-up at a time in this process.
    turn: tokio::sync::Mutex<()>,
    /// What the index was last seen to hold: the register's epoch and `upto`. A search
    /// whose register is no further on needs no turn and no look at the index.
    level: Mutex<Option<(String, i64)>>,
    wake: Arc<tokio::sync::Notify>,
    task: Mutex<Option<tokio::task::JoinHandle<()>>>,
    /// The index as last committed and reloaded here, with the `upto` it holds.
    committed: Mutex<Option<view::Committed>>,
    /// The items written since `committed`, indexed in memory (`view::Fresh`): made once
    /// for each state of the register and shared by the searches that read it.
    fresh: tokio::sync::Mutex<Option<Arc<view::Fresh>>>,
}

fn index_error(location: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::SearchIndex {
        location: location.to_string(),
        detail: e.to_string(),
    }
}

/// Opens the index beside `register` with its reader (making it when missing, and anew
/// when it is damaged or of another schema: it is derived data).
fn open_index(register: &Path, location: &str) -> Result<(Index, IndexReader), StoreError> {
    let old = old_file_beside(register);
    for suffix in ["", "-wal", "-shm"] {
        let mut p = old.as_os_str().to_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    let dir = dir_beside(register);
    let (schema, _) = schema();
    let attempt = |dir: &Path| -> tantivy::Result<(Index, IndexReader)> {
        std::fs::create_dir_all(dir)?;
        let directory = Unsynced::open(dir)?;
        let index = Index::open_or_create(directory, schema.clone())?;
        index.tokenizers().register(ANALYZER, analyzer());
        // Every segment opened now: a damaged one is found here, not by a search.
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok((index, reader))
    };
    match attempt(&dir) {
        Ok(opened) => Ok(opened),
        Err(e) => {
            tracing::warn!(index = %dir.display(), error = %e, "search index unreadable; building it again");
            let _ = std::fs::remove_dir_all(&dir);
            attempt(&dir).map_err(|e| index_error(location, e))
        }
    }
}

/// The index's files, written without `fsync`: the index is derived data, so a commit
/// need not wait for the disk. Each catch-up after a write is one commit, and the eight
/// or so `fsync`s of a commit took 70 to 150 ms on this machine, which every search
/// behind a write waited for. A process killed mid-commit leaves files the operating
/// system still writes out; after the machine itself stops, an index whose files did not
/// all reach the disk fails its footers' checks on opening and is built again.
#[derive(Clone, Debug)]
struct Unsynced {
    inner: tantivy::directory::MmapDirectory,
    root: PathBuf,
}

impl Unsynced {
    fn open(root: &Path) -> tantivy::Result<Unsynced> {
        Ok(Unsynced {
            inner: tantivy::directory::MmapDirectory::open(root)?,
            root: root.to_path_buf(),
        })
    }
}

/// A file written out with a flush and no `fsync` when tantivy is done with it.
struct UnsyncedFile(std::io::BufWriter<std::fs::File>);

impl std::io::Write for UnsyncedFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

impl tantivy::directory::TerminatingWrite for UnsyncedFile {
    fn terminate_ref(&mut self, _: tantivy::directory::AntiCallToken) -> std::io::Result<()> {
        std::io::Write::flush(&mut self.0)
    }
}

impl tantivy::Directory for Unsynced {
    fn get_file_handle(
        &self,
        path: &Path,
    ) -> Result<Arc<dyn tantivy::directory::FileHandle>, tantivy::directory::error::OpenReadError>
    {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), tantivy::directory::error::DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, tantivy::directory::error::OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(
        &self,
        path: &Path,
    ) -> Result<tantivy::directory::WritePtr, tantivy::directory::error::OpenWriteError> {
        use tantivy::directory::error::OpenWriteError;
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(self.root.join(path))
            .map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    OpenWriteError::FileAlreadyExists(path.to_path_buf())
                } else {
                    OpenWriteError::wrap_io_error(e, path.to_path_buf())
                }
            })?;
        Ok(std::io::BufWriter::new(Box::new(UnsyncedFile(
            std::io::BufWriter::new(file),
        ))))
    }

    fn atomic_read(
        &self,
        path: &Path,
    ) -> Result<Vec<u8>, tantivy::directory::error::OpenReadError> {
        self.inner.atomic_read(path)
    }

    /// Written beside, then renamed over: a reader sees the old file or the new one.
    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let target = self.root.join(path);
        let mut name = target.as_os_str().to_os_string();
        name.push(format!(".{}-{n}.tmp", std::process::id()));
        let beside = PathBuf::from(name);
        std::fs::write(&beside, data)?;
        std::fs::rename(&beside, &target).inspect_err(|_| {
            let _ = std::fs::remove_file(&beside);
        })
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        Ok(())
    }

    fn acquire_lock(
        &self,
        lock: &tantivy::directory::Lock,
    ) -> Result<tantivy::directory::DirectoryLock, tantivy::directory::error::LockError> {
        self.inner.acquire_lock(lock)
    }

    fn watch(
        &self,
        callback: tantivy::directory::WatchCallback,
    ) -> tantivy::Result<tantivy::directory::WatchHandle> {
        self.inner.watch(callback)
    }
}

/// The payload a commit leaves: the register's epoch and the last event taken in.
fn payload_of(index: &Index) -> tantivy::Result<(String, i64)> {
    let payload = index.load_metas()?.payload.unwrap_or_default();
    let mut parts = payload.splitn(2, '\n');
    let epoch = parts.next().unwrap_or("").to_string();
    let upto = parts.next().and_then(|u| u.parse().ok()).unwrap_or(0);
    Ok((epoch, upto))
}

/// The index's writer, once no other process holds it.
fn writer_of(index: &Index) -> tantivy::Result<IndexWriter> {
    let start = Instant::now();
    loop {
        match index.writer_with_num_threads(1, WRITER_BYTES) {
            Err(tantivy::TantivyError::LockFailure(_, _)) if start.elapsed() < LOCK_WAIT => {
                std::thread::sleep(Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

impl SearchIndex {
    /// Opens the index beside `path` and starts keeping it level with `register`, in a
    /// task of its own.
    pub(crate) fn start(
        path: &Path,
        register: SqlitePool,
        location: String,
    ) -> Result<Arc<Self>, StoreError> {
        let (index, reader) = open_index(path, &location)?;
        let (_, fields) = schema();
        let me = Arc::new(SearchIndex {
            index,
            reader,
            fields,
            analyzer: Mutex::new(analyzer()),
            register,
            location,
            turn: tokio::sync::Mutex::new(()),
            level: Mutex::new(None),
            wake: Arc::new(tokio::sync::Notify::new()),
            task: Mutex::new(None),
            committed: Mutex::new(None),
            fresh: tokio::sync::Mutex::new(None),
        });
        // The task holds the index weakly: a store dropped without `close` stops it too.
        let weak = Arc::downgrade(&me);
        let wake = me.wake.clone();
        // It waits before its first look: a short command (`heed show`) ends before it, so
        // opening the register costs it no index work; a search catches up by itself.
        let task = tokio::spawn(async move {
            loop {
                if tokio::time::timeout(LOOK_EVERY, wake.notified())
                    .await
                    .is_ok()
                {
                    // Woken by a write: let a few more come, so the index takes them in
                    // one commit.
                    tokio::time::sleep(GATHER).await;
                }
                let Some(me) = weak.upgrade() else { return };
                if let Err(e) = me.catch_up().await {
                    tracing::warn!(error = %e, "search index not brought up to date");
                }
            }
        });
        if let Ok(mut slot) = me.task.lock() {
            *slot = Some(task);
        }
        Ok(me)
    }

    /// Something was written: the task takes it in soon.
    pub(crate) fn wake(&self) {
        self.wake.notify_one();
    }

    /// Stops the task (what it had not committed is taken in by the next catch-up).
    pub(crate) async fn close(&self) {
        let task = self.task.lock().ok().and_then(|mut t| t.take());
        if let Some(task) = task {
            task.abort();
            let _ = task.await;
        }
        // A catch-up under way finishes its commit before the files are let go.
        let _turn = self.turn.lock().await;
    }

    fn err(&self) -> impl Fn(tantivy::TantivyError) -> StoreError + '_ {
        move |e| index_error(&self.location, e)
    }

    fn db(&self) -> impl Fn(sqlx::Error) -> StoreError + '_ {
        move |e| StoreError::from_sqlx(&self.location, e)
    }

    /// Brings the index level with the register as it is now: after this, a search finds
    /// every item committed before the call.
    ///
    /// Every search calls this, so the usual answer, "already level", is one read of the
    /// register and no turn.
    pub(crate) async fn catch_up(&self) -> Result<(), StoreError> {
        let (epoch, last) = self.register_now().await?;
        if self.level_holds(&epoch, last) {
            return Ok(());
        }
        let _turn = self.turn.lock().await;
        if self.level_holds(&epoch, last) {
            return Ok(());
        }
        // Level with the register as it is now: writes that come meanwhile are the next
        // catch-up's, so a search behind a busy importer does not chase it.
        let target = last;
        loop {
            // The index first, then the register: whoever set `upto` read the register
            // before this does, so `upto` past the register's last event means the
            // register went back (a file copied over it), not a race with another process.
            let (have_epoch, upto) = payload_of(&self.index).map_err(self.err())?;
            let (epoch, last) = self.register_now().await?;
            if have_epoch != epoch || upto > last {
                self.forget_level();
                self.start_again(&have_epoch, upto, &epoch).await?;
                continue;
            }
            if upto >= target {
                // Another process's commits are seen from here on.
                self.reader.reload().map_err(self.err())?;
                self.set_committed(&epoch, upto)?;
                self.set_level(epoch, upto);
                return Ok(());
            }
            let to = target.min(upto + EVENTS_PER_STEP);
            self.take_in(&epoch, upto, to).await?;
        }
    }

    /// The register's epoch and its last event id, as they are now.
    async fn register_now(&self) -> Result<(String, i64), StoreError> {
        sqlx::query_as(
            "SELECT (SELECT value FROM register_meta WHERE key = 'epoch'), \
             (SELECT COALESCE(max(id), 0) FROM events)",
        )
        .fetch_one(&self.register)
        .await
        .map_err(self.db())
    }

    /// Whether the index was seen to hold register `epoch` up to event `last` exactly.
    fn level_holds(&self, epoch: &str, last: i64) -> bool {
        let level = self.level.lock().unwrap_or_else(|p| p.into_inner());
        level
            .as_ref()
            .is_some_and(|(e, upto)| e == epoch && *upto == last)
    }

    fn set_level(&self, epoch: String, upto: i64) {
        *self.level.lock().unwrap_or_else(|p| p.into_inner()) = Some((epoch, upto));
    }

    fn forget_level(&self) {
        *self.level.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// Empties an index made from other contents, to be built again from event 0.
    async fn start_again(&self, was: &str, upto: i64, epoch: &str) -> Result<(), StoreError> {
        self.commit_from((was.to_string(), upto), format!("{epoch}\n0"), |writer| {
            writer.delete_all_documents().map(|_| ())
        })
        .await
    }

    /// Makes `change` with the index's writer and commits it with `payload`, only if the
    /// index still holds `was` (another process may have moved it meanwhile); the merges
    /// the commit sets off finish before the writer lets the index go.
    async fn commit_from(
        &self,
        was: (String, i64),
        payload: String,
        change: impl FnOnce(&mut IndexWriter) -> tantivy::Result<()> + Send + 'static,
    ) -> Result<(), StoreError> {
        let index = self.index.clone();
        let done = tokio::task::spawn_blocking(move || -> tantivy::Result<()> {
            let mut writer = writer_of(&index)?;
            if payload_of(&index)? != was {
                return Ok(());
            }
            change(&mut writer)?;
            let mut commit = writer.prepare_commit()?;
            commit.set_payload(&payload);
            commit.commit()?;
            writer.wait_merging_threads()
        })
        .await
        .map_err(|e| index_error(&self.location, e))?;
        done.map_err(self.err())
    }

    /// The items created or changed by events `from + 1 ..= to`, each once, as it is now,
    /// and whether it may be in the index already (changed rather than created in this
    /// range). An item changed again after `to` is read as it is now, and read once more
    /// when that event is taken in.
    async fn rows_between(&self, from: i64, to: i64) -> Result<Vec<ToIndex>, StoreError> {
        sqlx::query_as(
            "SELECT i.id, i.text, i.kind, i.status, i.rag, i.review_id, i.report_id, \
               i.ordinal, i.owner, i.deadline_due, i.verification, i.item_ref, c.changed FROM \
               (SELECT item_id, max(kind <> 'item_created') AS changed FROM events \
                 WHERE id > $1 AND id <= $2 AND item_id IS NOT NULL \
                   AND kind IN ('item_created', 'item_updated', 'verified') GROUP BY item_id) c \
             JOIN items i ON i.id = c.item_id ORDER BY i.id",
        )
        .bind(from)
        .bind(to)
        .fetch_all(&self.register)
        .await
        .map_err(self.db())
    }

    /// Indexes the items created or changed by events `from + 1 ..= to`.
    async fn take_in(&self, epoch: &str, from: i64, to: i64) -> Result<(), StoreError> {
        let rows = self.rows_between(from, to).await?;
        let fields = self.fields;
        self.commit_from(
            (epoch.to_string(), from),
            format!("{epoch}\n{to}"),
            move |writer| {
                for row in rows {
                    if row.changed {
                        writer.delete_term(Term::from_field_u64(fields.id, row.id as u64));
                    }
                    writer.add_document(document(&fields, row))?;
                }
                Ok(())
            },
        )
        .await
    }

    /// How many items `wanted` matches, exactly, in the register as it is now.
    pub(crate) async fn count(&self, wanted: &Wanted) -> Result<u64, StoreError> {
        let view = self.view().await?;
        view.count(&*self.query(wanted)).map_err(self.err())
    }

    /// The ids of the first `limit` items `wanted` matches in page order, after `after`.
    pub(crate) async fn page(
        &self,
        wanted: &Wanted,
        after: Option<Position>,
        limit: usize,
    ) -> Result<Vec<i64>, StoreError> {
        let view = self.view().await?;
        view.page(&*self.query(wanted), after, limit)
            .map_err(self.err())
    }

    /// The ids of every item `wanted` matches, in no order.
    pub(crate) async fn all(&self, wanted: &Wanted) -> Result<Vec<i64>, StoreError> {
        let view = self.view().await?;
        view.all(&*self.query(wanted)).map_err(self.err())
    }

    /// The query of `wanted` (everything when it asks nothing).
    fn query(&self, wanted: &Wanted) -> Box<dyn Query> {
        let f = &self.fields;
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(typed) = &wanted.text {
            let by_ref: Box<dyn Query> = Box::new(TermQuery::new(
                Term::from_field_text(f.reference, &typed.trim().to_lowercase()),
                IndexRecordOption::Basic,
            ));
            let mut either = vec![(Occur::Should, by_ref)];
            if let Some(words) = self.words_query(typed) {
                either.push((Occur::Should, words));
            }
            must.push((Occur::Must, Box::new(BooleanQuery::new(either))));
        }
        for fct in &wanted.facets {
            must.push((Occur::Must, term(f.facet, fct)));
        }
        for set in &wanted.any_of {
            if set.is_empty() {
                return Box::new(EmptyQuery);
            }
            let one_of = set
                .iter()
                .map(|v| (Occur::Should, term(f.facet, v)))
                .collect();
            must.push((Occur::Must, Box::new(BooleanQuery::new(one_of))));
        }
        if let Some(d) = wanted.due_before {
            must.push((Occur::Must, due_range(f.due, Bound::Excluded(d))));
        }
        if let Some(d) = wanted.due_by {
            must.push((Occur::Must, due_range(f.due, Bound::Included(d))));
        }
        if must.is_empty() {
            return Box::new(AllQuery);
        }
        Box::new(BooleanQuery::new(must))
    }

    /// The typed words (`fts::parse`: groups joined by OR whose terms must all appear, or,
    /// excluded, must not) as a query of the text, or `None` when nothing typed is a word.
    fn words_query(&self, typed: &str) -> Option<Box<dyn Query>> {
        let mut groups: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for group in crate::fts::parse(typed) {
            let mut wanted: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            let mut unwanted: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for t in &group {
                let Some(q) = self.phrase(&t.tokens) else {
                    continue;
                };
                if t.excluded {
                    unwanted.push((Occur::MustNot, q));
                } else {
                    wanted.push((Occur::Must, q));
                }
            }
            // A group of exclusions only wants nothing, so it is dropped.
            if wanted.is_empty() {
                continue;
            }
            wanted.extend(unwanted);
            groups.push((Occur::Should, Box::new(BooleanQuery::new(wanted))));
        }
        (!groups.is_empty()).then(|| Box::new(BooleanQuery::new(groups)) as Box<dyn Query>)
    }

    /// Typed tokens as the index's terms: one term, or a phrase of several.
    fn phrase(&self, tokens: &[String]) -> Option<Box<dyn Query>> {
        let mut terms = Vec::new();
        {
            let mut analyzer = self.analyzer.lock().unwrap_or_else(|p| p.into_inner());
            for token in tokens {
                let mut stream = analyzer.token_stream(token);
                while let Some(t) = stream.next() {
                    terms.push(Term::from_field_text(self.fields.text, &t.text));
                }
            }
        }
        match terms.len() {
            0 => None,
            1 => Some(Box::new(TermQuery::new(
                terms.remove(0),
                IndexRecordOption::Basic,
            ))),
            _ => Some(Box::new(PhraseQuery::new(terms))),
        }
    }
}

fn term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::Basic,
    ))
}

fn due_range(field: Field, upper: Bound<u64>) -> Box<dyn Query> {
    let upper = match upper {
        Bound::Included(d) => Bound::Included(Term::from_field_u64(field, d)),
        Bound::Excluded(d) => Bound::Excluded(Term::from_field_u64(field, d)),
        Bound::Unbounded => Bound::Unbounded,
    };
    Box::new(RangeQuery::new(
        Bound::Included(Term::from_field_u64(field, 0)),
        upper,
    ))
}

/// An item's document.
fn document(f: &Fields, row: ToIndex) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    d.add_u64(f.id, row.id as u64);
    d.add_text(f.text, &row.text);
    d.add_text(f.facet, facet("k", &row.kind));
    if let Some(s) = &row.status {
        d.add_text(f.facet, facet("s", s));
    }
    if let Some(r) = &row.rag {
        d.add_text(f.facet, facet("r", r));
    }
    d.add_text(f.facet, facet("v", &row.review.to_string()));
    if let Some(o) = &row.owner {
        d.add_text(f.facet, facet("o", o));
    }
    if crate::counts::is_open(&row.kind, row.status.as_deref()) {
        d.add_text(f.facet, OPEN);
    }
    if row.verification.as_deref() == Some(heed_core::Verification::Awaiting.as_str()) {
        d.add_text(f.facet, AWAITING);
    }
    if let Some(r) = &row.reference {
        d.add_text(f.reference, r.to_lowercase());
    }
    d.add_u64(f.review, row.review as u64);
    d.add_u64(f.report, row.report as u64);
    d.add_u64(f.ordinal, row.ordinal as u64);
    if let Some(due) = row.due.as_deref().and_then(day_number) {
        d.add_u64(f.due, due);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_numbers_in_order() {
        assert_eq!(day_number("2021-04-30"), Some(20210430));
        assert!(day_number("2021-04-30") < day_number("2021-05-01"));
        assert_eq!(day_number("April"), None);
        assert_eq!(
            dir_beside(Path::new("dir/heed.db")),
            PathBuf::from("dir/heed.db-index")
        );
    }

    #[test]
    fn the_analyzer_relates_forms_and_folds_accents() {
        let mut a = analyzer();
        let mut words = |s: &str| {
            let mut out = Vec::new();
            let mut stream = a.token_stream(s);
            while let Some(t) = stream.next() {
                out.push(t.text.clone());
            }
            out
        };
        assert_eq!(words("Inspections"), words("inspect"));
        assert_eq!(words("Café réview"), words("cafe review"));
    }
}
