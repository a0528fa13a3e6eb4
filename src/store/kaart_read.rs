//! Reading the sociale kaart: all of it at once (for exports), one service after the other
//! (for the search index, which keeps only what it needs), or one record (for the detail pane
//! and kaart beheer). All go through the same queries, so a record reads back the same either
//! way. A record's rows in other tables (phones, hours, …) are read in the record's order
//! beside it, so reading the whole kaart never holds more than one record's rows.

use std::cmp::Ordering;

use chrono::{NaiveDate, NaiveTime, Weekday};
use rusqlite::{Connection, Row, Rows, Statement, params_from_iter};

use super::StoreError;
use super::columns::corrupt;
use super::kaart::TIME_FORMAT;
use crate::domain::Code;
use crate::domain::{
    Address, HoursException, Kaart, Laag, Location, Organization, Phone, Service, ServicePlaces,
    ServiceStatus, WeeklyHours,
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

fn parse_time(table: &'static str, id: &str, text: &str) -> Result<NaiveTime, StoreError> {
    NaiveTime::parse_from_str(text, TIME_FORMAT)
        .map_err(|_| corrupt(table, id, format!("ongeldige tijd {text:?}")))
}

fn parse_date(table: &'static str, id: &str, text: &str) -> Result<NaiveDate, StoreError> {
    text.parse()
        .map_err(|_| corrupt(table, id, format!("ongeldige datum {text:?}")))
}

fn optional_date(
    table: &'static str,
    id: &str,
    text: Option<String>,
) -> Result<Option<NaiveDate>, StoreError> {
    text.map(|t| parse_date(table, id, &t)).transpose()
}

/// The rows of another table that belong to records, in record-id order, handed out one
/// record at a time while the records themselves are read in the same order.
struct Grouped<'s, T> {
    rows: Rows<'s>,
    read: fn(&Row) -> Result<T, StoreError>,
    /// The next row not yet handed out, with the id of its record.
    next: Option<(String, T)>,
}

impl<'s, T> Grouped<'s, T> {
    /// `stmt` selects the record id first, ends in a [`filter`] and is ordered by record id;
    /// `read` reads the rest of a row.
    fn new(
        stmt: &'s mut Statement<'_>,
        only: Option<&str>,
        read: fn(&Row) -> Result<T, StoreError>,
    ) -> Result<Grouped<'s, T>, StoreError> {
        let mut grouped = Grouped {
            rows: stmt.query(params_from_iter(only))?,
            read,
            next: None,
        };
        grouped.advance()?;
        Ok(grouped)
    }

    fn advance(&mut self) -> Result<(), StoreError> {
        self.next = match self.rows.next()? {
            Some(row) => Some((row.get(0)?, (self.read)(row)?)),
            None => None,
        };
        Ok(())
    }

    /// The rows of record `id`; rows of records before it (none exist) are passed over.
    fn take(&mut self, id: &str) -> Result<Vec<T>, StoreError> {
        let mut found = Vec::new();
        while let Some((owner, _)) = &self.next {
            match owner.as_str().cmp(id) {
                Ordering::Less => {}
                Ordering::Equal => found.extend(self.next.take().map(|(_, value)| value)),
                Ordering::Greater => break,
            }
            self.advance()?;
        }
        Ok(found)
    }
}

fn prepare<'c>(conn: &'c Connection, sql: &str) -> Result<Statement<'c>, StoreError> {
    Ok(conn.prepare(sql)?)
}

/// The phones of one owner column, in owner order.
fn phones_sql(owner_column: &str, only: Option<&str>) -> String {
    format!(
        "SELECT {owner_column}, id, number, kind, description FROM phones
         {} ORDER BY {owner_column}, position",
        filter(owner_column, only)
    )
}

fn read_phone(r: &Row) -> Result<Phone, StoreError> {
    Ok(Phone {
        id: r.get(1)?,
        number: r.get(2)?,
        kind: r.get(3)?,
        description: r.get(4)?,
    })
}

/// `(service_id, value)` rows of `table`, in service order and then `order`.
fn strings_sql(table: &str, value: &str, order: &str, only: Option<&str>) -> String {
    format!(
        "SELECT service_id, {value} FROM {table} {} ORDER BY service_id, {order}",
        filter("service_id", only)
    )
}

fn read_string(r: &Row) -> Result<String, StoreError> {
    Ok(r.get(1)?)
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

fn weekly_hours_sql(only: Option<&str>) -> String {
    format!(
        "SELECT service_id, weekday, opens, closes, valid_from, valid_to FROM weekly_hours
         {} ORDER BY service_id, weekday, opens, closes, valid_from, valid_to",
        filter("service_id", only)
    )
}

fn read_weekly_hours(r: &Row) -> Result<WeeklyHours, StoreError> {
    let id: String = r.get(0)?;
    let day: u8 = r.get(1)?;
    let weekday = Weekday::try_from(day.wrapping_sub(1))
        .map_err(|_| corrupt("weekly_hours", &id, format!("ongeldige dag {day}")))?;
    Ok(WeeklyHours {
        weekday,
        opens: parse_time("weekly_hours", &id, &r.get::<_, String>(2)?)?,
        closes: parse_time("weekly_hours", &id, &r.get::<_, String>(3)?)?,
        valid_from: optional_date("weekly_hours", &id, r.get(4)?)?,
        valid_to: optional_date("weekly_hours", &id, r.get(5)?)?,
    })
}

fn hours_exceptions_sql(only: Option<&str>) -> String {
    format!(
        "SELECT service_id, date, opens, closes, description FROM hours_exceptions
         {} ORDER BY service_id, date, opens, closes, description",
        filter("service_id", only)
    )
}

fn read_hours_exception(r: &Row) -> Result<HoursException, StoreError> {
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
    Ok(HoursException {
        date,
        hours,
        description: r.get(4)?,
    })
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
    let leefgebieden_sql = strings_sql("service_leefgebieden", "code", "position", only);
    let mut leefgebieden = prepare(conn, &leefgebieden_sql)?;
    let mut leefgebieden = Grouped::new(&mut leefgebieden, only, read_string)?;
    let mut keywords = prepare(
        conn,
        &strings_sql("service_keywords", "keyword", "rowid", only),
    )?;
    let mut keywords = Grouped::new(&mut keywords, only, read_string)?;
    let locations_sql = strings_sql("service_locations", "location_id", "position", only);
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
            status: ServiceStatus::from_code(&status)
                .ok_or_else(|| corrupt("services", &id, format!("onbekende status {status:?}")))?,
            laag: match laag {
                Some(code) => {
                    Some(Laag::from_code(&code).ok_or_else(|| {
                        corrupt("services", &id, format!("onbekende laag {code:?}"))
                    })?)
                }
                None => None,
            },
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

fn read_organization_name(r: &Row) -> Result<String, StoreError> {
    Ok(r.get(1)?)
}

fn read_location_place(r: &Row) -> Result<(String, Option<String>), StoreError> {
    Ok((r.get(1)?, r.get(2)?))
}

/// Every service in id order with the names of its organisation and locations, handed to
/// `each` one at a time: the search index reads the kaart this way, so the whole kaart is
/// never in memory.
pub(super) fn for_each_placed_service(
    conn: &Connection,
    mut each: impl FnMut(Service, ServicePlaces) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let mut organization_stmt = prepare(
        conn,
        "SELECT s.id, o.name FROM services s JOIN organizations o ON o.id = s.organization_id
         WHERE s.id IS NOT NULL ORDER BY s.id",
    )?;
    let mut organizations = Grouped::new(&mut organization_stmt, None, read_organization_name)?;
    let mut location_stmt = prepare(
        conn,
        "SELECT sl.service_id, l.name, l.wijk
         FROM service_locations sl JOIN locations l ON l.id = sl.location_id
         WHERE sl.service_id IS NOT NULL ORDER BY sl.service_id, sl.position",
    )?;
    let mut locations = Grouped::new(&mut location_stmt, None, read_location_place)?;
    for_each_service(conn, None, |service| {
        let places = ServicePlaces {
            organization: organizations.take(&service.id)?.pop(),
            locations: locations.take(&service.id)?,
        };
        each(service, places)
    })
}
