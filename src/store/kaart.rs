//! Writing the sociale kaart: the import's save of a whole kaart, and the functions that write
//! one organisation, location or service, which kaart beheer uses for its edits too. Reading
//! lives in `kaart_read`.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::kaart_index_read::for_each_placed_service;
use super::kaart_read::{load, load_places, load_references, load_services};
use super::{SourceFields, Store, StoreError};
use crate::domain::Code;
use crate::domain::{Kaart, Laag, Location, Organization, Phone, Service, ServicePlaces};

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

pub(super) const TIME_FORMAT: &str = "%H:%M";

impl Store {
    /// Loads the whole kaart, every collection in id order.
    pub fn load_kaart(&self) -> Result<Kaart, StoreError> {
        load(&self.conn)
    }

    /// Every service in id order with the names of its organisation and locations, one at a
    /// time: how the search index reads the kaart without holding all of it.
    pub fn for_each_service(
        &self,
        each: impl FnMut(Service, ServicePlaces) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        for_each_placed_service(&self.conn, each)
    }

    /// Service `id` with its organisation and its locations — the part of the kaart its detail
    /// pane shows — or `None` when there is no such service.
    pub fn service_detail(&self, id: &str) -> Result<Option<Kaart>, StoreError> {
        let Some(service) = load_services(&self.conn, Some(id))?.pop() else {
            return Ok(None);
        };
        let mut detail = load_references(&self.conn, &service)?;
        detail.services.push(service);
        Ok(Some(detail))
    }

    /// The organisations and locations of the kaart without its services: what a service form
    /// resolves the names typed into it against.
    pub fn kaart_places(&self) -> Result<Kaart, StoreError> {
        load_places(&self.conn)
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
    /// recorded in the same transaction. Either all of it is stored or none of it. Raises the
    /// kaart version, so running desks rebuild their search index.
    pub fn save_kaart(
        &mut self,
        kaart: &Kaart,
        run: Option<&ImportRun>,
    ) -> Result<SaveCounts, StoreError> {
        self.save_import(kaart, &SourceFields::default(), run)
    }

    /// [`Store::save_kaart`], replacing in the same transaction the source fields of every
    /// record in `kaart` (see [`SourceFields`]).
    pub fn save_import(
        &mut self,
        kaart: &Kaart,
        fields: &SourceFields,
        run: Option<&ImportRun>,
    ) -> Result<SaveCounts, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let counts = save(&tx, kaart)?;
        super::source_fields::replace(&tx, kaart, fields)?;
        raise_version(&tx)?;
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

pub(super) fn exists(conn: &Connection, table: &str, id: &str) -> Result<bool, StoreError> {
    let sql = format!("SELECT 1 FROM {table} WHERE id = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Raises `kaart_version`; every write to the kaart calls it inside its transaction.
pub(super) fn raise_version(conn: &Connection) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE kaart_version SET version = version + 1 WHERE id = 1")?
        .execute([])?;
    Ok(())
}

fn save(conn: &Connection, kaart: &Kaart) -> Result<SaveCounts, StoreError> {
    let mut counts = SaveCounts::default();
    for org in &kaart.organizations {
        if exists(conn, "organizations", &org.id)? {
            counts.organizations_updated += 1;
        } else {
            counts.organizations_created += 1;
        }
        write_organization(conn, org)?;
    }
    for loc in &kaart.locations {
        if exists(conn, "locations", &loc.id)? {
            counts.locations_updated += 1;
        } else {
            counts.locations_created += 1;
        }
        write_location(conn, loc)?;
    }
    for service in &kaart.services {
        if exists(conn, "services", &service.id)? {
            counts.services_updated += 1;
        } else {
            counts.services_created += 1;
        }
        write_service(conn, service)?;
    }
    Ok(counts)
}

/// Creates or updates one organisation by id, its phones replaced by the given ones.
pub(super) fn write_organization(tx: &Connection, org: &Organization) -> Result<(), StoreError> {
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
    insert_phones(tx, "organization_id", &org.id, &org.phones)
}

/// Creates or updates one location by id, its phones replaced by the given ones.
pub(super) fn write_location(tx: &Connection, loc: &Location) -> Result<(), StoreError> {
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
    insert_phones(tx, "location_id", &loc.id, &loc.phones)
}

/// Creates or updates one service by id; its leefgebieden, keywords, locations, phones and
/// hours are replaced by the given ones.
pub(super) fn write_service(tx: &Connection, s: &Service) -> Result<(), StoreError> {
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
    tx: &Connection,
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
