//! Anchors outside the database: what `audit verify` found last time (rows, last id, last
//! hash), kept per database in a file next to the audit key, under the key's HMAC. Whoever can
//! write the database but not that folder can then not cut the newest rows off, empty the log,
//! or swap in another history without the next verification saying so.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use super::audit_verify::{AuditProblem, AuditVerification};
use super::columns::timestamp;
use super::{AuditKey, Store, StoreError};
use crate::domain::hours::dutch_local;

/// What one verification anchored for one database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditAnchor {
    pub at: String,
    pub rows: u64,
    pub head_id: i64,
    pub head_hash: String,
    mac: String,
}

impl AuditAnchor {
    fn expected_mac(&self, key: &AuditKey, database: &str) -> String {
        key.mac(&[
            "controlepunt",
            database,
            &self.at,
            &self.rows.to_string(),
            &self.head_id.to_string(),
            &self.head_hash,
        ])
    }

    /// When it was recorded, in Dutch local time.
    pub fn local_time(&self) -> String {
        DateTime::parse_from_rfc3339(&self.at)
            .map(|t| {
                dutch_local(t.with_timezone(&Utc))
                    .format("%d-%m-%Y %H:%M")
                    .to_string()
            })
            .unwrap_or_else(|_| self.at.clone())
    }
}

/// "1 rij", "17045 rijen".
pub fn rows_text(rows: u64) -> String {
    if rows == 1 {
        "1 rij".to_string()
    } else {
        format!("{rows} rijen")
    }
}

/// The outcome of [`Store::verify_audit_anchored`].
#[derive(Debug, Clone)]
pub struct AnchoredVerification {
    pub verification: AuditVerification,
    /// The anchor of the previous verification, if there was one.
    pub previous: Option<AuditAnchor>,
    /// The anchor recorded now; only when the log is intact.
    pub recorded: Option<AuditAnchor>,
    pub file: PathBuf,
}

/// The anchors of every database checked with this key, by the database's full path.
type Book = BTreeMap<String, AuditAnchor>;

fn file_error(path: &Path, problem: impl ToString) -> StoreError {
    StoreError::AnchorFile {
        path: path.to_path_buf(),
        problem: problem.to_string(),
    }
}

fn read_book(path: &Path) -> Result<Book, StoreError> {
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| file_error(path, e)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Book::new()),
        Err(e) => Err(file_error(path, e)),
    }
}

/// Writes the whole book to a new file first and moves it into place, so a crash never leaves
/// half a book; private like the key next to it.
fn write_book(path: &Path, book: &Book) -> Result<(), StoreError> {
    let temporary = path.with_extension("json.nieuw");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let text = serde_json::to_string_pretty(book).expect("anchors serialise to JSON");
    options
        .open(&temporary)
        .and_then(|mut file| {
            file.write_all(text.as_bytes())?;
            file.sync_all()
        })
        .and_then(|()| std::fs::rename(&temporary, path))
        .map_err(|e| file_error(path, e))
}

impl Store {
    /// [`Store::verify_audit`], then held against the anchor the previous verification left for
    /// this database; when the log is intact, records a new anchor. `renew` records one also
    /// when only the comparison with the previous anchor failed (after a restore of an older
    /// backup, which the beheerder then answers for), never when the log itself is broken.
    /// Without an audit key there is no book: only the database itself is checked.
    pub fn verify_audit_anchored(
        &self,
        now: DateTime<Utc>,
        renew: bool,
    ) -> Result<AnchoredVerification, StoreError> {
        let mut verification = self.verify_audit()?;
        let Some(key) = self.audit_key.as_ref() else {
            return Ok(AnchoredVerification {
                verification,
                previous: None,
                recorded: None,
                file: PathBuf::new(),
            });
        };
        let file = key.anchor_file();
        let database = std::fs::canonicalize(self.path())
            .unwrap_or_else(|_| self.path().to_path_buf())
            .display()
            .to_string();
        let mut book = read_book(&file)?;
        let previous = book.get(&database).cloned();
        if let Some(previous) = &previous {
            if previous.mac != previous.expected_mac(key, &database) {
                verification.problems.push(AuditProblem::Anchor(format!(
                    "het controlepunt van deze database in {} is niet met de auditsleutel gemaakt",
                    file.display()
                )));
            } else if let Some(problem) = self.against(previous, &verification)? {
                verification.problems.push(AuditProblem::Anchor(problem));
            }
        }
        let mut recorded = None;
        let only_the_anchor = verification
            .problems
            .iter()
            .all(|p| matches!(p, AuditProblem::Anchor(_)));
        if verification.is_intact() || (renew && only_the_anchor) {
            let (head_id, head_hash) = verification
                .head
                .clone()
                .unwrap_or((verification.removed_up_to, String::new()));
            let mut anchor = AuditAnchor {
                at: timestamp(now),
                rows: verification.checked as u64,
                head_id,
                head_hash,
                mac: String::new(),
            };
            anchor.mac = anchor.expected_mac(key, &database);
            book.insert(database, anchor.clone());
            write_book(&file, &book)?;
            recorded = Some(anchor);
        }
        Ok(AnchoredVerification {
            verification,
            previous,
            recorded,
            file,
        })
    }

    /// What the log lacks compared with `previous`, in Dutch; rows that retention's anchors
    /// account for are not missing.
    fn against(
        &self,
        previous: &AuditAnchor,
        now: &AuditVerification,
    ) -> Result<Option<String>, StoreError> {
        let when = previous.local_time();
        let (rows, head_id) = (rows_text(previous.rows), previous.head_id);
        if head_id <= now.removed_up_to {
            return Ok(None);
        }
        let Some((last_id, _)) = &now.head else {
            return Ok(Some(format!(
                "het auditlog is leeg, maar bij de vorige controle ({when}) waren er {rows} \
                 (t/m rij {head_id})"
            )));
        };
        if *last_id < head_id {
            let missing = AuditProblem::Missing {
                from: last_id + 1,
                to: head_id,
            };
            return Ok(Some(format!(
                "het auditlog eindigt bij rij {last_id}, maar bij de vorige controle ({when}) \
                 liep het t/m rij {head_id} ({rows}): {missing}"
            )));
        }
        let hash: Option<String> = self
            .conn
            .query_row("SELECT hash FROM audit_log WHERE id = ?1", [head_id], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(match hash {
            None => Some(format!(
                "rij {head_id}, de laatste rij bij de vorige controle ({when}), ontbreekt"
            )),
            Some(hash) if hash != previous.head_hash => Some(format!(
                "rij {head_id} is sinds de vorige controle ({when}) vervangen: het log heeft \
                 een andere geschiedenis dan toen"
            )),
            Some(_) => None,
        })
    }
}
