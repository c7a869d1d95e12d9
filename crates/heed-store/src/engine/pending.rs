//! Uploads waiting for their uploader's confirmation (`pending_imports`), expiring.

use super::*;

row_struct! {
    /// A row of `pending_imports`.
    PendingRow {
        id: String,
        user_id: i64,
        file_name: String,
        bytes: Vec<u8>,
        report_date: Option<String>,
        column_map: Option<String>,
        sheet: Option<String>,
        created_at: String,
        expires_at: String,
    }
}

impl SqlStore {
    pub(super) async fn put_pending_import(
        &self,
        id: &str,
        user: UserId,
        file_name: &str,
        bytes: &[u8],
        options: &UploadOptions,
        seconds: i64,
    ) -> Result<PendingImport> {
        let now = now();
        let expires = stamp_in(seconds);
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM pending_imports WHERE expires_at <= $1")
            .bind(&now.stamp)
            .execute(&mut *tx)
            .await
            .map_err(self.db())?;
        sqlx::query(
            "INSERT INTO pending_imports (id, user_id, file_name, bytes, report_date, column_map, sheet, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(id)
        .bind(user.get())
        .bind(file_name)
        .bind(bytes)
        .bind(options.date.map(|d| d.to_string()))
        .bind(options.map.clone())
        .bind(options.sheet.clone())
        .bind(&now.stamp)
        .bind(&expires)
        .execute(&mut *tx)
        .await
        .map_err(self.db())?;
        self.commit(tx).await?;
        Ok(PendingImport {
            id: id.to_string(),
            user,
            file_name: file_name.to_string(),
            bytes: bytes.to_vec(),
            options: options.clone(),
            created_at: now.stamp,
            expires_at: expires,
        })
    }

    pub(super) async fn pending_import(&self, id: &str) -> Result<Option<PendingImport>> {
        let row: Option<PendingRow> = sqlx::query_as(
            "SELECT id, user_id, file_name, bytes, report_date, column_map, sheet, created_at, expires_at \
             FROM pending_imports WHERE id = $1 AND expires_at > $2",
        )
        .bind(id)
        .bind(now().stamp)
        .fetch_optional(&self.pool)
        .await
        .map_err(self.db())?;
        let Some(row) = row else {
            return Ok(None);
        };
        let date = row.report_date.map(|d| self.day(&d)).transpose()?;
        Ok(Some(PendingImport {
            id: row.id,
            user: UserId::from_raw(row.user_id),
            file_name: row.file_name,
            bytes: row.bytes,
            options: UploadOptions {
                date,
                map: row.column_map,
                sheet: row.sheet,
            },
            created_at: row.created_at,
            expires_at: row.expires_at,
        }))
    }

    pub(super) async fn drop_pending_import(&self, id: &str) -> Result<()> {
        sqlx::query("DELETE FROM pending_imports WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await
            .map_err(self.db())?;
        Ok(())
    }
}
