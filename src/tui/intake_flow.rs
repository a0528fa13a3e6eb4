//! The intake in the app: moving between the kaart and the form, the live route suggestion,
//! saving (and handing over), drafts, today's contacts and linking a household.

use chrono::{DateTime, Datelike, Utc};

use crate::domain::gesprekshulp::GivenAnswer;
use crate::domain::hours::dutch_local;
use crate::domain::intake::{FinishedQuestion, RouteSuggestion};
use crate::domain::queue::contact_by;
use crate::domain::routing::{RoutingInput, UNKNOWN_WIJK, kept_answers, route_label, suggest};
use crate::domain::validation::{normalized, validate_intake};
use crate::domain::workdays::add_working_days;

use super::action::Action;
use super::app::{App, Overlay, Phase, Session, View};
use super::form::TextField;
use super::intake_form::{IntakeForm, Request, Row, Text};
use super::kaart_view::Focus;
use super::keymap::Context;
use super::selection::moved;
use super::text;
use crate::domain::household_query::{self, Identifier};
use crate::store::{ContactQuestion, HouseholdMatch, SavedIntake, StoreError};

/// The route advice for an intake, with what it was based on.
pub struct Advice {
    pub suggestion: RouteSuggestion,
    /// The resident's wijk from the postcode, if known.
    pub wijk: Option<String>,
    /// The Sociaal Team's wijk for a manual choice: the resident's, else the desk's.
    pub team_wijk: String,
    /// The gesprekshulp's answers that change the route: the only ones saved.
    pub kept_answers: Vec<GivenAnswer>,
}

impl App {
    pub fn session(&self) -> Option<&Session> {
        match &self.phase {
            Phase::Working(session) => Some(session),
            _ => None,
        }
    }

    pub(super) fn session_mut(&mut self) -> Option<&mut Session> {
        match &mut self.phase {
            Phase::Working(session) => Some(session),
            _ => None,
        }
    }

    pub(super) fn new_intake_form(&self, location: &str) -> IntakeForm {
        IntakeForm::new(location, self.leefgebieden())
    }

    pub(super) fn set_view(&mut self, view: View) {
        if let Some(session) = self.session_mut() {
            session.view = view;
        }
    }

    /// The intake form of the signed-in user.
    pub fn intake_form(&self) -> Option<&IntakeForm> {
        self.session().map(|s| s.intake.as_ref())
    }

    /// The verwijs-scan's advice for the intake as it stands.
    pub fn route_advice(&self) -> Option<Advice> {
        let session = self.session()?;
        let intake = &session.intake.intake;
        let wijk = self
            .postcodes
            .wijk_of(&intake.resident.postcode)
            .map(String::from);
        let desk_wijk = self
            .postcodes
            .wijk_in_location(&session.user.location)
            .map(String::from);
        let danger_words = self
            .catalog
            .as_ref()
            .map(|c| c.index.vocabulary().danger_words(&intake.question))
            .unwrap_or_default();
        let input = RoutingInput {
            intake,
            wijk: wijk.as_deref(),
            desk_wijk: desk_wijk.as_deref(),
            danger_words: &danger_words,
        };
        let suggestion = suggest(&input, self.leefgebieden());
        let kept_answers = kept_answers(&intake.answers);
        let team_wijk = wijk
            .clone()
            .or(desk_wijk)
            .unwrap_or_else(|| UNKNOWN_WIJK.to_string());
        Some(Advice {
            suggestion,
            wijk,
            team_wijk,
            kept_answers,
        })
    }

    pub(super) fn update_intake(&mut self, action: Action) {
        let in_panel = self.session().is_some_and(|s| s.intake.panel.focused);
        match action {
            Action::Save => return self.save_intake(),
            Action::ToggleQuestions => return self.toggle_questions(),
            Action::NextQuestion => return self.next_question(),
            _ if in_panel => return self.update_questions(action),
            Action::MyContacts => return self.open_my_contacts(),
            Action::Back => return self.set_view(View::Kaart),
            _ => {}
        }
        let team_wijk = self.route_advice().map(|a| a.team_wijk).unwrap_or_default();
        let Some(session) = self.session_mut() else {
            return;
        };
        match session.intake.handle(action, &team_wijk) {
            Some(Request::FindHousehold) => {
                let mut query = TextField::new(text::HOUSEHOLD_SEARCH, 80);
                let known = session
                    .intake
                    .household_hint
                    .as_ref()
                    .map(|(text, _)| text.clone());
                for c in known.unwrap_or_default().chars() {
                    query.edit(Action::Insert(c));
                }
                let matches = self.households_like(household_query::identifier(query.value()));
                self.overlay = Some(Overlay::Household {
                    query,
                    matches,
                    selected: 0,
                });
            }
            Some(Request::PickAdvice) => {
                session.view = View::Kaart;
                self.kaart.focus = Focus::Search;
                self.refresh_results();
                let hint = if self.own_strength_first() {
                    text::OWN_STRENGTH_FIRST
                } else {
                    text::PICK_ADVICE
                };
                self.status = Some(hint.to_string());
            }
            Some(Request::PickRoute(typed)) => self.open_route_picker(typed),
            Some(Request::None) | None => {
                self.look_for_known_household();
                self.recheck_intake();
            }
        }
        self.suggest_leefgebieden();
    }

    /// After a refused save, every change checks the form again: a message goes as soon as
    /// its field is right, and no new ones appear before the next save.
    pub(super) fn recheck_intake(&mut self) {
        if self.intake_form().is_none_or(|f| f.errors.is_empty()) {
            return;
        }
        let Some(advice) = self.route_advice() else {
            return;
        };
        let year = dutch_local((self.clock)()).year();
        let Some(form) = self.session_mut().map(|s| &mut s.intake) else {
            return;
        };
        let now = validate_intake(&form.intake, &advice.suggestion, year);
        let before = std::mem::take(&mut form.errors);
        form.errors = now
            .into_iter()
            .filter(|e| before.iter().any(|b| b.field == e.field))
            .collect();
    }

    /// The households a full identifier names (audited by the store); none, and no search at
    /// all, while the identifier is not yet full.
    fn households_like(&self, identifier: Option<Identifier>) -> Vec<HouseholdMatch> {
        let (Some(identifier), Some(user)) = (identifier, self.user()) else {
            return Vec::new();
        };
        self.store
            .find_households(&identifier, user, &self.settings.origin, (self.clock)())
            .unwrap_or_else(|e| {
                tracing::error!("huishoudens zoeken mislukt: {e}");
                Vec::new()
            })
    }

    /// While name, phone or postcode is typed: is this household already known? Then the desk
    /// sees it at once, so no second track starts (1 huishouden, 1 plan, 1 regisseur).
    fn look_for_known_household(&mut self) {
        let Some(session) = self.session() else {
            return;
        };
        let form = &session.intake;
        let Row::Text(Text::Name | Text::Phone | Text::Postcode | Text::HouseNumber) =
            form.focused()
        else {
            return;
        };
        if form.intake.household_id.is_some() {
            return;
        }
        let resident = &form.intake.resident;
        let identifier = household_query::from_fields(
            &resident.name,
            &resident.phone,
            &resident.postcode,
            &resident.house_number,
        );
        // What the search overlay starts with, so Enter there finds the same households.
        let typed = match &identifier {
            Some(Identifier::Phone(phone)) => phone.clone(),
            Some(Identifier::NameAndAddress {
                name,
                postcode,
                house_number,
            }) => [Some(name), postcode.as_ref(), house_number.as_ref()]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(" "),
            None => String::new(),
        };
        let found = self.households_like(identifier).len();
        if let Some(session) = self.session_mut() {
            session.intake.household_hint = (found > 0).then_some((typed, found));
        }
    }

    /// Enter on a service: to the advice when an intake is open, else its details.
    pub(super) fn choose_service(&mut self) {
        let (Some(catalog), Some(hit)) = (self.catalog.clone(), self.kaart.selected_hit().cloned())
        else {
            return;
        };
        let Some(session) = self.session_mut() else {
            return;
        };
        if session.intake.has_input() {
            let added = session.intake.add_advice(&hit.id, &catalog);
            let name = catalog
                .kaart
                .service(&hit.id)
                .map_or("", |s| s.name.as_str());
            self.status = Some(if added {
                text::added_to_advice(name)
            } else {
                text::already_in_advice(name)
            });
        } else {
            self.kaart.detail_expanded = !self.kaart.detail_expanded;
        }
    }

    fn open_my_contacts(&mut self) {
        let Some(user) = self.user() else { return };
        // The days the taker may read an intake back (need-to-know), today included.
        let now = (self.clock)();
        let days = self.settings.privacy.own_intake_days;
        let first_day =
            dutch_local(now - chrono::Duration::days(days)).date() + chrono::Days::new(1);
        match self
            .store
            .intakes_of(user.id, first_day, dutch_local(now).date())
        {
            Ok(items) => self.overlay = Some(Overlay::MyContacts { items, selected: 0 }),
            Err(e) => {
                tracing::error!("contacten lezen mislukt: {e}");
                self.status = Some(text::ERROR_DATABASE.to_string());
            }
        }
    }

    pub(super) fn update_intake_overlay(&mut self, overlay: Overlay, action: Action) {
        match (overlay, action) {
            (Overlay::MyContacts { items, selected }, Action::Up | Action::Down) => {
                let selected = moved(action, selected, items.len(), 1).unwrap_or(selected);
                self.overlay = Some(Overlay::MyContacts { items, selected });
            }
            (Overlay::MyContacts { items, selected }, Action::Submit) => {
                self.overlay = None;
                if let Some(item) = items.get(selected) {
                    self.reopen(item.id);
                }
            }
            (
                Overlay::Household {
                    query,
                    matches,
                    selected,
                },
                Action::Up | Action::Down,
            ) => {
                let selected = moved(action, selected, matches.len(), 1).unwrap_or(selected);
                self.overlay = Some(Overlay::Household {
                    query,
                    matches,
                    selected,
                });
            }
            (
                Overlay::Household {
                    matches, selected, ..
                },
                Action::Submit,
            ) => {
                self.overlay = None;
                let Some(found) = matches.get(selected) else {
                    return;
                };
                if let Some(user) = self.user() {
                    let object = format!("huishouden:{}", found.id);
                    self.audit(user, "huishouden koppelen", &object, "gelukt");
                }
                if let Some(session) = self.session_mut() {
                    session.intake.link_household(found);
                }
            }
            (Overlay::Household { mut query, .. }, edit) if edit != Action::Back => {
                query.edit(edit);
                let matches = self.households_like(household_query::identifier(query.value()));
                self.overlay = Some(Overlay::Household {
                    query,
                    matches,
                    selected: 0,
                });
            }
            (_, Action::Back) => self.overlay = None,
            (overlay, _) => self.overlay = Some(overlay),
        }
    }

    /// Opens a saved intake of today for correction.
    fn reopen(&mut self, id: i64) {
        let Some(user) = self.user().cloned() else {
            return;
        };
        match self
            .store
            .intake(id, &user, &self.settings.origin, (self.clock)())
        {
            Ok(Some(intake)) => {
                if let Some(session) = self.session_mut() {
                    session.intake.intake = intake;
                    session.intake.editing = Some(id);
                    session.intake.focus(0);
                    session.view = View::Intake;
                }
            }
            Ok(None) => {}
            Err(StoreError::NoAccess) => self.status = Some(text::NO_ACCESS.to_string()),
            Err(e) => {
                tracing::error!("intake openen mislukt: {e}");
                self.status = Some(text::ERROR_DATABASE.to_string());
            }
        }
    }

    /// The question being typed, checked and made ready to store (only the answers that
    /// changed the route kept); `None` after showing what to fix.
    fn finish_question(&mut self) -> Option<FinishedQuestion> {
        let advice = self.route_advice()?;
        let year = dutch_local((self.clock)()).year();
        let form = &mut self.session_mut()?.intake;
        form.errors = validate_intake(&form.intake, &advice.suggestion, year);
        if !form.errors.is_empty() {
            form.focus_first_error();
            let count = form.errors.len();
            let next = self
                .keymap
                .key_for(Context::Intake, Action::NextError, false);
            self.status = Some(text::not_saved(count, next));
            return None;
        }
        let mut intake = normalized(&form.intake, &advice.suggestion);
        // Data minimisation: what did not change the route was guidance, not a record.
        intake.answers = advice.kept_answers;
        Some(FinishedQuestion {
            intake,
            suggestion: advice.suggestion,
            wijk: advice.wijk,
        })
    }

    /// "Nog een vraag": the question is finished and the next one of the same contact starts;
    /// all of them are saved together with `Ctrl-S`.
    pub(super) fn next_question(&mut self) {
        if self.intake_form().is_some_and(|f| f.editing.is_some()) {
            self.status = Some(text::NO_NEXT_WHILE_CORRECTING.to_string());
            return;
        }
        let Some(finished) = self.finish_question() else {
            return;
        };
        let route = route_label(
            finished.intake.effective_route(&finished.suggestion),
            self.leefgebieden(),
        );
        if let Some(form) = self.session_mut().map(|s| &mut s.intake) {
            form.start_next_question(finished);
            let number = form.earlier.len();
            self.status = Some(text::question_finished(number, &route));
        }
    }

    /// Validates and saves the intake (with its handover) in one transaction, together with the
    /// contact's earlier questions. A blank last question after "nog een vraag" is left out.
    /// On any problem the form keeps everything that was typed.
    fn save_intake(&mut self) {
        let now = (self.clock)();
        let origin = self.settings.origin.clone();
        let Some(form) = self.intake_form() else {
            return;
        };
        let earlier = form.earlier.clone();
        let blank = form.intake.question.trim().is_empty() && form.intake.leefgebieden.is_empty();
        let editing = form.editing;
        let current = if blank && !earlier.is_empty() {
            None
        } else {
            match self.finish_question() {
                Some(finished) => Some(finished),
                None => return,
            }
        };
        let Some(user) = self.user().cloned() else {
            return;
        };
        let mut questions = earlier;
        questions.extend(current);
        let saved = match (editing, questions.as_slice()) {
            (Some(id), [only]) => self
                .store
                .correct_intake(
                    &user,
                    id,
                    &only.intake,
                    &only.suggestion,
                    only.wijk.as_deref(),
                    &origin,
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
                self.store.save_contact(&user, &contact, &origin, now)
            }
        };
        match saved {
            Ok(saved) => {
                self.status = Some(self.saved_message(&questions, &saved, now));
                let fresh = self.new_intake_form(&user.location);
                if let Some(session) = self.session_mut() {
                    *session.intake = fresh;
                }
                let _ = self.store.discard_draft(user.id);
            }
            Err(e) => {
                tracing::error!("intake opslaan mislukt: {e}");
                self.status = Some(text::ERROR_SAVE.to_string());
            }
        }
    }

    /// What the desk tells the resident: per handover the team and the day by which they are
    /// called at the latest; the route of a question handled at the desk.
    fn saved_message(
        &self,
        questions: &[FinishedQuestion],
        saved: &[SavedIntake],
        now: DateTime<Utc>,
    ) -> String {
        let reference = self.store.reference();
        let (leefgebieden, terms) = (&reference.leefgebieden, &reference.terms);
        let parts: Vec<String> = questions
            .iter()
            .zip(saved)
            .map(|(question, saved)| {
                let item = saved
                    .queue_item
                    .and_then(|id| self.store.queue_item(id, now).ok().flatten());
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
}
