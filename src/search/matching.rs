//! How well one query word matches one word of the kaart.

use std::ops::Range;

use crate::text::allowed_typos;

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

fn char_range(range: Range<usize>) -> Vec<usize> {
    range.collect()
}

/// The letters a word contains, as bits (a–z, and one bit for anything else).
fn letters(word: &str) -> u32 {
    word.bytes().fold(0, |mask, b| {
        mask | if b.is_ascii_lowercase() {
            1 << (b - b'a')
        } else {
            1 << 26
        }
    })
}

/// Typo-tolerant match: transpositions, a missing or an extra letter, against the whole term
/// or — for a word still being typed — against the part of it typed so far.
fn is_typo_of(query: &str, term: &str, typing: bool) -> bool {
    let qlen = query.chars().count();
    let typos = allowed_typos(qlen);
    let tlen = term.chars().count();
    if typos == 0 || tlen + typos < qlen {
        return false;
    }
    // Every letter of the query that the term lacks costs an edit: a cheap way to skip most.
    if (letters(query) & !letters(term)).count_ones() as usize > typos {
        return false;
    }
    if tlen.abs_diff(qlen) <= typos && osa_within(query, term, typos) {
        return true;
    }
    typing && tlen > qlen && {
        let end = term.char_indices().nth(qlen).map_or(term.len(), |(i, _)| i);
        let typed = &term[..end];
        (letters(query) & !letters(typed)).count_ones() as usize <= typos
            && osa_within(query, typed, typos)
    }
}

/// Whether the optimal-string-alignment distance of `a` and `b` is at most `max`. A query
/// word is held against thousands of words per keystroke, so short ASCII words (nearly all)
/// are measured here without allocating, giving up once two rows in a row exceed `max` (a
/// swap reaches back two rows); other words go to `strsim`.
fn osa_within(a: &str, b: &str, max: usize) -> bool {
    const CAP: usize = 48;
    if !a.is_ascii() || !b.is_ascii() || b.len() >= CAP {
        return strsim::osa_distance(a, b) <= max;
    }
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut two_back = [0usize; CAP];
    let mut previous: [usize; CAP] = std::array::from_fn(|j| j);
    let mut current = [0usize; CAP];
    let mut previous_min = 0;
    for i in 1..=a.len() {
        current[0] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(two_back[j - 2] + 1);
            }
            current[j] = best;
            row_min = row_min.min(best);
        }
        if row_min > max && previous_min > max {
            return false;
        }
        previous_min = row_min;
        two_back = previous;
        previous = current;
    }
    previous[b.len()] <= max
}

/// The chars of `term` that a typo match lines up with `query`: equal letters and swapped
/// pairs in a cheapest alignment (optimal string alignment, as [`is_typo_of`] measures),
/// against the whole term or, for a word still being typed, the part of it typed so far.
fn typo_chars(query: &str, term: &str) -> Vec<usize> {
    let query: Vec<char> = query.chars().collect();
    let term: Vec<char> = term.chars().collect();
    let whole = osa_table(&query, &term);
    if whole[query.len()][term.len()] <= allowed_typos(query.len()) {
        return aligned(&query, &term, &whole);
    }
    let typed = &term[..query.len().min(term.len())];
    aligned(&query, typed, &osa_table(&query, typed))
}

/// The optimal-string-alignment distances of every prefix of `a` to every prefix of `b`.
fn osa_table(a: &[char], b: &[char]) -> Vec<Vec<usize>> {
    let mut d = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d
}

/// Walks `table` back from its end and keeps the chars of `b` that an equal or swapped char
/// of `a` stands against.
fn aligned(a: &[char], b: &[char], table: &[Vec<usize>]) -> Vec<usize> {
    let (mut i, mut j) = (a.len(), b.len());
    let mut chars = Vec::new();
    while i > 0 && j > 0 {
        let here = table[i][j];
        if a[i - 1] == b[j - 1] && here == table[i - 1][j - 1] {
            chars.push(j - 1);
            (i, j) = (i - 1, j - 1);
        } else if i > 1
            && j > 1
            && a[i - 1] == b[j - 2]
            && a[i - 2] == b[j - 1]
            && here == table[i - 2][j - 2] + 1
        {
            chars.extend([j - 1, j - 2]);
            (i, j) = (i - 2, j - 2);
        } else if here == table[i - 1][j - 1] + 1 {
            (i, j) = (i - 1, j - 1);
        } else if here == table[i - 1][j] + 1 {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    chars.reverse();
    chars
}

/// How `query` (a folded query word, with its stem) matches `term` (a folded kaart word, with
/// its stem), if at all. `typing`: the query word may be unfinished. `typos`: allow typos.
pub fn match_kind(
    query: &str,
    query_stem: &str,
    term: &str,
    term_stem: &str,
    typing: bool,
    typos: bool,
) -> Option<MatchKind> {
    if query == term {
        return Some(MatchKind::Exact);
    }
    if query_stem == term_stem {
        return Some(MatchKind::Stem);
    }
    // The stem as the first part of a compound: `schulden` finds `schuldhulpverlening`.
    let compound_stem = query_stem.len() >= MIN_INFIX_LEN && term.starts_with(query_stem);
    if term.starts_with(query) || compound_stem {
        return Some(MatchKind::Prefix);
    }
    if query.len() >= MIN_INFIX_LEN && term.contains(query) {
        return Some(MatchKind::Infix);
    }
    (typos && is_typo_of(query, term, typing)).then_some(MatchKind::Fuzzy)
}

/// Like [`match_kind`], with the chars of `term` that matched (for highlighting).
pub fn match_word(
    query: &str,
    query_stem: &str,
    term: &str,
    term_stem: &str,
    typing: bool,
    typos: bool,
) -> Option<WordMatch> {
    let kind = match_kind(query, query_stem, term, term_stem, typing, typos)?;
    let qlen = query.chars().count();
    let chars = match kind {
        MatchKind::Exact | MatchKind::Stem => char_range(0..term.chars().count()),
        MatchKind::Prefix if term.starts_with(query) => char_range(0..qlen),
        MatchKind::Prefix => char_range(0..query_stem.chars().count()),
        MatchKind::Infix => {
            let byte = term.find(query).unwrap_or(0);
            let start = term[..byte].chars().count();
            char_range(start..start + qlen)
        }
        MatchKind::Fuzzy => typo_chars(query, term),
    };
    Some(WordMatch { kind, chars })
}

/// A cheap test, prepared once per query word, that rules out most words before the full
/// (typo-tolerant) match. Typos rarely touch the first letter, except by swapping the first two.
pub(super) struct Prefilter<'q> {
    finder: memchr::memmem::Finder<'q>,
    stem: &'q str,
    first: Option<char>,
    second: Option<char>,
    len: usize,
}

impl<'q> Prefilter<'q> {
    pub(super) fn new(query: &'q str, stem: &'q str) -> Prefilter<'q> {
        let mut chars = query.chars();
        Prefilter {
            finder: memchr::memmem::Finder::new(query),
            stem,
            first: chars.next(),
            second: chars.next(),
            len: query.len(),
        }
    }

    pub(super) fn admits(&self, term: &str, term_stem: &str) -> bool {
        let mut chars = term.chars();
        let first = chars.next();
        let swapped = first == self.second && chars.next() == self.first;
        ((first == self.first || swapped) && term.len() + 2 >= self.len)
            || term_stem == self.stem
            || self.finder.find(term.as_bytes()).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::stem;

    fn kind(query: &str, term: &str) -> Option<MatchKind> {
        match_kind(query, &stem(query), term, &stem(term), true, true)
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
        let finished = match_kind("shcul", "shcul", "schuldhulp", "schuldhulp", false, true);
        assert_eq!(finished, None, "a finished word is not a prefix typo");
        assert_eq!(
            match_kind("rolator", "rolator", "rollator", "rollator", false, false),
            None
        );
    }

    #[test]
    fn the_bounded_distance_agrees_with_strsim() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "schulden",
            "shculden",
            "schuld",
            "sculden",
            "schuldenn",
            "rolator",
            "rollator",
            "eenzaam",
            "eenzame",
            "cliënt",
            "client",
            "abcdef",
            "badcfe",
        ];
        for a in words {
            for b in words {
                for max in 0..4 {
                    assert_eq!(
                        osa_within(a, b, max),
                        strsim::osa_distance(a, b) <= max,
                        "{a} ~ {b} within {max}"
                    );
                }
            }
        }
    }

    #[test]
    fn matched_chars_point_at_the_match() {
        let m = match_word("hulp", "hulp", "schuldhulp", "schuldhulp", true, true).unwrap();
        assert_eq!(m.chars, [6, 7, 8, 9]);
        let m = match_word("sch", "sch", "schuld", "schuld", true, true).unwrap();
        assert_eq!(m.chars, [0, 1, 2]);
        let m = match_word("rolator", "rolator", "rollator", "rollator", false, true).unwrap();
        assert_eq!(m.kind, MatchKind::Fuzzy);
        assert_eq!(
            m.chars,
            [0, 1, 3, 4, 5, 6, 7],
            "the added l is not highlighted"
        );
    }

    #[test]
    fn typo_highlights_follow_the_alignment() {
        let fuzzy = |query: &str, term: &str| {
            let m = match_word(query, query, term, term, true, true).unwrap();
            assert_eq!(m.kind, MatchKind::Fuzzy, "{query} ~ {term}");
            m.chars
        };
        assert_eq!(fuzzy("shculden", "schulden"), [0, 1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(
            fuzzy("voedselbnk", "voedselbank"),
            [0, 1, 2, 3, 4, 5, 6, 7, 9, 10]
        );
        assert_eq!(
            fuzzy("voedsalbank", "voedselbank"),
            [0, 1, 2, 3, 4, 6, 7, 8, 9, 10]
        );
        // Typed so far: only the beginning of the longer word lights up.
        assert_eq!(fuzzy("shcul", "schuldhulp"), [0, 1, 2, 3, 4]);
    }
}
