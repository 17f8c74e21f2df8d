use std::process::ExitCode;

use crate::cli::ServeArgs;

pub fn run(_args: ServeArgs) -> ExitCode {
    eprintln!("not yet");
    ExitCode::from(2)
}
