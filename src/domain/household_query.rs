//! What the desk must type before the household search says anything: a full identifier, so the
//! search recognises a resident who is at the desk and cannot be used to browse the register
//! (security-probe #3: two letters listed twenty names, postcodes and the teams they are known
//! at). Either a name with a postcode or house number, or a whole phone number.

/// How many digits a whole Dutch phone number has, written with its leading 0.
const PHONE_DIGITS: usize = 10;

/// A full identifier of a resident, as the search compares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identifier {
    /// A name (as typed) with a postcode (see [`postcode_key`]), a house number, or both.
    NameAndAddress {
        name: String,
        postcode: Option<String>,
        house_number: Option<String>,
    },
    /// A whole phone number (see [`phone_key`]).
    Phone(String),
}

impl Identifier {
    /// Which kind of identifier, for the audit row: fixed words, never what was typed.
    pub fn kind(&self) -> &'static str {
        match self {
            Identifier::NameAndAddress {
                postcode: Some(_),
                house_number: Some(_),
                ..
            } => "naam, postcode en huisnummer",
            Identifier::NameAndAddress {
                postcode: Some(_), ..
            } => "naam en postcode",
            Identifier::NameAndAddress { .. } => "naam en huisnummer",
            Identifier::Phone(_) => "telefoonnummer",
        }
    }
}

/// A phone as it is searched: digits only, with the Dutch country code written as the 0 it
/// replaces, so "+31 6 1234 5678" and "06-12345678" are the same number.
pub fn phone_key(text: &str) -> String {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let country = if text.trim_start().starts_with('+') {
        "31"
    } else {
        "0031"
    };
    match digits.strip_prefix(country) {
        // "+31 (0)6 …": the 0 is already there.
        Some(rest) if rest.starts_with('0') => rest.to_string(),
        Some(rest) => format!("0{rest}"),
        None => digits,
    }
}

/// A postcode as it is searched: upper case, no spaces ("1234 ab" → "1234AB").
pub fn postcode_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// A house number as it is compared: no spaces, lower case ("12 A" → "12a").
pub fn house_number_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_phone_text(text: &str) -> bool {
    !text.trim().is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace() || "+-().".contains(c))
}

fn whole_phone(text: &str) -> Option<String> {
    let key = phone_key(text);
    (key.len() == PHONE_DIGITS && key.starts_with('0')).then_some(key)
}

fn is_postcode(text: &str) -> bool {
    let key = postcode_key(text);
    key.len() == 6
        && key[..4].chars().all(|c| c.is_ascii_digit())
        && key[4..].chars().all(|c| c.is_ascii_alphabetic())
}

fn is_house_number(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_ascii_digit())
        && word.len() <= 8
        && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// The identifier in what the desk typed in the search box ("Anna de Vries 1234 AB",
/// "Anna de Vries 12", "06-12345678"), or `None` while it is not yet a full one.
pub fn identifier(text: &str) -> Option<Identifier> {
    if is_phone_text(text) {
        return whole_phone(text).map(Identifier::Phone);
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let mut postcode = None;
    let mut house_number = None;
    let mut name = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let pair = words.get(i + 1).map(|next| format!("{}{next}", words[i]));
        if postcode.is_none() && is_postcode(words[i]) {
            postcode = Some(postcode_key(words[i]));
        } else if postcode.is_none() && pair.as_deref().is_some_and(is_postcode) {
            postcode = pair.as_deref().map(postcode_key);
            i += 1;
        } else if house_number.is_none() && is_house_number(words[i]) {
            house_number = Some(house_number_key(words[i]));
        } else {
            name.push(words[i]);
        }
        i += 1;
    }
    from_parts(&name.join(" "), postcode, house_number)
}

/// The identifier in the intake form's fields, for recognising a household while the desk
/// types: the phone when whole, else the name with postcode or house number.
pub fn from_fields(
    name: &str,
    phone: &str,
    postcode: &str,
    house_number: &str,
) -> Option<Identifier> {
    if let Some(phone) = whole_phone(phone) {
        return Some(Identifier::Phone(phone));
    }
    let postcode = is_postcode(postcode).then(|| postcode_key(postcode));
    let house_number = is_house_number(house_number.trim()).then(|| house_number_key(house_number));
    from_parts(name, postcode, house_number)
}

fn from_parts(
    name: &str,
    postcode: Option<String>,
    house_number: Option<String>,
) -> Option<Identifier> {
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    (letters >= 2 && (postcode.is_some() || house_number.is_some())).then(|| {
        Identifier::NameAndAddress {
            name: name.trim().to_string(),
            postcode,
            house_number,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address(name: &str, postcode: Option<&str>, number: Option<&str>) -> Option<Identifier> {
        Some(Identifier::NameAndAddress {
            name: name.into(),
            postcode: postcode.map(String::from),
            house_number: number.map(String::from),
        })
    }

    #[test]
    fn phones_compare_as_dutch_digits() {
        assert_eq!(phone_key("06-1234 5678"), "0612345678");
        assert_eq!(phone_key("+31 6 12345678"), "0612345678");
        assert_eq!(phone_key("+31 (0)6 12345678"), "0612345678");
        assert_eq!(phone_key("0031 6 12345678"), "0612345678");
        assert_eq!(phone_key("14 050"), "14050");
        assert_eq!(postcode_key(" 1234  ab"), "1234AB");
    }

    /// Security-probe #3: "an", "73" and a partial phone say nothing.
    #[test]
    fn partial_identifiers_are_not_enough() {
        for text in [
            "",
            "an",
            "73",
            "7301",
            "7301 AB",
            "Anna de Vries",
            "0612",
            "06-1234567",
            "+31 6 1234",
            "12",
            "A 7301AB",
        ] {
            assert_eq!(identifier(text), None, "{text:?}");
        }
    }

    #[test]
    fn name_with_postcode_or_house_number_or_a_whole_phone() {
        assert_eq!(
            identifier("Anna de Vries 7301 ab"),
            address("Anna de Vries", Some("7301AB"), None)
        );
        assert_eq!(
            identifier("Anna de Vries, 7301AB 12a"),
            address("Anna de Vries", Some("7301AB"), Some("12a"))
        );
        assert_eq!(
            identifier("de Vries 12"),
            address("de Vries", None, Some("12"))
        );
        assert_eq!(
            identifier("+31 6 1234 5678"),
            Some(Identifier::Phone("0612345678".into()))
        );
        assert_eq!(
            from_fields("Anna de Vries", "06-12", "7301 AB", ""),
            address("Anna de Vries", Some("7301AB"), None)
        );
        assert_eq!(
            from_fields("", "06-12345678", "", ""),
            Some(Identifier::Phone("0612345678".into()))
        );
        assert_eq!(from_fields("Anna de Vries", "", "7301", ""), None);
        assert_eq!(from_fields("", "", "7301 AB", "12"), None);
    }

    #[test]
    fn the_audit_names_the_kind_of_identifier_only() {
        assert_eq!(
            identifier("Anna 7301AB").unwrap().kind(),
            "naam en postcode"
        );
        assert_eq!(identifier("Anna 12").unwrap().kind(), "naam en huisnummer");
        assert_eq!(identifier("0612345678").unwrap().kind(), "telefoonnummer");
    }
}
