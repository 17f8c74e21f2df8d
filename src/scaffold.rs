//! New sites and new pages: `canting init` and `canting new`.
