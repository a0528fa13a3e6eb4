//! Reading and writing the sociale kaart.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime, Weekday};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::columns::corrupt;
use super::{Store, StoreError};
use crate::domain::{
    Address, HoursException, Kaart, Laag, Location, Organization, Phone, Service, ServiceStatus,
    WeeklyHours,
};

/// How many records a save wrote, split by whether they were new.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SaveCounts {
    pub organizations_created: usize,
    pub organizations_updated: usize,
    pub locations_created: usize,
    pub locations_updated: usize,
    pub services_created: usize,
    pub services_updated: usize,
}

/// A finished import, as remembered in the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRun {
    pub source: String,
    pub services: usize,
    pub warnings: usize,
    /// The human-readable report of the import (warnings, counts).
    pub report: String,
}

const TIME_FORMAT: &str = "%H:%M";

impl Store {
    /// Loads the whole kaart, every collection in id order.
    pub fn load_kaart(&self) -> Result<Kaart, StoreError> {
        load(&self.conn)
    }

    pub fn count_services(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM services", [], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// Writes `kaart` in one transaction: records are created or updated by id (never
    /// duplicated), a service's leefgebieden, keywords, locations, phones and hours are replaced
    /// by the given ones, and records not in `kaart` are left alone. With `run`, the import is
    /// recorded in the same transaction. Either all of it is stored or none of it.
    pub fn save_kaart(
        &mut self,
        kaart: &Kaart,
        run: Option<&ImportRun>,
    ) -> Result<SaveCounts, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let counts = save(&tx, kaart)?;
        if let Some(run) = run {
            tx.execute(
                "INSERT INTO import_runs (imported_at, source, services, warnings, report)
                 VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?1, ?2, ?3, ?4)",
                params![
                    run.source,
                    run.services as i64,
                    run.warnings as i64,
                    run.report
                ],
            )?;
        }
        tx.commit()?;
        Ok(counts)
    }

    /// The imports done on this database, newest first.
    pub fn import_runs(&self) -> Result<Vec<ImportRun>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT source, services, warnings, report FROM import_runs ORDER BY id DESC",
        )?;
        let runs = stmt
            .query_map([], |r| {
                Ok(ImportRun {
                    source: r.get(0)?,
                    services: r.get::<_, i64>(1)? as usize,
                    warnings: r.get::<_, i64>(2)? as usize,
                    report: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(runs)
    }
}

fn exists(tx: &Transaction, table: &str, id: &str) -> Result<bool, StoreError> {
    let sql = format!("SELECT 1 FROM {table} WHERE id = ?1");
    Ok(tx
        .prepare_cached(&sql)?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

fn save(tx: &Transaction, kaart: &Kaart) -> Result<SaveCounts, StoreError> {
    let mut counts = SaveCounts::default();
    for org in &kaart.organizations {
        if exists(tx, "organizations", &org.id)? {
            counts.organizations_updated += 1;
        } else {
            counts.organizations_created += 1;
        }
        tx.prepare_cached(
            "INSERT INTO organizations (id, name, description, email, website)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(id) DO UPDATE SET name = excluded.name,
                description = excluded.description, email = excluded.email,
                website = excluded.website",
        )?
        .execute(params![
            org.id,
            org.name,
            org.description,
            org.email,
            org.website
        ])?;
        tx.prepare_cached("DELETE FROM phones WHERE organization_id = ?1")?
            .execute([&org.id])?;
        insert_phones(tx, "organization_id", &org.id, &org.phones)?;
    }
    for loc in &kaart.locations {
        if exists(tx, "locations", &loc.id)? {
            counts.locations_updated += 1;
        } else {
            counts.locations_created += 1;
        }
        let address = loc.address.as_ref();
        tx.prepare_cached(
            "INSERT INTO locations (id, organization_id, name, description, street, postcode, city, wijk)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT(id) DO UPDATE SET organization_id = excluded.organization_id,
                name = excluded.name, description = excluded.description,
                street = excluded.street, postcode = excluded.postcode,
                city = excluded.city, wijk = excluded.wijk",
        )?
        .execute(params![
            loc.id,
            loc.organization_id,
            loc.name,
            loc.description,
            address.map(|a| &a.street),
            address.map(|a| &a.postcode),
            address.map(|a| &a.city),
            address.and_then(|a| a.wijk.as_ref()),
        ])?;
        tx.prepare_cached("DELETE FROM phones WHERE location_id = ?1")?
            .execute([&loc.id])?;
        insert_phones(tx, "location_id", &loc.id, &loc.phones)?;
    }
    for service in &kaart.services {
        if exists(tx, "services", &service.id)? {
            counts.services_updated += 1;
        } else {
            counts.services_created += 1;
        }
        save_service(tx, service)?;
    }
    Ok(counts)
}

fn save_service(tx: &Transaction, s: &Service) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO services (id, organization_id, name, alternate_name, description, status,
            laag, referral_required, free, fees_description, min_age, max_age, eligibility,
            application_process, url, email, last_verified)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
         ON CONFLICT(id) DO UPDATE SET organization_id = excluded.organization_id,
            name = excluded.name, alternate_name = excluded.alternate_name,
            description = excluded.description, status = excluded.status, laag = excluded.laag,
            referral_required = excluded.referral_required, free = excluded.free,
            fees_description = excluded.fees_description, min_age = excluded.min_age,
            max_age = excluded.max_age, eligibility = excluded.eligibility,
            application_process = excluded.application_process, url = excluded.url,
            email = excluded.email, last_verified = excluded.last_verified",
    )?
    .execute(params![
        s.id,
        s.organization_id,
        s.name,
        s.alternate_name,
        s.description,
        s.status.code(),
        s.laag.map(Laag::code),
        s.referral_required,
        s.free,
        s.fees_description,
        s.min_age,
        s.max_age,
        s.eligibility,
        s.application_process,
        s.url,
        s.email,
        s.last_verified.map(|d| d.to_string()),
    ])?;
    for table in [
        "service_leefgebieden",
        "service_keywords",
        "service_locations",
        "phones",
        "weekly_hours",
        "hours_exceptions",
    ] {
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE service_id = ?1"))?
            .execute([&s.id])?;
    }
    for (position, code) in s.leefgebieden.iter().enumerate() {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO service_leefgebieden (service_id, position, code) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![s.id, position as i64, code])?;
    }
    for keyword in &s.keywords {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO service_keywords (service_id, keyword) VALUES (?1, ?2)",
        )?
        .execute(params![s.id, keyword])?;
    }
    for (position, location_id) in s.location_ids.iter().enumerate() {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO service_locations (service_id, location_id, position) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![s.id, location_id, position as i64])?;
    }
    insert_phones(tx, "service_id", &s.id, &s.phones)?;
    for h in &s.hours {
        tx.prepare_cached(
            "INSERT INTO weekly_hours (service_id, weekday, opens, closes, valid_from, valid_to)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            s.id,
            h.weekday.number_from_monday(),
            h.opens.format(TIME_FORMAT).to_string(),
            h.closes.format(TIME_FORMAT).to_string(),
            h.valid_from.map(|d| d.to_string()),
            h.valid_to.map(|d| d.to_string()),
        ])?;
    }
    for e in &s.exceptions {
        tx.prepare_cached(
            "INSERT INTO hours_exceptions (service_id, date, opens, closes, description)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            s.id,
            e.date.to_string(),
            e.hours.map(|(o, _)| o.format(TIME_FORMAT).to_string()),
            e.hours.map(|(_, c)| c.format(TIME_FORMAT).to_string()),
            e.description,
        ])?;
    }
    Ok(())
}

fn insert_phones(
    tx: &Transaction,
    owner_column: &str,
    owner_id: &str,
    phones: &[Phone],
) -> Result<(), StoreError> {
    let sql = format!(
        "INSERT INTO phones (id, {owner_column}, position, number, kind, description)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(id) DO UPDATE SET service_id = NULL, location_id = NULL,
            organization_id = NULL, {owner_column} = excluded.{owner_column},
            position = excluded.position, number = excluded.number, kind = excluded.kind,
            description = excluded.description"
    );
    for (position, p) in phones.iter().enumerate() {
        tx.prepare_cached(&sql)?.execute(params![
            p.id,
            owner_id,
            position as i64,
            p.number,
            p.kind,
            p.description
        ])?;
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
) -> Result<HashMap<String, Vec<Phone>>, StoreError> {
    let sql = format!(
        "SELECT {owner_column}, id, number, kind, description FROM phones
         WHERE {owner_column} IS NOT NULL ORDER BY {owner_column}, position"
    );
    let mut map: HashMap<String, Vec<Phone>> = HashMap::new();
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        map.entry(r.get(0)?).or_default().push(Phone {
            id: r.get(1)?,
            number: r.get(2)?,
            kind: r.get(3)?,
            description: r.get(4)?,
        });
    }
    Ok(map)
}

/// Rows of `(service_id, value)` grouped by service, in query order.
fn grouped_strings(
    conn: &Connection,
    sql: &str,
) -> Result<HashMap<String, Vec<String>>, StoreError> {
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        map.entry(r.get(0)?).or_default().push(r.get(1)?);
    }
    Ok(map)
}

fn load(conn: &Connection) -> Result<Kaart, StoreError> {
    let mut org_phones = phones_by(conn, "organization_id")?;
    let mut loc_phones = phones_by(conn, "location_id")?;
    let mut service_phones = phones_by(conn, "service_id")?;

    let mut organizations = Vec::new();
    let mut stmt = conn
        .prepare("SELECT id, name, description, email, website FROM organizations ORDER BY id")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        organizations.push(Organization {
            phones: org_phones.remove(&id).unwrap_or_default(),
            id,
            name: r.get(1)?,
            description: r.get(2)?,
            email: r.get(3)?,
            website: r.get(4)?,
        });
    }

    let mut locations = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT id, organization_id, name, description, street, postcode, city, wijk
         FROM locations ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
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
            phones: loc_phones.remove(&id).unwrap_or_default(),
            id,
            organization_id: r.get(1)?,
            name: r.get(2)?,
            description: r.get(3)?,
            address,
        });
    }

    let mut leefgebieden = grouped_strings(
        conn,
        "SELECT service_id, code FROM service_leefgebieden ORDER BY service_id, position",
    )?;
    let mut keywords = grouped_strings(
        conn,
        "SELECT service_id, keyword FROM service_keywords ORDER BY service_id, rowid",
    )?;
    let mut service_locations = grouped_strings(
        conn,
        "SELECT service_id, location_id FROM service_locations ORDER BY service_id, position",
    )?;

    let mut hours: HashMap<String, Vec<WeeklyHours>> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT service_id, weekday, opens, closes, valid_from, valid_to FROM weekly_hours
         ORDER BY service_id, weekday, opens, closes, valid_from, valid_to",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
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
    }

    let mut exceptions: HashMap<String, Vec<HoursException>> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT service_id, date, opens, closes, description FROM hours_exceptions
         ORDER BY service_id, date, opens, closes, description",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
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
    }

    let mut services = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT id, organization_id, name, alternate_name, description, status, laag,
            referral_required, free, fees_description, min_age, max_age, eligibility,
            application_process, url, email, last_verified
         FROM services ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
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
            location_ids: service_locations.remove(&id).unwrap_or_default(),
            phones: service_phones.remove(&id).unwrap_or_default(),
            hours: hours.remove(&id).unwrap_or_default(),
            exceptions: exceptions.remove(&id).unwrap_or_default(),
            id,
        });
    }
    Ok(Kaart {
        organizations,
        locations,
        services,
    })
}
