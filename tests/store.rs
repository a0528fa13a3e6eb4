//! Store tests on a real temporary SQLite file.

use chrono::{NaiveDate, NaiveTime, Weekday};
use loket::domain::{
    Address, HoursException, Kaart, Laag, Location, Organization, Phone, Service, ServiceStatus,
    WeeklyHours,
};
use loket::store::{
    ImportRun, LOKET_APPLICATION_ID, Store, StoreError, latest_schema_version, migrations,
};
use rusqlite::Connection;

fn phone(id: &str, number: &str) -> Phone {
    Phone {
        id: id.into(),
        number: number.into(),
        kind: "voice".into(),
        description: String::new(),
    }
}

fn sample() -> Kaart {
    let time = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    Kaart {
        organizations: vec![Organization {
            id: "org-voedselbank".into(),
            name: "Voedselbank Lindendaal".into(),
            description: "Stichting".into(),
            email: Some("info@voedselbank.example".into()),
            website: None,
            phones: vec![phone("tel-org", "0123 11 22 33")],
        }],
        locations: vec![Location {
            id: "loc-kerk".into(),
            organization_id: Some("org-voedselbank".into()),
            name: "Uitgiftepunt De Weide".into(),
            description: String::new(),
            address: Some(Address {
                street: "Kerkstraat 4".into(),
                postcode: "7302 AB".into(),
                city: "Lindendaal".into(),
                wijk: Some("De Weide".into()),
            }),
            phones: vec![phone("tel-loc", "0123 44 55 66")],
        }],
        services: vec![Service {
            id: "svc-voedselpakket".into(),
            organization_id: Some("org-voedselbank".into()),
            name: "Voedselpakket".into(),
            alternate_name: Some("Voedselbank".into()),
            description: "Wekelijks een pakket.".into(),
            status: ServiceStatus::Active,
            leefgebieden: vec!["geldzaken-schulden".into(), "werk-inkomen".into()],
            laag: Some(Laag::Algemeen),
            referral_required: true,
            free: true,
            fees_description: Some("Gratis".into()),
            min_age: Some(18),
            max_age: None,
            eligibility: Some("Inkomen onder de norm".into()),
            application_process: Some("Via de schuldhulp".into()),
            url: Some("https://voedselbank.example".into()),
            email: None,
            last_verified: NaiveDate::from_ymd_opt(2026, 10, 1),
            keywords: vec!["voedselpakket".into(), "eten".into()],
            location_ids: vec!["loc-kerk".into()],
            phones: vec![phone("tel-svc", "0123 77 88 99")],
            hours: vec![WeeklyHours {
                weekday: Weekday::Fri,
                opens: time(13, 0),
                closes: time(15, 30),
                valid_from: None,
                valid_to: None,
            }],
            exceptions: vec![HoursException {
                date: NaiveDate::from_ymd_opt(2026, 12, 25).unwrap(),
                hours: None,
                description: "Gesloten met Kerst".into(),
            }],
        }],
    }
}

#[test]
fn a_saved_kaart_loads_back_field_by_field() {
    let dir = tempfile::tempdir().unwrap();
    let opened = Store::open(&dir.path().join("loket.db")).unwrap();
    assert!(opened.created);
    let mut store = opened.store;
    let counts = store.save_kaart(&sample(), None).unwrap();
    assert_eq!(counts.services_created, 1);
    assert_eq!(store.load_kaart().unwrap(), sample());
}

#[test]
fn a_seasonal_weekly_row_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("loket.db")).unwrap().store;
    let time = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    let mut kaart = sample();
    // Listed out of store order: the load sorts by weekday, times, then validity.
    kaart.services[0].hours = vec![
        WeeklyHours {
            weekday: Weekday::Mon,
            opens: time(9, 30),
            closes: time(12, 0),
            valid_from: NaiveDate::from_ymd_opt(2027, 3, 1),
            valid_to: NaiveDate::from_ymd_opt(2027, 4, 30),
        },
        WeeklyHours {
            weekday: Weekday::Mon,
            opens: time(9, 30),
            closes: time(12, 0),
            valid_from: None,
            valid_to: NaiveDate::from_ymd_opt(2026, 12, 31),
        },
        WeeklyHours {
            weekday: Weekday::Thu,
            opens: time(9, 30),
            closes: time(12, 0),
            valid_from: NaiveDate::from_ymd_opt(2027, 3, 1),
            valid_to: None,
        },
    ];
    store.save_kaart(&kaart, None).unwrap();
    let loaded = store.load_kaart().unwrap();
    let mut want = kaart.services[0].hours.clone();
    want.swap(0, 1);
    assert_eq!(loaded.services[0].hours, want);
    // Stored as plain dates, NULL for an open end.
    let path = store.path().to_path_buf();
    drop(store);
    let rows: Vec<(Option<String>, Option<String>)> = Connection::open(&path)
        .unwrap()
        .prepare("SELECT valid_from, valid_to FROM weekly_hours ORDER BY rowid")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        rows,
        [
            (Some("2027-03-01".into()), Some("2027-04-30".into())),
            (None, Some("2026-12-31".into())),
            (Some("2027-03-01".into()), None),
        ]
    );
}

#[test]
fn saving_again_updates_by_id_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("loket.db")).unwrap().store;
    store.save_kaart(&sample(), None).unwrap();
    let mut changed = sample();
    changed.services[0].name = "Voedselpakket (vernieuwd)".into();
    changed.services[0].hours.clear();
    let counts = store.save_kaart(&changed, None).unwrap();
    assert_eq!((counts.services_created, counts.services_updated), (0, 1));
    assert_eq!(store.count_services().unwrap(), 1);
    assert_eq!(store.load_kaart().unwrap(), changed);
}

#[test]
fn a_failing_save_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("loket.db")).unwrap().store;
    store.save_kaart(&sample(), None).unwrap();
    let mut broken = sample();
    broken.services[0].name = "Gewijzigd".into();
    // A location that does not exist violates a foreign key half-way through the save.
    broken.services[0]
        .location_ids
        .push("loc-bestaat-niet".into());
    let run = ImportRun {
        source: "test".into(),
        services: 1,
        warnings: 0,
        report: String::new(),
    };
    assert!(store.save_kaart(&broken, Some(&run)).is_err());
    assert_eq!(store.load_kaart().unwrap(), sample());
    assert!(store.import_runs().unwrap().is_empty());
}

#[test]
fn connection_uses_wal_full_sync_and_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    drop(Store::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let app: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(app, LOKET_APPLICATION_ID);
}

#[test]
fn a_foreign_sqlite_file_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ander.db");
    Connection::open(&path)
        .unwrap()
        .execute_batch(
            "CREATE TABLE boodschappen (wat TEXT); INSERT INTO boodschappen VALUES ('melk');",
        )
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("foreign file refused");
    assert!(matches!(err, StoreError::ForeignDatabase { .. }), "{err}");
    assert!(err.to_string().contains("geen Loket-database"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_corrupt_file_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kapot.db");
    let garbage = b"dit is geen database maar een boodschappenlijstje\n".repeat(100);
    std::fs::write(&path, &garbage).unwrap();
    let err = Store::open(&path).err().expect("corrupt file refused");
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), garbage);
}

#[test]
fn an_older_database_is_migrated_forward() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("oud.db");
    let mut conn = Connection::open(&path).unwrap();
    migrations().to_version(&mut conn, 1).unwrap();
    // Weekly hours saved by a version-1 Loket, before seasonal hours existed.
    conn.execute_batch(
        "INSERT INTO services (id, name, status) VALUES ('svc-oud', 'Oud spreekuur', 'active');
         INSERT INTO weekly_hours (service_id, weekday, opens, closes)
             VALUES ('svc-oud', 2, '09:00', '12:00');",
    )
    .unwrap();
    drop(conn);
    let opened = Store::open(&path).unwrap();
    assert!(!opened.created);
    assert_eq!(
        opened.store.schema_version().unwrap(),
        latest_schema_version()
    );
    assert!(opened.store.import_runs().unwrap().is_empty());
    let kaart = opened.store.load_kaart().unwrap();
    assert_eq!(
        kaart.services[0].hours,
        [WeeklyHours {
            weekday: Weekday::Tue,
            opens: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            closes: NaiveTime::from_hms_opt(12, 0, 0).unwrap(),
            valid_from: None,
            valid_to: None,
        }],
        "old rows are valid every week"
    );
}

#[test]
fn a_database_from_a_newer_loket_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nieuw.db");
    drop(Store::open(&path).unwrap());
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let err = Store::open(&path).err().expect("newer schema refused");
    assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err}");
}

#[test]
fn the_database_folder_is_created_on_first_use() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("diep/genest/loket.db");
    assert!(Store::open(&path).unwrap().created);
    assert!(path.exists());
}
