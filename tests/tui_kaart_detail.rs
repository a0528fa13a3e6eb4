//! Screen tests of the kaart's detail pane at 80×24 (desk-test S5): how to reach a service
//! (open now, today's hours, phone, address) comes before its description, the hours are those
//! of the next seven days, and a service open day and night says so.

mod common;

use common::Desk;
use crossterm::event::KeyCode;

fn select(desk: &mut Desk, query: &str, id: &str) {
    desk.typ(query);
    let position = desk
        .app
        .kaart
        .results
        .hits
        .iter()
        .position(|h| h.id == id)
        .unwrap_or_else(|| panic!("{id} not found for {query:?}"));
    for _ in 0..position {
        desk.key(KeyCode::Down);
    }
    assert_eq!(desk.app.kaart.selected_hit().unwrap().id, id);
}

fn line_of(screen: &str, text: &str) -> usize {
    screen
        .lines()
        .position(|l| l.contains(text))
        .unwrap_or_else(|| panic!("{text:?} not on screen:\n{screen}"))
}

#[test]
fn phone_address_and_todays_hours_come_before_the_description_at_80x24() {
    let mut desk = Desk::signed_in();
    select(&mut desk, "geldloket", "svc-geldloket");
    let screen = desk.screen(80, 24);
    let now = line_of(&screen, "nu gesloten, opent morgen om 09:00");
    let phone = line_of(&screen, "Telefoon: 0123 45 20 00");
    let address = line_of(&screen, "Gasthuisstraat 12");
    assert!(now < phone && phone < address, "{screen}");
    // Two addresses, one set of hours: the pane says the kaart does not tell which is which.
    assert!(screen.contains("Ankerstraat 21"), "{screen}");
    desk.snapshot("kaart_detail_reach_first");
    let description = desk
        .app
        .store
        .service_detail("svc-geldloket")
        .unwrap()
        .unwrap()
        .services[0]
        .description
        .chars()
        .take(20)
        .collect::<String>();
    desk.ctrl('d');
    let screen = desk.screen(80, 24);
    assert!(line_of(&screen, &description) > line_of(&screen, "Ankerstraat 21"));
    assert!(screen.contains("niet per adres"), "{screen}");
}

#[test]
fn todays_hours_stand_under_the_name() {
    let mut desk = Desk::signed_in();
    select(&mut desk, "schuldhulpverlening", "svc-schuldhulpverlening");
    let screen = desk.screen(80, 24);
    let today = line_of(&screen, "Vandaag: 09:00–12:00, 13:00–16:30");
    assert!(today < line_of(&screen, "Telefoon:"), "{screen}");
}

#[test]
fn the_hours_are_those_of_the_next_seven_days_from_today() {
    let mut desk = Desk::signed_in();
    select(&mut desk, "geldloket", "svc-geldloket");
    desk.ctrl('d');
    for _ in 0..12 {
        desk.key(KeyCode::Down);
    }
    let screen = desk.screen(80, 24);
    // The test clock says Monday 23 November 2026: from that day up to Sunday 29th.
    let first = line_of(&screen, "ma 23-11");
    let last = line_of(&screen, "zo 29-11");
    assert!(first < last, "{screen}");
    assert!(screen.contains("komende 7 dagen"), "{screen}");
}

#[test]
fn a_service_open_day_and_night_says_so() {
    let mut desk = Desk::signed_in();
    select(&mut desk, "veilig thuis", "svc-veilig-thuis");
    let screen = desk.screen(80, 24);
    assert!(screen.contains("dag en nacht open"), "{screen}");
    assert!(!screen.contains("23:59"), "{screen}");
}
