//! The PostgreSQL backend, for registers shared by several machines. Its SQL is the shared
//! engine compiled with PostgreSQL's types.

pub(crate) type Db = sqlx::Postgres;
pub(crate) const IS_SQLITE: bool = false;

// The same engine source is compiled for both backends, each with its own types.
#[allow(clippy::duplicate_mod)]
#[path = "engine/mod.rs"]
pub(crate) mod engine;

use crate::error::StoreError;
use crate::tsearch::{WORDS_VERSION, item_words};
use sqlx::Pool;

pub(crate) use crate::portable::{
    backup_postgres as backup_register, restore_postgres as restore_register,
};

/// Fewer rows than this are written as an INSERT: COPY's exchange (the statement, then its
/// data) costs a round trip more than one statement.
const COPY_FROM: usize = 32;

/// Writes rows through `COPY ... FROM STDIN` (a few as an INSERT): the server reads the
/// text of each value as its column's type, with no statement to plan and no parameters to
/// bind per row.
pub(crate) async fn write_rows(
    conn: &mut sqlx::PgConnection,
    rows: crate::bulk::Rows,
) -> Result<(), sqlx::Error> {
    if rows.len() < COPY_FROM {
        for mut q in engine::bulk::insert_statements(rows) {
            q.build().execute(&mut *conn).await?;
        }
        return Ok(());
    }
    let mut copy = conn.copy_in_raw(&rows.copy_statement()).await?;
    if let Err(e) = copy.send(rows.copy_text()).await {
        // The server is told the copy failed, so the connection is usable again (and the
        // transaction, which the caller drops, rolls back).
        let _ = copy.abort(e.to_string()).await;
        return Err(e);
    }
    copy.finish().await?;
    Ok(())
}

/// Items whose words are made again in one statement.
const WORDS_BATCH: i64 = 2_000;

/// Makes every item's full-text words (`tsearch.rs`) again when the register's were made
/// otherwise: by the server before schema 15, by an older way of Heed's, or not at all (a
/// restore carries no words). `register_meta` records whose words the register holds. Each
/// batch commits on its own, so a stop part-way loses nothing; the next opening starts over.
pub(crate) async fn ensure_search_words(pool: &Pool<Db>, location: &str) -> Result<(), StoreError> {
    let db = |e| StoreError::from_sqlx(location, e);
    let made: Option<(String,)> =
        sqlx::query_as("SELECT value FROM register_meta WHERE key = 'search_words'")
            .fetch_optional(pool)
            .await
            .map_err(db)?;
    if made.is_some_and(|m| m.0 == WORDS_VERSION) {
        return Ok(());
    }
    let started = std::time::Instant::now();
    let (mut after, mut items) = (0_i64, 0_usize);
    loop {
        type Row = (i64, String, String, Option<String>, Option<String>, i64);
        let batch: Vec<Row> = sqlx::query_as(
            "SELECT id, text, kind, status, rag, review_id FROM items \
             WHERE id > $1 ORDER BY id LIMIT $2",
        )
        .bind(after)
        .bind(WORDS_BATCH)
        .fetch_all(pool)
        .await
        .map_err(db)?;
        let Some(last) = batch.last().map(|b| b.0) else {
            break;
        };
        let (ids, words): (Vec<i64>, Vec<String>) = batch
            .iter()
            .map(|(id, text, kind, status, rag, review)| {
                let facets = crate::fts::facets(kind, status.as_deref(), rag.as_deref(), *review);
                (*id, item_words(text, &facets))
            })
            .unzip();
        sqlx::query(
            "UPDATE items SET search = w.words::tsvector \
             FROM unnest($1::bigint[], $2::text[]) AS w(id, words) WHERE items.id = w.id",
        )
        .bind(ids)
        .bind(words)
        .execute(pool)
        .await
        .map_err(db)?;
        items += batch.len();
        after = last;
    }
    sqlx::query(
        "INSERT INTO register_meta (key, value) VALUES ('search_words', $1) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(WORDS_VERSION)
    .execute(pool)
    .await
    .map_err(db)?;
    if items > 0 {
        tracing::info!(
            register = %location,
            items,
            seconds = started.elapsed().as_secs_f64(),
            "full-text words made again"
        );
    }
    Ok(())
}
