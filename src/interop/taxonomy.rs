//! Taxonomy terms linked to services: HSDS 3.0 `taxonomies.csv` + `taxonomy_terms.csv` +
//! `attributes.csv`, 2.0 `service_attributes.csv`, and 1.x `taxonomy.csv` (with `vocabulary` as
//! the taxonomy name) + `services_taxonomy.csv`. Terms of Loket's own taxonomies (see
//! [`super::vocab`]) fill leefgebieden, laag, cost and access; terms of any other taxonomy become
//! keywords, so whatever classification the source uses stays searchable.

use std::collections::HashMap;

use strum::VariantArray;

use super::build::Builder;
use super::clean::{SHORT_LIMIT, clean_text};
use super::error::ImportError;
use super::table::{RowRef, Tables};
use super::vocab;
use crate::domain::Code;
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
    /// The Loket taxonomy the term belongs to (see [`vocab::TAXONOMIES`]), recognised by the
    /// taxonomy's id or its name; empty for any other taxonomy.
    taxonomy: String,
    code: String,
    name: String,
}

/// A leefgebied link; applied after all links, ordered by the attribute's `value` when it is a
/// number (the priority, 1 = main leefgebied), else in file order.
struct Ranked {
    service: usize,
    rank: u32,
    code: String,
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
    let mut ranked = Vec::new();
    if let Some(t) = tables.table(ATTRIBUTES, &mut b.warnings)? {
        t.require(&["link_id", "taxonomy_term_id"])?;
        for row in t.iter() {
            let entity = row.get("link_entity").to_lowercase();
            if OTHER_ENTITIES.contains(&entity.trim_end_matches('s')) {
                continue;
            }
            link(b, row, &terms, ("link_id", "taxonomy_term_id"), &mut ranked);
        }
    }
    for names in [SERVICE_ATTRIBUTES, SERVICE_TAXONOMY] {
        if let Some(t) = tables.table(names, &mut b.warnings)? {
            t.require(&["service_id"])?;
            for row in t.iter() {
                let (term_column, _) = row.first(&["taxonomy_term_id", "taxonomy_id"]);
                link(b, row, &terms, ("service_id", term_column), &mut ranked);
            }
        }
    }
    ranked.sort_by_key(|r| (r.service, r.rank));
    for r in ranked {
        let codes = &mut b.services[r.service].leefgebieden;
        if !codes.contains(&r.code) {
            codes.push(r.code);
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
    let (free_text_column, _) = row.first(&["taxonomy", "vocabulary"]);
    let free_text = Builder::reference(row, free_text_column);
    let candidates = [
        Some(&taxonomy_id),
        taxonomy_names.get(&taxonomy_id),
        Some(&free_text),
    ];
    let taxonomy = candidates
        .iter()
        .flatten()
        .map(|name| name.to_lowercase())
        .find(|name| vocab::TAXONOMIES.iter().any(|(loket, _)| loket == name))
        .unwrap_or_default();
    let name = b.text(row, &["name", "term"], SHORT_LIMIT);
    let code = b.text(row, &["code"], SHORT_LIMIT);
    let term = Term {
        taxonomy,
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
    ranked: &mut Vec<Ranked>,
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
        vocab::LEEFGEBIED => {
            if let Some(code) = leefgebied(b, row, term_column, term) {
                let rank = row.get("value").parse().unwrap_or(u32::MAX);
                ranked.push(Ranked {
                    service: s,
                    rank,
                    code,
                });
            }
        }
        vocab::LAAG => laag(b, row, term_column, s, term),
        vocab::KOSTEN | vocab::TOEGANG => flag(b, row, term_column, s, term),
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

/// The configured leefgebied a term names (by code, or by display name), or `None` with a
/// warning listing the valid codes.
fn leefgebied(b: &mut Builder, row: RowRef, column: &str, term: &Term) -> Option<String> {
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
        b.warn(row, Some(column), message);
        return None;
    };
    Some(leefgebied.code.clone())
}

fn laag(b: &mut Builder, row: RowRef, column: &str, s: usize, term: &Term) {
    let found = Laag::from_code(&term.code)
        .or_else(|| Laag::from_code(&term.name))
        .or_else(|| {
            Laag::VARIANTS
                .iter()
                .copied()
                .find(|l| l.name().eq_ignore_ascii_case(&term.name))
        });
    let Some(laag) = found else {
        let message = format!(
            "laag '{}' onbekend; overgeslagen (geldig: {})",
            term.code,
            Laag::codes()
        );
        b.warn(row, Some(column), message);
        return;
    };
    match b.services[s].laag {
        Some(existing) if existing != laag => {
            let message = format!(
                "de dienst heeft al laag '{}'; laag '{}' genegeerd",
                existing.code(),
                laag.code()
            );
            b.warn(row, Some(column), message);
        }
        _ => b.services[s].laag = Some(laag),
    }
}

/// `loket-kosten` (gratis/betaald) and `loket-toegang` (vrij/verwijzing).
fn flag(b: &mut Builder, row: RowRef, column: &str, s: usize, term: &Term) {
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
            b.warn(row, Some(column), message);
        }
    }
}
