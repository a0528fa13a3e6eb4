//! Keeping the one database file healthy: checking it, copying it while the desks keep working,
//! putting a copy back, and keeping the write-ahead log from growing after a long read.
//!
//! Copies always go through SQLite's online backup API, never a file copy: a file copy taken
//! while another desk writes can mix pages of two moments, or miss what still sits in the WAL.

use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::encryption::{self, EncryptionError};
use super::error::dutch_io;
use super::open::{LOKET_APPLICATION_ID, latest_schema_version};
use super::safe_file::{NewFile, OutputError, PRIVATE, Replace};
use super::{Store, StoreError};

/// The largest back-up `restore` reads (8 GiB): far above any Loket database, and a stop for a
/// device or a crafted file that would otherwise fill the disk while being decrypted.
pub const MAX_BACKUP_BYTES: u64 = 8 << 30;

/// How long a copy keeps retrying while another desk holds a lock: as long as the busy timeout
/// every Loket connection has, so maintenance is exactly as patient as a save.
const LOCK_PATIENCE: Duration = Duration::from_secs(10);

/// What can go wrong while copying or restoring. Messages are in Dutch: they reach the user.
#[derive(Debug, thiserror::Error)]
pub enum MaintenanceError {
    #[error("{path} bestaat niet")]
    Missing { path: PathBuf },
    #[error(
        "{path} is geen gewoon bestand (een map, apparaat, FIFO of socket); geef het bestand van de back-up op"
    )]
    NotAFile { path: PathBuf },
    #[error(
        "{path} is groter dan {} GB, de grens voor een back-up (MAX_BACKUP_BYTES); dit is geen back-up van Loket",
        MAX_BACKUP_BYTES >> 30
    )]
    TooLarge { path: PathBuf },
    #[error("kan {path} niet lezen: {}", dutch_io(.cause))]
    Unreadable {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error(transparent)]
    Encryption(#[from] EncryptionError),
    #[error("{path} is beschadigd (integriteitscontrole: {})", problems.join("; "))]
    Damaged {
        path: PathBuf,
        problems: Vec<String>,
    },
    #[error(
        "de kopie {path} wijkt af van de database (schemaversie {found}, verwacht {expected}); gebruik haar niet"
    )]
    CopyDiffers {
        path: PathBuf,
        found: usize,
        expected: usize,
    },
    #[error("de database bleef bezet door een andere desk; probeer het zo nog eens")]
    Busy,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for MaintenanceError {
    fn from(e: rusqlite::Error) -> Self {
        MaintenanceError::Store(StoreError::Sqlite(e))
    }
}

/// The outcome of [`Store::check`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// The problems `PRAGMA integrity_check` found; empty when it said "ok".
    pub integrity: Vec<String>,
    /// Rows pointing at something that does not exist, one line each.
    pub foreign_keys: Vec<String>,
    pub schema_version: usize,
    pub latest_version: usize,
    /// What is wrong with the triggers that keep the audit log append-only, one line each.
    pub audit_triggers: Vec<String>,
    /// What the database holds, by Dutch label. Empty when the file is damaged: counting a
    /// damaged file says nothing reliable and may fail half-way.
    pub counts: Vec<(&'static str, i64)>,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.integrity.is_empty()
            && self.foreign_keys.is_empty()
            && self.schema_version <= self.latest_version
            && self.audit_triggers.is_empty()
    }
}

/// A verified copy made by [`Store::backup_to`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupReport {
    pub path: PathBuf,
    pub schema_version: usize,
    pub bytes: u64,
}

/// What [`Store::restore_from`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreReport {
    /// The database as it was just before, to go back to if the wrong copy was restored.
    pub safety_copy: PathBuf,
    /// The schema version of the copy as it was in the back-up; it is migrated on restore.
    pub schema_version: usize,
    /// Households of the back-up that were erased after it was taken, and are erased again.
    pub erased_again: Vec<i64>,
    /// Households in the register that the back-up already held erased.
    pub already_erased: usize,
    /// Whether the back-up was encrypted.
    pub decrypted: bool,
}

/// The WAL after a [`Store::checkpoint`]: frames in the log, and how many of them are now in
/// the database file. Fewer checkpointed than logged means a reader still needs the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WalCheckpoint {
    pub wal_frames: i64,
    pub checkpointed: i64,
}

impl WalCheckpoint {
    pub fn is_complete(&self) -> bool {
        self.checkpointed >= self.wal_frames
    }
}

/// The counts of the report: label and query.
const COUNTS: [(&str, &str); 7] = [
    ("diensten", "SELECT count(*) FROM services"),
    ("organisaties", "SELECT count(*) FROM organizations"),
    ("gebruikers", "SELECT count(*) FROM users"),
    ("intakes", "SELECT count(*) FROM intakes"),
    (
        "wachtrij open",
        "SELECT count(*) FROM queue_items WHERE state <> 'afgerond'",
    ),
    (
        "wachtrij afgerond",
        "SELECT count(*) FROM queue_items WHERE state = 'afgerond'",
    ),
    ("auditregels", "SELECT count(*) FROM audit_log"),
];

impl Store {
    /// Checks the file as SQLite sees it (integrity, foreign keys) and as Loket sees it (schema
    /// version), and counts what it holds, so a beheerder can tell at a glance whether the
    /// database is sound after a crash, a full disk or a restore.
    pub fn check(&self) -> Result<CheckReport, StoreError> {
        let integrity = integrity_problems(&self.conn)?;
        let foreign_keys = foreign_key_problems(&self.conn)?;
        let schema_version = self.schema_version()?;
        let count = |sql: &str| self.conn.query_row(sql, [], |r| r.get::<_, i64>(0));
        let counts = if !integrity.is_empty() {
            Vec::new()
        } else if schema_version == latest_schema_version() {
            COUNTS
                .iter()
                .map(|&(label, sql)| Ok((label, count(sql)?)))
                .collect::<Result<_, StoreError>>()?
        } else {
            // An older schema may lack some tables; `check` never migrates, so skip those.
            COUNTS
                .iter()
                .filter_map(|&(label, sql)| Some((label, count(sql).ok()?)))
                .collect()
        };
        Ok(CheckReport {
            integrity,
            foreign_keys,
            schema_version,
            latest_version: latest_schema_version(),
            // An older schema has the triggers of its time; the next start replaces them.
            audit_triggers: if schema_version == latest_schema_version() {
                self.audit_trigger_problems()?
            } else {
                Vec::new()
            },
            counts,
        })
    }

    /// Writes a consistent copy of the database to `path`, a new file, and verifies it. The
    /// copy is one snapshot even while other desks keep saving: the backup API copies every
    /// page inside a single read transaction. An existing file, a symbolic link or a file of
    /// the database is never written to, so a mistyped name cannot destroy an earlier backup;
    /// the copy is made under a temporary name and only a verified copy gets the name.
    pub fn backup_to(&self, path: &Path) -> Result<BackupReport, MaintenanceError> {
        // A backup holds all the personal data of the database, so it is as private (0600).
        let file = NewFile::create(path, Replace::Never, PRIVATE, Some(self.path()))?;
        let report = self.write_copy(file.temp_path(), path)?;
        file.commit()?;
        Ok(report)
    }

    /// Like [`Store::backup_to`], encrypted to `recipients` (age): the verified plain copy
    /// exists only under a private temporary name beside the target while it is encrypted.
    pub fn backup_encrypted_to(
        &self,
        path: &Path,
        recipients: &[age::x25519::Recipient],
    ) -> Result<BackupReport, MaintenanceError> {
        let mut sealed = NewFile::create(path, Replace::Never, PRIVATE, Some(self.path()))?;
        let plain = NewFile::scratch(path, PRIVATE)?;
        let mut report = self.write_copy(plain.temp_path(), path)?;
        encryption::encrypt(plain.temp_path(), &mut sealed, recipients)?;
        drop(plain);
        sealed.commit()?;
        report.bytes = std::fs::metadata(path)
            .map_err(|source| MaintenanceError::Unreadable {
                path: path.to_path_buf(),
                cause: source,
            })?
            .len();
        Ok(report)
    }

    /// Copies the database into the empty file `file` and verifies the copy; `shown` is the
    /// name the copy will have.
    fn write_copy(&self, file: &Path, shown: &Path) -> Result<BackupReport, MaintenanceError> {
        {
            let mut copy = Connection::open_with_flags(
                file,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            copy_all(&self.conn, &mut copy)?;
        }
        // The copied header says WAL, like the live database. A backup is one file to carry
        // around, so switch it to a rollback journal: readable without -wal and -shm files.
        Connection::open(file)?.pragma_update(None, "journal_mode", "DELETE")?;
        let found = inspect(file)?;
        let expected = self.schema_version()?;
        if found != expected {
            return Err(MaintenanceError::CopyDiffers {
                path: shown.to_path_buf(),
                found,
                expected,
            });
        }
        let bytes = std::fs::metadata(file)
            .map_err(|source| MaintenanceError::Unreadable {
                path: shown.to_path_buf(),
                cause: source,
            })?
            .len();
        Ok(BackupReport {
            path: shown.to_path_buf(),
            schema_version: found,
            bytes,
        })
    }

    /// Copies what it can of the WAL into the database file without waiting for anyone
    /// (PASSIVE): a stronger mode would block every desk's saves until the slowest reader is
    /// done. What a reader still needs stays in the WAL; once it is copied, the next write
    /// starts the WAL over and `journal_size_limit` cuts the file back.
    pub fn checkpoint(&self) -> Result<WalCheckpoint, StoreError> {
        let (wal_frames, checkpointed) =
            self.conn
                .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
                    Ok((r.get::<_, i64>(1)?, r.get::<_, i64>(2)?))
                })?;
        Ok(WalCheckpoint {
            wal_frames,
            checkpointed,
        })
    }
}

/// Verifies a copy on disk without changing it: a Loket database, not from a newer Loket, and
/// `integrity_check` ok. Returns its schema version.
pub(super) fn inspect(path: &Path) -> Result<usize, MaintenanceError> {
    check_source(path)?;
    let conn = open_read_only(path)?;
    let not_a_database = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => MaintenanceError::Store(StoreError::NotADatabase {
            path: path.to_path_buf(),
        }),
        _ => e.into(),
    };
    let application_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(not_a_database)?;
    if application_id != LOKET_APPLICATION_ID {
        return Err(StoreError::ForeignDatabase {
            path: path.to_path_buf(),
        }
        .into());
    }
    let found = conn
        .pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))
        .map_err(not_a_database)? as usize;
    let known = latest_schema_version();
    if found > known {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found,
            known,
        }
        .into());
    }
    let problems = integrity_problems(&conn).map_err(|e| match e {
        StoreError::Sqlite(e) => not_a_database(e),
        other => other.into(),
    })?;
    if !problems.is_empty() {
        return Err(MaintenanceError::Damaged {
            path: path.to_path_buf(),
            problems,
        });
    }
    Ok(found)
}

/// Refuses a back-up that is missing, not a plain file (SQLite would wait forever on a FIFO
/// and read a device without end), or larger than [`MAX_BACKUP_BYTES`]. Follows a symbolic
/// link: a link to a real back-up is fine, and the file it names is what gets checked.
pub(super) fn check_source(path: &Path) -> Result<(), MaintenanceError> {
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(MaintenanceError::Missing {
                path: path.to_path_buf(),
            });
        }
        Err(source) => {
            return Err(MaintenanceError::Unreadable {
                path: path.to_path_buf(),
                cause: source,
            });
        }
    };
    if !metadata.is_file() {
        return Err(MaintenanceError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    if metadata.len() > MAX_BACKUP_BYTES {
        return Err(MaintenanceError::TooLarge {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

pub(super) fn open_read_only(path: &Path) -> Result<Connection, MaintenanceError> {
    Ok(Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?)
}

/// `PRAGMA integrity_check` as a list of problems. Damage bad enough that SQLite stops with an
/// error instead of a row is a problem too, so a damaged file gives a report, not a failure.
fn integrity_problems(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let rows = conn.prepare("PRAGMA integrity_check").and_then(|mut stmt| {
        stmt.query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()
    });
    match rows {
        Ok(rows) => Ok(rows.into_iter().filter(|row| row != "ok").collect()),
        Err(e) if e.sqlite_error_code() == Some(ErrorCode::DatabaseCorrupt) => {
            Ok(vec![e.to_string()])
        }
        Err(e) => Err(e.into()),
    }
}

/// `PRAGMA foreign_key_check` in words: which row points at which missing parent.
fn foreign_key_problems(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt.query_map([], |r| {
        let table: String = r.get(0)?;
        let rowid: Option<i64> = r.get(1)?;
        let parent: String = r.get(2)?;
        Ok(match rowid {
            Some(rowid) => format!("{table} rij {rowid} verwijst naar een ontbrekende {parent}"),
            None => format!("{table} verwijst naar een ontbrekende {parent}"),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Copies every page of `from` into `to` in one step, so the copy is one snapshot (a stepwise
/// copy restarts whenever another desk writes, and might never finish on a busy day). Retries
/// while a lock is held, within [`LOCK_PATIENCE`].
pub(super) fn copy_all(from: &Connection, to: &mut Connection) -> Result<(), MaintenanceError> {
    let backup = Backup::new(from, to)?;
    let deadline = Instant::now() + LOCK_PATIENCE;
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::Busy | StepResult::Locked | StepResult::More
                if Instant::now() < deadline =>
            {
                thread::sleep(Duration::from_millis(50));
            }
            _ => return Err(MaintenanceError::Busy),
        }
    }
}
