//! `canting check`: everything a build validates, without writing, and more.
