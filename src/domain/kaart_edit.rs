//! Kaart beheer: the rules a service, organisation or location must meet before the beheerder
//! may save it, and what changed between two versions, in the words the form uses. Field names
//! are the Dutch labels of the form, so a problem lands under the right field and the history
//! reads like the screen.

mod changes;

use chrono::NaiveDate;

use super::kaart::{HoursException, Kaart, Location, Organization, Phone, Service, WeeklyHours};
use super::{Leefgebieden, validation};
use changes::{block, date, weekday_name};

pub use changes::{
    FieldChange, hours_text, location_changes, organization_changes, service_changes,
};

/// Something that keeps a record from being saved, for the line under one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// The Dutch field name the form shows: "naam", "telefoon", "openingstijden", …
    pub field: &'static str,
    pub message: String,
}

/// The database refuses ages above this (a service "for everyone" needs no upper bound).
const MAX_AGE: u8 = 150;

fn problem(field: &'static str, message: impl Into<String>) -> FieldProblem {
    FieldProblem {
        field,
        message: message.into(),
    }
}

fn tidy_text(text: &mut String) {
    let trimmed = text.trim();
    if trimmed.len() != text.len() {
        *text = trimmed.to_string();
    }
}

/// A blank optional field is no value at all, so "" and `None` never count as a change.
fn tidy_option(text: &mut Option<String>) {
    if let Some(value) = text {
        tidy_text(value);
    }
    if text.as_deref().is_some_and(str::is_empty) {
        *text = None;
    }
}

fn tidy_phones(phones: &mut [Phone]) {
    for phone in phones {
        tidy_text(&mut phone.id);
        tidy_text(&mut phone.number);
        tidy_text(&mut phone.description);
        tidy_text(&mut phone.kind);
        if phone.kind.is_empty() {
            phone.kind = "voice".to_string();
        }
    }
}

/// Trims what was typed and turns blank optional fields into none, as the form's save does.
pub fn tidy_service(service: &mut Service) {
    tidy_text(&mut service.id);
    tidy_text(&mut service.name);
    tidy_text(&mut service.description);
    for field in [
        &mut service.organization_id,
        &mut service.alternate_name,
        &mut service.fees_description,
        &mut service.eligibility,
        &mut service.application_process,
        &mut service.url,
        &mut service.email,
    ] {
        tidy_option(field);
    }
    service.leefgebieden.iter_mut().for_each(tidy_text);
    service.keywords.iter_mut().for_each(tidy_text);
    service.keywords.retain(|k| !k.is_empty());
    tidy_phones(&mut service.phones);
}

pub fn tidy_organization(organization: &mut Organization) {
    tidy_text(&mut organization.id);
    tidy_text(&mut organization.name);
    tidy_text(&mut organization.description);
    tidy_option(&mut organization.email);
    tidy_option(&mut organization.website);
    tidy_phones(&mut organization.phones);
}

/// Also writes a valid postcode in its one spelling (`7302ab` → `7302 AB`).
pub fn tidy_location(location: &mut Location) {
    tidy_text(&mut location.id);
    tidy_text(&mut location.name);
    tidy_text(&mut location.description);
    tidy_option(&mut location.organization_id);
    if let Some(address) = &mut location.address {
        tidy_text(&mut address.street);
        tidy_text(&mut address.postcode);
        tidy_text(&mut address.city);
        tidy_option(&mut address.wijk);
        if let Ok(normal) = validation::postcode(&address.postcode) {
            address.postcode = normal;
        }
        if address.street.is_empty()
            && address.postcode.is_empty()
            && address.city.is_empty()
            && address.wijk.is_none()
        {
            location.address = None;
        }
    }
}

fn check_name(name: &str, problems: &mut Vec<FieldProblem>) {
    if name.trim().is_empty() {
        problems.push(problem("naam", "Naam is verplicht"));
    }
}

fn check_phones(phones: &[Phone], problems: &mut Vec<FieldProblem>) {
    for (n, phone) in phones.iter().enumerate() {
        if let Err(message) = validation::phone(&phone.number) {
            let message = if phones.len() > 1 {
                message.replacen("Telefoonnummer", &format!("Telefoonnummer {}", n + 1), 1)
            } else {
                message
            };
            problems.push(problem("telefoon", message));
        }
    }
}

/// A web address as people write it: optionally http(s)://, then a host with a dot.
fn plausible_url(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .unwrap_or(text);
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.split_once(':').map_or(host, |(host, _port)| host);
    !text.chars().any(char::is_whitespace)
        && !rest.contains("://")
        && host.contains('.')
        && host.split('.').all(|part| !part.is_empty())
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
}

fn check_contact(email: Option<&str>, url: Option<&str>, problems: &mut Vec<FieldProblem>) {
    if let Some(email) = email.filter(|e| !e.trim().is_empty())
        && let Err(message) = validation::email(email)
    {
        problems.push(problem("e-mail", message));
    }
    if let Some(url) = url.filter(|u| !u.trim().is_empty())
        && !plausible_url(url.trim())
    {
        problems.push(problem(
            "website",
            "Website: zoals https://www.voorbeeld.nl, zonder spaties",
        ));
    }
}

fn ranges_overlap(a: &WeeklyHours, b: &WeeklyHours) -> bool {
    let starts_before_end = |from: Option<NaiveDate>, to: Option<NaiveDate>| {
        from.zip(to).is_none_or(|(from, to)| from <= to)
    };
    a.opens < b.closes
        && b.opens < a.closes
        && starts_before_end(a.valid_from, b.valid_to)
        && starts_before_end(b.valid_from, a.valid_to)
}

fn check_hours(hours: &[WeeklyHours], exceptions: &[HoursException], out: &mut Vec<FieldProblem>) {
    for h in hours {
        let day = weekday_name(h.weekday);
        if h.opens >= h.closes {
            out.push(problem(
                "openingstijden",
                format!(
                    "Openingstijden {day} {}: de sluitingstijd moet na de openingstijd liggen",
                    block(h.opens, h.closes)
                ),
            ));
        }
        if let (Some(from), Some(to)) = (h.valid_from, h.valid_to)
            && from > to
        {
            out.push(problem(
                "openingstijden",
                format!(
                    "Openingstijden {day}: de periode eindigt ({}) voor ze begint ({})",
                    date(to),
                    date(from)
                ),
            ));
        }
    }
    for (i, a) in hours.iter().enumerate() {
        for b in &hours[i + 1..] {
            if a.weekday == b.weekday && ranges_overlap(a, b) {
                out.push(problem(
                    "openingstijden",
                    format!(
                        "Openingstijden {}: {} en {} overlappen",
                        weekday_name(a.weekday),
                        block(a.opens, a.closes),
                        block(b.opens, b.closes)
                    ),
                ));
            }
        }
    }
    for e in exceptions {
        if let Some((opens, closes)) = e.hours
            && opens >= closes
        {
            out.push(problem(
                "afwijkende dagen",
                format!(
                    "Afwijkende tijden {} {}: de sluitingstijd moet na de openingstijd liggen",
                    date(e.date),
                    block(opens, closes)
                ),
            ));
        }
    }
}

/// Everything that keeps `service` from being saved, in form order. A new service (no id yet)
/// must name its organisation; an existing one may lack it, as imported services sometimes do.
pub fn validate_service(
    service: &Service,
    kaart: &Kaart,
    list: &Leefgebieden,
) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    check_name(&service.name, &mut problems);
    let organization = service
        .organization_id
        .as_deref()
        .map(str::trim)
        .filter(|id| !id.is_empty());
    match organization {
        Some(id) if kaart.organization(id).is_none() => problems.push(problem(
            "organisatie",
            format!("Organisatie {id} staat niet op de kaart"),
        )),
        None if service.id.trim().is_empty() => {
            problems.push(problem(
                "organisatie",
                "Kies de organisatie van deze dienst",
            ));
        }
        _ => {}
    }
    if service.leefgebieden.is_empty() {
        problems.push(problem("leefgebieden", "Kies minstens één leefgebied"));
    }
    for (i, code) in service.leefgebieden.iter().enumerate() {
        if list.get(code).is_none() {
            problems.push(problem(
                "leefgebieden",
                format!("Onbekend leefgebied {code:?}; kies uit: {}", list.codes()),
            ));
        } else if service.leefgebieden[..i].contains(code) {
            problems.push(problem(
                "leefgebieden",
                format!("{} staat er twee keer in", list.name_of(code)),
            ));
        }
    }
    if service.laag.is_none() {
        problems.push(problem(
            "laag",
            "Kies de laag van de kantelingspiramide (eigen kracht … maatwerk)",
        ));
    }
    check_phones(&service.phones, &mut problems);
    check_contact(
        service.email.as_deref(),
        service.url.as_deref(),
        &mut problems,
    );
    match (service.min_age, service.max_age) {
        (Some(min), Some(max)) if min > max => problems.push(problem(
            "leeftijd",
            format!("Leeftijd: de ondergrens ({min}) is hoger dan de bovengrens ({max})"),
        )),
        _ => {}
    }
    if [service.min_age, service.max_age]
        .iter()
        .flatten()
        .any(|&age| age > MAX_AGE)
    {
        problems.push(problem(
            "leeftijd",
            format!("Leeftijd: hoogstens {MAX_AGE} jaar"),
        ));
    }
    for id in &service.location_ids {
        if kaart.location(id).is_none() {
            problems.push(problem(
                "locaties",
                format!("Locatie {id} staat niet op de kaart"),
            ));
        }
    }
    check_hours(&service.hours, &service.exceptions, &mut problems);
    problems
}

pub fn validate_organization(organization: &Organization) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    check_name(&organization.name, &mut problems);
    check_phones(&organization.phones, &mut problems);
    check_contact(
        organization.email.as_deref(),
        organization.website.as_deref(),
        &mut problems,
    );
    problems
}

pub fn validate_location(location: &Location) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    check_name(&location.name, &mut problems);
    if let Some(address) = &location.address
        && !address.postcode.trim().is_empty()
        && let Err(message) = validation::postcode(&address.postcode)
    {
        problems.push(problem("postcode", message));
    }
    check_phones(&location.phones, &mut problems);
    problems
}

#[cfg(test)]
mod tests;
