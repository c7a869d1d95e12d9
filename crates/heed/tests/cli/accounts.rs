//! `heed user` and `heed serve` driven through the real binary: accounts made on the command
//! line can sign in (their hash verifies), bad passwords and names are refused with a
//! message, and `heed serve` answers on its address and logs requests when asked.

use crate::support::Session;
use std::io::{Read, Write};
use std::process::Stdio;

fn credentials(dir: &Session, name: &str) -> Option<(heed_store::User, String)> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let url = heed_store::DatabaseUrl::Sqlite(dir.dir.join("heed.db"));
        let store = heed_store::open(&url).await.expect("open");
        let found = store.user_credentials(name).await.expect("read");
        store.close().await;
        found.map(|c| (c.user, c.password_hash))
    })
}

#[test]
fn user_add_passwd_role() {
    let d = Session::new("accounts-user");
    let (code, out, err) = d
        .heed_with_input(
            &["user", "add", "ann", "--role", "owner", "--unit", "Custody"],
            "first password\n",
        )
        .parts();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "added ann (owner)");
    let (user, hash) = credentials(&d, "ann").expect("ann");
    assert_eq!(user.unit.as_deref(), Some("Custody"));
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(heed_app::accounts::verify_password("first password", &hash));

    let (code, _, err) = d
        .heed_with_input(
            &["user", "add", "ann", "--role", "viewer"],
            "another password\n",
        )
        .parts();
    assert_eq!(code, 1);
    assert!(err.contains("already an account named \"ann\""), "{err}");
    let (code, _, err) = d
        .heed_with_input(&["user", "add", "bob", "--role", "viewer"], "short\n")
        .parts();
    assert_eq!(code, 1);
    assert!(err.contains("at least 10 characters"), "{err}");
    assert!(credentials(&d, "bob").is_none(), "nothing stored");
    let (code, _, err) = d
        .heed_with_input(
            &["user", "add", "bob", "--role", "boss"],
            "long enough pw\n",
        )
        .parts();
    assert_eq!(code, 2, "a usage error");
    assert!(err.contains("unknown role"), "{err}");

    let (code, out, err) = d
        .heed_with_input(&["user", "passwd", "ann"], "second password\n")
        .parts();
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("sessions have ended"));
    let (_, hash) = credentials(&d, "ann").expect("ann");
    assert!(heed_app::accounts::verify_password(
        "second password",
        &hash
    ));
    assert!(!heed_app::accounts::verify_password(
        "first password",
        &hash
    ));

    let (code, out, err) = d
        .heed_with_input(&["user", "role", "ann", "secretariat"], "")
        .parts();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "ann is now secretariat");
    let (code, _, err) = d
        .heed_with_input(&["user", "role", "zed", "viewer"], "")
        .parts();
    assert_eq!(code, 1);
    assert!(err.contains("no account zed"), "{err}");
}

#[test]
fn serve_answers_on_its_address() {
    let d = Session::new("accounts-serve");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let addr = format!("127.0.0.1:{port}");
    let mut child = d
        .command()
        .env_remove("HEED_AUTHOR")
        .args(["serve", "--log", "--listen", &addr])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start heed serve");
    // The log is read as it comes: the request's line may be written just after the
    // answer has gone out, so the server is stopped only once the line is there (or 10 s).
    let (lines, seen) = std::sync::mpsc::channel::<String>();
    let stderr = child.stderr.take().expect("stderr");
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let mut answer = String::new();
    for _ in 0..100 {
        if let Ok(mut s) = std::net::TcpStream::connect(&addr) {
            let _ = s.write_all(b"GET /api/v1/reviews HTTP/1.0\r\nHost: x\r\n\r\n");
            let _ = s.read_to_string(&mut answer);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let mut log = String::new();
    let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !log.contains("uri=/api/v1/reviews") {
        let left = until.saturating_duration_since(std::time::Instant::now());
        match seen.recv_timeout(left) {
            Ok(line) => {
                log.push_str(&line);
                log.push('\n');
            }
            Err(_) => break,
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    // The answer is named too: a failure under load once showed no request line, and
    // whether an answer came tells a lost log line from a lost request.
    assert!(
        log.contains("uri=/api/v1/reviews") && log.contains("status=200"),
        "log:\n{log}\nanswer:\n{answer}"
    );
    assert!(
        answer.starts_with("HTTP/1.0 200") || answer.starts_with("HTTP/1.1 200"),
        "{answer}"
    );
    assert!(answer.ends_with("{\"reviews\":[]}"), "{answer}");
}

fn token_lookup(dir: &Session, token: &str) -> heed_store::TokenLookup {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let url = heed_store::DatabaseUrl::Sqlite(dir.dir.join("heed.db"));
        let store = heed_store::open(&url).await.expect("open");
        let hash: String = {
            use std::fmt::Write as _;
            let digest = <sha2::Sha256 as sha2::Digest>::digest(token.as_bytes());
            digest.iter().fold(String::new(), |mut s, b| {
                let _ = write!(s, "{b:02x}");
                s
            })
        };
        let found = store.api_token(&hash).await.expect("read");
        store.close().await;
        found
    })
}

#[test]
fn token_create_list_revoke() {
    let d = Session::new("accounts-token");
    let (code, _, err) = d
        .heed_with_input(
            &["user", "add", "ann", "--role", "secretariat"],
            "a long password\n",
        )
        .parts();
    assert_eq!(code, 0, "{err}");

    let (code, out, err) = d
        .heed_with_input(&["token", "create", "ci", "--user", "ann"], "")
        .parts();
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("shown once"), "{err}");
    let token = out.trim().to_string();
    assert!(token.starts_with("heed_") && token.len() == 69, "{token}");
    match token_lookup(&d, &token) {
        heed_store::TokenLookup::Valid {
            user,
            token_name: name,
        } => {
            assert_eq!((user.name.as_str(), name.as_str()), ("ann", "ci"));
        }
        other => panic!("expected a live token, got {other:?}"),
    }
    // Only the hash is kept: the token itself is nowhere in the register.
    let db = std::fs::read(d.dir.join("heed.db")).expect("db");
    let wal = std::fs::read(d.dir.join("heed.db-wal")).unwrap_or_default();
    for bytes in [db, wal] {
        assert!(
            !bytes.windows(token.len()).any(|w| w == token.as_bytes()),
            "the token is stored in plain text"
        );
    }

    let (code, _, err) = d
        .heed_with_input(&["token", "create", "ci", "--user", "ann"], "")
        .parts();
    assert_eq!(code, 1);
    assert!(err.contains("already a token named \"ci\""), "{err}");
    let (code, _, err) = d
        .heed_with_input(&["token", "create", "x", "--user", "nobody"], "")
        .parts();
    assert_eq!(code, 1);
    assert!(err.contains("nobody"), "{err}");

    let (code, out, err) = d.heed_with_input(&["token", "list"], "").parts();
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("NAME"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("ci") && l.contains("ann") && l.ends_with("live")),
        "{out}"
    );
    assert!(!out.contains(&token));
    let (code, out, _) = d
        .heed_with_input(&["token", "list", "--format", "json"], "")
        .parts();
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v[0]["name"], "ci");
    assert_eq!(v[0]["revoked_at"], serde_json::Value::Null);

    let (code, out, err) = d.heed_with_input(&["token", "revoke", "ci"], "").parts();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "revoked token ci of ann");
    assert_eq!(
        token_lookup(&d, &token),
        heed_store::TokenLookup::Revoked("ci".into())
    );
    let (code, _, err) = d.heed_with_input(&["token", "revoke", "ci"], "").parts();
    assert_eq!(code, 1);
    assert!(err.contains("ci"), "{err}");
    let (code, out, _) = d.heed_with_input(&["token", "list"], "").parts();
    assert_eq!(code, 0);
    assert!(out.contains("revoked"), "{out}");
}
