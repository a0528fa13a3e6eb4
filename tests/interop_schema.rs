//! Loket's HSDS exports validate against the official HSDS 3.0 schema (`../shared/hsds/schema`,
//! or the verbatim copy in `tests/fixtures/hsds`): every record of the JSON export, and every
//! row of the tabular export read as an object, with each CSV file's columns equal to the
//! schema's fields. Also the foreign round trip: a US-style
//! package keeps its country, state and the fields Loket does not use through import and export.

use std::path::{Path, PathBuf};

use loket::domain::{Kaart, Leefgebieden};
use loket::interop::{ExportFormat, ExportTarget, export, import_path, load_sample};
use loket::store::Store;
use serde_json::Value;

#[path = "common/awkward.rs"]
mod awkward;
#[path = "common/hsds_schema.rs"]
mod hsds_schema;

use hsds_schema::Hsds;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hsds")
        .join(name)
}

/// Exports the kaart of `store` in both forms into `dir`; returns (JSON file, CSV folder).
fn export_both(store: &Store, dir: &Path) -> (PathBuf, PathBuf) {
    let kaart = store.load_kaart().unwrap();
    let fields = store.source_fields().unwrap();
    let json = dir.join("export.json");
    let csv = dir.join("export");
    for (path, format) in [
        (&json, ExportFormat::HsdsJson),
        (&csv, ExportFormat::HsdsCsv),
    ] {
        let target = ExportTarget::default();
        export(
            &kaart,
            &fields,
            &Leefgebieden::builtin(),
            path,
            format,
            &target,
        )
        .unwrap();
    }
    (json, csv)
}

fn items(json: &Path) -> Vec<Value> {
    let value: Value = serde_json::from_slice(&std::fs::read(json).unwrap()).unwrap();
    value.as_array().unwrap().clone()
}

fn assert_valid(store: &Store, what: &str) {
    let dir = tempfile::tempdir().unwrap();
    let (json, csv) = export_both(store, dir.path());
    let hsds = Hsds::load();
    let items = items(&json);
    assert!(!items.is_empty());
    let errors = hsds.json_export_errors(&items);
    assert!(
        errors.is_empty(),
        "{what}: {} schema errors in the JSON export, first: {:#?}",
        errors.len(),
        &errors[..errors.len().min(20)]
    );
    let problems = hsds.csv_export_errors(&csv);
    assert!(
        problems.is_empty(),
        "{what}: {} problems in the tabular export, first: {:#?}",
        problems.len(),
        &problems[..problems.len().min(20)]
    );
}

fn store_in(dir: &Path) -> Store {
    Store::open(&dir.join("loket.db")).unwrap().store
}

#[test]
fn the_sample_kaart_exports_valid_hsds_3() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_in(dir.path());
    load_sample(&mut store).unwrap();
    assert_valid(&store, "sample kaart");
}

#[test]
fn the_awkward_kaart_exports_valid_hsds_3() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_in(dir.path());
    store.save_kaart(&awkward::awkward_kaart(), None).unwrap();
    assert_valid(&store, "awkward kaart");
}

#[test]
fn dutch_addresses_get_country_nl_and_the_provincie_of_their_postcode() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_in(dir.path());
    store.save_kaart(&awkward::awkward_kaart(), None).unwrap();
    let (json, _) = export_both(&store, dir.path());
    let text = std::fs::read_to_string(json).unwrap();
    assert!(
        text.contains("\"state_province\": \"Gelderland\""),
        "{text}"
    );
    assert!(text.contains("\"country\": \"NL\""));
    assert!(!text.contains("null"), "no null anywhere");
    assert!(!text.contains("\"freq\": \"\""));
}

/// The address of the first location of the first service in a JSON export.
fn first_address(json: &Path) -> Value {
    items(json)[0]["service_at_locations"][0]["location"]["addresses"][0].clone()
}

fn import(store: &mut Store, path: &Path) {
    let report = import_path(store, path, &Leefgebieden::builtin(), false).unwrap();
    assert!(report.warnings.is_empty(), "{report}");
}

#[test]
fn a_foreign_package_keeps_what_its_source_said_through_a_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open(&dir.path().join("a.db")).unwrap().store;
    import(&mut a, &fixture("foreign/services.json"));
    let (json, csv) = export_both(&a, &dir.path().join("a"));
    assert_valid(&a, "foreign package");
    let address = first_address(&json);
    for (field, value) in [
        ("id", "us-adr-1"),
        ("attention", "Front desk"),
        ("region", "Alameda County"),
        ("state_province", "CA"),
        ("country", "US"),
        ("postal_code", "94601"),
    ] {
        assert_eq!(address[field], value, "{field}: {address}");
    }
    let service = &items(&json)[0];
    assert_eq!(service["wait_time"], "About 20 minutes");
    assert_eq!(service["last_modified"], "2025-10-01T09:30:00Z");
    assert_eq!(service["organization"]["tax_id"], "94-1234567");
    assert_eq!(service["organization"]["year_incorporated"], 1987);
    let location = &service["service_at_locations"][0]["location"];
    assert_eq!(location["latitude"], 37.7749);
    assert_eq!(location["transportation"], "Bus 51A to Fruitvale Ave");
    // Both exports import back to the same kaart with the same kept fields.
    for export in [json, csv] {
        let mut b = Store::open(
            &dir.path()
                .join(format!("b-{}.db", export.display().to_string().len())),
        )
        .unwrap()
        .store;
        import(&mut b, &export);
        let same =
            |s: &Store| -> (Kaart, _) { (s.load_kaart().unwrap(), s.source_fields().unwrap()) };
        assert_eq!(same(&b), same(&a), "{}", export.display());
    }
}

#[test]
fn the_validator_catches_what_earlier_exports_got_wrong() {
    let hsds = Hsds::load();
    let service = serde_json::json!({
        "id": "s1",
        "name": "Dienst",
        "status": "active",
        "alternate_name": null,
        "minimum_age": null,
        "schedules": [{"id": "r1", "freq": ""}],
        "attributes": [{"id": "a1", "taxonomy_term": {"id": "t1", "name": "Wonen"}}],
        "service_at_locations": [{"id": "sal", "location": {"id": "l1", "location_type": "physical",
            "addresses": [{"id": "ad", "address_1": "Markt 1", "city": "X", "postal_code": "7301 AA",
                "country": "NL", "address_type": "physical"}]}}],
    });
    let errors = hsds.errors("service", &service);
    assert_eq!(errors.len(), 5, "{errors:#?}");
}
