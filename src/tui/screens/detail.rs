//! The detail pane of a service: everything a volunteer tells the resident, and how fresh it is;
//! how to reach it (now open?, today's hours, phone, address) before what it is.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use ratatui::text::{Line, Span};

use crate::domain::calendar::HolidayRules;
use crate::domain::hours::{OpenState, around_the_clock, blocks_on, open_state};
use crate::domain::{Kaart, Leefgebieden, Organization, Service};
use crate::safe_text::{for_screen, into_screen};

use super::super::text;
use super::super::theme::Theme;

/// Not verified for longer than this: the volunteer should double-check.
const STALE_AFTER_DAYS: i64 = 365;

fn organization_of<'k>(kaart: &'k Kaart, service: &Service) -> Option<&'k Organization> {
    service
        .organization_id
        .as_deref()
        .and_then(|id| kaart.organization(id))
}

/// "Street 1, 1234 AB City (wijk X)" for every address of the service.
fn address_lines(kaart: &Kaart, service: &Service) -> Vec<String> {
    service
        .location_ids
        .iter()
        .filter_map(|id| kaart.location(id)?.address.as_ref())
        .map(|a| {
            let wijk = a
                .wijk
                .as_ref()
                .map(|w| format!(" (wijk {w})"))
                .unwrap_or_default();
            format!("{}, {} {}{wijk}", a.street, a.postcode, a.city)
        })
        .collect()
}

/// "Telefoon: number (what for)": the service's own numbers, then its locations', then the
/// organisation's.
fn phone_lines(kaart: &Kaart, service: &Service) -> Vec<String> {
    let organization = organization_of(kaart, service);
    service
        .phones
        .iter()
        .chain(
            service
                .location_ids
                .iter()
                .filter_map(|id| kaart.location(id))
                .flat_map(|l| &l.phones),
        )
        .chain(organization.into_iter().flat_map(|o| &o.phones))
        .map(|phone| {
            let note = if phone.description.is_empty() {
                String::new()
            } else {
                format!(" ({})", phone.description)
            };
            format!("{}: {}{note}", text::DETAIL_PHONE, phone.number)
        })
        .collect()
}

/// Website and e-mail, the service's own or else the organisation's.
fn online_lines(kaart: &Kaart, service: &Service) -> Vec<String> {
    let organization = organization_of(kaart, service);
    let website = service
        .url
        .as_ref()
        .or(organization.and_then(|o| o.website.as_ref()));
    let email = service
        .email
        .as_ref()
        .or(organization.and_then(|o| o.email.as_ref()));
    website
        .map(|w| format!("{}: {w}", text::DETAIL_WEBSITE))
        .into_iter()
        .chain(email.map(|e| format!("{}: {e}", text::DETAIL_EMAIL)))
        .collect()
}

/// Name, organisation, addresses, phones, website and e-mail as plain lines (for copying).
pub fn contact_lines(kaart: &Kaart, service: &Service) -> Vec<String> {
    let mut lines = vec![service.name.clone()];
    lines.extend(organization_of(kaart, service).map(|o| o.name.clone()));
    lines.extend(address_lines(kaart, service));
    lines.extend(phone_lines(kaart, service));
    lines.extend(online_lines(kaart, service));
    lines
}

fn labelled<'a>(label: &str, value: String, theme: Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{label}: "), theme.title()),
        Span::raw(into_screen(value)),
    ])
}

fn open_line<'a>(service: &Service, now: NaiveDateTime, theme: Theme) -> Line<'a> {
    if around_the_clock(service.schedule(), now.date()) {
        return Line::styled(text::DAY_AND_NIGHT, theme.open());
    }
    match open_state(service.schedule(), now, HolidayRules::default()) {
        OpenState::Unknown => Line::styled(text::DETAIL_NO_HOURS, theme.muted()),
        OpenState::Open { until } => Line::styled(
            text::open_until(&until.format("%H:%M").to_string()),
            theme.open(),
        ),
        OpenState::Closed { next: Some(next) } => {
            let day = if next.date() == now.date() {
                "vandaag".to_string()
            } else if next.date() == now.date() + Duration::days(1) {
                "morgen".to_string()
            } else {
                format!(
                    "{} {}",
                    text::WEEKDAYS[next.weekday().num_days_from_monday() as usize],
                    next.format("%d-%m")
                )
            };
            Line::styled(
                text::closed_opens(&format!("{day} om {}", next.format("%H:%M"))),
                theme.warning(),
            )
        }
        OpenState::Closed { next: None } => Line::styled(text::CLOSED_NO_NEXT, theme.warning()),
    }
}

/// The opening hours on `date`: "09:00–12:00, 13:30–15:30" or "gesloten".
fn times_on(service: &Service, date: NaiveDate) -> String {
    let blocks = blocks_on(service.schedule(), date, HolidayRules::default());
    if blocks.is_empty() {
        return text::CLOSED.to_string();
    }
    blocks
        .iter()
        .map(|(o, c)| format!("{}–{}", o.format("%H:%M"), c.format("%H:%M")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The opening hours of the next seven days from today (today first, highlighted): the days
/// a resident can still go, not the week that has passed.
fn week_lines<'a>(service: &Service, now: NaiveDateTime, theme: Theme) -> Vec<Line<'a>> {
    (0..7)
        .map(|offset| {
            let date = now.date() + Duration::days(offset);
            let line = format!(
                "  {} {}  {}",
                text::WEEKDAYS[date.weekday().num_days_from_monday() as usize],
                date.format("%d-%m"),
                times_on(service, date)
            );
            if offset == 0 {
                Line::styled(line, theme.today())
            } else {
                Line::raw(line)
            }
        })
        .collect()
}

/// All detail lines of a service at local time `now`.
pub fn lines<'a>(
    kaart: &Kaart,
    leefgebieden: &Leefgebieden,
    service: &Service,
    now: NaiveDateTime,
    theme: Theme,
) -> Vec<Line<'a>> {
    let organization = organization_of(kaart, service);
    let mut lines = vec![Line::styled(
        for_screen(&service.name).into_owned(),
        theme.title(),
    )];
    let mut facts: Vec<String> = organization.map(|o| o.name.clone()).into_iter().collect();
    facts.extend(
        service
            .leefgebieden
            .iter()
            .map(|c| leefgebieden.name_of(c).to_string()),
    );
    facts.extend(service.laag.map(|l| l.name().to_string()));
    if !service.is_active() {
        facts.push(text::INACTIVE_MARK.to_string());
    }
    lines.push(Line::styled(into_screen(facts.join(" · ")), theme.muted()));
    // What a desk reads out on the phone comes first, before the description: at 80×24 the
    // pane shows about eight lines.
    lines.push(open_line(service, now, theme));
    let day_and_night = around_the_clock(service.schedule(), now.date());
    // A day without hours is said by the line above ("opent morgen om …").
    let today = blocks_on(service.schedule(), now.date(), HolidayRules::default());
    if !today.is_empty() && !day_and_night {
        lines.push(labelled(
            text::DETAIL_TODAY,
            times_on(service, now.date()),
            theme,
        ));
    }
    let addresses = address_lines(kaart, service);
    for contact in phone_lines(kaart, service)
        .into_iter()
        .chain(addresses.iter().cloned())
    {
        lines.push(Line::raw(into_screen(contact)));
    }
    if addresses.len() > 1 && !service.hours.is_empty() && !day_and_night {
        lines.push(Line::styled(text::HOURS_NOT_PER_ADDRESS, theme.muted()));
    }
    lines.push(Line::raw(""));
    lines.extend(
        service
            .description
            .lines()
            .map(|l| Line::raw(for_screen(l).into_owned())),
    );
    lines.push(Line::raw(""));
    if !service.hours.is_empty() && !day_and_night {
        lines.push(Line::styled(
            format!("{}:", text::DETAIL_HOURS_NEXT_DAYS),
            theme.title(),
        ));
        lines.extend(week_lines(service, now, theme));
    }
    for online in online_lines(kaart, service) {
        lines.push(Line::raw(into_screen(online)));
    }
    if let Some(eligibility) = &service.eligibility {
        lines.push(labelled(text::DETAIL_FOR_WHOM, eligibility.clone(), theme));
    }
    if let Some(ages) = text::age_range(service.min_age, service.max_age) {
        lines.push(labelled(text::DETAIL_AGE, ages, theme));
    }
    let cost = match (&service.fees_description, service.free) {
        (Some(fees), _) => Some(fees.clone()),
        (None, true) => Some(text::DETAIL_FREE.to_string()),
        (None, false) => None,
    };
    lines.extend(cost.map(|c| labelled(text::DETAIL_COST, c, theme)));
    let referral = if service.referral_required {
        text::DETAIL_REFERRAL_NEEDED
    } else {
        text::DETAIL_NO_REFERRAL
    };
    let apply = match &service.application_process {
        Some(process) => format!("{process} ({referral})"),
        None => referral.to_string(),
    };
    lines.push(labelled(text::DETAIL_APPLY, apply, theme));
    let verified = match service.last_verified {
        Some(date) if (now.date() - date).num_days() > STALE_AFTER_DAYS => Line::from(vec![
            Span::styled(format!("{}: ", text::DETAIL_VERIFIED), theme.title()),
            Span::styled(
                format!("{} — ⚠ {}", date.format("%d-%m-%Y"), text::DETAIL_STALE),
                theme.warning(),
            ),
        ]),
        Some(date) => labelled(
            text::DETAIL_VERIFIED,
            date.format("%d-%m-%Y").to_string(),
            theme,
        ),
        None => Line::from(vec![
            Span::styled(format!("{}: ", text::DETAIL_VERIFIED), theme.title()),
            Span::styled(
                format!("⚠ {}", text::DETAIL_NEVER_VERIFIED),
                theme.warning(),
            ),
        ]),
    };
    lines.push(verified);
    lines
}
