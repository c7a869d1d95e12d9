//! Askers of every role for the permission matrix: a session (cookie and CSRF token), a
//! bearer token, or nobody; requests sent as one of them; and what a write could change.

use super::*;

/// One asker: a session (cookie and its CSRF token) or a bearer token, or neither.
#[derive(Clone, Default)]
pub struct Who {
    pub name: String,
    pub cookie: String,
    pub csrf: String,
    pub bearer: Option<String>,
}

pub struct Answer {
    pub status: StatusCode,
    pub body: String,
}

impl TestApp {
    /// The same register served with `--unauthenticated-api-writes`.
    pub fn writable(mut self) -> TestApp {
        self.config.api_writes = true;
        self.router = routed(self.store.clone(), self.config.clone());
        self
    }

    /// An account with a session, and an API token of the same person.
    pub async fn person(&self, name: &str, role: Role, unit: Option<&str>) -> (Who, Who) {
        let user = self
            .store
            .add_user(name, "$argon2id$not-used", role, unit)
            .await
            .expect("add user");
        let token = heed_app::accounts::random_token().expect("token");
        let csrf = heed_app::accounts::random_token().expect("csrf");
        self.store
            .start_session(
                &heed_app::accounts::token_hash(&token),
                user.id,
                &csrf,
                3600,
            )
            .await
            .expect("session");
        let bearer = self.token(name, &format!("{name}-bot")).await;
        (
            Who {
                name: name.into(),
                cookie: format!("heed_session={token}"),
                csrf,
                bearer: None,
            },
            Who {
                name: name.into(),
                bearer: Some(bearer),
                ..Who::default()
            },
        )
    }

    pub async fn user_id(&self, name: &str) -> heed_core::UserId {
        self.store
            .user_credentials(name)
            .await
            .expect("user")
            .expect("exists")
            .user
            .id
    }

    /// Sends a request as `who`: its cookie, its bearer token, and its session's CSRF token
    /// in `X-CSRF-Token` (what an API client of a session sends).
    pub async fn send_as(
        &self,
        who: &Who,
        method: Method,
        uri: &str,
        content_type: Option<&str>,
        body: impl Into<Body>,
    ) -> Answer {
        let mut r = Request::builder().method(method).uri(uri);
        if let Some(ct) = content_type {
            r = r.header("content-type", ct);
        }
        if !who.cookie.is_empty() {
            r = r.header("cookie", &who.cookie);
            r = r.header("x-csrf-token", &who.csrf);
        }
        if let Some(b) = &who.bearer {
            r = r.header("authorization", format!("Bearer {b}"));
        }
        let response = self
            .router
            .clone()
            .oneshot(r.body(body.into()).expect("request"))
            .await
            .expect("the router always answers");
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 16 * 1024 * 1024)
            .await
            .expect("body");
        Answer {
            status,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get_as(&self, who: &Who, uri: &str) -> Answer {
        self.send_as(who, Method::GET, uri, None, Body::empty())
            .await
    }

    pub async fn form_as(&self, who: &Who, uri: &str, fields: &[(&str, String)]) -> Answer {
        let mut all = vec![("csrf", who.csrf.clone())];
        all.extend(fields.iter().map(|(k, v)| (*k, v.clone())));
        self.send_as(
            who,
            Method::POST,
            uri,
            Some("application/x-www-form-urlencoded"),
            serde_urlencoded::to_string(&all).expect("form"),
        )
        .await
    }

    pub async fn multipart_as(
        &self,
        who: &Who,
        uri: &str,
        fields: &[(&str, String)],
        file: (&str, &str, &[u8]),
    ) -> Answer {
        let boundary = "permissionsb0undary";
        let mut body = Vec::new();
        let mut all = vec![("csrf", who.csrf.clone())];
        all.extend(fields.iter().map(|(k, v)| (*k, v.clone())));
        for (k, v) in all {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
                )
                .as_bytes(),
            );
        }
        let (field, name, bytes) = file;
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        self.send_as(
            who,
            Method::POST,
            uri,
            Some(&format!("multipart/form-data; boundary={boundary}")),
            body,
        )
        .await
    }

    pub async fn version(&self, item: ItemId) -> i64 {
        self.store
            .item(item, None)
            .await
            .expect("item")
            .version
            .get()
    }

    /// Uploads waiting to be confirmed (no `Store` call lists them all).
    pub async fn pending_uploads(&self) -> i64 {
        let sql = "SELECT count(*) FROM pending_imports";
        let (n,): (i64,) = match &self.url {
            DatabaseUrl::Sqlite(file) => {
                let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", file.display()))
                    .await
                    .expect("connect");
                let row = sqlx::query_as(sql).fetch_one(&pool).await.expect("count");
                pool.close().await;
                row
            }
            DatabaseUrl::Postgres(url) => {
                let pool = sqlx::PgPool::connect(url).await.expect("connect");
                let row = sqlx::query_as(sql).fetch_one(&pool).await.expect("count");
                pool.close().await;
                row
            }
        };
        n
    }

    /// Everything a write could change: the register (its version is its newest event),
    /// the API tokens, the saved views, the uploads waiting.
    pub async fn state(&self) -> String {
        format!(
            "{} {} {} {}",
            self.store.register_version().await.expect("version"),
            serde_json::to_string(&self.store.api_tokens(None).await.expect("tokens"))
                .expect("json"),
            serde_json::to_string(&self.store.saved_views().await.expect("views")).expect("json"),
            self.pending_uploads().await
        )
    }

    pub async fn published(&self, review: ReviewId) -> bool {
        self.store
            .reviews()
            .await
            .expect("reviews")
            .iter()
            .any(|r| r.id == review && r.published)
    }
}
