//! What an imported record said beyond what Loket uses: per record (kind, id) a JSON object
//! text, opaque to the store. Interop fills and reads it; the rest of Loket ignores it.

use std::collections::BTreeMap;

use rusqlite::{Connection, params};

use super::{Store, StoreError};
use crate::domain::Kaart;

/// (kind, record id) → JSON object text. Kinds are interop's (`organization`, `service`,
/// `location`, `address`); an address is keyed by its location's id.
pub type SourceFields = BTreeMap<(String, String), String>;

/// The kinds keyed by an id of each record in a kaart.
fn record_keys(kaart: &Kaart) -> impl Iterator<Item = (&'static str, &str)> {
    let organizations = kaart
        .organizations
        .iter()
        .map(|o| ("organization", o.id.as_str()));
    let services = kaart.services.iter().map(|s| ("service", s.id.as_str()));
    let locations = kaart
        .locations
        .iter()
        .flat_map(|l| [("location", l.id.as_str()), ("address", l.id.as_str())]);
    organizations.chain(services).chain(locations)
}

/// Replaces the source fields of every record in `kaart` by those in `fields` (none when
/// absent), inside the caller's transaction.
pub(super) fn replace(
    tx: &Connection,
    kaart: &Kaart,
    fields: &SourceFields,
) -> Result<(), StoreError> {
    let mut delete =
        tx.prepare_cached("DELETE FROM kaart_source_fields WHERE kind = ?1 AND id = ?2")?;
    let mut insert = tx
        .prepare_cached("INSERT INTO kaart_source_fields (kind, id, fields) VALUES (?1, ?2, ?3)")?;
    for (kind, id) in record_keys(kaart) {
        delete.execute(params![kind, id])?;
        if let Some(text) = fields.get(&(kind.to_string(), id.to_string())) {
            insert.execute(params![kind, id, text])?;
        }
    }
    Ok(())
}

impl Store {
    /// Every record's source fields.
    pub fn source_fields(&self) -> Result<SourceFields, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT kind, id, fields FROM kaart_source_fields")?;
        let rows = stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
