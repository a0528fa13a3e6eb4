//! Search benchmarks: the time from the database to a searchable kaart (what the desk waits for
//! after starting), the memory the index keeps, and the time per keystroke while a volunteer
//! types a query, on kaarten grown with words of their own (`loket::sample::grow`) to 10 000
//! services, and to 100 000 with `LOKET_BENCH_100K=1` (writing that kaart takes a minute).
//!
//! Besides criterion's means, this prints p50/p95 per keystroke, and the live heap of the index
//! and the heap's peak while it is built, measured with a counting allocator (the resident
//! memory of `loket search --batch` is measured outside, with `/usr/bin/time -v`: this process
//! also holds the generator's leftovers). Targets (issue 20): searchable within 300 ms at
//! 10 000 and 1 s at 100 000, p95 per keystroke ≤ 10 ms at 100 000.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use loket::search::{Filters, SearchIndex, Vocabulary};
use loket::store::Store;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// Counting what the index holds needs an allocator that counts; it hands all work to System.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
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

/// A database with the sample kaart grown to `services` services, in `dir`.
fn grown_database(dir: &std::path::Path, services: usize) -> Store {
    let mut store = Store::open(&dir.join("bench.db")).expect("open").store;
    loket::interop::load_sample(&mut store).expect("sample kaart");
    loket::demo::grow_kaart(&mut store, services, 42).expect("grown kaart");
    store
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Prints the time to a searchable kaart, the index's heap and the percentiles per keystroke;
/// criterion reports the means.
fn report(store: &Store, label: &str) -> SearchIndex {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let start = Instant::now();
    let index = SearchIndex::load(store, Vocabulary::builtin()).expect("index");
    let build = start.elapsed();
    let heap = LIVE.load(Ordering::Relaxed).saturating_sub(before);
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(before);
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
        "{label}: {} services, {} terms; searchable after {:.0} ms; index heap {:.1} MB \
         (peak while building {:.1} MB); per keystroke \
         p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        index.len(),
        index.term_count(),
        build.as_secs_f64() * 1e3,
        heap as f64 / 1e6,
        peak as f64 / 1e6,
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.95).as_secs_f64() * 1e3,
        times.last().unwrap().as_secs_f64() * 1e3,
    );
    index
}

fn benches(c: &mut Criterion) {
    let mut sizes = vec![("10k", 10_000)];
    if std::env::var_os("LOKET_BENCH_100K").is_some() {
        sizes.push(("100k", 100_000));
    }
    for (label, size) in sizes {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = grown_database(dir.path(), size);
        let index = report(&store, label);
        let mut group = c.benchmark_group(format!("search_{label}"));
        group.sample_size(10);
        group.bench_function("index_from_store", |b| {
            b.iter(|| SearchIndex::load(black_box(&store), Vocabulary::builtin()))
        });
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
