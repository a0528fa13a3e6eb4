//! Accounts of the people who use Loket, and the rules around signing in on a shared PC.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// What someone does at the front office; decides what they may see and do (see `policy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
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

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Vrijwilliger,
        Role::Medewerker,
        Role::Coordinator,
        Role::Beheerder,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Vrijwilliger => "vrijwilliger",
            Role::Medewerker => "medewerker",
            Role::Coordinator => "coordinator",
            Role::Beheerder => "beheerder",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        let code = code.trim().to_lowercase().replace('ö', "o");
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn codes() -> String {
        Role::ALL.map(Role::code).join(", ")
    }
}

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

/// Wrong PINs in a row before the account is locked for [`LOCKOUT`].
pub const MAX_FAILED_ATTEMPTS: u32 = 5;
pub const LOCKOUT: Duration = Duration::minutes(5);
pub const MIN_PIN_LEN: usize = 5;

/// Why a PIN is refused when it is set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PinError {
    #[error("de pincode moet minstens {MIN_PIN_LEN} tekens hebben")]
    TooShort,
    #[error("de pincode mag niet uit één herhaald teken bestaan")]
    AllSame,
    #[error("de pincode mag niet je naam zijn")]
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
    if pin.to_lowercase() == name.trim().to_lowercase() {
        return Err(PinError::IsName);
    }
    Ok(())
}

/// The account state after one more wrong PIN at `now`.
pub fn after_failed_attempt(
    failed_attempts: u32,
    now: DateTime<Utc>,
) -> (u32, Option<DateTime<Utc>>) {
    let failed = failed_attempts + 1;
    if failed >= MAX_FAILED_ATTEMPTS {
        (0, Some(now + LOCKOUT))
    } else {
        (failed, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pin_rules() {
        assert_eq!(validate_pin("1234", "Anna"), Err(PinError::TooShort));
        assert_eq!(validate_pin("11111", "Anna"), Err(PinError::AllSame));
        assert_eq!(validate_pin("annaa", "annaa"), Err(PinError::IsName));
        assert_eq!(validate_pin("12 345", "Anna"), Err(PinError::BadCharacter));
        assert_eq!(validate_pin("48213", "Anna"), Ok(()));
    }

    #[test]
    fn fifth_wrong_pin_locks_for_five_minutes() {
        let now = Utc::now();
        assert_eq!(after_failed_attempt(0, now), (1, None));
        assert_eq!(after_failed_attempt(3, now), (4, None));
        assert_eq!(after_failed_attempt(4, now), (0, Some(now + LOCKOUT)));
    }

    #[test]
    fn role_codes() {
        assert_eq!(Role::from_code(" Beheerder"), Some(Role::Beheerder));
        assert_eq!(Role::from_code("Coördinator"), Some(Role::Coordinator));
        assert_eq!(Role::from_code("baas"), None);
    }
}
