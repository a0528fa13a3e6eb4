//! Screen tests of the wachtrij (F4): items handed over at a desk appear for the team, a
//! professional opens and claims one, and a second desk on the same database sees it within
//! a second or two and cannot claim it twice.

mod common;

use std::time::{Duration, Instant};

use common::Desk;
use common::queue_desk::{desk_with_a_regisseur, open_first_of_all, to_all};
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
    desk.focus_row("Naam");
    desk.typ("Fatima El Amrani");
    desk.focus_row("Telefoon");
    desk.typ("06 55556666");
    desk.focus_row("Postcode");
    desk.typ("7304 AB");
    desk.focus_row("Overdrachtsnotitie");
    desk.typ("Belt zelf terug; niet naar huis bellen.");
    // Desk-test B2: the consent question must be answered on a handover.
    desk.ctrl('s');
    let screen = desk.screen(80, 24);
    assert!(screen.contains("gegevens mogen delen"), "{screen}");
    assert!(!screen.contains("Intake opgeslagen"), "{screen}");
    desk.focus_row("Toestemming delen");
    desk.key(KeyCode::Char(' '));
    desk.key(KeyCode::Char(' '));
    assert!(desk.screen(160, 48).contains("‹ nee ›"));
    desk.ctrl('s');
    // Desk-test S10: the desk can tell the resident who calls and by when (spoed: today).
    assert!(
        desk.screen(160, 48)
            .contains("Intake opgeslagen · Expertiseteam: u wordt vóór di 24-11 gebeld"),
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
    // Desk-test B2: without consent to share more, how to reach her still travels.
    assert!(
        screen.contains("Fatima El Amrani") && screen.contains("06"),
        "{screen}"
    );
    assert!(!screen.contains("7304 AB"), "the address stays: {screen}");
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
fn a_volunteer_reads_her_own_handover_but_not_a_colleagues() {
    let mut anna = desk_with_a_handover();
    anna.add_user("Kim Kok", Role::Vrijwilliger, &[], "62718");
    open_first_of_all(&mut anna);
    assert!(
        anna.screen(160, 48).contains("Belt zelf terug"),
        "her own intake of today: {}",
        anna.screen(160, 48)
    );

    let mut kim = anna.second_desk();
    kim.sign_in("Kim Kok", "62718");
    open_first_of_all(&mut kim);
    let screen = kim.screen(80, 24);
    assert!(
        screen.contains("Je hebt geen toegang tot dit dossier"),
        "{screen}"
    );
    assert!(!kim.screen(160, 48).contains("Belt zelf terug"));
    kim.snapshot("queue_refused");
    let audit = kim.app.store.audit_rows().unwrap();
    assert!(
        audit
            .iter()
            .any(|r| r[2] == "wachtrij bekijken" && r[4].starts_with("geweigerd")),
        "the refusal is logged: {audit:?}"
    );
}

#[test]
fn a_regisseur_lets_a_colleague_read_along() {
    let (anna, mut bram) = desk_with_a_regisseur();
    let mut omar = anna.second_desk();
    omar.sign_in("Omar Ouali", "81726");
    open_first_of_all(&mut omar);
    assert!(
        omar.screen(80, 24).contains("Je hebt geen toegang"),
        "another team: {}",
        omar.screen(80, 24)
    );

    // Omar may not share what he cannot read.
    omar.key(KeyCode::Char('m'));
    omar.typ("bram");
    omar.key(KeyCode::Enter);
    assert!(
        omar.screen(80, 24).contains("Alleen de regisseur"),
        "{}",
        omar.screen(80, 24)
    );
    omar.key(KeyCode::Esc);

    // Bram is still on the list where he claimed the item.
    bram.key(KeyCode::Enter);
    bram.key(KeyCode::Char('m'));
    bram.typ("omar");
    bram.snapshot("queue_share_prompt");
    bram.key(KeyCode::Enter);
    let screen = bram.screen(160, 48);
    assert!(screen.contains("Omar Ouali leest nu mee"), "{screen}");
    assert!(screen.contains("Leest mee: Omar Ouali"), "{screen}");

    omar.key(KeyCode::Enter);
    let screen = omar.screen(160, 48);
    assert!(screen.contains("Alleen overdag bellen"), "{screen}");
    assert!(
        screen.contains("Je leest mee (gedeeld door Bram Bakker)"),
        "{screen}"
    );
    omar.snapshot("queue_shared_case");
    let audit = omar.app.store.audit_rows().unwrap();
    assert!(
        audit
            .iter()
            .any(|r| r[2] == "dossier delen" && r[4].starts_with("gelukt"))
    );
    assert!(
        audit
            .iter()
            .any(|r| r[2] == "wachtrij bekijken" && r[4] == "gelukt: meelezen"),
        "{audit:?}"
    );
}

#[test]
fn a_coordinator_assigns_marked_items_and_hears_what_did_not_work() {
    let mut anna = desk_with_a_handover();
    anna.add_user("Bea Bos", Role::Coordinator, &[], "48120");
    let mut bram = anna.second_desk();
    bram.sign_in("Bram Bakker", "59321");
    bram.key(KeyCode::F(4));
    assert!(
        !bram.screen(160, 48).contains("Toewijzen"),
        "only a coordinator assigns: the key is not offered"
    );
    bram.key(KeyCode::Char('r'));
    assert!(
        !bram.screen(160, 48).contains("Toewijzen aan"),
        "and does nothing"
    );

    let mut bea = anna.second_desk();
    bea.sign_in("Bea Bos", "48120");
    to_all(&mut bea);
    bea.key(KeyCode::Char(' '));
    bea.key(KeyCode::Char('r'));
    // Desk-test S12: picked from a list of the item's team, not typed from memory; a
    // volunteer is not on it.
    let screen = bea.screen(80, 24);
    assert!(
        screen.contains("Bram Bakker") && screen.contains("Cees Cornelis"),
        "{screen}"
    );
    bea.typ("anna");
    assert!(bea.screen(80, 24).contains("niemand of niets past"));
    bea.key(KeyCode::Enter);
    assert!(
        bea.screen(80, 24).contains("Kies een medewerker"),
        "{}",
        bea.screen(80, 24)
    );
    bea.ctrl('u');
    bea.typ("cees");
    bea.snapshot("queue_assign_picker");
    bea.key(KeyCode::Enter);
    let screen = bea.screen(160, 48);
    assert!(screen.contains("Toegewezen: item 1"), "{screen}");
    assert!(screen.contains("Cees Cornelis"), "{screen}");
}
