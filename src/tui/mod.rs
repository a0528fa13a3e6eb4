//! The full-screen program: terminal set-up, the event loop, and the thin layer between keys
//! and the library. Nothing is printed to the terminal while it runs; logging goes to a file.

mod action;
mod app;
mod beheer;
mod catalog_watch;
mod confirm;
mod dispatch;
mod draft_flow;
mod filter_form;
mod form;
mod help;
mod hint;
mod intake_contacts;
mod intake_form;
mod intake_keys;
mod intake_rows;
mod intake_screen;
mod kaart_screen;
mod keymap;
mod picker;
mod plan_editor;
mod plan_form;
mod plan_handover;
mod plan_handover_form;
mod plan_screen;
mod plan_task_pick;
mod question_flow;
mod question_panel;
mod queue_actions;
mod queue_regie;
mod queue_screen;
mod record_form;
mod report_screen;
mod screen;
mod screens;
mod selection;
mod service_form;
mod service_screen;
mod text;
mod theme;
mod worklist_screen;

use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::Result;
use base64::Engine as _;
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind};
use ratatui::layout::Size;

pub use action::Action;
pub use app::{App, Overlay, Phase, Settings, View};
pub use keymap::{Context, Key, Keymap};
pub use screens::draw;
pub use theme::Theme;

use crate::config;
use crate::interop::QuestionSource;
use crate::safe_text;
use crate::search::VocabularySource;
use crate::store::Store;

/// Reads the settings and keymap, with the user's files merged over the defaults. A keymap file
/// that cannot be read or used leaves the default keys, and the keymap says why (the status
/// line shows it at sign-in): a typo there must not keep the desk from starting.
pub fn load_config(dir: Option<&Path>) -> Result<(Settings, Keymap)> {
    let config = config::load(dir)?;
    let settings = Settings {
        origin: crate::host::origin(),
        lock_after: config.lock_after,
        privacy: config.privacy,
        retention: config.retention,
        verify_after_months: config.verify_after_months,
        plan_folder: config.plan_folder,
        ..Settings::default()
    };
    let keymap = match dir {
        Some(dir) => load_keymap(&dir.join("keymap.toml")),
        None => Keymap::builtin(),
    };
    Ok((settings, keymap))
}

/// The keymap with the file at `path` merged over the default; no file is no change.
fn load_keymap(path: &Path) -> Keymap {
    let merged = match std::fs::read_to_string(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Keymap::builtin(),
        Err(e) => Err(e.to_string()),
        Ok(text) => Keymap::with_overrides(&text).map_err(|e| e.to_string()),
    };
    merged.unwrap_or_else(|error| {
        Keymap::builtin().with_problem(text::keymap_not_used(&path.display().to_string(), &error))
    })
}

/// The log file. Log messages quote store errors, which can carry paths and values from the
/// database; every event is written as one line with its newlines escaped (see
/// [`safe_text::for_log`]), so no message can forge a second log line.
struct LogFile(Mutex<File>);

/// One event being formatted; written to the file, escaped, when dropped.
struct LogLine<'a> {
    file: &'a Mutex<File>,
    text: Vec<u8>,
}

impl Write for LogLine<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.text.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for LogLine<'_> {
    fn drop(&mut self) {
        let text = String::from_utf8_lossy(&self.text);
        let line = text.strip_suffix('\n').unwrap_or(&text);
        if let Ok(mut file) = self.file.lock() {
            let _ = writeln!(file, "{}", safe_text::for_log(line));
        }
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for LogFile {
    type Writer = LogLine<'a>;

    fn make_writer(&'a self) -> LogLine<'a> {
        LogLine {
            file: &self.0,
            text: Vec::new(),
        }
    }
}

/// The environment variable that sets what the log keeps, in `tracing`'s filter syntax
/// (`debug`, `loket=debug,warn`); without it, `info` and above.
const LOG_FILTER_VAR: &str = "LOKET_LOG";

/// Sends tracing output to `loket.log` next to the database; never to the terminal.
fn start_logging(database: &Path) {
    let log_path = database.with_file_name("loket.log");
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    // The log names errors about the data, so it is as private as the database.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    if let Ok(file) = options.open(log_path) {
        let filter = tracing_subscriber::EnvFilter::try_from_env(LOG_FILTER_VAR)
            .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
        let _ = tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_writer(LogFile(Mutex::new(file)))
            .with_ansi(false)
            .try_init();
    }
}

/// Bracketed paste on, so a paste arrives as one `Event::Paste` instead of keys that could
/// trigger bindings. ratatui's `init`/`restore` do not know about it, so it is switched off
/// again on a panic too, before ratatui's own hook restores the rest.
fn enable_bracketed_paste() {
    let _ = crossterm::execute!(std::io::stdout(), EnableBracketedPaste);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        disable_bracketed_paste();
        previous(info);
    }));
}

fn disable_bracketed_paste() {
    let _ = crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
}

/// Puts `text` on the clipboard of the terminal (OSC 52); terminals without support ignore it.
fn copy_to_clipboard(text: &str) {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = std::io::stdout();
    let _ = write!(out, "\x1b]52;c;{encoded}\x07");
    let _ = out.flush();
}

/// Applies the bewaartermijnen once a Dutch day, before the catalog loader opens a second
/// connection that could keep the WAL from being emptied. Counts only in the log; a failure is
/// logged and the desk starts anyway, the next start tries again.
fn apply_retention(store: &mut Store, settings: &Settings) {
    match store.purge_if_due(&settings.retention, &settings.origin, chrono::Utc::now()) {
        Ok(Some(report)) => tracing::info!(
            direct_afgehandeld = report.direct_intakes,
            afgesloten = report.closed_cases,
            trajecten = report.regie_cases,
            klad = report.drafts,
            auditlog = report.audit_rows,
            wal_geleegd = report.wal_cleared,
            "bewaartermijnen toegepast"
        ),
        Ok(None) => {}
        Err(e) => tracing::error!("bewaartermijnen niet toegepast: {e}"),
    }
}

/// Runs the full-screen program on the database at `database` until the user quits.
/// `started` is when the process began, for the start-up time in the log; `store` carries the
/// reference data the caller loaded (`reference_files::reference_data`).
pub fn run(mut store: Store, database: &Path, started: Instant) -> Result<()> {
    let config_dir = config::config_dir();
    let (settings, keymap) = load_config(config_dir.as_deref())?;
    start_logging(database);
    tracing::info!("Loket gestart");
    for problem in &store.reference().problems {
        tracing::warn!("{problem}");
    }
    apply_retention(&mut store, &settings);
    let mut app = App::new(store, keymap, settings, chrono::Utc::now)?;
    // On another thread, so the sign-in screen shows at once.
    app.load_catalog(VocabularySource::in_folder(config_dir.as_deref()));
    app.load_questions(QuestionSource::in_folder(config_dir.as_deref()));
    let theme = Theme::from_env();
    let mut terminal = ratatui::init();
    enable_bracketed_paste();
    let result = event_loop(&mut terminal, &mut app, theme, started);
    disable_bracketed_paste();
    ratatui::restore();
    tracing::info!("Loket gestopt");
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    theme: Theme,
    started: Instant,
) -> Result<()> {
    let mut first_frame = true;
    app.size = terminal.size()?;
    while !app.quit {
        if let Some(error) = app.take_catalog_failure() {
            anyhow::bail!("de sociale kaart kon niet worden geladen: {error}");
        }
        terminal.draw(|frame| draw(frame, app, theme))?;
        if first_frame {
            tracing::info!(
                ms = started.elapsed().as_millis() as u64,
                "eerste scherm getekend"
            );
            first_frame = false;
        }
        if let Some(text) = app.clipboard.take() {
            copy_to_clipboard(&text);
        }
        if event::poll(Duration::from_millis(100))? {
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    app.handle_key(key, Instant::now())
                }
                Event::Paste(text) => app.paste(&text, Instant::now()),
                Event::Resize(width, height) => app.size = Size::new(width, height),
                _ => {}
            }
        }
        app.tick(Instant::now());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_message_with_newlines_stays_one_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("loket.log");
        let file = File::create(&path).unwrap();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(LogFile(Mutex::new(file)))
            .with_ansi(false)
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            let error = "geen toegang tot /tmp/x\n2026-11-23T09:00:00Z ERROR loket: vervalst\r";
            tracing::error!("opslaan mislukt: {error}");
            tracing::info!("Loket gestopt");
        });
        let log = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = log.lines().collect();
        assert_eq!(lines.len(), 2, "{log}");
        assert!(lines[0].contains("/tmp/x\\n2026-11-23T09:00:00Z ERROR loket: vervalst\\r"));
        assert!(lines[1].contains("Loket gestopt"));
    }
}
