//! Export then import into an empty database gives the same kaart, field by field, for both the
//! CSV package and the JSON form.

use std::path::Path;

use loket::domain::{Kaart, Leefgebieden};
use loket::interop::{ExportFormat, ExportTarget, export, import_path};
use loket::store::Store;

#[path = "common/awkward.rs"]
mod awkward;

use awkward::awkward_kaart;

fn store_with(kaart: &Kaart, dir: &Path, name: &str) -> Store {
    let mut store = Store::open(&dir.join(name)).unwrap().store;
    store.save_kaart(kaart, None).unwrap();
    store
}

/// Exports `original` from database A in `format` and imports it into an empty database B.
fn round_trip(original: &Kaart, format: ExportFormat) -> (Kaart, Kaart) {
    let dir = tempfile::tempdir().unwrap();
    let leefgebieden = Leefgebieden::builtin();
    let store_a = store_with(original, dir.path(), "a.db");
    let a = store_a.load_kaart().unwrap();
    let target = match format {
        ExportFormat::HsdsCsv => dir.path().join("export"),
        ExportFormat::HsdsJson => dir.path().join("export.json"),
    };
    let fields = store_a.source_fields().unwrap();
    export(
        &a,
        &fields,
        &leefgebieden,
        &target,
        format,
        &ExportTarget::default(),
    )
    .unwrap();
    let mut b = Store::open(&dir.path().join("b.db")).unwrap().store;
    let report = import_path(&mut b, &target, &leefgebieden, false).unwrap();
    assert!(report.warnings.is_empty(), "{report}");
    (a, b.load_kaart().unwrap())
}

/// Field checks first, so a failure points at the field, then the whole kaart.
fn assert_same(a: &Kaart, b: &Kaart) {
    let (sa, sb) = (a.service("svc-1").unwrap(), b.service("svc-1").unwrap());
    assert_eq!(
        sb.leefgebieden, sa.leefgebieden,
        "leefgebieden keep their priority order"
    );
    assert_eq!(sb.keywords, sa.keywords);
    assert_eq!(
        (sb.free, sb.referral_required, sb.laag),
        (sa.free, sa.referral_required, sa.laag)
    );
    assert_eq!((sb.min_age, sb.max_age), (sa.min_age, sa.max_age));
    assert_eq!(sb.phones, sa.phones);
    assert_eq!(sb.hours, sa.hours);
    assert_eq!(sb.exceptions, sa.exceptions);
    assert_eq!(sb.location_ids, sa.location_ids);
    assert_eq!(sb.description, sa.description);
    let (ia, ib) = (a.service("svc-2").unwrap(), b.service("svc-2").unwrap());
    assert_eq!(
        (ib.status, ib.last_verified, ib.laag, &ib.organization_id),
        (ia.status, None, None, &None)
    );
    assert_eq!(
        b.organizations, a.organizations,
        "organisations with their phones"
    );
    assert_eq!(
        b.locations, a.locations,
        "locations with address, wijk and phones"
    );
    for (sa, sb) in a.services.iter().zip(&b.services) {
        assert_eq!(sb, sa);
    }
    assert_eq!(b, a);
}

#[test]
fn csv_package_round_trip_keeps_every_field() {
    let (a, b) = round_trip(&awkward_kaart(), ExportFormat::HsdsCsv);
    assert_same(&a, &b);
}

#[test]
fn json_round_trip_keeps_every_field() {
    let (a, b) = round_trip(&awkward_kaart(), ExportFormat::HsdsJson);
    assert_same(&a, &b);
}

#[test]
fn csv_export_is_a_complete_hsds_3_package() {
    let dir = tempfile::tempdir().unwrap();
    export(
        &awkward_kaart(),
        &Default::default(),
        &Leefgebieden::builtin(),
        dir.path(),
        ExportFormat::HsdsCsv,
        &ExportTarget::default(),
    )
    .unwrap();
    for file in [
        "organizations.csv",
        "services.csv",
        "locations.csv",
        "addresses.csv",
        "service_at_location.csv",
        "phones.csv",
        "schedules.csv",
        "taxonomies.csv",
        "taxonomy_terms.csv",
        "attributes.csv",
    ] {
        assert!(dir.path().join(file).is_file(), "{file}");
    }
    let package: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("datapackage.json")).unwrap())
            .unwrap();
    assert_eq!(package["resources"].as_array().unwrap().len(), 10);
    let schedules = std::fs::read_to_string(dir.path().join("schedules.csv")).unwrap();
    assert!(
        schedules.contains("svc-1-week-1,svc-1,,,,,,,,,,WEEKLY,,\"MO,TU\",,,,,09:00,12:00"),
        "{schedules}"
    );
    assert!(
        schedules
            .contains("svc-1-week-4,svc-1,,,2026-03-01,2026-04-30,,,,,,WEEKLY,,WE,,,,,09:00,12:00"),
        "{schedules}"
    );
    let services = std::fs::read_to_string(dir.path().join("services.csv")).unwrap();
    assert!(services.starts_with(
        "id,organization_id,program_id,name,alternate_name,description,url,email,status"
    ));
}

#[test]
fn the_sample_kaart_round_trips_in_both_formats() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("sample.db")).unwrap().store;
    loket::interop::load_sample(&mut store).unwrap();
    let sample = store.load_kaart().unwrap();
    for format in [ExportFormat::HsdsCsv, ExportFormat::HsdsJson] {
        let (a, b) = round_trip(&sample, format);
        assert_eq!(a.services.len(), sample.services.len());
        for (sa, sb) in a.services.iter().zip(&b.services) {
            assert_eq!(sb, sa, "{format:?}");
        }
        assert_eq!(b, a, "{format:?}");
    }
}
