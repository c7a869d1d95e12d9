//! Saved views: a named query string with a unique slug.

use super::*;

row_struct! {
    /// A row of `saved_views` with its owner's name.
    ViewRow {
        id: i64,
        slug: String,
        name: String,
        query: String,
        owner: String,
        created_at: String,
    }
}

pub(super) const VIEW_SELECT_ALL: &str = "SELECT v.id, v.slug, v.name, v.query, u.name AS owner, v.created_at \
     FROM saved_views v JOIN users u ON u.id = v.owner_id ORDER BY lower(v.name), v.id";
pub(super) const VIEW_SELECT_ONE: &str = "SELECT v.id, v.slug, v.name, v.query, u.name AS owner, v.created_at \
     FROM saved_views v JOIN users u ON u.id = v.owner_id WHERE v.slug = $1";

pub(super) fn view_of(row: ViewRow) -> SavedView {
    SavedView {
        id: row.id,
        slug: row.slug,
        name: row.name,
        query: row.query,
        owner: row.owner,
        created_at: row.created_at,
    }
}

impl SqlStore {
    pub(super) async fn save_view(
        &self,
        owner: UserId,
        name: &str,
        query: &str,
    ) -> Result<SavedView> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("a saved view needs a name".into()));
        }
        if name.chars().count() > 200 {
            return Err(StoreError::Invalid(
                "a saved view's name must be at most 200 characters".into(),
            ));
        }
        let base = slug_of(name);
        let mut tx = self.begin_write().await?;
        let taken: Vec<(String,)> =
            sqlx::query_as("SELECT slug FROM saved_views WHERE slug = $1 OR slug LIKE $2")
                .bind(&base)
                .bind(format!("{base}-%"))
                .fetch_all(&mut *tx)
                .await
                .map_err(self.db())?;
        let taken: BTreeSet<String> = taken.into_iter().map(|(s,)| s).collect();
        let slug = std::iter::once(base.clone())
            .chain((2..).map(|n| format!("{base}-{n}")))
            .find(|s| !taken.contains(s))
            .unwrap_or(base);
        let stamp = now().stamp;
        let (id, owner_name): (i64, String) = sqlx::query_as(
            "INSERT INTO saved_views (slug, name, query, owner_id, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id, (SELECT name FROM users WHERE id = $4)",
        )
        .bind(&slug)
        .bind(name)
        .bind(query)
        .bind(owner.get())
        .bind(&stamp)
        .fetch_one(&mut *tx)
        .await
        .map_err(self.db())?;
        self.commit(tx).await?;
        Ok(SavedView {
            id,
            slug,
            name: name.to_string(),
            query: query.to_string(),
            owner: owner_name,
            created_at: stamp,
        })
    }

    pub(super) async fn saved_views(&self) -> Result<Vec<SavedView>> {
        // Listed on every dashboard: read a few times a second at most (`cache.rs`).
        let writes = self.cache.writes.count();
        if let Some(views) = self.cache.views.get(writes, &()) {
            return Ok(views);
        }
        let rows: Vec<ViewRow> = sqlx::query_as(VIEW_SELECT_ALL)
            .fetch_all(&self.pool)
            .await
            .map_err(self.db())?;
        let views: Vec<SavedView> = rows.into_iter().map(view_of).collect();
        self.cache.views.put(writes, (), views.clone());
        Ok(views)
    }

    pub(super) async fn saved_view(&self, slug: &str) -> Result<SavedView> {
        let row: Option<ViewRow> = sqlx::query_as(VIEW_SELECT_ONE)
            .bind(slug)
            .fetch_optional(&self.pool)
            .await
            .map_err(self.db())?;
        row.map(view_of).ok_or_else(|| StoreError::NotFound {
            what: "saved view",
            id: slug.to_string(),
        })
    }

    pub(super) async fn delete_view(&self, slug: &str) -> Result<()> {
        self.cache.writes.moved();
        let done = sqlx::query("DELETE FROM saved_views WHERE slug = $1")
            .bind(slug)
            .execute(&self.pool)
            .await
            .map_err(self.db());
        self.cache.writes.moved();
        let done = done?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                what: "saved view",
                id: slug.to_string(),
            });
        }
        Ok(())
    }
}
