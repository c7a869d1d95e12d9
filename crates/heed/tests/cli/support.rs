//! The one way these tests run the binary: a `Session` is a fresh directory (removed
//! afterwards) in which `heed` runs as a user would run it there, with no database URL
//! from the environment, so `./heed.db` is the register; a `Run` is what one command
//! printed and its exit code. `heed()` runs the binary with no directory of its own, for
//! the commands that need no register (`heed extract`). `Session::serve` runs `heed
//! serve` there, and `http` asks it something.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The binary under test, with no register named by the environment.
pub fn command() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_heed"));
    c.env_remove("HEED_DATABASE_URL");
    c
}

/// Runs the binary outside any session (the commands that need no register).
pub fn heed(args: &[&str]) -> Output {
    command().args(args).output().expect("run heed")
}

/// A corpus seed's path, as a command-line argument.
pub fn seed(name: &str) -> String {
    let p = heed_testkit::corpus_file("seeds", name);
    assert!(
        p.exists(),
        "the shared corpus is expected beside the checkout: {}",
        p.display()
    );
    p.display().to_string()
}

/// What a command wrote on standard error.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh directory to run commands in, removed when the session ends.
pub struct Session {
    pub dir: PathBuf,
    author: String,
}

/// One command's exit code and output.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Session {
    /// A new, empty directory; commands run as the author "Test User".
    pub fn new(tag: &str) -> Session {
        Session {
            dir: heed_testkit::temp_dir(&format!("cli-{tag}")),
            author: "Test User".into(),
        }
    }

    /// The same session with commands run as `author` (`HEED_AUTHOR`).
    pub fn author(mut self, author: &str) -> Session {
        self.author = author.into();
        self
    }

    pub fn write(&self, name: &str, text: &str) -> &Session {
        std::fs::write(self.dir.join(name), text).expect("write file");
        self
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// The binary, to run in this directory as this session's author.
    pub fn command(&self) -> Command {
        let mut c = command();
        c.current_dir(&self.dir).env("HEED_AUTHOR", &self.author);
        c
    }

    /// Runs a command and keeps what it printed.
    pub fn output(&self, args: &[&str]) -> Output {
        self.command().args(args).output().expect("run heed")
    }

    pub fn heed(&self, args: &[&str]) -> Run {
        Run::from(self.output(args))
    }

    /// Runs a command as another author, with `USER` set to a login name that is not it.
    pub fn heed_as(&self, author: &str, args: &[&str]) -> Run {
        let out = self
            .command()
            .args(args)
            .env("HEED_AUTHOR", author)
            .env("USER", "clerk")
            .output()
            .expect("run heed");
        Run::from(out)
    }

    /// `heed serve` in this directory on a free loopback port, with `args` besides
    /// `--listen`; stopped when the returned `Server` is dropped.
    pub fn serve(&self, args: &[&str]) -> Server {
        let addr = format!("127.0.0.1:{}", free_port());
        let child = self
            .command()
            .arg("serve")
            .args(args)
            .args(["--listen", &addr])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start heed serve");
        let server = Server { child, addr };
        let until = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(&server.addr).is_err() {
            assert!(Instant::now() < until, "heed serve did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    /// Runs a command with `input` on standard input (passwords are read from it).
    pub fn heed_with_input(&self, args: &[&str], input: &str) -> Run {
        let mut child = self
            .command()
            .env_remove("HEED_AUTHOR")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run heed");
        if let Some(mut stdin) = child.stdin.take() {
            let _ = stdin.write_all(input.as_bytes());
        }
        Run::from(child.wait_with_output().expect("heed finishes"))
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl From<Output> for Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

impl Run {
    pub fn ok(self) -> Run {
        assert_eq!(
            self.code, 0,
            "stdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }

    /// Failed, with one line on standard error.
    pub fn fails(self) -> Run {
        assert_ne!(self.code, 0, "expected a failure; stdout: {}", self.stdout);
        assert_eq!(
            self.stderr.trim().lines().count(),
            1,
            "one line: {}",
            self.stderr
        );
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("{e}: {}", self.stdout))
    }

    /// (exit code, standard output, standard error).
    pub fn parts(self) -> (i32, String, String) {
        (self.code, self.stdout, self.stderr)
    }
}

/// One `heed serve`, stopped when dropped.
pub struct Server {
    child: Child,
    pub addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// Status line and body of one HTTP/1.0 exchange.
pub fn http(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String) {
    let mut s = std::net::TcpStream::connect(addr).expect("connect");
    let mut req = format!("{method} {path} HTTP/1.0\r\nHost: x\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if !body.is_empty() {
        req.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).expect("send");
    let mut answer = String::new();
    s.read_to_string(&mut answer).expect("read");
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

pub fn get(addr: &str, path: &str) -> (u16, String) {
    http(addr, "GET", path, &[], "")
}
