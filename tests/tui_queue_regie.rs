//! Screen tests of the regie in the wachtrij: taking it, a coördinator assigning it, handing it
//! on to a colleague (or another team's expert) who accepts (letting the former regisseur read along), opschaling to the
//! Expertiseteam and closing the case after a confirmation whose Enter keeps it open.

mod common;

use common::queue_desk::{desk_with_a_case, desk_with_a_regisseur, open_first_of_all, to_all};
use crossterm::event::KeyCode;
use loket::domain::account::Role;

#[test]
fn a_coordinator_assigns_the_regisseur_and_a_second_one_is_refused() {
    let (mut anna, mut bram) = desk_with_a_case();
    anna.add_user("Bea Bos", Role::Coordinator, &[], "48120");
    let mut bea = anna.second_desk();
    bea.sign_in("Bea Bos", "48120");
    to_all(&mut bea);
    bea.key(KeyCode::Char('w'));
    // Only medewerkers of the regie team are on the list: not Omar of the Loket Wonen.
    let screen = bea.screen(80, 24);
    assert!(
        screen.contains("Bram Bakker") && screen.contains("Cees Cornelis"),
        "{screen}"
    );
    assert!(!screen.contains("Omar Ouali"), "{screen}");
    bea.typ("cees");
    bea.snapshot("queue_regie_assign");
    bea.key(KeyCode::Enter);
    let screen = bea.screen(160, 48);
    assert!(
        screen.contains("Cees Cornelis is nu regisseur van dit huishouden"),
        "{screen}"
    );

    // Bram may not take what Cees directs: the store's reason, in Dutch.
    bram.key(KeyCode::Char('g'));
    let screen = bram.screen(160, 48);
    assert!(screen.contains("regisseur"), "{screen}");
    assert!(!screen.contains("Je bent nu regisseur"), "{screen}");
    bram.key(KeyCode::Enter);
    assert!(
        bram.screen(160, 48)
            .contains("Regisseur: Cees Cornelis (Expertiseteam)"),
        "{}",
        bram.screen(160, 48)
    );
}

#[test]
fn the_regisseur_hands_on_and_the_colleague_accepts_letting_him_read_along() {
    let (anna, mut bram) = desk_with_a_regisseur();
    bram.key(KeyCode::Char('v'));
    // A colleague of the team first, then other expertise: the case goes to their team.
    let screen = bram.screen(160, 48);
    let (cees, omar) = (
        screen.find("Cees Cornelis · Expertiseteam"),
        screen.find("Omar Ouali · Loket Wonen"),
    );
    assert!(cees.is_some() && cees < omar, "{screen}");
    assert!(
        !screen.contains("Bram Bakker ·"),
        "not to himself: {screen}"
    );
    bram.typ("cees");
    bram.key(KeyCode::Enter);
    let screen = bram.screen(80, 24);
    assert!(screen.contains("reden"), "a reason is needed: {screen}");
    // Nothing typed is lost on the refusal.
    assert!(screen.contains("cees"), "{screen}");
    bram.key(KeyCode::Tab);
    bram.typ("Andere expertise nodig");
    assert!(!bram.screen(80, 24).contains("Geef een reden"));
    bram.snapshot("queue_regie_hand_on");
    bram.key(KeyCode::Enter);
    let screen = bram.screen(160, 48);
    assert!(
        screen.contains("Regie aangeboden aan Cees Cornelis"),
        "{screen}"
    );

    let mut cees = anna.second_desk();
    cees.sign_in("Cees Cornelis", "73915");
    cees.key(KeyCode::F(4));
    let screen = cees.screen(80, 24);
    assert!(
        screen.contains("1 regie-aanbod wacht op je antwoord (b)"),
        "{screen}"
    );
    cees.key(KeyCode::Char('b'));
    cees.key(KeyCode::Right);
    let screen = cees.screen(80, 24);
    assert!(
        screen.contains("Aangeboden door Bram Bakker")
            && screen.contains("Reden: Andere expertise nodig"),
        "{screen}"
    );
    cees.snapshot("queue_regie_offer");
    cees.key(KeyCode::Enter);
    assert!(
        cees.screen(160, 48).contains("Je hebt de regie aanvaard"),
        "{}",
        cees.screen(160, 48)
    );
    open_first_of_all(&mut cees);
    assert!(
        cees.screen(160, 48)
            .contains("Regisseur: Cees Cornelis (Expertiseteam)")
    );

    // Bram no longer directs, and still reads along for 14 days.
    bram.key(KeyCode::Char('s'));
    bram.typ("Toch opschalen");
    bram.key(KeyCode::Enter);
    assert!(
        !bram.screen(160, 48).contains("Opgeschaald"),
        "{}",
        bram.screen(160, 48)
    );
    bram.key(KeyCode::Esc);
    bram.key(KeyCode::Enter);
    assert!(
        bram.screen(160, 48).contains("Alleen overdag bellen"),
        "{}",
        bram.screen(160, 48)
    );
}

#[test]
fn the_regisseur_escalates_and_closes_the_case_after_a_safe_confirmation() {
    let (_anna, mut bram) = desk_with_a_regisseur();
    bram.key(KeyCode::Char('s'));
    bram.key(KeyCode::Enter);
    assert!(
        bram.screen(80, 24).contains("reden"),
        "{}",
        bram.screen(80, 24)
    );
    bram.typ("Veiligheid blijft onzeker");
    bram.key(KeyCode::Enter);
    let screen = bram.screen(160, 48);
    assert!(
        screen.contains("Opgeschaald naar het Expertiseteam (item 2)"),
        "{screen}"
    );
    open_first_of_all(&mut bram);
    let screen = bram.screen(160, 48);
    assert!(
        screen.contains("opgeschaald") && screen.contains("Veiligheid blijft onzeker"),
        "the opschaling is in the case's history: {screen}"
    );
    bram.snapshot("queue_regie_escalated");

    bram.key(KeyCode::Char('x'));
    bram.typ("Hulp loopt via de huisarts");
    bram.key(KeyCode::Enter);
    assert!(bram.screen(80, 24).contains("Het traject afsluiten?"));
    bram.snapshot("queue_regie_close_confirm");
    // Enter is the safe answer: back to the reason, still typed.
    bram.key(KeyCode::Enter);
    let screen = bram.screen(80, 24);
    assert!(!screen.contains("Het traject afsluiten?"), "{screen}");
    assert!(screen.contains("Hulp loopt via de huisarts"), "{screen}");
    bram.key(KeyCode::Enter);
    bram.key(KeyCode::Char('j'));
    assert!(
        bram.screen(160, 48).contains("Het traject is afgesloten"),
        "{}",
        bram.screen(160, 48)
    );
}
