//! One file per command: reads its arguments, runs the library and tells the volunteer what
//! happened, in their language. Nothing else in canting prints.

pub mod build;
pub mod check;
pub mod init;
pub mod new;
pub mod serve;
