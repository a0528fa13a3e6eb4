//! The demo data generator: deterministic per seed, marked as demo, with a queue history of
//! several states and advice from the kaart; and `loket demo` on the built binary, which will
//! not mix demo data into a database with real accounts or intakes. Demo data lives only in a
//! database made as a demo database (marked before the first demo row), and demo accounts
//! sign in nowhere else.

use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Output};

mod common;

use chrono::{DateTime, TimeZone, Utc};
use loket::demo::{DEMO_PIN, DemoError, DemoSummary, demo_runs, generate, holds_demo_data};
use loket::domain::account::Role;
use loket::domain::intake::{Intake, Kanaal, Route, RouteSuggestion};
use loket::domain::queue::QueueState;
use loket::store::{RealData, SignInRefusal, Store};

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
    assert!(store.real_data().unwrap().is_empty());
    assert!(store.is_demo_database().unwrap());
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

/// Issue 18: "`loket demo` generates plausible gesprekken, plans (all six parts, every layer),
/// evaluations and closures, so screens and reports have data." And the warme overdracht of
/// the lines, so the plan work of a demo regisseur is not all "overdracht nog niet gedaan".
#[test]
fn the_cases_get_gesprekken_and_plans_in_every_layer_with_akkoord_and_evaluations() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    demo(&mut store, 45, 1);
    let conn = common::db::raw(dir.path());
    let count = |sql: &str| common::db::count(&conn, sql);
    assert!(count("SELECT count(*) FROM gesprekken") > 0);
    for state in ["akkoord", "wacht-op-akkoord"] {
        let sql = format!("SELECT count(*) FROM plan_versions WHERE state = '{state}'");
        assert!(count(&sql) > 0, "{state}");
    }
    assert!(count("SELECT count(*) FROM plan_evaluations") > 0);
    assert!(count("SELECT count(*) FROM plans WHERE closed_at IS NOT NULL") > 0);
    assert!(count("SELECT count(*) FROM plan_tasks WHERE decision IS NOT NULL") > 0);
    // Warme overdracht of the lines others deliver: most started, not all.
    for started in ["ja", "nog-niet"] {
        let sql = format!(
            "SELECT count(*) FROM plan_handovers WHERE json_extract(handover, '$.started') = '{started}'"
        );
        assert!(count(&sql) > 0, "no handover with gestart {started}");
    }
    for laag in [
        "eigen-kracht",
        "sociaal-netwerk",
        "algemeen",
        "collectief",
        "maatwerk",
    ] {
        let sql = format!(
            "SELECT count(*) FROM plan_versions v, json_each(v.content, '$.arrangement') l
              WHERE json_extract(l.value, '$.laag') = '{laag}'"
        );
        assert!(count(&sql) > 0, "no line in {laag}");
    }
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

/// A real desk account, as `loket user add` makes it.
fn real_account(store: &mut Store, name: &str, pin: &str) -> loket::domain::account::User {
    store
        .create_user(&common::user(name, Role::Medewerker), pin)
        .unwrap()
}

/// Probe #5 and #9 (security), B5: `loket demo` put demo accounts with the published PIN into a
/// database with real accounts or intakes; `--force` no longer exists to override that.
#[test]
fn the_cli_refuses_a_database_with_real_intakes_even_forced() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    {
        let mut store = new_store(dir.path());
        let desk = real_account(&mut store, "Fatima el Amrani", "48213");
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

    for args in [
        &["demo", "--days", "3"][..],
        &["demo", "--days", "3", "--force"],
    ] {
        let refused = loket(&db, args);
        assert!(!refused.status.success(), "{args:?}");
        let store = Store::open(&db).unwrap().store;
        assert!(demo_runs(&store).unwrap().is_empty());
        assert!(!store.is_demo_database().unwrap());
        assert!(store.user("Demo Anna (STIP)").unwrap().is_none());
        assert_eq!(store.user_count().unwrap(), 1);
    }
    let stderr = String::from_utf8_lossy(&loket(&db, &["demo", "--days", "3"]).stderr).to_string();
    assert!(stderr.contains("1 account(s), 1 intake(s)"), "{stderr}");
    assert!(stderr.contains("loket --demo"), "{stderr}");
}

/// Probe 1.4: a database with a real account but no intake yet got the demo accounts too.
#[test]
fn a_database_with_only_a_real_account_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    real_account(&mut store, "Petra Prins", "84726");
    match generate(&mut store, 3, 1, now()) {
        Err(DemoError::RealData(real)) => assert_eq!(
            real,
            RealData {
                accounts: 1,
                intakes: 0
            }
        ),
        other => panic!("{other:?}"),
    }
    assert!(!store.is_demo_database().unwrap());
    assert_eq!(store.user_count().unwrap(), 1);
}

/// Probe #9 (B9): a `kill -9` half-way through `loket demo` left thousands of intakes in a
/// database not marked as demo. The marker is committed before the first demo row, so a run
/// stopped anywhere (here: the database refuses the 41st intake) leaves a demo database.
#[test]
fn an_interrupted_run_leaves_a_database_still_marked_demo() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    rusqlite::Connection::open(dir.path().join("loket.db"))
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER stop_demo BEFORE INSERT ON intakes
             WHEN (SELECT count(*) FROM intakes) >= 40
             BEGIN SELECT RAISE(ABORT, 'onderbroken'); END;",
        )
        .unwrap();
    assert!(generate(&mut store, 14, 1, now()).is_err());

    assert!(store.is_demo_database().unwrap());
    assert!(holds_demo_data(&store).unwrap());
    assert!(
        demo_runs(&store).unwrap().is_empty(),
        "the run never finished"
    );
    let period = loket::report::Period::parse(
        "2026-11-01",
        "2026-11-30",
        chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap(),
    )
    .unwrap();
    assert!(loket::report::build(&store, &period, now()).unwrap().demo);
    assert_eq!(
        store.real_data().unwrap(),
        RealData {
            accounts: 0,
            intakes: 0
        },
        "every account and intake written is a demo one"
    );
    // The same database can be filled again.
    rusqlite::Connection::open(dir.path().join("loket.db"))
        .unwrap()
        .execute_batch("DROP TRIGGER stop_demo")
        .unwrap();
    assert!(generate(&mut store, 2, 1, now()).is_ok());
}

/// Probe #17 (B17): `demo --days 4000000000` panicked in date arithmetic.
#[test]
fn days_outside_one_to_730_are_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    for days in [0, 731, 4_000_000_000] {
        assert!(matches!(
            generate(&mut store, days, 1, now()),
            Err(DemoError::Days(d)) if d == days
        ));
    }
    assert!(!store.is_demo_database().unwrap());
    assert_eq!(store.user_count().unwrap(), 0);

    let db = dir.path().join("loket.db");
    let output = loket(&db, &["demo", "--days", "4000000000"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("1 tot en met 730"), "{stderr}");
    assert!(!Store::open(&db).unwrap().store.is_demo_database().unwrap());
}

/// Probe 1.4 (B5): a demo account with the published PIN read real handovers. Demo accounts,
/// and the demo PIN on any account, open a demo database only.
#[test]
fn demo_accounts_and_the_demo_pin_sign_in_only_in_a_demo_database() {
    let dir = tempfile::tempdir().unwrap();
    let mut demo_store = new_store(dir.path());
    demo(&mut demo_store, 1, 1);
    let anna = demo_store
        .sign_in("Demo Anna (STIP)", DEMO_PIN, now(), "test")
        .unwrap();
    assert!(anna.is_ok(), "{anna:?}");

    let real = tempfile::tempdir().unwrap();
    let mut store = new_store(real.path());
    real_account(&mut store, "Petra Prins", "84726");
    real_account(&mut store, "Demo Anna (STIP)", DEMO_PIN);
    real_account(&mut store, "Kees Kok", DEMO_PIN);
    for name in ["Demo Anna (STIP)", "Kees Kok"] {
        assert_eq!(
            store.sign_in(name, DEMO_PIN, now(), "test").unwrap(),
            Err(SignInRefusal::DemoOnly),
            "{name}"
        );
    }
    assert!(
        store
            .sign_in("Petra Prins", "84726", now(), "test")
            .unwrap()
            .is_ok()
    );
    let refusals = common::db::count(
        &common::db::raw(real.path()),
        "SELECT count(*) FROM audit_log WHERE result = 'demopincode buiten een demodatabase'",
    );
    assert_eq!(refusals, 2);
}

/// A database where an earlier version's first-start offer put the demo accounts next to real
/// ones: after the upgrade the demo accounts are flagged and refused, whatever their PIN; a
/// database of nothing but demo data stays a demo database.
#[test]
fn an_upgrade_flags_old_demo_accounts_and_keeps_pure_demo_databases() {
    let hash = |pin: &str| {
        use argon2::password_hash::PasswordHasher;
        argon2::Argon2::default()
            .hash_password(pin.as_bytes())
            .unwrap()
            .to_string()
    };
    let old = |dir: &Path, real: bool| {
        let mut conn = rusqlite::Connection::open(dir.join("loket.db")).unwrap();
        loket::store::migrations()
            .to_version(&mut conn, 13)
            .unwrap();
        conn.execute(
            "INSERT INTO users (name, role, pin_hash, created_at)
             VALUES ('Demo Noor (Expertiseteam)', 'medewerker', ?1, '2026-11-01T08:00:00Z')",
            [hash("48213")],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO demo_runs (created_at, days, seed, intakes)
             VALUES ('2026-11-01T08:00:00Z', 30, 1, 0)",
            [],
        )
        .unwrap();
        if real {
            conn.execute(
                "INSERT INTO users (name, role, pin_hash, created_at)
                 VALUES ('Petra Prins', 'beheerder', ?1, '2026-11-01T07:00:00Z')",
                [hash("84726")],
            )
            .unwrap();
        }
    };
    let mixed = tempfile::tempdir().unwrap();
    old(mixed.path(), true);
    let mut store = Store::open(&mixed.path().join("loket.db")).unwrap().store;
    assert!(!store.is_demo_database().unwrap());
    assert_eq!(
        store
            .sign_in("Demo Noor (Expertiseteam)", "48213", now(), "test")
            .unwrap(),
        Err(SignInRefusal::DemoOnly)
    );

    let pure = tempfile::tempdir().unwrap();
    old(pure.path(), false);
    let mut store = Store::open(&pure.path().join("loket.db")).unwrap().store;
    assert!(store.is_demo_database().unwrap());
    assert!(
        store
            .sign_in("Demo Noor (Expertiseteam)", "48213", now(), "test")
            .unwrap()
            .is_ok()
    );
}

/// Issue 15: `loket demo --days 365 --seed 7` stopped with "Dit item is al afgerond". The cause
/// (an appointment registered after the meeting it records) has its own unit test in
/// `demo::queue_plan`; this runs the year itself: about 20 s of CPU unoptimised (5 s in
/// release), too much for every `cargo test`. Run it with `cargo test --release --test demo --
/// --ignored`.
#[test]
#[ignore = "about 20 s of CPU unoptimised; run with --release -- --ignored"]
fn a_year_of_demo_data_with_seed_7() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let summary = demo(&mut store, 365, 7);
    assert!(summary.intakes > 10_000, "{summary:?}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// Every seed on a short span makes a demo without a refused action.
    #[test]
    fn every_seed_makes_a_demo(seed in proptest::prelude::any::<u64>(), days in 1u32..=20) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = new_store(dir.path());
        let result = generate(&mut store, days, seed, now());
        proptest::prop_assert!(result.is_ok(), "days {days} seed {seed}: {result:?}");
    }
}

/// `loket --demo` works on the demo database next to the real one, never on the real one.
#[test]
fn the_demo_flag_chooses_the_demo_database_next_to_the_real_one() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("loket.db");
    let output = Command::new(env!("CARGO_BIN_EXE_loket"))
        .arg("--db")
        .arg(&real)
        .args(["--demo", "demo", "--days", "1"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(!real.exists());
    let store = Store::open(&dir.path().join("loket-demo.db"))
        .unwrap()
        .store;
    assert!(store.is_demo_database().unwrap());
    assert_eq!(
        loket::demo::demo_path(Path::new("/srv/loket/x.db")),
        Path::new("/srv/loket/x-demo.db")
    );
}
