//! Gesprekken and plans van aanpak for the demo cases that have a regisseur: a gesprek a few
//! working days after the regie was taken, a plan in the fixed format with a line in every
//! layer of the piramide, and, as time allows, akkoord (or now and then geen akkoord), a
//! decision on its beschikking, and an evaluation that goes on or closes the plan. Made
//! through the store's own acts, so the audit log and the plan work are as at a desk.

use chrono::{DateTime, Days, NaiveDate, Utc};

use super::generator::{Generator, to_utc};
use super::{DemoError, ORIGIN};
use crate::domain::Laag;
use crate::domain::account::User;
use crate::domain::hours::dutch_local;
use crate::domain::plan::{
    Afspraak, Answer, ArrangementLine, Consulted, Decision, DecisionRecord, Deliverer, Evaluation,
    EvaluationDecision, FollowUp, Gesprek, Handover, HowAgreed, Milestone, Party, Place,
    PlanContent, PlanResult, ResultEvaluation, ResultOutcome, Started, Zelfredzaamheid,
};
use crate::domain::workdays::add_working_days;
use crate::store::{PlanError, Store};

const NEIGHBOURS: [(&str, &str); 4] = [
    ("Ans de Vries", "buurvrouw"),
    ("Karim El Idrissi", "neef"),
    ("Truus Bakker", "vriendin"),
    ("Henk Mulder", "buurman"),
];

const RESULTS: [&str; 4] = [
    "Ik weet weer waar ik aan toe ben",
    "Ik kan het zelf bijhouden, met een beetje hulp",
    "Ik voel me veilig in mijn eigen huis",
    "Ik heb weer rust in mijn hoofd",
];

/// A demo act on `date`, at the hour the desks open.
fn at(date: NaiveDate) -> DateTime<Utc> {
    to_utc(date.and_time(super::generator::OPENS))
}

impl Generator {
    /// Makes the plans of the cases that have a regisseur and none yet, up to `now`.
    pub(super) fn plans(&mut self, store: &mut Store, now: DateTime<Utc>) -> Result<(), DemoError> {
        let kaart = store.load_kaart()?;
        let by_laag = |laag: Laag| -> Vec<(String, String)> {
            kaart
                .services
                .iter()
                .filter(|s| s.is_active() && s.laag == Some(laag))
                .map(|s| (s.id.clone(), s.name.clone()))
                .collect()
        };
        let voorzieningen = [
            by_laag(Laag::Algemeen),
            by_laag(Laag::Collectief),
            by_laag(Laag::Maatwerk),
        ];
        let today = dutch_local(now).date();
        for case in store.cases_without_plan()? {
            let Some(user) = self.users.iter().find(|u| u.id == case.regisseur).cloned() else {
                continue;
            };
            let talked = add_working_days(dutch_local(case.regisseur_since).date(), 3, self.rules);
            if talked >= today || case.leefgebieden.is_empty() {
                continue;
            }
            let gesprek = Gesprek {
                held_on: talked,
                place: if self.chance(60) {
                    Place::Thuis
                } else {
                    Place::Loket
                },
                participants: vec![],
                brought_along: if self.chance(40) {
                    "dochter".into()
                } else {
                    String::new()
                },
                consulted: vec![Consulted {
                    who: "de huisarts".into(),
                    consent: true,
                }],
                note: "Wil graag zelf de regie houden; samen de mogelijkheden doorgelopen.".into(),
            };
            let refused = |e: PlanError| match e {
                PlanError::Store(e) => DemoError::Store(e),
                other => DemoError::Refused {
                    item: case.household_id,
                    problem: other.to_string(),
                },
            };
            store
                .record_gesprek(case.household_id, &gesprek, &user, ORIGIN, at(talked))
                .map_err(refused)?;
            let content = self.plan_content(&case.leefgebieden, talked, &voorzieningen);
            let plan = store
                .create_plan(case.household_id, &content, &user, ORIGIN, at(talked))
                .map_err(refused)?;
            let answered = add_working_days(talked, 2, self.rules);
            if answered >= today || self.chance(15) {
                continue;
            }
            let answer = if self.chance(10) {
                Answer::GeenAkkoord {
                    on: answered,
                    point: "Wil liever hulp in huis dan hulp van de buren".into(),
                    requested: Some("Huishoudelijke hulp".into()),
                }
            } else {
                Answer::Akkoord {
                    on: answered,
                    how: if self.chance(70) {
                        HowAgreed::Papier
                    } else {
                        HowAgreed::Mondeling
                    },
                }
            };
            let tasks = store
                .answer_plan(plan, &answer, &user, ORIGIN, at(answered))
                .map_err(refused)?;
            let decided = add_working_days(answered, 8, self.rules);
            if decided < today && self.chance(60) {
                for task in tasks {
                    let decision = DecisionRecord {
                        decision: if self.chance(85) {
                            Decision::Toegekend
                        } else {
                            Decision::Afgewezen
                        },
                        on: decided,
                        reference: format!("WMO-{}-{:04}", decided.format("%Y"), task),
                    };
                    store
                        .decide_task(task, &decision, &user, ORIGIN, at(decided))
                        .map_err(refused)?;
                }
            }
            if !matches!(answer, Answer::Akkoord { .. }) {
                continue;
            }
            self.hand_over(store, plan, &content, answered, today, &user)
                .map_err(refused)?;
            let evaluated = content.follow_up.evaluation_on;
            if evaluated >= today {
                continue;
            }
            let results = content
                .results
                .iter()
                .map(|r| ResultEvaluation {
                    leefgebied: r.leefgebied.clone(),
                    outcome: [
                        ResultOutcome::Behaald,
                        ResultOutcome::Deels,
                        ResultOutcome::Niet,
                    ][self.weighted(&[6, 3, 1])],
                    score: r.score.map(|_| Zelfredzaamheid::VoldoendeZelfredzaam),
                })
                .collect();
            let decision = if self.chance(60) {
                EvaluationDecision::Afsluiten {
                    outcome: "Het gaat weer; de inwoner redt het met hulp van de buren".into(),
                }
            } else {
                EvaluationDecision::Doorgaan {
                    next_evaluation: evaluated + Days::new(42),
                }
            };
            let evaluation = Evaluation {
                held_on: evaluated,
                results,
                decision,
            };
            store
                .evaluate_plan(plan, &evaluation, &user, ORIGIN, at(evaluated))
                .map_err(refused)?;
        }
        Ok(())
    }

    /// A plan with a line in every layer of the piramide for a case about `leefgebieden`.
    /// The warme overdracht of most lines someone else delivers, once they have started; most
    /// residents went, some not yet, a few stopped.
    fn hand_over(
        &mut self,
        store: &mut Store,
        plan: i64,
        content: &PlanContent,
        answered: NaiveDate,
        today: NaiveDate,
        user: &User,
    ) -> Result<(), PlanError> {
        for line in &content.arrangement {
            let on = line.from.max(answered);
            if line.deliverer == Deliverer::Inwoner || on >= today || self.chance(25) {
                continue;
            }
            let handover = Handover {
                started: [Started::Ja, Started::NogNiet, Started::NeeGestopt]
                    [self.weighted(&[7, 2, 1])],
                ..Handover::proposed(line, content, &[], on)
            };
            store.record_handover(plan, line.id, &handover, user, ORIGIN, at(on))?;
        }
        Ok(())
    }

    fn plan_content(
        &mut self,
        leefgebieden: &[String],
        made_on: NaiveDate,
        voorzieningen: &[Vec<(String, String)>; 3],
    ) -> PlanContent {
        let from = add_working_days(made_on, 3, self.rules);
        let results = leefgebieden
            .iter()
            .map(|code| PlanResult {
                leefgebied: code.clone(),
                words: RESULTS[self.rng.below(RESULTS.len())].into(),
                score: self
                    .chance(60)
                    .then(|| Zelfredzaamheid::from_score(self.between(1, 3) as u8))
                    .flatten(),
            })
            .collect();
        let (neighbour, relation) = NEIGHBOURS[self.rng.below(NEIGHBOURS.len())];
        let mut arrangement = vec![
            ArrangementLine {
                id: 1,
                laag: Laag::EigenKracht,
                what: "Houdt de post bij in een map en belt zelf terug".into(),
                deliverer: Deliverer::Inwoner,
                from,
                freely_accessible: false,
            },
            ArrangementLine {
                id: 2,
                laag: Laag::SociaalNetwerk,
                what: "Komt elke week even langs".into(),
                deliverer: Deliverer::Persoon {
                    name: neighbour.into(),
                    relation: relation.into(),
                },
                from,
                freely_accessible: false,
            },
        ];
        let layers = [Laag::Algemeen, Laag::Collectief, Laag::Maatwerk];
        for (laag, services) in layers.into_iter().zip(voorzieningen) {
            if services.is_empty() {
                continue;
            }
            let (id, name) = services[self.rng.below(services.len())].clone();
            arrangement.push(ArrangementLine {
                id: arrangement.len() as u32 + 1,
                laag,
                what: name.clone(),
                deliverer: Deliverer::Dienst { id, name },
                from,
                freely_accessible: laag == Laag::Collectief && self.chance(50),
            });
        }
        PlanContent {
            results,
            tijdpad: vec![Milestone {
                by: add_working_days(made_on, 10, self.rules),
                what: "Alle hulp is gestart".into(),
            }],
            arrangement,
            contribution: self
                .chance(40)
                .then(|| "Helpt een ochtend per week in de buurtkamer".to_string()),
            afspraken: vec![
                Afspraak {
                    who: Party::Netwerk(neighbour.into()),
                    what: "Loopt samen de post door".into(),
                    by: add_working_days(made_on, 5, self.rules),
                },
                Afspraak {
                    who: Party::Regisseur,
                    what: "Belt na twee weken hoe het gaat".into(),
                    by: add_working_days(made_on, 10, self.rules),
                },
            ],
            follow_up: FollowUp {
                duration: "drie maanden".into(),
                how: "De regisseur belt elke maand en komt bij de evaluatie langs".into(),
                evaluation_on: made_on
                    + Days::new(u64::try_from(self.between(21, 60)).unwrap_or(42)),
            },
        }
    }
}
