//! How values are written to and read from columns, shared by every aggregate's module.

use chrono::{DateTime, SecondsFormat, Utc};

use super::StoreError;

/// Moments are stored as UTC RFC 3339 in whole seconds, so a period is a plain text range.
pub(super) fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A row that cannot be read back: names the table and the row.
pub(super) fn corrupt(
    table: &'static str,
    id: impl ToString,
    problem: impl ToString,
) -> StoreError {
    StoreError::Corrupt {
        table,
        id: id.to_string(),
        problem: problem.to_string(),
    }
}

pub(super) fn parse_time(
    text: &str,
    table: &'static str,
    id: impl ToString,
) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| corrupt(table, id, format!("tijdstip {text:?}: {e}")))
}
