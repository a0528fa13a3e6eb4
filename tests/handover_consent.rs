//! Desk-test B2 on real database files: a handover always carries a way to reach the
//! resident, "nog niet gevraagd" is kept apart from "nee", and without consent the case goes
//! no further than the handover (no regisseur's reading of other questions, no meelezen).

mod common;

use common::db::{at, count, member, open, raw};

use loket::domain::account::Role;
use loket::domain::intake::{Consent, Intake, Kanaal, Resident, Route, RouteSuggestion};
use loket::domain::queue::QueueAction;
use loket::store::{ShareError, StoreError};

fn expertiseteam() -> RouteSuggestion {
    RouteSuggestion {
        route: Route::Expertiseteam,
        why: "test".into(),
        spoed: false,
    }
}

fn handover(resident: Resident, consent: Consent) -> Intake {
    Intake {
        kanaal: Kanaal::Telefoon,
        resident,
        question: "Schulden, huurachterstand en de deurwaarder komt morgen.".into(),
        leefgebieden: vec!["geldzaken-schulden".into()],
        consent,
        handover_note: "Graag contact opnemen".into(),
        ..Intake::default()
    }
}

fn jan() -> Resident {
    Resident {
        name: "Jan Visser".into(),
        phone: "06-55556666".into(),
        postcode: "7304 AB".into(),
        ..Resident::default()
    }
}

#[test]
fn a_handover_nobody_can_call_back_is_refused_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let anna = member(&mut store, "Anna de Vries", Role::Vrijwilliger, &[]);
    let nameless = Resident {
        name: "Mevrouw wil anoniem blijven".into(),
        postcode: "7304 AB".into(),
        ..Resident::default()
    };
    let result = store.save_intake(
        &anna,
        &handover(nameless, Consent::Nee),
        &expertiseteam(),
        None,
        "test",
        at("2026-12-06T09:00:00Z"),
    );
    let error = result.unwrap_err();
    assert!(matches!(error, StoreError::UnreachableHandover));
    assert!(
        error.to_string().contains("telefoonnummer of e-mailadres"),
        "{error}"
    );
    let conn = raw(dir.path());
    assert_eq!(count(&conn, "SELECT count(*) FROM intakes"), 0);
    assert_eq!(count(&conn, "SELECT count(*) FROM queue_items"), 0);
}

#[test]
fn not_asked_is_stored_apart_from_no() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let anna = member(&mut store, "Anna de Vries", Role::Vrijwilliger, &[]);
    let now = at("2026-12-06T09:00:00Z");
    for consent in Consent::ALL {
        let intake = handover(jan(), consent);
        let saved = store
            .save_intake(&anna, &intake, &expertiseteam(), None, "test", now)
            .unwrap();
        let back = store.intake(saved.id, &anna, "test", now).unwrap().unwrap();
        assert_eq!(back.consent, consent);
    }
}

#[test]
fn without_consent_the_team_reads_how_to_reach_but_meelezen_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let anna = member(&mut store, "Anna de Vries", Role::Vrijwilliger, &[]);
    let ilse = member(&mut store, "Ilse", Role::Medewerker, &["Expertiseteam"]);
    let omar = member(&mut store, "Omar", Role::Medewerker, &["Loket Wonen"]);
    let now = at("2026-12-06T09:00:00Z");
    let saved = store
        .save_intake(
            &anna,
            &handover(jan(), Consent::Nee),
            &expertiseteam(),
            None,
            "test",
            now,
        )
        .unwrap();
    let item = saved.queue_item.unwrap();
    let detail = store
        .queue_detail(item, &ilse, "test", now)
        .unwrap()
        .unwrap();
    assert_eq!(detail.intake.resident.phone, "06-55556666");
    store
        .queue_act(item, &ilse, &QueueAction::Claim, "test", now)
        .unwrap();
    store
        .become_regisseur(saved.household_id.unwrap(), &ilse, "test", now)
        .unwrap();
    let refused = store.share_case(saved.household_id, "Omar", &ilse, "test", now);
    assert!(matches!(refused, Err(ShareError::NoConsent)), "{refused:?}");
    assert!(matches!(
        store.queue_detail(item, &omar, "test", now),
        Err(StoreError::NoAccess)
    ));
    let audit = store.audit_rows().unwrap();
    assert!(
        audit
            .iter()
            .any(|r| r[2] == "dossier delen" && r[4] == "geweigerd: geen toestemming inwoner"),
        "{audit:?}"
    );
}
