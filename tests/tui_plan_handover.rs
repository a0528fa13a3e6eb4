//! Screen tests of the warme overdracht (issue 18): on the plan screen the regisseur selects
//! an arrangement line with Tab, records to whom it was handed over, when, what the resident
//! wants to achieve there and whether the resident started; the line then says so, and a
//! refusal keeps what was typed.

mod common;

use common::plan::day;
use common::plan_desk::{schulden_plan, with_a_plan, with_an_agreed_plan, with_an_agreed_plan_of};
use common::queue_desk::{desk_with_a_regisseur, to_all};
use crossterm::event::{KeyCode, KeyModifiers};
use loket::domain::plan::HowAgreed;

/// A row of the form as drawn: the label in its column, then the value.
fn row(label: &str, value: &str) -> String {
    format!("{label:<16} {value}")
}

#[test]
fn the_regisseur_hands_a_line_over_and_records_later_that_the_resident_started() {
    let (_anna, mut bram) = desk_with_a_regisseur();
    with_an_agreed_plan(&mut bram, HowAgreed::Papier);
    bram.resize(80, 24);
    bram.key(KeyCode::Char('l'));
    let screen = bram.screen(160, 48);
    assert!(screen.contains("↳ nog niet overgedragen"), "{screen}");
    assert!(screen.contains("Tab/Shift-Tab: regel"), "{screen}");
    // Eigen inzet is the resident's own: nobody to hand over to.
    bram.key(KeyCode::Tab);
    let screen = bram.screen(160, 48);
    assert!(
        screen.contains("▶ Houdt de post bij in een map"),
        "{screen}"
    );
    bram.key(KeyCode::Char('o'));
    assert!(
        bram.screen(160, 48)
            .contains("Eigen inzet doet de inwoner zelf: er is niemand om aan over te dragen"),
    );
    // The neighbour's line: the form proposes her and the plan's result.
    bram.key(KeyCode::Tab);
    bram.key(KeyCode::Char('o'));
    let screen = bram.screen(160, 48);
    for part in [
        "Warme overdracht".to_string(),
        "Loopt elke maandag de post door — Ans de Vries (buurvrouw).".to_string(),
        row("Aan wie", "Ans de Vries (buurvrouw)"),
        row("Wil bereiken", "Ik heb overzicht over mijn rekeningen"),
        row("Gestart", "‹ nog niet ›"),
    ] {
        assert!(screen.contains(&part), "{part}:\n{screen}");
    }
    bram.snapshot("plan_handover_form");
    // A date in the future is refused at its field; what was typed stays.
    bram.key(KeyCode::Tab);
    bram.ctrl('u');
    bram.typ("24-11-2026");
    bram.key(KeyCode::Tab);
    bram.key(KeyCode::Tab);
    bram.key(KeyCode::Right);
    bram.key(KeyCode::Enter);
    let screen = bram.screen(160, 48);
    assert!(
        screen.contains("De datum van de overdracht mag niet in de toekomst liggen"),
        "{screen}"
    );
    let date = format!("▶ {}", row("Datum", "24-11-2026"));
    assert!(screen.contains(&date), "{screen}");
    assert!(screen.contains(&row("Gestart", "‹ ja ›")), "kept: {screen}");
    bram.ctrl('u');
    bram.typ("23-11-2026");
    bram.key(KeyCode::Enter);
    let screen = bram.screen(160, 48);
    assert!(
        screen.contains("Overdracht vastgelegd: Ans de Vries (buurvrouw) · gestart: ja."),
        "{screen}"
    );
    assert!(
        screen.contains("↳ overgedragen aan Ans de Vries (buurvrouw) op 23-11-2026 · gestart: ja"),
        "{screen}"
    );
    bram.snapshot("plan_handover_recorded");
    // Later she stopped: the form opens with what was recorded.
    bram.key(KeyCode::Char('o'));
    for _ in 0..3 {
        bram.key(KeyCode::Tab);
    }
    bram.key(KeyCode::Right);
    bram.key(KeyCode::Enter);
    assert!(bram.screen(160, 48).contains(
        "overgedragen aan Ans de Vries (buurvrouw) op 23-11-2026 · gestart: nee, gestopt"
    ));
}

#[test]
fn the_selection_goes_round_the_arrangement_and_the_plan_scrolls_to_it() {
    let (_anna, mut bram) = desk_with_a_regisseur();
    with_an_agreed_plan(&mut bram, HowAgreed::Papier);
    bram.resize(80, 24);
    bram.key(KeyCode::Char('l'));
    bram.press(KeyCode::BackTab, KeyModifiers::SHIFT);
    let screen = bram.screen(80, 24);
    assert!(
        screen.contains("▶ Traplift"),
        "the last line, in sight:\n{screen}"
    );
    assert!(screen.contains("nog niet overgedragen"), "{screen}");
    bram.key(KeyCode::Tab);
    assert!(bram.screen(80, 24).contains("▶ Houdt de post bij"));
    // Esc on a changed form asks first.
    bram.key(KeyCode::Tab);
    bram.key(KeyCode::Char('o'));
    bram.typ(", Ans");
    bram.key(KeyCode::Esc);
    assert!(bram.screen(80, 24).contains("Weggooien?"));
    bram.key(KeyCode::Char('j'));
    assert!(!bram.screen(80, 24).contains("Warme overdracht"));
}

#[test]
fn before_akkoord_there_is_nothing_to_hand_over() {
    let (_anna, mut bram) = desk_with_a_regisseur();
    with_a_plan(&mut bram);
    bram.key(KeyCode::Char('l'));
    let screen = bram.screen(160, 48);
    assert!(!screen.contains("nog niet overgedragen"), "{screen}");
    assert!(
        !screen.contains(" o  Overdracht"),
        "no key offered: {screen}"
    );
    bram.key(KeyCode::Char('o'));
    assert!(
        bram.screen(160, 48)
            .contains("Overdragen kan pas als er een versie is waarover jullie akkoord zijn")
    );
}

/// Issue 18: "The regisseur's wachtrij shows plan work with Dutch working-day terms". The
/// lines started on Monday 16 November and nobody was handed over: a week later that is five
/// working days late, and the row of the household says so; at 80 columns the word and ⚠.
#[test]
fn the_wachtrij_row_shows_the_households_plan_work_in_working_days() {
    let (_anna, mut bram) = desk_with_a_regisseur();
    let mut started = schulden_plan();
    for line in &mut started.arrangement {
        line.from = day(11, 16);
    }
    with_an_agreed_plan_of(&mut bram, HowAgreed::Papier, &started);
    to_all(&mut bram);
    let wide = bram.screen(160, 48);
    assert!(wide.contains("Plan"), "{wide}");
    assert!(wide.contains("overdracht 5 wd te laat"), "{wide}");
    assert!(
        wide.contains("Planwerk: 2 (1 te laat) · overdracht nog niet gedaan, huishouden 1, uiterlijk 16-11-2026"),
        "the status line still counts it all: {wide}"
    );
    let narrow = bram.screen(80, 24);
    assert!(narrow.contains("⚠overdracht"), "{narrow}");
    bram.snapshot("queue_plan_tag");
    // Handed over, the beschikking is what waits: ten working days from today.
    bram.key(KeyCode::Char('l'));
    for _ in 0..2 {
        bram.key(KeyCode::Tab);
    }
    bram.key(KeyCode::Char('o'));
    bram.key(KeyCode::Enter);
    bram.key(KeyCode::Tab);
    bram.key(KeyCode::Char('o'));
    bram.key(KeyCode::Enter);
    bram.key(KeyCode::Esc);
    let wide = bram.screen(160, 48);
    assert!(wide.contains("besluit nog 10 wd"), "{wide}");
}
