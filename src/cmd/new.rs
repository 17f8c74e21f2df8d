use std::process::ExitCode;

use crate::cli::NewArgs;

pub fn run(_args: NewArgs) -> ExitCode {
    eprintln!("not yet");
    ExitCode::from(2)
}
