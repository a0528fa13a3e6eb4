//! Screen tests of what a new desk ran into (issue 15, desk test B1, B8, S8, S13, S14, S15):
//! nothing typed is lost to a reflex key, letters on a choice field change nothing, messages
//! stand under their own field and go when it is right, the help lists every key of the
//! screen and ends where its content ends, and dates are read as people write them.

mod common;

use common::Desk;
use crossterm::event::KeyCode;
use loket::domain::account::Role;
use loket::domain::intake::Kanaal;
use loket::domain::validation::Field;
use loket::tui::{Overlay, Phase, View};

fn view(desk: &Desk) -> Option<View> {
    desk.app.session().map(|s| s.view)
}

fn has_draft(desk: &Desk) -> bool {
    let id = desk.app.user().expect("signed in").id;
    desk.app.store.draft(id).unwrap().is_some()
}

fn tick(desk: &mut Desk) {
    desk.app
        .tick(std::time::Instant::now() + std::time::Duration::from_secs(3));
}

/// Anna typed half an intake and the terminal closed; she signs in again at a new app.
fn anna_with_a_draft() -> Desk {
    let mut desk = Desk::signed_in();
    desk.key(KeyCode::F(3));
    desk.focus_row("Vraag");
    desk.typ("tweede belangrijke vraag");
    tick(&mut desk);
    let mut again = Desk::reopen(desk);
    again.sign_in("Anna de Vries", "48213");
    assert!(matches!(
        again.app.overlay,
        Some(Overlay::ConfirmDraft { .. })
    ));
    again
}

#[test]
fn esc_on_the_draft_offer_keeps_the_draft_and_throwing_it_away_asks_twice() {
    let mut desk = anna_with_a_draft();
    let screen = desk.screen(80, 24);
    assert!(
        screen.contains("j/Enter = verder gaan · n = weggooien… · Esc = later"),
        "{screen}"
    );
    // Esc closes the question and keeps the draft, also when the form writes its draft.
    desk.key(KeyCode::Esc);
    assert_eq!(desk.app.overlay, None);
    tick(&mut desk);
    assert!(has_draft(&desk), "Esc kept the draft");
    // F3 offers it again instead of an empty form.
    desk.key(KeyCode::F(3));
    assert!(matches!(
        desk.app.overlay,
        Some(Overlay::ConfirmDraft { .. })
    ));
    // n alone throws nothing away: it asks again, and Enter or Esc there go back.
    desk.key(KeyCode::Char('n'));
    let screen = desk.screen(80, 24);
    assert!(screen.contains("Echt weggooien?"), "{screen}");
    assert!(
        screen.contains("j = weggooien · n/Enter/Esc = terug"),
        "{screen}"
    );
    desk.snapshot("draft_discard_confirm");
    assert!(has_draft(&desk));
    desk.key(KeyCode::Enter);
    assert!(matches!(
        desk.app.overlay,
        Some(Overlay::ConfirmDraft { .. })
    ));
    assert!(has_draft(&desk), "Enter on the second question keeps it");
    // n and then j: gone.
    desk.key(KeyCode::Char('n'));
    desk.key(KeyCode::Char('j'));
    assert_eq!(desk.app.overlay, None);
    assert!(!has_draft(&desk));
    desk.key(KeyCode::F(3));
    assert_eq!(view(&desk), Some(View::Intake));
    assert_eq!(desk.app.intake_form().unwrap().intake.question, "");
}

#[test]
fn enter_on_the_draft_offer_continues_it() {
    let mut desk = anna_with_a_draft();
    desk.key(KeyCode::Enter);
    assert_eq!(view(&desk), Some(View::Intake));
    assert_eq!(
        desk.app.intake_form().unwrap().intake.question,
        "tweede belangrijke vraag"
    );
}

#[test]
fn enter_is_the_safe_answer_when_quitting_with_a_half_filled_form() {
    let mut desk = Desk::signed_in();
    desk.key(KeyCode::F(3));
    desk.focus_row("Vraag");
    desk.typ("half getypt");
    desk.ctrl('q');
    assert_eq!(desk.app.overlay, Some(Overlay::ConfirmQuit));
    let screen = desk.screen(80, 24);
    assert!(
        screen.contains("j = afsluiten · n/Enter/Esc = terug"),
        "{screen}"
    );
    desk.key(KeyCode::Enter);
    assert!(!desk.app.quit, "Enter does not quit");
    assert_eq!(desk.app.overlay, None);
    desk.ctrl('q');
    desk.key(KeyCode::Char('j'));
    assert!(desk.app.quit);
}

#[test]
fn enter_is_the_safe_answer_when_switching_users_on_the_lock_screen() {
    let mut desk = Desk::signed_in();
    desk.ctrl('l');
    desk.ctrl('w');
    assert_eq!(desk.app.overlay, Some(Overlay::ConfirmSwitchUser));
    assert!(
        desk.screen(80, 24)
            .contains("j = afmelden · n/Enter/Esc = terug")
    );
    desk.key(KeyCode::Enter);
    assert!(desk.app.user().is_some(), "still signed in");
    desk.ctrl('w');
    desk.key(KeyCode::Char('j'));
    assert!(matches!(desk.app.phase, Phase::SignIn(_)));
}

/// Bea, beheerder, with the Huurteam's service form open and a changed name.
fn bea_editing() -> Desk {
    let mut anna = Desk::signed_in();
    anna.add_user("Bea Bakker", Role::Beheerder, &[], "48120");
    let mut bea = anna.second_desk();
    bea.sign_in("Bea Bakker", "48120");
    bea.typ("huurteam lindendaal");
    bea.ctrl('e');
    assert_eq!(view(&bea), Some(View::EditService));
    bea
}

#[test]
fn enter_does_not_discard_service_edits() {
    let mut bea = bea_editing();
    bea.focus_row("Naam");
    bea.typ(" (nieuw)");
    bea.key(KeyCode::Esc);
    assert_eq!(bea.app.overlay, Some(Overlay::ConfirmDiscardEdit));
    let screen = bea.screen(80, 24);
    assert!(
        screen.contains("j = weggooien · n/Enter/Esc = terug"),
        "{screen}"
    );
    bea.key(KeyCode::Enter);
    assert_eq!(view(&bea), Some(View::EditService));
    assert!(bea.screen(160, 48).contains("(nieuw)"), "the edit is kept");
    bea.key(KeyCode::Esc);
    bea.key(KeyCode::Char('j'));
    assert_ne!(view(&bea), Some(View::EditService));
}

#[test]
fn a_sentence_typed_into_kanaal_leaves_it_alone_and_says_how_to_choose() {
    let mut desk = Desk::signed_in();
    desk.key(KeyCode::F(3));
    let before = desk.app.intake_form().unwrap().intake.kanaal;
    assert_eq!(before, Kanaal::Balie);
    desk.typ("hallo wereld?");
    assert_eq!(desk.app.intake_form().unwrap().intake.kanaal, before);
    assert_eq!(desk.app.overlay, None, "? is typed, not help");
    let screen = desk.screen(80, 24);
    assert!(
        screen.contains("Dit veld is een keuze: ←/→ of Spatie/Enter"),
        "{screen}"
    );
    // A checkbox: a leefgebied stays unticked.
    desk.focus_row("Geldzaken & schulden");
    desk.typ("ja graag");
    assert!(
        desk.app
            .intake_form()
            .unwrap()
            .intake
            .leefgebieden
            .is_empty()
    );
    assert!(
        desk.screen(80, 24)
            .contains("Dit veld is een vinkje: Spatie/Enter"),
    );
    // Space on its own still ticks it.
    desk.key(KeyCode::Down);
    desk.key(KeyCode::Up);
    desk.key(KeyCode::Char(' '));
    assert_eq!(desk.app.intake_form().unwrap().intake.leefgebieden.len(), 1);
}

#[test]
fn letters_on_a_choice_of_the_service_form_change_nothing() {
    let mut bea = bea_editing();
    bea.focus_row("Laag");
    let before = bea.app.session().unwrap().edit.form.as_ref().unwrap().laag;
    bea.typ("maatwerk");
    let form = bea.app.session().unwrap().edit.form.as_ref().unwrap();
    assert_eq!(form.laag, before);
    assert!(!form.dirty);
    assert!(bea.screen(80, 24).contains("Dit veld is een keuze"));
}

#[test]
fn a_field_error_goes_when_the_field_is_right_and_f8_finds_the_next() {
    let mut desk = Desk::signed_in();
    desk.key(KeyCode::F(3));
    desk.focus_row("Telefoon");
    desk.typ("0612");
    desk.ctrl('s');
    let errors = |desk: &Desk| -> Vec<Field> {
        desk.app
            .intake_form()
            .unwrap()
            .errors
            .iter()
            .map(|e| e.field)
            .collect()
    };
    assert!(errors(&desk).len() >= 2, "{:?}", errors(&desk));
    // The whole message is on screen at 80 columns, over two lines.
    let screen = desk.screen(80, 24);
    assert!(screen.contains("velden kloppen nog niet."), "{screen}");
    assert!(
        screen.contains("F8: naar het volgende veld met een") && screen.contains(" melding."),
        "{screen}"
    );
    // F8 walks the wrong fields in form order and round again.
    let first = desk.app.intake_form().unwrap().cursor;
    desk.key(KeyCode::F(8));
    let second = desk.app.intake_form().unwrap().cursor;
    assert!(second > first, "{first} → {second}");
    // Fixing the phone takes its message away at once, without saving.
    desk.focus_row("Telefoon");
    assert!(errors(&desk).contains(&Field::Phone));
    desk.typ("345678");
    assert!(
        !errors(&desk).contains(&Field::Phone),
        "{:?}",
        errors(&desk)
    );
    assert!(errors(&desk).contains(&Field::Question), "the others stay");
}

#[test]
fn the_donderdag_error_stands_under_donderdag() {
    let mut bea = bea_editing();
    bea.focus_row("donderdag");
    bea.ctrl('u');
    bea.typ("9:00 tot 12:00");
    bea.focus_row("Naam");
    bea.ctrl('s');
    let screen = bea.screen(80, 24);
    let lines: Vec<&str> = screen.lines().collect();
    let row = lines
        .iter()
        .position(|l| l.contains("▶ donderdag"))
        .unwrap_or_else(|| panic!("the focus is on donderdag:\n{screen}"));
    assert!(lines[row + 1].contains("⚠ donderdag"), "{screen}");
    // Right again: the message goes.
    bea.ctrl('u');
    bea.typ("9-12");
    assert!(!bea.screen(80, 24).contains("⚠"));
}

#[test]
fn help_lists_every_key_of_the_intake_once_per_action() {
    let mut desk = Desk::signed_in();
    desk.key(KeyCode::F(3));
    desk.key(KeyCode::F(1));
    desk.snapshot("help_intake");
    let sections = desk.app.help_sections();
    let entry = |title: &str, what: &str| -> String {
        sections
            .iter()
            .find(|s| s.title == title)
            .unwrap_or_else(|| panic!("no section {title}: {sections:?}"))
            .entries
            .iter()
            .find(|(_, w)| w.contains(what))
            .unwrap_or_else(|| panic!("no {what} in {title}"))
            .0
            .clone()
    };
    assert_eq!(entry("Overal", "hulp"), "F1 / Alt-1");
    assert_eq!(entry("Gesprekshulp", "ja"), "j");
    assert_eq!(entry("Gesprekshulp", "Weet niet"), "?");
    assert_eq!(entry("Gesprekshulp", "overslaan"), "Spatie");
    assert_eq!(
        entry("Adviesregel (een gekozen dienst)", "uit het advies"),
        "Delete / Backspace"
    );
    assert_eq!(entry("Intakeformulier", "volgende veld dat"), "F8");
    let keys: Vec<&String> = sections
        .iter()
        .flat_map(|s| s.entries.iter().map(|(k, _)| k))
        .collect();
    let mut unique = keys.clone();
    unique.dedup();
    assert_eq!(keys.len(), unique.len(), "one line per action: {keys:?}");
}

#[test]
fn help_scrolls_to_its_end_and_no_further_and_home_end_work() {
    let mut desk = Desk::signed_in();
    desk.key(KeyCode::F(3));
    desk.key(KeyCode::F(1));
    let top = desk.screen(80, 24);
    for _ in 0..200 {
        desk.key(KeyCode::Down);
        desk.screen(80, 24);
    }
    let bottom = desk.screen(80, 24);
    assert_ne!(top, bottom);
    let Some(Overlay::Help { scroll }) = desk.app.overlay else {
        panic!("help is open");
    };
    assert!(scroll < 100, "bounded by its content: {scroll}");
    // One Up shows something else at once: no empty space to climb back through.
    desk.key(KeyCode::Up);
    assert_ne!(desk.screen(80, 24), bottom);
    desk.key(KeyCode::Home);
    assert_eq!(desk.screen(80, 24), top);
    desk.key(KeyCode::End);
    assert_eq!(desk.screen(80, 24), bottom);
    // Long descriptions wrap instead of being cut at 80 columns.
    desk.key(KeyCode::Home);
    let mut seen = String::new();
    for _ in 0..40 {
        seen.push_str(&desk.screen(80, 24));
        desk.key(KeyCode::PageDown);
    }
    assert!(
        seen.contains("Mijn contacten van de laatste dagen: openen om te"),
        "{seen}"
    );
    assert!(
        seen.contains("  verbeteren "),
        "the rest on the next line: {seen}"
    );
    desk.key(KeyCode::Esc);
    assert_eq!(desk.app.overlay, None);
}

/// Anna hands over a question to the Expertiseteam; Bram of that team signs in on a second
/// desk, opens the wachtrij on "mijn teams" and claims the item.
fn bram_with_a_claimed_item() -> Desk {
    let mut anna = Desk::signed_in();
    anna.add_user("Bram Bakker", Role::Medewerker, &["Expertiseteam"], "59321");
    anna.key(KeyCode::F(3));
    anna.focus_row("Vraag");
    anna.typ("Schulden en mijn man slaat me, ik durf niet naar huis.");
    anna.focus_row("Geldzaken & schulden");
    anna.key(KeyCode::Char(' '));
    anna.focus_row("Telefoon");
    anna.typ("06 55556666");
    anna.focus_row("Toestemming delen");
    anna.key(KeyCode::Char(' '));
    anna.key(KeyCode::Char(' '));
    anna.focus_row("Overdrachtsnotitie");
    anna.typ("Belt zelf terug.");
    anna.ctrl('s');
    let mut bram = anna.second_desk();
    bram.sign_in("Bram Bakker", "59321");
    bram.key(KeyCode::F(4));
    bram.key(KeyCode::Tab);
    bram.key(KeyCode::Char('o'));
    // Taking an item can be undone (terugleggen): Enter may say yes, and the dialog says so.
    let screen = bram.screen(80, 24);
    assert!(
        screen.contains("j/Enter = oppakken · n/Esc = terug"),
        "{screen}"
    );
    bram.key(KeyCode::Enter);
    assert!(bram.screen(160, 48).contains("opgepakt"));
    bram
}

#[test]
fn an_appointment_is_typed_as_people_write_dates_and_a_past_one_is_asked_about() {
    // The desk's clock: Monday 23 November 2026.
    let mut bram = bram_with_a_claimed_item();
    bram.key(KeyCode::Char('a'));
    assert!(bram.screen(80, 24).contains("Afspraak (D-M-JJJJ UU:MM)"));
    bram.typ("8-12 25:00");
    bram.key(KeyCode::Enter);
    let screen = bram.screen(80, 24);
    assert!(
        screen.contains("bijvoorbeeld 30-11-2026 10:30"),
        "the example is ahead of today, as dates are shown: {screen}"
    );
    bram.ctrl('u');
    bram.typ("1-11-2026 10:00");
    bram.key(KeyCode::Enter);
    let screen = bram.screen(80, 24);
    assert!(screen.contains("ligt in het verleden"), "{screen}");
    assert!(bram.app.queue_screen().is_some_and(|s| s.prompt.is_some()));
    // Another date: a year-less one is the next such day.
    bram.ctrl('u');
    bram.typ("8-12 14:00");
    bram.key(KeyCode::Enter);
    let screen = bram.screen(160, 48);
    assert!(screen.contains("afspraak gemaakt"), "{screen}");
    bram.key(KeyCode::Enter);
    assert!(
        bram.screen(160, 48).contains("08-12-2026 14:00")
            || bram.screen(160, 48).contains("8-12-2026 14:00"),
        "{}",
        bram.screen(160, 48)
    );
}

#[test]
fn a_past_appointment_is_recorded_after_a_second_enter() {
    let mut bram = bram_with_a_claimed_item();
    bram.key(KeyCode::Char('a'));
    bram.typ("20-11-2026 9:30");
    bram.key(KeyCode::Enter);
    assert!(bram.screen(80, 24).contains("ligt in het verleden"));
    bram.key(KeyCode::Enter);
    assert!(bram.screen(160, 48).contains("afspraak gemaakt"));
}

#[test]
fn a_report_period_is_typed_as_the_screen_shows_it() {
    let mut anna = Desk::signed_in();
    anna.add_user("Olaf Olie", Role::Coordinator, &[], "61537");
    let mut olaf = anna.second_desk();
    olaf.sign_in("Olaf Olie", "61537");
    olaf.key(KeyCode::F(5));
    olaf.key(KeyCode::Char('e'));
    assert!(olaf.screen(80, 24).contains("Van (D-M-JJJJ)"));
    olaf.typ("1-11-2026");
    olaf.key(KeyCode::Tab);
    olaf.typ("22-11");
    olaf.key(KeyCode::Enter);
    // Reports cover whole months (against differencing), so the period widens to November.
    let screen = olaf.screen(80, 24);
    assert!(screen.contains("1-11-2026 t/m 30-11-2026"), "{screen}");
}

/// PgDn moves the kaart's selection by the rows the list shows at the terminal's size: a
/// small terminal pages by a few rows, a big one by many, and the selection stays in sight.
#[test]
fn page_down_moves_by_the_visible_rows_at_every_terminal_size() {
    let mut pages = Vec::new();
    for (width, height) in [(80, 24), (160, 48)] {
        let mut desk = Desk::signed_in();
        desk.resize(width, height);
        // To the list, with every service in it.
        desk.key(KeyCode::Tab);
        desk.key(KeyCode::PageDown);
        let selected = desk.app.kaart.selected;
        let screen = desk.screen(width, height);
        let marked: Vec<&str> = screen.lines().filter(|l| l.contains('▶')).collect();
        assert_eq!(marked.len(), 1, "the selection is in sight:\n{screen}");
        pages.push(selected);
    }
    assert_eq!(pages[0], 7, "the list's 7 rows at 80×24");
    assert!(
        pages[1] > 20,
        "a page at 160×48 is the taller list's: {pages:?}"
    );
}
