//! `heed_web::serve_on` on a real socket, against clients that stall: half a request head,
//! a body that stops, more connections than the server takes at once. Each is dropped in
//! bounded time while the server goes on answering everyone else.

use heed_store::{DatabaseUrl, Store};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A server on a free loopback port with short timeouts and few connection slots; the
/// sender stops it.
async fn start(
    name: &str,
    max_connections: usize,
) -> (SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let dir = std::env::temp_dir().join(format!("heed-serve-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let store: Arc<dyn Store> = Arc::from(
        heed_store::open(&DatabaseUrl::Sqlite(dir.join("heed.db")))
            .await
            .expect("open store"),
    );
    let config = heed_web::Config {
        header_timeout: Duration::from_secs(1),
        body_idle_timeout: Duration::from_secs(1),
        body_deadline: Duration::from_secs(3),
        max_connections,
        ..heed_web::Config::default()
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        let stop = async {
            let _ = rx.await;
        };
        heed_web::serve_on(listener, store, config, stop)
            .await
            .expect("serve");
    });
    (addr, tx)
}

/// Sends `bytes` and reads until the server closes the connection (or 10 s pass): what it
/// said and how long it took.
fn send_and_wait_for_close(addr: SocketAddr, bytes: &[u8]) -> (String, Duration) {
    let began = Instant::now();
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    s.write_all(bytes).expect("write");
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    (
        String::from_utf8_lossy(&answer).into_owned(),
        began.elapsed(),
    )
}

/// A whole, ordinary request: its status line.
fn get(addr: SocketAddr, path: &str) -> String {
    let (answer, _) = send_and_wait_for_close(
        addr,
        format!("GET {path} HTTP/1.1\r\nHost: heed\r\nConnection: close\r\n\r\n").as_bytes(),
    );
    answer.lines().next().unwrap_or("").to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn half_a_request_head_is_dropped_in_bounded_time() {
    let (addr, stop) = start("half-head", 8).await;
    let slow = std::thread::spawn(move || {
        send_and_wait_for_close(addr, b"GET / HTTP/1.1\r\nHost: heed\r\nX-Slow: ")
    });
    // Meanwhile the server answers others.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let status = tokio::task::spawn_blocking(move || get(addr, "/api/openapi.json"))
        .await
        .expect("join");
    assert!(status.contains(" 200 "), "{status}");
    let (_, took) = slow.join().expect("join");
    assert!(took < Duration::from_secs(5), "dropped after {took:?}");
    // A connection that sends nothing at all is dropped too.
    let (_, took) = tokio::task::spawn_blocking(move || send_and_wait_for_close(addr, b""))
        .await
        .expect("join");
    assert!(took < Duration::from_secs(5), "dropped after {took:?}");
    let _ = stop.send(());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_body_is_cut_off() {
    let (addr, stop) = start("stalled-body", 8).await;
    let (answer, took) = tokio::task::spawn_blocking(move || {
        send_and_wait_for_close(
            addr,
            b"POST /login HTTP/1.1\r\nHost: heed\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nname=a",
        )
    })
    .await
    .expect("join");
    assert!(took < Duration::from_secs(6), "cut off after {took:?}");
    let status = answer.lines().next().unwrap_or("");
    assert!(
        status.is_empty() || status.contains(" 4"),
        "a 4xx or a closed connection: {answer}"
    );
    let _ = stop.send(());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn more_slow_clients_than_slots_delay_others_only_briefly() {
    let (addr, stop) = start("crowd", 4).await;
    // Six slow clients for four slots: the server is full, and its queue is waiting.
    let crowd: Vec<_> = (0..6)
        .map(|_| std::thread::spawn(move || send_and_wait_for_close(addr, b"GET / HTTP/1.1\r\n")))
        .collect();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let began = Instant::now();
    let status = tokio::task::spawn_blocking(move || get(addr, "/api/openapi.json"))
        .await
        .expect("join");
    assert!(status.contains(" 200 "), "{status}");
    assert!(
        began.elapsed() < Duration::from_secs(5),
        "answered after {:?}",
        began.elapsed()
    );
    for c in crowd {
        let (_, took) = c.join().expect("join");
        assert!(took < Duration::from_secs(8), "dropped after {took:?}");
    }
    let _ = stop.send(());
}
