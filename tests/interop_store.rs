//! Importing into a real database: one transaction, no duplicates on re-import, dry runs that
//! write nothing, and failures that leave the database exactly as it was.

use std::path::{Path, PathBuf};

use strum::VariantArray;

use loket::domain::{Kaart, Laag, Leefgebieden};
use loket::interop::{ImportError, Outcome, import_path, load_sample};
use loket::store::{SaveCounts, Store};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hsds")
        .join(name)
}

fn open(dir: &Path) -> Store {
    Store::open(&dir.join("loket.db")).unwrap().store
}

/// A copy of a fixture package that a test may change.
fn copy_fixture(name: &str, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(fixture(name)).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

fn snapshot(store: &Store) -> (Kaart, usize) {
    (
        store.load_kaart().unwrap(),
        store.import_runs().unwrap().len(),
    )
}

#[test]
fn reimport_updates_by_id_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let leefgebieden = Leefgebieden::builtin();
    let first = import_path(&mut store, &fixture("v3"), &leefgebieden, false).unwrap();
    assert_eq!(first.outcome, Outcome::Saved);
    let created = SaveCounts {
        organizations_created: 2,
        locations_created: 3,
        services_created: 3,
        ..SaveCounts::default()
    };
    assert_eq!(first.counts, created);
    let after_first = store.load_kaart().unwrap();

    let second = import_path(&mut store, &fixture("v3"), &leefgebieden, false).unwrap();
    let updated = SaveCounts {
        organizations_updated: 2,
        locations_updated: 3,
        services_updated: 3,
        ..SaveCounts::default()
    };
    assert_eq!(second.counts, updated);
    assert_eq!(store.load_kaart().unwrap(), after_first);
    assert_eq!(store.count_services().unwrap(), 3);
    let runs = store.import_runs().unwrap();
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[0].services, 3);
    assert!(
        runs[0].report.contains("diensten: 0 nieuw, 3 bijgewerkt"),
        "{}",
        runs[0].report
    );
}

#[test]
fn dry_run_writes_nothing_but_reports_what_would_happen() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let report = import_path(&mut store, &fixture("v3"), &Leefgebieden::builtin(), true).unwrap();
    assert_eq!(report.outcome, Outcome::DryRun);
    assert_eq!(report.counts.services_created, 3);
    assert!(report.to_string().starts_with("Proefimport"), "{report}");
    assert_eq!(snapshot(&store), (Kaart::default(), 0));
}

#[test]
fn a_broken_late_file_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let leefgebieden = Leefgebieden::builtin();
    import_path(&mut store, &fixture("v3"), &leefgebieden, false).unwrap();
    let before = snapshot(&store);

    let package = dir.path().join("kapot");
    copy_fixture("v3", &package);
    let services = std::fs::read_to_string(package.join("services.csv")).unwrap();
    std::fs::write(
        package.join("services.csv"),
        services.replace("Formulierenhulp", "Nieuwe naam"),
    )
    .unwrap();
    let mut attributes = std::fs::read_to_string(package.join("attributes.csv")).unwrap();
    attributes.push_str("a-99,svc-koffie,\"t-gratis,,service,\n");
    std::fs::write(package.join("attributes.csv"), attributes).unwrap();

    let err = import_path(&mut store, &package, &leefgebieden, false).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("attributes.csv, rij 15 (regel 16)"),
        "{err}"
    );
    assert_eq!(snapshot(&store), before);
}

#[test]
fn a_failure_inside_the_save_rolls_everything_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let leefgebieden = Leefgebieden::builtin();
    import_path(&mut store, &fixture("legacy"), &leefgebieden, false).unwrap();
    let before = snapshot(&store);
    // Make the database refuse the last rows the v3 package writes (exception hours), after its
    // organisations, locations and services have already been written in the transaction.
    let conn = rusqlite::Connection::open(dir.path().join("loket.db")).unwrap();
    conn.execute_batch(
        "CREATE TRIGGER refuse BEFORE INSERT ON hours_exceptions
         WHEN NEW.service_id = 'svc-koffie' BEGIN SELECT RAISE(ABORT, 'geweigerd'); END;",
    )
    .unwrap();
    drop(conn);

    let err = import_path(&mut store, &fixture("v3"), &leefgebieden, false).unwrap_err();
    assert!(matches!(err, ImportError::Store(_)), "{err}");
    assert!(
        err.to_string()
            .contains("de database is ongewijzigd gebleven"),
        "{err}"
    );
    assert_eq!(snapshot(&store), before);
}

#[test]
fn references_to_records_already_in_the_database_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let leefgebieden = Leefgebieden::builtin();
    import_path(&mut store, &fixture("v3"), &leefgebieden, false).unwrap();
    let update = dir.path().join("update");
    std::fs::create_dir_all(&update).unwrap();
    std::fs::write(
        update.join("services.csv"),
        "id,organization_id,name\nsvc-nieuw,org-buurthuis,Repair café\n",
    )
    .unwrap();
    std::fs::write(
        update.join("service_at_location.csv"),
        "service_id,location_id\nsvc-nieuw,loc-linde\n",
    )
    .unwrap();
    let report = import_path(&mut store, &update, &leefgebieden, false).unwrap();
    assert!(report.warnings.is_empty(), "{report}");
    let kaart = store.load_kaart().unwrap();
    let new = kaart.service("svc-nieuw").unwrap();
    assert_eq!(new.organization_id.as_deref(), Some("org-buurthuis"));
    assert_eq!(new.location_ids, ["loc-linde"]);
    assert_eq!(kaart.services.len(), 4);
}

#[test]
fn the_sample_kaart_loads_cleanly_and_covers_every_leefgebied_and_laag() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let report = load_sample(&mut store).unwrap();
    assert!(report.warnings.is_empty(), "{report}");
    let kaart = store.load_kaart().unwrap();
    assert!(
        kaart.services.len() >= 150,
        "{} services",
        kaart.services.len()
    );
    assert!(
        kaart.organizations.len() >= 60,
        "{} organisations",
        kaart.organizations.len()
    );
    for leefgebied in Leefgebieden::builtin().all() {
        assert!(
            kaart
                .services
                .iter()
                .any(|s| s.leefgebieden.contains(&leefgebied.code)),
            "{}",
            leefgebied.code
        );
    }
    for &laag in Laag::VARIANTS {
        assert!(
            kaart.services.iter().any(|s| s.laag == Some(laag)),
            "{laag:?}"
        );
    }
    // Loading it again (e.g. a second first start racing) duplicates nothing.
    let again = load_sample(&mut store).unwrap();
    assert_eq!(again.counts.services_created, 0);
    assert_eq!(store.load_kaart().unwrap(), kaart);
}
