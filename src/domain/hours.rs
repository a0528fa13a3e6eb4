//! Opening hours: is a service open at a given moment, and if not, when does it open.
//! Public holidays count as closed unless the service lists hours for that date.

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday,
};
use chrono_tz::Europe::Amsterdam;

use super::calendar::{HolidayRules, holiday_name};
use super::kaart::{HoursException, Service, WeeklyHours};

/// The days of a week of opening hours, Monday first as the Dutch week runs.
pub const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// The opening hours of one service: its regular week and the dates that differ.
#[derive(Debug, Clone, Copy)]
pub struct Schedule<'a> {
    pub weekly: &'a [WeeklyHours],
    pub exceptions: &'a [HoursException],
}

impl Service {
    pub fn schedule(&self) -> Schedule<'_> {
        Schedule {
            weekly: &self.hours,
            exceptions: &self.exceptions,
        }
    }
}

/// Whether a service is open, and the next change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenState {
    /// No opening hours known: the kaart cannot say.
    Unknown,
    Open {
        until: NaiveTime,
    },
    /// Closed; `next` is the next opening within a fortnight, if any.
    Closed {
        next: Option<NaiveDateTime>,
    },
}

impl OpenState {
    pub fn is_open(self) -> bool {
        matches!(self, OpenState::Open { .. })
    }
}

/// The wall-clock time in the Netherlands for a UTC instant.
pub fn dutch_local(instant: DateTime<Utc>) -> NaiveDateTime {
    Amsterdam
        .from_utc_datetime(&instant.naive_utc())
        .naive_local()
}

/// The start of a Dutch calendar day as a UTC instant, for comparing with stored timestamps:
/// the desk's "vandaag" is local, the database is UTC.
pub fn dutch_day_start(day: NaiveDate) -> DateTime<Utc> {
    // Dutch clocks change at 02:00 and 03:00, so local midnight exists exactly once.
    day.and_time(NaiveTime::MIN)
        .and_local_timezone(Amsterdam)
        .earliest()
        .expect("local midnight exists in Europe/Amsterdam")
        .with_timezone(&Utc)
}

/// Whether a service is open day and night for the seven days from `date`: every day a weekly
/// block from midnight to the end of the day (written as 23:59), and no date that differs.
/// Such a service does not "close at 23:59".
pub fn around_the_clock(schedule: Schedule<'_>, date: NaiveDate) -> bool {
    let end_of_day = NaiveTime::from_hms_opt(23, 59, 0).expect("a valid time");
    (0..7).map(|d| date + Duration::days(d)).all(|day| {
        !schedule.exceptions.iter().any(|e| e.date == day)
            && schedule.weekly.iter().any(|h| {
                h.weekday == day.weekday()
                    && h.valid_on(day)
                    && h.opens == NaiveTime::MIN
                    && h.closes >= end_of_day
            })
    })
}

/// The time blocks a service is open on `date`, in order. A weekly row counts only on dates
/// inside its validity range ([`WeeklyHours::valid_on`]).
pub fn blocks_on(
    schedule: Schedule<'_>,
    date: NaiveDate,
    rules: HolidayRules,
) -> Vec<(NaiveTime, NaiveTime)> {
    let exceptions: Vec<_> = schedule
        .exceptions
        .iter()
        .filter(|e| e.date == date)
        .collect();
    if !exceptions.is_empty() {
        let mut blocks: Vec<_> = exceptions.iter().filter_map(|e| e.hours).collect();
        blocks.sort();
        return blocks;
    }
    if holiday_name(date, rules).is_some() {
        return Vec::new();
    }
    let mut blocks: Vec<_> = schedule
        .weekly
        .iter()
        .filter(|h| h.weekday == date.weekday() && h.valid_on(date))
        .map(|h| (h.opens, h.closes))
        .collect();
    blocks.sort();
    blocks
}

/// Open state at local time `at`.
pub fn open_state(schedule: Schedule<'_>, at: NaiveDateTime, rules: HolidayRules) -> OpenState {
    if schedule.weekly.is_empty() && schedule.exceptions.iter().all(|e| e.hours.is_none()) {
        return OpenState::Unknown;
    }
    let today = at.date();
    let now = at.time();
    if let Some((_, closes)) = blocks_on(schedule, today, rules)
        .into_iter()
        .find(|(opens, closes)| *opens <= now && now < *closes)
    {
        return OpenState::Open { until: closes };
    }
    let next = (0..15).find_map(|offset| {
        let date = today + Duration::days(offset);
        blocks_on(schedule, date, rules)
            .into_iter()
            .find(|(opens, _)| offset > 0 || *opens > now)
            .map(|(opens, _)| date.and_time(opens))
    });
    OpenState::Closed { next }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    #[test]
    fn a_dutch_day_starts_at_local_midnight_in_winter_and_summer() {
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let utc = |m, d, h| Utc.with_ymd_and_hms(2026, m, d, h, 0, 0).unwrap();
        assert_eq!(dutch_day_start(day(1, 15)), utc(1, 14, 23));
        assert_eq!(dutch_day_start(day(7, 15)), utc(7, 14, 22));
        // The spring change day itself starts before the change, at winter time.
        assert_eq!(dutch_day_start(day(3, 29)), utc(3, 28, 23));
    }

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_time(t(h, mi))
    }

    fn weekday_service() -> Service {
        let mut hours = Vec::new();
        for weekday in [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ] {
            hours.push(WeeklyHours {
                weekday,
                opens: t(9, 0),
                closes: t(12, 0),
                valid_from: None,
                valid_to: None,
            });
            hours.push(WeeklyHours {
                weekday,
                opens: t(13, 0),
                closes: t(17, 0),
                valid_from: None,
                valid_to: None,
            });
        }
        Service {
            hours,
            ..Service::default()
        }
    }

    #[test]
    fn open_within_a_block_and_closed_over_lunch() {
        let service = weekday_service();
        let rules = HolidayRules::default();
        // 2026-11-23 is a Monday.
        assert_eq!(
            open_state(service.schedule(), at(2026, 11, 23, 10, 0), rules),
            OpenState::Open { until: t(12, 0) }
        );
        assert_eq!(
            open_state(service.schedule(), at(2026, 11, 23, 12, 30), rules),
            OpenState::Closed {
                next: Some(at(2026, 11, 23, 13, 0))
            }
        );
        assert_eq!(
            open_state(service.schedule(), at(2026, 11, 23, 17, 0), rules),
            OpenState::Closed {
                next: Some(at(2026, 11, 24, 9, 0))
            }
        );
    }

    #[test]
    fn weekend_and_holidays_are_closed_unless_listed() {
        let mut service = weekday_service();
        let rules = HolidayRules::default();
        assert_eq!(
            open_state(service.schedule(), at(2026, 11, 28, 10, 0), rules),
            OpenState::Closed {
                next: Some(at(2026, 11, 30, 9, 0))
            }
        );
        // Tweede Paasdag 2026 is Monday 6 April.
        assert!(!open_state(service.schedule(), at(2026, 4, 6, 10, 0), rules).is_open());
        service.exceptions.push(HoursException {
            date: NaiveDate::from_ymd_opt(2026, 4, 6).unwrap(),
            hours: Some((t(10, 0), t(14, 0))),
            description: "Paasmaandag open".into(),
        });
        assert!(open_state(service.schedule(), at(2026, 4, 6, 10, 30), rules).is_open());
    }

    #[test]
    fn a_closing_exception_closes_a_normal_day() {
        let mut service = weekday_service();
        service.exceptions.push(HoursException {
            date: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            hours: None,
            description: "Studiedag".into(),
        });
        assert_eq!(
            open_state(
                service.schedule(),
                at(2026, 11, 24, 10, 0),
                HolidayRules::default()
            ),
            OpenState::Closed {
                next: Some(at(2026, 11, 25, 9, 0))
            }
        );
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// A tax-help desk open on Monday and Thursday mornings in March and April 2027 only.
    fn seasonal_service() -> Service {
        let hours = [Weekday::Mon, Weekday::Thu]
            .into_iter()
            .map(|weekday| WeeklyHours {
                weekday,
                opens: t(9, 30),
                closes: t(12, 0),
                valid_from: Some(date(2027, 3, 1)),
                valid_to: Some(date(2027, 4, 30)),
            })
            .collect();
        Service {
            hours,
            ..Service::default()
        }
    }

    #[test]
    fn a_seasonal_row_counts_only_inside_its_range() {
        let service = seasonal_service();
        let rules = HolidayRules::default();
        let morning = vec![(t(9, 30), t(12, 0))];
        // 2027-02-25 is the Thursday before the season, 2027-03-01 its first day (a Monday),
        // 2027-04-29 its last Thursday and 2027-05-03 the Monday after it.
        assert!(blocks_on(service.schedule(), date(2027, 2, 25), rules).is_empty());
        assert_eq!(
            blocks_on(service.schedule(), date(2027, 3, 1), rules),
            morning
        );
        assert_eq!(
            blocks_on(service.schedule(), date(2027, 4, 29), rules),
            morning
        );
        assert!(blocks_on(service.schedule(), date(2027, 5, 3), rules).is_empty());

        // Both ends are inclusive, an open end is unbounded, and a year-round row on the same
        // day is unaffected.
        let mut mixed = weekday_service();
        mixed.hours.push(WeeklyHours {
            weekday: Weekday::Fri,
            opens: t(18, 0),
            closes: t(20, 0),
            valid_from: None,
            valid_to: Some(date(2027, 4, 30)),
        });
        let friday = vec![
            (t(9, 0), t(12, 0)),
            (t(13, 0), t(17, 0)),
            (t(18, 0), t(20, 0)),
        ];
        assert_eq!(blocks_on(mixed.schedule(), date(2020, 1, 3), rules), friday);
        assert_eq!(
            blocks_on(mixed.schedule(), date(2027, 4, 30), rules),
            friday
        );
        assert_eq!(
            blocks_on(mixed.schedule(), date(2027, 5, 7), rules),
            [(t(9, 0), t(12, 0)), (t(13, 0), t(17, 0))]
        );
        let from = WeeklyHours {
            valid_from: Some(date(2027, 3, 1)),
            valid_to: None,
            ..mixed.hours[10]
        };
        assert!(!from.valid_on(date(2027, 2, 28)));
        assert!(from.valid_on(date(2027, 3, 1)));
        assert!(from.valid_on(date(2099, 12, 31)));
    }

    #[test]
    fn open_state_finds_the_start_of_the_season() {
        let service = seasonal_service();
        let rules = HolidayRules::default();
        // Saturday 20 February: the season starts nine days later, within the lookahead.
        assert_eq!(
            open_state(service.schedule(), at(2027, 2, 20, 10, 0), rules),
            OpenState::Closed {
                next: Some(at(2027, 3, 1, 9, 30))
            }
        );
        // Monday 15 February would be a Monday opening, but the season has not started yet.
        assert_eq!(
            open_state(service.schedule(), at(2027, 2, 15, 10, 0), rules),
            OpenState::Closed {
                next: Some(at(2027, 3, 1, 9, 30))
            }
        );
        // Too far ahead of the season: nothing within the fortnight, yet the hours are known.
        assert_eq!(
            open_state(service.schedule(), at(2027, 1, 10, 10, 0), rules),
            OpenState::Closed { next: None }
        );
        assert_eq!(
            open_state(service.schedule(), at(2027, 3, 1, 10, 0), rules),
            OpenState::Open { until: t(12, 0) }
        );
        // After the last Thursday (29 April) the season is over.
        assert_eq!(
            open_state(service.schedule(), at(2027, 4, 29, 12, 0), rules),
            OpenState::Closed { next: None }
        );
    }

    #[test]
    fn no_hours_is_unknown_and_dutch_time_follows_summer_time() {
        let rules = HolidayRules::default();
        assert_eq!(
            open_state(
                Service::default().schedule(),
                at(2026, 11, 23, 10, 0),
                rules
            ),
            OpenState::Unknown
        );
        let summer = Utc.with_ymd_and_hms(2026, 7, 1, 8, 0, 0).unwrap();
        assert_eq!(dutch_local(summer), at(2026, 7, 1, 10, 0));
        let winter = Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap();
        assert_eq!(dutch_local(winter), at(2026, 12, 1, 9, 0));
    }

    #[test]
    fn a_service_open_day_and_night_is_around_the_clock() {
        let day_and_night = |weekdays: &[Weekday]| Service {
            hours: weekdays
                .iter()
                .map(|&weekday| WeeklyHours {
                    weekday,
                    opens: t(0, 0),
                    closes: t(23, 59),
                    valid_from: None,
                    valid_to: None,
                })
                .collect(),
            ..Service::default()
        };
        let sunday = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        assert!(around_the_clock(day_and_night(&WEEK).schedule(), sunday));
        assert!(!around_the_clock(
            day_and_night(&WEEK[..5]).schedule(),
            sunday
        ));
        assert!(!around_the_clock(weekday_service().schedule(), sunday));
    }
}
