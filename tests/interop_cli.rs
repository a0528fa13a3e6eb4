//! `loket import` and `loket export` end to end, on the built binary with `--db` in a temporary
//! folder: exit codes, what is printed, and that a failure names the file.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hsds")
        .join(name)
}

fn loket(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_loket"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("LOKET_DB")
        .output()
        .expect("the loket binary runs")
}

/// `loket export …`, signed in as the beheerder: an export needs an account.
fn export(db: &Path, args: &[&str]) -> Output {
    let mut with_export = vec!["export"];
    with_export.extend_from_slice(args);
    common::cli::as_beheerder(db, &with_export, "", &[])
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn import_prints_the_report_and_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    let out = loket(&db, &["import", fixture("v3").to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("Geïmporteerd: "), "{stdout}");
    assert!(
        stdout.contains("diensten: 3 nieuw, 0 bijgewerkt"),
        "{stdout}"
    );

    let again = loket(
        &db,
        &["import", "--dry-run", fixture("v3").to_str().unwrap()],
    );
    assert!(again.status.success());
    assert!(
        text(&again.stdout).contains("diensten: 0 nieuw, 3 bijgewerkt"),
        "{}",
        text(&again.stdout)
    );
}

#[test]
fn dry_run_leaves_a_new_database_empty() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    let out = loket(
        &db,
        &["import", "--dry-run", fixture("legacy").to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("Proefimport"));
    let real = loket(&db, &["import", fixture("legacy").to_str().unwrap()]);
    assert!(
        text(&real.stdout).contains("diensten: 2 nieuw"),
        "{}",
        text(&real.stdout)
    );
}

#[test]
fn broken_input_exits_non_zero_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let package = dir.path().join("kapot");
    std::fs::create_dir_all(&package).unwrap();
    std::fs::write(package.join("services.csv"), "id,name\ns1,Wijkteam\n").unwrap();
    std::fs::write(
        package.join("schedules.csv"),
        "id,service_id,description\n1,s1,\"nooit gesloten\n",
    )
    .unwrap();
    let out = loket(
        &dir.path().join("loket.db"),
        &["import", package.to_str().unwrap()],
    );
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("schedules.csv, rij 1 (regel 2)"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());

    let missing = loket(&dir.path().join("loket.db"), &["import", "bestaat/niet"]);
    assert!(!missing.status.success());
    assert!(text(&missing.stderr).contains("bestaat niet"));
}

#[test]
fn export_refuses_a_non_empty_folder_unless_forced_and_reimports() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    assert!(
        loket(&db, &["import", fixture("v3").to_str().unwrap()])
            .status
            .success()
    );

    let folder = dir.path().join("export");
    let out = export(&db, &[folder.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("3 diensten"),
        "{}",
        text(&out.stdout)
    );
    assert!(folder.join("datapackage.json").is_file());

    let refused = export(&db, &[folder.to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).contains("niet leeg"),
        "{}",
        text(&refused.stderr)
    );
    assert!(
        export(&db, &["--force", folder.to_str().unwrap()])
            .status
            .success()
    );

    let json = dir.path().join("kaart.json");
    let out = export(&db, &["--format", "hsds-json", json.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let other = dir.path().join("ander.db");
    let out = loket(&other, &["import", json.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Geen waarschuwingen."),
        "{}",
        text(&out.stdout)
    );
    let out = loket(&other, &["import", folder.to_str().unwrap()]);
    assert!(
        text(&out.stdout).contains("diensten: 0 nieuw, 3 bijgewerkt"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn warnings_are_counted_per_kind_and_all_written_with_warnings_csv() {
    let dir = tempfile::tempdir().unwrap();
    let package = dir.path().join("pakket");
    std::fs::create_dir(&package).unwrap();
    let mut services = String::from("id,name,organization_id\n");
    for n in 1..=5 {
        services.push_str(&format!("s{n},Dienst {n},org-weg-{n}\n"));
    }
    services.push_str("s6,Dienst 6,\n,Zonder id,\n");
    std::fs::write(package.join("services.csv"), services).unwrap();
    let warnings = dir.path().join("waarschuwingen.csv");
    let out = loket(
        &dir.path().join("loket.db"),
        &[
            "import",
            package.to_str().unwrap(),
            "--warnings-csv",
            warnings.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(
            "6 waarschuwingen, per soort:\n  5× verwijst naar onbekende organisatie '…'; koppeling weggelaten\n      services.csv, rij 1, kolom organization_id:"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("  1× id ontbreekt; regel overgeslagen"),
        "{stdout}"
    );
    // Three examples per kind on screen, every warning in the file.
    assert!(!stdout.contains("org-weg-4"), "{stdout}");
    let csv = std::fs::read_to_string(&warnings).unwrap();
    assert_eq!(csv.lines().count(), 7, "{csv}");
    assert!(csv.starts_with("bestand,plaats,kolom,melding\n"), "{csv}");
    assert!(
        csv.contains(
            "services.csv,rij 5,organization_id,verwijst naar onbekende organisatie 'org-weg-5'"
        ),
        "{csv}"
    );
}
