//! Desk-test S9: a volunteer finds her own handovers in "mijn overdrachten" (state only),
//! `/` filters the list by team, wijk and state, the active tab's count, the team and who has
//! the item stay readable at 80 columns, and the key bar shows the selected item's keys.

mod common;

use common::{Desk, monday_morning};
use crossterm::event::KeyCode;
use loket::domain::account::Role;
use loket::domain::intake::{Consent, Intake, Resident, Route, RouteSuggestion};
use loket::store::QueueView;
use loket::tui::Keymap;
use unicode_width::UnicodeWidthStr;

/// Anna hands over two questions: one to the Sociaal Team De Weide, one to Loket Wonen.
fn desk_with_two_handovers() -> Desk {
    desk_with_handovers_in(["De Weide", "De Weide"])
}

/// The two handovers, each from a resident in its own wijk.
fn desk_with_handovers_in(wijken: [&str; 2]) -> Desk {
    let mut desk = Desk::signed_in();
    desk.add_user(
        "Ilse Jansen",
        Role::Medewerker,
        &["Sociaal Team De Weide"],
        "59321",
    );
    let anna = desk.app.user().unwrap().clone();
    for ((route, question), wijk) in [
        (
            Route::SociaalTeam {
                wijk: "De Weide".into(),
            },
            "Huurachterstand, zoon spijbelt en weinig geld voor eten.",
        ),
        (
            Route::Loket {
                leefgebied: "wonen".into(),
            },
            "De verhuurder repareert de lekkage niet.",
        ),
    ]
    .into_iter()
    .zip(wijken)
    {
        let intake = Intake {
            resident: Resident {
                phone: "06-12345678".into(),
                ..Resident::default()
            },
            question: question.into(),
            leefgebieden: vec!["wonen".into()],
            consent: Consent::Nee,
            handover_note: "Graag bellen.".into(),
            ..Intake::default()
        };
        let suggestion = RouteSuggestion {
            route,
            why: "test".into(),
            spoed: false,
        };
        desk.app
            .store
            .save_intake(
                &anna,
                &intake,
                &suggestion,
                Some(wijk),
                "test",
                monday_morning(),
            )
            .unwrap();
    }
    desk
}

#[test]
fn a_volunteer_finds_her_handovers_and_filters_the_list() {
    let mut anna = desk_with_two_handovers();
    anna.key(KeyCode::F(4));
    let screen = anna.app.queue_screen().unwrap();
    assert_eq!(screen.current_view(), QueueView::MyHandovers);
    let tabs = anna.screen(80, 24);
    assert!(tabs.contains("mijn overdrachten (2)"), "{tabs}");
    assert!(tabs.contains("Sociaal Team De Weide"), "{tabs}");
    assert!(tabs.contains("Loket Wonen"), "{tabs}");

    anna.key(KeyCode::Char('/'));
    anna.typ("sociaal");
    let filtered = anna.screen(80, 24);
    assert!(filtered.contains("Sociaal Team De Weide"), "{filtered}");
    assert!(!filtered.contains("Loket Wonen"), "{filtered}");
    anna.key(KeyCode::Enter);
    anna.snapshot("queue_my_handovers_filtered");
    // Esc clears the filter; the wijk matches both.
    anna.key(KeyCode::Esc);
    anna.key(KeyCode::Char('/'));
    anna.typ("de weide");
    assert!(anna.screen(80, 24).contains("Loket Wonen"));
    anna.key(KeyCode::Esc);
    // By state: both are new.
    anna.key(KeyCode::Char('/'));
    anna.typ("opgepakt");
    assert!(anna.app.queue_screen().unwrap().items.is_empty());
}

#[test]
fn the_key_bar_shows_the_keys_of_the_selected_item_and_the_last_tab_stays_readable() {
    let anna = desk_with_two_handovers();
    let mut ilse = anna.second_desk();
    ilse.sign_in("Ilse Jansen", "59321");
    ilse.key(KeyCode::F(4));
    ilse.key(KeyCode::Tab);
    let bar = ilse.screen(80, 24);
    assert!(bar.contains(" o  Oppakken"), "{bar}");
    assert!(!bar.contains(" k "), "nothing to close yet: {bar}");
    ilse.key(KeyCode::Char('o'));
    ilse.key(KeyCode::Char('j'));
    let bar = ilse.screen(80, 24);
    let last = bar.lines().last().unwrap().to_string();
    for key in [" p ", " a ", " k ", " t ", " d ", " m "] {
        assert!(last.contains(key), "{key:?} missing: {last}");
    }
    assert!(!last.contains(" o "), "already picked up: {last}");
    // The last tab: its count stays in sight at 80 columns.
    while ilse.app.queue_screen().unwrap().current_view() != QueueView::MyHandovers {
        ilse.key(KeyCode::Tab);
    }
    let tabs = ilse.screen(80, 24);
    assert!(tabs.contains("mijn overdrachten (0)"), "{tabs}");
}

/// A wijk written in Chinese with an emoji takes two columns a character: the columns after
/// it still start at the same place in every row.
#[test]
fn wide_characters_keep_the_table_columns_aligned() {
    let mut anna = desk_with_handovers_in(["北区中心 🏠🏠 Oost", "De Weide"]);
    anna.key(KeyCode::F(4));
    let screen = anna.screen(160, 48);
    let starts: Vec<usize> = screen
        .lines()
        .filter_map(|line| {
            let at = line.find("nieuw")?;
            Some(line[..at].width())
        })
        .collect();
    assert_eq!(starts.len(), 2, "{screen}");
    assert_eq!(starts[0], starts[1], "{screen}");
    assert!(screen.contains("北区中心 🏠"), "{screen}");
}

/// A desk that rebound a key sees the new key in the hints on screen, not the default one.
#[test]
fn the_hints_on_screen_name_the_keys_of_the_users_keymap() {
    let mut anna = desk_with_two_handovers();
    anna.app.keymap = Keymap::with_overrides("[vraag]\n\"Ctrl-O\" = \"submit\"\n").unwrap();
    anna.key(KeyCode::F(4));
    anna.key(KeyCode::Char('/'));
    let screen = anna.screen(80, 24);
    assert!(screen.contains("Enter/Ctrl-O: houden"), "{screen}");
}
