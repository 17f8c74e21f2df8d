//! canting: a static site generator for batik promotion catalogues.
//!
//! A build runs one way through these stages:
//! **load → parse → validate** (`config`, `content`, with `yaml` and `contact` at the edge),
//! **link** (`site`), **render** (`markdown`, `render`, `theme`, `i18n`) and **write** (`output`).
//! `build` strings them together; `cli` and `report` sit on top. The promotion outputs are parts of
//! their own beside `render`: `calendar` (iCalendar), `seo` (share previews, structured data,
//! sitemap), `feeds` (RSS and Atom), `qr` (QR codes) and `opendata` (the directory as JSON and CSV).

rust_i18n::i18n!("src/messages", fallback = "en");

pub mod build;
pub mod calendar;
pub mod check;
pub mod config;
pub mod contact;
pub mod content;
pub mod diagnostic;
pub mod escape;
pub mod feeds;
pub mod folders;
pub mod i18n;
pub mod images;
pub mod markdown;
pub mod messages;
pub mod model;
pub mod opendata;
pub mod output;
pub mod qr;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod seo;
pub mod serve;
pub mod site;
pub mod theme;
pub mod yaml;
