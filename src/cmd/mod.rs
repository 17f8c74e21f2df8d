//! One file per command: reads its arguments, runs the library and tells the volunteer what
//! happened, in their language. Nothing else in canting prints.

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod init;
pub(crate) mod new;
pub(crate) mod serve;
