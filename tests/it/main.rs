//! canting's integration tests, one crate with a module per area (linked once). They run the real
//! binary on fixture sites (`tests/fixtures/<what-it-proves>/`) and on the sample catalogue, or
//! call the library on them, and read the output back with independent parsers.
//!
//! The browser tests (`browser`, headless Chromium and axe-core; `cms`, Decap CMS with
//! decap-server) and the HTML validator test (`validate`, Java and vnu.jar) are ignored under plain
//! `cargo test`: `bash tests/run` installs what they need and runs them too. The benchmarks `serve::bench_serve_reload` and
//! `images::bench_photos` are ignored as well; only `benches/serve.sh` and `benches/photos.sh` run them.

mod support;

mod browser;
mod build;
mod calendar;
mod cms;
mod check;
mod editor;
mod edits;
mod errors;
mod feeds;
mod fuzz;
mod hostile;
mod images;
mod messages;
mod opendata;
mod promotion;
mod qr;
mod scaffold;
mod search;
mod seo;
mod serve;
mod validate;
mod workflows;
