//! Issue 17's "One regisseur" bullets that the other regie tests leave open, one test each, on
//! real database files: nobody outside the regie team's medewerkers directs, by whatever path;
//! a regisseur who left can be replaced; a new question of a known household joins its case.

mod common;

use common::db::open;
use common::regie::{People, loket_wonen, now, people, person, question, refused};
use loket::domain::account::Role;
use loket::domain::intake::Route;
use loket::domain::queue::{QueueAction, Target};
use loket::store::Store;

fn sociaal_team() -> Route {
    Route::SociaalTeam {
        wijk: "De Weide".into(),
    }
}

/// Jan Visser's meervoudig complexe question: the Sociaal Team De Weide directs his case.
fn complex_case(store: &mut Store, p: &People) -> (i64, i64) {
    let leefgebieden = ["wonen", "geldzaken-schulden", "veiligheid"];
    let (_, item, household) = question(store, &p.kim, sociaal_team(), &leefgebieden, None, "");
    (household.unwrap(), item.unwrap())
}

/// "KCC agents and volunteers never become regisseur": not by a claim, not by the coördinator's
/// assignment of the regie or of an item, not by a hand-on, not even as members of the team.
#[test]
fn kcc_agents_and_volunteers_never_become_regisseur_by_any_path() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let p = people(&mut store);
    let vera = person(
        &mut store,
        "Vera",
        Role::Vrijwilliger,
        &["Sociaal Team De Weide"],
        &[],
    );
    let (household, _) = complex_case(&mut store, &p);
    let t = "test";
    // The KCC returns a callback of the household: it joins the case; claiming it is no regie.
    let kcc = Route::Terugbelverzoek { team: "KCC".into() };
    let (_, callback, _) = question(&mut store, &p.dirk, kcc, &["wonen"], Some(household), "");
    store
        .queue_act(callback.unwrap(), &p.dirk, &QueueAction::Claim, t, now())
        .unwrap();
    let regisseur = |store: &Store| store.open_case(household).unwrap().unwrap().regisseur;
    assert_eq!(regisseur(&store), None);

    for name in ["Vera", "Dirk", "Kim"] {
        let assigned = store.assign_regisseur(household, name, &p.olaf, t, now());
        assert!(assigned.is_err(), "{name} was made regisseur");
    }
    assert!(refused(store.become_regisseur(household, &vera, t, now())).contains("Vera kan geen"));
    assert!(refused(store.become_regisseur(household, &p.dirk, t, now())).contains("Dirk hoort"));
    // Giving an item to Ilse is work, not regie.
    let given = store
        .reassign(&[callback.unwrap()], "Ilse", &p.olaf, t, now())
        .unwrap();
    assert!(given.iter().all(|(_, r)| r.is_err()), "a KCC item");
    assert_eq!(regisseur(&store), None);

    // Nor can a regisseur hand the regie on to them.
    store
        .assign_regisseur(household, "Ilse", &p.olaf, t, now())
        .unwrap();
    let st = Target::SociaalTeam("De Weide".into());
    for to in ["Vera", "Dirk"] {
        let offer = store.hand_on_regie(household, to, &st, "geen klik", &p.ilse, t, now());
        assert!(offer.is_err(), "regie offered to {to}");
    }
    assert_eq!(regisseur(&store), Some(p.ilse.id));
}

/// A regisseur who left (account disabled) no longer directs: the coördinator assigns a
/// medewerker of the team, or one takes it up, and new questions no longer wait for the one
/// who left.
#[test]
fn a_regisseur_who_left_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let p = people(&mut store);
    let kees = person(
        &mut store,
        "Kees",
        Role::Medewerker,
        &["Sociaal Team De Weide"],
        &[],
    );
    let (household, _) = complex_case(&mut store, &p);
    let t = "test";
    store
        .become_regisseur(household, &p.ilse, t, now())
        .unwrap();
    assert_eq!(
        refused(store.become_regisseur(household, &kees, t, now())),
        "Ilse is al de regisseur"
    );
    store.disable_user("Ilse").unwrap();
    let regie = store.household_regie(household, &p.kim, t, now()).unwrap();
    assert_eq!(
        regie.unwrap().regisseur,
        None,
        "the desks are not sent to her"
    );
    let (_, later, _) = question(
        &mut store,
        &p.kim,
        sociaal_team(),
        &["wonen"],
        Some(household),
        "",
    );
    let item = store.queue_item(later.unwrap(), now()).unwrap().unwrap();
    assert_eq!(item.assigned_to, None, "not for the one who left");

    store
        .assign_regisseur(household, "Kees", &p.olaf, t, now())
        .unwrap();
    let case = store.open_case(household).unwrap().unwrap();
    assert_eq!(case.regisseur, Some(kees.id));
    let item = store.queue_item(later.unwrap(), now()).unwrap().unwrap();
    assert_eq!(
        item.assigned_to,
        Some("Kees".to_string()),
        "meant for the new regisseur"
    );
}

/// "It joins the existing case instead of opening a second track": one case per household,
/// which a meervoudige question gives the regie team an enkelvoudige track lacked; after the
/// case closed, a new question opens a new one.
#[test]
fn a_new_question_of_a_known_household_joins_its_one_case() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let p = people(&mut store);
    let (_, first, household) = question(&mut store, &p.kim, loket_wonen(), &["wonen"], None, "");
    let household = household.unwrap();
    let case = store.open_case(household).unwrap().unwrap();
    assert_eq!(case.regie_team, None, "enkelvoudig: no regisseur");

    let leefgebieden = ["wonen", "geldzaken-schulden", "veiligheid"];
    let (_, second, _) = question(
        &mut store,
        &p.kim,
        sociaal_team(),
        &leefgebieden,
        Some(household),
        "",
    );
    let joined = store.open_case(household).unwrap().unwrap();
    assert_eq!(joined.id, case.id, "no second track");
    assert_eq!(
        joined.regie_team,
        Some(Target::SociaalTeam("De Weide".into()))
    );
    store
        .become_regisseur(household, &p.ilse, "test", now())
        .unwrap();
    let assigned = |store: &Store, item: Option<i64>| -> Option<String> {
        store
            .queue_item(item.unwrap(), now())
            .unwrap()
            .unwrap()
            .assigned_to
    };
    let ilse = Some("Ilse".to_string());
    assert_eq!(assigned(&store, first), ilse);
    assert_eq!(assigned(&store, second), ilse);

    store
        .close_case(household, "plan loopt", &p.ilse, "test", now())
        .unwrap();
    question(
        &mut store,
        &p.kim,
        loket_wonen(),
        &["wonen"],
        Some(household),
        "",
    );
    let next = store.open_case(household).unwrap().unwrap();
    assert_ne!(next.id, case.id, "a closed case is not reopened");
    assert_eq!(next.regisseur, None);
}
