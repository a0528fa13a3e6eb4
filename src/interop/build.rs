//! Turns the tables of an HSDS package (3.0, or the 1.x/2.0 layout) into a kaart. Every value is
//! checked here; what cannot be used becomes a warning naming file, row and column, and the
//! record or field is skipped or repaired. Only a missing key column stops the import.

use std::collections::{HashMap, HashSet};

use super::clean::{LONG_LIMIT, SHORT_LIMIT, clean_text, parse_age, parse_date};
use super::error::ImportError;
use super::report::{Warning, Warnings};
use super::table::{RowRef, Table, Tables};
use super::{schedules, taxonomy};
use crate::domain::{
    Address, Kaart, Leefgebieden, Location, Organization, Phone, Service, ServiceStatus,
};
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

/// Whose phone a phone row is.
#[derive(Debug, Clone, Copy)]
enum Owner {
    Service(usize),
    Location(usize),
    Organization(usize),
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
    known: &'a KnownIds,
    pub warnings: Warnings,
    organizations: Vec<Organization>,
    organization_ix: HashMap<String, usize>,
    locations: Vec<Location>,
    location_ix: HashMap<String, usize>,
    /// Locations whose address came from a physical (visiting) address, which wins over postal.
    physical_address: HashSet<usize>,
    pub services: Vec<Service>,
    pub service_ix: HashMap<String, usize>,
    /// service_at_location id → service index.
    pub sal: HashMap<String, usize>,
    /// location id → the services given there.
    pub at_location: HashMap<String, Vec<usize>>,
    contacts: HashMap<String, Owner>,
    phone_ids: HashSet<String>,
}

/// Reads every table the builder knows from `tables` and returns the kaart (sorted by id), the
/// warnings and what saving it would create or update.
pub fn build(
    tables: &mut dyn Tables,
    leefgebieden: &Leefgebieden,
    known: &KnownIds,
    warnings: Warnings,
) -> Result<(Kaart, Vec<Warning>, SaveCounts), ImportError> {
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

    fn name(&mut self, row: RowRef) -> Option<String> {
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

    fn organization_ref(&mut self, row: RowRef) -> Option<String> {
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

    fn organizations(&mut self, t: &Table) -> Result<(), ImportError> {
        t.require(&["id", "name"])?;
        for row in t.iter() {
            let Some(id) = self.id(row, |b, id| b.organization_ix.contains_key(id)) else {
                continue;
            };
            let Some(name) = self.name(row) else { continue };
            let organization = Organization {
                name,
                description: self.text(row, &["description"], LONG_LIMIT),
                email: self.optional(row, &["email"], SHORT_LIMIT),
                website: self.optional(row, &["website", "url"], SHORT_LIMIT),
                phones: Vec::new(),
                id,
            };
            self.organization_ix
                .insert(organization.id.clone(), self.organizations.len());
            self.organizations.push(organization);
        }
        Ok(())
    }

    fn locations(&mut self, t: &Table) -> Result<(), ImportError> {
        t.require(&["id"])?;
        for row in t.iter() {
            let Some(id) = self.id(row, |b, id| b.location_ix.contains_key(id)) else {
                continue;
            };
            let location = Location {
                organization_id: self.organization_ref(row),
                name: self.text(row, &["name"], SHORT_LIMIT),
                description: self.text(row, &["description"], LONG_LIMIT),
                address: None,
                phones: Vec::new(),
                id,
            };
            self.location_ix
                .insert(location.id.clone(), self.locations.len());
            self.locations.push(location);
        }
        Ok(())
    }

    /// Addresses of locations. A location keeps one address: the first physical (visiting) one,
    /// else the first of another type. The wijk comes from the first of `wijk_columns`.
    fn addresses(&mut self, t: &Table, wijk_columns: &[&'static str]) -> Result<(), ImportError> {
        t.require(&["location_id"])?;
        for row in t.iter() {
            let location_id = Self::reference(row, "location_id");
            let Some(&ix) = self.location_ix.get(&location_id) else {
                self.unknown(row, "location_id", &location_id);
                continue;
            };
            let kind = row.get("address_type").to_lowercase();
            let physical = matches!(kind.as_str(), "" | "physical" | "bezoekadres");
            if self.locations[ix].address.is_some()
                && (self.physical_address.contains(&ix) || !physical)
            {
                if physical {
                    let message = "de locatie heeft al een adres; dit adres is genegeerd";
                    self.warn(row, None, message.to_string());
                }
                continue;
            }
            let street_lines: Vec<String> = ["address_1", "address_2", "address_3", "address_4"]
                .into_iter()
                .map(|c| self.text(row, &[c], SHORT_LIMIT))
                .filter(|line| !line.is_empty())
                .collect();
            let address = Address {
                street: street_lines.join(", "),
                postcode: self.text(row, &["postal_code", "postcode", "zip_code"], SHORT_LIMIT),
                city: self.text(row, &["city", "plaats"], SHORT_LIMIT),
                wijk: self.optional(row, wijk_columns, SHORT_LIMIT),
            };
            self.locations[ix].address = Some(address);
            if physical {
                self.physical_address.insert(ix);
            }
        }
        Ok(())
    }

    fn services(&mut self, t: &Table) -> Result<(), ImportError> {
        t.require(&["id", "name"])?;
        for row in t.iter() {
            let Some(id) = self.id(row, |b, id| b.service_ix.contains_key(id)) else {
                continue;
            };
            let Some(name) = self.name(row) else { continue };
            let (min_age, max_age) = self.ages(row);
            let service = Service {
                organization_id: self.organization_ref(row),
                name,
                alternate_name: self.optional(row, &["alternate_name"], SHORT_LIMIT),
                description: self.text(row, &["description"], LONG_LIMIT),
                status: self.status(row),
                fees_description: self.optional(row, &["fees_description", "fees"], LONG_LIMIT),
                min_age,
                max_age,
                eligibility: self.optional(
                    row,
                    &["eligibility_description", "eligibility"],
                    LONG_LIMIT,
                ),
                application_process: self.optional(row, &["application_process"], LONG_LIMIT),
                url: self.optional(row, &["url", "website"], SHORT_LIMIT),
                email: self.optional(row, &["email"], SHORT_LIMIT),
                last_verified: self.last_verified(row),
                id,
                ..Service::default()
            };
            self.service_ix
                .insert(service.id.clone(), self.services.len());
            self.services.push(service);
        }
        Ok(())
    }

    fn status(&mut self, row: RowRef) -> ServiceStatus {
        let raw = row.get("status");
        if raw.is_empty() {
            return ServiceStatus::Active;
        }
        ServiceStatus::from_code(raw).unwrap_or_else(|| {
            let message = format!(
                "status '{raw}' onbekend; als actief ingelezen (bekend: active, inactive, defunct, temporarily closed)"
            );
            self.warn(row, Some("status"), message);
            ServiceStatus::Active
        })
    }

    fn age(&mut self, row: RowRef, column: &'static str) -> Option<u8> {
        let raw = row.get(column);
        parse_age(raw).unwrap_or_else(|()| {
            let message =
                format!("leeftijd '{raw}' is geen geheel getal van 0 tot en met 150; genegeerd");
            self.warn(row, Some(column), message);
            None
        })
    }

    fn ages(&mut self, row: RowRef) -> (Option<u8>, Option<u8>) {
        let (min, max) = (self.age(row, "minimum_age"), self.age(row, "maximum_age"));
        match (min, max) {
            (Some(min), Some(max)) if min > max => {
                let message = format!(
                    "minimumleeftijd {min} is hoger dan maximumleeftijd {max}; beide genegeerd"
                );
                self.warn(row, Some("minimum_age"), message);
                (None, None)
            }
            ages => ages,
        }
    }

    /// `assured_date` (when someone last checked the record), else the date of `last_modified`.
    fn last_verified(&mut self, row: RowRef) -> Option<chrono::NaiveDate> {
        for column in ["assured_date", "last_modified"] {
            let raw = row.get(column);
            if raw.is_empty() {
                continue;
            }
            match parse_date(raw) {
                Some(date) => return Some(date),
                None => self.warn(
                    row,
                    Some(column),
                    format!("datum '{raw}' niet herkend; genegeerd"),
                ),
            }
        }
        None
    }

    fn services_at_location(&mut self, t: &Table) -> Result<(), ImportError> {
        t.require(&["service_id", "location_id"])?;
        for row in t.iter() {
            let service_id = Self::reference(row, "service_id");
            let Some(&s) = self.service_ix.get(&service_id) else {
                self.unknown(row, "service_id", &service_id);
                continue;
            };
            let location_id = Self::reference(row, "location_id");
            if !self.location_ix.contains_key(&location_id)
                && !self.known.locations.contains(&location_id)
            {
                self.unknown(row, "location_id", &location_id);
                continue;
            }
            let id = Self::reference(row, "id");
            if !id.is_empty() && self.sal.insert(id.clone(), s).is_some() {
                self.warn(row, Some("id"), format!("id '{id}' komt dubbel voor"));
            }
            if !self.services[s].location_ids.contains(&location_id) {
                self.services[s].location_ids.push(location_id.clone());
            }
            let here = self.at_location.entry(location_id).or_default();
            if !here.contains(&s) {
                here.push(s);
            }
        }
        Ok(())
    }

    /// The first resolvable owner among `columns`; else the first column with an unknown id.
    fn owner(
        &self,
        row: RowRef,
        columns: &[&'static str],
    ) -> Result<Owner, Option<(&'static str, String)>> {
        let mut unknown = None;
        for &column in columns {
            let id = Self::reference(row, column);
            if id.is_empty() {
                continue;
            }
            let owner = match column {
                "service_id" => self.service_ix.get(&id).map(|&i| Owner::Service(i)),
                "service_at_location_id" => self.sal.get(&id).map(|&i| Owner::Service(i)),
                "contact_id" => self.contacts.get(&id).copied(),
                "location_id" => self.location_ix.get(&id).map(|&i| Owner::Location(i)),
                _ => self
                    .organization_ix
                    .get(&id)
                    .map(|&i| Owner::Organization(i)),
            };
            match owner {
                Some(owner) => return Ok(owner),
                None => unknown = unknown.or(Some((column, id))),
            }
        }
        Err(unknown)
    }

    /// Contacts only matter to find whose phone a phone row with only a `contact_id` is.
    fn contacts(&mut self, t: &Table) {
        let columns = [
            "service_id",
            "service_at_location_id",
            "location_id",
            "organization_id",
        ];
        for row in t.iter() {
            if let Ok(owner) = self.owner(row, &columns) {
                self.contacts.insert(Self::reference(row, "id"), owner);
            }
        }
    }

    fn phones(&mut self, t: &Table) -> Result<(), ImportError> {
        t.require(&["number"])?;
        let columns = [
            "service_id",
            "service_at_location_id",
            "contact_id",
            "location_id",
            "organization_id",
        ];
        for row in t.iter() {
            let Some(id) = self.id(row, |b, id| b.phone_ids.contains(id)) else {
                continue;
            };
            let raw_number = self.text(row, &["number"], SHORT_LIMIT);
            let mut number = raw_number
                .trim_matches(|c| c == '"' || c == '\'')
                .trim()
                .to_string();
            if number.is_empty() {
                self.warn(
                    row,
                    Some("number"),
                    "nummer ontbreekt; regel overgeslagen".to_string(),
                );
                continue;
            }
            let extension = self.text(row, &["extension"], SHORT_LIMIT);
            if !extension.is_empty() {
                number = format!("{number} toestel {extension}");
            }
            let owner = match self.owner(row, &columns) {
                Ok(owner) => owner,
                Err(Some((column, unknown))) => {
                    self.unknown(row, column, &unknown);
                    continue;
                }
                Err(None) => {
                    let message =
                        "hoort bij geen dienst, locatie of organisatie; regel overgeslagen";
                    self.warn(row, None, message.to_string());
                    continue;
                }
            };
            let kind = self.text(row, &["type"], SHORT_LIMIT);
            let phone = Phone {
                kind: if kind.is_empty() {
                    "voice".to_string()
                } else {
                    kind
                },
                description: self.text(row, &["description"], LONG_LIMIT),
                number,
                id,
            };
            self.phone_ids.insert(phone.id.clone());
            match owner {
                Owner::Service(i) => self.services[i].phones.push(phone),
                Owner::Location(i) => self.locations[i].phones.push(phone),
                Owner::Organization(i) => self.organizations[i].phones.push(phone),
            }
        }
        Ok(())
    }

    fn finish(self) -> (Kaart, Vec<Warning>, SaveCounts) {
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
        (kaart, self.warnings.into_vec(), counts)
    }
}
