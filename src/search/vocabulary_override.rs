//! The beheerder's own words: `vocabulary.toml` in Loket's configuration folder, merged over
//! the built-in vocabulary and read again when it changes, so no new build of Loket is needed.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::Deserialize;

use super::vocabulary::{BUILTIN, VocabularyFile, parse};
use super::{Concept, Vocabulary, VocabularyError};
use crate::domain::Leefgebieden;

/// The file's name in the configuration folder.
const VOCABULARY_FILE: &str = "vocabulary.toml";

/// A concept in the beheerder's own file: only the name is required, so that words can be
/// added to a built-in concept without repeating it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConceptOverride {
    name: String,
    #[serde(default)]
    leefgebieden: Vec<String>,
    #[serde(default)]
    terms: Vec<String>,
    #[serde(default)]
    words: Vec<String>,
    acuut: Option<bool>,
}

/// The beheerder's own file. Unknown keys are refused: a misspelt `word = [...]` would
/// otherwise be ignored without a trace.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OverrideFile {
    #[serde(default)]
    stopwords: Vec<String>,
    #[serde(default)]
    light_words: Vec<String>,
    #[serde(default)]
    verb_forms: Vec<Vec<String>>,
    #[serde(default)]
    concept: Vec<ConceptOverride>,
}

fn add_missing(to: &mut Vec<String>, from: Vec<String>) {
    for item in from {
        if !to.contains(&item) {
            to.push(item);
        }
    }
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

impl Vocabulary {
    /// The built-in vocabulary with the beheerder's file merged over it: its stopwords, light
    /// words and verb forms are added; a concept named like a built-in one (case aside) adds its words, terms and
    /// leefgebieden to it and may make it acuut (never the reverse: a built-in alarm stays);
    /// any other concept is new and needs its own terms.
    pub fn with_override(
        override_text: &str,
        leefgebieden: &Leefgebieden,
    ) -> Result<Vocabulary, VocabularyError> {
        let mut file: VocabularyFile = parse(BUILTIN).expect("data/vocabulary.toml is valid");
        let extra: OverrideFile = parse(override_text)?;
        file.stopwords.extend(extra.stopwords);
        file.light_words.extend(extra.light_words);
        file.verb_forms.extend(extra.verb_forms);
        for concept in extra.concept {
            match file
                .concept
                .iter_mut()
                .find(|c| same_name(&c.name, &concept.name))
            {
                Some(builtin) => {
                    if builtin.acuut && concept.acuut == Some(false) {
                        return Err(VocabularyError::AcuteSwitchedOff {
                            concept: builtin.name.clone(),
                        });
                    }
                    builtin.acuut |= concept.acuut == Some(true);
                    add_missing(&mut builtin.leefgebieden, concept.leefgebieden);
                    add_missing(&mut builtin.terms, concept.terms);
                    add_missing(&mut builtin.words, concept.words);
                }
                None if concept.terms.is_empty() => {
                    return Err(VocabularyError::NewConceptWithoutTerms {
                        concept: concept.name,
                    });
                }
                None => file.concept.push(Concept {
                    name: concept.name,
                    leefgebieden: concept.leefgebieden,
                    terms: concept.terms,
                    words: concept.words,
                    acuut: concept.acuut == Some(true),
                }),
            }
        }
        Vocabulary::checked(file, leefgebieden)
    }
}

/// The beheerder's vocabulary file and how it was (size, modification time) when last loaded,
/// so that one `stat` tells whether it changed.
#[derive(Debug, Clone, Default)]
pub struct VocabularySource {
    path: Option<PathBuf>,
    /// `None` when the file was absent at the last load (or nothing was loaded yet).
    loaded: Option<FileStamp>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileStamp {
    modified: Option<SystemTime>,
    len: u64,
}

fn stamp(path: &Path) -> Option<FileStamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some(FileStamp {
        modified: meta.modified().ok(),
        len: meta.len(),
    })
}

impl VocabularySource {
    /// The file at `path`; `None` for the built-in vocabulary only.
    pub fn new(path: Option<PathBuf>) -> VocabularySource {
        VocabularySource { path, loaded: None }
    }

    /// `vocabulary.toml` in the configuration folder the desk or command line passes in.
    pub fn in_folder(config_dir: Option<&Path>) -> VocabularySource {
        VocabularySource::new(config_dir.map(|d| d.join(VOCABULARY_FILE)))
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether the file appeared, disappeared or was written since the last [`load`](Self::load).
    pub fn changed(&self) -> bool {
        self.path
            .as_deref()
            .is_some_and(|path| stamp(path) != self.loaded)
    }

    /// The built-in vocabulary with the file merged over it, or the built-in one alone when
    /// there is no file. An invalid file counts as loaded too, so it is reported once per
    /// change, not at every check.
    pub fn load(&mut self, leefgebieden: &Leefgebieden) -> Result<Vocabulary, VocabularyError> {
        let Some(path) = &self.path else {
            return Vocabulary::embedded(leefgebieden);
        };
        // Stamped before reading: a write during the read then shows as a change next time.
        self.loaded = stamp(path);
        match std::fs::read_to_string(path) {
            Ok(text) => Vocabulary::with_override(&text, leefgebieden),
            Err(e) if e.kind() == ErrorKind::NotFound => Vocabulary::embedded(leefgebieden),
            Err(e) => Err(e.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merged(text: &str) -> Result<Vocabulary, VocabularyError> {
        Vocabulary::with_override(text, &Leefgebieden::builtin())
    }

    /// The names of the concepts `word` leads to.
    fn concepts_of<'a>(vocabulary: &'a Vocabulary, word: &str) -> Vec<&'a str> {
        vocabulary
            .entries()
            .iter()
            .filter(|e| e.words.join(" ") == word)
            .flat_map(|e| &e.concepts)
            .map(|&c| vocabulary.concepts[c].name.as_str())
            .collect()
    }

    #[test]
    fn words_of_a_builtin_concept_are_added_to_it() {
        let builtin = Vocabulary::builtin();
        assert!(concepts_of(&builtin, "kaskraker").is_empty());
        let vocabulary =
            merged("[[concept]]\nname = \"Schulden\"\nwords = [\"kaskraker\", \"rood staan\"]\n")
                .unwrap();
        assert_eq!(concepts_of(&vocabulary, "kaskraker"), ["schulden"]);
        assert_eq!(vocabulary.concepts.len(), builtin.concepts.len());
        let schulden = vocabulary
            .concepts
            .iter()
            .find(|c| c.name == "schulden")
            .unwrap();
        let before = builtin
            .concepts
            .iter()
            .find(|c| c.name == "schulden")
            .unwrap();
        assert_eq!(schulden.terms, before.terms);
        assert_eq!(schulden.leefgebieden, before.leefgebieden);
        // A word the built-in concept had already is not doubled.
        assert_eq!(
            schulden.words.iter().filter(|w| *w == "rood staan").count(),
            before.words.iter().filter(|w| *w == "rood staan").count()
        );
        assert!(schulden.words.ends_with(&["kaskraker".to_string()]));
    }

    #[test]
    fn stopwords_are_added_and_new_concepts_appended() {
        let vocabulary = merged(
            "stopwords = [\"effe\"]\n\n[[concept]]\nname = \"repair café\"\nleefgebieden = [\"meedoen-ontmoeten\"]\nterms = [\"repair café\", \"reparatie\"]\nwords = [\"kapot\"]\n",
        )
        .unwrap();
        assert!(vocabulary.is_stopword("effe"));
        assert!(vocabulary.is_stopword("de"));
        assert!(concepts_of(&vocabulary, "kapot").contains(&"repair café"));
        assert_eq!(
            vocabulary.concepts.len(),
            Vocabulary::builtin().concepts.len() + 1
        );
    }

    #[test]
    fn an_override_may_raise_an_alarm_but_never_silence_one() {
        let vocabulary = merged(
            "[[concept]]\nname = \"huiselijk geweld\"\nwords = [\"klappen thuis\"]\n\n[[concept]]\nname = \"spanningen thuis\"\nacuut = true\n",
        )
        .unwrap();
        assert_eq!(
            vocabulary.danger_words("ik krijg klappen thuis"),
            ["klappen thuis"]
        );
        assert!(
            vocabulary
                .concepts
                .iter()
                .any(|c| c.name == "spanningen thuis" && c.acuut)
        );
        let err = merged("[[concept]]\nname = \"huiselijk geweld\"\nacuut = false\n").unwrap_err();
        assert!(err.to_string().contains("huiselijk geweld"), "{err}");
    }

    #[test]
    fn invalid_overrides_are_explained_on_one_line() {
        let cases = [
            (
                "[[concept]]\nname = \"raket\"\nleefgebieden = [\"ruimtevaart\"]\nterms = [\"raket\"]\n",
                &["\"raket\"", "ruimtevaart", "werk-inkomen"][..],
            ),
            (
                "[[concept]]\nname = \"schuldn\"\nwords = [\"geldgat\"]\n",
                &["\"schuldn\"", "terms"][..],
            ),
            (
                "[[concept]]\nname = \"schulden\"\nword = [\"geldgat\"]\n",
                &["regel 3", "word"][..],
            ),
            ("stopwords = [\"effe\"\n", &["regel 1"][..]),
        ];
        for (text, expected) in cases {
            let message = merged(text).unwrap_err().to_string();
            assert!(!message.contains('\n'), "{message}");
            for part in expected {
                assert!(message.contains(part), "{part} not in {message}");
            }
        }
    }

    #[test]
    fn a_source_notices_a_file_that_appears_changes_or_goes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(VOCABULARY_FILE);
        let mut source = VocabularySource::new(Some(path.clone()));
        assert!(!source.changed());
        assert_eq!(
            source.load(&Leefgebieden::builtin()).unwrap().len(),
            Vocabulary::builtin().len()
        );

        std::fs::write(
            &path,
            "[[concept]]\nname = \"schulden\"\nwords = [\"geldgat\"]\n",
        )
        .unwrap();
        assert!(source.changed());
        assert_eq!(
            concepts_of(&source.load(&Leefgebieden::builtin()).unwrap(), "geldgat"),
            ["schulden"]
        );
        assert!(!source.changed());

        std::fs::write(&path, "[[concept]\n").unwrap();
        assert!(source.changed());
        assert!(source.load(&Leefgebieden::builtin()).is_err());
        assert!(
            !source.changed(),
            "a broken file is reported once per change"
        );

        std::fs::remove_file(&path).unwrap();
        assert!(source.changed());
        assert!(concepts_of(&source.load(&Leefgebieden::builtin()).unwrap(), "geldgat").is_empty());
    }

    #[test]
    fn without_a_path_the_builtin_vocabulary_is_used() {
        let mut source = VocabularySource::new(None);
        assert!(!source.changed());
        assert_eq!(
            source.load(&Leefgebieden::builtin()).unwrap().len(),
            Vocabulary::builtin().len()
        );
    }
}
