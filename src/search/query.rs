//! Running a query against the index: expand each query word to kaart words (directly and
//! through the vocabulary), score services, filter, rank and cut them.
//!
//! A service's score is the sum over the query's meaningful words of how well it matches that
//! word (0–1: match kind × field), each word weighted by how telling it is (rarer words count
//! more, like IDF; everyday words such as "moeder" or "deur" little), so "kan niet goed lezen"
//! is about *lezen*, not about *goed*. Services rank by what correctly spelled problem words
//! found first, so a typo match never outranks an exact match of another word; a word spelled
//! as the kaart or the vocabulary spells it is never read as a typo of another (`dementie` is
//! not `detentie`). The list is then cut into strong and weak matches (see [`super::strength`]).

use std::cmp::Ordering;

use super::filters::{CompiledFilters, Filters};
use super::index::{Doc, Field, SearchIndex};
use super::matching::{MatchKind, Prefilter, match_kind};
use super::strength::{DocScore, Evidence, Strength, strengths, weak_shown};
use crate::text::folded_words;
use crate::text::stem;

/// Queries are cut to this many words (a resident's sentence fits), of which this many
/// meaningful ones, each to this many chars, so any input stays fast.
const MAX_QUERY_WORDS: usize = 24;
const MAX_MEANINGFUL_WORDS: usize = 12;
const MAX_WORD_CHARS: usize = 40;
/// A word found in the vocabulary counts for less than a direct match of the same quality.
const VOCABULARY_FACTOR: f32 = 0.6;
/// A vocabulary phrase typed in full ("drinkt te veel") says exactly what is meant. It counts
/// for each of its words, so it outranks a service named after one of them; a service named
/// after the whole phrase still comes first.
const PHRASE_WEIGHT: f32 = 0.9;
/// An everyday word in a sentence ("moeder", "deur") weighs this much of a problem word.
const LIGHT_FACTOR: f32 = 0.25;
/// A service in a concept's leefgebied, without a matching word, still counts a little.
const LEEFGEBIED_WEIGHT: f32 = 0.25;
/// Inactive services stay findable but sink below active ones.
const INACTIVE_FACTOR: f32 = 0.5;
/// A service counts towards a word's frequency from this match score.
const FREQUENCY_THRESHOLD: f32 = 0.3;
/// At most this many typo corrections are searched for per word.
const MAX_CORRECTIONS: usize = 3;
/// Words shorter than this match longer words only while they are being typed (the last word).
pub(super) const MIN_COMPOUND_PREFIX: usize = 4;
/// One or two letters typed start thousands of words on a large kaart; they stand for this
/// many of them, those in the most services, so every keystroke stays fast. The third letter
/// brings them all back.
const SHORT_PREFIX: usize = 3;
const SHORT_PREFIX_TERMS: usize = 24;

/// One service in the results.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub doc: u32,
    pub id: String,
    pub score: f32,
    pub strength: Strength,
    /// Char indices of the service name to highlight.
    pub highlight: Vec<usize>,
}

/// The best hits, strong ones first, and how many services matched strongly in all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    /// The best strong matches (at most the limit), then the weak ones shown below them.
    pub hits: Vec<Hit>,
    /// Services that matched strongly: the count the desk sees.
    pub total: usize,
}

impl Results {
    /// The number of strong hits listed: the weak ones start at this position.
    pub fn strong_shown(&self) -> usize {
        self.hits
            .partition_point(|h| h.strength == Strength::Strong)
    }
}

/// A vocabulary concept a query word leads to.
#[derive(Debug, Clone, Copy)]
pub(super) struct ConceptRef {
    pub(super) concept: usize,
    pub(super) weight: f32,
    /// Reached only through a typo of a vocabulary word.
    pub(super) fuzzy: bool,
}

/// A query word with what it leads to in the kaart.
pub(super) struct QueryWord {
    pub(super) folded: String,
    pub(super) stem: String,
    /// The word the user is still typing: it may be the start of a longer word.
    pub(super) typing: bool,
    /// An everyday word ("moeder", "deur") beside problem words: it weighs little and does not
    /// make a match strong.
    pub(super) light: bool,
    /// The word is not spelled as any word of the kaart or the vocabulary, so it may be a typo.
    pub(super) typos: bool,
    /// Vocabulary concepts this word (or a phrase it is part of) stands for.
    pub(super) concepts: Vec<ConceptRef>,
    /// Vocabulary words this one is a typo of (`shculden` → `schulden`), with their stems.
    pub(super) corrections: Vec<(String, String)>,
}

/// What one query word found in one service.
#[derive(Debug, Clone, Copy, Default)]
struct WordScore {
    exact: f32,
    fuzzy: f32,
    evidence: Evidence,
}

impl SearchIndex {
    /// Searches the kaart. An empty query lists every service the filters allow, all strong.
    /// `limit` caps the strong hits; weak ones follow them as [`super::strength`] rules.
    pub fn search(&self, query: &str, filters: &Filters, limit: usize) -> Results {
        let words = self.query_words(query);
        let compiled = CompiledFilters::new(filters, self);
        let n = self.docs.len();
        let mut totals = vec![DocScore::default(); n];
        let mut word_scores = vec![WordScore::default(); n];
        let mut touched: Vec<u32> = Vec::new();
        let norm = (1.0 + n as f32).ln().max(f32::EPSILON);
        for word in &words {
            self.score_word(word, &mut word_scores, &mut touched);
            let frequency = touched
                .iter()
                .map(|&d| &word_scores[d as usize])
                .filter(|s| s.exact.max(s.fuzzy) >= FREQUENCY_THRESHOLD)
                .count();
            let mut importance = (1.0 + n as f32 / (1.0 + frequency as f32)).ln() / norm;
            if word.light {
                importance *= LIGHT_FACTOR;
            }
            for &doc in &touched {
                let d = doc as usize;
                let found = std::mem::take(&mut word_scores[d]);
                let total = &mut totals[d];
                if word.light {
                    total.rest += importance * found.exact.max(found.fuzzy);
                } else if found.exact >= found.fuzzy {
                    total.firm += importance * found.exact;
                    total.add(found.evidence);
                } else {
                    total.rest += importance * found.fuzzy;
                }
            }
            touched.clear();
        }
        let candidates: Vec<(u32, DocScore)> = (0..n as u32)
            .filter(|&d| words.is_empty() || totals[d as usize].score() > 0.0)
            .filter(|&d| compiled.accepts(&self.docs[d as usize], self.listing.schedule(d)))
            .map(|d| {
                let mut score = totals[d as usize];
                if !self.docs[d as usize].active {
                    score.firm *= INACTIVE_FACTOR;
                    score.rest *= INACTIVE_FACTOR;
                }
                (d, score)
            })
            .collect();
        let strength = if words.is_empty() {
            vec![Strength::Strong; candidates.len()]
        } else {
            strengths(&candidates.iter().map(|c| c.1).collect::<Vec<_>>())
        };
        let (mut strong, mut weak): (Vec<_>, Vec<_>) = candidates
            .into_iter()
            .zip(strength)
            .partition(|(_, s)| *s == Strength::Strong);
        let total = strong.len();
        let order = |a: &((u32, DocScore), Strength), b: &((u32, DocScore), Strength)| {
            rank_order(
                (&self.docs[a.0.0 as usize], &a.0.1),
                (&self.docs[b.0.0 as usize], &b.0.1),
            )
        };
        best_first(&mut strong, limit, order);
        let weak_limit = weak_shown(strong.len()).min(limit.saturating_sub(strong.len()));
        best_first(&mut weak, weak_limit, order);
        let hits = strong
            .into_iter()
            .chain(weak)
            .map(|((d, score), strength)| Hit {
                doc: d,
                id: self.listing.id(d).to_string(),
                score: score.score(),
                strength,
                highlight: self.highlight(self.listing.name(d), &words),
            })
            .collect();
        Results { hits, total }
    }

    /// Whether `folded` is spelled as a word of the kaart or the vocabulary (or inflected as
    /// one): then it is meant as written and never read as a typo of another word.
    fn known_word(&self, folded: &str, stem: &str) -> bool {
        let at = self.terms.partition_point(|t| t.text < folded);
        (at < self.terms.len() && self.terms.get(at).text == folded)
            || !self.terms.with_stem(stem).is_empty()
            || self.vocabulary.has_word(folded)
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
        let mut concepts: Vec<Vec<ConceptRef>> = vec![Vec::new(); all.len()];
        let mut in_phrase = vec![false; all.len()];
        // Phrases first, on the words as typed: stopwords are part of many phrases
        // ("kan huur niet betalen").
        for entry in vocabulary.entries().iter().filter(|e| e.words.len() > 1) {
            let len = entry.words.len();
            for start in 0..all.len().saturating_sub(len - 1) {
                let fits = (0..len).all(|k| {
                    all[start + k] == entry.words[k] || stems[start + k] == entry.stems[k]
                });
                if fits {
                    for (slot, phrase) in concepts[start..start + len]
                        .iter_mut()
                        .zip(&mut in_phrase[start..start + len])
                    {
                        *phrase = true;
                        slot.extend(entry.concepts.iter().map(|&concept| ConceptRef {
                            concept,
                            weight: PHRASE_WEIGHT,
                            fuzzy: false,
                        }));
                    }
                }
            }
        }
        // A query typed to the end ("zorg ") has no word in progress.
        let last_typing = !query.ends_with(|c: char| !c.is_alphanumeric());
        let last = all.len().saturating_sub(1);
        let keep_all = all.iter().all(|w| vocabulary.is_stopword(w));
        let all_light = all
            .iter()
            .all(|w| vocabulary.is_stopword(w) || vocabulary.is_light(w));
        all.into_iter()
            .zip(stems)
            .zip(concepts)
            .zip(in_phrase)
            .enumerate()
            .filter(|(_, (((w, _), _), _))| keep_all || !vocabulary.is_stopword(w))
            .take(MAX_MEANINGFUL_WORDS)
            .map(|(i, (((folded, stem), mut concepts), in_phrase))| {
                let typing = i == last && last_typing;
                let typos = !self.known_word(&folded, &stem);
                let light = !all_light && !in_phrase && vocabulary.is_light(&folded);
                let mut corrections = Vec::new();
                let prefilter = Prefilter::new(&folded, &stem);
                let single = vocabulary.entries().iter().filter(|e| e.words.len() == 1);
                for entry in single.filter(|e| prefilter.admits(&e.words[0], &e.stems[0])) {
                    let Some(kind) = vocabulary_match(
                        &folded,
                        &stem,
                        &entry.words[0],
                        &entry.stems[0],
                        typing,
                        typos,
                    ) else {
                        continue;
                    };
                    let fuzzy = kind == MatchKind::Fuzzy;
                    let weight = kind.weight() * VOCABULARY_FACTOR;
                    concepts.extend(entry.concepts.iter().map(|&concept| ConceptRef {
                        concept,
                        weight,
                        fuzzy,
                    }));
                    if fuzzy && corrections.len() < MAX_CORRECTIONS {
                        corrections.push((entry.words[0].clone(), entry.stems[0].clone()));
                    }
                }
                // Per concept the best way to it: a correct word before a typo, then weight.
                concepts.sort_by(|a, b| {
                    a.concept
                        .cmp(&b.concept)
                        .then(a.fuzzy.cmp(&b.fuzzy))
                        .then(b.weight.total_cmp(&a.weight))
                });
                concepts.dedup_by_key(|c| c.concept);
                QueryWord {
                    folded,
                    stem,
                    typing,
                    light,
                    typos,
                    concepts,
                    corrections,
                }
            })
            .collect()
    }

    /// Fills `scores` with this word's best scores per service and lists the services touched.
    fn score_word(&self, word: &QueryWord, scores: &mut [WordScore], touched: &mut Vec<u32>) {
        let mut raise = |doc: u32, score: f32, fuzzy: bool, evidence: Evidence| {
            let slot = &mut scores[doc as usize];
            if slot.exact == 0.0 && slot.fuzzy == 0.0 {
                touched.push(doc);
            }
            if fuzzy {
                slot.fuzzy = slot.fuzzy.max(score);
            } else {
                slot.exact = slot.exact.max(score);
                slot.evidence = slot.evidence.max(evidence);
            }
        };
        let typed = std::iter::once((&word.folded, &word.stem, false));
        let corrected = word.corrections.iter().map(|(w, s)| (w, s, true));
        for (folded, stem, corrected) in typed.chain(corrected) {
            for (term, kind, weight) in self.direct_terms(folded, stem, word.typing, word.typos) {
                let fuzzy = corrected || kind == MatchKind::Fuzzy;
                let factor = if corrected {
                    MatchKind::Fuzzy.weight()
                } else {
                    1.0
                };
                for posting in self.terms.get(term as usize).postings {
                    let field = posting.field();
                    let evidence = if field == Field::Description {
                        Evidence::Description
                    } else {
                        Evidence::NameOrKeyword
                    };
                    raise(
                        posting.doc(),
                        factor * weight * field.weight(),
                        fuzzy,
                        evidence,
                    );
                }
            }
        }
        // Several concepts often share a leefgebied: visit each leefgebied once, the best way.
        let mut leefgebied_weights = vec![(0f32, true); self.leefgebied_codes.len()];
        for c in &word.concepts {
            for &(doc, doc_weight) in &self.concept_docs[c.concept] {
                raise(
                    doc,
                    c.weight * doc_weight,
                    c.fuzzy,
                    concept_evidence(doc_weight),
                );
            }
            for code in &self.vocabulary.concepts[c.concept].leefgebieden {
                if let Some(i) = self.leefgebied_codes.iter().position(|l| l == code) {
                    let (weight, fuzzy) = &mut leefgebied_weights[i];
                    if (!c.fuzzy, c.weight) > (!*fuzzy, *weight) {
                        (*weight, *fuzzy) = (c.weight, c.fuzzy);
                    }
                }
            }
        }
        for (docs, (weight, fuzzy)) in self.docs_by_leefgebied.iter().zip(leefgebied_weights) {
            if weight > 0.0 {
                for &doc in docs {
                    raise(doc, weight * LEEFGEBIED_WEIGHT, fuzzy, Evidence::Leefgebied);
                }
            }
        }
    }

    /// Kaart words matching a query word directly, with the weight of the match.
    fn direct_terms(
        &self,
        folded: &str,
        stem: &str,
        typing: bool,
        typos: bool,
    ) -> Vec<(u32, MatchKind, f32)> {
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
            let count = self
                .terms
                .iter_from(start)
                .take_while(|t| t.text.starts_with(folded));
            let mut found: Vec<(u32, MatchKind, f32)> = Vec::new();
            let mut prefixed: Vec<u32> = Vec::new();
            for (i, t) in (start as u32..).zip(count) {
                if t.text == folded {
                    found.push((i, MatchKind::Exact, MatchKind::Exact.weight()));
                } else if typing {
                    prefixed.push(i);
                }
            }
            if qlen < SHORT_PREFIX && prefixed.len() > SHORT_PREFIX_TERMS {
                self.most_telling(&mut prefixed);
            }
            found.extend(prefixed.into_iter().map(|i| {
                let kind = MatchKind::Prefix;
                (i, kind, weighted(kind, self.terms.get(i as usize).len))
            }));
            let same_stem = self.terms.with_stem(stem);
            let stem = MatchKind::Stem;
            found.extend(same_stem.iter().map(|&t| (t, stem, stem.weight())));
            return found;
        }
        let prefilter = Prefilter::new(folded, stem);
        self.terms
            .near(folded, stem)
            .into_iter()
            .map(|i| (i, self.terms.get(i as usize)))
            .filter(|(_, t)| prefilter.admits(t.text, t.stem))
            .filter_map(|(i, t)| {
                match_kind(folded, stem, t.text, t.stem, typing, typos)
                    .map(|kind| (i, kind, weighted(kind, t.len)))
            })
            .collect()
    }
}

impl SearchIndex {
    /// Keeps, of the words `terms` (positions, in order), the [`SHORT_PREFIX_TERMS`] that occur
    /// in the most services, function words left out, in order.
    fn most_telling(&self, terms: &mut Vec<u32>) {
        terms.retain(|&t| !self.vocabulary.is_stopword(self.terms.get(t as usize).text));
        let services = |t: &u32| self.terms.get(*t as usize).postings.len();
        if terms.len() > SHORT_PREFIX_TERMS {
            terms.select_nth_unstable_by(SHORT_PREFIX_TERMS - 1, |a, b| {
                services(b).cmp(&services(a)).then(a.cmp(b))
            });
            terms.truncate(SHORT_PREFIX_TERMS);
        }
        terms.sort_unstable();
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
    typos: bool,
) -> Option<MatchKind> {
    let kind = match_kind(folded, stem, entry, entry_stem, typing, typos)?;
    match kind {
        MatchKind::Exact | MatchKind::Stem | MatchKind::Fuzzy => Some(kind),
        MatchKind::Prefix if typing && folded.len() >= MIN_COMPOUND_PREFIX => Some(kind),
        _ => None,
    }
}

/// What a concept's match in a service counts as. A concept's weight in a service is match
/// kind × field weight, and every match kind in a name or keyword weighs more than the best
/// (exact) match in a description, so the weight tells the field.
fn concept_evidence(doc_weight: f32) -> Evidence {
    if doc_weight > Field::Description.weight() {
        Evidence::NameOrKeyword
    } else {
        Evidence::Description
    }
}

/// Keeps the best `limit` of `items` by `order`, sorted.
fn best_first<T>(items: &mut Vec<T>, limit: usize, order: impl Fn(&T, &T) -> Ordering) {
    if limit > 0 && limit < items.len() {
        items.select_nth_unstable_by(limit - 1, &order);
    }
    items.truncate(limit);
    items.sort_unstable_by(order);
}

/// The result order: what correctly spelled problem words found, then the whole score, then
/// the order among equals fixed at build (see [`Doc::rank`]).
fn rank_order(a: (&Doc, &DocScore), b: (&Doc, &DocScore)) -> Ordering {
    let (da, sa) = a;
    let (db, sb) = b;
    let quantized = |s: f32| (s * 1000.0).round() as i64;
    quantized(sb.firm)
        .cmp(&quantized(sa.firm))
        .then(quantized(sb.score()).cmp(&quantized(sa.score())))
        .then(da.rank.cmp(&db.rank))
}
