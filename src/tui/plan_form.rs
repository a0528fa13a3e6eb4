//! The small forms of the plan screen: a gesprek, and the answer of resident and
//! gespreksvoerder to the latest version (akkoord or geen akkoord), the evaluation, and the
//! decision on a beschikking. Typed text becomes the
//! domain's values here; the store checks them, and its refusal goes to the field it is about,
//! with everything typed kept.

use chrono::NaiveDate;

use crate::domain::dates::{Toward, dutch_date, parse_date};
use crate::domain::plan::{
    Answer, Consulted, Gesprek, HowAgreed, Place, PlanProblem, Zelfredzaamheid,
};

mod evaluation;

use evaluation::{D_DATE, D_REFERENCE, D_VERDICT, E_DATE};

use super::action::Action;
use super::form::{Form, TextField};
use super::text::{self, capitalized};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanFormKind {
    Gesprek,
    Answer,
    Evaluation,
    /// The decision on a beschikking task (its id).
    Decision {
        task: i64,
    },
}

/// A form of the plan screen, with what it held when it opened: leaving a changed one asks
/// first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanForm {
    pub kind: PlanFormKind,
    pub form: Form,
    opened_with: Vec<String>,
    /// An evaluation: the agreed results (leefgebied, scored at the start) in field order.
    results: Vec<(String, bool)>,
    /// What the intro opens with: an evaluation's legend naming the results by number, or
    /// the voorziening a decision is on.
    pub about: String,
}

/// Why typed text cannot be recorded: the message, and the field to fix.
pub type Refused = (String, usize);

const G_DATE: usize = 0;
const G_PLACE: usize = 1;
const G_PARTICIPANTS: usize = 2;
const G_BROUGHT: usize = 3;
const G_CONSULTED: usize = 4;
const G_CONSENT: usize = 5;
const G_NOTE: usize = 6;

const PLACES: [(&str, Place); 3] = [
    ("thuis", Place::Thuis),
    ("loket", Place::Loket),
    ("telefoon", Place::Telefoon),
];
const CONSENT: [&str; 2] = ["ja", "nee"];

const A_AGREED: usize = 0;
const A_DATE: usize = 1;
const A_HOW: usize = 2;
const A_POINT: usize = 3;
const A_REQUESTED: usize = 4;

fn field(label: &'static str, max: usize, value: &str) -> TextField {
    TextField::with_value(label, max, value)
}

/// The words of a list typed with commas.
fn listed(text: &str) -> Vec<String> {
    text.split(',')
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// "ja" or "nee" (or j/n); `None` when it is neither.
fn yes_no(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "j" | "ja" => Some(true),
        "n" | "nee" => Some(false),
        _ => None,
    }
}

/// A zelfredzaamheid score as typed: `Some(None)` when left empty, `None` when it is not 1–5.
pub(super) fn typed_score(typed: &str) -> Option<Option<Zelfredzaamheid>> {
    match typed.trim() {
        "" => Some(None),
        typed => typed
            .parse()
            .ok()
            .and_then(Zelfredzaamheid::from_score)
            .map(Some),
    }
}

/// The first of `options` whose code starts with what was typed.
fn one_of<T: Copy>(typed: &str, options: &[(&str, T)]) -> Option<T> {
    let typed = typed.trim().to_lowercase();
    options
        .iter()
        .find(|(code, _)| !typed.is_empty() && code.starts_with(&typed))
        .map(|(_, value)| *value)
}

impl PlanForm {
    fn new(kind: PlanFormKind, fields: Vec<TextField>) -> PlanForm {
        let opened_with = fields.iter().map(|f| f.value().to_string()).collect();
        PlanForm {
            kind,
            form: Form::new(fields),
            opened_with,
            results: Vec::new(),
            about: String::new(),
        }
    }

    pub fn gesprek(today: NaiveDate) -> PlanForm {
        PlanForm::new(
            PlanFormKind::Gesprek,
            vec![
                field(text::LABEL_DATE, 40, &dutch_date(today)),
                field(text::LABEL_PLACE, 20, "thuis"),
                field(text::LABEL_PARTICIPANTS, 200, ""),
                field(text::LABEL_BROUGHT, 100, ""),
                field(text::LABEL_CONSULTED, 200, ""),
                field(text::LABEL_CONSENT, 3, ""),
                field(text::LABEL_NOTE, crate::domain::plan::MAX_NOTE_CHARS, ""),
            ],
        )
    }

    pub fn answer(today: NaiveDate) -> PlanForm {
        PlanForm::new(
            PlanFormKind::Answer,
            vec![
                field(text::LABEL_AGREED, 3, "ja"),
                field(text::LABEL_DATE, 40, &dutch_date(today)),
                field(text::LABEL_HOW, 20, "papier"),
                field(text::LABEL_POINT, 300, ""),
                field(text::LABEL_REQUESTED, 120, ""),
            ],
        )
    }

    /// The values the focused row is chosen from, when it is such a row.
    fn choices(&self) -> Option<Vec<&'static str>> {
        match (self.kind, self.form.focus) {
            (PlanFormKind::Gesprek, G_PLACE) => Some(PLACES.iter().map(|(p, _)| *p).collect()),
            (PlanFormKind::Gesprek, G_CONSENT) => Some(CONSENT.to_vec()),
            _ => None,
        }
    }

    /// ←/→ on a row of choices: the next or previous value after the one typed (the first or
    /// last when it matches none); typing there still works. Returns whether it chose.
    pub fn choose(&mut self, action: Action) -> bool {
        let back = match action {
            Action::CursorLeft => true,
            Action::CursorRight => false,
            _ => return false,
        };
        let Some(values) = self.choices() else {
            return false;
        };
        let n = values.len();
        let field = &self.form.fields[self.form.focus];
        let typed = field.value().trim().to_lowercase();
        let at = values
            .iter()
            .position(|v| !typed.is_empty() && v.starts_with(&typed));
        let next = match (at, back) {
            (Some(i), true) => (i + n - 1) % n,
            (Some(i), false) => (i + 1) % n,
            (None, true) => n - 1,
            (None, false) => 0,
        };
        let chosen = TextField::with_value(field.label, field.max_chars, values[next]);
        self.form.fields[self.form.focus] = chosen;
        true
    }

    /// Whether anything differs from what the form opened with.
    pub fn changed(&self) -> bool {
        self.form
            .fields
            .iter()
            .zip(&self.opened_with)
            .any(|(f, was)| f.value() != was)
    }

    fn date(&self, index: usize, today: NaiveDate) -> Result<NaiveDate, Refused> {
        parse_date(self.form.value(index), today, Toward::Past)
            .map_err(|e| (capitalized(&e.to_string()), index))
    }

    pub fn to_gesprek(&self, today: NaiveDate) -> Result<Gesprek, Refused> {
        let value = |i| self.form.value(i).trim().to_string();
        let place = one_of(&value(G_PLACE), &PLACES)
            .ok_or_else(|| (text::CHOOSE_PLACE.to_string(), G_PLACE))?;
        let consulted = listed(&value(G_CONSULTED));
        let consent = match yes_no(&value(G_CONSENT)) {
            Some(consent) => consent,
            None if consulted.is_empty() => false,
            None => return Err((text::ASK_CONSENT.to_string(), G_CONSENT)),
        };
        Ok(Gesprek {
            held_on: self.date(G_DATE, today)?,
            place,
            participants: listed(&value(G_PARTICIPANTS)),
            brought_along: value(G_BROUGHT),
            consulted: consulted
                .into_iter()
                .map(|who| Consulted { who, consent })
                .collect(),
            note: value(G_NOTE),
        })
    }

    pub fn to_answer(&self, today: NaiveDate) -> Result<Answer, Refused> {
        let value = |i| self.form.value(i).trim().to_string();
        let on = self.date(A_DATE, today)?;
        match yes_no(&value(A_AGREED)) {
            Some(true) => {
                let ways = [
                    ("papier", HowAgreed::Papier),
                    ("mondeling", HowAgreed::Mondeling),
                    ("digitaal", HowAgreed::Digitaal),
                ];
                let how = one_of(&value(A_HOW), &ways)
                    .ok_or_else(|| (text::CHOOSE_HOW.to_string(), A_HOW))?;
                Ok(Answer::Akkoord { on, how })
            }
            Some(false) => Ok(Answer::GeenAkkoord {
                on,
                point: value(A_POINT),
                requested: Some(value(A_REQUESTED)).filter(|r| !r.is_empty()),
            }),
            None => Err((text::ASK_AGREED.to_string(), A_AGREED)),
        }
    }

    /// The field a refusal of the store is about.
    pub fn field_of(&self, problem: &PlanProblem) -> usize {
        match (self.kind, problem) {
            (PlanFormKind::Gesprek, PlanProblem::InTheFuture { .. }) => G_DATE,
            (PlanFormKind::Gesprek, PlanProblem::ConsultedWithoutConsent(_)) => G_CONSENT,
            (PlanFormKind::Gesprek, PlanProblem::Missing(_)) => G_PARTICIPANTS,
            (PlanFormKind::Gesprek, _) => G_NOTE,
            (PlanFormKind::Answer, PlanProblem::Missing(_)) => A_POINT,
            (PlanFormKind::Answer, _) => A_DATE,
            (PlanFormKind::Evaluation, PlanProblem::InTheFuture { .. }) => E_DATE,
            (PlanFormKind::Evaluation, PlanProblem::EvaluationTooEarly(_)) => {
                self.form.fields.len() - 2
            }
            (
                PlanFormKind::Evaluation,
                PlanProblem::Missing(_) | PlanProblem::SensitiveNumber(_),
            ) => self.form.fields.len() - 1,
            (PlanFormKind::Evaluation, _) => E_DATE + 1,
            (PlanFormKind::Decision { .. }, PlanProblem::InTheFuture { .. }) => D_DATE,
            (PlanFormKind::Decision { .. }, PlanProblem::Missing(_)) => D_REFERENCE,
            (PlanFormKind::Decision { .. }, _) => D_VERDICT,
        }
    }

    pub fn title(&self) -> &'static str {
        match self.kind {
            PlanFormKind::Gesprek => text::GESPREK_TITLE,
            PlanFormKind::Answer => text::ANSWER_TITLE,
            PlanFormKind::Evaluation => text::EVALUATION_TITLE,
            PlanFormKind::Decision { .. } => text::DECISION_TITLE,
        }
    }

    /// What the form asks; `choose_keys` are the keys that cycle a row of choices ("←/→").
    pub fn intro(&self, choose_keys: &str) -> String {
        match self.kind {
            PlanFormKind::Gesprek => {
                format!(
                    "{} {}",
                    text::gesprek_intro(choose_keys),
                    crate::domain::plan::NOTE_GUIDANCE
                )
            }
            PlanFormKind::Answer => text::ANSWER_INTRO.to_string(),
            PlanFormKind::Evaluation => format!("{}. {}", self.about, text::EVALUATION_INTRO),
            PlanFormKind::Decision { .. } => text::decision_intro(&self.about),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    pub(super) fn typed(form: &mut PlanForm, index: usize, text: &str) {
        form.form.focus = index;
        form.form.handle(Action::ClearField);
        for c in text.chars() {
            form.form.handle(Action::Insert(c));
        }
    }

    #[test]
    fn a_gesprek_is_read_from_the_fields() {
        let mut form = PlanForm::gesprek(today());
        assert!(!form.changed());
        typed(&mut form, G_PLACE, "tel");
        typed(&mut form, G_CONSULTED, "de huisarts, zus Ans");
        assert_eq!(form.to_gesprek(today()).unwrap_err().1, G_CONSENT);
        typed(&mut form, G_CONSENT, "ja");
        let gesprek = form.to_gesprek(today()).unwrap();
        assert_eq!(gesprek.place, Place::Telefoon);
        assert_eq!(gesprek.consulted.len(), 2);
        assert!(gesprek.consulted.iter().all(|c| c.consent));
        assert_eq!(gesprek.held_on, today());
        assert!(form.changed());
    }

    #[test]
    fn place_and_consent_are_typed_or_chosen_with_left_and_right() {
        let mut form = PlanForm::gesprek(today());
        form.form.focus = G_PLACE;
        assert!(form.choose(Action::CursorRight));
        assert_eq!(form.form.value(G_PLACE), "loket");
        form.choose(Action::CursorLeft);
        form.choose(Action::CursorLeft);
        assert_eq!(form.form.value(G_PLACE), "telefoon");
        typed(&mut form, G_CONSENT, "n");
        form.choose(Action::CursorRight);
        assert_eq!(form.form.value(G_CONSENT), "ja");
        form.form.focus = G_NOTE;
        assert!(!form.choose(Action::CursorRight));
    }

    #[test]
    fn an_answer_is_akkoord_or_names_the_point() {
        let mut form = PlanForm::answer(today());
        assert!(matches!(
            form.to_answer(today()),
            Ok(Answer::Akkoord {
                how: HowAgreed::Papier,
                ..
            })
        ));
        typed(&mut form, A_AGREED, "nee");
        typed(&mut form, A_POINT, "Wil geen buurvrouw bij de post");
        let Ok(Answer::GeenAkkoord { requested, .. }) = form.to_answer(today()) else {
            panic!("geen akkoord");
        };
        assert_eq!(requested, None);
        typed(&mut form, A_AGREED, "misschien");
        assert_eq!(form.to_answer(today()).unwrap_err().1, A_AGREED);
    }
}
