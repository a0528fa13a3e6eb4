//! The municipality's own organisation in the store: an item waits at the team `routing.toml`
//! names (and keeps it when the file changes later), whose members claim it; a warm handover to
//! a body outside is stored with its history and audit rows, read back in the item, exported to
//! the resident and gone after an erasure.

mod common;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use common::db::{at, count, hand_over_to_de_weide, member, open, raw};
use loket::domain::ReferenceData;
use loket::domain::account::{Role, User};
use loket::domain::queue::QueueAction;
use loket::domain::routing::table::RoutingTable;
use loket::store::{HANDED_OVER_OUTSIDE, QueueError, QueueView, Store};

const PASSED_ON: &str = "Melding: kinderen in huis, partner dreigt";

fn with_routing(store: &mut Store, text: &str) {
    let mut reference = ReferenceData::clone(store.reference());
    reference.routing = RoutingTable::from_toml(text, &reference.leefgebieden).unwrap();
    store.use_reference(Arc::new(reference));
}

const ZUID: &str = "expertiseteam = \"Expertiseteam\"\nkcc = \"KCC\"\n\
                    [sociaal_team]\n\"De Weide\" = \"Sociaal Team Zuid\"\n";

/// A volunteer at the desk, and Ilse of the Sociaal Team De Weide.
fn desk_and_ilse(store: &mut Store) -> (User, User) {
    let desk = member(store, "Bea Balie", Role::Vrijwilliger, &[]);
    let ilse = member(store, "Ilse", Role::Medewerker, &["Sociaal Team De Weide"]);
    (desk, ilse)
}

fn hand_over(store: &mut Store, desk: &User, now: DateTime<Utc>) -> (i64, i64) {
    hand_over_to_de_weide(store, desk, "Hij slaat me, ik durf niet naar huis", now)
}

/// "De Weide" = "Sociaal Team Zuid": the item lands there, its member sees and claims it, a
/// member of the team by its default name does not; a later routing.toml leaves it there.
#[test]
fn an_item_waits_at_the_team_routing_toml_names_and_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    with_routing(&mut store, ZUID);
    let desk = member(&mut store, "Bea Balie", Role::Vrijwilliger, &[]);
    let ilse = member(&mut store, "Ilse", Role::Medewerker, &["Sociaal Team Zuid"]);
    let old = member(
        &mut store,
        "Oud",
        Role::Medewerker,
        &["Sociaal Team De Weide"],
    );
    let now = at("2026-03-02T10:00:00Z");
    let (id, _) = hand_over(&mut store, &desk, now);
    let item = store.queue_item(id, now).unwrap().unwrap();
    assert_eq!(item.target_label, "Sociaal Team Zuid");
    let mine = store.queue(&ilse, QueueView::MyTeams, now).unwrap();
    assert_eq!(mine.iter().map(|i| i.id).collect::<Vec<_>>(), [id]);
    assert!(
        store
            .queue(&old, QueueView::MyTeams, now)
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        store.queue_act(id, &old, &QueueAction::Claim, "test", now),
        Err(QueueError::Refused(_))
    ));

    // The file changes back: what already waits stays at the team it was handed to.
    with_routing(
        &mut store,
        "expertiseteam = \"Expertiseteam\"\nkcc = \"KCC\"\n",
    );
    let item = store.queue_item(id, now).unwrap().unwrap();
    assert_eq!(item.target_label, "Sociaal Team Zuid");
    store
        .queue_act(id, &ilse, &QueueAction::Claim, "test", now)
        .unwrap();
}

#[test]
fn a_warm_handover_outside_is_stored_with_history_and_audit_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let (desk, ilse) = desk_and_ilse(&mut store);
    let now = at("2026-03-02T10:00:00Z");
    let (id, _) = hand_over(&mut store, &desk, now);

    // Only who holds the item records it, with what was passed on, to a body of the table.
    let refused = store.hand_over_outside(id, "veilig-thuis", PASSED_ON, &ilse, "test", now);
    assert!(matches!(refused, Err(QueueError::Refused(m)) if m.contains("eerst op")));
    store
        .queue_act(id, &ilse, &QueueAction::Claim, "test", now)
        .unwrap();
    let empty = store.hand_over_outside(id, "veilig-thuis", "  ", &ilse, "test", now);
    assert!(matches!(empty, Err(QueueError::Refused(m)) if m.contains("Veilig Thuis")));
    let unknown = store.hand_over_outside(id, "politie", PASSED_ON, &ilse, "test", now);
    assert!(matches!(unknown, Err(QueueError::Refused(_))));
    let conn = raw(dir.path());
    assert_eq!(count(&conn, "SELECT count(*) FROM external_handovers"), 0);

    let later = at("2026-03-02T11:15:00Z");
    store
        .hand_over_outside(id, "veilig-thuis", PASSED_ON, &ilse, "test", later)
        .unwrap();
    let detail = store
        .queue_detail(id, &ilse, "test", later)
        .unwrap()
        .unwrap();
    let [record] = detail.external.as_slice() else {
        panic!("one handover: {:?}", detail.external)
    };
    assert_eq!(
        (
            record.target_name.as_str(),
            record.passed_on.as_str(),
            record.at,
            record.by.as_str()
        ),
        ("Veilig Thuis", PASSED_ON, later, "Ilse")
    );
    let event = detail.history.last().unwrap();
    assert_eq!(
        (event.action.as_str(), event.note.as_str()),
        (HANDED_OVER_OUTSIDE, "aan Veilig Thuis")
    );
    // The audit row has ids and the body's code, never what was said.
    let audited: String = conn
        .query_row(
            "SELECT result FROM audit_log WHERE action = 'wachtrij warm overgedragen'
               AND object = ?1",
            [format!("queue:{id}")],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, "gelukt: veilig-thuis");
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM audit_log WHERE result LIKE '%kinderen%'"
        ),
        0
    );
}

#[test]
fn a_warm_handover_outside_is_in_the_residents_copy_and_gone_after_an_erasure() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let (desk, ilse) = desk_and_ilse(&mut store);
    let now = at("2026-03-02T10:00:00Z");
    let (id, household) = hand_over(&mut store, &desk, now);
    store
        .queue_act(id, &ilse, &QueueAction::Claim, "test", now)
        .unwrap();
    store
        .hand_over_outside(id, "huisarts", PASSED_ON, &ilse, "test", now)
        .unwrap();

    let export = store
        .export_household(household, "cli:beheer", "test", now)
        .unwrap();
    let [record] = export.intakes[0].external_handovers.as_slice() else {
        panic!("{:?}", export.intakes[0].external_handovers)
    };
    assert_eq!(
        (record.target_code.as_str(), record.passed_on.as_str()),
        ("huisarts", PASSED_ON)
    );
    assert_eq!(record.by.as_ref().unwrap().role, "medewerker");

    store
        .forget_household(household, "verzoek inwoner", "cli:beheer", "test", now)
        .unwrap();
    let conn = raw(dir.path());
    assert_eq!(count(&conn, "SELECT count(*) FROM external_handovers"), 0);
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM queue_history WHERE note LIKE '%Huisarts%'"
        ),
        0
    );
}
