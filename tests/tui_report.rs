//! Screen tests of the rapportage (F5): a beheerder sees the figures of the last quarter as
//! charts, walks through the views with the arrow keys and picks a period; a volunteer has no
//! rapportage.

mod common;

use chrono::{Duration, TimeZone, Utc};
use common::Desk;
use crossterm::event::KeyCode;
use loket::domain::Leefgebieden;
use loket::domain::intake::{
    Complexiteit, Consent, Intake, Kanaal, Resident, Route, RouteSuggestion,
};
use loket::domain::routing::{RoutingInput, suggest};
use loket::tui::View;

/// Bea, the first beheerder, signed in; a dozen intakes in August 2026 by Anna.
fn beheerder_with_intakes() -> Desk {
    let mut desk = Desk::empty();
    desk.first_run("Bea Beheer", "KCC", "59321", "59321");
    let bea = desk.app.user().cloned().expect("signed in");
    let leefgebieden = Leefgebieden::builtin();
    let start = Utc.with_ymd_and_hms(2026, 8, 3, 9, 0, 0).unwrap();
    for i in 0..12i64 {
        let intake = Intake {
            kanaal: if i % 3 == 0 {
                Kanaal::Balie
            } else {
                Kanaal::Telefoon
            },
            question: "Vraag over geld en wonen voor de test".into(),
            leefgebieden: vec![
                if i % 2 == 0 {
                    "geldzaken-schulden"
                } else {
                    "wonen"
                }
                .into(),
            ],
            complexiteit: if i % 4 == 0 {
                Complexiteit::Specialistisch
            } else {
                Complexiteit::Eenvoudig
            },
            handover_note: "notitie".into(),
            resident: Resident {
                email: "inwoner@example.org".into(),
                ..Resident::default()
            },
            consent: Consent::Nee,
            ..Intake::default()
        };
        let input = RoutingInput {
            intake: &intake,
            wijk: None,
            desk_wijk: None,
            danger_words: &[],
            advice: &[],
        };
        let suggestion: RouteSuggestion = suggest(&input, &leefgebieden);
        let at = start + Duration::days(i * 3);
        desk.app
            .store
            .save_intake(&bea, &intake, &suggestion, None, "test", at)
            .unwrap();
    }
    desk
}

#[test]
fn the_views_of_the_last_quarter() {
    let mut desk = beheerder_with_intakes();
    desk.key(KeyCode::F(5));
    assert!(matches!(&desk.app.phase, loket::tui::Phase::Working(s) if s.view == View::Report));
    // Deze maand, vorige maand, vorig kwartaal.
    desk.key(KeyCode::Tab);
    desk.key(KeyCode::Tab);
    let screen = desk.screen(80, 24);
    assert!(
        screen.contains("vorig kwartaal") && screen.contains("1-7-2026"),
        "{screen}"
    );
    desk.snapshot("report_contacts");
    desk.key(KeyCode::Right);
    let screen = desk.screen(160, 48);
    assert!(
        screen.contains("telefoon") && screen.contains("balie"),
        "{screen}"
    );
    desk.snapshot("report_channels");
    desk.key(KeyCode::Right);
    desk.snapshot("report_leefgebieden");
    // Back round past the first view to the wachtrij (the two plan views come last).
    for _ in 0..5 {
        desk.key(KeyCode::Left);
    }
    desk.snapshot("report_queue");
}

#[test]
fn a_period_is_chosen_or_typed() {
    let mut desk = beheerder_with_intakes();
    desk.key(KeyCode::F(5));
    desk.key(KeyCode::Tab);
    desk.key(KeyCode::Tab);
    desk.key(KeyCode::Tab);
    // Round the three periods, back to this month.
    assert!(desk.screen(80, 24).contains("deze maand"));
    desk.key(KeyCode::Char('e'));
    desk.typ("2026-08-01");
    desk.key(KeyCode::Tab);
    desk.typ("2026-07-01");
    desk.key(KeyCode::Enter);
    assert!(desk.screen(80, 24).contains("eigen periode"));
    let screen = desk.screen(160, 48);
    assert!(
        screen.to_lowercase().contains("na"),
        "a reversed period is refused: {screen}"
    );
    desk.key(KeyCode::Esc);
    desk.key(KeyCode::Char('e'));
    desk.typ("2026-08-03");
    desk.key(KeyCode::Tab);
    desk.typ("2026-08-20");
    desk.key(KeyCode::Enter);
    // Widened to the whole month, as every report is.
    assert!(
        desk.screen(80, 24).contains("1-8-2026 t/m 31-8-2026"),
        "{}",
        desk.screen(80, 24)
    );
}

#[test]
fn a_volunteer_has_no_rapportage() {
    let mut desk = Desk::signed_in();
    desk.key(KeyCode::F(5));
    assert!(matches!(&desk.app.phase, loket::tui::Phase::Working(s) if s.view == View::Kaart));
    assert!(!desk.screen(160, 48).contains("F5"));
}

/// Desk-test S11: a new install with a month of data opened on a quarter of zeros.
#[test]
fn the_report_opens_on_a_period_with_data() {
    let mut desk = beheerder_with_intakes();
    // The test clock says 23 November 2026; October had no contacts.
    desk.key(KeyCode::F(5));
    let screen = desk.screen(80, 24);
    assert!(
        screen.contains("deze maand") && screen.contains("1-11-2026 t/m 30-11-2026"),
        "{screen}"
    );
}

#[test]
fn every_view_scrolls_to_its_end_at_80x24() {
    let mut desk = beheerder_with_intakes();
    // Callbacks to twenty teams in July: more routes than 80×24 shows at once.
    let bea = desk.app.user().cloned().unwrap();
    for i in 0..20i64 {
        let intake = Intake {
            kanaal: Kanaal::Telefoon,
            question: "Terugbelverzoek voor de test".into(),
            leefgebieden: vec!["wonen".into()],
            route: Some(Route::Terugbelverzoek {
                team: format!("Team {i:02}"),
            }),
            route_reason: "test".into(),
            handover_note: "notitie".into(),
            resident: Resident {
                phone: "0612345678".into(),
                ..Resident::default()
            },
            consent: Consent::Nee,
            ..Intake::default()
        };
        let input = RoutingInput {
            intake: &intake,
            wijk: None,
            desk_wijk: None,
            danger_words: &[],
            advice: &[],
        };
        let suggestion = suggest(&input, &Leefgebieden::builtin());
        let at = Utc.with_ymd_and_hms(2026, 7, 6, 9, 0, 0).unwrap() + Duration::hours(i);
        desk.app
            .store
            .save_intake(&bea, &intake, &suggestion, None, "test", at)
            .unwrap();
    }
    desk.key(KeyCode::F(5));
    // Vorig kwartaal, the routes and complexiteit: more rows than fit at 80×24.
    desk.key(KeyCode::Tab);
    desk.key(KeyCode::Tab);
    for _ in 0..3 {
        desk.key(KeyCode::Right);
    }
    let screen = desk.screen(80, 24);
    assert!(screen.contains("↑↓ meer"), "{screen}");
    assert!(!screen.contains("Team 19"), "{screen}");
    desk.key(KeyCode::End);
    let screen = desk.screen(80, 24);
    assert!(
        screen.contains("Team 19") && screen.contains("complex"),
        "{screen}"
    );
    desk.snapshot("report_routes_scrolled");
    // Every view (eight): End shows its last line, the bottom border of its last box.
    for _ in 0..8 {
        desk.key(KeyCode::Right);
        desk.key(KeyCode::End);
        let screen = desk.screen(80, 24);
        let view: Vec<&str> = screen.lines().skip(2).take(20).collect();
        assert!(view.iter().any(|l| l.starts_with("\"└")), "{screen}");
    }
}

/// Issue 18: the plans of December as figures and bar charts, the results of the evaluations
/// per leefgebied, small numbers suppressed as everywhere.
#[test]
fn the_plan_views_of_december() {
    let mut desk = beheerder_with_intakes();
    common::plan::december_plans(&mut desk.app.store);
    desk.key(KeyCode::F(5));
    desk.key(KeyCode::Char('e'));
    desk.typ("1-12-2026");
    desk.key(KeyCode::Tab);
    desk.typ("31-12-2026");
    desk.key(KeyCode::Enter);
    // From the first view back round to the last two.
    desk.key(KeyCode::Left);
    let screen = desk.screen(80, 24);
    assert!(
        screen.contains("Resultaten bij evaluatie: Wonen") && screen.contains("8/8"),
        "{screen}"
    );
    desk.snapshot("report_results");
    desk.key(KeyCode::Left);
    let screen = desk.screen(80, 24);
    assert!(
        screen.contains("Plannen van aanpak") && screen.contains("4.5/7.3"),
        "{screen}"
    );
    desk.snapshot("report_plans");
    desk.key(KeyCode::End);
    let screen = desk.screen(80, 24);
    assert!(
        screen.contains("Opschalingen naar het Expertiseteam"),
        "{screen}"
    );
    assert!(!screen.contains("Jan Visser"), "{screen}");
}
