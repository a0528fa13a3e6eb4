//! The questions of one contact about one household, routed together (D6). Seed 003 §3.4:
//! "Uitgangspunt bij meervoudige vragen is: één huishouden, één plan, één regisseur", and §3.3
//! decides enkelvoudig or meervoudig over the household's question, not over each sentence.

use super::{AdviceFact, RoutingInput, suggest};
use strum::VariantArray;

use crate::domain::intake::{Complexiteit, Gevaar, Intake, RouteSuggestion, Signalen};
use crate::domain::leefgebied::Leefgebieden;

/// One route for all questions of a contact: their leefgebieden together (in the order the
/// desk gave them, each once) decide enkelvoudig or meervoudig; the highest complexiteit,
/// every sign, answer and advice count. The first question gives the kanaal, the resident and
/// the wijk. Every question then hands over along this one route, once.
pub fn suggest_contact(questions: &[RoutingInput], leefgebieden: &Leefgebieden) -> RouteSuggestion {
    let Some(first) = questions.first() else {
        return suggest_empty(leefgebieden);
    };
    if questions.len() == 1 {
        return suggest(first, leefgebieden);
    }
    let mut merged: Intake = first.intake.clone();
    let mut danger_words: Vec<String> = Vec::new();
    let mut advice: Vec<AdviceFact> = Vec::new();
    for question in questions {
        let intake = question.intake;
        for code in &intake.leefgebieden {
            if !merged.leefgebieden.contains(code) {
                merged.leefgebieden.push(code.clone());
            }
        }
        merged.complexiteit = max_complexiteit(merged.complexiteit, intake.complexiteit);
        merged.signalen = merged_signs(&merged, intake);
        if intake.melder.is_other() {
            merged.melder = intake.melder;
        }
        if intake.danger.answer == Gevaar::Ja {
            merged.danger = intake.danger.clone();
        }
        merged.digital_application &= intake.digital_application;
        if !std::ptr::eq(question, first) {
            merged.answers.extend(intake.answers.iter().cloned());
        }
        // Danger words count unless this question's banner was dismissed.
        if intake.danger.answer != Gevaar::Nee {
            danger_words.extend(question.danger_words.iter().cloned());
        }
        advice.extend(question.advice.iter().cloned());
    }
    if !danger_words.is_empty() && merged.danger.answer == Gevaar::Nee {
        merged.danger.answer = Gevaar::NietGevraagd;
    }
    suggest(
        &RoutingInput {
            intake: &merged,
            wijk: questions.iter().find_map(|q| q.wijk),
            desk_wijk: first.desk_wijk,
            danger_words: &danger_words,
            advice: &advice,
        },
        leefgebieden,
    )
}

fn suggest_empty(leefgebieden: &Leefgebieden) -> RouteSuggestion {
    let intake = Intake::default();
    suggest(
        &RoutingInput {
            intake: &intake,
            wijk: None,
            desk_wijk: None,
            danger_words: &[],
            advice: &[],
        },
        leefgebieden,
    )
}

fn max_complexiteit(a: Complexiteit, b: Complexiteit) -> Complexiteit {
    let rank = |c| Complexiteit::VARIANTS.iter().position(|&x| x == c);
    if rank(b) > rank(a) { b } else { a }
}

/// Every sign ticked on either question.
fn merged_signs(merged: &Intake, other: &Intake) -> Signalen {
    let (a, b) = (&merged.signalen, &other.signalen);
    Signalen {
        acute_onveiligheid: a.acute_onveiligheid || b.acute_onveiligheid,
        veel_geprobeerd: a.veel_geprobeerd || b.veel_geprobeerd,
        overlast: a.overlast || b.overlast,
        dreigende_huisuitzetting: a.dreigende_huisuitzetting || b.dreigende_huisuitzetting,
        dakloos: a.dakloos || b.dakloos,
        na_detentie: a.na_detentie || b.na_detentie,
        zorgmijding: a.zorgmijding || b.zorgmijding,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::intake::Route;
    use crate::domain::routing::tests::input;

    fn question(leefgebieden: &[&str], complexiteit: Complexiteit) -> Intake {
        Intake {
            leefgebieden: leefgebieden.iter().map(|c| c.to_string()).collect(),
            complexiteit,
            ..Intake::default()
        }
    }

    /// Seed-gaps D6: "Q1 mother, Wmo, specialistisch; Q2 son, Geldzaken, specialistisch → two
    /// handovers". Seed 003 §3.3: "Bij meervoudige eenvoudige vragen naar een medewerker van
    /// het Loket die de meeste kennis heeft van de vraag die de hoogste prioriteit heeft."
    #[test]
    fn two_enkelvoudige_questions_of_one_household_are_one_meervoudige_question() {
        let wmo = question(&["zorg-ondersteuning"], Complexiteit::Specialistisch);
        let geld = question(&["geldzaken-schulden"], Complexiteit::Specialistisch);
        let s = suggest_contact(&[input(&wmo), input(&geld)], &Leefgebieden::builtin());
        assert_eq!(
            s.route,
            Route::Loket {
                leefgebied: "zorg-ondersteuning".to_string()
            }
        );
        assert!(
            s.why.starts_with("meervoudig en specialistisch"),
            "{}",
            s.why
        );
    }

    /// Seed 003 §3.3: "Bij meervoudige complexe vragen wordt verwezen naar een medewerker van
    /// het Sociale Team": one complex question makes the household's question complex.
    #[test]
    fn one_complex_question_sends_the_household_to_the_sociaal_team() {
        let wonen = question(&["wonen"], Complexiteit::Complex);
        let geld = question(&["geldzaken-schulden"], Complexiteit::Eenvoudig);
        let s = suggest_contact(&[input(&wonen), input(&geld)], &Leefgebieden::builtin());
        assert_eq!(
            s.route,
            Route::SociaalTeam {
                wijk: "De Weide".to_string()
            }
        );
    }

    #[test]
    fn the_same_leefgebied_twice_stays_enkelvoudig_and_one_question_routes_alone() {
        let a = question(&["wonen"], Complexiteit::Eenvoudig);
        let b = question(&["wonen"], Complexiteit::Eenvoudig);
        let l = Leefgebieden::builtin();
        assert_eq!(
            suggest_contact(&[input(&a), input(&b)], &l).route,
            Route::Direct
        );
        assert_eq!(suggest_contact(&[input(&a)], &l), suggest(&input(&a), &l));
        assert_eq!(suggest_contact(&[], &l).route, Route::Direct);
    }
}
