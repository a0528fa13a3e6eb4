//! Gesprek and plan van aanpak on a real database file (issue 18): versions and akkoord,
//! beschikking tasks, need-to-know refusals with their audit rows, evaluation and closing, the
//! regisseur's plan work, and the resident's rights (export, erasure, retention) checked in the
//! bytes on disk.

mod common;

use common::db::{count, database_bytes, holding, open, raw};
use common::plan::{content, day, directed, evaluation, gesprek, later};
use common::regie::{People, now};
use loket::domain::plan::{
    Answer, Decision, DecisionRecord, EvaluationDecision, Handover, HowAgreed, PlanProblem,
    PlanStatus, PlanWorkKind, Started, TaskKind, VersionState,
};
use loket::domain::policy::Refusal;
use loket::domain::retention::RetentionPolicy;
use loket::store::{AuditFilter, PlanError, RegieError, Store};

fn akkoord(m: u32, d: u32) -> Answer {
    Answer::Akkoord {
        on: day(m, d),
        how: HowAgreed::Papier,
    }
}

fn last_audit(store: &Store) -> (String, String, String) {
    let rows = store.audit_query(&AuditFilter::default()).unwrap();
    let row = rows.last().unwrap();
    (row.action.clone(), row.object.clone(), row.result.clone())
}

fn handover(to: &str, started: Started) -> Handover {
    Handover {
        to: to.into(),
        on: day(12, 7),
        goal: "Blijven wonen".into(),
        started,
    }
}

/// Jan Visser's case with a first plan version, made by Sanne.
fn with_plan() -> (tempfile::TempDir, Store, People, i64, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let (p, household) = directed(&mut store);
    let plan = store
        .create_plan(household, &content("Blijven wonen"), &p.sanne, "t", now())
        .unwrap();
    (dir, store, p, household, plan)
}

#[test]
fn a_change_after_akkoord_is_a_new_version_and_the_old_one_stays_readable() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let (p, household) = directed(&mut store);
    store
        .record_gesprek(
            household,
            &gesprek("Wil in huis blijven"),
            &p.sanne,
            "t",
            now(),
        )
        .unwrap();
    let plan = store
        .create_plan(
            household,
            &content("In mijn huis blijven"),
            &p.sanne,
            "t",
            now(),
        )
        .unwrap();
    // Before the answer the concept is corrected in place.
    let n = store
        .revise_plan(plan, &content("Veilig de trap op"), &p.sanne, "t", now())
        .unwrap();
    assert_eq!(n, 1);
    let tasks = store
        .answer_plan(plan, &akkoord(12, 7), &p.sanne, "t", now())
        .unwrap();
    assert_eq!(tasks.len(), 1, "the maatwerk line only");
    assert_eq!(
        last_audit(&store),
        (
            "plan akkoord".into(),
            format!("plan:{plan}"),
            "gelukt: akkoord, 1 taken".into()
        )
    );
    let n = store
        .revise_plan(plan, &content("Zelf boven slapen"), &p.sanne, "t", later(1))
        .unwrap();
    assert_eq!(n, 2);
    // The same line agreed again asks no second beschikking.
    let again = store
        .answer_plan(plan, &akkoord(12, 8), &p.sanne, "t", later(1))
        .unwrap();
    assert!(again.is_empty());
    let view = store.plan(plan, &p.sanne, "t", later(1)).unwrap();
    assert_eq!(view.versions.len(), 2);
    assert_eq!(
        view.versions[0].content.results[0].words,
        "Veilig de trap op"
    );
    assert_eq!(view.versions[0].state, VersionState::Akkoord);
    assert_eq!(view.latest().content.results[0].words, "Zelf boven slapen");
    assert_eq!(view.status, PlanStatus::Akkoord);
    assert_eq!(view.tasks[0].kind, TaskKind::BeschikkingAanvragen);
    assert_eq!(view.tasks[0].team, "Team Wmo-consulenten");
    assert_eq!(view.regisseur.as_ref().unwrap().name, "Sanne");
    // An answered version is not answered twice.
    let twice = store.answer_plan(plan, &akkoord(12, 8), &p.sanne, "t", later(1));
    assert!(matches!(twice, Err(PlanError::Problem(_))), "{twice:?}");
    assert_eq!(
        store.gesprekken(household, &p.sanne, "t", now()).unwrap()[0]
            .gesprek
            .brought_along,
        "dochter Mila"
    );
}

/// Seed 003 §3.4: "volgt een afwijzende beschikking. Daartegen kan de inwoner in bezwaar gaan."
#[test]
fn geen_akkoord_on_a_requested_voorziening_asks_an_afwijzende_beschikking() {
    let (_dir, mut store, p, _, plan) = with_plan();
    let no = Answer::GeenAkkoord {
        on: day(12, 7),
        point: "Wil huishoudelijke hulp in plaats van de buurvrouw".into(),
        requested: Some("Huishoudelijke hulp".into()),
    };
    let tasks = store.answer_plan(plan, &no, &p.sanne, "t", now()).unwrap();
    let view = store.plan(plan, &p.sanne, "t", now()).unwrap();
    assert_eq!(view.status, PlanStatus::GeenAkkoord);
    assert_eq!(view.tasks[0].kind, TaskKind::AfwijzendeBeschikking);
    let decision = DecisionRecord {
        decision: Decision::Afgewezen,
        on: day(12, 7),
        reference: "WMO-2026-0099".into(),
    };
    store
        .decide_task(tasks[0], &decision, &p.sanne, "t", now())
        .unwrap();
    let again = store.decide_task(tasks[0], &decision, &p.sanne, "t", now());
    assert!(matches!(again, Err(PlanError::Problem(_))));
    let view = store.plan(plan, &p.sanne, "t", now()).unwrap();
    assert_eq!(view.tasks[0].decision.as_ref(), Some(&decision));
}

/// Issue 18: "the regisseur, their team and colleagues they let read along see the plan; …
/// volunteers and KCC never see plan contents; every view is audited."
#[test]
fn need_to_know_is_enforced_in_the_store_and_every_look_is_audited() {
    let (_dir, mut store, p, household, plan) = with_plan();
    store
        .share_case(Some(household), "Dirk", &p.sanne, "t", now())
        .unwrap();
    store
        .share_case(Some(household), "Ilse", &p.sanne, "t", now())
        .unwrap();
    for (who, refusal) in [
        (&p.kim, Refusal::RoleSeesExistenceOnly),
        (&p.dirk, Refusal::KccSeesNoPlans),
        (&p.gijs, Refusal::NotInvolved),
    ] {
        match store.plan(plan, who, "t", now()) {
            Err(PlanError::NoAccess(r)) => assert_eq!(r, refusal, "{}", who.name),
            other => panic!("{}: {other:?}", who.name),
        }
        assert_eq!(last_audit(&store).2, refusal.code());
        assert!(store.gesprekken(household, who, "t", now()).is_err());
    }
    assert!(store.plan(plan, &p.ilse, "t", now()).is_ok());
    assert_eq!(last_audit(&store).2, "gelukt: meelezen");
    // Only the regisseur writes; a refusal stores nothing but its audit row.
    let refused = store.revise_plan(plan, &content("Anders"), &p.ilse, "t", now());
    assert!(
        matches!(refused, Err(PlanError::NotRegisseur)),
        "{refused:?}"
    );
    assert_eq!(last_audit(&store).2, "geweigerd: geen regisseur");
    let view = store.plan(plan, &p.sanne, "t", now()).unwrap();
    assert_eq!(view.latest().content.results[0].words, "Blijven wonen");
    // A note with someone else's phone number is refused before anything is stored.
    let bad = store.record_gesprek(
        household,
        &gesprek("buurman 06 12345678"),
        &p.sanne,
        "t",
        now(),
    );
    assert!(matches!(bad, Err(PlanError::Problem(_))));
    assert!(
        store
            .gesprekken(household, &p.sanne, "t", now())
            .unwrap()
            .is_empty()
    );
    // One plan per case.
    let second = store.create_plan(household, &content("x"), &p.sanne, "t", now());
    assert!(matches!(second, Err(PlanError::AlreadyAPlan(id)) if id == plan));
}

#[test]
fn plan_work_evaluation_and_closing_end_the_lopend_traject() {
    let (_dir, mut store, p, household, plan) = with_plan();
    let kinds = |store: &Store, at| {
        store
            .plan_work(&p.sanne, at)
            .unwrap()
            .into_iter()
            .map(|w| (w.kind, w.overdue))
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds(&store, now()), [(PlanWorkKind::AkkoordNodig, false)]);
    let early = store.evaluate_plan(
        plan,
        &evaluation(EvaluationDecision::Bijstellen),
        &p.sanne,
        "t",
        later(14),
    );
    assert!(
        matches!(early, Err(PlanError::Problem(_))),
        "no akkoord yet"
    );
    store
        .answer_plan(plan, &akkoord(12, 7), &p.sanne, "t", now())
        .unwrap();
    // 15 December: the afspraak of the 14th is past, and so is the start of the neighbour's
    // and the bibliotheek's lines without a warme overdracht; the beschikking waits.
    assert_eq!(
        kinds(&store, later(8)),
        [
            (PlanWorkKind::AfspraakVerlopen, true),
            (PlanWorkKind::Overdracht, true),
            (PlanWorkKind::Beschikking, false)
        ]
    );
    for line in [2, 3] {
        store
            .record_handover(
                plan,
                line,
                &handover("x", Started::Ja),
                &p.sanne,
                "t",
                now(),
            )
            .unwrap();
    }
    store
        .record_progress(plan, day(12, 15), &p.sanne, "t", later(8))
        .unwrap();
    assert_eq!(
        kinds(&store, later(8)),
        [(PlanWorkKind::Beschikking, false)]
    );
    assert!(kinds(&store, later(14)).contains(&(PlanWorkKind::Evaluatie, false)));
    let listed = store.my_plans(&p.sanne, "t", now()).unwrap();
    assert_eq!(
        (listed[0].id, listed[0].status),
        (plan, PlanStatus::Akkoord)
    );
    // The case cannot be closed around its plan.
    let closing = store.close_case(household, "klaar", &p.sanne, "t", later(14));
    assert!(matches!(closing, Err(RegieError::OpenPlan)), "{closing:?}");
    let go_on = EvaluationDecision::Doorgaan {
        next_evaluation: day(12, 31) + chrono::Days::new(60),
    };
    store
        .evaluate_plan(plan, &evaluation(go_on), &p.sanne, "t", later(14))
        .unwrap();
    assert!(
        !kinds(&store, later(15))
            .iter()
            .any(|(k, _)| *k == PlanWorkKind::Evaluatie)
    );
    let up = EvaluationDecision::Opschalen {
        reason: "Veel geprobeerd, schulden groeien".into(),
    };
    let done = store
        .evaluate_plan(plan, &evaluation(up), &p.sanne, "t", later(14))
        .unwrap();
    assert!(done.escalated.is_some());
    let close = EvaluationDecision::Afsluiten {
        outcome: "Woont veilig thuis, post op orde".into(),
    };
    let done = store
        .evaluate_plan(plan, &evaluation(close), &p.sanne, "t", later(14))
        .unwrap();
    assert!(done.closed);
    assert_eq!(
        store.open_case(household).unwrap(),
        None,
        "lopend traject ended"
    );
    let view = store.plan(plan, &p.sanne, "t", later(14)).unwrap();
    assert_eq!(view.status, PlanStatus::Afgesloten);
    assert_eq!(view.evaluations.len(), 3);
    assert_eq!(store.my_plans(&p.sanne, "t", later(14)).unwrap().len(), 1);
    assert!(store.plan_work(&p.sanne, later(14)).unwrap().is_empty());
}

const CANARIES: [&str; 5] = [
    "KANARIE-GESPREK-8P",
    "KANARIE-RESULTAAT-V1-8P",
    "KANARIE-RESULTAAT-V2-8P",
    "KANARIE-UITKOMST-8P",
    "KANARIE-OVERDRACHT-8P",
];

/// Household with a gesprek, a plan in two versions, closed with an outcome.
fn closed_plan(store: &mut Store) -> (i64, i64) {
    let (p, household) = directed(store);
    store
        .record_gesprek(household, &gesprek(CANARIES[0]), &p.sanne, "t", now())
        .unwrap();
    let plan = store
        .create_plan(household, &content(CANARIES[1]), &p.sanne, "t", now())
        .unwrap();
    store
        .answer_plan(plan, &akkoord(12, 7), &p.sanne, "t", now())
        .unwrap();
    store
        .record_handover(
            plan,
            2,
            &handover(CANARIES[4], Started::Ja),
            &p.sanne,
            "t",
            now(),
        )
        .unwrap();
    store
        .revise_plan(plan, &content(CANARIES[2]), &p.sanne, "t", now())
        .unwrap();
    let close = EvaluationDecision::Afsluiten {
        outcome: CANARIES[3].into(),
    };
    store
        .evaluate_plan(plan, &evaluation(close), &p.sanne, "t", later(14))
        .unwrap();
    (household, plan)
}

#[test]
fn the_export_holds_every_version_and_an_erasure_leaves_no_canary_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let (household, plan) = closed_plan(&mut store);
    let export = store
        .export_household(household, "cli:beheer", "t", later(15))
        .unwrap();
    let json = serde_json::to_string(&export).unwrap();
    for canary in CANARIES {
        assert!(json.contains(canary), "{canary} missing from the export");
    }
    assert_eq!(export.plans[0].versions.len(), 2);
    assert!(
        export
            .access
            .iter()
            .any(|a| a.object == format!("plan:{plan}")),
        "the looks at the plan are in the resident's copy"
    );
    for canary in CANARIES {
        assert!(!holding(&database_bytes(dir.path()), canary).is_empty());
    }
    let report = store
        .forget_household(household, "verzoek inwoner", "cli:beheer", "t", later(15))
        .unwrap();
    assert_eq!(report.plans, 1);
    let files = database_bytes(dir.path());
    for canary in CANARIES {
        assert_eq!(holding(&files, canary), Vec::<String>::new(), "{canary}");
    }
}

/// `plan_maanden` (default 24) counts from closing; the case stays until then.
#[test]
fn retention_removes_a_closed_plan_after_its_own_term() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let (_, plan) = closed_plan(&mut store);
    let policy = RetentionPolicy::default();
    let at = |months: u32| later(14) + chrono::Months::new(months);
    let early = store.purge(&policy, "t", "t", at(23), false).unwrap();
    assert_eq!((early.plans, early.regie_cases), (0, 0));
    assert!(!holding(&database_bytes(dir.path()), CANARIES[2]).is_empty());
    let report = store.purge(&policy, "t", "t", at(25), false).unwrap();
    assert_eq!(report.plans, 1);
    let conn = raw(dir.path());
    assert_eq!(
        count(
            &conn,
            &format!("SELECT count(*) FROM plans WHERE id = {plan}")
        ),
        0
    );
    let files = database_bytes(dir.path());
    for canary in CANARIES {
        assert_eq!(holding(&files, canary), Vec::<String>::new(), "{canary}");
    }
}

/// Issue 18: "Warme overdracht per arrangement line: the regisseur records to whom, when, and
/// what the resident wants to achieve there, and whether the resident has started."
#[test]
fn the_regisseur_records_the_warme_overdracht_per_line_and_updates_it_later() {
    let (_dir, mut store, p, _, plan) = with_plan();
    let hand_over = |store: &mut Store, line, to: &str, started, by, at| {
        store.record_handover(plan, line, &handover(to, started), by, "t", at)
    };
    // Before akkoord there is nothing to hand over.
    let early = hand_over(&mut store, 2, "Ans", Started::NogNiet, &p.sanne, now());
    assert!(
        matches!(early, Err(PlanError::Problem(PlanProblem::NoAkkoord))),
        "{early:?}"
    );
    assert_eq!(last_audit(&store).2, "geweigerd: ongeldige invoer");
    store
        .answer_plan(plan, &akkoord(12, 7), &p.sanne, "t", now())
        .unwrap();
    let first = hand_over(
        &mut store,
        2,
        " Ans de Vries ",
        Started::NogNiet,
        &p.sanne,
        now(),
    );
    assert!(!first.unwrap());
    assert_eq!(
        last_audit(&store),
        (
            "overdracht vastleggen".into(),
            format!("plan:{plan}"),
            "gelukt: regel 2, gestart nog-niet".into()
        )
    );
    // Later: the resident started.
    let again = hand_over(
        &mut store,
        2,
        "Ans de Vries",
        Started::Ja,
        &p.sanne,
        later(3),
    );
    assert!(again.unwrap());
    let view = store.plan(plan, &p.sanne, "t", later(3)).unwrap();
    let record = view.handover(2).unwrap();
    assert_eq!(record.handover.to, "Ans de Vries");
    assert_eq!(record.handover.started, Started::Ja);
    assert_eq!(record.made_by, "Sanne");
    assert_eq!(record.changed_by.as_deref(), Some("Sanne"));
    // Refusals change nothing and are audited with fixed words; eigen inzet says why.
    for (line, who, refused) in [
        (1, &p.sanne, "geweigerd: ongeldige invoer"),
        (9, &p.sanne, "geweigerd: ongeldige invoer"),
        (3, &p.ilse, "geweigerd: geen regisseur"),
    ] {
        let result = hand_over(&mut store, line, "Iemand", Started::Ja, who, later(3));
        assert!(result.is_err(), "line {line}");
        assert_eq!(last_audit(&store).2, refused);
    }
    let eigen = hand_over(&mut store, 1, "Jan", Started::Ja, &p.sanne, later(3));
    assert_eq!(
        eigen.unwrap_err().to_string(),
        "Eigen inzet doet de inwoner zelf: er is niemand om aan over te dragen"
    );
    let view = store.plan(plan, &p.sanne, "t", later(3)).unwrap();
    assert_eq!(view.handovers.len(), 1);
}
