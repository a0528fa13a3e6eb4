//! Screen tests of the wachtrij (F4): items handed over at a desk appear for the team, a
//! professional opens and claims one, and a second desk on the same database sees it within
//! a second or two and cannot claim it twice.

mod common;

use std::time::{Duration, Instant};

use common::Desk;
use crossterm::event::KeyCode;
use loket::domain::account::Role;

/// Anna (volunteer) hands over a question about debts and violence: an Expertiseteam item.
fn desk_with_a_handover() -> Desk {
    let mut desk = Desk::signed_in();
    desk.add_user("Bram Bakker", Role::Medewerker, &["Expertiseteam"], "59321");
    desk.add_user(
        "Cees Cornelis",
        Role::Medewerker,
        &["Expertiseteam"],
        "73915",
    );
    desk.key(KeyCode::F(3));
    desk.focus_row("Vraag");
    desk.typ("Schulden en mijn man slaat me, ik durf niet naar huis.");
    desk.focus_row("Geldzaken & schulden");
    desk.key(KeyCode::Char(' '));
    desk.focus_row("Anoniem overdragen");
    desk.key(KeyCode::Char(' '));
    desk.focus_row("Overdrachtsnotitie");
    desk.typ("Belt zelf terug; niet naar huis bellen.");
    desk.ctrl('s');
    assert!(
        desk.screen(160, 48).contains("Intake opgeslagen"),
        "{}",
        desk.screen(160, 48)
    );
    desk
}

#[test]
fn a_professional_sees_opens_and_claims_a_handover_and_the_other_desk_follows() {
    let anna = desk_with_a_handover();
    let mut bram = anna.second_desk();
    bram.sign_in("Bram Bakker", "59321");
    bram.key(KeyCode::F(4));
    bram.key(KeyCode::Tab);
    let screen = bram.screen(80, 24);
    assert!(
        screen.contains("Expertiseteam") && screen.contains("spoed"),
        "{screen}"
    );
    bram.snapshot("queue_my_teams");
    bram.key(KeyCode::Enter);
    let screen = bram.screen(160, 48);
    assert!(
        screen.contains("Belt zelf terug"),
        "the handover note travels with the item: {screen}"
    );
    bram.snapshot("queue_item_open");

    let mut cees = anna.second_desk();
    cees.sign_in("Cees Cornelis", "73915");
    cees.key(KeyCode::F(4));
    cees.key(KeyCode::Tab);

    bram.key(KeyCode::Esc);
    bram.key(KeyCode::Char('o'));
    bram.key(KeyCode::Char('j'));
    assert!(
        bram.screen(160, 48).contains("opgepakt"),
        "{}",
        bram.screen(160, 48)
    );

    // Cees's screen follows without a key press.
    cees.app.tick(Instant::now() + Duration::from_secs(1));
    let screen = cees.screen(160, 48);
    assert!(
        screen.contains("Bram Bakker"),
        "the claim shows on the other desk: {screen}"
    );
    cees.key(KeyCode::Char('o'));
    cees.key(KeyCode::Char('j'));
    assert!(
        cees.screen(160, 48).contains("Bram Bakker"),
        "{}",
        cees.screen(160, 48)
    );
}

#[test]
fn a_volunteer_sees_the_queue_but_not_the_dossier() {
    let mut anna = desk_with_a_handover();
    anna.key(KeyCode::F(4));
    anna.key(KeyCode::Tab);
    anna.key(KeyCode::Tab);
    anna.key(KeyCode::Enter);
    let screen = anna.screen(80, 24);
    assert!(
        screen.contains("Je hebt geen toegang tot dit dossier"),
        "{screen}"
    );
    assert!(!screen.contains("Belt zelf terug"));
    let refusals = anna.app.store.audit_rows().unwrap();
    assert!(
        refusals
            .iter()
            .any(|r| r[2] == "wachtrij bekijken" && r[4] == "geweigerd")
    );
}

#[test]
fn a_coordinator_assigns_marked_items_and_hears_what_did_not_work() {
    let mut anna = desk_with_a_handover();
    anna.add_user("Bea Beheer", Role::Coordinator, &[], "48120");
    let mut bram = anna.second_desk();
    bram.sign_in("Bram Bakker", "59321");
    bram.key(KeyCode::F(4));
    bram.key(KeyCode::Char('r'));
    assert!(
        bram.screen(80, 24).contains("geen toegang"),
        "only a coordinator assigns"
    );

    let mut bea = anna.second_desk();
    bea.sign_in("Bea Beheer", "48120");
    bea.key(KeyCode::F(4));
    bea.key(KeyCode::Tab);
    bea.key(KeyCode::Tab);
    bea.key(KeyCode::Char(' '));
    bea.key(KeyCode::Char('r'));
    bea.typ("Niemand Bekend");
    bea.key(KeyCode::Enter);
    let screen = bea.screen(160, 48);
    assert!(
        screen.contains("niet gelukt") && screen.contains("Niemand Bekend"),
        "{screen}"
    );
    bea.key(KeyCode::Char(' '));
    bea.key(KeyCode::Char('r'));
    bea.typ("Cees Cornelis");
    bea.key(KeyCode::Enter);
    let screen = bea.screen(160, 48);
    assert!(screen.contains("Toegewezen: item 1"), "{screen}");
    assert!(screen.contains("Cees Cornelis"), "{screen}");
}
