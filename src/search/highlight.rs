//! Which chars of a service's name a query matched, for highlighting in the list.

use std::collections::BTreeSet;

use super::index::SearchIndex;
use super::matching::{MatchKind, match_word};
use super::query::{ConceptRef, MIN_COMPOUND_PREFIX, QueryWord};
use crate::text::{stem, words};

impl SearchIndex {
    /// Char indices of `name` matched by the query words or their concepts' words.
    pub(super) fn highlight(&self, name: &str, query: &[QueryWord]) -> Vec<usize> {
        let mut chars = BTreeSet::new();
        for name_word in words(name) {
            let name_stem = stem(&name_word.folded);
            for word in query {
                let direct = match_word(
                    &word.folded,
                    &word.stem,
                    &name_word.folded,
                    &name_stem,
                    word.typing,
                    word.typos,
                )
                .filter(|m| {
                    word.typing
                        || word.folded.len() >= MIN_COMPOUND_PREFIX
                        || m.kind <= MatchKind::Stem
                });
                let via_concept = || {
                    word.concepts
                        .iter()
                        .find_map(|&ConceptRef { concept, .. }| {
                            self.vocabulary
                                .concept_terms(concept)
                                .iter()
                                .filter(|term| term.len() == 1)
                                .filter_map(|term| {
                                    match_word(
                                        &term[0].0,
                                        &term[0].1,
                                        &name_word.folded,
                                        &name_stem,
                                        false,
                                        false,
                                    )
                                })
                                .find(|m| m.kind <= MatchKind::Prefix)
                        })
                };
                if let Some(m) = direct.or_else(via_concept) {
                    chars.extend(m.chars.iter().filter_map(|&c| name_word.origin.get(c)));
                }
            }
        }
        chars.into_iter().collect()
    }
}
