//! `loket import` and `loket export`: the sociale kaart in and out as Open Referral HSDS.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use loket::interop::{self, ExportFormat, ExportTarget};
use loket::safe_text::for_screen;
use loket::store::Store;
use loket::store::safe_file::{self, PUBLIC, Replace};

use super::identity::Actor;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Een map met HSDS-CSV-bestanden (3.0 of 1.x/2.0), de datapackage.json ervan, een
    /// HSDS-JSON-bestand, of het adres van een HSDS 3.0-API (https://…/services).
    #[arg(
        value_name = "PAD",
        required_unless_present = "api",
        conflicts_with = "api"
    )]
    pub path: Option<PathBuf>,

    /// Haal de kaart op bij een HSDS 3.0-API: het basisadres of het /services-adres.
    #[arg(long, value_name = "URL")]
    pub api: Option<String>,

    /// Voor --api: hoeveel seconden één verzoek mag duren; een verzoek dat mislukt wordt
    /// nog drie keer geprobeerd.
    #[arg(long, value_name = "SECONDEN", default_value_t = 30)]
    pub timeout: u64,

    /// Alleen controleren: toon wat de import zou doen en welke waarschuwingen er zijn, zonder
    /// iets op te slaan.
    #[arg(long)]
    pub dry_run: bool,

    /// Schrijf alle waarschuwingen naar dit CSV-bestand (bestand, plaats, kolom, melding);
    /// een bestaand bestand wordt vervangen.
    #[arg(long, value_name = "PAD")]
    pub warnings_csv: Option<PathBuf>,
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
    let url = args.api.clone().or_else(|| {
        let text = args.path.as_ref()?.to_str()?;
        let is_url = text.starts_with("http://") || text.starts_with("https://");
        is_url.then(|| text.to_string())
    });
    let report = match (&url, &args.path) {
        (Some(url), _) => {
            let settings = interop::ApiSettings {
                timeout: Duration::from_secs(args.timeout.max(1)),
                ..Default::default()
            };
            let bar = progress_bar();
            let mut progress = |p: interop::Progress| {
                if let Some(total) = p.pages_total {
                    bar.set_length(total as u64);
                }
                bar.set_position(p.pages_done as u64);
            };
            let report = interop::import_api(
                store,
                url,
                &leefgebieden,
                args.dry_run,
                &settings,
                &mut progress,
            );
            bar.finish_and_clear();
            report.with_context(|| format!("import van {url} mislukt"))?
        }
        (None, Some(path)) => interop::import_path(store, path, &leefgebieden, args.dry_run)
            .with_context(|| format!("import van {} mislukt", path.display()))?,
        (None, None) => bail!("geef een pad of --api URL op"),
    };
    for line in report.to_string().lines() {
        println!("{}", for_screen(line));
    }
    if let Some(path) = &args.warnings_csv {
        let csv = report
            .warnings_csv()
            .context("de waarschuwingen kunnen niet als CSV worden geschreven")?;
        safe_file::write_new(path, &csv, Replace::PlainFile, PUBLIC, Some(store.path()))
            .with_context(|| format!("kan {} niet schrijven", path.display()))?;
        println!(
            "{} waarschuwingen geschreven naar {}",
            report.warnings.len(),
            for_screen(&path.display().to_string())
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// A bar of pages fetched, on stderr and only on a terminal (a cron job's log stays clean).
fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    let style = ProgressStyle::with_template("{spinner} pagina {pos}/{len} opgehaald {wide_bar}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
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
    let source_fields = store
        .source_fields()
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
        &source_fields,
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
