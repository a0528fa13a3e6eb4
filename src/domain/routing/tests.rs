//! The verwijs-scan's table, rule by rule, each quoting the seed it comes from.

use super::*;
use crate::domain::intake::{DangerCheck, Melder, Signalen};

/// The question asked in De Weide at a desk of no wijk, without danger words or advice: what
/// the rules of one part of the scan are tested on.
pub(super) fn input(intake: &Intake) -> RoutingInput<'_> {
    RoutingInput {
        intake,
        wijk: Some("De Weide"),
        desk_wijk: None,
        danger_words: &[],
        advice: &[],
    }
}

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
            advice: &[],
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
    assert_eq!(s.why, "meervoudig en complex → Sociaal Team (kies de wijk)");
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
    // Saved before the melder was asked: the kanaal "signaal" still counts as others.
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

/// D2. Seed 003 §3.2: "Signalen kunnen digitaal, telefonisch (KCC of STIP/CJG) of via de
/// fysiek punten … worden afgegeven … Er kan sprake zijn van vraagverlegenheid of zorgmijdend
/// gedrag. In die gevallen kunnen de Sociale Teams ingezet worden. Zij gaan er letterlijk op af."
#[test]
fn zorgmijding_signalled_by_phone_or_at_the_desk_sends_the_sociaal_team_erop_af() {
    // Seed-gaps D2: "Mijn moeder vergeet alles en wil geen hulp", the daughter on the phone.
    let mut i = intake(&["zorg-ondersteuning"], Complexiteit::Eenvoudig);
    i.signalen.zorgmijding = true;
    for kanaal in [Kanaal::Telefoon, Kanaal::Balie, Kanaal::Digitaal] {
        i.kanaal = kanaal;
        i.melder = Melder::Informeel;
        let s = run(&i, Some("Oosterpark"), None, &[]);
        assert_eq!(s.route, team("Oosterpark"), "{kanaal:?}");
        assert_eq!(
            s.why,
            "signaal van informeel netwerk, zorgmijding → Sociaal Team Oosterpark, erop af"
        );
        i.melder = Melder::Professional;
        assert_eq!(
            run(&i, Some("Oosterpark"), None, &[]).route,
            team("Oosterpark")
        );
        i.melder = Melder::Inwoner;
        assert_eq!(run(&i, Some("Oosterpark"), None, &[]).route, Route::Direct);
    }
}

/// D1. Seed 002: "Wanneer er sprake is van zo'n situatie, dan schaalt de regisseur op naar het
/// expertiseteam". At the desk a sign makes the question complex and travels as a signal.
#[test]
fn multi_problem_plus_signs_raise_the_complexiteit_and_never_reach_the_expertiseteam() {
    let mut i = intake(&["wonen"], Complexiteit::Eenvoudig);
    i.signalen = Signalen {
        dreigende_huisuitzetting: true,
        overlast: true,
        ..Signalen::default()
    };
    let s = run(&i, Some("De Weide"), None, &[]);
    assert_eq!(s.route, loket("wonen"));
    assert_eq!(
        s.why,
        "enkelvoudig en complex (Wonen), signaal: overlast, dreigende huisuitzetting → Loket Wonen"
    );
    i.leefgebieden.push("geldzaken-schulden".to_string());
    let s = run(&i, Some("De Weide"), None, &[]);
    assert_eq!(s.route, team("De Weide"));
    assert_eq!(
        s.why,
        "meervoudig en complex, signaal: overlast, dreigende huisuitzetting → Sociaal Team De Weide"
    );
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
        assert_ne!(run(&i, None, None, &[]).route, Route::Expertiseteam);
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
fn priorities_acute_then_signal_then_the_axes() {
    let mut i = intake(&["wonen", "gezondheid"], Complexiteit::Complex);
    i.melder = Melder::Professional;
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
    assert_eq!((s.route, s.spoed), (team("De Weide"), false));
    assert!(s.why.starts_with("signaal van professional, zorgmijding"));

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
        "Sociaal Team (kies de wijk)"
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

/// D3. A danger word the desk answered "nee" to ("Is er nu direct gevaar?") no longer forces
/// spoed or the Expertiseteam; "ja" does even without words; unanswered words still do.
#[test]
fn only_a_ja_to_direct_gevaar_keeps_the_spoed_of_danger_words() {
    let mut i = intake(&["geldzaken-schulden"], Complexiteit::Specialistisch);
    let words = ["bedreigt mij"];
    assert!(run(&i, None, None, &words).spoed);
    i.danger = DangerCheck {
        answer: Gevaar::Nee,
        dismiss_reason: "deurwaarder dreigt met beslag".to_string(),
        ..DangerCheck::default()
    };
    let s = run(&i, None, None, &words);
    assert_eq!((s.route, s.spoed), (loket("geldzaken-schulden"), false));
    i.danger = DangerCheck {
        answer: Gevaar::Ja,
        called_veilig_thuis: true,
        ..DangerCheck::default()
    };
    let s = run(&i, None, None, &[]);
    assert_eq!((s.route, s.spoed), (Route::Expertiseteam, true));
    assert_eq!(s.why, "acute onveiligheid → Expertiseteam, spoed");
}

fn with_advice(intake: &Intake, advice: &[(&str, bool)]) -> RouteSuggestion {
    let advice: Vec<AdviceFact> = advice
        .iter()
        .map(|(name, needs_referral)| AdviceFact {
            name: name.to_string(),
            needs_referral: *needs_referral,
        })
        .collect();
    suggest(
        &RoutingInput {
            intake,
            wijk: Some("De Weide"),
            desk_wijk: None,
            danger_words: &[],
            advice: &advice,
        },
        &Leefgebieden::builtin(),
    )
}

/// D4. Seed 003 §3.3: "Bij enkelvoudige specialistische en meervoudige vragen waarbij
/// individuele of collectieve ondersteuning in beeld is worden de inwoners doorverwezen."
/// Seed-gaps D4: "Enkelvoudig eenvoudig plus advice 'Dagverzorging Lindehof' (maatwerk,
/// referral required) → Direct."
#[test]
fn advice_that_needs_a_referral_makes_the_question_a_referral() {
    let i = intake(&["zorg-ondersteuning"], Complexiteit::Eenvoudig);
    let s = with_advice(&i, &[("Dagverzorging Lindehof", true)]);
    assert_eq!(s.route, loket("zorg-ondersteuning"));
    assert_eq!(
        s.why,
        "advies “Dagverzorging Lindehof” vraagt een verwijzing → Loket Zorg & ondersteuning (Wmo)"
    );
    assert_eq!(
        with_advice(&i, &[("Buurthuis", false)]).route,
        Route::Direct
    );
}

/// D5. Seed 003 §3.3 refers meervoudige vragen only "waarbij individuele of collectieve
/// ondersteuning in beeld is"; "Ze handelen enkelvoudige en eenvoudige vragen direct af. Dit
/// zijn in de meeste gevallen vragen waarbij een oplossing mogelijk is met … algemene
/// voorzieningen." Seed-gaps D5: a lonely person who wants a language café.
#[test]
fn meervoudig_eenvoudig_with_only_algemene_advice_is_handled_directly() {
    let i = intake(
        &["meedoen-ontmoeten", "taal-digitaal"],
        Complexiteit::Eenvoudig,
    );
    let s = with_advice(&i, &[("Taalcafé De Weide", false), ("Buurtkamer", false)]);
    assert_eq!(s.route, Route::Direct);
    assert_eq!(
        s.why,
        "meervoudig en eenvoudig, alleen algemene voorzieningen → direct afgehandeld"
    );
    // Support "in beeld", or no advice yet: the Loket of the first leefgebied.
    let s = with_advice(&i, &[("Taalcafé", false), ("Dagbesteding", true)]);
    assert_eq!(s.route, loket("meedoen-ontmoeten"));
    assert_eq!(with_advice(&i, &[]).route, loket("meedoen-ontmoeten"));
}

/// D7. Seed 003 §3.3: "In sommige gevallen gaat het om enkelvoudige aanvragen waarbij … de
/// oplossing individuele of collectieve ondersteuning is. Bijvoorbeeld een regeling vanuit de
/// bijzondere bijstand die digitaal kan worden aangevraagd." Ook kunnen zij "directe
/// ondersteuning geven door bijvoorbeeld te helpen bij het invullen van (digitale) formulieren".
#[test]
fn a_digital_application_made_with_the_desks_help_is_direct() {
    let mut i = intake(&["werk-inkomen"], Complexiteit::Specialistisch);
    i.digital_application = true;
    let s = with_advice(&i, &[("Bijzondere bijstand", true)]);
    assert_eq!(s.route, Route::Direct);
    assert_eq!(
        s.why,
        "enkelvoudig, digitale aanvraag met hulp van de balie → direct afgehandeld"
    );
    // Not for a complex question, nor for a meervoudige one.
    i.complexiteit = Complexiteit::Complex;
    assert_eq!(with_advice(&i, &[]).route, loket("werk-inkomen"));
    i.complexiteit = Complexiteit::Specialistisch;
    i.leefgebieden.push("geldzaken-schulden".to_string());
    assert_eq!(with_advice(&i, &[]).route, loket("werk-inkomen"));
}

/// D9: a Sociaal Team route without a wijk is incomplete until the desk picks one.
#[test]
fn a_sociaal_team_without_a_wijk_is_incomplete() {
    let s = run(
        &intake(&["wonen", "gezondheid"], Complexiteit::Complex),
        None,
        None,
        &[],
    );
    assert!(is_incomplete(&s.route));
    assert!(!is_incomplete(&team("Centrum")));
    assert!(!is_incomplete(&Route::Expertiseteam));
}
