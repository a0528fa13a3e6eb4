//! Opening a database: check it is ours, set the pragmas, migrate forward.

use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{M, Migrations};

use super::StoreError;
use crate::domain::ReferenceData;
use crate::domain::policy::Privacy;

/// `PRAGMA application_id` of every Loket database: "LOKT".
pub const LOKET_APPLICATION_ID: i32 = 0x4C4F_4B54;

/// How long a writer waits for another process's write to finish before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The schema, one step per release that changed it; never edit a step that has shipped.
const MIGRATION_STEPS: [&str; 23] = [
    include_str!("migrations/001_kaart.sql"),
    include_str!("migrations/002_import_runs.sql"),
    include_str!("migrations/003_accounts.sql"),
    include_str!("migrations/004_seasonal_hours.sql"),
    include_str!("migrations/005_intake.sql"),
    include_str!("migrations/006_queue.sql"),
    include_str!("migrations/007_demo.sql"),
    include_str!("migrations/008_privacy.sql"),
    include_str!("migrations/009_audit_append_only.sql"),
    include_str!("migrations/010_kaart_beheer.sql"),
    include_str!("migrations/011_kaart_worklist.sql"),
    include_str!("migrations/012_intake_answers.sql"),
    include_str!("migrations/013_contacts.sql"),
    include_str!("migrations/014_audit_keyed.sql"),
    include_str!("migrations/017_demo_marker.sql"),
    include_str!("migrations/018_account_sessions.sql"),
    include_str!("migrations/020_consent_asked.sql"),
    include_str!("migrations/021_source_fields.sql"),
    include_str!("migrations/022_melder_danger.sql"),
    include_str!("migrations/023_regie.sql"),
    include_str!("migrations/024_teams_external.sql"),
    include_str!("migrations/025_plan.sql"),
    include_str!("migrations/026_plan_handovers.sql"),
];

/// The step after which the audit rows written so far are chained (see `audit`).
const CHAIN_AUDIT_AFTER: &str = MIGRATION_STEPS[7];

static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::new(
        MIGRATION_STEPS
            .iter()
            .map(|sql| {
                if std::ptr::eq(*sql, CHAIN_AUDIT_AFTER) {
                    M::up_with_hook(sql, super::audit::chain_existing_rows).foreign_key_check()
                } else {
                    M::up(sql)
                }
            })
            .collect(),
    )
});

/// The migrations, in order; exposed so tests can build a database of an older version.
pub fn migrations() -> &'static Migrations<'static> {
    &MIGRATIONS
}

pub fn latest_schema_version() -> usize {
    MIGRATION_STEPS.len()
}

/// An open Loket database.
pub struct Store {
    pub(super) conn: Connection,
    path: PathBuf,
    /// The configurable part of need-to-know (see `access`).
    pub(super) privacy: Privacy,
    /// The key the audit log is chained with; without one, rows get the plain SHA-256 chain
    /// (see `audit_seal`).
    pub(super) audit_key: Option<super::AuditKey>,
    /// Leefgebieden and termijnen for team names and due dates: the embedded ones until the
    /// desk or command line hands over what it loaded (`use_reference`).
    pub(super) reference: Arc<ReferenceData>,
}

/// The outcome of [`Store::open`]: the store, and whether this open created a new database.
pub struct Opened {
    pub store: Store,
    pub created: bool,
}

impl Store {
    /// Opens (or creates) the Loket database at `path`, refusing files that are not Loket's.
    /// Refuses a network file system, where SQLite's locking cannot be trusted. A database it
    /// creates is private to the account that runs Loket (file 0600, new directories 0700).
    pub fn open(path: &Path) -> Result<Opened, StoreError> {
        #[cfg(target_os = "linux")]
        super::fs_guard::check(path)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            create_private_dir(dir).map_err(|source| StoreError::CreateDir {
                path: dir.to_path_buf(),
                cause: source,
            })?;
        }
        create_private_file(path);
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let created = check_is_loket(&conn, path)?;
        configure(&conn)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            privacy: Privacy::default(),
            audit_key: None,
            reference: ReferenceData::embedded(),
        };
        store.migrate()?;
        Ok(Opened { store, created })
    }

    /// Opens an existing database for reading only: never creating, migrating or otherwise
    /// writing it, so `loket check` on the wrong file leaves that file as it was. An empty file
    /// is refused, not taken for a new database.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        if check_is_loket(&conn, path)? {
            return Err(StoreError::Empty {
                path: path.to_path_buf(),
            });
        }
        let found = conn.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))?;
        let known = latest_schema_version();
        if found as usize > known {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found: found as usize,
                known,
            });
        }
        conn.busy_timeout(BUSY_TIMEOUT)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            privacy: Privacy::default(),
            audit_key: None,
            reference: ReferenceData::embedded(),
        })
    }

    /// Reads from now on with the reference data the program loaded at start.
    pub fn use_reference(&mut self, reference: Arc<ReferenceData>) {
        self.reference = reference;
    }

    pub fn reference(&self) -> &Arc<ReferenceData> {
        &self.reference
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<usize, StoreError> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))? as usize)
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let found = self.schema_version()?;
        let known = latest_schema_version();
        if found > known {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found,
                known,
            });
        }
        // Rebuilding a table (as 008 does with `users`) needs foreign keys off, or dropping the
        // old table would cascade; the step checks the keys itself before it commits.
        self.conn.pragma_update(None, "foreign_keys", "OFF")?;
        let migrated = MIGRATIONS.to_latest(&mut self.conn);
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(migrated?)
    }
}

/// Creates the directory and its missing parents, open to their owner only: the database, its
/// WAL, the log and backups of a shared PC hold personal data of residents.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Creates a new database file as 0600 before SQLite does (SQLite would use 0644), so the
/// -wal and -shm files, which SQLite gives the database's mode, are private too. An existing
/// file keeps its mode: the beheerder may have chosen it; a readable one is only warned about.
fn create_private_file(path: &Path) {
    if let Ok(metadata) = std::fs::metadata(path) {
        #[cfg(unix)]
        if std::os::unix::fs::PermissionsExt::mode(&metadata.permissions()) & 0o077 != 0 {
            tracing::warn!(
                "de database {} is leesbaar voor andere accounts op deze computer; zet haar op 0600",
                path.display()
            );
        }
        return;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    // Another desk may have created the file a moment ago, which is fine; any other failure
    // SQLite's own open reports in a moment, with the path.
    let _ = options.open(path);
}

/// Returns whether the file is new (empty), errors when it is not a Loket database. Reads only,
/// so a foreign or damaged file is never changed.
fn check_is_loket(conn: &Connection, path: &Path) -> Result<bool, StoreError> {
    let not_a_database = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase {
            path: path.to_path_buf(),
        },
        _ => StoreError::Sqlite(e),
    };
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(not_a_database)?;
    let application_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(not_a_database)?;
    match (tables, application_id) {
        (0, 0) => Ok(true),
        (_, LOKET_APPLICATION_ID) => Ok(false),
        _ => Err(StoreError::ForeignDatabase {
            path: path.to_path_buf(),
        }),
    }
}

/// The connection settings every Loket process uses: WAL so readers never block the writer,
/// full sync so an acknowledged save survives a power cut, and a busy timeout so concurrent
/// desks wait for each other instead of failing.
fn configure(conn: &Connection) -> Result<(), StoreError> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Erased and anonymised personal data is overwritten, not left in free pages.
    conn.pragma_update(None, "secure_delete", "ON")?;
    // A long-running reader lets the WAL grow past the autocheckpoint; without a limit the file
    // keeps that size for good. With it, the first write after a full checkpoint cuts it back.
    conn.pragma_update(None, "journal_size_limit", 4 * 1024 * 1024)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(())
}
