//! Export as an HSDS 3.0 tabular data package: the CSV files with their full 3.0 columns (fields
//! Loket does not keep stay empty) and a `datapackage.json` describing them.
//!
//! Values are written exactly as stored, without the `'` that spreadsheet-facing CSV (the
//! rapportage, `report::output`) puts before a leading `=`, `+`, `-`, `@`, tab or CR: this
//! package is read by other HSDS systems, for which `+31 20 …` is a phone number and `- …` a
//! list in a description, and an added `'` would corrupt them (and could not be told apart from
//! a real one on import). Whoever opens it in a spreadsheet should import it as text.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use super::ExportTarget;
use super::error::ExportError;
use super::kept::{self, Kept};
use super::vocab::{self, TermCatalogue, hhmm, schedules_of};
use crate::domain::{Kaart, Leefgebieden, Phone};
use crate::store::safe_file::{self, NewFile, PUBLIC};

pub const ORGANIZATIONS: &[&str] = &[
    "id",
    "name",
    "alternate_name",
    "description",
    "email",
    "website",
    "tax_status",
    "tax_id",
    "year_incorporated",
    "legal_status",
    "logo",
    "uri",
    "parent_organization_id",
];
pub const SERVICES: &[&str] = &[
    "id",
    "organization_id",
    "program_id",
    "name",
    "alternate_name",
    "description",
    "url",
    "email",
    "status",
    "interpretation_services",
    "application_process",
    "fees_description",
    "wait_time",
    "fees",
    "accreditations",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "assured_date",
    "assurer_email",
    "licenses",
    "alert",
    "last_modified",
];
pub const LOCATIONS: &[&str] = &[
    "id",
    "location_type",
    "url",
    "organization_id",
    "name",
    "alternate_name",
    "description",
    "transportation",
    "latitude",
    "longitude",
    "external_identifier",
    "external_identifier_type",
];
pub const ADDRESSES: &[&str] = &[
    "id",
    "location_id",
    "attention",
    "address_1",
    "address_2",
    "city",
    "region",
    "state_province",
    "postal_code",
    "country",
    "address_type",
];
const SERVICE_AT_LOCATION: &[&str] = &["id", "service_id", "location_id", "description"];
const PHONES: &[&str] = &[
    "id",
    "location_id",
    "service_id",
    "organization_id",
    "contact_id",
    "service_at_location_id",
    "number",
    "extension",
    "type",
    "description",
];
const SCHEDULES: &[&str] = &[
    "id",
    "service_id",
    "location_id",
    "service_at_location_id",
    "valid_from",
    "valid_to",
    "dtstart",
    "timezone",
    "until",
    "count",
    "wkst",
    "freq",
    "interval",
    "byday",
    "byweekno",
    "bymonthday",
    "byyearday",
    "description",
    "opens_at",
    "closes_at",
    "schedule_link",
    "attending_type",
    "notes",
];
const TAXONOMIES: &[&str] = &["id", "name", "description", "uri", "version"];
const TAXONOMY_TERMS: &[&str] = &[
    "id",
    "code",
    "name",
    "description",
    "parent_id",
    "taxonomy",
    "language",
    "taxonomy_id",
    "term_uri",
];
const ATTRIBUTES: &[&str] = &[
    "id",
    "link_id",
    "taxonomy_term_id",
    "link_type",
    "link_entity",
    "value",
];

/// Every resource: (HSDS resource name, file, columns), in datapackage order.
const RESOURCES: [(&str, &str, &[&str]); 10] = [
    ("organization", "organizations.csv", ORGANIZATIONS),
    ("service", "services.csv", SERVICES),
    ("location", "locations.csv", LOCATIONS),
    ("address", "addresses.csv", ADDRESSES),
    (
        "service_at_location",
        "service_at_location.csv",
        SERVICE_AT_LOCATION,
    ),
    ("phone", "phones.csv", PHONES),
    ("schedule", "schedules.csv", SCHEDULES),
    ("taxonomy", "taxonomies.csv", TAXONOMIES),
    ("taxonomy_term", "taxonomy_terms.csv", TAXONOMY_TERMS),
    ("attribute", "attributes.csv", ATTRIBUTES),
];

pub(super) fn write_error(path: &Path, source: impl Into<std::io::Error>) -> ExportError {
    ExportError::Write {
        path: path.to_path_buf(),
        cause: source.into(),
    }
}

/// `value` as pretty JSON ending in a newline, in a new public file at `path`.
pub(super) fn write_json(
    path: &Path,
    value: &Value,
    target: &ExportTarget,
) -> Result<(), ExportError> {
    let text = serde_json::to_string_pretty(value).map_err(|e| write_error(path, e))? + "\n";
    safe_file::write_new(
        path,
        text.as_bytes(),
        target.replace,
        PUBLIC,
        target.database,
    )?;
    Ok(())
}

/// One CSV file being written; values are given by column name, the rest stays empty.
struct Sheet {
    path: PathBuf,
    columns: &'static [&'static str],
    writer: csv::Writer<NewFile>,
}

impl Sheet {
    fn create(dir: &Path, index: usize, target: &ExportTarget) -> Result<Sheet, ExportError> {
        let (_, file, columns) = RESOURCES[index];
        let path = dir.join(file);
        let file = NewFile::create(&path, target.replace, PUBLIC, target.database)?;
        let mut writer = csv::Writer::from_writer(file);
        writer
            .write_record(columns)
            .map_err(|e| write_error(&path, e))?;
        Ok(Sheet {
            path,
            columns,
            writer,
        })
    }

    fn row(&mut self, values: &[(&str, &str)]) -> Result<(), ExportError> {
        self.row_with(values, &Map::new())
    }

    /// A row of `values`, with the `kept` source fields in their columns (they win: a kept
    /// location_type replaces Loket's default).
    fn row_with(
        &mut self,
        values: &[(&str, &str)],
        kept: &Map<String, Value>,
    ) -> Result<(), ExportError> {
        debug_assert!(
            values.iter().all(|(c, _)| self.columns.contains(c)),
            "{values:?}"
        );
        let kept: Vec<(&str, String)> = kept
            .iter()
            .filter_map(|(k, v)| match v {
                Value::String(s) => Some((k.as_str(), s.clone())),
                Value::Number(n) => Some((k.as_str(), n.to_string())),
                _ => None,
            })
            .collect();
        let record = self.columns.iter().map(|c| {
            kept.iter()
                .find(|(k, _)| k == c)
                .map(|(_, v)| v.as_str())
                .or_else(|| values.iter().find(|(k, _)| k == c).map(|(_, v)| *v))
                .unwrap_or("")
        });
        self.writer
            .write_record(record)
            .map_err(|e| write_error(&self.path, e))
    }

    fn finish(self) -> Result<(), ExportError> {
        let file = self
            .writer
            .into_inner()
            .map_err(|e| write_error(&self.path, e.into_error()))?;
        file.commit()?;
        Ok(())
    }
}

fn phones(
    sheet: &mut Sheet,
    owner_column: &str,
    owner: &str,
    list: &[Phone],
) -> Result<(), ExportError> {
    for p in list {
        sheet.row(&[
            ("id", &p.id),
            (owner_column, owner),
            ("number", &p.number),
            ("type", &p.kind),
            ("description", &p.description),
        ])?;
    }
    Ok(())
}

/// Writes the package into the folder `dir`, created if needed. Every file is checked before
/// any is written (see [`safe_file::check_target`]), so a refused name leaves the folder as it
/// was; the folder itself may not be a symbolic link.
pub fn write(
    kaart: &Kaart,
    kept: &Kept,
    leefgebieden: &Leefgebieden,
    dir: &Path,
    target: &ExportTarget,
) -> Result<(), ExportError> {
    if std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(safe_file::OutputError::Symlink {
            path: dir.to_path_buf(),
        }
        .into());
    }
    std::fs::create_dir_all(dir).map_err(|e| write_error(dir, e))?;
    for name in RESOURCES
        .iter()
        .map(|(_, file, _)| *file)
        .chain(["datapackage.json"])
    {
        safe_file::check_target(&dir.join(name), target.replace, target.database)?;
    }
    let mut organizations = Sheet::create(dir, 0, target)?;
    let mut services = Sheet::create(dir, 1, target)?;
    let mut locations = Sheet::create(dir, 2, target)?;
    let mut addresses = Sheet::create(dir, 3, target)?;
    let mut sal = Sheet::create(dir, 4, target)?;
    let mut phone_sheet = Sheet::create(dir, 5, target)?;
    let mut schedules = Sheet::create(dir, 6, target)?;
    let mut taxonomies = Sheet::create(dir, 7, target)?;
    let mut terms = Sheet::create(dir, 8, target)?;
    let mut attributes = Sheet::create(dir, 9, target)?;
    for o in &kaart.organizations {
        organizations.row_with(
            &[
                ("id", &o.id),
                ("name", &o.name),
                ("description", &o.description),
                ("email", o.email.as_deref().unwrap_or("")),
                ("website", o.website.as_deref().unwrap_or("")),
            ],
            &kept.of(kept::ORGANIZATION, &o.id),
        )?;
        phones(&mut phone_sheet, "organization_id", &o.id, &o.phones)?;
    }
    for l in &kaart.locations {
        locations.row_with(
            &[
                ("id", &l.id),
                ("location_type", "physical"),
                (
                    "organization_id",
                    l.organization_id.as_deref().unwrap_or(""),
                ),
                ("name", &l.name),
                ("description", &l.description),
            ],
            &kept.of(kept::LOCATION, &l.id),
        )?;
        if let Some(a) = &l.address {
            let extra = kept.address_fields(&l.id, a);
            addresses.row(&[
                ("id", &extra.id),
                ("location_id", &l.id),
                ("attention", extra.attention.as_deref().unwrap_or("")),
                ("address_1", &a.street),
                ("city", &a.city),
                ("region", a.wijk.as_deref().unwrap_or("")),
                ("state_province", &extra.state_province),
                ("postal_code", &a.postcode),
                ("country", &extra.country),
                ("address_type", &extra.address_type),
            ])?;
        }
        phones(&mut phone_sheet, "location_id", &l.id, &l.phones)?;
    }
    let catalogue = TermCatalogue::new(kaart, leefgebieden);
    for s in &kaart.services {
        let min_age = s.min_age.map(|a| a.to_string()).unwrap_or_default();
        let max_age = s.max_age.map(|a| a.to_string()).unwrap_or_default();
        let assured = s.last_verified.map(|d| d.to_string()).unwrap_or_default();
        let service_row: &[(&str, &str)] = &[
            ("id", &s.id),
            (
                "organization_id",
                s.organization_id.as_deref().unwrap_or(""),
            ),
            ("name", &s.name),
            ("alternate_name", s.alternate_name.as_deref().unwrap_or("")),
            ("description", &s.description),
            ("url", s.url.as_deref().unwrap_or("")),
            ("email", s.email.as_deref().unwrap_or("")),
            ("status", s.status.code()),
            (
                "application_process",
                s.application_process.as_deref().unwrap_or(""),
            ),
            (
                "fees_description",
                s.fees_description.as_deref().unwrap_or(""),
            ),
            (
                "eligibility_description",
                s.eligibility.as_deref().unwrap_or(""),
            ),
            ("minimum_age", &min_age),
            ("maximum_age", &max_age),
            ("assured_date", &assured),
        ];
        services.row_with(service_row, &kept.of(kept::SERVICE, &s.id))?;
        for location_id in &s.location_ids {
            let id = format!("{}-op-{location_id}", s.id);
            sal.row(&[
                ("id", &id),
                ("service_id", &s.id),
                ("location_id", location_id),
            ])?;
        }
        phones(&mut phone_sheet, "service_id", &s.id, &s.phones)?;
        for row in schedules_of(s) {
            let valid_from = row.valid_from.map(|d| d.to_string()).unwrap_or_default();
            let valid_to = row.valid_to.map(|d| d.to_string()).unwrap_or_default();
            schedules.row(&[
                ("id", &row.id),
                ("service_id", &s.id),
                ("valid_from", &valid_from),
                ("valid_to", &valid_to),
                ("freq", row.freq),
                ("byday", &row.byday),
                ("description", &row.description),
                ("opens_at", &hhmm(row.opens)),
                ("closes_at", &hhmm(row.closes)),
            ])?;
        }
        for (n, (term, value)) in catalogue.of_service(s).into_iter().enumerate() {
            attributes.row(&[
                ("id", &format!("{}-kenmerk-{}", s.id, n + 1)),
                ("link_id", &s.id),
                ("taxonomy_term_id", &term.id),
                ("link_entity", "service"),
                ("value", &value),
            ])?;
        }
    }
    for (name, description) in vocab::TAXONOMIES {
        taxonomies.row(&[("id", name), ("name", name), ("description", description)])?;
    }
    for t in catalogue.all() {
        let description = vocab::term_description(vocab::taxonomy_description(t.taxonomy), &t.name);
        terms.row(&[
            ("id", &t.id),
            ("code", &t.code),
            ("name", &t.name),
            ("description", &description),
            ("taxonomy", t.taxonomy),
            ("taxonomy_id", t.taxonomy),
            ("language", "nl"),
        ])?;
    }
    for sheet in [
        organizations,
        services,
        locations,
        addresses,
        sal,
        phone_sheet,
        schedules,
        taxonomies,
        terms,
        attributes,
    ] {
        sheet.finish()?;
    }
    write_datapackage(dir, target)
}

fn write_datapackage(dir: &Path, target: &ExportTarget) -> Result<(), ExportError> {
    let resources: Vec<_> = RESOURCES
        .iter()
        .map(|(name, file, columns)| {
            let fields: Vec<_> = columns
                .iter()
                .map(|c| json!({"name": c, "type": "string"}))
                .collect();
            json!({
                "name": name,
                "path": file,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "primaryKey": "id"},
            })
        })
        .collect();
    let package = json!({
        "name": "loket-sociale-kaart",
        "title": "Sociale kaart, geëxporteerd door Loket",
        "profile": "tabular-data-package",
        "version": "3.0",
        "resources": resources,
    });
    let path = dir.join("datapackage.json");
    write_json(&path, &package, target)
}
