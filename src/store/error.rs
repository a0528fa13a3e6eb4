use std::io;
use std::path::PathBuf;

use rusqlite::ErrorCode;

/// What can go wrong with the database file. Messages are in Dutch: they reach the user.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "{path} is geen Loket-database (het bestand is van een ander programma); Loket laat het ongemoeid"
    )]
    ForeignDatabase { path: PathBuf },
    #[error("{path} is leeg: geen Loket-database. Loket laat het ongemoeid")]
    Empty { path: PathBuf },
    #[error("{path} is geen SQLite-database of is beschadigd; Loket laat het ongemoeid")]
    NotADatabase { path: PathBuf },
    #[error(
        "{path} is gemaakt door een nieuwere versie van Loket (schemaversie {found}, deze versie kent tot {known}); werk Loket bij"
    )]
    TooNew {
        path: PathBuf,
        found: usize,
        known: usize,
    },
    #[error("kan de map voor de database niet maken: {path}: {}", dutch_io(.cause))]
    CreateDir {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error(
        "{path} staat op een netwerkschijf ({kind}). Daar opent Loket de database niet: op een \
         netwerkschijf werkt de vergrendeling van SQLite niet betrouwbaar, zodat twee balies die \
         tegelijk opslaan het bestand ongemerkt kunnen beschadigen. Zet de database op een lokale \
         schijf van één host, en laat de balies met SSH inloggen op die host, waar een vaste \
         opdracht Loket start (zie de README, \"Eén host, meerdere balies\")"
    )]
    NetworkFileSystem { path: PathBuf, kind: &'static str },
    #[error("bijwerken van het databaseschema mislukt: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// Rendered in Dutch with what to do (see [`dutch_sqlite`]).
    #[error("{}", dutch_sqlite(.0))]
    Sqlite(rusqlite::Error),
    /// Need-to-know refused a look at a personal record; the refusal is audited.
    #[error("Je hebt geen toegang tot dit dossier")]
    NoAccess,
    #[error("huishouden {0} bestaat niet")]
    UnknownHousehold(i64),
    /// An erasure is audited with its reason; without one it does not happen.
    #[error("geef een reden op (zonder persoonsgegevens)")]
    ReasonRequired,
    /// A handover without phone or e-mail: nobody could pick it up. Nothing is stored.
    #[error("{}", crate::domain::validation::UNREACHABLE_HANDOVER)]
    UnreachableHandover,
    /// A Sociaal Team route whose wijk nobody knows: no team would ever pick it up (D9).
    #[error("Kies de wijk of het team: een Sociaal Team zonder wijk kan niemand oppakken")]
    IncompleteRoute,
    #[error(
        "kan het register van gewiste huishoudens {path} niet bijwerken of lezen: {}; er is niets gewist of teruggezet",
        dutch_io(.cause)
    )]
    ErasureRegister { path: PathBuf, cause: io::Error },
    #[error(
        "deze database is ondertekend met een andere auditsleutel dan {key} (onder sleutel sinds \
         {sealed_at}); gebruik de sleutel van deze database (LOKET_AUDITSLEUTEL)"
    )]
    WrongAuditKey { key: PathBuf, sealed_at: String },
    #[error(transparent)]
    AuditKey(#[from] super::AuditKeyError),
    #[error(
        "de controlepunten van het auditlog in {path} zijn niet te lezen of te schrijven: {problem}"
    )]
    AnchorFile { path: PathBuf, problem: String },
    #[error("ongeldige gegevens in de database ({table} {id}): {problem}")]
    Corrupt {
        table: &'static str,
        id: String,
        problem: String,
    },
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e)
    }
}

/// The SQLite errors a user can meet, in Dutch with what to do. The one place that renders
/// them: every database error reaches the user through [`StoreError::Sqlite`].
pub fn dutch_sqlite(error: &rusqlite::Error) -> String {
    let advice = match error.sqlite_error_code() {
        Some(ErrorCode::DatabaseCorrupt) => {
            "de database is beschadigd. Laat niemand meer opslaan, draai `loket check` en zet \
             zo nodig de laatste goede back-up terug met `loket restore`"
        }
        Some(ErrorCode::NotADatabase) => {
            "het bestand is geen database of is beschadigd; controleer het pad (--db), of zet \
             een back-up terug met `loket restore`"
        }
        Some(ErrorCode::SystemIoFailure) => {
            "lezen of schrijven op de schijf mislukte (schijffout, vol of een apparaat in plaats \
             van een bestand). Er is niets half opgeslagen; controleer de schijf en het pad en \
             probeer het opnieuw"
        }
        Some(ErrorCode::DiskFull) => {
            "de schijf is vol. Er is niets opgeslagen; maak ruimte vrij en probeer het opnieuw"
        }
        Some(ErrorCode::CannotOpen) => {
            "het databasebestand kan niet worden geopend: bestaat de map, is het pad geen map, \
             en mag dit account er lezen en schrijven?"
        }
        Some(ErrorCode::PermissionDenied) | Some(ErrorCode::ReadOnly) => {
            "dit account mag de database niet wijzigen; controleer de rechten van het bestand \
             en de map"
        }
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
            "de database bleef bezet door een andere desk; probeer het zo nog eens"
        }
        _ => return format!("databasefout (SQLite: {error})"),
    };
    advice.to_string()
}

/// An input/output error in Dutch; the system's own words only for a kind not named here.
pub fn dutch_io(error: &io::Error) -> String {
    let what = match error.kind() {
        io::ErrorKind::NotFound => "het bestand of de map bestaat niet",
        io::ErrorKind::PermissionDenied => "geen toestemming (rechten van het bestand of de map)",
        io::ErrorKind::AlreadyExists => "bestaat al",
        io::ErrorKind::StorageFull => "de schijf is vol",
        io::ErrorKind::ReadOnlyFilesystem => "de schijf is alleen-lezen",
        io::ErrorKind::IsADirectory => "is een map",
        io::ErrorKind::NotADirectory => "een deel van het pad is geen map",
        io::ErrorKind::InvalidData => "ongeldige gegevens",
        _ => return format!("lees- of schrijffout ({error})"),
    };
    what.to_string()
}
