//! How well one query word matches one word of the kaart.

use std::ops::Range;
use std::sync::LazyLock;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// Kinds of match, best first. The weight orders whole words above prefixes and compound parts,
/// and those above typo-tolerant matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchKind {
    Exact,
    Stem,
    Prefix,
    Infix,
    Fuzzy,
}

impl MatchKind {
    pub fn weight(self) -> f32 {
        match self {
            MatchKind::Exact => 1.0,
            MatchKind::Stem => 0.95,
            MatchKind::Prefix => 0.85,
            MatchKind::Infix => 0.7,
            MatchKind::Fuzzy => 0.55,
        }
    }
}

/// A match of a query word in a term: its kind and the matched chars of the term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordMatch {
    pub kind: MatchKind,
    pub chars: Vec<usize>,
}

/// Shortest query word that is looked for inside compound words (`schuld` in `budgetschuld`).
const MIN_INFIX_LEN: usize = 4;
/// Shortest query word that is matched with typo tolerance: shorter words have too many
/// neighbours (`huur`, `duur`, `muur`).
const MIN_FUZZY_LEN: usize = 5;

/// Edit distance allowed for a word of `len` chars: one typo from 5 letters, two from 8.
pub fn allowed_typos(len: usize) -> usize {
    match len {
        0..MIN_FUZZY_LEN => 0,
        MIN_FUZZY_LEN..8 => 1,
        _ => 2,
    }
}

fn char_range(range: Range<usize>) -> Vec<usize> {
    range.collect()
}

static SKIM: LazyLock<SkimMatcherV2> = LazyLock::new(SkimMatcherV2::default);

/// Typo-tolerant match: transpositions, a missing or an extra letter, against the whole term or
/// against the part of it typed so far. Both are folded ASCII-like words.
fn fuzzy(query: &str, term: &str) -> Option<Vec<usize>> {
    let typos = allowed_typos(query.chars().count());
    if typos == 0 {
        return None;
    }
    let qlen = query.chars().count();
    let tlen = term.chars().count();
    if tlen + typos < qlen {
        return None;
    }
    let whole = strsim::damerau_levenshtein(query, term) <= typos;
    let typed_part = || {
        let end = term.char_indices().nth(qlen).map_or(term.len(), |(i, _)| i);
        strsim::damerau_levenshtein(query, &term[..end]) <= typos
    };
    if whole || typed_part() {
        // The letters to highlight: the skim matcher's alignment where it finds one.
        let chars = SKIM
            .fuzzy_indices(term, query)
            .map(|(_, indices)| indices)
            .unwrap_or_else(|| char_range(0..qlen.min(tlen)));
        return Some(chars);
    }
    None
}

/// How `query` (a folded query word, with its stem) matches `term` (a folded kaart word, with
/// its stem), if at all.
pub fn match_word(query: &str, query_stem: &str, term: &str, term_stem: &str) -> Option<WordMatch> {
    let tlen = term.chars().count();
    if query == term {
        return Some(WordMatch {
            kind: MatchKind::Exact,
            chars: char_range(0..tlen),
        });
    }
    if query_stem == term_stem {
        return Some(WordMatch {
            kind: MatchKind::Stem,
            chars: char_range(0..tlen),
        });
    }
    let qlen = query.chars().count();
    if term.starts_with(query) {
        return Some(WordMatch {
            kind: MatchKind::Prefix,
            chars: char_range(0..qlen),
        });
    }
    // The stem as the first part of a compound: `schulden` finds `schuldhulpverlening`.
    let stem_len = query_stem.chars().count();
    if stem_len >= MIN_INFIX_LEN && term.starts_with(query_stem) {
        return Some(WordMatch {
            kind: MatchKind::Prefix,
            chars: char_range(0..stem_len),
        });
    }
    if qlen >= MIN_INFIX_LEN
        && let Some(byte) = term.find(query)
    {
        let start = term[..byte].chars().count();
        return Some(WordMatch {
            kind: MatchKind::Infix,
            chars: char_range(start..start + qlen),
        });
    }
    fuzzy(query, term).map(|chars| WordMatch {
        kind: MatchKind::Fuzzy,
        chars,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::normalize::stem;

    fn kind(query: &str, term: &str) -> Option<MatchKind> {
        match_word(query, &stem(query), term, &stem(term)).map(|m| m.kind)
    }

    #[test]
    fn match_kinds_from_exact_to_fuzzy() {
        assert_eq!(kind("schuld", "schuld"), Some(MatchKind::Exact));
        assert_eq!(kind("schulden", "schuld"), Some(MatchKind::Stem));
        assert_eq!(kind("eenzame", "eenzaamheid"), Some(MatchKind::Stem));
        assert_eq!(
            kind("schuld", "schuldhulpverlening"),
            Some(MatchKind::Prefix)
        );
        assert_eq!(kind("hulp", "schuldhulpverlening"), Some(MatchKind::Infix));
        assert_eq!(
            kind("schulden", "schuldhulpverlening"),
            Some(MatchKind::Prefix)
        );
        assert_eq!(kind("shculden", "schulden"), Some(MatchKind::Fuzzy));
        assert_eq!(kind("rolator", "rollator"), Some(MatchKind::Fuzzy));
        assert_eq!(kind("voedselbnk", "voedselbank"), Some(MatchKind::Fuzzy));
        assert_eq!(kind("voedselbankk", "voedselbank"), Some(MatchKind::Fuzzy));
        assert_eq!(kind("shcul", "schuldhulp"), Some(MatchKind::Fuzzy));
        assert_eq!(kind("huur", "duur"), None);
        assert_eq!(kind("hup", "schuldhulp"), None);
        assert_eq!(kind("taal", "tafel"), None);
    }

    #[test]
    fn matched_chars_point_at_the_match() {
        let m = match_word("hulp", "hulp", "schuldhulp", "schuldhulp").unwrap();
        assert_eq!(m.chars, [6, 7, 8, 9]);
        let m = match_word("sch", "sch", "schuld", "schuld").unwrap();
        assert_eq!(m.chars, [0, 1, 2]);
    }
}
