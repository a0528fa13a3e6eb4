//! The command line knows who is acting (probe B6): the commands on personal data, accounts,
//! the audit log and the whole database need a Loket account with the right role, sign in
//! through the same lockout as the screens, and write their audit rows under that account.
//! The first beheerder of an empty database is the one exception, and it is audited.

mod common;

use std::path::Path;
use std::process::Output;

use chrono::Utc;
use common::cli::{BEHEERDER, BEHEERDER_PIN, as_beheerder, ensure_beheerder, run};
use loket::domain::account::Role;
use loket::store::{NewUser, SignInRefusal, Store};

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Every audit row as "actor | action | object | result | …".
fn audit_text(db: &Path) -> Vec<String> {
    let store = Store::open(db).unwrap().store;
    let rows = store.audit_rows().unwrap();
    rows.iter().map(|r| r.join(" | ")).collect()
}

fn add_medewerker(db: &Path) {
    let mut store = Store::open(db).unwrap().store;
    let kim = NewUser {
        teams: vec!["KCC".into()],
        ..common::user("Kim de Jong", Role::Medewerker)
    };
    store.create_user(&kim, "59321").unwrap();
}

/// The gated commands, each as a user would type it.
const GATED: [&[&str]; 12] = [
    &["privacy", "export", "--household", "1"],
    &[
        "privacy",
        "forget",
        "--household",
        "1",
        "--reason",
        "verzoek 1",
    ],
    &["audit"],
    &["audit", "verify"],
    &["user", "list"],
    &["user", "review"],
    &["user", "disable", "Kim de Jong"],
    &["user", "add", "Eva Smit", "--role", "vrijwilliger"],
    &["purge", "--dry-run"],
    &["backup", "kopie.db"],
    &["restore", "kopie.db"],
    &["export", "kaart-export"],
];

#[test]
fn gated_commands_refuse_to_run_without_an_account() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    ensure_beheerder(&db);
    add_medewerker(&db);
    let rows_before = audit_text(&db).len();
    for args in GATED {
        let out = run(&db, args, "48213\n", &[]);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&out).contains("--als \"NAAM\""),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(stdout(&out).is_empty(), "{args:?}: {}", stdout(&out));
    }
    assert_eq!(audit_text(&db).len(), rows_before, "nothing ran");
    assert!(!dir.path().join("kopie.db").exists());
    assert!(!dir.path().join("kaart-export").exists());
}

#[test]
fn a_medewerker_is_refused_by_role_and_the_refusal_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    ensure_beheerder(&db);
    add_medewerker(&db);
    for args in GATED {
        let mut signed = vec!["--als", "Kim de Jong", "--pin-stdin"];
        signed.extend_from_slice(args);
        let out = run(&db, &signed, "59321\n", &[]);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&out).contains("is alleen voor een beheerder; Kim de Jong is medewerker"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    let refused = audit_text(&db)
        .into_iter()
        .filter(|r| r.contains("gebruiker:2 | opdracht geweigerd"))
        .count();
    assert_eq!(refused, GATED.len());
}

#[test]
fn a_wrong_pin_on_the_command_line_counts_toward_the_desk_lockout() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    ensure_beheerder(&db);
    let mut messages = Vec::new();
    for (name, pin) in [
        ("Niemand Anders", BEHEERDER_PIN),
        (BEHEERDER, "11111"),
        (BEHEERDER, "22222"),
        (BEHEERDER, "33333"),
        (BEHEERDER, "44444"),
        (BEHEERDER, "55555"),
        // Locked now: the right PIN is refused with the same words.
        (BEHEERDER, BEHEERDER_PIN),
    ] {
        let out = run(
            &db,
            &["--als", name, "--pin-stdin", "audit", "verify"],
            &format!("{pin}\n"),
            &[],
        );
        assert_eq!(out.status.code(), Some(1), "{name} {pin}");
        assert!(stdout(&out).is_empty());
        messages.push(stderr(&out));
    }
    assert!(messages[0].contains("aanmelden mislukt"), "{}", messages[0]);
    assert!(
        messages.iter().all(|m| m == &messages[0]),
        "unknown, wrong and locked read the same: {messages:#?}"
    );
    let mut store = Store::open(&db).unwrap().store;
    assert!(matches!(
        store.sign_in(BEHEERDER, BEHEERDER_PIN, Utc::now(), "balie"),
        Ok(Err(SignInRefusal::LockedUntil(_)))
    ));
}

#[test]
fn the_first_beheerder_of_an_empty_database_needs_no_account_and_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    let volunteer = run(
        &db,
        &[
            "user",
            "add",
            "Eva Smit",
            "--role",
            "vrijwilliger",
            "--pin-stdin",
        ],
        "48213\n",
        &[],
    );
    assert_eq!(volunteer.status.code(), Some(1), "only a beheerder first");

    let first = run(
        &db,
        &[
            "user",
            "add",
            BEHEERDER,
            "--role",
            "beheerder",
            "--pin-stdin",
        ],
        &format!("{BEHEERDER_PIN}\n"),
        &[],
    );
    assert!(first.status.success(), "{}", stderr(&first));
    let rows = audit_text(&db);
    assert!(
        rows.iter().any(|r| r.contains(
            "gebruiker:1 | eerste beheerder aangemaakt | gebruiker:1 | gelukt: beheerder"
        )),
        "{rows:#?}"
    );

    let second = run(
        &db,
        &[
            "user",
            "add",
            "Mallory Mol",
            "--role",
            "beheerder",
            "--pin-stdin",
        ],
        "48213\n",
        &[],
    );
    assert_eq!(second.status.code(), Some(1));
    assert!(stderr(&second).contains("--als"), "{}", stderr(&second));
    assert_eq!(Store::open(&db).unwrap().store.user_count().unwrap(), 1);
}

#[test]
fn user_add_and_export_are_audited_under_the_account_that_signed_in() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    let out = as_beheerder(
        &db,
        &[
            "user",
            "add",
            "Eva Smit",
            "--role",
            "vrijwilliger",
            "--locatie",
            "STIP",
        ],
        "48213\n",
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let folder = dir.path().join("kaart-export");
    let out = as_beheerder(&db, &["export", folder.to_str().unwrap()], "", &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = as_beheerder(&db, &["user", "list"], "", &[]);
    assert!(stdout(&out).contains("Eva Smit · vrijwilliger · STIP"));

    let rows = audit_text(&db);
    for expected in [
        "gebruiker:1 | aanmelden |  | gelukt",
        "gebruiker:1 | account aangemaakt | gebruiker:2 | gelukt: vrijwilliger",
        "gebruiker:1 | kaart geëxporteerd | kaart | gelukt",
        "gebruiker:1 | accounts bekeken | gebruikers | gelukt",
    ] {
        assert!(
            rows.iter().any(|r| r.contains(expected)),
            "{expected}: {rows:#?}"
        );
    }
    assert!(rows.iter().all(|r| !r.contains("cli:")), "{rows:#?}");
}

#[test]
fn a_new_pin_from_standard_input_follows_the_own_pin() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    add_medewerker(&db);
    let out = as_beheerder(&db, &["user", "reset-pin", "Kim de Jong"], "", &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("geen pincode"), "{}", stderr(&out));
    let out = as_beheerder(&db, &["user", "reset-pin", "Kim de Jong"], "62847\n", &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut store = Store::open(&db).unwrap().store;
    assert!(
        store
            .sign_in("Kim de Jong", "62847", Utc::now(), "balie")
            .unwrap()
            .is_ok()
    );
}
