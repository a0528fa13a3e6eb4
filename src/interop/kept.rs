//! Fields of the source that Loket does not use but keeps, so that an export of an imported kaart
//! says what the source said: an address's country and state_province, a location's coordinates,
//! an organisation's tax id, and the like (the HSDS 3.0 fields of organisation, service, location
//! and address that have no place in Loket's own records). Where the source is silent, the Dutch
//! defaults apply: country NL, the provincie from the postcode. A kept value equal to its default
//! is not kept, so Loket's own export imports back to exactly the same kaart.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::build::Builder;
use super::clean::LONG_LIMIT;
use super::export_csv;
use super::provincie;
use super::table::RowRef;
use crate::domain::Address;
use crate::store::SourceFields;

pub const ORGANIZATION: &str = "organization";
pub const SERVICE: &str = "service";
pub const LOCATION: &str = "location";
/// Keyed by the id of the address's location (a location keeps one address).
pub const ADDRESS: &str = "address";

/// Each kind with its HSDS 3.0 fields and those Loket reads into its own records (or as their
/// links); the rest are kept.
const KINDS: [(&str, &[&str], &[&str]); 4] = [
    (
        ORGANIZATION,
        export_csv::ORGANIZATIONS,
        &["id", "name", "description", "email", "website"],
    ),
    (
        SERVICE,
        export_csv::SERVICES,
        &[
            "id",
            "organization_id",
            "name",
            "alternate_name",
            "description",
            "url",
            "email",
            "status",
            "application_process",
            "fees_description",
            "fees",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
            "assured_date",
        ],
    ),
    (
        LOCATION,
        export_csv::LOCATIONS,
        &["id", "organization_id", "name", "description"],
    ),
    (
        ADDRESS,
        export_csv::ADDRESSES,
        &[
            "location_id",
            "address_1",
            "address_2",
            "city",
            "region",
            "postal_code",
        ],
    ),
];

/// Kept fields that HSDS types as numbers.
const NUMBERS: &[&str] = &["year_incorporated", "latitude", "longitude"];

/// The country of an address whose source names none.
pub const DEFAULT_COUNTRY: &str = "NL";

/// The id an export gives the address of `location_id` when the source gave none.
pub fn address_id(location_id: &str) -> String {
    format!("{location_id}-adres")
}

/// Kept fields by (kind, id), as collected by an import.
pub type Collected = BTreeMap<(String, String), Map<String, Value>>;

impl Builder<'_> {
    /// Keeps the fields of `kind` that `row` fills, except those equal to their default. An
    /// address's defaults depend on its postcode, given as `address`.
    pub fn keep(&mut self, row: RowRef, kind: &'static str, id: &str, address: Option<&Address>) {
        let Some((_, columns, used)) = KINDS.iter().find(|(k, _, _)| *k == kind) else {
            return;
        };
        let mut fields = Map::new();
        for &column in columns.iter().filter(|c| !used.contains(c)) {
            if row.get(column).is_empty() {
                continue;
            }
            let text = self.text(row, &[column], LONG_LIMIT);
            let value = if NUMBERS.contains(&column) {
                let number = text.replace(',', ".");
                match number.parse::<i64>().map(Value::from).or_else(|_| {
                    number
                        .parse::<f64>()
                        .ok()
                        .filter(|n| n.is_finite())
                        .map(Value::from)
                        .ok_or(())
                }) {
                    Ok(n) => n,
                    _ => {
                        let message = format!("'{text}' is geen getal; niet bewaard");
                        self.warn(row, Some(column), message);
                        continue;
                    }
                }
            } else {
                Value::String(text)
            };
            if !is_default(kind, column, &value, id, address) {
                fields.insert(column.to_string(), value);
            }
        }
        let key = (kind.to_string(), id.to_string());
        if fields.is_empty() {
            self.kept.remove(&key);
        } else {
            self.kept.insert(key, fields);
        }
    }
}

fn is_default(
    kind: &str,
    column: &str,
    value: &Value,
    id: &str,
    address: Option<&Address>,
) -> bool {
    let Some(text) = value.as_str() else {
        return false;
    };
    match (kind, column) {
        (LOCATION, "location_type") => text == "physical",
        (ADDRESS, "id") => text == address_id(id),
        // Loket reads every other type (`bezoekadres`, empty) as a visiting address.
        (ADDRESS, "address_type") => !matches!(text, "postal" | "virtual"),
        (ADDRESS, "country") => text.eq_ignore_ascii_case(DEFAULT_COUNTRY),
        (ADDRESS, "state_province") => {
            address.and_then(|a| provincie::of_postcode(&a.postcode)) == Some(text)
        }
        _ => false,
    }
}

/// The collected fields as the store keeps them.
pub fn to_store(collected: Collected) -> SourceFields {
    collected
        .into_iter()
        .map(|(key, fields)| (key, Value::Object(fields).to_string()))
        .collect()
}

/// The kept fields of a stored kaart, for an export.
#[derive(Debug, Default)]
pub struct Kept(Collected);

impl Kept {
    /// Reads the store's fields; a value that is not a JSON object (hand-edited) is skipped.
    pub fn new(fields: &SourceFields) -> Kept {
        Kept(
            fields
                .iter()
                .filter_map(|(key, text)| match serde_json::from_str(text) {
                    Ok(Value::Object(map)) => Some((key.clone(), map)),
                    _ => None,
                })
                .collect(),
        )
    }

    /// The kept fields of record `id` of `kind`.
    pub fn of(&self, kind: &str, id: &str) -> Map<String, Value> {
        self.0
            .get(&(kind.to_string(), id.to_string()))
            .cloned()
            .unwrap_or_default()
    }

    /// One kept field as text (numbers written as HSDS CSV expects).
    pub fn text(&self, kind: &str, id: &str, field: &str) -> Option<String> {
        let value = self
            .0
            .get(&(kind.to_string(), id.to_string()))?
            .get(field)?;
        match value {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }

    /// The HSDS address of location `location_id`: its id, country and state_province from the
    /// source, else the defaults (the provincie only for a Dutch address).
    pub fn address_fields(&self, location_id: &str, address: &Address) -> AddressFields {
        let kept = |field| self.text(ADDRESS, location_id, field);
        let country = kept("country").unwrap_or_else(|| DEFAULT_COUNTRY.to_string());
        let state_province = kept("state_province").unwrap_or_else(|| {
            Some(&country)
                .filter(|c| c.eq_ignore_ascii_case(DEFAULT_COUNTRY))
                .and_then(|_| provincie::of_postcode(&address.postcode))
                .unwrap_or_default()
                .to_string()
        });
        AddressFields {
            id: kept("id").unwrap_or_else(|| address_id(location_id)),
            address_type: kept("address_type").unwrap_or_else(|| "physical".to_string()),
            attention: kept("attention"),
            country,
            state_province,
        }
    }
}

/// The HSDS fields of an address beyond what Loket keeps in [`Address`].
pub struct AddressFields {
    pub id: String,
    pub address_type: String,
    pub attention: Option<String>,
    pub country: String,
    pub state_province: String,
}
