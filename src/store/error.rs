use std::path::PathBuf;

/// What can go wrong with the database file. Messages are in Dutch: they reach the user.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "{path} is geen Loket-database (het bestand is van een ander programma); Loket laat het ongemoeid"
    )]
    ForeignDatabase { path: PathBuf },
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
    #[error("kan de map voor de database niet maken: {path}: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
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
    #[error("databasefout: {0}")]
    Sqlite(#[from] rusqlite::Error),
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
    #[error("ongeldige gegevens in de database ({table} {id}): {problem}")]
    Corrupt {
        table: &'static str,
        id: String,
        problem: String,
    },
}
