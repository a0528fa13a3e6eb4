//! Running a query against the index: expand each query word to kaart words (directly and
//! through the vocabulary), score services, filter and rank them.
//!
//! A service's score is the sum over the query's meaningful words of how well it matches that
//! word (0–1: match kind × field), each word weighted by how telling it is (rarer words count
//! more, like IDF), so "kan niet goed lezen" is about *lezen*, not about *goed*.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use super::filters::{CompiledFilters, Filters};
use super::index::{Doc, SearchIndex};
use super::matching::{MatchKind, match_kind, match_word};
use crate::text::stem;
use crate::text::{folded_words, words};

/// Queries are cut to this many words, each to this many chars, so any input stays fast.
const MAX_QUERY_WORDS: usize = 8;
const MAX_WORD_CHARS: usize = 40;
/// A word found in the vocabulary counts for less than a direct match of the same quality.
const VOCABULARY_FACTOR: f32 = 0.6;
/// A vocabulary phrase typed in full ("drinkt te veel") says exactly what is meant.
const PHRASE_WEIGHT: f32 = 0.9;
/// A service in a concept's leefgebied, without a matching word, still counts a little.
const LEEFGEBIED_WEIGHT: f32 = 0.25;
/// Inactive services stay findable but sink below active ones.
const INACTIVE_FACTOR: f32 = 0.5;
/// A service counts towards a word's frequency from this match score.
const FREQUENCY_THRESHOLD: f32 = 0.3;
/// At most this many typo corrections are searched for per word.
const MAX_CORRECTIONS: usize = 3;
/// Words shorter than this match longer words only while they are being typed (the last word).
const MIN_COMPOUND_PREFIX: usize = 4;

/// One service in the results.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub doc: u32,
    pub id: String,
    pub score: f32,
    /// Char indices of the service name to highlight.
    pub highlight: Vec<usize>,
}

/// The best `limit` hits, best first, and how many services matched in all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    pub hits: Vec<Hit>,
    pub total: usize,
}

/// A query word with what it leads to in the kaart.
struct QueryWord {
    folded: String,
    stem: String,
    /// The word the user is still typing: it may be the start of a longer word.
    typing: bool,
    /// Vocabulary concepts this word (or a phrase it is part of) stands for, with a weight.
    concepts: Vec<(usize, f32)>,
    /// Vocabulary words this one is a typo of (`shculden` → `schulden`), with their stems.
    corrections: Vec<(String, String)>,
}

impl SearchIndex {
    /// Searches the kaart. An empty query lists every service the filters allow.
    pub fn search(&self, query: &str, filters: &Filters, limit: usize) -> Results {
        let words = self.query_words(query);
        let compiled = CompiledFilters::new(filters, self);
        let n = self.docs.len();
        let mut total = vec![0f32; n];
        let mut word_score = vec![0f32; n];
        let mut touched: Vec<u32> = Vec::new();
        let norm = (1.0 + n as f32).ln().max(f32::EPSILON);
        for word in &words {
            self.score_word(word, &mut word_score, &mut touched);
            let frequency = touched
                .iter()
                .filter(|&&d| word_score[d as usize] >= FREQUENCY_THRESHOLD)
                .count();
            let importance = (1.0 + n as f32 / (1.0 + frequency as f32)).ln() / norm;
            for &doc in &touched {
                let d = doc as usize;
                total[d] += importance * word_score[d];
                word_score[d] = 0.0;
            }
            touched.clear();
        }
        let mut candidates: Vec<(u32, f32)> = (0..n as u32)
            .filter(|&d| words.is_empty() || total[d as usize] > 0.0)
            .filter(|&d| compiled.accepts(&self.docs[d as usize], self.listing.schedule(d)))
            .map(|d| {
                let doc = &self.docs[d as usize];
                let factor = if doc.active { 1.0 } else { INACTIVE_FACTOR };
                (d, total[d as usize] * factor)
            })
            .collect();
        let count = candidates.len();
        let order = |a: &(u32, f32), b: &(u32, f32)| {
            rank_order(
                (&self.docs[a.0 as usize], a.1),
                (&self.docs[b.0 as usize], b.1),
            )
        };
        if limit > 0 && limit < candidates.len() {
            candidates.select_nth_unstable_by(limit - 1, order);
        }
        candidates.truncate(limit);
        candidates.sort_unstable_by(order);
        let hits = candidates
            .into_iter()
            .map(|(d, score)| Hit {
                doc: d,
                id: self.listing.id(d).to_string(),
                score,
                highlight: self.highlight(self.listing.name(d), &words),
            })
            .collect();
        Results { hits, total: count }
    }

    /// The meaningful words of the query, each with the concepts it leads to.
    fn query_words(&self, query: &str) -> Vec<QueryWord> {
        let all: Vec<String> = folded_words(query)
            .into_iter()
            .take(MAX_QUERY_WORDS)
            .map(|w| w.chars().take(MAX_WORD_CHARS).collect())
            .collect();
        let stems: Vec<String> = all.iter().map(|w| stem(w)).collect();
        let vocabulary = &self.vocabulary;
        let mut concepts: Vec<Vec<(usize, f32)>> = vec![Vec::new(); all.len()];
        // Phrases first, on the words as typed: stopwords are part of many phrases
        // ("kan huur niet betalen").
        for entry in vocabulary.entries().iter().filter(|e| e.words.len() > 1) {
            let len = entry.words.len();
            for start in 0..all.len().saturating_sub(len - 1) {
                let fits = (0..len).all(|k| {
                    all[start + k] == entry.words[k] || stems[start + k] == entry.stems[k]
                });
                if fits {
                    for slot in &mut concepts[start..start + len] {
                        slot.extend(entry.concepts.iter().map(|&c| (c, PHRASE_WEIGHT)));
                    }
                }
            }
        }
        // A query typed to the end ("zorg ") has no word in progress.
        let last_typing = !query.ends_with(|c: char| !c.is_alphanumeric());
        let last = all.len().saturating_sub(1);
        let keep_all = all.iter().all(|w| vocabulary.is_stopword(w));
        all.into_iter()
            .zip(stems)
            .zip(concepts)
            .enumerate()
            .filter(|(_, ((w, _), _))| keep_all || !vocabulary.is_stopword(w))
            .map(|(i, ((folded, stem), mut concepts))| {
                let typing = i == last && last_typing;
                let mut corrections = Vec::new();
                let prefilter = Prefilter::new(&folded, &stem);
                let single = vocabulary.entries().iter().filter(|e| e.words.len() == 1);
                for entry in single.filter(|e| prefilter.admits(&e.words[0], &e.stems[0])) {
                    let Some(kind) =
                        vocabulary_match(&folded, &stem, &entry.words[0], &entry.stems[0], typing)
                    else {
                        continue;
                    };
                    let weight = kind.weight() * VOCABULARY_FACTOR;
                    concepts.extend(entry.concepts.iter().map(|&c| (c, weight)));
                    if kind == MatchKind::Fuzzy && corrections.len() < MAX_CORRECTIONS {
                        corrections.push((entry.words[0].clone(), entry.stems[0].clone()));
                    }
                }
                concepts.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
                concepts.dedup_by_key(|c| c.0);
                QueryWord {
                    folded,
                    stem,
                    typing,
                    concepts,
                    corrections,
                }
            })
            .collect()
    }

    /// Fills `scores` with this word's best score per service and lists the services touched.
    fn score_word(&self, word: &QueryWord, scores: &mut [f32], touched: &mut Vec<u32>) {
        let mut raise = |doc: u32, score: f32| {
            let slot = &mut scores[doc as usize];
            if *slot == 0.0 {
                touched.push(doc);
            }
            if score > *slot {
                *slot = score;
            }
        };
        let typed = std::iter::once((&word.folded, &word.stem, 1.0));
        let corrected = word
            .corrections
            .iter()
            .map(|(w, s)| (w, s, MatchKind::Fuzzy.weight()));
        for (folded, stem, factor) in typed.chain(corrected) {
            for (term, weight) in self.direct_terms(folded, stem, word.typing) {
                for posting in self.terms.get(term as usize).postings {
                    raise(posting.doc(), factor * weight * posting.field().weight());
                }
            }
        }
        // Several concepts often share a leefgebied: visit each leefgebied once.
        let mut leefgebied_weights = vec![0f32; self.leefgebied_codes.len()];
        for &(concept, weight) in &word.concepts {
            for &(doc, doc_weight) in &self.concept_docs[concept] {
                raise(doc, weight * doc_weight);
            }
            for code in &self.vocabulary.concepts[concept].leefgebieden {
                if let Some(i) = self.leefgebied_codes.iter().position(|c| c == code) {
                    leefgebied_weights[i] = leefgebied_weights[i].max(weight);
                }
            }
        }
        for (docs, weight) in self.docs_by_leefgebied.iter().zip(leefgebied_weights) {
            if weight > 0.0 {
                for &doc in docs {
                    raise(doc, weight * LEEFGEBIED_WEIGHT);
                }
            }
        }
    }

    /// Kaart words matching a query word directly, with the weight of the match.
    fn direct_terms(&self, folded: &str, stem: &str, typing: bool) -> Vec<(u32, f32)> {
        let qlen = folded.chars().count();
        let weighted = |kind: MatchKind, term_len: usize| {
            let weight = kind.weight();
            // A short prefix of a long word says less than a nearly complete one.
            if kind == MatchKind::Prefix {
                weight * (0.8 + 0.2 * qlen as f32 / term_len as f32)
            } else {
                weight
            }
        };
        if qlen < MIN_COMPOUND_PREFIX {
            // Short words: whole words and stems, and while typing also prefixes; no scan.
            let start = self.terms.partition_point(|t| t.text < folded);
            let mut found: Vec<(u32, f32)> = self
                .terms
                .iter_from(start)
                .take_while(|t| t.text.starts_with(folded))
                .enumerate()
                .filter(|(_, t)| typing || t.text == folded)
                .map(|(i, t)| {
                    let kind = if t.text == folded {
                        MatchKind::Exact
                    } else {
                        MatchKind::Prefix
                    };
                    ((start + i) as u32, weighted(kind, t.len))
                })
                .collect();
            let same_stem = self.terms.with_stem(stem);
            found.extend(same_stem.iter().map(|&t| (t, MatchKind::Stem.weight())));
            return found;
        }
        let prefilter = Prefilter::new(folded, stem);
        self.terms
            .near(folded, stem)
            .into_iter()
            .map(|i| (i, self.terms.get(i as usize)))
            .filter(|(_, t)| prefilter.admits(t.text, t.stem))
            .filter_map(|(i, t)| {
                match_kind(folded, stem, t.text, t.stem, typing, true)
                    .map(|kind| (i, weighted(kind, t.len)))
            })
            .collect()
    }

    /// Char indices of `name` matched by the query words or their concepts' words.
    fn highlight(&self, name: &str, query: &[QueryWord]) -> Vec<usize> {
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
                    true,
                )
                .filter(|m| {
                    word.typing
                        || word.folded.len() >= MIN_COMPOUND_PREFIX
                        || m.kind <= MatchKind::Stem
                });
                let via_concept = || {
                    word.concepts.iter().find_map(|&(concept, _)| {
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

/// A cheap test, prepared once per query word, that rules out most words before the full
/// (typo-tolerant) match. Typos rarely touch the first letter, except by swapping the first two.
struct Prefilter<'q> {
    finder: memchr::memmem::Finder<'q>,
    stem: &'q str,
    first: Option<char>,
    second: Option<char>,
    len: usize,
}

impl<'q> Prefilter<'q> {
    fn new(query: &'q str, stem: &'q str) -> Prefilter<'q> {
        let mut chars = query.chars();
        Prefilter {
            finder: memchr::memmem::Finder::new(query),
            stem,
            first: chars.next(),
            second: chars.next(),
            len: query.len(),
        }
    }

    fn admits(&self, term: &str, term_stem: &str) -> bool {
        let first = term.chars().next();
        ((first == self.first || first == self.second) && term.len() + 2 >= self.len)
            || term_stem == self.stem
            || self.finder.find(term.as_bytes()).is_some()
    }
}

/// How a vocabulary word is found from a query word: whole, by stem, with a typo, or — for
/// the word being typed — by its start.
fn vocabulary_match(
    folded: &str,
    stem: &str,
    entry: &str,
    entry_stem: &str,
    typing: bool,
) -> Option<MatchKind> {
    let kind = match_kind(folded, stem, entry, entry_stem, typing, true)?;
    match kind {
        MatchKind::Exact | MatchKind::Stem | MatchKind::Fuzzy => Some(kind),
        MatchKind::Prefix if typing && folded.len() >= MIN_COMPOUND_PREFIX => Some(kind),
        _ => None,
    }
}

/// The result order: higher score, then the order among equals fixed at build (see
/// [`Doc::rank`]).
fn rank_order(a: (&Doc, f32), b: (&Doc, f32)) -> Ordering {
    let (da, sa) = a;
    let (db, sb) = b;
    let quantized = |s: f32| (s * 1000.0).round() as i64;
    quantized(sb)
        .cmp(&quantized(sa))
        .then(da.rank.cmp(&db.rank))
}
