//! `loket privacy`: the rights of a resident under the AVG for a household. `export` gives a
//! copy of everything held about it, including who looked at it (inzage); `forget` erases it
//! (recht op vergetelheid). Both are in the audit log, with ids and the reason only.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use chrono::Utc;
use clap::{Args, Subcommand};
use loket::safe_text::json_for_screen;
use loket::store::Store;
use loket::store::safe_file::{self, OutputError, Replace};

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
    /// Schrijf naar dit nieuwe bestand (alleen leesbaar voor jou) in plaats van naar het
    /// scherm. Nooit naar een symbolische koppeling of de database.
    #[arg(long, value_name = "BESTAND")]
    out: Option<PathBuf>,
    /// Vervang een bestaand gewoon bestand op die plek.
    #[arg(long, requires = "out")]
    force: bool,
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
    let replace = if args.force {
        Replace::PlainFile
    } else {
        Replace::Never
    };
    // Refused before the export is made and audited: nothing leaves the database for a
    // target that cannot take it.
    if let Some(path) = &args.out {
        safe_file::check_target(path, replace, Some(store.path())).map_err(force_hint)?;
    }
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
            // Personal data of a resident: readable for the owner only.
            safe_file::write_new(
                &path,
                format!("{json}\n").as_bytes(),
                replace,
                safe_file::PRIVATE,
                Some(store.path()),
            )
            .map_err(force_hint)?;
            println!(
                "Huishouden {} geëxporteerd naar {}: {} intake(s), {} wachtrij-item(s), {} \
                 traject(en), {} regel(s) inzage.",
                args.household,
                path.display(),
                export.intakes.len(),
                export.queue_items.len(),
                export.cases.len(),
                export.access.len()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `--force` may replace an existing plain file: say so where it applies.
fn force_hint(error: OutputError) -> OutputError {
    match error {
        OutputError::Exists { path, .. } => OutputError::Exists {
            path,
            force_allowed: true,
        },
        other => other,
    }
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
    println!("Trajecten verwijderd: {}", report.regie_cases);
    println!("Plannen van aanpak verwijderd: {}", report.plans);
    println!("Kladversies verwijderd: {}", report.drafts);
    if !report.wal_cleared {
        println!(
            "Let op: een ander Loket-proces leest nog, dus oude pagina's staan nog in het \
             WAL-bestand. Draai `loket purge` als niemand Loket gebruikt."
        );
    }
    Ok(ExitCode::SUCCESS)
}
