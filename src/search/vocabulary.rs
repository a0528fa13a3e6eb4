//! The Dutch search vocabulary (`data/vocabulary.toml`): the words residents and volunteers use
//! — problem words, everyday words, abbreviations — mapped to concepts of the sociale kaart.

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;

use crate::domain::Leefgebieden;
use crate::text::folded_words;
use crate::text::stem;

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
    /// The concept means acute danger (domestic violence, child abuse, threat to life): its
    /// words in an intake's question raise the acute banner and route with spoed.
    #[serde(default)]
    pub acuut: bool,
}

#[derive(Debug, Deserialize)]
pub(super) struct VocabularyFile {
    #[serde(default)]
    pub(super) stopwords: Vec<String>,
    /// Everyday words that carry no problem of their own ("moeder", "deur", "brief"): they
    /// count for little next to the problem words of a sentence.
    #[serde(default)]
    pub(super) light_words: Vec<String>,
    /// Groups of forms of one irregular verb (`vergeten`, `vergeet`, `vergat`): a concept's
    /// word in one form is found by every form of its group.
    #[serde(default)]
    pub(super) verb_forms: Vec<Vec<String>>,
    #[serde(default)]
    pub(super) concept: Vec<Concept>,
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
    light_words: HashSet<String>,
    /// Per concept, its kaart terms: each the folded meaningful words with their stems.
    concept_terms: Vec<Vec<Vec<(String, String)>>>,
    /// The words of the acute concepts, looked for in an intake's question.
    danger: Vec<DangerWord>,
}

/// A word or phrase of an acute concept: as written in the vocabulary (for display), and
/// folded with stems (for matching).
#[derive(Debug, Clone)]
struct DangerWord {
    text: String,
    words: Vec<String>,
    stems: Vec<String>,
}

/// How a danger word was found in a question: by the same folded words, or only the same stems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum DangerMatch {
    Exact,
    Stem,
}

/// What is wrong with a vocabulary file; every message fits on one line (a status line).
#[derive(Debug, thiserror::Error)]
pub enum VocabularyError {
    #[error("niet te lezen: {0}")]
    Read(#[from] std::io::Error),
    #[error("geen geldige TOML (regel {line}): {message}")]
    Toml { line: usize, message: String },
    #[error("begrip {concept:?} heeft onbekend leefgebied {code:?} (geldig: {valid})")]
    UnknownLeefgebied {
        concept: String,
        code: String,
        valid: String,
    },
    #[error(
        "begrip {concept:?} staat niet in de ingebouwde lijst en heeft geen terms (klopt de naam?)"
    )]
    NewConceptWithoutTerms { concept: String },
    #[error("begrip {concept:?} is acuut; dat kan een eigen lijst niet uitzetten")]
    AcuteSwitchedOff { concept: String },
}

/// Parses TOML, reporting an error by line and message rather than toml's multi-line excerpt.
pub(super) fn parse<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, VocabularyError> {
    toml::from_str(text).map_err(|e| VocabularyError::Toml {
        line: e.span().map_or(1, |span| {
            let before = text.as_bytes().iter().take(span.start);
            before.filter(|&&b| b == b'\n').count() + 1
        }),
        message: e.message().trim().replace('\n', " "),
    })
}

pub(super) const BUILTIN: &str = include_str!("../../data/vocabulary.toml");

impl Vocabulary {
    /// The vocabulary shipped in `data/`, checked against the leefgebieden in use.
    pub fn embedded(leefgebieden: &Leefgebieden) -> Result<Vocabulary, VocabularyError> {
        Vocabulary::from_toml(BUILTIN, leefgebieden)
    }

    /// The shipped vocabulary over the shipped leefgebieden, for tests and benchmarks; the
    /// program checks it against its `ReferenceData` ([`embedded`](Self::embedded)).
    pub fn builtin() -> Vocabulary {
        Vocabulary::embedded(&Leefgebieden::builtin()).expect("data/vocabulary.toml is valid")
    }

    pub fn from_toml(
        text: &str,
        leefgebieden: &Leefgebieden,
    ) -> Result<Vocabulary, VocabularyError> {
        Vocabulary::checked(parse(text)?, leefgebieden)
    }

    pub(super) fn checked(
        file: VocabularyFile,
        leefgebieden: &Leefgebieden,
    ) -> Result<Vocabulary, VocabularyError> {
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
        Ok(Vocabulary::new(file))
    }

    fn new(file: VocabularyFile) -> Vocabulary {
        let VocabularyFile {
            stopwords,
            light_words,
            verb_forms,
            concept: concepts,
        } = file;
        let verb_forms: Vec<Vec<String>> = verb_forms
            .iter()
            .map(|forms| forms.iter().flat_map(|f| folded_words(f)).collect())
            .collect();
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
                let forms = match words.as_slice() {
                    [word] => verb_forms
                        .iter()
                        .find(|group| group.contains(word))
                        .cloned()
                        .unwrap_or_else(|| words.clone()),
                    [] => continue,
                    _ => vec![words.join(" ")],
                };
                for form in forms {
                    let entry = by_text.entry(form).or_insert_with_key(|form| {
                        let words = folded_words(form);
                        Entry {
                            stems: words.iter().map(|w| stem(w)).collect(),
                            words,
                            concepts: Vec::new(),
                        }
                    });
                    if !entry.concepts.contains(&index) {
                        entry.concepts.push(index);
                    }
                }
            }
        }
        let folded_set = |list: Vec<String>| -> HashSet<String> {
            list.iter().flat_map(|s| folded_words(s)).collect()
        };
        let stopwords = folded_set(stopwords);
        let light_words = folded_set(light_words);
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
        let mut danger: Vec<DangerWord> = Vec::new();
        for text in concepts.iter().filter(|c| c.acuut).flat_map(|c| &c.words) {
            let words = folded_words(text);
            if words.is_empty() || danger.iter().any(|d| d.words == words) {
                continue;
            }
            danger.push(DangerWord {
                text: text.clone(),
                stems: words.iter().map(|w| stem(w)).collect(),
                words,
            });
        }
        Vocabulary {
            concepts,
            entries: by_text.into_values().collect(),
            stopwords,
            light_words,
            concept_terms,
            danger,
        }
    }

    /// The words and phrases of acute concepts that occur in `text` (an intake's question), as
    /// the vocabulary writes them, deduplicated, in the order found. A word matches when its
    /// folded form or its stem is the same (`mishandelde` finds `mishandeld`); a phrase when its
    /// words stand consecutively. Only the smallest evidence is reported: "mijn man slaat me"
    /// gives `slaat`, not also the phrase `man slaat` around it, so the desk reads at a glance
    /// what raised the alarm and can judge a false one.
    pub fn danger_words(&self, text: &str) -> Vec<String> {
        let words = folded_words(text);
        let stems: Vec<String> = words.iter().map(|w| stem(w)).collect();
        // Per span of the text (start, end), the best danger word found there.
        let mut found: Vec<(usize, usize, DangerMatch, usize)> = Vec::new();
        for start in 0..words.len() {
            for (index, danger) in self.danger.iter().enumerate() {
                let end = start + danger.words.len();
                if end > words.len() {
                    continue;
                }
                let mut how = DangerMatch::Exact;
                let matched = danger.words.iter().zip(&danger.stems).enumerate().all(
                    |(offset, (word, word_stem))| {
                        if words[start + offset] == *word {
                            true
                        } else if stems[start + offset] == *word_stem {
                            how = DangerMatch::Stem;
                            true
                        } else {
                            false
                        }
                    },
                );
                if !matched {
                    continue;
                }
                match found.iter_mut().find(|f| f.0 == start && f.1 == end) {
                    Some(best) if how < best.2 => *best = (start, end, how, index),
                    Some(_) => {}
                    None => found.push((start, end, how, index)),
                }
            }
        }
        let mut result: Vec<String> = Vec::new();
        for &(start, end, _, index) in &found {
            let contains_smaller = found
                .iter()
                .any(|&(s, e, _, _)| start <= s && e <= end && e - s < end - start);
            let text = &self.danger[index].text;
            if !contains_smaller && !result.contains(text) {
                result.push(text.clone());
            }
        }
        result
    }

    /// The leefgebieden of the concepts whose words occur in `text` (an intake's question), in
    /// the order found, each once: "brief van de deurwaarder" gives geldzaken-schulden. A word
    /// matches by its folded form or its stem; a phrase when its words stand together.
    pub fn leefgebieden_in(&self, text: &str) -> Vec<String> {
        let words = folded_words(text);
        let stems: Vec<String> = words.iter().map(|w| stem(w)).collect();
        let mut found: Vec<String> = Vec::new();
        for start in 0..words.len() {
            for entry in &self.entries {
                let end = start + entry.words.len();
                let matched = !entry.words.is_empty()
                    && end <= words.len()
                    && (0..entry.words.len()).all(|o| {
                        words[start + o] == entry.words[o] || stems[start + o] == entry.stems[o]
                    });
                if !matched {
                    continue;
                }
                for code in entry
                    .concepts
                    .iter()
                    .flat_map(|&c| &self.concepts[c].leefgebieden)
                {
                    if !found.contains(code) {
                        found.push(code.clone());
                    }
                }
            }
        }
        found
    }

    pub fn is_stopword(&self, folded: &str) -> bool {
        self.stopwords.contains(folded)
    }

    /// Whether `folded` is a word (or phrase) of the vocabulary.
    pub fn has_word(&self, folded: &str) -> bool {
        self.entries
            .binary_search_by(|e| e.words.join(" ").as_str().cmp(folded))
            .is_ok()
    }

    /// An everyday word that says little about the problem (see `light_words` in the file).
    pub fn is_light(&self, folded: &str) -> bool {
        self.light_words.contains(folded)
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
    fn danger_words_find_the_word_that_raised_the_alarm() {
        let vocabulary = Vocabulary::builtin();
        assert_eq!(vocabulary.danger_words("mijn man slaat me"), ["slaat"]);
        assert_eq!(
            vocabulary.danger_words("hij wil niet meer leven"),
            ["niet meer leven"]
        );
        assert!(vocabulary.danger_words("ik heb schulden").is_empty());
    }

    #[test]
    fn danger_words_fold_case_and_diacritics_and_match_stems() {
        let vocabulary = Vocabulary::builtin();
        assert_eq!(vocabulary.danger_words("SUICIDE"), ["suïcide"]);
        assert_eq!(vocabulary.danger_words("Zélfmoord!"), ["zelfmoord"]);
        // By the stem: an inflection the list does not spell out.
        assert_eq!(
            vocabulary.danger_words("hij mishandelde haar"),
            ["mishandeld"]
        );
        assert_eq!(vocabulary.danger_words("Bedreigingen!"), ["bedreiging"]);
    }

    #[test]
    fn danger_words_are_deduplicated_in_the_order_found() {
        let vocabulary = Vocabulary::builtin();
        assert_eq!(
            vocabulary
                .danger_words("Hij bedreigt me, slaat me en bedreigt de kinderen. Hij slaat."),
            ["bedreigt", "slaat"]
        );
    }

    #[test]
    fn vague_words_near_danger_do_not_raise_the_alarm() {
        let vocabulary = Vocabulary::builtin();
        for calm in [
            "er dreigt een huisuitzetting",
            "dreigende huisuitzetting",
            "ik heb spoed nodig met mijn huurtoeslag",
            "ik woon op nummer 113",
            "ze is geslaagd voor haar examen",
            "mijn moeder slaapt slecht",
        ] {
            assert!(
                vocabulary.danger_words(calm).is_empty(),
                "{calm}: {:?}",
                vocabulary.danger_words(calm)
            );
        }
    }

    #[test]
    fn danger_words_come_only_from_acute_concepts() {
        let text = "[[concept]]\nname = \"gevaar\"\nacuut = true\nterms = [\"hulp\"]\nwords = [\"slaat\", \"bang voor hem\"]\n\n[[concept]]\nname = \"zorg\"\nterms = [\"hulp\"]\nwords = [\"ruzie\"]\n";
        let vocabulary = Vocabulary::from_toml(text, &Leefgebieden::builtin()).unwrap();
        assert_eq!(
            vocabulary.danger_words("ruzie, ik ben bang voor hem"),
            ["bang voor hem"]
        );
        assert!(vocabulary.danger_words("ruzie").is_empty());
    }

    #[test]
    fn every_form_of_an_irregular_verb_reaches_the_concept_of_one() {
        let vocabulary = Vocabulary::builtin();
        let concepts_of = |word: &str| -> Vec<&str> {
            let entry = vocabulary.entries().iter().find(|e| e.words == [word]);
            entry.map_or(Vec::new(), |e| {
                e.concepts
                    .iter()
                    .map(|&c| vocabulary.concepts[c].name.as_str())
                    .collect()
            })
        };
        assert!(concepts_of("vergat").contains(&"dementie"));
        assert!(concepts_of("sloegen").contains(&"huiselijk geweld"));
        assert!(vocabulary.has_word("vergat"));
    }

    #[test]
    fn light_words_come_from_the_file() {
        let text = "light_words = [\"Deur\"]\n[[concept]]\nname = \"x\"\nterms = [\"y\"]\n";
        let vocabulary = Vocabulary::from_toml(text, &Leefgebieden::builtin()).unwrap();
        assert!(vocabulary.is_light("deur"));
        assert!(Vocabulary::builtin().is_light("moeder"));
        assert!(!Vocabulary::builtin().is_light("dementie"));
    }

    #[test]
    fn unknown_leefgebied_is_a_clear_error() {
        let text =
            "[[concept]]\nname = \"x\"\nleefgebieden = [\"ruimtevaart\"]\nterms = [\"raket\"]\n";
        let err = Vocabulary::from_toml(text, &Leefgebieden::builtin()).unwrap_err();
        assert!(err.to_string().contains("ruimtevaart"));
        assert!(err.to_string().contains("werk-inkomen"));
    }

    #[test]
    fn a_question_suggests_the_leefgebieden_of_its_words() {
        let vocabulary = Vocabulary::builtin();
        let found = vocabulary.leefgebieden_in("Ik heb een brief van de deurwaarder gekregen");
        assert_eq!(
            found.first().map(String::as_str),
            Some("geldzaken-schulden")
        );
        assert!(vocabulary.leefgebieden_in("").is_empty());
    }
}
