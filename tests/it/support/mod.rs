//! Helpers shared by the integration tests: build a site with the real binary (`site`), load one
//! through the library (`library`), run `canting serve` (`preview`), and serve a folder over HTTP
//! on 127.0.0.1 for the browser tests.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::thread::{self, JoinHandle};
use std::time::Duration;

mod library;
pub(crate) mod preview;
mod site;
pub(crate) use library::*;
pub(crate) use preview::Preview;
pub(crate) use site::*;

/// Serves the files in `dir` on `http://127.0.0.1:PORT/` from a background thread, for as long as
/// the test runs. `/x/` serves `/x/index.html`; a missing file, or a path with `..` in it, gets a
/// 404 whose body is the nearest `404.html` above the requested path.
pub(crate) fn serve(dir: &Path) -> (u16, JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("cannot listen on 127.0.0.1");
    let port = listener.local_addr().expect("no local address").port();
    let dir = dir.to_path_buf();
    let handle = thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let dir = dir.clone();
            thread::spawn(move || {
                let _ = handle_connection(stream, &dir);
            });
        }
    });
    (port, handle)
}

/// The Content-Type for a file name.
pub(crate) fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "xml" => "application/xml; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Decodes `%XX` escapes; `None` when an escape is malformed or the result is not UTF-8.
pub(crate) fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Maps a request target to a file under `root`, or `None` when it must not be served.
fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let path = percent_decode(path)?;
    if !path.starts_with('/') || path.contains("..") || path.contains('\\') || path.contains('\0') {
        return None;
    }
    let mut file = root.to_path_buf();
    for c in Path::new(&path).components() {
        match c {
            Component::RootDir | Component::CurDir => {}
            Component::Normal(part) => file.push(part),
            _ => return None,
        }
    }
    if path.ends_with('/') || file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

/// The nearest `404.html` at or above the folder of `target`, inside `root`.
fn not_found_page(root: &Path, target: &str) -> Vec<u8> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let mut dir = root.to_path_buf();
    let mut candidates = vec![root.join("404.html")];
    for part in path
        .split('/')
        .filter(|p| !p.is_empty() && !p.contains(".."))
    {
        dir.push(part);
        candidates.push(dir.join("404.html"));
    }
    candidates
        .iter()
        .rev()
        .find_map(|c| std::fs::read(c).ok())
        .unwrap_or_else(|| b"<!doctype html><title>Not found</title><p>Not found".to_vec())
}

fn handle_connection(mut stream: TcpStream, root: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Read and ignore the headers (and any body, which GET and HEAD do not have).
    let mut content_length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            content_length = value.trim().parse().unwrap_or(0);
        }
    }
    if content_length > 0 {
        let mut body = vec![0; content_length.min(1 << 20)];
        let _ = reader.read_exact(&mut body);
    }

    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let (status, content_type, body) = if method != "GET" && method != "HEAD" {
        (
            "405 Method Not Allowed",
            "text/plain; charset=utf-8",
            b"method not allowed".to_vec(),
        )
    } else {
        match resolve(root, target).and_then(|f| std::fs::read(&f).ok().map(|b| (f, b))) {
            Some((file, body)) => ("200 OK", content_type(&file), body),
            None => (
                "404 Not Found",
                "text/html; charset=utf-8",
                not_found_page(root, target),
            ),
        }
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(&body)?;
    }
    stream.flush()?;
    let _ = stream.shutdown(Shutdown::Write);
    Ok(())
}
