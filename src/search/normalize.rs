//! Dutch stemming for search, over the folded words of `crate::text`. The same functions serve
//! the index and the query, so both sides always agree.

use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

static DUTCH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Dutch));

/// The Dutch stem of a folded word (`eenzame`, `eenzaamheid` → `eenzam`; `schulden` → `schuld`).
pub fn stem(folded: &str) -> String {
    DUTCH.stem(folded).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stemming_joins_inflections() {
        assert_eq!(stem("eenzame"), stem("eenzaamheid"));
        assert_eq!(stem("schulden"), stem("schuld"));
        assert_eq!(stem("clienten"), stem("client"));
    }
}
