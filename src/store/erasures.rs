//! The register of erased households (`<database>.gewist`), kept beside the database and
//! outside it, so that a restore, which replaces the database, cannot bring an erasure undone:
//! after a restore every household in the register is erased again (see `maintenance`).
//!
//! A household is named by a salted SHA-256 of its id and its creation time. Both are in every
//! back-up of the same database, so the restored household is found again; a household of
//! another database that happens to have the same id is not. The file names no one: it holds
//! a random salt, the hashes and the moments of erasure, 0600 like the database.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::StoreError;

const HEADER: &str = "# Loket: gewiste huishoudens (gezouten hashes). Niet verwijderen: na het \
                      terugzetten van een back-up wist Loket deze huishoudens opnieuw.\n";
const SALT: &str = "zout ";

/// The register beside `database`.
pub fn register_path(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".gewist");
    PathBuf::from(name)
}

/// The hashes of the register, with its salt.
#[derive(Debug)]
pub(super) struct Erasures {
    salt: String,
    hashes: HashSet<String>,
}

impl Erasures {
    pub(super) fn contains(&self, household_id: i64, created_at: &str) -> bool {
        self.hashes
            .contains(&hash(&self.salt, household_id, created_at))
    }

    pub(super) fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }
}

fn hash(salt: &str, household_id: i64, created_at: &str) -> String {
    let digest = Sha256::digest(format!("{salt}\n{household_id}\n{created_at}"));
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn failed(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    move |source| StoreError::ErasureRegister {
        path: path.to_path_buf(),
        cause: source,
    }
}

fn open_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.read(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // A link planted at the register's name must not make Loket append elsewhere.
        options.custom_flags(libc::O_NOFOLLOW).mode(0o600);
    }
    options
}

/// Opens the register, creating it with a fresh salt when it is not there yet.
fn open_or_create(path: &Path) -> Result<File, StoreError> {
    match open_options().open(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        opened => return opened.map_err(failed(path)),
    }
    let mut salt = [0u8; 32];
    getrandom::fill(&mut salt).map_err(|e| failed(path)(io::Error::other(e.to_string())))?;
    let salt: String = salt.iter().map(|b| format!("{b:02x}")).collect();
    match open_options().create_new(true).open(path) {
        Ok(mut file) => {
            file.write_all(format!("{HEADER}{SALT}{salt}\n").as_bytes())
                .map_err(failed(path))?;
            Ok(file)
        }
        // Another process created it a moment ago.
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            open_options().open(path).map_err(failed(path))
        }
        Err(e) => Err(failed(path)(e)),
    }
}

fn parse(path: &Path, text: &str) -> Result<Erasures, StoreError> {
    let damaged = || {
        failed(path)(io::Error::new(
            io::ErrorKind::InvalidData,
            "het register is beschadigd",
        ))
    };
    let mut salt = None;
    let mut hashes = HashSet::new();
    for line in text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        if let Some(value) = line.strip_prefix(SALT) {
            salt = Some(value.trim().to_string());
        } else {
            let hash = line.split(' ').next().unwrap_or_default();
            if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(damaged());
            }
            hashes.insert(hash.to_string());
        }
    }
    Ok(Erasures {
        salt: salt.ok_or_else(damaged)?,
        hashes,
    })
}

/// Adds a household to the register of `database` and flushes it to disk. Called inside the
/// erasure's transaction, before its commit: a register line for an erasure that then failed
/// only erases that household again after a restore, while a missing line would bring it back.
pub(super) fn record(
    database: &Path,
    household_id: i64,
    created_at: &str,
    erased_at: &str,
) -> Result<(), StoreError> {
    let path = register_path(database);
    let mut file = open_or_create(&path)?;
    let mut text = String::new();
    file.seek(SeekFrom::Start(0)).map_err(failed(&path))?;
    file.read_to_string(&mut text).map_err(failed(&path))?;
    let register = parse(&path, &text)?;
    let line = format!(
        "{} {erased_at}\n",
        hash(&register.salt, household_id, created_at)
    );
    // One write on a file opened for appending: concurrent erasures never interleave.
    file.write_all(line.as_bytes()).map_err(failed(&path))?;
    file.sync_all().map_err(failed(&path))
}

/// The register of `database`; empty when no household was ever erased.
pub(super) fn load(database: &Path) -> Result<Erasures, StoreError> {
    let path = register_path(database);
    let mut text = String::new();
    match open_options().open(&path) {
        Ok(mut file) => file.read_to_string(&mut text).map_err(failed(&path))?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok(Erasures {
                salt: String::new(),
                hashes: HashSet::new(),
            });
        }
        Err(e) => return Err(failed(&path)(e)),
    };
    parse(&path, &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recorded_household_is_found_by_id_and_creation_time_only() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("loket.db");
        assert!(load(&db).unwrap().is_empty());
        record(&db, 3, "2026-11-01T09:00:00Z", "2026-12-06T10:00:00Z").unwrap();
        record(&db, 4, "2026-11-02T09:00:00Z", "2026-12-06T10:01:00Z").unwrap();
        let register = load(&db).unwrap();
        assert!(register.contains(3, "2026-11-01T09:00:00Z"));
        assert!(register.contains(4, "2026-11-02T09:00:00Z"));
        assert!(
            !register.contains(3, "2026-11-05T09:00:00Z"),
            "another database"
        );
        assert!(!register.contains(5, "2026-11-01T09:00:00Z"));
        let text = std::fs::read_to_string(register_path(&db)).unwrap();
        assert!(
            !text.contains("2026-11-01"),
            "no creation times in clear: {text}"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(register_path(&db)).unwrap().permissions();
            assert_eq!(mode.mode() & 0o777, 0o600);
        }
    }

    #[test]
    fn a_damaged_register_is_an_error_not_an_empty_one() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("loket.db");
        std::fs::write(register_path(&db), "zout ab\nkapot\n").unwrap();
        let error = load(&db).unwrap_err();
        assert!(error.to_string().contains("gewiste huishoudens"), "{error}");
    }
}
