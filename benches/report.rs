//! The report over a full year: 40 000 intakes (about 45 % handed over, most picked up and
//! closed, with their history) in a database file opened the way Loket opens it. Budget: under
//! 1 s for a year, so a beheerder can try periods on the report screen without waiting.
//!
//! The year is written in one transaction straight into the tables (saving 40 000 intakes one
//! by one with full durability would take minutes); the rows have the shape `save_intake` and
//! `queue_act` give them, and the history triggers of the schema run as usual.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{DateTime, SecondsFormat, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use loket::domain::account::Role;
use loket::report::{Period, build};
use loket::store::{NewUser, Store};
use rusqlite::{Connection, params};

const INTAKES: u64 = 40_000;

const KANALEN: [&str; 4] = ["telefoon", "balie", "digitaal", "signaal"];
const LEEFGEBIEDEN: [&str; 5] = [
    "wonen",
    "geldzaken-schulden",
    "werk-inkomen",
    "zorg-ondersteuning",
    "opvoeden-opgroeien",
];
const WIJKEN: [&str; 4] = ["De Weide", "Centrum", "Noord", "Oost"];
const LOCATIONS: [&str; 4] = ["KCC", "STIP De Weide", "STIP Centrum", "CJG Noord"];

fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A small deterministic generator: the same year on every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// A route and its queue target, if it hands over.
fn route(r: &mut Lcg) -> (String, Option<(&'static str, &'static str, String)>) {
    match r.below(20) {
        0..=10 => (r#"{"kind":"direct"}"#.to_string(), None),
        11..=14 => {
            let code = LEEFGEBIEDEN[r.below(5) as usize];
            (
                format!(r#"{{"kind":"loket","leefgebied":"{code}"}}"#),
                Some(("doorverwijzing", "loket", code.to_string())),
            )
        }
        15..=17 => {
            let wijk = WIJKEN[r.below(4) as usize];
            (
                format!(r#"{{"kind":"sociaal-team","wijk":"{wijk}"}}"#),
                Some(("doorverwijzing", "sociaal-team", wijk.to_string())),
            )
        }
        18 => (
            r#"{"kind":"expertiseteam"}"#.to_string(),
            Some(("doorverwijzing", "expertiseteam", String::new())),
        ),
        _ => (
            r#"{"kind":"terugbelverzoek","team":"KCC"}"#.to_string(),
            Some(("terugbelverzoek", "team", "KCC".to_string())),
        ),
    }
}

/// A year (2026) of intakes and queue work in the database at `path`.
fn fill(path: &Path) {
    let mut store = Store::open(path).unwrap().store;
    loket::interop::load_sample(&mut store).unwrap();
    let desk = store
        .create_user(
            &NewUser {
                name: "Bench Balie".into(),
                role: Role::Medewerker,
                location: "KCC".into(),
                teams: vec![],
                expertise: vec![],
            },
            "48213",
        )
        .unwrap();
    drop(store);

    let mut conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "synchronous", "OFF").unwrap();
    let services: Vec<String> = conn
        .prepare("SELECT id FROM services ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let tx = conn.transaction().unwrap();
    let mut r = Lcg(2026);
    let start = Utc.with_ymd_and_hms(2026, 1, 1, 6, 0, 0).unwrap();
    let step = 365 * 24 * 3600 / INTAKES as i64;
    for i in 0..INTAKES {
        let created = start + chrono::Duration::seconds(i as i64 * step);
        let at = timestamp(created);
        let (route, target) = route(&mut r);
        let household: Option<i64> = if r.below(3) == 0 {
            tx.execute("INSERT INTO households (created_at) VALUES (?1)", [&at])
                .unwrap();
            Some(tx.last_insert_rowid())
        } else {
            None
        };
        let leefgebieden = format!(r#"["{}"]"#, LEEFGEBIEDEN[r.below(5) as usize]);
        tx.execute(
            "INSERT INTO intakes (created_at, updated_at, user_id, location, kanaal,
                complexiteit, signalen, leefgebieden, route, route_chosen, suggested_route,
                urgentie, consent, anonymous, household_id)
             VALUES (?1, ?1, ?2, ?3, ?4, ?5, '{}', ?6, ?7, 0, ?7, 'normaal', 1, 0, ?8)",
            params![
                at,
                desk.id,
                LOCATIONS[r.below(4) as usize],
                KANALEN[r.below(4) as usize],
                ["eenvoudig", "specialistisch", "complex"][r.below(3) as usize],
                leefgebieden,
                route,
                household,
            ],
        )
        .unwrap();
        let intake = tx.last_insert_rowid();
        for position in 0..r.below(3) {
            let service = &services[r.below(services.len() as u64) as usize];
            tx.execute(
                "INSERT INTO intake_advice (intake_id, position, service_id) VALUES (?1, ?2, ?3)",
                params![intake, position as i64, service],
            )
            .unwrap();
        }
        let Some((kind, target_kind, target)) = target else {
            continue;
        };
        tx.execute(
            "INSERT INTO queue_items (intake_id, household_id, kind, target_kind, target,
                urgentie, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 'normaal', ?6)",
            params![intake, household, kind, target_kind, target, at],
        )
        .unwrap();
        let item = tx.last_insert_rowid();
        if r.below(10) == 0 {
            continue;
        }
        let claimed = timestamp(created + chrono::Duration::hours(1 + r.below(150) as i64));
        tx.execute(
            "UPDATE queue_items SET state = 'opgepakt', claimed_by = ?1, claimed_at = ?2
             WHERE id = ?3",
            params![desk.id, claimed, item],
        )
        .unwrap();
        tx.execute(
            "INSERT INTO queue_history (item_id, at, user_id, action, from_state, to_state)
             VALUES (?1, ?2, ?3, 'opgepakt', 'nieuw', 'opgepakt')",
            params![item, claimed, desk.id],
        )
        .unwrap();
        if r.below(10) < 2 {
            continue;
        }
        let closed = timestamp(created + chrono::Duration::hours(150 + r.below(500) as i64));
        tx.execute(
            "UPDATE queue_items SET state = 'afgerond', outcome = 'gesprek-gevoerd' WHERE id = ?1",
            [item],
        )
        .unwrap();
        tx.execute(
            "INSERT INTO queue_history (item_id, at, user_id, action, from_state, to_state)
             VALUES (?1, ?2, ?3, 'afgerond', 'opgepakt', 'afgerond')",
            params![item, closed, desk.id],
        )
        .unwrap();
    }
    tx.commit().unwrap();
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    fill(&path);
    let store = Store::open(&path).unwrap().store;
    let year = Period::parse(
        "2026-01-01",
        "2026-12-31",
        chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap(),
    )
    .unwrap();
    let now = Utc.with_ymd_and_hms(2027, 1, 14, 9, 0, 0).unwrap();

    let started = Instant::now();
    let report = build(&store, &year, now).unwrap();
    println!(
        "rapport over een jaar ({INTAKES} intakes, eerste keer): {:.1} ms, totaal {}",
        started.elapsed().as_secs_f64() * 1000.0,
        report.by_kanaal.total
    );

    let mut group = c.benchmark_group("report");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(15));
    group.bench_function("build_year_40k_intakes", |b| {
        b.iter(|| black_box(build(&store, black_box(&year), now).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
