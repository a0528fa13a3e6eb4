//! The queue history of a handover: planned when the item is made, carried out in time order
//! as the generator's clock passes each moment.

use chrono::{DateTime, Days, Duration, NaiveDateTime, Utc};

use crate::domain::hours::dutch_local;
use crate::domain::intake::Route;
use crate::domain::queue::{Outcome, QueueAction, Target};
use crate::domain::regie::may_direct;
use crate::domain::workdays::is_working_day;
use crate::store::{QueueError, RegieError, Store};

use super::accounts::{ACCOUNTS, DemoAccount, EXPERTISETEAM};
use super::generator::{CLOSES, Event, Generator, OPENS, to_utc};
use super::phrases::{FORWARDED, NOT_REACHED, REACHED, RELEASED};
use super::{DemoError, ORIGIN};

impl Generator {
    /// The account that picks up an item at `target`: one who serves that team, as the queue
    /// demands (need-to-know). `None` when no demo account does (a Sociaal Team of an unknown
    /// wijk): the item then waits, as it would.
    fn claimer(&self, target: &Target) -> Option<usize> {
        let by = |wanted: &dyn Fn(&DemoAccount) -> bool| ACCOUNTS.iter().position(wanted);
        match target {
            Target::Loket(code) => by(&|a| a.expertise.contains(&code.as_str())),
            Target::SociaalTeam(wijk) => {
                let team = format!("Sociaal Team {wijk}");
                by(&|a| a.teams.contains(&team.as_str()))
            }
            Target::Expertiseteam => Some(EXPERTISETEAM),
            Target::Team(name) => by(&|a| a.teams.contains(&name.as_str())),
        }
    }

    /// `local` moved into working hours: unchanged when the desks are open, else the next
    /// opening plus a little.
    fn working_moment(&mut self, local: NaiveDateTime) -> NaiveDateTime {
        let date = local.date();
        if is_working_day(date, self.rules) && local.time() >= OPENS && local.time() < CLOSES {
            return local;
        }
        let mut day = if is_working_day(date, self.rules) && local.time() < OPENS {
            date
        } else {
            date + Days::new(1)
        };
        while !is_working_day(day, self.rules) {
            day = day + Days::new(1);
        }
        day.and_time(OPENS) + Duration::minutes(self.between(0, 150))
    }

    fn later(&mut self, at: DateTime<Utc>, min_hours: i64, max_hours: i64) -> DateTime<Utc> {
        let minutes = self.between(min_hours * 60, max_hours * 60);
        to_utc(self.working_moment(dutch_local(at) + Duration::minutes(minutes)))
    }

    fn push(&mut self, at: DateTime<Utc>, item: i64, user: usize, action: QueueAction) {
        self.next_seq += 1;
        self.events.push(Event {
            at,
            seq: self.next_seq,
            item,
            user,
            action,
        });
    }

    /// The whole future of a new queue item: picked up after hours to days (or never),
    /// sometimes put back or sent on, contact attempts, an appointment, an outcome. Only what
    /// lies before `now` is carried out, so recent items stay open.
    pub(super) fn plan(
        &mut self,
        item: i64,
        route: &Route,
        team_wijk: &str,
        spoed: bool,
        created: DateTime<Utc>,
    ) {
        let target = match route {
            Route::Direct => return,
            Route::Loket { leefgebied } => Target::Loket(leefgebied.clone()),
            Route::SociaalTeam { wijk } => Target::SociaalTeam(wijk.clone()),
            Route::Expertiseteam => Target::Expertiseteam,
            Route::Terugbelverzoek { team } => Target::Team(team.clone()),
        };
        let Some(mut user) = self.claimer(&target) else {
            return;
        };
        let mut at = match self.rng.below(100) {
            _ if spoed => created + Duration::minutes(self.between(10, 180)),
            0..8 => return, // never picked up: overdue in time
            8..55 => self.later(created, 1, 24),
            55..85 => self.later(created, 24, 96),
            _ => self.later(created, 96, 288),
        };
        self.push(at, item, user, QueueAction::Claim);

        match self.rng.below(100) {
            0..4 if matches!(target, Target::Loket(_)) => {
                at = self.later(at, 1, 4);
                let to = Target::SociaalTeam(team_wijk.to_string());
                self.push(
                    at,
                    item,
                    user,
                    QueueAction::Forward {
                        to: to.clone(),
                        note: FORWARDED.to_string(),
                    },
                );
                let Some(next) = self.claimer(&to) else {
                    return; // forwarded to a team nobody serves: it waits there
                };
                user = next;
                at = self.later(at, 4, 48);
                self.push(at, item, user, QueueAction::Claim);
            }
            4..7 => {
                at = self.later(at, 1, 4);
                self.push(
                    at,
                    item,
                    user,
                    QueueAction::Release {
                        note: RELEASED.to_string(),
                    },
                );
                if self.chance(50) {
                    return; // teruggelegd, waiting for a colleague
                }
                at = self.later(at, 24, 48);
                self.push(at, item, user, QueueAction::Claim);
            }
            7..14 => return, // claimed, then stalled
            _ => {}
        }

        let failed = match self.rng.below(100) {
            0..55 => 0,
            55..75 => 1,
            75..85 => 2,
            _ => 3 + self.rng.below(2),
        };
        for _ in 0..failed {
            at = self.later(at, 4, 48);
            self.push(
                at,
                item,
                user,
                QueueAction::ContactAttempt {
                    reached: false,
                    note: NOT_REACHED.to_string(),
                },
            );
        }
        if failed >= 3 && self.chance(70) {
            at = self.later(at, 1, 8);
            self.push(
                at,
                item,
                user,
                QueueAction::Close {
                    outcome: Outcome::NietBereikt,
                    note: String::new(),
                },
            );
            return;
        }
        at = self.later(at, 1, 24);
        self.push(
            at,
            item,
            user,
            QueueAction::ContactAttempt {
                reached: true,
                note: REACHED.to_string(),
            },
        );
        let outcome = [
            Outcome::GesprekGevoerd,
            Outcome::PlanGemaakt,
            Outcome::EldersGeholpen,
            Outcome::WilNiet,
        ][self.weighted(&[40, 35, 15, 10])];
        if self.chance(75) {
            // The appointment is registered first and the meeting counted from then: a
            // registration that rolls over to the next working day must not come after the
            // meeting it records, nor after the close that follows the meeting.
            at = self.later(at, 0, 1);
            let days = self.between(2, 10);
            let meeting = self.working_moment(dutch_local(at) + Duration::days(days));
            let note = if self.chance(50) {
                "Huisbezoek"
            } else {
                "Gesprek op het Loket"
            };
            self.push(
                at,
                item,
                user,
                QueueAction::Appointment {
                    at: meeting,
                    note: note.to_string(),
                },
            );
            at = to_utc(meeting) + Duration::minutes(self.between(60, 120));
        } else {
            at = self.later(at, 0, 2);
        }
        self.push(
            at,
            item,
            user,
            QueueAction::Close {
                outcome,
                note: String::new(),
            },
        );
    }

    /// The gespreksvoerder who takes up a case that has a regie team of theirs and no
    /// regisseur yet becomes its regisseur, as a desk professional would: an act of its own.
    fn take_regie(
        &self,
        store: &mut Store,
        household: Option<i64>,
        user: usize,
        at: DateTime<Utc>,
    ) -> Result<(), DemoError> {
        let Some(household) = household else {
            return Ok(());
        };
        let Some(case) = store.open_case(household)? else {
            return Ok(());
        };
        let user = &self.users[user];
        let team = case.regie_team.map(|t| t.case_team(&self.reference));
        if case.regisseur.is_some() || may_direct(user, team.as_ref()).is_err() {
            return Ok(());
        }
        store
            .become_regisseur(household, user, ORIGIN, at)
            .map_err(|e| match e {
                RegieError::Store(e) => DemoError::Store(e),
                other => DemoError::Refused {
                    item: household,
                    problem: other.to_string(),
                },
            })
    }

    /// Carries out the planned actions up to `until`, oldest first.
    pub(super) fn run_events(
        &mut self,
        store: &mut Store,
        until: DateTime<Utc>,
    ) -> Result<(), DemoError> {
        while self.events.peek().is_some_and(|e| e.at <= until) {
            let Some(event) = self.events.pop() else {
                break;
            };
            let item = store
                .queue_act(
                    event.item,
                    &self.users[event.user],
                    &event.action,
                    ORIGIN,
                    event.at,
                )
                .map_err(|e| match e {
                    QueueError::Store(e) => DemoError::Store(e),
                    other => DemoError::Refused {
                        item: event.item,
                        problem: other.to_string(),
                    },
                })?;
            match event.action {
                QueueAction::Claim => {
                    self.take_regie(store, item.household_id, event.user, event.at)?
                }
                QueueAction::Close { .. } => self.summary.closed += 1,
                _ => {}
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use chrono::{Duration, TimeZone, Utc};

    use super::super::accounts::demo_accounts;
    use super::*;

    /// The queue history of one item is carried out in time order; an action planned earlier
    /// for the same item must never fall later in time, or the queue refuses the next one
    /// ("Dit item is al afgerond" in `loket demo --days 365 --seed 7`, where an appointment
    /// registered on the next working day came after the meeting and its close).
    #[test]
    fn the_actions_of_one_item_are_planned_in_time_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("loket.db")).unwrap().store;
        assert_eq!(store.mark_demo_database().unwrap(), None);
        let users = demo_accounts(&mut store).unwrap();
        let routes = [
            (Route::Loket {
                leefgebied: "wonen".into(),
            }),
            Route::SociaalTeam {
                wijk: "Centrum".into(),
            },
            Route::Expertiseteam,
            Route::Terugbelverzoek { team: "KCC".into() },
        ];
        let start = Utc.with_ymd_and_hms(2026, 1, 1, 8, 0, 0).unwrap();
        for seed in 0..30 {
            let mut generator = Generator::new(&store, users.clone(), seed).unwrap();
            for item in 0..4000 {
                // Every time of day over more than a year, working hours or not, both DST changes.
                let created = start + Duration::minutes(item * 157 + seed as i64 * 37);
                let route = &routes[item as usize % routes.len()];
                generator.plan(item, route, "Centrum", item % 11 == 0, created);
            }
            let mut last: HashMap<i64, (u64, chrono::DateTime<Utc>)> = HashMap::new();
            let mut events = generator.events.into_vec();
            events.sort_by_key(|e| e.seq);
            for event in events {
                if let Some((_, before)) = last.get(&event.item) {
                    assert!(
                        event.at >= *before,
                        "seed {seed}, item {}: {:?} at {} before {before}",
                        event.item,
                        event.action,
                        event.at
                    );
                }
                last.insert(event.item, (event.seq, event.at));
            }
        }
    }
}
