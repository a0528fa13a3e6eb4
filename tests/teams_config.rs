//! `routing.toml` and `termijnen.toml` in the configuration folder apply everywhere: a renamed
//! Sociaal Team is the team an item lands at, that its member (added by that name on the
//! command line) claims; a broken file keeps the built-in one, and the beheerder's status line
//! and the command line's standard error say which file and line.

mod common;

use std::path::Path;
use std::sync::Arc;

use common::db::{at, hand_over_to_de_weide, member};
use common::{Desk, PIN, monday_morning, settings};
use loket::domain::account::Role;
use loket::domain::queue::QueueAction;
use loket::domain::routing::table::RoutingTable;
use loket::reference_files::reference_data;
use loket::search::Catalog;
use loket::store::Store;
use loket::tui::{App, Keymap};

const ZUID: &str = "expertiseteam = \"Expertiseteam\"\nkcc = \"KCC\"\n\
                    [sociaal_team]\n\"De Weide\" = \"Sociaal Team Zuid\"\n";

fn folder_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

#[test]
fn a_sociaal_team_renamed_in_the_configuration_folder_gets_the_item_and_its_member_claims_it() {
    let config = folder_with(&[("routing.toml", ZUID)]);
    let reference = reference_data(Some(config.path())).unwrap();
    assert!(reference.problems.is_empty(), "{:?}", reference.problems);
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("loket.db")).unwrap().store;
    store.use_reference(reference);
    let desk = member(&mut store, "Bea Balie", Role::Vrijwilliger, &[]);
    let ilse = member(&mut store, "Ilse", Role::Medewerker, &["Sociaal Team Zuid"]);
    let now = at("2026-03-02T10:00:00Z");
    let question = "Schulden, geen werk en de huur loopt achter";
    let (id, _) = hand_over_to_de_weide(&mut store, &desk, question, now);
    let claimed = store
        .queue_act(id, &ilse, &QueueAction::Claim, "test", now)
        .unwrap();
    assert_eq!(claimed.target_label, "Sociaal Team Zuid");
}

#[test]
fn broken_routing_and_terms_files_keep_the_builtin_ones_and_name_their_line() {
    let config = folder_with(&[
        (
            "routing.toml",
            "expertiseteam = \"E\"\nkcc = \"K\"\n[loket]\nruimtevaart = \"X\"\n",
        ),
        ("termijnen.toml", "[standaard]\nspoed = \"nu\"\n"),
    ]);
    let reference = reference_data(Some(config.path())).unwrap();
    assert_eq!(reference.routing, RoutingTable::builtin());
    assert_eq!(
        reference.terms,
        loket::domain::workdays::TermConfig::builtin()
    );
    let [routing, terms] = reference.problems.as_slice() else {
        panic!("{:?}", reference.problems)
    };
    assert!(routing.contains("routing.toml, regel 4"), "{routing}");
    assert!(terms.starts_with("termijnen.toml niet gebruikt"), "{terms}");

    // The beheerder sees it after signing in; a volunteer is not bothered with it.
    let Desk { app, dir } = Desk::with_anna();
    drop(app);
    let mut store = Store::open(&dir.path().join("loket.db")).unwrap().store;
    store
        .create_user(&common::user("Bea Beheer", Role::Beheerder), PIN)
        .unwrap();
    store.use_reference(Arc::clone(&reference));
    let catalog = Catalog::load(&store).unwrap();
    let mut app = App::new(store, Keymap::builtin(), settings(), monday_morning).unwrap();
    app.set_catalog(Arc::new(catalog));
    let mut desk = Desk { app, dir };
    desk.sign_in("Bea Beheer", PIN);
    let status = desk.app.status.clone().unwrap_or_default();
    assert!(status.contains("routing.toml, regel 4"), "{status}");
    assert!(status.contains("termijnen.toml"), "{status}");
    let mut anna = desk.second_desk();
    anna.app.store.use_reference(reference);
    anna.sign_in("Anna de Vries", PIN);
    assert!(!anna.screen(160, 48).contains("routing.toml"));
}

/// The command line: a team is added by the municipality's own name, and a broken file is a
/// warning on standard error, not a stop.
#[test]
fn the_command_line_knows_the_renamed_team_and_warns_about_a_broken_file() {
    let dir = tempfile::tempdir().unwrap();
    let (db, home) = (dir.path().join("loket.db"), dir.path().join("config"));
    let folder = home.join("loket");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("routing.toml"), ZUID).unwrap();
    let add = |name: &str, team: &str| {
        common::cli::as_beheerder(
            &db,
            &["user", "add", name, "--role", "medewerker", "--team", team],
            "48213\n",
            &[("XDG_CONFIG_HOME", home.as_path())],
        )
    };
    let added = add("Ilse", "Sociaal Team Zuid");
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let refused = add("Oud", "Sociaal Team De Weide");
    assert!(!refused.status.success());

    std::fs::write(
        folder.join("termijnen.toml"),
        "[standaard]\nspoed = \"nu\"\n",
    )
    .unwrap();
    let out = queue_list(&db, &home);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("Waarschuwing: termijnen.toml niet gebruikt"),
        "{stderr}"
    );
}

fn queue_list(db: &Path, home: &Path) -> std::process::Output {
    common::cli::run(db, &["queue", "list"], "", &[("XDG_CONFIG_HOME", home)])
}
