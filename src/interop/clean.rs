//! Lenient parsing of the values real exports contain: times like `9:00am` or `09.00`, days as
//! `MO`, `maandag` or `1`, Dutch and ISO dates, ages, and text with control characters or absurd
//! lengths. Every function returns `None`/an error value instead of panicking, so the importer can
//! turn a bad value into a warning.

use std::borrow::Cow;

use chrono::{NaiveDate, NaiveTime, Weekday};

use crate::safe_text::{is_invisible_format, without_escapes};

/// Longest name-like value (names, ids, e-mail, street) we keep; longer ones are cut.
pub const SHORT_LIMIT: usize = 500;
/// Longest free text (descriptions, eligibility) we keep.
pub const LONG_LIMIT: usize = 20_000;

/// What [`clean_text`] had to change, so the caller can warn about it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct TextFixes {
    pub control_chars_removed: bool,
    /// The original length in characters, when the text was cut to the limit.
    pub truncated_from: Option<usize>,
}

/// Removes escape sequences (whole), control characters and invisible bidi or zero-width
/// characters, and cuts the text to `limit` characters (at a character boundary).
/// Short values (`limit` = [`SHORT_LIMIT`]) become one line; long text keeps newlines and tabs,
/// with `\r\n` turned into `\n`. Line breaks and tabs are not reported as fixes: spreadsheets put
/// them everywhere and they carry no harm.
pub fn clean_text(raw: &str, limit: usize) -> (String, TextFixes) {
    let multi_line = limit > SHORT_LIMIT;
    let mut fixes = TextFixes::default();
    let unescaped = without_escapes(raw);
    if matches!(unescaped, Cow::Owned(_)) {
        fixes.control_chars_removed = true;
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = unescaped.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' | '\t' if !multi_line => out.push(' '),
            '\r' => out.push('\n'),
            '\n' | '\t' => out.push(c),
            c if c.is_control() || is_invisible_format(c) => fixes.control_chars_removed = true,
            c => out.push(c),
        }
    }
    let trimmed = out.trim();
    let count = trimmed.chars().count();
    let mut text = trimmed.to_string();
    if count > limit {
        if let Some((cut, _)) = text.char_indices().nth(limit) {
            text.truncate(cut);
        }
        fixes.truncated_from = Some(count);
    }
    (text, fixes)
}

/// Parses an opening or closing time written in any of the ways found in the field: `9:00`,
/// `09.00`, `9u30`, `9:00am`, `5 pm`, `0900`, `09:00:00`, `10:00:00Z`. `24:00` means the end of
/// the day and becomes 23:59, the last minute a `NaiveTime` on the same day can express. Seconds
/// are dropped: the kaart keeps hours and minutes.
pub fn parse_time(raw: &str) -> Option<NaiveTime> {
    let mut s = raw.trim().to_lowercase();
    for suffix in ["uur", "hrs", "h"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest.trim_end().to_string();
        }
    }
    let mut meridiem = None;
    for (suffix, pm) in [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)] {
        if let Some(rest) = s.strip_suffix(suffix) {
            meridiem = Some(pm);
            s = rest.trim_end().to_string();
            break;
        }
    }
    // A zone suffix (`Z`, `+01:00`, `-05:00`) says nothing about local opening hours.
    if let Some(pos) = s
        .find(['z', '+'])
        .or_else(|| s.get(1..)?.find('-').map(|p| p + 1))
    {
        s.truncate(pos);
    }
    let parts: Vec<&str> = s.split([':', '.', 'u', 'h']).collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let (hour, minute) = match parts.as_slice() {
        [digits] if digits.len() <= 2 => (digits.parse().ok()?, 0),
        [digits] if digits.len() <= 4 => {
            let (h, m) = digits.split_at(digits.len() - 2);
            (h.parse().ok()?, m.parse().ok()?)
        }
        [h, m, rest @ ..] if h.len() <= 2 && m.len() == 2 && rest.len() <= 2 => {
            if let Some(seconds) = rest.first()
                && (seconds.len() != 2 || seconds.parse::<u32>().ok()? >= 60)
            {
                return None;
            }
            (h.parse().ok()?, m.parse().ok()?)
        }
        _ => return None,
    };
    let hour: u32 = match meridiem {
        Some(_) if !(1..=12).contains(&hour) => return None,
        Some(true) => hour % 12 + 12,
        Some(false) => hour % 12,
        None => hour,
    };
    if hour == 24 && minute == 0 {
        return NaiveTime::from_hms_opt(23, 59, 0);
    }
    NaiveTime::from_hms_opt(hour, minute, 0)
}

/// One weekday written as `MO`, `Mon`, `monday`, `ma`, `maandag` or ISO number `1` (0 and 7 are
/// both Sunday, as systems disagree).
pub fn parse_weekday(raw: &str) -> Option<Weekday> {
    let s = raw.trim().trim_end_matches('.').to_lowercase();
    let day = match s.as_str() {
        "1" | "mo" | "mon" | "monday" | "ma" | "maa" | "maandag" => Weekday::Mon,
        "2" | "tu" | "tue" | "tues" | "tuesday" | "di" | "din" | "dinsdag" => Weekday::Tue,
        "3" | "we" | "wed" | "wednesday" | "wo" | "woe" | "woensdag" => Weekday::Wed,
        "4" | "th" | "thu" | "thur" | "thurs" | "thursday" | "do" | "don" | "donderdag" => {
            Weekday::Thu
        }
        "5" | "fr" | "fri" | "friday" | "vr" | "vri" | "vrijdag" => Weekday::Fri,
        "6" | "sa" | "sat" | "saturday" | "za" | "zat" | "zaterdag" => Weekday::Sat,
        "0" | "7" | "su" | "sun" | "sunday" | "zo" | "zon" | "zondag" => Weekday::Sun,
        _ => return None,
    };
    Some(day)
}

/// A list of days: `MO,TU`, `ma;wo`, `ma-vr`, `Monday Wednesday`. Ranges run forward and wrap
/// past Sunday. On an unknown day the offending part is returned as the error.
pub fn parse_days(raw: &str) -> Result<Vec<Weekday>, String> {
    let mut days = Vec::new();
    for part in raw
        .split([',', ';', ' ', '/', '&'])
        .map(str::trim)
        .filter(|p| !p.is_empty() && !p.eq_ignore_ascii_case("en"))
    {
        let (from, to) = match part.split_once('-') {
            Some((from, to)) => (from, to),
            None => (part, part),
        };
        let (Some(from), Some(to)) = (parse_weekday(from), parse_weekday(to)) else {
            return Err(part.to_string());
        };
        let mut day = from;
        loop {
            if !days.contains(&day) {
                days.push(day);
            }
            if day == to {
                break;
            }
            day = day.succ();
        }
    }
    Ok(days)
}

/// A date as ISO `2026-03-01` (optionally followed by a time, as in `last_modified`),
/// `2026/03/01`, or Dutch `1-3-2026` / `01/03/2026`.
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let s = raw.trim();
    let date_part = s.split(['T', ' ']).next().unwrap_or(s);
    let parts: Vec<&str> = date_part.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let number = |p: &str| -> Option<u32> {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let (year, month, day) = if a.len() == 4 {
        (number(a)?, number(b)?, number(c)?)
    } else if c.len() == 4 {
        (number(c)?, number(b)?, number(a)?)
    } else {
        return None;
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// An age in years: empty is `Ok(None)`; `12` and `12.0` (as JSON numbers arrive) are fine;
/// anything else, or outside 0..=150, is an error the caller reports.
pub fn parse_age(raw: &str) -> Result<Option<u8>, ()> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let whole = s.strip_suffix(".0").unwrap_or(s);
    match whole.parse::<u16>() {
        Ok(age) if age <= 150 => Ok(Some(age as u8)),
        _ => Err(()),
    }
}

/// A yes/no flag in English, Dutch or as a digit; `None` when it is neither.
pub fn parse_bool(raw: &str) -> Option<bool> {
    match raw.trim().to_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "ja" | "j" | "x" | "waar" => Some(true),
        "false" | "no" | "n" | "0" | "nee" | "onwaar" | "" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    #[test]
    fn times_in_the_shapes_found_in_the_field() {
        for (raw, want) in [
            ("9:00", t(9, 0)),
            ("09.00", t(9, 0)),
            ("9:00am", t(9, 0)),
            ("5pm", t(17, 0)),
            ("5 PM", t(17, 0)),
            ("12am", t(0, 0)),
            ("12pm", t(12, 0)),
            ("0900", t(9, 0)),
            ("930", t(9, 30)),
            ("09:00:00", t(9, 0)),
            ("10:00:00Z", t(10, 0)),
            ("10:00+01:00", t(10, 0)),
            ("9u30", t(9, 30)),
            ("17 uur", t(17, 0)),
            ("24:00", t(23, 59)),
            ("25:99", None),
            ("9:0", None),
            ("13pm", None),
            ("", None),
            ("morgen", None),
            ("12:30:99", None),
        ] {
            assert_eq!(parse_time(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn days_in_english_dutch_rrule_and_numbers() {
        use Weekday::*;
        assert_eq!(parse_days("MO,TU"), Ok(vec![Mon, Tue]));
        assert_eq!(parse_days("Mon; wednesday"), Ok(vec![Mon, Wed]));
        assert_eq!(parse_days("ma-vr"), Ok(vec![Mon, Tue, Wed, Thu, Fri]));
        assert_eq!(parse_days("za-ma"), Ok(vec![Sat, Sun, Mon]));
        assert_eq!(parse_days("maandag en donderdag"), Ok(vec![Mon, Thu]));
        assert_eq!(parse_days("1"), Ok(vec![Mon]));
        assert_eq!(parse_days("7"), Ok(vec![Sun]));
        assert_eq!(parse_days("MO,XX"), Err("XX".to_string()));
    }

    #[test]
    fn dates_iso_and_dutch() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 1);
        assert_eq!(parse_date("2026-03-01"), d);
        assert_eq!(parse_date("2026-03-01T10:30:45.123Z"), d);
        assert_eq!(parse_date("1-3-2026"), d);
        assert_eq!(parse_date("01/03/2026"), d);
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("gisteren"), None);
    }

    #[test]
    fn ages_and_flags() {
        assert_eq!(parse_age(""), Ok(None));
        assert_eq!(parse_age("12"), Ok(Some(12)));
        assert_eq!(parse_age("12.0"), Ok(Some(12)));
        assert_eq!(parse_age("151"), Err(()));
        assert_eq!(parse_age("-1"), Err(()));
        assert_eq!(parse_age("twaalf"), Err(()));
        assert_eq!(parse_bool("Ja"), Some(true));
        assert_eq!(parse_bool("misschien"), None);
    }

    #[test]
    fn text_is_stripped_and_cut_at_a_char_boundary() {
        let (text, fixes) = clean_text(" Buurt\u{7}huis\nNoord ", SHORT_LIMIT);
        assert_eq!(text, "Buurthuis Noord");
        assert!(fixes.control_chars_removed);
        let (text, fixes) = clean_text("regel 1\r\nregel 2", LONG_LIMIT);
        assert_eq!(text, "regel 1\nregel 2");
        assert_eq!(fixes, TextFixes::default());
        let long = "é".repeat(SHORT_LIMIT + 3);
        let (text, fixes) = clean_text(&long, SHORT_LIMIT);
        assert_eq!(text.chars().count(), SHORT_LIMIT);
        assert_eq!(fixes.truncated_from, Some(SHORT_LIMIT + 3));
        let (text, fixes) = clean_text("Buurt\u{1b}[31mhuis\u{202e} Noord\u{200b}", SHORT_LIMIT);
        assert_eq!(text, "Buurthuis Noord");
        assert!(fixes.control_chars_removed);
    }
}
