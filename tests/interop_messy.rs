//! Messy real-world input must give warnings naming file, row and column, or a clear error, and
//! never a panic.

use std::path::Path;

use chrono::{NaiveDate, NaiveTime, Weekday};
use loket::domain::hours::WEEK;
use loket::domain::{Kaart, Leefgebieden, ServiceStatus, WeeklyHours};
use loket::interop::{ImportError, ImportReport, Place, read_path};

fn read(path: &Path) -> (Kaart, ImportReport) {
    read_path(path, &Leefgebieden::builtin()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

/// Asserts a warning exists for `file`, `place` and `column` whose message contains `needle`.
fn assert_warned(
    report: &ImportReport,
    file: &str,
    place: Place,
    column: Option<&str>,
    needle: &str,
) {
    let found = report.warnings.iter().any(|w| {
        w.file == file
            && w.place == place
            && w.column.as_deref() == column
            && w.message.contains(needle)
    });
    assert!(
        found,
        "no warning {file} {place:?} {column:?} ~ {needle:?} in:\n{report}"
    );
}

/// Writes a messy package: BOM, `;`, Windows-1252 bytes, bad times, duplicates, dangling
/// references, unknown enum values and absurd lengths.
fn messy_package(dir: &Path) {
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
    write(
        "organizations.csv",
        b"\xEF\xBB\xBFID,Name\norg-1,Buurtwerk\n",
    );
    let long_name = "n".repeat(600);
    let long_text = "t".repeat(25_000);
    let mut services =
        b"Id;Organization ID;NAME;Status;Minimum Age;Maximum Age;Description\r\n".to_vec();
    services.extend_from_slice(b"s1;org-1;Caf\xE9 de Buren;active;12;18;Koffie\x07 en praat\r\n");
    services.extend_from_slice(b";org-1;Zonder id;active;;;\r\n");
    services.extend_from_slice(b"s1;org-1;Dubbel;active;;;\r\n");
    services.extend_from_slice(b"s2;org-x;Nergens;open;abc;200;\r\n");
    services.extend_from_slice(
        format!("s3;org-1;{long_name};inactive;30;20;{long_text}\r\n").as_bytes(),
    );
    write("services.csv", &services);
    write(
        "schedules.csv",
        b"id,service_id,freq,byday,opens_at,closes_at\n\
          1,s1,WEEKLY,MO,9:00am,5pm\n\
          2,s1,WEEKLY,TU,25:99,12:00\n\
          3,s1,WEEKLY,WE,14:00,10:00\n\
          4,s1,WEEKLY,XX,09:00,10:00\n\
          5,s9,WEEKLY,MO,09:00,10:00\n\
          6,s1,,zaterdag,22:00,24:00\n\
          6,s1,WEEKLY,SU,10:00,11:00\n\
          7,s1,MONTHLY,MO,10:00,11:00\n",
    );
    write(
        "phones.csv",
        b"id,service_id,number\nt1,s9,0123\nt2,s1,\nt3,s1,\"0123 45 67 89\"\n,s1,0612\n",
    );
    write(
        "addresses.csv",
        b"id,location_id,address_1\na1,loc-x,Straat 1\n",
    );
    write(
        "taxonomy_terms.csv",
        b"id,code,name,taxonomy\nlg1,ruimtevaart,Ruimtevaart,loket-leefgebied\nl1,luxe,Luxe,loket-laag\nlg2,wonen,Wonen,loket-leefgebied\n",
    );
    write(
        "attributes.csv",
        b"id,link_id,taxonomy_term_id,link_entity\nx1,s1,lg1,service\nx2,s1,l1,service\nx3,s1,lg2,service\nx4,s1,nope,service\nx5,s9,lg2,service\n",
    );
}

#[test]
fn messy_input_gives_warnings_with_file_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    messy_package(dir.path());
    let (kaart, report) = read(dir.path());
    let s = "services.csv";
    assert_warned(&report, s, Place::File, None, "Windows-1252");
    assert_warned(&report, s, Place::Row(2), Some("id"), "id ontbreekt");
    assert_warned(&report, s, Place::Row(3), Some("id"), "dubbel");
    assert_warned(
        &report,
        s,
        Place::Row(4),
        Some("organization_id"),
        "onbekende organisatie 'org-x'",
    );
    assert_warned(
        &report,
        s,
        Place::Row(4),
        Some("status"),
        "status 'open' onbekend",
    );
    assert_warned(&report, s, Place::Row(4), Some("minimum_age"), "'abc'");
    assert_warned(&report, s, Place::Row(4), Some("maximum_age"), "'200'");
    assert_warned(&report, s, Place::Row(5), Some("name"), "ingekort tot 500");
    assert_warned(
        &report,
        s,
        Place::Row(5),
        Some("description"),
        "ingekort tot 20000",
    );
    assert_warned(&report, s, Place::Row(5), Some("minimum_age"), "hoger dan");
    assert_warned(
        &report,
        s,
        Place::Row(1),
        Some("description"),
        "stuurtekens",
    );
    let h = "schedules.csv";
    assert_warned(
        &report,
        h,
        Place::Row(2),
        Some("opens_at"),
        "tijd '25:99' niet herkend, regel overgeslagen",
    );
    assert_warned(
        &report,
        h,
        Place::Row(3),
        Some("closes_at"),
        "ligt niet na openingstijd",
    );
    assert_warned(
        &report,
        h,
        Place::Row(4),
        Some("byday"),
        "dag 'XX' niet herkend",
    );
    assert_warned(
        &report,
        h,
        Place::Row(5),
        Some("service_id"),
        "onbekende dienst 's9'",
    );
    assert_warned(&report, h, Place::Row(7), Some("id"), "dubbel");
    assert_warned(&report, h, Place::Row(8), Some("freq"), "MONTHLY");
    assert_warned(
        &report,
        "phones.csv",
        Place::Row(1),
        Some("service_id"),
        "onbekende dienst",
    );
    assert_warned(
        &report,
        "phones.csv",
        Place::Row(2),
        Some("number"),
        "nummer ontbreekt",
    );
    assert_warned(
        &report,
        "phones.csv",
        Place::Row(4),
        Some("id"),
        "id ontbreekt",
    );
    assert_warned(
        &report,
        "addresses.csv",
        Place::Row(1),
        Some("location_id"),
        "onbekende locatie",
    );
    let a = "attributes.csv";
    assert_warned(
        &report,
        a,
        Place::Row(1),
        Some("taxonomy_term_id"),
        "leefgebied 'ruimtevaart' onbekend; overgeslagen (geldig: werk-inkomen",
    );
    assert_warned(
        &report,
        a,
        Place::Row(2),
        Some("taxonomy_term_id"),
        "laag 'luxe' onbekend; overgeslagen (geldig: eigen-kracht",
    );
    assert_warned(
        &report,
        a,
        Place::Row(4),
        Some("taxonomy_term_id"),
        "onbekende term 'nope'",
    );
    assert_warned(
        &report,
        a,
        Place::Row(5),
        Some("link_id"),
        "onbekende dienst 's9'",
    );

    let cafe = kaart.service("s1").unwrap();
    assert_eq!(cafe.name, "Café de Buren");
    assert_eq!(cafe.description, "Koffie en praat");
    assert_eq!(cafe.leefgebieden, ["wonen"]);
    assert_eq!(cafe.laag, None);
    assert_eq!(
        cafe.hours,
        [
            WeeklyHours {
                weekday: Weekday::Mon,
                opens: t(9, 0),
                closes: t(17, 0),
                valid_from: None,
                valid_to: None,
            },
            WeeklyHours {
                weekday: Weekday::Sat,
                opens: t(22, 0),
                closes: t(23, 59),
                valid_from: None,
                valid_to: None,
            },
        ]
    );
    assert_eq!(cafe.phones.len(), 1);
    assert_eq!(cafe.phones[0].number, "0123 45 67 89");
    let nowhere = kaart.service("s2").unwrap();
    assert_eq!(
        (nowhere.organization_id.as_deref(), nowhere.status),
        (None, ServiceStatus::Active)
    );
    assert_eq!((nowhere.min_age, nowhere.max_age), (None, None));
    let long = kaart.service("s3").unwrap();
    assert_eq!(long.name.chars().count(), 500);
    assert_eq!(long.description.chars().count(), 20_000);
    assert_eq!((long.min_age, long.max_age), (None, None));
    assert_eq!(kaart.services.len(), 3);
    // The report counts per kind, most frequent first, then gives examples with file, row and
    // column.
    let text = report.to_string();
    assert!(text.contains("25 waarschuwingen, per soort:\n  3× verwijst naar onbekende dienst '…'; regel overgeslagen\n      phones.csv, rij 1, kolom service_id:"), "{text}");
    assert!(text.contains("  1× tijd '…' niet herkend, regel overgeslagen\n      schedules.csv, rij 2, kolom opens_at: tijd '25:99' niet herkend, regel overgeslagen"), "{text}");
}

#[test]
fn seasonal_weekly_rows_with_bad_dates_keep_an_open_end_or_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write("services.csv", "id,name\ns1,Belastinghulp\n");
    write(
        "schedules.csv",
        "id,service_id,freq,byday,opens_at,closes_at,valid_from,valid_to\n\
         1,s1,WEEKLY,MO,09:30,12:00,1-3-2027,30/04/2027\n\
         2,s1,WEEKLY,TU,09:30,12:00,voorjaar,2027-04-30\n\
         3,s1,DAILY,,18:00,19:00,2027-03-01,\n\
         4,s1,WEEKLY,TH,09:30,12:00,2027-04-30,2027-03-01\n\
         5,s1,,FR,09:30,12:00,2027-03-01,2027-02-30\n",
    );
    let (kaart, report) = read(dir.path());
    let h = "schedules.csv";
    assert_warned(
        &report,
        h,
        Place::Row(2),
        Some("valid_from"),
        "datum 'voorjaar' niet herkend; genegeerd",
    );
    assert_warned(
        &report,
        h,
        Place::Row(4),
        Some("valid_to"),
        "ligt vóór geldig vanaf 2027-04-30; regel overgeslagen",
    );
    assert_warned(
        &report,
        h,
        Place::Row(5),
        Some("valid_to"),
        "datum '2027-02-30' niet herkend; genegeerd",
    );
    assert_eq!(report.warnings.len(), 3, "{report}");

    let d = |m, d| NaiveDate::from_ymd_opt(2027, m, d);
    let seasons: Vec<_> = kaart.services[0]
        .hours
        .iter()
        .map(|h| (h.weekday, h.valid_from, h.valid_to))
        .collect();
    let mut want = vec![
        (Weekday::Mon, d(3, 1), d(4, 30)),
        (Weekday::Tue, None, d(4, 30)),
    ];
    want.extend(WEEK.map(|day| (day, d(3, 1), None)));
    want.push((Weekday::Fri, d(3, 1), None));
    assert_eq!(seasons, want);
}

#[test]
fn fatal_problems_name_file_row_and_column() {
    let leefgebieden = Leefgebieden::builtin();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    let err = read_path(path, &leefgebieden).unwrap_err();
    assert!(matches!(err, ImportError::NoServicesFile { .. }), "{err}");

    std::fs::write(path.join("services.csv"), "id,titel\n1,Iets\n").unwrap();
    let err = read_path(path, &leefgebieden).unwrap_err().to_string();
    assert!(
        err.contains("services.csv: de verplichte kolom 'name' ontbreekt"),
        "{err}"
    );

    std::fs::write(path.join("services.csv"), "id,name\n").unwrap();
    let err = read_path(path, &leefgebieden).unwrap_err().to_string();
    assert_eq!(err, "services.csv bevat geen bruikbare diensten");

    std::fs::write(path.join("services.csv"), "id,name\n1,Iets\n").unwrap();
    std::fs::write(
        path.join("phones.csv"),
        "id,service_id,number,description\np1,1,0123,\"ok\"\np2,1,0456,\"kapot\n",
    )
    .unwrap();
    let err = read_path(path, &leefgebieden).unwrap_err().to_string();
    assert!(
        err.contains("phones.csv, rij 2 (regel 3): een aanhalingsteken, kolom description"),
        "{err}"
    );

    std::fs::write(path.join("kaart.json"), "[{\"id\": 1,").unwrap();
    let err = read_path(&path.join("kaart.json"), &leefgebieden)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("kaart.json, regel 1, kolom 10: geen geldige JSON"),
        "{err}"
    );

    let err = read_path(&path.join("bestaat-niet"), &leefgebieden)
        .unwrap_err()
        .to_string();
    assert!(err.ends_with("bestaat-niet bestaat niet"), "{err}");
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn random_bytes_as_csv_files(services in proptest::collection::vec(any::<u8>(), 0..400),
                                     schedules in proptest::collection::vec(any::<u8>(), 0..400)) {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join("services.csv"), &services).unwrap();
            std::fs::write(dir.path().join("schedules.csv"), &schedules).unwrap();
            let _ = read_path(dir.path(), &Leefgebieden::builtin());
        }

        #[test]
        fn random_text_in_a_valid_shape(cells in proptest::collection::vec("[ -~é;,\"\\n]{0,12}", 8)) {
            let dir = tempfile::tempdir().unwrap();
            let services = format!("id,name,minimum_age,status\n{},{},{},{}\n", cells[0], cells[1], cells[2], cells[3]);
            let schedules = format!("service_id,byday,opens_at,closes_at\n{},{},{},{}\n", cells[0], cells[4], cells[5], cells[6]);
            std::fs::write(dir.path().join("services.csv"), services).unwrap();
            std::fs::write(dir.path().join("schedules.csv"), schedules).unwrap();
            let _ = read_path(dir.path(), &Leefgebieden::builtin());
        }

        #[test]
        fn random_json(text in "[\\[\\]{}\":,a-z0-9 ]{0,200}") {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("kaart.json");
            std::fs::write(&path, text).unwrap();
            let _ = read_path(&path, &Leefgebieden::builtin());
        }
    }
}
