//! Searching the sociale kaart: an in-memory index built from the store, forgiving of typos,
//! missing diacritics and everyday words, and fast enough to run on every keystroke.

mod catalog;
mod filters;
mod highlight;
mod index;
mod listing;
mod matching;
mod query;
mod strength;
mod strings;
mod terms;
mod vocabulary;
mod vocabulary_override;

pub use catalog::Catalog;
pub use filters::{FilterError, Filters};
pub use index::SearchIndex;
pub use listing::ServiceLine;
pub use query::{Hit, Results};
pub use strength::{FEW_STRONG, Strength, WEAK_FILL};
pub use vocabulary::{Concept, Vocabulary, VocabularyError};
pub use vocabulary_override::VocabularySource;
