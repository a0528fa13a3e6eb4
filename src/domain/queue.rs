//! The wachtrij: referrals (doorverwijzingen) and callbacks (terugbelverzoeken) waiting for a
//! professional, their states, and the actions that move them. Pure rules, no I/O.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::domain::intake::Route;
use crate::domain::policy::CaseTeam;
use crate::domain::{Code, Leefgebieden, ReferenceData};

mod steps;
mod teams;

pub use steps::{Progress, Step, contact_by, is_late, step_days, step_due};
pub use teams::{all_teams, find_team};

/// What kind of handover an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "kebab-case")]
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
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "kebab-case")]
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
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "kebab-case")]
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

/// How many contact attempts must have failed before "niet bereikt" may close an item: a
/// resident who missed one call is not yet unreachable.
pub const MIN_ATTEMPTS_NOT_REACHED: u32 = 3;

impl Code for QueueKind {}
impl Code for QueueState {}
impl Code for Outcome {}

impl QueueKind {
    /// The Dutch name on screen.
    pub fn name(self) -> &'static str {
        self.code()
    }
}

impl QueueState {
    /// The Dutch name on screen; the codes already are the words the desk uses.
    pub fn name(self) -> &'static str {
        self.code()
    }

    /// Whether the item still waits for someone: only afgerond is done.
    pub fn is_open(self) -> bool {
        self != QueueState::Afgerond
    }

    /// Whether one person holds the item, so only they act on it.
    fn is_claimed(self) -> bool {
        matches!(self, QueueState::Opgepakt | QueueState::Afspraak)
    }
}

impl Outcome {
    /// The Dutch name on screen.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::GesprekGevoerd => "gesprek gevoerd",
            Outcome::PlanGemaakt => "plan gemaakt",
            Outcome::EldersGeholpen => "elders geholpen",
            Outcome::NietBereikt => "niet bereikt",
            Outcome::WilNiet => "wil niet",
        }
    }
}

impl Target {
    /// The target as stored: a kind and a value (empty for the Expertiseteam, of which there
    /// is only one), so the store can filter on team without parsing labels.
    pub fn code(&self) -> (&'static str, String) {
        match self {
            Target::Loket(leefgebied) => ("loket", leefgebied.clone()),
            Target::SociaalTeam(wijk) => ("sociaal-team", wijk.clone()),
            Target::Expertiseteam => ("expertiseteam", String::new()),
            Target::Team(name) => ("team", name.clone()),
        }
    }

    /// Reads back what [`Target::code`] stored; `None` for an unknown kind or a missing value.
    pub fn from_code(kind: &str, value: &str) -> Option<Target> {
        let value = value.trim();
        let named = |make: fn(String) -> Target| (!value.is_empty()).then(|| make(value.into()));
        match kind.trim() {
            "loket" => named(Target::Loket),
            "sociaal-team" => named(Target::SociaalTeam),
            "expertiseteam" => Some(Target::Expertiseteam),
            "team" => named(Target::Team),
            _ => None,
        }
    }

    /// Where a route's handover waits; `None` for a question handled at the desk.
    pub fn of_route(route: &Route) -> Option<Target> {
        Some(match route {
            Route::Direct => return None,
            Route::Loket { leefgebied } => Target::Loket(leefgebied.clone()),
            Route::SociaalTeam { wijk } => Target::SociaalTeam(wijk.clone()),
            Route::Expertiseteam => Target::Expertiseteam,
            Route::Terugbelverzoek { team } => Target::Team(team.clone()),
        })
    }

    /// The team as need-to-know sees it: its name, and for a Loket item the leefgebied whose
    /// experts count as the team.
    pub fn case_team(&self, reference: &ReferenceData) -> CaseTeam {
        self.item_team(None, reference)
    }

    /// The team of an item as need-to-know sees it: the name stored at its handover (see
    /// `queue_items.team`), or for an item from before names were stored, the current one.
    pub fn item_team(&self, stored: Option<String>, reference: &ReferenceData) -> CaseTeam {
        self.team_named(stored.unwrap_or_else(|| self.label(reference)))
    }

    /// The team as need-to-know sees it, under `label`.
    pub fn team_named(&self, label: String) -> CaseTeam {
        CaseTeam {
            label,
            leefgebied: match self {
                Target::Loket(code) => Some(code.clone()),
                _ => None,
            },
        }
    }

    /// The team as the municipality names it in `routing.toml` ("Budget Adviesbureau",
    /// "Sociaal Team Zuid"), else as the desk names it by default; also the key for per-team
    /// terms and what `user.teams` holds.
    pub fn label(&self, reference: &ReferenceData) -> String {
        reference.routing.team_name(self, &reference.leefgebieden)
    }

    /// The name a team has when `routing.toml` gives it none: "Loket Geldzaken & schulden",
    /// "Sociaal Team De Weide".
    pub fn default_label(&self, leefgebieden: &Leefgebieden) -> String {
        match self {
            Target::Loket(code) => format!("Loket {}", leefgebieden.name_of(code)),
            Target::SociaalTeam(wijk) => format!("Sociaal Team {wijk}"),
            Target::Expertiseteam => "Expertiseteam".to_string(),
            Target::Team(name) => name.clone(),
        }
    }
}

impl QueueAction {
    /// The Dutch past-tense verb written in the history ("opgepakt door Fatima").
    pub fn name(&self) -> &'static str {
        match self {
            QueueAction::Claim => "opgepakt",
            QueueAction::Release { .. } => "teruggelegd",
            QueueAction::Forward { .. } => "doorgestuurd",
            QueueAction::Appointment { .. } => "afspraak gemaakt",
            QueueAction::ContactAttempt { .. } => "contactpoging",
            QueueAction::Close { .. } => "afgerond",
        }
    }
}

fn refuse<T>(message: &str) -> Result<T, TransitionError> {
    Err(TransitionError(message.to_string()))
}

/// A note is the warm handover to the next person: without it they would have to ask again.
fn require_note(note: &str, message: &str) -> Result<(), TransitionError> {
    if note.trim().is_empty() {
        refuse(message)
    } else {
        Ok(())
    }
}

/// The state after `action`, or why it is not allowed. Who may act (the claimer, a
/// coordinator) and whether the claim is still free are the caller's checks; this is only the
/// order of the steps, so the TUI, the CLI and the store agree on it.
pub fn apply(state: QueueState, action: &QueueAction) -> Result<QueueState, TransitionError> {
    if state == QueueState::Afgerond {
        return refuse("Dit item is al afgerond");
    }
    match action {
        QueueAction::Claim if state.is_claimed() => refuse("Dit item is al opgepakt"),
        QueueAction::Claim => Ok(QueueState::Opgepakt),
        QueueAction::Forward { note, .. } => {
            require_note(note, "Schrijf kort waarom je het doorstuurt")?;
            Ok(QueueState::Doorgestuurd)
        }
        // Everything below is work on a claimed item: one person at a time does it.
        _ if !state.is_claimed() => refuse("Pak dit item eerst op"),
        QueueAction::Release { note } => {
            require_note(note, "Schrijf kort waarom je het teruglegt")?;
            Ok(QueueState::Teruggelegd)
        }
        QueueAction::Appointment { .. } => Ok(QueueState::Afspraak),
        QueueAction::ContactAttempt { .. } => Ok(state),
        QueueAction::Close { .. } => Ok(QueueState::Afgerond),
    }
}

/// Whether `outcome` may close an item after `attempts` failed contact attempts. Kept apart
/// from [`apply`] because the attempts are history the store counts, not part of the state.
pub fn check_close(outcome: Outcome, attempts: u32) -> Result<(), TransitionError> {
    if outcome == Outcome::NietBereikt && attempts < MIN_ATTEMPTS_NOT_REACHED {
        return Err(TransitionError(format!(
            "Niet bereikt kan pas na {MIN_ATTEMPTS_NOT_REACHED} contactpogingen"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use QueueState::*;
    use strum::VariantArray;

    fn at() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 3, 2)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap()
    }

    fn note() -> String {
        "bewoner belt liever 's middags".to_string()
    }

    /// One action of each kind, each with a note.
    fn actions() -> [QueueAction; 6] {
        [
            QueueAction::Claim,
            QueueAction::Release { note: note() },
            QueueAction::Forward {
                to: Target::Expertiseteam,
                note: note(),
            },
            QueueAction::Appointment {
                at: at(),
                note: String::new(),
            },
            QueueAction::ContactAttempt {
                reached: false,
                note: String::new(),
            },
            QueueAction::Close {
                outcome: Outcome::PlanGemaakt,
                note: String::new(),
            },
        ]
    }

    const CLAIMED: &str = "Dit item is al opgepakt";
    const CLOSED: &str = "Dit item is al afgerond";
    const CLAIM_FIRST: &str = "Pak dit item eerst op";

    /// The whole table, written out by hand so a change to the rules shows up here.
    /// Columns follow `actions()`: claim, release, forward, appointment, attempt, close.
    fn expected(state: QueueState) -> [Result<QueueState, &'static str>; 6] {
        match state {
            // Waiting for someone to pick it up, whichever way it got there.
            Nieuw | Teruggelegd | Doorgestuurd => [
                Ok(Opgepakt),
                Err(CLAIM_FIRST),
                Ok(Doorgestuurd),
                Err(CLAIM_FIRST),
                Err(CLAIM_FIRST),
                Err(CLAIM_FIRST),
            ],
            Opgepakt => [
                Err(CLAIMED),
                Ok(Teruggelegd),
                Ok(Doorgestuurd),
                Ok(Afspraak),
                Ok(Opgepakt),
                Ok(Afgerond),
            ],
            Afspraak => [
                Err(CLAIMED),
                Ok(Teruggelegd),
                Ok(Doorgestuurd),
                Ok(Afspraak),
                Ok(Afspraak),
                Ok(Afgerond),
            ],
            Afgerond => [Err(CLOSED); 6],
        }
    }

    #[test]
    fn every_state_and_action_pair() {
        let mut checked = 0;
        for &state in QueueState::VARIANTS {
            for (action, want) in actions().iter().zip(expected(state)) {
                let got = apply(state, action).map_err(|e| e.0);
                assert_eq!(
                    got,
                    want.map_err(str::to_string),
                    "{} + {}",
                    state.name(),
                    action.name()
                );
                checked += 1;
            }
        }
        assert_eq!(checked, 36);
    }

    #[test]
    fn release_and_forward_need_a_note() {
        for blank in ["", "   \n\t"] {
            let release = QueueAction::Release { note: blank.into() };
            assert_eq!(
                apply(Opgepakt, &release).unwrap_err().0,
                "Schrijf kort waarom je het teruglegt"
            );
            let forward = QueueAction::Forward {
                to: Target::Team("KCC".into()),
                note: blank.into(),
            };
            for state in [Nieuw, Opgepakt, Afspraak, Teruggelegd, Doorgestuurd] {
                assert_eq!(
                    apply(state, &forward).unwrap_err().0,
                    "Schrijf kort waarom je het doorstuurt"
                );
            }
        }
    }

    #[test]
    fn state_is_checked_before_the_note() {
        let release = QueueAction::Release {
            note: String::new(),
        };
        assert_eq!(apply(Nieuw, &release).unwrap_err().0, CLAIM_FIRST);
        assert_eq!(apply(Afgerond, &release).unwrap_err().0, CLOSED);
    }

    #[test]
    fn not_reached_needs_enough_attempts() {
        assert_eq!(
            check_close(Outcome::NietBereikt, 2).unwrap_err().0,
            "Niet bereikt kan pas na 3 contactpogingen"
        );
        assert!(check_close(Outcome::NietBereikt, 0).is_err());
        assert_eq!(check_close(Outcome::NietBereikt, 3), Ok(()));
        assert_eq!(check_close(Outcome::NietBereikt, 7), Ok(()));
        for &outcome in Outcome::VARIANTS {
            if outcome != Outcome::NietBereikt {
                assert_eq!(check_close(outcome, 0), Ok(()), "{}", outcome.name());
            }
        }
    }

    #[test]
    fn only_afgerond_is_closed() {
        let open: Vec<_> = QueueState::VARIANTS
            .iter()
            .copied()
            .filter(|s| s.is_open())
            .collect();
        assert_eq!(open, [Nieuw, Opgepakt, Afspraak, Teruggelegd, Doorgestuurd]);
    }

    #[test]
    fn codes_round_trip() {
        for &state in QueueState::VARIANTS {
            assert_eq!(QueueState::from_code(state.code()), Some(state));
        }
        for &kind in QueueKind::VARIANTS {
            assert_eq!(QueueKind::from_code(kind.code()), Some(kind));
        }
        for &outcome in Outcome::VARIANTS {
            assert_eq!(Outcome::from_code(outcome.code()), Some(outcome));
        }
        assert_eq!(QueueState::from_code(" Opgepakt "), Some(Opgepakt));
        assert_eq!(
            Outcome::from_code("niet bereikt"),
            Some(Outcome::NietBereikt)
        );
        assert_eq!(QueueState::from_code("open"), None);
        assert_eq!(QueueKind::from_code("brief"), None);
        assert_eq!(Outcome::from_code("opgelost"), None);
    }

    #[test]
    fn codes_agree_with_serde() {
        for &state in QueueState::VARIANTS {
            assert_eq!(
                serde_json::to_value(state).unwrap(),
                serde_json::json!(state.code())
            );
        }
        for &outcome in Outcome::VARIANTS {
            assert_eq!(
                serde_json::to_value(outcome).unwrap(),
                serde_json::json!(outcome.code())
            );
        }
        for target in [
            Target::Loket("wonen".into()),
            Target::SociaalTeam("De Weide".into()),
            Target::Team("KCC".into()),
        ] {
            let (kind, value) = target.code();
            assert_eq!(
                serde_json::to_value(&target).unwrap(),
                serde_json::json!({ "kind": kind, "value": value })
            );
        }
    }

    #[test]
    fn dutch_names() {
        assert_eq!(Outcome::GesprekGevoerd.name(), "gesprek gevoerd");
        assert_eq!(Outcome::WilNiet.name(), "wil niet");
        assert_eq!(Doorgestuurd.name(), "doorgestuurd");
        assert_eq!(QueueKind::Terugbelverzoek.name(), "terugbelverzoek");
        let names: Vec<_> = actions().iter().map(QueueAction::name).collect();
        assert_eq!(
            names,
            [
                "opgepakt",
                "teruggelegd",
                "doorgestuurd",
                "afspraak gemaakt",
                "contactpoging",
                "afgerond"
            ]
        );
    }

    #[test]
    fn targets_round_trip_and_read_as_the_desk_says_them() {
        let leefgebieden = Leefgebieden::builtin();
        let cases = [
            (
                Target::Loket("geldzaken-schulden".into()),
                "Loket Geldzaken & schulden",
            ),
            (
                Target::SociaalTeam("De Weide".into()),
                "Sociaal Team De Weide",
            ),
            (Target::Expertiseteam, "Expertiseteam"),
            (Target::Team("KCC".into()), "KCC"),
        ];
        for (target, label) in cases {
            assert_eq!(target.label(&ReferenceData::embedded()), label);
            let (kind, value) = target.code();
            assert_eq!(Target::from_code(kind, &value), Some(target));
        }
        assert_eq!(
            Target::Loket("onbekend".into()).default_label(&leefgebieden),
            "Loket onbekend"
        );
        assert_eq!(Target::from_code("loket", " "), None);
        assert_eq!(Target::from_code("afdeling", "X"), None);
    }
}
