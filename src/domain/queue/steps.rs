//! "Te laat" means late for the step an item is at now: picking it up, the first contact with
//! the resident, or closing it. Each step has its own term (`termijnen.toml`) counted from the
//! moment the step began, so an item picked up in time is not late any more for picking it up.
//! The wachtrij, its "te laat" tab, `loket queue list --overdue` and the report all ask
//! [`Progress::due`] and [`is_late`].

use chrono::{NaiveDate, NaiveDateTime};

use super::{QueueKind, QueueState};
use crate::domain::intake::Urgentie;
use crate::domain::workdays::{TermConfig, Terms, add_working_days, is_overdue};

/// The step an item is at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// Waiting for someone to pick it up.
    Oppakken,
    /// Picked up; the resident has not been called or seen yet.
    EersteContact,
    /// In contact (an attempt or an appointment): to be closed.
    Afronden,
}

impl Step {
    /// The Dutch name, as in `termijnen.toml` and on screen ("te laat: oppakken").
    pub fn name(self) -> &'static str {
        match self {
            Step::Oppakken => "oppakken",
            Step::EersteContact => "eerste contact",
            Step::Afronden => "afronden",
        }
    }
}

/// Where an item stands, as the term rule needs it; times are Dutch wall-clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub state: QueueState,
    pub kind: QueueKind,
    pub urgentie: Urgentie,
    /// When the current wait for a pick-up began: the handover, or the last time the item
    /// was put back or sent on (the new team gets its own term).
    pub waiting_since: NaiveDateTime,
    /// When the one who holds it picked it up.
    pub claimed_at: Option<NaiveDateTime>,
    pub attempts: u32,
    pub has_appointment: bool,
}

impl Progress {
    /// The step the item is at; a closed item stays at its last step.
    pub fn step(&self) -> Step {
        match self.state {
            QueueState::Nieuw | QueueState::Teruggelegd | QueueState::Doorgestuurd => {
                Step::Oppakken
            }
            QueueState::Opgepakt if self.attempts == 0 && !self.has_appointment => {
                Step::EersteContact
            }
            QueueState::Opgepakt | QueueState::Afspraak | QueueState::Afgerond => Step::Afronden,
        }
    }

    /// The step and its last day on time, for team `team_label`.
    pub fn due(&self, team_label: &str, config: &TermConfig) -> (Step, NaiveDate) {
        let step = self.step();
        let start = match step {
            Step::Oppakken => self.waiting_since,
            Step::EersteContact | Step::Afronden => self.claimed_at.unwrap_or(self.waiting_since),
        };
        let due = step_due(step, start, self.kind, self.urgentie, team_label, config);
        (step, due)
    }
}

/// The working days a step may take: spoed and hoog shorten picking up and the first contact
/// (never lengthen them); closing has one term.
pub fn step_days(terms: &Terms, step: Step, kind: QueueKind, urgentie: Urgentie) -> u32 {
    let base = match step {
        Step::Oppakken => match kind {
            QueueKind::Terugbelverzoek => terms.terugbelverzoek,
            QueueKind::Doorverwijzing => terms.doorverwijzing,
        },
        Step::EersteContact => terms.eerste_contact,
        Step::Afronden => return terms.afronden,
    };
    match urgentie {
        Urgentie::Spoed => terms.spoed.min(base),
        Urgentie::Hoog => terms.hoog.min(base),
        Urgentie::Normaal => base,
    }
}

/// The last day on time of `step` begun at `start`. Counted from the local date, so an item
/// made late on Friday has the same term as one made Friday morning.
pub fn step_due(
    step: Step,
    start: NaiveDateTime,
    kind: QueueKind,
    urgentie: Urgentie,
    team_label: &str,
    config: &TermConfig,
) -> NaiveDate {
    let days = step_days(&config.terms_for(team_label), step, kind, urgentie);
    add_working_days(start.date(), days, config.rules())
}

/// The last day by which a new item's resident hears from the team if every step takes its
/// full term: picked up, then first contact. What the desk promises ("u wordt vóór … gebeld").
pub fn contact_by(
    created: NaiveDateTime,
    kind: QueueKind,
    urgentie: Urgentie,
    team_label: &str,
    config: &TermConfig,
) -> NaiveDate {
    let picked = step_due(Step::Oppakken, created, kind, urgentie, team_label, config);
    let days = step_days(
        &config.terms_for(team_label),
        Step::EersteContact,
        kind,
        urgentie,
    );
    add_working_days(picked, days, config.rules())
}

/// Whether an open item is late at `now`: only once the whole due day of its step has passed.
pub fn is_late(
    progress: &Progress,
    team_label: &str,
    config: &TermConfig,
    now: NaiveDateTime,
) -> bool {
    progress.state.is_open() && is_overdue(progress.due(team_label, config).1, now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        // March 2026: Monday the 2nd, Friday the 6th, Monday the 9th.
        NaiveDate::from_ymd_opt(2026, 3, day)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    }

    fn new_referral(urgentie: Urgentie) -> Progress {
        Progress {
            state: QueueState::Nieuw,
            kind: QueueKind::Doorverwijzing,
            urgentie,
            waiting_since: at(2, 10),
            claimed_at: None,
            attempts: 0,
            has_appointment: false,
        }
    }

    fn late(p: &Progress, now: NaiveDateTime) -> bool {
        is_late(p, "Sociaal Team De Weide", &TermConfig::builtin(), now)
    }

    /// Desk-test S1: item 118 (spoed, picked up within the hour) stayed ⚠ for weeks.
    #[test]
    fn an_item_picked_up_in_time_is_not_late_for_picking_up() {
        let waiting = Progress {
            urgentie: Urgentie::Spoed,
            ..new_referral(Urgentie::Spoed)
        };
        assert!(late(&waiting, at(3, 9)), "spoed: same working day");
        let picked = Progress {
            state: QueueState::Opgepakt,
            claimed_at: Some(at(2, 11)),
            ..waiting
        };
        assert_eq!(picked.step(), Step::EersteContact);
        // Spoed: the first contact the same working day as well.
        assert!(!late(&picked, at(2, 23)));
        assert!(late(&picked, at(3, 9)));
        let in_contact = Progress {
            attempts: 1,
            ..picked
        };
        assert_eq!(in_contact.step(), Step::Afronden);
        assert!(!late(&in_contact, at(27, 9)), "20 working days to close");
        assert!(late(&in_contact, at(31, 9)));
        let closed = Progress {
            state: QueueState::Afgerond,
            ..in_contact
        };
        assert!(!late(&closed, at(31, 9)), "a closed item is never late");
    }

    #[test]
    fn each_step_counts_from_its_own_start() {
        let referral = new_referral(Urgentie::Normaal);
        let config = TermConfig::builtin();
        let team = "Loket Wonen";
        assert_eq!(
            referral.due(team, &config),
            (Step::Oppakken, at(9, 0).date())
        );
        let picked = Progress {
            state: QueueState::Opgepakt,
            claimed_at: Some(at(9, 16)),
            ..referral
        };
        assert_eq!(
            picked.due(team, &config),
            (Step::EersteContact, at(11, 0).date())
        );
        let appointment = Progress {
            state: QueueState::Afspraak,
            has_appointment: true,
            ..picked
        };
        assert_eq!(appointment.due(team, &config).0, Step::Afronden);
        let forwarded = Progress {
            state: QueueState::Doorgestuurd,
            claimed_at: None,
            waiting_since: at(20, 15),
            ..referral
        };
        assert_eq!(
            forwarded.due(team, &config),
            (Step::Oppakken, at(27, 0).date()),
            "the new team gets its own term"
        );
    }

    /// Desk-test S10: hoog gave the same term as normaal.
    #[test]
    fn hoog_is_shorter_than_normaal_and_spoed_shortest() {
        let terms = Terms::default();
        for kind in [QueueKind::Doorverwijzing, QueueKind::Terugbelverzoek] {
            for step in [Step::Oppakken, Step::EersteContact] {
                let days = |u| step_days(&terms, step, kind, u);
                assert!(
                    days(Urgentie::Hoog) < days(Urgentie::Normaal),
                    "{kind:?} {step:?}"
                );
                assert!(
                    days(Urgentie::Spoed) < days(Urgentie::Hoog),
                    "{kind:?} {step:?}"
                );
            }
        }
        let long_hoog = Terms { hoog: 9, ..terms };
        assert_eq!(
            step_days(
                &long_hoog,
                Step::Oppakken,
                QueueKind::Terugbelverzoek,
                Urgentie::Hoog
            ),
            2,
            "hoog never lengthens a term"
        );
        assert_eq!(
            step_days(
                &terms,
                Step::Afronden,
                QueueKind::Doorverwijzing,
                Urgentie::Spoed
            ),
            20
        );
    }

    /// Desk-test S10: the desk tells the resident when they will be called.
    #[test]
    fn the_resident_is_called_after_pick_up_and_first_contact_at_the_latest() {
        let config = TermConfig::builtin();
        let by = |urgentie| {
            contact_by(
                at(2, 10),
                QueueKind::Doorverwijzing,
                urgentie,
                "Loket Wonen",
                &config,
            )
        };
        // Monday: picked up by Monday 9th, called two working days later.
        assert_eq!(by(Urgentie::Normaal), at(11, 0).date());
        assert_eq!(by(Urgentie::Hoog), at(4, 0).date());
        assert_eq!(by(Urgentie::Spoed), at(2, 0).date());
    }

    #[test]
    fn late_only_after_the_whole_due_day() {
        let referral = new_referral(Urgentie::Normaal);
        assert!(!late(&referral, at(9, 23)));
        assert!(late(&referral, at(10, 0)));
    }
}
