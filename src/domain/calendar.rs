//! The Dutch public holidays (feestdagen), computed for any year rather than listed by hand.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Bevrijdingsdag (5 May) is a day off for many employers only in lustrum years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiberationDay {
    EveryYear,
    EveryFiveYears,
}

/// Which optional days count as holidays; the fixed ones always do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HolidayRules {
    pub good_friday: bool,
    pub liberation_day: LiberationDay,
}

impl Default for HolidayRules {
    /// What most municipal offices in the Netherlands observe.
    fn default() -> Self {
        HolidayRules {
            good_friday: false,
            liberation_day: LiberationDay::EveryFiveYears,
        }
    }
}

/// Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("valid Easter date")
}

/// The name of the holiday on `date`, if it is one under `rules`.
pub fn holiday_name(date: NaiveDate, rules: HolidayRules) -> Option<&'static str> {
    let year = date.year();
    let ymd = |m, d| NaiveDate::from_ymd_opt(year, m, d).expect("valid fixed date");
    let easter = easter_sunday(year);
    let kings_day = {
        let day = ymd(4, 27);
        if day.weekday() == Weekday::Sun {
            ymd(4, 26)
        } else {
            day
        }
    };
    let liberation = match rules.liberation_day {
        LiberationDay::EveryYear => true,
        LiberationDay::EveryFiveYears => year % 5 == 0,
    };
    let candidates = [
        (ymd(1, 1), "Nieuwjaarsdag", true),
        (
            easter - Duration::days(2),
            "Goede Vrijdag",
            rules.good_friday,
        ),
        (easter, "Eerste Paasdag", true),
        (easter + Duration::days(1), "Tweede Paasdag", true),
        (kings_day, "Koningsdag", true),
        (ymd(5, 5), "Bevrijdingsdag", liberation),
        (easter + Duration::days(39), "Hemelvaartsdag", true),
        (easter + Duration::days(49), "Eerste Pinksterdag", true),
        (easter + Duration::days(50), "Tweede Pinksterdag", true),
        (ymd(12, 25), "Eerste Kerstdag", true),
        (ymd(12, 26), "Tweede Kerstdag", true),
    ];
    candidates
        .into_iter()
        .find(|(day, _, observed)| *observed && *day == date)
        .map(|(_, name, _)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn easter_matches_known_dates() {
        assert_eq!(easter_sunday(2024), date(2024, 3, 31));
        assert_eq!(easter_sunday(2025), date(2025, 4, 20));
        assert_eq!(easter_sunday(2026), date(2026, 4, 5));
        assert_eq!(easter_sunday(2027), date(2027, 3, 28));
        assert_eq!(easter_sunday(2038), date(2038, 4, 25));
    }

    #[test]
    fn movable_and_fixed_holidays() {
        let rules = HolidayRules::default();
        assert_eq!(
            holiday_name(date(2026, 5, 14), rules),
            Some("Hemelvaartsdag")
        );
        assert_eq!(
            holiday_name(date(2026, 5, 25), rules),
            Some("Tweede Pinksterdag")
        );
        assert_eq!(
            holiday_name(date(2026, 12, 26), rules),
            Some("Tweede Kerstdag")
        );
        assert_eq!(holiday_name(date(2026, 11, 23), rules), None);
    }

    #[test]
    fn kings_day_moves_to_saturday_when_the_27th_is_a_sunday() {
        let rules = HolidayRules::default();
        assert_eq!(holiday_name(date(2025, 4, 26), rules), Some("Koningsdag"));
        assert_eq!(holiday_name(date(2025, 4, 27), rules), None);
        assert_eq!(holiday_name(date(2026, 4, 27), rules), Some("Koningsdag"));
    }

    #[test]
    fn optional_days_follow_the_rules() {
        let default = HolidayRules::default();
        assert_eq!(holiday_name(date(2026, 4, 3), default), None);
        assert_eq!(holiday_name(date(2026, 5, 5), default), None);
        assert_eq!(
            holiday_name(date(2025, 5, 5), default),
            Some("Bevrijdingsdag")
        );
        let generous = HolidayRules {
            good_friday: true,
            liberation_day: LiberationDay::EveryYear,
        };
        assert_eq!(
            holiday_name(date(2026, 4, 3), generous),
            Some("Goede Vrijdag")
        );
        assert_eq!(
            holiday_name(date(2026, 5, 5), generous),
            Some("Bevrijdingsdag")
        );
    }
}
