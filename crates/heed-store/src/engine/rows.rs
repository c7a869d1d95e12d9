//! Rows of `events` and `items` as read by column name, and their conversion to the
//! model's values.

use super::*;

/// Declares a struct read from a row by column name: each field is the column (or the
/// alias in the query) of the same name. Rows are read this way rather than as tuples, so
/// a column added to a query cannot shift the others. A first field written `..name: T`
/// is another row struct read from the same row (its columns beside this one's).
macro_rules! row_struct {
    ($(#[$meta:meta])* $name:ident {
        $(..$inner:ident: $inner_ty:ty,)?
        $($field:ident: $ty:ty),* $(,)?
    }) => {
        $(#[$meta])*
        pub(super) struct $name {
            $(pub(super) $inner: $inner_ty,)?
            $(pub(super) $field: $ty,)*
        }

        impl<'r> sqlx::FromRow<'r, <Db as sqlx::Database>::Row> for $name {
            fn from_row(
                row: &'r <Db as sqlx::Database>::Row,
            ) -> std::result::Result<Self, sqlx::Error> {
                use sqlx::Row as _;
                Ok(Self {
                    $($inner: <$inner_ty>::from_row(row)?,)?
                    $($field: row.try_get(stringify!($field))?,)*
                })
            }
        }
    };
}
pub(super) use row_struct;

row_struct! {
    /// A row of `events`.
    EventRow {
        id: i64,
        recorded_at: String,
        effective_on: String,
        author: String,
        source: String,
        report_id: Option<i64>,
        line: Option<i64>,
        review_id: Option<i64>,
        item_id: Option<i64>,
        payload: Json<Change>,
        origin: Option<String>,
        undated: bool,
    }
}

pub(super) const EVENT_COLUMNS: &str = "id, recorded_at, effective_on, author, source, report_id, line, review_id, item_id, payload, origin, undated";

row_struct! {
    /// A row of `items`, with the payload of its creation event when `state` is NULL (an
    /// item nothing happened to since it was read keeps its state only once, in that
    /// event).
    ItemRow {
        id: i64,
        review_id: i64,
        report_id: i64,
        version: i64,
        last_effective: String,
        state: Option<Json<ItemState>>,
        payload: Option<Json<Change>>,
    }
}

row_struct! {
    /// A row of `users`, as every query that names an account reads it.
    UserRow {
        id: i64,
        name: String,
        role: String,
        unit: Option<String>,
    }
}

row_struct! {
    /// An [`ItemRow`] with the item's place in its report, for keyset paging.
    PageRow {
        ..item: ItemRow,
        ordinal: i64,
    }
}

/// Selects an [`ItemRow`]; filters refer to the items table as `i`.
///
/// The creating event's payload is a scalar subquery, asked only for the rows a query
/// returns: as a LEFT JOIN, SQLite's planner (3.46) chose to build a Bloom filter over every
/// event of the register first (`BLOOM FILTER ON e`), 0.7 to 1 s for a 50-item page of
/// overdue items at a million items, after every write.
pub(super) const ITEM_SELECT: &str = "SELECT i.id, i.review_id, i.report_id, i.version, i.last_effective, i.state, \
     (SELECT e.payload FROM events e WHERE i.state IS NULL AND e.item_id = i.id \
       AND e.kind = 'item_created' LIMIT 1) AS payload \
     FROM items i ";

impl SqlStore {
    pub(super) fn source_of(&self, row: &EventRow) -> Result<Source> {
        Ok(match row.source.as_str() {
            "document" => Source::Document {
                report: ReportId::from_raw(row.report_id.unwrap_or(0)),
                line: usize::try_from(row.line.unwrap_or(0)).unwrap_or(0),
            },
            "person" => Source::Person {
                name: row.author.clone(),
            },
            "api" => Source::Api {
                client: row.author.clone(),
            },
            other => return Err(self.corrupt(format!("unknown event source {other:?}"))),
        })
    }

    pub(super) fn event_of(&self, row: EventRow) -> Result<Event> {
        let source = self.source_of(&row)?;
        Ok(Event {
            id: row.id,
            recorded_at: row.recorded_at,
            effective_on: self.day(&row.effective_on)?,
            undated: row.undated,
            author: row.author,
            source,
            review: row.review_id.map(ReviewId::from_raw),
            item: row.item_id.map(ItemId::from_raw),
            change: row.payload.0,
            origin: row.origin,
        })
    }

    pub(super) fn record_of(&self, row: ItemRow, as_of: Option<Day>) -> Result<ItemRecord> {
        let state = match (row.state, row.payload) {
            (Some(state), _) => state.0,
            (None, Some(Json(Change::ItemCreated { state }))) => *state,
            _ => return Err(self.corrupt(format!("item {} has no state", row.id))),
        };
        Ok(ItemRecord {
            id: ItemId::from_raw(row.id),
            review: ReviewId::from_raw(row.review_id),
            report: ReportId::from_raw(row.report_id),
            version: Version::from_raw(row.version),
            updated_on: self.day(&row.last_effective)?,
            as_of,
            state,
        })
    }
}
