//! The regisseur on real database files (issue 17, seed-gaps §3): the regie follows the route
//! (seed 003 §3.5), is taken explicitly by a medewerker of that team, never by a KCC agent or a
//! volunteer; a new question joins the case and goes to its regisseur; the lopend traject lasts
//! until the case closes. Handing on and opschaling: `regie_hand_on.rs`; the migration of
//! existing regisseurs: `regie_migration.rs`.

mod common;

use common::db::{count, open, raw};
use common::regie::{
    loket_wonen, meervoudig_eenvoudig, now, people, question, reach_and_close, refused,
};
use loket::domain::intake::Route;
use loket::domain::queue::{Outcome, QueueAction, Target};
use loket::domain::regie::RegieRefusal;
use loket::store::RegieError;

#[test]
fn the_regie_follows_the_route_and_is_taken_explicitly() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let p = people(&mut store);
    // Meervoudig eenvoudig: the Loket of the highest-priority leefgebied directs.
    let (_, item, household) = meervoudig_eenvoudig(&mut store, &p.kim);
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
    reach_and_close(&mut store, item, &p.sanne, Outcome::EldersGeholpen, now());
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
    let (_, first, household) = meervoudig_eenvoudig(&mut store, &p.kim);
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

/// The lopend traject lasts as long as the case: it outlives its items, ends when the
/// regisseur closes it, and a desk sees who directs it, never what it holds.
#[test]
fn the_regisseur_closes_the_case_and_the_desk_sees_who_directs_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let p = people(&mut store);
    let (_, item, household) = meervoudig_eenvoudig(&mut store, &p.kim);
    let (household, item) = (household.unwrap(), item.unwrap());
    store
        .become_regisseur(household, &p.sanne, "test", now())
        .unwrap();
    reach_and_close(&mut store, item, &p.sanne, Outcome::PlanGemaakt, now());
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
