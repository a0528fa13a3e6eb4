//! An open session ends when the beheerder disables the account, gives it a new PIN or another
//! role from elsewhere (probe B8): within a tick the screen locks, and the PIN no longer
//! unlocks it; only a new sign-in goes on.

mod common;

use std::time::{Duration, Instant};

use chrono::Utc;
use common::Desk;
use crossterm::event::KeyCode;
use loket::domain::account::Role;
use loket::store::Store;

/// Anna signed in, and a second connection to her database, as `loket user` in another
/// terminal would have.
fn anna_and_beheer() -> (Desk, Store) {
    let desk = Desk::signed_in();
    let beheer = Store::open(&desk.dir.path().join("loket.db"))
        .unwrap()
        .store;
    (desk, beheer)
}

/// The desk's clock a little later: past the interval of the change check (a changed account
/// must lock its open screens within a second or two), long before the lock for inactivity.
fn tick(desk: &mut Desk) {
    desk.app.tick(Instant::now() + Duration::from_millis(1500));
}

fn assert_ended(desk: &mut Desk, pin: &str) {
    assert!(desk.app.is_locked());
    let screen = desk.screen(80, 24);
    assert!(screen.contains("Deze sessie is beëindigd"), "{screen}");
    desk.typ(pin);
    desk.key(KeyCode::Enter);
    assert!(desk.app.is_locked(), "{}", desk.screen(80, 24));
    let screen = desk.screen(80, 24);
    assert!(screen.contains("Deze sessie is beëindigd"), "{screen}");
    for leak in ["uitgeschakeld", "rol", "pincode is gewijzigd"] {
        assert!(!screen.contains(leak), "{leak}: {screen}");
    }
}

#[test]
fn a_session_goes_on_while_nothing_changes() {
    let (mut desk, _beheer) = anna_and_beheer();
    tick(&mut desk);
    assert!(!desk.app.is_locked());
}

#[test]
fn disabling_the_account_ends_its_open_session() {
    let (mut desk, mut beheer) = anna_and_beheer();
    beheer
        .disable_user_by("Anna de Vries", "gebruiker:9", "test", Utc::now())
        .unwrap();
    tick(&mut desk);
    assert_ended(&mut desk, "48213");
    // Enabling it again does not bring the old session back.
    beheer
        .enable_user("Anna de Vries", "gebruiker:9", "test", Utc::now())
        .unwrap();
    tick(&mut desk);
    assert_ended(&mut desk, "48213");
    let log: Vec<String> = desk
        .app
        .store
        .audit_rows()
        .unwrap()
        .iter()
        .map(|r| r.join(" "))
        .collect();
    assert!(
        log.iter().any(|r| r.contains("sessie beëindigd")),
        "{log:?}"
    );
}

#[test]
fn a_new_pin_ends_the_open_session_and_does_not_unlock_it() {
    let (mut desk, mut beheer) = anna_and_beheer();
    beheer
        .reset_pin("Anna de Vries", "73915", "gebruiker:9", "test", Utc::now())
        .unwrap();
    tick(&mut desk);
    assert_ended(&mut desk, "48213");
    assert_ended(&mut desk, "73915");
    // A new sign-in with the new PIN works.
    desk.ctrl('w');
    desk.key(KeyCode::Char('j'));
    desk.sign_in("Anna de Vries", "73915");
    assert!(!desk.app.is_locked());
}

#[test]
fn another_role_ends_the_open_session() {
    let (mut desk, mut beheer) = anna_and_beheer();
    beheer
        .change_role(
            "Anna de Vries",
            Role::Medewerker,
            "gebruiker:9",
            "test",
            Utc::now(),
        )
        .unwrap();
    tick(&mut desk);
    assert_ended(&mut desk, "48213");
}

#[test]
fn a_change_while_the_screen_is_locked_refuses_the_unlock_at_once() {
    let (mut desk, mut beheer) = anna_and_beheer();
    desk.ctrl('l');
    assert!(desk.app.is_locked());
    beheer
        .change_role(
            "Anna de Vries",
            Role::Medewerker,
            "gebruiker:9",
            "test",
            Utc::now(),
        )
        .unwrap();
    // Before any tick: the unlock itself sees the change.
    desk.typ("48213");
    desk.key(KeyCode::Enter);
    assert_ended(&mut desk, "48213");
}

/// The probe's steps: Anna works in the TUI while `loket user disable` (or `user role`) runs in
/// another terminal, on the built binary.
#[test]
fn the_command_line_ends_an_open_session() {
    for args in [
        &["user", "disable", "Anna de Vries"][..],
        &["user", "role", "Anna de Vries", "--role", "medewerker"][..],
    ] {
        let mut desk = Desk::signed_in();
        let output = common::cli::as_beheerder(&desk.dir.path().join("loket.db"), args, "", &[]);
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        tick(&mut desk);
        assert_ended(&mut desk, "48213");
    }
}
