//! Screen tests of the rapportage (F5): a beheerder sees the figures of the last quarter as
//! charts, walks through the views with the arrow keys and picks a period; a volunteer has no
//! rapportage.

mod common;

use chrono::{Duration, TimeZone, Utc};
use common::Desk;
use crossterm::event::KeyCode;
use loket::domain::Leefgebieden;
use loket::domain::intake::{Complexiteit, Consent, Intake, Kanaal, Resident, RouteSuggestion};
use loket::domain::routing::{RoutingInput, suggest};
use loket::tui::View;

/// Bea, the first beheerder, signed in; a dozen intakes in August 2026 by Anna.
fn beheerder_with_intakes() -> Desk {
    let mut desk = Desk::empty();
    desk.typ("Bea Beheer");
    desk.key(KeyCode::Tab);
    desk.typ("KCC");
    desk.key(KeyCode::Tab);
    desk.typ("59321");
    desk.key(KeyCode::Tab);
    desk.typ("59321");
    desk.key(KeyCode::Enter);
    // No demo data, thank you.
    desk.key(KeyCode::Char('n'));
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
    desk.key(KeyCode::Left);
    desk.key(KeyCode::Left);
    desk.key(KeyCode::Left);
    desk.snapshot("report_queue");
}

#[test]
fn a_period_is_chosen_or_typed() {
    let mut desk = beheerder_with_intakes();
    desk.key(KeyCode::F(5));
    desk.key(KeyCode::Tab);
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
