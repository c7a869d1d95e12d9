//! Bodies as browsers and programs send them: multipart forms and uploads, url-encoded
//! forms, chunked bodies, the import preview's confirmation form, the corpus seeds' bytes.

use super::*;

/// A multipart body: text fields, then an optional file.
pub fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> (String, Vec<u8>) {
    let boundary = "heedtestboundary7MA4YWxk";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((file_name, bytes)) = file {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// A body in 1 KiB chunks with no length known in advance (as a chunked upload arrives).
pub fn futures_stream(
    bytes: Vec<u8>,
) -> impl futures_core::Stream<Item = Result<Vec<u8>, std::io::Error>> + Send + 'static {
    struct Chunks(std::collections::VecDeque<Vec<u8>>);
    impl futures_core::Stream for Chunks {
        type Item = Result<Vec<u8>, std::io::Error>;
        fn poll_next(
            mut self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Self::Item>> {
            std::task::Poll::Ready(self.0.pop_front().map(Ok))
        }
    }
    Chunks(bytes.chunks(1024).map(<[u8]>::to_vec).collect())
}

/// A corpus seed's bytes.
pub fn seed(name: &str) -> Vec<u8> {
    let path = heed_testkit::corpus_file("seeds", name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

impl TestApp {
    /// Posts the upload form (multipart: csrf, document) as a signed-in person.
    pub async fn upload(&self, s: &Session, file_name: &str, bytes: &[u8]) -> TestResponse {
        let boundary = "heedtestboundary7MA4YWxk";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}\r\n",
            s.csrf
        )
        .into_bytes();
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"document\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let len = body.len().to_string();
        self.send_body(
            Method::POST,
            "/import",
            Some(&format!("multipart/form-data; boundary={boundary}")),
            &[("cookie", &s.cookie), ("content-length", &len)],
            body,
        )
        .await
    }

    /// Makes an API token for an existing account, as `heed token create` does.
    pub async fn token(&self, user: &str, name: &str) -> String {
        let heed_app::accounts::NewToken { token, hash } =
            heed_app::accounts::new_api_token().expect("token");
        self.store
            .create_api_token(user, name, &hash)
            .await
            .expect("create token");
        token
    }

    pub async fn post_form(
        &self,
        uri: &str,
        cookie: &str,
        fields: &[(String, String)],
    ) -> TestResponse {
        self.send_body(
            Method::POST,
            uri,
            Some("application/x-www-form-urlencoded"),
            &[("cookie", cookie)],
            serde_urlencoded::to_string(fields).expect("form"),
        )
        .await
    }
}

pub fn pair(k: impl Into<String>, v: impl Into<String>) -> (String, String) {
    (k.into(), v.into())
}

/// The confirmation form as the preview fills it: every item's values as read.
pub fn confirmation(csrf: &str, doc: &Document) -> Vec<(String, String)> {
    let mut f = vec![pair("csrf", csrf), pair("review", "auto")];
    for (i, it) in doc.items.iter().enumerate() {
        f.push(pair(
            format!("ref-{i}"),
            it.r#ref.clone().unwrap_or_default(),
        ));
        f.push(pair(format!("kind-{i}"), it.kind.as_str()));
        f.push(pair(format!("text-{i}"), it.text.clone()));
        f.push(pair(
            format!("status-{i}"),
            it.status.map(|s| s.as_str()).unwrap_or(""),
        ));
        f.push(pair(
            format!("deadline-{i}"),
            it.deadline.as_ref().map(|d| d.to_iso()).unwrap_or_default(),
        ));
        f.push(pair(
            format!("owner-{i}"),
            it.owner.clone().unwrap_or_default(),
        ));
        f.push(pair(
            format!("section-{i}"),
            it.section.clone().unwrap_or_default(),
        ));
        f.push(pair(
            format!("rag-{i}"),
            it.rag.map(|r| r.as_str()).unwrap_or(""),
        ));
        f.push(pair(
            format!("position-{i}"),
            it.position.map(|p| p.as_str()).unwrap_or(""),
        ));
    }
    f
}
