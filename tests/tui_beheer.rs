//! Screen tests of kaart beheer: a desk reports that a service's details are wrong ("klopt niet
//! meer"), the beheerder finds it on the worklist "Te controleren", fixes it in the service form
//! and handles the report, and the desk's next search shows the new number.

mod common;

use std::sync::Arc;

use common::Desk;
use crossterm::event::KeyCode;
use loket::domain::account::Role;
use loket::search::Catalog;
use loket::store::WorkReason;
use loket::tui::View;

const NEW_NUMBER: &str = "0123 99 88 77";

fn view(desk: &Desk) -> Option<View> {
    desk.app.session().map(|s| s.view)
}

/// Anna searches the Huurteam and reports its number is wrong.
fn anna_reports_the_huurteam() -> Desk {
    let mut anna = Desk::signed_in();
    anna.add_user("Bea Bakker", Role::Beheerder, &[], "48120");
    anna.typ("huurteam lindendaal");
    anna.ctrl('k');
    anna.typ(&format!("Nummer klopt niet meer, nieuw is {NEW_NUMBER}"));
    anna.snapshot("kaart_report_prompt");
    anna.key(KeyCode::Enter);
    let screen = anna.screen(80, 24);
    assert!(screen.contains("doorgegeven aan de beheerder"), "{screen}");
    anna
}

#[test]
fn a_desk_reports_a_wrong_number_and_the_beheerder_fixes_it() {
    let mut anna = anna_reports_the_huurteam();
    assert!(
        !anna.screen(160, 48).contains("Bewerken"),
        "a volunteer does not edit the kaart"
    );
    anna.key(KeyCode::F(6));
    assert_ne!(view(&anna), Some(View::Worklist));

    let mut bea = anna.second_desk();
    bea.sign_in("Bea Bakker", "48120");
    bea.key(KeyCode::F(6));
    let screen = bea.screen(80, 24);
    assert!(screen.contains("Te controleren"), "{screen}");
    assert!(screen.contains("melding van Anna de Vries"), "{screen}");
    assert!(
        screen
            .lines()
            .any(|l| l.contains('▶') && l.contains("Huurteam Lindendaal")),
        "at equal use, a desk's report comes first: {screen}"
    );
    bea.snapshot("worklist");
    bea.key(KeyCode::Enter);
    assert_eq!(view(&bea), Some(View::EditService));
    bea.snapshot("service_form");
    bea.focus_row("Telefoon");
    bea.ctrl('u');
    bea.typ(NEW_NUMBER);
    bea.ctrl('s');
    let screen = bea.screen(160, 48);
    assert!(
        screen.contains("Opgeslagen: Huurteam Lindendaal"),
        "{screen}"
    );
    assert_eq!(
        view(&bea),
        Some(View::Worklist),
        "back where the edit began"
    );

    bea.key(KeyCode::Char('a'));
    bea.typ("Nummer aangepast");
    bea.key(KeyCode::Enter);
    let screen = bea.screen(160, 48);
    assert!(screen.contains("afgehandeld"), "{screen}");
    assert!(!screen.contains("melding van Anna de Vries"), "{screen}");

    // The form shows the change with who made it, old and new.
    bea.key(KeyCode::F(2));
    bea.ctrl('u');
    bea.typ("huurteam lindendaal");
    bea.ctrl('e');
    bea.focus_row("Status");
    let screen = bea.screen(160, 48);
    assert!(
        screen
            .lines()
            .any(|l| l.contains("Bea Bakker · telefoon: 0123 45 52 00")
                && l.contains(&format!("→ {NEW_NUMBER}"))),
        "{screen}"
    );
    bea.key(KeyCode::Esc);

    // Every Loket rebuilds its index when the kaart version moves; here by hand.
    let catalog = Catalog::load(&anna.app.store).unwrap();
    anna.app.set_catalog(Arc::new(catalog));
    anna.key(KeyCode::F(2));
    anna.ctrl('u');
    anna.typ("huurteam lindendaal");
    let screen = anna.screen(160, 48);
    assert!(screen.contains(NEW_NUMBER), "{screen}");

    let audit = bea.app.store.audit_rows().unwrap();
    for action in ["kaart melding", "kaart wijzigen"] {
        assert!(audit.iter().any(|r| r[2] == action), "{action}: {audit:?}");
    }
    assert!(audit.iter().all(|r| !r.join(" ").contains("klopt niet")));
}

#[test]
fn the_service_form_names_mistakes_and_keeps_what_was_typed() {
    let mut anna = Desk::signed_in();
    anna.add_user("Bea Bakker", Role::Beheerder, &[], "48120");
    let mut bea = anna.second_desk();
    bea.sign_in("Bea Bakker", "48120");
    bea.typ("huurteam lindendaal");
    bea.ctrl('e');
    assert_eq!(view(&bea), Some(View::EditService));
    bea.focus_row("maandag");
    bea.ctrl('u');
    bea.typ("17:00-09:00");
    bea.focus_row("Naam");
    bea.ctrl('u');
    bea.ctrl('s');
    let screen = bea.screen(160, 48);
    assert!(screen.contains("Niet opgeslagen"), "{screen}");
    assert!(screen.contains("sluitingstijd"), "{screen}");
    bea.snapshot("service_form_problems");
    bea.focus_row("maandag");
    assert!(bea.screen(160, 48).contains("17:00-09:00"), "input is kept");

    // Leaving asks first; "n" keeps the form.
    bea.key(KeyCode::Esc);
    assert!(bea.screen(80, 24).contains("Weggooien"));
    bea.key(KeyCode::Char('n'));
    assert_eq!(view(&bea), Some(View::EditService));
    // Looking at the kaart in between loses nothing either.
    bea.key(KeyCode::F(2));
    bea.key(KeyCode::F(6));
    bea.key(KeyCode::Esc);
    bea.typ("huurteam");
    bea.ctrl('e');
    bea.focus_row("maandag");
    assert!(bea.screen(160, 48).contains("17:00-09:00"));
}

#[test]
fn gecontroleerd_vandaag_takes_a_service_off_the_worklist() {
    let mut anna = Desk::signed_in();
    anna.add_user("Bea Bakker", Role::Beheerder, &[], "48120");
    let mut bea = anna.second_desk();
    bea.sign_in("Bea Bakker", "48120");
    bea.key(KeyCode::F(6));
    let items = &bea.app.session().unwrap().worklist.items;
    let before = items.len();
    // The first service that is only there because nobody checked it for a year.
    let only_unverified = items
        .iter()
        .position(|i| matches!(i.reasons[..], [WorkReason::NotVerified(_)]))
        .expect("the sample has services not verified for a year");
    let first = items[only_unverified].name.clone();
    for _ in 0..only_unverified {
        bea.key(KeyCode::Down);
    }
    bea.key(KeyCode::Char('g'));
    let screen = bea.screen(160, 48);
    assert!(screen.contains("vandaag gecontroleerd"), "{screen}");
    let after = &bea.app.session().unwrap().worklist.items;
    assert!(
        after.len() < before || after.iter().all(|i| i.name != first),
        "{first} should leave the list"
    );
}

#[test]
fn a_new_service_with_a_new_organisation_is_added_from_the_form() {
    let mut anna = Desk::signed_in();
    anna.add_user("Bea Bakker", Role::Beheerder, &[], "48120");
    let mut bea = anna.second_desk();
    bea.sign_in("Bea Bakker", "48120");
    bea.ctrl('n');
    assert_eq!(view(&bea), Some(View::EditService));
    bea.typ("Repair Café De Weide");
    bea.focus_row("Organisatie");
    bea.typ("Repair Café Lindendaal");
    bea.key(KeyCode::Enter);
    bea.key(KeyCode::Tab);
    bea.typ("Samen repareren in plaats van weggooien.");
    bea.key(KeyCode::Tab);
    bea.typ("0123 44 55 66");
    bea.snapshot("organisation_form");
    bea.key(KeyCode::Enter);
    let screen = bea.screen(160, 48);
    assert!(
        screen.contains("Opgeslagen: Repair Café Lindendaal"),
        "{screen}"
    );
    bea.focus_row("Meedoen & ontmoeten");
    bea.key(KeyCode::Char(' '));
    bea.focus_row("Laag");
    bea.key(KeyCode::Char(' '));
    bea.key(KeyCode::Char(' '));
    bea.key(KeyCode::Char(' '));
    bea.ctrl('s');
    let screen = bea.screen(160, 48);
    assert!(
        screen.contains("Opgeslagen: Repair Café De Weide"),
        "{screen}"
    );

    let kaart = bea.app.store.load_kaart().unwrap();
    let service = kaart
        .services
        .iter()
        .find(|s| s.name == "Repair Café De Weide")
        .expect("the new service is stored");
    let organisation = kaart
        .organization(service.organization_id.as_deref().unwrap())
        .unwrap();
    assert_eq!(organisation.name, "Repair Café Lindendaal");
    assert_eq!(organisation.phones[0].number, "0123 44 55 66");
    assert_eq!(service.leefgebieden, ["meedoen-ontmoeten"]);
}

#[test]
fn the_end_of_a_long_worklist_is_in_sight() {
    let mut anna = Desk::signed_in();
    anna.add_user("Bea Bakker", Role::Beheerder, &[], "48120");
    let mut bea = anna.second_desk();
    bea.sign_in("Bea Bakker", "48120");
    bea.key(KeyCode::F(6));
    let last = bea
        .app
        .session()
        .unwrap()
        .worklist
        .items
        .last()
        .unwrap()
        .name
        .clone();
    bea.key(KeyCode::End);
    let screen = bea.screen(80, 24);
    let shown: String = last.chars().take(20).collect();
    assert!(
        screen
            .lines()
            .any(|l| l.contains('▶') && l.contains(&shown)),
        "{screen}"
    );
}
