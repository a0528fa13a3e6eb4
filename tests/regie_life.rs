//! The regie case's whole life on real database files (issue 17): the resident's copy holds
//! it (regisseur, hand-ons, opschalingen), an erasure removes it, and retention removes it with
//! the household's last intake, or once it has been closed for the term of a closed intake, so
//! no orphan case keeps a household "lopend traject".

mod common;

use chrono::{DateTime, Months, Utc};
use common::db::{count, on_disk, open, raw};
use common::regie::{
    People, loket_wonen, meervoudig_eenvoudig, noor, now, people, question, reach_and_close,
};
use loket::domain::account::User;
use loket::domain::queue::{Outcome, Target};
use loket::domain::regie::Escalation;
use loket::domain::retention::RetentionPolicy;
use loket::store::{PurgeReport, Store};

/// The reasons typed for the regie: each must leave the file with the case.
const REASONS: [&str; 3] = ["GEEN-KLIK-4K", "ANDERE-EXPERTISE-4K", "OPSCHALING-4K"];

struct Life {
    dir: tempfile::TempDir,
    store: Store,
    p: People,
    noor: User,
    household: i64,
    /// The question's item and the opschaling's item.
    items: [i64; 2],
}

/// Jan Visser's case: Sanne (Loket Wonen) takes the regie and lets Gijs read along; Ilse
/// (Sociaal Team De Weide) declines it once and then accepts it, letting Sanne read along;
/// Ilse asks the Expertiseteam in.
fn life() -> Life {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let p = people(&mut store);
    let noor = noor(&mut store);
    let (_, item, household) = meervoudig_eenvoudig(&mut store, &p.kim);
    let household = household.unwrap();
    let t = "test";
    store
        .become_regisseur(household, &p.sanne, t, now())
        .unwrap();
    store
        .share_case(Some(household), "Gijs", &p.sanne, t, now())
        .unwrap();
    let st = Target::SociaalTeam("De Weide".into());
    for (reason, accept) in [(REASONS[0], false), (REASONS[1], true)] {
        let offer = store
            .hand_on_regie(household, "Ilse", &st, reason, &p.sanne, t, now())
            .unwrap();
        store
            .answer_regie_offer(offer, accept, true, &p.ilse, t, now())
            .unwrap();
    }
    let why = Escalation {
        reason: format!("{}: huisuitzetting dreigt", REASONS[2]),
    };
    let escalated = store.escalate(household, &why, &p.ilse, t, now()).unwrap();
    Life {
        dir,
        store,
        p,
        noor,
        household,
        items: [item.unwrap(), escalated],
    }
}

fn purge(store: &mut Store, at: DateTime<Utc>) -> PurgeReport {
    store
        .purge(&RetentionPolicy::default(), "cli:beheer", "test", at, false)
        .unwrap()
}

/// Nothing of the household's regie is left: no case, regisseur, reader or reason.
fn assert_no_regie(life: &Life) {
    let h = life.household;
    assert_eq!(life.store.open_case(h).unwrap(), None);
    assert!(life.store.household_open_tracks(h).unwrap().is_empty());
    let conn = raw(life.dir.path());
    for (table, sql) in [
        (
            "cases",
            format!("SELECT count(*) FROM cases WHERE household_id = {h}"),
        ),
        (
            "regie_handovers",
            "SELECT count(*) FROM regie_handovers".into(),
        ),
        (
            "household_readers",
            format!("SELECT count(*) FROM household_readers WHERE household_id = {h}"),
        ),
        (
            "households.regisseur",
            format!("SELECT count(*) FROM households WHERE id = {h} AND regisseur IS NOT NULL"),
        ),
        (
            "queue_items.case_id",
            "SELECT count(*) FROM queue_items WHERE case_id IS NOT NULL".into(),
        ),
    ] {
        assert_eq!(count(&conn, &sql), 0, "{table}");
    }
    for reason in REASONS {
        assert!(
            !on_disk(life.dir.path(), reason),
            "{reason} is still on disk"
        );
    }
}

#[test]
fn the_residents_copy_holds_the_case_its_regisseur_hand_ons_and_opschalingen() {
    let life = life();
    let export = life
        .store
        .export_household(life.household, "cli:privacy", "test", now())
        .unwrap();
    assert_eq!(export.cases.len(), 1);
    let case = &export.cases[0];
    assert_eq!(case.opened_at, "2026-12-07T09:00:00Z");
    assert_eq!(case.closed_at, None);
    assert_eq!(case.regie_team.as_deref(), Some("Sociaal Team De Weide"));
    let ilse = case.regisseur.as_ref().unwrap();
    assert_eq!(
        (ilse.name.as_str(), ilse.location.as_str()),
        ("Ilse", "Bureau van Ilse")
    );
    let hand_ons: Vec<_> = case
        .hand_ons
        .iter()
        .map(|h| {
            (
                h.from.as_ref().unwrap().name.as_str(),
                h.to.as_ref().unwrap().name.as_str(),
                h.team.as_str(),
                h.reason.as_str(),
                h.accepted,
            )
        })
        .collect();
    let st = "Sociaal Team De Weide";
    assert_eq!(
        hand_ons,
        [
            ("Sanne", "Ilse", st, REASONS[0], Some(false)),
            ("Sanne", "Ilse", st, REASONS[1], Some(true)),
        ]
    );
    assert_eq!(case.escalations.len(), 1);
    assert_eq!(case.escalations[0].queue_item, life.items[1]);
    assert!(case.escalations[0].reason.starts_with(REASONS[2]));
    // Gijs reads along for as long as the case is open, Sanne for 14 days.
    let mut until: Vec<bool> = export.readers.iter().map(|r| r.until.is_some()).collect();
    until.sort();
    assert_eq!(until, [false, true]);
    // The same JSON as the rest of the copy; colleagues other than regisseurs stay unnamed.
    let json = serde_json::to_string(&export).unwrap();
    assert!(
        json.contains(r#""regie_team":"Sociaal Team De Weide""#),
        "{json}"
    );
    for colleague in ["Kim", "Gijs", "Noor"] {
        assert!(
            !json.contains(&format!(r#""name":"{colleague}""#)),
            "{colleague}"
        );
    }
}

#[test]
fn a_closed_case_shows_when_and_why_and_no_regisseur() {
    let mut life = life();
    life.store
        .close_case(
            life.household,
            "plan loopt bij aanbieder",
            &life.p.ilse,
            "test",
            now(),
        )
        .unwrap();
    let export = life
        .store
        .export_household(life.household, "cli:privacy", "test", now())
        .unwrap();
    let case = &export.cases[0];
    assert_eq!(case.closed_at.as_deref(), Some("2026-12-07T09:00:00Z"));
    assert_eq!(case.close_reason, "plan loopt bij aanbieder");
    assert_eq!(case.regisseur, None);
    assert_eq!(case.hand_ons.len(), 2, "the history of the regie stays");
}

#[test]
fn an_erasure_removes_the_case_with_its_regie() {
    let mut life = life();
    for reason in REASONS {
        assert!(
            on_disk(life.dir.path(), reason),
            "{reason}: the scan proves nothing"
        );
    }
    let report = life
        .store
        .forget_household(
            life.household,
            "verzoek AVG-2026-031",
            "cli:privacy",
            "test",
            now(),
        )
        .unwrap();
    assert_eq!((report.regie_cases, report.readers), (1, 2));
    assert_no_regie(&life);
    let export = life
        .store
        .export_household(life.household, "cli:privacy", "test", now())
        .unwrap();
    assert!(export.cases.is_empty() && export.readers.is_empty());
    assert!(life.store.verify_audit().unwrap().is_intact());
}

/// A regisseur who never closes the case does not keep the household "lopend" once its
/// intakes are gone: the case goes with the last one.
#[test]
fn retention_takes_the_case_with_the_households_last_intake() {
    let mut life = life();
    let [item, escalated] = life.items;
    reach_and_close(
        &mut life.store,
        item,
        &life.p.ilse,
        Outcome::GesprekGevoerd,
        now(),
    );
    let noor = life.noor.clone();
    reach_and_close(
        &mut life.store,
        escalated,
        &noor,
        Outcome::GesprekGevoerd,
        now(),
    );
    assert!(life.store.open_case(life.household).unwrap().is_some());

    let early = purge(&mut life.store, now() + Months::new(11));
    assert_eq!(early.regie_cases, 0, "not before the term");
    assert!(life.store.open_case(life.household).unwrap().is_some());

    let report = purge(&mut life.store, now() + Months::new(13));
    assert_eq!((report.closed_cases, report.regie_cases), (1, 1));
    assert_no_regie(&life);
    assert_eq!(
        life.store
            .household_regie(life.household, &life.p.kim, "test", now())
            .unwrap(),
        None,
        "the desk sees no lopend traject"
    );
    assert!(life.store.verify_audit().unwrap().is_intact());
}

/// Seed 002's "1 gezin, 1 plan": a case closed (traject afgesloten) with all its items goes
/// after the term of a closed intake, though the household still has a question open.
#[test]
fn retention_takes_a_case_closed_for_longer_than_the_term() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let p = people(&mut store);
    let (_, item, household) = meervoudig_eenvoudig(&mut store, &p.kim);
    let household = household.unwrap();
    store
        .become_regisseur(household, &p.sanne, "test", now())
        .unwrap();
    // A question of its own stays open, so the household keeps an intake.
    let reason = "alleen een folder";
    let (own, _, _) = question(
        &mut store,
        &p.kim,
        loket_wonen(),
        &["wonen"],
        Some(household),
        reason,
    );
    reach_and_close(
        &mut store,
        item.unwrap(),
        &p.sanne,
        Outcome::GesprekGevoerd,
        now(),
    );
    store
        .close_case(household, "KLAAR-4K", &p.sanne, "test", now())
        .unwrap();

    assert_eq!(purge(&mut store, now() + Months::new(11)).regie_cases, 0);
    assert!(on_disk(dir.path(), "KLAAR-4K"));
    let report = purge(&mut store, now() + Months::new(13));
    assert_eq!((report.closed_cases, report.regie_cases), (1, 1));
    let conn = raw(dir.path());
    assert_eq!(count(&conn, "SELECT count(*) FROM cases"), 0);
    assert!(!on_disk(dir.path(), "KLAAR-4K"));
    let kept =
        format!("SELECT count(*) FROM intakes WHERE id = {own} AND household_id IS NOT NULL");
    assert_eq!(count(&conn, &kept), 1, "the open question stays");
}
