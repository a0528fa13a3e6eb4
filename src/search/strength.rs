//! The short, honest list: which matching services are strong matches and which are weak,
//! and how many weak ones are shown.
//!
//! A service matches strongly when a problem word of the query (not an everyday word such as
//! "moeder" or "deur", unless the query has nothing else) is found in its name or keywords,
//! directly or through the vocabulary, or when two problem words are found in its description;
//! and when its score is at least [`RELATIVE_CUT`] of the best such service's. Every other
//! match is weak: found only by a typo, only by one word in the description, or only by the
//! leefgebied of a concept. Weak matches are listed, below the strong ones, only when there
//! are fewer than [`FEW_STRONG`] strong ones, and then only enough to make [`WEAK_FILL`]
//! results in all; the count the desk sees is the number of strong matches.

use serde::Serialize;

/// Fewer strong matches than this, and the best weak ones are listed too.
pub const FEW_STRONG: usize = 5;
/// Weak matches fill the list up to this many results.
pub const WEAK_FILL: usize = 10;
/// A strong match scores at least this share of the best strong match.
const RELATIVE_CUT: f32 = 0.3;

/// How well a service matched the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Strength {
    Strong,
    Weak,
}

/// What a query word found in one service, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub(super) enum Evidence {
    #[default]
    None,
    /// Only the leefgebied of a concept the word stands for.
    Leefgebied,
    /// The word (or its concept's term) in the description only.
    Description,
    /// The word (or its concept's term) in the name or keywords.
    NameOrKeyword,
}

/// What the whole query found in one service.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct DocScore {
    /// From correctly matched (not typo) problem words: ranks first, so a typo match never
    /// outranks an exact match of another word.
    pub firm: f32,
    /// Everything else: typo matches and everyday words.
    pub rest: f32,
    /// Problem words found in the name or keywords.
    pub named: u8,
    /// Problem words found in the description only.
    pub described: u8,
}

impl DocScore {
    pub fn score(&self) -> f32 {
        self.firm + self.rest
    }

    fn has_evidence(&self) -> bool {
        self.named >= 1 || self.described >= 2
    }

    pub fn add(&mut self, evidence: Evidence) {
        match evidence {
            Evidence::NameOrKeyword => self.named = self.named.saturating_add(1),
            Evidence::Description => self.described = self.described.saturating_add(1),
            Evidence::None | Evidence::Leefgebied => {}
        }
    }
}

/// The strength of each of `scores` (all of them matches of one query).
pub(super) fn strengths(scores: &[DocScore]) -> Vec<Strength> {
    let best = scores
        .iter()
        .filter(|s| s.has_evidence())
        .map(DocScore::score)
        .fold(0f32, f32::max);
    scores
        .iter()
        .map(|s| {
            if s.has_evidence() && s.score() >= RELATIVE_CUT * best {
                Strength::Strong
            } else {
                Strength::Weak
            }
        })
        .collect()
}

/// How many weak matches to list after `strong` strong ones.
pub(super) fn weak_shown(strong: usize) -> usize {
    if strong < FEW_STRONG {
        WEAK_FILL - strong
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(firm: f32, rest: f32, named: u8, described: u8) -> DocScore {
        DocScore {
            firm,
            rest,
            named,
            described,
        }
    }

    #[test]
    fn a_name_match_or_two_description_words_are_strong() {
        let scores = [
            doc(1.0, 0.0, 1, 0),
            doc(0.6, 0.0, 0, 2),
            doc(0.6, 0.0, 0, 1),
            doc(0.0, 0.9, 0, 0),
        ];
        assert_eq!(
            strengths(&scores),
            [
                Strength::Strong,
                Strength::Strong,
                Strength::Weak,
                Strength::Weak
            ]
        );
    }

    #[test]
    fn far_below_the_best_is_weak() {
        let scores = [doc(1.0, 0.0, 1, 0), doc(0.2, 0.0, 1, 0)];
        assert_eq!(strengths(&scores), [Strength::Strong, Strength::Weak]);
    }

    #[test]
    fn weak_ones_fill_a_short_list_only() {
        assert_eq!(weak_shown(0), WEAK_FILL);
        assert_eq!(weak_shown(FEW_STRONG - 1), WEAK_FILL - FEW_STRONG + 1);
        assert_eq!(weak_shown(FEW_STRONG), 0);
    }
}
