//! Maintenance on real database files: `check` finds damage and dangling references, a backup
//! taken while another desk keeps saving is one consistent moment, restore refuses anything
//! that is not a sound Loket database and keeps a safety copy, the WAL shrinks back after a
//! long-running reader, and flipped bytes give errors, never a panic.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use common::db::{at, count, open, raw};

use loket::domain::account::{Role, User};
use loket::domain::intake::{Intake, Kanaal, Resident, Route, RouteSuggestion};
use loket::store::safe_file::OutputError;
use loket::store::{MaintenanceError, RestoreBy, Store, StoreError};
use rusqlite::{Connection, OpenFlags};

const DB: &str = "loket.db";

fn user(store: &mut Store) -> User {
    let new = common::user("Anouk", Role::Vrijwilliger);
    match store.user("Anouk").unwrap() {
        Some(existing) => existing,
        None => store.create_user(&new, "48213").unwrap(),
    }
}

/// A question handed over to the schulden professional: one intake, two advice rows and one
/// queue item, all in one transaction — the invariant a consistent copy must keep.
fn save_handover(store: &mut Store, who: &User, n: usize) {
    let intake = Intake {
        kanaal: Kanaal::Balie,
        question: format!("Vraag {n} over betalingsachterstanden"),
        leefgebieden: vec!["geldzaken-schulden".into()],
        advice: vec!["svc-geldloket".into(), "svc-schuldhulpverlening".into()],
        resident: Resident {
            email: "inwoner@example.org".into(),
            ..Resident::default()
        },
        ..Intake::default()
    };
    let suggestion = RouteSuggestion {
        route: Route::Loket {
            leefgebied: "geldzaken-schulden".into(),
        },
        why: "test".into(),
        spoed: false,
    };
    store
        .save_intake(
            who,
            &intake,
            &suggestion,
            None,
            "test",
            at("2026-11-23T10:00:00Z"),
        )
        .unwrap();
}

/// A database with the sample kaart, a user and a few intakes, closed so it is one file.
fn filled(dir: &Path) -> PathBuf {
    let mut store = open(dir);
    loket::interop::load_sample(&mut store).unwrap();
    let who = user(&mut store);
    for n in 0..5 {
        save_handover(&mut store, &who, n);
    }
    dir.join(DB)
}

fn by() -> RestoreBy<'static> {
    RestoreBy {
        actor: "cli:beheer",
        origin: "test",
        now: at("2026-11-24T08:00:00Z"),
    }
}

fn read_only(path: &Path) -> Connection {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

fn flip(path: &Path, offset: usize) {
    let mut bytes = std::fs::read(path).unwrap();
    bytes[offset] ^= 0xFF;
    std::fs::write(path, bytes).unwrap();
}

fn loket(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_loket"))
        .arg("--db")
        .arg(dir.join(DB))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// How many audit rows with `action` the beheerder wrote.
fn by_beheerder(dir: &Path, action: &str) -> i64 {
    let store = Store::open(&dir.join(DB)).unwrap().store;
    let bea = store.user(common::cli::BEHEERDER).unwrap().unwrap();
    raw(dir)
        .query_row(
            "SELECT count(*) FROM audit_log WHERE actor = ?1 AND action = ?2",
            [loket::store::audit_actor(&bea), action.to_string()],
            |r| r.get(0),
        )
        .unwrap()
}

/// `loket` in `dir`, signed in as the beheerder: backup and restore need an account.
fn as_beheerder(dir: &Path, args: &[&str]) -> Output {
    common::cli::ensure_beheerder(&dir.join(DB));
    let mut child = Command::new(env!("CARGO_BIN_EXE_loket"))
        .arg("--db")
        .arg(dir.join(DB))
        .args(common::cli::signed_in(args))
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pin = format!("{}\n", common::cli::BEHEERDER_PIN);
    let _ = std::io::Write::write_all(&mut child.stdin.take().unwrap(), pin.as_bytes());
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn check_on_a_healthy_database_is_ok() {
    let dir = tempfile::tempdir().unwrap();
    filled(dir.path());
    let report = open(dir.path()).check().unwrap();
    assert!(report.is_ok(), "{report:?}");
    assert!(report.integrity.is_empty() && report.foreign_keys.is_empty());
    assert_eq!(report.schema_version, report.latest_version);
    let counted = |label: &str| {
        report
            .counts
            .iter()
            .find(|(l, _)| *l == label)
            .map(|(_, n)| *n)
            .unwrap()
    };
    assert!(counted("diensten") > 0);
    assert_eq!(counted("gebruikers"), 1);
    assert_eq!(counted("intakes"), 5);
    assert_eq!(counted("wachtrij open"), 5);
    assert_eq!(counted("wachtrij afgerond"), 0);
}

#[test]
fn check_finds_a_foreign_key_violation() {
    let dir = tempfile::tempdir().unwrap();
    filled(dir.path());
    let conn = raw(dir.path());
    conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
    conn.execute(
        "INSERT INTO intake_advice (intake_id, position, service_id) VALUES (999, 0, 'svc-x')",
        [],
    )
    .unwrap();
    let report = open(dir.path()).check().unwrap();
    assert!(!report.is_ok());
    assert!(report.integrity.is_empty());
    assert_eq!(report.foreign_keys.len(), 1, "{:?}", report.foreign_keys);
    assert!(report.foreign_keys[0].contains("intake_advice"));
    assert!(report.foreign_keys[0].contains("intakes"));
}

#[test]
fn backup_while_another_desk_keeps_saving_is_consistent_and_verified() {
    let dir = tempfile::tempdir().unwrap();
    filled(dir.path());
    let stop = Arc::new(AtomicBool::new(false));
    let saved = Arc::new(AtomicUsize::new(0));
    let writer = {
        let dir = dir.path().to_path_buf();
        let stop = Arc::clone(&stop);
        let saved = Arc::clone(&saved);
        thread::spawn(move || {
            let mut store = open(&dir);
            let who = user(&mut store);
            while !stop.load(Ordering::Relaxed) {
                save_handover(&mut store, &who, saved.load(Ordering::SeqCst));
                saved.fetch_add(1, Ordering::SeqCst);
            }
        })
    };
    let store = open(dir.path());
    let mut copies = Vec::new();
    for n in 0..4 {
        // Two more counted saves mean one that began after the last copy ended: each copy is
        // taken while the writer is busy and holds more than the one before.
        let before = saved.load(Ordering::SeqCst);
        let deadline = Instant::now() + Duration::from_secs(60);
        while saved.load(Ordering::SeqCst) < before + 2 {
            assert!(Instant::now() < deadline, "the writer stopped saving");
            thread::yield_now();
        }
        let path = dir.path().join(format!("kopie-{n}.db"));
        let report = store.backup_to(&path).unwrap();
        assert_eq!(report.path, path);
        assert_eq!(report.schema_version, loket::store::latest_schema_version());
        assert!(report.bytes > 0);
        copies.push(path);
    }
    stop.store(true, Ordering::Relaxed);
    writer.join().unwrap();

    let mut previous = 0;
    for path in &copies {
        // One file: the copy needs no -wal beside it.
        assert!(!Path::new(&format!("{}-wal", path.display())).exists());
        let conn = read_only(path);
        let integrity: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(integrity, "ok");
        let fk: i64 = conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(fk, 0);
        let intakes = count(&conn, "SELECT count(*) FROM intakes");
        assert_eq!(count(&conn, "SELECT count(*) FROM queue_items"), intakes);
        assert_eq!(
            count(&conn, "SELECT count(*) FROM intake_advice"),
            2 * intakes
        );
        assert!(
            intakes > previous,
            "a later copy holds the saves made since the one before"
        );
        previous = intakes;
    }
    let live = count(&raw(dir.path()), "SELECT count(*) FROM intakes");
    assert!(previous <= live);
}

#[test]
fn backup_refuses_to_overwrite_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    filled(dir.path());
    let earlier = dir.path().join("maandag.db");
    std::fs::write(&earlier, b"de back-up van maandag").unwrap();
    let error = open(dir.path()).backup_to(&earlier).unwrap_err();
    assert!(
        matches!(error, MaintenanceError::Output(OutputError::Exists { .. })),
        "{error}"
    );
    assert!(error.to_string().contains("bestaat al"));
    assert_eq!(std::fs::read(&earlier).unwrap(), b"de back-up van maandag");
}

#[test]
fn restore_refuses_a_sqlite_file_of_another_program() {
    let dir = tempfile::tempdir().unwrap();
    filled(dir.path());
    let foreign = dir.path().join("ander.db");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let mut store = open(dir.path());
    let error = store.restore_from(&foreign, None, by()).unwrap_err();
    assert!(
        matches!(
            error,
            MaintenanceError::Store(StoreError::ForeignDatabase { .. })
        ),
        "{error}"
    );
    assert_eq!(store.check().unwrap().counts[3], ("intakes", 5));
    assert_eq!(safety_copies(dir.path()), 0, "nothing to undo, so no copy");
}

#[test]
fn restore_refuses_a_corrupt_backup() {
    let dir = tempfile::tempdir().unwrap();
    filled(dir.path());
    let mut store = open(dir.path());
    let backup = dir.path().join("kopie.db");
    store.backup_to(&backup).unwrap();
    let pages = std::fs::metadata(&backup).unwrap().len() as usize / 4096;
    // The b-tree page type byte of a page in the middle.
    flip(&backup, pages / 2 * 4096);
    let error = store.restore_from(&backup, None, by()).unwrap_err();
    assert!(
        matches!(
            error,
            MaintenanceError::Damaged { .. }
                | MaintenanceError::Store(StoreError::NotADatabase { .. })
        ),
        "{error}"
    );
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn restore_refuses_a_backup_from_a_newer_loket() {
    let dir = tempfile::tempdir().unwrap();
    filled(dir.path());
    let mut store = open(dir.path());
    let backup = dir.path().join("kopie.db");
    store.backup_to(&backup).unwrap();
    Connection::open(&backup)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let error = store.restore_from(&backup, None, by()).unwrap_err();
    assert!(
        matches!(error, MaintenanceError::Store(StoreError::TooNew { .. })),
        "{error}"
    );
}

fn safety_copies(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("loket.db.voor-herstel-")
        })
        .count()
}

#[test]
fn restore_puts_the_backup_back_and_keeps_a_safety_copy() {
    let dir = tempfile::tempdir().unwrap();
    filled(dir.path());
    let mut store = open(dir.path());
    let backup = dir.path().join("kopie.db");
    store.backup_to(&backup).unwrap();

    // After the backup: more intakes, and a kaart emptied by mistake.
    let who = user(&mut store);
    for n in 0..3 {
        save_handover(&mut store, &who, n);
    }
    raw(dir.path())
        .execute_batch("PRAGMA foreign_keys = ON; DELETE FROM services;")
        .unwrap();
    // Another desk has the database open throughout.
    let other_desk = open(dir.path());
    assert_eq!(other_desk.count_services().unwrap(), 0);

    let report = store.restore_from(&backup, None, by()).unwrap();
    assert_eq!(report.schema_version, loket::store::latest_schema_version());
    assert!(store.check().unwrap().is_ok());
    assert_eq!(count(&raw(dir.path()), "SELECT count(*) FROM intakes"), 5);
    assert!(
        other_desk.count_services().unwrap() > 0,
        "the other desk sees the restored kaart"
    );

    assert!(report.safety_copy.exists());
    let before = read_only(&report.safety_copy);
    assert_eq!(count(&before, "SELECT count(*) FROM intakes"), 8);
    assert_eq!(count(&before, "SELECT count(*) FROM services"), 0);
    assert_eq!(safety_copies(dir.path()), 1);
}

#[test]
fn cli_check_backup_and_restore_with_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    filled(dir.path());

    let checked = loket(dir.path(), &["check"]);
    assert!(checked.status.success(), "{}", text(&checked.stderr));
    let out = text(&checked.stdout);
    assert!(out.contains("Integriteit: in orde"), "{out}");
    assert!(out.contains("Resultaat: in orde"), "{out}");

    let made = as_beheerder(dir.path(), &["backup", "kopie.db"]);
    assert!(made.status.success(), "{}", text(&made.stderr));
    assert!(text(&made.stdout).contains("Back-up gemaakt"));
    assert_eq!(by_beheerder(dir.path(), "back-up gemaakt"), 1);

    let again = as_beheerder(dir.path(), &["backup", "kopie.db"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("bestaat al"));

    let restored = as_beheerder(dir.path(), &["restore", "kopie.db"]);
    assert!(restored.status.success(), "{}", text(&restored.stderr));
    assert!(text(&restored.stdout).contains("voor-herstel"));
    assert_eq!(by_beheerder(dir.path(), "back-up teruggezet"), 1);

    std::fs::write(dir.path().join("notities.txt"), "geen database").unwrap();
    let refused = as_beheerder(dir.path(), &["restore", "notities.txt"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(text(&refused.stderr).contains("geen SQLite-database"));

    let missing = Command::new(env!("CARGO_BIN_EXE_loket"))
        .args(["--db", "bestaat-niet.db", "check"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(!dir.path().join("bestaat-niet.db").exists());
}

#[test]
fn cli_check_fails_on_a_dangling_reference() {
    let dir = tempfile::tempdir().unwrap();
    filled(dir.path());
    let conn = raw(dir.path());
    conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
    conn.execute(
        "INSERT INTO user_teams (user_id, team) VALUES (42, 'KCC')",
        [],
    )
    .unwrap();
    drop(conn);
    let checked = loket(dir.path(), &["check"]);
    assert_eq!(checked.status.code(), Some(1));
    let out = text(&checked.stdout);
    assert!(out.contains("user_teams rij"), "{out}");
    assert!(out.contains("PROBLEMEN GEVONDEN"), "{out}");
}

fn wal_size(dir: &Path) -> u64 {
    std::fs::metadata(dir.join(format!("{DB}-wal")))
        .map(|m| m.len())
        .unwrap_or(0)
}

/// A shift: a report left open holds a read transaction while the desks save thousands of
/// small changes. The WAL must grow meanwhile (the reader needs the old pages), but once the
/// reader is gone it must shrink back, not stay at its peak for the rest of the day.
#[test]
fn wal_stays_bounded_after_a_long_running_reader() {
    const LIMIT: u64 = 5 * 1024 * 1024;
    let dir = tempfile::tempdir().unwrap();
    filled(dir.path());
    let store = open(dir.path());
    let saved = |n: usize| {
        store
            .audit(
                "Anouk",
                "intake bekijken",
                &format!("intake {n}"),
                "ok",
                "test",
                at("2026-11-23T10:00:00Z"),
            )
            .unwrap();
    };

    let mut reader = raw(dir.path());
    let report = reader.transaction().unwrap();
    let before: i64 = report
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap();
    for n in 0..3000 {
        saved(n);
    }
    let peak = wal_size(dir.path());
    let blocked = store.checkpoint().unwrap();
    assert!(
        !blocked.is_complete(),
        "the reader still needs the old pages"
    );
    let still: i64 = report
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap();
    assert_eq!(still, before, "the reader keeps its snapshot");
    report.finish().unwrap();

    // The rest of the shift.
    for n in 3000..4000 {
        saved(n);
    }
    let after = wal_size(dir.path());
    let done = store.checkpoint().unwrap();
    saved(4000);
    let end = wal_size(dir.path());
    eprintln!(
        "WAL: peak {peak} bytes with the reader, {after} after 1000 more saves, {end} after a checkpoint"
    );
    assert!(
        peak > LIMIT,
        "the test must make the WAL grow (peak {peak})"
    );
    assert!(done.is_complete(), "{done:?}");
    assert!(after < LIMIT, "WAL {after} bytes after the reader ended");
    assert!(end < LIMIT, "WAL {end} bytes at the end of the shift");
}

/// Opens a damaged copy and reads it the ways Loket does; whether the damage was noticed.
fn open_and_check(path: &Path) -> bool {
    match Store::open(path) {
        Err(_) => true,
        Ok(opened) => {
            let store = opened.store;
            // Whatever these return, they must return.
            let _ = store.load_kaart();
            let _ = store.users();
            store.check().map_or(true, |report| !report.is_ok())
        }
    }
}

/// Bytes flipped in the header, in page 1 and in pages across the file: opening and checking
/// gives an error or a report with problems, and reading what is there never panics.
#[test]
fn flipped_bytes_give_a_clean_error_or_a_failed_check() {
    let dir = tempfile::tempdir().unwrap();
    let original = filled(dir.path());
    let pages = std::fs::metadata(&original).unwrap().len() as usize / 4096;
    // Header: magic, page size, reserved bytes, payload fraction, page count, largest root
    // page, user_version, application_id; then page 1's b-tree header.
    let mut offsets = vec![0, 16, 20, 21, 28, 52, 60, 68, 100, 103, 105];
    // The page type, cell count and cell content start of pages across the file.
    for page in [1, 2, pages / 4, pages / 2, 3 * pages / 4, pages - 1] {
        offsets.extend([page * 4096, page * 4096 + 3, page * 4096 + 5]);
    }
    let copy = |n: usize, offset: usize| {
        let path = dir.path().join(format!("kapot-{n}.db"));
        std::fs::copy(&original, &path).unwrap();
        flip(&path, offset);
        path
    };
    let unnoticed: Vec<usize> = offsets
        .iter()
        .enumerate()
        .filter(|&(n, &offset)| !open_and_check(&copy(n, offset)))
        .map(|(_, &offset)| offset)
        .collect();
    assert!(unnoticed.is_empty(), "flips not noticed at {unnoticed:?}");

    // The file format versions, the schema cookie and the schema format: SQLite rewrites or
    // tolerates these, so they need not be noticed, but they must not panic either.
    for (n, offset) in [18, 19, 40, 44].into_iter().enumerate() {
        open_and_check(&copy(100 + n, offset));
    }
}
