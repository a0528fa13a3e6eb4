//! The audit log: who viewed, created, changed, exported, shared or erased what, and every
//! sign-in and lock. Ids and codes only, never the personal data itself. Append-only (database
//! triggers refuse changes), and each row carries a hash over the previous row's hash and its
//! own fields, so an altered or removed row breaks the chain where it happened. Under the audit
//! key (see `audit_key`, `audit_seal`) that hash is an HMAC, so it cannot be recomputed by
//! whoever edits the file.

use chrono::{DateTime, Utc};
use hmac::Mac as _;
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use sha2::{Digest, Sha256};

use super::columns::timestamp;
use super::{AuditKey, Store, StoreError};

/// The `prev_hash` of the very first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One row of the log as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub object: String,
    pub result: String,
    pub origin: String,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditRow {
    /// The plain SHA-256 this row must carry, given the hash of the row before it: the chain
    /// of rows written before the log was sealed under a key (see `audit_seal`).
    pub fn expected_hash(&self, prev_hash: &str) -> String {
        let mut hasher = Sha256::new();
        self.feed(prev_hash, |bytes| hasher.update(bytes));
        format!("{:x}", hasher.finalize())
    }

    /// The HMAC this row must carry under `key`, given the hash of the row before it.
    pub fn keyed_hash(&self, key: &AuditKey, prev_hash: &str) -> String {
        let mut mac = key.hmac();
        self.feed(prev_hash, |bytes| mac.update(bytes));
        hex::encode(mac.finalize().into_bytes())
    }

    fn feed(&self, prev_hash: &str, mut update: impl FnMut(&[u8])) {
        // Unit separators keep "ab"+"c" and "a"+"bc" apart.
        for field in [
            prev_hash,
            &self.id.to_string(),
            &self.at,
            &self.actor,
            &self.action,
            &self.object,
            &self.result,
            &self.origin,
        ] {
            update(field.as_bytes());
            update(&[0x1f]);
        }
    }
}

/// The columns of a stored row, in the order [`row_from`] reads them.
pub(super) const ROW_COLUMNS: &str =
    "id, at, actor, action, object, result, origin, prev_hash, hash";

pub(super) fn row_from(r: &rusqlite::Row) -> rusqlite::Result<AuditRow> {
    Ok(AuditRow {
        id: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        action: r.get(3)?,
        object: r.get(4)?,
        result: r.get(5)?,
        origin: r.get(6)?,
        prev_hash: r.get(7)?,
        hash: r.get(8)?,
    })
}

/// The end of the chain a new row is appended to: the last row, or the anchor retention left
/// when it removed the oldest rows, or the start.
pub(super) fn chain_end(conn: &Connection) -> Result<(i64, String), StoreError> {
    let last: Option<(i64, String)> = conn
        .prepare_cached("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some(last) = last {
        return Ok(last);
    }
    let anchor: Option<(i64, String)> = conn
        .prepare_cached("SELECT up_to_id, last_hash FROM audit_anchor ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(anchor.unwrap_or((0, GENESIS.to_string())))
}

/// Appends one row, chained onto the last: an HMAC under `key`, or without one the plain chain.
/// The caller holds the write lock (an immediate transaction), so two desks never chain onto
/// the same row.
#[allow(clippy::too_many_arguments)]
fn append(
    conn: &Connection,
    key: Option<&AuditKey>,
    at: DateTime<Utc>,
    actor: &str,
    action: &str,
    object: &str,
    result: &str,
    origin: &str,
) -> Result<(), StoreError> {
    let (last_id, prev_hash) = chain_end(conn)?;
    let mut row = AuditRow {
        id: last_id + 1,
        at: timestamp(at),
        actor: actor.to_string(),
        action: action.to_string(),
        object: object.to_string(),
        result: result.to_string(),
        origin: origin.to_string(),
        prev_hash: String::new(),
        hash: String::new(),
    };
    row.hash = match key {
        Some(key) => row.keyed_hash(key, &prev_hash),
        None => row.expected_hash(&prev_hash),
    };
    row.prev_hash = prev_hash;
    conn.prepare_cached(
        "INSERT INTO audit_log (id, at, actor, action, object, result, origin, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        row.id,
        row.at,
        row.actor,
        row.action,
        row.object,
        row.result,
        row.origin,
        row.prev_hash,
        row.hash
    ])?;
    Ok(())
}

/// The migration hook that chains the rows written before the log was chained, oldest first.
pub(super) fn chain_existing_rows(tx: &Transaction) -> rusqlite_migration::HookResult {
    let rows: Vec<AuditRow> = tx
        .prepare(&format!("SELECT {ROW_COLUMNS} FROM audit_log ORDER BY id"))?
        .query_map([], row_from)?
        .collect::<Result<_, _>>()?;
    let mut prev = GENESIS.to_string();
    let mut update = tx.prepare("UPDATE audit_log SET prev_hash = ?1, hash = ?2 WHERE id = ?3")?;
    for row in rows {
        let hash = row.expected_hash(&prev);
        update.execute(params![prev, hash, row.id])?;
        prev = hash;
    }
    Ok(())
}

impl Store {
    /// Appends a row to the audit log. Inside a write transaction it joins it (so the row
    /// commits or rolls back with the change it records); otherwise it takes the write lock
    /// for itself.
    pub fn audit(
        &self,
        actor: &str,
        action: &str,
        object: &str,
        result: &str,
        origin: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let write = |conn: &Connection| {
            let key = self.audit_key.as_ref();
            append(conn, key, at, actor, action, object, result, origin)
        };
        if self.conn.is_autocommit() {
            let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
            write(&tx)?;
            tx.commit()?;
            Ok(())
        } else {
            write(&self.conn)
        }
    }

    /// The audit log, oldest first, as (at, actor, action, object, result).
    pub fn audit_rows(&self) -> Result<Vec<[String; 5]>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT at, actor, action, object, result FROM audit_log ORDER BY id")?;
        let rows = stmt
            .query_map([], |r| {
                Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?])
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }
}
