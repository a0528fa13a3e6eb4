//! The verwijs-scan (seed 003 §3.3, "Werkwijze"): from what the desk knows of a question, the
//! route it should take, and why in one line. Pure, so the form can ask again on every
//! keystroke and the table can be tested row by row (`loket route check` runs it on a file).

mod answers;
pub mod cases;
mod contact;
pub mod danger;
pub mod escalation;
pub mod table;

use super::intake::{Complexiteit, Gevaar, Intake, Kanaal, Route, RouteSuggestion};
use super::laag::Laag;
use super::leefgebied::Leefgebieden;

pub use answers::kept_answers;
use answers::{Answered, cause_of};
pub use contact::suggest_contact;

/// The wijk of a Sociaal Team route while neither the resident's nor the desk's wijk is known.
/// Such a route is incomplete: it cannot be saved until the desk picks the wijk or the team
/// (`validation`), so no queue item ever lands in a team nobody belongs to.
pub const UNKNOWN_WIJK: &str = "onbekend";

/// What the verwijs-scan needs to know of a service given as advice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdviceFact {
    pub name: String,
    /// Individual or collective support: a referral, indicatie or beschikking is needed, or it
    /// is a collectieve or maatwerkvoorziening (seed 003 §3.3: "individuele of collectieve
    /// ondersteuning in beeld").
    pub needs_referral: bool,
}

impl AdviceFact {
    /// The fact of a service named `name` on laag `laag`.
    pub fn new(name: &str, referral_required: bool, laag: Option<Laag>) -> AdviceFact {
        AdviceFact {
            name: name.to_string(),
            needs_referral: referral_required
                || matches!(laag, Some(Laag::Collectief | Laag::Maatwerk)),
        }
    }
}

/// Everything the verwijs-scan looks at.
pub struct RoutingInput<'a> {
    pub intake: &'a Intake,
    /// The resident's wijk (from the postcode), if known.
    pub wijk: Option<&'a str>,
    /// The wijk of the desk's own location: the Sociaal Team when the resident's is unknown.
    pub desk_wijk: Option<&'a str>,
    /// Danger found in the question ([`danger::danger_with_vocabulary`]).
    pub danger_words: &'a [String],
    /// The services given as advice, in the intake's order.
    pub advice: &'a [AdviceFact],
}

/// The suggested route. The rules apply in this order, the most urgent first:
/// 1. acute danger → Expertiseteam, spoed;
/// 2. a signal of others about someone avoiding care → Sociaal Team, erop af;
/// 3. the two axes enkelvoudig/meervoudig and eenvoudig/specialistisch/complex, where
///    multi-problem-plus signs raise the complexiteit and travel as signals (D1), the advice
///    decides whether individual or collective support is "in beeld" (D4, D5), and a digital
///    application made with the desk's help is handled there (D7).
///
/// A "ja" on a tagged question of the gesprekshulp counts as the desk's own sign or raises the
/// complexiteit (never lowers it). When such answers lead elsewhere than the desk's choices
/// alone, the why-line names the answer that decided; otherwise it is the desk's.
pub fn suggest(input: &RoutingInput, leefgebieden: &Leefgebieden) -> RouteSuggestion {
    let desk = scan(input, &Answered::default(), leefgebieden);
    let answered = Answered::of(&input.intake.answers);
    if answered.is_empty() {
        return desk;
    }
    let with = scan(input, &answered, leefgebieden);
    // Answers that lead where the desk's own choices lead decided nothing: the why stays the
    // desk's, so it does not change under the volunteer's hands while they tick questions.
    if (&with.route, with.spoed) == (&desk.route, desk.spoed) {
        desk
    } else {
        with
    }
}

/// Whether someone else than the resident signals the worry: the melder, or a signal saved
/// before the melder was asked (kanaal "signaal").
fn signalled_by_others(intake: &Intake) -> bool {
    intake.melder.is_other() || intake.kanaal == Kanaal::Signaal
}

/// The cause of acute danger, if any: the desk's tick, an acuut answer, the desk's "ja" to "Is
/// er nu direct gevaar?", or danger words the desk did not dismiss.
fn acute_cause(input: &RoutingInput, answered: &Answered) -> Option<String> {
    let intake = input.intake;
    let words_count = !input.danger_words.is_empty() && intake.danger.answer != Gevaar::Nee;
    if words_count {
        let quoted: Vec<String> = input
            .danger_words
            .iter()
            .map(|w| format!("“{w}”"))
            .collect();
        return Some(format!("acute onveiligheid ({})", quoted.join(", ")));
    }
    if intake.signalen.acute_onveiligheid || intake.danger.answer == Gevaar::Ja {
        return Some("acute onveiligheid".to_string());
    }
    (!answered.acuut.is_empty()).then(|| cause_of(&answered.acuut))
}

/// The multi-problem-plus signs the desk ticked, by name.
fn multi_problem_signs(intake: &Intake) -> Vec<&'static str> {
    let s = &intake.signalen;
    [
        (s.veel_geprobeerd, "veel al geprobeerd"),
        (s.overlast, "overlast"),
        (s.dreigende_huisuitzetting, "dreigende huisuitzetting"),
        (s.dakloos, "dakloos"),
        (s.na_detentie, "na detentie"),
    ]
    .into_iter()
    .filter_map(|(set, name)| set.then_some(name))
    .collect()
}

/// The table, with the desk's signs and complexiteit and what `answered` adds to them.
fn scan(input: &RoutingInput, answered: &Answered, leefgebieden: &Leefgebieden) -> RouteSuggestion {
    let intake = input.intake;
    // The why-line: the cause, the route right after the arrow, then any remark.
    let to = |route: Route, cause: &str, remark: &str| RouteSuggestion {
        why: format!("{cause} → {}{remark}", route_label(&route, leefgebieden)),
        route,
        spoed: false,
    };

    if let Some(cause) = acute_cause(input, answered) {
        return RouteSuggestion {
            spoed: true,
            ..to(Route::Expertiseteam, &cause, ", spoed")
        };
    }

    let (wijk, wijk_remark) = match (input.wijk, input.desk_wijk) {
        (Some(wijk), _) => (wijk, ""),
        (None, Some(desk)) => (desk, " (wijk van deze balie)"),
        (None, None) => (UNKNOWN_WIJK, ""),
    };
    let sociaal_team = Route::SociaalTeam {
        wijk: wijk.to_string(),
    };

    if signalled_by_others(intake)
        && (intake.signalen.zorgmijding || !answered.zorgmijding.is_empty())
    {
        let cause = if intake.signalen.zorgmijding {
            format!("signaal van {}, zorgmijding", melder_label(intake))
        } else {
            cause_of(&answered.zorgmijding)
        };
        let remark = format!("{wijk_remark}, erop af");
        return to(sociaal_team, &cause, &remark);
    }

    let direct = |why: String| RouteSuggestion {
        route: Route::Direct,
        why,
        spoed: false,
    };
    let loket = |code: &str| Route::Loket {
        leefgebied: code.to_string(),
    };
    let (mut complexiteit, mut raised_by) = answered.complexiteit(intake.complexiteit);
    // Seed 002 keeps multi-problem-plus for the regisseur's opschaling: at the desk a sign
    // only says the question is complex, and the sign travels with the handover.
    let signs = multi_problem_signs(intake);
    let mut signs_note = String::new();
    if !signs.is_empty() && complexiteit != Complexiteit::Complex {
        complexiteit = Complexiteit::Complex;
        raised_by = &[];
        signs_note = format!(", signaal: {}", signs.join(", "));
    }
    // Raised by an answer, the answer is the cause; otherwise the desk's two axes are.
    let cause = |desk_cause: String| {
        if raised_by.is_empty() {
            format!("{desk_cause}{signs_note}")
        } else {
            cause_of(raised_by)
        }
    };
    let referral = input.advice.iter().find(|a| a.needs_referral);
    match intake.leefgebieden.as_slice() {
        [] => direct("nog geen leefgebied gekozen → direct afhandelen".to_string()),
        [_] if intake.digital_application && complexiteit != Complexiteit::Complex => direct(
            "enkelvoudig, digitale aanvraag met hulp van de balie → direct afgehandeld".to_string(),
        ),
        [only] if complexiteit == Complexiteit::Eenvoudig => match referral {
            Some(advice) => {
                let cause = format!("advies “{}” vraagt een verwijzing", advice.name);
                to(loket(only), &cause, "")
            }
            None => direct("enkelvoudig en eenvoudig → direct afgehandeld".to_string()),
        },
        [only] => {
            let cause = cause(format!(
                "enkelvoudig en {} ({})",
                complexiteit.name(),
                leefgebieden.name_of(only)
            ));
            to(loket(only), &cause, "")
        }
        [_, ..] if complexiteit == Complexiteit::Complex => {
            let cause = cause("meervoudig en complex".to_string());
            to(sociaal_team, &cause, wijk_remark)
        }
        [_, ..]
            if complexiteit == Complexiteit::Eenvoudig
                && !input.advice.is_empty()
                && referral.is_none() =>
        {
            direct(
                "meervoudig en eenvoudig, alleen algemene voorzieningen → direct afgehandeld"
                    .to_string(),
            )
        }
        [first, ..] => {
            let cause = cause(format!(
                "meervoudig en {}, eerst {}",
                complexiteit.name(),
                leefgebieden.name_of(first)
            ));
            to(loket(first), &cause, "")
        }
    }
}

/// Who signalled, for the why-line: "informeel netwerk", "professional", "derden" (a signal
/// saved before the melder was asked).
fn melder_label(intake: &Intake) -> &'static str {
    if intake.melder.is_other() {
        intake.melder.name()
    } else {
        "derden"
    }
}

/// The route as the desk reads it: "Loket Geldzaken & schulden", "Sociaal Team De Weide".
pub fn route_label(route: &Route, leefgebieden: &Leefgebieden) -> String {
    match route {
        Route::Direct => "Direct afgehandeld".to_string(),
        Route::Loket { leefgebied } => format!("Loket {}", leefgebieden.name_of(leefgebied)),
        Route::SociaalTeam { wijk } if wijk == UNKNOWN_WIJK => {
            "Sociaal Team (kies de wijk)".to_string()
        }
        Route::SociaalTeam { wijk } => format!("Sociaal Team {wijk}"),
        Route::Expertiseteam => "Expertiseteam".to_string(),
        Route::Terugbelverzoek { team } => format!("Terugbelverzoek {team}"),
    }
}

/// Whether a route still lacks its team: a Sociaal Team whose wijk nobody knows yet.
pub fn is_incomplete(route: &Route) -> bool {
    matches!(route, Route::SociaalTeam { wijk } if wijk == UNKNOWN_WIJK)
}

#[cfg(test)]
mod route_validation;
#[cfg(test)]
mod tests;
