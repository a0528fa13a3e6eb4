//! Search benchmarks: index build time and memory, and the time per keystroke while a
//! volunteer types a query, on the sample kaart grown to 10 000 and 100 000 services.
//!
//! Besides criterion's means, this prints p50/p95 per keystroke and the live heap of the index,
//! measured with a counting allocator.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use loket::domain::Kaart;
use loket::search::{Filters, SearchIndex, Vocabulary};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

// Counting what the index holds needs an allocator that counts; it hands all work to System.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// What volunteers type, typed out letter by letter in the benchmark.
const QUERIES: [&str; 16] = [
    "schulden",
    "deurwaarder",
    "moeder vergeetachtig",
    "kan huur niet betalen",
    "voedselbnk",
    "rolator",
    "eenzaam",
    "zoon blowt",
    "mantelzorg ondersteuning",
    "wmo huishoudelijke hulp",
    "buurman slaat vrouw",
    "taalcafe",
    "formulieren invullen",
    "puber gepest op school",
    "shculden",
    "dagbesteding dementie",
];

fn keystrokes() -> Vec<String> {
    QUERIES
        .iter()
        .flat_map(|q| (1..=q.chars().count()).map(move |n| q.chars().take(n).collect::<String>()))
        .collect()
}

fn sample_kaart() -> Kaart {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = loket::store::Store::open(&dir.path().join("bench.db"))
        .expect("open")
        .store;
    loket::interop::load_sample(&mut store).expect("sample kaart");
    store.load_kaart().expect("load")
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Prints the percentiles per keystroke and the heap of the index; criterion reports the means.
fn report(kaart: &Arc<Kaart>, label: &str) {
    let before = LIVE.load(Ordering::Relaxed);
    let start = Instant::now();
    let index = SearchIndex::build(Arc::clone(kaart), Vocabulary::builtin());
    let build = start.elapsed();
    let heap = LIVE.load(Ordering::Relaxed).saturating_sub(before);
    let mut times = Vec::new();
    for _ in 0..5 {
        for keystroke in keystrokes() {
            let start = Instant::now();
            black_box(index.search(&keystroke, &Filters::default(), 50));
            times.push(start.elapsed());
        }
    }
    times.sort();
    println!(
        "{label}: {} services, {} terms; build {:.1} ms; index heap {:.1} MB; per keystroke p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        index.len(),
        index.term_count(),
        build.as_secs_f64() * 1e3,
        heap as f64 / 1e6,
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.95).as_secs_f64() * 1e3,
        times.last().unwrap().as_secs_f64() * 1e3,
    );
}

fn benches(c: &mut Criterion) {
    let sample = sample_kaart();
    for (label, size) in [("10k", 10_000), ("100k", 100_000)] {
        let before = LIVE.load(Ordering::Relaxed);
        let kaart = Arc::new(loket::sample::grow(&sample, size, 42));
        let kaart_heap = LIVE.load(Ordering::Relaxed).saturating_sub(before);
        println!("{label}: kaart heap {:.1} MB", kaart_heap as f64 / 1e6);
        report(&kaart, label);
        let mut group = c.benchmark_group(format!("search_{label}"));
        group.sample_size(10);
        group.bench_function("index_build", |b| {
            b.iter(|| SearchIndex::build(black_box(Arc::clone(&kaart)), Vocabulary::builtin()))
        });
        let index = SearchIndex::build(Arc::clone(&kaart), Vocabulary::builtin());
        let strokes = keystrokes();
        group.bench_function("all_keystrokes", |b| {
            b.iter(|| {
                for keystroke in &strokes {
                    black_box(index.search(keystroke, &Filters::default(), 50));
                }
            })
        });
        group.finish();
    }
}

criterion_group!(search, benches);
criterion_main!(search);
