//! What the index keeps of a service for the result list and the command line: its id, name,
//! organisation and opening hours. Everything else (phones, addresses, descriptions) is read
//! from the store when a service is shown in full.

use std::collections::HashMap;

use super::index::{Doc, SearchIndex};
use super::strings::Strings;
use crate::domain::hours::Schedule;
use crate::domain::{HoursException, Laag, Service, WeeklyHours};

/// A service as a line of the result list, borrowed from the index.
#[derive(Clone, Copy)]
pub struct ServiceLine<'a> {
    pub doc: u32,
    pub id: &'a str,
    pub name: &'a str,
    pub organization: Option<&'a str>,
    pub laag: Option<Laag>,
    pub active: bool,
    pub free: bool,
    pub referral_required: bool,
    pub schedule: Schedule<'a>,
    facts: &'a Doc,
    index: &'a SearchIndex,
}

impl<'a> ServiceLine<'a> {
    /// Its leefgebied codes, most important first.
    pub fn leefgebieden(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        let codes = &self.index.leefgebied_codes;
        self.facts
            .leefgebieden
            .iter()
            .map(|&c| codes[c as usize].as_str())
    }

    /// The wijken of its locations, in the service's order, each once.
    pub fn wijken(&self) -> Vec<&'a str> {
        let mut wijken: Vec<&str> = Vec::new();
        for &w in &self.facts.wijken {
            let wijk = self.index.wijken[w as usize].as_str();
            if !wijken.contains(&wijk) {
                wijken.push(wijk);
            }
        }
        wijken
    }
}

/// The opening hours of services; many services share theirs, so each is kept once.
#[derive(Debug)]
struct OwnedSchedule {
    weekly: Box<[WeeklyHours]>,
    exceptions: Box<[HoursException]>,
}

const NO_ORGANIZATION: u32 = u32::MAX;

#[derive(Debug, Default)]
pub(super) struct Listing {
    /// Sorted: services are indexed in id order.
    ids: Strings,
    names: Strings,
    /// Per service: its organisation's position in `organization_names`.
    organizations: Vec<u32>,
    organization_names: Strings,
    /// Per service: its position in `schedules`.
    schedule_of: Vec<u32>,
    schedules: Vec<OwnedSchedule>,
}

impl Listing {
    pub(super) fn id(&self, doc: u32) -> &str {
        self.ids.get(doc as usize)
    }

    pub(super) fn name(&self, doc: u32) -> &str {
        self.names.get(doc as usize)
    }

    pub(super) fn organization(&self, doc: u32) -> Option<&str> {
        let org = self.organizations[doc as usize];
        (org != NO_ORGANIZATION).then(|| self.organization_names.get(org as usize))
    }

    pub(super) fn schedule(&self, doc: u32) -> Schedule<'_> {
        let schedule = &self.schedules[self.schedule_of[doc as usize] as usize];
        Schedule {
            weekly: &schedule.weekly,
            exceptions: &schedule.exceptions,
        }
    }

    pub(super) fn doc_of(&self, id: &str) -> Option<u32> {
        self.ids.find_sorted(id).map(|d| d as u32)
    }
}

/// The listing while services are added, in id order.
#[derive(Default)]
pub(super) struct ListingBuilder {
    listing: Listing,
    organizations: HashMap<String, u32>,
    schedules: HashMap<(Vec<WeeklyHours>, Vec<HoursException>), u32>,
}

impl ListingBuilder {
    pub(super) fn add(&mut self, service: &Service, organization: Option<&str>) {
        let listing = &mut self.listing;
        listing.ids.push(&service.id);
        listing.names.push(&service.name);
        let org = organization.map_or(NO_ORGANIZATION, |name| {
            *self
                .organizations
                .entry(name.to_string())
                .or_insert_with(|| {
                    listing.organization_names.push(name);
                    (listing.organization_names.len() - 1) as u32
                })
        });
        listing.organizations.push(org);
        let key = (service.hours.clone(), service.exceptions.clone());
        let schedule = *self
            .schedules
            .entry(key)
            .or_insert_with_key(|(weekly, exceptions)| {
                listing.schedules.push(OwnedSchedule {
                    weekly: weekly.as_slice().into(),
                    exceptions: exceptions.as_slice().into(),
                });
                (listing.schedules.len() - 1) as u32
            });
        listing.schedule_of.push(schedule);
    }

    pub(super) fn finish(self) -> Listing {
        let mut listing = self.listing;
        listing.ids.shrink_to_fit();
        listing.names.shrink_to_fit();
        listing.organization_names.shrink_to_fit();
        listing.organizations.shrink_to_fit();
        listing.schedule_of.shrink_to_fit();
        listing
    }
}

impl SearchIndex {
    /// Service `doc` as a line of the result list.
    pub fn line(&self, doc: u32) -> ServiceLine<'_> {
        let facts = &self.docs[doc as usize];
        ServiceLine {
            doc,
            id: self.listing.id(doc),
            name: self.listing.name(doc),
            organization: self.listing.organization(doc),
            laag: facts.laag,
            active: facts.active,
            free: facts.free,
            referral_required: facts.referral_required,
            schedule: self.listing.schedule(doc),
            facts,
            index: self,
        }
    }

    /// The service with id `id` as a line of the result list, if it is on the kaart.
    pub fn line_of(&self, id: &str) -> Option<ServiceLine<'_>> {
        self.listing.doc_of(id).map(|doc| self.line(doc))
    }
}
