//! The regisseur on real database files (issue 17, seed-gaps §3): the regie follows the route
//! (seed 003 §3.5), is taken explicitly by a medewerker of that team, never by a KCC agent or a
//! volunteer; a new question joins the case and goes to its regisseur; regie is handed on with
//! a reason and accepted (seed 002), the former regisseur reading along for 14 days only when
//! allowed; opschaling is the regisseur's act; the lopend traject lasts until the case closes.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::db::{at, count, open, raw};
use loket::domain::account::{Role, User};
use loket::domain::intake::{Consent, Intake, Kanaal, Resident, Route, RouteSuggestion};
use loket::domain::policy::{Grant, Refusal};
use loket::domain::queue::{Outcome, QueueAction, Target};
use loket::domain::regie::{Escalation, RegieRefusal};
use loket::store::{NewUser, RegieError, Store, migrations};
use rusqlite::Connection;

fn now() -> DateTime<Utc> {
    at("2026-12-07T09:00:00Z")
}

fn person(store: &mut Store, name: &str, role: Role, teams: &[&str], expertise: &[&str]) -> User {
    let new = NewUser {
        name: name.into(),
        role,
        location: format!("Bureau van {name}"),
        teams: teams.iter().map(|t| t.to_string()).collect(),
        expertise: expertise.iter().map(|e| e.to_string()).collect(),
    };
    store.create_user(&new, "48213").unwrap()
}

struct People {
    kim: User,
    sanne: User,
    gijs: User,
    dirk: User,
    ilse: User,
    olaf: User,
}

fn people(store: &mut Store) -> People {
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
fn question(
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

fn loket_wonen() -> Route {
    Route::Loket {
        leefgebied: "wonen".into(),
    }
}

fn refused(result: Result<(), RegieError>) -> String {
    match result {
        Err(RegieError::Refused(refusal)) => refusal.to_string(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn the_regie_follows_the_route_and_is_taken_explicitly() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let p = people(&mut store);
    // Meervoudig eenvoudig: the Loket of the highest-priority leefgebied directs.
    let (_, item, household) = question(
        &mut store,
        &p.kim,
        loket_wonen(),
        &["wonen", "taal-digitaal"],
        None,
        "",
    );
    let household = household.unwrap();
    let case = store.open_case(household).unwrap().unwrap();
    assert_eq!(case.regie_team, Some(Target::Loket("wonen".into())));
    assert_eq!(case.regisseur, None);

    // Claiming is not taking regie.
    store
        .queue_act(item.unwrap(), &p.sanne, &QueueAction::Claim, "test", now())
        .unwrap();
    assert_eq!(store.open_case(household).unwrap().unwrap().regisseur, None);

    let t = "test";
    assert_eq!(
        refused(store.become_regisseur(household, &p.dirk, t, now())),
        "Dirk hoort niet bij Loket Wonen; alleen een medewerker van dat team wordt regisseur"
    );
    assert!(refused(store.become_regisseur(household, &p.kim, t, now())).contains("Kim kan geen"));
    assert!(
        refused(store.become_regisseur(household, &p.olaf, t, now())).contains("Olaf kan geen")
    );
    assert!(
        refused(store.become_regisseur(household, &p.gijs, t, now())).contains("Gijs hoort niet")
    );
    store
        .become_regisseur(household, &p.sanne, t, now())
        .unwrap();
    let case = store.open_case(household).unwrap().unwrap();
    assert_eq!(case.regisseur, Some(p.sanne.id));
    assert_eq!(case.regisseur_since, Some(now()));
    assert_eq!(
        refused(store.become_regisseur(household, &p.ilse, t, now())),
        "Sanne is al de regisseur"
    );

    let conn = raw(dir.path());
    let audited = |result: &str| {
        count(
            &conn,
            &format!(
                "SELECT count(*) FROM audit_log WHERE action = 'regie nemen' AND result = '{result}'"
            ),
        )
    };
    assert_eq!(audited("gelukt"), 1);
    assert_eq!(audited("geweigerd: ander team"), 2);
    assert_eq!(audited("geweigerd: geen medewerker"), 2);
}

#[test]
fn a_coordinator_assigns_the_regie_to_a_medewerker_of_the_team_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let p = people(&mut store);
    // Meervoudig complex: the Sociaal Team of the wijk directs.
    let route = Route::SociaalTeam {
        wijk: "De Weide".into(),
    };
    let (_, _, household) = question(
        &mut store,
        &p.kim,
        route,
        &["wonen", "gezondheid", "veiligheid"],
        None,
        "",
    );
    let household = household.unwrap();
    let t = "test";
    assert!(matches!(
        store.assign_regisseur(household, "Ilse", &p.sanne, t, now()),
        Err(RegieError::NotCoordinator)
    ));
    assert!(matches!(
        store.assign_regisseur(household, "Sanne", &p.olaf, t, now()),
        Err(RegieError::Refused(RegieRefusal::OtherTeam { .. }))
    ));
    assert!(matches!(
        store.assign_regisseur(household, "Kim", &p.olaf, t, now()),
        Err(RegieError::Refused(RegieRefusal::NotAProfessional(_)))
    ));
    let ilse = store
        .assign_regisseur(household, "ilse", &p.olaf, t, now())
        .unwrap();
    assert_eq!(ilse.id, p.ilse.id);
    assert_eq!(
        store.open_case(household).unwrap().unwrap().regisseur,
        Some(p.ilse.id)
    );
}

/// Seed 003 §3.5: "Wanneer er sprake is van enkelvoudige, specialistische ondersteuning is de
/// zorgaanbieder eerste aanspreekpunt. De medewerker van het Loket blijft op de achtergrond."
#[test]
fn an_enkelvoudige_question_has_no_regisseur_and_its_case_ends_with_its_item() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let p = people(&mut store);
    let (_, item, household) = question(&mut store, &p.kim, loket_wonen(), &["wonen"], None, "");
    let (household, item) = (household.unwrap(), item.unwrap());
    assert_eq!(
        store.open_case(household).unwrap().unwrap().regie_team,
        None
    );
    assert_eq!(
        refused(store.become_regisseur(household, &p.sanne, "test", now())),
        "Dit traject heeft geen regisseur: de aanbieder is eerste aanspreekpunt"
    );
    let act = |store: &mut Store, action: QueueAction| {
        store
            .queue_act(item, &p.sanne, &action, "test", now())
            .unwrap();
    };
    act(&mut store, QueueAction::Claim);
    act(
        &mut store,
        QueueAction::ContactAttempt {
            reached: true,
            note: String::new(),
        },
    );
    act(
        &mut store,
        QueueAction::Close {
            outcome: Outcome::EldersGeholpen,
            note: String::new(),
        },
    );
    assert_eq!(store.open_case(household).unwrap(), None);
    assert!(store.household_open_tracks(household).unwrap().is_empty());
}

/// "Naar de regisseur": a new question of the household joins its case and is meant for the
/// regisseur; a track of its own needs a reason, and is then nobody's by name.
#[test]
fn a_new_question_joins_the_case_and_goes_to_the_regisseur_unless_a_reason_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let p = people(&mut store);
    let (_, first, household) = question(
        &mut store,
        &p.kim,
        loket_wonen(),
        &["wonen", "taal-digitaal"],
        None,
        "",
    );
    store
        .become_regisseur(household.unwrap(), &p.sanne, "test", now())
        .unwrap();
    let kcc = Route::Terugbelverzoek { team: "KCC".into() };
    let (_, joined, _) = question(&mut store, &p.dirk, kcc.clone(), &["wonen"], household, "");
    let (_, own, _) = question(
        &mut store,
        &p.dirk,
        kcc,
        &["wonen"],
        household,
        "inwoner wil eerst alleen een folder",
    );
    let conn = raw(dir.path());
    let of = |item: i64| -> (Option<i64>, Option<i64>) {
        conn.query_row(
            "SELECT case_id, assigned_to FROM queue_items WHERE id = ?1",
            [item],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
    };
    let case = store.open_case(household.unwrap()).unwrap().unwrap().id;
    assert_eq!(of(first.unwrap()), (Some(case), Some(p.sanne.id)));
    assert_eq!(of(joined.unwrap()), (Some(case), Some(p.sanne.id)));
    assert_eq!(of(own.unwrap()), (None, None));
    // The regisseur may take up what joined the case, though it waits at the KCC.
    store
        .queue_act(
            joined.unwrap(),
            &p.sanne,
            &QueueAction::Claim,
            "test",
            now(),
        )
        .unwrap();
}

/// Seed 002: "Tenzij blijkt dat het probleem om een andere expertise vraagt, of als er geen
/// klik is … gaat de regisseur samen met het gezin op zoek naar een passende regisseur."
#[test]
fn regie_is_handed_on_with_a_reason_and_accepted_and_the_former_reads_for_14_days() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let p = people(&mut store);
    let (_, _, household) = question(
        &mut store,
        &p.kim,
        loket_wonen(),
        &["wonen", "taal-digitaal"],
        None,
        "",
    );
    let household = household.unwrap();
    // A question handled at the desk: only the regie (or reading along) opens it.
    let (direct, _, _) = question(
        &mut store,
        &p.kim,
        Route::Direct,
        &["wonen"],
        Some(household),
        "",
    );
    store
        .become_regisseur(household, &p.sanne, "test", now())
        .unwrap();
    let grant = |store: &Store, who: &User, when| store.case_grant(direct, who, when).unwrap();
    assert_eq!(grant(&store, &p.sanne, now()), Some(Ok(Grant::Regisseur)));

    let st = Target::SociaalTeam("De Weide".into());
    let t = "test";
    let nobody = store.hand_on_regie(household, "Ilse", &st, " ", &p.sanne, t, now());
    assert!(matches!(
        nobody,
        Err(RegieError::Refused(RegieRefusal::NoReason))
    ));
    let not_mine = store.hand_on_regie(household, "Ilse", &st, "geen klik", &p.gijs, t, now());
    assert!(matches!(
        not_mine,
        Err(RegieError::Refused(RegieRefusal::NotRegisseur))
    ));
    let to_kcc = store.hand_on_regie(household, "Dirk", &st, "geen klik", &p.sanne, t, now());
    assert!(matches!(
        to_kcc,
        Err(RegieError::Refused(RegieRefusal::OtherTeam { .. }))
    ));

    // Declined: nothing moves.
    let offer = store
        .hand_on_regie(
            household,
            "Ilse",
            &st,
            "andere expertise",
            &p.sanne,
            t,
            now(),
        )
        .unwrap();
    assert!(store.regie_offers(&p.gijs).unwrap().is_empty());
    store
        .answer_regie_offer(offer, false, false, &p.ilse, t, now())
        .unwrap();
    assert_eq!(
        store.open_case(household).unwrap().unwrap().regisseur,
        Some(p.sanne.id)
    );

    // Accepted, and the former regisseur may read along for 14 days.
    let offer = store
        .hand_on_regie(
            household,
            "Ilse",
            &st,
            "andere expertise",
            &p.sanne,
            t,
            now(),
        )
        .unwrap();
    let offers = store.regie_offers(&p.ilse).unwrap();
    assert_eq!(offers.len(), 1);
    assert_eq!(offers[0].from, "Sanne");
    assert_eq!(offers[0].reason, "andere expertise");
    assert!(matches!(
        store.answer_regie_offer(offer, true, true, &p.gijs, t, now()),
        Err(RegieError::NoOffer)
    ));
    store
        .answer_regie_offer(offer, true, true, &p.ilse, t, now())
        .unwrap();
    let case = store.open_case(household).unwrap().unwrap();
    assert_eq!(case.regisseur, Some(p.ilse.id));
    assert_eq!(case.regie_team, Some(st.clone()));
    assert_eq!(grant(&store, &p.ilse, now()), Some(Ok(Grant::Regisseur)));
    let day = |days: i64| now() + Duration::days(days);
    assert_eq!(grant(&store, &p.sanne, day(13)), Some(Ok(Grant::Shared)));
    assert_eq!(
        grant(&store, &p.sanne, day(15)),
        Some(Err(Refusal::NotInvolved))
    );

    // Handed on again without reading along: the former one reads nothing.
    let offer = store
        .hand_on_regie(
            household,
            "Sanne",
            &Target::Loket("wonen".into()),
            "geen klik",
            &p.ilse,
            t,
            now(),
        )
        .unwrap();
    store
        .answer_regie_offer(offer, true, false, &p.sanne, t, now())
        .unwrap();
    assert_eq!(
        grant(&store, &p.ilse, now()),
        Some(Err(Refusal::NotInvolved))
    );
    let audit = store.audit_rows().unwrap();
    let answers: Vec<&str> = audit
        .iter()
        .filter(|r| r[2] == "regie aanvaarden")
        .map(|r| r[4].as_str())
        .collect();
    assert_eq!(
        answers,
        [
            "gelukt: geweigerd",
            "geweigerd: geen openstaande overdracht",
            "gelukt: aanvaard, oud-regisseur leest mee",
            "gelukt: aanvaard"
        ]
    );
    assert!(
        audit
            .iter()
            .all(|r| !r.iter().any(|f| f.contains("expertise"))),
        "the reason typed stays out of the audit log"
    );
}

/// Seed 002: "Wanneer er sprake is van zo'n situatie, dan schaalt de regisseur op naar het
/// expertiseteam." The regisseur stays; nobody else escalates.
#[test]
fn opschaling_is_the_regisseurs_act_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let p = people(&mut store);
    let noor = person(
        &mut store,
        "Noor",
        Role::Medewerker,
        &["Expertiseteam"],
        &[],
    );
    let route = Route::SociaalTeam {
        wijk: "De Weide".into(),
    };
    let (_, _, household) = question(
        &mut store,
        &p.kim,
        route,
        &["wonen", "geldzaken-schulden", "veiligheid"],
        None,
        "",
    );
    let household = household.unwrap();
    store
        .become_regisseur(household, &p.ilse, "test", now())
        .unwrap();
    let why = |reason: &str| Escalation {
        reason: reason.into(),
    };
    let t = "test";
    assert!(matches!(
        store.escalate(household, &why("veel geprobeerd"), &p.sanne, t, now()),
        Err(RegieError::Refused(RegieRefusal::NotRegisseur))
    ));
    assert!(matches!(
        store.escalate(household, &why(""), &p.ilse, t, now()),
        Err(RegieError::Refused(RegieRefusal::NoReason))
    ));
    let item = store
        .escalate(
            household,
            &why("veel geprobeerd, huisuitzetting dreigt"),
            &p.ilse,
            t,
            now(),
        )
        .unwrap();
    let escalated = store.queue_item(item, now()).unwrap().unwrap();
    assert_eq!(escalated.target, Target::Expertiseteam);
    assert_eq!(escalated.assigned_to, None);
    store
        .queue_act(item, &noor, &QueueAction::Claim, t, now())
        .unwrap();
    assert_eq!(
        store.open_case(household).unwrap().unwrap().regisseur,
        Some(p.ilse.id),
        "the regisseur stays"
    );
}

/// The lopend traject lasts as long as the case: it outlives its items, ends when the
/// regisseur closes it, and a desk sees who directs it, never what it holds.
#[test]
fn the_regisseur_closes_the_case_and_the_desk_sees_who_directs_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let p = people(&mut store);
    let (_, item, household) = question(
        &mut store,
        &p.kim,
        loket_wonen(),
        &["wonen", "taal-digitaal"],
        None,
        "",
    );
    let (household, item) = (household.unwrap(), item.unwrap());
    store
        .become_regisseur(household, &p.sanne, "test", now())
        .unwrap();
    for action in [
        QueueAction::Claim,
        QueueAction::ContactAttempt {
            reached: true,
            note: String::new(),
        },
        QueueAction::Close {
            outcome: Outcome::PlanGemaakt,
            note: String::new(),
        },
    ] {
        store
            .queue_act(item, &p.sanne, &action, "test", now())
            .unwrap();
    }
    let regie = store
        .household_regie(household, &p.kim, "test", now())
        .unwrap()
        .unwrap();
    assert_eq!(regie.team, "Loket Wonen");
    assert_eq!(regie.regisseur.as_deref(), Some("Sanne"));
    assert_eq!(regie.reach.as_deref(), Some("Bureau van Sanne"));
    assert_eq!(store.household_open_tracks(household).unwrap().len(), 1);

    assert!(matches!(
        store.close_case(household, "klaar", &p.gijs, "test", now()),
        Err(RegieError::Refused(RegieRefusal::NotRegisseur))
    ));
    store
        .close_case(
            household,
            "plan loopt, evaluatie bij aanbieder",
            &p.sanne,
            "test",
            now(),
        )
        .unwrap();
    assert_eq!(store.open_case(household).unwrap(), None);
    assert_eq!(
        store
            .household_regie(household, &p.kim, "test", now())
            .unwrap(),
        None
    );
    let conn = raw(dir.path());
    assert_eq!(
        count(
            &conn,
            &format!(
                "SELECT count(*) FROM households WHERE id = {household} AND regisseur IS NULL"
            )
        ),
        1
    );
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM audit_log WHERE action = 'regie bekijken'"
        ),
        2
    );
}

/// Seed-gaps §3, household 54: a KCC agent became regisseur by returning a callback, and two
/// later Sociaal Team referrals were assigned to him. After migration 016 the household's open
/// case lies with the Sociaal Team and has no regisseur; a regisseur who fits the new rule
/// stays; a household with nothing open has none.
#[test]
fn migration_016_keeps_only_regisseurs_the_route_would_have_made() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    let mut conn = Connection::open(&path).unwrap();
    migrations().to_version(&mut conn, 17).unwrap();
    conn.execute_batch(
        "INSERT INTO users (id, name, role, pin_hash, created_at) VALUES
            (1, 'Dirk', 'medewerker', 'x', '2026-01-01T00:00:00Z'),
            (2, 'Kees', 'medewerker', 'x', '2026-01-01T00:00:00Z'),
            (3, 'Ilse', 'medewerker', 'x', '2026-01-01T00:00:00Z'),
            (4, 'Kim', 'vrijwilliger', 'x', '2026-01-01T00:00:00Z');
         INSERT INTO user_teams (user_id, team) VALUES
            (1, 'KCC'), (2, 'Sociaal Team Centrum'), (3, 'Sociaal Team De Weide');
         INSERT INTO households (id, created_at, regisseur, regisseur_since) VALUES
            (54, '2026-11-01T09:00:00Z', 1, '2026-11-01T10:00:00Z'),
            (60, '2026-11-01T09:00:00Z', 3, '2026-11-01T10:00:00Z'),
            (70, '2026-11-01T09:00:00Z', 3, '2026-11-01T10:00:00Z');",
    )
    .unwrap();
    let intake = |id: i64, household: i64, leefgebieden: &str| {
        format!(
            "INSERT INTO intakes (id, created_at, updated_at, user_id, kanaal, household_id,
                complexiteit, signalen, leefgebieden, route, route_chosen, suggested_route,
                urgentie, consent, anonymous)
             VALUES ({id}, '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z', 4, 'balie',
                {household}, 'complex', '{{}}', '{leefgebieden}', '{{\"kind\":\"direct\"}}', 0,
                '{{\"kind\":\"direct\"}}', 'normaal', 1, 0);"
        )
    };
    let item = |id: i64, intake: i64, household: i64, rest: &str| {
        format!(
            "INSERT INTO queue_items (id, intake_id, household_id, kind, target_kind, target,
                state, urgentie, created_at, claimed_by, assigned_to)
             VALUES ({id}, {intake}, {household}, {rest});"
        )
    };
    let mut sql = String::new();
    sql += &intake(1, 54, "[\"wonen\"]");
    sql += &intake(2, 54, "[\"wonen\",\"gezondheid\",\"veiligheid\"]");
    sql += &intake(3, 54, "[\"wonen\",\"gezondheid\",\"veiligheid\"]");
    sql += &intake(4, 60, "[\"wonen\",\"gezondheid\",\"veiligheid\"]");
    sql += &intake(5, 70, "[\"wonen\",\"gezondheid\"]");
    // 54: Dirk's callback (done), then two Sociaal Team referrals the trigger gave to Dirk.
    sql += &item(
        1,
        1,
        54,
        "'terugbelverzoek', 'team', 'KCC', 'afgerond', 'normaal', '2026-11-01T09:00:00Z', 1, NULL",
    );
    sql += &item(
        2,
        2,
        54,
        "'doorverwijzing', 'sociaal-team', 'Centrum', 'nieuw', 'normaal', '2026-11-02T09:00:00Z', NULL, 1",
    );
    sql += &item(
        3,
        3,
        54,
        "'doorverwijzing', 'sociaal-team', 'Centrum', 'opgepakt', 'normaal', '2026-11-03T09:00:00Z', 2, 1",
    );
    // 60: Ilse directs a De Weide case, as the new rule would have it.
    sql += &item(
        4,
        4,
        60,
        "'doorverwijzing', 'sociaal-team', 'De Weide', 'opgepakt', 'normaal', '2026-11-02T09:00:00Z', 3, NULL",
    );
    // 70: nothing open any more.
    sql += &item(
        5,
        5,
        70,
        "'doorverwijzing', 'sociaal-team', 'De Weide', 'afgerond', 'normaal', '2026-11-02T09:00:00Z', 3, NULL",
    );
    conn.execute_batch(&sql).unwrap();
    drop(conn);

    let store = Store::open(&path).unwrap().store;
    let case = store.open_case(54).unwrap().unwrap();
    assert_eq!(case.regie_team, Some(Target::SociaalTeam("Centrum".into())));
    assert_eq!(case.regisseur, None, "a callback made no regisseur");
    assert_eq!(case.opened_at, at("2026-11-02T09:00:00Z"));
    let conn = raw(dir.path());
    let assigned = |id: i64| -> Option<i64> {
        conn.query_row(
            "SELECT assigned_to FROM queue_items WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(assigned(2), None, "no longer meant for the KCC agent");
    assert_eq!(assigned(3), None);
    let ilse = store.open_case(60).unwrap().unwrap();
    assert_eq!(ilse.regisseur, Some(3));
    assert_eq!(
        ilse.regie_team,
        Some(Target::SociaalTeam("De Weide".into()))
    );
    assert_eq!(store.open_case(70).unwrap(), None);
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM households WHERE id = 70 AND regisseur IS NULL"
        ),
        1
    );
}
