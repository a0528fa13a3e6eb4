//! The detail pane of a service: everything a volunteer tells the resident, and how fresh it is.

use chrono::{Datelike, Duration, NaiveDateTime};
use ratatui::text::{Line, Span};

use crate::domain::calendar::HolidayRules;
use crate::domain::hours::{OpenState, blocks_on, open_state};
use crate::domain::{Kaart, Leefgebieden, Service};
use crate::safe_text::{for_screen, into_screen};

use super::super::text;
use super::super::theme::Theme;

/// Not verified for longer than this: the volunteer should double-check.
const STALE_AFTER_DAYS: i64 = 365;

/// Name, organisation, addresses, phones, website and e-mail as plain lines (for copying).
pub fn contact_lines(kaart: &Kaart, service: &Service) -> Vec<String> {
    let organization = service
        .organization_id
        .as_deref()
        .and_then(|id| kaart.organization(id));
    let mut lines = vec![service.name.clone()];
    lines.extend(organization.map(|o| o.name.clone()));
    for location in service
        .location_ids
        .iter()
        .filter_map(|id| kaart.location(id))
    {
        if let Some(a) = &location.address {
            let wijk = a
                .wijk
                .as_ref()
                .map(|w| format!(" (wijk {w})"))
                .unwrap_or_default();
            lines.push(format!("{}, {} {}{wijk}", a.street, a.postcode, a.city));
        }
    }
    let phones = service
        .phones
        .iter()
        .chain(
            service
                .location_ids
                .iter()
                .filter_map(|id| kaart.location(id))
                .flat_map(|l| &l.phones),
        )
        .chain(organization.into_iter().flat_map(|o| &o.phones));
    for phone in phones {
        let note = if phone.description.is_empty() {
            String::new()
        } else {
            format!(" ({})", phone.description)
        };
        lines.push(format!("{}: {}{note}", text::DETAIL_PHONE, phone.number));
    }
    let website = service
        .url
        .as_ref()
        .or(organization.and_then(|o| o.website.as_ref()));
    lines.extend(website.map(|w| format!("{}: {w}", text::DETAIL_WEBSITE)));
    let email = service
        .email
        .as_ref()
        .or(organization.and_then(|o| o.email.as_ref()));
    lines.extend(email.map(|e| format!("{}: {e}", text::DETAIL_EMAIL)));
    lines
}

fn labelled<'a>(label: &str, value: String, theme: Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{label}: "), theme.title()),
        Span::raw(into_screen(value)),
    ])
}

fn open_line<'a>(service: &Service, now: NaiveDateTime, theme: Theme) -> Line<'a> {
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

/// The opening hours of this week, Monday to Sunday, with today highlighted.
fn week_lines<'a>(service: &Service, now: NaiveDateTime, theme: Theme) -> Vec<Line<'a>> {
    if service.hours.is_empty() {
        return Vec::new();
    }
    let monday = now.date() - Duration::days(now.weekday().num_days_from_monday() as i64);
    (0..7)
        .map(|offset| {
            let date = monday + Duration::days(offset);
            let blocks = blocks_on(service.schedule(), date, HolidayRules::default());
            let times = if blocks.is_empty() {
                "gesloten".to_string()
            } else {
                blocks
                    .iter()
                    .map(|(o, c)| format!("{}–{}", o.format("%H:%M"), c.format("%H:%M")))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let line = format!(
                "  {} {}  {times}",
                text::WEEKDAYS[offset as usize],
                date.format("%d-%m")
            );
            if date == now.date() {
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
    let organization = service
        .organization_id
        .as_deref()
        .and_then(|id| kaart.organization(id));
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
    lines.push(open_line(service, now, theme));
    lines.push(Line::raw(""));
    lines.extend(
        service
            .description
            .lines()
            .map(|l| Line::raw(for_screen(l).into_owned())),
    );
    lines.push(Line::raw(""));
    for contact in contact_lines(kaart, service)
        .into_iter()
        .skip(1 + organization.is_some() as usize)
    {
        lines.push(Line::raw(into_screen(contact)));
    }
    let week = week_lines(service, now, theme);
    if !week.is_empty() {
        lines.push(Line::styled(
            format!("{}:", text::DETAIL_HOURS),
            theme.title(),
        ));
        lines.extend(week);
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
