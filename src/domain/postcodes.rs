//! The postcode table (`data/postcodes.toml`): which wijk a postcode lies in, so an intake knows
//! the resident's Sociaal Team from the postcode alone, and which wijk a desk serves, for when
//! the resident's is unknown. Data, not code, so a municipality can put in its own wijken.

use serde::Deserialize;

/// One range of postcodes, both ends included, in compact form (`7301AA`..=`7303ZZ`). Compact
/// postcodes sort like the postcodes themselves, so a range test is two string comparisons.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Range {
    wijk: String,
    from: String,
    to: String,
}

/// The loaded table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Postcodes {
    ranges: Vec<Range>,
}

#[derive(Deserialize)]
struct PostcodesFile {
    #[serde(default)]
    bereik: Vec<RangeFile>,
}

#[derive(Deserialize)]
struct RangeFile {
    wijk: String,
    van: String,
    tot: String,
}

#[derive(Debug, thiserror::Error)]
pub enum PostcodesError {
    #[error("postcodetabel is geen geldige TOML: {0}")]
    Toml(#[from] toml::de::Error),
    #[error(
        "postcodetabel: wijk {wijk:?} heeft ongeldige postcode {postcode:?} (vier cijfers, eventueel met twee letters)"
    )]
    InvalidPostcode { wijk: String, postcode: String },
    #[error("postcodetabel: wijk {wijk:?} loopt van {van} tot {tot}, maar {van} komt na {tot}")]
    Reversed {
        wijk: String,
        van: String,
        tot: String,
    },
    #[error("postcodetabel: de reeksen van {first:?} en {second:?} overlappen")]
    Overlap { first: String, second: String },
}

const BUILTIN: &str = include_str!("../../data/postcodes.toml");

/// `text` without whitespace, in capitals: `7304 ab` → `7304AB`.
fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase()
}

fn is_area(compact: &str) -> bool {
    compact.len() == 4 && compact.bytes().all(|b| b.is_ascii_digit()) && !compact.starts_with('0')
}

fn is_postcode(compact: &str) -> bool {
    compact.len() == 6
        && compact.is_ascii()
        && is_area(&compact[..4])
        && compact[4..].bytes().all(|b| b.is_ascii_uppercase())
}

/// A range bound as written in the table: a whole area (`7301`) stands for its first or last
/// postcode, depending on the end of the range it bounds.
fn bound(text: &str, last: bool) -> Option<String> {
    let compact = compact(text);
    if is_area(&compact) {
        Some(compact + if last { "ZZ" } else { "AA" })
    } else if is_postcode(&compact) {
        Some(compact)
    } else {
        None
    }
}

/// The lowercase words of a name, for matching a wijk inside a location's name.
fn name_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

impl Postcodes {
    /// The table of the sample municipality Lindendaal, shipped in `data/`.
    pub fn builtin() -> Postcodes {
        Postcodes::from_toml(BUILTIN).expect("data/postcodes.toml is valid")
    }

    pub fn from_toml(text: &str) -> Result<Postcodes, PostcodesError> {
        let file: PostcodesFile = toml::from_str(text)?;
        let mut ranges = Vec::with_capacity(file.bereik.len());
        for range in file.bereik {
            let end = |postcode: &str, last: bool| {
                bound(postcode, last).ok_or_else(|| PostcodesError::InvalidPostcode {
                    wijk: range.wijk.clone(),
                    postcode: postcode.to_string(),
                })
            };
            let from = end(&range.van, false)?;
            let to = end(&range.tot, true)?;
            if from > to {
                return Err(PostcodesError::Reversed {
                    wijk: range.wijk,
                    van: range.van,
                    tot: range.tot,
                });
            }
            ranges.push(Range {
                wijk: range.wijk,
                from,
                to,
            });
        }
        ranges.sort_by(|a, b| a.from.cmp(&b.from));
        if let Some(pair) = ranges.windows(2).find(|pair| pair[1].from <= pair[0].to) {
            return Err(PostcodesError::Overlap {
                first: pair[0].wijk.clone(),
                second: pair[1].wijk.clone(),
            });
        }
        Ok(Postcodes { ranges })
    }

    /// The wijk of a postcode written any way (`7304AB`, `7304 ab`). Four digits alone give the
    /// wijk when the whole area lies in one, so the wijk shows while the desk is still typing.
    pub fn wijk_of(&self, postcode: &str) -> Option<&str> {
        let compact = compact(postcode);
        let (first, last) = if is_area(&compact) {
            (compact.clone() + "AA", compact + "ZZ")
        } else if is_postcode(&compact) {
            (compact.clone(), compact)
        } else {
            return None;
        };
        self.ranges
            .iter()
            .find(|r| r.from <= first && last <= r.to)
            .map(|r| r.wijk.as_str())
    }

    /// Every wijk of the table, once, in table order.
    pub fn wijken(&self) -> Vec<&str> {
        let mut wijken: Vec<&str> = Vec::new();
        for range in &self.ranges {
            if !wijken.contains(&range.wijk.as_str()) {
                wijken.push(&range.wijk);
            }
        }
        wijken
    }

    /// The wijk named in a desk's location ("STIP De Weide" → "De Weide"), matched on whole
    /// words regardless of case, so "Wijkcentrum Noorderhaven" is not taken for "Centrum".
    /// When several wijk names occur, the longest wins.
    pub fn wijk_in_location(&self, location: &str) -> Option<&str> {
        let words = name_words(location);
        self.ranges
            .iter()
            .map(|r| (r.wijk.as_str(), name_words(&r.wijk)))
            .filter(|(_, wijk)| {
                !wijk.is_empty()
                    && words
                        .windows(wijk.len())
                        .any(|window| window == wijk.as_slice())
            })
            .max_by_key(|(_, wijk)| wijk.len())
            .map(|(name, _)| name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_gives_the_wijk_of_a_postcode_written_any_way() {
        let table = Postcodes::builtin();
        for (postcode, wijk) in [
            ("7301 BK", "Centrum"),
            ("7303zz", "Centrum"),
            ("7304AA", "De Weide"),
            (" 7305 cr ", "De Weide"),
            ("7306\tKL", "De Weide"),
            ("7311 AH", "Noorderhaven"),
            ("7316 KV", "Oosterpark"),
            ("7322 at", "Kanaalzone"),
            ("7331 BP", "Ooij aan de Linde"),
        ] {
            assert_eq!(table.wijk_of(postcode), Some(wijk), "{postcode}");
        }
    }

    #[test]
    fn postcodes_outside_the_municipality_or_malformed_have_no_wijk() {
        let table = Postcodes::builtin();
        for postcode in [
            "7É€", "7300 ZZ", "7307 AA", "7310 AB", "7332 AA", "1012 AB", "", "73O4 AB", "7304 A",
            "0304 AB",
        ] {
            assert_eq!(table.wijk_of(postcode), None, "{postcode}");
        }
    }

    #[test]
    fn four_digits_give_the_wijk_while_typing() {
        let table = Postcodes::builtin();
        assert_eq!(table.wijk_of("7304"), Some("De Weide"));
        assert_eq!(table.wijk_of("731"), None);
    }

    #[test]
    fn the_sample_kaart_agrees_with_the_table() {
        let table = Postcodes::builtin();
        let mut reader =
            csv::Reader::from_reader(include_str!("../../data/kaart/addresses.csv").as_bytes());
        let headers = reader.headers().unwrap().clone();
        let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
        let (region, postal_code) = (column("region"), column("postal_code"));
        let mut checked = 0;
        for record in reader.records() {
            let record = record.unwrap();
            assert_eq!(
                table.wijk_of(&record[postal_code]),
                Some(&record[region]),
                "{record:?}"
            );
            checked += 1;
        }
        assert!(checked >= 30);
    }

    #[test]
    fn a_range_may_split_an_area_by_its_letters() {
        let text = "[[bereik]]\nwijk = \"West\"\nvan = \"7400\"\ntot = \"7401 KZ\"\n\n[[bereik]]\nwijk = \"Oost\"\nvan = \"7401 la\"\ntot = \"7402\"\n";
        let table = Postcodes::from_toml(text).unwrap();
        assert_eq!(table.wijk_of("7401 KZ"), Some("West"));
        assert_eq!(table.wijk_of("7401 LA"), Some("Oost"));
        // The area alone does not say which of the two.
        assert_eq!(table.wijk_of("7401"), None);
        assert_eq!(table.wijk_of("7400"), Some("West"));
    }

    #[test]
    fn a_broken_table_is_a_clear_error() {
        let range = |wijk: &str, van: &str, tot: &str| {
            format!("[[bereik]]\nwijk = \"{wijk}\"\nvan = \"{van}\"\ntot = \"{tot}\"\n")
        };
        let err = Postcodes::from_toml(&range("West", "74O0", "7401")).unwrap_err();
        assert!(err.to_string().contains("\"74O0\""), "{err}");
        let err = Postcodes::from_toml(&range("West", "7402", "7401")).unwrap_err();
        assert!(err.to_string().contains("7402 komt na 7401"), "{err}");
        let text = range("West", "7400", "7402") + &range("Oost", "7402 AB", "7403");
        let err = Postcodes::from_toml(&text).unwrap_err();
        assert!(err.to_string().contains("overlappen"), "{err}");
        assert!(Postcodes::from_toml("bereik = 3").is_err());
    }

    #[test]
    fn the_wijk_of_a_desk_is_read_from_its_location() {
        let table = Postcodes::builtin();
        assert_eq!(table.wijk_in_location("STIP De Weide"), Some("De Weide"));
        assert_eq!(table.wijk_in_location("stip de weide"), Some("De Weide"));
        assert_eq!(
            table.wijk_in_location("CJG Ooij aan de Linde"),
            Some("Ooij aan de Linde")
        );
        assert_eq!(
            table.wijk_in_location("STIP Kanaalzone-Zuid"),
            Some("Kanaalzone")
        );
        assert_eq!(
            table.wijk_in_location("Wijkcentrum Noorderhaven"),
            Some("Noorderhaven")
        );
        assert_eq!(table.wijk_in_location("Wijkcentrum"), None);
        assert_eq!(table.wijk_in_location("KCC"), None);
        assert_eq!(table.wijk_in_location(""), None);
    }

    #[test]
    fn the_longest_wijk_name_in_a_location_wins() {
        let text = "[[bereik]]\nwijk = \"Linde\"\nvan = \"7400\"\ntot = \"7400\"\n\n[[bereik]]\nwijk = \"Ooij aan de Linde\"\nvan = \"7401\"\ntot = \"7401\"\n";
        let table = Postcodes::from_toml(text).unwrap();
        assert_eq!(
            table.wijk_in_location("STIP Ooij aan de Linde"),
            Some("Ooij aan de Linde")
        );
        assert_eq!(table.wijk_in_location("STIP Linde"), Some("Linde"));
    }
}
