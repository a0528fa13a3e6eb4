//! The kaart stays current in every running Loket: an edit made by another process or another
//! connection, or a change to the beheerder's vocabulary file, shows in search within a second
//! or two, without a restart and without a key press.
//!
//! The cross-process test starts this test binary again as the editing process (see `editor`).

mod common;

use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use common::Desk;
use crossterm::event::KeyCode;
use loket::domain::Phone;
use loket::domain::account::{Role, User};
use loket::search::{Catalog, Filters, VocabularySource};
use loket::store::Store;

const EDITOR_ENV: &str = "LOKET_LIVE_KAART_EDITOR";
const BEHEERDER: &str = "Bea Beheer";
const BEHEERDER_PIN: &str = "73915";
const GELDLOKET: &str = "svc-geldloket";
const NEW_NAME: &str = "Budgetpunt Kwakkelbeek";
const NEW_PHONE: &str = "0123 99 88 77";

/// Saves a service through the kaart beheer API, as a beheerder at another desk would.
fn edit_service(store: &mut Store, by: &User, id: &str, name: Option<&str>) {
    let mut service = store.load_kaart().unwrap().service(id).unwrap().clone();
    if let Some(name) = name {
        service.name = name.to_string();
    }
    match service.phones.first_mut() {
        Some(phone) => phone.number = NEW_PHONE.to_string(),
        None => service.phones.push(Phone {
            id: format!("tel-{id}"),
            number: NEW_PHONE.to_string(),
            kind: "voice".to_string(),
            description: String::new(),
        }),
    }
    store.save_service(service, by, "test", Utc::now()).unwrap();
}

fn beheerder(store: &Store) -> User {
    store.user(BEHEERDER).unwrap().unwrap()
}

/// The editing process: renames the Geldloket and gives it a new phone number. Not a test on
/// its own: `an_edit_in_another_process_is_found_by_search` starts it with `--ignored`.
#[test]
#[ignore = "helper process of an_edit_in_another_process_is_found_by_search"]
fn editor() {
    let Ok(db) = std::env::var(EDITOR_ENV) else {
        return;
    };
    let mut store = Store::open(Path::new(&db)).unwrap().store;
    let bea = beheerder(&store);
    edit_service(&mut store, &bea, GELDLOKET, Some(NEW_NAME));
}

/// Ticks the desk as the event loop does until a catalog other than `before` is in place.
fn rebuilt(desk: &mut Desk, before: &Arc<Catalog>) -> Arc<Catalog> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        desk.app.tick(Instant::now());
        if let Some(catalog) = &desk.app.catalog
            && !Arc::ptr_eq(catalog, before)
        {
            return Arc::clone(catalog);
        }
        assert!(Instant::now() < deadline, "the kaart was not rebuilt");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn top_ids(catalog: &Catalog, query: &str, n: usize) -> Vec<String> {
    catalog
        .index
        .search(query, &Filters::default(), n)
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
}

#[test]
fn an_edit_in_another_process_is_found_by_search() {
    let mut desk = Desk::empty();
    desk.add_user(BEHEERDER, Role::Beheerder, &[], BEHEERDER_PIN);
    let before = desk.app.catalog.clone().unwrap();
    assert!(!top_ids(&before, "kwakkelbeek", 5).contains(&GELDLOKET.to_string()));

    let db = desk.dir.path().join("loket.db");
    let editor = Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            "editor",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(EDITOR_ENV, &db)
        .output()
        .unwrap();
    assert!(
        editor.status.success(),
        "{}",
        String::from_utf8_lossy(&editor.stdout)
    );

    let after = rebuilt(&mut desk, &before);
    assert!(after.kaart_version > before.kaart_version);
    assert_eq!(
        top_ids(&after, "kwakkelbeek", 5).first().unwrap(),
        GELDLOKET
    );
    assert_eq!(after.index.line_of(GELDLOKET).unwrap().name, NEW_NAME);
    let stored = desk.app.store.service_detail(GELDLOKET).unwrap().unwrap();
    assert_eq!(stored.services[0].phones[0].number, NEW_PHONE);
    assert!(
        (0..after.index.len() as u32).all(|d| after.index.line(d).name != "Geldloket Lindendaal")
    );
}

#[test]
fn a_desk_shows_an_edit_from_another_connection_without_a_key() {
    let mut anna = Desk::signed_in();
    anna.add_user(BEHEERDER, Role::Beheerder, &[], BEHEERDER_PIN);
    anna.typ("geldloket");
    anna.key(KeyCode::Down);
    let chosen = anna.app.kaart.selected_hit().unwrap().id.clone();
    assert_ne!(anna.app.kaart.selected, 0, "the second hit is chosen");
    let screen = anna.screen(160, 48);
    assert!(!screen.contains(NEW_PHONE), "{screen}");

    let mut other = Store::open(&anna.dir.path().join("loket.db"))
        .unwrap()
        .store;
    let bea = beheerder(&other);
    edit_service(&mut other, &bea, &chosen, None);

    let before = anna.app.catalog.clone().unwrap();
    rebuilt(&mut anna, &before);
    let screen = anna.screen(160, 48);
    assert!(screen.contains(NEW_PHONE), "{screen}");
    assert!(screen.contains("geldloket"), "the query stays: {screen}");
    assert_eq!(anna.app.kaart.query.value(), "geldloket");
    assert_eq!(anna.app.kaart.selected_hit().unwrap().id, chosen);
}

#[test]
fn the_beheerders_words_are_found_and_a_broken_file_keeps_search_working() {
    let mut anna = Desk::signed_in();
    let builtin = anna.app.catalog.clone().unwrap();
    let debt_services = top_ids(&builtin, "schulden", 5);
    assert!(top_ids(&builtin, "kaskraker", 5).is_empty());

    let path = anna.dir.path().join("vocabulary.toml");
    std::fs::write(
        &path,
        "[[concept]]\nname = \"Schulden\"\nwords = [\"kaskraker\"]\n",
    )
    .unwrap();
    anna.app
        .load_catalog(VocabularySource::new(Some(path.clone())));
    let extended = rebuilt(&mut anna, &builtin);
    assert!(anna.app.status.is_none(), "{:?}", anna.app.status);
    let found = top_ids(&extended, "kaskraker", 5);
    assert!(debt_services.contains(&found[0]), "{found:?}");
    anna.typ("kaskraker");
    let first = extended.index.line_of(&found[0]).unwrap().name.to_string();
    assert!(anna.screen(160, 48).contains(&first));

    std::fs::write(&path, "[[concept]\nname = \"schulden\"\n").unwrap();
    let after_break = rebuilt(&mut anna, &extended);
    let status = anna.app.status.clone().unwrap();
    assert!(
        status.starts_with("Zoekwoordenlijst ") && status.contains("niet gebruikt: "),
        "{status}"
    );
    assert!(status.contains("regel 1"), "{status}");
    let screen = anna.screen(160, 48);
    assert!(screen.contains("niet gebruikt"), "{screen}");
    // The last good words stay in use, and the search typed shows their results.
    assert_eq!(top_ids(&after_break, "kaskraker", 5), found);
    assert!(screen.contains(&first), "{screen}");
}

#[test]
fn a_broken_file_at_start_leaves_the_builtin_words() {
    let mut anna = Desk::signed_in();
    let path = anna.dir.path().join("vocabulary.toml");
    std::fs::write(
        &path,
        "[[concept]]\nname = \"raket\"\nleefgebieden = [\"ruimtevaart\"]\nterms = [\"raket\"]\n",
    )
    .unwrap();
    let before = anna.app.catalog.clone().unwrap();
    anna.app.load_catalog(VocabularySource::new(Some(path)));
    let after = rebuilt(&mut anna, &before);
    let status = anna.app.status.clone().unwrap();
    assert!(
        status.contains("\"raket\"") && status.contains("ruimtevaart"),
        "{status}"
    );
    assert_eq!(
        top_ids(&after, "schulden", 5),
        top_ids(&before, "schulden", 5)
    );
}
