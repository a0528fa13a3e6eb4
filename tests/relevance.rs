//! Relevance of the kaart search: realistic front-office queries (problem words, typos,
//! missing diacritics, abbreviations, names, whole sentences) and the services that should come
//! first, on the sample kaart and on a held-out kaart that was not written for the search.
//! Reports per set the MRR, hit@5 and the median number of results, and holds each set above its
//! own floors.

use std::path::Path;

use loket::domain::Leefgebieden;
use loket::interop::import_path;
use loket::search::{Catalog, Filters};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    query: String,
    expect: Vec<String>,
    /// An expected service must stand at this rank or better (the table of issue 20).
    within: Option<usize>,
}

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

/// What one set measured.
struct Figures {
    mrr: f64,
    hit5: f64,
    /// Median number of results a query lists (strong ones, and weak ones when there are few
    /// strong ones).
    median_count: usize,
}

fn median(mut counts: Vec<usize>) -> usize {
    counts.sort_unstable();
    counts[counts.len() / 2]
}

fn catalog_of(fill: impl FnOnce(&mut loket::store::Store)) -> Catalog {
    let dir = tempfile::tempdir().unwrap();
    let mut store = loket::store::Store::open(&dir.path().join("loket.db"))
        .unwrap()
        .store;
    fill(&mut store);
    Catalog::load(&store).unwrap()
}

fn sample_catalog() -> Catalog {
    catalog_of(|store| {
        loket::interop::load_sample(store).unwrap();
    })
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

/// The figures of `cases` on `catalog`, printing every query that did not come first and
/// failing on a case outside its `within`.
fn measure(name: &str, catalog: &Catalog, cases: &str) -> Figures {
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
    let lists: Vec<_> = cases
        .case
        .iter()
        .map(|c| {
            catalog
                .index
                .search(&c.query, &Filters::default(), usize::MAX)
        })
        .collect();
    let median_count = median(lists.iter().map(|r| r.hits.len()).collect());
    let median_strong = median(lists.iter().map(|r| r.total).collect());
    let mut outside = Vec::new();
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
        if let Some(within) = case.within
            && !rank.is_some_and(|r| r <= within)
        {
            outside.push(format!("{:?} (rank {rank:?})", case.query));
        }
    }
    println!(
        "{name}: {} queries, MRR {mrr:.3}, hit@5 {hit5:.3}, median results {median_count} \
         ({median_strong} strong)",
        ranks.len()
    );
    assert!(outside.is_empty(), "not in their top: {outside:?}");
    Figures {
        mrr,
        hit5,
        median_count,
    }
}

/// Holds `figures` at or above the floors (MRR, hit@5) and at or below the median count.
fn hold(figures: &Figures, mrr: f64, hit5: f64, median_count: usize) {
    assert!(figures.mrr >= mrr, "MRR {:.3} below {mrr}", figures.mrr);
    assert!(
        figures.hit5 >= hit5,
        "hit@5 {:.3} below {hit5}",
        figures.hit5
    );
    assert!(
        figures.median_count <= median_count,
        "median {} results, above {median_count}",
        figures.median_count
    );
}

/// The sample kaart and its queries were written together (descriptions were edited so the
/// queries find them), so this set guards against regressions more than it measures quality.
#[test]
fn relevance_on_the_sample_kaart() {
    let figures = measure(
        "voorbeeldkaart",
        &sample_catalog(),
        include_str!("relevance.toml"),
    );
    // Before the strong/weak cut a query here listed a median of 62 services.
    hold(&figures, 0.9, 0.95, 10);
}

/// Whole sentences in the resident's words on the sample kaart, written before their ranking
/// was seen (issue 20).
#[test]
fn relevance_of_whole_sentences() {
    let figures = measure(
        "zinnen",
        &sample_catalog(),
        include_str!("relevance_sentences.toml"),
    );
    // Measured MRR 0.664, hit@5 0.819 and a median list of 72 before issue 20's work on
    // sentences; floors below what it reached (MRR 0.758, hit@5 0.903, median 10).
    hold(&figures, 0.72, 0.86, 10);
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
    let figures = measure(
        "held-out kaart",
        &catalog,
        include_str!("relevance_heldout.toml"),
    );
    // Below the MRR 0.868 and hit@5 0.932 measured when the set was written.
    hold(&figures, 0.8, 0.88, usize::MAX);
}
