//! The demo data generator: deterministic per seed, marked as demo, with a queue history of
//! several states and advice from the kaart; and `loket demo` on the built binary, which will
//! not mix demo data into a database with real intakes unless forced.

use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Output};

use chrono::{DateTime, TimeZone, Utc};
use loket::demo::{DEMO_PIN, DemoSummary, demo_runs, generate, real_intake_count};
use loket::domain::account::Role;
use loket::domain::intake::{Intake, Kanaal, Route, RouteSuggestion};
use loket::domain::queue::QueueState;
use loket::store::{NewUser, Store};

/// Tuesday 24 November 2026, 16:00 in the Netherlands.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 15, 0, 0).unwrap()
}

/// A new database with the sample kaart, as `loket` makes it on first start.
fn new_store(dir: &Path) -> Store {
    let mut store = Store::open(&dir.join("loket.db")).unwrap().store;
    loket::interop::load_sample(&mut store).unwrap();
    store
}

fn demo(store: &mut Store, days: u32, seed: u64) -> DemoSummary {
    generate(store, days, seed, now()).unwrap()
}

fn first_intake(store: &Store) -> Intake {
    store.intake_unchecked(1).unwrap().unwrap()
}

fn loket(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_loket"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_same_seed_gives_the_same_data() {
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let (mut first, mut second, mut other) = (
        new_store(a.path()),
        new_store(b.path()),
        new_store(c.path()),
    );
    let one = demo(&mut first, 14, 7);
    let two = demo(&mut second, 14, 7);
    assert_eq!(one, two);
    assert_eq!(first_intake(&first), first_intake(&second));
    // About 20 to 120 contacts on a working day, ten of them in a fortnight.
    assert!((200..=1300).contains(&one.intakes), "{one:?}");
    assert!(one.handovers > 0 && one.closed > 0 && one.closed < one.handovers);
    assert_eq!(one.pin, DEMO_PIN);
    assert!(one.accounts.iter().all(|name| name.starts_with("Demo ")));

    let three = demo(&mut other, 14, 8);
    assert!(three != one || first_intake(&other) != first_intake(&first));
}

#[test]
fn a_run_marks_the_database_as_demo_and_reuses_its_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    assert!(demo_runs(&store).unwrap().is_empty());
    let summary = demo(&mut store, 14, 1);
    let again = demo(&mut store, 3, 2);
    assert_eq!(summary.accounts, again.accounts);

    let runs = demo_runs(&store).unwrap();
    assert_eq!(runs.len(), 2);
    assert_eq!(
        (
            runs[0].days,
            runs[0].seed,
            runs[0].intakes,
            runs[0].created_at
        ),
        (14, 1, summary.intakes, now())
    );
    assert_eq!(real_intake_count(&store).unwrap(), 0);
    let volunteers = summary
        .accounts
        .iter()
        .filter_map(|name| store.user(name).unwrap())
        .filter(|u| u.role == Role::Vrijwilliger)
        .count();
    assert_eq!(volunteers, 3);
}

#[test]
fn the_queue_gets_a_history_in_several_states() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let summary = demo(&mut store, 14, 1);

    let open = store.queue_items(None, now()).unwrap();
    let closed = store
        .queue_items(Some(QueueState::Afgerond), now())
        .unwrap();
    assert_eq!(closed.len(), summary.closed);
    assert_eq!(open.len() + closed.len(), summary.handovers);
    let states: HashSet<QueueState> = open.iter().map(|item| item.state).collect();
    for state in [
        QueueState::Nieuw,
        QueueState::Opgepakt,
        QueueState::Afspraak,
    ] {
        assert!(states.contains(&state), "{state:?} ontbreekt in {states:?}");
    }
    assert!(open.iter().any(|item| item.overdue), "geen item te laat");
    assert!(closed.iter().all(|item| item.claimed_by.is_some()));
    assert!(open.iter().any(|item| item.attempts > 0));
}

#[test]
fn every_advice_is_a_service_of_the_kaart_for_the_question() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let summary = demo(&mut store, 14, 3);
    let kaart = store.load_kaart().unwrap();
    let mut advised = 0;
    for id in 1..=summary.intakes as i64 {
        let intake = store.intake_unchecked(id).unwrap().unwrap();
        assert!((1..=3).contains(&intake.leefgebieden.len()), "{intake:?}");
        assert!(intake.advice.len() <= 3);
        for service_id in &intake.advice {
            let service = kaart.service(service_id).expect("bestaande voorziening");
            assert!(
                service
                    .leefgebieden
                    .iter()
                    .any(|code| intake.leefgebieden.contains(code)),
                "{service_id} past niet bij {:?}",
                intake.leefgebieden
            );
        }
        advised += usize::from(!intake.advice.is_empty());
    }
    assert!(advised > summary.intakes / 2);
}

#[test]
fn the_cli_fills_a_new_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let output = loket(&db, &["demo", "--days", "5", "--seed", "4"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{output:?}");
    assert!(
        stdout.contains("demogegevens over 5 dagen (seed 4)"),
        "{stdout}"
    );
    assert!(stdout.contains(&format!("pincode {DEMO_PIN}")), "{stdout}");
    assert!(stdout.contains("Demo Anna (STIP)"), "{stdout}");
    let store = Store::open(&db).unwrap().store;
    assert_eq!(demo_runs(&store).unwrap()[0].seed, 4);
    assert!(store.count_services().unwrap() > 0);
}

#[test]
fn the_cli_refuses_a_database_with_real_intakes_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    {
        let mut store = new_store(dir.path());
        let desk = store
            .create_user(
                &NewUser {
                    name: "Fatima el Amrani".into(),
                    role: Role::Medewerker,
                    location: "KCC".into(),
                    teams: vec![],
                    expertise: vec![],
                },
                "48213",
            )
            .unwrap();
        let intake = Intake {
            kanaal: Kanaal::Telefoon,
            question: "Waar kan ik hulp krijgen bij mijn post?".into(),
            leefgebieden: vec!["geldzaken-schulden".into()],
            ..Intake::default()
        };
        let suggestion = RouteSuggestion {
            route: Route::Direct,
            why: "enkelvoudig en eenvoudig → direct afgehandeld".into(),
            spoed: false,
        };
        store
            .save_intake(&desk, &intake, &suggestion, None, "test", now())
            .unwrap();
    }

    let refused = loket(&db, &["demo", "--days", "3"]);
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("1 echte intake"), "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    let store = Store::open(&db).unwrap().store;
    assert!(demo_runs(&store).unwrap().is_empty());
    assert!(store.user("Demo Anna (STIP)").unwrap().is_none());

    let forced = loket(&db, &["demo", "--days", "3", "--force"]);
    assert!(forced.status.success(), "{forced:?}");
    assert_eq!(demo_runs(&store).unwrap().len(), 1);
    assert_eq!(real_intake_count(&store).unwrap(), 1);
}
