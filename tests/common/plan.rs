//! Fixtures of the plan tests: Jan Visser's case directed by Sanne (Loket Wonen), with a plan
//! in the fixed format that uses every layer of the kantelingspiramide.

use chrono::{DateTime, NaiveDate, Utc};
use loket::domain::Laag;
use loket::domain::plan::{
    Afspraak, Answer, ArrangementLine, Consulted, Decision, DecisionRecord, Deliverer, Evaluation,
    EvaluationDecision, FollowUp, Gesprek, HowAgreed, Milestone, Party, Place, PlanContent,
    PlanResult, ResultEvaluation, ResultOutcome, Zelfredzaamheid,
};
use loket::store::Store;

use super::regie::{People, meervoudig_eenvoudig, now, people};

pub fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

/// The people, and Jan Visser's household whose case Sanne directs.
pub fn directed(store: &mut Store) -> (People, i64) {
    let p = people(store);
    let (_, _, household) = meervoudig_eenvoudig(store, &p.kim);
    let household = household.unwrap();
    store
        .become_regisseur(household, &p.sanne, "test", now())
        .unwrap();
    (p, household)
}

pub fn gesprek(note: &str) -> Gesprek {
    Gesprek {
        held_on: day(12, 7),
        place: Place::Thuis,
        participants: vec![],
        brought_along: "dochter Mila".into(),
        consulted: vec![Consulted {
            who: "de huisarts".into(),
            consent: true,
        }],
        note: note.into(),
    }
}

fn line(id: u32, laag: Laag, what: &str, deliverer: Deliverer) -> ArrangementLine {
    ArrangementLine {
        id,
        laag,
        what: what.into(),
        deliverer,
        from: day(12, 14),
        freely_accessible: false,
    }
}

/// Eigen inzet, a named neighbour, a kaart service and a maatwerk line (the walk-through of
/// issue 18), with `words` as the result on wonen.
pub fn content(words: &str) -> PlanContent {
    PlanContent {
        results: vec![
            PlanResult {
                leefgebied: "wonen".into(),
                words: words.into(),
                score: Some(Zelfredzaamheid::BeperktZelfredzaam),
            },
            PlanResult {
                leefgebied: "taal-digitaal".into(),
                words: "Ik kan zelf mijn DigiD gebruiken".into(),
                score: None,
            },
        ],
        tijdpad: vec![Milestone {
            by: day(12, 31),
            what: "Aanvraag traplift ingediend".into(),
        }],
        arrangement: vec![
            line(
                1,
                Laag::EigenKracht,
                "Houdt de post bij in een map",
                Deliverer::Inwoner,
            ),
            line(
                2,
                Laag::SociaalNetwerk,
                "Loopt elke maandag de post door",
                Deliverer::Persoon {
                    name: "Ans de Vries".into(),
                    relation: "buurvrouw".into(),
                },
            ),
            line(
                3,
                Laag::Algemeen,
                "Cursus Klik & Tik",
                Deliverer::Dienst {
                    id: "bibliotheek-digitaal".into(),
                    name: "Digitaal Informatiepunt Bibliotheek".into(),
                },
            ),
            line(
                4,
                Laag::Maatwerk,
                "Traplift",
                Deliverer::Persoon {
                    name: "Wmo-consulent".into(),
                    relation: "gemeente".into(),
                },
            ),
        ],
        contribution: Some("Helpt op woensdag in de buurtkamer".into()),
        afspraken: vec![Afspraak {
            who: Party::Netwerk("Ans de Vries".into()),
            what: "Komt maandag de post doorlopen".into(),
            by: day(12, 14),
        }],
        follow_up: FollowUp {
            duration: "drie maanden".into(),
            how: "De regisseur belt elke maand".into(),
            evaluation_on: day(12, 21),
        },
    }
}

/// The evaluation of 21 December with `decision`: wonen behaald, taal-digitaal deels.
pub fn evaluation(decision: EvaluationDecision) -> Evaluation {
    Evaluation {
        held_on: day(12, 21),
        results: vec![
            ResultEvaluation {
                leefgebied: "wonen".into(),
                outcome: ResultOutcome::Behaald,
                score: None,
            },
            ResultEvaluation {
                leefgebied: "taal-digitaal".into(),
                outcome: ResultOutcome::Deels,
                score: None,
            },
        ],
        decision,
    }
}

/// `now()` plus `days` days.
pub fn later(days: i64) -> DateTime<Utc> {
    now() + chrono::Duration::days(days)
}

/// The result on wonen in the plans of [`december_plans`].
pub const PLAN_WORDS: &str = "Blijven wonen in de flat";

/// Nine households whose plans Sanne makes on 7 December 2026 (for the report): plans 1–8
/// agreed after 1–8 days, plan 9 not (a voorziening asked for); the beschikkingen of 1–5
/// granted; on 21 December 1 and 2 closed, 3 escalated, 4 and 5 going on to 15 January.
/// Returns the people and the plans in order, each with its household.
pub fn december_plans(store: &mut Store) -> (People, Vec<(i64, i64)>) {
    let p = people(store);
    let mut plans = Vec::new();
    let mut tasks = Vec::new();
    for i in 1..=9i64 {
        let (_, _, household) = meervoudig_eenvoudig(store, &p.kim);
        let household = household.unwrap();
        store
            .become_regisseur(household, &p.sanne, "t", now())
            .unwrap();
        let plan = store
            .create_plan(household, &content(PLAN_WORDS), &p.sanne, "t", now())
            .unwrap();
        // Plan i is answered i days after the intake of 7 December.
        let answer = if i <= 8 {
            Answer::Akkoord {
                on: day(12, 7 + i as u32),
                how: HowAgreed::Papier,
            }
        } else {
            Answer::GeenAkkoord {
                on: day(12, 16),
                point: "Wil liever hulp in huis".into(),
                requested: Some("Huishoudelijke hulp".into()),
            }
        };
        tasks.extend(
            store
                .answer_plan(plan, &answer, &p.sanne, "t", later(i))
                .unwrap(),
        );
        plans.push((plan, household));
    }
    // Five of the eight beschikkingen for a traplift are granted; the afwijzende waits.
    let granted = DecisionRecord {
        decision: Decision::Toegekend,
        on: day(12, 18),
        reference: "WMO-2026-0001".into(),
    };
    for task in &tasks[..5] {
        store
            .decide_task(*task, &granted, &p.sanne, "t", later(11))
            .unwrap();
    }
    let decisions = [
        EvaluationDecision::Afsluiten {
            outcome: "Woont veilig".into(),
        },
        EvaluationDecision::Afsluiten {
            outcome: "Post op orde".into(),
        },
        EvaluationDecision::Opschalen {
            reason: "Huisuitzetting dreigt".into(),
        },
        EvaluationDecision::Doorgaan {
            next_evaluation: NaiveDate::from_ymd_opt(2027, 1, 15).unwrap(),
        },
        EvaluationDecision::Doorgaan {
            next_evaluation: NaiveDate::from_ymd_opt(2027, 1, 15).unwrap(),
        },
    ];
    for ((plan, _), decision) in plans.iter().zip(decisions) {
        store
            .evaluate_plan(*plan, &evaluation(decision), &p.sanne, "t", later(14))
            .unwrap();
    }
    (p, plans)
}
