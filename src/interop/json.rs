//! HSDS 3.0 JSON: flattened into the same tables as the CSV form, so one builder checks both.
//!
//! Accepted shapes: a service object, an array of them, a paged list (`contents`), organisation
//! objects with nested `services` and `locations`, service-at-location objects with nested
//! `service` and `location`, the tabular JSON form (`{"services.csv": [...]}`), and any array
//! mixing these (Loket's own export adds organisations and locations without services that way).
//! HSDS nests the same record in several places (a phone under the service, its location and its
//! organisation); a repeat with the same id and the same values is taken once, silently.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::report::Place;
use super::table::{Table, TableSet};

type Object = Map<String, Value>;

/// A link column added to a flattened row, e.g. `("service_id", "s1")`.
type Link<'a> = (&'static str, &'a str);

/// A record's own scalar values, to recognise the same record nested elsewhere.
type Scalars = Vec<(String, String)>;

pub struct Flattener {
    file: String,
    tables: HashMap<String, Table>,
    /// (table, id) → (row index, the record's own scalar values).
    seen: HashMap<(&'static str, String), (usize, Scalars)>,
}

/// What a JSON object stands for, judged by the fields HSDS gives each kind.
enum Kind {
    ServiceAtLocation,
    Organization,
    Service,
    Location,
    Other,
}

fn has_any(obj: &Object, keys: &[&str]) -> bool {
    keys.iter().any(|k| obj.contains_key(*k))
}

fn kind(obj: &Object) -> Kind {
    if obj.get("service").is_some_and(Value::is_object) {
        Kind::ServiceAtLocation
    } else if obj.get("services").is_some_and(Value::is_array)
        || has_any(
            obj,
            &[
                "website",
                "tax_status",
                "tax_id",
                "legal_status",
                "year_incorporated",
                "organization_identifiers",
                "parent_organization_id",
                "locations",
            ],
        )
    {
        Kind::Organization
    } else if has_any(
        obj,
        &[
            "status",
            "service_at_locations",
            "organization",
            "eligibility_description",
            "fees_description",
            "application_process",
            "minimum_age",
            "maximum_age",
            "assured_date",
            "program",
        ],
    ) {
        Kind::Service
    } else if has_any(
        obj,
        &[
            "location_type",
            "latitude",
            "longitude",
            "addresses",
            "transportation",
        ],
    ) {
        Kind::Location
    } else if obj.contains_key("id")
        && obj.contains_key("name")
        && !has_any(
            obj,
            &["taxonomy", "taxonomy_detail", "code", "term_uri", "version"],
        )
    {
        Kind::Service
    } else {
        Kind::Other
    }
}

/// A scalar as table text; `None` for nested objects and arrays (flattened separately).
fn cell(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null => Some(String::new()),
        Value::Array(_) | Value::Object(_) => None,
    }
}

fn text<'v>(obj: &'v Object, key: &str) -> &'v str {
    obj.get(key).and_then(Value::as_str).unwrap_or("")
}

/// The id of an object as text (ids may arrive as numbers).
fn id_of(obj: &Object) -> String {
    obj.get("id")
        .and_then(cell)
        .unwrap_or_default()
        .trim()
        .to_string()
}

fn objects<'v>(obj: &'v Object, key: &str, path: &str) -> Vec<(&'v Object, String)> {
    match obj.get(key) {
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| Some((v.as_object()?, format!("{path}.{key}[{i}]"))))
            .collect(),
        _ => Vec::new(),
    }
}

impl Flattener {
    pub fn new(file: &str) -> Flattener {
        Flattener {
            file: file.to_string(),
            tables: HashMap::new(),
            seen: HashMap::new(),
        }
    }

    pub fn finish(self) -> TableSet {
        TableSet(self.tables)
    }

    /// The document root.
    pub fn root(&mut self, value: &Value) {
        self.document(value, "$");
    }

    /// A document whose root `root` names in warnings (`$` for a file, the page of an API).
    pub fn document(&mut self, value: &Value, root: &str) {
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.item(item, format!("{root}[{i}]"));
                }
            }
            Value::Object(obj) if obj.get("contents").is_some_and(Value::is_array) => {
                for (item, path) in objects(obj, "contents", root) {
                    self.item_object(item, path);
                }
            }
            Value::Object(obj) if obj.keys().any(|k| k.ends_with(".csv")) => self.tabular(obj),
            Value::Object(obj) => self.item_object(obj, root.to_string()),
            _ => {}
        }
    }

    fn item(&mut self, value: &Value, path: String) {
        if let Some(obj) = value.as_object() {
            self.item_object(obj, path);
        }
    }

    fn item_object(&mut self, obj: &Object, path: String) {
        match kind(obj) {
            Kind::ServiceAtLocation => self.service_at_location(obj, &path, None),
            Kind::Organization => self.organization(obj, &path),
            Kind::Service => self.service(obj, &path, None),
            Kind::Location => self.location(obj, &path, None),
            Kind::Other => {}
        }
    }

    /// `{"services.csv": [{...}, ...], ...}`: rows given table by table.
    fn tabular(&mut self, root: &Object) {
        for (name, rows) in root {
            let Some(rows) = rows.as_array() else {
                continue;
            };
            let table_name = name.to_lowercase();
            for (i, row) in rows.iter().enumerate() {
                if let Some(obj) = row.as_object() {
                    let path = format!("$[\"{name}\"][{i}]");
                    self.push_row(&table_name, obj, &path, &[]);
                }
            }
        }
    }

    /// Adds `obj`'s scalars plus `links` as a row of `table`, unless the same record (same id,
    /// same values) was added before; then only links it lacked are filled in. Returns whether
    /// the record was new, so nested children are walked once.
    fn emit(&mut self, table: &'static str, obj: &Object, path: &str, links: &[Link]) -> bool {
        let id = id_of(obj);
        let scalars: Scalars = obj
            .iter()
            .filter_map(|(k, v)| Some((k.clone(), cell(v)?)))
            .collect();
        if !id.is_empty()
            && let Some((row, earlier)) = self.seen.get(&(table, id.clone()))
            && *earlier == scalars
        {
            let row = *row;
            let t = self.table(table);
            for (column, value) in links {
                let c = t.column(column);
                t.fill(row, c, value);
            }
            return false;
        }
        let row = self.push_row(table, obj, path, links);
        if !id.is_empty() {
            self.seen.entry((table, id)).or_insert((row, scalars));
        }
        true
    }

    fn table(&mut self, name: &str) -> &mut Table {
        let file = &self.file;
        self.tables
            .entry(name.to_string())
            .or_insert_with(|| Table::new(file.clone()))
    }

    fn push_row(&mut self, table: &str, obj: &Object, path: &str, links: &[Link]) -> usize {
        let t = self.table(table);
        let mut cells: Vec<(usize, String)> = Vec::new();
        for (key, value) in obj {
            if let Some(v) = cell(value) {
                cells.push((t.column(key), v));
            }
        }
        for (column, value) in links {
            let c = t.column(column);
            let explicit = obj
                .get(*column)
                .and_then(cell)
                .is_some_and(|v| !v.trim().is_empty());
            if !explicit {
                cells.push((c, value.to_string()));
            }
        }
        t.push(Place::Path(path.to_string()), cells)
    }

    fn organization(&mut self, obj: &Object, path: &str) {
        if !self.emit("organizations.csv", obj, path, &[]) {
            return;
        }
        let id = id_of(obj);
        let link = [("organization_id", id.as_str())];
        self.phones_and_contacts(obj, path, link[0]);
        for (location, p) in objects(obj, "locations", path) {
            self.location(location, &p, Some(&id));
        }
        for (service, p) in objects(obj, "services", path) {
            self.service(service, &p, Some(&id));
        }
    }

    fn service(&mut self, obj: &Object, path: &str, organization_id: Option<&str>) {
        let nested_org = obj.get("organization").and_then(Value::as_object);
        if let Some(org) = nested_org {
            self.organization(org, &format!("{path}.organization"));
        }
        let org_id = organization_id
            .map(str::to_string)
            .or_else(|| nested_org.map(id_of));
        let links: Vec<Link> = org_id
            .iter()
            .map(|o| ("organization_id", o.as_str()))
            .collect();
        if !self.emit("services.csv", obj, path, &links) {
            return;
        }
        let id = id_of(obj);
        self.phones_and_contacts(obj, path, ("service_id", &id));
        self.schedules(obj, path, ("service_id", &id));
        for (sal, p) in objects(obj, "service_at_locations", path) {
            self.service_at_location(sal, &p, Some(&id));
        }
        for (attribute, p) in objects(obj, "attributes", path) {
            self.attribute(attribute, &p, &id);
        }
    }

    fn location(&mut self, obj: &Object, path: &str, organization_id: Option<&str>) {
        let links: Vec<Link> = organization_id
            .iter()
            .map(|o| ("organization_id", *o))
            .collect();
        if !self.emit("locations.csv", obj, path, &links) {
            return;
        }
        let id = id_of(obj);
        for (address, p) in objects(obj, "addresses", path) {
            self.emit("addresses.csv", address, &p, &[("location_id", &id)]);
        }
        self.phones_and_contacts(obj, path, ("location_id", &id));
        self.schedules(obj, path, ("location_id", &id));
    }

    fn service_at_location(&mut self, obj: &Object, path: &str, service_id: Option<&str>) {
        let nested_service = obj.get("service").and_then(Value::as_object);
        if let Some(service) = nested_service {
            self.service(service, &format!("{path}.service"), None);
        }
        let location = obj.get("location").and_then(Value::as_object);
        if let Some(location) = location {
            self.location(location, &format!("{path}.location"), None);
        }
        let service_id = service_id
            .map(str::to_string)
            .or_else(|| nested_service.map(id_of))
            .unwrap_or_default();
        let location_id = location.map(id_of).unwrap_or_default();
        let links = [
            ("service_id", service_id.as_str()),
            ("location_id", location_id.as_str()),
        ];
        if !self.emit("service_at_location.csv", obj, path, &links) {
            return;
        }
        let id = id_of(obj);
        self.phones_and_contacts(obj, path, ("service_at_location_id", &id));
        self.schedules(obj, path, ("service_at_location_id", &id));
    }

    /// Phones of the record, and phones of its contacts, which belong to the same record.
    fn phones_and_contacts(&mut self, obj: &Object, path: &str, owner: Link) {
        for (phone, p) in objects(obj, "phones", path) {
            self.emit("phones.csv", phone, &p, &[owner]);
        }
        for (contact, p) in objects(obj, "contacts", path) {
            for (phone, pp) in objects(contact, "phones", &p) {
                self.emit("phones.csv", phone, &pp, &[owner]);
            }
        }
    }

    fn schedules(&mut self, obj: &Object, path: &str, owner: Link) {
        for (schedule, p) in objects(obj, "schedules", path) {
            self.emit("schedules.csv", schedule, &p, &[owner]);
        }
    }

    fn attribute(&mut self, obj: &Object, path: &str, service_id: &str) {
        let term = obj.get("taxonomy_term").and_then(Value::as_object);
        let mut term_id = text(obj, "taxonomy_term_id").to_string();
        if let Some(term) = term {
            let term_path = format!("{path}.taxonomy_term");
            let detail = term.get("taxonomy_detail").and_then(Value::as_object);
            if let Some(detail) = detail {
                self.emit(
                    "taxonomies.csv",
                    detail,
                    &format!("{term_path}.taxonomy_detail"),
                    &[],
                );
            }
            let taxonomy_id = detail.map(id_of).unwrap_or_default();
            self.emit(
                "taxonomy_terms.csv",
                term,
                &term_path,
                &[("taxonomy_id", &taxonomy_id)],
            );
            term_id = id_of(term);
        }
        let links = [
            ("link_id", service_id),
            ("link_entity", "service"),
            ("taxonomy_term_id", term_id.as_str()),
        ];
        self.emit("attributes.csv", obj, path, &links);
    }
}
