//! The Dutch search vocabulary (`data/vocabulary.toml`): the words residents and volunteers use
//! — problem words, everyday words, abbreviations — mapped to concepts of the sociale kaart.

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;

use super::normalize::{folded_words, stem};

/// One concept: the words people say, the words the kaart uses, and its life domains.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Concept {
    pub name: String,
    #[serde(default)]
    pub leefgebieden: Vec<String>,
    /// Words found in how services are named and described.
    pub terms: Vec<String>,
    /// Words people use for it.
    #[serde(default)]
    pub words: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct VocabularyFile {
    #[serde(default)]
    stopwords: Vec<String>,
    #[serde(default)]
    concept: Vec<Concept>,
}

/// A vocabulary word or phrase in folded form, and the concepts it leads to.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Folded words of the entry; more than one for a phrase (`rood staan`).
    pub words: Vec<String>,
    pub stems: Vec<String>,
    pub concepts: Vec<usize>,
}

/// The loaded vocabulary, ready for lookups.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    pub concepts: Vec<Concept>,
    /// Every entry, sorted by its folded text, so prefix lookups are a binary search.
    entries: Vec<Entry>,
    stopwords: HashSet<String>,
    /// Per concept, its kaart terms: each the folded meaningful words with their stems.
    concept_terms: Vec<Vec<Vec<(String, String)>>>,
}

#[derive(Debug, thiserror::Error)]
pub enum VocabularyError {
    #[error("zoekwoordenlijst is geen geldige TOML: {0}")]
    Toml(#[from] toml::de::Error),
    #[error(
        "zoekwoordenlijst: begrip {concept:?} heeft onbekend leefgebied {code:?} (geldig: {valid})"
    )]
    UnknownLeefgebied {
        concept: String,
        code: String,
        valid: String,
    },
}

const BUILTIN: &str = include_str!("../../data/vocabulary.toml");

impl Vocabulary {
    /// The vocabulary shipped in `data/`.
    pub fn builtin() -> Vocabulary {
        Vocabulary::from_toml(BUILTIN, &crate::domain::Leefgebieden::builtin())
            .expect("data/vocabulary.toml is valid")
    }

    pub fn from_toml(
        text: &str,
        leefgebieden: &crate::domain::Leefgebieden,
    ) -> Result<Vocabulary, VocabularyError> {
        let file: VocabularyFile = toml::from_str(text)?;
        for concept in &file.concept {
            if let Some(code) = concept
                .leefgebieden
                .iter()
                .find(|c| leefgebieden.get(c).is_none())
            {
                return Err(VocabularyError::UnknownLeefgebied {
                    concept: concept.name.clone(),
                    code: code.clone(),
                    valid: leefgebieden.codes(),
                });
            }
        }
        Ok(Vocabulary::new(file.concept, file.stopwords))
    }

    fn new(concepts: Vec<Concept>, stopwords: Vec<String>) -> Vocabulary {
        let mut by_text: BTreeMap<String, Entry> = BTreeMap::new();
        for (index, concept) in concepts.iter().enumerate() {
            // A concept is also found by its own name and terms, not only by its words.
            let spoken = concept
                .words
                .iter()
                .chain(&concept.terms)
                .chain([&concept.name]);
            for text in spoken {
                let words = folded_words(text);
                if words.is_empty() {
                    continue;
                }
                let entry = by_text.entry(words.join(" ")).or_insert_with(|| Entry {
                    stems: words.iter().map(|w| stem(w)).collect(),
                    words,
                    concepts: Vec::new(),
                });
                if !entry.concepts.contains(&index) {
                    entry.concepts.push(index);
                }
            }
        }
        let stopwords: HashSet<String> = stopwords.iter().flat_map(|s| folded_words(s)).collect();
        let concept_terms = concepts
            .iter()
            .map(|c| {
                c.terms
                    .iter()
                    .map(|t| {
                        folded_words(t)
                            .into_iter()
                            .filter(|w| !stopwords.contains(w))
                            .map(|w| {
                                let s = stem(&w);
                                (w, s)
                            })
                            .collect::<Vec<_>>()
                    })
                    .filter(|words| !words.is_empty())
                    .collect()
            })
            .collect();
        Vocabulary {
            concepts,
            entries: by_text.into_values().collect(),
            stopwords,
            concept_terms,
        }
    }

    pub fn is_stopword(&self, folded: &str) -> bool {
        self.stopwords.contains(folded)
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// A concept's kaart terms: per term its meaningful folded words, with their stems.
    pub fn concept_terms(&self, concept: usize) -> &[Vec<(String, String)>] {
        &self.concept_terms[concept]
    }

    /// Number of distinct words and phrases people may use.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Leefgebieden;

    #[test]
    fn builtin_vocabulary_is_large_and_covers_every_leefgebied() {
        let vocabulary = Vocabulary::builtin();
        assert!(vocabulary.len() >= 400, "{} entries", vocabulary.len());
        for leefgebied in Leefgebieden::builtin().all() {
            let concepts = vocabulary
                .concepts
                .iter()
                .filter(|c| c.leefgebieden.contains(&leefgebied.code))
                .count();
            assert!(concepts >= 2, "{} has {concepts} concepts", leefgebied.code);
        }
        assert!(vocabulary.is_stopword("de"));
    }

    #[test]
    fn unknown_leefgebied_is_a_clear_error() {
        let text =
            "[[concept]]\nname = \"x\"\nleefgebieden = [\"ruimtevaart\"]\nterms = [\"raket\"]\n";
        let err = Vocabulary::from_toml(text, &Leefgebieden::builtin()).unwrap_err();
        assert!(err.to_string().contains("ruimtevaart"));
        assert!(err.to_string().contains("werk-inkomen"));
    }
}
