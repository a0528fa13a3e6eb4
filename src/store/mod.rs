//! The SQLite store: one file holds the whole of Loket. Connection set-up and migrations live in
//! `open`; each aggregate has its own module.

mod accounts;
mod audit;
mod columns;
mod error;
mod intake;
mod kaart;
mod maintenance;
mod open;
mod queue;
mod report;

pub use accounts::{AccountError, NewUser, SignInRefusal};
pub use audit::{AuditRow, GENESIS};
pub use error::StoreError;
pub use intake::{HouseholdMatch, IntakeSummary, OpenTrack, SavedIntake};
pub use kaart::{ImportRun, SaveCounts};
pub use maintenance::{BackupReport, CheckReport, MaintenanceError, RestoreReport, WalCheckpoint};
pub use open::{LOKET_APPLICATION_ID, Opened, Store, latest_schema_version, migrations};
pub use queue::{QueueDetail, QueueError, QueueEvent, QueueItem, QueueView, Reassigned};
