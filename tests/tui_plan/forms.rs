//! The rows of the plan forms that are chosen, not typed: ←/→ cycles them, a letter only says
//! so, "kies…" is refused on its own field, and `b` with two beschikkingen waiting asks which.

use crossterm::event::KeyCode;
use loket::domain::Laag;
use loket::domain::plan::{ArrangementLine, Deliverer, HowAgreed};

use super::common::plan::day;
use super::common::plan_desk::{
    schulden_plan, with_a_plan, with_an_agreed_plan, with_an_agreed_plan_of,
};
use super::common::queue_desk::desk_with_a_regisseur;

const HINT: &str = "Dit veld is een keuze: ←/→. Typen verandert niets.";

#[test]
fn a_letter_on_a_choice_says_how_it_is_set_and_left_and_right_cycle_it() {
    let (_anna, mut bram) = desk_with_a_regisseur();
    with_a_plan(&mut bram);
    bram.key(KeyCode::Char('l'));
    bram.key(KeyCode::Char('a'));
    bram.typ("nee");
    let screen = bram.screen(80, 24);
    assert!(screen.contains(HINT), "{screen}");
    assert!(screen.contains("Antwoord         ‹ akkoord ›"), "{screen}");
    bram.snapshot("plan_choice_hint");
    bram.key(KeyCode::Right);
    assert!(bram.screen(80, 24).contains("‹ geen akkoord ›"));
    bram.key(KeyCode::Left);
    bram.key(KeyCode::Tab);
    bram.key(KeyCode::Tab);
    bram.key(KeyCode::Right);
    assert!(
        bram.screen(80, 24)
            .contains("Hoe              ‹ mondeling ›")
    );
    bram.key(KeyCode::Enter);
    let screen = bram.screen(160, 48);
    assert!(
        screen.contains("Akkoord op 23-11-2026 (mondeling)"),
        "{screen}"
    );

    // In the editor the layer and the score are chosen the same way.
    bram.key(KeyCode::Char('w'));
    bram.focus_row("Laag");
    bram.typ("m");
    assert!(bram.screen(160, 48).contains(HINT));
    bram.key(KeyCode::Left);
    assert!(
        bram.screen(160, 48)
            .contains("▶ Laag                     ‹ Individuele voorziening (maatwerk) ›")
    );
    bram.key(KeyCode::Right);
    bram.focus_row("zelfredzaamheid");
    bram.key(KeyCode::Left);
    let screen = bram.screen(160, 48);
    assert!(screen.contains("‹ 2 niet zelfredzaam ›"), "{screen}");
    bram.ctrl('s');
    let screen = bram.screen(160, 48);
    assert!(
        screen.contains("zelfredzaamheid bij de start: 2 (niet zelfredzaam)"),
        "{screen}"
    );
}

#[test]
fn kies_is_refused_on_its_field_with_a_dutch_message() {
    let (_anna, mut bram) = desk_with_a_regisseur();
    with_an_agreed_plan(&mut bram, HowAgreed::Papier);
    bram.key(KeyCode::Char('l'));
    bram.key(KeyCode::Char('b'));
    bram.key(KeyCode::Tab);
    bram.key(KeyCode::Enter);
    let screen = bram.screen(80, 24);
    assert!(
        screen.contains("Kies het besluit: toegekend of afgewezen."),
        "{screen}"
    );
    assert!(screen.contains("▶ Besluit          ‹ kies… ›"), "{screen}");
    assert!(
        screen.contains("(kies met ←/→)"),
        "the intro names the keys: {screen}"
    );
    bram.snapshot("plan_decision_refused");
    bram.key(KeyCode::Esc);
    bram.key(KeyCode::Char('j'));

    bram.key(KeyCode::Char('e'));
    bram.key(KeyCode::Enter);
    let screen = bram.screen(80, 24);
    assert!(
        screen.contains("Kies de uitkomst: behaald, deels, niet of bijgesteld."),
        "{screen}"
    );
    assert!(screen.contains("▶ Uitkomst 1       ‹ kies… ›"), "{screen}");
}

#[test]
fn with_two_beschikkingen_waiting_b_asks_which_one_first() {
    let (_anna, mut bram) = desk_with_a_regisseur();
    let mut plan = schulden_plan();
    plan.arrangement.push(ArrangementLine {
        id: 5,
        laag: Laag::Maatwerk,
        what: "Huishoudelijke hulp".into(),
        deliverer: Deliverer::Persoon {
            name: "Wmo-consulent".into(),
            relation: "gemeente".into(),
        },
        from: day(12, 14),
        freely_accessible: false,
    });
    with_an_agreed_plan_of(&mut bram, HowAgreed::Papier, &plan);
    bram.key(KeyCode::Char('l'));
    bram.key(KeyCode::Char('b'));
    let screen = bram.screen(80, 24);
    assert!(
        screen.contains("Besluit op welke beschikking?")
            && screen.contains("Traplift")
            && screen.contains("Huishoudelijke hulp"),
        "{screen}"
    );
    assert!(!screen.contains("Kenmerk"), "no form yet: {screen}");
    bram.snapshot("plan_task_pick");
    // Esc leaves the list; typing filters it and Enter takes the one left.
    bram.key(KeyCode::Esc);
    assert!(!bram.screen(80, 24).contains("Besluit op welke"));
    bram.key(KeyCode::Char('b'));
    bram.typ("huis");
    assert!(!bram.screen(80, 24).contains("Traplift (Wmo"));
    bram.key(KeyCode::Enter);
    let screen = bram.screen(80, 24);
    assert!(
        screen.contains("Besluit op de beschikking") && screen.contains("Huishoudelijke hulp"),
        "{screen}"
    );
    bram.key(KeyCode::Right);
    bram.key(KeyCode::Tab);
    bram.key(KeyCode::Tab);
    bram.typ("WMO-2026-0043");
    bram.key(KeyCode::Enter);
    let screen = bram.screen(160, 48);
    assert!(
        screen.contains(
            "Besluit vastgelegd: Huishoudelijke hulp (Wmo-consulent (gemeente)) toegekend."
        ),
        "{screen}"
    );
    // One left: b opens its form at once.
    bram.key(KeyCode::Char('b'));
    let screen = bram.screen(80, 24);
    assert!(
        screen.contains("Besluit op de beschikking") && screen.contains("Traplift"),
        "{screen}"
    );
}
