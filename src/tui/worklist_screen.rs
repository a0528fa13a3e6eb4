//! The beheerder's worklist "Te controleren" (F6): the services to check, from old to new.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::store::{WorkItem, WorkReason};

use super::action::Action;
use super::app::{Overlay, View};
use super::beheer::{self, KaartNote};
use super::keymap::Context;
use super::screen::{DrawContext, Effect, Screen, ScreenContext};
use super::selection::moved;
use super::text;

#[derive(Debug, Default)]
pub struct WorklistScreen {
    pub items: Vec<WorkItem>,
    pub selected: usize,
}

impl WorklistScreen {
    pub fn selected_item(&self) -> Option<&WorkItem> {
        self.items.get(self.selected)
    }

    /// Puts in a fresh list, keeping the selection on the same service where it still is.
    pub fn replace_items(&mut self, items: Vec<WorkItem>) {
        let kept = self.selected_item().map(|i| i.service_id.clone());
        self.items = items;
        self.selected = kept
            .and_then(|id| self.items.iter().position(|i| i.service_id == id))
            .unwrap_or(self.selected.min(self.items.len().saturating_sub(1)));
    }

    /// Moves through the list, `page` items a page; returns whether the action was a move.
    pub fn navigate(&mut self, action: Action, page: usize) -> bool {
        match moved(action, self.selected, self.items.len(), page) {
            Some(selected) => {
                self.selected = selected;
                true
            }
            None => false,
        }
    }

    /// Loads the list again.
    pub fn reload(&mut self, ctx: &mut ScreenContext) {
        let months = ctx.settings.verify_after_months;
        match ctx.store.worklist(months, ctx.now) {
            Ok(items) => self.replace_items(items),
            Err(e) => ctx.db_failed("werklijst lezen", e),
        }
    }
}

impl Screen for WorklistScreen {
    fn title(&self) -> &'static str {
        text::WORKLIST_TITLE
    }

    fn contexts(&self) -> (Vec<Context>, bool) {
        (vec![Context::Werklijst, Context::Global], false)
    }

    fn help_contexts(&self) -> &'static [Context] {
        &[Context::Werklijst]
    }

    fn update(&mut self, action: Action, ctx: &mut ScreenContext) -> Effect {
        if self.navigate(action, super::screens::worklist::page(ctx.area, self)) {
            return Effect::None;
        }
        let Some(item) = self.selected_item().cloned() else {
            return Effect::None;
        };
        match action {
            Action::EditService => return Effect::EditService(Some(item.service_id)),
            Action::VerifyService => {
                beheer::verify_service(ctx, &item.service_id);
                self.reload(ctx);
            }
            Action::ResolveReport => match item.reasons.iter().find_map(|r| match r {
                WorkReason::Reported(report) => Some(report),
                _ => None,
            }) {
                Some(report) => {
                    *ctx.overlay = Some(Overlay::KaartNote(KaartNote::resolve(
                        report.id,
                        item.name.clone(),
                    )))
                }
                None => ctx.say(text::NO_OPEN_REPORT),
            },
            Action::Back => return Effect::Show(View::Kaart),
            _ => {}
        }
        Effect::None
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &DrawContext) {
        super::screens::worklist::draw(frame, area, self, ctx);
    }
}
