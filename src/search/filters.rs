//! Search filters: which services a volunteer wants to see, with or without a query.

use chrono::{NaiveDate, NaiveDateTime};

use super::index::{Doc, SearchIndex};
use crate::domain::Code;
use crate::domain::calendar::HolidayRules;
use crate::domain::dates::{self, DateError, Toward};
use crate::domain::hours::{Schedule, open_state};
use crate::domain::kaart::age_range_fits;
use crate::domain::{Laag, Leefgebieden};
use crate::text::folded_words;

/// The filters of a search; the default lets everything through.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    /// Any of these leefgebied codes.
    pub leefgebieden: Vec<String>,
    /// Reachable for someone living in this wijk: services with an address in it, and
    /// services with no address in any wijk (city-wide, by phone or online).
    pub wijk: Option<String>,
    pub laag: Option<Laag>,
    /// The resident's age: only services whose age range fits.
    pub age: Option<u8>,
    pub free_only: bool,
    pub no_referral_only: bool,
    /// Only services open at this Dutch local time.
    pub open_at: Option<NaiveDateTime>,
    /// Deactivated services too (ranked lower); the desks never need them, the beheerder does.
    pub include_inactive: bool,
}

/// A filter value that does not exist; the message lists the valid values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    #[error("onbekend leefgebied {given:?}; kies uit: {valid}")]
    UnknownLeefgebied { given: String, valid: String },
    #[error("onbekende wijk {given:?}; kies uit: {valid}")]
    UnknownWijk { given: String, valid: String },
    #[error("onbekende laag {given:?}; kies uit: {valid}")]
    UnknownLaag { given: String, valid: String },
    #[error("leeftijd {given:?} is geen getal van 0 tot 130")]
    BadAge { given: String },
    #[error("tijdstip: {0}")]
    BadMoment(#[from] DateError),
}

fn same_words(a: &str, b: &str) -> bool {
    folded_words(a) == folded_words(b)
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    pub fn parse_leefgebied(code: &str, list: &Leefgebieden) -> Result<String, FilterError> {
        list.resolve(code)
            .map(|l| l.code.clone())
            .ok_or_else(|| FilterError::UnknownLeefgebied {
                given: code.to_string(),
                valid: list.codes(),
            })
    }

    /// Resolves a wijk name as typed (any case, with or without diacritics) to the kaart's.
    pub fn parse_wijk(name: &str, index: &SearchIndex) -> Result<String, FilterError> {
        let known = index.wijken();
        known
            .iter()
            .find(|w| same_words(w, name))
            .map(|w| w.to_string())
            .ok_or_else(|| FilterError::UnknownWijk {
                given: name.to_string(),
                valid: known.join(", "),
            })
    }

    pub fn parse_laag(code: &str) -> Result<Laag, FilterError> {
        Laag::from_code(code).ok_or_else(|| FilterError::UnknownLaag {
            given: code.to_string(),
            valid: Laag::codes(),
        })
    }

    pub fn parse_age(text: &str) -> Result<u8, FilterError> {
        text.trim()
            .parse::<u8>()
            .ok()
            .filter(|age| *age <= 130)
            .ok_or_else(|| FilterError::BadAge {
                given: text.to_string(),
            })
    }

    /// A moment as people write it (see [`crate::domain::dates`]); without a year, the next
    /// such date from `today`.
    pub fn parse_moment(text: &str, today: NaiveDate) -> Result<NaiveDateTime, FilterError> {
        Ok(dates::parse_moment(text, today, Toward::Future)?)
    }
}

/// A filter resolved against one index, so that checking a service is cheap.
pub(super) struct CompiledFilters<'a> {
    filters: &'a Filters,
    /// `None` when the filter names a leefgebied no service has: nothing passes.
    leefgebieden: Option<Vec<u16>>,
    wijk: Option<Option<u16>>,
}

impl<'a> CompiledFilters<'a> {
    pub(super) fn new(filters: &'a Filters, index: &SearchIndex) -> CompiledFilters<'a> {
        let leefgebieden = (!filters.leefgebieden.is_empty()).then(|| {
            filters
                .leefgebieden
                .iter()
                .filter_map(|code| index.leefgebied_codes.iter().position(|c| c == code))
                .map(|i| i as u16)
                .collect()
        });
        let wijk = filters.wijk.as_ref().map(|name| {
            index
                .wijken
                .iter()
                .position(|w| same_words(w, name))
                .map(|i| i as u16)
        });
        CompiledFilters {
            filters,
            leefgebieden,
            wijk,
        }
    }

    pub(super) fn accepts(&self, doc: &Doc, schedule: Schedule) -> bool {
        let f = self.filters;
        if !doc.active && !f.include_inactive {
            return false;
        }
        if let Some(codes) = &self.leefgebieden
            && !doc.leefgebieden.iter().any(|c| codes.contains(c))
        {
            return false;
        }
        if let Some(wijk) = self.wijk
            && !doc.wijken.is_empty()
            && !wijk.is_some_and(|w| doc.wijken.contains(&w))
        {
            return false;
        }
        if f.laag.is_some() && doc.laag != f.laag {
            return false;
        }
        if let Some(age) = f.age
            && !age_range_fits(doc.min_age, doc.max_age, age)
        {
            return false;
        }
        if (f.free_only && !doc.free) || (f.no_referral_only && doc.referral_required) {
            return false;
        }
        if let Some(at) = f.open_at
            && !open_state(schedule, at, HolidayRules::default()).is_open()
        {
            return false;
        }
        true
    }
}
