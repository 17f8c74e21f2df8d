//! The HTTP side of `canting serve`: the files of the built site (rebuilt or updated in place),
//! the live reload script and its event stream. Nothing outside the built site is ever served.

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rust_i18n::t;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

use super::{Shared, Signal};

const LIVE_JS: &str = include_str!("live.js");
/// Under a name no page of a site can have (content paths cannot start with `_`+`_`).
const PREFIX: &str = "/__canting/";

pub(crate) async fn serve(
    listener: tokio::net::TcpListener,
    shared: Arc<Shared>,
    stop: &mut Stop,
) -> std::io::Result<()> {
    let app = Router::new()
        .route("/__canting/live.js", get(live_js))
        .route("/__canting/events", get(events))
        .fallback(get(file))
        .with_state(shared);
    // Stopping is at once: waiting for connections to end would wait forever, since every open
    // page keeps its event stream open.
    tokio::select! {
        served = axum::serve(listener, app).into_future() => served,
        _ = stop.asked() => Ok(()),
    }
}

/// The ways of asking the preview to stop: Ctrl+C, and on Unix also `kill` (SIGTERM) and a
/// closed terminal (SIGHUP), so that every way of stopping removes the temporary folder.
///
/// Listened to from the moment it is made, before the first build: a signal that arrives before
/// the address is printed still ends the preview cleanly instead of killing it.
pub(crate) struct Stop {
    #[cfg(unix)]
    signals: [tokio::signal::unix::Signal; 3],
    #[cfg(windows)]
    ctrl_c: tokio::signal::windows::CtrlC,
}

impl Stop {
    /// Starts listening; must be called inside the runtime.
    pub(crate) fn listen() -> std::io::Result<Stop> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Stop {
                signals: [
                    signal(SignalKind::interrupt())?,
                    signal(SignalKind::terminate())?,
                    signal(SignalKind::hangup())?,
                ],
            })
        }
        #[cfg(windows)]
        {
            Ok(Stop {
                ctrl_c: tokio::signal::windows::ctrl_c()?,
            })
        }
    }

    /// Ends when any of the signals arrives (or has arrived since listening began).
    pub(crate) async fn asked(&mut self) {
        #[cfg(unix)]
        {
            let [interrupt, terminate, hangup] = &mut self.signals;
            tokio::select! {
                _ = interrupt.recv() => {}
                _ = terminate.recv() => {}
                _ = hangup.recv() => {}
            }
        }
        #[cfg(windows)]
        {
            let _ = self.ctrl_c.recv().await;
        }
    }
}

async fn live_js() -> Response {
    let script = LIVE_JS
        .replace("OVERLAY_STYLE", OVERLAY_STYLE)
        .replace("TEXT_STYLE", TEXT_STYLE);
    let mut response = script.into_response();
    set_type(&mut response, "text/javascript; charset=utf-8");
    response
}

async fn events(
    axum::extract::State(shared): axum::extract::State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = shared.signals.subscribe();
    // A browser that connects while there is a problem sees it at once.
    let current = shared.live.read().ok().and_then(|l| l.problem.clone());
    let first = tokio_stream::iter(current.map(|text| Ok(problem_event(&text))));
    let rest = BroadcastStream::new(receiver).map(|signal| {
        Ok(match signal {
            Ok(Signal::Problem(text)) => problem_event(&text),
            // A browser that missed signals reloads to be sure it shows the latest.
            Ok(Signal::Reload) | Err(_) => Event::default().event("reload").data("reload"),
        })
    });
    let stream = first.chain(rest);
    Sse::new(stream).keep_alive(KeepAlive::default())
}

fn problem_event(text: &str) -> Event {
    let data = serde_json::json!({ "title": t!("serve.overlay_title"), "text": text });
    Event::default().event("problem").data(data.to_string())
}

async fn file(
    axum::extract::State(shared): axum::extract::State<Arc<Shared>>,
    uri: Uri,
) -> Response {
    let Some(rel) = relative_path(uri.path()) else {
        return not_found(&shared);
    };
    // A page an update is rendering again is answered once it is written, rendered first.
    let files = [rel.clone(), index_of(&rel)];
    if shared.is_pending(&files) {
        let waiting = shared.clone();
        let _ = tokio::task::spawn_blocking(move || waiting.wait_for(&files)).await;
    }
    if let Some(found) = lookup(&shared, &uri, &rel) {
        return found;
    }
    // A whole rebuild swaps the new site in for the old one: for that moment a file is missing
    // that exists before and after. Asked during a rebuild, the answer waits for it to end.
    if matches!(
        shared.whole.try_lock(),
        Err(std::sync::TryLockError::WouldBlock)
    ) {
        let waiting = shared.clone();
        let _ = tokio::task::spawn_blocking(move || drop(waiting.whole.lock())).await;
        if let Some(found) = lookup(&shared, &uri, &rel) {
            return found;
        }
    }
    not_found(&shared)
}

/// The file of the page at `rel`: `workshops/sekar/index.html` for `workshops/sekar`.
fn index_of(rel: &str) -> String {
    if rel.is_empty() {
        "index.html".to_string()
    } else {
        format!("{rel}/index.html")
    }
}

/// The page or file at `rel` in the built site; a folder without its slash is redirected to it.
fn lookup(shared: &Shared, uri: &Uri, rel: &str) -> Option<Response> {
    let path = shared.site_dir.join(rel);
    if path.is_dir() {
        if !uri.path().ends_with('/') {
            // As static hosts do, so that relative links in the page resolve the same way.
            let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
            if let Ok(to) = HeaderValue::from_str(&format!("{}/", uri.path())) {
                response.headers_mut().insert(header::LOCATION, to);
            }
            return Some(response);
        }
        return send(shared, &path.join("index.html"), StatusCode::OK);
    }
    send(shared, &path, StatusCode::OK)
}

/// The path of a request as a path inside the site, or `None` for anything that could leave it:
/// `..` in any spelling (`%2e%2e`, `%2F`, backslashes), hidden files, NUL bytes.
pub(crate) fn relative_path(request: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(request)
        .decode_utf8()
        .ok()?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let mut parts = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" => {}
            _ if part.starts_with('.') => return None,
            _ => parts.push(part),
        }
    }
    let rel = parts.join("/");
    // Re-decoding must not reveal more: `%252e%252e` is a file named `%2e%2e`, which the site
    // cannot have, and is refused rather than served from wherever it would lead.
    if rel.contains('%') {
        return None;
    }
    Some(rel)
}

fn send(shared: &Shared, path: &Path, status: StatusCode) -> Option<Response> {
    let inside = inside(&shared.site_dir, path)?;
    let bytes = std::fs::read(&inside).ok()?;
    if inside.extension().is_some_and(|e| e == "html") {
        return Some(html(shared, status, &bytes));
    }
    let mime = mime_guess::from_path(&inside).first_or_octet_stream();
    let mut response = (status, bytes).into_response();
    set_type(&mut response, mime.essence_str());
    Some(response)
}

/// `path` if, with every link followed, it is still inside `dir`.
fn inside(dir: &Path, path: &Path) -> Option<PathBuf> {
    let real = path.canonicalize().ok()?;
    let dir = dir.canonicalize().ok()?;
    real.starts_with(&dir).then_some(real)
}

fn not_found(shared: &Shared) -> Response {
    let page = shared.site_dir.join("404.html");
    // Before the first build has succeeded there is no 404 page; an empty one still carries the
    // problem and the script that reloads once it is fixed.
    send(shared, &page, StatusCode::NOT_FOUND).unwrap_or_else(|| {
        let empty = "<!doctype html><html><head><meta charset=\"utf-8\"><title>canting</title></head><body></body></html>";
        html(shared, StatusCode::NOT_FOUND, empty.as_bytes())
    })
}

/// An HTML page with the live-reload script, and the current problem over it so that it shows
/// even without JavaScript.
fn html(shared: &Shared, status: StatusCode, bytes: &[u8]) -> Response {
    let page = String::from_utf8_lossy(bytes);
    let problem = shared.live.read().ok().and_then(|l| l.problem.clone());
    let mut extra = String::new();
    if let Some(text) = problem {
        extra.push_str(&overlay(&text));
    }
    extra.push_str(&format!("<script src=\"{PREFIX}live.js\"></script>"));
    let body = match page.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &page[..at], &page[at..]),
        None => format!("{page}{extra}"),
    };
    let mut response = (status, Body::from(body)).into_response();
    set_type(&mut response, "text/html; charset=utf-8");
    response
}

/// The same box `live.js` draws, for a page loaded while there is a problem.
fn overlay(text: &str) -> String {
    format!(
        "<div id=\"canting-problem\" role=\"alert\" style=\"{}\"><strong>{}</strong><pre style=\"{}\">{}</pre></div>",
        OVERLAY_STYLE,
        crate::escape::html(&t!("serve.overlay_title")),
        TEXT_STYLE,
        crate::escape::html(text)
    )
}

const TEXT_STYLE: &str = "white-space:pre-wrap;margin:.5em 0 0";
const OVERLAY_STYLE: &str = "position:fixed;inset:auto 0 0 0;max-height:70vh;overflow:auto;z-index:2147483647;background:#fff4f4;color:#5c0000;border-top:4px solid #b00020;padding:1em;font:14px/1.4 monospace";

fn set_type(response: &mut Response, mime: &str) {
    if let Ok(value) = HeaderValue::from_str(mime) {
        response.headers_mut().insert(header::CONTENT_TYPE, value);
    }
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}

#[cfg(test)]
mod tests {
    use super::relative_path;

    #[test]
    fn paths_that_could_leave_the_site_are_refused() {
        assert_eq!(
            relative_path("/motifs/kawung/").as_deref(),
            Some("motifs/kawung")
        );
        assert_eq!(relative_path("/").as_deref(), Some(""));
        assert_eq!(relative_path("/en/print/").as_deref(), Some("en/print"));
        for bad in [
            "/../etc/passwd",
            "/motifs/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/..%2f..%2fetc/passwd",
            "/..%5c..%5cwindows",
            "/%252e%252e/etc/passwd",
            "/.canting-output",
            "/a%00b",
        ] {
            assert_eq!(relative_path(bad), None, "{bad}");
        }
    }
}
