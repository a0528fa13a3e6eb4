//! Case and diacritic folding and word splitting: the one way the program compares Dutch text
//! (search, household matching, pickers, danger words), so every layer folds alike, and the
//! Dutch stem of a folded word, so the index, the query and the verwijs-scan agree on
//! inflections. Pure; it sits below `domain` so any layer may use it.

use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

static DUTCH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Dutch));

/// Shortest word that is matched with typo tolerance: shorter words have too many neighbours
/// (`huur`, `duur`, `muur`).
const MIN_FUZZY_LEN: usize = 5;

/// Edit distance allowed for a word of `len` chars: one typo from 5 letters, two from 8. Search
/// and the danger words of the verwijs-scan forgive the same typos.
pub fn allowed_typos(len: usize) -> usize {
    match len {
        0..MIN_FUZZY_LEN => 0,
        MIN_FUZZY_LEN..8 => 1,
        _ => 2,
    }
}

/// The Dutch stem of a folded word (`eenzame`, `eenzaamheid` → `eenzam`; `schulden` → `schuld`).
pub fn stem(folded: &str) -> String {
    DUTCH.stem(folded).into_owned()
}

/// A word of the original text: its folded form and where it stands in the original, in chars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub folded: String,
    /// Original char index of every char of `folded`, for highlighting.
    pub origin: Vec<usize>,
}

/// Folds one non-ASCII character to lowercase ASCII-like letters (`é` → `e`, `ß` → `ss`);
/// returns false for chars that are not letters or digits (they separate words).
fn fold_char(c: char, out: &mut String) -> bool {
    if !c.is_alphanumeric() {
        return false;
    }
    let before = out.len();
    for d in c.to_lowercase().nfkd() {
        if d.is_alphanumeric() {
            match d {
                'ß' => out.push_str("ss"),
                'æ' => out.push_str("ae"),
                'œ' => out.push_str("oe"),
                'ø' => out.push('o'),
                'ı' => out.push('i'),
                _ => out.push(d),
            }
        }
    }
    out.len() > before
}

/// Calls `f` with every folded word of `text` and the original char index of each of its
/// chars. Apostrophes inside a word are dropped (`baby's` → `babys`); every other
/// non-alphanumeric char (hyphens, punctuation, emoji, control chars) separates words. The
/// buffers are reused, so indexing a large kaart allocates little.
pub fn for_each_word(text: &str, f: impl FnMut(&str, &[usize])) {
    split_words(text, true, f);
}

/// Like [`for_each_word`] without the positions, which the search index does not need.
pub fn for_each_folded_word(text: &str, mut f: impl FnMut(&str)) {
    split_words(text, false, |word, _| f(word));
}

/// [`for_each_word`], keeping the positions only when `positions` is set.
fn split_words(text: &str, positions: bool, mut f: impl FnMut(&str, &[usize])) {
    let mut folded = String::new();
    let mut origin: Vec<usize> = Vec::new();
    let mut chars = text.chars().enumerate().peekable();
    while let Some((index, c)) = chars.next() {
        if c.is_ascii_alphanumeric() {
            folded.push(c.to_ascii_lowercase());
            if positions {
                origin.push(index);
            }
            continue;
        }
        let before = folded.len();
        if fold_char(c, &mut folded) {
            if positions {
                let added = folded[before..].chars().count();
                origin.extend(std::iter::repeat_n(index, added));
            }
            continue;
        }
        let inner_apostrophe = matches!(c, '\'' | '’')
            && !folded.is_empty()
            && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        if !inner_apostrophe && !folded.is_empty() {
            f(&folded, &origin);
            folded.clear();
            origin.clear();
        }
    }
    if !folded.is_empty() {
        f(&folded, &origin);
    }
}

/// Splits `text` into folded words with their positions.
pub fn words(text: &str) -> Vec<Word> {
    let mut words = Vec::new();
    for_each_word(text, |folded, origin| {
        words.push(Word {
            folded: folded.to_string(),
            origin: origin.to_vec(),
        })
    });
    words
}

/// The folded words of `text`, without positions.
pub fn folded_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for_each_folded_word(text, |folded| words.push(folded.to_string()));
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stemming_joins_inflections() {
        assert_eq!(stem("eenzame"), stem("eenzaamheid"));
        assert_eq!(stem("schulden"), stem("schuld"));
        assert_eq!(stem("clienten"), stem("client"));
    }

    #[test]
    fn folds_case_diacritics_and_punctuation() {
        assert_eq!(
            folded_words("Cliënt-ondersteuning, één!"),
            ["client", "ondersteuning", "een"]
        );
        assert_eq!(folded_words("Straße Œuvre"), ["strasse", "oeuvre"]);
        assert_eq!(folded_words("baby's & peuters"), ["babys", "peuters"]);
        assert!(folded_words("🙂 ?! \u{7}").is_empty());
    }

    #[test]
    fn positions_point_into_the_original_text() {
        let w = words("Één café");
        assert_eq!(w[1].folded, "cafe");
        assert_eq!(w[1].origin, [4, 5, 6, 7]);
        assert_eq!(w[0].origin, [0, 1, 2]);
    }
}
