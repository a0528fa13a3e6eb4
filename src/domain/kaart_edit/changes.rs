//! What changed between two versions of a kaart record, each field rendered as the short
//! Dutch text the history shows: "ma 09:00-12:00, 13:00-17:00; di 09:00-12:00", "actief".

use chrono::{NaiveDate, NaiveTime, Weekday};

use crate::domain::kaart::{HoursException, Location, Organization, Phone, Service, WeeklyHours};
use crate::domain::{Laag, Leefgebieden, ServiceStatus};

/// One changed field, both values as short Dutch text ("" when there was none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: &'static str,
    pub old: String,
    pub new: String,
}

const WEEKDAYS: [&str; 7] = ["ma", "di", "wo", "do", "vr", "za", "zo"];

pub(super) fn weekday_name(day: Weekday) -> &'static str {
    WEEKDAYS[day.num_days_from_monday() as usize]
}

pub(super) fn date(date: NaiveDate) -> String {
    date.format("%d-%m-%Y").to_string()
}

pub(super) fn block(opens: NaiveTime, closes: NaiveTime) -> String {
    format!("{}-{}", opens.format("%H:%M"), closes.format("%H:%M"))
}

fn yes_no(value: bool) -> String {
    if value { "ja" } else { "nee" }.to_string()
}

fn optional(text: &Option<String>) -> String {
    text.clone().unwrap_or_default()
}

fn phones_text(phones: &[Phone]) -> String {
    let phone = |p: &Phone| {
        let mut text = p.number.clone();
        let kind = if p.kind == "voice" { "" } else { &p.kind };
        let notes: Vec<&str> = [kind, p.description.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        if !notes.is_empty() {
            text.push_str(&format!(" ({})", notes.join(", ")));
        }
        text
    };
    phones.iter().map(phone).collect::<Vec<_>>().join(", ")
}

/// The week in one line: "ma 09:00-12:00, 13:00-17:00; di 09:00-12:00", seasonal rows with
/// their period.
pub fn hours_text(hours: &[WeeklyHours]) -> String {
    let mut sorted = hours.to_vec();
    sorted.sort_by_key(|h| {
        (
            h.weekday.num_days_from_monday(),
            h.opens,
            h.closes,
            h.valid_from,
        )
    });
    let mut days: Vec<(Weekday, Vec<String>)> = Vec::new();
    for h in sorted {
        let mut text = block(h.opens, h.closes);
        match (h.valid_from, h.valid_to) {
            (Some(from), Some(to)) => text.push_str(&format!(" ({} t/m {})", date(from), date(to))),
            (Some(from), None) => text.push_str(&format!(" (vanaf {})", date(from))),
            (None, Some(to)) => text.push_str(&format!(" (t/m {})", date(to))),
            (None, None) => {}
        }
        match days.last_mut() {
            Some((day, blocks)) if *day == h.weekday => blocks.push(text),
            _ => days.push((h.weekday, vec![text])),
        }
    }
    days.iter()
        .map(|(day, blocks)| format!("{} {}", weekday_name(*day), blocks.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

fn exceptions_text(exceptions: &[HoursException]) -> String {
    let mut sorted = exceptions.to_vec();
    sorted.sort_by_key(|e| (e.date, e.hours));
    sorted
        .iter()
        .map(|e| {
            let hours = e.hours.map_or("gesloten".to_string(), |(opens, closes)| {
                block(opens, closes)
            });
            let mut text = format!("{} {hours}", date(e.date));
            if !e.description.is_empty() {
                text.push_str(&format!(" ({})", e.description));
            }
            text
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn ages_text(min: Option<u8>, max: Option<u8>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("{min} t/m {max} jaar"),
        (Some(min), None) => format!("vanaf {min} jaar"),
        (None, Some(max)) => format!("tot en met {max} jaar"),
        (None, None) => String::new(),
    }
}

fn status_text(status: ServiceStatus) -> String {
    match status {
        ServiceStatus::Active => "actief",
        ServiceStatus::Inactive => "inactief",
    }
    .to_string()
}

type Texts = Vec<(&'static str, String)>;

fn service_texts(s: &Service, list: &Leefgebieden) -> Texts {
    let leefgebieden: Vec<&str> = s.leefgebieden.iter().map(|c| list.name_of(c)).collect();
    vec![
        ("naam", s.name.clone()),
        ("organisatie", optional(&s.organization_id)),
        ("andere naam", optional(&s.alternate_name)),
        ("omschrijving", s.description.clone()),
        ("status", status_text(s.status)),
        ("leefgebieden", leefgebieden.join(", ")),
        (
            "laag",
            s.laag.map(Laag::name).unwrap_or_default().to_string(),
        ),
        ("verwijzing nodig", yes_no(s.referral_required)),
        ("gratis", yes_no(s.free)),
        ("kosten", optional(&s.fees_description)),
        ("leeftijd", ages_text(s.min_age, s.max_age)),
        ("voorwaarden", optional(&s.eligibility)),
        ("aanmelden", optional(&s.application_process)),
        ("website", optional(&s.url)),
        ("e-mail", optional(&s.email)),
        (
            "laatst gecontroleerd",
            s.last_verified.map(date).unwrap_or_default(),
        ),
        ("zoekwoorden", s.keywords.join(", ")),
        ("locaties", s.location_ids.join(", ")),
        ("telefoon", phones_text(&s.phones)),
        ("openingstijden", hours_text(&s.hours)),
        ("afwijkende dagen", exceptions_text(&s.exceptions)),
    ]
}

fn organization_texts(o: &Organization) -> Texts {
    vec![
        ("naam", o.name.clone()),
        ("omschrijving", o.description.clone()),
        ("e-mail", optional(&o.email)),
        ("website", optional(&o.website)),
        ("telefoon", phones_text(&o.phones)),
    ]
}

fn location_texts(l: &Location) -> Texts {
    let address = l.address.clone().unwrap_or_default();
    vec![
        ("organisatie", optional(&l.organization_id)),
        ("naam", l.name.clone()),
        ("omschrijving", l.description.clone()),
        ("straat", address.street),
        ("postcode", address.postcode),
        ("plaats", address.city),
        ("wijk", optional(&address.wijk)),
        ("telefoon", phones_text(&l.phones)),
    ]
}

/// Pairs the texts of both versions; a new record is compared with all fields empty.
fn changes<T>(old: Option<&T>, new: &T, texts: impl Fn(&T) -> Texts) -> Vec<FieldChange> {
    let new_texts = texts(new);
    let old_texts = old.map_or_else(
        || new_texts.iter().map(|(f, _)| (*f, String::new())).collect(),
        &texts,
    );
    old_texts
        .into_iter()
        .zip(new_texts)
        .filter(|((_, old), (_, new))| old != new)
        .map(|((field, old), (_, new))| FieldChange { field, old, new })
        .collect()
}

/// The changed fields of a service; leefgebieden are named as `leefgebieden` calls them.
pub fn service_changes(
    old: Option<&Service>,
    new: &Service,
    leefgebieden: &Leefgebieden,
) -> Vec<FieldChange> {
    changes(old, new, |s| service_texts(s, leefgebieden))
}

pub fn organization_changes(old: Option<&Organization>, new: &Organization) -> Vec<FieldChange> {
    changes(old, new, organization_texts)
}

pub fn location_changes(old: Option<&Location>, new: &Location) -> Vec<FieldChange> {
    changes(old, new, location_texts)
}
