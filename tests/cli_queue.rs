//! End-to-end tests of `loket queue list` on the built binary: the queue items are made by
//! saving intakes through the library on the same database file first. The output is for
//! scripts and dashboards, so no resident's name, phone, question or note may appear in it.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use chrono::{DateTime, Utc};
use common::db::{account, at, member};
use loket::domain::account::{Role, User};
use loket::domain::intake::{Consent, Intake, Kanaal, Resident, Route, RouteSuggestion, Urgentie};
use loket::domain::queue::QueueAction;
use loket::store::Store;

const NAME: &str = "Fatima el Amrani";
const PHONE: &str = "06-12345678";
const QUESTION: &str = "Ik kan de huur van mijn flat niet meer betalen.";
const NOTE: &str = "Partner weet van niets; bel alleen 's ochtends.";

fn loket(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_loket"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn hand_over(
    store: &mut Store,
    desk: &User,
    route: Route,
    urgentie: Urgentie,
    now: DateTime<Utc>,
) -> i64 {
    let intake = Intake {
        kanaal: Kanaal::Telefoon,
        resident: Resident {
            name: NAME.into(),
            phone: PHONE.into(),
            ..Resident::default()
        },
        question: QUESTION.into(),
        leefgebieden: vec!["wonen".into()],
        route: Some(route.clone()),
        urgentie,
        consent: Consent::Ja,
        handover_note: NOTE.into(),
        ..Intake::default()
    };
    let suggestion = RouteSuggestion {
        route,
        why: "test".into(),
        spoed: false,
    };
    store
        .save_intake(desk, &intake, &suggestion, Some("De Weide"), "test", now)
        .unwrap()
        .queue_item
        .unwrap()
}

/// A database with three open items: a referral to Loket Wonen claimed by Sanne (made today,
/// so on time), an old callback for the KCC (overdue), and an old spoed referral to the
/// Sociaal Team; and one closed item.
struct Queue {
    wonen: i64,
    callback: i64,
    team: i64,
    closed: i64,
}

fn fill(db: &Path) -> Queue {
    let mut store = Store::open(db).unwrap().store;
    let desk = account(&mut store, "Kim", Role::Vrijwilliger);
    // She serves the teams whose items she claims (need-to-know).
    let sanne = member(
        &mut store,
        "Sanne Jansen",
        Role::Medewerker,
        &["Loket Wonen", "Expertiseteam"],
    );
    let today = Utc::now();
    let old = at("2025-03-03T09:00:00Z");
    let wonen = hand_over(
        &mut store,
        &desk,
        Route::Loket {
            leefgebied: "wonen".into(),
        },
        Urgentie::Normaal,
        today,
    );
    let callback = hand_over(
        &mut store,
        &desk,
        Route::Terugbelverzoek { team: "KCC".into() },
        Urgentie::Hoog,
        old,
    );
    let team = hand_over(
        &mut store,
        &desk,
        Route::SociaalTeam {
            wijk: "De Weide".into(),
        },
        Urgentie::Spoed,
        old,
    );
    let closed = hand_over(
        &mut store,
        &desk,
        Route::Expertiseteam,
        Urgentie::Normaal,
        old,
    );
    store
        .queue_act(wonen, &sanne, &QueueAction::Claim, "test", today)
        .unwrap();
    store
        .queue_act(closed, &sanne, &QueueAction::Claim, "test", old)
        .unwrap();
    let close = QueueAction::Close {
        outcome: loket::domain::queue::Outcome::GesprekGevoerd,
        note: NOTE.into(),
    };
    store
        .queue_act(closed, &sanne, &close, "test", old)
        .unwrap();
    Queue {
        wonen,
        callback,
        team,
        closed,
    }
}

fn assert_no_personal_data(text: &str) {
    for secret in [NAME, "Fatima", PHONE, QUESTION, NOTE, "huur", "Partner"] {
        assert!(!text.contains(secret), "{secret:?} in output:\n{text}");
    }
}

fn json_list(db: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["queue", "list", "--json"];
    all.extend_from_slice(args);
    let out = loket(db, &all);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_no_personal_data(&stdout(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

fn ids(items: &[serde_json::Value]) -> Vec<i64> {
    items.iter().map(|i| i["id"].as_i64().unwrap()).collect()
}

#[test]
fn list_prints_a_table_of_open_items_without_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    fill(&db);

    let out = loket(&db, &["queue", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_no_personal_data(&text);
    let lines: Vec<&str> = text.lines().collect();
    for header in [
        "id",
        "soort",
        "team",
        "urgentie",
        "status",
        "termijn",
        "opgepakt door",
    ] {
        assert!(lines[0].contains(header), "{text}");
    }
    // Spoed first, then hoog, then normaal; the closed item is not listed.
    assert!(lines[1].contains("Sociaal Team De Weide"), "{text}");
    assert!(
        lines[1].contains("spoed") && lines[1].contains("! te laat"),
        "{text}"
    );
    assert!(
        lines[2].contains("KCC") && lines[2].contains("terugbelverzoek"),
        "{text}"
    );
    assert!(
        lines[3].contains("Loket Wonen") && lines[3].contains("Sanne Jansen"),
        "{text}"
    );
    assert!(!lines[3].contains("te laat"), "{text}");
    assert!(!text.contains("Expertiseteam"), "{text}");
    assert!(text.contains("3 items, waarvan 2 te laat"), "{text}");
}

#[test]
fn json_has_exactly_the_documented_fields() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    let queue = fill(&db);

    let items = json_list(&db, &[]);
    assert_eq!(ids(&items), vec![queue.team, queue.callback, queue.wonen]);
    let fields = [
        "id",
        "type",
        "team",
        "urgentie",
        "status",
        "created_at",
        "due_at",
        "overdue",
        "claimed_by",
    ];
    for item in &items {
        let keys: Vec<&str> = item
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys.len(), fields.len(), "{item}");
        for field in fields {
            assert!(keys.contains(&field), "{field} missing in {item}");
        }
    }
    let callback = &items[1];
    assert_eq!(callback["type"], "terugbelverzoek");
    assert_eq!(callback["team"], "KCC");
    assert_eq!(callback["urgentie"], "hoog");
    assert_eq!(callback["status"], "nieuw");
    assert_eq!(callback["created_at"], "2025-03-03T09:00:00Z");
    assert_eq!(callback["due_at"], "2025-03-04");
    assert_eq!(callback["overdue"], true);
    assert_eq!(callback["claimed_by"], serde_json::Value::Null);
    let wonen = &items[2];
    assert_eq!(wonen["status"], "opgepakt");
    assert_eq!(wonen["claimed_by"], "Sanne Jansen");
    assert_eq!(wonen["overdue"], false);
}

#[test]
fn list_filters_by_team_status_and_overdue() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    let queue = fill(&db);

    assert_eq!(
        ids(&json_list(&db, &["--team", "kcc"])),
        vec![queue.callback]
    );
    assert_eq!(
        ids(&json_list(&db, &["--team", "Loket Wonen"])),
        vec![queue.wonen]
    );
    assert_eq!(
        ids(&json_list(&db, &["--team", "wonen"])),
        vec![queue.wonen]
    );
    assert_eq!(
        ids(&json_list(&db, &["--status", "opgepakt"])),
        vec![queue.wonen]
    );
    assert_eq!(
        ids(&json_list(&db, &["--status", "afgerond"])),
        vec![queue.closed]
    );
    assert_eq!(
        ids(&json_list(&db, &["--overdue"])),
        vec![queue.team, queue.callback]
    );
    assert_eq!(
        ids(&json_list(
            &db,
            &["--overdue", "--team", "Sociaal Team De Weide"]
        )),
        vec![queue.team]
    );
}

/// Desk-test S12: an unknown team printed "Geen items." with exit 0.
#[test]
fn an_unknown_team_is_refused_with_the_known_ones() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    fill(&db);
    let out = loket(&db, &["queue", "list", "--team", "Onbekend team"]);
    assert!(!out.status.success());
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    let error = stderr(&out);
    assert!(error.contains("onbekend team \"Onbekend team\""), "{error}");
    for known in [
        "Loket Wonen",
        "Sociaal Team De Weide",
        "Expertiseteam",
        "KCC",
    ] {
        assert!(error.contains(known), "{error}");
    }
}

#[test]
fn an_unknown_status_is_refused_with_the_valid_ones() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    fill(&db);

    let out = loket(&db, &["queue", "list", "--status", "bezig"]);
    assert!(!out.status.success());
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    let error = stderr(&out);
    assert!(error.contains("onbekende status \"bezig\""), "{error}");
    for valid in [
        "nieuw",
        "opgepakt",
        "afspraak",
        "afgerond",
        "teruggelegd",
        "doorgestuurd",
    ] {
        assert!(error.contains(valid), "{error}");
    }
}

#[test]
fn an_empty_queue_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");

    let out = loket(&db, &["queue", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "Geen items.");
    let json = loket(&db, &["queue", "list", "--json"]);
    assert_eq!(stdout(&json).trim(), "[]");
}
