//! Bewaartermijnen on a fake clock: intakes handled at the desk, closed cases, drafts and audit
//! rows of various ages; a purge at a fixed moment anonymises or removes exactly those past
//! their term, a dry run changes nothing, the anonymous report is the same before and after,
//! the automatic run happens once per Dutch day, and the audit chain still verifies.

mod common;

use common::db::{account, at, count, member, open, raw};

use chrono::{DateTime, Days, Months, NaiveDate, Utc};
use loket::domain::account::{Role, User};
use loket::domain::intake::{Consent, Intake, Kanaal, Resident, Route, RouteSuggestion};
use loket::domain::queue::{Outcome, QueueAction};
use loket::domain::retention::RetentionPolicy;
use loket::report::{Period, build};
use loket::store::{PurgeReport, Store};
use rusqlite::Connection;
use rusqlite::types::ValueRef;

/// Tuesday 24 November 2026, 11:00 in the Netherlands: "now" of every purge here.
fn now() -> DateTime<Utc> {
    at("2026-11-24T10:00:00Z")
}

fn days_ago(days: u64) -> DateTime<Utc> {
    now() - Days::new(days)
}

fn months_ago(months: u32) -> DateTime<Utc> {
    now() - Months::new(months)
}

fn question(name: &str, route: Option<Route>) -> Intake {
    Intake {
        kanaal: Kanaal::Telefoon,
        resident: Resident {
            name: name.into(),
            phone: "06-12345678".into(),
            postcode: "7304 AB".into(),
            ..Resident::default()
        },
        question: format!("Vraag van {name} over de huur."),
        leefgebieden: vec!["wonen".into()],
        route,
        consent: Consent::Ja,
        handover_note: format!("Notitie over {name}"),
        ..Intake::default()
    }
}

fn suggestion(route: Route) -> RouteSuggestion {
    RouteSuggestion {
        route,
        why: "test".into(),
        spoed: false,
    }
}

/// An intake handled at the desk `when`; returns its id.
fn direct(store: &mut Store, desk: &User, name: &str, when: DateTime<Utc>) -> i64 {
    let intake = question(name, None);
    store
        .save_intake(
            desk,
            &intake,
            &suggestion(Route::Direct),
            None,
            "test",
            when,
        )
        .unwrap()
        .id
}

/// An intake handed over `when`, claimed by `pro` a day later and, with `closed`, closed then.
/// Returns (intake id, queue item id).
fn handed_over(
    store: &mut Store,
    desk: &User,
    pro: &User,
    name: &str,
    when: DateTime<Utc>,
    closed: Option<DateTime<Utc>>,
) -> (i64, i64) {
    let route = Route::Loket {
        leefgebied: "wonen".into(),
    };
    let intake = question(name, Some(route.clone()));
    let saved = store
        .save_intake(
            desk,
            &intake,
            &suggestion(route),
            Some("De Weide"),
            "test",
            when,
        )
        .unwrap();
    let item = saved.queue_item.unwrap();
    let picked = when + Days::new(1);
    store
        .queue_act(item, pro, &QueueAction::Claim, "test", picked)
        .unwrap();
    let attempt = QueueAction::ContactAttempt {
        reached: true,
        note: format!("Gebeld met {name}"),
    };
    store
        .queue_act(item, pro, &attempt, "test", picked)
        .unwrap();
    if let Some(closed) = closed {
        let close = QueueAction::Close {
            outcome: Outcome::GesprekGevoerd,
            note: format!("Afgerond met {name}"),
        };
        store.queue_act(item, pro, &close, "test", closed).unwrap();
    }
    (saved.id, item)
}

/// Every row of the tables retention touches, as text: equal dumps mean nothing changed.
fn dump(conn: &Connection) -> Vec<String> {
    let mut rows = Vec::new();
    for table in [
        "intakes",
        "intake_history",
        "intake_advice",
        "queue_items",
        "queue_history",
        "drafts",
        "audit_log",
        "audit_anchor",
        "retention_runs",
    ] {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))
            .unwrap();
        let columns = stmt.column_count();
        let mut query = stmt.query([]).unwrap();
        while let Some(row) = query.next().unwrap() {
            let values: Vec<String> = (0..columns)
                .map(|i| match row.get_ref(i).unwrap() {
                    ValueRef::Null => "NULL".to_string(),
                    ValueRef::Integer(n) => n.to_string(),
                    ValueRef::Real(x) => x.to_string(),
                    ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into(),
                })
                .collect();
            rows.push(format!("{table}: {}", values.join(" | ")));
        }
    }
    rows
}

/// The ids of the anonymised intakes.
fn anonymised(conn: &Connection) -> Vec<i64> {
    conn.prepare("SELECT id FROM intakes WHERE anonymised_at IS NOT NULL ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// The ids a purge at [`now`] must touch, from a database with each category on both sides
/// of its term.
struct World {
    direct_old: Vec<i64>,
    closed_old: (i64, i64),
    closed_recent: (i64, i64),
    open_old: (i64, i64),
    desk: User,
}

/// Three audit rows older than five years come first (retention removes the log from its
/// oldest end), then intakes, queue items and drafts on both sides of their terms.
fn world(store: &mut Store) -> World {
    for (i, when) in [
        "2020-01-06T09:00:00Z",
        "2021-03-01T09:00:00Z",
        "2021-11-01T09:00:00Z",
    ]
    .into_iter()
    .enumerate()
    {
        let object = format!("intake:{}", 900 + i);
        store
            .audit(
                "gebruiker:1",
                "intake bekijken",
                &object,
                "gelukt",
                "test",
                at(when),
            )
            .unwrap();
    }
    // Four years and a half: stays.
    store
        .audit(
            "gebruiker:1",
            "intake bekijken",
            "intake:999",
            "gelukt",
            "test",
            at("2022-05-24T09:00:00Z"),
        )
        .unwrap();
    let desk = account(store, "Kim KCC", Role::Vrijwilliger);
    let pro = member(store, "Sanne", Role::Medewerker, &["Loket Wonen"]);
    let mut direct_old = vec![
        direct(store, &desk, "Oud Een", days_ago(31)),
        direct(store, &desk, "Oud Twee", days_ago(400)),
    ];
    // A corrected one: its earlier version must go as well.
    let corrected = direct(store, &desk, "Oud Drie", days_ago(45));
    store
        .correct_intake(
            &desk,
            corrected,
            &question("Oud Drie Gecorrigeerd", None),
            &suggestion(Route::Direct),
            None,
            "test",
            days_ago(44),
        )
        .unwrap();
    direct_old.push(corrected);
    direct(store, &desk, "Nieuw Een", days_ago(29));
    direct(store, &desk, "Nieuw Twee", now());
    let closed_old = handed_over(
        store,
        &desk,
        &pro,
        "Afgesloten Oud",
        months_ago(15),
        Some(months_ago(13)),
    );
    let closed_recent = handed_over(
        store,
        &desk,
        &pro,
        "Afgesloten Recent",
        months_ago(15),
        Some(months_ago(11)),
    );
    let open_old = handed_over(store, &desk, &pro, "Open Oud", months_ago(15), None);
    store
        .save_draft(desk.id, &question("Klad Oud", None).into(), days_ago(8))
        .unwrap();
    store
        .save_draft(pro.id, &question("Klad Nieuw", None).into(), days_ago(6))
        .unwrap();
    World {
        direct_old,
        closed_old,
        closed_recent,
        open_old,
        desk,
    }
}

fn expected() -> PurgeReport {
    PurgeReport {
        direct_intakes: 3,
        closed_cases: 1,
        // The closed one's case went with its intake.
        regie_cases: 1,
        plans: 0,
        drafts: 1,
        audit_rows: 3,
        dry_run: false,
        wal_cleared: true,
    }
}

#[test]
fn a_purge_anonymises_and_removes_exactly_what_is_past_its_term() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let world = world(&mut store);
    let conn = raw(dir.path());
    let third_hash: String = conn
        .query_row("SELECT hash FROM audit_log WHERE id = 3", [], |r| r.get(0))
        .unwrap();
    let policy = RetentionPolicy::default();

    let report = store
        .purge(&policy, "cli:beheer", "test", now(), false)
        .unwrap();

    assert_eq!(report, expected());
    let mut touched = world.direct_old.clone();
    touched.push(world.closed_old.0);
    touched.sort();
    assert_eq!(anonymised(&conn), touched);
    // Nothing personal is left in them; what the reports count is.
    for id in &touched {
        let (personal, kanaal, leefgebieden, household): (String, String, String, Option<i64>) =
            conn.query_row(
                "SELECT name || phone || email || postcode || question || handover_note
                    || name_key || phone_key || postcode_key || suggestion_why,
                    kanaal, leefgebieden, household_id
                 FROM intakes WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap();
        assert_eq!(personal, "", "intake {id}");
        assert_eq!(
            (kanaal.as_str(), leefgebieden.as_str()),
            ("telefoon", "[\"wonen\"]")
        );
        assert_eq!(
            household, None,
            "intake {id} is no longer tied to a household"
        );
    }
    assert_eq!(count(&conn, "SELECT count(*) FROM intake_history"), 0);
    let notes = |item: i64| -> String {
        conn.query_row(
            "SELECT group_concat(note, '') FROM queue_history WHERE item_id = ?1",
            [item],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(notes(world.closed_old.1), "");
    assert!(notes(world.closed_recent.1).contains("Afgesloten Recent"));
    assert!(notes(world.open_old.1).contains("Open Oud"));
    // The desk's old draft went, the professional's recent one stayed.
    assert_eq!(count(&conn, "SELECT count(*) FROM drafts"), 1);
    assert!(store.draft(world.desk.id).unwrap().is_none());

    // The log lost its three oldest rows and still verifies from the anchor on.
    assert_eq!(count(&conn, "SELECT min(id) FROM audit_log"), 4);
    let anchor: (i64, String, i64) = conn
        .query_row(
            "SELECT up_to_id, last_hash, removed FROM audit_anchor",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(anchor, (3, third_hash, 3));
    assert!(store.verify_audit().unwrap().is_intact());

    // The run is recorded and audited with counts only.
    let removed: String = conn
        .query_row("SELECT removed FROM retention_runs", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        removed,
        r#"{"direct_afgehandeld":3,"afgesloten":1,"trajecten":1,"plannen":0,"klad":1,"auditlog":3}"#
    );
    let last = store.audit_rows().unwrap().pop().unwrap();
    assert_eq!(
        last,
        [
            "2026-11-24T10:00:00Z".to_string(),
            "cli:beheer".into(),
            "bewaartermijn toegepast".into(),
            "bewaartermijnen".into(),
            format!("gelukt: {removed}"),
        ]
    );

    // A second run finds nothing more to do, and the chain still holds.
    let again = store
        .purge(&policy, "cli:beheer", "test", now(), false)
        .unwrap();
    assert_eq!(
        again,
        PurgeReport {
            wal_cleared: true,
            ..PurgeReport::default()
        }
    );
    assert!(store.verify_audit().unwrap().is_intact());
}

#[test]
fn a_dry_run_counts_the_same_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    world(&mut store);
    let conn = raw(dir.path());
    let before = dump(&conn);
    let policy = RetentionPolicy::default();

    let dry = store
        .purge(&policy, "cli:beheer", "test", now(), true)
        .unwrap();

    assert_eq!(
        dry,
        PurgeReport {
            dry_run: true,
            wal_cleared: false,
            ..expected()
        }
    );
    assert_eq!(
        dump(&conn),
        before,
        "a dry run changes nothing, audit included"
    );
    let real = store
        .purge(&policy, "cli:beheer", "test", now(), false)
        .unwrap();
    assert_eq!(real, expected());
}

#[test]
fn shorter_terms_from_the_configuration_apply() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    world(&mut store);
    let policy = RetentionPolicy {
        direct_intake_days: 0,
        closed_case_months: 10,
        draft_days: 0,
        audit_years: 100,
        plan_months: 24,
    };
    let report = store
        .purge(&policy, "cli:beheer", "test", now(), true)
        .unwrap();
    // Every direct intake before this very second, both closed cases, both drafts, no audit.
    assert_eq!(
        (
            report.direct_intakes,
            report.closed_cases,
            report.drafts,
            report.audit_rows
        ),
        (4, 2, 2, 0)
    );
}

#[test]
fn the_report_over_the_period_is_the_same_before_and_after() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let desk = account(&mut store, "Kim KCC", Role::Vrijwilliger);
    let pro = member(&mut store, "Sanne", Role::Medewerker, &["Loket Wonen"]);
    // Enough of each for the figures to be shown rather than suppressed.
    for i in 0..8 {
        direct(
            &mut store,
            &desk,
            &format!("Inwoner {i}"),
            months_ago(14) + Days::new(i),
        );
        handed_over(
            &mut store,
            &desk,
            &pro,
            &format!("Bewoner {i}"),
            months_ago(14) + Days::new(i),
            Some(months_ago(13) + Days::new(i)),
        );
    }
    let period = Period {
        from: NaiveDate::from_ymd_opt(2025, 9, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2025, 10, 31).unwrap(),
    };
    let before = build(&store, &period, now()).unwrap();
    // 16 contacts, shown rounded to fives.
    assert_eq!(before.by_kanaal.total, loket::report::Cell::Count(15));

    let report = store
        .purge(
            &RetentionPolicy::default(),
            "cli:beheer",
            "test",
            now(),
            false,
        )
        .unwrap();

    assert_eq!((report.direct_intakes, report.closed_cases), (8, 8));
    assert_eq!(build(&store, &period, now()).unwrap(), before);
}

#[test]
fn the_automatic_run_happens_once_per_dutch_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    world(&mut store);
    let policy = RetentionPolicy::default();
    let conn = raw(dir.path());

    let first = store.purge_if_due(&policy, "werkplek-3", now()).unwrap();
    assert_eq!(first, Some(expected()));
    // 23:59 the same Dutch day (22:59 UTC): done already.
    let late = at("2026-11-24T22:59:00Z");
    assert_eq!(
        store.purge_if_due(&policy, "werkplek-3", late).unwrap(),
        None
    );
    // 00:30 Dutch time is still 23:30 UTC of the same UTC day, but a new Dutch day.
    let after_midnight = at("2026-11-24T23:30:00Z");
    let second = store
        .purge_if_due(&policy, "werkplek-3", after_midnight)
        .unwrap();
    assert!(second.is_some());
    assert_eq!(count(&conn, "SELECT count(*) FROM retention_runs"), 2);
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM audit_log
             WHERE actor = 'systeem' AND action = 'bewaartermijn toegepast'
               AND origin = 'werkplek-3'"
        ),
        2
    );
    assert!(store.verify_audit().unwrap().is_intact());
}

#[test]
fn removing_the_whole_log_leaves_an_anchor_the_next_row_chains_onto() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    for day in 1..=5 {
        let when = at(&format!("2019-03-0{day}T09:00:00Z"));
        store
            .audit(
                "cli:beheer",
                "aanmelden",
                "gebruiker:1",
                "gelukt",
                "test",
                when,
            )
            .unwrap();
    }
    let report = store
        .purge(
            &RetentionPolicy::default(),
            "cli:beheer",
            "test",
            now(),
            false,
        )
        .unwrap();
    assert_eq!(report.audit_rows, 5);
    let conn = raw(dir.path());
    // Only the purge's own row is left, numbered on from the anchor.
    assert_eq!(count(&conn, "SELECT min(id) FROM audit_log"), 6);
    assert_eq!(count(&conn, "SELECT count(*) FROM audit_log"), 1);
    assert!(store.verify_audit().unwrap().is_intact());
}
