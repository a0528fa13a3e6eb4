//! The audit log that cannot be bent: one chain however many desks write to it, triggers that
//! refuse changes from plain SQLite, and a verification that names exactly the row that was
//! changed or removed behind Loket's back, while retention's removal of the oldest rows (with
//! its anchor) passes. Then reading it back by user, household and day, and the CLI on the
//! built binary.

mod common;

use std::path::Path;
use std::process::Output;

use common::db::{account, at, count, key_path, keyed, open, raw};

use loket::domain::account::{Role, User};
use loket::domain::intake::{Consent, Intake, Kanaal, Resident, Route, RouteSuggestion};
use loket::store::{
    AuditFilter, AuditProblem, AuditQueryError, GENESIS, SavedIntake, Store, migrations,
};
use rusqlite::Connection;

/// `n` rows by `actor`, a minute apart from 10:00 UTC on 2 March 2026.
fn write(store: &Store, actor: &str, n: u32) {
    for i in 0..n {
        let moment = at("2026-03-02T10:00:00Z") + chrono::Duration::minutes(i.into());
        store
            .audit(
                actor,
                "intake bekijken",
                &format!("intake:{i}"),
                "gelukt",
                "test",
                moment,
            )
            .unwrap();
    }
}

fn hash_of(conn: &Connection, id: i64) -> String {
    conn.query_row("SELECT hash FROM audit_log WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .unwrap()
}

/// What retention did before the log had a key: leave an anchor with the last removed row's
/// hash, then remove the rows up to `up_to_id` from the oldest end, in one transaction.
fn remove_oldest(conn: &mut Connection, up_to_id: i64) {
    let tx = conn.transaction().unwrap();
    let last_hash = hash_of(&tx, up_to_id);
    let removed = count(
        &tx,
        &format!("SELECT count(*) FROM audit_log WHERE id <= {up_to_id}"),
    );
    tx.execute(
        "INSERT INTO audit_anchor (at, up_to_id, last_hash, removed)
         VALUES ('2026-04-01T02:00:00Z', ?1, ?2, ?3)",
        rusqlite::params![up_to_id, last_hash, removed],
    )
    .unwrap();
    tx.execute("DELETE FROM audit_log WHERE id <= ?1", [up_to_id])
        .unwrap();
    tx.commit().unwrap();
}

/// Runs `sql` with the trigger `name` dropped and puts the trigger back exactly as it was:
/// what anyone with write access to the file and `sqlite3` can do.
fn behind_trigger(conn: &Connection, name: &str, sql: &str) {
    let trigger: String = conn
        .query_row(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
            [name],
            |r| r.get(0),
        )
        .unwrap();
    conn.execute_batch(&format!("DROP TRIGGER {name}; {sql}; {trigger};"))
        .unwrap();
}

#[test]
fn two_desks_writing_at_once_make_one_unbroken_chain() {
    let dir = tempfile::tempdir().unwrap();
    let first = open(dir.path());
    let second = open(dir.path());
    // Interleaved one by one, then at the same time from two threads.
    for i in 0..20 {
        let store = if i % 2 == 0 { &first } else { &second };
        write(store, &format!("gebruiker:{}", i % 2 + 1), 1);
    }
    let desks = [(first, "gebruiker:1"), (second, "gebruiker:2")].map(|(store, actor)| {
        std::thread::spawn(move || {
            write(&store, actor, 60);
            store
        })
    });
    let [first, _] = desks.map(|desk| desk.join().unwrap());

    let verification = first.verify_audit().unwrap();
    assert!(verification.is_intact(), "{:?}", verification.problems);
    assert_eq!(verification.checked, 140);
    let conn = raw(dir.path());
    assert_eq!(
        count(&conn, "SELECT max(id) - min(id) + 1 FROM audit_log"),
        140
    );
    let first_prev: String = conn
        .query_row("SELECT prev_hash FROM audit_log WHERE id = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(first_prev, GENESIS);
}

#[test]
fn plain_sqlite_cannot_change_or_remove_a_row_in_the_middle() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    write(&store, "gebruiker:1", 5);
    let conn = raw(dir.path());

    let update = conn
        .execute("UPDATE audit_log SET object = 'intake:99' WHERE id = 3", [])
        .unwrap_err();
    assert!(
        update.to_string().contains("kan niet worden gewijzigd"),
        "{update}"
    );
    let delete = conn
        .execute("DELETE FROM audit_log WHERE id = 3", [])
        .unwrap_err();
    assert!(
        delete.to_string().contains("kan niet worden verwijderd"),
        "{delete}"
    );
    let newest = conn
        .execute("DELETE FROM audit_log WHERE id = 5", [])
        .unwrap_err();
    assert!(
        newest.to_string().contains("kan niet worden verwijderd"),
        "{newest}"
    );

    let mut conn = conn;
    remove_oldest(&mut conn, 1);
    let anchor = conn
        .execute("UPDATE audit_anchor SET up_to_id = 0", [])
        .unwrap_err();
    assert!(
        anchor.to_string().contains("kan niet worden gewijzigd"),
        "{anchor}"
    );
    assert!(conn.execute("DELETE FROM audit_anchor", []).is_err());
    assert_eq!(count(&conn, "SELECT count(*) FROM audit_log"), 4);
    assert!(store.verify_audit().unwrap().is_intact());
}

#[test]
fn a_row_changed_behind_the_triggers_is_named_and_no_other() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    write(&store, "gebruiker:1", 30);
    let conn = raw(dir.path());
    behind_trigger(
        &conn,
        "audit_log_no_update",
        "UPDATE audit_log SET object = 'intake:999' WHERE id = 17",
    );

    let verification = store.verify_audit().unwrap();
    assert_eq!(verification.checked, 30);
    assert_eq!(verification.problems, [AuditProblem::Altered { id: 17 }]);
    assert_eq!(verification.problems[0].to_string(), "rij 17 is gewijzigd");
}

#[test]
fn a_changed_row_given_a_new_hash_breaks_the_link_of_the_next_row() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    write(&store, "gebruiker:1", 30);
    let row = store
        .audit_query(&AuditFilter::default())
        .unwrap()
        .into_iter()
        .find(|r| r.id == 17)
        .unwrap();
    let forged = loket::store::AuditRow {
        result: "geweigerd".into(),
        ..row
    };
    let conn = raw(dir.path());
    behind_trigger(
        &conn,
        "audit_log_no_update",
        &format!(
            "UPDATE audit_log SET result = '{}', hash = '{}' WHERE id = 17",
            forged.result,
            forged.expected_hash(&forged.prev_hash)
        ),
    );

    let problems = store.verify_audit().unwrap().problems;
    assert_eq!(problems, [AuditProblem::Unlinked { id: 18 }]);
    assert_eq!(
        problems[0].to_string(),
        "rij 18 sluit niet aan op de vorige"
    );
}

#[test]
fn a_row_removed_from_the_middle_is_named_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    write(&store, "gebruiker:1", 30);
    let conn = raw(dir.path());
    behind_trigger(
        &conn,
        "audit_log_no_delete",
        "DELETE FROM audit_log WHERE id = 17",
    );

    let verification = store.verify_audit().unwrap();
    assert_eq!(verification.checked, 29);
    assert_eq!(
        verification.problems,
        [AuditProblem::Missing { from: 17, to: 17 }]
    );
    assert_eq!(verification.problems[0].to_string(), "rij 17 ontbreekt");

    behind_trigger(
        &conn,
        "audit_log_no_delete",
        "DELETE FROM audit_log WHERE id IN (20, 21, 22)",
    );
    assert_eq!(
        store
            .verify_audit()
            .unwrap()
            .problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["rij 17 ontbreekt", "rijen 20 t/m 22 ontbreken"]
    );
}

#[test]
fn retention_removing_the_oldest_rows_with_an_anchor_keeps_the_log_intact() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    write(&store, "gebruiker:1", 30);
    let mut conn = raw(dir.path());

    remove_oldest(&mut conn, 12);
    let verification = store.verify_audit().unwrap();
    assert!(verification.is_intact(), "{:?}", verification.problems);
    assert_eq!(verification.checked, 18);

    // New rows chain on; and when retention empties the log, they chain onto the anchor.
    write(&store, "gebruiker:2", 3);
    assert!(store.verify_audit().unwrap().is_intact());
    remove_oldest(&mut conn, 33);
    write(&store, "gebruiker:2", 2);
    let verification = store.verify_audit().unwrap();
    assert!(verification.is_intact(), "{:?}", verification.problems);
    assert_eq!(verification.checked, 2);
    assert_eq!(count(&conn, "SELECT min(id) FROM audit_log"), 34);
}

#[test]
fn the_oldest_rows_removed_without_an_anchor_are_missing() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    write(&store, "gebruiker:1", 10);
    let conn = raw(dir.path());
    behind_trigger(
        &conn,
        "audit_log_no_delete",
        "DELETE FROM audit_log WHERE id <= 3",
    );

    let problems = store.verify_audit().unwrap().problems;
    assert_eq!(problems, [AuditProblem::Missing { from: 1, to: 3 }]);
    assert_eq!(problems[0].to_string(), "rijen 1 t/m 3 ontbreken");
}

#[test]
fn a_version_7_database_gets_its_old_rows_chained() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    let mut conn = Connection::open(&path).unwrap();
    migrations().to_version(&mut conn, 7).unwrap();
    // Rows as a version-7 Loket wrote them: no hashes yet.
    conn.execute_batch(
        "INSERT INTO audit_log (at, actor, action, object, result, origin) VALUES
             ('2025-01-06T08:00:00Z', 'gebruiker:1', 'aanmelden', '', 'gelukt', 'balie-1'),
             ('2025-01-06T08:05:00Z', 'gebruiker:1', 'intake opslaan', 'intake:1', 'gelukt', 'balie-1'),
             ('2025-01-06T08:05:00Z', 'gebruiker:1', 'overdracht', 'queue:1', 'gelukt', 'balie-1'),
             ('2025-01-06T09:00:00Z', 'naam:5', 'aanmelden', '', 'onbekende naam', 'balie-2');",
    )
    .unwrap();
    drop(conn);

    let store = open(dir.path());
    let verification = store.verify_audit().unwrap();
    assert!(verification.is_intact(), "{:?}", verification.problems);
    assert_eq!(verification.checked, 4);
    let rows = store.audit_query(&AuditFilter::default()).unwrap();
    assert_eq!(rows[0].prev_hash, GENESIS);
    assert_eq!(rows[3].object, "");
    assert_eq!(rows[2].object, "queue:1");

    write(&store, "gebruiker:1", 2);
    assert_eq!(store.verify_audit().unwrap().checked, 6);
    assert!(store.verify_audit().unwrap().is_intact());
    let update = raw(dir.path())
        .execute("UPDATE audit_log SET result = 'x' WHERE id = 2", [])
        .unwrap_err();
    assert!(
        update.to_string().contains("kan niet worden gewijzigd"),
        "{update}"
    );
}

fn save(store: &mut Store, desk: &User, name: &str, household: Option<i64>) -> SavedIntake {
    let intake = Intake {
        kanaal: Kanaal::Telefoon,
        resident: Resident {
            name: name.into(),
            phone: "06-12345678".into(),
            ..Resident::default()
        },
        household_id: household,
        question: "Ik kan de huur niet betalen.".into(),
        leefgebieden: vec!["wonen".into()],
        route: Some(Route::Terugbelverzoek { team: "KCC".into() }),
        consent: Consent::Ja,
        ..Intake::default()
    };
    let suggestion = RouteSuggestion {
        route: Route::Direct,
        why: "test".into(),
        spoed: false,
    };
    store
        .save_intake(
            desk,
            &intake,
            &suggestion,
            None,
            "test",
            at("2026-03-02T09:00:00Z"),
        )
        .unwrap()
}

#[test]
fn the_household_filter_finds_its_intakes_and_queue_items_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let anna = account(&mut store, "Anna de Vries", Role::Vrijwilliger);
    // Other cases whose ids share digits with this household's: a prefix or suffix match
    // would find them.
    for id in [10, 13, 31] {
        for kind in ["intake", "queue", "huishouden"] {
            let object = format!("{kind}:{id}");
            let moment = at("2026-03-01T09:00:00Z");
            store
                .audit("gebruiker:1", "bekijken", &object, "gelukt", "test", moment)
                .unwrap();
        }
    }
    let ours = save(&mut store, &anna, "Fatima el Amrani", None);
    let household = ours.household_id.unwrap();
    let other = save(&mut store, &anna, "Jan Jansen", None);
    let ours_again = save(&mut store, &anna, "Fatima el Amrani", Some(household));
    let now = at("2026-03-03T09:00:00Z");
    let other_household = other.household_id.unwrap();
    for object in [
        format!("huishouden:{household}"),
        format!("huishouden:{other_household}"),
    ] {
        store
            .audit(
                "gebruiker:1",
                "dossier delen",
                &object,
                "gelukt",
                "test",
                now,
            )
            .unwrap();
    }

    let rows = store.household_audit(household).unwrap();
    let objects: Vec<&str> = rows.iter().map(|r| r.object.as_str()).collect();
    let expected = [
        format!("intake:{}", ours.id),
        format!("queue:{}", ours.queue_item.unwrap()),
        format!("intake:{}", ours_again.id),
        format!("queue:{}", ours_again.queue_item.unwrap()),
        format!("huishouden:{household}"),
    ];
    assert_eq!(objects, expected);
    assert!(!objects.contains(&format!("intake:{}", other.id).as_str()));
    let filter = AuditFilter {
        household: Some(household),
        ..AuditFilter::default()
    };
    assert_eq!(store.audit_query(&filter).unwrap(), rows);
    assert!(store.household_audit(9999).unwrap().is_empty());
}

#[test]
fn the_user_and_since_filters_count_dutch_days() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let anna = account(&mut store, "Anna de Vries", Role::Vrijwilliger);
    let bram = account(&mut store, "Bram", Role::Vrijwilliger);
    let anna_actor = format!("gebruiker:{}", anna.id);
    let bram_actor = format!("gebruiker:{}", bram.id);
    // 23:59:59 on 9 March and midnight on 10 March in the Netherlands (winter time, UTC+1);
    // then midnight on 1 July (summer time, UTC+2).
    for (moment, actor) in [
        ("2026-03-09T22:59:59Z", &anna_actor),
        ("2026-03-09T23:00:00Z", &anna_actor),
        ("2026-03-10T12:00:00Z", &bram_actor),
        ("2026-06-30T21:59:59Z", &anna_actor),
        ("2026-06-30T22:00:00Z", &anna_actor),
    ] {
        store
            .audit(
                actor,
                "intake bekijken",
                "intake:1",
                "gelukt",
                "test",
                at(moment),
            )
            .unwrap();
    }
    let query = |user: Option<&str>, since: Option<(i32, u32, u32)>| {
        let filter = AuditFilter {
            user: user.map(str::to_string),
            since: since.map(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()),
            household: None,
        };
        store
            .audit_query(&filter)
            .unwrap()
            .into_iter()
            .map(|r| r.at)
            .collect::<Vec<_>>()
    };

    assert_eq!(
        query(None, Some((2026, 3, 10))),
        [
            "2026-03-09T23:00:00Z",
            "2026-03-10T12:00:00Z",
            "2026-06-30T21:59:59Z",
            "2026-06-30T22:00:00Z"
        ]
    );
    assert_eq!(query(None, Some((2026, 7, 1))), ["2026-06-30T22:00:00Z"]);
    assert_eq!(
        query(Some("ANNA DE VRIES"), Some((2026, 3, 10))),
        [
            "2026-03-09T23:00:00Z",
            "2026-06-30T21:59:59Z",
            "2026-06-30T22:00:00Z"
        ]
    );
    assert_eq!(query(Some("Bram"), None), ["2026-03-10T12:00:00Z"]);

    let unknown = AuditFilter {
        user: Some("Niemand".into()),
        ..AuditFilter::default()
    };
    let err = store.audit_query(&unknown).unwrap_err();
    assert!(matches!(err, AuditQueryError::UnknownUser(_)), "{err}");
    assert_eq!(err.to_string(), "onbekende gebruiker \"Niemand\"");
}

/// `loket` signed in as the beheerder, who is the actor of the rows the command writes; the
/// audit key next to the database (its anchors too), not in the home folder.
fn loket(db: &Path, args: &[&str]) -> Output {
    let key = key_path(db.parent().unwrap());
    common::cli::as_beheerder(db, args, "", &[("LOKET_AUDITSLEUTEL", key.as_path())])
}

/// How the log names the beheerder the commands sign in as.
fn beheerder(dir: &Path) -> String {
    let store = open(dir);
    let bea = store.user(common::cli::BEHEERDER).unwrap().unwrap();
    loket::store::audit_actor(&bea)
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The last row of the log: (actor, action, object, result).
fn last_row(conn: &Connection) -> [String; 4] {
    conn.query_row(
        "SELECT actor, action, object, result FROM audit_log ORDER BY id DESC LIMIT 1",
        [],
        |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?]),
    )
    .unwrap()
}

#[test]
fn cli_verify_passes_and_then_names_the_tampered_row() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    write(&open(dir.path()), "gebruiker:1", 5);

    // Five rows, and the beheerder's sign-in.
    let out = loket(&db, &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Auditlog intact: 6 rijen gecontroleerd");
    assert!(
        lines[1].starts_with("Controlepunt: 6 rijen t/m rij 6, hash "),
        "{text}"
    );
    assert!(lines[1].ends_with("auditankers.json)"), "{text}");
    let conn = raw(dir.path());
    let [actor, action, object, result] = last_row(&conn);
    assert_eq!(actor, beheerder(dir.path()));
    assert_eq!(
        [action.as_str(), object.as_str(), result.as_str()],
        ["auditlog gecontroleerd", "auditlog", "intact (6 rijen)"]
    );

    behind_trigger(
        &conn,
        "audit_log_no_update",
        "UPDATE audit_log SET result = 'geweigerd' WHERE id = 3",
    );
    let out = loket(&db, &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("Vorige controle: "), "{text}");
    assert!(
        text.contains("Auditlog NIET intact: 8 rijen gecontroleerd"),
        "{text}"
    );
    let problems: Vec<&str> = text.lines().filter(|l| l.starts_with("  ")).collect();
    assert_eq!(problems, ["  rij 3 is gewijzigd"], "{text}");
    assert_eq!(last_row(&conn)[3], "niet intact (1 probleem)");
}

#[test]
fn cli_json_by_user_shows_their_rows_and_logs_the_look_with_ids_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    let mut store = open(dir.path());
    let anna = account(&mut store, "Anna de Vries", Role::Vrijwilliger);
    let bram = account(&mut store, "Bram", Role::Vrijwilliger);
    write(&store, &format!("gebruiker:{}", anna.id), 3);
    write(&store, &format!("gebruiker:{}", bram.id), 2);
    drop(store);

    let out = loket(&db, &["audit", "--json", "--user", "anna de vries"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(rows.len(), 3);
    for row in &rows {
        assert_eq!(row["actor"], format!("gebruiker:{}", anna.id));
        assert_eq!(row["user"], "Anna de Vries");
        assert_eq!(row["action"], "intake bekijken");
        assert_eq!(row["hash"].as_str().unwrap().len(), 64);
    }
    assert_eq!(rows[0]["at"], "2026-03-02T10:00:00Z");

    let conn = raw(dir.path());
    let [actor, action, object, result] = last_row(&conn);
    assert_eq!(actor, beheerder(dir.path()));
    assert_eq!(action, "auditlog bekeken");
    assert_eq!(object, format!("gebruiker:{}", anna.id));
    assert_eq!(result, "gelukt");

    let out = loket(&db, &["audit", "--household", "4", "--since", "2026-03-01"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "Geen rijen.");
    assert_eq!(last_row(&conn)[2], "huishouden:4 vanaf:2026-03-01");
    // The day as people write it means the same day (desk-test S8).
    let out = loket(&db, &["audit", "--household", "4", "--since", "1-3-2026"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(last_row(&conn)[2], "huishouden:4 vanaf:2026-03-01");

    let out = loket(&db, &["audit"]);
    let text = stdout(&out);
    let header = text.lines().next().unwrap();
    for column in ["tijd", "wie", "actie", "object", "resultaat", "herkomst"] {
        assert!(header.contains(column), "{text}");
    }
    // 10:00 UTC is 11:00 in Amsterdam in March.
    assert!(
        text.contains("2026-03-02 11:00:00  Anna de Vries"),
        "{text}"
    );
    assert!(text.contains("Bram"), "{text}");
    assert_eq!(last_row(&conn)[2], "alles");
    assert!(store_is_intact(dir.path()));
}

fn store_is_intact(dir: &Path) -> bool {
    keyed(dir).verify_audit().unwrap().is_intact()
}

#[test]
fn cli_refuses_a_bad_date_an_unknown_user_and_a_bad_household_in_dutch() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    write(&open(dir.path()), "gebruiker:1", 2);
    let conn = raw(dir.path());

    let out = loket(&db, &["audit", "--since", "nonsense"]);
    assert!(!out.status.success());
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    let error = stderr(&out);
    assert!(
        error.contains("\"nonsense\" is geen datum; schrijf D-M-JJJJ"),
        "{error}"
    );

    let out = loket(&db, &["audit", "--user", "Niemand"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("onbekende gebruiker \"Niemand\""),
        "{}",
        stderr(&out)
    );

    let out = loket(&db, &["audit", "--household", "twaalf"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("geen huishoudnummer"),
        "{}",
        stderr(&out)
    );

    // A refused look shows nothing, so it leaves no "bekeken" row: only the three sign-ins.
    assert_eq!(count(&conn, "SELECT count(*) FROM audit_log"), 5);
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM audit_log WHERE action = 'aanmelden'"
        ),
        3
    );
}
