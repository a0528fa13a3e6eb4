//! Relevance of the kaart search: realistic front-office queries (problem words, typos,
//! missing diacritics, abbreviations, names) and the services that should come first, on the
//! sample kaart and on a held-out kaart that was not written for the search. Reports MRR and
//! hit@5 for both and holds each above its own floor.

use std::path::Path;

use loket::domain::Leefgebieden;
use loket::interop::import_path;
use loket::search::{Catalog, Filters};

/// Floors for the held-out set, below the MRR 0.868 and hit@5 0.932 measured when it was written.
const FLOOR_MRR: f64 = 0.8;
const FLOOR_HIT: f64 = 0.88;
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    query: String,
    expect: Vec<String>,
}

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

fn catalog_of(fill: impl FnOnce(&mut loket::store::Store)) -> Catalog {
    let dir = tempfile::tempdir().unwrap();
    let mut store = loket::store::Store::open(&dir.path().join("loket.db"))
        .unwrap()
        .store;
    fill(&mut store);
    Catalog::load(&store).unwrap()
}

/// Rank (1-based) of the first expected service in the results, if in the top 10.
fn rank(catalog: &Catalog, case: &Case) -> Option<usize> {
    let results = catalog.index.search(&case.query, &Filters::default(), 10);
    results
        .hits
        .iter()
        .position(|h| case.expect.contains(&h.id))
        .map(|p| p + 1)
}

/// Mean reciprocal rank and hit@5 of `cases` on `catalog`, printing every query that did not
/// come first.
fn measure(name: &str, catalog: &Catalog, cases: &str) -> (f64, f64) {
    let cases: Cases = toml::from_str(cases).unwrap();
    for case in &cases.case {
        for id in &case.expect {
            assert!(
                catalog.index.line_of(id).is_some(),
                "{:?} expects unknown service {id}",
                case.query
            );
        }
    }
    let ranks: Vec<Option<usize>> = cases.case.iter().map(|c| rank(catalog, c)).collect();
    let n = ranks.len() as f64;
    let mrr = ranks
        .iter()
        .map(|r| r.map_or(0.0, |r| 1.0 / r as f64))
        .sum::<f64>()
        / n;
    let hit5 = ranks.iter().filter(|r| r.is_some_and(|r| r <= 5)).count() as f64 / n;
    for (case, rank) in cases.case.iter().zip(&ranks) {
        if *rank != Some(1) {
            let top: Vec<String> = catalog
                .index
                .search(&case.query, &Filters::default(), 3)
                .hits
                .into_iter()
                .map(|h| h.id)
                .collect();
            println!(
                "rank {rank:?} for {:?}: expected {:?}, got {top:?}",
                case.query, case.expect
            );
        }
    }
    println!(
        "{name}: {} queries, MRR {mrr:.3}, hit@5 {hit5:.3}",
        ranks.len()
    );
    (mrr, hit5)
}

/// The sample kaart and its queries were written together (descriptions were edited so the
/// queries find them), so this set guards against regressions more than it measures quality.
#[test]
fn relevance_on_the_sample_kaart() {
    let catalog = catalog_of(|store| {
        loket::interop::load_sample(store).unwrap();
    });
    let (mrr, hit5) = measure("voorbeeldkaart", &catalog, include_str!("relevance.toml"));
    assert!(mrr >= 0.9, "MRR {mrr:.3} below 0.9");
    assert!(hit5 >= 0.95, "hit@5 {hit5:.3} below 0.95");
}

/// A kaart nobody edited for the search, imported as any municipality's HSDS package, with
/// queries written before its ranking was seen. Raising its figures is work on the search,
/// never on this kaart or these queries.
#[test]
fn relevance_on_a_held_out_kaart() {
    let package = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hsds/heldout");
    let catalog = catalog_of(|store| {
        import_path(store, &package, &Leefgebieden::builtin(), false).unwrap();
    });
    let (mrr, hit5) = measure(
        "held-out kaart",
        &catalog,
        include_str!("relevance_heldout.toml"),
    );
    assert!(mrr >= FLOOR_MRR, "MRR {mrr:.3} below {FLOOR_MRR}");
    assert!(hit5 >= FLOOR_HIT, "hit@5 {hit5:.3} below {FLOOR_HIT}");
}
