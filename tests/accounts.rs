//! Account store tests: PIN hashing, sign-in, lockout that survives a restart, audit rows.

mod common;

use chrono::{Duration, Utc};
use loket::domain::account::Role;
use loket::store::{AccountError, CreatedBy, NewUser, SignInRefusal, Store};

fn anna() -> NewUser {
    NewUser {
        location: "STIP De Weide".into(),
        teams: vec!["STIP De Weide".into()],
        ..common::user("Anna de Vries", Role::Vrijwilliger)
    }
}

#[test]
fn a_user_signs_in_with_the_right_pin_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("loket.db")).unwrap().store;
    let created = store.create_user(&anna(), "48213").unwrap();
    assert_eq!(created.teams, ["STIP De Weide"]);
    let now = Utc::now();
    let ok = store
        .sign_in("anna de vries", "48213", now, "test")
        .unwrap()
        .unwrap();
    assert_eq!(ok.name, "Anna de Vries");
    assert_eq!(
        store
            .sign_in("Anna de Vries", "00000", now, "test")
            .unwrap(),
        Err(SignInRefusal::WrongNameOrPin)
    );
    assert_eq!(
        store.sign_in("Niemand", "48213", now, "test").unwrap(),
        Err(SignInRefusal::WrongNameOrPin)
    );
    let rows = store.audit_rows().unwrap();
    assert_eq!(rows.len(), 3);
    assert!(
        rows.iter().all(|r| !r.join(" ").contains("48213")),
        "no PIN in the audit log"
    );
    assert!(
        rows.iter().all(|r| !r.join(" ").contains("Niemand")),
        "no typed names in the audit log"
    );
}

#[test]
fn the_pin_is_stored_only_as_a_hash() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    let mut store = Store::open(&path).unwrap().store;
    store.create_user(&anna(), "48213").unwrap();
    drop(store);
    let hash: String = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("SELECT pin_hash FROM users", [], |r| r.get(0))
        .unwrap();
    assert!(hash.starts_with("$argon2"));
    assert!(!hash.contains("48213"));
}

#[test]
fn five_wrong_pins_lock_the_account_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    let mut store = Store::open(&path).unwrap().store;
    store.create_user(&anna(), "48213").unwrap();
    let now = Utc::now();
    for _ in 0..4 {
        assert_eq!(
            store.sign_in("Anna de Vries", "99999", now, "t").unwrap(),
            Err(SignInRefusal::WrongNameOrPin)
        );
    }
    assert!(matches!(
        store.sign_in("Anna de Vries", "99999", now, "t").unwrap(),
        Err(SignInRefusal::LockedUntil(_))
    ));
    drop(store);
    let mut store = Store::open(&path).unwrap().store;
    assert!(matches!(
        store
            .sign_in("Anna de Vries", "48213", now + Duration::minutes(1), "t")
            .unwrap(),
        Err(SignInRefusal::LockedUntil(_))
    ));
    assert!(
        store
            .sign_in("Anna de Vries", "48213", now + Duration::minutes(6), "t")
            .unwrap()
            .is_ok()
    );
}

#[test]
fn names_are_unique_and_pins_follow_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("loket.db")).unwrap().store;
    store.create_user(&anna(), "48213").unwrap();
    assert!(matches!(
        store.create_user(&anna(), "59321"),
        Err(AccountError::NameTaken(_))
    ));
    let bob = NewUser {
        name: "Bob".into(),
        ..anna()
    };
    assert!(matches!(
        store.create_user(&bob, "1111111"),
        Err(AccountError::Pin(_))
    ));
    assert_eq!(store.user_count().unwrap(), 1);
}

#[test]
fn a_disabled_account_cannot_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("loket.db")).unwrap().store;
    store.create_user(&anna(), "48213").unwrap();
    store.disable_user("anna de vries").unwrap();
    assert_eq!(
        store
            .sign_in("Anna de Vries", "48213", Utc::now(), "t")
            .unwrap(),
        Err(SignInRefusal::Disabled)
    );
    assert!(matches!(
        store.disable_user("niemand"),
        Err(AccountError::UnknownUser(_))
    ));
}

/// Only a beheerder adds accounts through the store, and the first beheerder only while there
/// are no accounts; both are audited under who made the account.
#[test]
fn adding_an_account_is_for_a_beheerder_or_the_very_first_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("loket.db")).unwrap().store;
    let now = Utc::now();
    let bea = NewUser {
        name: "Bea Bakker".into(),
        ..bea_like()
    };
    assert!(matches!(
        store.add_account(&anna(), "48213", CreatedBy::FirstBeheerder, "t", now),
        Err(AccountError::NotFirst)
    ));
    let bea = store
        .add_account(&bea, "73915", CreatedBy::FirstBeheerder, "t", now)
        .unwrap();
    let again = NewUser {
        name: "Mallory Mol".into(),
        ..bea_like()
    };
    assert!(matches!(
        store.add_account(&again, "62847", CreatedBy::FirstBeheerder, "t", now),
        Err(AccountError::NotFirst)
    ));
    let anna = store
        .add_account(&anna(), "48213", CreatedBy::Beheerder(&bea), "t", now)
        .unwrap();
    let eva = NewUser {
        name: "Eva Smit".into(),
        ..bea_like()
    };
    assert!(matches!(
        store.add_account(&eva, "62847", CreatedBy::Beheerder(&anna), "t", now),
        Err(AccountError::NotAllowed)
    ));
    let rows: Vec<String> = store
        .audit_rows()
        .unwrap()
        .iter()
        .map(|r| r.join(" | "))
        .collect();
    let made = [
        format!(
            "gebruiker:{0} | eerste beheerder aangemaakt | gebruiker:{0}",
            bea.id
        ),
        format!(
            "gebruiker:{} | account aangemaakt | gebruiker:{}",
            bea.id, anna.id
        ),
    ];
    for expected in made {
        assert!(rows.iter().any(|r| r.contains(&expected)), "{rows:#?}");
    }
    assert_eq!(store.user_count().unwrap(), 2);
}

fn bea_like() -> NewUser {
    NewUser {
        name: String::new(),
        role: Role::Beheerder,
        ..anna()
    }
}
