//! Taxonomy terms linked to services: HSDS 3.0 `taxonomies.csv` + `taxonomy_terms.csv` +
//! `attributes.csv`, 2.0 `service_attributes.csv`, and 1.x `taxonomy.csv` (with `vocabulary` as
//! the taxonomy name) + `services_taxonomy.csv`. Terms of Loket's own taxonomies (see
//! [`super::vocab`]) fill leefgebieden, laag, cost and access; terms of any other taxonomy become
//! keywords, so whatever classification the source uses stays searchable.

use std::collections::HashMap;

use super::build::Builder;
use super::clean::{SHORT_LIMIT, clean_text};
use super::error::ImportError;
use super::table::{RowRef, Tables};
use super::vocab;
use crate::domain::Laag;

const TAXONOMIES: &[&str] = &["taxonomies.csv"];
const TERMS: &[&str] = &["taxonomy_terms.csv", "taxonomy_term.csv"];
const LEGACY_TERMS: &[&str] = &["taxonomy.csv"];
const ATTRIBUTES: &[&str] = &["attributes.csv", "attribute.csv"];
const SERVICE_ATTRIBUTES: &[&str] = &["service_attributes.csv", "service_attribute.csv"];
const SERVICE_TAXONOMY: &[&str] = &[
    "services_taxonomy.csv",
    "service_taxonomy.csv",
    "service_taxonomies.csv",
];

/// Entities other than services that attributes may describe; Loket keeps no terms for them.
const OTHER_ENTITIES: [&str; 8] = [
    "organization",
    "location",
    "service_at_location",
    "phone",
    "contact",
    "schedule",
    "address",
    "program",
];

struct Term {
    /// The taxonomy's name, lower-cased: decides what the term means to Loket.
    taxonomy: String,
    code: String,
    name: String,
}

pub fn read(b: &mut Builder, tables: &mut dyn Tables) -> Result<(), ImportError> {
    let mut taxonomy_names = HashMap::new();
    if let Some(t) = tables.table(TAXONOMIES, &mut b.warnings)? {
        t.require(&["id"])?;
        for row in t.iter() {
            let name = Builder::reference(row, "name");
            taxonomy_names.insert(Builder::reference(row, "id"), name);
        }
    }
    let mut terms = HashMap::new();
    for names in [TERMS, LEGACY_TERMS] {
        if let Some(t) = tables.table(names, &mut b.warnings)? {
            t.require(&["id"])?;
            for row in t.iter() {
                if let Some((id, term)) = term(b, row, &taxonomy_names) {
                    terms.entry(id).or_insert(term);
                }
            }
        }
    }
    if let Some(t) = tables.table(ATTRIBUTES, &mut b.warnings)? {
        t.require(&["link_id", "taxonomy_term_id"])?;
        for row in t.iter() {
            let entity = row.get("link_entity").to_lowercase();
            if OTHER_ENTITIES.contains(&entity.trim_end_matches('s')) {
                continue;
            }
            link(b, row, &terms, ("link_id", "taxonomy_term_id"));
        }
    }
    for names in [SERVICE_ATTRIBUTES, SERVICE_TAXONOMY] {
        if let Some(t) = tables.table(names, &mut b.warnings)? {
            t.require(&["service_id"])?;
            for row in t.iter() {
                let (term_column, _) = row.first(&["taxonomy_term_id", "taxonomy_id"]);
                link(b, row, &terms, ("service_id", term_column));
            }
        }
    }
    Ok(())
}

/// A term row of 3.0 (`name`, `code`, `taxonomy_id` or free-text `taxonomy`), 2.0 (`term`) or
/// 1.x (`vocabulary`).
fn term(
    b: &mut Builder,
    row: RowRef,
    taxonomy_names: &HashMap<String, String>,
) -> Option<(String, Term)> {
    let id = Builder::reference(row, "id");
    if id.is_empty() {
        b.warn(
            row,
            Some("id"),
            "id ontbreekt; regel overgeslagen".to_string(),
        );
        return None;
    }
    let taxonomy_id = Builder::reference(row, "taxonomy_id");
    let taxonomy = match taxonomy_names.get(&taxonomy_id) {
        Some(name) => name.clone(),
        None => Builder::reference(row, row.first(&["taxonomy", "vocabulary"]).0),
    };
    let name = b.text(row, &["name", "term"], SHORT_LIMIT);
    let code = b.text(row, &["code"], SHORT_LIMIT);
    let term = Term {
        taxonomy: taxonomy.to_lowercase(),
        code: if code.is_empty() { name.clone() } else { code },
        name,
    };
    Some((id, term))
}

/// Applies the term in `columns.1` to the service in `columns.0`.
fn link(
    b: &mut Builder,
    row: RowRef,
    terms: &HashMap<String, Term>,
    columns: (&'static str, &'static str),
) {
    let (service_column, term_column) = columns;
    let service_id = Builder::reference(row, service_column);
    let Some(&s) = b.service_ix.get(&service_id) else {
        b.unknown(row, service_column, &service_id);
        return;
    };
    let term_id = Builder::reference(row, term_column);
    let Some(term) = terms.get(&term_id) else {
        b.unknown(row, term_column, &term_id);
        return;
    };
    match term.taxonomy.as_str() {
        vocab::LEEFGEBIED => leefgebied(b, row, s, term),
        vocab::LAAG => laag(b, row, s, term),
        vocab::KOSTEN | vocab::TOEGANG => flag(b, row, s, term),
        _ => {
            let keyword = clean_text(
                if term.name.is_empty() {
                    &term.code
                } else {
                    &term.name
                },
                SHORT_LIMIT,
            )
            .0;
            let keywords = &mut b.services[s].keywords;
            if !keyword.is_empty() && !keywords.contains(&keyword) {
                keywords.push(keyword);
            }
        }
    }
}

fn leefgebied(b: &mut Builder, row: RowRef, s: usize, term: &Term) {
    let list = b.leefgebieden;
    let found = list
        .resolve(&term.code)
        .or_else(|| list.resolve(&term.name))
        .or_else(|| {
            list.all()
                .iter()
                .find(|l| l.name.to_lowercase() == term.name.to_lowercase())
        });
    let Some(leefgebied) = found else {
        let message = format!(
            "leefgebied '{}' onbekend; overgeslagen (geldig: {})",
            term.code,
            list.codes()
        );
        b.warn(row, None, message);
        return;
    };
    let codes = &mut b.services[s].leefgebieden;
    if !codes.contains(&leefgebied.code) {
        codes.push(leefgebied.code.clone());
    }
}

fn laag(b: &mut Builder, row: RowRef, s: usize, term: &Term) {
    let found = Laag::from_code(&term.code)
        .or_else(|| Laag::from_code(&term.name))
        .or_else(|| {
            Laag::ALL
                .into_iter()
                .find(|l| l.name().eq_ignore_ascii_case(&term.name))
        });
    let Some(laag) = found else {
        let message = format!(
            "laag '{}' onbekend; overgeslagen (geldig: {})",
            term.code,
            Laag::codes()
        );
        b.warn(row, None, message);
        return;
    };
    match b.services[s].laag {
        Some(existing) if existing != laag => {
            let message = format!(
                "de dienst heeft al laag '{}'; laag '{}' genegeerd",
                existing.code(),
                laag.code()
            );
            b.warn(row, None, message);
        }
        _ => b.services[s].laag = Some(laag),
    }
}

/// `loket-kosten` (gratis/betaald) and `loket-toegang` (vrij/verwijzing).
fn flag(b: &mut Builder, row: RowRef, s: usize, term: &Term) {
    let service = &mut b.services[s];
    match (term.taxonomy.as_str(), term.code.to_lowercase().as_str()) {
        (vocab::KOSTEN, vocab::GRATIS) => service.free = true,
        (vocab::KOSTEN, vocab::BETAALD) => service.free = false,
        (vocab::TOEGANG, vocab::VRIJ) => service.referral_required = false,
        (vocab::TOEGANG, vocab::VERWIJZING) => service.referral_required = true,
        (taxonomy, code) => {
            let valid = if taxonomy == vocab::KOSTEN {
                format!("{}, {}", vocab::GRATIS, vocab::BETAALD)
            } else {
                format!("{}, {}", vocab::VRIJ, vocab::VERWIJZING)
            };
            let message = format!("{taxonomy} '{code}' onbekend; overgeslagen (geldig: {valid})");
            b.warn(row, None, message);
        }
    }
}
