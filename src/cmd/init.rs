use std::process::ExitCode;

use crate::cli::InitArgs;

pub fn run(_args: InitArgs) -> ExitCode {
    eprintln!("not yet");
    ExitCode::from(2)
}
