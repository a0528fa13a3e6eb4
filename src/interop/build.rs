//! Turns the tables of an HSDS package (3.0, or the 1.x/2.0 layout) into a kaart. Every value is
//! checked here; what cannot be used becomes a warning naming file, row and column, and the
//! record or field is skipped or repaired. Only a missing key column stops the import.

use std::collections::{HashMap, HashSet};

use super::clean::{SHORT_LIMIT, clean_text};
use super::error::ImportError;
use super::kept::Collected;
use super::phones::Owner;
use super::report::{Warning, Warnings};
use super::table::{RowRef, Tables};
use super::{schedules, taxonomy};
use crate::domain::{Kaart, Leefgebieden, Location, Organization, Service};
use crate::store::SaveCounts;

const ORGANIZATIONS: &[&str] = &["organizations.csv", "organization.csv"];
pub const SERVICES: &[&str] = &["services.csv", "service.csv"];
const LOCATIONS: &[&str] = &["locations.csv", "location.csv"];
const ADDRESSES: &[&str] = &["addresses.csv", "address.csv"];
const PHYSICAL_ADDRESSES: &[&str] = &["physical_addresses.csv", "physical_address.csv"];
const SERVICE_AT_LOCATION: &[&str] = &[
    "service_at_location.csv",
    "services_at_location.csv",
    "service_at_locations.csv",
    "services_at_locations.csv",
];
const CONTACTS: &[&str] = &["contacts.csv", "contact.csv"];
const PHONES: &[&str] = &["phones.csv", "phone.csv"];

/// Ids already in the database: a reference to one of them is not dangling, and a record with
/// one of them counts as updated rather than created.
#[derive(Debug, Default)]
pub struct KnownIds {
    pub organizations: HashSet<String>,
    pub locations: HashSet<String>,
    pub services: HashSet<String>,
}

impl KnownIds {
    pub fn of(kaart: &Kaart) -> KnownIds {
        KnownIds {
            organizations: kaart.organizations.iter().map(|o| o.id.clone()).collect(),
            locations: kaart.locations.iter().map(|l| l.id.clone()).collect(),
            services: kaart.services.iter().map(|s| s.id.clone()).collect(),
        }
    }
}

/// The Dutch word for what an id column points at, for warnings.
fn what(column: &str) -> &'static str {
    match column {
        "service_id" | "link_id" => "dienst",
        "service_at_location_id" => "dienst-op-locatie",
        "contact_id" => "contactpersoon",
        "location_id" => "locatie",
        "organization_id" => "organisatie",
        _ => "term",
    }
}

pub struct Builder<'a> {
    pub leefgebieden: &'a Leefgebieden,
    pub known: &'a KnownIds,
    pub warnings: Warnings,
    pub organizations: Vec<Organization>,
    pub organization_ix: HashMap<String, usize>,
    pub locations: Vec<Location>,
    pub location_ix: HashMap<String, usize>,
    /// Locations whose address came from a physical (visiting) address, which wins over postal.
    pub physical_address: HashSet<usize>,
    pub services: Vec<Service>,
    pub service_ix: HashMap<String, usize>,
    /// service_at_location id → service index.
    pub sal: HashMap<String, usize>,
    /// location id → the services given there.
    pub at_location: HashMap<String, Vec<usize>>,
    pub contacts: HashMap<String, Owner>,
    pub phone_ids: HashSet<String>,
    /// Source fields Loket keeps without using them (see [`super::kept`]).
    pub kept: Collected,
}

/// What [`build`] made of the tables.
pub struct Built {
    /// Sorted by id.
    pub kaart: Kaart,
    pub kept: Collected,
    pub warnings: Vec<Warning>,
    /// What saving the kaart would create or update.
    pub counts: SaveCounts,
}

/// Reads every table the builder knows from `tables`.
pub fn build(
    tables: &mut dyn Tables,
    leefgebieden: &Leefgebieden,
    known: &KnownIds,
    warnings: Warnings,
) -> Result<Built, ImportError> {
    let mut b = Builder::new(leefgebieden, known, warnings);
    if let Some(t) = tables.table(ORGANIZATIONS, &mut b.warnings)? {
        b.organizations(&t)?;
    }
    if let Some(t) = tables.table(LOCATIONS, &mut b.warnings)? {
        b.locations(&t)?;
    }
    if let Some(t) = tables.table(ADDRESSES, &mut b.warnings)? {
        b.addresses(&t, &["region", "wijk"])?;
    }
    if let Some(t) = tables.table(PHYSICAL_ADDRESSES, &mut b.warnings)? {
        b.addresses(&t, &["region", "wijk", "state_province"])?;
    }
    if let Some(t) = tables.table(SERVICES, &mut b.warnings)? {
        b.services(&t)?;
    }
    if let Some(t) = tables.table(SERVICE_AT_LOCATION, &mut b.warnings)? {
        b.services_at_location(&t)?;
    }
    if let Some(t) = tables.table(CONTACTS, &mut b.warnings)? {
        b.contacts(&t);
    }
    if let Some(t) = tables.table(PHONES, &mut b.warnings)? {
        b.phones(&t)?;
    }
    schedules::read(&mut b, tables)?;
    taxonomy::read(&mut b, tables)?;
    Ok(b.finish())
}

impl<'a> Builder<'a> {
    fn new(leefgebieden: &'a Leefgebieden, known: &'a KnownIds, warnings: Warnings) -> Builder<'a> {
        Builder {
            leefgebieden,
            known,
            warnings,
            organizations: Vec::new(),
            organization_ix: HashMap::new(),
            locations: Vec::new(),
            location_ix: HashMap::new(),
            physical_address: HashSet::new(),
            services: Vec::new(),
            service_ix: HashMap::new(),
            sal: HashMap::new(),
            at_location: HashMap::new(),
            contacts: HashMap::new(),
            phone_ids: HashSet::new(),
            kept: Collected::new(),
        }
    }

    pub fn warn(&mut self, row: RowRef, column: Option<&str>, message: String) {
        self.warnings.push(row.file(), row.place(), column, message);
    }

    /// The cleaned text of the first non-empty column among `columns`, with a warning for each
    /// repair.
    pub fn text(&mut self, row: RowRef, columns: &[&'static str], limit: usize) -> String {
        let (column, raw) = row.first(columns);
        let (text, fixes) = clean_text(raw, limit);
        if fixes.control_chars_removed {
            self.warn(row, Some(column), "stuurtekens verwijderd".to_string());
        }
        if let Some(length) = fixes.truncated_from {
            let message = format!("tekst van {length} tekens ingekort tot {limit} tekens");
            self.warn(row, Some(column), message);
        }
        text
    }

    /// Like [`Builder::text`], with empty meaning absent.
    pub fn optional(
        &mut self,
        row: RowRef,
        columns: &[&'static str],
        limit: usize,
    ) -> Option<String> {
        Some(self.text(row, columns, limit)).filter(|t| !t.is_empty())
    }

    /// A reference to another record, cleaned like ids are; empty when absent.
    pub fn reference(row: RowRef, column: &str) -> String {
        clean_text(row.get(column), SHORT_LIMIT).0
    }

    /// Warns that `column` of `row` points nowhere; the row is skipped.
    pub fn unknown(&mut self, row: RowRef, column: &str, id: &str) {
        let message = if id.is_empty() {
            format!("{column} ontbreekt; regel overgeslagen")
        } else {
            format!(
                "verwijst naar onbekende {} '{id}'; regel overgeslagen",
                what(column)
            )
        };
        self.warn(row, Some(column), message);
    }

    /// The record id of `row`, or `None` (with a warning) when it is empty, absurdly long or
    /// already used by an earlier row (the first one is kept).
    pub fn id(&mut self, row: RowRef, taken: impl Fn(&Self, &str) -> bool) -> Option<String> {
        let (id, fixes) = clean_text(row.get("id"), SHORT_LIMIT);
        let problem = if id.is_empty() {
            "id ontbreekt; regel overgeslagen".to_string()
        } else if fixes.truncated_from.is_some() {
            format!("id is langer dan {SHORT_LIMIT} tekens; regel overgeslagen")
        } else if taken(self, &id) {
            format!("id '{id}' komt dubbel voor; de eerste is gehouden, deze regel overgeslagen")
        } else {
            return Some(id);
        };
        self.warn(row, Some("id"), problem);
        None
    }

    pub fn name(&mut self, row: RowRef) -> Option<String> {
        let name = self.text(row, &["name"], SHORT_LIMIT);
        if name.is_empty() {
            self.warn(
                row,
                Some("name"),
                "naam ontbreekt; regel overgeslagen".to_string(),
            );
            return None;
        }
        Some(name)
    }

    pub fn organization_ref(&mut self, row: RowRef) -> Option<String> {
        let id = Self::reference(row, "organization_id");
        if id.is_empty()
            || self.organization_ix.contains_key(&id)
            || self.known.organizations.contains(&id)
        {
            return Some(id).filter(|id| !id.is_empty());
        }
        let message = format!("verwijst naar onbekende organisatie '{id}'; koppeling weggelaten");
        self.warn(row, Some("organization_id"), message);
        None
    }

    fn finish(self) -> Built {
        let split = |ids: Vec<&String>, known: &HashSet<String>| {
            let updated = ids.iter().filter(|id| known.contains(id.as_str())).count();
            (ids.len() - updated, updated)
        };
        let (organizations_created, organizations_updated) = split(
            self.organizations.iter().map(|o| &o.id).collect(),
            &self.known.organizations,
        );
        let (locations_created, locations_updated) = split(
            self.locations.iter().map(|l| &l.id).collect(),
            &self.known.locations,
        );
        let (services_created, services_updated) = split(
            self.services.iter().map(|s| &s.id).collect(),
            &self.known.services,
        );
        let counts = SaveCounts {
            organizations_created,
            organizations_updated,
            locations_created,
            locations_updated,
            services_created,
            services_updated,
        };
        let mut kaart = Kaart {
            organizations: self.organizations,
            locations: self.locations,
            services: self.services,
        };
        kaart.sort_by_id();
        Built {
            kaart,
            kept: self.kept,
            warnings: self.warnings.into_vec(),
            counts,
        }
    }
}
