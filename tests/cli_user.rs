//! Accounts as a beheerder keeps them: personal names only, PIN rules, resetting a PIN,
//! disabling and enabling, and the yearly review of last sign-ins; through `loket user` on the
//! built binary, and through the store where a desk would sign in.

mod common;

use std::path::Path;
use std::process::Output;

use chrono::{Duration, Utc};
use loket::domain::account::Role;
use loket::domain::hours::dutch_local;
use loket::store::{AccountError, NewUser, SignInRefusal, Store};

/// `loket` signed in as the beheerder Bea (gebruiker:1); `stdin` follows her PIN.
fn loket(db: &Path, args: &[&str], stdin: &str) -> Output {
    common::cli::as_beheerder(db, args, stdin, &[])
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn add_anna(db: &Path) {
    let out = loket(
        db,
        &[
            "user",
            "add",
            "Anna de Vries",
            "--role",
            "vrijwilliger",
            "--locatie",
            "STIP De Weide",
        ],
        "48213\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
}

fn sign_in(db: &Path, pin: &str) -> Result<(), SignInRefusal> {
    let mut store = Store::open(db).unwrap().store;
    store
        .sign_in("Anna de Vries", pin, Utc::now(), "test")
        .unwrap()
        .map(|_| ())
}

fn audit_text(db: &Path) -> Vec<String> {
    let store = Store::open(db).unwrap().store;
    let rows = store.audit_rows().unwrap();
    rows.iter().map(|r| r.join(" | ")).collect()
}

fn review_line(db: &Path) -> String {
    let out = loket(db, &["user", "review"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("naam"), "{text}");
    assert!(text.contains("laatst aangemeld"), "{text}");
    text.lines()
        .find(|l| l.starts_with("Anna de Vries"))
        .unwrap_or_else(|| panic!("{text}"))
        .to_string()
}

#[test]
fn the_review_shows_never_then_the_day_of_the_last_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    add_anna(&db);
    let line = review_line(&db);
    assert!(line.contains("nooit"), "{line}");
    assert!(line.contains("vrijwilliger"), "{line}");
    assert!(line.contains("STIP De Weide"), "{line}");
    assert!(
        line.trim_end().ends_with('!'),
        "never used is marked: {line}"
    );

    assert_eq!(sign_in(&db, "00000"), Err(SignInRefusal::WrongNameOrPin));
    assert!(
        review_line(&db).contains("nooit"),
        "a wrong PIN is no sign-in"
    );
    assert_eq!(sign_in(&db, "48213"), Ok(()));
    let line = review_line(&db);
    let today = dutch_local(Utc::now()).format("%Y-%m-%d").to_string();
    assert!(!line.contains("nooit"), "{line}");
    assert_eq!(
        line.matches(&today).count(),
        2,
        "created and signed in: {line}"
    );
    assert!(!line.trim_end().ends_with('!'), "{line}");

    let out = loket(&db, &["user", "review", "--json"], "");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["name"], "Anna de Vries");
    assert_eq!(json[0]["active"], true);
    assert_eq!(json[0]["review"], false);
    assert!(json[0]["last_sign_in_at"].is_string(), "{json}");
    assert!(
        audit_text(&db)
            .iter()
            .any(|r| r.contains("gebruiker:1 | accounts controleren")),
        "looking at the list is audited"
    );
}

#[test]
fn reset_pin_follows_the_rules_and_replaces_the_old_pin() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    add_anna(&db);
    let reset = |pin: &str| {
        loket(
            &db,
            &["user", "reset-pin", "anna de vries"],
            &format!("{pin}\n"),
        )
    };
    for (pin, rule) in [
        ("12345", "reeks"),
        ("AnnaDeVries1", "naam"),
        ("777", "minstens 5"),
    ] {
        let out = reset(pin);
        assert!(!out.status.success(), "{pin}");
        assert!(stderr(&out).contains(rule), "{pin}: {}", stderr(&out));
    }
    assert_eq!(
        sign_in(&db, "48213"),
        Ok(()),
        "a refused reset changes nothing"
    );

    let out = reset("73915");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Anna de Vries"), "{}", stdout(&out));
    assert_eq!(sign_in(&db, "48213"), Err(SignInRefusal::WrongNameOrPin));
    assert_eq!(sign_in(&db, "73915"), Ok(()));

    let rows = audit_text(&db);
    let resets: Vec<&String> = rows
        .iter()
        .filter(|r| r.contains("pincode opnieuw ingesteld"))
        .collect();
    assert_eq!(resets.len(), 1, "{rows:#?}");
    assert!(
        resets[0].contains("gebruiker:1 | pincode opnieuw ingesteld | gebruiker:2"),
        "{}",
        resets[0]
    );
    assert!(
        rows.iter()
            .all(|r| !r.contains("73915") && !r.contains("48213") && !r.contains("Anna")),
        "ids only in the log: {rows:#?}"
    );

    let out = reset_unknown(&db);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("onbekende gebruiker"),
        "{}",
        stderr(&out)
    );
}

fn reset_unknown(db: &Path) -> Output {
    loket(db, &["user", "reset-pin", "Niemand"], "73915\n")
}

#[test]
fn a_reset_pin_ends_a_lockout() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    add_anna(&db);
    for _ in 0..5 {
        let _ = sign_in(&db, "99999");
    }
    assert!(matches!(
        sign_in(&db, "48213"),
        Err(SignInRefusal::LockedUntil(_))
    ));
    let mut store = Store::open(&db).unwrap().store;
    store
        .reset_pin("Anna de Vries", "73915", "gebruiker:9", "test", Utc::now())
        .unwrap();
    drop(store);
    assert_eq!(sign_in(&db, "73915"), Ok(()));
}

#[test]
fn shared_logins_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    for name in ["Balie", "STIP De Weide", "kcc2"] {
        let out = loket(
            &db,
            &["user", "add", name, "--role", "vrijwilliger"],
            "48213\n",
        );
        assert!(!out.status.success(), "{name}");
        assert!(
            stderr(&out).contains("Alleen persoonlijke accounts"),
            "{name}: {}",
            stderr(&out)
        );
    }
    let store = Store::open(&db).unwrap().store;
    assert_eq!(store.user_count().unwrap(), 1, "only the beheerder");
    let mut store = store;
    let balie = NewUser {
        location: String::new(),
        ..common::user("Balie 2", Role::Vrijwilliger)
    };
    assert!(matches!(
        store.create_user(&balie, "48213"),
        Err(AccountError::SharedName(_))
    ));
}

#[test]
fn disable_and_enable_are_audited() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    add_anna(&db);
    let out = loket(&db, &["user", "disable", "Anna de Vries"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(sign_in(&db, "48213"), Err(SignInRefusal::Disabled));
    let line = review_line(&db);
    assert!(line.contains("nee"), "{line}");
    assert!(!line.trim_end().ends_with('!'), "disabled already: {line}");

    let out = loket(&db, &["user", "enable", "anna de vries"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("weer ingeschakeld"),
        "{}",
        stdout(&out)
    );
    assert_eq!(sign_in(&db, "48213"), Ok(()));

    let rows = audit_text(&db);
    for action in ["account uitgeschakeld", "account ingeschakeld"] {
        assert!(
            rows.iter()
                .any(|r| r.contains(&format!("gebruiker:1 | {action} | gebruiker:2"))),
            "{action}: {rows:#?}"
        );
    }
    let out = loket(&db, &["user", "enable", "Niemand"], "");
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("onbekende gebruiker"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_review_lists_every_account_with_its_last_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("loket.db")).unwrap().store;
    let person = |name: &str, teams: &[&str]| NewUser {
        teams: teams.iter().map(|t| t.to_string()).collect(),
        ..common::user(name, Role::Medewerker)
    };
    store
        .create_user(&person("Kim", &["KCC"]), "59321")
        .unwrap();
    store.create_user(&person("Sanne", &[]), "48213").unwrap();
    let then = Utc::now() - Duration::days(400);
    store.sign_in("Sanne", "48213", then, "t").unwrap().unwrap();
    let review = store.account_review().unwrap();
    assert_eq!(review.len(), 2);
    assert_eq!(
        (review[0].name.as_str(), review[0].teams.as_slice()),
        ("Kim", ["KCC".to_string()].as_slice())
    );
    assert_eq!(review[0].last_sign_in_at, None);
    assert_eq!(review[1].name, "Sanne");
    let last = review[1].last_sign_in_at.unwrap();
    assert!((last - then).num_seconds().abs() <= 1, "{last} {then}");
    assert!(
        review
            .iter()
            .all(|r| r.active && r.role == Role::Medewerker)
    );
}

/// Desk-test S12: `user add "Piet Pan" --team "Loket Woon"` succeeded, and Piet's *mijn teams*
/// stayed empty for ever.
#[test]
fn user_add_refuses_an_unknown_team_and_names_a_known_one_as_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    add_anna(&db);
    let add = |team: &str| {
        loket(
            &db,
            &[
                "user",
                "add",
                "Piet Pan",
                "--role",
                "medewerker",
                "--locatie",
                "Stadhuis",
                "--team",
                team,
            ],
            "59321\n",
        )
    };
    let out = add("Loket Woon");
    assert!(!out.status.success());
    let error = stderr(&out);
    assert!(error.contains("onbekend team \"Loket Woon\""), "{error}");
    assert!(error.contains("Loket Wonen"), "{error}");
    let out = add("loket wonen");
    assert!(out.status.success(), "{}", stderr(&out));
    let list = stdout(&loket(&db, &["user", "list"], ""));
    assert!(list.contains("teams: Loket Wonen"), "{list}");
}

/// Probe B10 and B16: a name with a zero-width space slipped past the shared-login rule,
/// escape sequences went into names, locations and teams, and a look-alike of an existing
/// account was accepted.
#[test]
fn hidden_characters_and_look_alike_names_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    add_anna(&db);
    let add = |name: &str, extra: &[&str]| {
        let mut args = vec!["user", "add", name, "--role", "beheerder"];
        args.extend_from_slice(extra);
        loket(&db, &args, "62847\n")
    };
    for (name, extra, message) in [
        ("B\u{200b}alie 2", &[][..], "onzichtbare tekens"),
        (
            "Eve \u{1b}]0;PWNED\u{7}Evers",
            &[][..],
            "onzichtbare tekens",
        ),
        ("Anna\u{202e} de Vries", &[][..], "onzichtbare tekens"),
        (
            "Eva Smit",
            &["--locatie", "Loc\u{1b}]52;c;SGVsbG8=\u{7}"][..],
            "de locatie",
        ),
        (
            "Eva Smit",
            &["--team", "Team\u{1b}[31mRood"][..],
            "onbekend team",
        ),
        ("Anna de Vr\u{0456}es", &[][..], "lijkt te veel op"),
        ("anna  de vries", &[][..], "lijkt te veel op"),
        ("Ánna de-Vries", &[][..], "lijkt te veel op"),
        ("Bea Bakk\u{0435}r", &[][..], "lijkt te veel op"),
    ] {
        let out = add(name, extra);
        assert_eq!(out.status.code(), Some(1), "{name:?}");
        let error = stderr(&out);
        assert!(error.contains(message), "{name:?}: {error}");
        assert!(
            !error.contains(['\u{1b}', '\u{7}', '\u{202e}', '\u{200b}']),
            "{error:?}"
        );
    }
    let store = Store::open(&db).unwrap().store;
    assert_eq!(store.user_count().unwrap(), 2, "Bea and Anna only");
}
