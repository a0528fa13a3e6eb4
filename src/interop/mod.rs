//! HSDS interchange: import and export of the sociale kaart in Open Referral HSDS.
//!
//! Import reads an HSDS tabular data package (a folder of CSV files in the 3.0 or the older
//! 1.x/2.0 layout, or its `datapackage.json`) or HSDS 3.0 JSON. Both become tables that one
//! builder checks value by value: what it cannot use becomes a warning in the [`ImportReport`];
//! only an unreadable source or a missing key column is an [`ImportError`]. Saving is one
//! transaction, so a failed import leaves the database as it was.
//!
//! Export writes HSDS 3.0 (CSV package or JSON) carrying every field of the kaart, so importing
//! an export into an empty database gives the same kaart.

mod api;
mod build;
mod clean;
mod error;
mod export_csv;
mod export_json;
mod json;
mod kept;
mod phones;
mod provincie;
mod records;
mod report;
mod schedules;
mod source;
pub use source::MAX_IMPORT_FILE_BYTES;
mod table;
mod taxonomy;
mod vocab;
mod vragen;

use std::path::Path;

use build::KnownIds;
use source::CsvFiles;

use crate::domain::{Kaart, Leefgebieden};
use crate::store::safe_file::Replace;
use crate::store::{ImportRun, SourceFields, Store};

pub use api::{ApiSettings, Progress};
pub use error::{ExportError, ImportError};
pub use report::{ImportReport, Outcome, Place, Warning};
pub use vragen::QuestionSource;

/// The sample sociale kaart, embedded so a first start works without any files around.
const SAMPLE: [(&str, &[u8]); 10] = [
    (
        "organizations.csv",
        include_bytes!("../../data/kaart/organizations.csv"),
    ),
    (
        "services.csv",
        include_bytes!("../../data/kaart/services.csv"),
    ),
    (
        "locations.csv",
        include_bytes!("../../data/kaart/locations.csv"),
    ),
    (
        "addresses.csv",
        include_bytes!("../../data/kaart/addresses.csv"),
    ),
    (
        "service_at_location.csv",
        include_bytes!("../../data/kaart/service_at_location.csv"),
    ),
    ("phones.csv", include_bytes!("../../data/kaart/phones.csv")),
    (
        "schedules.csv",
        include_bytes!("../../data/kaart/schedules.csv"),
    ),
    (
        "taxonomies.csv",
        include_bytes!("../../data/kaart/taxonomies.csv"),
    ),
    (
        "taxonomy_terms.csv",
        include_bytes!("../../data/kaart/taxonomy_terms.csv"),
    ),
    (
        "attributes.csv",
        include_bytes!("../../data/kaart/attributes.csv"),
    ),
];

/// The two forms `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// A folder with the HSDS 3.0 CSV files and a `datapackage.json`.
    HsdsCsv,
    /// One file: an array of HSDS 3.0 service objects with everything nested.
    HsdsJson,
}

/// A kaart read from a source, with the source fields Loket keeps (see [`kept`]).
pub struct Read {
    pub kaart: Kaart,
    pub kept: SourceFields,
    pub report: ImportReport,
}

/// Reads a kaart from `path` without a database: every record counts as new.
pub fn read_path(
    path: &Path,
    leefgebieden: &Leefgebieden,
) -> Result<(Kaart, ImportReport), ImportError> {
    let read = read(path, leefgebieden, &KnownIds::default(), Outcome::Read)?;
    Ok((read.kaart, read.report))
}

/// Imports `path` into `store` in one transaction, recording the run; with `dry_run` nothing is
/// written and the report says what an import would do. Records are matched by HSDS id, so
/// importing the same data again updates instead of duplicating.
pub fn import_path(
    store: &mut Store,
    path: &Path,
    leefgebieden: &Leefgebieden,
    dry_run: bool,
) -> Result<ImportReport, ImportError> {
    let known = KnownIds::of(&store.load_kaart()?);
    let read = read(path, leefgebieden, &known, Outcome::for_dry_run(dry_run))?;
    save(store, read)
}

/// Imports the kaart an HSDS 3.0 API serves at `url` (its `/services`, page by page) into
/// `store`, like [`import_path`]: one transaction, nothing stored when any request fails,
/// nothing written with `dry_run`. `progress` hears of every page fetched.
pub fn import_api(
    store: &mut Store,
    url: &str,
    leefgebieden: &Leefgebieden,
    dry_run: bool,
    settings: &ApiSettings,
    progress: &mut dyn FnMut(Progress),
) -> Result<ImportReport, ImportError> {
    let known = KnownIds::of(&store.load_kaart()?);
    let documents = api::fetch(url, settings, progress)?;
    let file = "API";
    let mut flattener = json::Flattener::new(file);
    for document in &documents {
        flattener.document(&document.value, &document.root);
    }
    let reading = Reading {
        source: url.trim().to_string(),
        leefgebieden,
        known: &known,
        outcome: Outcome::for_dry_run(dry_run),
    };
    let read = read_tables(flattener, file, reading, report::Warnings::default())?;
    save(store, read)
}

/// Imports the embedded sample kaart (`data/kaart`), through the same reader as any package.
pub fn load_sample(store: &mut Store) -> Result<ImportReport, ImportError> {
    let known = KnownIds::of(&store.load_kaart()?);
    let files = CsvFiles::memory(SAMPLE);
    let leefgebieden = store.reference().leefgebieden.clone();
    let reading = Reading {
        source: "voorbeeldkaart (data/kaart)".to_string(),
        leefgebieden: &leefgebieden,
        known: &known,
        outcome: Outcome::Saved,
    };
    let read = read_csv(files, reading, Default::default())?;
    save(store, read)
}

/// What an export may write over: existing plain files or nothing, and never the files of
/// `database`. Symbolic links are never written through (see `store::safe_file`). The
/// default: new files only, no database to keep clear of.
#[derive(Debug, Clone, Copy)]
pub struct ExportTarget<'a> {
    pub replace: Replace,
    pub database: Option<&'a Path>,
}

impl Default for ExportTarget<'_> {
    fn default() -> Self {
        ExportTarget {
            replace: Replace::Never,
            database: None,
        }
    }
}

/// Writes `kaart` to `path` in HSDS 3.0: for CSV `path` is a folder (created if needed), for
/// JSON a file. `source_fields` are what the imports kept of their sources (see [`kept`]).
pub fn export(
    kaart: &Kaart,
    source_fields: &SourceFields,
    leefgebieden: &Leefgebieden,
    path: &Path,
    format: ExportFormat,
    target: &ExportTarget,
) -> Result<(), ExportError> {
    let kept = kept::Kept::new(source_fields);
    match format {
        ExportFormat::HsdsCsv => export_csv::write(kaart, &kept, leefgebieden, path, target),
        ExportFormat::HsdsJson => export_json::write(kaart, &kept, leefgebieden, path, target),
    }
}

fn save(store: &mut Store, read: Read) -> Result<ImportReport, ImportError> {
    let Read {
        kaart,
        kept,
        mut report,
    } = read;
    if report.outcome == Outcome::Saved {
        let run = ImportRun {
            source: report.source.clone(),
            services: kaart.services.len(),
            warnings: report.warnings.len(),
            report: report.to_string(),
        };
        report.counts = store.save_import(&kaart, &kept, Some(&run))?;
    }
    Ok(report)
}

/// What a read needs besides the source itself.
struct Reading<'a> {
    /// The path or address shown in the report.
    source: String,
    leefgebieden: &'a Leefgebieden,
    known: &'a KnownIds,
    outcome: Outcome,
}

fn read(
    path: &Path,
    leefgebieden: &Leefgebieden,
    known: &KnownIds,
    outcome: Outcome,
) -> Result<Read, ImportError> {
    if !path.exists() {
        return Err(ImportError::NotFound {
            path: path.to_path_buf(),
        });
    }
    let reading = Reading {
        source: path.display().to_string(),
        leefgebieden,
        known,
        outcome,
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lower = name.to_lowercase();
    if path.is_dir() || lower == "datapackage.json" {
        let dir = if path.is_dir() {
            path
        } else {
            path.parent().unwrap_or(Path::new("."))
        };
        let mut warnings = report::Warnings::default();
        let files = CsvFiles::folder(dir, &mut warnings)?;
        if !files.has(build::SERVICES) {
            return Err(ImportError::NoServicesFile {
                path: dir.to_path_buf(),
            });
        }
        read_csv(files, reading, warnings)
    } else if lower.ends_with(".json") {
        let bytes = source::read_bounded(path)?;
        let mut warnings = report::Warnings::default();
        let value = parse_json(&name, &bytes, &mut warnings)?;
        let mut flattener = json::Flattener::new(&name);
        flattener.root(&value);
        read_tables(flattener, &name, reading, warnings)
    } else {
        Err(ImportError::UnknownFormat {
            path: path.to_path_buf(),
        })
    }
}

fn read_csv(
    mut files: CsvFiles,
    reading: Reading,
    warnings: report::Warnings,
) -> Result<Read, ImportError> {
    let layout = files.describe_layout().to_string();
    let built = build::build(&mut files, reading.leefgebieden, reading.known, warnings)?;
    if built.kaart.services.is_empty() {
        return Err(ImportError::NoServices {
            file: "services.csv".to_string(),
        });
    }
    Ok(finish(built, reading, layout))
}

/// Builds the kaart from flattened JSON documents (one file, or the pages of an API).
fn read_tables(
    flattener: json::Flattener,
    file: &str,
    reading: Reading,
    warnings: report::Warnings,
) -> Result<Read, ImportError> {
    let mut tables = flattener.finish();
    let built = build::build(&mut tables, reading.leefgebieden, reading.known, warnings)?;
    if built.kaart.services.is_empty() && built.kaart.organizations.is_empty() {
        return Err(ImportError::NoServicesOrOrganizations {
            file: file.to_string(),
        });
    }
    Ok(finish(built, reading, "HSDS 3.0 JSON".to_string()))
}

fn finish(built: build::Built, reading: Reading, layout: String) -> Read {
    Read {
        kaart: built.kaart,
        kept: kept::to_store(built.kept),
        report: ImportReport {
            source: reading.source,
            layout,
            outcome: reading.outcome,
            counts: built.counts,
            warnings: built.warnings,
        },
    }
}

/// Parses a JSON document, naming file, line and column of a syntax error.
fn parse_json(
    file: &str,
    bytes: &[u8],
    warnings: &mut report::Warnings,
) -> Result<serde_json::Value, ImportError> {
    let text = source::decode(file, bytes, warnings);
    serde_json::from_str(&text).map_err(|e| ImportError::Json {
        file: file.to_string(),
        line: e.line(),
        column: e.column(),
        problem: json_problem(&e),
    })
}

/// A Dutch description of a JSON syntax error (its position is reported separately).
fn json_problem(error: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match error.classify() {
        Category::Eof => "het bestand houdt halverwege op".to_string(),
        Category::Syntax => "syntaxfout".to_string(),
        Category::Data => "onverwachte gegevens".to_string(),
        Category::Io => "leesfout".to_string(),
    }
}
