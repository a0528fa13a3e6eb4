//! Export as HSDS 3.0 JSON: one file holding an array of service objects, each with its
//! organisation, service-at-locations (location, address, phones), phones, schedules and
//! attributes (with the taxonomy term and its taxonomy) nested. Organisations and locations that
//! no service reaches follow as organisation and location objects, so nothing is lost.

use std::collections::HashSet;
use std::path::Path;

use serde_json::{Map, Value, json};

use super::ExportTarget;
use super::error::ExportError;
use super::export_csv::{write_error, write_json};
use super::kept::{self, Kept};
use super::vocab::{self, TermCatalogue, hhmm, schedules_of};
use crate::domain::{Kaart, Leefgebieden, Location, Organization, Phone, Service};

/// Fields HSDS requires of some record, written even when empty; any other empty field is left
/// out, as HSDS wants an absent field rather than `null` or `""`.
const REQUIRED: &[&str] = &[
    "id",
    "name",
    "description",
    "status",
    "number",
    "location_type",
    "address_1",
    "city",
    "state_province",
    "postal_code",
    "country",
    "address_type",
];

/// `value` without its empty optional fields (recursively), plus the `kept` source fields.
fn hsds(value: Value, kept: Map<String, Value>) -> Value {
    let Value::Object(mut object) = prune(value) else {
        unreachable!("records are objects")
    };
    object.extend(kept);
    Value::Object(object)
}

fn prune(value: Value) -> Value {
    match value {
        Value::Object(object) => Value::Object(
            object
                .into_iter()
                .filter(|(key, value)| match value {
                    Value::Null => false,
                    Value::String(s) => !s.is_empty() || REQUIRED.contains(&key.as_str()),
                    _ => true,
                })
                .map(|(key, value)| (key, prune(value)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(prune).collect()),
        other => other,
    }
}

fn phones(list: &[Phone]) -> Vec<Value> {
    list.iter()
        .map(|p| {
            prune(json!({"id": p.id, "number": p.number, "type": p.kind, "description": p.description}))
        })
        .collect()
}

fn organization(kept: &Kept, o: &Organization) -> Value {
    let value = json!({
        "id": o.id,
        "name": o.name,
        "description": o.description,
        "email": o.email,
        "website": o.website,
        "phones": phones(&o.phones),
    });
    hsds(value, kept.of(kept::ORGANIZATION, &o.id))
}

fn location(kept: &Kept, l: &Location) -> Value {
    let addresses: Vec<Value> = l
        .address
        .iter()
        .map(|a| {
            let extra = kept.address_fields(&l.id, a);
            prune(json!({
                "id": extra.id,
                "location_id": l.id,
                "attention": extra.attention,
                "address_1": a.street,
                "city": a.city,
                "region": a.wijk,
                "state_province": extra.state_province,
                "postal_code": a.postcode,
                "country": extra.country,
                "address_type": extra.address_type,
            }))
        })
        .collect();
    let value = json!({
        "id": l.id,
        "location_type": "physical",
        "organization_id": l.organization_id,
        "name": l.name,
        "description": l.description,
        "addresses": addresses,
        "phones": phones(&l.phones),
    });
    hsds(value, kept.of(kept::LOCATION, &l.id))
}

fn service(kaart: &Kaart, kept: &Kept, catalogue: &TermCatalogue, s: &Service) -> Value {
    let service_at_locations: Vec<Value> = s
        .location_ids
        .iter()
        .map(|id| {
            let mut sal = json!({"id": format!("{}-op-{id}", s.id), "location_id": id});
            if let Some(l) = kaart.location(id) {
                sal["location"] = location(kept, l);
            }
            sal
        })
        .collect();
    let schedules: Vec<Value> = schedules_of(s)
        .into_iter()
        .map(|row| {
            prune(json!({
                "id": row.id,
                "service_id": s.id,
                "freq": row.freq,
                "byday": row.byday,
                "valid_from": row.valid_from.map(|d| d.to_string()),
                "valid_to": row.valid_to.map(|d| d.to_string()),
                "opens_at": hhmm(row.opens),
                "closes_at": hhmm(row.closes),
                "description": row.description,
            }))
        })
        .collect();
    let attributes: Vec<Value> = catalogue
        .of_service(s)
        .into_iter()
        .enumerate()
        .map(|(n, (term, value))| {
            let description = vocab::taxonomy_description(term.taxonomy);
            prune(json!({
                "id": format!("{}-kenmerk-{}", s.id, n + 1),
                "link_id": s.id,
                "link_entity": "service",
                "value": value,
                "taxonomy_term": {
                    "id": term.id,
                    "code": term.code,
                    "name": term.name,
                    "description": vocab::term_description(description, &term.name),
                    "taxonomy": term.taxonomy,
                    "taxonomy_id": term.taxonomy,
                    "language": "nl",
                    "taxonomy_detail": {"id": term.taxonomy, "name": term.taxonomy, "description": description},
                },
            }))
        })
        .collect();
    let mut value = hsds(
        json!({
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
        }),
        kept.of(kept::SERVICE, &s.id),
    );
    if let Some(o) = s
        .organization_id
        .as_deref()
        .and_then(|id| kaart.organization(id))
    {
        value["organization"] = organization(kept, o);
    }
    value
}

pub fn write(
    kaart: &Kaart,
    kept: &Kept,
    leefgebieden: &Leefgebieden,
    path: &Path,
    target: &ExportTarget,
) -> Result<(), ExportError> {
    let catalogue = TermCatalogue::new(kaart, leefgebieden);
    let mut items: Vec<Value> = kaart
        .services
        .iter()
        .map(|s| service(kaart, kept, &catalogue, s))
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
            .map(|l| location(kept, l))
            .collect();
        let has_services = kaart
            .services
            .iter()
            .any(|s| s.organization_id.as_deref() == Some(o.id.as_str()));
        if !has_services || !own.is_empty() {
            let mut value = organization(kept, o);
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
            .map(|l| location(kept, l)),
    );
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| write_error(path, e))?;
    }
    write_json(path, &Value::Array(items), target)
}
