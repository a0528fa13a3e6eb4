//! Wachtrij set-ups shared by the screen tests of the queue and its regie.

use crossterm::event::KeyCode;
use loket::domain::account::Role;
use loket::store::QueueView;

use super::Desk;

/// Goes to the "alles" tab, wherever the role has it.
pub fn to_all(desk: &mut Desk) {
    desk.key(KeyCode::F(4));
    while desk.app.queue_screen().unwrap().current_view() != QueueView::All {
        desk.key(KeyCode::Tab);
    }
}

/// Opens the first item of the "alles" tab.
pub fn open_first_of_all(desk: &mut Desk) {
    to_all(desk);
    desk.key(KeyCode::Enter);
}

/// Anna hands over a named resident's question; Bram of the Expertiseteam claims it: the
/// household has a case, and no regisseur yet.
pub fn desk_with_a_case() -> (Desk, Desk) {
    let mut anna = Desk::signed_in();
    anna.add_user("Bram Bakker", Role::Medewerker, &["Expertiseteam"], "59321");
    anna.add_user("Omar Ouali", Role::Medewerker, &["Loket Wonen"], "81726");
    anna.add_user(
        "Cees Cornelis",
        Role::Medewerker,
        &["Expertiseteam"],
        "73915",
    );
    anna.key(KeyCode::F(3));
    anna.focus_row("Naam");
    anna.typ("Joost Janssen");
    anna.focus_row("Telefoon");
    anna.typ("06 87654321");
    anna.focus_row("Vraag");
    anna.typ("Schulden en mijn man slaat me, ik durf niet naar huis.");
    anna.focus_row("Geldzaken & schulden");
    anna.key(KeyCode::Char(' '));
    anna.focus_row("Toestemming delen");
    anna.key(KeyCode::Char(' '));
    anna.focus_row("Overdrachtsnotitie");
    anna.typ("Alleen overdag bellen.");
    anna.ctrl('s');
    assert!(
        anna.screen(160, 48).contains("Intake opgeslagen"),
        "{}",
        anna.screen(160, 48)
    );
    let mut bram = anna.second_desk();
    bram.sign_in("Bram Bakker", "59321");
    open_first_of_all(&mut bram);
    assert!(
        bram.screen(160, 48)
            .contains("Regisseur: nog geen regisseur"),
        "{}",
        bram.screen(160, 48)
    );
    bram.key(KeyCode::Char('o'));
    bram.key(KeyCode::Char('j'));
    assert!(bram.screen(160, 48).contains("opgepakt"));
    (anna, bram)
}

/// [`desk_with_a_case`], and Bram takes the regie with its own key, an act of its own.
pub fn desk_with_a_regisseur() -> (Desk, Desk) {
    let (anna, mut bram) = desk_with_a_case();
    bram.key(KeyCode::Char('g'));
    let screen = bram.screen(160, 48);
    assert!(
        screen.contains("Je bent nu regisseur van dit huishouden"),
        "{screen}"
    );
    (anna, bram)
}
