//! Reading the kaart as the search index needs it: every service in id order with the names
//! of its organisation and locations, one at a time, so the whole kaart is never in memory.
//! Only what the index keeps is read (no phones, fees, eligibility, application process,
//! website or e-mail), through the same row readers as the rest of the store.

use rusqlite::{Connection, Row};

use super::StoreError;
use super::kaart_read::{
    Grouped, hours_exceptions_sql, laag_of, optional_date, optional_text, prepare,
    read_hours_exception, read_string, read_weekly_hours, service_rows_sql, status_of, text,
    weekly_hours_sql,
};
use crate::domain::{Service, ServicePlaces};

fn read_location_place(r: &Row) -> Result<(i64, (String, Option<String>)), StoreError> {
    Ok((r.get(1)?, (r.get(2)?, r.get(3)?)))
}

/// Every service in id order with the names of its organisation and locations, handed to
/// `each`. The service carries only the fields the index uses: its other fields are empty.
pub(super) fn for_each_placed_service(
    conn: &Connection,
    each: impl FnMut(Service, ServicePlaces) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    // The scan reads every page once: SQLite's usual page cache (2 MB) would only keep pages
    // nobody reads again, resident beside the index. A few pages per cursor suffice.
    let cache: i64 = conn.pragma_query_value(None, "cache_size", |r| r.get(0))?;
    conn.pragma_update(None, "cache_size", SCAN_CACHE_KIB)?;
    let scanned = scan(conn, each);
    conn.pragma_update(None, "cache_size", cache)?;
    scanned
}

/// The page cache while the index reads the kaart, in KiB as `cache_size` takes it (negative).
const SCAN_CACHE_KIB: i64 = -256;

fn scan(
    conn: &Connection,
    mut each: impl FnMut(Service, ServicePlaces) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let leefgebieden_sql = service_rows_sql("service_leefgebieden", "position", "code", None);
    let mut leefgebieden = prepare(conn, &leefgebieden_sql)?;
    let mut leefgebieden = Grouped::new(&mut leefgebieden, None, read_string)?;
    let keywords_sql = service_rows_sql("service_keywords", "rowid", "keyword", None);
    let mut keywords = prepare(conn, &keywords_sql)?;
    let mut keywords = Grouped::new(&mut keywords, None, read_string)?;
    let mut location_stmt = prepare(
        conn,
        "SELECT sl.service_id, sl.position, l.name, l.wijk
         FROM service_locations sl JOIN locations l ON l.id = sl.location_id
         WHERE sl.service_id IS NOT NULL ORDER BY sl.service_id",
    )?;
    let mut locations = Grouped::new(&mut location_stmt, None, read_location_place)?;
    let mut hours = prepare(conn, &weekly_hours_sql(None))?;
    let mut hours = Grouped::new(&mut hours, None, read_weekly_hours)?;
    let mut exceptions = prepare(conn, &hours_exceptions_sql(None))?;
    let mut exceptions = Grouped::new(&mut exceptions, None, read_hours_exception)?;

    let mut stmt = prepare(
        conn,
        "SELECT s.id, s.name, s.alternate_name, s.description, s.status, s.laag,
            s.referral_required, s.free, s.min_age, s.max_age, s.last_verified, o.name
         FROM services s LEFT JOIN organizations o ON o.id = s.organization_id
         ORDER BY s.id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let status = status_of(&id, text(r, 4)?)?;
        let laag = laag_of(&id, optional_text(r, 5)?)?;
        let places = ServicePlaces {
            organization: r.get(11)?,
            locations: locations.take(&id)?,
        };
        let service = Service {
            name: r.get(1)?,
            alternate_name: r.get(2)?,
            description: r.get(3)?,
            status,
            laag,
            referral_required: r.get(6)?,
            free: r.get(7)?,
            min_age: r.get(8)?,
            max_age: r.get(9)?,
            last_verified: optional_date("services", &id, r.get(10)?)?,
            leefgebieden: leefgebieden.take(&id)?,
            keywords: keywords.take(&id)?,
            hours: hours.take(&id)?,
            exceptions: exceptions.take(&id)?,
            id,
            ..Service::default()
        };
        each(service, places)?;
    }
    Ok(())
}
