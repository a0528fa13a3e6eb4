//! The records of a package: organisations, locations with their address, services and where
//! they are given. Each row is checked field by field; see [`super::build`] for the rules.

use chrono::NaiveDate;

use super::build::Builder;
use super::clean::{LONG_LIMIT, SHORT_LIMIT, parse_age, parse_date};
use super::error::ImportError;
use super::kept;
use super::table::{RowRef, Table};
use crate::domain::{Address, Location, Organization, Service, ServiceStatus};

impl Builder<'_> {
    pub fn organizations(&mut self, t: &Table) -> Result<(), ImportError> {
        t.require(&["id", "name"])?;
        for row in t.iter() {
            let Some(id) = self.id(row, |b, id| b.organization_ix.contains_key(id)) else {
                continue;
            };
            let Some(name) = self.name(row) else { continue };
            self.keep(row, kept::ORGANIZATION, &id, None);
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

    pub fn locations(&mut self, t: &Table) -> Result<(), ImportError> {
        t.require(&["id"])?;
        for row in t.iter() {
            let Some(id) = self.id(row, |b, id| b.location_ix.contains_key(id)) else {
                continue;
            };
            self.keep(row, kept::LOCATION, &id, None);
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
    /// else the first of another type. The wijk comes from the first of `wijk_columns`; a
    /// foreign address's `state_province` is its state, never a wijk.
    pub fn addresses(
        &mut self,
        t: &Table,
        wijk_columns: &[&'static str],
    ) -> Result<(), ImportError> {
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
                wijk: self.optional(row, &wijk_columns_of(row, wijk_columns), SHORT_LIMIT),
            };
            self.keep(row, kept::ADDRESS, &location_id, Some(&address));
            self.locations[ix].address = Some(address);
            if physical {
                self.physical_address.insert(ix);
            }
        }
        Ok(())
    }

    pub fn services(&mut self, t: &Table) -> Result<(), ImportError> {
        t.require(&["id", "name"])?;
        for row in t.iter() {
            let Some(id) = self.id(row, |b, id| b.service_ix.contains_key(id)) else {
                continue;
            };
            let Some(name) = self.name(row) else { continue };
            let (min_age, max_age) = self.ages(row);
            self.keep(row, kept::SERVICE, &id, None);
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
    fn last_verified(&mut self, row: RowRef) -> Option<NaiveDate> {
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

    pub fn services_at_location(&mut self, t: &Table) -> Result<(), ImportError> {
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
}

/// `columns` without `state_province` when the address names a country other than NL.
fn wijk_columns_of(row: RowRef, columns: &[&'static str]) -> Vec<&'static str> {
    let country = row.get("country");
    let foreign = !country.is_empty() && !country.eq_ignore_ascii_case(kept::DEFAULT_COUNTRY);
    columns
        .iter()
        .copied()
        .filter(|c| !(foreign && *c == "state_province"))
        .collect()
}
