//! Import benchmark: an HSDS 3.0 CSV package of 10 000 services (the sample kaart grown
//! deterministically, each service with a phone, hours, leefgebieden and keywords) read and saved
//! into a fresh database, as `loket import` does. Budget: under 3 s, so a municipality's whole
//! kaart can be re-imported while the desks wait.
//!
//! Besides criterion's figures this prints one timed run split into reading and saving.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use loket::domain::{Leefgebieden, Phone};
use loket::interop::{ExportFormat, export, import_path, load_sample, read_path};
use loket::store::Store;

const SERVICES: usize = 10_000;

/// Writes the package into `dir`: the sample kaart grown to [`SERVICES`] services.
fn write_package(dir: &Path, leefgebieden: &Leefgebieden) {
    let mut store = Store::open(&dir.join("sample.db")).unwrap().store;
    load_sample(&mut store).unwrap();
    let mut kaart = loket::sample::grow(&store.load_kaart().unwrap(), SERVICES, 42);
    for (n, service) in kaart.services.iter_mut().enumerate() {
        if service.phones.is_empty() {
            service.phones.push(Phone {
                id: format!("tel-bench-{n}"),
                number: format!("0123 {:06}", n),
                kind: "voice".into(),
                description: "Algemeen nummer".into(),
            });
        }
    }
    export(
        &kaart,
        &Default::default(),
        leefgebieden,
        &dir.join("package"),
        ExportFormat::HsdsCsv,
        &loket::interop::ExportTarget::default(),
    )
    .unwrap();
}

fn import_into_fresh_database(package: &Path, leefgebieden: &Leefgebieden) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("loket.db")).unwrap().store;
    let report = import_path(&mut store, package, leefgebieden, false).unwrap();
    assert_eq!(report.counts.services_created, SERVICES, "{report}");
    black_box(report);
}

fn bench_import(c: &mut Criterion) {
    let leefgebieden = Leefgebieden::builtin();
    let dir = tempfile::tempdir().unwrap();
    write_package(dir.path(), &leefgebieden);
    let package = dir.path().join("package");

    let start = Instant::now();
    let (kaart, _) = read_path(&package, &leefgebieden).unwrap();
    let read = start.elapsed();
    let db = tempfile::tempdir().unwrap();
    let mut store = Store::open(&db.path().join("loket.db")).unwrap().store;
    let start = Instant::now();
    store.save_kaart(&kaart, None).unwrap();
    let save = start.elapsed();
    println!(
        "import of {} services: read {:.0} ms + save {:.0} ms = {:.0} ms (budget 3000 ms)",
        kaart.services.len(),
        read.as_secs_f64() * 1e3,
        save.as_secs_f64() * 1e3,
        (read + save).as_secs_f64() * 1e3
    );

    let mut group = c.benchmark_group("import");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("hsds_csv_10000_services_into_fresh_db", |b| {
        b.iter(|| import_into_fresh_database(&package, &leefgebieden))
    });
    group.finish();
}

criterion_group!(benches, bench_import);
criterion_main!(benches);
