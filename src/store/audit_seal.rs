//! The seal: where the audit log went over to its key. The first time a database is opened
//! with a key, the end of the chain so far (plain SHA-256, as every Loket before wrote it) is
//! fixed in a row with an HMAC; every row after it carries an HMAC. The old rows are not
//! rewritten: their chain ends in the sealed hash, so changing one of them still shows, and a
//! chain that was already broken stays reported as broken instead of being made whole.
//!
//! Also here: the triggers that keep the log append-only, as migration 014 defines them, and
//! the check that the database still has exactly those.

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::audit::{GENESIS, chain_end};
use super::columns::timestamp;
use super::{AuditKey, Store, StoreError};

/// The migration that defines every trigger guarding the audit tables.
const TRIGGER_SOURCE: &str = include_str!("migrations/014_audit_keyed.sql");

/// The tables whose triggers are checked: any other trigger on them is foreign too.
const AUDIT_TABLES: [&str; 3] = ["audit_log", "audit_anchor", "audit_seal"];

/// The stored seal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Seal {
    pub at: String,
    pub start_after_id: i64,
    pub start_hash: String,
    pub legacy_up_to_id: i64,
    pub legacy_head_hash: String,
    pub legacy_anchor_id: i64,
    pub key_check: String,
    pub mac: String,
}

impl Seal {
    pub fn expected_mac(&self, key: &AuditKey) -> String {
        key.mac(&[
            "zegel",
            &self.at,
            &self.start_after_id.to_string(),
            &self.start_hash,
            &self.legacy_up_to_id.to_string(),
            &self.legacy_head_hash,
            &self.legacy_anchor_id.to_string(),
            &self.key_check,
        ])
    }
}

pub(super) fn read_seal(conn: &Connection) -> Result<Option<Seal>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT at, start_after_id, start_hash, legacy_up_to_id, legacy_head_hash,
                    legacy_anchor_id, key_check, mac
             FROM audit_seal WHERE id = 1",
        )?
        .query_row([], |r| {
            Ok(Seal {
                at: r.get(0)?,
                start_after_id: r.get(1)?,
                start_hash: r.get(2)?,
                legacy_up_to_id: r.get(3)?,
                legacy_head_hash: r.get(4)?,
                legacy_anchor_id: r.get(5)?,
                key_check: r.get(6)?,
                mac: r.get(7)?,
            })
        })
        .optional()?)
}

/// The HMAC of a retention anchor.
pub(super) fn anchor_mac(
    key: &AuditKey,
    at: &str,
    up_to_id: i64,
    last_hash: &str,
    removed: i64,
) -> String {
    key.mac(&[
        "anker",
        at,
        &up_to_id.to_string(),
        last_hash,
        &removed.to_string(),
    ])
}

impl Store {
    /// From now on this store chains the audit log with `key`. A database that has no seal yet
    /// is sealed now (its chain so far fixed under the key); one sealed with another key is
    /// refused, since rows written with this one would never verify.
    /// The key this store chains its audit rows under, if it was given one: a second database
    /// opened from the same session (the demo database) uses it too.
    pub fn audit_key(&self) -> Option<&AuditKey> {
        self.audit_key.as_ref()
    }

    pub fn use_audit_key(&mut self, key: AuditKey) -> Result<(), StoreError> {
        // Read first: only the one open that seals needs the write lock.
        let seal = match read_seal(&self.conn)? {
            Some(seal) => seal,
            None => {
                let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
                // Another desk may have sealed it in the meantime.
                let seal = match read_seal(&tx)? {
                    Some(seal) => seal,
                    None => seal(&tx, &key)?,
                };
                tx.commit()?;
                seal
            }
        };
        if seal.key_check != key.check_value() {
            return Err(StoreError::WrongAuditKey {
                key: key.path().to_path_buf(),
                sealed_at: seal.at,
            });
        }
        self.audit_key = Some(key);
        Ok(())
    }
}

fn seal(tx: &Transaction, key: &AuditKey) -> Result<Seal, StoreError> {
    let latest_anchor: Option<(i64, i64, String)> = tx
        .query_row(
            "SELECT id, up_to_id, last_hash FROM audit_anchor ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (legacy_anchor_id, start_after_id, start_hash) =
        latest_anchor.unwrap_or((0, 0, GENESIS.to_string()));
    let (legacy_up_to_id, legacy_head_hash) = chain_end(tx)?;
    let mut seal = Seal {
        at: timestamp(chrono::Utc::now()),
        start_after_id,
        start_hash,
        legacy_up_to_id,
        legacy_head_hash,
        legacy_anchor_id,
        key_check: key.check_value(),
        mac: String::new(),
    };
    seal.mac = seal.expected_mac(key);
    tx.execute(
        "INSERT INTO audit_seal (id, at, start_after_id, start_hash, legacy_up_to_id,
                                 legacy_head_hash, legacy_anchor_id, key_check, mac)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            seal.at,
            seal.start_after_id,
            seal.start_hash,
            seal.legacy_up_to_id,
            seal.legacy_head_hash,
            seal.legacy_anchor_id,
            seal.key_check,
            seal.mac
        ],
    )?;
    Ok(seal)
}

/// The guarding triggers as migration 014 wrote them: (name, SQL as SQLite keeps it).
fn expected_triggers() -> Vec<(&'static str, &'static str)> {
    TRIGGER_SOURCE
        .match_indices("CREATE TRIGGER ")
        .filter_map(|(start, _)| {
            let text = &TRIGGER_SOURCE[start..];
            let end = text.find("\nEND;")? + "\nEND".len();
            let name = text["CREATE TRIGGER ".len()..].split_whitespace().next()?;
            Some((name, &text[..end]))
        })
        .collect()
}

/// Whitespace does not change what a trigger does; anything else does.
fn normalised(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What is wrong with the triggers that keep the audit log append-only, one Dutch line each:
/// a trigger that is gone, one whose SQL was changed, one that is not Loket's.
pub(super) fn trigger_problems(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name",
    )?;
    let found: Vec<(String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let expected = expected_triggers();
    let mut problems = Vec::new();
    for (name, sql) in &expected {
        match found.iter().find(|(n, _, _)| n == name) {
            None => problems.push(format!(
                "de trigger {name} ontbreekt: het auditlog is niet meer beschermd tegen wijzigen \
                 en verwijderen"
            )),
            Some((_, _, stored)) if normalised(stored) != normalised(sql) => problems.push(
                format!("de trigger {name} is gewijzigd: hij doet niet meer wat Loket verwacht"),
            ),
            Some(_) => {}
        }
    }
    for (name, table, _) in &found {
        let ours = expected.iter().any(|(n, _)| n == name);
        if !ours && AUDIT_TABLES.contains(&table.as_str()) {
            problems.push(format!(
                "de trigger {name} op {table} is niet van Loket: iemand heeft hem toegevoegd"
            ));
        }
    }
    Ok(problems)
}

impl Store {
    /// [`trigger_problems`] for this database.
    pub fn audit_trigger_problems(&self) -> Result<Vec<String>, StoreError> {
        trigger_problems(&self.conn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_guarding_trigger_is_read_from_the_migration() {
        let names: Vec<&str> = expected_triggers().iter().map(|(n, _)| *n).collect();
        assert_eq!(
            names,
            [
                "audit_log_no_update",
                "audit_log_no_delete",
                "audit_anchor_no_update",
                "audit_anchor_no_delete",
                "audit_seal_no_update",
                "audit_seal_no_delete"
            ]
        );
        for (_, sql) in expected_triggers() {
            assert!(sql.ends_with("END"), "{sql}");
        }
    }
}
