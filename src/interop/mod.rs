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

mod build;
mod clean;
mod error;
mod export_csv;
mod export_json;
mod json;
mod phones;
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
use crate::store::{ImportRun, Store};

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

/// Reads a kaart from `path` without a database: every record counts as new.
pub fn read_path(
    path: &Path,
    leefgebieden: &Leefgebieden,
) -> Result<(Kaart, ImportReport), ImportError> {
    read(path, leefgebieden, &KnownIds::default(), Outcome::Read)
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
    let outcome = if dry_run {
        Outcome::DryRun
    } else {
        Outcome::Saved
    };
    let (kaart, report) = read(path, leefgebieden, &known, outcome)?;
    save(store, &kaart, report)
}

/// Imports the embedded sample kaart (`data/kaart`), through the same reader as any package.
pub fn load_sample(store: &mut Store) -> Result<ImportReport, ImportError> {
    let known = KnownIds::of(&store.load_kaart()?);
    let source = "voorbeeldkaart (data/kaart)".to_string();
    let files = CsvFiles::memory(SAMPLE);
    let leefgebieden = store.reference().leefgebieden.clone();
    let (kaart, report) = read_csv(
        files,
        source,
        &leefgebieden,
        &known,
        Outcome::Saved,
        Default::default(),
    )?;
    save(store, &kaart, report)
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
/// JSON a file.
pub fn export(
    kaart: &Kaart,
    leefgebieden: &Leefgebieden,
    path: &Path,
    format: ExportFormat,
    target: &ExportTarget,
) -> Result<(), ExportError> {
    match format {
        ExportFormat::HsdsCsv => export_csv::write(kaart, leefgebieden, path, target),
        ExportFormat::HsdsJson => export_json::write(kaart, leefgebieden, path, target),
    }
}

fn save(
    store: &mut Store,
    kaart: &Kaart,
    mut report: ImportReport,
) -> Result<ImportReport, ImportError> {
    if report.outcome == Outcome::Saved {
        let run = ImportRun {
            source: report.source.clone(),
            services: kaart.services.len(),
            warnings: report.warnings.len(),
            report: report.to_string(),
        };
        report.counts = store.save_kaart(kaart, Some(&run))?;
    }
    Ok(report)
}

fn read(
    path: &Path,
    leefgebieden: &Leefgebieden,
    known: &KnownIds,
    outcome: Outcome,
) -> Result<(Kaart, ImportReport), ImportError> {
    if !path.exists() {
        return Err(ImportError::NotFound {
            path: path.to_path_buf(),
        });
    }
    let source = path.display().to_string();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lower = name.to_lowercase();
    let mut warnings = report::Warnings::default();
    if path.is_dir() || lower == "datapackage.json" {
        let dir = if path.is_dir() {
            path
        } else {
            path.parent().unwrap_or(Path::new("."))
        };
        let files = CsvFiles::folder(dir, &mut warnings)?;
        if !files.has(build::SERVICES) {
            return Err(ImportError::NoServicesFile {
                path: dir.to_path_buf(),
            });
        }
        read_csv(files, source, leefgebieden, known, outcome, warnings)
    } else if lower.ends_with(".json") {
        let bytes = source::read_bounded(path)?;
        read_json(&name, &bytes, source, leefgebieden, known, outcome)
    } else {
        Err(ImportError::UnknownFormat {
            path: path.to_path_buf(),
        })
    }
}

fn read_csv(
    mut files: CsvFiles,
    source: String,
    leefgebieden: &Leefgebieden,
    known: &KnownIds,
    outcome: Outcome,
    warnings: report::Warnings,
) -> Result<(Kaart, ImportReport), ImportError> {
    let layout = files.describe_layout().to_string();
    let (kaart, warnings, counts) = build::build(&mut files, leefgebieden, known, warnings)?;
    if kaart.services.is_empty() {
        return Err(ImportError::NoServices {
            file: "services.csv".to_string(),
        });
    }
    Ok((
        kaart,
        ImportReport {
            source,
            layout,
            outcome,
            counts,
            warnings,
        },
    ))
}

fn read_json(
    file: &str,
    bytes: &[u8],
    source: String,
    leefgebieden: &Leefgebieden,
    known: &KnownIds,
    outcome: Outcome,
) -> Result<(Kaart, ImportReport), ImportError> {
    let mut warnings = report::Warnings::default();
    let text = source::decode(file, bytes, &mut warnings);
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| ImportError::Json {
        file: file.to_string(),
        line: e.line(),
        column: e.column(),
        problem: json_problem(&e),
    })?;
    let mut flattener = json::Flattener::new(file);
    flattener.root(&value);
    let mut tables = flattener.finish();
    let (kaart, warnings, counts) = build::build(&mut tables, leefgebieden, known, warnings)?;
    if kaart.services.is_empty() && kaart.organizations.is_empty() {
        return Err(ImportError::NoServicesOrOrganizations {
            file: file.to_string(),
        });
    }
    let layout = "HSDS 3.0 JSON".to_string();
    Ok((
        kaart,
        ImportReport {
            source,
            layout,
            outcome,
            counts,
            warnings,
        },
    ))
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
