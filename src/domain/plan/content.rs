//! The plan van aanpak in the fixed format of seed 003 §3.4: "Het plan bevat:
//! - Een omschrijving van het resultaat dat nagestreefd wordt;
//! - Een tijdpad;
//! - Het arrangement dat kan bestaan uit een mix van eigen inzet, inzet omgeving, algemene
//!   voorzieningen en collectieve en individuele ondersteuning;
//! - Als dit van toepassing is: welke bijdrage de inwoner kan leveren aan de samenleving;
//! - Afspraken over taken en verantwoordelijkheden met betrekking tot het vervolgproces;
//! - Als dit van toepassing is: een omschrijving van de duur van de ondersteuning en de manier
//!   waarop het plan gevolgd wordt."
//!
//! The evaluation date is always required: the Wmo-platform asked for "een evaluatiemoment"
//! instead of an end date, and the municipality agreed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::PlanProblem;
use super::gesprek::check_note;
use super::score::Zelfredzaamheid;
use crate::domain::Laag;

/// Printed and shown next to the resident's contribution to society. The Wmo-platform warned
/// that the maatschappelijke bijdrage may never be a condition for help, and the municipality
/// confirmed it (seed 003, reply to the advice).
pub const CONTRIBUTION_NEVER_A_CONDITION: &str =
    "Dit is nooit een voorwaarde voor uw ondersteuning.";

/// 1. The result pursued on one leefgebied, in the resident's words: "Waartoe moet de
///    ondersteuning leiden? Wat kan de inwoner straks wat z/hij nu niet kan?"
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanResult {
    /// A leefgebied code of the case.
    pub leefgebied: String,
    pub words: String,
    /// Where scored: the zelfredzaamheid at the start.
    pub score: Option<Zelfredzaamheid>,
}

/// 2. A step of the tijdpad.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    pub by: NaiveDate,
    pub what: String,
}

/// Who delivers an arrangement line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "soort", rename_all = "kebab-case")]
pub enum Deliverer {
    /// The resident: eigen inzet.
    Inwoner,
    /// A named person: someone from the network, or a professional outside the kaart.
    Persoon { name: String, relation: String },
    /// A service on the sociale kaart, with its name as it was when the line was made.
    Dienst { id: String, name: String },
}

impl Deliverer {
    /// How the plan names the deliverer.
    pub fn label(&self) -> String {
        match self {
            Deliverer::Inwoner => "de inwoner zelf".to_string(),
            Deliverer::Persoon { name, relation } if relation.trim().is_empty() => name.clone(),
            Deliverer::Persoon { name, relation } => format!("{name} ({relation})"),
            Deliverer::Dienst { name, .. } => name.clone(),
        }
    }
}

/// 3. One line of the arrangement, in its layer of the kantelingspiramide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArrangementLine {
    /// Stays the same across versions, so a beschikking task follows its line.
    pub id: u32,
    pub laag: Laag,
    pub what: String,
    pub deliverer: Deliverer,
    pub from: NaiveDate,
    /// Whether the resident can use it without a beschikking (a kaart service without
    /// referral). Only collectieve lines can be; maatwerk never is.
    pub freely_accessible: bool,
}

/// The layer's name as the plan and the paper say it (seed 003: "eigen inzet, inzet omgeving,
/// algemene voorzieningen en collectieve en individuele ondersteuning").
pub fn plan_layer_name(laag: Laag) -> &'static str {
    match laag {
        Laag::EigenKracht => "Eigen inzet",
        Laag::SociaalNetwerk => "Inzet omgeving",
        Laag::Algemeen => "Algemene voorziening",
        Laag::Collectief => "Collectieve voorziening",
        Laag::Maatwerk => "Individuele voorziening (maatwerk)",
    }
}

/// Who an afspraak is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "soort", content = "naam", rename_all = "kebab-case")]
pub enum Party {
    Inwoner,
    /// Someone of the network, by name.
    Netwerk(String),
    Regisseur,
    /// A provider, by name.
    Aanbieder(String),
}

impl Party {
    pub fn label(&self) -> String {
        match self {
            Party::Inwoner => "de inwoner".to_string(),
            Party::Netwerk(name) | Party::Aanbieder(name) => name.clone(),
            Party::Regisseur => "de regisseur".to_string(),
        }
    }
}

/// 5. Who does what by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Afspraak {
    pub who: Party,
    pub what: String,
    pub by: NaiveDate,
}

/// 6. Duration, how the plan is followed, and the evaluation date (always).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    /// "drie maanden"; empty where it does not apply.
    pub duration: String,
    pub how: String,
    pub evaluation_on: NaiveDate,
}

/// One version's content: the six parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanContent {
    pub results: Vec<PlanResult>,
    pub tijdpad: Vec<Milestone>,
    pub arrangement: Vec<ArrangementLine>,
    /// 4. The resident's contribution to society, where it applies; never a condition.
    pub contribution: Option<String>,
    pub afspraken: Vec<Afspraak>,
    pub follow_up: FollowUp,
}

impl PlanContent {
    /// Whether this content can be a version made on `made_on` for a case about
    /// `case_leefgebieden`.
    pub fn check(
        &self,
        case_leefgebieden: &[String],
        made_on: NaiveDate,
    ) -> Result<(), PlanProblem> {
        if self.results.is_empty() {
            return Err(PlanProblem::Missing(
                "Beschrijf het resultaat per leefgebied",
            ));
        }
        for (i, result) in self.results.iter().enumerate() {
            if !case_leefgebieden.contains(&result.leefgebied) {
                return Err(PlanProblem::NotACaseLeefgebied(result.leefgebied.clone()));
            }
            if self.results[..i]
                .iter()
                .any(|r| r.leefgebied == result.leefgebied)
            {
                return Err(PlanProblem::DuplicateResult(result.leefgebied.clone()));
            }
            if result.words.trim().is_empty() {
                return Err(PlanProblem::Missing(
                    "Schrijf het resultaat in de woorden van de inwoner",
                ));
            }
        }
        if self.tijdpad.is_empty() || self.tijdpad.iter().any(|m| m.what.trim().is_empty()) {
            return Err(PlanProblem::Missing("Geef een tijdpad: wat wanneer"));
        }
        if self.arrangement.is_empty() {
            return Err(PlanProblem::Missing(
                "Het arrangement heeft minstens één regel",
            ));
        }
        for (i, line) in self.arrangement.iter().enumerate() {
            if self.arrangement[..i].iter().any(|l| l.id == line.id) {
                return Err(PlanProblem::Missing(
                    "Elke regel van het arrangement is er één keer",
                ));
            }
            check_line(line)?;
        }
        if self
            .contribution
            .as_ref()
            .is_some_and(|c| c.trim().is_empty())
        {
            return Err(PlanProblem::Missing(
                "Laat de bijdrage aan de samenleving weg of beschrijf hem",
            ));
        }
        if self
            .afspraken
            .iter()
            .any(|a| a.what.trim().is_empty() || party_unnamed(&a.who))
        {
            return Err(PlanProblem::Missing(
                "Een afspraak zegt wie wat doet en wanneer",
            ));
        }
        if self.follow_up.how.trim().is_empty() {
            return Err(PlanProblem::Missing("Beschrijf hoe het plan gevolgd wordt"));
        }
        if self.follow_up.evaluation_on <= made_on {
            return Err(PlanProblem::EvaluationTooEarly(made_on));
        }
        for text in self.texts() {
            check_note(text)?;
        }
        Ok(())
    }

    /// The next free line id, for a line added to this content.
    pub fn next_line_id(&self) -> u32 {
        self.arrangement
            .iter()
            .map(|l| l.id)
            .max()
            .map_or(1, |id| id + 1)
    }

    /// The arrangement per layer of the kantelingspiramide, from eigen inzet up; layers
    /// without lines are left out.
    pub fn per_layer(&self) -> Vec<(Laag, Vec<&ArrangementLine>)> {
        use strum::VariantArray;
        Laag::VARIANTS
            .iter()
            .map(|&laag| {
                let lines = self.arrangement.iter().filter(|l| l.laag == laag);
                (laag, lines.collect::<Vec<_>>())
            })
            .filter(|(_, lines)| !lines.is_empty())
            .collect()
    }

    /// The leefgebieden scored at the start.
    pub fn scored(&self) -> impl Iterator<Item = &str> {
        self.results
            .iter()
            .filter(|r| r.score.is_some())
            .map(|r| r.leefgebied.as_str())
    }

    /// Every free text typed, for the checks that apply to all of them.
    fn texts(&self) -> impl Iterator<Item = &str> {
        self.results
            .iter()
            .map(|r| r.words.as_str())
            .chain(self.tijdpad.iter().map(|m| m.what.as_str()))
            .chain(self.arrangement.iter().map(|l| l.what.as_str()))
            .chain(self.contribution.as_deref())
            .chain(self.afspraken.iter().map(|a| a.what.as_str()))
            .chain([
                self.follow_up.duration.as_str(),
                self.follow_up.how.as_str(),
            ])
    }
}

fn party_unnamed(party: &Party) -> bool {
    matches!(party, Party::Netwerk(name) | Party::Aanbieder(name) if name.trim().is_empty())
}

/// The deliverer each layer allows: eigen inzet is the resident's; inzet omgeving a named
/// person of the network; a voorziening a kaart service or a named provider.
fn check_line(line: &ArrangementLine) -> Result<(), PlanProblem> {
    let fail = |problem| {
        Err(PlanProblem::Line {
            laag: plan_layer_name(line.laag),
            problem,
        })
    };
    if line.what.trim().is_empty() {
        return fail("beschrijf wat er gebeurt");
    }
    match (&line.laag, &line.deliverer) {
        (Laag::EigenKracht, Deliverer::Inwoner) => {}
        (Laag::EigenKracht, _) => return fail("eigen inzet doet de inwoner zelf"),
        (_, Deliverer::Inwoner) => return fail("kies wie het levert"),
        (Laag::SociaalNetwerk, Deliverer::Dienst { .. }) => {
            return fail("inzet omgeving is een persoon uit het netwerk, met naam");
        }
        (_, Deliverer::Persoon { name, .. }) if name.trim().is_empty() => {
            return fail("noem de persoon bij naam");
        }
        (_, Deliverer::Dienst { id, .. }) if id.trim().is_empty() => {
            return fail("kies de voorziening op de sociale kaart");
        }
        _ => {}
    }
    if line.freely_accessible && line.laag == Laag::Maatwerk {
        return fail("maatwerk is nooit vrij toegankelijk");
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, d).unwrap()
    }

    fn line(id: u32, laag: Laag, deliverer: Deliverer) -> ArrangementLine {
        ArrangementLine {
            id,
            laag,
            what: "iets".into(),
            deliverer,
            from: day(1, 11),
            freely_accessible: false,
        }
    }

    /// A plan with every layer of the piramide, as the tmux walk-through of issue 18 makes it.
    pub(crate) fn plan() -> PlanContent {
        PlanContent {
            results: vec![
                PlanResult {
                    leefgebied: "wonen".into(),
                    words: "Ik kan in mijn huis blijven wonen".into(),
                    score: Some(Zelfredzaamheid::BeperktZelfredzaam),
                },
                PlanResult {
                    leefgebied: "geldzaken-schulden".into(),
                    words: "Ik betaal mijn rekeningen op tijd".into(),
                    score: None,
                },
            ],
            tijdpad: vec![Milestone {
                by: day(2, 1),
                what: "Post op orde".into(),
            }],
            arrangement: vec![
                line(1, Laag::EigenKracht, Deliverer::Inwoner),
                line(
                    2,
                    Laag::SociaalNetwerk,
                    Deliverer::Persoon {
                        name: "Ans de Vries".into(),
                        relation: "buurvrouw".into(),
                    },
                ),
                line(
                    3,
                    Laag::Algemeen,
                    Deliverer::Dienst {
                        id: "svc-formulierenhulp".into(),
                        name: "Formulierenhulp".into(),
                    },
                ),
                ArrangementLine {
                    freely_accessible: true,
                    ..line(
                        4,
                        Laag::Collectief,
                        Deliverer::Dienst {
                            id: "svc-regiotaxi".into(),
                            name: "Regiotaxi".into(),
                        },
                    )
                },
                line(
                    5,
                    Laag::Maatwerk,
                    Deliverer::Dienst {
                        id: "svc-traplift".into(),
                        name: "Traplift".into(),
                    },
                ),
            ],
            contribution: Some("Helpt op woensdag in de buurtkamer".into()),
            afspraken: vec![Afspraak {
                who: Party::Netwerk("Ans de Vries".into()),
                what: "Komt elke maandag de post doorlopen".into(),
                by: day(1, 18),
            }],
            follow_up: FollowUp {
                duration: "drie maanden".into(),
                how: "De regisseur belt elke maand".into(),
                evaluation_on: day(4, 1),
            },
        }
    }

    fn case() -> Vec<String> {
        vec!["wonen".into(), "geldzaken-schulden".into()]
    }

    #[test]
    fn a_plan_in_the_fixed_format_is_accepted() {
        assert_eq!(plan().check(&case(), day(1, 11)), Ok(()));
        assert_eq!(plan().next_line_id(), 6);
        assert_eq!(plan().scored().collect::<Vec<_>>(), ["wonen"]);
    }

    /// The Wmo-platform: an evaluatiemoment instead of an end date, always.
    #[test]
    fn the_evaluation_date_lies_after_the_plan_is_made() {
        assert_eq!(
            plan().check(&case(), day(4, 1)),
            Err(PlanProblem::EvaluationTooEarly(day(4, 1)))
        );
    }

    /// Results and scores only for the leefgebieden of this case, each once.
    #[test]
    fn results_belong_to_the_case() {
        let mut p = plan();
        p.results[1].leefgebied = "gezondheid".into();
        assert_eq!(
            p.check(&case(), day(1, 11)),
            Err(PlanProblem::NotACaseLeefgebied("gezondheid".into()))
        );
        p.results[1].leefgebied = "wonen".into();
        assert_eq!(
            p.check(&case(), day(1, 11)),
            Err(PlanProblem::DuplicateResult("wonen".into()))
        );
    }

    #[test]
    fn each_layer_has_its_own_kind_of_deliverer() {
        let bad = [
            line(
                1,
                Laag::EigenKracht,
                Deliverer::Dienst {
                    id: "x".into(),
                    name: "x".into(),
                },
            ),
            line(
                1,
                Laag::SociaalNetwerk,
                Deliverer::Dienst {
                    id: "x".into(),
                    name: "x".into(),
                },
            ),
            line(
                1,
                Laag::SociaalNetwerk,
                Deliverer::Persoon {
                    name: " ".into(),
                    relation: String::new(),
                },
            ),
            line(1, Laag::Algemeen, Deliverer::Inwoner),
            ArrangementLine {
                freely_accessible: true,
                ..line(
                    1,
                    Laag::Maatwerk,
                    Deliverer::Dienst {
                        id: "x".into(),
                        name: "x".into(),
                    },
                )
            },
        ];
        for line in bad {
            let mut p = plan();
            p.arrangement = vec![line.clone()];
            assert!(
                matches!(p.check(&case(), day(1, 11)), Err(PlanProblem::Line { .. })),
                "{line:?}"
            );
        }
    }

    #[test]
    fn every_part_is_there_and_no_text_holds_a_number_of_others() {
        let mut p = plan();
        p.tijdpad.clear();
        assert!(p.check(&case(), day(1, 11)).is_err());
        let mut p = plan();
        p.contribution = Some(" ".into());
        assert!(p.check(&case(), day(1, 11)).is_err());
        let mut p = plan();
        p.afspraken[0].what = "bel Ans op 06 12345678".into();
        assert!(matches!(
            p.check(&case(), day(1, 11)),
            Err(PlanProblem::SensitiveNumber(_))
        ));
        let mut p = plan();
        p.contribution = None;
        assert_eq!(p.check(&case(), day(1, 11)), Ok(()));
    }
}
