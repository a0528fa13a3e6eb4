//! Store-level test helpers: a database file in a temp dir, a raw connection to look
//! underneath the API (or to sabotage it), and fixed moments.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use loket::domain::account::{Role, User};
use loket::domain::intake::{Consent, Intake, Kanaal, Resident, Route, RouteSuggestion};
use loket::store::{AuditKey, NewUser, Store};
use rusqlite::Connection;

const DB: &str = "loket.db";

pub fn open(dir: &Path) -> Store {
    Store::open(&dir.join(DB)).unwrap().store
}

/// Where the tests keep a database's audit key: beside it, not in the home folder.
pub fn key_path(dir: &Path) -> PathBuf {
    dir.join("sleutel").join("auditsleutel")
}

/// The store as the desks open it: with the audit key (made in `dir` on first use).
pub fn keyed(dir: &Path) -> Store {
    let mut store = open(dir);
    store
        .use_audit_key(AuditKey::load_or_create(&key_path(dir)).unwrap())
        .unwrap();
    store
}

/// A second connection to the same file, to look underneath the API or to sabotage it.
pub fn raw(dir: &Path) -> Connection {
    Connection::open(dir.join(DB)).unwrap()
}

/// The database file and everything next to it that SQLite writes (WAL, shared memory).
pub fn database_bytes(dir: &Path) -> Vec<(String, Vec<u8>)> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("loket.db"))
        })
        .map(|path| (path.display().to_string(), std::fs::read(&path).unwrap()))
        .collect()
}

/// The files among `files` that hold `needle`.
pub fn holding(files: &[(String, Vec<u8>)], needle: &str) -> Vec<String> {
    files
        .iter()
        .filter(|(_, bytes)| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
        .map(|(name, _)| name.clone())
        .collect()
}

/// Whether any of the database's files holds `needle`.
pub fn on_disk(dir: &Path, needle: &str) -> bool {
    !holding(&database_bytes(dir), needle).is_empty()
}

pub fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// A moment written as RFC 3339.
pub fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

/// Creates [`super::user`]`(name, role)` with [`super::PIN`] and returns the account.
pub fn account(store: &mut Store, name: &str, role: Role) -> User {
    member(store, name, role, &[])
}

/// Like [`account`], in `teams`.
pub fn member(store: &mut Store, name: &str, role: Role, teams: &[&str]) -> User {
    let new = NewUser {
        teams: teams.iter().map(|t| t.to_string()).collect(),
        ..super::user(name, role)
    };
    store.create_user(&new, super::PIN).unwrap()
}

/// Saves one directly handled intake of a new household named `name`, taken by "Kim KCC"
/// (made on first use); returns the household id.
pub fn direct_intake_of(store: &mut Store, name: &str) -> i64 {
    let desk = match store.user("Kim KCC").unwrap() {
        Some(desk) => desk,
        None => account(store, "Kim KCC", Role::Medewerker),
    };
    let intake = Intake {
        kanaal: Kanaal::Balie,
        resident: Resident {
            name: name.into(),
            ..Resident::default()
        },
        question: format!("Vraag van {name}"),
        leefgebieden: vec!["wonen".into()],
        ..Intake::default()
    };
    let suggestion = RouteSuggestion {
        route: Route::Direct,
        why: "test".into(),
        spoed: false,
    };
    store
        .save_intake(
            &desk,
            &intake,
            &suggestion,
            None,
            "test",
            at("2026-11-20T10:00:00Z"),
        )
        .unwrap()
        .household_id
        .unwrap()
}

/// A named resident's meervoudige question handed by `desk` to the Sociaal Team of De Weide,
/// with consent; returns the queue item and the household.
pub fn hand_over_to_de_weide(
    store: &mut Store,
    desk: &User,
    question: &str,
    now: DateTime<Utc>,
) -> (i64, i64) {
    let route = Route::SociaalTeam {
        wijk: "De Weide".into(),
    };
    let intake = Intake {
        kanaal: Kanaal::Telefoon,
        resident: Resident {
            name: "Mirjam Bos".into(),
            phone: "0612345678".into(),
            ..Resident::default()
        },
        question: question.into(),
        leefgebieden: vec!["geldzaken-schulden".into(), "wonen".into()],
        route: Some(route.clone()),
        consent: Consent::Ja,
        handover_note: "Liefst na 10 uur bellen.".into(),
        ..Intake::default()
    };
    let suggestion = RouteSuggestion {
        route,
        why: "test".into(),
        spoed: false,
    };
    let saved = store
        .save_intake(desk, &intake, &suggestion, Some("De Weide"), "test", now)
        .unwrap();
    (saved.queue_item.unwrap(), saved.household_id.unwrap())
}
