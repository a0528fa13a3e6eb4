//! Checking the chain of the audit log. A change made behind Loket's back (the triggers
//! dropped, a row edited or removed with plain SQLite) shows as one problem at the row where
//! it happened; the rows after it, untouched, are not reported as well.

use std::fmt;

use rusqlite::OptionalExtension;

use super::audit::{AuditRow, GENESIS, ROW_COLUMNS, row_from};
use super::{Store, StoreError};

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
}

impl fmt::Display for AuditProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
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
}

impl AuditVerification {
    pub fn is_intact(&self) -> bool {
        self.problems.is_empty()
    }
}

/// The walk along the chain: what the next row should look like.
struct Walk {
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

impl Walk {
    /// `anchor`: the last row retention removed and its hash, if it removed any.
    fn new(anchor: Option<(i64, String)>) -> Walk {
        let (up_to_id, last_hash) = anchor.unwrap_or((0, GENESIS.to_string()));
        Walk {
            start: up_to_id + 1,
            next_id: up_to_id + 1,
            prev_hash: last_hash,
            prev_hash_as_written: None,
            verification: AuditVerification::default(),
        }
    }

    fn step(&mut self, row: AuditRow) {
        self.verification.checked += 1;
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
        let recomputed = row.expected_hash(&row.prev_hash);
        let altered = row.hash != recomputed;
        let linked = row.prev_hash == self.prev_hash
            || self.prev_hash_as_written.as_ref() == Some(&row.prev_hash);
        if altered {
            problems.push(AuditProblem::Altered { id: row.id });
        } else if !linked && !gap {
            // After a gap the row chains onto a removed row; the gap is the one problem.
            problems.push(AuditProblem::Unlinked { id: row.id });
        }
        self.next_id = row.id + 1;
        self.prev_hash = row.hash;
        self.prev_hash_as_written = altered.then_some(recomputed);
    }
}

impl Store {
    /// Walks the whole audit log in id order and checks that it is one unbroken chain from
    /// retention's latest anchor (or the start): ids without gaps, each row chained onto the
    /// one before, each hash matching the row's fields. Reads only.
    pub fn verify_audit(&self) -> Result<AuditVerification, StoreError> {
        // One read transaction: retention removing rows and writing its anchor meanwhile
        // must not make the anchor and the rows disagree.
        let tx = self.conn.unchecked_transaction()?;
        let anchor: Option<(i64, String)> = tx
            .query_row(
                "SELECT up_to_id, last_hash FROM audit_anchor ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let mut walk = Walk::new(anchor);
        let mut stmt = tx.prepare(&format!("SELECT {ROW_COLUMNS} FROM audit_log ORDER BY id"))?;
        for row in stmt.query_map([], row_from)? {
            walk.step(row?);
        }
        drop(stmt);
        tx.commit()?;
        Ok(walk.verification)
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
        let mut walk = Walk::new(anchor);
        rows.into_iter().for_each(|row| walk.step(row));
        walk.verification
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
