//! Reading HSDS packages: the 3.0 and the 1.x/2.0 layout and HSDS JSON, field by field.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime, Weekday};
use loket::domain::{HoursException, Kaart, Laag, Leefgebieden, ServiceStatus, WeeklyHours};
use loket::interop::{ImportReport, read_path};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hsds")
        .join(name)
}

fn read(path: &Path) -> (Kaart, ImportReport) {
    read_path(path, &Leefgebieden::builtin()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn hsds_3_package_fills_every_field() {
    let (kaart, report) = read(&fixture("v3"));
    assert!(report.warnings.is_empty(), "{report}");
    assert_eq!(report.layout, "HSDS 3.0 CSV");
    assert_eq!(
        (
            kaart.organizations.len(),
            kaart.locations.len(),
            kaart.services.len()
        ),
        (2, 3, 3)
    );

    let org = kaart.organization("org-schuldhulp").unwrap();
    assert_eq!(org.website.as_deref(), Some("https://schuldhulp.example"));
    assert_eq!(org.phones[0].number, "0123 99 99 99");

    let linde = kaart.location("loc-linde").unwrap();
    let address = linde.address.as_ref().unwrap();
    assert_eq!(
        address.street, "Lindelaan 12",
        "the physical address wins over the postal one"
    );
    assert_eq!(address.wijk.as_deref(), Some("Oost"));
    assert_eq!(linde.phones[0].id, "tel-2");
    assert_eq!(
        kaart.location("loc-bibliotheek").unwrap().organization_id,
        None
    );

    let forms = kaart.service("svc-formulieren").unwrap();
    assert_eq!(forms.leefgebieden, ["geldzaken-schulden", "taal-digitaal"]);
    assert_eq!(forms.laag, Some(Laag::Algemeen));
    assert!(forms.free && !forms.referral_required);
    assert_eq!(forms.keywords, ["post", "belastingaangifte"]);
    assert_eq!(forms.location_ids, ["loc-stadhuis", "loc-bibliotheek"]);
    assert_eq!(forms.min_age, Some(18));
    assert_eq!(forms.max_age, None);
    assert_eq!(forms.last_verified, Some(date(2025, 9, 1)));
    assert_eq!(
        forms.eligibility.as_deref(),
        Some("Voor inwoners van Lindendaal")
    );
    let phone_ids: Vec<_> = forms.phones.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        phone_ids,
        ["tel-1", "tel-4"],
        "a phone on a service_at_location belongs to its service"
    );
    assert_eq!(
        forms.hours,
        [
            WeeklyHours {
                weekday: Weekday::Mon,
                opens: t(9, 0),
                closes: t(12, 0),
                valid_from: None,
                valid_to: None,
            },
            WeeklyHours {
                weekday: Weekday::Wed,
                opens: t(9, 0),
                closes: t(12, 0),
                valid_from: None,
                valid_to: None,
            },
            WeeklyHours {
                weekday: Weekday::Thu,
                opens: t(13, 30),
                closes: t(16, 0),
                valid_from: None,
                valid_to: None,
            },
        ]
    );
    assert_eq!(
        forms.exceptions,
        [HoursException {
            date: date(2025, 12, 25),
            hours: None,
            description: "Eerste Kerstdag gesloten".into()
        }]
    );

    let coffee = kaart.service("svc-koffie").unwrap();
    assert!(!coffee.free);
    assert_eq!(coffee.laag, Some(Laag::SociaalNetwerk));
    assert_eq!(
        coffee.keywords,
        ["Food Pantry"],
        "terms of other taxonomies become keywords"
    );
    assert_eq!(
        coffee.last_verified,
        Some(date(2025, 6, 12)),
        "last_modified when no assured_date"
    );
    assert_eq!(
        coffee.hours,
        [WeeklyHours {
            weekday: Weekday::Tue,
            opens: t(10, 0),
            closes: t(12, 0),
            valid_from: None,
            valid_to: None,
        }],
        "hours of a location apply to the services there"
    );
    assert_eq!(coffee.exceptions[0].hours, Some((t(10, 0), t(11, 30))));

    let old = kaart.service("svc-oud").unwrap();
    assert_eq!(old.status, ServiceStatus::Inactive);
    assert!(old.referral_required);
    assert_eq!((old.min_age, old.max_age), (Some(12), Some(23)));
    assert_eq!(old.last_verified, None);
}

#[test]
fn legacy_1x_package_with_regular_and_holiday_schedules() {
    let (kaart, report) = read(&fixture("legacy"));
    assert!(report.warnings.is_empty(), "{report}");
    assert_eq!(report.layout, "HSDS 1.x/2.0 CSV");
    assert_eq!(
        kaart.organizations[0].website.as_deref(),
        Some("https://voedselbank.example")
    );
    let noord = kaart.location("20").unwrap().address.as_ref().unwrap();
    assert_eq!(
        noord.wijk.as_deref(),
        Some("Noord"),
        "state_province when region is empty"
    );
    assert_eq!(
        kaart
            .location("21")
            .unwrap()
            .address
            .as_ref()
            .unwrap()
            .wijk
            .as_deref(),
        Some("Zuid")
    );

    let parcel = kaart.service("10").unwrap();
    assert_eq!(parcel.fees_description.as_deref(), Some("Gratis"));
    assert_eq!(parcel.leefgebieden, ["geldzaken-schulden"]);
    assert_eq!(parcel.laag, Some(Laag::Algemeen));
    assert!(parcel.free && parcel.referral_required);
    assert_eq!(parcel.keywords, ["Voedsel"]);
    assert_eq!(
        parcel.hours,
        [
            WeeklyHours {
                weekday: Weekday::Mon,
                opens: t(9, 0),
                closes: t(12, 0),
                valid_from: None,
                valid_to: None,
            },
            WeeklyHours {
                weekday: Weekday::Wed,
                opens: t(13, 0),
                closes: t(17, 0),
                valid_from: None,
                valid_to: None,
            },
            WeeklyHours {
                weekday: Weekday::Fri,
                opens: t(9, 0),
                closes: t(11, 30),
                valid_from: None,
                valid_to: None,
            },
        ]
    );
    let closed: Vec<_> = parcel
        .exceptions
        .iter()
        .filter(|e| e.hours.is_none())
        .map(|e| e.date)
        .collect();
    assert_eq!(
        closed,
        [date(2025, 12, 24), date(2025, 12, 25), date(2025, 12, 26)]
    );
    assert!(
        parcel
            .exceptions
            .iter()
            .any(|e| e.date == date(2025, 12, 31) && e.hours == Some((t(10, 0), t(12, 0))))
    );
    assert_eq!(
        kaart.service("11").unwrap().status,
        ServiceStatus::Inactive,
        "defunct"
    );
}

#[test]
fn the_sample_kaart_keeps_its_seasonal_weekly_rows() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/kaart");
    let (kaart, report) = read(&sample);
    assert!(report.warnings.is_empty(), "{report}");
    let season = |id: &str| -> Vec<_> {
        let service = kaart.service(id).unwrap();
        service
            .hours
            .iter()
            .map(|h| (h.weekday, h.valid_from, h.valid_to))
            .collect()
    };
    let spring = (Some(date(2027, 3, 1)), Some(date(2027, 4, 30)));
    assert_eq!(
        season("svc-belastinghulp-senioren"),
        [
            (Weekday::Mon, spring.0, spring.1),
            (Weekday::Thu, spring.0, spring.1)
        ]
    );
    assert_eq!(
        season("svc-cursus-omgaan-met-dementie"),
        [(Weekday::Thu, Some(date(2027, 2, 4)), Some(date(2027, 3, 4)))]
    );
    let year_round = kaart.service("svc-geldloket").unwrap();
    assert!(
        year_round
            .hours
            .iter()
            .all(|h| h.valid_from.is_none() && h.valid_to.is_none())
    );
}

#[test]
fn datapackage_json_reads_the_csv_files_next_to_it() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(fixture("v3")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    std::fs::write(
        dir.path().join("datapackage.json"),
        r#"{"resources": [{"path": "services.csv"}]}"#,
    )
    .unwrap();
    let (kaart, report) = read(&dir.path().join("datapackage.json"));
    assert!(report.warnings.is_empty(), "{report}");
    assert_eq!(kaart.services.len(), 3);
}

/// The v3 fixture copied into `dir/sub` (or `dir` itself), with `package` as its
/// datapackage.json in `dir`.
fn package_with_csvs_in(dir: &Path, sub: &str, package: &str) -> PathBuf {
    let target = dir.join(sub);
    std::fs::create_dir_all(&target).unwrap();
    for entry in std::fs::read_dir(fixture("v3")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), target.join(entry.file_name())).unwrap();
    }
    let path = dir.join("datapackage.json");
    std::fs::write(&path, package).unwrap();
    path
}

fn resources(prefix: &str) -> String {
    let names = [
        "organizations",
        "services",
        "locations",
        "addresses",
        "service_at_location",
    ];
    let list: Vec<String> = names
        .iter()
        .map(|n| format!(r#"{{"name": "{n}", "path": "{prefix}{n}.csv"}}"#))
        .collect();
    format!(r#"{{"resources": [{}]}}"#, list.join(", "))
}

#[test]
fn datapackage_json_follows_its_resource_paths() {
    let dir = tempfile::tempdir().unwrap();
    let package = package_with_csvs_in(dir.path(), "tabellen", &resources("tabellen/"));
    let (kaart, report) = read(&package);
    assert!(report.warnings.is_empty(), "{report}");
    assert_eq!(kaart.services.len(), 3);
    assert!(kaart.locations.iter().any(|l| l.address.is_some()));
}

#[test]
fn a_package_with_wrong_paths_reads_the_csvs_next_to_it_or_in_data_with_a_warning() {
    for sub in ["", "data"] {
        let dir = tempfile::tempdir().unwrap();
        let package = package_with_csvs_in(dir.path(), sub, &resources("elders/hsds/"));
        let (kaart, report) = read(&package);
        assert_eq!(kaart.services.len(), 3, "{sub}: {report}");
        let warning = report
            .warnings
            .iter()
            .find(|w| {
                w.message
                    .contains("'elders/hsds/services.csv' bestaat niet")
            })
            .unwrap_or_else(|| panic!("{sub}: {report}"));
        assert_eq!(warning.file, "datapackage.json");
        let expected = if sub.is_empty() {
            "services.csv gelezen"
        } else {
            "data/services.csv gelezen"
        };
        assert!(warning.message.ends_with(expected), "{}", warning.message);
    }
}

#[test]
fn a_foreign_legacy_address_keeps_its_state_out_of_the_wijk() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(fixture("legacy")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    std::fs::write(
        dir.path().join("physical_addresses.csv"),
        "id,location_id,address_1,city,region,state_province,postal_code,country\n\
         30,20,1200 Fruitvale Ave,Oakland,,CA,94601,US\n\
         31,21,Zuidsingel 2,Lindendaal,,Zuid,7304 CD,NL\n",
    )
    .unwrap();
    let (kaart, report) = read(dir.path());
    let wijk = |id: &str| kaart.location(id).unwrap().address.clone().unwrap().wijk;
    assert_eq!(wijk("20"), None, "{report}");
    assert_eq!(wijk("21").as_deref(), Some("Zuid"));
}

#[test]
fn loket_taxonomies_are_recognised_by_id_or_name_and_ranked_by_value() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write("services.csv", "id,name\ns1,Wijkteam\n");
    write(
        "taxonomies.csv",
        "id,name\nloket-leefgebied,Leefgebied\nt-2,loket-laag\n",
    );
    write(
        "taxonomy_terms.csv",
        "id,code,name,taxonomy_id\nwonen,wonen,Wonen,loket-leefgebied\ngeld,,Geldzaken & schulden,loket-leefgebied\nlaag,collectief,Collectief,t-2\n",
    );
    write(
        "attributes.csv",
        "link_id,taxonomy_term_id,value\ns1,wonen,2\ns1,laag,\ns1,geld,1\n",
    );
    let (kaart, report) = read(dir.path());
    assert!(report.warnings.is_empty(), "{report}");
    let service = &kaart.services[0];
    assert_eq!(
        service.leefgebieden,
        ["geldzaken-schulden", "wonen"],
        "value 1 is the main leefgebied"
    );
    assert_eq!(service.laag, Some(Laag::Collectief));
}

/// The Open Referral examples shipped next to the repository (`../shared/hsds/examples`, or
/// `LOKET_HSDS_EXAMPLES`). They are not copied into this repository (they are CC BY-SA); when
/// they are absent the test says so and passes.
fn open_referral_examples() -> Option<PathBuf> {
    let dir = std::env::var_os("LOKET_HSDS_EXAMPLES")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/hsds/examples"));
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("overgeslagen: geen HSDS-voorbeelden in {}", dir.display());
        None
    }
}

#[test]
fn open_referral_examples_import() {
    let Some(dir) = open_referral_examples() else {
        return;
    };
    let (kaart, report) = read(&dir.join("csv"));
    assert_eq!(kaart.services.len(), 1, "{report}");
    let service = &kaart.services[0];
    assert_eq!(service.name, "Community Counselling");
    assert_eq!((service.min_age, service.max_age), (Some(12), Some(100)));
    assert_eq!(service.last_verified, Some(date(2005, 1, 1)));
    assert_eq!(service.hours.len(), 2, "TH,FR 10:00-18:00");
    assert_eq!(
        kaart.locations[0].address.as_ref().unwrap().wijk.as_deref(),
        Some("MyRegion")
    );
    for file in [
        "service_full.json",
        "service_list.json",
        "organization_full.json",
        "organization_list.json",
        "service_at_location_full.json",
        "service_at_location_list.json",
        "tabular.json",
    ] {
        let (kaart, report) = read(&dir.join(file));
        assert!(!kaart.organizations.is_empty(), "{file}: {report}");
        if file == "organization_list.json" {
            continue;
        }
        let service = &kaart.services[0];
        assert_eq!(service.name, "Community Counselling", "{file}");
        assert_eq!(
            service.organization_id.as_deref(),
            Some(kaart.organizations[0].id.as_str())
        );
        if file.ends_with("_full.json") || file == "tabular.json" {
            assert_eq!(
                service.phones.len(),
                1,
                "{file}: the nested copies of one phone are one phone"
            );
            assert_eq!(service.hours.len(), 2, "{file}");
            assert_eq!(service.location_ids.len(), 1, "{file}");
        }
    }
    for file in [
        "location.json",
        "taxonomy.json",
        "taxonomy_term_list.json",
        "base.json",
    ] {
        let err = read_path(&dir.join(file), &Leefgebieden::builtin()).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("{file} bevat geen diensten of organisaties")
        );
    }
}
