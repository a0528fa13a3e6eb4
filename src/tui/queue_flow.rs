//! The wachtrij in the app: loading the lists (again when another desk changed them), opening
//! an item, and the actions with their confirmation or note.

use std::sync::Arc;

use crate::domain::account::{Role, User};
use crate::domain::dates::dutch_moment;
use crate::domain::hours::dutch_local;
use crate::domain::policy::{self, Permission};
use crate::domain::queue::{QueueAction, Target, all_teams, apply};
use crate::store::{QueueError, QueueView, ShareError, StoreError};

use super::action::Action;
use super::app::{App, Phase, View};
use super::queue_view::{PromptKind, QueueScreen};
use super::text;

impl App {
    fn queue_screen_mut(&mut self) -> Option<&mut QueueScreen> {
        match &mut self.phase {
            Phase::Working(session) => Some(&mut session.queue),
            _ => None,
        }
    }

    /// The wachtrij screen of the signed-in user.
    pub fn queue_screen(&self) -> Option<&QueueScreen> {
        match &self.phase {
            Phase::Working(session) => Some(&session.queue),
            _ => None,
        }
    }

    /// The teams an item can be sent on to.
    pub(super) fn forward_targets(&self) -> Vec<Target> {
        all_teams(self.leefgebieden(), &self.postcodes.wijken())
    }

    /// Loads the counts and the current view's items.
    pub(super) fn reload_queue(&mut self) {
        let now = (self.clock)();
        let Some(user) = self.user().cloned() else {
            return;
        };
        let Some(view) = self.queue_screen().map(QueueScreen::current_view) else {
            return;
        };
        let loaded = self.store.queue_counts(&user, now).and_then(|counts| {
            Ok((
                counts,
                self.store.queue(&user, view, now)?,
                self.store.data_version()?,
            ))
        });
        match loaded {
            Ok((counts, items, version)) => {
                if let Some(screen) = self.queue_screen_mut() {
                    screen.counts = counts;
                    screen.replace_items(items);
                    screen.data_version = version;
                }
            }
            Err(e) => {
                tracing::error!("wachtrij laden mislukt: {e}");
                self.status = Some(text::ERROR_DATABASE.to_string());
            }
        }
    }

    /// Reloads the wachtrij when another desk changed the database since the last load.
    pub(super) fn refresh_queue_if_changed(&mut self) {
        let on_queue =
            matches!(&self.phase, Phase::Working(s) if s.view == View::Queue && s.locked.is_none());
        if !on_queue {
            return;
        }
        let known = self.queue_screen().map_or(-1, |s| s.data_version);
        if self.store.data_version().is_ok_and(|v| v != known) {
            self.reload_queue();
        }
    }

    pub(super) fn update_queue(&mut self, action: Action) {
        let page = 10;
        if self.queue_screen().is_some_and(|s| s.prompt.is_some()) {
            return self.update_prompt(action);
        }
        if self.queue_screen().is_some_and(|s| s.filtering) {
            return self.update_filter(action);
        }
        if action == Action::FocusSearch {
            if let Some(screen) = self.queue_screen_mut() {
                screen.detail = None;
                screen.filtering = true;
            }
            return;
        }
        if action == Action::Back
            && self
                .queue_screen()
                .is_some_and(|s| s.detail.is_none() && !s.filter.value().is_empty())
        {
            if let Some(screen) = self.queue_screen_mut() {
                screen.filter.edit(Action::ClearField);
                screen.apply_filter();
            }
            return;
        }
        if action == Action::Back && self.queue_screen().is_some_and(|s| s.detail.is_some()) {
            if let Some(screen) = self.queue_screen_mut() {
                screen.detail = None;
            }
            return;
        }
        if self
            .queue_screen_mut()
            .and_then(|s| s.scroll_detail(action, page))
            .is_some()
        {
            return;
        }
        let kind = match action {
            Action::OpenItem => return self.open_item(),
            Action::ClaimItem => PromptKind::Claim,
            Action::ReleaseItem => PromptKind::Release,
            Action::ForwardItem => PromptKind::Forward,
            Action::AppointmentItem => PromptKind::Appointment,
            Action::ContactItem => PromptKind::ContactAttempt,
            Action::CloseItem => PromptKind::Close,
            Action::MarkItem => {
                if let Some(screen) = self.queue_screen_mut() {
                    screen.toggle_mark();
                }
                return;
            }
            Action::ShareCase => PromptKind::Share,
            Action::ReassignItems => PromptKind::Reassign,
            other => {
                let changed = self
                    .queue_screen_mut()
                    .and_then(|s| s.navigate(other, page));
                if changed == Some(true) {
                    self.reload_queue();
                }
                if let Some(screen) = self.queue_screen_mut() {
                    screen.detail = None;
                }
                return;
            }
        };
        // Say at once what cannot be done, before anything is typed for it.
        if let Some(refusal) = self.item_action_refusal(action) {
            self.status = Some(refusal);
            return;
        }
        let people = match kind {
            PromptKind::Reassign => Some((text::LABEL_ASSIGNEE, self.assignees())),
            PromptKind::Share => Some((text::LABEL_COLLEAGUE, self.possible_readers())),
            _ => None,
        };
        let reference = Arc::clone(self.store.reference());
        if let Some(screen) = self.queue_screen_mut() {
            screen.start_prompt(kind, &reference.leefgebieden);
            if let (Some(prompt), Some((label, names))) = (screen.prompt.as_mut(), people) {
                prompt.pick_from(label, names);
            }
        }
    }

    /// Who a coördinator can give the chosen items to: active medewerkers of every chosen
    /// item's team.
    fn assignees(&self) -> Vec<String> {
        let Some(screen) = self.queue_screen() else {
            return Vec::new();
        };
        let chosen = screen.chosen_items();
        let leefgebieden = self.leefgebieden();
        let teams: Vec<_> = screen
            .loaded
            .iter()
            .filter(|item| chosen.contains(&item.id))
            .map(|item| item.target.case_team(leefgebieden))
            .collect();
        self.colleagues(|user| {
            user.role == Role::Medewerker && teams.iter().all(|team| policy::serves(user, team))
        })
    }

    /// Who may read along with a case: active colleagues in a role that reads involved cases.
    fn possible_readers(&self) -> Vec<String> {
        let me = self.user().map(|u| u.id);
        self.colleagues(|user| Some(user.id) != me && policy::may_be_reader(user.role))
    }

    /// The names of the active accounts that `fits`, sorted.
    fn colleagues(&self, fits: impl Fn(&User) -> bool) -> Vec<String> {
        match self.store.users() {
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

    /// Typing in the filter line (`/`): the list follows every key; Enter keeps the filter,
    /// Esc clears it, ↑/↓ go back to the list.
    fn update_filter(&mut self, action: Action) {
        let Some(screen) = self.queue_screen_mut() else {
            return;
        };
        match action {
            Action::Submit => screen.filtering = false,
            Action::Back => {
                screen.filter.edit(Action::ClearField);
                screen.filtering = false;
                screen.apply_filter();
            }
            Action::Toggle | Action::ToggleBack => {
                screen.filtering = false;
                let step = if action == Action::Toggle {
                    Action::Down
                } else {
                    Action::Up
                };
                screen.navigate(step, 10);
            }
            other => {
                if screen.filter.edit(other) {
                    screen.selected = 0;
                    screen.apply_filter();
                }
            }
        }
    }

    /// Opens the selected item: handover note, intake and history, permission-checked and
    /// audited (by the store).
    fn open_item(&mut self) {
        let Some(id) = self
            .queue_screen()
            .and_then(|s| s.selected_item())
            .map(|i| i.id)
        else {
            return;
        };
        let Some(user) = self.user().cloned() else {
            return;
        };
        let now = (self.clock)();
        match self
            .store
            .queue_detail(id, &user, &self.settings.origin, now)
        {
            Ok(detail) => {
                if let Some(screen) = self.queue_screen_mut() {
                    screen.open_detail(detail);
                }
            }
            Err(StoreError::NoAccess) => self.status = Some(text::NO_ACCESS.to_string()),
            Err(e) => {
                tracing::error!("wachtrij-item openen mislukt: {e}");
                self.status = Some(text::ERROR_DATABASE.to_string());
            }
        }
    }

    fn update_prompt(&mut self, action: Action) {
        let targets = self.forward_targets();
        let now = dutch_local((self.clock)());
        let Some(screen) = self.queue_screen_mut() else {
            return;
        };
        let Some(prompt) = screen.prompt.as_mut() else {
            return;
        };
        let confirm = prompt.kind == PromptKind::Claim;
        match action {
            Action::Back | Action::No => screen.prompt = None,
            Action::Submit if prompt.kind == PromptKind::Share => {
                let item = prompt.item;
                match prompt.picked().map(str::to_string) {
                    None => prompt.message = Some(text::NAME_COLLEAGUE.to_string()),
                    Some(name) => self.share(item, &name),
                }
            }
            Action::Submit if prompt.kind == PromptKind::Reassign => {
                match prompt.picked().map(str::to_string) {
                    None => prompt.message = Some(text::NAME_ASSIGNEE.to_string()),
                    Some(name) => {
                        let ids = screen.chosen_items();
                        self.reassign(&ids, &name);
                    }
                }
            }
            Action::Submit | Action::Yes => {
                let request = prompt.action(&targets, now.date());
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
                    Ok(request) => self.act_on_item(id, request),
                }
            }
            other if !confirm => {
                prompt.handle(other);
            }
            _ => {}
        }
    }

    /// Assigns several items at once; the status says which succeeded and why others did not.
    fn reassign(&mut self, ids: &[i64], name: &str) {
        let Some(user) = self.user().cloned() else {
            return;
        };
        let now = (self.clock)();
        match self
            .store
            .reassign(ids, name, &user, &self.settings.origin, now)
        {
            Ok(results) => {
                let done: Vec<i64> = results
                    .iter()
                    .filter(|(_, r)| r.is_ok())
                    .map(|(id, _)| *id)
                    .collect();
                let refused: Vec<String> =
                    results.into_iter().filter_map(|(_, r)| r.err()).collect();
                self.status = Some(text::reassigned(&done, &refused));
                if let Some(screen) = self.queue_screen_mut() {
                    screen.prompt = None;
                    screen.marked.clear();
                }
                self.reload_queue();
            }
            Err(e) => {
                tracing::error!("toewijzen mislukt: {e}");
                self.status = Some(text::ERROR_SAVE.to_string());
            }
        }
    }

    /// Lets a colleague read the case of the item's household; the store checks that the user
    /// is its regisseur.
    fn share(&mut self, item: i64, name: &str) {
        let Some(user) = self.user().cloned() else {
            return;
        };
        let household = self
            .queue_screen()
            .and_then(|s| s.items.iter().find(|i| i.id == item))
            .and_then(|i| i.household_id);
        let now = (self.clock)();
        match self
            .store
            .share_case(household, name, &user, &self.settings.origin, now)
        {
            Ok(reader) => {
                self.status = Some(text::shared_with(&reader.name));
                let detail_open = self.queue_screen().is_some_and(|s| s.detail.is_some());
                if let Some(screen) = self.queue_screen_mut() {
                    screen.prompt = None;
                }
                if detail_open {
                    self.open_item();
                }
            }
            Err(ShareError::Store(e)) => {
                tracing::error!("dossier delen mislukt: {e}");
                if let Some(prompt) = self.queue_screen_mut().and_then(|s| s.prompt.as_mut()) {
                    prompt.message = Some(text::ERROR_SAVE.to_string());
                }
            }
            Err(refusal) => {
                if let Some(prompt) = self.queue_screen_mut().and_then(|s| s.prompt.as_mut()) {
                    prompt.message = Some(refusal.to_string());
                }
            }
        }
    }

    fn act_on_item(&mut self, id: i64, request: QueueAction) {
        let Some(user) = self.user().cloned() else {
            return;
        };
        let now = (self.clock)();
        let result = self
            .store
            .queue_act(id, &user, &request, &self.settings.origin, now);
        match result {
            Ok(_) => {
                if let Some(screen) = self.queue_screen_mut() {
                    screen.prompt = None;
                    screen.detail = None;
                }
                self.status = Some(text::queue_done(request.name(), id));
                self.reload_queue();
            }
            // A claim someone else made first: nothing to confirm any more.
            Err(QueueError::Refused(message)) if matches!(request, QueueAction::Claim) => {
                if let Some(screen) = self.queue_screen_mut() {
                    screen.prompt = None;
                }
                self.status = Some(message);
                self.reload_queue();
            }
            Err(QueueError::Refused(message)) => {
                if let Some(prompt) = self.queue_screen_mut().and_then(|s| s.prompt.as_mut()) {
                    prompt.message = Some(message);
                }
                self.reload_queue();
            }
            Err(e) => {
                tracing::error!("wachtrij-actie mislukt: {e}");
                if let Some(prompt) = self.queue_screen_mut().and_then(|s| s.prompt.as_mut()) {
                    prompt.message = Some(text::ERROR_SAVE.to_string());
                }
            }
        }
    }
}

/// The keys that act on the selected item (o p a k t d m), in the key bar's order.
pub const ITEM_ACTIONS: [Action; 7] = [
    Action::ClaimItem,
    Action::ContactItem,
    Action::AppointmentItem,
    Action::CloseItem,
    Action::ReleaseItem,
    Action::ForwardItem,
    Action::ShareCase,
];

impl App {
    /// Why `action` cannot be done on the selected item now, by the same rule the store
    /// applies: the item's state, and on a claimed item only who holds it or a coördinator.
    /// `None` when it can (or when it is not an action on the item's state).
    fn item_action_refusal(&self, action: Action) -> Option<String> {
        let item = self.queue_screen().and_then(QueueScreen::selected_item)?;
        let user = self.user()?;
        let note = "-".to_string();
        let request = match action {
            Action::ClaimItem => QueueAction::Claim,
            Action::ContactItem => QueueAction::ContactAttempt {
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

    /// Whether the key bar offers `action` for the selected item (see
    /// [`App::item_action_refusal`]); sharing only to who took the item on.
    pub fn queue_item_offers(&self, action: Action) -> bool {
        if !ITEM_ACTIONS.contains(&action) {
            return true;
        }
        let Some(item) = self.queue_screen().and_then(QueueScreen::selected_item) else {
            return false;
        };
        if action == Action::ShareCase {
            return item.household_id.is_some() && item.claimed_by_id == self.user().map(|u| u.id);
        }
        self.item_action_refusal(action).is_none()
    }
}

/// The tab label of a view with its count.
pub fn tab_label(view: QueueView, counts: &[(QueueView, usize)]) -> String {
    let count = counts
        .iter()
        .find(|(v, _)| *v == view)
        .map_or(0, |(_, n)| *n);
    format!("{} ({count})", view.name())
}
