//! State of the wachtrij screen (F4): the view tabs with their counts, the items, the
//! selection (kept on the same item when the list changes underneath), the open item and the
//! prompt of an action.

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::Frame;
use ratatui::layout::Rect;
use strum::VariantArray;

use crate::domain::ReferenceData;
use crate::domain::account::User;
use crate::domain::dates::{Toward, parse_moment};
use crate::domain::plan::PlanWork;
use crate::domain::queue::{Outcome, QueueAction, Target};
use crate::store::{QueueDetail, QueueItem, QueueView, RegieOffer};

use super::action::Action;
use super::form::{FieldKind, TextField};
use super::keymap::Context;
use super::picker::Picker;
use super::queue_actions::ITEM_ACTIONS;
use super::queue_regie::REGIE_ACTIONS;
use super::screen::{DrawContext, Effect, Screen, ScreenContext};
use super::selection::moved;
use super::text::{self, capitalized};
use crate::text::folded_words;

/// Which action a prompt asks details for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    Claim,
    Release,
    Forward,
    /// A warm handover to a body outside the municipality, with what was passed on.
    HandOverOutside,
    Appointment,
    ContactAttempt,
    Close,
    /// Assign the marked items (or the selected one) to a named professional.
    Reassign,
    /// Let a named colleague read the household's case.
    Share,
    /// The coördinator names the household's regisseur.
    AssignRegie,
    /// The regisseur offers the regie to a named colleague, with a reason.
    HandOnRegie,
    /// Answer a regie offer; the prompt's `item` is then the offer's id.
    AnswerOffer,
    /// Opschaling to the Expertiseteam, with a reason.
    Escalate,
    /// Close the household's case, with a reason, confirmed.
    CloseCase,
}

/// The short confirmation or note an action asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub item: i64,
    pub kind: PromptKind,
    /// Choices of the first row (outcomes, reached or not); empty when none.
    pub choices: Vec<String>,
    /// A list to pick from by typing (a team to send to, a colleague); the first row.
    pub picker: Option<Picker>,
    /// Handing regie on: the colleague and the team of each of the picker's options.
    pub successors: Vec<(String, Target)>,
    pub choice: usize,
    /// The appointment moment, for an appointment.
    pub moment: TextField,
    pub note: TextField,
    /// 0: the choice or moment row, 1: the note.
    pub row: usize,
    pub message: Option<String>,
    /// An appointment moment in the past the user was asked about: Enter again records it.
    pub past_confirmed: Option<NaiveDateTime>,
    /// The act is asked about once more (closing a case): `j` does it, anything else goes
    /// back to the prompt with everything typed still there.
    pub confirming: bool,
}

/// Where a key moved the wachtrij screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Navigation {
    /// The key is not a move.
    None,
    InList,
    /// Another tab: its items must be loaded.
    OtherView,
}

pub struct QueueScreen {
    /// The tabs of the user's role, and the one shown.
    pub views: Vec<QueueView>,
    pub view: usize,
    pub counts: Vec<(QueueView, usize)>,
    /// The items of the view as loaded, and those the filter (`/`) lets through.
    pub loaded: Vec<QueueItem>,
    pub items: Vec<QueueItem>,
    /// Words that must each appear in an item's team, wijk or state.
    pub filter: TextField,
    /// The filter line has the focus.
    pub filtering: bool,
    pub selected: usize,
    pub detail: Option<QueueDetail>,
    /// How far the opened item is scrolled; a draw at another size cuts it to what fits there.
    pub detail_scroll: usize,
    pub prompt: Option<Prompt>,
    /// `PRAGMA data_version` at the last load: another desk changed the queue when it moves.
    pub data_version: i64,
    pub forward_targets: Vec<Target>,
    /// Items marked for reassigning several at once.
    pub marked: Vec<i64>,
    /// Regie colleagues offered the user, waiting for an answer.
    pub regie_offers: Vec<RegieOffer>,
    /// What the plans the user directs ask now, most urgent first.
    pub plan_work: Vec<PlanWork>,
}

impl QueueScreen {
    pub fn new(forward_targets: Vec<Target>, views: Vec<QueueView>) -> QueueScreen {
        QueueScreen {
            views,
            view: 0,
            counts: Vec::new(),
            loaded: Vec::new(),
            items: Vec::new(),
            filter: TextField::new(text::LABEL_FILTER, 60),
            filtering: false,
            selected: 0,
            detail: None,
            detail_scroll: 0,
            prompt: None,
            data_version: -1,
            forward_targets,
            marked: Vec::new(),
            regie_offers: Vec::new(),
            plan_work: Vec::new(),
        }
    }

    pub fn current_view(&self) -> QueueView {
        self.views[self.view.min(self.views.len() - 1)]
    }

    pub fn selected_item(&self) -> Option<&QueueItem> {
        self.items.get(self.selected)
    }

    /// Puts in a fresh list, keeping the selection on the same item where it still is.
    pub fn replace_items(&mut self, items: Vec<QueueItem>) {
        self.loaded = items;
        self.apply_filter();
    }

    /// Shows the loaded items the filter lets through, keeping the selection where it can.
    pub fn apply_filter(&mut self) {
        let kept = self.selected_item().map(|i| i.id);
        let words = folded_words(self.filter.value());
        self.items = self
            .loaded
            .iter()
            .filter(|item| {
                let haystack = folded_words(&format!(
                    "{} {} {}",
                    item.target_label,
                    item.wijk.as_deref().unwrap_or_default(),
                    item.state.name()
                ))
                .join(" ");
                words.iter().all(|w| haystack.contains(w.as_str()))
            })
            .cloned()
            .collect();
        self.selected = kept
            .and_then(|id| self.items.iter().position(|i| i.id == id))
            .unwrap_or(self.selected.min(self.items.len().saturating_sub(1)));
    }

    /// Moves through the list or the tabs.
    pub fn navigate(&mut self, action: Action, page: usize) -> Navigation {
        if let Some(selected) = moved(action, self.selected, self.items.len(), page) {
            self.selected = selected;
            return Navigation::InList;
        }
        if !matches!(action, Action::NextField | Action::PreviousField) {
            return Navigation::None;
        }
        let n = self.views.len();
        self.view = if action == Action::NextField {
            (self.view + 1) % n
        } else {
            (self.view + n - 1) % n
        };
        self.selected = 0;
        Navigation::OtherView
    }

    /// Shows an opened item from its top.
    pub fn open_detail(&mut self, detail: Option<QueueDetail>) {
        self.detail = detail;
        self.detail_scroll = 0;
    }

    /// Scrolls the opened item, no further than `max`, `page` lines a page; `None` when the
    /// action is not a scroll. ↓ at the end stays there: only Esc closes the item.
    pub fn scroll_detail(&mut self, action: Action, (max, page): (usize, usize)) -> Option<()> {
        self.detail.as_ref()?;
        let at = self.detail_scroll.min(max);
        self.detail_scroll = moved(action, at, max + 1, page)?;
        Some(())
    }

    /// Marks or unmarks the selected item.
    pub fn toggle_mark(&mut self) {
        let Some(id) = self.selected_item().map(|i| i.id) else {
            return;
        };
        match self.marked.iter().position(|m| *m == id) {
            Some(p) => {
                self.marked.remove(p);
            }
            None => self.marked.push(id),
        }
    }

    /// The items an action on "these items" means: the marked ones, else the selected one.
    pub fn chosen_items(&self) -> Vec<i64> {
        if self.marked.is_empty() {
            self.selected_item().map(|i| vec![i.id]).unwrap_or_default()
        } else {
            self.marked.clone()
        }
    }

    /// Opens the prompt for an action on the selected item.
    pub fn start_prompt(&mut self, kind: PromptKind, reference: &ReferenceData) {
        let Some(item) = self.selected_item() else {
            return;
        };
        let mut prompt = Prompt::new(item.id, kind);
        if kind == PromptKind::Forward {
            let labels = self
                .forward_targets
                .iter()
                .map(|t| t.label(reference))
                .collect();
            prompt.pick_from(text::LABEL_TEAM, labels);
        }
        if kind == PromptKind::HandOverOutside {
            let bodies = reference.routing.external();
            prompt.pick_from(
                text::LABEL_OUTSIDE,
                bodies.iter().map(text::outside_option).collect(),
            );
        }
        self.prompt = Some(prompt);
    }
}

impl PromptKind {
    /// Whether the first row is typed (a moment) rather than chosen.
    pub fn has_text_first_row(self) -> bool {
        self == PromptKind::Appointment
    }

    /// Whether the action takes a note for the item's history (or a reason for the case).
    pub fn has_note(self) -> bool {
        !matches!(
            self,
            PromptKind::Claim
                | PromptKind::Reassign
                | PromptKind::Share
                | PromptKind::AssignRegie
                | PromptKind::AnswerOffer
        )
    }
}

impl Prompt {
    /// A fresh prompt of `kind` about `item` (an offer's id for [`PromptKind::AnswerOffer`]),
    /// with the focus on its first row, else on the note.
    pub fn new(item: i64, kind: PromptKind) -> Prompt {
        let choices = match kind {
            PromptKind::ContactAttempt => {
                vec![text::NOT_REACHED.to_string(), text::REACHED.to_string()]
            }
            PromptKind::Close => Outcome::VARIANTS
                .iter()
                .map(|o| o.name().to_string())
                .collect(),
            PromptKind::AnswerOffer => text::OFFER_ANSWERS.map(str::to_string).to_vec(),
            _ => Vec::new(),
        };
        let mut prompt = Prompt {
            item,
            kind,
            choices,
            picker: None,
            successors: Vec::new(),
            choice: 0,
            moment: TextField::new(text::LABEL_MOMENT, 80),
            note: TextField::new(text::note_label(kind), 500),
            row: 0,
            message: None,
            past_confirmed: None,
            confirming: false,
        };
        if !prompt.has_first_row() && kind.has_note() {
            prompt.row = 1;
        }
        prompt
    }

    /// Whether the prompt has a first row (a choice, a moment, a list) besides the note.
    pub fn has_first_row(&self) -> bool {
        !self.choices.is_empty() || self.kind.has_text_first_row() || self.picker.is_some()
    }

    /// Opens the first row as a list to pick from.
    pub fn pick_from(&mut self, label: &'static str, options: Vec<String>) {
        self.picker = Some(Picker::new(label, options));
        self.row = 0;
    }

    /// The option picked in the list, if any.
    pub fn picked(&self) -> Option<&str> {
        let picker = self.picker.as_ref()?;
        picker.chosen().map(|i| picker.options[i].as_str())
    }

    /// Handing regie on: the colleague and team picked, if any.
    pub fn picked_successor(&self) -> Option<&(String, Target)> {
        self.successors.get(self.picker.as_ref()?.chosen()?)
    }

    /// Edits the prompt; returns whether the action was the prompt's. ↑/↓ and Tab move
    /// between the rows and never change a choice; on the choice row ←/→ and Space change it
    /// and letters do nothing, so a note typed in the wrong place cannot change the outcome.
    pub fn handle(&mut self, action: Action) -> bool {
        let on_choice = self.row == 0 && !self.choices.is_empty();
        if self.row == 0
            && let Some(picker) = self.picker.as_mut()
        {
            if matches!(action, Action::NextField | Action::PreviousField) {
                if self.kind.has_note() {
                    self.row = 1;
                }
                return true;
            }
            self.message = None;
            return picker.handle(action);
        }
        match action {
            Action::NextField | Action::PreviousField
                if self.has_first_row() && self.kind.has_note() =>
            {
                self.row = 1 - self.row
            }
            // In the dialog's text context ↑/↓ arrive as toggle-back/toggle.
            Action::ToggleBack | Action::Up if self.has_first_row() => self.row = 0,
            Action::Toggle | Action::Down if self.has_first_row() && self.kind.has_note() => {
                self.row = 1
            }
            Action::CursorRight | Action::Insert(' ') | Action::Toggle if on_choice => {
                self.choice = (self.choice + 1) % self.choices.len()
            }
            Action::CursorLeft | Action::ToggleBack if on_choice => {
                let n = self.choices.len();
                self.choice = (self.choice + n - 1) % n;
            }
            _ if on_choice => return false,
            other if self.row == 0 && self.kind.has_text_first_row() => {
                return self.moment.edit(other);
            }
            other if self.kind.has_note() => return self.note.edit(other),
            _ => return false,
        }
        true
    }

    /// The store action this prompt stands for, or why it cannot be made yet.
    pub fn action(
        &self,
        forward_targets: &[Target],
        today: NaiveDate,
    ) -> Result<QueueAction, String> {
        let note = self.note.value().trim().to_string();
        Ok(match self.kind {
            PromptKind::Claim => QueueAction::Claim,
            PromptKind::Release => QueueAction::Release { note },
            PromptKind::Forward => QueueAction::Forward {
                to: self
                    .picker
                    .as_ref()
                    .and_then(Picker::chosen)
                    .and_then(|i| forward_targets.get(i))
                    .cloned()
                    .ok_or_else(|| text::CHOOSE_TARGET.to_string())?,
                note,
            },
            PromptKind::Appointment => {
                let at = parse_moment(self.moment.value(), today, Toward::Future)
                    .map_err(|e| capitalized(&e.to_string()))?;
                QueueAction::Appointment { at, note }
            }
            PromptKind::ContactAttempt => QueueAction::ContactAttempt {
                reached: self.choice == 1,
                note,
            },
            PromptKind::Close => QueueAction::Close {
                outcome: Outcome::VARIANTS[self.choice],
                note,
            },
            PromptKind::Reassign => return Err(text::NAME_ASSIGNEE.to_string()),
            PromptKind::Share => return Err(text::NAME_COLLEAGUE.to_string()),
            PromptKind::HandOverOutside => return Err(text::CHOOSE_OUTSIDE.to_string()),
            PromptKind::AssignRegie
            | PromptKind::HandOnRegie
            | PromptKind::AnswerOffer
            | PromptKind::Escalate
            | PromptKind::CloseCase => return Err(text::NOT_AN_ITEM_ACTION.to_string()),
        })
    }
}

impl Screen for QueueScreen {
    fn title(&self) -> &'static str {
        text::QUEUE_TITLE
    }

    fn contexts(&self) -> (Vec<Context>, bool) {
        match &self.prompt {
            Some(prompt) if prompt.kind == PromptKind::Claim || prompt.confirming => {
                (vec![Context::Bevestigen, Context::Global], false)
            }
            Some(_) => (
                vec![Context::Vraag, Context::Tekstveld, Context::Global],
                true,
            ),
            None if self.filtering => (
                vec![Context::Vraag, Context::Tekstveld, Context::Global],
                true,
            ),
            None => (vec![Context::Wachtrij, Context::Global], false),
        }
    }

    fn help_contexts(&self) -> &'static [Context] {
        &[
            Context::Wachtrij,
            Context::Bevestigen,
            Context::Vraag,
            Context::Tekstveld,
        ]
    }

    fn choice_focus(&self) -> Option<(FieldKind, Context)> {
        self.prompt
            .as_ref()
            .filter(|p| p.row == 0 && !p.choices.is_empty())
            .map(|_| (FieldKind::Choice, Context::Vraag))
    }

    /// The item keys by the rule of [`QueueScreen::item_action_refusal`]; sharing only to who
    /// took the item on.
    fn offers(&self, action: Action, user: &User) -> bool {
        if action == Action::RegieOffers {
            return !self.regie_offers.is_empty();
        }
        if action == Action::OpenPlan {
            return self
                .selected_item()
                .is_some_and(|i| i.household_id.is_some());
        }
        if REGIE_ACTIONS.contains(&action) {
            return self.offers_regie(action, user);
        }
        if !ITEM_ACTIONS.contains(&action) {
            return true;
        }
        let Some(item) = self.selected_item() else {
            return false;
        };
        if action == Action::ShareCase {
            return item.household_id.is_some() && item.claimed_by_id == Some(user.id);
        }
        self.item_action_refusal(action, user).is_none()
    }

    fn catch_up(&mut self, ctx: &mut ScreenContext) {
        self.reload_if_changed(ctx);
    }

    fn update(&mut self, action: Action, ctx: &mut ScreenContext) -> Effect {
        if action == Action::OpenPlan && self.prompt.is_none() && !self.filtering {
            return match self.selected_item().and_then(|i| i.household_id) {
                Some(household) => Effect::OpenPlan(household),
                None => {
                    ctx.say(text::NO_HOUSEHOLD);
                    Effect::None
                }
            };
        }
        self.update_queue(action, ctx);
        Effect::None
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &DrawContext) {
        super::screens::queue::draw(frame, area, self, ctx);
    }
}
