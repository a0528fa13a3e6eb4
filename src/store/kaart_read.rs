//! Reading the sociale kaart: all of it at once (for the search index and exports), or one
//! record (for kaart beheer, to compare an edit with what is stored). Both go through the same
//! queries, so a record reads back the same either way.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime, Weekday};
use rusqlite::{Connection, Row, params_from_iter};

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

/// Phones grouped by the id of their owner, for one owner column.
fn phones_by(
    conn: &Connection,
    owner_column: &str,
    only: Option<&str>,
) -> Result<HashMap<String, Vec<Phone>>, StoreError> {
    let sql = format!(
        "SELECT {owner_column}, id, number, kind, description FROM phones
         {} ORDER BY {owner_column}, position",
        filter(owner_column, only)
    );
    let mut map: HashMap<String, Vec<Phone>> = HashMap::new();
    for_each_row(conn, &sql, only, |r| {
        map.entry(r.get(0)?).or_default().push(Phone {
            id: r.get(1)?,
            number: r.get(2)?,
            kind: r.get(3)?,
            description: r.get(4)?,
        });
        Ok(())
    })?;
    Ok(map)
}

/// `(service_id, value)` rows of `table` grouped by service, in `order`.
fn grouped_strings(
    conn: &Connection,
    table: &str,
    value: &str,
    order: &str,
    only: Option<&str>,
) -> Result<HashMap<String, Vec<String>>, StoreError> {
    let sql = format!(
        "SELECT service_id, {value} FROM {table} {} ORDER BY service_id, {order}",
        filter("service_id", only)
    );
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    for_each_row(conn, &sql, only, |r| {
        map.entry(r.get(0)?).or_default().push(r.get(1)?);
        Ok(())
    })?;
    Ok(map)
}

pub(super) fn load(conn: &Connection) -> Result<Kaart, StoreError> {
    Ok(Kaart {
        organizations: load_organizations(conn, None)?,
        locations: load_locations(conn, None)?,
        services: load_services(conn, None)?,
    })
}

/// Every organisation in id order, or only the one with id `only`.
pub(super) fn load_organizations(
    conn: &Connection,
    only: Option<&str>,
) -> Result<Vec<Organization>, StoreError> {
    let mut phones = phones_by(conn, "organization_id", only)?;
    let sql = format!(
        "SELECT id, name, description, email, website FROM organizations {} ORDER BY id",
        filter("id", only)
    );
    let mut organizations = Vec::new();
    for_each_row(conn, &sql, only, |r| {
        let id: String = r.get(0)?;
        organizations.push(Organization {
            phones: phones.remove(&id).unwrap_or_default(),
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
    let mut phones = phones_by(conn, "location_id", only)?;
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
            phones: phones.remove(&id).unwrap_or_default(),
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

fn weekly_hours(
    conn: &Connection,
    only: Option<&str>,
) -> Result<HashMap<String, Vec<WeeklyHours>>, StoreError> {
    let sql = format!(
        "SELECT service_id, weekday, opens, closes, valid_from, valid_to FROM weekly_hours
         {} ORDER BY service_id, weekday, opens, closes, valid_from, valid_to",
        filter("service_id", only)
    );
    let mut hours: HashMap<String, Vec<WeeklyHours>> = HashMap::new();
    for_each_row(conn, &sql, only, |r| {
        let id: String = r.get(0)?;
        let day: u8 = r.get(1)?;
        let weekday = Weekday::try_from(day.wrapping_sub(1))
            .map_err(|_| corrupt("weekly_hours", &id, format!("ongeldige dag {day}")))?;
        let opens = parse_time("weekly_hours", &id, &r.get::<_, String>(2)?)?;
        let closes = parse_time("weekly_hours", &id, &r.get::<_, String>(3)?)?;
        let valid_from = optional_date("weekly_hours", &id, r.get(4)?)?;
        let valid_to = optional_date("weekly_hours", &id, r.get(5)?)?;
        hours.entry(id).or_default().push(WeeklyHours {
            weekday,
            opens,
            closes,
            valid_from,
            valid_to,
        });
        Ok(())
    })?;
    Ok(hours)
}

fn hours_exceptions(
    conn: &Connection,
    only: Option<&str>,
) -> Result<HashMap<String, Vec<HoursException>>, StoreError> {
    let sql = format!(
        "SELECT service_id, date, opens, closes, description FROM hours_exceptions
         {} ORDER BY service_id, date, opens, closes, description",
        filter("service_id", only)
    );
    let mut exceptions: HashMap<String, Vec<HoursException>> = HashMap::new();
    for_each_row(conn, &sql, only, |r| {
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
        exceptions.entry(id).or_default().push(HoursException {
            date,
            hours,
            description: r.get(4)?,
        });
        Ok(())
    })?;
    Ok(exceptions)
}

/// Every service in id order with everything that belongs to it, or only the one with id `only`.
pub(super) fn load_services(
    conn: &Connection,
    only: Option<&str>,
) -> Result<Vec<Service>, StoreError> {
    let mut phones = phones_by(conn, "service_id", only)?;
    let mut leefgebieden = grouped_strings(conn, "service_leefgebieden", "code", "position", only)?;
    let mut keywords = grouped_strings(conn, "service_keywords", "keyword", "rowid", only)?;
    let mut locations =
        grouped_strings(conn, "service_locations", "location_id", "position", only)?;
    let mut hours = weekly_hours(conn, only)?;
    let mut exceptions = hours_exceptions(conn, only)?;

    let sql = format!(
        "SELECT id, organization_id, name, alternate_name, description, status, laag,
            referral_required, free, fees_description, min_age, max_age, eligibility,
            application_process, url, email, last_verified
         FROM services {} ORDER BY id",
        filter("id", only)
    );
    let mut services = Vec::new();
    for_each_row(conn, &sql, only, |r| {
        let id: String = r.get(0)?;
        let status: String = r.get(5)?;
        let laag: Option<String> = r.get(6)?;
        let last_verified: Option<String> = r.get(16)?;
        services.push(Service {
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
            leefgebieden: leefgebieden.remove(&id).unwrap_or_default(),
            keywords: keywords.remove(&id).unwrap_or_default(),
            location_ids: locations.remove(&id).unwrap_or_default(),
            phones: phones.remove(&id).unwrap_or_default(),
            hours: hours.remove(&id).unwrap_or_default(),
            exceptions: exceptions.remove(&id).unwrap_or_default(),
            id,
        });
        Ok(())
    })?;
    Ok(services)
}
