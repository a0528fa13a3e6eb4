//! Arbitrary UTF-8 as a search query against the sample kaart (`data/kaart`), index built once.

#![no_main]

use std::path::Path;
use std::sync::{Arc, LazyLock};

use libfuzzer_sys::fuzz_target;
use loket::domain::Leefgebieden;
use loket::search::{Filters, SearchIndex, Vocabulary};

static INDEX: LazyLock<SearchIndex> = LazyLock::new(|| {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/kaart");
    let (kaart, _) =
        loket::interop::read_path(&dir, &Leefgebieden::builtin()).expect("the sample kaart");
    SearchIndex::build(Arc::new(kaart), Vocabulary::builtin())
});

fuzz_target!(|query: &str| {
    for limit in [0, 5] {
        let results = INDEX.search(query, &Filters::default(), limit);
        assert!(results.hits.len() <= limit);
        assert!(results.total >= results.hits.len());
    }
});
