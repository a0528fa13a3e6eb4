//! State of the plan screen: a household's gesprekken and plan van aanpak as the store lets the
//! user read them (audited), opened from the wachtrij. The latest version shows first; earlier
//! versions stay readable with ←/→. Who may not read it sees the store's refusal.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::Code;
use crate::domain::account::User;
use crate::domain::hours::dutch_local;
use crate::domain::plan::{PlanProblem, VersionState};
use crate::paper;
use crate::store::safe_file::{self, Replace};
use crate::store::{GesprekRecord, PlanError, PlanView};

use super::action::Action;
use super::app::{Overlay, View};
use super::form::FieldKind;
use super::keymap::Context;
use super::plan_editor::PlanEditor;
use super::plan_form::{PlanForm, PlanFormKind};
use super::plan_handover_form::HandoverForm;
use super::plan_task_pick::TaskPick;
use super::screen::{DrawContext, Effect, Screen, ScreenContext};
use super::selection::moved;
use super::text;

#[derive(Debug, Default)]
pub struct PlanScreen {
    pub household_id: i64,
    /// `None` while the household has no plan yet (or it may not be read).
    pub plan: Option<PlanView>,
    pub gesprekken: Vec<GesprekRecord>,
    /// The version on screen, an index into the plan's versions.
    pub version: usize,
    pub scroll: usize,
    /// Why nothing is shown: the store's refusal, in Dutch.
    pub refusal: Option<String>,
    /// A gesprek or an answer being typed, over the plan.
    pub form: Option<PlanForm>,
    /// The plan being made or changed, in place of the plan.
    pub editor: Option<Box<PlanEditor>>,
    /// More than one beschikking waits: which one the decision is on.
    pub task_pick: Option<TaskPick>,
    /// The arrangement line selected (Tab), by id (`plan_handover`).
    pub selected_line: Option<u32>,
    /// A line's warme overdracht being recorded, over the plan.
    pub handover: Option<HandoverForm>,
}

impl PlanScreen {
    /// Reads the household's plan and gesprekken for the user; a refusal is kept to be shown.
    pub fn open(&mut self, household_id: i64, ctx: &mut ScreenContext) {
        *self = PlanScreen {
            household_id,
            ..PlanScreen::default()
        };
        self.reload(ctx);
    }

    /// Reads it all again (after an act), keeping the version on screen when it is the latest.
    pub fn reload(&mut self, ctx: &mut ScreenContext) {
        let (user, origin, now) = (ctx.user, ctx.settings.origin.as_str(), ctx.now);
        let household = self.household_id;
        // The plan on show stays itself once closed; else the open case's plan, if any.
        let shown = self.plan.as_ref().map(|p| p.id);
        let plan = match shown.map_or_else(|| ctx.store.open_plan_of(household), |id| Ok(Some(id)))
        {
            Ok(Some(id)) => ctx.store.plan(id, user, origin, now).map(Some),
            Ok(None) => Ok(None),
            Err(e) => Err(PlanError::Store(e)),
        };
        let read = plan.and_then(|plan| {
            // A closed plan's case is closed too: its gesprekken are no longer shown.
            let gesprekken = match ctx.store.gesprekken(household, user, origin, now) {
                Err(PlanError::NoCase) if plan.is_some() => Vec::new(),
                other => other?,
            };
            Ok((plan, gesprekken))
        });
        match read {
            Ok((plan, gesprekken)) => {
                self.version = plan.as_ref().map_or(0, |p| p.versions.len() - 1);
                self.plan = plan;
                self.gesprekken = gesprekken;
                self.refusal = None;
                self.keep_selection();
            }
            Err(PlanError::Store(e)) => {
                ctx.db_failed("plan lezen", e);
                self.refusal = Some(text::ERROR_DATABASE.to_string());
            }
            Err(refusal) => {
                self.plan = None;
                self.gesprekken.clear();
                self.refusal = Some(refusal.to_string());
            }
        }
    }

    /// Whether `user` directs this household, as far as the screen can tell (the store
    /// decides): the plan names its regisseur; without a plan, anyone who may read may try.
    fn directs(&self, user: &User) -> bool {
        self.refusal.is_none()
            && self.plan.as_ref().is_none_or(|p| {
                p.closed_at.is_none() && p.regisseur.as_ref().is_some_and(|r| r.name == user.name)
            })
    }

    /// Whether the latest version waits for an answer.
    fn awaits_answer(&self) -> bool {
        self.plan
            .as_ref()
            .is_some_and(|p| p.latest().state == VersionState::WachtOpAkkoord)
    }

    /// Keys while a form is open: Esc asks before dropping what was typed.
    fn update_form(&mut self, action: Action, ctx: &mut ScreenContext) {
        let Some(form) = self.form.as_mut() else {
            return;
        };
        match action {
            Action::Back if form.form.changed() => {
                *ctx.overlay = Some(Overlay::ConfirmDiscardPlanForm)
            }
            Action::Back => self.form = None,
            Action::Submit => self.submit(ctx),
            other => {
                form.form.handle(other);
            }
        }
    }

    /// Records what the form holds; a refusal stays in the form at the field it is about.
    fn submit(&mut self, ctx: &mut ScreenContext) {
        let Some(form) = self.form.as_mut() else {
            return;
        };
        let today = dutch_local(ctx.now).date();
        let (user, origin, now) = (ctx.user, ctx.settings.origin.as_str(), ctx.now);
        let plan = self.plan.as_ref().map(|p| p.id);
        let result = match form.kind {
            PlanFormKind::Gesprek => form.to_gesprek(today).map(|gesprek| {
                ctx.store
                    .record_gesprek(self.household_id, &gesprek, user, origin, now)
                    .map(|_| text::GESPREK_SAVED.to_string())
            }),
            PlanFormKind::Answer => form.to_answer(today).map(|answer| {
                let akkoord = matches!(answer, crate::domain::plan::Answer::Akkoord { .. });
                let plan = plan.ok_or(PlanError::NoCase)?;
                ctx.store
                    .answer_plan(plan, &answer, user, origin, now)
                    .map(|tasks| text::answered(akkoord, tasks.len()))
            }),
            PlanFormKind::Evaluation => form.to_evaluation(today).map(|evaluation| {
                let plan = plan.ok_or(PlanError::NoCase)?;
                let decision = evaluation.decision.name();
                ctx.store
                    .evaluate_plan(plan, &evaluation, user, origin, now)
                    .map(|done| text::evaluated(decision, done.closed, done.escalated.is_some()))
            }),
            PlanFormKind::Decision { task } => form.to_decision(today).map(|decision| {
                let verdict = decision.decision.code();
                ctx.store
                    .decide_task(task, &decision, user, origin, now)
                    .map(|()| text::decided(verdict, &form.about))
            }),
        };
        match result {
            Err((message, field)) => form.form.refuse(message, field),
            Ok(Ok(message)) => {
                self.form = None;
                self.reload(ctx);
                ctx.say(message);
            }
            Ok(Err(error)) => {
                let (message, problem) = refusal(error, ctx);
                let field = problem.map_or(form.form.focus, |p| form.field_of(&p));
                form.form.refuse(message, field);
            }
        }
    }

    /// Opens the editor on the latest version, or on a new plan.
    fn edit(&mut self, ctx: &mut ScreenContext) {
        let leefgebieden = match ctx.store.open_case_leefgebieden(self.household_id) {
            Ok(codes) => codes,
            Err(e) => return ctx.db_failed("leefgebieden lezen", e),
        };
        let latest = self.plan.as_ref().map(|p| {
            let v = p.latest();
            (
                p.id,
                &v.content,
                v.state != VersionState::WachtOpAkkoord,
                v.number,
            )
        });
        self.editor = Some(Box::new(PlanEditor::new(latest, &leefgebieden)));
    }

    /// Keys in the editor: nothing typed is lost on a refusal, Esc asks before dropping it.
    fn update_editor(&mut self, action: Action, ctx: &mut ScreenContext) {
        let Some(editor) = self.editor.as_mut() else {
            return;
        };
        let n = editor.rows.len();
        let catalog = ctx.catalog.map(|c| &**c);
        match action {
            Action::Back if editor.changed() => {
                *ctx.overlay = Some(Overlay::ConfirmDiscardPlanForm)
            }
            Action::Back => self.editor = None,
            Action::Save => self.save_plan(ctx),
            Action::AddPlanRow => editor.add_here(),
            Action::RemovePlanRow => editor.remove_here(),
            // With kaart matches under a Who row, Enter picks the first; else it moves on (a
            // person's name stays as typed).
            Action::Choose if editor.pick() => {}
            Action::NextField | Action::Choose => {
                editor.focus = (editor.focus + 1) % n;
                editor.typed(catalog);
            }
            Action::PreviousField => {
                editor.focus = (editor.focus + n - 1) % n;
                editor.typed(catalog);
            }
            other => {
                if editor.rows[editor.focus].field.edit(other) {
                    editor.message = None;
                    editor.typed(catalog);
                }
            }
        }
    }

    fn save_plan(&mut self, ctx: &mut ScreenContext) {
        let Some(editor) = self.editor.as_mut() else {
            return;
        };
        let today = dutch_local(ctx.now).date();
        let content = match editor.content(today) {
            Ok(content) => content,
            Err((message, row)) => return editor.refuse(message, Some(row)),
        };
        let (user, origin, now) = (ctx.user, ctx.settings.origin.as_str(), ctx.now);
        let saved = match editor.plan_id {
            Some(plan) => ctx.store.revise_plan(plan, &content, user, origin, now),
            None => ctx
                .store
                .create_plan(self.household_id, &content, user, origin, now)
                .map(|_| 1),
        };
        match saved {
            Ok(version) => {
                self.editor = None;
                self.reload(ctx);
                ctx.say(text::plan_saved(version));
            }
            Err(PlanError::Store(e)) => {
                ctx.save_failed("plan opslaan", e);
                editor.refuse(text::ERROR_SAVE.to_string(), None);
            }
            Err(refusal) => editor.refuse(refusal.to_string(), None),
        }
    }

    /// The number of versions the plan has (0 without a plan).
    fn versions(&self) -> usize {
        self.plan.as_ref().map_or(0, |p| p.versions.len())
    }
}

/// How a form tells an act's error: a store failure is logged and told as nothing saved; a
/// refusal in its Dutch sentence, with the problem when a field can be fixed.
pub(super) fn refusal(error: PlanError, ctx: &mut ScreenContext) -> (String, Option<PlanProblem>) {
    match error {
        PlanError::Store(e) => {
            ctx.save_failed("plan vastleggen", e);
            (text::ERROR_SAVE.to_string(), None)
        }
        PlanError::Problem(problem) => (problem.to_string(), Some(problem)),
        other => (other.to_string(), None),
    }
}

/// Writes the plan's latest version as a PDF for the resident into the plan folder, readable
/// by the user only and never over another file, and says where. Audited: the paper leaves
/// the system.
fn print(plan: &PlanView, ctx: &mut ScreenContext) {
    let folder = &ctx.settings.plan_folder;
    let name = format!(
        "plan-{}-versie-{}-{}.pdf",
        plan.id,
        plan.latest().number,
        dutch_local(ctx.now).format("%Y%m%d-%H%M%S")
    );
    let target = folder.join(name);
    let written = std::fs::create_dir_all(folder)
        .map_err(|e| e.to_string())
        .and_then(|()| {
            paper::plan_pdf(plan, &ctx.reference.leefgebieden).map_err(|e| e.to_string())
        })
        .and_then(|pdf| {
            let database = Some(ctx.store.path());
            safe_file::write_new(&target, &pdf, Replace::Never, safe_file::PRIVATE, database)
                .map_err(|e| e.to_string())
        });
    let object = format!("plan:{}", plan.id);
    match written {
        Ok(path) => {
            ctx.audit("plan afdrukken", &object, "gelukt");
            ctx.say(text::printed(&path.display().to_string()));
        }
        Err(e) => {
            tracing::error!("plan afdrukken mislukt: {e}");
            ctx.audit("plan afdrukken", &object, "mislukt");
            ctx.say(text::print_failed(&e));
        }
    }
}

impl Screen for PlanScreen {
    fn title(&self) -> &'static str {
        text::PLAN_TITLE
    }

    fn contexts(&self) -> (Vec<Context>, bool) {
        if self.editor.is_some() {
            return (
                vec![Context::Planformulier, Context::Tekstveld, Context::Global],
                true,
            );
        }
        if self.form.is_some() || self.handover.is_some() {
            return (
                vec![Context::Formulier, Context::Tekstveld, Context::Global],
                true,
            );
        }
        if self.task_pick.is_some() {
            return (
                vec![Context::Lijst, Context::Tekstveld, Context::Global],
                true,
            );
        }
        (vec![Context::Plan, Context::Global], false)
    }

    fn help_contexts(&self) -> &'static [Context] {
        &[
            Context::Plan,
            Context::Planformulier,
            Context::Formulier,
            Context::Lijst,
            Context::Tekstveld,
        ]
    }

    /// A row of choices in the editor or a form, set with the text field's ←/→.
    fn choice_focus(&self) -> Option<(FieldKind, Context)> {
        let form = self.form.as_ref().map(|f| &f.form);
        let field = match (
            &self.editor,
            form.or(self.handover.as_ref().map(|h| &h.form)),
        ) {
            (Some(editor), _) => &editor.rows[editor.focus].field,
            (None, Some(form)) => &form.fields[form.focus],
            (None, None) => return None,
        };
        Some((field.kind()?, Context::Tekstveld))
    }

    fn field_errors(&self) -> usize {
        let form = self.form.as_ref().map(|f| &f.form.message);
        let form = form.or(self.handover.as_ref().map(|h| &h.form.message));
        let editor = self.editor.as_ref().map(|e| &e.message);
        usize::from(form.or(editor).is_some_and(Option::is_some))
    }

    fn offers(&self, action: Action, user: &User) -> bool {
        match action {
            Action::RecordGesprek => self.directs(user),
            Action::AnswerPlan => self.directs(user) && self.awaits_answer(),
            Action::PrintPlan => self.plan.is_some(),
            Action::EditPlan => self.directs(user),
            Action::EvaluatePlan => {
                self.directs(user) && self.plan.as_ref().is_some_and(|p| p.agreed().is_some())
            }
            Action::DecideTask => self.directs(user) && !self.open_tasks().is_empty(),
            Action::HandOverLine => {
                self.directs(user) && self.plan.as_ref().is_some_and(|p| p.agreed().is_some())
            }
            Action::EarlierVersion => self.version > 0,
            Action::LaterVersion => self.version + 1 < self.versions(),
            _ => true,
        }
    }

    fn update(&mut self, action: Action, ctx: &mut ScreenContext) -> Effect {
        if self.editor.is_some() {
            self.update_editor(action, ctx);
            return Effect::None;
        }
        if self.form.is_some() {
            self.update_form(action, ctx);
            return Effect::None;
        }
        if self.handover.is_some() {
            self.update_handover(action, ctx);
            return Effect::None;
        }
        let today = dutch_local(ctx.now).date();
        if self.task_pick.is_some() {
            self.update_task_pick(action, today);
            return Effect::None;
        }
        match action {
            Action::Back => return Effect::Show(View::Queue),
            Action::RecordGesprek if self.refusal.is_none() => {
                self.form = Some(PlanForm::gesprek(today))
            }
            Action::AnswerPlan if self.plan.is_none() => ctx.say(text::NO_PLAN_TO_ANSWER),
            Action::AnswerPlan => self.form = Some(PlanForm::answer(today)),
            Action::EditPlan if self.refusal.is_none() => self.edit(ctx),
            Action::EvaluatePlan => match self.plan.as_ref() {
                Some(plan) if plan.agreed().is_some() => {
                    let agreed = &plan.agreed().expect("checked").content;
                    let results: Vec<_> = agreed
                        .results
                        .iter()
                        .map(|r| (r.leefgebied.clone(), r.score.is_some()))
                        .collect();
                    let names: Vec<_> = results
                        .iter()
                        .map(|(code, _)| ctx.reference.leefgebieden.name_of(code))
                        .collect();
                    self.form = Some(PlanForm::evaluation(today, &results, &names));
                }
                _ => ctx.say(text::NO_AGREED_PLAN),
            },
            Action::DecideTask => self.decide(today, ctx),
            Action::NextLine | Action::PreviousLine => {
                self.select_line(action == Action::NextLine, ctx)
            }
            Action::HandOverLine => self.open_handover(ctx),
            Action::PrintPlan => match &self.plan {
                Some(plan) => print(plan, ctx),
                None => ctx.say(text::NO_PLAN_TO_PRINT),
            },
            Action::EarlierVersion if self.version > 0 => {
                self.version -= 1;
                self.scroll = 0;
                self.keep_selection();
            }
            Action::LaterVersion if self.version + 1 < self.versions() => {
                self.version += 1;
                self.scroll = 0;
                self.keep_selection();
            }
            other => {
                let (max, page) = super::screens::plan::scroll_room(ctx.area, self, ctx.reference);
                if let Some(at) = moved(other, self.scroll.min(max), max + 1, page) {
                    self.scroll = at;
                }
            }
        }
        Effect::None
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &DrawContext) {
        super::screens::plan::draw(frame, area, self, ctx);
    }
}
