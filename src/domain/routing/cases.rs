//! A table of cases for the verwijs-scan (`loket route check CASES.toml`): each case the
//! intake's fields, run through the scan and the municipality's routing table, and compared
//! with what the beheerder expects. So a changed `routing.toml` can be tested before it goes
//! live, and `data/routing-cases.toml` keeps the seed 003 matrix honest.

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::table::RoutingTable;
use super::{AdviceFact, RoutingInput, danger, route_label, suggest_contact};
use crate::domain::gesprekshulp::{Answer, QuestionSets};
use crate::domain::intake::{
    Complexiteit, DangerCheck, Gevaar, Intake, Kanaal, Melder, Resident, Signalen,
};
use crate::domain::leefgebied::Leefgebieden;
use crate::domain::postcodes::Postcodes;

/// One case: a question with the intake's fields as the desk fills them in, more questions of
/// the same contact, and what is expected. (One struct for both, not a flattened pair: toml
/// keeps the line of a wrong value only without `flatten`.)
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Empty for the questions under `samen`.
    #[serde(default)]
    naam: String,
    #[serde(default = "balie")]
    kanaal: Kanaal,
    #[serde(default)]
    melder: Melder,
    /// Leefgebied codes, most urgent first.
    #[serde(default)]
    leefgebieden: Vec<String>,
    #[serde(default)]
    complexiteit: Complexiteit,
    /// Sign names: acute-onveiligheid, veel-geprobeerd, overlast, dreigende-huisuitzetting,
    /// dakloos, na-detentie, zorgmijding.
    #[serde(default)]
    signalen: Vec<Spanned<String>>,
    /// The question in the resident's words: danger words are looked for in it.
    #[serde(default)]
    vraag: String,
    #[serde(default)]
    postcode: String,
    /// The desk's location ("STIP De Weide"): its wijk when the resident's is unknown.
    #[serde(default)]
    balie: String,
    /// The answer to "Is er nu direct gevaar?" and, for "nee", why.
    #[serde(default)]
    gevaar: Gevaar,
    #[serde(default)]
    gevaar_reden: String,
    /// Gesprekshulp answers by question id: `{ "geldzaken-schulden/beslag" = "ja" }`.
    #[serde(default)]
    antwoorden: toml::Table,
    /// Service ids of the kaart given as advice.
    #[serde(default)]
    advies: Vec<Spanned<String>>,
    #[serde(default)]
    digitale_aanvraag: bool,
    /// More questions of the same contact, routed together with this one (D6).
    #[serde(default)]
    samen: Vec<Case>,
    verwacht: Option<Expected>,
}

fn balie() -> Kanaal {
    Kanaal::Balie
}

/// What the beheerder expects; only what is given is compared.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    route: Option<String>,
    team: Option<String>,
    urgentie: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CasesFile {
    geval: Vec<Spanned<Case>>,
}

/// A case file that cannot be used, with its line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("regel {line}: {problem}")]
pub struct CaseError {
    pub line: usize,
    pub problem: String,
}

/// What the scan made of a case, and where that differs from `verwacht`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseResult {
    pub naam: String,
    pub route: String,
    pub team: String,
    pub urgentie: String,
    pub waarom: String,
    pub afwijkingen: Vec<String>,
}

/// What the cases are run against.
pub struct Reference<'a> {
    pub leefgebieden: &'a Leefgebieden,
    pub postcodes: &'a Postcodes,
    pub questions: &'a QuestionSets,
    pub table: &'a RoutingTable,
    /// The vocabulary's acute words found in a text (`Vocabulary::danger_words`).
    pub vocabulary_danger: &'a dyn Fn(&str) -> Vec<String>,
}

/// A case with its line, ready to run.
pub struct LoadedCase {
    pub line: usize,
    case: Case,
}

/// Parses a case file; a wrong key or value is named with its line.
pub fn parse_cases(text: &str) -> Result<Vec<LoadedCase>, CaseError> {
    let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
    let file: CasesFile = toml::from_str(text).map_err(|e| CaseError {
        line: e.span().map_or(1, |s| line_of(s.start)),
        problem: format!(
            "geen geldige TOML: {}",
            e.message().trim().replace('\n', " ")
        ),
    })?;
    Ok(file
        .geval
        .into_iter()
        .map(|case| LoadedCase {
            line: line_of(case.span().start),
            case: case.into_inner(),
        })
        .collect())
}

fn signs(names: &[Spanned<String>]) -> Result<Signalen, String> {
    let mut s = Signalen::default();
    for name in names {
        let flag = match name.get_ref().as_str() {
            "acute-onveiligheid" => &mut s.acute_onveiligheid,
            "veel-geprobeerd" => &mut s.veel_geprobeerd,
            "overlast" => &mut s.overlast,
            "dreigende-huisuitzetting" => &mut s.dreigende_huisuitzetting,
            "dakloos" => &mut s.dakloos,
            "na-detentie" => &mut s.na_detentie,
            "zorgmijding" => &mut s.zorgmijding,
            other => return Err(format!("onbekend signaal {other:?}")),
        };
        *flag = true;
    }
    Ok(s)
}

/// The intake a case question stands for.
fn intake(q: &Case, reference: &Reference) -> Result<Intake, String> {
    let mut answers = Vec::new();
    for (id, value) in &q.antwoorden {
        let (set, question) = reference
            .questions
            .question(id)
            .ok_or_else(|| format!("onbekende vraag {id:?} in antwoorden"))?;
        let answer = Answer::deserialize(value.clone())
            .map_err(|_| format!("antwoord op {id:?}: ja, nee, weet-niet of overgeslagen"))?;
        answers.push(set.given(question, answer));
    }
    if let Some(code) = q
        .leefgebieden
        .iter()
        .find(|c| reference.leefgebieden.get(c).is_none())
    {
        return Err(format!(
            "onbekend leefgebied {code:?} (geldig: {})",
            reference.leefgebieden.codes()
        ));
    }
    Ok(Intake {
        kanaal: q.kanaal,
        melder: q.melder,
        resident: Resident {
            postcode: q.postcode.clone(),
            ..Resident::default()
        },
        question: q.vraag.clone(),
        leefgebieden: q.leefgebieden.clone(),
        complexiteit: q.complexiteit,
        signalen: signs(&q.signalen)?,
        advice: q.advies.iter().map(|a| a.get_ref().clone()).collect(),
        danger: DangerCheck {
            answer: q.gevaar,
            dismiss_reason: q.gevaar_reden.clone(),
            ..DangerCheck::default()
        },
        digital_application: q.digitale_aanvraag,
        answers,
        ..Intake::default()
    })
}

/// Runs one case: the verwijs-scan over its questions together, the team of the route, and
/// what differs from `verwacht`. `advice_of` finds a service of the kaart by id.
pub fn run_case(
    loaded: &LoadedCase,
    reference: &Reference,
    advice_of: &dyn Fn(&str) -> Option<AdviceFact>,
) -> Result<CaseResult, CaseError> {
    let case = &loaded.case;
    let error = |problem: String| CaseError {
        line: loaded.line,
        problem: format!("geval {:?}: {problem}", case.naam),
    };
    let questions: Vec<&Case> = std::iter::once(case).chain(&case.samen).collect();
    let mut prepared = Vec::with_capacity(questions.len());
    for q in &questions {
        let intake = intake(q, reference).map_err(error)?;
        let mut advice = Vec::new();
        for id in &q.advies {
            advice.push(advice_of(id.get_ref()).ok_or_else(|| {
                error(format!("advies {:?} staat niet op de kaart", id.get_ref()))
            })?);
        }
        let vocabulary = (reference.vocabulary_danger)(&intake.question);
        let words = danger::danger_with_vocabulary(&intake.question, &vocabulary);
        prepared.push((intake, advice, words, *q));
    }
    let inputs: Vec<RoutingInput> = prepared
        .iter()
        .map(|(intake, advice, words, q)| RoutingInput {
            intake,
            wijk: reference.postcodes.wijk_of(&q.postcode),
            desk_wijk: reference.postcodes.wijk_in_location(&q.balie),
            danger_words: words,
            advice,
        })
        .collect();
    let suggestion = suggest_contact(&inputs, reference.leefgebieden);
    let route = route_label(&suggestion.route, reference.leefgebieden);
    let team = match reference
        .table
        .team_of(&suggestion.route, reference.leefgebieden)
    {
        Ok(team) => team,
        Err(incomplete) => format!("({incomplete})"),
    };
    let urgentie = if suggestion.spoed { "spoed" } else { "normaal" }.to_string();
    let mut afwijkingen = Vec::new();
    let expected = case.verwacht.clone().unwrap_or_default();
    for (what, want, got) in [
        ("route", &expected.route, &route),
        ("team", &expected.team, &team),
        ("urgentie", &expected.urgentie, &urgentie),
    ] {
        if let Some(want) = want
            && want != got
        {
            afwijkingen.push(format!("{what}: verwacht {want:?}, kreeg {got:?}"));
        }
    }
    Ok(CaseResult {
        naam: case.naam.clone(),
        route,
        team,
        urgentie,
        waarom: suggestion.why,
        afwijkingen,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Result<Vec<CaseResult>, CaseError> {
        let (l, p, q, t) = (
            Leefgebieden::builtin(),
            Postcodes::builtin(),
            QuestionSets::builtin(),
            RoutingTable::builtin(),
        );
        let reference = Reference {
            leefgebieden: &l,
            postcodes: &p,
            questions: &q,
            table: &t,
            vocabulary_danger: &|_| Vec::new(),
        };
        let no_kaart = |_: &str| None;
        parse_cases(text)?
            .iter()
            .map(|c| run_case(c, &reference, &no_kaart))
            .collect()
    }

    #[test]
    fn a_case_reports_route_team_urgency_why_and_what_differs() {
        let results = run(
            "[[geval]]\nnaam = \"schulden\"\nleefgebieden = [\"geldzaken-schulden\"]\n\
             complexiteit = \"specialistisch\"\n\
             verwacht = { route = \"Loket Geldzaken & schulden\", urgentie = \"spoed\" }\n",
        )
        .unwrap();
        let r = &results[0];
        assert_eq!(r.route, "Loket Geldzaken & schulden");
        assert_eq!(r.team, "Loket Geldzaken & schulden");
        assert_eq!(r.urgentie, "normaal");
        assert_eq!(
            r.afwijkingen,
            ["urgentie: verwacht \"spoed\", kreeg \"normaal\""]
        );
    }

    #[test]
    fn wrong_input_is_named_with_its_line() {
        let err = run("[[geval]]\nnaam = \"x\"\nkanaal = \"fax\"\n").unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        let err =
            run("[[geval]]\nnaam = \"x\"\n\n[[geval]]\nnaam = \"y\"\nsignalen = [\"boos\"]\n")
                .unwrap_err();
        assert_eq!(err.line, 4, "{err}");
        assert!(err.problem.contains("onbekend signaal \"boos\""), "{err}");
        let err = run("[[geval]]\nnaam = \"x\"\nantwoorden = { \"wonen/nergens\" = \"ja\" }\n")
            .unwrap_err();
        assert!(err.problem.contains("onbekende vraag"), "{err}");
    }
}
