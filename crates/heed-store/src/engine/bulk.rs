//! [`Rows`] as multi-row INSERT statements: how SQLite writes an import's rows, and
//! PostgreSQL a few rows (its many go through COPY, `postgres::write_rows`).

use super::*;
use crate::bulk::{Cell, Rows};

/// Bind parameters a statement may hold: under SQLite's 32,766 and PostgreSQL's 65,535.
const MAX_BINDS: usize = 30_000;

/// The rows as INSERT statements of at most [`BATCH`] rows and [`MAX_BINDS`] values each.
pub(crate) fn insert_statements(rows: Rows) -> Vec<QueryBuilder<Db>> {
    let per = (MAX_BINDS / rows.columns.len().max(1)).clamp(1, BATCH);
    let head = format!("INSERT INTO {} ({}) ", rows.table, rows.columns.join(", "));
    let mut left = rows.len();
    let (width, mut cells) = rows.into_cells();
    let mut statements = Vec::new();
    while left > 0 {
        let n = left.min(per);
        left -= n;
        let mut qb = QueryBuilder::<Db>::new(head.clone());
        qb.push_values(0..n, |mut b, _| {
            for cell in cells.by_ref().take(width) {
                match cell {
                    Cell::Int(v) => {
                        b.push_bind(v);
                    }
                    Cell::Text(v) => {
                        b.push_bind(v);
                    }
                    Cell::Bool(v) => {
                        b.push_bind(v);
                    }
                    Cell::Cast(v, to) => {
                        b.push_bind(v);
                        if !IS_SQLITE {
                            b.push_unseparated(format!("::{to}"));
                        }
                    }
                }
            }
        });
        statements.push(qb);
    }
    statements
}

impl SqlStore {
    /// Writes the rows in the transaction, as the backend writes many rows best.
    pub(super) async fn write_rows(&self, tx: &mut Tx, rows: Rows) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        super::super::write_rows(tx, rows).await.map_err(self.db())
    }
}
