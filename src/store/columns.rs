//! How values are written to and read from columns, shared by every aggregate's module.

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, Params, Row};

use super::StoreError;
use crate::domain::intake::Resident;

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

type TupleResult<T> = Result<T, StoreError>;

/// Every row `sql` yields, each as the tuple of its columns. A row closure can only fail with a
/// rusqlite error, so what needs the store's own checks (times, codes) is read as plain values
/// here and interpreted afterwards, where a failure can name its table and row.
pub(super) fn tuples<T>(conn: &Connection, sql: &str, params: impl Params) -> TupleResult<Vec<T>>
where
    T: for<'r> TryFrom<&'r Row<'r>, Error = rusqlite::Error>,
{
    Ok(conn
        .prepare_cached(sql)?
        .query_map(params, |r| T::try_from(r))?
        .collect::<Result<_, _>>()?)
}

/// The row `sql` yields as the tuple of its columns, if any: for queries by a unique key (or
/// with `LIMIT 1`), so there is at most one.
pub(super) fn tuple<T>(conn: &Connection, sql: &str, params: impl Params) -> TupleResult<Option<T>>
where
    T: for<'r> TryFrom<&'r Row<'r>, Error = rusqlite::Error>,
{
    Ok(tuples(conn, sql, params)?.into_iter().next())
}

/// The resident's details of an intakes row, as the intake and the resident's copy both read
/// them.
pub(super) fn resident_from_row(r: &Row) -> rusqlite::Result<Resident> {
    Ok(Resident {
        name: r.get("name")?,
        phone: r.get("phone")?,
        email: r.get("email")?,
        postcode: r.get("postcode")?,
        house_number: r.get("house_number")?,
        birth_year: r.get("birth_year")?,
        on_behalf_of: r.get("on_behalf_of")?,
    })
}
