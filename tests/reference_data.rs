//! Reference data loaded once and passed down: a municipality's own leefgebieden reach the
//! intake form and the command line, and a list that cannot be used stops the program with a
//! Dutch message instead of being ignored.

mod common;

use std::path::Path;
use std::sync::Arc;

use common::{monday_morning, settings};
use crossterm::event::KeyCode;
use loket::domain::ReferenceData;
use loket::search::Catalog;
use loket::store::Store;
use loket::tui::{App, Keymap};

const EMBEDDED_LIST: &str = include_str!("../data/leefgebieden.toml");

fn with_vervoer() -> String {
    format!(
        "{EMBEDDED_LIST}\n[[leefgebied]]\ncode = \"vervoer\"\nnaam = \"Vervoer & mobiliteit\"\n"
    )
}

#[test]
fn an_extra_leefgebied_is_offered_on_the_intake_form() {
    // Anna's database, opened again by a program that loaded the municipality's own list.
    let common::Desk { app, dir } = common::Desk::with_anna();
    drop(app);
    let mut store = Store::open(&dir.path().join("loket.db")).unwrap().store;
    store.use_reference(Arc::new(
        ReferenceData::with_leefgebieden(&with_vervoer()).unwrap(),
    ));
    let catalog = Catalog::load(&store).unwrap();
    assert_eq!(
        catalog.leefgebieden.name_of("vervoer"),
        "Vervoer & mobiliteit"
    );
    let mut app = App::new(store, Keymap::builtin(), settings(), monday_morning).unwrap();
    app.set_catalog(Arc::new(catalog));
    let mut desk = common::Desk { app, dir };
    desk.sign_in("Anna de Vries", "48213");
    desk.key(KeyCode::F(3));
    desk.focus_row("Vervoer & mobiliteit");
    desk.key(KeyCode::Char(' '));
    let form = desk.app.intake_form().unwrap();
    assert_eq!(form.intake.leefgebieden, ["vervoer"]);
}

/// `loket user add` as the beheerder, with `config` as the configuration home.
fn add_user(db: &Path, config: &Path, expertise: &str) -> std::process::Output {
    common::cli::as_beheerder(
        db,
        &[
            "user",
            "add",
            "Anna de Vries",
            "--role",
            "beheerder",
            "--expertise",
            expertise,
        ],
        "48213\n",
        &[("XDG_CONFIG_HOME", config)],
    )
}

#[test]
fn the_command_line_knows_the_municipalitys_own_leefgebieden() {
    let dir = tempfile::tempdir().unwrap();
    let (db, config) = (dir.path().join("loket.db"), dir.path().join("config"));
    let refused = add_user(&db, &config, "vervoer");
    assert!(!refused.status.success());
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(
        message.contains("onbekend leefgebied \"vervoer\""),
        "{message}"
    );

    std::fs::create_dir_all(config.join("loket")).unwrap();
    std::fs::write(config.join("loket/leefgebieden.toml"), with_vervoer()).unwrap();
    let added = add_user(&db, &config, "vervoer");
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
}

#[test]
fn a_list_that_drops_a_builtin_leefgebied_stops_the_command_in_dutch() {
    let dir = tempfile::tempdir().unwrap();
    let (db, config) = (dir.path().join("loket.db"), dir.path().join("config"));
    std::fs::create_dir_all(config.join("loket")).unwrap();
    std::fs::write(
        config.join("loket/leefgebieden.toml"),
        "[[leefgebied]]\ncode = \"wonen\"\nnaam = \"Wonen\"\n",
    )
    .unwrap();
    let out = common::cli::run(
        &db,
        &["queue", "list"],
        "",
        &[("XDG_CONFIG_HOME", config.as_path())],
    );
    assert!(!out.status.success());
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(message.contains("eigen leefgebieden in"), "{message}");
    assert!(message.contains("leefgebieden.toml"), "{message}");
    assert!(message.contains("laat de codes staan"), "{message}");
    assert!(
        !db.exists(),
        "nothing is opened or made with a list that cannot be used"
    );
}
