//! The kaart as the desks search it: its index (with what the result list shows) and the
//! leefgebied names. The rest of a service — phones, addresses, descriptions — stays in the
//! store and is read when a service is shown ([`crate::store::Store::service_detail`]).

use std::sync::Arc;

use super::{SearchIndex, Vocabulary};
use crate::domain::{Kaart, Leefgebieden};
use crate::store::{Store, StoreError};

pub struct Catalog {
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
        Catalog {
            index: SearchIndex::build(Arc::new(kaart), Vocabulary::builtin()),
            leefgebieden: Leefgebieden::builtin(),
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
        Ok(Catalog {
            index: SearchIndex::load(store, Arc::unwrap_or_clone(vocabulary))?,
            leefgebieden: store.reference().leefgebieden.clone(),
            kaart_version: Some(version),
        })
    }
}
