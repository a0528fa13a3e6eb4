//! Export then import into an empty database gives the same kaart, field by field, for both the
//! CSV package and the JSON form.

use std::path::Path;

use chrono::{NaiveDate, NaiveTime, Weekday};
use loket::domain::{
    Address, HoursException, Kaart, Laag, Leefgebieden, Location, Organization, Phone, Service,
    ServiceStatus, WeeklyHours,
};
use loket::interop::{ExportFormat, ExportTarget, export, import_path};
use loket::store::Store;

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn phone(id: &str, number: &str, kind: &str, description: &str) -> Phone {
    Phone {
        id: id.into(),
        number: number.into(),
        kind: kind.into(),
        description: description.into(),
    }
}

/// A kaart with every field used and the awkward cases an exchange format tends to lose.
fn awkward_kaart() -> Kaart {
    let organizations = vec![
        Organization {
            id: "org-a".into(),
            name: "Stichting \"Samen\", Lindendaal".into(),
            description: "Regel één\nRegel twee; met puntkomma".into(),
            email: Some("info@samen.example".into()),
            website: None,
            phones: vec![
                phone("tel-org-1", "0123 00 00 01", "voice", ""),
                phone("tel-org-2", "0123 00 00 02", "fax", "Fax"),
            ],
        },
        Organization {
            id: "org-zonder-diensten".into(),
            name: "Wijkvereniging Oost".into(),
            description: String::new(),
            email: None,
            website: Some("https://oost.example".into()),
            phones: vec![],
        },
    ];
    let locations = vec![
        Location {
            id: "loc-1".into(),
            organization_id: Some("org-a".into()),
            name: "Hoofdkantoor".into(),
            description: "Tweede verdieping".into(),
            address: Some(Address {
                street: "Markt 1".into(),
                postcode: "7301 AA".into(),
                city: "Lindendaal".into(),
                wijk: Some("Centrum".into()),
            }),
            phones: vec![phone("tel-loc-1", "0123 11 11 11", "voice", "Balie")],
        },
        Location {
            id: "loc-2".into(),
            organization_id: None,
            name: "Bibliotheek".into(),
            description: String::new(),
            address: Some(Address {
                street: "Kerkplein 3".into(),
                postcode: "7301 BB".into(),
                city: "Lindendaal".into(),
                wijk: None,
            }),
            phones: vec![],
        },
        Location {
            id: "loc-oost".into(),
            organization_id: Some("org-zonder-diensten".into()),
            name: "Wijkgebouw Oost".into(),
            description: String::new(),
            address: None,
            phones: vec![phone("tel-oost", "0123 22 22 22", "voice", "")],
        },
        Location {
            id: "loc-los".into(),
            organization_id: None,
            name: "Losse locatie".into(),
            description: String::new(),
            address: None,
            phones: vec![],
        },
    ];
    let services = vec![
        Service {
            id: "svc-1".into(),
            organization_id: Some("org-a".into()),
            name: "Schuldhulp, budgetcoach & meer".into(),
            alternate_name: Some("Budgetcoach".into()),
            description: "Hulp bij \"schulden\".\nOok thuis.".into(),
            status: ServiceStatus::Active,
            leefgebieden: vec![
                "wonen".into(),
                "geldzaken-schulden".into(),
                "werk-inkomen".into(),
            ],
            laag: Some(Laag::Maatwerk),
            referral_required: true,
            free: true,
            fees_description: Some("Geen kosten".into()),
            min_age: Some(0),
            max_age: Some(150),
            eligibility: Some("Inwoners met schulden".into()),
            application_process: Some("Bel of mail".into()),
            url: Some("https://samen.example/schuldhulp".into()),
            email: Some("schuldhulp@samen.example".into()),
            last_verified: NaiveDate::from_ymd_opt(2025, 10, 1),
            keywords: vec!["budget, coach".into(), "\"aanmaning\"".into(), "één".into()],
            location_ids: vec!["loc-2".into(), "loc-1".into()],
            phones: vec![
                phone("tel-s1-b", "06 11 22 33 44", "text", "sms"),
                phone("tel-s1-a", "0123 33 33 33", "voice", ""),
            ],
            hours: vec![
                WeeklyHours {
                    weekday: Weekday::Mon,
                    opens: t(9, 0),
                    closes: t(12, 0),
                    valid_from: None,
                    valid_to: None,
                },
                WeeklyHours {
                    weekday: Weekday::Mon,
                    opens: t(13, 0),
                    closes: t(17, 0),
                    valid_from: None,
                    valid_to: None,
                },
                WeeklyHours {
                    weekday: Weekday::Tue,
                    opens: t(9, 0),
                    closes: t(12, 0),
                    valid_from: None,
                    valid_to: None,
                },
                WeeklyHours {
                    weekday: Weekday::Sun,
                    opens: t(20, 0),
                    closes: t(23, 59),
                    valid_from: None,
                    valid_to: None,
                },
                // Seasonal: the same times as Monday and Tuesday, so it must not join their row.
                WeeklyHours {
                    weekday: Weekday::Wed,
                    opens: t(9, 0),
                    closes: t(12, 0),
                    valid_from: NaiveDate::from_ymd_opt(2026, 3, 1),
                    valid_to: NaiveDate::from_ymd_opt(2026, 4, 30),
                },
            ],
            exceptions: vec![
                HoursException {
                    date: NaiveDate::from_ymd_opt(2025, 12, 25).unwrap(),
                    hours: None,
                    description: "Kerst".into(),
                },
                HoursException {
                    date: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
                    hours: Some((t(9, 0), t(11, 0))),
                    description: String::new(),
                },
                HoursException {
                    date: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
                    hours: Some((t(13, 0), t(14, 0))),
                    description: "middag".into(),
                },
            ],
        },
        Service {
            id: "svc-2".into(),
            organization_id: None,
            name: "Oud inloopspreekuur".into(),
            status: ServiceStatus::Inactive,
            leefgebieden: vec!["meedoen-ontmoeten".into()],
            ..Service::default()
        },
    ];
    Kaart {
        organizations,
        locations,
        services,
    }
}

fn store_with(kaart: &Kaart, dir: &Path, name: &str) -> Store {
    let mut store = Store::open(&dir.join(name)).unwrap().store;
    store.save_kaart(kaart, None).unwrap();
    store
}

/// Exports `original` from database A in `format` and imports it into an empty database B.
fn round_trip(original: &Kaart, format: ExportFormat) -> (Kaart, Kaart) {
    let dir = tempfile::tempdir().unwrap();
    let leefgebieden = Leefgebieden::builtin();
    let a = store_with(original, dir.path(), "a.db")
        .load_kaart()
        .unwrap();
    let target = match format {
        ExportFormat::HsdsCsv => dir.path().join("export"),
        ExportFormat::HsdsJson => dir.path().join("export.json"),
    };
    export(&a, &leefgebieden, &target, format, &ExportTarget::default()).unwrap();
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
