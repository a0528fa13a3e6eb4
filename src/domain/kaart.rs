//! The sociale kaart: the directory of local services (voorzieningen), shaped after Open
//! Referral HSDS 3.0 so that it can be exchanged with other systems without loss.

use chrono::{NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use super::Laag;

/// The whole kaart as one value: what the store loads, the search indexes and interop writes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Kaart {
    pub organizations: Vec<Organization>,
    pub locations: Vec<Location>,
    pub services: Vec<Service>,
}

impl Kaart {
    pub fn organization(&self, id: &str) -> Option<&Organization> {
        self.organizations.iter().find(|o| o.id == id)
    }

    pub fn location(&self, id: &str) -> Option<&Location> {
        self.locations.iter().find(|l| l.id == id)
    }

    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }

    /// Puts every collection in id order, so that two kaarten with the same content compare equal.
    pub fn sort_by_id(&mut self) {
        self.organizations.sort_by(|a, b| a.id.cmp(&b.id));
        self.locations.sort_by(|a, b| a.id.cmp(&b.id));
        self.services.sort_by(|a, b| a.id.cmp(&b.id));
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Organization {
    pub id: String,
    pub name: String,
    pub description: String,
    pub email: Option<String>,
    pub website: Option<String>,
    pub phones: Vec<Phone>,
}

/// A place where services are given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Location {
    pub id: String,
    pub organization_id: Option<String>,
    pub name: String,
    pub description: String,
    pub address: Option<Address>,
    pub phones: Vec<Phone>,
}

/// A street address. The *wijk* is the district of the municipality; districts decide which
/// Sociaal Team a resident belongs to, so the kaart keeps it per location.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Address {
    pub street: String,
    pub postcode: String,
    pub city: String,
    pub wijk: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Phone {
    pub id: String,
    pub number: String,
    /// HSDS phone type: voice, text, fax, ...
    pub kind: String,
    pub description: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[derive(strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum ServiceStatus {
    #[default]
    Active,
    Inactive,
}

impl ServiceStatus {
    pub fn code(self) -> &'static str {
        self.into()
    }

    /// The status as HSDS files and people write it, in English or Dutch.
    pub fn from_code(code: &str) -> Option<ServiceStatus> {
        match code.trim().to_lowercase().as_str() {
            "active" | "actief" => Some(ServiceStatus::Active),
            "inactive" | "inactief" | "defunct" | "temporarily closed" => {
                Some(ServiceStatus::Inactive)
            }
            _ => None,
        }
    }
}

/// Regular weekly opening hours: on `weekday` from `opens` to `closes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct WeeklyHours {
    pub weekday: Weekday,
    pub opens: NaiveTime,
    pub closes: NaiveTime,
    /// With `valid_to`: the row applies only on dates inside this range (a seasonal opening,
    /// such as a tax-help desk in spring), both ends inclusive; an open end is unbounded.
    pub valid_from: Option<NaiveDate>,
    /// The last date the row applies; see `valid_from`.
    pub valid_to: Option<NaiveDate>,
}

impl WeeklyHours {
    /// Whether the row applies on `date`: inside its validity range, whatever the weekday.
    pub fn valid_on(&self, date: NaiveDate) -> bool {
        self.valid_from.is_none_or(|from| date >= from) && self.valid_to.is_none_or(|to| date <= to)
    }
}

/// Hours on one date that differ from the week: closed (no times) or special hours.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct HoursException {
    pub date: NaiveDate,
    pub hours: Option<(NaiveTime, NaiveTime)>,
    pub description: String,
}

/// What a service is found by besides its own fields: the name of its organisation and the
/// name and wijk of each of its locations, in the service's order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServicePlaces {
    pub organization: Option<String>,
    pub locations: Vec<(String, Option<String>)>,
}

/// A service (voorziening) on the kaart.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Service {
    pub id: String,
    pub organization_id: Option<String>,
    pub name: String,
    pub alternate_name: Option<String>,
    pub description: String,
    pub status: ServiceStatus,
    /// Life-domain codes, most important first.
    pub leefgebieden: Vec<String>,
    pub laag: Option<Laag>,
    /// A referral, indicatie or beschikking is needed before the resident can use it.
    pub referral_required: bool,
    pub free: bool,
    pub fees_description: Option<String>,
    pub min_age: Option<u8>,
    pub max_age: Option<u8>,
    pub eligibility: Option<String>,
    pub application_process: Option<String>,
    pub url: Option<String>,
    pub email: Option<String>,
    pub last_verified: Option<NaiveDate>,
    pub keywords: Vec<String>,
    pub location_ids: Vec<String>,
    pub phones: Vec<Phone>,
    pub hours: Vec<WeeklyHours>,
    pub exceptions: Vec<HoursException>,
}

/// Whether `age` lies in the inclusive range; a missing bound is open.
/// The phones typed by a beheerder ("0123 45 67 89; 06 12345678") for record `owner_id`,
/// keeping the id, kind and description of a number that was already there.
pub fn typed_phones(owner_id: &str, old: &[Phone], typed: &str) -> Vec<Phone> {
    typed
        .split(';')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .enumerate()
        .map(|(i, number)| {
            old.iter()
                .find(|p| p.number == number)
                .cloned()
                .unwrap_or_else(|| Phone {
                    id: format!("{owner_id}-tel-{}", i + 1),
                    number: number.to_string(),
                    kind: "voice".to_string(),
                    description: String::new(),
                })
        })
        .collect()
}

pub fn age_range_fits(min: Option<u8>, max: Option<u8>, age: u8) -> bool {
    min.is_none_or(|min| age >= min) && max.is_none_or(|max| age <= max)
}

impl Service {
    pub fn is_active(&self) -> bool {
        self.status == ServiceStatus::Active
    }

    /// Whether a resident of `age` fits the service's age range.
    pub fn fits_age(&self, age: u8) -> bool {
        age_range_fits(self.min_age, self.max_age, age)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_range_is_inclusive_and_open_ended() {
        let service = Service {
            min_age: Some(12),
            max_age: Some(18),
            ..Service::default()
        };
        assert!(!service.fits_age(11));
        assert!(service.fits_age(12));
        assert!(service.fits_age(18));
        assert!(!service.fits_age(19));
        let seniors = Service {
            min_age: Some(65),
            ..Service::default()
        };
        assert!(seniors.fits_age(90));
        assert!(Service::default().fits_age(0));
    }

    #[test]
    fn status_accepts_dutch_and_hsds_words() {
        assert_eq!(
            ServiceStatus::from_code("Actief"),
            Some(ServiceStatus::Active)
        );
        assert_eq!(
            ServiceStatus::from_code("defunct"),
            Some(ServiceStatus::Inactive)
        );
        assert_eq!(ServiceStatus::from_code("misschien"), None);
    }
}
