//! Profiles the kaart search: `cargo run --release --example profile_search [build|search]`
//! on the sample kaart grown to 10 000 services (run it under `perf record`).

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = loket::store::Store::open(&dir.path().join("p.db"))
        .unwrap()
        .store;
    loket::interop::load_sample(&mut store).unwrap();
    let kaart = std::sync::Arc::new(loket::sample::grow(
        &store.load_kaart().unwrap(),
        10_000,
        42,
    ));
    let vocabulary = loket::search::Vocabulary::builtin();
    let mode = std::env::args().nth(1).unwrap_or_default();
    if mode == "build" {
        for _ in 0..20 {
            std::hint::black_box(loket::search::SearchIndex::build(
                kaart.clone(),
                vocabulary.clone(),
            ));
        }
        return;
    }
    let index = loket::search::SearchIndex::build(kaart, vocabulary);
    let queries = [
        "schulden",
        "deurwaarder",
        "moeder vergeetachtig",
        "kan huur niet betalen",
        "voedselbnk",
        "rolator",
        "eenzaam",
        "zoon blowt",
    ];
    for _ in 0..20 {
        for q in queries {
            for n in 1..=q.len() {
                std::hint::black_box(index.search(&q[..n], &Default::default(), 50));
            }
        }
    }
}
