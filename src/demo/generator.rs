//! The generator's day-by-day part: how many contacts a day brings, who they are, what they ask,
//! and the intake each one becomes. The queue history of handovers is planned in `queue_plan`.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday,
};
use chrono_tz::Europe::Amsterdam;

use crate::domain::account::User;
use crate::domain::calendar::HolidayRules;
use crate::domain::intake::{
    Complexiteit, Consent, Intake, Kanaal, Resident, Route, Signalen, Urgentie,
};
use crate::domain::queue::QueueAction;
use crate::domain::routing::{RoutingInput, danger, is_incomplete, suggest};
use crate::domain::validation::normalized;
use crate::domain::workdays::is_working_day;
use crate::domain::{Laag, ReferenceData};
use crate::sample::SplitMix;
use crate::store::Store;
use std::sync::Arc;

use super::accounts::{CJG, DESK_WEIGHTS, KCC};
use super::phrases::{
    CALLBACK_REASON, FIRST_NAMES, HANDOVER_NOTES, LAST_NAMES, QUESTIONS, SIGNALLERS,
};
use super::{DEMO_PIN, DemoError, DemoSummary, ORIGIN};

/// When the desks are open; outside these hours the professionals do not act either.
pub(super) const OPENS: NaiveTime = NaiveTime::from_hms_opt(8, 30, 0).expect("valid time");
pub(super) const CLOSES: NaiveTime = NaiveTime::from_hms_opt(17, 0, 0).expect("valid time");
/// On weekends and holidays the KCC's duty registers the web forms that came in.
const WEEKEND_OPENS: NaiveTime = NaiveTime::from_hms_opt(10, 0, 0).expect("valid time");
const WEEKEND_CLOSES: NaiveTime = NaiveTime::from_hms_opt(16, 0, 0).expect("valid time");

/// Contacts on an average working day before the weekday, month and noise factors: about 80
/// a day, so a year gives some twenty thousand intakes.
const BASE_PER_DAY: u32 = 85;

/// The generator's state: one random stream, the world it draws from, and what it made.
pub(super) struct Generator {
    pub(super) rng: SplitMix,
    pub(super) users: Vec<User>,
    pub(super) rules: HolidayRules,
    /// Leefgebieden, postcodes and the routes' teams, as the store has them.
    pub(super) reference: Arc<ReferenceData>,
    /// Active services per leefgebied code, with the weight of their laag.
    services: HashMap<String, Vec<(String, u32)>>,
    /// Residents who came before, with their household: some come back.
    households: Vec<(Resident, i64)>,
    pub(super) events: BinaryHeap<Event>,
    pub(super) next_seq: u64,
    pub(super) summary: DemoSummary,
}

/// A planned action on a queue item. The heap yields the earliest first; `seq` keeps the
/// order of planning among equal times, so the result does not depend on heap internals.
pub(super) struct Event {
    pub(super) at: DateTime<Utc>,
    pub(super) seq: u64,
    pub(super) item: i64,
    pub(super) user: usize,
    pub(super) action: QueueAction,
}

impl Ord for Event {
    fn cmp(&self, other: &Self) -> Ordering {
        (other.at, other.seq).cmp(&(self.at, self.seq))
    }
}

impl PartialOrd for Event {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Event {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Event {}

/// Lower layers of the kantelingspiramide are advised more often: the desks work gekanteld.
fn laag_weight(laag: Option<Laag>) -> u32 {
    match laag {
        Some(Laag::EigenKracht) => 6,
        Some(Laag::SociaalNetwerk) => 5,
        Some(Laag::Algemeen) => 5,
        Some(Laag::Collectief) => 2,
        Some(Laag::Maatwerk) => 1,
        None => 2,
    }
}

/// A Dutch wall-clock time as UTC. Working hours never fall in the hour skipped in spring;
/// the fallback only keeps the function total.
pub(super) fn to_utc(local: NaiveDateTime) -> DateTime<Utc> {
    Amsterdam
        .from_local_datetime(&local)
        .earliest()
        .map_or_else(|| Utc.from_utc_datetime(&local), |t| t.to_utc())
}

impl Generator {
    /// A generator for `users` (the demo accounts, desks first) on the store's kaart.
    pub(super) fn new(store: &Store, users: Vec<User>, seed: u64) -> Result<Generator, DemoError> {
        let kaart = store.load_kaart()?;
        let reference = store.reference();
        let mut services: HashMap<String, Vec<(String, u32)>> = HashMap::new();
        for service in kaart.services.iter().filter(|s| s.is_active()) {
            for code in &service.leefgebieden {
                services
                    .entry(code.clone())
                    .or_default()
                    .push((service.id.clone(), laag_weight(service.laag)));
            }
        }
        Ok(Generator {
            rng: SplitMix(seed),
            summary: DemoSummary {
                intakes: 0,
                handovers: 0,
                closed: 0,
                accounts: users.iter().map(|u| u.name.clone()).collect(),
                pin: DEMO_PIN.to_string(),
            },
            users,
            rules: reference.terms.rules(),
            reference: Arc::clone(reference),
            services,
            households: Vec::new(),
            events: BinaryHeap::new(),
            next_seq: 0,
        })
    }

    pub(super) fn into_summary(self) -> DemoSummary {
        self.summary
    }

    pub(super) fn chance(&mut self, percent: usize) -> bool {
        self.rng.below(100) < percent
    }

    pub(super) fn between(&mut self, low: i64, high: i64) -> i64 {
        low + self.rng.below((high - low + 1) as usize) as i64
    }

    pub(super) fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut draw = self.rng.below(total as usize) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if draw < w {
                return i;
            }
            draw -= w;
        }
        weights.len() - 1
    }

    /// How many contacts a day brings: Mondays busy, Fridays and the summer quiet, weekends
    /// and holidays only the web forms.
    fn contacts_on(&mut self, date: NaiveDate) -> u32 {
        if !is_working_day(date, self.rules) {
            return self.between(2, 8) as u32;
        }
        let weekday = match date.weekday() {
            Weekday::Mon => 125,
            Weekday::Tue => 105,
            Weekday::Wed => 95,
            Weekday::Thu => 100,
            _ => 75,
        };
        let month = [110, 105, 100, 100, 95, 95, 75, 70, 105, 105, 105, 85][date.month0() as usize];
        let noise = self.between(80, 120) as u32;
        (BASE_PER_DAY * weekday / 100 * month / 100 * noise / 100).clamp(20, 120)
    }

    pub(super) fn day(
        &mut self,
        store: &mut Store,
        date: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<(), DemoError> {
        let working = is_working_day(date, self.rules);
        let count = self.contacts_on(date);
        let mut contacts: Vec<(NaiveDateTime, usize)> = (0..count)
            .map(|_| {
                let desk = if working {
                    self.weighted(&DESK_WEIGHTS)
                } else {
                    KCC
                };
                let (opens, closes) = if working {
                    (OPENS, CLOSES)
                } else {
                    (WEEKEND_OPENS, WEEKEND_CLOSES)
                };
                let minutes = (closes - opens).num_minutes();
                let at = date.and_time(opens) + Duration::minutes(self.between(0, minutes - 1));
                (at, desk)
            })
            .collect();
        contacts.sort();
        for (local, desk) in contacts {
            let at = to_utc(local);
            if at > now {
                break;
            }
            self.run_events(store, at)?;
            self.intake(store, desk, working, at)?;
        }
        Ok(())
    }

    /// One contact at `desk`: drawn, routed by the verwijs-scan, saved, and its handover's
    /// future planned.
    fn intake(
        &mut self,
        store: &mut Store,
        desk: usize,
        working: bool,
        at: DateTime<Utc>,
    ) -> Result<(), DemoError> {
        let location = self.users[desk].location.clone();
        let desk_wijk = self
            .reference
            .postcodes
            .wijk_in_location(&location)
            .map(String::from);
        let kanaal = if !working {
            Kanaal::Digitaal
        } else if self.chance(5) {
            Kanaal::Signaal
        } else if desk == KCC {
            if self.chance(18) {
                Kanaal::Digitaal
            } else {
                Kanaal::Telefoon
            }
        } else if self.chance(10) {
            Kanaal::Telefoon
        } else {
            Kanaal::default_for_location(&location)
        };

        let weights: Vec<u32> = QUESTIONS.iter().map(|q| q.1).collect();
        let mut chosen = vec![if desk == CJG && self.chance(60) {
            5 // opvoeden-opgroeien: the CJG's own subject
        } else {
            self.weighted(&weights)
        }];
        let extra = match self.rng.below(100) {
            0..80 => 0,
            80..95 => 1,
            _ => 2,
        };
        for _ in 0..extra {
            let next = self.weighted(&weights);
            if !chosen.contains(&next) {
                chosen.push(next);
            }
        }
        let question: Vec<&str> = chosen
            .iter()
            .map(|&i| *self.rng.pick(QUESTIONS[i].2))
            .collect();
        let leefgebieden: Vec<String> =
            chosen.iter().map(|&i| QUESTIONS[i].0.to_string()).collect();

        let mut signalen = Signalen::default();
        let complexiteit = if self.chance(2) {
            match self.rng.below(5) {
                0 => signalen.dreigende_huisuitzetting = true,
                1 => signalen.overlast = true,
                2 => signalen.dakloos = true,
                3 => signalen.na_detentie = true,
                _ => signalen.veel_geprobeerd = true,
            }
            Complexiteit::Complex
        } else {
            let (eenvoudig, specialistisch) = if chosen.len() == 1 {
                (75, 22)
            } else {
                (35, 35)
            };
            match self.rng.below(100) {
                d if d < eenvoudig => Complexiteit::Eenvoudig,
                d if d < eenvoudig + specialistisch => Complexiteit::Specialistisch,
                _ => Complexiteit::Complex,
            }
        };
        let signaal_van = if kanaal == Kanaal::Signaal {
            signalen.zorgmijding = self.chance(50);
            self.rng.pick(&SIGNALLERS).to_string()
        } else {
            String::new()
        };

        let (resident, household_id) = self.resident(desk_wijk.as_deref());
        let mut intake = Intake {
            kanaal,
            signaal_van,
            resident,
            household_id,
            question: question.join(" "),
            leefgebieden,
            complexiteit,
            signalen,
            ..Intake::default()
        };
        let wijk = self
            .reference
            .postcodes
            .wijk_of(&intake.resident.postcode)
            .map(String::from);
        let danger_words = danger::danger_words(&intake.question);
        let suggestion = suggest(
            &RoutingInput {
                intake: &intake,
                wijk: wijk.as_deref(),
                desk_wijk: desk_wijk.as_deref(),
                danger_words: &danger_words,
                advice: &[],
            },
            &self.reference.leefgebieden,
        );
        if is_incomplete(&suggestion.route) {
            // The desk picks the wijk from the list, as it must (no team nobody belongs to).
            let wijken = self.reference.postcodes.wijken();
            intake.route = Some(Route::SociaalTeam {
                wijk: self.rng.pick(&wijken).to_string(),
            });
        }
        if desk == KCC
            && suggestion.route == Route::Direct
            && intake.resident.reachable()
            && self.chance(8)
        {
            intake.route = Some(Route::Terugbelverzoek {
                team: "KCC".to_string(),
            });
            intake.route_reason = CALLBACK_REASON.to_string();
        }
        let route = intake
            .route
            .clone()
            .unwrap_or_else(|| suggestion.route.clone());
        let handover = route.is_handover();
        intake.advice = self.advice(&intake.leefgebieden, if handover { 0 } else { 1 });
        if handover {
            intake.handover_note = self.rng.pick(&HANDOVER_NOTES).to_string();
            intake.urgentie = if self.chance(10) {
                Urgentie::Hoog
            } else {
                Urgentie::Normaal
            };
            intake.consent = Consent::from_stored(intake.resident.reachable());
            if !intake.resident.reachable() {
                // A handover needs a way back; an anonymous caller leaves only a number,
                // counted rather than drawn so the rest of the demo stays the same.
                intake.resident.phone = format!("06-00{:06}", self.summary.intakes % 1_000_000);
            }
        }
        let intake = normalized(&intake, &suggestion);
        let saved = store.save_intake(
            &self.users[desk],
            &intake,
            &suggestion,
            wijk.as_deref(),
            ORIGIN,
            at,
        )?;
        self.summary.intakes += 1;
        if let Some(household) = saved.household_id
            && intake.household_id.is_none()
        {
            self.households.push((intake.resident.clone(), household));
        }
        if let Some(item) = saved.queue_item {
            self.summary.handovers += 1;
            let team_wijk = match &route {
                Route::SociaalTeam { wijk } => wijk.clone(),
                _ => wijk.or(desk_wijk).unwrap_or_else(|| {
                    self.rng
                        .pick(&self.reference.postcodes.wijken())
                        .to_string()
                }),
            };
            self.plan(
                item,
                &route,
                &team_wijk,
                intake.urgentie == Urgentie::Spoed,
                at,
            );
        }
        Ok(())
    }

    /// Most residents stay anonymous; of the others some come back with the same household.
    fn resident(&mut self, desk_wijk: Option<&str>) -> (Resident, Option<i64>) {
        if self.chance(50) {
            return (Resident::default(), None);
        }
        if !self.households.is_empty() && self.chance(20) {
            let (resident, household) = self.rng.pick(&self.households).clone();
            return (resident, Some(household));
        }
        let name = format!(
            "{} {} (demo)",
            self.rng.pick(&FIRST_NAMES),
            self.rng.pick(&LAST_NAMES)
        );
        let local = desk_wijk.is_some() && self.chance(70);
        let postcode = loop {
            let digits = self.between(7301, 7331);
            let letters: String = (0..2)
                .map(|_| char::from(b'A' + self.rng.below(26) as u8))
                .collect();
            let postcode = format!("{digits} {letters}");
            match self.reference.postcodes.wijk_of(&postcode) {
                Some(wijk) if !local || Some(wijk) == desk_wijk => break postcode,
                _ => {}
            }
        };
        let phone = if self.chance(80) {
            // 06-00…: no mobile number starts so, so no real person is ever called.
            format!("06-00{:06}", self.rng.below(1_000_000))
        } else {
            String::new()
        };
        let resident = Resident {
            name,
            phone,
            postcode,
            house_number: self.between(1, 180).to_string(),
            birth_year: self.between(1938, 2006).to_string(),
            ..Resident::default()
        };
        (resident, None)
    }

    /// `at_least` to `at_least + 2` services from the kaart for the intake's leefgebieden, lower
    /// layers more often, never one twice.
    fn advice(&mut self, leefgebieden: &[String], at_least: usize) -> Vec<String> {
        let mut candidates: Vec<(String, u32)> = leefgebieden
            .iter()
            .filter_map(|code| self.services.get(code))
            .flatten()
            .cloned()
            .collect();
        let wanted = at_least + self.rng.below(3);
        let mut advice = Vec::new();
        while advice.len() < wanted && !candidates.is_empty() {
            let weights: Vec<u32> = candidates.iter().map(|c| c.1).collect();
            let (id, _) = candidates.swap_remove(self.weighted(&weights));
            if !advice.contains(&id) {
                advice.push(id);
            }
        }
        advice
    }
}
