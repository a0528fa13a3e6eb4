//! Command-line interface: argument parsing and dispatch to the library.

mod audit;
mod demo;
mod kaart_io;
mod maintenance;
mod privacy;
mod purge;
mod queue;
mod report;
mod search;
mod table;
mod user;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use loket::store::Store;

/// Loket: de sociale kaart, intake en wachtrij voor de frontoffice van het sociaal domein.
#[derive(Debug, Parser)]
#[command(name = "loket", version, about)]
pub struct Cli {
    /// Het databasebestand (standaard in de gegevensmap van deze gebruiker).
    #[arg(long, global = true, env = "LOKET_DB", value_name = "PAD")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Importeer een sociale kaart in Open Referral HSDS-formaat (CSV-map, datapackage.json of JSON).
    Import(kaart_io::ImportArgs),
    /// Exporteer de sociale kaart in Open Referral HSDS 3.0.
    Export(kaart_io::ExportArgs),
    /// Zoek op de sociale kaart, in de woorden van de inwoner.
    Search(search::SearchArgs),
    /// Beheer de accounts van vrijwilligers, medewerkers, coördinatoren en beheerders.
    #[command(subcommand)]
    User(user::UserCommand),
    /// De wachtrij, zonder persoonsgegevens: voor scripts en dashboards.
    #[command(subcommand)]
    Queue(queue::QueueCommand),
    /// Vul de database met verzonnen demogegevens: intakes, huishoudens en wachtrij.
    Demo(demo::DemoArgs),
    /// Anonieme cijfers over een periode (kleine aantallen als <5, verborgen als ×): tabel, CSV of JSON.
    Report(report::ReportArgs),
    /// Het auditlog: wie wat bekeek of deed (--user, --household, --since), en `audit verify`.
    Audit(audit::AuditArgs),
    /// Rechten van inwoners (AVG): inzage in alles over een huishouden, of het wissen ervan.
    #[command(subcommand)]
    Privacy(privacy::PrivacyCommand),
    /// Pas de bewaartermijnen nu toe (gebeurt ook dagelijks bij het starten).
    Purge(purge::PurgeArgs),
    /// Controleer de database: integriteit, verwijzingen, schemaversie en aantallen.
    Check,
    /// Maak een gecontroleerde kopie van de database, ook terwijl anderen doorwerken.
    Backup(maintenance::BackupArgs),
    /// Zet een back-up terug; de huidige database wordt eerst apart bewaard.
    Restore(maintenance::RestoreArgs),
}

/// The database path: `--db`/`LOKET_DB`, else `loket.db` in the platform data directory.
fn database_path(explicit: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(path) = explicit {
        return Ok(path);
    }
    let dirs = directories::ProjectDirs::from("nl", "Loket", "loket")
        .context("kan de gegevensmap van deze gebruiker niet bepalen; geef --db PAD op")?;
    Ok(dirs.data_dir().join("loket.db"))
}

/// Who runs a command, for the audit log: the operating-system account ("cli:beheer"). The
/// commands run on the host under personal or service accounts; there is no PIN here.
pub(crate) fn cli_actor() -> String {
    let name = std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .unwrap_or_else(|_| "onbekend".to_string());
    format!("cli:{}", loket::safe_text::for_log(name.trim()))
}

/// Opens the database; a database created by this call gets the sample kaart, so that a first
/// start shows a working kaart at once.
fn open_store(path: &std::path::Path, seed_sample: bool) -> Result<Store> {
    let opened = Store::open(path)?;
    let mut store = opened.store;
    if opened.created && seed_sample {
        loket::interop::load_sample(&mut store).context("laden van de voorbeeldkaart mislukt")?;
    }
    Ok(store)
}

pub fn run(cli: Cli, started: std::time::Instant) -> Result<ExitCode> {
    let path = database_path(cli.db)?;
    match cli.command {
        None => {
            loket::tui::run(open_store(&path, true)?, &path, started)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Import(args)) => kaart_io::import(&mut open_store(&path, false)?, args),
        Some(Command::Export(args)) => kaart_io::export(&open_store(&path, true)?, args),
        Some(Command::Search(args)) => search::run(&open_store(&path, true)?, args),
        Some(Command::User(command)) => user::run(&mut open_store(&path, true)?, command),
        Some(Command::Queue(command)) => queue::run(&open_store(&path, true)?, command),
        Some(Command::Demo(args)) => demo::run(&mut open_store(&path, true)?, args),
        Some(Command::Report(args)) => report::run(&open_store(&path, true)?, args),
        Some(Command::Audit(args)) => audit::run(&open_store(&path, false)?, args),
        Some(Command::Privacy(command)) => privacy::run(&mut open_store(&path, false)?, command),
        Some(Command::Purge(args)) => purge::run(&mut open_store(&path, false)?, args),
        Some(Command::Check) => maintenance::check(&path),
        Some(Command::Backup(args)) => maintenance::backup(&path, args),
        Some(Command::Restore(args)) => maintenance::restore(&path, args),
    }
}
