//! The kaart as the desks search it: the kaart itself, its index and the leefgebied names.

use std::sync::Arc;

use super::{SearchIndex, Vocabulary};
use crate::domain::{Kaart, Leefgebieden};
use crate::store::{Store, StoreError};

pub struct Catalog {
    pub kaart: Arc<Kaart>,
    pub index: SearchIndex,
    pub leefgebieden: Leefgebieden,
    /// The database's `kaart_version` the kaart was read at, to notice when it moves; `None`
    /// for a kaart that did not come from a database.
    pub kaart_version: Option<i64>,
}

impl Catalog {
    /// The kaart indexed with the shipped vocabulary and leefgebieden, for tests and
    /// benchmarks.
    pub fn new(kaart: Kaart) -> Catalog {
        Catalog::with_vocabulary(
            kaart,
            Arc::new(Vocabulary::builtin()),
            Leefgebieden::builtin(),
        )
    }

    pub fn with_vocabulary(
        kaart: Kaart,
        vocabulary: Arc<Vocabulary>,
        leefgebieden: Leefgebieden,
    ) -> Catalog {
        let kaart = Arc::new(kaart);
        Catalog {
            index: SearchIndex::build(Arc::clone(&kaart), Arc::unwrap_or_clone(vocabulary)),
            kaart,
            leefgebieden,
            kaart_version: None,
        }
    }

    /// The kaart of `store` with the shipped vocabulary, for tests and benchmarks.
    pub fn load(store: &Store) -> Result<Catalog, StoreError> {
        Catalog::load_with(store, Arc::new(Vocabulary::builtin()))
    }

    /// The kaart of `store`, with the store's leefgebieden (its reference data).
    pub fn load_with(store: &Store, vocabulary: Arc<Vocabulary>) -> Result<Catalog, StoreError> {
        // The version is read first: a write between the two reads then costs one rebuild
        // too many, never a missed one.
        let version = store.kaart_version()?;
        let leefgebieden = store.reference().leefgebieden.clone();
        let mut catalog = Catalog::with_vocabulary(store.load_kaart()?, vocabulary, leefgebieden);
        catalog.kaart_version = Some(version);
        Ok(catalog)
    }
}
