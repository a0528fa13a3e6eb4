//! Reading the sociale kaart: all of it at once (for exports) or one record (for the detail
//! pane and kaart beheer); the search index reads its part in `kaart_index_read`. All go
//! through the same queries, so a record reads back the same either way. A record's rows in
//! other tables (phones, hours, …) are read in the record's order beside it, so reading the
//! whole kaart never holds more than one record's rows.

use std::cmp::Ordering;

use chrono::{NaiveDate, NaiveTime, Weekday};
use rusqlite::{Connection, Row, Rows, Statement, params_from_iter};

use super::StoreError;
use super::columns::corrupt;
use super::kaart::TIME_FORMAT;
use crate::domain::Code;
use crate::domain::{
    Address, HoursException, Kaart, Laag, Location, Organization, Phone, Service, ServiceStatus,
    WeeklyHours,
};

/// Limits a query to the rows of one record (`only`, bound as `?1`) or to every record's.
fn filter(column: &str, only: Option<&str>) -> String {
    match only {
        Some(_) => format!("WHERE {column} = ?1"),
        None => format!("WHERE {column} IS NOT NULL"),
    }
}

/// Runs `sql` (which ends in a [`filter`]) and hands every row to `each`.
fn for_each_row(
    conn: &Connection,
    sql: &str,
    only: Option<&str>,
    mut each: impl FnMut(&Row) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params_from_iter(only))?;
    while let Some(r) = rows.next()? {
        each(r)?;
    }
    Ok(())
}

/// Column `i` of `r` as text borrowed from the row, without a `String` of its own.
pub(super) fn text<'r>(r: &'r Row, i: usize) -> Result<&'r str, StoreError> {
    Ok(r.get_ref(i)?.as_str().map_err(rusqlite::Error::from)?)
}

/// Like [`text`], for a column that may be NULL.
pub(super) fn optional_text<'r>(r: &'r Row, i: usize) -> Result<Option<&'r str>, StoreError> {
    Ok(r.get_ref(i)?
        .as_str_or_null()
        .map_err(rusqlite::Error::from)?)
}

fn parse_time(table: &'static str, id: &str, text: &str) -> Result<NaiveTime, StoreError> {
    // The store writes `HH:MM`: read that directly, hundreds of thousands of times for a large
    // kaart; anything else goes through the format.
    let digits = |at: usize| {
        let pair = text.as_bytes().get(at..at + 2)?;
        pair.iter()
            .all(u8::is_ascii_digit)
            .then(|| u32::from(pair[0] - b'0') * 10 + u32::from(pair[1] - b'0'))
    };
    let direct = (text.len() == 5 && text.as_bytes()[2] == b':')
        .then(|| NaiveTime::from_hms_opt(digits(0)?, digits(3)?, 0))
        .flatten();
    direct
        .or_else(|| NaiveTime::parse_from_str(text, TIME_FORMAT).ok())
        .ok_or_else(|| corrupt(table, id, format!("ongeldige tijd {text:?}")))
}

fn parse_date(table: &'static str, id: &str, text: &str) -> Result<NaiveDate, StoreError> {
    text.parse()
        .map_err(|_| corrupt(table, id, format!("ongeldige datum {text:?}")))
}

pub(super) fn optional_date(
    table: &'static str,
    id: &str,
    text: Option<String>,
) -> Result<Option<NaiveDate>, StoreError> {
    text.map(|t| parse_date(table, id, &t)).transpose()
}

/// The rows of another table that belong to records, in record-id order, handed out one
/// record at a time while the records themselves are read in the same order. Within a record
/// the rows are put in order here, by a key each row carries: SQLite then walks the table's
/// index by record id and sorts nothing.
pub(super) struct Grouped<'s, K, T> {
    rows: Rows<'s>,
    read: fn(&Row) -> Result<(K, T), StoreError>,
    /// The record id of the next row not yet handed out (a buffer reused for every row).
    owner: String,
    /// The next row not yet handed out.
    next: Option<(K, T)>,
}

impl<'s, K: Ord, T> Grouped<'s, K, T> {
    /// `stmt` selects the record id first, ends in a [`filter`] and is ordered by record id;
    /// `read` reads the rest of a row, with the key that orders it within its record.
    pub(super) fn new(
        stmt: &'s mut Statement<'_>,
        only: Option<&str>,
        read: fn(&Row) -> Result<(K, T), StoreError>,
    ) -> Result<Grouped<'s, K, T>, StoreError> {
        let mut grouped = Grouped {
            rows: stmt.query(params_from_iter(only))?,
            read,
            owner: String::new(),
            next: None,
        };
        grouped.advance()?;
        Ok(grouped)
    }

    fn advance(&mut self) -> Result<(), StoreError> {
        self.next = match self.rows.next()? {
            Some(row) => {
                self.owner.clear();
                self.owner.push_str(text(row, 0)?);
                Some((self.read)(row)?)
            }
            None => None,
        };
        Ok(())
    }

    /// The rows of record `id`, in order; rows of records before it (none exist) are passed
    /// over.
    pub(super) fn take(&mut self, id: &str) -> Result<Vec<T>, StoreError> {
        let mut found = Vec::new();
        while self.next.is_some() {
            match self.owner.as_str().cmp(id) {
                Ordering::Less => {}
                Ordering::Equal => found.extend(self.next.take()),
                Ordering::Greater => break,
            }
            self.advance()?;
        }
        found.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(found.into_iter().map(|(_, value)| value).collect())
    }
}

pub(super) fn prepare<'c>(conn: &'c Connection, sql: &str) -> Result<Statement<'c>, StoreError> {
    Ok(conn.prepare(sql)?)
}

/// The phones of one owner column, in owner order, with their position.
fn phones_sql(owner_column: &str, only: Option<&str>) -> String {
    format!(
        "SELECT {owner_column}, position, id, number, kind, description FROM phones
         {} ORDER BY {owner_column}",
        filter(owner_column, only)
    )
}

fn read_phone(r: &Row) -> Result<(i64, Phone), StoreError> {
    let phone = Phone {
        id: r.get(2)?,
        number: r.get(3)?,
        kind: r.get(4)?,
        description: r.get(5)?,
    };
    Ok((r.get(1)?, phone))
}

/// `(service_id, order, values…)` rows of `table`, in service order; `order` orders them
/// within a service.
pub(super) fn service_rows_sql(
    table: &str,
    order: &str,
    values: &str,
    only: Option<&str>,
) -> String {
    format!(
        "SELECT service_id, {order}, {values} FROM {table} {} ORDER BY service_id",
        filter("service_id", only)
    )
}

pub(super) fn read_string(r: &Row) -> Result<(i64, String), StoreError> {
    Ok((r.get(1)?, r.get(2)?))
}

pub(super) fn load(conn: &Connection) -> Result<Kaart, StoreError> {
    let mut services = Vec::new();
    for_each_service(conn, None, |service| {
        services.push(service);
        Ok(())
    })?;
    Ok(Kaart {
        services,
        ..load_places(conn)?
    })
}

/// The organisations and locations of the kaart, without its services.
pub(super) fn load_places(conn: &Connection) -> Result<Kaart, StoreError> {
    Ok(Kaart {
        organizations: load_organizations(conn, None)?,
        locations: load_locations(conn, None)?,
        services: Vec::new(),
    })
}

/// The organisation and the locations `service` names, as far as they are on the kaart.
pub(super) fn load_references(conn: &Connection, service: &Service) -> Result<Kaart, StoreError> {
    let mut references = Kaart::default();
    if let Some(id) = &service.organization_id {
        references.organizations = load_organizations(conn, Some(id))?;
    }
    for id in &service.location_ids {
        references.locations.extend(load_locations(conn, Some(id))?);
    }
    Ok(references)
}

/// Every organisation in id order, or only the one with id `only`.
pub(super) fn load_organizations(
    conn: &Connection,
    only: Option<&str>,
) -> Result<Vec<Organization>, StoreError> {
    let mut phones_stmt = prepare(conn, &phones_sql("organization_id", only))?;
    let mut phones = Grouped::new(&mut phones_stmt, only, read_phone)?;
    let sql = format!(
        "SELECT id, name, description, email, website FROM organizations {} ORDER BY id",
        filter("id", only)
    );
    let mut organizations = Vec::new();
    for_each_row(conn, &sql, only, |r| {
        let id: String = r.get(0)?;
        organizations.push(Organization {
            phones: phones.take(&id)?,
            id,
            name: r.get(1)?,
            description: r.get(2)?,
            email: r.get(3)?,
            website: r.get(4)?,
        });
        Ok(())
    })?;
    Ok(organizations)
}

/// Every location in id order, or only the one with id `only`.
pub(super) fn load_locations(
    conn: &Connection,
    only: Option<&str>,
) -> Result<Vec<Location>, StoreError> {
    let mut phones_stmt = prepare(conn, &phones_sql("location_id", only))?;
    let mut phones = Grouped::new(&mut phones_stmt, only, read_phone)?;
    let sql = format!(
        "SELECT id, organization_id, name, description, street, postcode, city, wijk
         FROM locations {} ORDER BY id",
        filter("id", only)
    );
    let mut locations = Vec::new();
    for_each_row(conn, &sql, only, |r| {
        let id: String = r.get(0)?;
        let street: Option<String> = r.get(4)?;
        let postcode: Option<String> = r.get(5)?;
        let city: Option<String> = r.get(6)?;
        let wijk: Option<String> = r.get(7)?;
        let address = (street.is_some() || postcode.is_some() || city.is_some() || wijk.is_some())
            .then(|| Address {
                street: street.unwrap_or_default(),
                postcode: postcode.unwrap_or_default(),
                city: city.unwrap_or_default(),
                wijk,
            });
        locations.push(Location {
            phones: phones.take(&id)?,
            id,
            organization_id: r.get(1)?,
            name: r.get(2)?,
            description: r.get(3)?,
            address,
        });
        Ok(())
    })?;
    Ok(locations)
}

pub(super) fn weekly_hours_sql(only: Option<&str>) -> String {
    service_rows_sql(
        "weekly_hours",
        "weekday",
        "opens, closes, valid_from, valid_to",
        only,
    )
}

/// Orders a service's weekly hours by day, then time, then validity.
type WeeklyOrder = (
    u8,
    NaiveTime,
    NaiveTime,
    Option<NaiveDate>,
    Option<NaiveDate>,
);

pub(super) fn read_weekly_hours(r: &Row) -> Result<(WeeklyOrder, WeeklyHours), StoreError> {
    let id = text(r, 0)?;
    let day: u8 = r.get(1)?;
    let weekday = Weekday::try_from(day.wrapping_sub(1))
        .map_err(|_| corrupt("weekly_hours", id, format!("ongeldige dag {day}")))?;
    let hours = WeeklyHours {
        weekday,
        opens: parse_time("weekly_hours", id, text(r, 2)?)?,
        closes: parse_time("weekly_hours", id, text(r, 3)?)?,
        valid_from: optional_date("weekly_hours", id, r.get(4)?)?,
        valid_to: optional_date("weekly_hours", id, r.get(5)?)?,
    };
    let order = (
        day,
        hours.opens,
        hours.closes,
        hours.valid_from,
        hours.valid_to,
    );
    Ok((order, hours))
}

pub(super) fn hours_exceptions_sql(only: Option<&str>) -> String {
    format!(
        "SELECT service_id, date, opens, closes, description FROM hours_exceptions
         {} ORDER BY service_id, date, opens, closes, description",
        filter("service_id", only)
    )
}

/// Exceptions are few: SQLite orders them (by date, then hours and description).
pub(super) fn read_hours_exception(r: &Row) -> Result<((), HoursException), StoreError> {
    let id: String = r.get(0)?;
    let date = parse_date("hours_exceptions", &id, &r.get::<_, String>(1)?)?;
    let opens: Option<String> = r.get(2)?;
    let closes: Option<String> = r.get(3)?;
    let hours = match (opens, closes) {
        (Some(o), Some(c)) => Some((
            parse_time("hours_exceptions", &id, &o)?,
            parse_time("hours_exceptions", &id, &c)?,
        )),
        _ => None,
    };
    let exception = HoursException {
        date,
        hours,
        description: r.get(4)?,
    };
    Ok(((), exception))
}

pub(super) fn status_of(id: &str, status: &str) -> Result<ServiceStatus, StoreError> {
    ServiceStatus::from_code(status)
        .ok_or_else(|| corrupt("services", id, format!("onbekende status {status:?}")))
}

pub(super) fn laag_of(id: &str, laag: Option<&str>) -> Result<Option<Laag>, StoreError> {
    laag.map(|code| {
        Laag::from_code(code)
            .ok_or_else(|| corrupt("services", id, format!("onbekende laag {code:?}")))
    })
    .transpose()
}

/// Every service in id order with everything that belongs to it, or only the one with id
/// `only`, handed to `each` one at a time.
pub(super) fn for_each_service(
    conn: &Connection,
    only: Option<&str>,
    mut each: impl FnMut(Service) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let mut phones = prepare(conn, &phones_sql("service_id", only))?;
    let mut phones = Grouped::new(&mut phones, only, read_phone)?;
    let leefgebieden_sql = service_rows_sql("service_leefgebieden", "position", "code", only);
    let mut leefgebieden = prepare(conn, &leefgebieden_sql)?;
    let mut leefgebieden = Grouped::new(&mut leefgebieden, only, read_string)?;
    let keywords_sql = service_rows_sql("service_keywords", "rowid", "keyword", only);
    let mut keywords = prepare(conn, &keywords_sql)?;
    let mut keywords = Grouped::new(&mut keywords, only, read_string)?;
    let locations_sql = service_rows_sql("service_locations", "position", "location_id", only);
    let mut locations = prepare(conn, &locations_sql)?;
    let mut locations = Grouped::new(&mut locations, only, read_string)?;
    let mut hours = prepare(conn, &weekly_hours_sql(only))?;
    let mut hours = Grouped::new(&mut hours, only, read_weekly_hours)?;
    let mut exceptions = prepare(conn, &hours_exceptions_sql(only))?;
    let mut exceptions = Grouped::new(&mut exceptions, only, read_hours_exception)?;

    let sql = format!(
        "SELECT id, organization_id, name, alternate_name, description, status, laag,
            referral_required, free, fees_description, min_age, max_age, eligibility,
            application_process, url, email, last_verified
         FROM services {} ORDER BY id",
        filter("id", only)
    );
    for_each_row(conn, &sql, only, |r| {
        let id: String = r.get(0)?;
        let status: String = r.get(5)?;
        let laag: Option<String> = r.get(6)?;
        let last_verified: Option<String> = r.get(16)?;
        each(Service {
            organization_id: r.get(1)?,
            name: r.get(2)?,
            alternate_name: r.get(3)?,
            description: r.get(4)?,
            status: status_of(&id, &status)?,
            laag: laag_of(&id, laag.as_deref())?,
            referral_required: r.get(7)?,
            free: r.get(8)?,
            fees_description: r.get(9)?,
            min_age: r.get(10)?,
            max_age: r.get(11)?,
            eligibility: r.get(12)?,
            application_process: r.get(13)?,
            url: r.get(14)?,
            email: r.get(15)?,
            last_verified: optional_date("services", &id, last_verified)?,
            leefgebieden: leefgebieden.take(&id)?,
            keywords: keywords.take(&id)?,
            location_ids: locations.take(&id)?,
            phones: phones.take(&id)?,
            hours: hours.take(&id)?,
            exceptions: exceptions.take(&id)?,
            id,
        })
    })
}

/// Every service in id order, or only the one with id `only`.
pub(super) fn load_services(
    conn: &Connection,
    only: Option<&str>,
) -> Result<Vec<Service>, StoreError> {
    let mut services = Vec::new();
    for_each_service(conn, only, |service| {
        services.push(service);
        Ok(())
    })?;
    Ok(services)
}
