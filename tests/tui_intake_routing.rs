//! Screen tests of the verwijs-scan at the desk (issue 17): who reports, "Is er nu direct
//! gevaar?", a digital application, picking the wijk, a contact's questions routed together,
//! and a known household's regisseur.

mod common;

use common::db::{count, raw};
use common::regie::{people, question};
use common::{Desk, PIN, user};
use crossterm::event::KeyCode;
use loket::domain::account::Role;
use loket::domain::intake::Route;
use loket::store::NewUser;

fn space(desk: &mut Desk) {
    desk.key(KeyCode::Char(' '));
}

fn fill_reachable(desk: &mut Desk) {
    desk.focus_row("Naam");
    desk.typ("Fatima El Amrani");
    desk.focus_row("Telefoon");
    desk.typ("06 12345678");
}

/// Debts and a partner who hits her: the question raises the acute banner.
fn fill_danger(desk: &mut Desk) {
    fill_reachable(desk);
    desk.focus_row("Postcode");
    desk.typ("7305 AB");
    desk.focus_row("Vraag");
    desk.typ("Ik heb schulden en mijn man slaat me als ik erover begin.");
    desk.focus_row("Geldzaken & schulden");
    space(desk);
    desk.focus_row("Toestemming delen");
    space(desk);
    desk.focus_row("Overdrachtsnotitie");
    desk.typ("Mevrouw belt vanaf haar werk.");
}

fn saved(desk: &Desk) -> bool {
    desk.screen(160, 48).contains("Intake opgeslagen")
}

/// The queue items `condition` holds for.
fn queue_items(desk: &Desk, condition: &str) -> i64 {
    let sql = format!("SELECT count(*) FROM queue_items WHERE {condition}");
    count(&raw(desk.dir.path()), &sql)
}

/// `Ctrl-S` is refused with `message` (the screen then kept as `snapshot`) until `reason` is
/// typed on `row`; then it saves.
fn save_needs(desk: &mut Desk, message: &str, snapshot: &str, row: &str, reason: &str) {
    desk.ctrl('s');
    let screen = desk.screen(160, 48);
    assert!(!saved(desk), "{screen}");
    assert!(screen.contains(message), "{screen}");
    desk.snapshot(snapshot);
    desk.focus_row(row);
    desk.typ(reason);
    desk.ctrl('s');
    assert!(saved(desk), "{}", desk.screen(160, 48));
}

#[test]
fn a_neighbour_reporting_zorgmijding_by_phone_sends_the_sociaal_team_erop_af() {
    let mut desk = Desk::signed_in();
    desk.key(KeyCode::F(3));
    desk.focus_row("Melder");
    space(&mut desk);
    let screen = desk.screen(80, 24);
    assert!(screen.contains("informeel netwerk"), "{screen}");
    assert!(
        screen.contains("Signaal van"),
        "who reports is asked: {screen}"
    );
    desk.focus_row("Kanaal");
    assert!(
        desk.screen(160, 48).contains("‹ balie ›"),
        "the kanaal stays"
    );
    desk.focus_row("Vraag");
    desk.typ("De buurvrouw komt de deur niet meer uit en neemt niet op.");
    desk.focus_row("Zorg & ondersteuning (Wmo)");
    space(&mut desk);
    desk.focus_row("vraagt zelf geen hulp");
    space(&mut desk);
    let screen = desk.screen(160, 48);
    assert!(screen.contains("Sociaal Team De Weide"), "{screen}");
    desk.snapshot("intake_melder");
}

#[test]
fn ja_keeps_spoed_and_records_the_calls() {
    let mut desk = Desk::signed_in();
    desk.key(KeyCode::F(3));
    fill_danger(&mut desk);
    let screen = desk.screen(80, 24);
    assert!(screen.contains("Is er nu direct gevaar?"), "{screen}");
    desk.focus_row("Nu direct gevaar?");
    space(&mut desk);
    desk.focus_row("112 gebeld");
    space(&mut desk);
    let screen = desk.screen(160, 48);
    assert!(screen.contains("ja: spoed"), "{screen}");
    assert!(screen.contains("[x] 112 gebeld"), "{screen}");
    assert!(screen.contains("[ ] Veilig Thuis gebeld"), "{screen}");
    assert!(screen.contains("ACUTE ONVEILIGHEID"), "{screen}");
    assert!(!screen.contains("Beantwoord het"), "answered: {screen}");
    desk.snapshot("intake_danger_yes");
    desk.ctrl('s');
    assert!(saved(&desk), "{}", desk.screen(160, 48));
    assert_eq!(queue_items(&desk, "urgentie = 'spoed'"), 1);
    let danger: String = raw(desk.dir.path())
        .query_row("SELECT danger FROM intakes", [], |r| r.get(0))
        .unwrap();
    assert!(danger.contains("\"called_112\":true"), "{danger}");
}

#[test]
fn nee_needs_a_reason_and_takes_the_forced_spoed_off() {
    let mut desk = Desk::signed_in();
    desk.key(KeyCode::F(3));
    fill_danger(&mut desk);
    desk.focus_row("Nu direct gevaar?");
    space(&mut desk);
    space(&mut desk);
    let screen = desk.screen(80, 24);
    assert!(!screen.contains("ACUTE ONVEILIGHEID"), "{screen}");
    assert!(screen.contains("nee, geen direct gevaar"), "{screen}");
    assert!(!desk.screen(160, 48).contains("112 gebeld"));
    save_needs(
        &mut desk,
        "waarom de melding niet klopt",
        "intake_danger_no",
        "Waarom geen gevaar",
        "Ze bedoelde haar ex, die ver weg woont.",
    );
    assert_eq!(queue_items(&desk, "urgentie = 'spoed'"), 0);
    let audited = desk
        .app
        .store
        .audit_rows()
        .unwrap()
        .iter()
        .any(|r| r[2].contains("gevaar"));
    assert!(audited, "the dismissal is audited");
}

#[test]
fn a_digital_application_made_at_the_desk_is_handled_there() {
    let mut desk = Desk::signed_in();
    desk.key(KeyCode::F(3));
    desk.focus_row("Vraag");
    desk.typ("Ik wil bijzondere bijstand aanvragen voor een wasmachine.");
    desk.focus_row("Werk & inkomen");
    space(&mut desk);
    desk.focus_row("Complexiteit");
    space(&mut desk);
    assert!(!desk.screen(160, 48).contains("‹ volg het advies: Direct"));
    desk.focus_row("Digitale aanvraag");
    space(&mut desk);
    let screen = desk.screen(160, 48);
    assert!(
        screen.contains("[x] samen digitaal aangevraagd"),
        "{screen}"
    );
    assert!(
        screen.contains("‹ volg het advies: Direct afgehandeld ›"),
        "{screen}"
    );
    desk.ctrl('s');
    assert!(saved(&desk), "{}", desk.screen(160, 48));
    assert_eq!(queue_items(&desk, "1"), 0);
}

/// A KCC agent, whose desk lies in no wijk.
fn kcc_desk() -> Desk {
    let mut desk = Desk::empty();
    let dirk = NewUser {
        location: "KCC".into(),
        teams: vec!["KCC".into()],
        ..user("Dirk", Role::Medewerker)
    };
    desk.app.store.create_user(&dirk, PIN).unwrap();
    let mut desk = Desk::reopen(desk);
    desk.sign_in("Dirk", PIN);
    desk.key(KeyCode::F(3));
    desk
}

#[test]
fn a_kcc_call_without_postcode_is_saved_by_picking_the_wijk() {
    let mut desk = kcc_desk();
    fill_reachable(&mut desk);
    desk.focus_row("Vraag");
    desk.typ("Huurachterstand, zoon spijbelt en er is weinig geld voor eten.");
    for leefgebied in ["Wonen", "Geldzaken & schulden"] {
        desk.focus_row(leefgebied);
        space(&mut desk);
    }
    desk.focus_row("Complexiteit");
    space(&mut desk);
    space(&mut desk);
    desk.focus_row("Toestemming delen");
    space(&mut desk);
    desk.focus_row("Overdrachtsnotitie");
    desk.typ("Moeder belt namens het gezin.");
    desk.ctrl('s');
    let screen = desk.screen(160, 48);
    assert!(!saved(&desk), "{screen}");
    assert!(screen.contains("Kies de wijk of het team"), "{screen}");
    desk.focus_row("Route");
    desk.typ("soc");
    let screen = desk.screen(160, 48);
    assert!(screen.contains("Sociaal Team De Weide"), "{screen}");
    assert!(screen.contains("Sociaal Team Centrum"), "{screen}");
    desk.snapshot("intake_pick_wijk");
    desk.key(KeyCode::Backspace);
    desk.key(KeyCode::Backspace);
    desk.key(KeyCode::Backspace);
    desk.typ("exp");
    let screen = desk.screen(160, 48);
    assert!(
        !screen.contains("Expertiseteam"),
        "the desk does not route there: {screen}"
    );
    for _ in 0..3 {
        desk.key(KeyCode::Backspace);
    }
    desk.typ("sociaal centrum");
    desk.key(KeyCode::Enter);
    desk.ctrl('s');
    assert!(saved(&desk), "{}", desk.screen(160, 48));
    assert_eq!(queue_items(&desk, "target = 'Centrum'"), 1);
}

#[test]
fn a_postcode_outside_the_gemeente_says_so() {
    let mut desk = kcc_desk();
    desk.focus_row("Postcode");
    desk.typ("9999 ZZ");
    desk.focus_row("Huisnummer");
    let screen = desk.screen(80, 24);
    assert!(screen.contains("ligt niet in de gemeente"), "{screen}");
}

#[test]
fn a_contacts_questions_go_together_in_one_handover() {
    let mut desk = Desk::signed_in();
    desk.key(KeyCode::F(3));
    fill_reachable(&mut desk);
    desk.focus_row("Vraag");
    desk.typ("Ik kan de trap niet meer op en wil een traplift.");
    desk.focus_row("Zorg & ondersteuning (Wmo)");
    space(&mut desk);
    desk.focus_row("Complexiteit");
    space(&mut desk);
    desk.focus_row("Toestemming delen");
    space(&mut desk);
    desk.focus_row("Overdrachtsnotitie");
    desk.typ("Traplift aanvragen; mevrouw is overdag thuis.");
    desk.ctrl('a');
    desk.focus_row("Vraag");
    desk.typ("Mijn zoon heeft schulden bij de zorgverzekeraar.");
    desk.focus_row("Geldzaken & schulden");
    space(&mut desk);
    let screen = desk.screen(80, 24);
    assert!(screen.contains("alle vragen samen"), "{screen}");
    assert!(screen.contains("meervoudig"), "{screen}");
    desk.ctrl('s');
    assert!(saved(&desk), "{}", desk.screen(160, 48));
    assert_eq!(queue_items(&desk, "1"), 1, "one handover for the contact");
}

/// Jan Visser's household, directed by Ilse of Sociaal Team De Weide, linked at Anna's desk.
fn jan_linked() -> Desk {
    let mut desk = Desk::signed_in();
    let store = &mut desk.app.store;
    let team = people(store);
    let route = Route::SociaalTeam {
        wijk: "De Weide".into(),
    };
    let (_, _, household) = question(
        store,
        &team.dirk,
        route,
        &["wonen", "geldzaken-schulden"],
        None,
        "",
    );
    let now = common::regie::now();
    store
        .become_regisseur(household.unwrap(), &team.ilse, "test", now)
        .unwrap();
    desk.key(KeyCode::F(3));
    desk.focus_row("Huishouden");
    space(&mut desk);
    desk.typ("Jan Visser 7304 AB");
    desk.key(KeyCode::Enter);
    desk
}

#[test]
fn a_known_household_shows_its_regisseur_and_goes_to_them() {
    let mut desk = jan_linked();
    let screen = desk.screen(160, 48);
    assert!(
        screen.contains("Regie: Sociaal Team De Weide · regisseur Ilse"),
        "{screen}"
    );
    assert!(
        screen.contains("naar de regisseur: Sociaal Team De Weide"),
        "{screen}"
    );
    assert!(!screen.contains("De huur is te hoog"), "never the contents");
    desk.focus_row("Telefoon");
    desk.typ("06 55556666");
    desk.focus_row("Vraag");
    desk.typ("Jan vraagt of er hulp is bij het invullen van formulieren.");
    desk.focus_row("Taal & digitale vaardigheden");
    space(&mut desk);
    desk.focus_row("Toestemming delen");
    space(&mut desk);
    desk.focus_row("Overdrachtsnotitie");
    desk.typ("Graag meenemen in het plan.");
    desk.snapshot("intake_known_household");
    desk.ctrl('s');
    assert!(saved(&desk), "{}", desk.screen(160, 48));
    let to_ilse =
        "case_id IS NOT NULL AND assigned_to = (SELECT id FROM users WHERE name = 'Ilse')";
    assert_eq!(
        queue_items(&desk, to_ilse),
        2,
        "the new question joins the case"
    );
    let audit = desk.app.store.audit_rows().unwrap();
    assert!(audit.iter().any(|r| r[2] == "regie bekijken"));
}

#[test]
fn another_route_for_a_known_household_needs_a_reason_for_its_own_track() {
    let mut desk = jan_linked();
    desk.focus_row("Telefoon");
    desk.typ("06 55556666");
    desk.focus_row("Vraag");
    desk.typ("Jan wil een cursus Nederlands volgen bij de bibliotheek.");
    desk.focus_row("Taal & digitale vaardigheden");
    space(&mut desk);
    desk.focus_row("Toestemming delen");
    space(&mut desk);
    desk.focus_row("Overdrachtsnotitie");
    desk.typ("Cursus zoeken.");
    desk.focus_row("Route");
    desk.typ("loket taal");
    desk.key(KeyCode::Enter);
    let screen = desk.screen(160, 48);
    assert!(screen.contains("Reden eigen traject"), "{screen}");
    assert!(!screen.contains("Reden andere route"), "{screen}");
    save_needs(
        &mut desk,
        "eigen traject krijgt",
        "intake_own_track",
        "Reden eigen traject",
        "Losse cursusvraag, buiten het plan.",
    );
    let own = "case_id IS NULL AND target = 'taal-digitaal'";
    assert_eq!(queue_items(&desk, own), 1, "a track of its own");
}

/// A draft keeps what the desk typed for a known household: after leaving and continuing it,
/// the form shows the regisseur again, advises "naar de regisseur", and keeps the reason for a
/// track of its own on its own row.
#[test]
fn a_restored_draft_of_a_known_household_shows_its_regisseur_and_the_own_track_reason() {
    let mut desk = jan_linked();
    desk.focus_row("Vraag");
    desk.typ("Jan wil een cursus Nederlands volgen bij de bibliotheek.");
    desk.focus_row("Taal & digitale vaardigheden");
    space(&mut desk);
    desk.focus_row("Route");
    desk.typ("loket taal");
    desk.key(KeyCode::Enter);
    desk.focus_row("Reden eigen traject");
    desk.typ("Losse cursusvraag, buiten het plan.");
    desk.app
        .tick(std::time::Instant::now() + std::time::Duration::from_secs(3));

    let mut again = Desk::reopen(desk);
    again.sign_in("Anna de Vries", PIN);
    again.key(KeyCode::Char('j'));
    let screen = again.screen(160, 48);
    assert!(
        screen.contains("Regie: Sociaal Team De Weide · regisseur Ilse"),
        "{screen}"
    );
    assert!(screen.contains("naar de regisseur"), "{screen}");
    assert!(screen.contains("Reden eigen traject"), "{screen}");
    assert!(
        screen.contains("Losse cursusvraag, buiten het plan."),
        "{screen}"
    );
    again.snapshot("intake_draft_known_household");
    let audit = again.app.store.audit_rows().unwrap();
    assert!(
        audit
            .iter()
            .any(|r| r[2] == "huishouden koppelen" && r[4] == "gelukt: concept hervat"),
        "linking again is audited"
    );
}
