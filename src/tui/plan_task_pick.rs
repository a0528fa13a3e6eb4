//! Which beschikking the decision is on: with one waiting, `b` opens its form at once; with
//! more, a list of them comes first (typing filters it, ↑/↓ and Enter pick), so a decision
//! never lands on the wrong voorziening.

use chrono::NaiveDate;

use crate::store::TaskRecord;

use super::action::Action;
use super::picker::Picker;
use super::plan_form::PlanForm;
use super::plan_screen::PlanScreen;
use super::screen::ScreenContext;
use super::text;

/// The list of open beschikking tasks, with the task and voorziening behind each option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskPick {
    pub picker: Picker,
    tasks: Vec<(i64, String)>,
}

impl PlanScreen {
    /// The plan's beschikking tasks still waiting for a decision, in the plan's order.
    pub(super) fn open_tasks(&self) -> Vec<&TaskRecord> {
        self.plan.as_ref().map_or_else(Vec::new, |plan| {
            plan.tasks.iter().filter(|t| t.decision.is_none()).collect()
        })
    }

    /// `b`: the decision form on the one open task, or first the list to pick from.
    pub(super) fn decide(&mut self, today: NaiveDate, ctx: &mut ScreenContext) {
        match self.open_tasks().as_slice() {
            [] => ctx.say(text::NO_OPEN_TASK),
            [task] => self.form = Some(PlanForm::decision(today, task.id, &task.voorziening)),
            tasks => {
                let options = tasks.iter().map(|t| text::task_option(t)).collect();
                let tasks = tasks
                    .iter()
                    .map(|t| (t.id, t.voorziening.clone()))
                    .collect();
                self.task_pick = Some(TaskPick {
                    picker: Picker::new(text::SEARCH_LABEL, options),
                    tasks,
                });
            }
        }
    }

    /// Keys in the list: Enter opens the form on the task picked, Esc leaves the list.
    pub(super) fn update_task_pick(&mut self, action: Action, today: NaiveDate) {
        let Some(pick) = self.task_pick.as_mut() else {
            return;
        };
        match action {
            Action::Back => self.task_pick = None,
            Action::Submit => {
                if let Some((task, voorziening)) = pick.picker.chosen().map(|i| &pick.tasks[i]) {
                    self.form = Some(PlanForm::decision(today, *task, voorziening));
                    self.task_pick = None;
                }
            }
            other => {
                pick.picker.handle(other);
            }
        }
    }
}
