//! Export as HSDS 3.0 JSON: one file holding an array of service objects, each with its
//! organisation, service-at-locations (location, address, phones), phones, schedules and
//! attributes (with the taxonomy term and its taxonomy) nested. Organisations and locations that
//! no service reaches follow as organisation and location objects, so nothing is lost.

use std::collections::HashSet;
use std::path::Path;

use serde_json::{Value, json};

use super::ExportTarget;
use super::error::ExportError;
use super::vocab::{self, TermCatalogue, hhmm, schedules_of};
use crate::domain::{Kaart, Leefgebieden, Location, Organization, Phone, Service};
use crate::store::safe_file::{self, PUBLIC};

fn phones(list: &[Phone]) -> Vec<Value> {
    list.iter()
        .map(|p| json!({"id": p.id, "number": p.number, "type": p.kind, "description": p.description}))
        .collect()
}

fn organization(o: &Organization) -> Value {
    json!({
        "id": o.id,
        "name": o.name,
        "description": o.description,
        "email": o.email,
        "website": o.website,
        "phones": phones(&o.phones),
    })
}

fn location(l: &Location) -> Value {
    let addresses: Vec<Value> = l
        .address
        .iter()
        .map(|a| {
            json!({
                "id": format!("{}-adres", l.id),
                "address_1": a.street,
                "city": a.city,
                "region": a.wijk,
                "postal_code": a.postcode,
                "country": "NL",
                "address_type": "physical",
            })
        })
        .collect();
    json!({
        "id": l.id,
        "location_type": "physical",
        "organization_id": l.organization_id,
        "name": l.name,
        "description": l.description,
        "addresses": addresses,
        "phones": phones(&l.phones),
    })
}

fn service(kaart: &Kaart, catalogue: &TermCatalogue, s: &Service) -> Value {
    let service_at_locations: Vec<Value> = s
        .location_ids
        .iter()
        .map(|id| {
            let mut sal = json!({"id": format!("{}-op-{id}", s.id), "location_id": id});
            if let Some(l) = kaart.location(id) {
                sal["location"] = location(l);
            }
            sal
        })
        .collect();
    let schedules: Vec<Value> = schedules_of(s)
        .into_iter()
        .map(|row| {
            json!({
                "id": row.id,
                "freq": row.freq,
                "byday": row.byday,
                "valid_from": row.valid_from.map(|d| d.to_string()),
                "valid_to": row.valid_to.map(|d| d.to_string()),
                "opens_at": hhmm(row.opens),
                "closes_at": hhmm(row.closes),
                "description": row.description,
            })
        })
        .collect();
    let attributes: Vec<Value> = catalogue
        .of_service(s)
        .into_iter()
        .enumerate()
        .map(|(n, (term, value))| {
            let description = vocab::TAXONOMIES
                .iter()
                .find(|(name, _)| *name == term.taxonomy)
                .map_or("", |(_, d)| d);
            json!({
                "id": format!("{}-kenmerk-{}", s.id, n + 1),
                "link_id": s.id,
                "link_entity": "service",
                "value": value,
                "taxonomy_term": {
                    "id": term.id,
                    "code": term.code,
                    "name": term.name,
                    "taxonomy": term.taxonomy,
                    "language": "nl",
                    "taxonomy_detail": {"id": term.taxonomy, "name": term.taxonomy, "description": description},
                },
            })
        })
        .collect();
    let mut value = json!({
        "id": s.id,
        "organization_id": s.organization_id,
        "name": s.name,
        "alternate_name": s.alternate_name,
        "description": s.description,
        "url": s.url,
        "email": s.email,
        "status": s.status.code(),
        "application_process": s.application_process,
        "fees_description": s.fees_description,
        "eligibility_description": s.eligibility,
        "minimum_age": s.min_age,
        "maximum_age": s.max_age,
        "assured_date": s.last_verified.map(|d| d.to_string()),
        "phones": phones(&s.phones),
        "schedules": schedules,
        "service_at_locations": service_at_locations,
        "attributes": attributes,
    });
    if let Some(o) = s
        .organization_id
        .as_deref()
        .and_then(|id| kaart.organization(id))
    {
        value["organization"] = organization(o);
    }
    value
}

pub fn write(
    kaart: &Kaart,
    leefgebieden: &Leefgebieden,
    path: &Path,
    target: &ExportTarget,
) -> Result<(), ExportError> {
    let catalogue = TermCatalogue::new(kaart, leefgebieden);
    let mut items: Vec<Value> = kaart
        .services
        .iter()
        .map(|s| service(kaart, &catalogue, s))
        .collect();
    let reached: HashSet<&str> = kaart
        .services
        .iter()
        .flat_map(|s| s.location_ids.iter().map(String::as_str))
        .collect();
    let unreached = |l: &&Location| !reached.contains(l.id.as_str());
    for o in &kaart.organizations {
        let own: Vec<Value> = kaart
            .locations
            .iter()
            .filter(unreached)
            .filter(|l| l.organization_id.as_deref() == Some(o.id.as_str()))
            .map(location)
            .collect();
        let has_services = kaart
            .services
            .iter()
            .any(|s| s.organization_id.as_deref() == Some(o.id.as_str()));
        if !has_services || !own.is_empty() {
            let mut value = organization(o);
            value["locations"] = Value::Array(own);
            items.push(value);
        }
    }
    items.extend(
        kaart
            .locations
            .iter()
            .filter(unreached)
            .filter(|l| {
                l.organization_id
                    .as_deref()
                    .and_then(|id| kaart.organization(id))
                    .is_none()
            })
            .map(location),
    );
    let write_error = |cause: std::io::Error| ExportError::Write {
        path: path.to_path_buf(),
        cause,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(write_error)?;
    }
    let text = serde_json::to_string_pretty(&Value::Array(items))
        .map_err(std::io::Error::from)
        .map_err(write_error)?;
    let text = text + "\n";
    safe_file::write_new(
        path,
        text.as_bytes(),
        target.replace,
        PUBLIC,
        target.database,
    )?;
    Ok(())
}
