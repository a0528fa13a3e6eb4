use chrono::{NaiveDate, NaiveTime, Weekday};

use super::*;
use crate::domain::{Address, Laag, ServiceStatus};

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn hours(weekday: Weekday, opens: (u32, u32), closes: (u32, u32)) -> WeeklyHours {
    WeeklyHours {
        weekday,
        opens: time(opens.0, opens.1),
        closes: time(closes.0, closes.1),
        valid_from: None,
        valid_to: None,
    }
}

fn phone(number: &str) -> Phone {
    Phone {
        id: format!("tel-{number}"),
        number: number.into(),
        kind: "voice".into(),
        description: String::new(),
    }
}

fn kaart() -> Kaart {
    Kaart {
        organizations: vec![Organization {
            id: "org-gemeente".into(),
            name: "Gemeente Lindendaal".into(),
            ..Organization::default()
        }],
        locations: vec![Location {
            id: "loc-stadhuis".into(),
            name: "Stadhuis".into(),
            ..Location::default()
        }],
        services: vec![],
    }
}

fn good_service() -> Service {
    Service {
        id: "svc-geldloket".into(),
        organization_id: Some("org-gemeente".into()),
        name: "Geldloket".into(),
        leefgebieden: vec!["geldzaken-schulden".into()],
        laag: Some(Laag::Algemeen),
        phones: vec![phone("14 0123")],
        url: Some("https://www.lindendaal.example/geld".into()),
        email: Some("geld@Lindendaal.example".into()),
        min_age: Some(18),
        max_age: Some(67),
        location_ids: vec!["loc-stadhuis".into()],
        hours: vec![
            hours(Weekday::Mon, (9, 0), (12, 0)),
            hours(Weekday::Mon, (13, 0), (17, 0)),
        ],
        ..Service::default()
    }
}

fn fields(problems: &[FieldProblem]) -> Vec<&'static str> {
    problems.iter().map(|p| p.field).collect()
}

#[test]
fn a_complete_service_has_no_problems() {
    assert_eq!(
        validate_service(&good_service(), &kaart(), &Leefgebieden::builtin()),
        vec![]
    );
}

#[test]
fn every_rule_names_its_field() {
    let service = Service {
        name: "  ".into(),
        organization_id: Some("org-weg".into()),
        leefgebieden: vec![],
        laag: None,
        phones: vec![phone("06 123"), phone("010 123 4567")],
        email: Some("geen adres".into()),
        url: Some("htp:/kapot".into()),
        min_age: Some(18),
        max_age: Some(12),
        location_ids: vec!["loc-weg".into()],
        ..good_service()
    };
    let problems = validate_service(&service, &kaart(), &Leefgebieden::builtin());
    assert_eq!(
        fields(&problems),
        [
            "naam",
            "organisatie",
            "leefgebieden",
            "laag",
            "telefoon",
            "e-mail",
            "website",
            "leeftijd",
            "locaties"
        ]
    );
    assert!(problems[4].message.starts_with("Telefoonnummer 1:"));
    assert!(problems.iter().all(|p| !p.message.is_empty()));
}

#[test]
fn a_new_service_needs_an_organization_an_existing_one_may_lack_it() {
    let existing = Service {
        organization_id: None,
        ..good_service()
    };
    assert_eq!(
        validate_service(&existing, &kaart(), &Leefgebieden::builtin()),
        vec![]
    );
    let new = Service {
        id: String::new(),
        ..existing
    };
    assert_eq!(
        fields(&validate_service(&new, &kaart(), &Leefgebieden::builtin())),
        ["organisatie"]
    );
}

#[test]
fn leefgebieden_must_be_known_and_once() {
    let service = Service {
        leefgebieden: vec!["wonen".into(), "ruimtevaart".into(), "wonen".into()],
        ..good_service()
    };
    let problems = validate_service(&service, &kaart(), &Leefgebieden::builtin());
    assert_eq!(fields(&problems), ["leefgebieden", "leefgebieden"]);
    assert!(problems[0].message.contains("ruimtevaart"));
    assert!(problems[1].message.contains("Wonen"));
}

#[test]
fn hours_must_close_after_opening_and_not_overlap() {
    let mut service = good_service();
    service.hours = vec![
        hours(Weekday::Tue, (17, 0), (9, 0)),
        hours(Weekday::Wed, (9, 0), (12, 0)),
        hours(Weekday::Wed, (11, 30), (13, 0)),
        // Back to back is not an overlap; another day neither.
        hours(Weekday::Wed, (13, 0), (15, 0)),
        hours(Weekday::Thu, (11, 0), (13, 0)),
    ];
    let problems = validate_service(&service, &kaart(), &Leefgebieden::builtin());
    assert_eq!(fields(&problems), ["openingstijden", "openingstijden"]);
    assert!(problems[0].message.contains("di 17:00-09:00"));
    assert_eq!(
        problems[1].message,
        "Openingstijden wo: 09:00-12:00 en 11:30-13:00 overlappen"
    );
}

#[test]
fn seasonal_rows_overlap_only_when_their_periods_do() {
    let date = |m, d| NaiveDate::from_ymd_opt(2026, m, d);
    let spring = WeeklyHours {
        valid_from: date(3, 1),
        valid_to: date(4, 30),
        ..hours(Weekday::Mon, (9, 0), (12, 0))
    };
    let summer = WeeklyHours {
        valid_from: date(5, 1),
        valid_to: None,
        ..hours(Weekday::Mon, (10, 0), (12, 0))
    };
    let mut service = good_service();
    service.hours = vec![spring, summer];
    assert_eq!(
        validate_service(&service, &kaart(), &Leefgebieden::builtin()),
        vec![]
    );
    service.hours[1].valid_from = date(4, 30);
    assert_eq!(
        fields(&validate_service(
            &service,
            &kaart(),
            &Leefgebieden::builtin()
        )),
        ["openingstijden"]
    );
    service.hours = vec![WeeklyHours {
        valid_from: date(5, 1),
        valid_to: date(4, 1),
        ..spring
    }];
    assert!(
        validate_service(&service, &kaart(), &Leefgebieden::builtin())[0]
            .message
            .contains("eindigt (01-04-2026) voor ze begint (01-05-2026)")
    );
}

#[test]
fn organizations_and_locations() {
    let organization = Organization {
        name: String::new(),
        website: Some("lindendaal.example".into()),
        email: Some("info@@x".into()),
        phones: vec![phone("0800 1234")],
        ..Organization::default()
    };
    assert_eq!(
        fields(&validate_organization(&organization)),
        ["naam", "e-mail"]
    );
    let mut location = Location {
        name: "Wijkcentrum".into(),
        address: Some(Address {
            postcode: "7302 SS".into(),
            ..Address::default()
        }),
        ..Location::default()
    };
    assert_eq!(fields(&validate_location(&location)), ["postcode"]);
    location.address = Some(Address {
        postcode: "7302ab".into(),
        ..Address::default()
    });
    assert_eq!(validate_location(&location), vec![]);
    tidy_location(&mut location);
    assert_eq!(location.address.unwrap().postcode, "7302 AB");
}

#[test]
fn tidying_turns_blank_fields_into_none() {
    let mut service = Service {
        name: "  Geldloket ".into(),
        email: Some("   ".into()),
        url: Some(" https://x.example ".into()),
        keywords: vec!["geld".into(), " ".into()],
        phones: vec![Phone {
            kind: String::new(),
            ..phone(" 14 0123 ")
        }],
        ..Service::default()
    };
    tidy_service(&mut service);
    assert_eq!(service.name, "Geldloket");
    assert_eq!(service.email, None);
    assert_eq!(service.url.as_deref(), Some("https://x.example"));
    assert_eq!(service.keywords, ["geld"]);
    assert_eq!(service.phones[0].number, "14 0123");
    assert_eq!(service.phones[0].kind, "voice");
}

#[test]
fn changes_name_each_changed_field_in_dutch() {
    let old = good_service();
    let mut new = old.clone();
    new.phones = vec![phone("010 123 4567"), phone("06 1234 5678")];
    new.hours.push(hours(Weekday::Tue, (9, 0), (12, 0)));
    new.status = ServiceStatus::Inactive;
    let changes = service_changes(Some(&old), &new, &Leefgebieden::builtin());
    assert_eq!(
        changes,
        [
            FieldChange {
                field: "status",
                old: "actief".into(),
                new: "inactief".into(),
            },
            FieldChange {
                field: "telefoon",
                old: "14 0123".into(),
                new: "010 123 4567, 06 1234 5678".into(),
            },
            FieldChange {
                field: "openingstijden",
                old: "ma 09:00-12:00, 13:00-17:00".into(),
                new: "ma 09:00-12:00, 13:00-17:00; di 09:00-12:00".into(),
            },
        ]
    );
    assert_eq!(
        service_changes(Some(&old), &old, &Leefgebieden::builtin()),
        vec![]
    );
}

#[test]
fn a_new_record_lists_every_filled_field() {
    let changes = service_changes(None, &good_service(), &Leefgebieden::builtin());
    let named: Vec<_> = changes.iter().map(|c| c.field).collect();
    assert!(named.starts_with(&["naam", "organisatie", "status", "leefgebieden", "laag"]));
    assert!(changes.iter().all(|c| c.old.is_empty()));
    let leeftijd = changes.iter().find(|c| c.field == "leeftijd").unwrap();
    assert_eq!(leeftijd.new, "18 t/m 67 jaar");
    let leefgebieden = changes.iter().find(|c| c.field == "leefgebieden").unwrap();
    assert_eq!(leefgebieden.new, "Geldzaken & schulden");
}

#[test]
fn organization_and_location_changes() {
    let old = Organization {
        name: "Voedselbank".into(),
        ..Organization::default()
    };
    let new = Organization {
        website: Some("https://voedselbank.example".into()),
        ..old.clone()
    };
    assert_eq!(
        organization_changes(Some(&old), &new),
        [FieldChange {
            field: "website",
            old: String::new(),
            new: "https://voedselbank.example".into(),
        }]
    );
    let old = Location {
        name: "Wijkcentrum".into(),
        address: Some(Address {
            street: "Kerkstraat 4".into(),
            postcode: "7302 AB".into(),
            city: "Lindendaal".into(),
            wijk: None,
        }),
        ..Location::default()
    };
    let mut new = old.clone();
    new.address.as_mut().unwrap().wijk = Some("De Weide".into());
    let changes = location_changes(Some(&old), &new);
    assert_eq!(changes.len(), 1);
    assert_eq!(
        (changes[0].field, changes[0].new.as_str()),
        ("wijk", "De Weide")
    );
}

#[test]
fn seasonal_hours_and_exceptions_are_rendered_with_their_dates() {
    let date = |m, d| NaiveDate::from_ymd_opt(2026, m, d);
    let rows = [
        WeeklyHours {
            valid_from: date(3, 1),
            valid_to: date(4, 30),
            ..hours(Weekday::Fri, (13, 0), (15, 30))
        },
        hours(Weekday::Mon, (9, 0), (12, 0)),
    ];
    assert_eq!(
        hours_text(&rows),
        "ma 09:00-12:00; vr 13:00-15:30 (01-03-2026 t/m 30-04-2026)"
    );
    let old = good_service();
    let new = Service {
        exceptions: vec![HoursException {
            date: date(12, 25).unwrap(),
            hours: None,
            description: "Kerst".into(),
        }],
        ..old.clone()
    };
    let changes = service_changes(Some(&old), &new, &Leefgebieden::builtin());
    assert_eq!(changes[0].field, "afwijkende dagen");
    assert_eq!(changes[0].new, "25-12-2026 gesloten (Kerst)");
}
