//! Putting a back-up back. The back-up is first prepared beside the database under a private
//! temporary name: decrypted when it is encrypted, checked, migrated to the current schema,
//! every household erased since (the register `<db>.gewist`) erased again, and the restore
//! itself audited, all in one transaction. Only then does it replace the live database, in one
//! step: other desks see the old data or the restored and re-erased data, never a mix, and a
//! failure anywhere before leaves the database unchanged.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Transaction, TransactionBehavior};

use super::encryption::{self, EncryptionError};
use super::erasures::{self, Erasures};
use super::maintenance::{
    MAX_BACKUP_BYTES, MaintenanceError, RestoreReport, check_source, copy_all, inspect,
    open_read_only,
};
use super::safe_file::{NewFile, OutputError, PRIVATE};
use super::{Store, StoreError};
use crate::domain::hours::dutch_local;
use crate::safe_text;

/// Who restores, for the audit rows the restore writes into the restored database.
#[derive(Debug, Clone, Copy)]
pub struct RestoreBy<'a> {
    pub actor: &'a str,
    pub origin: &'a str,
    pub now: DateTime<Utc>,
}

/// The prepared copy beside the database; its file and SQLite's side files go when it drops.
struct Staging {
    file: NewFile,
}

impl Drop for Staging {
    fn drop(&mut self) {
        for suffix in ["-wal", "-shm", "-journal"] {
            let mut side = self.file.temp_path().as_os_str().to_owned();
            side.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(side));
        }
    }
}

impl Store {
    /// Replaces the database with the back-up at `backup` (see the module comment). An
    /// encrypted back-up needs `identity`, the age identity file. A safety copy of the current
    /// database (`<db>.voor-herstel-<tijd>`) is kept so a restore of the wrong file can be
    /// undone; it holds everything the database held, and is as private as a back-up.
    pub fn restore_from(
        &mut self,
        backup: &Path,
        identity: Option<&Path>,
        by: RestoreBy,
    ) -> Result<RestoreReport, MaintenanceError> {
        check_source(backup)?;
        let decrypted =
            encryption::is_encrypted(backup).map_err(|source| MaintenanceError::Unreadable {
                path: backup.to_path_buf(),
                cause: source,
            })?;
        let register = erasures::load(self.path())?;
        let mut staging = Staging {
            file: NewFile::scratch(self.path(), PRIVATE)?,
        };
        let schema_version = if decrypted {
            let identity = identity.ok_or_else(|| EncryptionError::NeedsIdentity {
                path: backup.to_path_buf(),
            })?;
            encryption::decrypt(backup, identity, &mut staging.file, MAX_BACKUP_BYTES)?;
            staging
                .file
                .flush()
                .map_err(|source| MaintenanceError::Unreadable {
                    path: backup.to_path_buf(),
                    cause: source,
                })?;
            inspect(staging.file.temp_path()).map_err(|e| named(e, backup))?
        } else {
            let version = inspect(backup)?;
            let mut copy = rusqlite::Connection::open(staging.file.temp_path())?;
            copy_all(&open_read_only(backup)?, &mut copy)?;
            version
        };
        let (erased_again, already_erased) = {
            let mut staged = Store::open(staging.file.temp_path())?.store;
            // The restore's own rows are chained under this database's key; a back-up sealed
            // under another key is refused here, before anything is replaced.
            if let Some(key) = self.audit_key.clone() {
                staged.use_audit_key(key)?;
            }
            staged.reapply_erasures(&register, backup, schema_version, by)?
        };
        let safety_copy = self.keep_safety_copy(by.now)?;
        copy_all(&open_read_only(staging.file.temp_path())?, &mut self.conn)?;
        Ok(RestoreReport {
            safety_copy,
            schema_version,
            erased_again,
            already_erased,
            decrypted,
        })
    }

    /// Backs the database up as `<db>.voor-herstel-<tijd>`, numbered on when a restore in the
    /// same second left one already.
    fn keep_safety_copy(&self, now: DateTime<Utc>) -> Result<PathBuf, MaintenanceError> {
        let mut base = self.path().as_os_str().to_owned();
        base.push(format!(
            ".voor-herstel-{}",
            dutch_local(now).format("%Y%m%d-%H%M%S")
        ));
        let mut n = 1;
        loop {
            let mut name = base.clone();
            if n > 1 {
                name.push(format!("-{n}"));
            }
            let name = PathBuf::from(name);
            match self.backup_to(&name) {
                Err(MaintenanceError::Output(OutputError::Exists { .. })) if n < 100 => n += 1,
                done => return done.map(|_| name),
            }
        }
    }

    /// Erases again every household of the register that still holds personal data, each with
    /// its own audit row, and audits the restore; one transaction. Returns the households
    /// erased again and how many were erased in the back-up already.
    fn reapply_erasures(
        &mut self,
        register: &Erasures,
        backup: &Path,
        schema_version: usize,
        by: RestoreBy,
    ) -> Result<(Vec<i64>, usize), StoreError> {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let households: Vec<(i64, String)> = if register.is_empty() {
            Vec::new()
        } else {
            self.conn
                .prepare("SELECT id, created_at FROM households ORDER BY id")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?
        };
        let mut erased_again = Vec::new();
        let mut already_erased = 0;
        for (id, created_at) in households {
            if !register.contains(id, &created_at) {
                continue;
            }
            if !self.holds_personal_data(id)? {
                already_erased += 1;
                continue;
            }
            let (_, touched) = self.erase_household(id, by.now)?;
            self.audit(
                by.actor,
                "privacy vergeten",
                &format!("huishouden:{id}"),
                &format!(
                    "gelukt: opnieuw gewist na het terugzetten van een back-up; {}",
                    touched.join(" ")
                ),
                by.origin,
                by.now,
            )?;
            erased_again.push(id);
        }
        let name = backup
            .file_name()
            .map(|n| safe_text::for_log(&n.to_string_lossy()).into_owned())
            .unwrap_or_default();
        self.audit(
            by.actor,
            "back-up teruggezet",
            "database",
            &format!(
                "gelukt: {name} (schemaversie {schema_version}); {} gewist huishouden(s) opnieuw \
                 gewist, {already_erased} al gewist in de back-up",
                erased_again.len()
            ),
            by.origin,
            by.now,
        )?;
        tx.commit()?;
        Ok((erased_again, already_erased))
    }

    /// Whether anything still ties household `id` to its residents: intakes, queue items,
    /// readers or a regisseur. After an erasure none of these is left.
    fn holds_personal_data(&self, id: i64) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM intakes WHERE household_id = ?1)
                     OR EXISTS (SELECT 1 FROM queue_items WHERE household_id = ?1)
                     OR EXISTS (SELECT 1 FROM household_readers WHERE household_id = ?1)
                     OR EXISTS (SELECT 1 FROM households
                                 WHERE id = ?1 AND regisseur IS NOT NULL)",
            )?
            .query_row([id], |r| r.get(0))?)
    }
}

/// An error about the decrypted copy names the back-up the user gave, not the temporary file.
fn named(error: MaintenanceError, backup: &Path) -> MaintenanceError {
    let path = backup.to_path_buf();
    match error {
        MaintenanceError::Damaged { problems, .. } => MaintenanceError::Damaged { path, problems },
        MaintenanceError::Store(StoreError::NotADatabase { .. }) => {
            MaintenanceError::Store(StoreError::NotADatabase { path })
        }
        MaintenanceError::Store(StoreError::ForeignDatabase { .. }) => {
            MaintenanceError::Store(StoreError::ForeignDatabase { path })
        }
        MaintenanceError::Store(StoreError::TooNew { found, known, .. }) => {
            MaintenanceError::Store(StoreError::TooNew { path, found, known })
        }
        other => other,
    }
}
