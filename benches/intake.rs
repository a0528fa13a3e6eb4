//! Saving an intake with full durability: a realistic handover (two advice rows, a household, a
//! queue item, two audit rows) into a database file opened the way Loket opens it (WAL,
//! synchronous=FULL). Budget: ≤ 10 ms per save, unnoticeable after `Ctrl-S` on an old PC.
//!
//! Besides criterion's mean, this prints p50/p95 over 200 saves, each removing the draft that
//! was written (untimed) while "typing", as at the desk. Then the export of that household
//! (a resident's right of access), which `tests/privacy_rights.rs` checks for content only.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::Utc;
use criterion::{Criterion, criterion_group, criterion_main};
use loket::domain::account::{Role, User};
use loket::domain::intake::{
    Complexiteit, Consent, Intake, Kanaal, Resident, Route, RouteSuggestion, Signalen,
};
use loket::store::{NewUser, Store};

const SAVES: usize = 200;

fn handover() -> (Intake, RouteSuggestion) {
    let intake = Intake {
        kanaal: Kanaal::Telefoon,
        resident: Resident {
            name: "Fatima el Amrani".into(),
            phone: "06-12345678".into(),
            postcode: "7304 AB".into(),
            house_number: "12".into(),
            birth_year: "1986".into(),
            ..Resident::default()
        },
        question: "Ik heb betalingsachterstanden bij de energie en de zorgverzekering, er ligt \
                   een brief van de deurwaarder en mijn partner wordt agressief als het over geld \
                   gaat."
            .into(),
        leefgebieden: vec!["geldzaken-schulden".into(), "veiligheid".into()],
        complexiteit: Complexiteit::Complex,
        signalen: Signalen {
            acute_onveiligheid: true,
            ..Signalen::default()
        },
        advice: vec!["svc-geldloket".into(), "svc-schuldhulpverlening".into()],
        consent: Consent::Ja,
        handover_note: "Wil eerst over de schulden praten; partner mag niet weten dat zij belde. \
                        Bellen tussen 9 en 12 uur."
            .into(),
        ..Intake::default()
    };
    let suggestion = RouteSuggestion {
        route: Route::SociaalTeam {
            wijk: "De Weide".into(),
        },
        why: "meervoudig en complex → Sociaal Team De Weide".into(),
        spoed: true,
    };
    (intake, suggestion)
}

fn open() -> (tempfile::TempDir, Store, User) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("bench.db"))
        .expect("open")
        .store;
    let user = store
        .create_user(
            &NewUser {
                name: "Anna".into(),
                role: Role::Medewerker,
                location: "KCC".into(),
                teams: vec!["KCC".into()],
                expertise: vec![],
            },
            "48213",
        )
        .expect("user");
    (dir, store, user)
}

fn save(store: &mut Store, user: &User, intake: &Intake, suggestion: &RouteSuggestion) {
    let saved = store
        .save_intake(
            user,
            intake,
            suggestion,
            Some("De Weide"),
            "bench",
            Utc::now(),
        )
        .expect("save");
    assert!(saved.queue_item.is_some());
    black_box(saved);
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Prints the percentiles (a mean hides the slow saves a desk notices); criterion reports the mean.
fn report() {
    let (_dir, mut store, user) = open();
    let (intake, suggestion) = handover();
    let mut times: Vec<Duration> = (0..SAVES)
        .map(|_| {
            store
                .save_draft(user.id, &intake.clone().into(), Utc::now())
                .expect("draft");
            let start = Instant::now();
            save(&mut store, &user, &intake, &suggestion);
            start.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "save_intake (handover, WAL, synchronous=FULL): {SAVES} saves, p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.95).as_secs_f64() * 1e3,
        times.last().expect("saves").as_secs_f64() * 1e3,
    );
}

fn benches(c: &mut Criterion) {
    report();
    let (_dir, mut store, user) = open();
    let (intake, suggestion) = handover();
    let mut group = c.benchmark_group("intake");
    group.sample_size(50);
    group.bench_function("save_handover", |b| {
        b.iter(|| save(&mut store, &user, &intake, &suggestion))
    });
    // A resident's right of access (AVG art. 15) on a household with every handover above.
    let household = store
        .save_intake(&user, &intake, &suggestion, None, "bench", Utc::now())
        .expect("save")
        .household_id
        .expect("household");
    group.bench_function("export_household", |b| {
        b.iter(|| {
            black_box(
                store
                    .export_household(household, "bench", "bench", Utc::now())
                    .expect("export"),
            )
        })
    });
    group.finish();
}

criterion_group!(intake, benches);
criterion_main!(intake);
