//! Relevance of the kaart search on the sample kaart: realistic front-office queries (problem
//! words, typos, missing diacritics, abbreviations, names) and the services that should come
//! first. Reports MRR and hit@5 and holds them above a floor.

use loket::search::{Catalog, Filters};
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

fn sample_catalog() -> Catalog {
    let dir = tempfile::tempdir().unwrap();
    let mut store = loket::store::Store::open(&dir.path().join("loket.db"))
        .unwrap()
        .store;
    loket::interop::load_sample(&mut store).unwrap();
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

#[test]
fn relevance_on_the_sample_kaart() {
    let cases: Cases = toml::from_str(include_str!("relevance.toml")).unwrap();
    let catalog = sample_catalog();
    for case in &cases.case {
        for id in &case.expect {
            assert!(
                catalog.kaart.service(id).is_some(),
                "{:?} expects unknown service {id}",
                case.query
            );
        }
    }
    let ranks: Vec<Option<usize>> = cases.case.iter().map(|c| rank(&catalog, c)).collect();
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
    println!("{} queries: MRR {mrr:.3}, hit@5 {hit5:.3}", ranks.len());
    assert!(mrr >= 0.9, "MRR {mrr:.3} below 0.9");
    assert!(hit5 >= 0.95, "hit@5 {hit5:.3} below 0.95");
}
