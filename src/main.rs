//! The `loket` binary: no subcommand opens the full-screen program; subcommands are headless.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let args = cli::Cli::parse();
    if args.command.is_some() {
        quiet_on_closed_pipe();
    }
    match cli::run(args, started) {
        Ok(code) => code,
        Err(error) => {
            // Errors quote names and values from the database or an imported file, which must
            // not reach the terminal as escape sequences.
            let message = format!("{error:#}");
            eprintln!("loket: fout: {}", loket::safe_text::for_screen(&message));
            ExitCode::FAILURE
        }
    }
}

/// A command piped into `head` should stop quietly when the reader is gone, as other Unix
/// tools do, instead of panicking on the failed write. Not for the full-screen program, which
/// must get the chance to save a draft.
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
