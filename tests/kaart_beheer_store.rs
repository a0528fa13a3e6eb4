//! Kaart beheer on a real database file: edits with their history, audit and version, refusals,
//! validation that writes nothing, deactivation, verification by Dutch date, new services found
//! by the search, desk reports and the beheerder's worklist.

mod common;

use common::db::{account, at, count, open, raw};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc, Weekday};
use loket::domain::account::{Role, User};
use loket::domain::{
    Address, Kaart, Laag, Location, Organization, Phone, Service, ServiceStatus, WeeklyHours,
};
use loket::search::{Catalog, Filters};
use loket::store::{KaartEditError, Store};

// A test crate's root resolves modules beside it, not in a folder of its own name.
#[path = "kaart_beheer_store/reports.rs"]
mod reports;

const ORIGIN: &str = "test";

fn now() -> DateTime<Utc> {
    at("2026-11-23T09:00:00Z")
}

fn phone(id: &str, number: &str) -> Phone {
    Phone {
        id: id.into(),
        number: number.into(),
        kind: "voice".into(),
        description: String::new(),
    }
}

fn hours(weekday: Weekday, opens: u32, closes: u32) -> WeeklyHours {
    WeeklyHours {
        weekday,
        opens: NaiveTime::from_hms_opt(opens, 0, 0).unwrap(),
        closes: NaiveTime::from_hms_opt(closes, 0, 0).unwrap(),
        valid_from: None,
        valid_to: None,
    }
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn service(id: &str, name: &str) -> Service {
    Service {
        id: id.into(),
        organization_id: Some("org-buurtwerk".into()),
        name: name.into(),
        leefgebieden: vec!["meedoen-ontmoeten".into()],
        laag: Some(Laag::Algemeen),
        free: true,
        last_verified: date(2026, 6, 1),
        phones: vec![phone(&format!("tel-{id}"), "0123 45 67 89")],
        hours: vec![hours(Weekday::Mon, 9, 12)],
        ..Service::default()
    }
}

/// Two organisations (the buurtwerk without a phone of its own), a location with a phone, and
/// the services of the worklist test.
fn kaart() -> Kaart {
    let gamma = Service {
        last_verified: date(2024, 10, 1),
        phones: vec![],
        hours: vec![],
        ..service("svc-gamma", "Gamma")
    };
    let delta = Service {
        status: ServiceStatus::Inactive,
        last_verified: None,
        phones: vec![],
        hours: vec![],
        ..service("svc-delta", "Delta")
    };
    let epsilon = Service {
        phones: vec![],
        location_ids: vec!["loc-wijkcentrum".into()],
        ..service("svc-epsilon", "Epsilon")
    };
    Kaart {
        organizations: vec![
            Organization {
                id: "org-buurtwerk".into(),
                name: "Buurtwerk Lindendaal".into(),
                ..Organization::default()
            },
            Organization {
                id: "org-gemeente".into(),
                name: "Gemeente Lindendaal".into(),
                phones: vec![phone("tel-gemeente", "14 0123")],
                ..Organization::default()
            },
        ],
        locations: vec![Location {
            id: "loc-wijkcentrum".into(),
            organization_id: Some("org-buurtwerk".into()),
            name: "Wijkcentrum De Weide".into(),
            phones: vec![phone("tel-wijkcentrum", "0123 11 11 11")],
            ..Location::default()
        }],
        services: vec![
            service("svc-alpha", "Alpha"),
            Service {
                last_verified: None,
                ..service("svc-beta", "Beta")
            },
            gamma,
            delta,
            epsilon,
        ],
    }
}

/// A store with the kaart, a beheerder and a volunteer.
fn setup(dir: &std::path::Path) -> (Store, User, User) {
    let mut store = open(dir);
    store.save_kaart(&kaart(), None).unwrap();
    let bea = account(&mut store, "Bea Beheer", Role::Beheerder);
    let anna = account(&mut store, "Anna de Vries", Role::Vrijwilliger);
    (store, bea, anna)
}

fn stored(store: &Store, id: &str) -> Service {
    store.load_kaart().unwrap().service(id).unwrap().clone()
}

fn audit_text(store: &Store) -> String {
    store
        .audit_rows()
        .unwrap()
        .iter()
        .map(|row| row.join(" | "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn editing_phone_and_hours_keeps_history_raises_the_version_and_audits_ids_only() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, bea, _) = setup(dir.path());
    let version = store.kaart_version().unwrap();
    let mut alpha = stored(&store, "svc-alpha");
    alpha.phones[0].number = "06 1234 5678".into();
    alpha.hours.push(hours(Weekday::Mon, 13, 17));
    alpha.hours.push(hours(Weekday::Tue, 9, 12));

    let saved = store.save_service(alpha, &bea, ORIGIN, now()).unwrap();

    assert_eq!(stored(&store, "svc-alpha"), saved);
    assert_eq!(saved.phones[0].number, "06 1234 5678");
    assert_eq!(saved.hours.len(), 3);
    assert_eq!(store.kaart_version().unwrap(), version + 1);
    let history = store.kaart_history("dienst", "svc-alpha").unwrap();
    let fields: Vec<_> = history
        .iter()
        .map(|c| (c.field.as_str(), c.old.as_str(), c.new.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            (
                "openingstijden",
                "ma 09:00-12:00",
                "ma 09:00-12:00, 13:00-17:00; di 09:00-12:00"
            ),
            ("telefoon", "0123 45 67 89", "06 1234 5678"),
        ]
    );
    assert!(
        history
            .iter()
            .all(|c| c.user == "Bea Beheer" && c.at == now())
    );
    let last = store.audit_rows().unwrap().pop().unwrap();
    assert_eq!(
        last[1..],
        [
            format!("gebruiker:{}", bea.id),
            "kaart wijzigen".into(),
            "dienst:svc-alpha".into(),
            "gelukt: 2 velden".into()
        ]
    );
    assert!(!audit_text(&store).contains("5678"));

    // Saving the same again changes nothing: no history, no version, no audit row.
    let rows = store.audit_rows().unwrap().len();
    store.save_service(saved, &bea, ORIGIN, now()).unwrap();
    assert_eq!(store.kaart_version().unwrap(), version + 1);
    assert_eq!(store.kaart_history("dienst", "svc-alpha").unwrap().len(), 2);
    assert_eq!(store.audit_rows().unwrap().len(), rows);
}

#[test]
fn a_volunteer_cannot_change_the_kaart_and_the_refusal_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _, anna) = setup(dir.path());
    let before = store.load_kaart().unwrap();
    let mut alpha = stored(&store, "svc-alpha");
    alpha.name = "Alpha (gewijzigd)".into();

    let refused = store.save_service(alpha, &anna, ORIGIN, now());
    assert!(matches!(refused, Err(KaartEditError::NotAllowed)));
    assert_eq!(
        refused.unwrap_err().to_string(),
        "Alleen een beheerder kan de sociale kaart wijzigen"
    );
    assert!(matches!(
        store.mark_verified("svc-alpha", &anna, ORIGIN, now()),
        Err(KaartEditError::NotAllowed)
    ));
    assert!(matches!(
        store.save_organization(Organization::default(), &anna, ORIGIN, now()),
        Err(KaartEditError::NotAllowed)
    ));

    assert_eq!(store.load_kaart().unwrap(), before);
    let rows = store.audit_rows().unwrap();
    let refusals: Vec<_> = rows
        .iter()
        .map(|r| (r[2].as_str(), r[3].as_str(), r[4].as_str()))
        .collect();
    assert_eq!(
        refusals,
        [
            (
                "kaart wijzigen",
                "dienst:svc-alpha",
                "geweigerd: geen beheerder"
            ),
            (
                "kaart gecontroleerd",
                "dienst:svc-alpha",
                "geweigerd: geen beheerder"
            ),
            (
                "kaart toevoegen",
                "organisatie:nieuw",
                "geweigerd: geen beheerder"
            ),
        ]
    );
    assert!(
        rows.iter()
            .all(|r| r[1] == format!("gebruiker:{}", anna.id))
    );
}

#[test]
fn invalid_input_names_the_fields_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, bea, _) = setup(dir.path());
    let before = store.load_kaart().unwrap();
    let version = store.kaart_version().unwrap();
    let audit_rows = store.audit_rows().unwrap().len();
    let mut alpha = stored(&store, "svc-alpha");
    alpha.phones[0].number = "06 123".into();
    alpha.hours = vec![hours(Weekday::Wed, 17, 9)];
    alpha.leefgebieden.clear();

    let Err(KaartEditError::Invalid(problems)) = store.save_service(alpha, &bea, ORIGIN, now())
    else {
        panic!("invalid input must be refused");
    };
    let fields: Vec<_> = problems.iter().map(|p| p.field).collect();
    assert_eq!(fields, ["leefgebieden", "telefoon", "openingstijden"]);
    assert!(problems[1].message.contains("06 met 8 cijfers"));

    assert_eq!(store.load_kaart().unwrap(), before);
    assert_eq!(store.kaart_version().unwrap(), version);
    assert_eq!(store.audit_rows().unwrap().len(), audit_rows);
    assert_eq!(
        count(&raw(dir.path()), "SELECT count(*) FROM kaart_history"),
        0
    );
}

#[test]
fn a_deactivated_service_stays_in_the_kaart_with_its_history() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, bea, _) = setup(dir.path());
    let alpha = Service {
        status: ServiceStatus::Inactive,
        ..stored(&store, "svc-alpha")
    };
    store.save_service(alpha, &bea, ORIGIN, now()).unwrap();

    assert_eq!(stored(&store, "svc-alpha").status, ServiceStatus::Inactive);
    let history = store.kaart_history("dienst", "svc-alpha").unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(
        (
            history[0].field.as_str(),
            history[0].old.as_str(),
            history[0].new.as_str()
        ),
        ("status", "actief", "inactief")
    );
}

#[test]
fn verifying_sets_the_dutch_date_even_when_utc_is_still_yesterday() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, bea, _) = setup(dir.path());
    let version = store.kaart_version().unwrap();
    // 00:30 on Monday 23 November in Amsterdam: Sunday 23:30 UTC.
    let half_past_midnight = at("2026-11-22T23:30:00Z");

    store
        .mark_verified("svc-alpha", &bea, ORIGIN, half_past_midnight)
        .unwrap();

    assert_eq!(
        stored(&store, "svc-alpha").last_verified,
        date(2026, 11, 23)
    );
    assert_eq!(store.kaart_version().unwrap(), version + 1);
    let history = store.kaart_history("dienst", "svc-alpha").unwrap();
    assert_eq!(history[0].field, "laatst gecontroleerd");
    assert_eq!(
        (history[0].old.as_str(), history[0].new.as_str()),
        ("01-06-2026", "23-11-2026")
    );
    let last = store.audit_rows().unwrap().pop().unwrap();
    assert_eq!(
        (last[2].as_str(), last[3].as_str()),
        ("kaart gecontroleerd", "dienst:svc-alpha")
    );
    assert!(matches!(
        store.mark_verified("svc-onbekend", &bea, ORIGIN, now()),
        Err(KaartEditError::UnknownService(id)) if id == "svc-onbekend"
    ));
}

#[test]
fn a_new_service_gets_an_id_and_is_found_by_the_search() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, bea, _) = setup(dir.path());
    let version = store.kaart_version().unwrap();
    let new = Service {
        id: String::new(),
        name: "Taalcafé De Weide".into(),
        description: "Elke week Nederlands oefenen met buurtgenoten.".into(),
        leefgebieden: vec!["taal-digitaal".into()],
        phones: vec![phone("", "0123 22 33 44"), phone("", "06 9876 5432")],
        ..service("", "")
    };

    let first = store
        .save_service(new.clone(), &bea, ORIGIN, now())
        .unwrap();
    let second = store.save_service(new, &bea, ORIGIN, now()).unwrap();

    assert_eq!(first.id, "loket-1");
    assert_eq!(second.id, "loket-2");
    assert_eq!(first.phones[0].id, "loket-1-tel-1");
    assert_eq!(first.phones[1].id, "loket-1-tel-2");
    assert_eq!(store.kaart_version().unwrap(), version + 2);
    let last = store.audit_rows().unwrap().pop().unwrap();
    assert_eq!(
        (last[2].as_str(), last[3].as_str()),
        ("kaart toevoegen", "dienst:loket-2")
    );
    let history = store.kaart_history("dienst", "loket-1").unwrap();
    assert!(
        history
            .iter()
            .any(|c| c.field == "naam" && c.old.is_empty())
    );

    let catalog = Catalog::new(store.load_kaart().unwrap());
    let results = catalog.index.search("taalcafe", &Filters::default(), 10);
    let ids: Vec<_> = results.hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids[..2], ["loket-1", "loket-2"], "{ids:?}");
}

#[test]
fn organizations_and_locations_are_added_and_changed_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, bea, _) = setup(dir.path());
    let organization = Organization {
        name: "Repair Café".into(),
        website: Some("repaircafe.example".into()),
        ..Organization::default()
    };
    let organization = store
        .save_organization(organization, &bea, ORIGIN, now())
        .unwrap();
    assert_eq!(organization.id, "loket-org-1");

    let location = Location {
        organization_id: Some(organization.id.clone()),
        name: "Buurthuis".into(),
        address: Some(Address {
            street: "Kerkstraat 4".into(),
            postcode: "7302ab".into(),
            city: "Lindendaal".into(),
            wijk: None,
        }),
        ..Location::default()
    };
    let location = store.save_location(location, &bea, ORIGIN, now()).unwrap();
    assert_eq!(location.id, "loket-loc-1");
    assert_eq!(location.address.as_ref().unwrap().postcode, "7302 AB");

    let bad = Location {
        organization_id: Some("org-weg".into()),
        address: Some(Address {
            postcode: "0302 AB".into(),
            ..Address::default()
        }),
        ..location.clone()
    };
    let Err(KaartEditError::Invalid(problems)) = store.save_location(bad, &bea, ORIGIN, now())
    else {
        panic!("unknown organisation and bad postcode must be refused");
    };
    let fields: Vec<_> = problems.iter().map(|p| p.field).collect();
    assert_eq!(fields, ["organisatie", "postcode"]);

    let moved = Location {
        name: "Buurthuis De Weide".into(),
        ..location
    };
    store.save_location(moved, &bea, ORIGIN, now()).unwrap();
    let history = store.kaart_history("locatie", "loket-loc-1").unwrap();
    assert_eq!(
        (history[0].field.as_str(), history[0].new.as_str()),
        ("naam", "Buurthuis De Weide")
    );
    assert!(matches!(
        store.save_organization(
            Organization {
                id: "org-weg".into(),
                name: "Weg".into(),
                ..Organization::default()
            },
            &bea,
            ORIGIN,
            now()
        ),
        Err(KaartEditError::UnknownOrganization(_))
    ));
}

#[test]
fn an_import_raises_the_kaart_version_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    assert_eq!(store.kaart_version().unwrap(), 0);
    store.save_kaart(&kaart(), None).unwrap();
    assert_eq!(store.kaart_version().unwrap(), 1);
    store.save_kaart(&kaart(), None).unwrap();
    assert_eq!(store.kaart_version().unwrap(), 2);
}
