//! Fixtures of the regie tests: the professionals of a small gemeente and Jan Visser's
//! questions.

use chrono::{DateTime, Utc};
use loket::domain::account::{Role, User};
use loket::domain::intake::{Consent, Intake, Kanaal, Resident, Route, RouteSuggestion};
use loket::domain::queue::{Outcome, QueueAction};
use loket::store::{NewUser, RegieError, Store};

use super::db::at;

pub fn now() -> DateTime<Utc> {
    at("2026-12-07T09:00:00Z")
}

pub fn person(
    store: &mut Store,
    name: &str,
    role: Role,
    teams: &[&str],
    expertise: &[&str],
) -> User {
    let new = NewUser {
        name: name.into(),
        role,
        location: format!("Bureau van {name}"),
        teams: teams.iter().map(|t| t.to_string()).collect(),
        expertise: expertise.iter().map(|e| e.to_string()).collect(),
    };
    store.create_user(&new, "48213").unwrap()
}

pub struct People {
    pub kim: User,
    pub sanne: User,
    pub gijs: User,
    pub dirk: User,
    pub ilse: User,
    pub olaf: User,
}

pub fn people(store: &mut Store) -> People {
    People {
        kim: person(store, "Kim", Role::Vrijwilliger, &[], &[]),
        sanne: person(
            store,
            "Sanne",
            Role::Medewerker,
            &["Loket Wonen"],
            &["wonen"],
        ),
        gijs: person(
            store,
            "Gijs",
            Role::Medewerker,
            &["Loket Taal"],
            &["taal-digitaal"],
        ),
        dirk: person(store, "Dirk", Role::Medewerker, &["KCC"], &[]),
        ilse: person(
            store,
            "Ilse",
            Role::Medewerker,
            &["Sociaal Team De Weide"],
            &[],
        ),
        olaf: person(store, "Olaf", Role::Coordinator, &[], &[]),
    }
}

/// A question of Jan Visser saved by `desk`, on `route`, about `leefgebieden`.
pub fn question(
    store: &mut Store,
    desk: &User,
    route: Route,
    leefgebieden: &[&str],
    household: Option<i64>,
    own_track_reason: &str,
) -> (i64, Option<i64>, Option<i64>) {
    let intake = Intake {
        kanaal: Kanaal::Balie,
        resident: Resident {
            name: "Jan Visser".into(),
            phone: "06-55556666".into(),
            postcode: "7304 AB".into(),
            ..Resident::default()
        },
        household_id: household,
        question: "De huur is te hoog en ik begrijp de brieven niet.".into(),
        leefgebieden: leefgebieden.iter().map(|l| l.to_string()).collect(),
        route: Some(route.clone()),
        consent: Consent::Ja,
        handover_note: "Graag bellen".into(),
        own_track_reason: own_track_reason.into(),
        ..Intake::default()
    };
    let suggestion = RouteSuggestion {
        route,
        why: "test".into(),
        spoed: false,
    };
    let saved = store
        .save_intake(desk, &intake, &suggestion, Some("De Weide"), "test", now())
        .unwrap();
    (saved.id, saved.queue_item, saved.household_id)
}

pub fn loket_wonen() -> Route {
    Route::Loket {
        leefgebied: "wonen".into(),
    }
}

pub fn refused(result: Result<(), RegieError>) -> String {
    match result {
        Err(RegieError::Refused(refusal)) => refusal.to_string(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// Jan Visser's meervoudig eenvoudige question (wonen first, then taal-digitaal), saved by
/// `desk` without a household: it opens a case the Loket Wonen directs (seed 003 §3.5).
pub fn meervoudig_eenvoudig(store: &mut Store, desk: &User) -> (i64, Option<i64>, Option<i64>) {
    question(
        store,
        desk,
        loket_wonen(),
        &["wonen", "taal-digitaal"],
        None,
        "",
    )
}

/// Noor of the Expertiseteam, whom a regisseur asks in.
pub fn noor(store: &mut Store) -> User {
    person(store, "Noor", Role::Medewerker, &["Expertiseteam"], &[])
}

/// `by` claims item `item`, reaches the resident and closes it with `outcome`, at `when`.
pub fn reach_and_close(
    store: &mut Store,
    item: i64,
    by: &User,
    outcome: Outcome,
    when: DateTime<Utc>,
) {
    for action in [
        QueueAction::Claim,
        QueueAction::ContactAttempt {
            reached: true,
            note: String::new(),
        },
        QueueAction::Close {
            outcome,
            note: String::new(),
        },
    ] {
        store.queue_act(item, by, &action, "test", when).unwrap();
    }
}
