//! The small forms of the plan screen: a gesprek, and the answer of resident and
//! gespreksvoerder to the latest version (akkoord or geen akkoord), the evaluation, and the
//! decision on a beschikking (those two in `evaluation`). Typed text and the rows chosen with
//! ←/→ become the domain's values here; the store checks them, and its refusal goes to the
//! field it is about, with everything typed kept.

use chrono::NaiveDate;

use crate::domain::dates::{Toward, dutch_date, parse_date};
use crate::domain::plan::{
    Answer, Consulted, Gesprek, HowAgreed, Place, PlanProblem, Zelfredzaamheid,
};
use strum::VariantArray;

mod evaluation;

use evaluation::{D_DATE, D_REFERENCE, D_VERDICT, E_DATE};

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

/// A row of choices among `words`, starting on `start` (one of them, or "kies…").
fn words(label: &'static str, words: &[&str], start: &str) -> TextField {
    TextField::choice(label, words.iter().map(|w| w.to_string()).collect(), start)
}

/// A row chosen among every value of `T`, each shown by `name`, starting on `start`, or on
/// "kies…" (which saving refuses) without one.
pub(super) fn choice_of<T: VariantArray + Copy>(
    label: &'static str,
    name: fn(T) -> &'static str,
    start: Option<T>,
) -> TextField {
    let choices = T::VARIANTS.iter().map(|v| name(*v).to_string()).collect();
    TextField::choice(label, choices, start.map_or(text::PICK, name))
}

/// The value of `T` a row made by [`choice_of`] shows; `None` on "kies…".
pub(super) fn chosen<T: VariantArray + Copy>(field: &TextField) -> Option<T> {
    field.chosen().map(|i| T::VARIANTS[i])
}

/// A zelfredzaamheid row: no score, or 1–5 with the level's name.
pub(super) fn score_choice(label: &'static str, score: Option<Zelfredzaamheid>) -> TextField {
    let name = |s: &Zelfredzaamheid| format!("{} {}", s.score(), s.name());
    let choices = std::iter::once(text::NO_SCORE.to_string())
        .chain(Zelfredzaamheid::VARIANTS.iter().map(name))
        .collect();
    let start = score.as_ref().map_or(text::NO_SCORE.to_string(), name);
    TextField::choice(label, choices, &start)
}

/// The score a [`score_choice`] row shows.
pub(super) fn score_chosen(field: &TextField) -> Option<Zelfredzaamheid> {
    let level = field.chosen()?.checked_sub(1)?;
    Zelfredzaamheid::VARIANTS.get(level).copied()
}

impl PlanForm {
    fn new(kind: PlanFormKind, fields: Vec<TextField>) -> PlanForm {
        PlanForm {
            kind,
            form: Form::new(fields),
            results: Vec::new(),
            about: String::new(),
        }
    }

    pub fn gesprek(today: NaiveDate) -> PlanForm {
        PlanForm::new(
            PlanFormKind::Gesprek,
            vec![
                field(text::LABEL_DATE, 40, &dutch_date(today)),
                choice_of(text::LABEL_PLACE, Place::name, Some(Place::Thuis)),
                field(text::LABEL_PARTICIPANTS, 200, ""),
                field(text::LABEL_BROUGHT, 100, ""),
                field(text::LABEL_CONSULTED, 200, ""),
                words(text::LABEL_CONSENT, &text::CONSENT, text::PICK),
                field(text::LABEL_NOTE, crate::domain::plan::MAX_NOTE_CHARS, ""),
            ],
        )
    }

    pub fn answer(today: NaiveDate) -> PlanForm {
        PlanForm::new(
            PlanFormKind::Answer,
            vec![
                words(text::LABEL_ANSWER, &text::ANSWERS, text::ANSWERS[0]),
                field(text::LABEL_DATE, 40, &dutch_date(today)),
                choice_of(text::LABEL_HOW, HowAgreed::name, Some(HowAgreed::Papier)),
                field(text::LABEL_POINT, 300, ""),
                field(text::LABEL_REQUESTED, 120, ""),
            ],
        )
    }

    fn date(&self, index: usize, today: NaiveDate) -> Result<NaiveDate, Refused> {
        parse_date(self.form.value(index), today, Toward::Past)
            .map_err(|e| (capitalized(&e.to_string()), index))
    }

    pub fn to_gesprek(&self, today: NaiveDate) -> Result<Gesprek, Refused> {
        let value = |i| self.form.value(i).trim().to_string();
        let place = chosen(&self.form.fields[G_PLACE])
            .ok_or_else(|| (text::CHOOSE_PLACE.to_string(), G_PLACE))?;
        let consulted = listed(&value(G_CONSULTED));
        // The first of the consent choices is "ja".
        let consent = match self.form.fields[G_CONSENT].chosen() {
            Some(choice) => choice == 0,
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
        // The first of the answers is "akkoord".
        match self.form.fields[A_AGREED].chosen() {
            Some(0) => {
                let how = chosen(&self.form.fields[A_HOW])
                    .ok_or_else(|| (text::CHOOSE_HOW.to_string(), A_HOW))?;
                Ok(Answer::Akkoord { on, how })
            }
            Some(_) => Ok(Answer::GeenAkkoord {
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
            PlanFormKind::Answer => text::answer_intro(choose_keys),
            PlanFormKind::Evaluation => {
                format!("{}. {}", self.about, text::evaluation_intro(choose_keys))
            }
            PlanFormKind::Decision { .. } => text::decision_intro(&self.about, choose_keys),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::action::Action;
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

    /// → `times` on row `index`.
    pub(super) fn right(form: &mut PlanForm, index: usize, times: usize) {
        form.form.focus = index;
        for _ in 0..times {
            form.form.handle(Action::CursorRight);
        }
    }

    #[test]
    fn a_gesprek_is_read_from_the_fields() {
        let mut form = PlanForm::gesprek(today());
        assert!(!form.form.changed());
        right(&mut form, G_PLACE, 2);
        typed(&mut form, G_CONSULTED, "de huisarts, zus Ans");
        assert_eq!(
            form.to_gesprek(today()).unwrap_err(),
            (text::ASK_CONSENT.to_string(), G_CONSENT),
            "consulted: the consent stays on kies… no longer"
        );
        right(&mut form, G_CONSENT, 1);
        let gesprek = form.to_gesprek(today()).unwrap();
        assert_eq!(gesprek.place, Place::Telefoon);
        assert_eq!(gesprek.consulted.len(), 2);
        assert!(gesprek.consulted.iter().all(|c| c.consent));
        assert_eq!(gesprek.held_on, today());
        assert!(form.form.changed());
    }

    #[test]
    fn place_and_consent_are_chosen_with_left_and_right_not_typed() {
        let mut form = PlanForm::gesprek(today());
        typed(&mut form, G_PLACE, "loket");
        assert_eq!(form.form.value(G_PLACE), "thuis", "typing changes nothing");
        assert!(form.form.handle(Action::CursorRight));
        assert_eq!(form.form.value(G_PLACE), "op het loket");
        form.form.handle(Action::CursorLeft);
        form.form.handle(Action::CursorLeft);
        assert_eq!(form.form.value(G_PLACE), "telefonisch");
        assert_eq!(form.form.value(G_CONSENT), text::PICK);
        assert!(form.to_gesprek(today()).is_ok(), "nobody consulted");
        form.form.focus = G_CONSENT;
        form.form.handle(Action::CursorLeft);
        assert_eq!(form.form.value(G_CONSENT), "nee");
        typed(&mut form, G_NOTE, "ja");
        assert_eq!(form.form.value(G_NOTE), "ja", "a typed row still types");
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
        right(&mut form, A_HOW, 1);
        assert!(matches!(
            form.to_answer(today()),
            Ok(Answer::Akkoord {
                how: HowAgreed::Mondeling,
                ..
            })
        ));
        right(&mut form, A_AGREED, 1);
        assert_eq!(form.form.value(A_AGREED), "geen akkoord");
        typed(&mut form, A_POINT, "Wil geen buurvrouw bij de post");
        let Ok(Answer::GeenAkkoord { requested, .. }) = form.to_answer(today()) else {
            panic!("geen akkoord");
        };
        assert_eq!(requested, None);
    }
}
