//! Kaart beheer: the beheerder adds, changes, deactivates and verifies services, organisations
//! and locations. Each save is one transaction that writes the record the way an import does,
//! keeps one history row per changed field (old and new value, who, when), raises the kaart
//! version so every running desk rebuilds its search index, and writes one audit row. The audit
//! row names ids and a count only: what was typed lives in the history, not in the log.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::access::actor;
use super::columns::{parse_time, timestamp, tuples};
use super::kaart::{raise_version, write_location, write_organization, write_service};
use super::kaart_read::{load_locations, load_organizations, load_references, load_services};
use super::{Store, StoreError};
use crate::domain::account::User;
use crate::domain::hours::dutch_local;
use crate::domain::kaart_edit::{
    self, FieldChange, FieldProblem, location_changes, organization_changes, service_changes,
};
use crate::domain::policy::{self, Permission};
use crate::domain::{Leefgebieden, Location, Organization, Phone, Service};

/// Why a change to the kaart was not made. Messages are Dutch: they reach the beheerder.
#[derive(Debug, thiserror::Error)]
pub enum KaartEditError {
    #[error("Alleen een beheerder kan de sociale kaart wijzigen")]
    NotAllowed,
    #[error("Niet opgeslagen: {}", messages(.0))]
    Invalid(Vec<FieldProblem>),
    #[error("Dienst {0} staat niet op de kaart")]
    UnknownService(String),
    #[error("Organisatie {0} staat niet op de kaart")]
    UnknownOrganization(String),
    #[error("Locatie {0} staat niet op de kaart")]
    UnknownLocation(String),
    #[error("Melding {0} bestaat niet")]
    UnknownReport(i64),
    #[error("Melding {0} is al afgehandeld")]
    ReportResolved(i64),
    #[error("Schrijf op wat er niet klopt")]
    EmptyText,
    #[error("De tekst is te lang: hoogstens {0} tekens")]
    TextTooLong(usize),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for KaartEditError {
    fn from(e: rusqlite::Error) -> Self {
        KaartEditError::Store(StoreError::Sqlite(e))
    }
}

fn messages(problems: &[FieldProblem]) -> String {
    problems
        .iter()
        .map(|p| p.message.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// One changed field of a kaart record, as the history screen lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KaartChange {
    pub at: DateTime<Utc>,
    /// The name of the user who made the change.
    pub user: String,
    pub field: String,
    pub old: String,
    pub new: String,
}

/// The audit result of a refusal by need-to-know.
pub(super) const REFUSED: &str = "geweigerd: geen beheerder";

/// Starts a write transaction that takes the write lock at once; it borrows the connection
/// shared, so `Store::audit` writes inside it.
pub(super) fn begin(conn: &Connection) -> Result<Transaction<'_>, StoreError> {
    Ok(Transaction::new_unchecked(
        conn,
        TransactionBehavior::Immediate,
    )?)
}

/// What differs between the three kinds of kaart record; [`Store::save_record`] does the rest.
trait Record: Clone + PartialEq + Sized {
    /// The entity in `kaart_history` and in audit objects ("dienst:loket-3").
    const ENTITY: &'static str;
    const TABLE: &'static str;
    /// The column of `phones` naming the owner.
    const PHONE_OWNER: &'static str;
    /// A new record's id is this prefix and the next free number.
    const ID_PREFIX: &'static str;
    fn id_mut(&mut self) -> &mut String;
    fn phones_mut(&mut self) -> &mut Vec<Phone>;
    fn tidy(&mut self);
    fn problems(
        &self,
        conn: &Connection,
        leefgebieden: &Leefgebieden,
    ) -> Result<Vec<FieldProblem>, StoreError>;
    fn load(conn: &Connection, id: &str) -> Result<Option<Self>, StoreError>;
    fn changes(old: Option<&Self>, new: &Self, leefgebieden: &Leefgebieden) -> Vec<FieldChange>;
    fn write(&self, conn: &Connection) -> Result<(), StoreError>;
    fn unknown(id: String) -> KaartEditError;
}

impl Record for Service {
    const ENTITY: &'static str = "dienst";
    const TABLE: &'static str = "services";
    const PHONE_OWNER: &'static str = "service_id";
    const ID_PREFIX: &'static str = "loket-";
    fn id_mut(&mut self) -> &mut String {
        &mut self.id
    }
    fn phones_mut(&mut self) -> &mut Vec<Phone> {
        &mut self.phones
    }
    fn tidy(&mut self) {
        kaart_edit::tidy_service(self);
    }
    /// Checks against only the organisation and locations the service names, not the kaart.
    fn problems(
        &self,
        conn: &Connection,
        leefgebieden: &Leefgebieden,
    ) -> Result<Vec<FieldProblem>, StoreError> {
        Ok(kaart_edit::validate_service(
            self,
            &load_references(conn, self)?,
            leefgebieden,
        ))
    }
    fn load(conn: &Connection, id: &str) -> Result<Option<Self>, StoreError> {
        Ok(load_services(conn, Some(id))?.pop())
    }
    fn changes(old: Option<&Self>, new: &Self, leefgebieden: &Leefgebieden) -> Vec<FieldChange> {
        service_changes(old, new, leefgebieden)
    }
    fn write(&self, conn: &Connection) -> Result<(), StoreError> {
        write_service(conn, self)
    }
    fn unknown(id: String) -> KaartEditError {
        KaartEditError::UnknownService(id)
    }
}

impl Record for Organization {
    const ENTITY: &'static str = "organisatie";
    const TABLE: &'static str = "organizations";
    const PHONE_OWNER: &'static str = "organization_id";
    const ID_PREFIX: &'static str = "loket-org-";
    fn id_mut(&mut self) -> &mut String {
        &mut self.id
    }
    fn phones_mut(&mut self) -> &mut Vec<Phone> {
        &mut self.phones
    }
    fn tidy(&mut self) {
        kaart_edit::tidy_organization(self);
    }
    fn problems(
        &self,
        _conn: &Connection,
        _leefgebieden: &Leefgebieden,
    ) -> Result<Vec<FieldProblem>, StoreError> {
        Ok(kaart_edit::validate_organization(self))
    }
    fn load(conn: &Connection, id: &str) -> Result<Option<Self>, StoreError> {
        Ok(load_organizations(conn, Some(id))?.pop())
    }
    fn changes(old: Option<&Self>, new: &Self, _leefgebieden: &Leefgebieden) -> Vec<FieldChange> {
        organization_changes(old, new)
    }
    fn write(&self, conn: &Connection) -> Result<(), StoreError> {
        write_organization(conn, self)
    }
    fn unknown(id: String) -> KaartEditError {
        KaartEditError::UnknownOrganization(id)
    }
}

impl Record for Location {
    const ENTITY: &'static str = "locatie";
    const TABLE: &'static str = "locations";
    const PHONE_OWNER: &'static str = "location_id";
    const ID_PREFIX: &'static str = "loket-loc-";
    fn id_mut(&mut self) -> &mut String {
        &mut self.id
    }
    fn phones_mut(&mut self) -> &mut Vec<Phone> {
        &mut self.phones
    }
    fn tidy(&mut self) {
        kaart_edit::tidy_location(self);
    }
    fn problems(
        &self,
        conn: &Connection,
        _leefgebieden: &Leefgebieden,
    ) -> Result<Vec<FieldProblem>, StoreError> {
        let mut problems = kaart_edit::validate_location(self);
        if let Some(id) = &self.organization_id
            && load_organizations(conn, Some(id))?.is_empty()
        {
            problems.insert(
                0,
                FieldProblem {
                    field: "organisatie",
                    message: format!("Organisatie {id} staat niet op de kaart"),
                },
            );
        }
        Ok(problems)
    }
    fn load(conn: &Connection, id: &str) -> Result<Option<Self>, StoreError> {
        Ok(load_locations(conn, Some(id))?.pop())
    }
    fn changes(old: Option<&Self>, new: &Self, _leefgebieden: &Leefgebieden) -> Vec<FieldChange> {
        location_changes(old, new)
    }
    fn write(&self, conn: &Connection) -> Result<(), StoreError> {
        write_location(conn, self)
    }
    fn unknown(id: String) -> KaartEditError {
        KaartEditError::UnknownLocation(id)
    }
}

/// The next free id with `prefix`: "loket-" + one more than the highest number in use.
fn next_id(conn: &Connection, table: &str, prefix: &str) -> Result<String, StoreError> {
    let sql = format!(
        "SELECT coalesce(max(CAST(substr(id, {}) AS INTEGER)), 0) FROM {table} WHERE id GLOB ?1",
        prefix.len() + 1
    );
    let highest: i64 = conn
        .prepare_cached(&sql)?
        .query_row([format!("{prefix}[0-9]*")], |r| r.get(0))?;
    Ok(format!("{prefix}{}", highest + 1))
}

/// Gives every phone without an id, or with one used twice or by another owner, a new one:
/// writing a phone whose id another record holds would move that phone away from it.
fn assign_phone_ids(
    conn: &Connection,
    owner_column: &str,
    owner_id: &str,
    phones: &mut [Phone],
) -> Result<(), StoreError> {
    let sql = format!("SELECT 1 FROM phones WHERE id = ?1 AND {owner_column} IS NOT ?2");
    let taken = |id: &str| -> Result<bool, StoreError> {
        Ok(conn
            .prepare_cached(&sql)?
            .query_row(params![id, owner_id], |_| Ok(()))
            .optional()?
            .is_some())
    };
    let mut used: HashSet<String> = HashSet::new();
    let mut next = 1;
    for i in 0..phones.len() {
        let id = phones[i].id.clone();
        if !id.is_empty() && !used.contains(&id) && !taken(&id)? {
            used.insert(id);
            continue;
        }
        loop {
            let candidate = format!("{owner_id}-tel-{next}");
            next += 1;
            if !used.contains(&candidate)
                && !phones.iter().any(|p| p.id == candidate)
                && !taken(&candidate)?
            {
                phones[i].id = candidate.clone();
                used.insert(candidate);
                break;
            }
        }
    }
    Ok(())
}

fn write_history(
    conn: &Connection,
    by: &User,
    entity: &str,
    entity_id: &str,
    changes: &[FieldChange],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let at = timestamp(now);
    for change in changes {
        conn.prepare_cached(
            "INSERT INTO kaart_history (at, user_id, entity, entity_id, field, old_value, new_value)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            at,
            by.id,
            entity,
            entity_id,
            change.field,
            change.old,
            change.new
        ])?;
    }
    Ok(())
}

impl Store {
    /// Adds a service (an empty id makes it new and gives it one, "loket-12") or changes one;
    /// deactivating is saving it with status inactive. Only a beheerder may; a refusal is
    /// audited. Returns the service as stored.
    pub fn save_service(
        &mut self,
        service: Service,
        by: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<Service, KaartEditError> {
        self.save_record(service, by, origin, now)
    }

    /// Adds (empty id) or changes an organisation, as [`Store::save_service`] does.
    pub fn save_organization(
        &mut self,
        organization: Organization,
        by: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<Organization, KaartEditError> {
        self.save_record(organization, by, origin, now)
    }

    /// Adds (empty id) or changes a location, as [`Store::save_service`] does.
    pub fn save_location(
        &mut self,
        location: Location,
        by: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<Location, KaartEditError> {
        self.save_record(location, by, origin, now)
    }

    fn save_record<R: Record>(
        &mut self,
        mut record: R,
        by: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<R, KaartEditError> {
        record.tidy();
        let id = record.id_mut().clone();
        let action = if id.is_empty() {
            "kaart toevoegen"
        } else {
            "kaart wijzigen"
        };
        if !policy::allows(by.role, Permission::ManageKaart) {
            let object = format!(
                "{}:{}",
                R::ENTITY,
                if id.is_empty() { "nieuw" } else { id.as_str() }
            );
            self.audit(&actor(by), action, &object, REFUSED, origin, now)?;
            return Err(KaartEditError::NotAllowed);
        }
        let tx = begin(&self.conn)?;
        let leefgebieden = &self.reference.leefgebieden;
        let problems = record.problems(&tx, leefgebieden)?;
        if !problems.is_empty() {
            return Err(KaartEditError::Invalid(problems));
        }
        let old = if id.is_empty() {
            *record.id_mut() = next_id(&tx, R::TABLE, R::ID_PREFIX)?;
            None
        } else {
            Some(R::load(&tx, &id)?.ok_or_else(|| R::unknown(id.clone()))?)
        };
        let id = record.id_mut().clone();
        assign_phone_ids(&tx, R::PHONE_OWNER, &id, record.phones_mut())?;
        if old.as_ref() == Some(&record) {
            return Ok(record);
        }
        let changes = R::changes(old.as_ref(), &record, leefgebieden);
        record.write(&tx)?;
        write_history(&tx, by, R::ENTITY, &id, &changes, now)?;
        raise_version(&tx)?;
        let result = format!("gelukt: {} velden", changes.len());
        let object = format!("{}:{id}", R::ENTITY);
        self.audit(&actor(by), action, &object, &result, origin, now)?;
        let stored = R::load(&tx, &id)?.ok_or_else(|| R::unknown(id.clone()))?;
        tx.commit()?;
        Ok(stored)
    }

    /// Records that the beheerder checked the service today (the Dutch date of `now`): its
    /// last_verified becomes today. Only a beheerder may; audited either way.
    pub fn mark_verified(
        &mut self,
        service_id: &str,
        by: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<(), KaartEditError> {
        const ACTION: &str = "kaart gecontroleerd";
        let object = format!("dienst:{service_id}");
        if !policy::allows(by.role, Permission::ManageKaart) {
            self.audit(&actor(by), ACTION, &object, REFUSED, origin, now)?;
            return Err(KaartEditError::NotAllowed);
        }
        let tx = begin(&self.conn)?;
        let old = Service::load(&tx, service_id)?
            .ok_or_else(|| KaartEditError::UnknownService(service_id.to_string()))?;
        let today = dutch_local(now).date();
        let new = Service {
            last_verified: Some(today),
            ..old.clone()
        };
        let changes = service_changes(Some(&old), &new, &self.reference.leefgebieden);
        if !changes.is_empty() {
            tx.prepare_cached("UPDATE services SET last_verified = ?1 WHERE id = ?2")?
                .execute(params![today.to_string(), service_id])?;
            write_history(&tx, by, Service::ENTITY, service_id, &changes, now)?;
            raise_version(&tx)?;
        }
        self.audit(&actor(by), ACTION, &object, "gelukt", origin, now)?;
        tx.commit()?;
        Ok(())
    }

    /// The changes to one record, newest first. `entity` is "dienst", "organisatie" or
    /// "locatie".
    pub fn kaart_history(
        &self,
        entity: &str,
        entity_id: &str,
    ) -> Result<Vec<KaartChange>, StoreError> {
        let rows: Vec<(i64, String, String, String, String, String)> = tuples(
            &self.conn,
            "SELECT h.id, h.at, coalesce(u.name, ''), h.field, h.old_value, h.new_value
                   FROM kaart_history h LEFT JOIN users u ON u.id = h.user_id
                  WHERE h.entity = ?1 AND h.entity_id = ?2
                  ORDER BY h.id DESC",
            [entity, entity_id],
        )?;
        rows.into_iter()
            .map(|(id, at, user, field, old, new)| {
                Ok(KaartChange {
                    at: parse_time(&at, "kaart_history", id)?,
                    user,
                    field,
                    old,
                    new,
                })
            })
            .collect()
    }

    /// Raised by every write to the kaart: a desk whose search index was built at a lower
    /// version rebuilds it.
    pub fn kaart_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT version FROM kaart_version WHERE id = 1")?
            .query_row([], |r| r.get(0))?)
    }
}
