//! The gesprekshulp's answers in the verwijs-scan: which signs and complexiteit a tagged "ja"
//! adds, how the why-line names such an answer, and which answers are kept.

use crate::domain::gesprekshulp::{GivenAnswer, Tag};
use crate::domain::intake::Complexiteit;

/// The tagged "ja" answers by what they mean for the route, in the order they were given.
#[derive(Debug, Default)]
pub(super) struct Answered<'a> {
    pub acuut: Vec<&'a GivenAnswer>,
    /// Multi-problem-plus answers: they make the question complex (seed 002 leaves the
    /// Expertiseteam to the regisseur's opschaling).
    multi_problem_plus: Vec<&'a GivenAnswer>,
    pub zorgmijding: Vec<&'a GivenAnswer>,
    specialistisch: Vec<&'a GivenAnswer>,
    complex: Vec<&'a GivenAnswer>,
}

impl<'a> Answered<'a> {
    pub fn of(answers: &'a [GivenAnswer]) -> Answered<'a> {
        let mut answered = Answered::default();
        for answer in answers.iter().filter(|a| a.is_route_relevant()) {
            let list = match answer.tag {
                Some(Tag::Acuut) => &mut answered.acuut,
                Some(
                    Tag::VeelGeprobeerd
                    | Tag::Overlast
                    | Tag::DreigendeHuisuitzetting
                    | Tag::Dakloos
                    | Tag::NaDetentie,
                ) => &mut answered.multi_problem_plus,
                Some(Tag::Zorgmijding) => &mut answered.zorgmijding,
                Some(Tag::Specialistisch) => &mut answered.specialistisch,
                Some(Tag::Complex) => &mut answered.complex,
                Some(Tag::EigenKracht | Tag::Netwerk) | None => continue,
            };
            list.push(answer);
        }
        answered
    }

    pub fn is_empty(&self) -> bool {
        self.acuut.is_empty()
            && self.multi_problem_plus.is_empty()
            && self.zorgmijding.is_empty()
            && self.specialistisch.is_empty()
            && self.complex.is_empty()
    }

    /// The complexiteit with the answers taken into account, and the answers that raised it
    /// above the desk's choice (none when they did not).
    pub fn complexiteit(&self, desk: Complexiteit) -> (Complexiteit, &[&'a GivenAnswer]) {
        match desk {
            Complexiteit::Complex => (desk, &[]),
            _ if !self.complex.is_empty() => (Complexiteit::Complex, &self.complex),
            _ if !self.multi_problem_plus.is_empty() => {
                (Complexiteit::Complex, &self.multi_problem_plus)
            }
            Complexiteit::Eenvoudig if !self.specialistisch.is_empty() => {
                (Complexiteit::Specialistisch, &self.specialistisch)
            }
            _ => (desk, &[]),
        }
    }
}

/// The longest question the why-line quotes whole; a longer one is cut at its first comma or
/// a word, so the line stays one line.
const QUOTE_MAX: usize = 48;

fn quoted(question: &str) -> String {
    let question = question.trim();
    if question.chars().count() <= QUOTE_MAX {
        return question.to_string();
    }
    let mut head = String::new();
    for word in question.split_whitespace() {
        if !head.is_empty() && head.chars().count() + 1 + word.chars().count() > QUOTE_MAX {
            break;
        }
        if !head.is_empty() {
            head.push(' ');
        }
        head.push_str(word.trim_end_matches(','));
        if word.ends_with(',') {
            break;
        }
    }
    format!("{head}…")
}

/// The why-line's cause for answers that decided: the first by its id and question, e.g.
/// `beslag (“Is er al een deurwaarder geweest…”: ja)`, and how many more said the same.
pub(super) fn cause_of(answers: &[&GivenAnswer]) -> String {
    let Some(first) = answers.first() else {
        return String::new();
    };
    let cause = format!("{} (“{}”: ja)", first.short_id(), quoted(&first.question));
    match answers.len() - 1 {
        0 => cause,
        1 => format!("{cause} en nog 1 antwoord"),
        more => format!("{cause} en nog {more} antwoorden"),
    }
}

/// The answers to keep with a saved intake: answers are guidance, not a dossier, so only a
/// "ja" on a question that counts for the route. Untagged and eigen-kracht questions, and
/// "nee", "?" and skipped answers, are not kept. Whether the route changed does not matter:
/// that depends on the order of the answers and on what the desk ticked, and the professional
/// needs the fact ("er is beslag gelegd") either way.
pub fn kept_answers(answers: &[GivenAnswer]) -> Vec<GivenAnswer> {
    answers
        .iter()
        .filter(|a| a.is_route_relevant())
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Leefgebieden;
    use crate::domain::gesprekshulp::Answer;
    use crate::domain::intake::{Intake, Kanaal, Melder, Route, RouteSuggestion};
    use crate::domain::routing::tests::input;
    use crate::domain::routing::{RoutingInput, suggest};

    const BESLAG: &str = "Is er al een deurwaarder geweest, of is er beslag gelegd?";

    fn answer(question_id: &str, question: &str, tag: Option<Tag>, answer: Answer) -> GivenAnswer {
        GivenAnswer {
            question_id: question_id.to_string(),
            question: question.to_string(),
            answer,
            tag,
        }
    }

    fn beslag(given: Answer) -> GivenAnswer {
        answer(
            "geldzaken-schulden/beslag",
            BESLAG,
            Some(Tag::Specialistisch),
            given,
        )
    }

    fn ja(question_id: &str, question: &str, tag: Tag) -> GivenAnswer {
        answer(question_id, question, Some(tag), Answer::Ja)
    }

    fn intake(
        leefgebieden: &[&str],
        complexiteit: Complexiteit,
        answers: &[GivenAnswer],
    ) -> Intake {
        Intake {
            leefgebieden: leefgebieden.iter().map(|c| c.to_string()).collect(),
            complexiteit,
            answers: answers.to_vec(),
            ..Intake::default()
        }
    }

    fn run(intake: &Intake) -> RouteSuggestion {
        suggest(&input(intake), &Leefgebieden::builtin())
    }

    fn kept(intake: &Intake) -> Vec<String> {
        kept_answers(&intake.answers)
            .into_iter()
            .map(|a| a.question_id)
            .collect()
    }

    fn loket(code: &str) -> Route {
        Route::Loket {
            leefgebied: code.to_string(),
        }
    }

    #[test]
    fn a_ja_on_beslag_makes_it_specialistisch_and_the_why_names_the_question() {
        let i = intake(
            &["geldzaken-schulden"],
            Complexiteit::Eenvoudig,
            &[beslag(Answer::Ja)],
        );
        let s = run(&i);
        assert_eq!(s.route, loket("geldzaken-schulden"));
        assert_eq!(
            s.why,
            "beslag (“Is er al een deurwaarder geweest…”: ja) → Loket Geldzaken & schulden"
        );
        assert!(!s.spoed);
    }

    #[test]
    fn nee_weet_niet_and_skipped_change_nothing() {
        for given in [Answer::Nee, Answer::WeetNiet, Answer::Overgeslagen] {
            let i = intake(
                &["geldzaken-schulden"],
                Complexiteit::Eenvoudig,
                &[beslag(given)],
            );
            let s = run(&i);
            assert_eq!(s.route, Route::Direct, "{given:?}");
            assert_eq!(s.why, "enkelvoudig en eenvoudig → direct afgehandeld");
            assert!(kept(&i).is_empty());
        }
    }

    #[test]
    fn an_answer_that_agrees_with_the_desk_leaves_the_desks_why() {
        let i = intake(
            &["geldzaken-schulden"],
            Complexiteit::Specialistisch,
            &[beslag(Answer::Ja)],
        );
        let s = run(&i);
        assert_eq!(s.route, loket("geldzaken-schulden"));
        assert_eq!(
            s.why,
            "enkelvoudig en specialistisch (Geldzaken & schulden) → Loket Geldzaken & schulden"
        );
        // Kept all the same: the professional needs to know there is beslag.
        assert_eq!(kept(&i), ["geldzaken-schulden/beslag"]);
    }

    #[test]
    fn an_answer_never_lowers_the_desks_complexiteit() {
        let i = intake(
            &["wonen", "geldzaken-schulden"],
            Complexiteit::Complex,
            &[beslag(Answer::Ja)],
        );
        let s = run(&i);
        assert_eq!(
            s.route,
            Route::SociaalTeam {
                wijk: "De Weide".to_string()
            }
        );
        assert_eq!(s.why, "meervoudig en complex → Sociaal Team De Weide");
    }

    #[test]
    fn a_complex_answer_sends_a_meervoudige_question_to_the_sociaal_team() {
        let te_zwaar = ja(
            "mantelzorg/te-zwaar",
            "Is de zorg meer dan u en uw familie samen aankunnen?",
            Tag::Complex,
        );
        let i = intake(
            &["mantelzorg", "zorg-ondersteuning"],
            Complexiteit::Specialistisch,
            &[te_zwaar],
        );
        let s = suggest(
            &RoutingInput {
                intake: &i,
                wijk: None,
                desk_wijk: Some("Centrum"),
                danger_words: &[],
                advice: &[],
            },
            &Leefgebieden::builtin(),
        );
        assert_eq!(
            s.route,
            Route::SociaalTeam {
                wijk: "Centrum".to_string()
            }
        );
        assert_eq!(
            s.why,
            "te-zwaar (“Is de zorg meer dan u en uw familie samen…”: ja) → Sociaal Team Centrum (wijk van deze balie)"
        );
    }

    #[test]
    fn an_acuut_answer_means_spoed() {
        let onveilig = ja(
            "veiligheid/onveilig",
            "Voelt u zich thuis op dit moment onveilig?",
            Tag::Acuut,
        );
        let i = intake(&["veiligheid"], Complexiteit::Eenvoudig, &[onveilig]);
        let s = run(&i);
        assert_eq!((&s.route, s.spoed), (&Route::Expertiseteam, true));
        assert_eq!(
            s.why,
            "onveilig (“Voelt u zich thuis op dit moment onveilig?”: ja) → Expertiseteam, spoed"
        );
        // Ticked at the desk as well, the desk's why stays.
        let mut i = i;
        i.signalen.acute_onveiligheid = true;
        assert_eq!(run(&i).why, "acute onveiligheid → Expertiseteam, spoed");
        assert_eq!(kept(&i), ["veiligheid/onveilig"]);
    }

    /// D1. Seed 002: "Wanneer er sprake is van zo'n situatie, dan schaalt de regisseur op naar
    /// het expertiseteam": a multi-problem-plus answer makes the question complex and is kept
    /// for the professional; it does not send the desk to the Expertiseteam.
    #[test]
    fn multi_problem_plus_answers_raise_the_complexiteit() {
        for tag in [
            Tag::VeelGeprobeerd,
            Tag::Overlast,
            Tag::DreigendeHuisuitzetting,
            Tag::Dakloos,
            Tag::NaDetentie,
        ] {
            let given = ja("wonen/x", "Dreigt u uw huis kwijt te raken?", tag);
            let i = intake(
                &["wonen"],
                Complexiteit::Eenvoudig,
                std::slice::from_ref(&given),
            );
            let s = run(&i);
            assert_eq!((&s.route, s.spoed), (&loket("wonen"), false), "{tag:?}");
            assert_eq!(
                s.why,
                "x (“Dreigt u uw huis kwijt te raken?”: ja) → Loket Wonen"
            );
            assert_eq!(kept(&i), ["wonen/x"]);
            let i = intake(
                &["wonen", "geldzaken-schulden"],
                Complexiteit::Eenvoudig,
                &[given],
            );
            assert_eq!(
                run(&i).route,
                Route::SociaalTeam {
                    wijk: "De Weide".to_string()
                }
            );
        }
    }

    #[test]
    fn a_zorgmijding_answer_counts_for_a_signal_of_others_only() {
        let geen_hulp = ja(
            "gezondheid/wil-geen-hulp",
            "Wil de persoon om wie het gaat zelf geen hulp, ook al gaat het niet goed?",
            Tag::Zorgmijding,
        );
        let mut i = intake(&["gezondheid"], Complexiteit::Eenvoudig, &[geen_hulp]);
        i.kanaal = Kanaal::Signaal;
        let s = run(&i);
        assert_eq!(
            s.route,
            Route::SociaalTeam {
                wijk: "De Weide".to_string()
            }
        );
        assert_eq!(
            s.why,
            "wil-geen-hulp (“Wil de persoon om wie het gaat zelf geen hulp…”: ja) → Sociaal Team De Weide, erop af"
        );
        // D2: who reports decides, not the kanaal.
        i.kanaal = Kanaal::Telefoon;
        assert_eq!(run(&i).route, Route::Direct);
        i.melder = Melder::Informeel;
        assert!(run(&i).why.ends_with("Sociaal Team De Weide, erop af"));
    }

    #[test]
    fn eigen_kracht_answers_do_not_change_the_route() {
        let i = intake(
            &["taal-digitaal"],
            Complexiteit::Eenvoudig,
            &[
                ja(
                    "eigen-kracht/zelf-regelen",
                    "Kunt u dit met een beetje uitleg zelf regelen?",
                    Tag::EigenKracht,
                ),
                ja(
                    "eigen-kracht/iemand-helpt",
                    "Is er iemand in uw omgeving die hierbij kan helpen?",
                    Tag::Netwerk,
                ),
            ],
        );
        assert_eq!(run(&i).route, Route::Direct);
        assert!(kept(&i).is_empty());
    }

    #[test]
    fn several_deciding_answers_name_the_first_and_count_the_rest() {
        let afsluiting = ja(
            "geldzaken-schulden/afsluiting",
            "Heeft u een brief gekregen dat gas, stroom of water wordt afgesloten?",
            Tag::Specialistisch,
        );
        let i = intake(
            &["geldzaken-schulden"],
            Complexiteit::Eenvoudig,
            &[beslag(Answer::Ja), afsluiting.clone()],
        );
        assert_eq!(
            run(&i).why,
            "beslag (“Is er al een deurwaarder geweest…”: ja) en nog 1 antwoord → Loket Geldzaken & schulden"
        );
        assert_eq!(
            cause_of(&[&afsluiting, &afsluiting, &afsluiting]),
            "afsluiting (“Heeft u een brief gekregen dat gas…”: ja) en nog 2 antwoorden"
        );
    }

    #[test]
    fn kept_answers_are_the_ja_answers_that_count_for_the_route() {
        let untagged = answer(
            "geldzaken-schulden/administratie",
            "Wie helpt nu al met de post en de administratie?",
            None,
            Answer::Ja,
        );
        let zelf = ja(
            "eigen-kracht/zelf-regelen",
            "Kunt u dit met een beetje uitleg zelf regelen?",
            Tag::EigenKracht,
        );
        let uitzetting = ja(
            "wonen/huisuitzetting",
            "Dreigt u uw huis kwijt te raken?",
            Tag::DreigendeHuisuitzetting,
        );
        let i = intake(
            &["geldzaken-schulden"],
            Complexiteit::Eenvoudig,
            &[untagged, zelf, beslag(Answer::Ja), uitzetting],
        );
        // Specialistisch adds nothing once huisuitzetting made it complex, and is kept.
        assert_eq!(run(&i).route, loket("geldzaken-schulden"));
        assert_eq!(
            kept(&i),
            ["geldzaken-schulden/beslag", "wonen/huisuitzetting"]
        );
    }

    /// Desk-test S4: "deurwaarder: ja" was lost when the route was already Loket Geldzaken
    /// because of a second leefgebied, and kept when answered before that was ticked.
    #[test]
    fn what_is_kept_does_not_depend_on_the_order_of_the_answers() {
        let afsluiting = ja(
            "geldzaken-schulden/afsluiting",
            "Heeft u een brief gekregen dat gas, stroom of water wordt afgesloten?",
            Tag::Specialistisch,
        );
        let nee = answer(
            "geldzaken-schulden/achterstand",
            "Zijn er achterstanden?",
            Some(Tag::Complex),
            Answer::Nee,
        );
        let answers = [afsluiting, beslag(Answer::Ja), nee];
        let mut reversed = answers.clone();
        reversed.reverse();
        let sorted = |mut ids: Vec<String>| {
            ids.sort();
            ids
        };
        for leefgebieden in [
            &["geldzaken-schulden"][..],
            &["geldzaken-schulden", "werk-inkomen"][..],
        ] {
            let one = intake(leefgebieden, Complexiteit::Eenvoudig, &answers);
            let other = intake(leefgebieden, Complexiteit::Eenvoudig, &reversed);
            assert_eq!(sorted(kept(&one)), sorted(kept(&other)));
            assert_eq!(
                sorted(kept(&one)),
                ["geldzaken-schulden/afsluiting", "geldzaken-schulden/beslag"]
            );
            assert_eq!(run(&one).route, run(&other).route);
        }
    }

    #[test]
    fn the_kept_answers_give_the_same_route_as_all_of_them() {
        let i = intake(
            &["geldzaken-schulden"],
            Complexiteit::Eenvoudig,
            &[
                answer("x/untagged", "Wie helpt al?", None, Answer::Ja),
                beslag(Answer::Ja),
            ],
        );
        let mut saved = i.clone();
        saved.answers = kept_answers(&i.answers);
        assert_eq!(run(&saved).route, run(&i).route);
    }

    #[test]
    fn short_questions_are_quoted_whole() {
        assert_eq!(quoted("Is er beslag?"), "Is er beslag?");
        assert_eq!(quoted(BESLAG), "Is er al een deurwaarder geweest…");
        let long =
            "Is er een hulpmiddel of vervoer nodig om mee te kunnen doen, zoals een rolstoel?";
        assert_eq!(
            quoted(long),
            "Is er een hulpmiddel of vervoer nodig om mee te…"
        );
        assert!(quoted(long).chars().count() <= QUOTE_MAX + 1);
    }
}
