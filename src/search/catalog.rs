//! The kaart as the desks search it: the kaart itself, its index and the leefgebied names.

use std::sync::Arc;

use super::{SearchIndex, Vocabulary};
use crate::domain::{Kaart, Leefgebieden};
use crate::store::{Store, StoreError};

pub struct Catalog {
    pub kaart: Arc<Kaart>,
    pub index: SearchIndex,
    pub leefgebieden: Leefgebieden,
}

impl Catalog {
    pub fn new(kaart: Kaart) -> Catalog {
        let kaart = Arc::new(kaart);
        Catalog {
            index: SearchIndex::build(Arc::clone(&kaart), Vocabulary::builtin()),
            kaart,
            leefgebieden: Leefgebieden::builtin(),
        }
    }

    pub fn load(store: &Store) -> Result<Catalog, StoreError> {
        Ok(Catalog::new(store.load_kaart()?))
    }
}
