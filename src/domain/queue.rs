//! The wachtrij: referrals (doorverwijzingen) and callbacks (terugbelverzoeken) waiting for a
//! professional, their states, and the actions that move them. Pure rules, no I/O.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// What kind of handover an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QueueKind {
    /// A referral for a gesprek with the Loket, a Sociaal Team or the Expertiseteam.
    Doorverwijzing,
    /// A callback request.
    Terugbelverzoek,
}

/// Where an item is waiting: a team, or a named professional.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "kebab-case")]
pub enum Target {
    /// The Loket professionals of this leefgebied (code).
    Loket(String),
    /// The Sociaal Team of this wijk.
    SociaalTeam(String),
    Expertiseteam,
    /// Another team by name, e.g. "KCC".
    Team(String),
}

/// The state of an item. Every change is kept as history; nothing is overwritten.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QueueState {
    Nieuw,
    /// Claimed by one person.
    Opgepakt,
    /// An appointment date is set.
    Afspraak,
    Afgerond,
    /// Put back to the team.
    Teruggelegd,
    /// Sent on to another team, with a note.
    Doorgestuurd,
}

/// How a finished item ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    GesprekGevoerd,
    PlanGemaakt,
    EldersGeholpen,
    /// Not reached after several attempts.
    NietBereikt,
    /// The resident does not want help.
    WilNiet,
}

/// What a professional does with an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "kebab-case")]
pub enum QueueAction {
    Claim,
    Release { note: String },
    Forward { to: Target, note: String },
    Appointment { at: NaiveDateTime, note: String },
    ContactAttempt { reached: bool, note: String },
    Close { outcome: Outcome, note: String },
}

/// Why an action is not allowed in a state; the message is Dutch, for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct TransitionError(pub String);
