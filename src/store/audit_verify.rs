//! Checking the chain of the audit log. A change made behind Loket's back (the triggers
//! dropped, a row edited or removed with plain SQLite) shows as one problem at the row where
//! it happened; the rows after it, untouched, are not reported as well. Under the audit key the
//! seal and every retention anchor must carry their HMAC, the rows after the seal theirs, and
//! the rows the seal fixed must all still be there.

use std::fmt;

use rusqlite::Connection;

use super::audit::{AuditRow, GENESIS, ROW_COLUMNS, row_from};
use super::audit_seal::{Seal, anchor_mac, read_seal, trigger_problems};
use super::{AuditKey, Store, StoreError};

/// One place where the chain does not hold. The message is Dutch: it reaches the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditProblem {
    /// The row's fields no longer give its hash: it was changed after it was written.
    Altered { id: i64 },
    /// The rows `from..=to` are gone.
    Missing { from: i64, to: i64 },
    /// The row is whole but does not chain onto the row before it: that row (or the anchor)
    /// was rewritten with a new hash, or this row was.
    Unlinked { id: i64 },
    /// The rows `from..=to` lie before the row the chain starts at (after retention's anchor,
    /// or 1): they were slipped in afterwards.
    BeforeStart { from: i64, to: i64, start: i64 },
    /// The row has a plain SHA-256 where the key's HMAC belongs: written or rewritten by
    /// someone without the key.
    Unkeyed { id: i64 },
    /// A retention anchor without a valid HMAC: not written by Loket.
    ForgedAnchor { id: i64, up_to_id: i64 },
    /// The last row of the chain the seal fixed is no longer that row.
    SealBroken { id: i64 },
    /// The seal's HMAC does not hold.
    ForgedSeal,
    /// The database holds no seal although it is checked under a key.
    NoSeal,
    /// The log is sealed but the check has no key: the rows after the seal cannot be checked.
    NoKey,
    /// A guarding trigger is gone, changed or foreign (the message names it).
    Trigger(String),
    /// The log does not reach as far as an earlier check anchored (the message says how).
    Anchor(String),
}

impl fmt::Display for AuditProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuditProblem::Altered { id } => write!(f, "rij {id} is gewijzigd"),
            AuditProblem::Missing { from, to } if from == to => write!(f, "rij {from} ontbreekt"),
            AuditProblem::Missing { from, to } => write!(f, "rijen {from} t/m {to} ontbreken"),
            AuditProblem::Unlinked { id } => write!(f, "rij {id} sluit niet aan op de vorige"),
            AuditProblem::BeforeStart { from, to, start } if from == to => write!(
                f,
                "rij {from} hoort niet in het log: de keten begint bij rij {start}"
            ),
            AuditProblem::BeforeStart { from, to, start } => write!(
                f,
                "rijen {from} t/m {to} horen niet in het log: de keten begint bij rij {start}"
            ),
            AuditProblem::Unkeyed { id } => write!(
                f,
                "rij {id} is niet met de auditsleutel ondertekend: buiten Loket om geschreven"
            ),
            AuditProblem::ForgedAnchor { id, up_to_id } => write!(
                f,
                "anker {id} (verwijderd t/m rij {up_to_id}) is niet door Loket gemaakt: \
                 die rijen zijn niet door de bewaartermijn verwijderd"
            ),
            AuditProblem::SealBroken { id } => write!(
                f,
                "rij {id} is niet meer de rij waarmee het log onder de auditsleutel ging"
            ),
            AuditProblem::ForgedSeal => write!(
                f,
                "het zegel van het auditlog is niet met de auditsleutel gemaakt"
            ),
            AuditProblem::NoSeal => write!(
                f,
                "het zegel van het auditlog ontbreekt: het is buiten Loket om verwijderd"
            ),
            AuditProblem::NoKey => write!(
                f,
                "zonder de auditsleutel zijn de rijen na het zegel niet te controleren"
            ),
            AuditProblem::Trigger(text) | AuditProblem::Anchor(text) => f.write_str(text),
        }
    }
}

/// The outcome of [`Store::verify_audit`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AuditVerification {
    /// The rows read, including those with a problem.
    pub checked: usize,
    /// In row order; empty when the log is intact.
    pub problems: Vec<AuditProblem>,
    /// The last row read: its id and hash.
    pub head: Option<(i64, String)>,
    /// The last row that retention's (valid) anchors say was removed; 0 when none was.
    pub removed_up_to: i64,
}

impl AuditVerification {
    pub fn is_intact(&self) -> bool {
        self.problems.is_empty()
    }
}

/// How each row's hash is made: plain SHA-256 up to `legacy_up_to`, the key's HMAC after.
struct Hashing<'a> {
    key: Option<&'a AuditKey>,
    legacy_up_to: i64,
    /// The hash the seal fixed for row `legacy_up_to`.
    legacy_head: Option<String>,
}

/// The walk along the chain: what the next row should look like.
struct Walk<'a> {
    hashing: Hashing<'a>,
    /// The id the chain starts at.
    start: i64,
    next_id: i64,
    /// The hash the next row must chain onto.
    prev_hash: String,
    /// After an altered row, the hash it had as written: its successor may chain onto either
    /// (onto this one when only the row's `hash` was overwritten).
    prev_hash_as_written: Option<String>,
    verification: AuditVerification,
}

impl<'a> Walk<'a> {
    /// `start`: the last row removed before the chain (by retention) and its hash.
    fn new(start: (i64, String), hashing: Hashing<'a>) -> Walk<'a> {
        let (up_to_id, last_hash) = start;
        Walk {
            hashing,
            start: up_to_id + 1,
            next_id: up_to_id + 1,
            prev_hash: last_hash,
            prev_hash_as_written: None,
            verification: AuditVerification {
                removed_up_to: up_to_id,
                ..AuditVerification::default()
            },
        }
    }

    fn step(&mut self, row: AuditRow) {
        self.verification.checked += 1;
        self.verification.head = Some((row.id, row.hash.clone()));
        let problems = &mut self.verification.problems;
        if row.id < self.start {
            // Rows come in id order, so all of these come first and make one range.
            match problems.last_mut() {
                Some(AuditProblem::BeforeStart { to, .. }) => *to = row.id,
                _ => problems.push(AuditProblem::BeforeStart {
                    from: row.id,
                    to: row.id,
                    start: self.start,
                }),
            }
            return;
        }
        let gap = row.id > self.next_id;
        if gap {
            problems.push(AuditProblem::Missing {
                from: self.next_id,
                to: row.id - 1,
            });
        }
        let plain = row.expected_hash(&row.prev_hash);
        let recomputed = match self.hashing.key {
            _ if row.id <= self.hashing.legacy_up_to => plain.clone(),
            Some(key) => row.keyed_hash(key, &row.prev_hash),
            // Sealed, but checked without the key: only the links can be checked.
            None => row.hash.clone(),
        };
        let altered = row.hash != recomputed;
        let linked = row.prev_hash == self.prev_hash
            || self.prev_hash_as_written.as_ref() == Some(&row.prev_hash);
        let mut as_written = altered.then(|| recomputed.clone());
        if altered && row.hash == plain {
            problems.push(AuditProblem::Unkeyed { id: row.id });
        } else if altered {
            problems.push(AuditProblem::Altered { id: row.id });
        } else if !linked && !gap {
            // After a gap the row chains onto a removed row; the gap is the one problem.
            problems.push(AuditProblem::Unlinked { id: row.id });
        } else if row.id == self.hashing.legacy_up_to
            && self.hashing.legacy_head.as_ref() != Some(&row.hash)
        {
            problems.push(AuditProblem::SealBroken { id: row.id });
            // The first keyed row chains onto the head the seal fixed: not a second problem.
            as_written = self.hashing.legacy_head.clone();
        }
        self.next_id = row.id + 1;
        self.prev_hash = row.hash;
        self.prev_hash_as_written = as_written;
    }

    /// Rows the seal fixed must all be there, up to its last one.
    fn finish(mut self) -> AuditVerification {
        let must_reach = self.hashing.legacy_up_to;
        if self.hashing.legacy_head.is_some() && self.next_id <= must_reach {
            self.verification.problems.push(AuditProblem::Missing {
                from: self.next_id,
                to: must_reach,
            });
        }
        self.verification
    }
}

/// A retention anchor as stored.
struct Anchor {
    id: i64,
    at: String,
    up_to_id: i64,
    last_hash: String,
    removed: i64,
    mac: String,
}

fn anchors(conn: &Connection) -> Result<Vec<Anchor>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT id, at, up_to_id, last_hash, removed, mac FROM audit_anchor ORDER BY id",
    )?;
    let anchors = stmt
        .query_map([], |r| {
            Ok(Anchor {
                id: r.get(0)?,
                at: r.get(1)?,
                up_to_id: r.get(2)?,
                last_hash: r.get(3)?,
                removed: r.get(4)?,
                mac: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(anchors)
}

/// Where the walk starts and how it hashes, with the problems of the seal and the anchors.
fn plan<'a>(
    key: Option<&'a AuditKey>,
    seal: Option<Seal>,
    anchors: &[Anchor],
    problems: &mut Vec<AuditProblem>,
) -> ((i64, String), Hashing<'a>) {
    let unsealed = Hashing {
        key: None,
        legacy_up_to: i64::MAX,
        legacy_head: None,
    };
    let latest = |list: &[Anchor]| {
        list.last()
            .map(|a| (a.up_to_id, a.last_hash.clone()))
            .unwrap_or((0, GENESIS.to_string()))
    };
    let (Some(key), Some(seal)) = (key, seal.clone()) else {
        return match (key, seal) {
            (Some(_), None) => {
                problems.push(AuditProblem::NoSeal);
                (latest(anchors), unsealed)
            }
            (None, Some(seal)) => {
                problems.push(AuditProblem::NoKey);
                let hashing = Hashing {
                    legacy_up_to: seal.legacy_up_to_id,
                    ..unsealed
                };
                (latest(anchors), hashing)
            }
            _ => (latest(anchors), unsealed),
        };
    };
    if seal.mac != seal.expected_mac(key) {
        problems.push(AuditProblem::ForgedSeal);
    }
    let mut start = (seal.start_after_id, seal.start_hash.clone());
    for anchor in anchors.iter().filter(|a| a.id > seal.legacy_anchor_id) {
        let valid = anchor.mac
            == anchor_mac(
                key,
                &anchor.at,
                anchor.up_to_id,
                &anchor.last_hash,
                anchor.removed,
            );
        if !valid {
            problems.push(AuditProblem::ForgedAnchor {
                id: anchor.id,
                up_to_id: anchor.up_to_id,
            });
        } else if anchor.up_to_id > start.0 {
            start = (anchor.up_to_id, anchor.last_hash.clone());
        }
    }
    let legacy_head = (seal.legacy_up_to_id > start.0).then(|| seal.legacy_head_hash.clone());
    let hashing = Hashing {
        key: Some(key),
        legacy_up_to: seal.legacy_up_to_id,
        legacy_head,
    };
    (start, hashing)
}

impl Store {
    /// Walks the whole audit log in id order and checks that it is one unbroken chain from
    /// retention's latest anchor (or the start): ids without gaps, each row chained onto the
    /// one before, each hash matching the row's fields (under the key after the seal), the
    /// seal and anchors genuine and the guarding triggers in place. Reads only.
    pub fn verify_audit(&self) -> Result<AuditVerification, StoreError> {
        // One read transaction: retention removing rows and writing its anchor meanwhile
        // must not make the anchor and the rows disagree.
        let tx = self.conn.unchecked_transaction()?;
        let mut problems: Vec<AuditProblem> = trigger_problems(&tx)?
            .into_iter()
            .map(AuditProblem::Trigger)
            .collect();
        let seal = read_seal(&tx)?;
        let anchors = anchors(&tx)?;
        let (start, hashing) = plan(self.audit_key.as_ref(), seal, &anchors, &mut problems);
        let mut walk = Walk::new(start, hashing);
        let mut stmt = tx.prepare(&format!("SELECT {ROW_COLUMNS} FROM audit_log ORDER BY id"))?;
        for row in stmt.query_map([], row_from)? {
            walk.step(row?);
        }
        drop(stmt);
        tx.commit()?;
        let mut verification = walk.finish();
        problems.append(&mut verification.problems);
        verification.problems = problems;
        Ok(verification)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64, first: i64, prev: &str) -> Vec<AuditRow> {
        let mut prev = prev.to_string();
        (first..first + n)
            .map(|id| {
                let mut row = AuditRow {
                    id,
                    at: format!("2026-01-01T10:00:{:02}Z", id % 60),
                    actor: "gebruiker:1".into(),
                    action: "intake bekijken".into(),
                    object: format!("intake:{id}"),
                    result: "gelukt".into(),
                    origin: "test".into(),
                    prev_hash: prev.clone(),
                    hash: String::new(),
                };
                row.hash = row.expected_hash(&prev);
                prev = row.hash.clone();
                row
            })
            .collect()
    }

    fn verify(rows: Vec<AuditRow>, anchor: Option<(i64, String)>) -> AuditVerification {
        let hashing = Hashing {
            key: None,
            legacy_up_to: i64::MAX,
            legacy_head: None,
        };
        let mut walk = Walk::new(anchor.unwrap_or((0, GENESIS.to_string())), hashing);
        rows.into_iter().for_each(|row| walk.step(row));
        walk.finish()
    }

    #[test]
    fn an_intact_chain_has_no_problems() {
        let result = verify(chain(5, 1, GENESIS), None);
        assert_eq!(result.checked, 5);
        assert!(result.is_intact());
    }

    #[test]
    fn an_altered_row_is_one_problem_whether_or_not_its_hash_was_overwritten() {
        let mut rows = chain(5, 1, GENESIS);
        rows[2].result = "geweigerd".into();
        assert_eq!(
            verify(rows, None).problems,
            [AuditProblem::Altered { id: 3 }]
        );

        let mut rows = chain(5, 1, GENESIS);
        rows[2].hash = "f".repeat(64);
        assert_eq!(
            verify(rows, None).problems,
            [AuditProblem::Altered { id: 3 }]
        );
    }

    #[test]
    fn a_row_rehashed_after_a_change_breaks_the_link_of_the_next() {
        let mut rows = chain(5, 1, GENESIS);
        rows[2].object = "intake:99".into();
        rows[2].hash = rows[2].expected_hash(&rows[2].prev_hash);
        assert_eq!(
            verify(rows, None).problems,
            [AuditProblem::Unlinked { id: 4 }]
        );
    }

    #[test]
    fn removed_rows_are_one_problem_at_the_start_or_in_the_middle() {
        let mut rows = chain(8, 1, GENESIS);
        rows.drain(3..6);
        rows.remove(0);
        let result = verify(rows, None);
        assert_eq!(result.checked, 4);
        assert_eq!(
            result.problems,
            [
                AuditProblem::Missing { from: 1, to: 1 },
                AuditProblem::Missing { from: 4, to: 6 }
            ]
        );
        assert_eq!(result.problems[0].to_string(), "rij 1 ontbreekt");
        assert_eq!(result.problems[1].to_string(), "rijen 4 t/m 6 ontbreken");
    }

    #[test]
    fn the_chain_starts_at_the_anchor() {
        let removed = chain(3, 1, GENESIS);
        let last_hash = removed[2].hash.clone();
        let rows = chain(4, 4, &last_hash);
        assert!(verify(rows.clone(), Some((3, last_hash))).is_intact());
        assert_eq!(
            verify(rows.clone(), Some((3, "0".repeat(64)))).problems,
            [AuditProblem::Unlinked { id: 4 }]
        );
        let mut slipped_in = removed[..2].to_vec();
        slipped_in.extend(rows);
        let problems = verify(slipped_in, Some((3, removed[2].hash.clone()))).problems;
        assert_eq!(
            problems,
            [AuditProblem::BeforeStart {
                from: 1,
                to: 2,
                start: 4
            }]
        );
        assert_eq!(
            problems[0].to_string(),
            "rijen 1 t/m 2 horen niet in het log: de keten begint bij rij 4"
        );
    }
}
