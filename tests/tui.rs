//! Screen tests: the real app state driven with key events, drawn on ratatui's TestBackend and
//! compared with insta snapshots at 80×24 and 160×48 (monochrome, so markers carry meaning).

mod common;

use std::time::{Duration, Instant};

use common::Desk;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use loket::domain::account::Role;
use loket::tui::{Keymap, Overlay, Phase};

#[test]
fn first_run_creates_the_first_beheerder() {
    let mut desk = Desk::empty();
    desk.snapshot("first_run");
    desk.first_run("Bea Beheer", "KCC", "59321", "59322");
    assert!(
        desk.screen(80, 24)
            .contains("De twee pincodes zijn niet gelijk.")
    );
    assert!(
        desk.screen(80, 24).contains("Bea Beheer"),
        "what was typed stays"
    );
    desk.typ("59321");
    desk.key(KeyCode::Tab);
    desk.typ("59321");
    desk.key(KeyCode::Enter);
    let user = desk.app.user().expect("signed in");
    assert_eq!(
        (user.name.as_str(), user.role),
        ("Bea Beheer", Role::Beheerder)
    );
    let made = format!(
        "gebruiker:{0} | eerste beheerder aangemaakt | gebruiker:{0}",
        user.id
    );
    let rows = desk.app.store.audit_rows().unwrap();
    assert!(
        rows.iter().any(|r| r.join(" | ").contains(&made)),
        "the first beheerder is audited: {rows:#?}"
    );
}

/// Desk test B8 and probe 1.4 (B5): Enter on "load demo data?" put 16 accounts with the
/// published PIN, a beheerder among them, into the real database. The offer now sits on the
/// welcome screen, opens a separate demo database, and Enter means "niet nu".
#[test]
fn enter_on_the_demo_offer_keeps_the_new_database_empty() {
    let mut desk = Desk::empty();
    let screen = desk.screen(80, 24);
    assert!(screen.contains("Ctrl-D"), "{screen}");
    desk.ctrl('d');
    assert_eq!(desk.app.overlay, Some(Overlay::ConfirmDemo));
    let screen = desk.screen(80, 24);
    for text in ["loket-demo.db", "demo2468", "n/Enter/Esc = niet nu"] {
        assert!(screen.contains(text), "{text}: {screen}");
    }
    desk.key(KeyCode::Enter);
    assert_eq!(desk.app.overlay, None);
    assert!(matches!(desk.app.phase, Phase::FirstRun(_)));
    assert!(!desk.dir.path().join("loket-demo.db").exists());

    desk.first_run("Petra Prins", "Stadhuis", "84726", "84726");
    assert_eq!(desk.app.user().unwrap().name, "Petra Prins");
    assert_eq!(
        desk.app.overlay, None,
        "no demo offer after the first beheerder"
    );
    assert!(!desk.app.demo);
    assert!(!desk.screen(80, 24).contains("DEMO"));
    let store = &desk.app.store;
    assert_eq!(store.user_count().unwrap(), 1);
    assert!(store.user("Demo Bea (beheerder)").unwrap().is_none());
    assert!(!store.is_demo_database().unwrap());
}

/// Looking around opens `loket-demo.db` next to the real database, at its sign-in screen, with
/// DEMO in the header; the real database stays empty.
#[test]
fn looking_around_opens_a_separate_demo_database() {
    let mut desk = Desk::empty();
    desk.ctrl('d');
    desk.key(KeyCode::Char('j'));
    assert!(desk.app.demo);
    assert_eq!(
        desk.app.store.path(),
        desk.dir.path().join("loket-demo.db").as_path()
    );
    let screen = desk.screen(80, 24);
    assert!(screen.contains("DEMO"), "{screen}");
    assert!(screen.contains("DEMODATABASE loket-demo.db"), "{screen}");
    desk.sign_in("Demo Anna (STIP)", "demo2468");

    let real = loket::store::Store::open(&desk.dir.path().join("loket.db"))
        .unwrap()
        .store;
    assert_eq!(real.user_count().unwrap(), 0);
    assert!(!real.is_demo_database().unwrap());
}

#[test]
fn the_first_account_is_personal_too() {
    let mut desk = Desk::empty();
    desk.first_run("Balie", "KCC", "59321", "59321");
    let screen = desk.screen(80, 24);
    assert!(screen.contains("persoonlijke accounts"), "{screen}");
    assert!(desk.app.user().is_none());
}

#[test]
fn quitting_a_half_filled_first_run_asks_first() {
    let mut desk = Desk::empty();
    desk.typ("Bea");
    desk.ctrl('q');
    assert_eq!(desk.app.overlay, Some(Overlay::ConfirmQuit));
    desk.key(KeyCode::Char('n'));
    assert!(!desk.app.quit);
    assert!(desk.screen(80, 24).contains("Bea"));
    desk.ctrl('q');
    desk.key(KeyCode::Char('j'));
    assert!(desk.app.quit);
}

#[test]
fn a_wrong_pin_is_answered_after_its_delay_without_freezing_the_desk() {
    let mut desk = Desk::with_anna();
    // An hour: a desk that slept it out would hang this test.
    let delay = Duration::from_secs(3600);
    desk.app.settings.wrong_pin_delay = delay;
    desk.typ("Anna de Vries");
    desk.key(KeyCode::Tab);
    desk.typ("11112");
    desk.key(KeyCode::Enter);
    let refused = "Naam of pincode klopt niet";
    assert!(!desk.screen(80, 24).contains(refused));
    // Until the answer comes, nothing is typed or sent: no second guess slips in.
    desk.typ("48213");
    desk.key(KeyCode::Enter);
    assert!(desk.app.user().is_none());
    desk.app.tick(Instant::now() + delay);
    assert!(desk.screen(80, 24).contains(refused));
    desk.typ("48213");
    desk.key(KeyCode::Enter);
    assert_eq!(desk.app.user().unwrap().name, "Anna de Vries");
}

#[test]
fn sign_in_and_wrong_pin() {
    let mut desk = Desk::with_anna();
    desk.snapshot("sign_in");
    desk.typ("Anna de Vries");
    desk.key(KeyCode::Tab);
    desk.typ("11112");
    desk.key(KeyCode::Enter);
    assert!(desk.app.user().is_none());
    desk.snapshot("wrong_pin");
    desk.typ("48213");
    desk.key(KeyCode::Enter);
    assert_eq!(desk.app.user().unwrap().name, "Anna de Vries");
}

#[test]
fn kaart_search_with_a_filter_and_the_detail_pane() {
    let mut desk = Desk::signed_in();
    desk.typ("schulden");
    let first = desk.app.kaart.results.hits[0].id.clone();
    assert_eq!(first, "svc-schuldhulpverlening");
    desk.ctrl('f');
    // The second row is Geldzaken & schulden.
    desk.key(KeyCode::Down);
    desk.key(KeyCode::Char(' '));
    desk.key(KeyCode::Enter);
    assert_eq!(desk.app.kaart.filters.leefgebieden, ["geldzaken-schulden"]);
    desk.snapshot("kaart_schulden_filtered");
    desk.key(KeyCode::Down);
    desk.key(KeyCode::Enter);
    assert!(desk.app.kaart.detail_expanded);
    desk.snapshot("kaart_detail");
}

/// On a large kaart the index takes a moment after the start: a query typed meanwhile stays
/// on the search line under a calm notice, and is answered as soon as the kaart is there.
#[test]
fn a_query_typed_while_the_kaart_loads_is_kept_and_answered() {
    let mut desk = Desk::signed_in();
    let catalog = desk.app.catalog.take().unwrap();
    desk.typ("schulden");
    let screen = desk.screen(80, 24);
    assert!(screen.contains("Zoek: schulden"), "{screen}");
    assert!(
        screen.contains("De sociale kaart wordt geladen"),
        "{screen}"
    );
    desk.app.set_catalog(catalog);
    assert_eq!(desk.app.kaart.results.hits[0].id, "svc-schuldhulpverlening");
    let screen = desk.screen(80, 24);
    assert!(!screen.contains("wordt geladen"), "{screen}");
}

/// A resident's sentence gives a short list: the strong matches, counted in the title, and
/// below a divider the weak ones that fill it.
#[test]
fn kaart_short_list_with_weak_matches_below_a_divider() {
    let mut desk = Desk::signed_in();
    desk.typ("hij slaat me");
    let results = &desk.app.kaart.results;
    let strong = results.strong_shown();
    assert!(strong > 0 && strong < results.hits.len(), "{results:?}");
    assert_eq!(results.total, strong);
    assert_eq!(results.hits[0].id, "svc-veilig-thuis");
    desk.snapshot("kaart_short_list_divider");
}

#[test]
fn typing_on_the_list_goes_to_the_search_line() {
    let mut desk = Desk::signed_in();
    desk.typ("rolator");
    desk.key(KeyCode::Down);
    desk.key(KeyCode::Esc);
    desk.key(KeyCode::Down);
    desk.key(KeyCode::Char('x'));
    assert_eq!(desk.app.kaart.query.value(), "rolatorx");
    desk.ctrl('u');
    assert_eq!(desk.app.kaart.query.value(), "");
    let index = &desk.app.catalog.as_ref().unwrap().index;
    let active = (0..index.len() as u32)
        .filter(|&d| index.line(d).active)
        .count();
    assert!(active < index.len(), "the sample has inactive services");
    assert_eq!(
        desk.app.kaart.results.total, active,
        "an empty query lists every active service"
    );
}

#[test]
fn help_lists_the_keys_of_the_screen() {
    let mut desk = Desk::signed_in();
    desk.key(KeyCode::F(1));
    desk.snapshot("help_kaart");
    let screen = desk.screen(160, 48);
    for line in [
        "Ctrl-F",
        "Filters kiezen",
        "Ctrl-L",
        "Scherm vergrendelen",
        "Backspace",
    ] {
        assert!(screen.contains(line), "{line} missing from help");
    }
    desk.key(KeyCode::Esc);
    assert_eq!(desk.app.overlay, None);
}

#[test]
fn the_lock_hides_the_work_and_the_pin_brings_it_back() {
    let mut desk = Desk::signed_in();
    desk.typ("deurwaarder");
    desk.ctrl('l');
    desk.snapshot("locked");
    let screen = desk.screen(160, 48);
    assert!(
        !screen.contains("deurwaarder"),
        "the query is not on the lock screen"
    );
    assert!(
        !screen.contains("Schuldhulp"),
        "no results on the lock screen"
    );
    desk.ctrl('q');
    assert!(
        !desk.app.quit,
        "a locked screen cannot be quit by a passer-by"
    );
    desk.typ("00000");
    desk.key(KeyCode::Enter);
    assert!(desk.app.is_locked());
    assert!(desk.screen(80, 24).contains("klopt niet"));
    desk.typ("48213");
    desk.key(KeyCode::Enter);
    assert!(!desk.app.is_locked());
    assert_eq!(
        desk.app.kaart.query.value(),
        "deurwaarder",
        "typed text intact after unlock"
    );
}

#[test]
fn idle_time_locks_the_screen() {
    let mut desk = Desk::signed_in();
    let start = Instant::now();
    desk.app
        .handle_key(KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE), start);
    desk.app.tick(start + Duration::from_secs(60));
    assert!(!desk.app.is_locked());
    desk.app.tick(start + Duration::from_secs(5 * 60));
    assert!(desk.app.is_locked());
}

#[test]
fn another_user_takes_over_after_confirming() {
    let mut desk = Desk::signed_in();
    desk.ctrl('l');
    desk.ctrl('w');
    assert_eq!(desk.app.overlay, Some(Overlay::ConfirmSwitchUser));
    assert!(desk.screen(80, 24).contains("Anna de Vries afmelden"));
    desk.key(KeyCode::Char('j'));
    assert!(matches!(desk.app.phase, Phase::SignIn(_)));
    let audit = desk.app.store.audit_rows().unwrap();
    let actions: Vec<&str> = audit.iter().map(|r| r[2].as_str()).collect();
    assert_eq!(actions, ["aanmelden", "vergrendelen", "afmelden"]);
}

#[test]
fn copying_contact_details_shows_them_and_sends_them_to_the_clipboard() {
    let mut desk = Desk::signed_in();
    desk.typ("voedselbank");
    desk.key(KeyCode::Down);
    desk.key(KeyCode::Up);
    desk.key(KeyCode::Char('y'));
    let copied = desk.app.clipboard.clone().expect("clipboard text");
    assert!(copied.starts_with("Voedselbank"), "{copied}");
    assert!(copied.contains("Telefoon: 0123"), "{copied}");
    assert!(matches!(desk.app.overlay, Some(Overlay::Copied(_))));
    desk.key(KeyCode::Esc);
    assert_eq!(desk.app.overlay, None);
}

#[test]
fn alt_digits_work_for_terminals_without_function_keys() {
    let mut desk = Desk::signed_in();
    desk.press(KeyCode::Char('1'), KeyModifiers::ALT);
    assert!(matches!(desk.app.overlay, Some(Overlay::Help { .. })));
}

#[test]
fn a_user_keymap_changes_keys_bar_and_help_together() {
    let mut desk = Desk::signed_in();
    desk.app.keymap =
        Keymap::with_overrides("[global]\n\"F9\" = \"lock\"\n\"Ctrl-L\" = \"\"\n").unwrap();
    desk.key(KeyCode::Esc);
    desk.key(KeyCode::Down);
    let bar = desk.screen(160, 48).lines().last().unwrap().to_string();
    assert!(bar.contains("F9") && !bar.contains("Ctrl-L"), "{bar}");
    desk.ctrl('l');
    assert!(!desk.app.is_locked());
    desk.key(KeyCode::F(9));
    assert!(desk.app.is_locked());
}

#[test]
fn shift_letter_bindings_fire_however_the_terminal_reports_shift() {
    let mut desk = Desk::signed_in();
    desk.app.keymap =
        Keymap::with_overrides("[kaart]\n\"Shift-y\" = \"copy-contact\"\n\"y\" = \"\"\n").unwrap();
    desk.typ("voedselbank");
    desk.key(KeyCode::Down);
    desk.key(KeyCode::Up);
    // Most terminals send the capital with Shift; the kitty protocol sends the small letter.
    for typed in ['Y', 'y'] {
        desk.press(KeyCode::Char(typed), KeyModifiers::SHIFT);
        assert!(
            matches!(desk.app.overlay, Some(Overlay::Copied(_))),
            "Shift-{typed}"
        );
        desk.key(KeyCode::Esc);
    }
    desk.key(KeyCode::Char('y'));
    assert_eq!(desk.app.overlay, None, "plain y is unbound now");
}

#[test]
fn a_keymap_value_of_the_wrong_type_is_named_at_sign_in_and_the_default_keys_stay() {
    let config = tempfile::tempdir().unwrap();
    std::fs::write(
        config.path().join("keymap.toml"),
        "[kaart]\n\"F2\" = [\"kaart\", \"help\"]\n",
    )
    .unwrap();
    let mut desk = Desk::with_anna();
    desk.app.keymap = loket::tui::load_config(Some(config.path())).unwrap().1;
    desk.sign_in("Anna de Vries", "48213");
    let screen = desk.screen(160, 48);
    assert!(
        screen.contains("Toetsenlijst") && screen.contains("\"F2\" in [kaart]"),
        "{screen}"
    );
    desk.key(KeyCode::F(1));
    assert!(matches!(desk.app.overlay, Some(Overlay::Help { .. })));
}

#[test]
fn an_unreadable_keymap_file_is_named_too() {
    let config = tempfile::tempdir().unwrap();
    // A folder where the file should be: it exists, but cannot be read as text.
    std::fs::create_dir(config.path().join("keymap.toml")).unwrap();
    let keymap = loket::tui::load_config(Some(config.path())).unwrap().1;
    let problem = keymap.problem().expect("a problem");
    assert!(problem.contains("keymap.toml"), "{problem}");
    assert_eq!(
        keymap.bindings(loket::tui::Context::Global),
        Keymap::builtin().bindings(loket::tui::Context::Global)
    );
}

#[test]
fn the_wijk_filter_keeps_city_wide_services_and_esc_keeps_the_choice() {
    let mut desk = Desk::signed_in();
    desk.typ("schuld");
    desk.ctrl('f');
    // From the first row, up wraps to the last six rows: Wijk is the sixth from the end.
    for _ in 0..6 {
        desk.key(KeyCode::Up);
    }
    desk.key(KeyCode::Char(' '));
    desk.key(KeyCode::Char(' '));
    assert!(desk.screen(80, 24).contains("Wijk: ‹ De Weide ›"));
    desk.key(KeyCode::Esc);
    assert!(desk.app.kaart.filter_form.is_none());
    assert_eq!(desk.app.kaart.filters.wijk.as_deref(), Some("De Weide"));
    let ids: Vec<&str> = desk
        .app
        .kaart
        .results
        .hits
        .iter()
        .map(|h| h.id.as_str())
        .collect();
    assert!(ids.contains(&"svc-schuldhulpmaatje"), "{ids:?}");
    assert!(ids.contains(&"svc-sociaal-team-de-weide"), "{ids:?}");
    assert!(!ids.contains(&"svc-sociaal-team-centrum"), "{ids:?}");
}
