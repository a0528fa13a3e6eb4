//! The `loket` binary: no subcommand opens the full-screen program; subcommands are headless.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let args = cli::Cli::parse();
    match cli::run(args, started) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("loket: fout: {error:#}");
            ExitCode::FAILURE
        }
    }
}
