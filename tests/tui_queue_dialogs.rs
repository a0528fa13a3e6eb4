//! Desk-test S3: the dialogs on the wachtrij start on the choice, ←/→/Space change it, ↑/↓
//! in the note never change the outcome, and a claim that someone else made first closes the
//! confirmation and says who has it.

mod common;

use common::{Desk, monday_morning};
use crossterm::event::KeyCode;
use loket::domain::account::Role;
use loket::domain::intake::{Consent, Intake, Resident, Route, RouteSuggestion};

/// Anna hands over a question to the Expertiseteam; Bram and Cees work there.
fn desk_with_an_item() -> Desk {
    let mut desk = Desk::signed_in();
    desk.add_user("Bram Bakker", Role::Medewerker, &["Expertiseteam"], "59321");
    desk.add_user(
        "Cees Cornelis",
        Role::Medewerker,
        &["Expertiseteam"],
        "73915",
    );
    let anna = desk.app.user().unwrap().clone();
    let intake = Intake {
        resident: Resident {
            phone: "06-12345678".into(),
            ..Resident::default()
        },
        question: "Schulden, huurachterstand en veel al geprobeerd.".into(),
        leefgebieden: vec!["geldzaken-schulden".into()],
        consent: Consent::Ja,
        handover_note: "Graag bellen.".into(),
        ..Intake::default()
    };
    let suggestion = RouteSuggestion {
        route: Route::Expertiseteam,
        why: "test".into(),
        spoed: false,
    };
    desk.app
        .store
        .save_intake(&anna, &intake, &suggestion, None, "test", monday_morning())
        .unwrap();
    desk
}

fn prompt_choice(desk: &Desk) -> (usize, usize) {
    let screen = desk.app.queue_screen().unwrap();
    let prompt = screen.prompt.as_ref().expect("a dialog is open");
    (prompt.choice, prompt.row)
}

#[test]
fn the_close_dialog_starts_on_the_outcome_and_arrows_in_the_note_keep_it() {
    let anna = desk_with_an_item();
    let mut bram = anna.second_desk();
    bram.sign_in("Bram Bakker", "59321");
    bram.key(KeyCode::F(4));
    bram.key(KeyCode::Tab);
    bram.key(KeyCode::Char('o'));
    bram.key(KeyCode::Char('j'));
    bram.key(KeyCode::Char('k'));
    assert_eq!(prompt_choice(&bram), (0, 0), "focus on Uitkomst");
    bram.key(KeyCode::Right);
    assert_eq!(prompt_choice(&bram), (1, 0), "→ changes the outcome");
    bram.key(KeyCode::Char(' '));
    assert_eq!(prompt_choice(&bram), (2, 0), "Space too");
    bram.key(KeyCode::Left);
    assert_eq!(prompt_choice(&bram), (1, 0), "← back");
    bram.key(KeyCode::Char('x'));
    assert_eq!(
        prompt_choice(&bram),
        (1, 0),
        "a letter on the choice does nothing"
    );
    let screen = bram.screen(80, 24);
    assert!(screen.contains("‹ plan gemaakt ›"), "{screen}");
    // It says how the choice is set; a space right after the letter is typing too.
    assert!(
        screen.contains("Dit veld is een keuze: ←/→ of Spatie."),
        "{screen}"
    );
    bram.key(KeyCode::Char(' '));
    assert_eq!(
        prompt_choice(&bram),
        (1, 0),
        "a typed space changes nothing"
    );
    bram.key(KeyCode::Down);
    assert_eq!(prompt_choice(&bram), (1, 1), "↓ goes to the note");
    bram.typ("Gesprek gehad");
    for key in [KeyCode::Down, KeyCode::Down, KeyCode::Left, KeyCode::Right] {
        bram.key(key);
    }
    assert_eq!(
        prompt_choice(&bram),
        (1, 1),
        "the outcome stays plan gemaakt"
    );
    bram.key(KeyCode::Up);
    assert_eq!(
        prompt_choice(&bram),
        (1, 0),
        "↑ goes back to the outcome, unchanged"
    );
    bram.key(KeyCode::Down);
    let screen = bram.screen(80, 24);
    assert!(screen.contains("Gesprek gehad"), "{screen}");
    bram.key(KeyCode::Enter);
    let screen = bram.screen(80, 24);
    assert!(screen.contains("afgerond"), "{screen}");
}

#[test]
fn a_claim_someone_made_first_closes_the_confirmation() {
    let anna = desk_with_an_item();
    let mut bram = anna.second_desk();
    bram.sign_in("Bram Bakker", "59321");
    let mut cees = anna.second_desk();
    cees.sign_in("Cees Cornelis", "73915");
    for desk in [&mut bram, &mut cees] {
        desk.key(KeyCode::F(4));
        desk.key(KeyCode::Tab);
        desk.key(KeyCode::Char('o'));
    }
    bram.key(KeyCode::Char('j'));
    cees.key(KeyCode::Char('j'));
    assert!(cees.app.queue_screen().unwrap().prompt.is_none());
    let screen = cees.screen(80, 24);
    assert!(screen.contains("Al opgepakt door Bram Bakker"), "{screen}");
    assert!(!screen.contains("Dit item oppakken?"), "{screen}");
}

/// Desk-test S12: the team to send an item on to is picked by typing part of its name.
#[test]
fn forwarding_picks_the_team_by_typing_part_of_it() {
    let anna = desk_with_an_item();
    let mut bram = anna.second_desk();
    bram.sign_in("Bram Bakker", "59321");
    bram.key(KeyCode::F(4));
    bram.key(KeyCode::Tab);
    bram.key(KeyCode::Char('d'));
    bram.typ("wonen");
    let screen = bram.screen(80, 24);
    assert!(screen.contains("▶ Loket Wonen"), "{screen}");
    assert!(!screen.contains("Expertiseteam  "), "{screen}");
    bram.key(KeyCode::Tab);
    bram.typ("Woonvraag, geen multiprobleem");
    bram.key(KeyCode::Enter);
    let screen = bram.screen(80, 24);
    assert!(screen.contains("doorgestuurd"), "{screen}");
    let items = bram.app.store.queue_items(None, monday_morning()).unwrap();
    assert_eq!(items[0].target_label, "Loket Wonen");
}

/// Desk-test S9: a dialog for an action the item does not allow yet said so only after it was
/// filled in; now the refusal comes at once.
#[test]
fn an_action_the_item_does_not_allow_is_refused_before_the_dialog() {
    let anna = desk_with_an_item();
    let mut bram = anna.second_desk();
    bram.sign_in("Bram Bakker", "59321");
    bram.key(KeyCode::F(4));
    bram.key(KeyCode::Tab);
    bram.key(KeyCode::Char('a'));
    assert!(bram.app.queue_screen().unwrap().prompt.is_none());
    let screen = bram.screen(80, 24);
    assert!(screen.contains("Pak dit item eerst op"), "{screen}");
}
