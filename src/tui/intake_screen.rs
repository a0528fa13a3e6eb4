//! What the intake screen does: the live route suggestion, saving (and handing over) and "nog
//! een vraag". The form's own state and keys are in `intake_form`; today's contacts and the
//! household link in `intake_contacts`; the route picker and the gesprekshulp panel in
//! `intake_keys` and `question_panel`.

use chrono::{DateTime, Datelike, Utc};

use crate::domain::gesprekshulp::GivenAnswer;
use crate::domain::hours::dutch_local;
use crate::domain::intake::Intake;
use crate::domain::intake::{FinishedQuestion, RouteSuggestion};
use crate::domain::queue::contact_by;
use crate::domain::regie::to_regisseur;
use crate::domain::routing::{
    AdviceFact, RoutingInput, danger, kept_answers, route_label, suggest_contact,
};
use crate::domain::validation::{FieldError, InContact, normalized, validate_in_contact};
use crate::domain::workdays::add_working_days;
use crate::domain::{Leefgebieden, ReferenceData};

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::account::User;
use crate::search::Catalog;
use crate::store::{ContactQuestion, SavedIntake, Store};

use super::action::Action;
use super::app::View;
use super::form::FieldKind;
use super::intake_form::{IntakeForm, Request, Row};
use super::keymap::Context;
use super::screen::{DrawContext, Effect, Screen, ScreenContext};
use super::text;

/// The route advice for an intake, with what it was based on.
pub struct Advice {
    pub suggestion: RouteSuggestion,
    /// The resident's wijk from the postcode, if known.
    pub wijk: Option<String>,
    /// The Sociaal Teams the desk may choose: the resident's wijk, else the desk's, else every
    /// wijk of the gemeente to pick from (never an orphan team, D9).
    pub team_wijken: Vec<String>,
    /// The gesprekshulp's answers that change the route: the only ones saved.
    pub kept_answers: Vec<GivenAnswer>,
    /// Danger words in the question: the desk answers "Is er nu direct gevaar?".
    pub danger_found: bool,
    /// The advice is for the whole contact: its earlier questions count too.
    pub for_contact: bool,
}

/// A fresh intake form for a desk at `location`.
pub fn new_intake_form(location: &str, leefgebieden: &Leefgebieden) -> IntakeForm {
    IntakeForm::new(location, leefgebieden)
}

/// What the verwijs-scan reads of one question besides the intake itself.
struct Facts {
    wijk: Option<String>,
    danger_words: Vec<String>,
    advice: Vec<AdviceFact>,
}

fn facts(intake: &Intake, reference: &ReferenceData, catalog: Option<&Catalog>) -> Facts {
    let wijk = reference
        .postcodes
        .wijk_of(&intake.resident.postcode)
        .map(String::from);
    let vocabulary_found = catalog
        .map(|c| c.index.vocabulary().danger_words(&intake.question))
        .unwrap_or_default();
    let danger_words = danger::danger_with_vocabulary(&intake.question, &vocabulary_found);
    let advice = catalog
        .map(|c| {
            let services = intake.advice.iter().filter_map(|id| c.index.line_of(id));
            services
                .map(|s| AdviceFact::new(s.name, s.referral_required, s.laag))
                .collect()
        })
        .unwrap_or_default();
    Facts {
        wijk,
        danger_words,
        advice,
    }
}

/// The verwijs-scan's advice for the intake as it stands: with the contact's earlier
/// questions routed together with it (D6), and to the regisseur for a household with a
/// lopend traject.
pub fn route_advice(
    form: &IntakeForm,
    user: &User,
    reference: &ReferenceData,
    catalog: Option<&Catalog>,
) -> Advice {
    let intake = &form.intake;
    let desk_wijk = reference
        .postcodes
        .wijk_in_location(&user.location)
        .map(String::from);
    let questions: Vec<&Intake> = form
        .earlier
        .iter()
        .map(|q| &q.intake)
        .chain([intake])
        .collect();
    let all_facts: Vec<Facts> = questions
        .iter()
        .map(|q| facts(q, reference, catalog))
        .collect();
    let inputs: Vec<RoutingInput> = questions
        .iter()
        .zip(&all_facts)
        .map(|(intake, facts)| RoutingInput {
            intake,
            wijk: facts.wijk.as_deref(),
            desk_wijk: desk_wijk.as_deref(),
            danger_words: &facts.danger_words,
            advice: &facts.advice,
        })
        .collect();
    let mut suggestion = suggest_contact(&inputs, &reference.leefgebieden);
    if let (Some(route), Some(regie)) = (&form.regie_route, &form.regie) {
        suggestion = to_regisseur(suggestion, route.clone(), &regie.team);
    }
    let own = all_facts.last().expect("the question being typed");
    let wijk = own.wijk.clone();
    let team_wijken = match wijk.clone().or(desk_wijk) {
        Some(wijk) => vec![wijk],
        None => reference
            .postcodes
            .wijken()
            .into_iter()
            .map(String::from)
            .collect(),
    };
    Advice {
        suggestion,
        wijk,
        team_wijken,
        kept_answers: kept_answers(&intake.answers),
        danger_found: !own.danger_words.is_empty(),
        for_contact: !form.earlier.is_empty(),
    }
}

impl IntakeForm {
    fn advice(&self, ctx: &ScreenContext) -> Advice {
        route_advice(self, ctx.user, ctx.reference, ctx.catalog.map(|c| &**c))
    }

    /// What keeps the question from being saved, among the contact's others and for the
    /// household's regisseur.
    fn validate(&self, advice: &Advice, ctx: &ScreenContext) -> Vec<FieldError> {
        let context = InContact {
            joins_case: self.regie_route.is_some(),
            note_given: self
                .earlier
                .iter()
                .any(|q| !q.intake.handover_note.trim().is_empty()),
        };
        let year = dutch_local(ctx.now).year();
        validate_in_contact(&self.intake, &advice.suggestion, year, context)
    }

    /// After a refused save, every change checks the form again: a message goes as soon as
    /// its field is right, and no new ones appear before the next save.
    pub fn recheck(&mut self, ctx: &ScreenContext) {
        if self.errors.is_empty() {
            return;
        }
        let advice = self.advice(ctx);
        let now = self.validate(&advice, ctx);
        let before = std::mem::take(&mut self.errors);
        self.errors = now
            .into_iter()
            .filter(|e| before.iter().any(|b| b.field == e.field))
            .collect();
    }

    /// The question being typed, checked and made ready to store (only the answers that
    /// changed the route kept); `None` after showing what to fix.
    fn finish_question(&mut self, ctx: &mut ScreenContext) -> Option<FinishedQuestion> {
        let advice = self.advice(ctx);
        self.errors = self.validate(&advice, ctx);
        if !self.errors.is_empty() {
            self.focus_first_error();
            let count = self.errors.len();
            let next = ctx
                .keymap
                .key_for(Context::Intake, Action::NextError, false);
            ctx.say(text::not_saved(count, next));
            return None;
        }
        let mut intake = normalized(&self.intake, &advice.suggestion);
        // Data minimisation: what did not change the route was guidance, not a record.
        intake.answers = advice.kept_answers;
        // Following the advice to the regisseur is no track of its own, whatever was typed.
        if intake.route.is_none() {
            intake.own_track_reason.clear();
        }
        Some(FinishedQuestion {
            intake,
            suggestion: advice.suggestion,
            wijk: advice.wijk,
        })
    }

    /// "Nog een vraag": the question is finished and the next one of the same contact starts;
    /// all of them are saved together with `Ctrl-S`.
    fn next_question(&mut self, ctx: &mut ScreenContext) {
        if self.editing.is_some() {
            return ctx.say(text::NO_NEXT_WHILE_CORRECTING);
        }
        let Some(finished) = self.finish_question(ctx) else {
            return;
        };
        let route = route_label(
            finished.intake.effective_route(&finished.suggestion),
            &ctx.reference.leefgebieden,
        );
        self.start_next_question(finished);
        ctx.say(text::question_finished(self.earlier.len(), &route));
    }

    /// Validates and saves the intake (with its handover) in one transaction, together with the
    /// contact's earlier questions. A blank last question after "nog een vraag" is left out.
    /// On any problem the form keeps everything that was typed.
    fn save(&mut self, ctx: &mut ScreenContext) {
        let earlier = self.earlier.clone();
        let blank = self.intake.question.trim().is_empty() && self.intake.leefgebieden.is_empty();
        let current = if blank && !earlier.is_empty() {
            None
        } else {
            match self.finish_question(ctx) {
                Some(finished) => Some(finished),
                None => return,
            }
        };
        let (user, origin, now) = (ctx.user, ctx.settings.origin.as_str(), ctx.now);
        let mut questions = earlier;
        questions.extend(current);
        // The contact's questions go together along the route the last advice gave for all
        // of them (D6): one handover.
        if let Some(last) = questions.last().map(|q| q.suggestion.clone()) {
            for question in &mut questions {
                question.suggestion = last.clone();
            }
        }
        let saved = match (self.editing, questions.as_slice()) {
            (Some(id), [only]) => ctx
                .store
                .correct_intake(
                    user,
                    id,
                    &only.intake,
                    &only.suggestion,
                    only.wijk.as_deref(),
                    origin,
                    now,
                )
                .map(|saved| saved.into_iter().collect::<Vec<_>>()),
            _ => {
                let contact: Vec<ContactQuestion> = questions
                    .iter()
                    .map(|q| ContactQuestion {
                        intake: &q.intake,
                        suggestion: &q.suggestion,
                        wijk: q.wijk.as_deref(),
                    })
                    .collect();
                ctx.store.save_contact(user, &contact, origin, now)
            }
        };
        match saved {
            Ok(saved) => {
                ctx.say(saved_message(ctx.store, &questions, &saved, now));
                *self = new_intake_form(&user.location, &ctx.reference.leefgebieden);
                if let Err(e) = ctx.store.discard_draft(user.id) {
                    tracing::error!("concept weggooien mislukt: {e}");
                }
            }
            Err(e) => ctx.save_failed("intake opslaan", e),
        }
    }

    /// F3 from the kaart: a question typed there into an empty form becomes its *Vraag*, so
    /// the resident's words are not typed twice.
    pub fn carry_question(&mut self, query: &str, ctx: &mut ScreenContext) {
        let query = query.trim();
        if query.is_empty() || self.has_input() {
            return;
        }
        self.intake.question = query.to_string();
        self.dirty = true;
        self.focus(self.cursor);
        self.suggest_leefgebieden(ctx);
        ctx.say(text::QUESTION_CARRIED);
    }

    /// The leefgebieden the vocabulary finds in the question, shown next to them on the form.
    fn suggest_leefgebieden(&mut self, ctx: &ScreenContext) {
        if let Some(catalog) = ctx.catalog {
            self.suggested = catalog
                .index
                .vocabulary()
                .leefgebieden_in(&self.intake.question);
        }
    }
}

impl Screen for IntakeForm {
    fn title(&self) -> &'static str {
        text::INTAKE_TITLE
    }

    fn contexts(&self) -> (Vec<Context>, bool) {
        if self.panel.focused {
            (vec![Context::Vragen, Context::Global], false)
        } else if matches!(self.focused(), Row::Advice(_)) {
            (
                vec![
                    Context::Advies,
                    Context::Keuze,
                    Context::Intake,
                    Context::Global,
                ],
                false,
            )
        } else if self.focused().is_text() {
            (
                vec![Context::Intake, Context::Tekstveld, Context::Global],
                true,
            )
        } else {
            (
                vec![Context::Keuze, Context::Intake, Context::Global],
                false,
            )
        }
    }

    fn help_contexts(&self) -> &'static [Context] {
        &[
            Context::Intake,
            Context::Tekstveld,
            Context::Keuze,
            Context::Advies,
            Context::Vragen,
        ]
    }

    fn choice_focus(&self) -> Option<(FieldKind, Context)> {
        // Typing on the route filters its list (see `intake_keys`), so it is no mistake.
        if self.panel.focused || self.focused() == Row::Route {
            return None;
        }
        self.focused().kind().map(|k| (k, Context::Keuze))
    }

    fn field_errors(&self) -> usize {
        self.errors.len()
    }

    fn update(&mut self, action: Action, ctx: &mut ScreenContext) -> Effect {
        match action {
            Action::Save => {
                self.save(ctx);
                return Effect::None;
            }
            Action::ToggleQuestions => {
                self.panel.focused = !self.panel.focused;
                return Effect::None;
            }
            Action::NextQuestion => {
                self.next_question(ctx);
                return Effect::None;
            }
            _ if self.panel.focused => {
                let chosen = ctx.questions.for_intake(&self.intake.leefgebieden);
                if self.panel.handle(action, &chosen, &mut self.intake.answers) {
                    self.dirty = true;
                }
                return Effect::None;
            }
            Action::MyContacts => {
                self.open_my_contacts(ctx);
                return Effect::None;
            }
            Action::Back => return Effect::Show(View::Kaart),
            _ => {}
        }
        let team_wijken = self.advice(ctx).team_wijken;
        let effect = match self.handle(action, &team_wijken) {
            Some(Request::FindHousehold) => {
                self.find_household(ctx);
                Effect::None
            }
            Some(Request::PickAdvice) => Effect::PickAdvice,
            Some(Request::PickRoute(typed)) => {
                self.open_route_picker(typed, ctx);
                Effect::None
            }
            Some(Request::None) | None => {
                self.look_for_known_household(ctx);
                self.recheck(ctx);
                Effect::None
            }
        };
        self.suggest_leefgebieden(ctx);
        self.danger_found = self.advice(ctx).danger_found;
        effect
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &DrawContext) {
        let advice = route_advice(self, ctx.user, ctx.reference, ctx.catalog);
        super::screens::intake::draw(frame, area, self, &advice, ctx);
    }
}

/// What the desk tells the resident: per handover the team and the day by which they are
/// called at the latest; the route of a question handled at the desk.
fn saved_message(
    store: &Store,
    questions: &[FinishedQuestion],
    saved: &[SavedIntake],
    now: DateTime<Utc>,
) -> String {
    let reference = store.reference();
    let (leefgebieden, terms) = (&reference.leefgebieden, &reference.terms);
    let parts: Vec<String> = questions
        .iter()
        .zip(saved)
        .map(|(question, saved)| {
            let item = saved
                .queue_item
                .and_then(|id| store.queue_item(id, now).ok().flatten());
            match item {
                Some(item) => {
                    let by = contact_by(
                        dutch_local(item.created_at),
                        item.kind,
                        item.urgentie,
                        &item.target_label,
                        terms,
                    );
                    // "Vóór" the next working day: the whole last day still counts.
                    let before = add_working_days(by, 1, terms.rules());
                    text::called_by(&item.target_label, before)
                }
                None => route_label(
                    question.intake.effective_route(&question.suggestion),
                    leefgebieden,
                ),
            }
        })
        .collect();
    text::saved(&parts.join("; "))
}
