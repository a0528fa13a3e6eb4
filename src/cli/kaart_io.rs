//! `loket import` and `loket export`: the sociale kaart in and out as Open Referral HSDS.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use loket::interop::{self, ExportFormat, ExportTarget};
use loket::safe_text::for_screen;
use loket::store::Store;
use loket::store::safe_file::Replace;

use super::identity::Actor;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Een map met HSDS-CSV-bestanden (3.0 of 1.x/2.0), de datapackage.json ervan, of een
    /// HSDS-JSON-bestand.
    #[arg(value_name = "PAD")]
    pub path: PathBuf,

    /// Alleen controleren: toon wat de import zou doen en welke waarschuwingen er zijn, zonder
    /// iets op te slaan.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Voor hsds-csv een map (wordt gemaakt), voor hsds-json een bestand.
    #[arg(value_name = "PAD")]
    pub path: PathBuf,

    /// Het formaat van de export.
    #[arg(long, value_enum, default_value_t = Format::HsdsCsv)]
    pub format: Format,

    /// Schrijf ook in een map die niet leeg is of over een bestaand bestand heen.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// HSDS 3.0 tabular data package: CSV-bestanden met datapackage.json.
    HsdsCsv,
    /// HSDS 3.0 JSON: één bestand met een lijst van diensten.
    HsdsJson,
}

/// Imports and prints the report; a failed import is an error (non-zero exit) and leaves the
/// database unchanged.
pub fn import(store: &mut Store, args: ImportArgs) -> Result<ExitCode> {
    let leefgebieden = store.reference().leefgebieden.clone();
    let report = interop::import_path(store, &args.path, &leefgebieden, args.dry_run)
        .with_context(|| format!("import van {} mislukt", args.path.display()))?;
    for line in report.to_string().lines() {
        println!("{}", for_screen(line));
    }
    Ok(ExitCode::SUCCESS)
}

/// Exports the kaart for a signed-in beheerder; the export is audited.
pub fn export(store: &Store, args: ExportArgs, actor: &Actor) -> Result<ExitCode> {
    let format = match args.format {
        Format::HsdsCsv => ExportFormat::HsdsCsv,
        Format::HsdsJson => ExportFormat::HsdsJson,
    };
    if !args.force {
        refuse_to_overwrite(&args.path, format)?;
    }
    let kaart = store
        .load_kaart()
        .context("de kaart kan niet uit de database worden gelezen")?;
    let target = ExportTarget {
        replace: if args.force {
            Replace::PlainFile
        } else {
            Replace::Never
        },
        database: Some(store.path()),
    };
    interop::export(
        &kaart,
        &store.reference().leefgebieden,
        &args.path,
        format,
        &target,
    )?;
    store.audit(
        &actor.audit_name(),
        "kaart geëxporteerd",
        "kaart",
        "gelukt",
        &actor.origin,
        chrono::Utc::now(),
    )?;
    println!(
        "Geëxporteerd naar {}: {} organisaties, {} locaties, {} diensten",
        args.path.display(),
        kaart.organizations.len(),
        kaart.locations.len(),
        kaart.services.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// An export must not silently mix with or replace earlier files.
fn refuse_to_overwrite(path: &Path, format: ExportFormat) -> Result<()> {
    match format {
        ExportFormat::HsdsCsv if path.is_file() => {
            bail!(
                "{} is een bestand; geef voor hsds-csv een map op",
                path.display()
            )
        }
        ExportFormat::HsdsCsv if path.is_dir() => {
            let mut entries = std::fs::read_dir(path)
                .with_context(|| format!("kan {} niet lezen", path.display()))?;
            if entries.next().is_some() {
                bail!(
                    "de map {} is niet leeg; kies een lege map of gebruik --force",
                    path.display()
                );
            }
        }
        ExportFormat::HsdsJson if path.is_dir() => {
            bail!(
                "{} is een map; geef voor hsds-json een bestandsnaam op",
                path.display()
            )
        }
        ExportFormat::HsdsJson if path.exists() => {
            bail!(
                "{} bestaat al; gebruik --force om het te overschrijven",
                path.display()
            )
        }
        _ => {}
    }
    Ok(())
}
