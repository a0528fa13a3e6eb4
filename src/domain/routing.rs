//! The verwijs-scan (DESIGN.md, "Routing"): from what the desk knows of a question, the route it
//! should take, and why in one line. Pure, so the form can ask again on every keystroke and the
//! table can be tested row by row.

mod answers;

use super::intake::{Complexiteit, Intake, Kanaal, Route, RouteSuggestion};
use super::leefgebied::Leefgebieden;

pub use answers::kept_answers;
use answers::{Answered, cause_of};

/// The wijk of a Sociaal Team route when neither the resident's nor the desk's wijk is known:
/// the professional who picks it up assigns it.
pub const UNKNOWN_WIJK: &str = "onbekend";

/// Everything the verwijs-scan looks at.
pub struct RoutingInput<'a> {
    pub intake: &'a Intake,
    /// The resident's wijk (from the postcode), if known.
    pub wijk: Option<&'a str>,
    /// The wijk of the desk's own location: the Sociaal Team when the resident's is unknown.
    pub desk_wijk: Option<&'a str>,
    /// Danger words found in the question (`Vocabulary::danger_words`).
    pub danger_words: &'a [String],
}

/// The suggested route. The rules apply in the order of the table, the most urgent first:
/// acute danger, multi-problem-plus, a signal about someone avoiding care, and then the two
/// axes enkelvoudig/meervoudig and eenvoudig/specialistisch/complex.
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

/// The table, with the desk's signs and complexiteit and what `answered` adds to them.
fn scan(input: &RoutingInput, answered: &Answered, leefgebieden: &Leefgebieden) -> RouteSuggestion {
    let intake = input.intake;
    let signalen = &intake.signalen;
    // The why-line: the cause, the route right after the arrow, then any remark.
    let to = |route: Route, cause: &str, remark: &str| RouteSuggestion {
        why: format!("{cause} → {}{remark}", route_label(&route, leefgebieden)),
        route,
        spoed: false,
    };

    if signalen.acute_onveiligheid || !input.danger_words.is_empty() || !answered.acuut.is_empty() {
        let cause = if !signalen.acute_onveiligheid && input.danger_words.is_empty() {
            cause_of(&answered.acuut)
        } else if input.danger_words.is_empty() {
            "acute onveiligheid".to_string()
        } else {
            let quoted: Vec<String> = input
                .danger_words
                .iter()
                .map(|w| format!("“{w}”"))
                .collect();
            format!("acute onveiligheid ({})", quoted.join(", "))
        };
        return RouteSuggestion {
            spoed: true,
            ..to(Route::Expertiseteam, &cause, ", spoed")
        };
    }

    if signalen.multi_problem_plus() {
        let signs: Vec<&str> = [
            (signalen.veel_geprobeerd, "veel al geprobeerd"),
            (signalen.overlast, "overlast"),
            (
                signalen.dreigende_huisuitzetting,
                "dreigende huisuitzetting",
            ),
            (signalen.dakloos, "dakloos"),
            (signalen.na_detentie, "na detentie"),
        ]
        .into_iter()
        .filter_map(|(set, name)| set.then_some(name))
        .collect();
        let cause = format!("multi-problem-plus ({})", signs.join(", "));
        return to(Route::Expertiseteam, &cause, "");
    }
    if !answered.multi_problem_plus.is_empty() {
        let cause = cause_of(&answered.multi_problem_plus);
        return to(Route::Expertiseteam, &cause, "");
    }

    let (wijk, wijk_remark) = match (input.wijk, input.desk_wijk) {
        (Some(wijk), _) => (wijk, ""),
        (None, Some(desk)) => (desk, " (wijk van deze balie)"),
        (None, None) => (UNKNOWN_WIJK, ""),
    };
    let sociaal_team = Route::SociaalTeam {
        wijk: wijk.to_string(),
    };

    if intake.kanaal == Kanaal::Signaal
        && (signalen.zorgmijding || !answered.zorgmijding.is_empty())
    {
        let cause = if signalen.zorgmijding {
            "signaal van derden, zorgmijding".to_string()
        } else {
            cause_of(&answered.zorgmijding)
        };
        let remark = format!("{wijk_remark}, erop af");
        return to(sociaal_team, &cause, &remark);
    }

    let direct = |why: &str| RouteSuggestion {
        route: Route::Direct,
        why: why.to_string(),
        spoed: false,
    };
    let loket = |code: &str| Route::Loket {
        leefgebied: code.to_string(),
    };
    let (complexiteit, raised_by) = answered.complexiteit(intake.complexiteit);
    // Raised by an answer, the answer is the cause; otherwise the desk's two axes are.
    let cause = |desk_cause: String| {
        if raised_by.is_empty() {
            desk_cause
        } else {
            cause_of(raised_by)
        }
    };
    match intake.leefgebieden.as_slice() {
        [] => direct("nog geen leefgebied gekozen → direct afhandelen"),
        [_] if complexiteit == Complexiteit::Eenvoudig => {
            direct("enkelvoudig en eenvoudig → direct afgehandeld")
        }
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

/// The route as the desk reads it: "Loket Geldzaken & schulden", "Sociaal Team De Weide".
pub fn route_label(route: &Route, leefgebieden: &Leefgebieden) -> String {
    match route {
        Route::Direct => "Direct afgehandeld".to_string(),
        Route::Loket { leefgebied } => format!("Loket {}", leefgebieden.name_of(leefgebied)),
        Route::SociaalTeam { wijk } if wijk == UNKNOWN_WIJK => {
            "Sociaal Team (wijk onbekend)".to_string()
        }
        Route::SociaalTeam { wijk } => format!("Sociaal Team {wijk}"),
        Route::Expertiseteam => "Expertiseteam".to_string(),
        Route::Terugbelverzoek { team } => format!("Terugbelverzoek {team}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::intake::Signalen;

    fn intake(leefgebieden: &[&str], complexiteit: Complexiteit) -> Intake {
        Intake {
            leefgebieden: leefgebieden.iter().map(|c| c.to_string()).collect(),
            complexiteit,
            ..Intake::default()
        }
    }

    fn run(
        intake: &Intake,
        wijk: Option<&str>,
        desk: Option<&str>,
        danger: &[&str],
    ) -> RouteSuggestion {
        let danger: Vec<String> = danger.iter().map(|w| w.to_string()).collect();
        suggest(
            &RoutingInput {
                intake,
                wijk,
                desk_wijk: desk,
                danger_words: &danger,
            },
            &Leefgebieden::builtin(),
        )
    }

    fn loket(code: &str) -> Route {
        Route::Loket {
            leefgebied: code.to_string(),
        }
    }

    fn team(wijk: &str) -> Route {
        Route::SociaalTeam {
            wijk: wijk.to_string(),
        }
    }

    #[test]
    fn enkelvoudig_en_eenvoudig_is_handled_directly() {
        let s = run(
            &intake(&["geldzaken-schulden"], Complexiteit::Eenvoudig),
            Some("De Weide"),
            None,
            &[],
        );
        assert_eq!(s.route, Route::Direct);
        assert_eq!(s.why, "enkelvoudig en eenvoudig → direct afgehandeld");
        assert!(!s.spoed);
    }

    #[test]
    fn enkelvoudig_en_specialistisch_goes_to_the_loket_of_that_leefgebied() {
        let s = run(
            &intake(&["geldzaken-schulden"], Complexiteit::Specialistisch),
            Some("De Weide"),
            None,
            &[],
        );
        assert_eq!(s.route, loket("geldzaken-schulden"));
        assert_eq!(
            s.why,
            "enkelvoudig en specialistisch (Geldzaken & schulden) → Loket Geldzaken & schulden"
        );
    }

    #[test]
    fn enkelvoudig_en_complex_also_goes_to_the_loket() {
        let s = run(&intake(&["wonen"], Complexiteit::Complex), None, None, &[]);
        assert_eq!(s.route, loket("wonen"));
        assert_eq!(s.why, "enkelvoudig en complex (Wonen) → Loket Wonen");
    }

    #[test]
    fn meervoudig_not_complex_goes_to_the_loket_of_the_first_leefgebied() {
        for complexiteit in [Complexiteit::Eenvoudig, Complexiteit::Specialistisch] {
            let s = run(
                &intake(&["wonen", "geldzaken-schulden"], complexiteit),
                Some("De Weide"),
                None,
                &[],
            );
            assert_eq!(s.route, loket("wonen"));
            assert_eq!(
                s.why,
                format!(
                    "meervoudig en {}, eerst Wonen → Loket Wonen",
                    complexiteit.name()
                )
            );
        }
        // The order the desk gave decides, not the order of the configured list.
        let s = run(
            &intake(
                &["geldzaken-schulden", "wonen"],
                Complexiteit::Specialistisch,
            ),
            None,
            None,
            &[],
        );
        assert_eq!(s.route, loket("geldzaken-schulden"));
    }

    #[test]
    fn meervoudig_en_complex_goes_to_the_sociaal_team_of_the_residents_wijk() {
        let s = run(
            &intake(&["wonen", "geldzaken-schulden"], Complexiteit::Complex),
            Some("De Weide"),
            Some("Centrum"),
            &[],
        );
        assert_eq!(s.route, team("De Weide"));
        assert_eq!(s.why, "meervoudig en complex → Sociaal Team De Weide");
    }

    #[test]
    fn unknown_wijk_falls_back_to_the_desk_and_then_to_onbekend() {
        let complex = intake(&["wonen", "gezondheid"], Complexiteit::Complex);
        let s = run(&complex, None, Some("Centrum"), &[]);
        assert_eq!(s.route, team("Centrum"));
        assert_eq!(
            s.why,
            "meervoudig en complex → Sociaal Team Centrum (wijk van deze balie)"
        );
        let s = run(&complex, None, None, &[]);
        assert_eq!(s.route, team(UNKNOWN_WIJK));
        assert_eq!(
            s.why,
            "meervoudig en complex → Sociaal Team (wijk onbekend)"
        );
    }

    #[test]
    fn no_leefgebied_yet_means_direct() {
        let s = run(&intake(&[], Complexiteit::Complex), None, None, &[]);
        assert_eq!(s.route, Route::Direct);
        assert_eq!(s.why, "nog geen leefgebied gekozen → direct afhandelen");
    }

    #[test]
    fn a_signal_about_care_avoidance_sends_the_sociaal_team_erop_af() {
        let mut i = intake(&["gezondheid"], Complexiteit::Eenvoudig);
        i.kanaal = Kanaal::Signaal;
        i.signalen.zorgmijding = true;
        let s = run(&i, Some("Oosterpark"), None, &[]);
        assert_eq!(s.route, team("Oosterpark"));
        assert_eq!(
            s.why,
            "signaal van derden, zorgmijding → Sociaal Team Oosterpark, erop af"
        );
        // Even before a leefgebied is chosen.
        i.leefgebieden.clear();
        assert_eq!(run(&i, None, Some("Centrum"), &[]).route, team("Centrum"));
        // Care avoidance told by the resident themselves is not a signal of others.
        i.kanaal = Kanaal::Balie;
        assert_eq!(run(&i, None, None, &[]).route, Route::Direct);
    }

    #[test]
    fn multi_problem_plus_goes_to_the_expertiseteam_and_names_the_signs() {
        let mut i = intake(&["wonen"], Complexiteit::Eenvoudig);
        i.signalen = Signalen {
            dreigende_huisuitzetting: true,
            overlast: true,
            ..Signalen::default()
        };
        let s = run(&i, Some("De Weide"), None, &[]);
        assert_eq!(s.route, Route::Expertiseteam);
        assert_eq!(
            s.why,
            "multi-problem-plus (overlast, dreigende huisuitzetting) → Expertiseteam"
        );
        assert!(!s.spoed);
        for sign in [
            Signalen {
                veel_geprobeerd: true,
                ..Signalen::default()
            },
            Signalen {
                dakloos: true,
                ..Signalen::default()
            },
            Signalen {
                na_detentie: true,
                ..Signalen::default()
            },
        ] {
            i.signalen = sign;
            assert_eq!(run(&i, None, None, &[]).route, Route::Expertiseteam);
        }
    }

    #[test]
    fn acute_danger_ticked_goes_to_the_expertiseteam_with_spoed() {
        let mut i = intake(&["veiligheid"], Complexiteit::Eenvoudig);
        i.signalen.acute_onveiligheid = true;
        let s = run(&i, None, None, &[]);
        assert_eq!(s.route, Route::Expertiseteam);
        assert_eq!(s.why, "acute onveiligheid → Expertiseteam, spoed");
        assert!(s.spoed);
    }

    #[test]
    fn danger_words_force_spoed_and_are_named() {
        let i = intake(&["geldzaken-schulden"], Complexiteit::Eenvoudig);
        let s = run(&i, None, None, &["slaat"]);
        assert_eq!(s.route, Route::Expertiseteam);
        assert_eq!(s.why, "acute onveiligheid (“slaat”) → Expertiseteam, spoed");
        assert!(s.spoed);
        let s = run(&i, None, None, &["slaat", "bedreigt"]);
        assert_eq!(
            s.why,
            "acute onveiligheid (“slaat”, “bedreigt”) → Expertiseteam, spoed"
        );
    }

    #[test]
    fn priorities_acute_then_multi_problem_then_signal_then_the_rest() {
        let mut i = intake(&["wonen", "gezondheid"], Complexiteit::Complex);
        i.kanaal = Kanaal::Signaal;
        i.signalen = Signalen {
            acute_onveiligheid: true,
            dakloos: true,
            zorgmijding: true,
            ..Signalen::default()
        };
        let wijk = Some("De Weide");
        let s = run(&i, wijk, None, &[]);
        assert_eq!((s.route, s.spoed), (Route::Expertiseteam, true));
        assert!(s.why.starts_with("acute onveiligheid"));

        i.signalen.acute_onveiligheid = false;
        let s = run(&i, wijk, None, &[]);
        assert_eq!((s.route, s.spoed), (Route::Expertiseteam, false));
        assert!(s.why.starts_with("multi-problem-plus"));

        i.signalen.dakloos = false;
        let s = run(&i, wijk, None, &[]);
        assert_eq!(s.route, team("De Weide"));
        assert!(s.why.starts_with("signaal van derden"));

        i.signalen.zorgmijding = false;
        let s = run(&i, wijk, None, &[]);
        assert_eq!(s.route, team("De Weide"));
        assert!(s.why.starts_with("meervoudig en complex"));
    }

    #[test]
    fn an_unconfigured_leefgebied_is_shown_by_its_code() {
        let s = run(
            &intake(&["ruimtevaart"], Complexiteit::Specialistisch),
            None,
            None,
            &[],
        );
        assert_eq!(s.route, loket("ruimtevaart"));
        assert_eq!(
            s.why,
            "enkelvoudig en specialistisch (ruimtevaart) → Loket ruimtevaart"
        );
    }

    #[test]
    fn route_labels_read_as_the_desk_says_them() {
        let l = Leefgebieden::builtin();
        assert_eq!(route_label(&Route::Direct, &l), "Direct afgehandeld");
        assert_eq!(
            route_label(&loket("geldzaken-schulden"), &l),
            "Loket Geldzaken & schulden"
        );
        assert_eq!(route_label(&team("De Weide"), &l), "Sociaal Team De Weide");
        assert_eq!(
            route_label(&team(UNKNOWN_WIJK), &l),
            "Sociaal Team (wijk onbekend)"
        );
        assert_eq!(route_label(&Route::Expertiseteam, &l), "Expertiseteam");
        assert_eq!(
            route_label(
                &Route::Terugbelverzoek {
                    team: "KCC".to_string()
                },
                &l
            ),
            "Terugbelverzoek KCC"
        );
    }
}
