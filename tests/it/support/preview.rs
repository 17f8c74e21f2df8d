//! `canting serve` as a real process for the tests: started on a free port of loopback, stopped
//! with Ctrl+C as a volunteer stops it (so that it removes its temporary folder), killed if it
//! does not stop, also when a test fails.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

pub(crate) struct Preview {
    child: Child,
    pub port: u16,
    /// The line in which it said where it listens.
    pub address_line: String,
    /// What it prints after the line with its address, line by line.
    pub stdout: Receiver<String>,
}

impl Preview {
    /// `canting ARGS serve --port 0 --root ROOT`, once it says where it listens (at most
    /// `patience` for its first build). Messages in English unless ARGS say `--lang`.
    pub(crate) fn start(root: &Path, args: &[&str], patience: Duration) -> Preview {
        let mut child = Command::new(env!("CARGO_BIN_EXE_canting"))
            .args(args)
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .env("LANG", "en_US.UTF-8")
            .env("NO_COLOR", "1")
            .env_remove("LC_ALL")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("canting serve starts");
        let (tx, stdout) = mpsc::channel();
        let out = child.stdout.take().expect("stdout");
        thread::spawn(move || {
            for line in BufReader::new(out).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut preview = Preview {
            child,
            port: 0,
            address_line: String::new(),
            stdout,
        };
        let started = Instant::now();
        while preview.port == 0 {
            let line = preview
                .stdout
                .recv_timeout(patience.saturating_sub(started.elapsed()))
                .expect("canting serve prints its address");
            preview.port = line
                .split("http://127.0.0.1:")
                .nth(1)
                .and_then(|rest| rest.split('/').next())
                .and_then(|p| p.parse().ok())
                .unwrap_or(0);
            preview.address_line = line;
        }
        preview
    }

    /// The status and body of a GET for `path`, sent as it is (no client tidies it up).
    pub(crate) fn get(&self, path: &str) -> (u16, String) {
        get(self.port, path)
    }

    /// The status and bytes of a GET for `path`, for files that are not text (photos).
    pub(crate) fn get_bytes(&self, path: &str) -> (u16, Vec<u8>) {
        get_bytes(self.port, path)
    }

    /// The event stream the pages listen to, as (event, data) pairs.
    pub(crate) fn events(&self) -> Receiver<(String, String)> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        write!(
            stream,
            "GET /__canting/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .expect("send");
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let mut event = String::new();
            for line in BufReader::new(stream).lines() {
                let Ok(line) = line else { break };
                // The body is chunked: chunk sizes are lines of their own and never start so.
                if let Some(name) = line.strip_prefix("event: ") {
                    event = name.to_string();
                } else if let Some(data) = line.strip_prefix("data: ")
                    && tx.send((event.clone(), data.to_string())).is_err()
                {
                    break;
                }
            }
        });
        // Subscribed once the response has started; give the server that moment.
        thread::sleep(Duration::from_millis(300));
        rx
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}/{path}", self.port)
    }

    /// The server's process id.
    pub(crate) fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Stops the server with `kill -SIGNAL` (`INT`, `TERM`, `HUP`) and waits for it to end.
    pub(crate) fn stop(mut self, signal: &str) -> std::process::ExitStatus {
        let _ = Command::new("kill")
            .args([format!("-{signal}"), self.child.id().to_string()])
            .status();
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!("the preview did not stop on SIG{signal} within 10 s");
    }

    /// The largest resident memory of the server so far, as Linux reports it.
    pub(crate) fn peak_memory(&self) -> Option<String> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .map(|v| v.trim().to_string())
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The status and body of a GET for `path` from the server on `port`, sent as it is (no client
/// tidies it up).
pub(crate) fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");

    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("read");
    let text = String::from_utf8_lossy(&response).to_string();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let body = text
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    (status, body)
}

/// The status and body bytes of a GET for `path` from the server on `port`, with a chunked body
/// put back together.
pub(crate) fn get_bytes(port: u16, path: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("read");
    let end = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    let head = String::from_utf8_lossy(&response[..end]).to_ascii_lowercase();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let body = &response[end + 4..];
    if !head.contains("transfer-encoding: chunked") {
        return (status, body.to_vec());
    }
    let (mut out, mut rest) = (Vec::new(), body);
    while let Some(line_end) = rest.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&rest[..line_end])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next().unwrap_or("").trim(), 16).ok())
            .expect("a chunk size");
        if size == 0 {
            break;
        }
        let start = line_end + 2;
        out.extend_from_slice(&rest[start..start + size]);
        rest = &rest[start + size + 2..];
    }
    (status, out)
}
