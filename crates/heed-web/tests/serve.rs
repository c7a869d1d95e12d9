//! `heed_web::serve_on` on a real socket, against clients that stall: half a request head,
//! a body that stops, more connections than the server takes at once, more from one address
//! than it takes from one. Each is dropped in bounded time while the server goes on
//! answering everyone else.

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
    start_with(
        name,
        heed_web::Config {
            header_timeout: Duration::from_secs(1),
            max_connections,
            ..heed_web::Config::default()
        },
    )
    .await
}

/// A server as [`start`]'s, with these limits (the body timeouts shortened).
async fn start_with(
    name: &str,
    limits: heed_web::Config,
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
        body_idle_timeout: Duration::from_secs(1),
        body_deadline: Duration::from_secs(3),
        ..limits
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

/// A connection to the server from a loopback address of our choosing (all of 127/8 is
/// the loopback on Linux), so that one test can be several clients.
async fn connect_from(from: [u8; 4], addr: SocketAddr) -> tokio::net::TcpStream {
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket
        .bind(SocketAddr::from((from, 0)))
        .expect("bind a loopback address");
    socket.connect(addr).await.expect("connect")
}

/// What the server says on a connection before it closes it (or 5 s pass), the client
/// having sent nothing.
async fn said_unasked(mut s: tokio::net::TcpStream) -> String {
    use tokio::io::AsyncReadExt;
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), s.read_to_end(&mut answer)).await;
    String::from_utf8_lossy(&answer).into_owned()
}

/// A whole request from a loopback address: its status line.
async fn get_from(from: [u8; 4], addr: SocketAddr, path: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = connect_from(from, addr).await;
    s.write_all(
        format!("GET {path} HTTP/1.1\r\nHost: heed\r\nConnection: close\r\n\r\n").as_bytes(),
    )
    .await
    .expect("write");
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut answer)).await;
    String::from_utf8_lossy(&answer)
        .lines()
        .next()
        .unwrap_or("")
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_holds_at_most_its_share_of_connections() {
    let (addr, stop) = start_with(
        "per-address",
        heed_web::Config {
            header_timeout: Duration::from_secs(30),
            max_connections: 64,
            max_connections_per_address: 4,
            ..heed_web::Config::default()
        },
    )
    .await;
    let greedy = [127, 0, 0, 1];
    let other = [127, 0, 0, 2];
    // Four idle connections from one address: its share.
    let mut held = Vec::new();
    for _ in 0..4 {
        held.push(connect_from(greedy, addr).await);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    // A fifth from it is told why and closed at once, not held until a timeout.
    let began = Instant::now();
    let fifth = said_unasked(connect_from(greedy, addr).await).await;
    assert!(
        fifth.starts_with("HTTP/1.1 429 ") && fifth.contains("retry-after: 1"),
        "{fifth:?}"
    );
    assert!(
        began.elapsed() < Duration::from_secs(2),
        "{:?}",
        began.elapsed()
    );
    // Another address is served meanwhile.
    let status = get_from(other, addr, "/api/openapi.json").await;
    assert!(status.contains(" 200 "), "{status}");
    // When one of the four closes, the address may open another.
    drop(held.pop());
    tokio::time::sleep(Duration::from_millis(300)).await;
    let status = get_from(greedy, addr, "/api/openapi.json").await;
    assert!(status.contains(" 200 "), "{status}");
    drop(held);
    let _ = stop.send(());
}
