//! What the verwijs-scan's rules ask of the form before saving: a reason for a dismissed danger
//! banner (D3), a team for a Sociaal Team route without wijk (D9), and a reason for handling
//! at the desk what the advice says must be referred (D4).

use super::*;
use crate::domain::intake::{Consent, DangerCheck, Resident};
use crate::domain::validation::{Field, FieldError, validate_intake};

fn handover(leefgebieden: &[&str], complexiteit: Complexiteit) -> Intake {
    Intake {
        question: "Alles loopt me boven het hoofd".to_string(),
        leefgebieden: leefgebieden.iter().map(|c| c.to_string()).collect(),
        complexiteit,
        resident: Resident {
            phone: "0612345678".to_string(),
            ..Resident::default()
        },
        consent: Consent::Ja,
        handover_note: "Belt na 10 uur".to_string(),
        ..Intake::default()
    }
}

fn fields(errors: &[FieldError]) -> Vec<Field> {
    errors.iter().map(|e| e.field).collect()
}

fn scan(intake: &Intake, wijk: Option<&str>, advice: &[AdviceFact]) -> RouteSuggestion {
    suggest(
        &RoutingInput {
            intake,
            wijk,
            desk_wijk: None,
            danger_words: &[],
            advice,
        },
        &Leefgebieden::builtin(),
    )
}

#[test]
fn a_dismissed_danger_banner_needs_a_reason() {
    let mut intake = handover(&["geldzaken-schulden"], Complexiteit::Specialistisch);
    intake.danger = DangerCheck {
        answer: Gevaar::Nee,
        ..DangerCheck::default()
    };
    let s = scan(&intake, Some("De Weide"), &[]);
    let errors = validate_intake(&intake, &s, 2026);
    assert_eq!(fields(&errors), [Field::DangerReason]);
    intake.danger.dismiss_reason = "deurwaarder, geen geweld".to_string();
    assert!(validate_intake(&intake, &s, 2026).is_empty());
}

/// D9, desk-test B3: a KCC call without postcode gave "Sociaal Team onbekend".
#[test]
fn a_sociaal_team_without_wijk_is_saved_only_once_the_desk_picks_one() {
    let mut intake = handover(&["wonen", "gezondheid"], Complexiteit::Complex);
    let s = scan(&intake, None, &[]);
    let errors = validate_intake(&intake, &s, 2026);
    assert_eq!(fields(&errors), [Field::Route]);
    assert_eq!(
        errors[0].message,
        "Kies de wijk of het team: zonder postcode is de wijk onbekend"
    );
    intake.resident.postcode = "9711 AA".to_string();
    let errors = validate_intake(&intake, &s, 2026);
    assert_eq!(
        errors[0].message,
        "Postcode 9711 AA ligt niet in een wijk van de gemeente: kies het team"
    );
    // Picking the team completes the route: no reason for "another route" is asked.
    intake.route = Some(Route::SociaalTeam {
        wijk: "Centrum".to_string(),
    });
    assert!(validate_intake(&intake, &s, 2026).is_empty());
}

/// D4. Seed 003 §3.3: "Bij enkelvoudige specialistische en meervoudige vragen waarbij
/// individuele of collectieve ondersteuning in beeld is worden de inwoners doorverwezen":
/// handling it at the desk anyway takes a reason.
#[test]
fn handling_at_the_desk_what_the_advice_refers_needs_a_reason() {
    let mut intake = handover(&["zorg-ondersteuning"], Complexiteit::Eenvoudig);
    let lindehof = [AdviceFact {
        name: "Dagverzorging Lindehof".to_string(),
        needs_referral: true,
    }];
    let s = scan(&intake, Some("De Weide"), &lindehof);
    assert!(s.route.is_handover());
    intake.route = Some(Route::Direct);
    assert_eq!(
        fields(&validate_intake(&intake, &s, 2026)),
        [Field::RouteReason]
    );
    intake.route_reason = "inwoner belt zelf de dagverzorging".to_string();
    assert!(validate_intake(&intake, &s, 2026).is_empty());
}
