//! Many short strings in one buffer: four bytes per string besides its text, where a `String`
//! takes 24 and an allocation of its own. The index keeps its words, ids and names this way.

#[derive(Debug, Default)]
pub(super) struct Strings {
    text: String,
    /// Where each string ends in `text`; it starts where the one before ends.
    ends: Vec<u32>,
}

impl Strings {
    pub(super) fn push(&mut self, value: &str) {
        self.text.push_str(value);
        let end = u32::try_from(self.text.len()).expect("the index's text stays below 4 GB");
        self.ends.push(end);
    }

    pub(super) fn get(&self, i: usize) -> &str {
        let start = i
            .checked_sub(1)
            .map_or(0, |before| self.ends[before] as usize);
        &self.text[start..self.ends[i] as usize]
    }

    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The positions of the strings that contain `needle`, in order, found in one pass over
    /// the buffer rather than one search per string.
    pub(super) fn containing(&self, needle: &str) -> Vec<u32> {
        let mut found: Vec<u32> = Vec::new();
        for at in memchr::memmem::find_iter(self.text.as_bytes(), needle.as_bytes()) {
            let i = self.ends.partition_point(|&end| end as usize <= at);
            // A match across the end of a string is none.
            if at + needle.len() <= self.ends[i] as usize && found.last() != Some(&(i as u32)) {
                found.push(i as u32);
            }
        }
        found
    }

    /// The position of `value` in strings pushed in sorted order.
    pub(super) fn find_sorted(&self, value: &str) -> Option<usize> {
        let i = self.partition_point(|s| s < value);
        (i < self.len() && self.get(i) == value).then_some(i)
    }

    /// The first position whose string does not satisfy `before`, for strings pushed in an
    /// order in which `before` holds for a prefix.
    pub(super) fn partition_point(&self, before: impl Fn(&str) -> bool) -> usize {
        partition_point(self.len(), |i| before(self.get(i)))
    }

    pub(super) fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// [`slice::partition_point`] over the positions `0..len`.
pub(super) fn partition_point(len: usize, before: impl Fn(usize) -> bool) -> usize {
    let (mut low, mut high) = (0, len);
    while low < high {
        let middle = low + (high - low) / 2;
        if before(middle) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    low
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_strings_apart_and_finds_them() {
        let mut strings = Strings::default();
        for s in ["", "hulp", "schuld", "schuldhulp"] {
            strings.push(s);
        }
        assert_eq!(strings.len(), 4);
        assert_eq!(strings.get(0), "");
        assert_eq!(strings.get(2), "schuld");
        assert_eq!(strings.find_sorted("schuld"), Some(2));
        assert_eq!(strings.find_sorted("schul"), None);
        assert_eq!(strings.partition_point(|s| s < "sch"), 2);
        assert_eq!(strings.containing("hulp"), [1, 3]);
        assert_eq!(
            strings.containing("ps"),
            [] as [u32; 0],
            "hulp|schuld is no word"
        );
    }
}
