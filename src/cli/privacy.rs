//! `loket privacy`: the rights of a resident under the AVG for a household. `export` gives a
//! copy of everything held about it, including who looked at it (inzage); `forget` erases it
//! (recht op vergetelheid). Both are in the audit log, with ids and the reason only.

use std::io::Write;
#[cfg(unix)]
use std::os::unix::fs::{OpenOptionsExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use chrono::Utc;
use clap::{Args, Subcommand};
use loket::safe_text::json_for_screen;
use loket::store::Store;

use super::identity::Actor;

#[derive(Debug, Subcommand)]
pub enum PrivacyCommand {
    /// Alles wat over een huishouden is vastgelegd, ook wie het inzag, als JSON (inzage).
    Export(ExportArgs),
    /// Wis de persoonsgegevens van een huishouden (recht op vergetelheid); de anonieme
    /// cijfers blijven.
    Forget(ForgetArgs),
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Het nummer van het huishouden.
    #[arg(long, value_name = "H", value_parser = parse_household)]
    household: i64,
    /// Schrijf naar dit bestand (alleen leesbaar voor jou) in plaats van naar het scherm.
    #[arg(long, value_name = "BESTAND")]
    out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ForgetArgs {
    /// Het nummer van het huishouden.
    #[arg(long, value_name = "H", value_parser = parse_household)]
    household: i64,
    /// Waarom, voor het auditlog (bijvoorbeeld het kenmerk van het verzoek); zonder
    /// persoonsgegevens.
    #[arg(long, value_name = "TEKST")]
    reason: String,
}

fn parse_household(text: &str) -> Result<i64, String> {
    match text.trim().parse::<i64>() {
        Ok(id) if id > 0 => Ok(id),
        _ => Err(format!(
            "{:?} is geen huishoudnummer; geef het nummer, bijvoorbeeld 12",
            text.trim()
        )),
    }
}

pub fn run(store: &mut Store, command: PrivacyCommand, actor: &Actor) -> Result<ExitCode> {
    match command {
        PrivacyCommand::Export(args) => export(store, args, actor),
        PrivacyCommand::Forget(args) => forget(store, args, actor),
    }
}

fn export(store: &Store, args: ExportArgs, actor: &Actor) -> Result<ExitCode> {
    let export = store.export_household(
        args.household,
        &actor.audit_name(),
        &actor.origin,
        Utc::now(),
    )?;
    let json = serde_json::to_string_pretty(&export).context("export naar JSON mislukt")?;
    match args.out {
        None => println!("{}", json_for_screen(&json)),
        Some(path) => {
            write_private(&path, &json)
                .with_context(|| format!("kan {} niet schrijven", path.display()))?;
            println!(
                "Huishouden {} geëxporteerd naar {}: {} intake(s), {} wachtrij-item(s), {} \
                 regel(s) inzage.",
                args.household,
                path.display(),
                export.intakes.len(),
                export.queue_items.len(),
                export.access.len()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes the export readable for its owner only: it holds a resident's personal data.
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    options.mode(0o600);
    let mut file = options.open(path)?;
    // `mode` applies to a new file only; an existing one may have been readable to others.
    #[cfg(unix)]
    file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    file.write_all(text.as_bytes())?;
    file.write_all(b"\n")?;
    file.sync_all()
}

fn forget(store: &mut Store, args: ForgetArgs, actor: &Actor) -> Result<ExitCode> {
    let report = store.forget_household(
        args.household,
        &args.reason,
        &actor.audit_name(),
        &actor.origin,
        Utc::now(),
    )?;
    println!("Huishouden {} vergeten:", report.household_id);
    println!("Intakes geanonimiseerd: {}", report.intakes);
    println!("Eerdere versies verwijderd: {}", report.earlier_versions);
    println!("Wachtrij-items ontkoppeld: {}", report.queue_items);
    println!("Notities gewist: {}", report.notes);
    println!("Meelezers verwijderd: {}", report.readers);
    println!("Kladversies verwijderd: {}", report.drafts);
    if !report.wal_cleared {
        println!(
            "Let op: een ander Loket-proces leest nog, dus oude pagina's staan nog in het \
             WAL-bestand. Draai `loket purge` als niemand Loket gebruikt."
        );
    }
    Ok(ExitCode::SUCCESS)
}
