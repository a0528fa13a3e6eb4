//! Desk-test S1 on a real database file: "te laat" is late for the current step. An item
//! picked up within its term leaves the "te laat" tab; it becomes late again only when the
//! next step (first contact, closing) takes too long.

mod common;

use common::db::{at, member, open};

use loket::domain::account::{Role, User};
use loket::domain::intake::{Consent, Intake, Resident, Route, RouteSuggestion, Urgentie};
use loket::domain::queue::{QueueAction, Step};
use loket::store::{QueueView, Store};

fn spoed_handover(store: &mut Store, desk: &User, when: &str) -> i64 {
    let intake = Intake {
        resident: Resident {
            phone: "06-12345678".into(),
            ..Resident::default()
        },
        question: "Mijn man slaat me, ik durf niet naar huis.".into(),
        leefgebieden: vec!["veiligheid".into()],
        urgentie: Urgentie::Spoed,
        consent: Consent::Ja,
        handover_note: "Alleen overdag bellen.".into(),
        ..Intake::default()
    };
    let suggestion = RouteSuggestion {
        route: Route::Expertiseteam,
        why: "test".into(),
        spoed: true,
    };
    store
        .save_intake(desk, &intake, &suggestion, None, "test", at(when))
        .unwrap()
        .queue_item
        .unwrap()
}

#[test]
fn an_item_picked_up_in_time_is_not_late_and_the_next_step_has_its_own_term() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let anna = member(&mut store, "Anna", Role::Vrijwilliger, &[]);
    let nina = member(&mut store, "Nina", Role::Medewerker, &["Expertiseteam"]);
    // Wednesday 11 November 2026, 12:03 and 12:04 Dutch time.
    let picked = spoed_handover(&mut store, &anna, "2026-11-11T11:03:00Z");
    let waiting = spoed_handover(&mut store, &anna, "2026-11-11T11:04:00Z");
    store
        .queue_act(
            picked,
            &nina,
            &QueueAction::Claim,
            "test",
            at("2026-11-11T11:52:00Z"),
        )
        .unwrap();
    let late_ids = |store: &Store, when: &str| -> Vec<i64> {
        store
            .queue(&nina, QueueView::Overdue, at(when))
            .unwrap()
            .iter()
            .map(|i| i.id)
            .collect()
    };
    // The same afternoon nothing is late yet.
    assert!(late_ids(&store, "2026-11-11T15:00:00Z").is_empty());
    // The next morning the waiting one is late for picking up; the picked-up one is late
    // for its first contact (spoed: the same working day).
    assert_eq!(
        late_ids(&store, "2026-11-12T08:00:00Z"),
        vec![picked, waiting]
    );
    store
        .queue_act(
            picked,
            &nina,
            &QueueAction::ContactAttempt {
                reached: true,
                note: String::new(),
            },
            "test",
            at("2026-11-11T14:00:00Z"),
        )
        .unwrap();
    // In contact: only closing counts now, twenty working days after the pick-up.
    let now = "2026-11-25T10:00:00Z";
    assert_eq!(late_ids(&store, now), vec![waiting]);
    let item = store
        .queue(&nina, QueueView::Mine, at(now))
        .unwrap()
        .remove(0);
    assert_eq!(item.step, Step::Afronden);
    assert!(!item.overdue);
    let counts = store.queue_counts(&nina, at(now)).unwrap();
    assert!(counts.contains(&(QueueView::Overdue, 1)), "{counts:?}");
}
