//! Accounts, sessions and API tokens: what the web application needs beside the register
//! (never events).

use super::*;

row_struct! {
    /// A [`UserRow`] with the account's password hash.
    CredentialsRow {
        ..user: UserRow,
        password_hash: String,
    }
}

row_struct! {
    /// A [`UserRow`] with the CSRF token of one of its sessions.
    SessionRow {
        ..user: UserRow,
        csrf_token: String,
    }
}

row_struct! {
    /// A [`UserRow`] with the API token it owns: the token's name and when it was revoked.
    TokenOwnerRow {
        ..user: UserRow,
        token: String,
        revoked_at: Option<String>,
    }
}

row_struct! {
    /// A row of `api_tokens` with its owner's name.
    ApiTokenRow {
        id: i64,
        name: String,
        owner: String,
        created_at: String,
        revoked_at: Option<String>,
    }
}

impl From<ApiTokenRow> for ApiToken {
    fn from(row: ApiTokenRow) -> ApiToken {
        ApiToken {
            id: row.id,
            name: row.name,
            user: row.owner,
            created_at: row.created_at,
            revoked_at: row.revoked_at,
        }
    }
}

impl SqlStore {
    pub(super) fn user_of(&self, row: UserRow) -> Result<User> {
        let role = row
            .role
            .parse::<Role>()
            .map_err(|e| self.corrupt(format!("user {}: {e}", row.name)))?;
        Ok(User {
            id: UserId::from_raw(row.id),
            name: row.name,
            role,
            unit: row.unit,
        })
    }

    /// The account of that name, or `NotFound`.
    pub(super) async fn existing_user(&self, tx: &mut Tx, name: &str) -> Result<User> {
        self.user_by_name(tx, name)
            .await?
            .map(|found| found.user)
            .ok_or_else(|| StoreError::NotFound {
                what: "account",
                id: name.to_string(),
            })
    }

    pub(super) async fn user_by_name(
        &self,
        tx: &mut Tx,
        name: &str,
    ) -> Result<Option<Credentials>> {
        let row: Option<CredentialsRow> =
            sqlx::query_as("SELECT id, name, role, unit, password_hash FROM users WHERE name = $1")
                .bind(name)
                .fetch_optional(&mut **tx)
                .await
                .map_err(self.db())?;
        row.map(|r| {
            Ok(Credentials {
                user: self.user_of(r.user)?,
                password_hash: r.password_hash,
            })
        })
        .transpose()
    }

    pub(super) async fn add_user(
        &self,
        name: &str,
        password_hash: &str,
        role: Role,
        unit: Option<&str>,
    ) -> Result<User> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("an account needs a name".into()));
        }
        let mut tx = self.begin_write().await?;
        if self.user_by_name(&mut tx, name).await?.is_some() {
            return Err(StoreError::Invalid(format!(
                "there is already an account named {name:?}"
            )));
        }
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO users (name, password_hash, role, unit, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(name)
        .bind(password_hash)
        .bind(role.as_str())
        .bind(unit)
        .bind(now().stamp)
        .fetch_one(&mut *tx)
        .await
        .map_err(self.db())?;
        self.commit(tx).await?;
        Ok(User {
            id: UserId::from_raw(id),
            name: name.to_string(),
            role,
            unit: unit.map(str::to_string),
        })
    }

    pub(super) async fn set_password(&self, name: &str, password_hash: &str) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let user = self.existing_user(&mut tx, name).await?;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(user.id.get())
            .execute(&mut *tx)
            .await
            .map_err(self.db())?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user.id.get())
            .execute(&mut *tx)
            .await
            .map_err(self.db())?;
        self.commit(tx).await
    }

    pub(super) async fn set_role(
        &self,
        name: &str,
        role: Role,
        unit: Option<&str>,
    ) -> Result<User> {
        let mut tx = self.begin_write().await?;
        let user = self.existing_user(&mut tx, name).await?;
        sqlx::query("UPDATE users SET role = $1, unit = $2 WHERE id = $3")
            .bind(role.as_str())
            .bind(unit)
            .bind(user.id.get())
            .execute(&mut *tx)
            .await
            .map_err(self.db())?;
        self.commit(tx).await?;
        Ok(User {
            role,
            unit: unit.map(str::to_string),
            ..user
        })
    }

    pub(super) async fn user_credentials(&self, name: &str) -> Result<Option<Credentials>> {
        let mut tx = self.pool.begin().await.map_err(self.db())?;
        self.user_by_name(&mut tx, name.trim()).await
    }

    pub(super) async fn start_session(
        &self,
        token_hash: &str,
        user: UserId,
        csrf_token: &str,
        seconds: i64,
    ) -> Result<()> {
        let now = now();
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash)
        .bind(user.get())
        .bind(csrf_token)
        .bind(&now.stamp)
        .bind(stamp_in(seconds))
        .execute(&self.pool)
        .await
        .map_err(self.db())?;
        // Expired sessions of this person go as a new one starts.
        sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND expires_at <= $2")
            .bind(user.get())
            .bind(&now.stamp)
            .execute(&self.pool)
            .await
            .map_err(self.db())?;
        Ok(())
    }

    pub(super) async fn session(&self, token_hash: &str) -> Result<Option<Session>> {
        let writes = self.cache.writes.count();
        if let Some(found) = self.cache.sessions.get(writes, &token_hash.to_string()) {
            return Ok(Some(found));
        }
        let row: Option<SessionRow> = sqlx::query_as(
            "SELECT u.id, u.name, u.role, u.unit, s.csrf_token FROM sessions s \
             JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2",
        )
        .bind(token_hash)
        .bind(now().stamp)
        .fetch_optional(&self.pool)
        .await
        .map_err(self.db())?;
        let found = row
            .map(|r| {
                Ok(Session {
                    user: self.user_of(r.user)?,
                    csrf_token: r.csrf_token,
                })
            })
            .transpose()?;
        if let Some(f) = &found {
            self.cache
                .sessions
                .put(writes, token_hash.to_string(), f.clone());
        }
        Ok(found)
    }

    pub(super) async fn end_session(&self, token_hash: &str) -> Result<()> {
        self.cache.writes.moved();
        let done = sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await
            .map_err(self.db());
        self.cache.writes.moved();
        done.map(|_| ())
    }

    pub(super) async fn create_api_token(
        &self,
        user: &str,
        name: &str,
        token_hash: &str,
    ) -> Result<ApiToken> {
        let name = name.trim();
        if name.is_empty() || name.chars().any(char::is_control) {
            return Err(StoreError::Invalid(
                "a token needs a name (what program uses it)".into(),
            ));
        }
        let mut tx = self.begin_write().await?;
        let owner = self.existing_user(&mut tx, user).await?;
        let taken: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM api_tokens WHERE name = $1 AND revoked_at IS NULL")
                .bind(name)
                .fetch_optional(&mut *tx)
                .await
                .map_err(self.db())?;
        if taken.is_some() {
            return Err(StoreError::Invalid(format!(
                "there is already a token named {name:?}; revoke it first or pick another name"
            )));
        }
        let stamp = now().stamp;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO api_tokens (user_id, name, token_hash, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(owner.id.get())
        .bind(name)
        .bind(token_hash)
        .bind(&stamp)
        .fetch_one(&mut *tx)
        .await
        .map_err(self.db())?;
        self.commit(tx).await?;
        Ok(ApiToken {
            id,
            name: name.to_string(),
            user: owner.name,
            created_at: stamp,
            revoked_at: None,
        })
    }

    pub(super) async fn api_tokens(&self, user: Option<&str>) -> Result<Vec<ApiToken>> {
        let rows: Vec<ApiTokenRow> = sqlx::query_as(
            "SELECT t.id, t.name, u.name AS owner, t.created_at, t.revoked_at FROM api_tokens t \
             JOIN users u ON u.id = t.user_id WHERE ($1 IS NULL OR u.name = $1) ORDER BY t.id",
        )
        .bind(user.map(str::trim))
        .fetch_all(&self.pool)
        .await
        .map_err(self.db())?;
        Ok(rows.into_iter().map(ApiToken::from).collect())
    }

    pub(super) async fn revoke_api_token(
        &self,
        name: &str,
        user: Option<&str>,
    ) -> Result<ApiToken> {
        let mut tx = self.begin_write().await?;
        let row: Option<ApiTokenRow> = sqlx::query_as(
            "SELECT t.id, t.name, u.name AS owner, t.created_at, t.revoked_at \
             FROM api_tokens t JOIN users u ON u.id = t.user_id \
             WHERE t.name = $1 AND t.revoked_at IS NULL AND ($2 IS NULL OR u.name = $2)",
        )
        .bind(name.trim())
        .bind(user.map(str::trim))
        .fetch_optional(&mut *tx)
        .await
        .map_err(self.db())?;
        let Some(ApiTokenRow {
            id,
            owner,
            created_at,
            ..
        }) = row
        else {
            return Err(StoreError::NotFound {
                what: "live API token",
                id: name.trim().to_string(),
            });
        };
        let stamp = now().stamp;
        sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2")
            .bind(&stamp)
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(self.db())?;
        self.commit(tx).await?;
        Ok(ApiToken {
            id,
            name: name.trim().to_string(),
            user: owner,
            created_at,
            revoked_at: Some(stamp),
        })
    }

    pub(super) async fn api_token(&self, token_hash: &str) -> Result<TokenLookup> {
        let writes = self.cache.writes.count();
        if let Some(found) = self.cache.tokens.get(writes, &token_hash.to_string()) {
            return Ok(found);
        }
        let row: Option<TokenOwnerRow> = sqlx::query_as(
            "SELECT u.id, u.name, u.role, u.unit, t.name AS token, t.revoked_at FROM api_tokens t \
                 JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await
        .map_err(self.db())?;
        Ok(match row {
            None => TokenLookup::Unknown,
            Some(TokenOwnerRow {
                token,
                revoked_at: Some(_),
                ..
            }) => TokenLookup::Revoked(token),
            Some(TokenOwnerRow {
                user,
                token,
                revoked_at: None,
            }) => {
                let found = TokenLookup::Valid {
                    user: self.user_of(user)?,
                    token_name: token,
                };
                // Only live tokens are remembered: unknown ones cost a lookup each time.
                self.cache
                    .tokens
                    .put(writes, token_hash.to_string(), found.clone());
                found
            }
        })
    }
}
