//! The SQLite store: one file holds the whole of Loket. Connection set-up and migrations live in
//! `open`; each aggregate has its own module.

mod access;
mod accounts;
mod act;
mod audit;
mod audit_book;
mod audit_key;
mod audit_query;
mod audit_seal;
mod audit_verify;
mod columns;
mod demo_marker;
pub mod encryption;
mod erasures;
mod error;
#[cfg(target_os = "linux")]
mod fs_guard;
mod household;
mod intake;
mod intake_answers;
mod kaart;
mod kaart_edit;
mod kaart_index_read;
mod kaart_read;
mod kaart_reports;
mod maintenance;
mod open;
mod plan;
mod privacy;
mod queue;
mod regie;
mod report;
mod restore;
mod retention;
pub mod safe_file;
mod sign_in;
mod source_fields;

pub use access::{CaseReader, ShareError, actor as audit_actor};
pub use accounts::{AccountError, AccountReviewRow, CreatedBy, NewUser};
pub use audit::{AuditRow, GENESIS};
pub use audit_book::{AnchoredVerification, AuditAnchor, rows_text};
pub use audit_key::{AuditKey, AuditKeyError};
pub use audit_query::{AuditFilter, AuditQueryError};
pub use audit_verify::{AuditProblem, AuditVerification};
pub use demo_marker::{DEMO_PIN, RealData};
pub use erasures::register_path as erasure_register_path;
pub use error::{StoreError, dutch_io, dutch_sqlite};
pub use household::{HouseholdMatch, OpenTrack, RegieContact};
pub use intake::{ContactQuestion, IntakeSummary, SavedIntake};
pub use kaart::{ImportRun, SaveCounts};
pub use kaart_edit::{KaartChange, KaartEditError};
pub use kaart_reports::{KaartReport, MAX_REPORT_CHARS, WorkItem, WorkReason};
pub use maintenance::{
    BackupReport, CheckReport, MAX_BACKUP_BYTES, MaintenanceError, RestoreReport, WalCheckpoint,
};
pub use open::{LOKET_APPLICATION_ID, Opened, Store, latest_schema_version, migrations};
pub(crate) use plan::PlanReportFacts;
pub use plan::{
    CaseWithoutPlan, Evaluated, EvaluationRecord, GesprekRecord, HandoverRecord, PlanError,
    PlanSummary, PlanView, TaskRecord, VersionRecord,
};
pub use privacy::{
    AccessRecord, CaseRecord, Colleague, EarlierVersion, EscalationRecord, ExternalHandoverRecord,
    ForgetReport, HandOnRecord, HouseholdExport, HouseholdRecord, IntakeRecord, QueueHistoryRecord,
    QueueRecord, ReaderRecord, RegisseurRecord,
};
pub use queue::{
    AdviceGiven, ExternalRecord, HANDED_OVER_OUTSIDE, QueueDetail, QueueError, QueueEvent,
    QueueItem, QueueView, Reassigned,
};
pub use regie::{OpenCase, RegieError, RegieOffer};
pub(crate) use report::{IntakeGroup, QueueFact};
pub use restore::RestoreBy;
pub use retention::{PurgeReport, SYSTEM_ACTOR};
pub use sign_in::{SessionStamp, SignInRefusal};
pub use source_fields::SourceFields;
