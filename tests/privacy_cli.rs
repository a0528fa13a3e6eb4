//! `loket privacy export/forget` and `loket purge` on the built binary: the export goes to a
//! file only its owner can read, an erasure without a reason is refused, the terms come from
//! `config.toml`, a dry run prints the counts and is not audited.

mod common;

use common::db::{at, count, on_disk, open, raw};

use std::path::Path;
use std::process::Output;

use loket::domain::account::Role;
use loket::domain::intake::{Intake, Kanaal, Resident, Route, RouteSuggestion};
use loket::store::NewUser;

const NAME: &str = "KANARIE-CLI-NAAM-5K";
const QUESTION: &str = "KANARIE-CLI-VRAAG-5K";

/// A database with one named resident's question handled at the desk in 2025, and an old
/// draft; returns the household id.
fn database(dir: &Path) -> i64 {
    database_with(dir, NAME, QUESTION)
}

/// [`database`] with the resident's name and question as typed at the desk.
fn database_with(dir: &Path, name: &str, question: &str) -> i64 {
    let mut store = open(dir);
    let desk = NewUser {
        location: "STIP De Weide".into(),
        ..common::user("Kim KCC", Role::Vrijwilliger)
    };
    let desk = store.create_user(&desk, "48213").unwrap();
    let when = at("2025-03-10T09:42:00Z");
    let intake = Intake {
        kanaal: Kanaal::Balie,
        resident: Resident {
            name: name.into(),
            phone: "0612398765".into(),
            ..Resident::default()
        },
        question: question.into(),
        leefgebieden: vec!["wonen".into()],
        ..Intake::default()
    };
    let suggestion = RouteSuggestion {
        route: Route::Direct,
        why: "test".into(),
        spoed: false,
    };
    let saved = store
        .save_intake(&desk, &intake, &suggestion, None, "test", when)
        .unwrap();
    let draft = Intake {
        question: "Een half getypte vraag".into(),
        ..Intake::default()
    };
    store
        .save_draft(desk.id, &draft.clone().into(), when)
        .unwrap();
    saved.household_id.unwrap()
}

/// `loket` signed in as the beheerder, with its configuration folder in `config`.
fn loket(db: &Path, config: &Path, args: &[&str]) -> Output {
    common::cli::as_beheerder(db, args, "", &[("XDG_CONFIG_HOME", config)])
}

/// How the log names the beheerder the commands sign in as.
fn beheerder(dir: &Path) -> String {
    let bea = open(dir).user(common::cli::BEHEERDER).unwrap().unwrap();
    loket::store::audit_actor(&bea)
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn export_writes_a_file_only_its_owner_can_read() {
    let dir = tempfile::tempdir().unwrap();
    let household = database(dir.path()).to_string();
    let config = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    let out = dir.path().join("export.json");

    let export = loket(
        &db,
        config.path(),
        &["privacy", "export", "--household", &household, "--out"],
    );
    assert!(!export.status.success(), "--out needs a file name");
    let export = loket(
        &db,
        config.path(),
        &[
            "privacy",
            "export",
            "--household",
            &household,
            "--out",
            out.to_str().unwrap(),
        ],
    );

    assert!(export.status.success(), "{export:?}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(json["intakes"][0]["name"], NAME);
    assert_eq!(json["intakes"][0]["question"], QUESTION);
    assert!(
        !stdout(&export).contains("KANARIE"),
        "only the file holds it"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let audited: i64 = raw(dir.path())
        .query_row(
            "SELECT count(*) FROM audit_log WHERE actor = ?1 AND action = 'privacy export'",
            [beheerder(dir.path())],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 1, "under the account that signed in");
    let unknown = loket(
        &db,
        config.path(),
        &["privacy", "export", "--household", "4242"],
    );
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("4242"));
}

#[test]
fn forget_needs_a_reason_and_then_erases() {
    let dir = tempfile::tempdir().unwrap();
    let household = database(dir.path()).to_string();
    let config = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");

    let refused = loket(
        &db,
        config.path(),
        &["privacy", "forget", "--household", &household],
    );
    assert!(!refused.status.success());
    let refused = loket(
        &db,
        config.path(),
        &[
            "privacy",
            "forget",
            "--household",
            &household,
            "--reason",
            "  ",
        ],
    );
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("reden"));
    assert!(on_disk(dir.path(), NAME), "nothing was erased yet");

    let forget = loket(
        &db,
        config.path(),
        &[
            "privacy",
            "forget",
            "--household",
            &household,
            "--reason",
            "verzoek AVG-2026-017",
        ],
    );

    assert!(forget.status.success(), "{forget:?}");
    let printed = stdout(&forget);
    assert!(printed.contains("Intakes geanonimiseerd: 1"), "{printed}");
    assert!(printed.contains("Kladversies verwijderd: 0"), "{printed}");
    for canary in [NAME, QUESTION, "0612398765"] {
        assert!(!on_disk(dir.path(), canary), "{canary}");
    }
}

#[test]
fn purge_takes_its_terms_from_the_configuration_and_a_dry_run_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    database(dir.path());
    let config = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    common::cli::ensure_beheerder(&db);
    let audit_rows = || count(&raw(dir.path()), "SELECT count(*) FROM audit_log");
    let before = audit_rows();

    let dry = loket(&db, config.path(), &["purge", "--dry-run"]);

    assert!(dry.status.success(), "{dry:?}");
    let printed = stdout(&dry);
    for line in [
        "niets veranderd",
        "Direct afgehandelde intakes geanonimiseerd: 1",
        "Afgesloten zaken geanonimiseerd: 0",
        "Kladversies verwijderd: 1",
        "Auditregels verwijderd: 0",
    ] {
        assert!(printed.contains(line), "{line:?} not in {printed}");
    }
    assert_eq!(audit_rows(), before + 1, "a dry run: only the sign-in");
    assert!(on_disk(dir.path(), QUESTION));

    // Direct questions kept for ages here; drafts the default week.
    let settings = config.path().join("loket");
    std::fs::create_dir_all(&settings).unwrap();
    std::fs::write(
        settings.join("config.toml"),
        "[bewaartermijnen]\ndirect_afgehandeld_dagen = 3650\n",
    )
    .unwrap();
    let purge = loket(&db, config.path(), &["purge"]);
    assert!(purge.status.success(), "{purge:?}");
    let printed = stdout(&purge);
    assert!(printed.contains("Direct afgehandelde intakes geanonimiseerd: 0"));
    assert!(printed.contains("Kladversies verwijderd: 1"));
    assert!(!printed.contains("niets veranderd"));
    assert_eq!(audit_rows(), before + 3, "two sign-ins and the purge");
    assert!(
        on_disk(dir.path(), QUESTION),
        "the intake is within its term"
    );
}

/// Probe B19: bidi and zero-width characters typed into an intake came out raw in the export,
/// so the privacy officer's terminal applied the override.
#[test]
fn typed_bidi_and_zero_width_characters_are_not_stored_nor_exported() {
    let dir = tempfile::tempdir().unwrap();
    let household = database_with(
        dir.path(),
        "Inj\u{202E}Naam\u{200B}X",
        "Vraag \u{1B}]0;TITEL\u{7}over\u{9B}31m huur",
    )
    .to_string();
    let config = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");

    let export = loket(
        &db,
        config.path(),
        &["privacy", "export", "--household", &household],
    );

    assert!(export.status.success(), "{export:?}");
    let json: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    assert_eq!(json["intakes"][0]["name"], "InjNaamX");
    assert_eq!(json["intakes"][0]["question"], "Vraag over huur");
    let stored: String = raw(dir.path())
        .query_row("SELECT name FROM intakes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(stored, "InjNaamX");
}
