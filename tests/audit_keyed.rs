//! The audit log under its key, attacked the way the security probe attacked it (section 2):
//! someone who can write the database file with `sqlite3` but cannot read the key. Every case
//! verified as intact before the key; each must now fail, naming what happened. Then the
//! anchors `audit verify` keeps outside the database, the triggers `check` looks at, and the
//! binary end to end.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use chrono::{Duration, Utc};
use common::db::{at, count, key_path, keyed, open, raw};
use loket::domain::retention::RetentionPolicy;
use loket::store::{AuditKey, AuditProblem, AuditRow, Store, StoreError};
use rusqlite::{Connection, params};

/// `n` rows by `actor`, a minute apart from `start`.
fn write_at(store: &Store, actor: &str, action: &str, n: u32, start: &str) {
    for i in 0..n {
        let moment = at(start) + Duration::minutes(i.into());
        store
            .audit(
                actor,
                action,
                &format!("intake:{i}"),
                "gelukt",
                "test",
                moment,
            )
            .unwrap();
    }
}

fn write(store: &Store, n: u32) {
    write_at(
        store,
        "gebruiker:1",
        "intake bekijken",
        n,
        "2026-03-02T10:00:00Z",
    );
}

fn rows(conn: &Connection) -> Vec<AuditRow> {
    let mut stmt = conn
        .prepare(
            "SELECT id, at, actor, action, object, result, origin, prev_hash, hash
             FROM audit_log ORDER BY id",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok(AuditRow {
            id: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            object: r.get(4)?,
            result: r.get(5)?,
            origin: r.get(6)?,
            prev_hash: r.get(7)?,
            hash: r.get(8)?,
        })
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// Inserts `row` with the plain SHA-256 chain onto `prev`: all an attacker without the key has.
fn insert_plain(conn: &Connection, mut row: AuditRow, prev: &str) -> String {
    row.hash = row.expected_hash(prev);
    conn.execute(
        "INSERT INTO audit_log (id, at, actor, action, object, result, origin, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            row.id, row.at, row.actor, row.action, row.object, row.result, row.origin, prev,
            row.hash
        ],
    )
    .unwrap();
    row.hash
}

/// The triggers guarding the audit tables, as SQLite keeps them: (name, sql).
fn triggers(conn: &Connection) -> Vec<(String, String)> {
    let mut stmt = conn
        .prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit%'",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Runs `sql` with every guarding trigger dropped, then puts them back as they were, so
/// nothing about the triggers gives the change away.
fn behind_the_triggers(conn: &Connection, sql: &str) {
    let saved = triggers(conn);
    for (name, _) in &saved {
        conn.execute_batch(&format!("DROP TRIGGER {name}")).unwrap();
    }
    conn.execute_batch(sql).unwrap();
    for (_, sql) in &saved {
        conn.execute_batch(sql).unwrap();
    }
}

fn problems(store: &Store) -> Vec<String> {
    let verification = store.verify_audit().unwrap();
    verification
        .problems
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn case_h_one_delete_with_the_triggers_intact_removes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = keyed(dir.path());
    write(&store, 10);
    let conn = raw(dir.path());

    let err = conn.execute("DELETE FROM audit_log", []).unwrap_err();
    assert!(
        err.to_string().contains("kan niet worden verwijderd"),
        "{err}"
    );
    let err = conn
        .execute("DELETE FROM audit_log WHERE id = 1", [])
        .unwrap_err();
    assert!(
        err.to_string().contains("kan niet worden verwijderd"),
        "{err}"
    );
    assert_eq!(count(&conn, "SELECT count(*) FROM audit_log"), 10);
    assert!(store.verify_audit().unwrap().is_intact());
}

#[test]
fn case_e_oldest_rows_cut_behind_a_forged_anchor_are_caught() {
    let dir = tempfile::tempdir().unwrap();
    let store = keyed(dir.path());
    write(&store, 10);
    let conn = raw(dir.path());
    // The anchor lets the trigger allow the removal, but it carries no valid HMAC.
    let hash_5 = rows(&conn)[4].hash.clone();
    conn.execute(
        "INSERT INTO audit_anchor (at, up_to_id, last_hash, removed) VALUES (?1, 5, ?2, 5)",
        params!["2026-04-01T02:00:00Z", hash_5],
    )
    .unwrap();
    conn.execute("DELETE FROM audit_log WHERE id <= 5", [])
        .unwrap();

    let verification = store.verify_audit().unwrap();
    assert!(!verification.is_intact());
    assert_eq!(
        verification.problems,
        [
            AuditProblem::ForgedAnchor { id: 1, up_to_id: 5 },
            AuditProblem::Missing { from: 1, to: 5 }
        ]
    );
    assert_eq!(
        verification.problems[0].to_string(),
        "anker 1 (verwijderd t/m rij 5) is niet door Loket gemaakt: die rijen zijn niet door \
         de bewaartermijn verwijderd"
    );
}

#[test]
fn case_f_a_row_appended_with_a_correct_plain_hash_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let store = keyed(dir.path());
    write(&store, 10);
    let conn = raw(dir.path());
    let last = rows(&conn).pop().unwrap();
    let forged = AuditRow {
        id: 11,
        actor: "gebruiker:16".into(),
        action: "privacy export".into(),
        object: "huishouden:1284".into(),
        ..last.clone()
    };
    insert_plain(&conn, forged, &last.hash);

    let verification = store.verify_audit().unwrap();
    assert_eq!(verification.problems, [AuditProblem::Unkeyed { id: 11 }]);
    assert_eq!(
        verification.problems[0].to_string(),
        "rij 11 is niet met de auditsleutel ondertekend: buiten Loket om geschreven"
    );
    // Forging the HMAC with a guessed key does not help either.
    let wrong = AuditKey::from_bytes([7; 32], PathBuf::from("geraden"));
    let row = AuditRow {
        id: 12,
        ..rows(&conn).pop().unwrap()
    };
    let prev = rows(&conn).pop().unwrap().hash;
    let hash = row.keyed_hash(&wrong, &prev);
    conn.execute(
        "INSERT INTO audit_log (id, at, actor, action, object, result, origin, prev_hash, hash)
         VALUES (12, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            row.at, row.actor, row.action, row.object, row.result, row.origin, prev, hash
        ],
    )
    .unwrap();
    assert!(problems(&store).contains(&"rij 12 is gewijzigd".to_string()));
}

#[test]
fn case_g_a_chain_rewritten_without_an_export_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let store = keyed(dir.path());
    write(&store, 5);
    write_at(
        &store,
        "cli:mallory",
        "privacy export",
        1,
        "2026-03-03T10:00:00Z",
    );
    write(&store, 5);
    let before = store.verify_audit_anchored(Utc::now(), false).unwrap();
    assert!(before.verification.is_intact());
    let conn = raw(dir.path());

    // Every row removed and the chain written again without Mallory's export.
    let kept: Vec<AuditRow> = rows(&conn)
        .into_iter()
        .filter(|r| r.actor != "cli:mallory")
        .collect();
    behind_the_triggers(&conn, "DELETE FROM audit_log");
    let mut prev = loket::store::GENESIS.to_string();
    for (i, row) in kept.into_iter().enumerate() {
        let row = AuditRow {
            id: i as i64 + 1,
            ..row
        };
        prev = insert_plain(&conn, row, &prev);
    }
    let found = problems(&store);
    assert_eq!(found.len(), 10, "{found:?}");
    assert!(found[0].starts_with("rij 1 is niet met de auditsleutel ondertekend"));

    // Also with the seal removed, so the next open seals the rewritten chain as old rows: the
    // anchor outside the database still knows the history was another.
    behind_the_triggers(&conn, "DELETE FROM audit_seal");
    drop(store);
    let store = keyed(dir.path());
    let after = store.verify_audit_anchored(Utc::now(), false).unwrap();
    let found: Vec<String> = after
        .verification
        .problems
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        found,
        [
            "het auditlog eindigt bij rij 10, maar bij de vorige controle (".to_string()
                + &before.recorded.as_ref().unwrap().local_time()
                + ") liep het t/m rij 11 (11 rijen): rij 11 ontbreekt"
        ]
    );
    assert!(after.recorded.is_none());
}

#[test]
fn case_t_dropped_or_changed_triggers_fail_verify_and_check() {
    let dir = tempfile::tempdir().unwrap();
    let store = keyed(dir.path());
    write(&store, 3);
    let conn = raw(dir.path());
    let saved = triggers(&conn);
    assert_eq!(saved.len(), 6);
    for (name, _) in &saved {
        conn.execute_batch(&format!("DROP TRIGGER {name}")).unwrap();
    }
    let found = problems(&store);
    assert_eq!(found.len(), 6, "{found:?}");
    assert!(
        found.contains(
            &"de trigger audit_log_no_delete ontbreekt: het auditlog is niet meer beschermd \
              tegen wijzigen en verwijderen"
                .to_string()
        ),
        "{found:?}"
    );
    let check = store.check().unwrap();
    assert!(!check.is_ok());
    assert_eq!(check.audit_triggers, found);

    for (_, sql) in &saved {
        conn.execute_batch(sql).unwrap();
    }
    assert!(store.check().unwrap().is_ok());
    // The same name, a harmless-looking condition: it no longer guards anything.
    conn.execute_batch(
        "DROP TRIGGER audit_log_no_delete;
         CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log WHEN 0
         BEGIN SELECT RAISE(ABORT, 'het auditlog kan niet worden verwijderd'); END;
         CREATE TRIGGER audit_log_helper AFTER INSERT ON audit_log BEGIN SELECT 1; END;",
    )
    .unwrap();
    assert_eq!(
        problems(&store),
        [
            "de trigger audit_log_no_delete is gewijzigd: hij doet niet meer wat Loket verwacht",
            "de trigger audit_log_helper op audit_log is niet van Loket: iemand heeft hem \
             toegevoegd"
        ]
    );
    assert_eq!(store.check().unwrap().audit_triggers.len(), 2);
}

#[test]
fn an_older_log_is_sealed_under_the_key_and_its_old_rows_stay_protected() {
    let dir = tempfile::tempdir().unwrap();
    write(&open(dir.path()), 5);
    let store = keyed(dir.path());
    write(&store, 3);
    let verification = store.verify_audit().unwrap();
    assert!(verification.is_intact(), "{:?}", verification.problems);
    assert_eq!(verification.checked, 8);
    let conn = raw(dir.path());
    let all = rows(&conn);
    assert_eq!(all[4].hash, all[4].expected_hash(&all[4].prev_hash));
    assert_ne!(all[5].hash, all[5].expected_hash(&all[5].prev_hash));

    // An old row changed and the old chain recomputed, as far as the plain hash goes.
    let old = all[..5].to_vec();
    behind_the_triggers(&conn, "DELETE FROM audit_log WHERE id <= 5");
    let mut prev = loket::store::GENESIS.to_string();
    for row in old {
        let row = AuditRow {
            result: if row.id == 2 {
                "geweigerd".into()
            } else {
                row.result
            },
            ..row
        };
        prev = insert_plain(&conn, row, &prev);
    }
    assert_eq!(
        problems(&store),
        ["rij 5 is niet meer de rij waarmee het log onder de auditsleutel ging"]
    );
}

#[test]
fn a_database_sealed_with_another_key_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    drop(keyed(dir.path()));
    let mut store = open(dir.path());
    let other = AuditKey::from_bytes([1; 32], dir.path().join("andere"));
    let err = store.use_audit_key(other).unwrap_err();
    assert!(matches!(err, StoreError::WrongAuditKey { .. }), "{err}");
    assert!(err.to_string().contains("andere auditsleutel"), "{err}");
}

#[test]
fn retention_under_the_key_leaves_a_keyed_anchor_that_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = keyed(dir.path());
    write_at(
        &store,
        "gebruiker:1",
        "intake bekijken",
        4,
        "2020-01-06T10:00:00Z",
    );
    write(&store, 3);
    let policy = RetentionPolicy {
        audit_years: 1,
        ..RetentionPolicy::default()
    };
    let report = store
        .purge(&policy, "test", "test", at("2026-03-10T10:00:00Z"), false)
        .unwrap();
    assert_eq!(report.audit_rows, 4);
    let verification = store.verify_audit().unwrap();
    assert!(verification.is_intact(), "{:?}", verification.problems);
    assert_eq!(verification.removed_up_to, 4);
    let conn = raw(dir.path());
    let mac: String = conn
        .query_row("SELECT mac FROM audit_anchor", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mac.len(), 64);
}

#[test]
fn the_anchor_outside_the_database_catches_a_cut_or_emptied_log() {
    let dir = tempfile::tempdir().unwrap();
    let store = keyed(dir.path());
    write(&store, 10);
    let first = store.verify_audit_anchored(Utc::now(), false).unwrap();
    let anchor = first.recorded.clone().unwrap();
    assert_eq!((anchor.rows, anchor.head_id), (10, 10));
    assert_eq!(
        first.file,
        key_path(dir.path()).with_file_name("auditankers.json")
    );
    let when = anchor.local_time();

    // The newest rows cut off, triggers back in place: nothing in the database shows it.
    let conn = raw(dir.path());
    behind_the_triggers(&conn, "DELETE FROM audit_log WHERE id > 7");
    assert!(store.verify_audit().unwrap().is_intact());
    let cut = store.verify_audit_anchored(Utc::now(), false).unwrap();
    assert_eq!(
        cut.verification.problems,
        [AuditProblem::Anchor(format!(
            "het auditlog eindigt bij rij 7, maar bij de vorige controle ({when}) liep het t/m \
             rij 10 (10 rijen): rijen 8 t/m 10 ontbreken"
        ))]
    );
    assert!(cut.recorded.is_none());

    behind_the_triggers(&conn, "DELETE FROM audit_log");
    let empty = store.verify_audit_anchored(Utc::now(), false).unwrap();
    assert_eq!(
        empty.verification.problems,
        [AuditProblem::Anchor(format!(
            "het auditlog is leeg, maar bij de vorige controle ({when}) waren er 10 rijen (t/m \
             rij 10)"
        ))]
    );
}

#[test]
fn a_forged_anchor_in_the_book_is_not_believed() {
    let dir = tempfile::tempdir().unwrap();
    let store = keyed(dir.path());
    write(&store, 3);
    let file = store.verify_audit_anchored(Utc::now(), false).unwrap().file;
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("\"rows\": 3", "\"rows\": 2")).unwrap();
    let found = store.verify_audit_anchored(Utc::now(), false).unwrap();
    assert!(
        found.verification.problems[0]
            .to_string()
            .contains("is niet met de auditsleutel gemaakt"),
        "{:?}",
        found.verification.problems
    );
}

/// The binary signed in as the beheerder, with its key in `home`'s configuration folder.
fn loket(home: &Path, db: &Path, args: &[&str]) -> Output {
    let mut command = common::cli::beheerder_command(db, args);
    command
        .env("HOME", home)
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("LOKET_AUDITSLEUTEL");
    common::cli::spawn_with_pin(&mut command)
        .wait_with_output()
        .unwrap()
}

#[test]
fn cli_makes_a_private_key_and_fails_on_a_wiped_log_and_missing_triggers() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let db = dir.path().join("loket.db");
    write(&open(dir.path()), 4);

    let out = loket(&home, &db, &["audit", "verify"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let key = home.join(".config/loket/auditsleutel");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&key), 0o600);
        assert_eq!(mode(key.parent().unwrap()), 0o700);
        assert_eq!(mode(&key.with_file_name("auditankers.json")), 0o600);
    }
    assert_eq!(std::fs::read_to_string(&key).unwrap().trim().len(), 64);

    let conn = raw(dir.path());
    behind_the_triggers(&conn, "DELETE FROM audit_log");
    let out = loket(&home, &db, &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    // The verify's own sign-in is the only row left: the four written rows and the first
    // verify's sign-in are missing against the anchor.
    assert!(
        text.contains("het auditlog eindigt bij rij 1, maar bij de vorige controle ("),
        "{text}"
    );
    assert!(
        text.contains("liep het t/m rij 5 (5 rijen): rijen 2 t/m 5 ontbreken"),
        "{text}"
    );

    conn.execute_batch("DROP TRIGGER audit_log_no_update")
        .unwrap();
    let out = loket(&home, &db, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Auditlog-triggers: 1 probleem"), "{text}");
    assert!(
        text.contains("de trigger audit_log_no_update ontbreekt"),
        "{text}"
    );
    let out = loket(&home, &db, &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("de trigger audit_log_no_update ontbreekt"),
        "{text}"
    );
}

#[test]
fn cli_refuses_a_retention_of_zero_years_before_touching_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let db = dir.path().join("loket.db");
    write(&open(dir.path()), 4);
    let config = home.join(".config/loket");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "[bewaartermijnen]\nauditlog_jaren = 0\n",
    )
    .unwrap();

    let out = loket(&home, &db, &["purge"]);
    assert_eq!(out.status.code(), Some(1));
    let error = String::from_utf8_lossy(&out.stderr);
    assert!(
        error.contains("auditlog_jaren = 0 mag niet; kies 1 tot en met 20"),
        "{error}"
    );
    assert!(error.contains("minstens 1 jaar"), "{error}");
    // Only the beheerder's sign-in was added; nothing was removed.
    assert_eq!(count(&raw(dir.path()), "SELECT count(*) FROM audit_log"), 5);
}

#[test]
fn cli_after_a_restore_the_lost_rows_show_until_a_new_anchor_is_given_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let db = dir.path().join("loket.db");
    let backup = dir.path().join("terug.db");
    write(&open(dir.path()), 4);
    assert!(
        loket(&home, &db, &["backup", backup.to_str().unwrap()])
            .status
            .success()
    );
    for _ in 0..2 {
        assert!(loket(&home, &db, &["audit", "verify"]).status.success());
    }
    let out = loket(&home, &db, &["restore", backup.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = loket(&home, &db, &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    // The backup held rows 1-5 (four written, the backup's sign-in); the restore added its own
    // row and this verify its sign-in. The anchor of the second verify was at row 9.
    assert!(
        text.contains("het auditlog eindigt bij rij 7, maar bij de vorige controle ("),
        "{text}"
    );
    assert!(
        text.contains("liep het t/m rij 9 (9 rijen): rijen 8 t/m 9 ontbreken"),
        "{text}"
    );

    let out = loket(
        &home,
        &db,
        &["audit", "verify", "--nieuw-controlepunt", " "],
    );
    assert_eq!(out.status.code(), Some(1));
    let out = loket(
        &home,
        &db,
        &[
            "audit",
            "verify",
            "--nieuw-controlepunt",
            "back-up van 1 december teruggezet",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        text.contains("Het vorige controlepunt klopt niet meer:\n  rij "),
        "{text}"
    );
    let result: String = raw(dir.path())
        .query_row(
            "SELECT result FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        result,
        "nieuw controlepunt ondanks 1 probleem; reden: back-up van 1 december teruggezet"
    );
    assert!(loket(&home, &db, &["audit", "verify"]).status.success());

    // A log that is itself broken gets no new anchor, whatever the reason.
    behind_the_triggers(
        &raw(dir.path()),
        "UPDATE audit_log SET result = 'x' WHERE id = 2",
    );
    let out = loket(
        &home,
        &db,
        &["audit", "verify", "--nieuw-controlepunt", "toch"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Geen nieuw controlepunt"));
}
