//! The plan van aanpak at the desk, on a demo database opened the way Loket opens it (WAL,
//! synchronous=FULL): the regisseur saving a change to a plan (Ctrl-S in the plan editor: one
//! audited transaction) and writing the resident's PDF (`p` on the plan screen, `loket plan
//! afdrukken`: reading the plan, audited, and laying out the six parts with the embedded font).
//! Budget on an old PC: a save unnoticeable (≤ 50 ms), a PDF well within a second.

use std::hint::black_box;

use chrono::{Duration, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use loket::demo::generate;
use loket::domain::account::User;
use loket::domain::plan::PlanStatus;
use loket::store::Store;

const ORIGIN: &str = "bench";

/// A demo database with plans, reopened as Loket opens it, and a regisseur with an open plan.
fn open() -> (tempfile::TempDir, Store, User, i64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("loket.db");
    // Days back, so the demo's plans have their akkoord and evaluations behind them.
    let now = Utc::now() - Duration::days(1);
    {
        let mut store = Store::open(&path).expect("open").store;
        loket::interop::load_sample(&mut store).expect("sample kaart");
        generate(&mut store, 30, 7, now).expect("demo");
    }
    let store = Store::open(&path).expect("reopen").store;
    let open_plan = store.users().expect("users").into_iter().find_map(|user| {
        let plans = store.my_plans(&user, ORIGIN, Utc::now()).ok()?;
        let plan = plans
            .iter()
            .find(|p| p.status != PlanStatus::Afgesloten)?
            .id;
        Some((user, plan))
    });
    let (user, plan) = open_plan.expect("the demo makes open plans");
    (dir, store, user, plan)
}

fn benches(c: &mut Criterion) {
    let (_dir, mut store, user, plan) = open();
    let content = store
        .plan(plan, &user, ORIGIN, Utc::now())
        .expect("plan")
        .latest()
        .content
        .clone();
    c.bench_function("plan: save a change (revise_plan)", |b| {
        b.iter(|| {
            store
                .revise_plan(plan, black_box(&content), &user, ORIGIN, Utc::now())
                .expect("save")
        })
    });
    let leefgebieden = store.reference().leefgebieden.clone();
    c.bench_function("plan: read and write the PDF", |b| {
        b.iter(|| {
            let view = store.plan(plan, &user, ORIGIN, Utc::now()).expect("read");
            loket::paper::plan_pdf(&view, &leefgebieden).expect("pdf")
        })
    });
}

criterion_group! {
    name = plan;
    config = Criterion::default().sample_size(30);
    targets = benches
}
criterion_main!(plan);
