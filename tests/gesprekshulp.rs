//! The gesprekshulp's data and how its answers steer the verwijs-scan, through the public API.

use loket::domain::Leefgebieden;
use loket::domain::gesprekshulp::{
    Answer, EIGEN_KRACHT, GivenAnswer, QuestionSets, Tag, prefers_own_strength,
};
use loket::domain::intake::{Complexiteit, Intake, Route};
use loket::domain::routing::{RoutingInput, kept_answers, suggest};

/// Words of the trade a resident does not use; the questions are asked in plain Dutch.
const JARGON: [&str; 9] = [
    "indicatiestelling",
    "maatwerkvoorziening",
    "multiproblematiek",
    "casus",
    "cliënt",
    "client",
    "zorgmijding",
    "wmo",
    "problematiek",
];

/// Informal "you": the desk says "u".
const INFORMAL: [&str; 5] = ["je", "jij", "jou", "jouw", "jullie"];

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn every_leefgebied_and_eigen_kracht_has_a_set_of_four_to_eight_questions() {
    let sets = QuestionSets::builtin();
    let leefgebieden = Leefgebieden::builtin();
    for code in leefgebieden
        .all()
        .iter()
        .map(|l| l.code.as_str())
        .chain([EIGEN_KRACHT])
    {
        let set = sets
            .get(code)
            .unwrap_or_else(|| panic!("geen vragen voor {code}"));
        assert!(!set.title.is_empty(), "{code}");
        assert!(
            (4..=8).contains(&set.questions.len()),
            "{code}: {} vragen",
            set.questions.len()
        );
    }
    assert_eq!(sets.all().len(), leefgebieden.all().len() + 1);
}

#[test]
fn every_tag_in_the_data_parses_and_tags_are_placed_where_they_belong() {
    let sets = QuestionSets::builtin();
    // Each data file parses, tags included (builtin() would have panicked otherwise); and
    // every tag is used somewhere.
    for tag in Tag::ALL {
        assert!(
            sets.all()
                .iter()
                .flat_map(|s| &s.questions)
                .any(|q| q.tag == Some(tag)),
            "{} komt in geen enkele lijst voor",
            tag.name()
        );
    }
    for set in sets.all() {
        for question in &set.questions {
            // Eigen kracht and netwerk belong to the eigen-kracht set only.
            if question.tag.is_some_and(Tag::is_own_strength) {
                assert_eq!(set.id, EIGEN_KRACHT, "{}", question.id);
            }
        }
        let tagged = set.questions.iter().filter(|q| q.tag.is_some()).count();
        assert!(
            tagged * 2 <= set.questions.len(),
            "{}: tag spaarzaam ({tagged} van {})",
            set.id,
            set.questions.len()
        );
    }
    let eigen_kracht = sets.get(EIGEN_KRACHT).unwrap();
    for tag in [Tag::EigenKracht, Tag::Netwerk] {
        assert!(eigen_kracht.questions.iter().any(|q| q.tag == Some(tag)));
    }
    assert!(
        eigen_kracht.questions.iter().any(|q| q.tag.is_none()),
        "ook open vragen"
    );
    let (_, onveilig) = sets.question("veiligheid/onveilig").unwrap();
    assert_eq!(onveilig.text, "Voelt u zich thuis op dit moment onveilig?");
    assert_eq!(onveilig.tag, Some(Tag::Acuut));
}

#[test]
fn questions_are_short_plain_polite_questions() {
    for set in QuestionSets::builtin().all() {
        for question in &set.questions {
            let text = &question.text;
            let at = format!("{}/{}: {text}", set.id, question.id);
            assert!(text.chars().count() <= 120, "te lang: {at}");
            assert!(text.ends_with('?'), "geen vraagteken: {at}");
            assert!(
                text.starts_with(|c: char| c.is_uppercase()),
                "hoofdletter: {at}"
            );
            let words = words(text);
            for informal in INFORMAL {
                assert!(!words.iter().any(|w| w == informal), "{informal:?}: {at}");
            }
            for jargon in JARGON {
                assert!(
                    !words.iter().any(|w| w.contains(jargon)),
                    "{jargon:?}: {at}"
                );
            }
            // No blame: ask what works, not why something was not done.
            assert_ne!(words.first().map(String::as_str), Some("waarom"), "{at}");
        }
    }
}

fn deurwaarder_intake(beslag: Answer) -> Intake {
    let sets = QuestionSets::builtin();
    let (set, question) = sets.question("geldzaken-schulden/beslag").unwrap();
    Intake {
        question: "Ik heb een brief van de deurwaarder gekregen".to_string(),
        leefgebieden: vec!["geldzaken-schulden".to_string()],
        complexiteit: Complexiteit::Eenvoudig,
        answers: vec![set.given(question, beslag)],
        ..Intake::default()
    }
}

fn input(intake: &Intake) -> RoutingInput<'_> {
    RoutingInput {
        intake,
        wijk: Some("De Weide"),
        desk_wijk: None,
        danger_words: &[],
        advice: &[],
    }
}

#[test]
fn deurwaarder_with_beslag_goes_to_the_loket_and_says_why() {
    let intake = deurwaarder_intake(Answer::Ja);
    let s = suggest(&input(&intake), &Leefgebieden::builtin());
    assert_eq!(
        s.route,
        Route::Loket {
            leefgebied: "geldzaken-schulden".to_string()
        }
    );
    assert_eq!(
        s.why,
        "beslag (“Is er al een deurwaarder geweest…”: ja) → Loket Geldzaken & schulden"
    );
    assert!(!s.spoed);
}

#[test]
fn deurwaarder_without_beslag_is_handled_directly() {
    let intake = deurwaarder_intake(Answer::Nee);
    let s = suggest(&input(&intake), &Leefgebieden::builtin());
    assert_eq!(s.route, Route::Direct);
    assert_eq!(s.why, "enkelvoudig en eenvoudig → direct afgehandeld");
}

#[test]
fn only_the_beslag_answer_is_kept() {
    let sets = QuestionSets::builtin();
    let given = |id: &str, answer: Answer| -> GivenAnswer {
        let (set, question) = sets.question(id).unwrap();
        set.given(question, answer)
    };
    let mut intake = deurwaarder_intake(Answer::Ja);
    intake.answers = vec![
        given("geldzaken-schulden/achterstand", Answer::Ja),
        given("geldzaken-schulden/administratie", Answer::WeetNiet),
        given("geldzaken-schulden/beslag", Answer::Ja),
        given("geldzaken-schulden/afsluiting", Answer::Nee),
        given("geldzaken-schulden/schulden-te-hoog", Answer::Overgeslagen),
        given("eigen-kracht/iemand-helpt", Answer::Ja),
        given("eigen-kracht/zelf-geprobeerd", Answer::Ja),
    ];
    let kept = kept_answers(&intake.answers);
    let ids: Vec<&str> = kept.iter().map(|a| a.question_id.as_str()).collect();
    assert_eq!(ids, ["geldzaken-schulden/beslag"]);
    assert_eq!(kept[0].answer, Answer::Ja);
    assert_eq!(
        kept[0].question,
        "Is er al een deurwaarder geweest, of is er beslag gelegd?"
    );
    // The netwerk "ja" steers the advice while the intake is open.
    assert!(prefers_own_strength(&intake.answers));
    assert!(!prefers_own_strength(&kept));
}
