//! Desk-test B5: the opened wachtrij item shows what the desk recorded (leefgebieden in
//! order, complexiteit, signalen, the route and why, the other route's reason, the advice with
//! phone numbers, the kept gesprekshulp answer, "belt namens", the birth year), and at 80×24 it
//! scrolls so the history is reachable; ↓ does not close it.

mod common;

use common::{Desk, monday_morning};
use crossterm::event::KeyCode;
use loket::domain::account::Role;
use loket::domain::gesprekshulp::{Answer, GivenAnswer, Tag};
use loket::domain::intake::{
    Complexiteit, Consent, Intake, Kanaal, Resident, Route, RouteSuggestion, Signalen,
};

/// The KCC call of the desk test: a daughter about her mother, handed to the Sociaal Team
/// instead of the advised Loket, with two services advised.
fn desk_with_a_recorded_handover() -> Desk {
    let mut desk = Desk::signed_in();
    desk.add_user(
        "Ilse Jansen",
        Role::Medewerker,
        &["Sociaal Team De Weide"],
        "59321",
    );
    let anna = desk.app.user().unwrap().clone();
    let intake = Intake {
        kanaal: Kanaal::Telefoon,
        resident: Resident {
            name: "Truus Jansen".into(),
            phone: "06-12345678".into(),
            postcode: "7304 AB".into(),
            house_number: "12".into(),
            birth_year: "1944".into(),
            on_behalf_of: "dochter Marja".into(),
            ..Resident::default()
        },
        question: "Dochter belt over moeder (82), wordt vergeetachtig, woont alleen.".into(),
        leefgebieden: vec!["zorg-ondersteuning".into(), "geldzaken-schulden".into()],
        complexiteit: Complexiteit::Complex,
        signalen: Signalen {
            dreigende_huisuitzetting: true,
            ..Signalen::default()
        },
        advice: vec!["svc-geldloket".into(), "svc-schuldhulpverlening".into()],
        route: Some(Route::SociaalTeam {
            wijk: "De Weide".into(),
        }),
        route_reason: "incassobrief, moeder kan dit niet zelf".into(),
        consent: Consent::Ja,
        handover_note: "Dochter Marja bellen, liefst na 17:00.".into(),
        answers: vec![GivenAnswer {
            question_id: "zorg-ondersteuning/te-zwaar".into(),
            question: "Is de zorg meer dan familie kan dragen?".into(),
            answer: Answer::Ja,
            tag: Some(Tag::Complex),
        }],
        ..Intake::default()
    };
    let suggestion = RouteSuggestion {
        route: Route::Loket {
            leefgebied: "zorg-ondersteuning".into(),
        },
        why: "meervoudig en specialistisch → Loket Zorg & ondersteuning (Wmo)".into(),
        spoed: false,
    };
    desk.app
        .store
        .save_intake(
            &anna,
            &intake,
            &suggestion,
            Some("De Weide"),
            "test",
            monday_morning(),
        )
        .unwrap();
    let mut ilse = desk.second_desk();
    ilse.sign_in("Ilse Jansen", "59321");
    ilse
}

fn snapshot_at(desk: &Desk, name: &str, width: u16, height: u16) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::assert_snapshot!(
            format!("{name}_{width}x{height}"),
            desk.screen(width, height)
        );
    });
}

#[test]
fn the_item_view_shows_what_the_desk_recorded_and_scrolls_to_the_history() {
    let mut ilse = desk_with_a_recorded_handover();
    ilse.key(KeyCode::F(4));
    ilse.key(KeyCode::Tab);
    ilse.key(KeyCode::Enter);
    let wide = ilse.screen(120, 40);
    for recorded in [
        "Leefgebieden: 1. Zorg & ondersteuning (Wmo), 2.",
        "complexiteit: complex",
        "dreigende huisuitzetting",
        "advies: meervoudig en specialistisch →",
        "gekozen: Sociaal Team De Weide, want: incassobrief",
        "belt namens: dochter",
        "geboren 1944",
        "⚑ Is de zorg meer dan familie kan dragen?: ja",
    ] {
        assert!(wide.contains(recorded), "{recorded:?} missing: {wide}");
    }
    assert!(
        wide.contains("Geldloket") && wide.contains("Schuldhulpverlening"),
        "{wide}"
    );
    snapshot_at(&ilse, "queue_item_recorded", 120, 40);

    // At 80×24 the history is below the fold; ↓ scrolls and never closes the item.
    let top = ilse.screen(80, 24);
    assert!(!top.contains("overgedragen"), "{top}");
    snapshot_at(&ilse, "queue_item_recorded", 80, 24);
    for _ in 0..40 {
        ilse.key(KeyCode::Down);
    }
    let bottom = ilse.screen(80, 24);
    assert!(bottom.contains("Geschiedenis"), "{bottom}");
    assert!(bottom.contains("overgedragen"), "{bottom}");
    ilse.key(KeyCode::Home);
    assert!(ilse.screen(80, 24).contains("doorverwijzing 1"));
    ilse.key(KeyCode::End);
    assert!(ilse.screen(80, 24).contains("overgedragen"));
    ilse.key(KeyCode::PageUp);
    ilse.key(KeyCode::PageUp);
    ilse.key(KeyCode::PageUp);
    assert!(ilse.screen(80, 24).contains("doorverwijzing"));
    ilse.key(KeyCode::Esc);
    assert!(!ilse.screen(80, 24).contains("Overdrachtsnotitie"));
}
