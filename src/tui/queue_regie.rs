//! The regie from the wachtrij: taking it or (the coördinator) assigning it, handing it on to a
//! named colleague who accepts or declines, opschaling to the Expertiseteam and closing the
//! case. The store decides and audits; a refusal is told in the open prompt, so nothing typed
//! is lost.

use crate::domain::ReferenceData;
use crate::domain::account::User;
use crate::domain::policy::{self, Permission};
use crate::domain::queue::Target;
use crate::domain::regie::{Escalation, RegieRefusal, may_direct, successors};
use crate::store::{OpenCase, RegieError, RegieOffer, StoreError};

use super::action::Action;
use super::confirm::{Answer, Question};
use super::queue_actions::colleagues;
use super::queue_screen::{Prompt, PromptKind, QueueScreen};
use super::screen::ScreenContext;
use super::text;

/// The regie keys that act on the selected item's household.
pub const REGIE_ACTIONS: [Action; 5] = [
    Action::TakeRegie,
    Action::AssignRegie,
    Action::HandOnRegie,
    Action::EscalateCase,
    Action::CloseCase,
];

impl PromptKind {
    fn is_regie(self) -> bool {
        matches!(
            self,
            PromptKind::AssignRegie
                | PromptKind::HandOnRegie
                | PromptKind::AnswerOffer
                | PromptKind::Escalate
                | PromptKind::CloseCase
        )
    }
}

impl QueueScreen {
    /// Starts what a regie key asks for; false when `action` is not one.
    pub(super) fn start_regie(&mut self, action: Action, ctx: &mut ScreenContext) -> bool {
        if action == Action::RegieOffers {
            match self.regie_offers.first() {
                Some(offer) => self.prompt = Some(Prompt::new(offer.id, PromptKind::AnswerOffer)),
                None => ctx.say(text::NO_REGIE_OFFERS),
            }
            return true;
        }
        if !REGIE_ACTIONS.contains(&action) {
            return false;
        }
        let Some((item, household)) = self
            .selected_item()
            .and_then(|i| Some((i.id, i.household_id?)))
        else {
            ctx.say(text::NO_HOUSEHOLD);
            return true;
        };
        if action == Action::TakeRegie {
            let (origin, now) = (&ctx.settings.origin, ctx.now);
            let taken = ctx.store.become_regisseur(household, ctx.user, origin, now);
            self.regie_done(taken.map(|()| text::REGIE_TAKEN.to_string()), ctx);
            return true;
        }
        let kind = match action {
            Action::AssignRegie => PromptKind::AssignRegie,
            Action::HandOnRegie => PromptKind::HandOnRegie,
            Action::EscalateCase => PromptKind::Escalate,
            _ => PromptKind::CloseCase,
        };
        let mut prompt = Prompt::new(item, kind);
        let candidates = match kind {
            PromptKind::AssignRegie => Some(directors(household, ctx)),
            PromptKind::HandOnRegie => Some(successors_of(household, ctx).map(|successors| {
                let reference = ctx.reference;
                let labels = successors
                    .iter()
                    .map(|(name, team)| text::successor(name, &team.label(reference)))
                    .collect();
                prompt.successors = successors;
                labels
            })),
            _ => None,
        };
        match candidates {
            Some(Ok(names)) => prompt.pick_from(text::LABEL_REGISSEUR, names),
            Some(Err(refusal)) => {
                ctx.say(refusal);
                return true;
            }
            None => {}
        }
        self.prompt = Some(prompt);
        true
    }

    /// Whether a regie key fits the selected item: one of a household; with the item opened,
    /// taking or assigning only while the case has no regisseur, the regisseur's acts only
    /// to the regisseur.
    pub(super) fn offers_regie(&self, action: Action, user: &User) -> bool {
        let Some(item) = self.selected_item().filter(|i| i.household_id.is_some()) else {
            return false;
        };
        let Some(case) = self
            .detail
            .as_ref()
            .filter(|d| d.item.id == item.id)
            .map(|d| d.case.as_ref().and_then(|c| c.regisseur.as_deref()))
        else {
            return true;
        };
        match action {
            Action::TakeRegie | Action::AssignRegie => case.is_none(),
            _ => case == Some(user.name.as_str()),
        }
    }

    /// Handles a key in a regie prompt; false when the open prompt is not one.
    pub(super) fn update_regie_prompt(&mut self, action: Action, ctx: &mut ScreenContext) -> bool {
        let Some(prompt) = self.prompt.as_mut().filter(|p| p.kind.is_regie()) else {
            return false;
        };
        if prompt.confirming {
            match Question::close_case().answer(action) {
                Some(Answer::Yes) => self.submit_regie(ctx),
                Some(_) => prompt.confirming = false,
                None => {}
            }
            return true;
        }
        match action {
            Action::Back => self.prompt = None,
            Action::Submit if prompt.kind == PromptKind::CloseCase => {
                if prompt.note.value().trim().is_empty() {
                    prompt.message = Some(RegieRefusal::NoReason.to_string());
                } else {
                    prompt.message = None;
                    prompt.confirming = true;
                }
            }
            Action::Submit => self.submit_regie(ctx),
            // A refusal's message goes once the user changes what it was about.
            other => {
                if prompt.handle(other) {
                    prompt.message = None;
                }
            }
        }
        true
    }

    /// Lines that say what a regie prompt is about: the offer's sender, team and reason.
    pub fn regie_prompt_about(&self, reference: &ReferenceData) -> Vec<String> {
        let Some(prompt) = self.prompt.as_ref() else {
            return Vec::new();
        };
        match prompt.kind {
            PromptKind::AnswerOffer => self
                .regie_offers
                .iter()
                .find(|o| o.id == prompt.item)
                .map(|o| text::offer_lines(&o.from, &o.team.label(reference), &o.reason))
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// The regie offers waiting for the user and the plan work of the plans they direct; only
    /// a medewerker directs.
    pub(super) fn load_regie_offers(&mut self, ctx: &mut ScreenContext) {
        if !policy::allows(ctx.user.role, Permission::DirectCase) {
            return;
        }
        let store = &*ctx.store;
        let loaded = store
            .regie_offers(ctx.user)
            .and_then(|offers| Ok((offers, store.plan_work(ctx.user, ctx.now)?)));
        match loaded {
            Ok((offers, work)) => {
                self.regie_offers = offers;
                self.plan_work = work;
            }
            Err(e) => ctx.db_failed("regie-aanbod en planwerk laden", e),
        }
    }

    fn submit_regie(&mut self, ctx: &mut ScreenContext) {
        let Some(prompt) = self.prompt.as_ref() else {
            return;
        };
        let (kind, id, choice) = (prompt.kind, prompt.item, prompt.choice);
        let reason = prompt.note.value().to_string();
        let picked = prompt.picked().map(str::to_string);
        let successor = prompt.picked_successor().cloned();
        let household = self
            .items
            .iter()
            .find(|i| i.id == id)
            .and_then(|i| i.household_id);
        let (user, origin, now) = (ctx.user, &ctx.settings.origin, ctx.now);
        let store = &mut *ctx.store;
        let result = match (kind, household, picked) {
            (PromptKind::AnswerOffer, _, _) => {
                let (accept, former_may_read) = (choice != 2, choice == 1);
                store
                    .answer_regie_offer(id, accept, former_may_read, user, origin, now)
                    .map(|()| text::offer_answered(accept))
            }
            (_, None, _) => Err(RegieError::NoCase),
            (PromptKind::AssignRegie | PromptKind::HandOnRegie, _, None) => {
                return self.tell_regie(text::NAME_REGISSEUR.to_string());
            }
            (PromptKind::AssignRegie, Some(household), Some(name)) => store
                .assign_regisseur(household, &name, user, origin, now)
                .map(|u| text::regisseur_assigned(&u.name)),
            (PromptKind::HandOnRegie, Some(household), Some(_)) => match successor {
                Some((name, team)) => store
                    .hand_on_regie(household, &name, &team, &reason, user, origin, now)
                    .map(|_| text::regie_offered(&name)),
                None => return self.tell_regie(text::NAME_REGISSEUR.to_string()),
            },
            (PromptKind::Escalate, Some(household), _) => {
                let escalation = Escalation { reason };
                store
                    .escalate(household, &escalation, user, origin, now)
                    .map(text::escalated)
            }
            (PromptKind::CloseCase, Some(household), _) => store
                .close_case(household, &reason, user, origin, now)
                .map(|()| text::CASE_CLOSED.to_string()),
            _ => return,
        };
        self.regie_done(result, ctx);
    }

    /// After a regie act: on success the prompt closes and the lists (and an opened item)
    /// show the new state; a refusal is told where the user is, keeping what they typed.
    fn regie_done(&mut self, result: Result<String, RegieError>, ctx: &mut ScreenContext) {
        match result {
            Ok(message) => {
                self.prompt = None;
                ctx.say(message);
                self.reload(ctx);
                if self.detail.is_some() {
                    self.open_item(ctx);
                }
            }
            Err(RegieError::Store(e)) => {
                tracing::error!("regie mislukt: {e}");
                self.tell_regie(text::ERROR_SAVE.to_string());
                if self.prompt.is_none() {
                    ctx.say(text::ERROR_SAVE);
                }
            }
            Err(refusal) if self.prompt.is_none() => ctx.say(refusal.to_string()),
            Err(refusal) => self.tell_regie(refusal.to_string()),
        }
    }

    fn tell_regie(&mut self, message: String) {
        if let Some(prompt) = self.prompt.as_mut() {
            prompt.confirming = false;
            prompt.message = Some(message);
        }
    }
}

/// The case's regie team, or why the household has none.
fn regie_team(case: Result<Option<OpenCase>, StoreError>) -> Result<Target, RegieError> {
    let case = case?.ok_or(RegieError::NoCase)?;
    case.regie_team
        .ok_or(RegieError::Refused(RegieRefusal::NoRegieTeam))
}

/// The active medewerkers who may direct the household's case, or the store's reason why
/// nobody can.
fn directors(household: i64, ctx: &mut ScreenContext) -> Result<Vec<String>, String> {
    let team = regie_team(ctx.store.open_case(household))
        .map_err(|e| e.to_string())?
        .case_team(ctx.reference);
    Ok(colleagues(ctx, |user| {
        may_direct(user, Some(&team)).is_ok()
    }))
}

/// Whom the regisseur may hand the household's case on to, with the team it goes to.
fn successors_of(household: i64, ctx: &mut ScreenContext) -> Result<Vec<(String, Target)>, String> {
    let current = regie_team(ctx.store.open_case(household)).map_err(|e| e.to_string())?;
    let users = ctx.store.users().map_err(|e| {
        tracing::error!("collega's laden mislukt: {e}");
        text::ERROR_DATABASE.to_string()
    })?;
    Ok(successors(&users, ctx.user.id, &current, ctx.reference)
        .into_iter()
        .map(|(user, team)| (user.name.clone(), team))
        .collect())
}

/// Whether offers are waiting, for the status line.
pub fn waiting_offers(offers: &[RegieOffer]) -> Option<String> {
    (!offers.is_empty()).then(|| text::regie_offers_waiting(offers.len()))
}
