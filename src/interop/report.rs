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

impl Outcome {
    /// What an import against a database does: a dry run or a save.
    pub fn for_dry_run(dry_run: bool) -> Outcome {
        if dry_run {
            Outcome::DryRun
        } else {
            Outcome::Saved
        }
    }
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

/// At most this many examples are printed per kind of warning; the rest are counted. The full
/// list stays in [`ImportReport::warnings`] (and `--warnings-csv` writes it).
const EXAMPLES_PER_KIND: usize = 3;

/// The kind of a warning: its message with the quoted values left out, so "verwijst naar
/// onbekende organisatie 'a'" and "… 'b'" count as one kind.
fn kind_of(message: &str) -> String {
    let mut kind = String::new();
    let mut quoted = false;
    for c in message.chars() {
        if c == '\'' {
            if !quoted {
                kind.push_str("'…'");
            }
            quoted = !quoted;
        } else if !quoted {
            kind.push(c);
        }
    }
    kind
}

/// `3012` as `3 012`, the Dutch way of grouping thousands.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

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
            "{} {}, per soort:",
            grouped(count),
            if count == 1 {
                "waarschuwing"
            } else {
                "waarschuwingen"
            }
        )?;
        for (kind, warnings) in self.by_kind() {
            writeln!(f, "  {}× {kind}", grouped(warnings.len()))?;
            for warning in warnings.iter().take(EXAMPLES_PER_KIND) {
                writeln!(f, "      {}, {warning}", warning.file)?;
            }
        }
        Ok(())
    }
}

impl ImportReport {
    /// The warnings grouped by kind, the most frequent kind first.
    pub fn by_kind(&self) -> Vec<(String, Vec<&Warning>)> {
        let mut kinds: BTreeMap<String, Vec<&Warning>> = BTreeMap::new();
        for warning in &self.warnings {
            kinds
                .entry(kind_of(&warning.message))
                .or_default()
                .push(warning);
        }
        let mut kinds: Vec<_> = kinds.into_iter().collect();
        kinds.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
        kinds
    }

    /// Every warning as CSV (bestand, plaats, kolom, melding), for the beheerder to work through.
    pub fn warnings_csv(&self) -> Result<Vec<u8>, csv::Error> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(["bestand", "plaats", "kolom", "melding"])?;
        for w in &self.warnings {
            let place = w.place.to_string();
            let column = w.column.as_deref().unwrap_or("");
            writer.write_record([w.file.as_str(), &place, column, &w.message])?;
        }
        writer.into_inner().map_err(|e| e.into_error().into())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_ignore_quoted_values_and_counts_group_thousands() {
        assert_eq!(
            kind_of("verwijst naar onbekende organisatie 'o-1'; koppeling weggelaten"),
            "verwijst naar onbekende organisatie '…'; koppeling weggelaten"
        );
        assert_eq!(grouped(3012), "3 012");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_234_567), "1 234 567");
    }
}
