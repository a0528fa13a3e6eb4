//! The files the commands write and read, attacked as in the security probe (B4, B13, B14,
//! B17, B18) on the built binary: exports never overwrite the database, an existing file or
//! anything through a symbolic link; imports and restores refuse devices, FIFOs and oversized
//! files without hanging; `check` never turns a file into a database; the errors a user can
//! meet are in Dutch.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::db::{count, direct_intake_of, open, raw};

const DB: &str = "loket.db";

/// A database with the sample kaart and one resident's intake; returns the household id.
fn database(dir: &Path) -> i64 {
    let mut store = open(dir);
    loket::interop::load_sample(&mut store).unwrap();
    direct_intake_of(&mut store, "Fleur de Boer")
}

/// The commands that need a beheerder's sign-in.
const SIGNED: [&str; 5] = ["privacy", "backup", "restore", "export", "audit"];

/// Runs the binary in `dir` (signed in as the beheerder where the command needs it), stopping
/// it (and failing) if it is still running after 30 s: a command that hangs on a FIFO must fail
/// the test, not the test run.
fn loket(dir: &Path, args: &[&str]) -> Output {
    let mut command = if SIGNED.contains(&args[0]) {
        common::cli::beheerder_command(&dir.join(DB), args)
    } else {
        let mut plain = Command::new(env!("CARGO_BIN_EXE_loket"));
        plain
            .arg("--db")
            .arg(dir.join(DB))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        plain
    };
    command
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", dir.join("config"));
    let mut child = if SIGNED.contains(&args[0]) {
        common::cli::spawn_with_pin(&mut command)
    } else {
        command.spawn().unwrap()
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("loket {args:?} hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn refused(output: &Output, words: &str) {
    assert_eq!(output.status.code(), Some(1), "{}", stderr(output));
    let text = stderr(output);
    assert!(text.contains(words), "expected {words:?} in: {text}");
    assert!(!text.contains("os error"), "English system text: {text}");
}

fn intakes(dir: &Path) -> i64 {
    count(&raw(dir), "SELECT count(*) FROM intakes")
}

fn exports_audited(dir: &Path) -> i64 {
    count(
        &raw(dir),
        "SELECT count(*) FROM audit_log WHERE action = 'privacy export'",
    )
}

/// No temporary file of an aborted write stays behind.
fn no_leftovers(dir: &Path) {
    let left: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".loket-tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[cfg(unix)]
#[test]
fn privacy_export_never_overwrites_the_database_a_file_or_a_link_target() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let household = database(dir).to_string();
    let export = |out: &str, force: bool| {
        let mut args = vec!["privacy", "export", "--household", &household, "--out", out];
        if force {
            args.push("--force");
        }
        loket(dir, &args)
    };

    // B4: the live database and its WAL.
    for target in ["loket.db", "loket.db-wal", "./loket.db-shm"] {
        refused(&export(target, true), "is de database");
    }
    assert_eq!(intakes(dir), 1);
    assert!(loket(dir, &["check"]).status.success());

    std::fs::write(dir.join("keep.txt"), "blijft").unwrap();
    refused(&export("keep.txt", false), "of gebruik --force");
    assert_eq!(
        std::fs::read_to_string(dir.join("keep.txt")).unwrap(),
        "blijft"
    );

    std::fs::write(dir.join("victim6"), "blijft").unwrap();
    symlink(dir.join("victim6"), dir.join("link6")).unwrap();
    symlink(dir.join("created6"), dir.join("dangling6")).unwrap();
    for force in [false, true] {
        refused(&export("link6", force), "symbolische koppeling");
        refused(&export("dangling6", force), "symbolische koppeling");
    }
    assert_eq!(
        std::fs::read_to_string(dir.join("victim6")).unwrap(),
        "blijft"
    );
    assert!(!dir.join("created6").exists());
    assert_eq!(exports_audited(dir), 0, "a refused target exports nothing");

    let replaced = export("keep.txt", true);
    assert!(replaced.status.success(), "{}", stderr(&replaced));
    let text = std::fs::read_to_string(dir.join("keep.txt")).unwrap();
    assert!(text.contains("Fleur de Boer"), "{text}");
    let mode = std::fs::metadata(dir.join("keep.txt"))
        .unwrap()
        .permissions();
    assert_eq!(mode.mode() & 0o777, 0o600);
    assert!(export("nieuw.json", false).status.success());
    assert_eq!(exports_audited(dir), 2);
    no_leftovers(dir);
}

#[cfg(unix)]
#[test]
fn kaart_export_never_follows_a_link() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    database(dir);

    // B13: a dangling link, without --force.
    symlink(dir.join("created4"), dir.join("link4")).unwrap();
    refused(
        &loket(dir, &["export", "link4", "--format", "hsds-json"]),
        "symbolische koppeling",
    );
    assert!(!dir.join("created4").exists());

    // B13: a link planted inside the output folder, with --force.
    std::fs::create_dir(dir.join("outdir")).unwrap();
    std::fs::write(dir.join("victim5"), "blijft").unwrap();
    symlink(dir.join("victim5"), dir.join("outdir/services.csv")).unwrap();
    refused(
        &loket(dir, &["export", "outdir", "--force"]),
        "symbolische koppeling",
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("victim5")).unwrap(),
        "blijft"
    );
    assert_eq!(std::fs::read_dir(dir.join("outdir")).unwrap().count(), 1);

    // The output folder itself a link.
    std::fs::create_dir(dir.join("echt")).unwrap();
    symlink(dir.join("echt"), dir.join("mapkoppeling")).unwrap();
    refused(
        &loket(dir, &["export", "mapkoppeling"]),
        "symbolische koppeling",
    );

    refused(
        &loket(
            dir,
            &["export", "loket.db", "--format", "hsds-json", "--force"],
        ),
        "is de database",
    );
    assert!(loket(dir, &["check"]).status.success());

    let json = ["export", "kaart.json", "--format", "hsds-json"];
    assert!(loket(dir, &json).status.success());
    refused(&loket(dir, &json), "bestaat al");
    let forced = loket(
        dir,
        &["export", "kaart.json", "--format", "hsds-json", "--force"],
    );
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(loket(dir, &["export", "pakket"]).status.success());
    assert!(
        loket(dir, &["export", "pakket", "--force"])
            .status
            .success()
    );
    assert_eq!(std::fs::read_dir(dir.join("pakket")).unwrap().count(), 11);
    no_leftovers(dir);
    no_leftovers(&dir.join("pakket"));
}

#[test]
fn backup_into_a_missing_folder_says_so_in_dutch() {
    let dir = tempfile::tempdir().unwrap();
    database(dir.path());
    refused(
        &loket(dir.path(), &["backup", "nergens/kopie.db"]),
        "map bestaat niet",
    );
    assert!(!dir.path().join("nergens").exists());
}

#[cfg(unix)]
#[allow(unsafe_code)]
fn fifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
}

#[cfg(unix)]
#[test]
fn import_and_restore_refuse_devices_and_fifos_without_hanging() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    database(dir);
    // B14: /dev/zero behind a symlink grew memory without end; a FIFO hung for ever.
    symlink("/dev/zero", dir.join("zero.json")).unwrap();
    fifo(&dir.join("fifo.json"));
    std::fs::create_dir(dir.join("pakket")).unwrap();
    fifo(&dir.join("pakket/services.csv"));
    for path in ["zero.json", "fifo.json", "pakket"] {
        refused(&loket(dir, &["import", path]), "geen gewoon bestand");
    }
    fifo(&dir.join("fifo.db"));
    symlink("/dev/zero", dir.join("zero.db")).unwrap();
    for path in ["fifo.db", "zero.db"] {
        refused(&loket(dir, &["restore", path]), "geen gewoon bestand");
    }
    assert_eq!(intakes(dir), 1);
}

#[test]
fn an_import_file_above_the_limit_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    database(dir.path());
    let big = dir.path().join("groot.json");
    // Sparse: no disk space used, but larger than the limit.
    std::fs::File::create(&big)
        .unwrap()
        .set_len(loket::interop::MAX_IMPORT_FILE_BYTES + 1)
        .unwrap();
    refused(&loket(dir.path(), &["import", "groot.json"]), "1024 MB");
}

#[test]
fn check_never_turns_a_file_into_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    // B18: a 0-byte file became a 282 KB Loket database.
    std::fs::write(dir.join(DB), b"").unwrap();
    refused(&loket(dir, &["check"]), "is leeg");
    assert_eq!(std::fs::metadata(dir.join(DB)).unwrap().len(), 0);
    assert!(!dir.join("loket.db-wal").exists());
}

#[test]
fn check_reports_an_older_schema_without_migrating_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB);
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "application_id", loket::store::LOKET_APPLICATION_ID)
        .unwrap();
    loket::store::migrations()
        .to_version(&mut conn, 10)
        .unwrap();
    drop(conn);
    let checked = loket(dir.path(), &["check"]);
    let out = String::from_utf8_lossy(&checked.stdout);
    assert!(checked.status.success(), "{out}{}", stderr(&checked));
    assert!(
        out.contains("ouder schema, wordt bijgewerkt bij de volgende start"),
        "{out}"
    );
    let version: i64 = raw(dir.path())
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 10, "check must not migrate");
}

#[test]
fn database_errors_a_user_can_meet_are_in_dutch() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    // `--db` naming a folder.
    std::fs::create_dir(dir.join("map.db")).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_loket"))
        .args(["--db", "map.db", "report"])
        .current_dir(dir)
        .output()
        .unwrap();
    refused(&output, "kan niet worden geopend");
    assert!(!stderr(&output).contains("unable to open"));

    // A database cut short: "database disk image is malformed".
    database(dir);
    let backup = loket(dir, &["backup", "kopie.db"]);
    assert!(backup.status.success(), "{}", stderr(&backup));
    let bytes = std::fs::read(dir.join("kopie.db")).unwrap();
    std::fs::write(dir.join("kapot.db"), &bytes[..bytes.len() / 2]).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_loket"))
        .args(["--db", "kapot.db", "report"])
        .current_dir(dir)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(text.contains("beschadigd"), "{text}");
    assert!(!text.contains("malformed"), "{text}");
}
