//! Command-line interface: argument parsing and dispatch to the library.

mod audit;
mod demo;
mod identity;
mod kaart_io;
mod maintenance;
mod plan;
mod privacy;
mod purge;
mod queue;
mod report;
mod route;
mod search;
mod table;
mod user;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use loket::domain::ReferenceData;
use loket::domain::policy::Permission;
use loket::store::{AuditKey, Store};

use identity::{Actor, Pins};

/// Loket: de sociale kaart, intake en wachtrij voor de frontoffice van het sociaal domein.
#[derive(Debug, Parser)]
#[command(name = "loket", version, about)]
pub struct Cli {
    /// Het databasebestand (standaard in de gegevensmap van deze gebruiker).
    #[arg(long, global = true, env = "LOKET_DB", value_name = "PAD")]
    pub db: Option<PathBuf>,

    /// Meld je aan met dit Loket-account; nodig voor privacy, audit, user, purge, backup,
    /// restore, export en plan.
    #[arg(long, global = true, value_name = "NAAM")]
    pub als: Option<String>,

    /// Lees pincodes van standaardinvoer, één per regel: eerst die van --als, dan een nieuwe
    /// (user add, user reset-pin). Zonder deze optie vraagt Loket ze in de terminal.
    #[arg(long, global = true)]
    pub pin_stdin: bool,

    /// Het bestand met de auditsleutel (standaard `auditsleutel` in de configuratiemap; wordt
    /// bij het eerste gebruik gemaakt). Nooit naast de database; bewaar een kopie bij de back-ups.
    #[arg(long, global = true, env = "LOKET_AUDITSLEUTEL", value_name = "PAD")]
    pub auditsleutel: Option<PathBuf>,

    /// Open de demodatabase naast de echte (loket-demo.db): verzonnen gegevens om rond te kijken.
    #[arg(long)]
    pub demo: bool,

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
    /// Plannen van aanpak: `plan list` (jouw plannen, zonder namen) en `plan afdrukken` (PDF
    /// voor de inwoner). Vraagt --als en de pincode van een medewerker of coördinator.
    #[command(subcommand)]
    Plan(plan::PlanCommand),
    /// Vul de database met verzonnen demogegevens: intakes, huishoudens en wachtrij.
    Demo(demo::DemoArgs),
    /// Anonieme cijfers over hele maanden (afgerond op 5, kleine aantallen als <5, verborgen als
    /// ×): tabel, CSV of JSON.
    Report(report::ReportArgs),
    /// Het auditlog: wie wat bekeek of deed (--user, --household, --since), en `audit verify`.
    Audit(audit::AuditArgs),
    /// Rechten van inwoners (AVG): inzage in alles over een huishouden, of het wissen ervan.
    #[command(subcommand)]
    Privacy(privacy::PrivacyCommand),
    /// Pas de bewaartermijnen nu toe (gebeurt ook dagelijks bij het starten).
    Purge(purge::PurgeArgs),
    /// De verwijs-scan testen: `route check GEVALLEN.toml` toont per geval route, team,
    /// urgentie en waarom, en eindigt met 1 als een geval afwijkt van wat verwacht is.
    #[command(subcommand)]
    Route(route::RouteCommand),
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

/// The audit key's file: `--auditsleutel`/`LOKET_AUDITSLEUTEL`, else `auditsleutel` in the
/// configuration folder, next to `config.toml`.
fn audit_key_path(explicit: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(path) = explicit {
        return Ok(path);
    }
    let dir = loket::config::config_dir().context(
        "kan de configuratiemap van deze gebruiker niet bepalen; geef --auditsleutel PAD op",
    )?;
    Ok(dir.join(AUDIT_KEY_FILE))
}

/// The key file's name in the configuration folder.
const AUDIT_KEY_FILE: &str = "auditsleutel";

/// Opens the database with its audit key (made on first use); a database created by this call
/// gets the sample kaart, so that a first start shows a working kaart at once.
fn open_store(
    path: &std::path::Path,
    seed_sample: bool,
    key: &std::path::Path,
    reference: &Arc<ReferenceData>,
) -> Result<Store> {
    let opened = Store::open(path)?;
    let mut store = opened.store;
    store.use_reference(Arc::clone(reference));
    store.use_audit_key(AuditKey::load_or_create(key)?)?;
    if opened.created && seed_sample {
        loket::interop::load_sample(&mut store).context("laden van de voorbeeldkaart mislukt")?;
    }
    Ok(store)
}

pub fn run(cli: Cli, started: std::time::Instant) -> Result<ExitCode> {
    let path = database_path(cli.db)?;
    let path = if cli.demo {
        loket::demo::demo_path(&path)
    } else {
        path
    };
    let key = audit_key_path(cli.auditsleutel)?;
    let reference = loket::reference_files::reference_data(loket::config::config_dir().as_deref())?;
    // The desk shows these in its status line; a command says them before it starts.
    if cli.command.is_some() {
        for problem in &reference.problems {
            eprintln!("Waarschuwing: {problem}");
        }
    }
    let open_store =
        |path: &std::path::Path, seed_sample| open_store(path, seed_sample, &key, &reference);
    let mut pins = Pins::new(cli.pin_stdin);
    let als = cli.als.as_deref();
    let mut sign_in = |store: &mut Store, permission: Permission, command: &str| -> Result<Actor> {
        identity::sign_in(store, als, &mut pins, permission, command)
    };
    match cli.command {
        None if cli.demo => {
            let mut store = demo::open_for_screen(&path, &reference)?;
            store.use_audit_key(AuditKey::load_or_create(&key)?)?;
            loket::tui::run(store, &path, started)?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            loket::tui::run(open_store(&path, true)?, &path, started)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Import(args)) => kaart_io::import(&mut open_store(&path, false)?, args),
        Some(Command::Export(args)) => {
            let mut store = open_store(&path, true)?;
            let actor = sign_in(&mut store, Permission::ManageKaart, "export")?;
            kaart_io::export(&store, args, &actor)
        }
        Some(Command::Search(args)) => search::run(&open_store(&path, true)?, args),
        Some(Command::User(command)) => {
            let mut store = open_store(&path, true)?;
            // The one command without an account: the first beheerder of an empty database.
            let first = als.is_none() && command.adds_beheerder() && store.user_count()? == 0;
            let actor = if first {
                None
            } else {
                Some(sign_in(&mut store, Permission::ManageAccounts, "user")?)
            };
            user::run(&mut store, command, actor.as_ref(), &mut pins)
        }
        Some(Command::Queue(command)) => queue::run(&open_store(&path, true)?, command),
        Some(Command::Plan(command)) => {
            let mut store = open_store(&path, false)?;
            let actor = sign_in(&mut store, Permission::WorkQueue, "plan")?;
            plan::run(&store, command, &actor)
        }
        Some(Command::Demo(args)) => demo::run(&mut open_store(&path, true)?, args),
        Some(Command::Report(args)) => report::run(&open_store(&path, true)?, args),
        Some(Command::Audit(args)) => {
            let mut store = open_store(&path, false)?;
            let actor = sign_in(&mut store, Permission::ViewAudit, "audit")?;
            audit::run(&store, args, &actor)
        }
        Some(Command::Privacy(command)) => {
            let mut store = open_store(&path, false)?;
            let actor = sign_in(&mut store, Permission::ServePrivacyRights, "privacy")?;
            privacy::run(&mut store, command, &actor)
        }
        Some(Command::Purge(args)) => {
            let mut store = open_store(&path, false)?;
            let actor = sign_in(&mut store, Permission::MaintainDatabase, "purge")?;
            purge::run(&mut store, args, &actor)
        }
        Some(Command::Route(command)) => {
            // The kaart (for the advice of a case) is the only thing read from the database.
            let store = if route::needs_kaart(&command)? {
                Some(open_store(&path, true)?)
            } else {
                None
            };
            route::run(store.as_ref(), &reference, command)
        }
        Some(Command::Check) => maintenance::check(&path),
        Some(Command::Backup(args)) => {
            maintenance::ensure_exists(&path)?;
            let mut store = open_store(&path, false)?;
            let actor = sign_in(&mut store, Permission::MaintainDatabase, "backup")?;
            maintenance::backup(&store, args, &actor)
        }
        Some(Command::Restore(args)) => {
            let mut store = open_store(&path, false)?;
            let actor = sign_in(&mut store, Permission::MaintainDatabase, "restore")?;
            maintenance::restore(&mut store, args, &actor)
        }
    }
}
