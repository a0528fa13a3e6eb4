use std::path::PathBuf;

use crate::store::StoreError;
use crate::store::safe_file::OutputError;

/// Why an import stopped. Nothing has been written when one of these is returned. Messages are
/// Dutch and name the file, and where it applies the row and column, so the source can be fixed.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path} bestaat niet")]
    NotFound { path: PathBuf },
    #[error("kan {path} niet lezen: {}", crate::store::dutch_io(.cause))]
    Unreadable {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error(
        "{path} is geen gewoon bestand (een apparaat, FIFO of socket); Loket leest alleen bestanden"
    )]
    NotAFile { path: PathBuf },
    #[error(
        "{path} is groter dan {limit_mb} MB, de grens per bestand voor een import; splits het bestand of controleer of het wel een sociale kaart is"
    )]
    TooLarge { path: PathBuf, limit_mb: u64 },
    #[error(
        "{path} is geen map met HSDS-CSV-bestanden, geen datapackage.json en geen .json-bestand"
    )]
    UnknownFormat { path: PathBuf },
    #[error("geen services.csv gevonden in {path}; een HSDS-pakket heeft ten minste services.csv")]
    NoServicesFile { path: PathBuf },
    #[error("{file} bevat geen bruikbare diensten")]
    NoServices { file: String },
    #[error("{file} bevat geen diensten of organisaties")]
    NoServicesOrOrganizations { file: String },
    #[error("{file}, rij {row} (regel {line}): {problem}; het bestand kan niet worden gelezen")]
    Csv {
        file: String,
        row: usize,
        line: usize,
        problem: String,
    },
    #[error("{file}: de verplichte kolom '{column}' ontbreekt (gevonden kolommen: {found})")]
    MissingColumn {
        file: String,
        column: String,
        found: String,
    },
    #[error("{file}, regel {line}, kolom {column}: geen geldige JSON: {problem}")]
    Json {
        file: String,
        line: usize,
        column: usize,
        problem: String,
    },
    #[error("{url}: {problem}; er is niets opgeslagen")]
    Api { url: String, problem: String },
    #[error("opslaan mislukt, de database is ongewijzigd gebleven: {0}")]
    Store(#[from] StoreError),
}

/// Why an export stopped.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("kan {path} niet schrijven: {}", crate::store::dutch_io(.cause))]
    Write {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error(transparent)]
    Output(#[from] OutputError),
}
