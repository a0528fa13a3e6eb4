//! The `loket` binary: no subcommand opens the full-screen program; subcommands are headless.

mod cli;

use std::process::ExitCode;

use clap::Parser;
use clap::error::{ContextKind, ContextValue, ErrorKind};

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let args = match cli::Cli::try_parse() {
        Ok(args) => args,
        Err(error) => return usage_error(&error),
    };
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
#[allow(unsafe_code)]
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// clap's own messages are English; help and version it prints itself, every mistake on the
/// command line gets a Dutch message and exit code 2, as clap would give.
fn usage_error(error: &clap::Error) -> ExitCode {
    match dutch_usage_error(error) {
        Some(message) => {
            eprintln!("loket: fout: {message}");
            eprintln!("Typ `loket --help` (of `loket OPDRACHT --help`) voor wat kan.");
            ExitCode::from(2)
        }
        None => {
            let _ = error.print();
            ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2))
        }
    }
}

/// The Dutch message for a mistake on the command line; `None` for help and version.
fn dutch_usage_error(error: &clap::Error) -> Option<String> {
    // What was typed comes back in the message: made safe for the terminal first.
    let context = |kind: ContextKind| {
        let text = match error.get(kind) {
            Some(ContextValue::String(text)) => text.clone(),
            Some(ContextValue::Strings(texts)) => texts.join(", "),
            Some(ContextValue::StyledStr(text)) => text.to_string(),
            Some(ContextValue::StyledStrs(texts)) => texts
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            Some(ContextValue::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        loket::safe_text::for_screen(&text).to_string()
    };
    let argument = context(ContextKind::InvalidArg);
    let value = context(ContextKind::InvalidValue);
    let valid = context(ContextKind::ValidValue);
    let message = match error.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => return None,
        ErrorKind::UnknownArgument => {
            let negative = argument.starts_with('-')
                && argument[1..].starts_with(|c: char| c.is_ascii_digit());
            if negative {
                format!("onverwacht argument '{argument}': een negatief getal kan hier niet")
            } else {
                format!("onbekende optie of onverwacht argument '{argument}'")
            }
        }
        ErrorKind::InvalidSubcommand => format!(
            "onbekende opdracht '{}'",
            context(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::InvalidValue if value.is_empty() => format!("{argument} vraagt een waarde"),
        ErrorKind::InvalidValue if valid.is_empty() => {
            format!("'{value}' is geen geldige waarde voor {argument}")
        }
        ErrorKind::InvalidValue => {
            format!("'{value}' is geen geldige waarde voor {argument}; kies uit: {valid}")
        }
        ErrorKind::ValueValidation => {
            format!("'{value}' is geen geldige waarde voor {argument}")
        }
        ErrorKind::NoEquals => format!("{argument} vraagt een waarde met '=' erachter"),
        ErrorKind::TooManyValues => format!("te veel waarden voor {argument}"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{argument} heeft niet het goede aantal waarden")
        }
        ErrorKind::ArgumentConflict => {
            let prior = context(ContextKind::PriorArg);
            format!("{argument} kan niet samen met {prior}")
        }
        ErrorKind::MissingRequiredArgument => {
            format!("verplicht maar niet opgegeven: {argument}")
        }
        ErrorKind::MissingSubcommand => "er ontbreekt een opdracht".to_string(),
        ErrorKind::InvalidUtf8 => "een argument is geen geldige UTF-8-tekst".to_string(),
        _ => "de opdrachtregel klopt niet".to_string(),
    };
    Some(message)
}
