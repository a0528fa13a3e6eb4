//! Shared set-up for the screen tests: a desk (database, app) driven with key events and drawn
//! on ratatui's TestBackend, monochrome so markers carry meaning.

// Each test binary that includes this module uses only part of it.
#![allow(dead_code)]

pub mod cli;
pub mod db;
pub mod plan;
pub mod plan_desk;
pub mod queue_desk;
pub mod regie;

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use loket::domain::account::Role;
use loket::search::Catalog;
use loket::store::{NewUser, Store};
use loket::tui::{App, Keymap, Phase, Settings, Theme, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;

/// The PIN the test accounts sign in with unless a test is about PINs.
pub const PIN: &str = "48213";

/// A new account at the Stadhuis without teams or expertise; a test that needs those sets them
/// with struct update syntax.
pub fn user(name: &str, role: Role) -> NewUser {
    NewUser {
        name: name.into(),
        role,
        location: "Stadhuis".into(),
        teams: vec![],
        expertise: vec![],
    }
}

/// Monday 23 November 2026, 10:00 in the Netherlands.
pub fn monday_morning() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

pub fn settings() -> Settings {
    Settings {
        wrong_pin_delay: Duration::ZERO,
        origin: "test".into(),
        ..Settings::default()
    }
}

pub struct Desk {
    pub app: App,
    pub dir: tempfile::TempDir,
}

impl Desk {
    /// A new database: the first-run screen.
    pub fn empty() -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("loket.db")).unwrap().store;
        loket::interop::load_sample(&mut store).unwrap();
        let catalog = Catalog::load(&store).unwrap();
        let mut app = App::new(store, Keymap::builtin(), settings(), monday_morning).unwrap();
        app.set_catalog(Arc::new(catalog));
        Desk { app, dir }
    }

    /// A database with Anna, a volunteer: the sign-in screen.
    pub fn with_anna() -> Desk {
        let mut desk = Desk::empty();
        let anna = NewUser {
            location: "STIP De Weide".into(),
            ..user("Anna de Vries", Role::Vrijwilliger)
        };
        desk.app.store.create_user(&anna, PIN).unwrap();
        Desk::reopen(desk)
    }

    /// Adds an account to the database of this desk.
    pub fn add_user(&mut self, name: &str, role: Role, teams: &[&str], pin: &str) {
        let new = NewUser {
            teams: teams.iter().map(|t| t.to_string()).collect(),
            ..user(name, role)
        };
        self.app.store.create_user(&new, pin).unwrap();
    }

    /// A second desk on the same database (another process, another window), at sign-in.
    pub fn second_desk(&self) -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&self.dir.path().join("loket.db"))
            .unwrap()
            .store;
        let mut app = App::new(store, Keymap::builtin(), settings(), monday_morning).unwrap();
        app.set_catalog(self.app.catalog.clone().unwrap());
        Desk { app, dir }
    }

    /// Moves the focus of a form to the row whose label or value contains `text`: with Tab,
    /// and where Tab passes a group as one (the intake's leefgebieden), row by row with ↓.
    pub fn focus_row(&mut self, text: &str) {
        for key in [KeyCode::Tab, KeyCode::Down] {
            for _ in 0..80 {
                let screen = self.screen(160, 48);
                if screen.lines().any(|l| l.contains('▶') && l.contains(text)) {
                    return;
                }
                self.key(key);
            }
        }
        panic!("no row with {text:?}:\n{}", self.screen(160, 48));
    }

    /// Fills in the first-run form (name, location, the PIN and the PIN again) and presses Enter.
    pub fn first_run(&mut self, name: &str, location: &str, pin: &str, again: &str) {
        for text in [name, location, pin] {
            self.typ(text);
            self.key(KeyCode::Tab);
        }
        self.typ(again);
        self.key(KeyCode::Enter);
    }

    /// Signs in from the sign-in screen.
    pub fn sign_in(&mut self, name: &str, pin: &str) {
        self.typ(name);
        self.key(KeyCode::Tab);
        self.typ(pin);
        self.key(KeyCode::Enter);
        assert!(self.app.user().is_some(), "{}", self.screen(80, 24));
    }

    /// The same database in a new app, as after a crash or a closed terminal: the sign-in screen.
    pub fn reopen(old: Desk) -> Desk {
        let Desk { app, dir } = old;
        let catalog = app.catalog.clone().unwrap();
        drop(app);
        let store = Store::open(&dir.path().join("loket.db")).unwrap().store;
        let mut app = App::new(store, Keymap::builtin(), settings(), monday_morning).unwrap();
        app.set_catalog(catalog);
        Desk { app, dir }
    }

    /// Anna signed in, on the kaart.
    pub fn signed_in() -> Desk {
        let mut desk = Desk::with_anna();
        desk.sign_in("Anna de Vries", PIN);
        assert!(matches!(desk.app.phase, Phase::Working(_)));
        desk
    }

    pub fn press(&mut self, code: KeyCode, modifiers: KeyModifiers) {
        self.app
            .handle_key(KeyEvent::new(code, modifiers), Instant::now());
    }

    pub fn key(&mut self, code: KeyCode) {
        self.press(code, KeyModifiers::NONE);
    }

    pub fn ctrl(&mut self, c: char) {
        self.press(KeyCode::Char(c), KeyModifiers::CONTROL);
    }

    pub fn typ(&mut self, text: &str) {
        for c in text.chars() {
            self.press(KeyCode::Char(c), KeyModifiers::NONE);
        }
    }

    /// The terminal resized, as the event loop tells the app: pages and scroll limits follow.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.app.size = Size::new(width, height);
    }

    pub fn screen(&self, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| draw(frame, &self.app, Theme { color: false }))
            .unwrap();
        terminal.backend().to_string()
    }

    /// Snapshots the screen at 80×24 and at 160×48.
    pub fn snapshot(&self, name: &str) {
        // Snapshots live in tests/snapshots, named after the test, not after this module.
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("../snapshots");
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| {
            insta::assert_snapshot!(format!("{name}_80x24"), self.screen(80, 24));
            insta::assert_snapshot!(format!("{name}_160x48"), self.screen(160, 48));
        });
    }
}
