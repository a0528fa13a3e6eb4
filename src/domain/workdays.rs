//! Working days and the terms (termijnen) of the wachtrij: a referral must be picked up within
//! a number of Dutch working days, so weekends and public holidays do not count against the
//! team. The terms are data (`data/termijnen.toml`) because teams agree on their own.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use serde::Deserialize;

use crate::domain::calendar::{HolidayRules, LiberationDay, holiday_name};

/// Whether a team is expected to work on `date`: a weekday that is not a public holiday.
pub fn is_working_day(date: NaiveDate, rules: HolidayRules) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && holiday_name(date, rules).is_none()
}

/// The `days`-th working day after `from`. With 0 it is `from` itself when that is a working
/// day, else the next one: "the same working day" for something that came in on a Sunday is
/// Monday.
pub fn add_working_days(from: NaiveDate, days: u32, rules: HolidayRules) -> NaiveDate {
    let next = |mut date: NaiveDate| {
        while !is_working_day(date, rules) {
            date += Duration::days(1);
        }
        date
    };
    let mut date = next(from);
    if days > 0 && date == from {
        // `from` itself is a working day, but it is not one of the days counted after it.
        date = next(date + Duration::days(1));
    }
    for _ in 1..days {
        date = next(date + Duration::days(1));
    }
    date
}

/// The working days after `from` up to and including `to`; negative, counted the other way,
/// when `to` lies before `from`. From Friday to Monday is 1; from Friday to Saturday is 0.
pub fn working_days_between(from: NaiveDate, to: NaiveDate, rules: HolidayRules) -> i64 {
    let count = |from: NaiveDate, to: NaiveDate| {
        from.iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| is_working_day(*d, rules))
            .count() as i64
    };
    if to >= from {
        count(from, to)
    } else {
        -count(to, from)
    }
}

/// The terms of one team, in working days: for picking an item up (per urgentie and kind),
/// for the first contact with the resident after picking it up, and for closing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terms {
    pub spoed: u32,
    pub hoog: u32,
    pub terugbelverzoek: u32,
    pub doorverwijzing: u32,
    pub eerste_contact: u32,
    pub afronden: u32,
}

impl Default for Terms {
    /// The terms of the municipal policy: spoed the same day, hoog the next working day, a
    /// callback within two working days, a referral within a working week; the resident
    /// hears from the professional within two working days of the pick-up, and the item is
    /// closed within four working weeks.
    fn default() -> Self {
        Terms {
            spoed: 0,
            hoog: 1,
            terugbelverzoek: 2,
            doorverwijzing: 5,
            eerste_contact: 2,
            afronden: 20,
        }
    }
}

/// The terms of all teams and the holidays they observe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermConfig {
    default: Terms,
    per_team: HashMap<String, Terms>,
    rules: HolidayRules,
}

/// A configuration that cannot be read; the message is Dutch, for the beheerder.
#[derive(Debug, thiserror::Error)]
#[error("de termijnen (termijnen.toml) kloppen niet: {0}")]
pub struct TermsError(#[from] toml::de::Error);

const DEFAULT_TOML: &str = include_str!("../../data/termijnen.toml");

/// `data/termijnen.toml` as written; every section may be left out.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TermsFile {
    #[serde(default)]
    standaard: TermsOverride,
    #[serde(default)]
    feestdagen: HolidaysFile,
    #[serde(default)]
    team: HashMap<String, TermsOverride>,
}

/// Terms as written: what is left out comes from the level above.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct TermsOverride {
    spoed: Option<u32>,
    hoog: Option<u32>,
    terugbelverzoek: Option<u32>,
    doorverwijzing: Option<u32>,
    eerste_contact: Option<u32>,
    afronden: Option<u32>,
}

impl TermsOverride {
    fn over(&self, base: Terms) -> Terms {
        Terms {
            spoed: self.spoed.unwrap_or(base.spoed),
            hoog: self.hoog.unwrap_or(base.hoog),
            terugbelverzoek: self.terugbelverzoek.unwrap_or(base.terugbelverzoek),
            doorverwijzing: self.doorverwijzing.unwrap_or(base.doorverwijzing),
            eerste_contact: self.eerste_contact.unwrap_or(base.eerste_contact),
            afronden: self.afronden.unwrap_or(base.afronden),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, default)]
struct HolidaysFile {
    goede_vrijdag: bool,
    bevrijdingsdag: LiberationFile,
}

impl Default for HolidaysFile {
    fn default() -> Self {
        let rules = HolidayRules::default();
        HolidaysFile {
            goede_vrijdag: rules.good_friday,
            bevrijdingsdag: match rules.liberation_day {
                LiberationDay::EveryYear => LiberationFile::Jaarlijks,
                LiberationDay::EveryFiveYears => LiberationFile::Lustrum,
            },
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum LiberationFile {
    Lustrum,
    Jaarlijks,
}

impl TermConfig {
    /// The configuration shipped with Loket.
    pub fn builtin() -> TermConfig {
        // Parsed once: every queue listing and report asks for it.
        static BUILTIN: LazyLock<TermConfig> = LazyLock::new(|| {
            TermConfig::from_toml(DEFAULT_TOML).expect("data/termijnen.toml is valid")
        });
        BUILTIN.clone()
    }

    pub fn from_toml(text: &str) -> Result<TermConfig, TermsError> {
        let file: TermsFile = toml::from_str(text)?;
        let default = file.standaard.over(Terms::default());
        let per_team = file
            .team
            .into_iter()
            .map(|(team, terms)| (team.trim().to_string(), terms.over(default)))
            .collect();
        let rules = HolidayRules {
            good_friday: file.feestdagen.goede_vrijdag,
            liberation_day: match file.feestdagen.bevrijdingsdag {
                LiberationFile::Lustrum => LiberationDay::EveryFiveYears,
                LiberationFile::Jaarlijks => LiberationDay::EveryYear,
            },
        };
        Ok(TermConfig {
            default,
            per_team,
            rules,
        })
    }

    /// The terms of a team by its label ("Sociaal Team De Weide"); the standard ones when the
    /// team has none of its own.
    pub fn terms_for(&self, team_label: &str) -> Terms {
        self.per_team
            .get(team_label.trim())
            .copied()
            .unwrap_or(self.default)
    }

    /// The holidays observed, for showing working days elsewhere with the same calendar.
    pub fn rules(&self) -> HolidayRules {
        self.rules
    }
}

/// Whether an item is late: only once its whole due day has passed.
pub fn is_overdue(due: NaiveDate, now_local: NaiveDateTime) -> bool {
    now_local.date() > due
}

/// The legal term of a Wmo investigation: six weeks (calendar days, not working days) after
/// the melding. Shown next to our own term so the team sees the one that binds the
/// municipality.
pub fn wmo_legal_term(melding: NaiveDate) -> NaiveDate {
    melding + Duration::days(42)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::easter_sunday;
    use crate::domain::intake::Urgentie;
    use crate::domain::queue::{QueueKind, Step, step_due};
    use proptest::prelude::*;

    #[test]
    fn working_days_between_skip_weekends_and_count_backwards() {
        let d = |m, day| NaiveDate::from_ymd_opt(2027, m, day).unwrap();
        let rules = HolidayRules::default();
        // Friday 15 January 2027 to Monday 18 January; Easter Monday 29 March does not count.
        assert_eq!(working_days_between(d(1, 15), d(1, 18), rules), 1);
        assert_eq!(working_days_between(d(1, 15), d(1, 16), rules), 0);
        assert_eq!(working_days_between(d(1, 18), d(1, 15), rules), -1);
        assert_eq!(working_days_between(d(3, 26), d(3, 30), rules), 1);
        assert_eq!(working_days_between(d(1, 15), d(1, 15), rules), 0);
    }

    /// The term for picking an item up, as these tests ask it.
    fn due_date(
        created: NaiveDateTime,
        kind: QueueKind,
        spoed: bool,
        team: &str,
        config: &TermConfig,
    ) -> NaiveDate {
        let urgentie = if spoed {
            Urgentie::Spoed
        } else {
            Urgentie::Normaal
        };
        step_due(Step::Oppakken, created, kind, urgentie, team, config)
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        date(y, m, d).and_hms_opt(h, min, 0).unwrap()
    }

    fn rules() -> HolidayRules {
        HolidayRules::default()
    }

    #[test]
    fn weekends_and_holidays_are_not_working_days() {
        assert!(is_working_day(date(2026, 3, 6), rules())); // Friday
        assert!(!is_working_day(date(2026, 3, 7), rules()));
        assert!(!is_working_day(date(2026, 3, 8), rules()));
        assert!(!is_working_day(date(2026, 1, 1), rules()));
        assert!(!is_working_day(date(2026, 12, 25), rules()));
    }

    #[test]
    fn easter_based_holidays_over_a_century() {
        for year in 2000..=2100 {
            let easter = easter_sunday(year);
            assert_eq!(easter.weekday(), Weekday::Sun, "{year}");
            for (offset, weekday) in [(1, Weekday::Mon), (39, Weekday::Thu), (50, Weekday::Mon)] {
                let day = easter + Duration::days(offset);
                assert_eq!(day.weekday(), weekday, "{day}");
                assert!(!is_working_day(day, rules()), "{day}");
            }
            let good_friday = easter - Duration::days(2);
            assert!(is_working_day(good_friday, rules()), "{good_friday}");
            let closed = HolidayRules {
                good_friday: true,
                ..rules()
            };
            assert!(!is_working_day(good_friday, closed), "{good_friday}");
        }
    }

    #[test]
    fn kings_day_on_a_sunday_moves_to_saturday() {
        assert_eq!(date(2025, 4, 27).weekday(), Weekday::Sun);
        assert_eq!(holiday_name(date(2025, 4, 26), rules()), Some("Koningsdag"));
        assert!(is_working_day(date(2025, 4, 28), rules()));
        // A callback made on the Friday before is due Tuesday: the weekend is all it loses.
        assert_eq!(
            add_working_days(date(2025, 4, 25), 2, rules()),
            date(2025, 4, 29)
        );
        // On a weekday Koningsdag itself is a day off.
        assert!(!is_working_day(date(2026, 4, 27), rules()));
        assert_eq!(
            add_working_days(date(2026, 4, 24), 1, rules()),
            date(2026, 4, 28)
        );
    }

    #[test]
    fn zero_days_is_the_same_working_day() {
        assert_eq!(
            add_working_days(date(2026, 3, 4), 0, rules()),
            date(2026, 3, 4)
        );
        assert_eq!(
            add_working_days(date(2026, 3, 7), 0, rules()),
            date(2026, 3, 9)
        );
        assert_eq!(
            add_working_days(date(2026, 12, 25), 0, rules()),
            date(2026, 12, 28)
        );
    }

    #[test]
    fn counting_starts_after_the_first_day() {
        assert_eq!(
            add_working_days(date(2026, 3, 4), 1, rules()),
            date(2026, 3, 5)
        );
        assert_eq!(
            add_working_days(date(2026, 3, 6), 1, rules()),
            date(2026, 3, 9)
        );
        // From a Saturday, the first working day after it is Monday.
        assert_eq!(
            add_working_days(date(2026, 3, 7), 1, rules()),
            date(2026, 3, 9)
        );
        assert_eq!(
            add_working_days(date(2026, 3, 7), 2, rules()),
            date(2026, 3, 10)
        );
    }

    #[test]
    fn terms_across_christmas_and_the_year_end() {
        let config = TermConfig::builtin();
        let due = |created, kind| due_date(created, kind, false, "Loket Wonen", &config);
        // Wed 23 Dec: Thu 24, (Christmas, weekend), Mon 28, Tue 29, Wed 30, Thu 31.
        assert_eq!(
            due(at(2026, 12, 23, 9, 0), QueueKind::Doorverwijzing),
            date(2026, 12, 31)
        );
        // Mon 28 Dec: 29, 30, 31, (Nieuwjaarsdag, weekend), Mon 4, Tue 5 Jan.
        assert_eq!(
            due(at(2026, 12, 28, 9, 0), QueueKind::Doorverwijzing),
            date(2027, 1, 5)
        );
        // Thu 24 Dec, evening: (25, 26, 27), Mon 28, Tue 29.
        assert_eq!(
            due(at(2026, 12, 24, 20, 30), QueueKind::Terugbelverzoek),
            date(2026, 12, 29)
        );
        // Thu 31 Dec: (1 Jan, weekend), Mon 4, Tue 5.
        assert_eq!(
            due(at(2026, 12, 31, 16, 0), QueueKind::Terugbelverzoek),
            date(2027, 1, 5)
        );
    }

    #[test]
    fn terms_across_ascension_day() {
        let config = TermConfig::builtin();
        // Wed 13 May 2026: (Hemelvaartsdag), Fri 15, Mon 18.
        assert_eq!(
            due_date(
                at(2026, 5, 13, 11, 0),
                QueueKind::Terugbelverzoek,
                false,
                "KCC",
                &config
            ),
            date(2026, 5, 18)
        );
    }

    #[test]
    fn spoed_is_the_same_working_day() {
        let config = TermConfig::builtin();
        let spoed = |created| {
            due_date(
                created,
                QueueKind::Doorverwijzing,
                true,
                "Expertiseteam",
                &config,
            )
        };
        assert_eq!(spoed(at(2026, 3, 4, 16, 45)), date(2026, 3, 4));
        assert_eq!(spoed(at(2026, 3, 7, 10, 0)), date(2026, 3, 9));
        assert_eq!(spoed(at(2026, 4, 6, 10, 0)), date(2026, 4, 7)); // Tweede Paasdag
    }

    #[test]
    fn overdue_only_after_the_whole_due_day() {
        let due = date(2026, 3, 9);
        assert!(!is_overdue(due, at(2026, 3, 6, 9, 0)));
        assert!(!is_overdue(
            due,
            date(2026, 3, 9).and_hms_opt(23, 59, 59).unwrap()
        ));
        assert!(is_overdue(due, at(2026, 3, 10, 0, 0)));
    }

    #[test]
    fn wmo_term_is_six_calendar_weeks() {
        assert_eq!(wmo_legal_term(date(2026, 3, 2)), date(2026, 4, 13));
        assert_eq!(wmo_legal_term(date(2026, 12, 1)), date(2027, 1, 12));
    }

    #[test]
    fn builtin_config_is_the_policy() {
        let config = TermConfig::builtin();
        assert_eq!(config.terms_for("Sociaal Team De Weide"), Terms::default());
        assert_eq!(
            Terms::default(),
            Terms {
                spoed: 0,
                hoog: 1,
                terugbelverzoek: 2,
                doorverwijzing: 5,
                eerste_contact: 2,
                afronden: 20,
            }
        );
        assert_eq!(config.rules(), HolidayRules::default());
        assert_eq!(TermConfig::from_toml("").unwrap(), config);
    }

    #[test]
    fn a_team_override_keeps_the_other_terms() {
        let config = TermConfig::from_toml(
            r#"
            [standaard]
            terugbelverzoek = 1

            [feestdagen]
            goede_vrijdag = true
            bevrijdingsdag = "jaarlijks"

            [team."Sociaal Team De Weide"]
            doorverwijzing = 3
            "#,
        )
        .unwrap();
        assert_eq!(
            config.terms_for("Sociaal Team De Weide"),
            Terms {
                terugbelverzoek: 1,
                doorverwijzing: 3,
                ..Terms::default()
            }
        );
        assert_eq!(config.terms_for("Sociaal Team Centrum").doorverwijzing, 5);
        let created = at(2026, 3, 2, 9, 0); // Monday
        let due = |team| due_date(created, QueueKind::Doorverwijzing, false, team, &config);
        assert_eq!(due("Sociaal Team De Weide"), date(2026, 3, 5));
        assert_eq!(due("Sociaal Team Centrum"), date(2026, 3, 9));
        // Both optional holidays are now days off.
        assert!(!is_working_day(date(2026, 4, 3), config.rules()));
        assert!(!is_working_day(date(2026, 5, 5), config.rules()));
    }

    #[test]
    fn bad_config_is_refused_in_dutch() {
        for bad in [
            "[standaard\nspoed = 0",
            "[standaard]\nspoed = -1",
            "[standaard]\nterugbel = 2",
            "[feestdagen]\nbevrijdingsdag = \"soms\"",
            "[team.\"KCC\"]\nbellen = 1",
            "[wachtrij]\n",
        ] {
            let message = TermConfig::from_toml(bad).unwrap_err().to_string();
            assert!(
                message.starts_with("de termijnen (termijnen.toml) kloppen niet: "),
                "{message}"
            );
        }
    }

    proptest! {
        #[test]
        fn result_is_a_working_day_not_before_the_start(
            offset in 0i64..40_000,
            days in 0u32..30,
        ) {
            let from = date(2000, 1, 1) + Duration::days(offset);
            let due = add_working_days(from, days, rules());
            prop_assert!(is_working_day(due, rules()));
            prop_assert!(due >= from);
            let counted = (1..=(due - from).num_days())
                .filter(|d| is_working_day(from + Duration::days(*d), rules()))
                .count();
            // With 0 days the result is `from` itself, or the first working day after it.
            let expected = if days == 0 { u32::from(due != from) } else { days };
            prop_assert_eq!(counted as u32, expected);
        }
    }
}
