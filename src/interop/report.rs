//! What an import did: counts, and every value it had to skip or fix, with the file, row and
//! column, so that a functioneel beheerder can correct the source and import again.

use std::collections::BTreeMap;
use std::fmt;

use crate::store::SaveCounts;

/// Where in a file a warning points.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    /// The file as a whole (its encoding, its header).
    File,
    /// A data row, 1-based, not counting the header.
    Row(usize),
    /// A JSON path such as `contents[3].phones[0]`.
    Path(String),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::File => write!(f, "bestand"),
            Place::Row(row) => write!(f, "rij {row}"),
            Place::Path(path) => write!(f, "{path}"),
        }
    }
}

/// One thing the import skipped or repaired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub file: String,
    pub place: Place,
    pub column: Option<String>,
    /// Dutch, for the user: what was wrong and what the import did about it.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.place)?;
        if let Some(column) = &self.column {
            write!(f, ", kolom {column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Whether the counts describe a save, a dry run against a database, or only a read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Read without a database: every record counts as new.
    Read,
    /// `--dry-run`: the counts say what a real import would do; nothing was written.
    DryRun,
    Saved,
}

/// The result of reading (and possibly saving) a kaart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// The path or name the kaart came from.
    pub source: String,
    /// The layout recognised, e.g. "HSDS 3.0 CSV".
    pub layout: String,
    pub outcome: Outcome,
    pub counts: SaveCounts,
    pub warnings: Vec<Warning>,
}

/// At most this many warnings per file are printed; the rest are counted. The full list stays in
/// [`ImportReport::warnings`].
const SHOWN_PER_FILE: usize = 50;

fn counts_line(
    f: &mut fmt::Formatter<'_>,
    label: &str,
    outcome: Outcome,
    created: usize,
    updated: usize,
) -> fmt::Result {
    match outcome {
        Outcome::Read => writeln!(f, "  {label}: {}", created + updated),
        _ => writeln!(f, "  {label}: {created} nieuw, {updated} bijgewerkt"),
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let heading = match self.outcome {
            Outcome::Read => "Gelezen",
            Outcome::DryRun => "Proefimport (er is niets opgeslagen) van",
            Outcome::Saved => "Geïmporteerd",
        };
        writeln!(f, "{heading}: {} ({})", self.source, self.layout)?;
        let c = &self.counts;
        counts_line(
            f,
            "organisaties",
            self.outcome,
            c.organizations_created,
            c.organizations_updated,
        )?;
        counts_line(
            f,
            "locaties",
            self.outcome,
            c.locations_created,
            c.locations_updated,
        )?;
        counts_line(
            f,
            "diensten",
            self.outcome,
            c.services_created,
            c.services_updated,
        )?;
        if self.warnings.is_empty() {
            return writeln!(f, "Geen waarschuwingen.");
        }
        let count = self.warnings.len();
        writeln!(
            f,
            "{count} {}:",
            if count == 1 {
                "waarschuwing"
            } else {
                "waarschuwingen"
            }
        )?;
        let mut by_file: BTreeMap<&str, Vec<&Warning>> = BTreeMap::new();
        for warning in &self.warnings {
            by_file.entry(&warning.file).or_default().push(warning);
        }
        for (file, warnings) in by_file {
            writeln!(f, "  {file}:")?;
            for warning in warnings.iter().take(SHOWN_PER_FILE) {
                writeln!(f, "    {warning}")?;
            }
            if warnings.len() > SHOWN_PER_FILE {
                writeln!(f, "    … en nog {} meer", warnings.len() - SHOWN_PER_FILE)?;
            }
        }
        Ok(())
    }
}

/// Collects warnings while reading; the one place that knows the shape of a warning.
#[derive(Debug, Default)]
pub struct Warnings(Vec<Warning>);

impl Warnings {
    pub fn push(&mut self, file: &str, place: &Place, column: Option<&str>, message: String) {
        self.0.push(Warning {
            file: file.to_string(),
            place: place.clone(),
            column: column.map(str::to_string),
            message,
        });
    }

    pub fn into_vec(self) -> Vec<Warning> {
        self.0
    }
}
