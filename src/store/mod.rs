//! The SQLite store: one file holds the whole of Loket. Connection set-up and migrations live in
//! `open`; each aggregate has its own module.

mod access;
mod accounts;
mod audit;
mod audit_query;
mod audit_verify;
mod columns;
mod error;
#[cfg(target_os = "linux")]
mod fs_guard;
mod intake;
mod intake_answers;
mod kaart;
mod kaart_edit;
mod kaart_read;
mod kaart_reports;
mod maintenance;
mod open;
mod privacy;
mod queue;
mod report;
mod retention;

pub use access::{CaseReader, ShareError, actor as audit_actor};
pub use accounts::{AccountError, AccountReviewRow, NewUser, SignInRefusal};
pub use audit::{AuditRow, GENESIS};
pub use audit_query::{AuditFilter, AuditQueryError};
pub use audit_verify::{AuditProblem, AuditVerification};
pub use error::StoreError;
pub use intake::{ContactQuestion, HouseholdMatch, IntakeSummary, OpenTrack, SavedIntake};
pub use kaart::{ImportRun, SaveCounts};
pub use kaart_edit::{KaartChange, KaartEditError};
pub use kaart_reports::{KaartReport, MAX_REPORT_CHARS, WorkItem, WorkReason};
pub use maintenance::{BackupReport, CheckReport, MaintenanceError, RestoreReport, WalCheckpoint};
pub use open::{LOKET_APPLICATION_ID, Opened, Store, latest_schema_version, migrations};
pub use privacy::{
    AccessRecord, Colleague, EarlierVersion, ForgetReport, HouseholdExport, HouseholdRecord,
    IntakeRecord, QueueHistoryRecord, QueueRecord, ReaderRecord,
};
pub use queue::{
    AdviceGiven, QueueDetail, QueueError, QueueEvent, QueueItem, QueueView, Reassigned,
};
pub use retention::{PurgeReport, SYSTEM_ACTOR};
