//! Restoring a back-up cannot undo an erasure (probe B7), and back-ups can leave the host
//! encrypted: a household forgotten after the back-up was taken is erased again on restore,
//! with an audit row for the restore and one per erasure re-applied; an encrypted back-up
//! round-trips with its identity, and a wrong identity leaves the database as it was.

mod common;

use std::path::Path;
use std::process::Output;

use age::secrecy::ExposeSecret;
use common::db::{at, count, direct_intake_of, open, raw};
use loket::store::{RestoreBy, Store};

const DB: &str = "loket.db";
const NAME: &str = "KANARIE-HERSTEL-NAAM";

fn by() -> RestoreBy<'static> {
    RestoreBy {
        actor: "cli:beheer",
        origin: "test",
        now: at("2026-12-06T10:00:00Z"),
    }
}

fn forget(store: &mut Store, household: i64) {
    store
        .forget_household(household, "verzoek 2026-7", "cli:privacy", "test", by().now)
        .unwrap();
}

fn named(dir: &Path, name: &str) -> i64 {
    let sql = format!("SELECT count(*) FROM intakes WHERE name = '{name}'");
    count(&raw(dir), &sql)
}

fn audit_rows(dir: &Path, action: &str) -> Vec<String> {
    raw(dir)
        .prepare("SELECT object || ' ' || result FROM audit_log WHERE action = ?1 ORDER BY id")
        .unwrap()
        .query_map([action], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_household_forgotten_after_the_backup_is_erased_again_on_restore() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let household = direct_intake_of(&mut store, NAME);
    let kept = direct_intake_of(&mut store, "Blijft Bestaan");
    let backup = dir.path().join("kopie.db");
    store.backup_to(&backup).unwrap();
    forget(&mut store, household);
    assert_eq!(named(dir.path(), NAME), 0);

    let report = store.restore_from(&backup, None, by()).unwrap();
    assert_eq!(report.erased_again, vec![household]);
    assert_eq!(
        named(dir.path(), NAME),
        0,
        "the erasure holds after restore"
    );
    assert_eq!(named(dir.path(), "Blijft Bestaan"), 1);
    let restored = audit_rows(dir.path(), "back-up teruggezet");
    assert_eq!(restored.len(), 1, "{restored:?}");
    assert!(
        restored[0].contains("kopie.db") && restored[0].contains("1 gewist huishouden(s)"),
        "{restored:?}"
    );
    let erased = audit_rows(dir.path(), "privacy vergeten");
    assert_eq!(
        erased.len(),
        1,
        "the forget's own row went with the restore"
    );
    assert!(
        erased[0].starts_with(&format!("huishouden:{household} gelukt: opnieuw gewist")),
        "{erased:?}"
    );
    assert!(!erased[0].contains(&format!("huishouden:{kept}")));
    assert!(store.check().unwrap().is_ok());
    assert!(store.verify_audit().unwrap().is_intact());

    // A back-up taken after the erasure holds it already: nothing to do again.
    let later = dir.path().join("later.db");
    store.backup_to(&later).unwrap();
    let report = store.restore_from(&later, None, by()).unwrap();
    assert!(report.erased_again.is_empty());
    assert_eq!(report.already_erased, 1);
}

#[test]
fn the_register_names_no_one_and_a_household_of_another_database_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let household = direct_intake_of(&mut store, NAME);
    forget(&mut store, household);
    let register =
        std::fs::read_to_string(loket::store::erasure_register_path(&dir.path().join(DB))).unwrap();
    assert!(!register.contains(NAME) && !register.contains(&format!(" {household}\n")));

    // Another installation's back-up with a household of the same number, made at another
    // moment, is not erased.
    let other = tempfile::tempdir().unwrap();
    let mut elsewhere = open(other.path());
    raw(other.path())
        .execute(
            "INSERT INTO households (id, created_at) VALUES (?1, '2020-01-01T00:00:00Z')",
            [household],
        )
        .unwrap();
    let _ = direct_intake_of(&mut elsewhere, "Andere Gemeente");
    let backup = other.path().join("ander.db");
    elsewhere.backup_to(&backup).unwrap();
    let report = store.restore_from(&backup, None, by()).unwrap();
    assert!(report.erased_again.is_empty(), "{report:?}");
    assert_eq!(named(dir.path(), "Andere Gemeente"), 1);
}

/// The binary on the database in `dir`, signed in as the beheerder, with its audit key in
/// `dir`.
fn loket(dir: &Path, args: &[&str]) -> Output {
    let mut command = common::cli::beheerder_command(&dir.join(DB), args);
    command
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", dir.join("config"));
    common::cli::spawn_with_pin(&mut command)
        .wait_with_output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn cli_restore_says_what_it_erased_again() {
    let dir = tempfile::tempdir().unwrap();
    let household = direct_intake_of(&mut open(dir.path()), NAME);
    let made = loket(dir.path(), &["backup", "kopie.db"]);
    assert!(made.status.success(), "{}", text(&made.stderr));
    forget(&mut open(dir.path()), household);

    let restored = loket(dir.path(), &["restore", "kopie.db"]);
    let out = text(&restored.stdout);
    assert!(restored.status.success(), "{}", text(&restored.stderr));
    assert!(
        out.contains(&format!(
            "Opnieuw gewist: 1 huishouden(s) die na deze back-up zijn vergeten: {household}"
        )),
        "{out}"
    );
    assert!(
        out.contains("Verwijder haar zodra het herstel in orde is"),
        "{out}"
    );
    assert_eq!(named(dir.path(), NAME), 0);
    let audit = loket(dir.path(), &["audit", "--since", "2000-01-01"]);
    assert!(
        text(&audit.stdout).contains("back-up teruggezet"),
        "{}",
        text(&audit.stdout)
    );
}

/// A fresh age identity in `dir/sleutel.txt`; returns its public key.
fn identity(dir: &Path, file: &str) -> String {
    let key = age::x25519::Identity::generate();
    std::fs::write(dir.join(file), key.to_string().expose_secret()).unwrap();
    key.to_public().to_string()
}

#[test]
fn an_encrypted_backup_round_trips_and_a_wrong_identity_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let mut store = open(dir);
    direct_intake_of(&mut store, NAME);
    let recipient = identity(dir, "sleutel.txt");
    identity(dir, "ander.txt");

    let made = loket(
        dir,
        &["backup", "kopie.age", "--versleutel-voor", &recipient],
    );
    assert!(made.status.success(), "{}", text(&made.stderr));
    assert!(text(&made.stdout).contains("versleuteld"));
    let sealed = std::fs::read(dir.join("kopie.age")).unwrap();
    assert!(sealed.starts_with(b"age-encryption.org/v1"));
    assert!(!sealed.windows(NAME.len()).any(|w| w == NAME.as_bytes()));
    let left: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("loket-tmp"))
        .collect();
    assert!(left.is_empty(), "no plain copy stays: {left:?}");

    direct_intake_of(&mut store, "Na De Back-up");
    let without = loket(dir, &["restore", "kopie.age"]);
    assert_eq!(without.status.code(), Some(1));
    assert!(
        text(&without.stderr).contains("--identiteit"),
        "{}",
        text(&without.stderr)
    );
    let wrong = loket(dir, &["restore", "kopie.age", "--identiteit", "ander.txt"]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(
        text(&wrong.stderr).contains("niet voor deze identiteit versleuteld"),
        "{}",
        text(&wrong.stderr)
    );
    assert_eq!(named(dir, "Na De Back-up"), 1, "the database is unchanged");
    let copies = std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            let name = name.to_string_lossy();
            name.contains("voor-herstel") || name.contains("loket-tmp")
        })
        .count();
    assert_eq!(
        copies, 0,
        "a refused restore leaves no safety copy or scratch file"
    );

    let restored = loket(
        dir,
        &["restore", "kopie.age", "--identiteit", "sleutel.txt"],
    );
    assert!(restored.status.success(), "{}", text(&restored.stderr));
    assert!(text(&restored.stdout).contains("ontsleuteld"));
    assert_eq!(named(dir, NAME), 1);
    assert_eq!(named(dir, "Na De Back-up"), 0);

    // Recipients from a file, as `age -R` reads them.
    std::fs::write(
        dir.join("ontvangers.txt"),
        format!("# beheer\n{recipient}\n"),
    )
    .unwrap();
    let made = loket(
        dir,
        &["backup", "twee.age", "--versleutel-voor", "ontvangers.txt"],
    );
    assert!(made.status.success(), "{}", text(&made.stderr));
    let bad = loket(
        dir,
        &["backup", "drie.age", "--versleutel-voor", "age1onzin"],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stderr).contains("geen age-ontvanger"));
    assert!(!dir.join("drie.age").exists());
}
