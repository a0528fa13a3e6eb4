//! State of the beheerder's service form: every field of a service on the sociale kaart as a
//! row, typed or toggled, turned into a `Service` on save. Nothing typed is lost: a failed
//! save keeps the form as it is and names the fields to fix.

use strum::VariantArray;

use crate::domain::day_hours::{format_day_blocks, parse_day_blocks};
use crate::domain::hours::WEEK;
use crate::domain::kaart::typed_phones;
use crate::domain::kaart_edit::{FieldProblem, validate_service};
use crate::domain::{Kaart, Laag, Leefgebieden, Service, ServiceStatus, WeeklyHours};
use crate::store::KaartChange;

use super::action::Action;
use super::form::{FieldKind, TextField};
use super::text;

/// The typed rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditText {
    Name,
    Organization,
    Location,
    Description,
    Phones,
    Email,
    Website,
    MinAge,
    MaxAge,
    Keywords,
    /// Opening hours of a weekday, Monday first.
    Day(usize),
}

/// One row of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditRow {
    Text(EditText),
    Leefgebied(usize),
    Laag,
    Free,
    Referral,
    Status,
}

impl EditRow {
    pub fn is_text(self) -> bool {
        matches!(self, EditRow::Text(_))
    }

    /// How a row that is not typed into is set (`None` for text rows).
    pub fn kind(self) -> Option<FieldKind> {
        match self {
            EditRow::Text(_) => None,
            EditRow::Laag | EditRow::Status => Some(FieldKind::Choice),
            EditRow::Leefgebied(_) | EditRow::Free | EditRow::Referral => Some(FieldKind::Checkbox),
        }
    }

    /// The field name problems are reported under (see `domain::kaart_edit`).
    pub fn field(self) -> &'static str {
        match self {
            EditRow::Text(t) => match t {
                EditText::Name => "naam",
                EditText::Organization => "organisatie",
                EditText::Location => "locatie",
                EditText::Description => "omschrijving",
                EditText::Phones => "telefoon",
                EditText::Email => "e-mail",
                EditText::Website => "website",
                EditText::MinAge | EditText::MaxAge => "leeftijd",
                EditText::Keywords => "trefwoorden",
                EditText::Day(_) => "openingstijden",
            },
            EditRow::Leefgebied(_) => "leefgebieden",
            EditRow::Laag => "laag",
            EditRow::Free | EditRow::Referral => "voorwaarden",
            EditRow::Status => "status",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ServiceForm {
    /// The service as stored; `None` for a new one.
    pub original: Option<Service>,
    pub rows: Vec<EditRow>,
    texts: Vec<(EditText, TextField)>,
    pub leefgebieden: Vec<String>,
    /// The leefgebieden to choose from: the program's reference data.
    pub offered: Leefgebieden,
    pub laag: Option<Laag>,
    pub free: bool,
    pub referral: bool,
    pub active: bool,
    pub focus: usize,
    /// What the last save refused, per field.
    pub problems: Vec<FieldProblem>,
    /// Changed since it was opened: leaving asks first.
    pub dirty: bool,
    /// Earlier changes of the service, newest first, shown under the form.
    pub history: Vec<KaartChange>,
}

fn rows(offered: &Leefgebieden) -> Vec<EditRow> {
    let mut rows = vec![
        EditRow::Text(EditText::Name),
        EditRow::Text(EditText::Organization),
        EditRow::Text(EditText::Location),
        EditRow::Text(EditText::Description),
    ];
    rows.extend((0..offered.all().len()).map(EditRow::Leefgebied));
    rows.extend([
        EditRow::Laag,
        EditRow::Text(EditText::Phones),
        EditRow::Text(EditText::Email),
        EditRow::Text(EditText::Website),
        EditRow::Text(EditText::MinAge),
        EditRow::Text(EditText::MaxAge),
        EditRow::Free,
        EditRow::Referral,
        EditRow::Text(EditText::Keywords),
    ]);
    rows.extend((0..7).map(|d| EditRow::Text(EditText::Day(d))));
    rows.push(EditRow::Status);
    rows
}

fn field(label: &'static str, max_chars: usize, value: &str) -> TextField {
    TextField::with_value(label, max_chars, value)
}

impl ServiceForm {
    /// An empty form for a new service.
    pub fn new_service(offered: &Leefgebieden) -> ServiceForm {
        ServiceForm::from_service(None, &Kaart::default(), offered)
    }

    /// The form filled with `service` as stored (`None`: empty). Seasonal hours and holiday
    /// exceptions are not in the form; they are kept as they are.
    pub fn from_service(
        service: Option<&Service>,
        kaart: &Kaart,
        offered: &Leefgebieden,
    ) -> ServiceForm {
        let blank = Service::default();
        let s = service.unwrap_or(&blank);
        let organization = s
            .organization_id
            .as_deref()
            .and_then(|id| kaart.organization(id))
            .map_or(String::new(), |o| o.name.clone());
        let location = s
            .location_ids
            .first()
            .and_then(|id| kaart.location(id))
            .map_or(String::new(), |l| l.name.clone());
        let phones: Vec<&str> = s.phones.iter().map(|p| p.number.as_str()).collect();
        let age = |a: Option<u8>| a.map_or(String::new(), |a| a.to_string());
        let mut texts = vec![
            (EditText::Name, field(text::EDIT_NAME, 200, &s.name)),
            (
                EditText::Organization,
                field(text::EDIT_ORGANIZATION, 200, &organization),
            ),
            (
                EditText::Location,
                field(text::EDIT_LOCATION, 200, &location),
            ),
            (
                EditText::Description,
                field(text::EDIT_DESCRIPTION, 2000, &s.description),
            ),
            (
                EditText::Phones,
                field(text::EDIT_PHONES, 200, &phones.join("; ")),
            ),
            (
                EditText::Email,
                field(text::EDIT_EMAIL, 200, s.email.as_deref().unwrap_or("")),
            ),
            (
                EditText::Website,
                field(text::EDIT_WEBSITE, 300, s.url.as_deref().unwrap_or("")),
            ),
            (
                EditText::MinAge,
                field(text::EDIT_MIN_AGE, 3, &age(s.min_age)),
            ),
            (
                EditText::MaxAge,
                field(text::EDIT_MAX_AGE, 3, &age(s.max_age)),
            ),
            (
                EditText::Keywords,
                field(text::EDIT_KEYWORDS, 500, &s.keywords.join(", ")),
            ),
        ];
        for (d, weekday) in WEEK.iter().enumerate() {
            let blocks: Vec<_> = s
                .hours
                .iter()
                .filter(|h| h.weekday == *weekday && h.valid_from.is_none() && h.valid_to.is_none())
                .map(|h| (h.opens, h.closes))
                .collect();
            texts.push((
                EditText::Day(d),
                field(text::WEEKDAY_NAMES[d], 100, &format_day_blocks(&blocks)),
            ));
        }
        ServiceForm {
            original: service.cloned(),
            rows: rows(offered),
            texts,
            leefgebieden: s.leefgebieden.clone(),
            offered: offered.clone(),
            laag: s.laag,
            free: s.free,
            referral: s.referral_required,
            active: service.is_none_or(|s| s.is_active()),
            focus: 0,
            problems: Vec::new(),
            dirty: false,
            history: Vec::new(),
        }
    }

    pub fn focused(&self) -> EditRow {
        self.rows[self.focus]
    }

    pub fn text(&self, which: EditText) -> &TextField {
        &self
            .texts
            .iter()
            .find(|(t, _)| *t == which)
            .expect("every text row has a field")
            .1
    }

    /// Replaces the text of a row, e.g. with the name of an organisation just saved.
    pub fn set_text(&mut self, which: EditText, value: &str) {
        let field = self.text_mut(which);
        *field = TextField::with_value(field.label, field.max_chars, value);
        self.dirty = true;
    }

    fn text_mut(&mut self, which: EditText) -> &mut TextField {
        &mut self
            .texts
            .iter_mut()
            .find(|(t, _)| *t == which)
            .expect("every text row has a field")
            .1
    }

    /// Moves between rows, toggles a choice or edits the focused text; returns whether the
    /// action was the form's.
    pub fn handle(&mut self, action: Action) -> bool {
        let n = self.rows.len();
        match (action, self.focused()) {
            (Action::NextField, _) => self.focus = (self.focus + 1) % n,
            (Action::PreviousField, _) => self.focus = (self.focus + n - 1) % n,
            (Action::First, _) => self.focus = 0,
            (Action::Last, _) => self.focus = n - 1,
            (Action::NextError, _) => self.focus_next_problem(),
            (Action::Toggle | Action::ToggleBack, row) if !row.is_text() => {
                self.toggle(row, action == Action::ToggleBack);
                self.dirty = true;
            }
            (other, EditRow::Text(which)) => {
                let used = self.text_mut(which).edit(other);
                self.dirty |= used;
                return used;
            }
            _ => return false,
        }
        true
    }

    fn toggle(&mut self, row: EditRow, back: bool) {
        match row {
            EditRow::Leefgebied(i) => {
                let code = self.offered.all()[i].code.clone();
                match self.leefgebieden.iter().position(|c| *c == code) {
                    Some(p) => {
                        self.leefgebieden.remove(p);
                    }
                    None => self.leefgebieden.push(code),
                }
            }
            EditRow::Laag => {
                let n = Laag::VARIANTS.len();
                let i = self
                    .laag
                    .and_then(|l| Laag::VARIANTS.iter().position(|x| *x == l))
                    .map_or(0, |i| if back { (i + n - 1) % n } else { (i + 1) % n });
                self.laag = Some(Laag::VARIANTS[i]);
            }
            EditRow::Free => self.free = !self.free,
            EditRow::Referral => self.referral = !self.referral,
            EditRow::Status => self.active = !self.active,
            EditRow::Text(_) => {}
        }
    }

    /// The row a problem stands under: the row of the day an opening-hours problem names, else
    /// the first row of its field (the name row for a field the form has no row for).
    fn row_of(&self, problem: &FieldProblem) -> usize {
        let named_day = || {
            text::WEEKDAY_NAMES.iter().position(|day| {
                problem
                    .message
                    .split(|c: char| !c.is_alphabetic())
                    .any(|word| word.eq_ignore_ascii_case(day))
            })
        };
        let day_row = (problem.field == "openingstijden")
            .then(named_day)
            .flatten()
            .and_then(|d| {
                self.rows
                    .iter()
                    .position(|r| *r == EditRow::Text(EditText::Day(d)))
            });
        day_row
            .or_else(|| self.rows.iter().position(|r| r.field() == problem.field))
            .unwrap_or(0)
    }

    /// The problems from the last save that stand under row `index`.
    pub fn problems_at(&self, index: usize) -> Vec<&str> {
        self.problems
            .iter()
            .filter(|p| self.row_of(p) == index)
            .map(|p| p.message.as_str())
            .collect()
    }

    /// Shows what the save refused, each under its own row, with the focus on the first.
    pub fn show_problems(&mut self, problems: Vec<FieldProblem>) {
        self.problems = problems;
        if let Some(first) = self.problem_rows().first() {
            self.focus = *first;
        }
    }

    /// To the next row with a problem after the focused one, round to the first.
    pub fn focus_next_problem(&mut self) {
        let rows = self.problem_rows();
        if let Some(next) = rows.iter().find(|i| **i > self.focus).or(rows.first()) {
            self.focus = *next;
        }
    }

    fn problem_rows(&self) -> Vec<usize> {
        let mut rows: Vec<usize> = self.problems.iter().map(|p| self.row_of(p)).collect();
        rows.sort_unstable();
        rows.dedup();
        rows
    }

    /// After a refused save, every change checks the form again: a problem goes as soon as
    /// its row is right, and no new ones appear before the next save.
    pub fn recheck(&mut self, kaart: &Kaart) {
        if self.problems.is_empty() {
            return;
        }
        let now = match self.to_service(kaart) {
            Ok(service) => validate_service(&service, kaart, &self.offered),
            Err(problems) => problems,
        };
        let before: Vec<(usize, &'static str)> = self
            .problems
            .iter()
            .map(|p| (self.row_of(p), p.field))
            .collect();
        self.problems = now
            .into_iter()
            .filter(|p| before.contains(&(self.row_of(p), p.field)))
            .collect();
    }

    /// The service the form describes, or what cannot be read (ages, hours, unknown
    /// organisation or location). Rules of the kaart itself are checked by the store.
    pub fn to_service(&self, kaart: &Kaart) -> Result<Service, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let mut service = self.original.clone().unwrap_or_default();
        let value = |which| self.text(which).value().trim().to_string();
        let optional = |which| Some(value(which)).filter(|v: &String| !v.is_empty());
        service.name = value(EditText::Name);
        service.description = value(EditText::Description);
        service.email = optional(EditText::Email);
        service.url = optional(EditText::Website);
        service.leefgebieden = self.leefgebieden.clone();
        service.laag = self.laag;
        service.free = self.free;
        service.referral_required = self.referral;
        service.status = if self.active {
            ServiceStatus::Active
        } else {
            ServiceStatus::Inactive
        };
        service.keywords = value(EditText::Keywords)
            .split(',')
            .map(|k| k.trim().to_string())
            .filter(|k| !k.is_empty())
            .collect();
        let organization = value(EditText::Organization);
        service.organization_id = if organization.is_empty() {
            None
        } else {
            match kaart
                .organizations
                .iter()
                .find(|o| o.name.eq_ignore_ascii_case(&organization) || o.id == organization)
            {
                Some(o) => Some(o.id.clone()),
                None => {
                    problems.push(problem("organisatie", text::UNKNOWN_ORGANIZATION));
                    None
                }
            }
        };
        let location = value(EditText::Location);
        let others: Vec<String> = service.location_ids.iter().skip(1).cloned().collect();
        service.location_ids = if location.is_empty() {
            others
        } else {
            match kaart
                .locations
                .iter()
                .find(|l| l.name.eq_ignore_ascii_case(&location) || l.id == location)
            {
                Some(l) => std::iter::once(l.id.clone()).chain(others).collect(),
                None => {
                    problems.push(problem("locatie", text::UNKNOWN_LOCATION));
                    others
                }
            }
        };
        for (which, slot) in [
            (EditText::MinAge, &mut service.min_age),
            (EditText::MaxAge, &mut service.max_age),
        ] {
            let typed = value(which);
            *slot = if typed.is_empty() {
                None
            } else {
                match typed.parse::<u8>() {
                    Ok(age) if age <= 120 => Some(age),
                    _ => {
                        problems.push(problem("leeftijd", text::BAD_AGE));
                        None
                    }
                }
            };
        }
        service.phones = typed_phones(&service.id, &service.phones, &value(EditText::Phones));
        let mut hours: Vec<WeeklyHours> = service
            .hours
            .iter()
            .filter(|h| h.valid_from.is_some() || h.valid_to.is_some())
            .copied()
            .collect();
        for (d, weekday) in WEEK.iter().enumerate() {
            match parse_day_blocks(self.text(EditText::Day(d)).value()) {
                Ok(blocks) => hours.extend(blocks.into_iter().map(|(opens, closes)| WeeklyHours {
                    weekday: *weekday,
                    opens,
                    closes,
                    valid_from: None,
                    valid_to: None,
                })),
                Err(message) => problems.push(FieldProblem {
                    field: "openingstijden",
                    message: format!("{}: {message}", text::WEEKDAY_NAMES[d]),
                }),
            }
        }
        service.hours = hours;
        if problems.is_empty() {
            Ok(service)
        } else {
            Err(problems)
        }
    }
}

fn problem(field: &'static str, message: &str) -> FieldProblem {
    FieldProblem {
        field,
        message: message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveTime, Weekday};

    fn kaart() -> Kaart {
        let path = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kaart"));
        crate::interop::read_path(path, &Leefgebieden::builtin())
            .expect("the sample kaart reads")
            .0
    }

    #[test]
    fn a_service_goes_round_through_the_form_unchanged() {
        let kaart = kaart();
        for service in kaart.services.iter().take(40) {
            let form = ServiceForm::from_service(Some(service), &kaart, &Leefgebieden::builtin());
            let mut back = form.to_service(&kaart).expect("reads back");
            let mut expected = service.clone();
            // The form keeps the order of the week, seasonal rows first.
            back.hours
                .sort_by_key(|h| (h.weekday.num_days_from_monday(), h.opens));
            expected
                .hours
                .sort_by_key(|h| (h.weekday.num_days_from_monday(), h.opens));
            assert_eq!(back, expected, "{}", service.id);
        }
    }

    #[test]
    fn typed_changes_land_in_the_service_and_mistakes_are_named() {
        let kaart = kaart();
        let service = &kaart.services[0];
        let mut form = ServiceForm::from_service(Some(service), &kaart, &Leefgebieden::builtin());
        form.focus = form
            .rows
            .iter()
            .position(|r| *r == EditRow::Text(EditText::Day(0)))
            .unwrap();
        form.handle(Action::ClearField);
        for c in "9-12, 13-17".chars() {
            form.handle(Action::Insert(c));
        }
        assert!(form.dirty);
        let changed = form.to_service(&kaart).unwrap();
        let monday: Vec<_> = changed
            .hours
            .iter()
            .filter(|h| h.weekday == Weekday::Mon && h.valid_from.is_none())
            .map(|h| h.opens)
            .collect();
        let t = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
        assert_eq!(monday, vec![t(9), t(13)]);

        form.handle(Action::ClearField);
        for c in "17-9".chars() {
            form.handle(Action::Insert(c));
        }
        let problems = form.to_service(&kaart).unwrap_err();
        assert_eq!(problems[0].field, "openingstijden");
        assert!(problems[0].message.starts_with("maandag"));
        assert_eq!(form.text(EditText::Day(0)).value(), "17-9", "input is kept");
    }

    #[test]
    fn choices_toggle_and_unknown_organisations_are_refused() {
        let kaart = kaart();
        let mut form = ServiceForm::new_service(&Leefgebieden::builtin());
        form.focus = form.rows.iter().position(|r| *r == EditRow::Laag).unwrap();
        form.handle(Action::Toggle);
        assert_eq!(form.laag, Some(Laag::VARIANTS[0]));
        form.focus = 1;
        for c in "Bestaat Niet BV".chars() {
            form.handle(Action::Insert(c));
        }
        let problems = form.to_service(&kaart).unwrap_err();
        assert!(problems.iter().any(|p| p.field == "organisatie"));
    }
}
