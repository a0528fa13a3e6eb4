//! What the wachtrij screen does: loading the lists (again when another desk changed them),
//! opening an item, and the actions with their confirmation or note.

use crate::domain::ReferenceData;
use crate::domain::account::{Role, User};
use crate::domain::dates::dutch_moment;
use crate::domain::hours::dutch_local;
use crate::domain::policy::{self, Permission};
use crate::domain::queue::{QueueAction, Target, all_teams, apply};
use crate::store::{QueueError, QueueView, ShareError, StoreError};

use super::action::Action;
use super::queue_screen::{Navigation, PromptKind, QueueScreen};
use super::screen::ScreenContext;
use super::screens::queue;
use super::text;

/// The teams an item can be sent on to.
pub fn forward_targets(reference: &ReferenceData) -> Vec<Target> {
    all_teams(reference)
}

impl QueueScreen {
    /// Loads the counts and the current view's items.
    pub fn reload(&mut self, ctx: &mut ScreenContext) {
        let (user, now, view) = (ctx.user, ctx.now, self.current_view());
        let store = &*ctx.store;
        let loaded = store
            .queue_counts(user, now)
            .and_then(|counts| Ok((counts, store.queue(user, view, now)?, store.data_version()?)));
        match loaded {
            Ok((counts, items, version)) => {
                self.counts = counts;
                self.replace_items(items);
                self.data_version = version;
                self.load_regie_offers(ctx);
            }
            Err(e) => ctx.db_failed("wachtrij laden", e),
        }
    }

    /// Reloads the wachtrij when another desk changed the database since the last load.
    pub fn reload_if_changed(&mut self, ctx: &mut ScreenContext) {
        if ctx
            .store
            .data_version()
            .is_ok_and(|v| v != self.data_version)
        {
            self.reload(ctx);
        }
    }

    pub(super) fn update_queue(&mut self, action: Action, ctx: &mut ScreenContext) {
        if self.update_regie_prompt(action, ctx) {
            return;
        }
        if self.prompt.is_some() {
            return self.update_prompt(action, ctx);
        }
        if self.filtering {
            return self.update_filter(action);
        }
        if action == Action::FocusSearch {
            self.detail = None;
            self.filtering = true;
            return;
        }
        if action == Action::Back && self.detail.is_none() && !self.filter.value().is_empty() {
            self.filter.edit(Action::ClearField);
            self.apply_filter();
            return;
        }
        if action == Action::Back && self.detail.is_some() {
            self.detail = None;
            return;
        }
        let room = queue::detail_room(ctx.area, self, &ctx.reference.leefgebieden);
        if self.scroll_detail(action, room).is_some() || self.start_regie(action, ctx) {
            return;
        }
        let kind = match action {
            Action::OpenItem => return self.open_item(ctx),
            Action::ClaimItem => PromptKind::Claim,
            Action::ReleaseItem => PromptKind::Release,
            Action::ForwardItem => PromptKind::Forward,
            Action::HandOverOutside => PromptKind::HandOverOutside,
            Action::AppointmentItem => PromptKind::Appointment,
            Action::ContactItem => PromptKind::ContactAttempt,
            Action::CloseItem => PromptKind::Close,
            Action::MarkItem => return self.toggle_mark(),
            Action::ShareCase => PromptKind::Share,
            Action::ReassignItems => PromptKind::Reassign,
            other => {
                if self.navigate(other, queue::page(ctx.area, self)) == Navigation::OtherView {
                    self.reload(ctx);
                }
                self.detail = None;
                return;
            }
        };
        // Say at once what cannot be done, before anything is typed for it.
        if let Some(refusal) = self.item_action_refusal(action, ctx.user) {
            ctx.say(refusal);
            return;
        }
        let people = match kind {
            PromptKind::Reassign => Some((text::LABEL_ASSIGNEE, self.assignees(ctx))),
            PromptKind::Share => Some((text::LABEL_COLLEAGUE, possible_readers(ctx))),
            _ => None,
        };
        self.start_prompt(kind, ctx.reference);
        if let (Some(prompt), Some((label, names))) = (self.prompt.as_mut(), people) {
            prompt.pick_from(label, names);
        }
    }

    /// Who a coördinator can give the chosen items to: active medewerkers of every chosen
    /// item's team.
    fn assignees(&self, ctx: &mut ScreenContext) -> Vec<String> {
        let chosen = self.chosen_items();
        let teams: Vec<_> = self
            .loaded
            .iter()
            .filter(|item| chosen.contains(&item.id))
            .map(|item| item.team())
            .collect();
        colleagues(ctx, |user| {
            user.role == Role::Medewerker && teams.iter().all(|team| policy::serves(user, team))
        })
    }

    /// Typing in the filter line (`/`): the list follows every key; Enter keeps the filter,
    /// Esc clears it, ↑/↓ go back to the list.
    fn update_filter(&mut self, action: Action) {
        match action {
            Action::Submit => self.filtering = false,
            Action::Back => {
                self.filter.edit(Action::ClearField);
                self.filtering = false;
                self.apply_filter();
            }
            Action::Toggle | Action::ToggleBack => {
                self.filtering = false;
                let step = if action == Action::Toggle {
                    Action::Down
                } else {
                    Action::Up
                };
                // One row: no page is involved.
                self.navigate(step, 1);
            }
            other => {
                if self.filter.edit(other) {
                    self.selected = 0;
                    self.apply_filter();
                }
            }
        }
    }

    /// Opens the selected item: handover note, intake and history, permission-checked and
    /// audited (by the store).
    pub(super) fn open_item(&mut self, ctx: &mut ScreenContext) {
        let Some(id) = self.selected_item().map(|i| i.id) else {
            return;
        };
        match ctx
            .store
            .queue_detail(id, ctx.user, &ctx.settings.origin, ctx.now)
        {
            Ok(detail) => self.open_detail(detail),
            Err(StoreError::NoAccess) => ctx.say(text::NO_ACCESS),
            Err(e) => ctx.db_failed("wachtrij-item openen", e),
        }
    }

    fn update_prompt(&mut self, action: Action, ctx: &mut ScreenContext) {
        let now = dutch_local(ctx.now);
        let chosen = self.chosen_items();
        let Some(prompt) = self.prompt.as_mut() else {
            return;
        };
        let confirm = prompt.kind == PromptKind::Claim;
        match action {
            Action::Back | Action::No => self.prompt = None,
            Action::Submit if prompt.kind == PromptKind::Share => {
                let item = prompt.item;
                match prompt.picked().map(str::to_string) {
                    None => prompt.message = Some(text::NAME_COLLEAGUE.to_string()),
                    Some(name) => self.share(item, &name, ctx),
                }
            }
            Action::Submit if prompt.kind == PromptKind::HandOverOutside => {
                let item = prompt.item;
                let picked = prompt.picker.as_ref().and_then(|p| p.chosen());
                let body = picked.and_then(|i| ctx.reference.routing.external().get(i));
                match body.map(|b| (b.code.clone(), b.name.clone())) {
                    None => prompt.message = Some(text::CHOOSE_OUTSIDE.to_string()),
                    Some(body) => {
                        let passed_on = prompt.note.value().to_string();
                        self.hand_over_outside(item, body, &passed_on, ctx);
                    }
                }
            }
            Action::Submit if prompt.kind == PromptKind::Reassign => {
                match prompt.picked().map(str::to_string) {
                    None => prompt.message = Some(text::NAME_ASSIGNEE.to_string()),
                    Some(name) => self.reassign(&chosen, &name, ctx),
                }
            }
            Action::Submit | Action::Yes => {
                let request = prompt.action(&self.forward_targets, now.date());
                let id = prompt.item;
                match request {
                    Err(message) => prompt.message = Some(message),
                    // A moment already past is asked about once: Enter again records it.
                    Ok(QueueAction::Appointment { at, .. })
                        if at < now && prompt.past_confirmed != Some(at) =>
                    {
                        prompt.past_confirmed = Some(at);
                        prompt.message = Some(text::appointment_in_past(&dutch_moment(at)));
                    }
                    Ok(request) => self.act_on_item(id, request, ctx),
                }
            }
            other if !confirm => {
                prompt.handle(other);
            }
            _ => {}
        }
    }

    /// Tells the open dialog what went wrong.
    fn tell_prompt(&mut self, message: String) {
        if let Some(prompt) = self.prompt.as_mut() {
            prompt.message = Some(message);
        }
    }

    /// Assigns several items at once; the status says which succeeded and why others did not.
    fn reassign(&mut self, ids: &[i64], name: &str, ctx: &mut ScreenContext) {
        match ctx
            .store
            .reassign(ids, name, ctx.user, &ctx.settings.origin, ctx.now)
        {
            Ok(results) => {
                let done: Vec<i64> = results
                    .iter()
                    .filter(|(_, r)| r.is_ok())
                    .map(|(id, _)| *id)
                    .collect();
                let refused: Vec<String> =
                    results.into_iter().filter_map(|(_, r)| r.err()).collect();
                ctx.say(text::reassigned(&done, &refused));
                self.prompt = None;
                self.marked.clear();
                self.reload(ctx);
            }
            Err(e) => ctx.save_failed("toewijzen", e),
        }
    }

    /// Lets a colleague read the case of the item's household; the store checks that the user
    /// is its regisseur.
    fn share(&mut self, item: i64, name: &str, ctx: &mut ScreenContext) {
        let household = self
            .items
            .iter()
            .find(|i| i.id == item)
            .and_then(|i| i.household_id);
        match ctx
            .store
            .share_case(household, name, ctx.user, &ctx.settings.origin, ctx.now)
        {
            Ok(reader) => {
                ctx.say(text::shared_with(&reader.name));
                self.prompt = None;
                if self.detail.is_some() {
                    self.open_item(ctx);
                }
            }
            Err(ShareError::Store(e)) => {
                tracing::error!("dossier delen mislukt: {e}");
                self.tell_prompt(text::ERROR_SAVE.to_string());
            }
            Err(refusal) => self.tell_prompt(refusal.to_string()),
        }
    }

    /// Records a warm handover outside; a refusal (nothing passed on, not held) is told in
    /// the prompt, keeping what was typed.
    fn hand_over_outside(
        &mut self,
        id: i64,
        (code, name): (String, String),
        passed_on: &str,
        ctx: &mut ScreenContext,
    ) {
        let (user, origin, now) = (ctx.user, &ctx.settings.origin, ctx.now);
        match ctx
            .store
            .hand_over_outside(id, &code, passed_on, user, origin, now)
        {
            Ok(()) => {
                self.prompt = None;
                ctx.say(text::handed_over_outside(id, &name));
                self.reload(ctx);
                if self.detail.is_some() {
                    self.open_item(ctx);
                }
            }
            Err(QueueError::Refused(message)) => self.tell_prompt(message),
            Err(e) => {
                tracing::error!("warme overdracht mislukt: {e}");
                self.tell_prompt(text::ERROR_SAVE.to_string());
            }
        }
    }

    fn act_on_item(&mut self, id: i64, request: QueueAction, ctx: &mut ScreenContext) {
        let result = ctx
            .store
            .queue_act(id, ctx.user, &request, &ctx.settings.origin, ctx.now);
        match result {
            Ok(_) => {
                self.prompt = None;
                self.detail = None;
                ctx.say(text::queue_done(request.name(), id));
                self.reload(ctx);
            }
            // A claim someone else made first: nothing to confirm any more.
            Err(QueueError::Refused(message)) if matches!(request, QueueAction::Claim) => {
                self.prompt = None;
                ctx.say(message);
                self.reload(ctx);
            }
            Err(QueueError::Refused(message)) => {
                self.tell_prompt(message);
                self.reload(ctx);
            }
            Err(e) => {
                tracing::error!("wachtrij-actie mislukt: {e}");
                self.tell_prompt(text::ERROR_SAVE.to_string());
            }
        }
    }

    /// Why `action` cannot be done on the selected item now, by the same rule the store
    /// applies: the item's state, and on a claimed item only who holds it or a coördinator.
    /// `None` when it can (or when it is not an action on the item's state).
    pub(super) fn item_action_refusal(&self, action: Action, user: &User) -> Option<String> {
        let item = self.selected_item()?;
        let note = "-".to_string();
        let request = match action {
            Action::ClaimItem => QueueAction::Claim,
            // Like a contact attempt, a warm handover outside is work on a held item.
            Action::ContactItem | Action::HandOverOutside => QueueAction::ContactAttempt {
                reached: false,
                note,
            },
            Action::AppointmentItem => QueueAction::Appointment {
                at: chrono::NaiveDateTime::default(),
                note,
            },
            Action::CloseItem => QueueAction::Close {
                outcome: crate::domain::queue::Outcome::GesprekGevoerd,
                note,
            },
            Action::ReleaseItem => QueueAction::Release { note },
            Action::ForwardItem => QueueAction::Forward {
                to: Target::Expertiseteam,
                note,
            },
            _ => return None,
        };
        let someone_else = item.claimed_by_id.is_some_and(|id| id != user.id);
        if request == QueueAction::Claim
            && someone_else
            && let Some(name) = item.claimed_by.as_deref()
        {
            return Some(text::claimed_by(name));
        }
        if someone_else
            && request != QueueAction::Claim
            && !policy::allows(user.role, Permission::ReassignQueue)
        {
            return Some(text::held_by(
                item.claimed_by.as_deref().unwrap_or_default(),
            ));
        }
        apply(item.state, &request).err().map(|e| e.0)
    }
}

/// Who may read along with a case: active colleagues in a role that reads involved cases.
fn possible_readers(ctx: &mut ScreenContext) -> Vec<String> {
    let me = ctx.user.id;
    colleagues(ctx, |user| {
        user.id != me && policy::may_be_reader(user.role)
    })
}

/// The names of the active accounts that `fits`, sorted.
pub(super) fn colleagues(ctx: &mut ScreenContext, fits: impl Fn(&User) -> bool) -> Vec<String> {
    match ctx.store.users() {
        Ok(users) => {
            let mut names: Vec<String> = users
                .into_iter()
                .filter(|u| u.active && fits(u))
                .map(|u| u.name)
                .collect();
            names.sort();
            names
        }
        Err(e) => {
            tracing::error!("collega's laden mislukt: {e}");
            Vec::new()
        }
    }
}

/// The keys that act on the selected item (o p a k t d e m), in the key bar's order.
pub const ITEM_ACTIONS: [Action; 8] = [
    Action::ClaimItem,
    Action::ContactItem,
    Action::AppointmentItem,
    Action::CloseItem,
    Action::ReleaseItem,
    Action::ForwardItem,
    Action::HandOverOutside,
    Action::ShareCase,
];

/// The tab label of a view with its count.
pub fn tab_label(view: QueueView, counts: &[(QueueView, usize)]) -> String {
    let count = counts
        .iter()
        .find(|(v, _)| *v == view)
        .map_or(0, |(_, n)| *n);
    format!("{} ({count})", view.name())
}
