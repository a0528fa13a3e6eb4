//! How Loket's own fields travel in HSDS: as terms of five taxonomies linked to services by
//! attributes. HSDS has no field for a life domain or a pyramid layer, and its `fees` is free
//! text, so these conventions make them exchangeable without extending the schema. The same
//! names are used on import and export. The export side of the mapping (term ids, schedule
//! rows) lives here too, shared by the CSV and the JSON writer.

use std::collections::{BTreeSet, HashMap};

use chrono::{NaiveDate, NaiveTime, Weekday};
use strum::VariantArray;

use crate::domain::Code;
use crate::domain::{Kaart, Laag, Leefgebieden, Service};

/// Term code = leefgebied code; a service's terms in priority order.
pub const LEEFGEBIED: &str = "loket-leefgebied";
/// Term code = laag code.
pub const LAAG: &str = "loket-laag";
/// Term codes [`GRATIS`] / [`BETAALD`]: `Service::free`.
pub const KOSTEN: &str = "loket-kosten";
/// Term codes [`VRIJ`] / [`VERWIJZING`]: `Service::referral_required`.
pub const TOEGANG: &str = "loket-toegang";
/// Term name = keyword.
pub const TREFWOORD: &str = "loket-trefwoord";

pub const GRATIS: &str = "gratis";
pub const BETAALD: &str = "betaald";
pub const VRIJ: &str = "vrij";
pub const VERWIJZING: &str = "verwijzing";

/// The five taxonomies with a Dutch description, in export order.
pub const TAXONOMIES: [(&str, &str); 5] = [
    (
        LEEFGEBIED,
        "Leefgebieden (levensdomeinen) van het sociaal domein",
    ),
    (LAAG, "Lagen van de kantelingspiramide"),
    (KOSTEN, "Kosten voor de inwoner: gratis of betaald"),
    (
        TOEGANG,
        "Toegang: vrij toegankelijk of op verwijzing/indicatie",
    ),
    (TREFWOORD, "Vrije trefwoorden"),
];

/// The id of the term `code` of `taxonomy` in an export: stable and readable.
pub fn term_id(taxonomy: &str, code: &str) -> String {
    format!("{taxonomy}-{code}")
}

/// The description of one of [`TAXONOMIES`].
pub fn taxonomy_description(taxonomy: &str) -> &'static str {
    TAXONOMIES
        .iter()
        .find(|(name, _)| *name == taxonomy)
        .map_or("", |(_, d)| d)
}

/// The description HSDS requires of a taxonomy term: its taxonomy's description and its name.
pub fn term_description(taxonomy_description: &str, name: &str) -> String {
    format!("{taxonomy_description}: {name}")
}

/// A taxonomy term as exported.
#[derive(Debug)]
pub struct ExportTerm {
    pub id: String,
    pub taxonomy: &'static str,
    pub code: String,
    pub name: String,
}

/// Every term an export needs, with stable ids: the configured leefgebieden (plus any code a
/// service still uses), all lagen, the cost and access terms, and one term per distinct keyword
/// (numbered in alphabetical order, as keywords can hold any text).
pub struct TermCatalogue {
    terms: Vec<ExportTerm>,
    index: HashMap<(&'static str, String), usize>,
}

impl TermCatalogue {
    pub fn new(kaart: &Kaart, leefgebieden: &Leefgebieden) -> TermCatalogue {
        let mut catalogue = TermCatalogue {
            terms: Vec::new(),
            index: HashMap::new(),
        };
        for l in leefgebieden.all() {
            catalogue.add(LEEFGEBIED, &l.code, &l.name, term_id(LEEFGEBIED, &l.code));
        }
        for code in kaart.services.iter().flat_map(|s| &s.leefgebieden) {
            let name = leefgebieden.name_of(code).to_string();
            catalogue.add(LEEFGEBIED, code, &name, term_id(LEEFGEBIED, code));
        }
        for &laag in Laag::VARIANTS {
            catalogue.add(LAAG, laag.code(), laag.name(), term_id(LAAG, laag.code()));
        }
        for (taxonomy, code, name) in [
            (KOSTEN, GRATIS, "Gratis"),
            (KOSTEN, BETAALD, "Betaald"),
            (TOEGANG, VRIJ, "Vrij toegankelijk"),
            (TOEGANG, VERWIJZING, "Op verwijzing of indicatie"),
        ] {
            catalogue.add(taxonomy, code, name, term_id(taxonomy, code));
        }
        let keywords: BTreeSet<&String> = kaart.services.iter().flat_map(|s| &s.keywords).collect();
        for (n, keyword) in keywords.into_iter().enumerate() {
            catalogue.add(
                TREFWOORD,
                keyword,
                keyword,
                term_id(TREFWOORD, &(n + 1).to_string()),
            );
        }
        catalogue
    }

    fn add(&mut self, taxonomy: &'static str, code: &str, name: &str, id: String) {
        let key = (taxonomy, code.to_string());
        if !self.index.contains_key(&key) {
            self.index.insert(key, self.terms.len());
            let code = if taxonomy == TREFWOORD {
                String::new()
            } else {
                code.to_string()
            };
            self.terms.push(ExportTerm {
                id,
                taxonomy,
                code,
                name: name.to_string(),
            });
        }
    }

    pub fn all(&self) -> &[ExportTerm] {
        &self.terms
    }

    fn get(&self, taxonomy: &'static str, code: &str) -> &ExportTerm {
        // Every code a service uses was added in `new`.
        &self.terms[self.index[&(taxonomy, code.to_string())]]
    }

    /// The terms of a service in the order they are written, each with the attribute `value`:
    /// leefgebieden by priority (value 1, 2, ...), then laag, cost, access and keywords.
    pub fn of_service(&self, service: &Service) -> Vec<(&ExportTerm, String)> {
        let mut terms: Vec<(&ExportTerm, String)> = service
            .leefgebieden
            .iter()
            .enumerate()
            .map(|(n, c)| (self.get(LEEFGEBIED, c), (n + 1).to_string()))
            .collect();
        let access = if service.referral_required {
            VERWIJZING
        } else {
            VRIJ
        };
        let others = service
            .laag
            .map(|l| self.get(LAAG, l.code()))
            .into_iter()
            .chain([
                self.get(KOSTEN, if service.free { GRATIS } else { BETAALD }),
                self.get(TOEGANG, access),
            ])
            .chain(service.keywords.iter().map(|k| self.get(TREFWOORD, k)));
        terms.extend(others.map(|t| (t, String::new())));
        terms
    }
}

/// A schedule row as exported: weekly hours grouped by identical times and validity range
/// (`byday` = `MO,TU`), then one row per exception (`valid_from` = `valid_to` = its date; no
/// times = closed that day).
pub struct ExportSchedule {
    pub id: String,
    pub freq: &'static str,
    pub byday: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub opens: Option<NaiveTime>,
    pub closes: Option<NaiveTime>,
    pub description: String,
}

fn rrule_day(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

pub fn schedules_of(service: &Service) -> Vec<ExportSchedule> {
    type Key = (NaiveTime, NaiveTime, Option<NaiveDate>, Option<NaiveDate>);
    let mut groups: Vec<(Key, Vec<&str>)> = Vec::new();
    for h in &service.hours {
        let key = (h.opens, h.closes, h.valid_from, h.valid_to);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, days)) => days.push(rrule_day(h.weekday)),
            None => groups.push((key, vec![rrule_day(h.weekday)])),
        }
    }
    let weekly =
        groups
            .into_iter()
            .enumerate()
            .map(
                |(n, ((opens, closes, valid_from, valid_to), days))| ExportSchedule {
                    id: format!("{}-week-{}", service.id, n + 1),
                    freq: "WEEKLY",
                    byday: days.join(","),
                    valid_from,
                    valid_to,
                    opens: Some(opens),
                    closes: Some(closes),
                    description: String::new(),
                },
            );
    let exceptions = service
        .exceptions
        .iter()
        .enumerate()
        .map(|(n, e)| ExportSchedule {
            id: format!("{}-uitzondering-{}", service.id, n + 1),
            freq: "",
            byday: String::new(),
            valid_from: Some(e.date),
            valid_to: Some(e.date),
            opens: e.hours.map(|(o, _)| o),
            closes: e.hours.map(|(_, c)| c),
            description: e.description.clone(),
        });
    weekly.chain(exceptions).collect()
}

/// `HH:MM`, the form HSDS examples and Loket's store use.
pub fn hhmm(time: Option<NaiveTime>) -> String {
    time.map(|t| t.format("%H:%M").to_string())
        .unwrap_or_default()
}
