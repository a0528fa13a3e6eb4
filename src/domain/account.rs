//! Accounts of the people who use Loket, and the rules around signing in on a shared PC.

use chrono::{DateTime, Duration, Months, Utc};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// What someone does at the front office; decides what they may see and do (see `policy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "lowercase")]
pub enum Role {
    /// A volunteer at a STIP or CJG desk.
    Vrijwilliger,
    /// A professional: KCC agent, Loket specialist, Sociaal Team member.
    Medewerker,
    /// Coördinator of a team: divides its work and reads its cases and figures.
    Coordinator,
    /// Functioneel beheerder: keeps the kaart current, manages accounts.
    Beheerder,
}

impl super::Code for Role {}

/// A signed-up user (never holding the PIN itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub role: Role,
    /// Home location, e.g. "STIP De Weide" or "KCC".
    pub location: String,
    pub teams: Vec<String>,
    /// Leefgebied codes a professional is expert in.
    pub expertise: Vec<String>,
    pub active: bool,
    pub failed_attempts: u32,
    pub locked_until: Option<DateTime<Utc>>,
}

/// Wrong PINs in a row before the account is locked (see [`lockout_duration`]).
pub const MAX_FAILED_ATTEMPTS: u32 = 5;
/// How long a refused sign-in waits before it answers, at the desk and on the command line
/// alike: guessing PINs by hand or by script stays slow.
pub const REFUSAL_DELAY: std::time::Duration = std::time::Duration::from_secs(1);
/// How long the first, second and every later lockout since the last good sign-in last.
pub const LOCKOUTS: [Duration; 3] = [
    Duration::minutes(5),
    Duration::minutes(15),
    Duration::hours(1),
];
pub const MIN_PIN_LEN: usize = 5;

/// Why a PIN is refused when it is set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PinError {
    #[error("de pincode moet minstens {MIN_PIN_LEN} tekens hebben")]
    TooShort,
    #[error("de pincode mag niet uit één herhaald teken bestaan")]
    AllSame,
    #[error("de pincode mag geen reeks zijn, zoals 12345, 54321 of abcde")]
    Sequence,
    #[error("de pincode mag je naam niet bevatten")]
    IsName,
    #[error("de pincode mag geen spaties of stuurtekens bevatten")]
    BadCharacter,
}

/// Checks the rules for a new PIN or password.
pub fn validate_pin(pin: &str, name: &str) -> Result<(), PinError> {
    if pin.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(PinError::BadCharacter);
    }
    if pin.chars().count() < MIN_PIN_LEN {
        return Err(PinError::TooShort);
    }
    let mut chars = pin.chars();
    let first = chars.next();
    if chars.all(|c| Some(c) == first) {
        return Err(PinError::AllSame);
    }
    if is_sequence(pin) {
        return Err(PinError::Sequence);
    }
    if contains_name(pin, name) {
        return Err(PinError::IsName);
    }
    Ok(())
}

/// Whether the PIN steps up or down by one all the way: the first thing anyone tries. Digits
/// wrap like the number row of a keyboard (…8, 9, 0, 1…); letters do not.
fn is_sequence(pin: &str) -> bool {
    let bytes = pin.to_ascii_lowercase().into_bytes();
    let digits = bytes.iter().all(u8::is_ascii_digit);
    if !digits && !bytes.iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    let steps: Vec<i32> = bytes
        .windows(2)
        .map(|pair| {
            let step = i32::from(pair[1]) - i32::from(pair[0]);
            match (digits, step) {
                (true, 9) => -1,
                (true, -9) => 1,
                _ => step,
            }
        })
        .collect();
    steps.iter().all(|&s| s == 1) || steps.iter().all(|&s| s == -1)
}

/// Whether the PIN holds the name ("kim2024" for Kim), ignoring case, diacritics and spaces;
/// names shorter than three letters turn up in too many PINs by chance to count.
fn contains_name(pin: &str, name: &str) -> bool {
    let name = folded(name);
    name.chars().filter(|c| c.is_alphabetic()).count() >= 3 && folded(pin).contains(&name)
}

/// Lowercase without diacritics and without separators: "Chloë de Wit" → "chloedewit".
fn folded(text: &str) -> String {
    words(text).concat()
}

/// The words of a name in lowercase without diacritics; letters and digits are separate words
/// ("Balie2" → balie, 2).
fn words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut previous_digit = None;
    for c in text
        .nfkd()
        .filter(|&c| !is_combining_mark(c))
        .flat_map(char::to_lowercase)
    {
        if !c.is_alphanumeric() {
            previous_digit = None;
            continue;
        }
        let digit = c.is_ascii_digit();
        match words.last_mut() {
            Some(word) if previous_digit == Some(digit) => word.push(c),
            _ => words.push(c.to_string()),
        }
        previous_digit = Some(digit);
    }
    words
}

/// Names of desks, places, roles and test logins: what a login shared by a team gets called.
const GENERIC_NAMES: &[&str] = &[
    "account",
    "admin",
    "administrator",
    "algemeen",
    "avonddienst",
    "balie",
    "baliemedewerker",
    "beheer",
    "beheerder",
    "cjg",
    "computer",
    "dagdienst",
    "dienst",
    "front",
    "frontoffice",
    "gast",
    "gebruiker",
    "gedeeld",
    "guest",
    "iedereen",
    "info",
    "inloop",
    "invaller",
    "kcc",
    "loket",
    "medewerker",
    "nachtdienst",
    "office",
    "pc",
    "receptie",
    "servicepunt",
    "spreekuur",
    "stagiair",
    "stagiaire",
    "stip",
    "team",
    "telefoon",
    "temp",
    "test",
    "tijdelijk",
    "user",
    "vrijwilliger",
    "werkplek",
    "wijkteam",
    "wisseldienst",
];

/// Words that place a desk rather than name a person ("Balie Noord", "Oost KCC").
const PLACE_WORDS: &[&str] = &[
    "centrum", "de", "dorp", "het", "kantoor", "noord", "oost", "stad", "stadhuis", "west", "wijk",
    "zuid",
];

/// Whether `word` is made of generic names only, each optionally plural: "balie",
/// "vrijwilligers", "testaccount", "baliemedewerkers".
fn is_generic(word: &str) -> bool {
    !word.is_empty() && made_of_generic(word)
}

fn made_of_generic(rest: &str) -> bool {
    rest.is_empty()
        || GENERIC_NAMES.iter().any(|generic| {
            rest.strip_prefix(generic).is_some_and(|after| {
                [
                    Some(after),
                    after.strip_prefix('s'),
                    after.strip_prefix("en"),
                ]
                .into_iter()
                .flatten()
                .any(made_of_generic)
            })
        })
}

/// Why an account name is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "Alleen persoonlijke accounts: {0:?} lijkt een gedeelde inlog. Maak voor iedereen een \
     account op de eigen naam (bijvoorbeeld \"Anna de Vries\"), zodat het logboek laat zien wie \
     wat deed"
)]
pub struct SharedAccountName(pub String);

/// Refuses names of shared logins: a generic word first ("Balie 2", "STIP De Weide",
/// "testaccount"), or nothing but generic words, places and numbers ("Stadhuis Balie"). A
/// shared login makes the audit log name a desk instead of a person.
pub fn validate_account_name(name: &str) -> Result<(), SharedAccountName> {
    let words = words(name);
    let generic_first = words.first().is_some_and(|w| is_generic(w));
    let no_person = words.iter().any(|w| is_generic(w))
        && words.iter().all(|w| {
            is_generic(w)
                || PLACE_WORDS.contains(&w.as_str())
                || w.chars().all(|c| c.is_ascii_digit())
        });
    if generic_first || no_person {
        Err(SharedAccountName(name.trim().to_string()))
    } else {
        Ok(())
    }
}

/// Why a name (of an account, a team or a location) is refused: it holds characters that do
/// not show, such as a zero-width space in "B\u{200B}alie 2", which slips past the check for
/// shared logins, or an escape sequence that a terminal would obey.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0} mag geen stuurtekens, richtingstekens of onzichtbare tekens bevatten")]
pub struct HiddenCharacters(pub &'static str);

/// Refuses `text` when it holds control, bidi or zero-width characters; `what` names the field
/// in the message ("de naam", "het team").
pub fn validate_visible(text: &str, what: &'static str) -> Result<(), HiddenCharacters> {
    if crate::safe_text::has_hidden_characters(text) {
        Err(HiddenCharacters(what))
    } else {
        Ok(())
    }
}

/// What a name looks like, for telling look-alikes apart: Unicode's confusable skeleton
/// (Cyrillic "а" reads as Latin "a", "rn" as "m"), then compatibility forms, case, diacritics,
/// punctuation and spacing folded away. Two accounts with the same key would be told apart in
/// a list only by someone who knows to look.
pub fn look_alike_key(name: &str) -> String {
    let skeleton: String = unicode_security::skeleton(name).collect();
    words(&skeleton).join(" ")
}

/// How long an account may go unused before the yearly review asks whether it is still needed.
pub const REVIEW_UNUSED_MONTHS: u32 = 12;

/// Whether the yearly review should ask about this account: never signed in, or not for
/// [`REVIEW_UNUSED_MONTHS`]. Unused accounts of people who left are what an intruder uses.
pub fn unused_for_review(last_sign_in_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    let cutoff = now
        .checked_sub_months(Months::new(REVIEW_UNUSED_MONTHS))
        .unwrap_or(now);
    last_sign_in_at.is_none_or(|at| at < cutoff)
}

/// The lockout state of an account: wrong PINs since the last lockout, lockouts since the
/// last good sign-in (or new PIN), and until when it is locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lockout {
    pub failed_attempts: u32,
    pub lockouts: u32,
    pub locked_until: Option<DateTime<Utc>>,
}

/// How long the `nth` lockout (from 1) lasts: 5 minutes, 15 minutes, then an hour every time.
/// It stays at an hour rather than growing on, because anyone at a desk can lock anyone out
/// by typing wrong PINs; an hour limits guessing to 120 PINs a day without shutting a
/// colleague out for the day.
pub fn lockout_duration(nth: u32) -> Duration {
    let index = (nth.max(1) - 1) as usize;
    LOCKOUTS[index.min(LOCKOUTS.len() - 1)]
}

/// The account state after one more wrong PIN at `now`: every [`MAX_FAILED_ATTEMPTS`]th wrong
/// PIN locks the account, each lockout longer than the one before.
pub fn after_failed_attempt(state: Lockout, now: DateTime<Utc>) -> Lockout {
    let failed = state.failed_attempts + 1;
    if failed >= MAX_FAILED_ATTEMPTS {
        let lockouts = state.lockouts.saturating_add(1);
        Lockout {
            failed_attempts: 0,
            lockouts,
            locked_until: Some(now + lockout_duration(lockouts)),
        }
    } else {
        Lockout {
            failed_attempts: failed,
            lockouts: state.lockouts,
            locked_until: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Code;

    #[test]
    fn pin_rules() {
        assert_eq!(validate_pin("1234", "Anna"), Err(PinError::TooShort));
        assert_eq!(validate_pin("11111", "Anna"), Err(PinError::AllSame));
        assert_eq!(validate_pin("annaa", "annaa"), Err(PinError::IsName));
        assert_eq!(validate_pin("12 345", "Anna"), Err(PinError::BadCharacter));
        assert_eq!(validate_pin("48213", "Anna"), Ok(()));
    }

    #[test]
    fn sequences_are_refused_in_both_directions_and_any_length() {
        for pin in [
            "12345",
            "54321",
            "23456",
            "1234567890",
            "98765432",
            "67890",
            "09876",
            "abcdef",
            "FEDCBA",
        ] {
            assert_eq!(validate_pin(pin, "Anna"), Err(PinError::Sequence), "{pin}");
        }
        for pin in ["12346", "13579", "24680", "demo2468", "abcdf", "1a2b3c"] {
            assert_eq!(validate_pin(pin, "Anna"), Ok(()), "{pin}");
        }
    }

    #[test]
    fn a_pin_may_not_hold_the_name() {
        assert_eq!(validate_pin("kim2024", "Kim"), Err(PinError::IsName));
        assert_eq!(validate_pin("2024KIM", "Kim"), Err(PinError::IsName));
        assert_eq!(validate_pin("chloe77", "Chloë"), Err(PinError::IsName));
        assert_eq!(
            validate_pin("x-Anna-de-Vries", "Anna de Vries"),
            Err(PinError::IsName)
        );
        assert_eq!(
            validate_pin("annadevries", "Anna de Vries"),
            Err(PinError::IsName)
        );
        assert_eq!(validate_pin("bo482", "Bo"), Ok(()));
        // The demo accounts ("Demo Dirk (KCC)") share one PIN that holds a part of their name.
        assert_eq!(validate_pin("demo2468", "Demo Dirk (KCC)"), Ok(()));
    }

    #[test]
    fn shared_logins_are_refused() {
        for name in [
            "balie",
            "Balie 2",
            "balie2",
            "BALIE-3",
            "STIP De Weide",
            "stip_oosterpark",
            "CJG",
            "KCC 14",
            "Loket",
            "Receptie Stadhuis",
            "algemeen",
            "Gedeeld",
            "iedereen",
            "Team Noord",
            "test",
            "testaccount",
            "Test1",
            "admin",
            "Beheer",
            "Vrijwilliger",
            "Vrijwilligers De Weide",
            "medewerker 3",
            "Baliemedewerkers",
            "Front Office",
            "Oost Balie",
            "De Balie",
            "gast",
        ] {
            let refused = validate_account_name(name);
            assert_eq!(refused, Err(SharedAccountName(name.into())), "{name}");
        }
        let message = validate_account_name("Balie 2").unwrap_err().to_string();
        assert!(
            message.starts_with("Alleen persoonlijke accounts: "),
            "{message}"
        );
    }

    #[test]
    fn personal_names_pass() {
        for name in [
            "Anna de Vries",
            "Kim",
            "Sanne",
            "Kim KCC",
            "Bea Beheer",
            "Coördinator Carla",
            "Demo Dirk (KCC)",
            "Fatima el Amrani",
            "Bench Balie",
            "Alle Dijkstra",
            "Stijn",
            "Tessa Teamsma",
            "Jan de Stip",
        ] {
            assert_eq!(validate_account_name(name), Ok(()), "{name}");
        }
    }

    #[test]
    fn names_that_hide_characters_are_refused() {
        for name in [
            "B\u{200B}alie 2",
            "Eve \u{1B}]0;PWNED\u{7}",
            "Anna\u{202E}",
            "Kim\tK",
        ] {
            assert_eq!(
                validate_visible(name, "de naam"),
                Err(HiddenCharacters("de naam"))
            );
        }
        assert_eq!(validate_visible("Chloë de Wit-Ağaoğlu", "de naam"), Ok(()));
    }

    #[test]
    fn look_alike_names_share_a_key() {
        let bea = look_alike_key("Demo Bea (beheerder)");
        for twin in [
            "demo bea (beheerder)",
            "Demo  Bea (beheerder)",
            "Demo B\u{0435}a (beheerder)",
            "Démo Bea beheerder",
            "Ｄｅｍｏ Bea (beheerder)",
        ] {
            assert_eq!(look_alike_key(twin), bea, "{twin}");
        }
        assert_ne!(look_alike_key("Demo Ben (beheerder)"), bea);
        assert_eq!(look_alike_key("Kim"), look_alike_key("Kirn"));
    }

    #[test]
    fn an_account_is_reviewed_after_a_year_unused_or_never_used() {
        let now = Utc::now();
        assert!(unused_for_review(None, now));
        assert!(!unused_for_review(Some(now - Duration::days(30)), now));
        assert!(!unused_for_review(Some(now - Duration::days(364)), now));
        assert!(unused_for_review(Some(now - Duration::days(367)), now));
    }

    #[test]
    fn every_fifth_wrong_pin_locks_longer_up_to_an_hour() {
        let now = Utc::now();
        let mut state = Lockout {
            failed_attempts: 0,
            lockouts: 0,
            locked_until: None,
        };
        let mut lockouts = Vec::new();
        for _ in 0..25 {
            state = after_failed_attempt(state, now);
            if let Some(until) = state.locked_until.take() {
                lockouts.push(until - now);
            }
        }
        assert_eq!(
            lockouts,
            vec![
                Duration::minutes(5),
                Duration::minutes(15),
                Duration::hours(1),
                Duration::hours(1),
                Duration::hours(1),
            ]
        );
        assert_eq!(state.lockouts, 5);
        assert_eq!(lockout_duration(0), Duration::minutes(5));
        assert_eq!(lockout_duration(u32::MAX), Duration::hours(1));
    }

    #[test]
    fn role_codes() {
        assert_eq!(Role::from_code(" Beheerder"), Some(Role::Beheerder));
        assert_eq!(Role::from_code("Coördinator"), Some(Role::Coordinator));
        assert_eq!(Role::from_code("baas"), None);
    }
}
