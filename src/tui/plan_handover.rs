//! The arrangement lines on the plan screen: one is selected with Tab/Shift-Tab (↑/↓ keep
//! scrolling the plan as a text, as everywhere a long text is read), the plan scrolls to it,
//! and the regisseur records its warme overdracht in a form over the plan
//! (`Store::record_handover`). A refusal stays in the form at its field, with what was typed.

use crate::domain::hours::dutch_local;
use crate::domain::plan::{ArrangementLine, Deliverer, Handover, PlanProblem};

use super::action::Action;
use super::app::Overlay;
use super::plan_handover_form::HandoverForm;
use super::plan_screen::{PlanScreen, refusal};
use super::screen::ScreenContext;
use super::text;

impl PlanScreen {
    /// The arrangement lines of the version on screen, in the order the screen shows them.
    fn line_ids(&self) -> Vec<u32> {
        let Some(plan) = &self.plan else {
            return Vec::new();
        };
        let shown = &plan.versions[self.version.min(plan.versions.len() - 1)];
        shown
            .content
            .per_layer()
            .into_iter()
            .flat_map(|(_, lines)| lines.into_iter().map(|l| l.id))
            .collect()
    }

    /// Selects the next (or previous) line, round the arrangement, and scrolls to it.
    pub(super) fn select_line(&mut self, forward: bool, ctx: &ScreenContext) {
        let ids = self.line_ids();
        if ids.is_empty() {
            return;
        }
        let n = ids.len();
        let at = self
            .selected_line
            .and_then(|id| ids.iter().position(|i| *i == id));
        let next = match (at, forward) {
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
            (None, true) => 0,
            (None, false) => n - 1,
        };
        self.selected_line = Some(ids[next]);
        self.scroll = super::screens::plan::scroll_to_line(ctx.area, self, ctx.reference);
    }

    /// Drops a selection the version on screen does not have.
    pub(super) fn keep_selection(&mut self) {
        if let Some(id) = self.selected_line
            && !self.line_ids().contains(&id)
        {
            self.selected_line = None;
        }
    }

    /// Opens the overdracht form on the selected line of the agreed version; without a
    /// selection, on the first line that still waits for one.
    pub(super) fn open_handover(&mut self, ctx: &mut ScreenContext) {
        let Some(plan) = &self.plan else {
            return ctx.say(text::HANDOVER_AFTER_AKKOORD);
        };
        let Some(agreed) = plan.agreed() else {
            return ctx.say(text::HANDOVER_AFTER_AKKOORD);
        };
        let others = || {
            agreed
                .content
                .per_layer()
                .into_iter()
                .flat_map(|(_, lines)| lines)
                .filter(|l| l.deliverer != Deliverer::Inwoner)
        };
        let line = match self.selected_line {
            Some(id) => agreed.content.arrangement.iter().find(|l| l.id == id),
            None => others()
                .find(|l| plan.handover(l.id).is_none())
                .or_else(|| others().next()),
        };
        let line: &ArrangementLine = match (line, self.selected_line) {
            (Some(line), _) if line.deliverer == Deliverer::Inwoner => {
                return ctx.say(PlanProblem::EigenInzetNotHandedOver.to_string());
            }
            (Some(line), _) => line,
            (None, Some(id)) => return ctx.say(PlanProblem::UnknownLine(id).to_string()),
            (None, None) => return ctx.say(PlanProblem::EigenInzetNotHandedOver.to_string()),
        };
        let handover = match plan.handover(line.id) {
            Some(record) => record.handover.clone(),
            None => {
                let service = match &line.deliverer {
                    Deliverer::Dienst { id, .. } => ctx.catalog.and_then(|c| c.index.line_of(id)),
                    _ => None,
                };
                let leefgebieden: Vec<&str> = service
                    .map(|s| s.leefgebieden().collect())
                    .unwrap_or_default();
                let today = dutch_local(ctx.now).date();
                Handover::proposed(line, &agreed.content, &leefgebieden, today)
            }
        };
        let (id, about) = (line.id, text::line_about(line));
        self.handover = Some(HandoverForm::new(id, about, &handover));
        if self.selected_line != Some(id) {
            self.selected_line = Some(id);
            self.scroll = super::screens::plan::scroll_to_line(ctx.area, self, ctx.reference);
        }
    }

    /// Keys while the overdracht form is open: Esc asks before dropping what was typed.
    pub(super) fn update_handover(&mut self, action: Action, ctx: &mut ScreenContext) {
        let Some(form) = self.handover.as_mut() else {
            return;
        };
        match action {
            Action::Back if form.form.changed() => {
                *ctx.overlay = Some(Overlay::ConfirmDiscardPlanForm)
            }
            Action::Back => self.handover = None,
            Action::Submit => self.submit_handover(ctx),
            other => form.handle(other),
        }
    }

    fn submit_handover(&mut self, ctx: &mut ScreenContext) {
        let (Some(form), Some(plan)) = (self.handover.as_mut(), self.plan.as_ref()) else {
            return;
        };
        let handover = match form.to_handover(dutch_local(ctx.now).date()) {
            Ok(handover) => handover,
            Err((message, field)) => return form.form.refuse(message, field),
        };
        let (user, origin, now) = (ctx.user, ctx.settings.origin.as_str(), ctx.now);
        let recorded = ctx
            .store
            .record_handover(plan.id, form.line, &handover, user, origin, now);
        match recorded {
            Ok(before) => {
                self.handover = None;
                self.reload(ctx);
                ctx.say(text::handed_over(&handover, before));
            }
            Err(error) => {
                let (message, problem) = refusal(error, ctx);
                let field = problem.map_or(form.form.focus, |p| form.field_of(&p));
                form.form.refuse(message, field);
            }
        }
    }
}
