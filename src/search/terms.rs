//! The index's dictionary: every distinct word of the kaart, sorted, with its stem and the
//! services it occurs in. Kept in a few flat arrays (see [`Strings`]) rather than a `String`
//! and a `Vec` per word: a kaart of 100 000 services has hundreds of thousands of words.

use compact_str::CompactString;

use super::index::{Field, Posting};
use super::strings::{Strings, partition_point};
use crate::text::stem;

/// One word of the dictionary, borrowed from it.
#[derive(Debug, Clone, Copy)]
pub struct Term<'a> {
    pub text: &'a str,
    pub stem: &'a str,
    /// Length in chars (at most 255: longer words are no words).
    pub len: usize,
    /// The services it occurs in, in service order, with the best field.
    pub postings: &'a [Posting],
}

#[derive(Debug, Default)]
pub(super) struct Terms {
    /// Sorted.
    texts: Strings,
    lens: Vec<u8>,
    /// Per word: its stem's position in `stems`.
    stem_of: Vec<u32>,
    /// The distinct stems, sorted.
    stems: Strings,
    /// Per stem: where its words end in `stem_words`.
    stem_ends: Vec<u32>,
    stem_words: Vec<u32>,
    /// Per word: where its postings end in `postings`.
    posting_ends: Vec<u32>,
    postings: Vec<Posting>,
}

impl Terms {
    pub(super) fn len(&self) -> usize {
        self.texts.len()
    }

    pub(super) fn get(&self, i: usize) -> Term<'_> {
        let start = i
            .checked_sub(1)
            .map_or(0, |b| self.posting_ends[b] as usize);
        Term {
            text: self.texts.get(i),
            stem: self.stems.get(self.stem_of[i] as usize),
            len: self.lens[i] as usize,
            postings: &self.postings[start..self.posting_ends[i] as usize],
        }
    }

    /// The words from position `start` on, in order.
    pub(super) fn iter_from(&self, start: usize) -> impl Iterator<Item = Term<'_>> {
        (start..self.len()).map(|i| self.get(i))
    }

    /// The position of the first word for which `before` is false (see
    /// [`slice::partition_point`]).
    pub(super) fn partition_point(&self, before: impl Fn(&Term) -> bool) -> usize {
        partition_point(self.len(), |i| before(&self.get(i)))
    }

    /// The words a typo-tolerant match of `query` can find, in order, each once: those starting
    /// with its first letter or with its first two letters swapped (typos rarely touch the
    /// first letter otherwise), those with its stem `stem` and those containing it. The
    /// query's own test decides among them; this spares it the rest of the dictionary.
    pub(super) fn near(&self, query: &str, stem: &str) -> Vec<u32> {
        let mut found = self.texts.containing(query);
        found.extend_from_slice(self.with_stem(stem));
        let mut chars = query.chars();
        let first = chars.next().map(String::from).unwrap_or_default();
        let swapped = chars.next().map(|second| format!("{second}{first}"));
        for prefix in std::iter::once(first).chain(swapped) {
            let start = self.texts.partition_point(|t| t < prefix.as_str());
            let count = partition_point(self.len() - start, |i| {
                self.texts.get(start + i).starts_with(prefix.as_str())
            });
            found.extend(start as u32..(start + count) as u32);
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The positions of the words with stem `stem`.
    pub(super) fn with_stem(&self, stem: &str) -> &[u32] {
        self.stems.find_sorted(stem).map_or(&[], |s| {
            let start = s.checked_sub(1).map_or(0, |b| self.stem_ends[b] as usize);
            &self.stem_words[start..self.stem_ends[s] as usize]
        })
    }
}

/// The dictionary while services are added one after the other.
#[derive(Default)]
pub(super) struct TermsBuilder {
    /// Per word, the services it occurs in so far. A word of up to 24 bytes sits inline in the
    /// table beside its postings' header, so looking one up touches no other memory: with a
    /// boxed word, following the pointer to compare it was most of the time of building.
    words: foldhash::HashMap<CompactString, Vec<Posting>>,
}

impl TermsBuilder {
    /// `word` occurs in field `field` of service `doc`; services come in increasing order.
    pub(super) fn add(&mut self, word: &str, doc: u32, field: Field) {
        let postings = match self.words.get_mut(word) {
            Some(postings) => postings,
            None => self.words.entry(CompactString::from(word)).or_default(),
        };
        match postings.last_mut() {
            Some(last) if last.doc() == doc => *last = Posting::new(doc, last.field().min(field)),
            _ => postings.push(Posting::new(doc, field)),
        }
    }

    pub(super) fn finish(self) -> Terms {
        let mut words: Vec<(CompactString, Vec<Posting>)> = self.words.into_iter().collect();
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut terms = Terms {
            postings: Vec::with_capacity(words.iter().map(|(_, p)| p.len()).sum()),
            posting_ends: Vec::with_capacity(words.len()),
            lens: Vec::with_capacity(words.len()),
            ..Terms::default()
        };
        // Every word's stem, then the words per stem through an order of the words by stem.
        let mut word_stems = Strings::default();
        for (text, postings) in words {
            terms.texts.push(&text);
            word_stems.push(&stem(&text));
            terms.lens.push(text.chars().count().min(255) as u8);
            terms.postings.extend(postings);
            terms.posting_ends.push(terms.postings.len() as u32);
        }
        let mut by_stem: Vec<u32> = (0..terms.len() as u32).collect();
        by_stem.sort_by(|&a, &b| word_stems.get(a as usize).cmp(word_stems.get(b as usize)));
        terms.stem_of = vec![0; terms.len()];
        for &word in &by_stem {
            let stem = word_stems.get(word as usize);
            if terms.stems.len() == 0 || terms.stems.get(terms.stems.len() - 1) != stem {
                if !terms.stem_words.is_empty() {
                    terms.stem_ends.push(terms.stem_words.len() as u32);
                }
                terms.stems.push(stem);
            }
            terms.stem_of[word as usize] = (terms.stems.len() - 1) as u32;
            terms.stem_words.push(word);
        }
        if !terms.stem_words.is_empty() {
            terms.stem_ends.push(terms.stem_words.len() as u32);
        }
        terms.texts.shrink_to_fit();
        terms.stems.shrink_to_fit();
        terms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_words_and_groups_them_by_stem() {
        let mut builder = TermsBuilder::default();
        builder.add("schulden", 0, Field::Description);
        builder.add("schuld", 1, Field::Name);
        builder.add("schulden", 0, Field::Name);
        builder.add("hulp", 2, Field::Keyword);
        let terms = builder.finish();
        let texts: Vec<&str> = terms.iter_from(0).map(|t| t.text).collect();
        assert_eq!(texts, ["hulp", "schuld", "schulden"]);
        let schulden = terms.get(2);
        assert_eq!(schulden.postings, [Posting::new(0, Field::Name)]);
        assert_eq!(schulden.len, 8);
        let same: Vec<&str> = terms
            .with_stem(schulden.stem)
            .iter()
            .map(|&t| terms.get(t as usize).text)
            .collect();
        assert_eq!(same, ["schuld", "schulden"]);
        assert!(terms.with_stem("zorg").is_empty());
        assert_eq!(terms.near("ulp", "ulp"), [0], "inside a word");
        assert_eq!(
            terms.near("shculd", "shculd"),
            [1, 2],
            "by the first letter"
        );
        assert_eq!(
            terms.near("uhlp", "uhlp"),
            [0],
            "by the first two letters swapped"
        );
        assert_eq!(terms.partition_point(|t| t.text < "schuld"), 1);
    }
}
