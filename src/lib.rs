//! canting: a static site generator for batik promotion catalogues.
//!
//! A build runs one way through these stages:
//! **load → parse → validate** (`config`, `content`, with `yaml` and `contact` at the edge),
//! **link** (`site`), **render** (`markdown`, `render`, `theme`, `i18n`) and **write** (`output`).
//! `build` strings them together; `cli` and `report` sit on top.

pub mod build;
pub mod config;
pub mod contact;
pub mod content;
pub mod diagnostic;
pub mod i18n;
pub mod markdown;
pub mod model;
pub mod output;
pub mod render;
pub mod report;
pub mod site;
pub mod theme;
pub mod yaml;
