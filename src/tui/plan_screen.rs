//! State of the plan screen: a household's gesprekken and plan van aanpak as the store lets the
//! user read them (audited), opened from the wachtrij. The latest version shows first; earlier
//! versions stay readable with ←/→. Who may not read it sees the store's refusal.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::store::{GesprekRecord, PlanError, PlanView};

use super::action::Action;
use super::app::View;
use super::keymap::Context;
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
        let plan = match ctx.store.open_plan_of(household) {
            Ok(Some(id)) => ctx.store.plan(id, user, origin, now).map(Some),
            Ok(None) => Ok(None),
            Err(e) => Err(PlanError::Store(e)),
        };
        let read = plan.and_then(|plan| {
            let gesprekken = ctx.store.gesprekken(household, user, origin, now)?;
            Ok((plan, gesprekken))
        });
        match read {
            Ok((plan, gesprekken)) => {
                self.version = plan.as_ref().map_or(0, |p| p.versions.len() - 1);
                self.plan = plan;
                self.gesprekken = gesprekken;
                self.refusal = None;
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

    /// The number of versions the plan has (0 without a plan).
    fn versions(&self) -> usize {
        self.plan.as_ref().map_or(0, |p| p.versions.len())
    }
}

impl Screen for PlanScreen {
    fn title(&self) -> &'static str {
        text::PLAN_TITLE
    }

    fn contexts(&self) -> (Vec<Context>, bool) {
        (vec![Context::Plan, Context::Global], false)
    }

    fn help_contexts(&self) -> &'static [Context] {
        &[Context::Plan]
    }

    fn offers(&self, action: Action, _user: &crate::domain::account::User) -> bool {
        match action {
            Action::EarlierVersion => self.version > 0,
            Action::LaterVersion => self.version + 1 < self.versions(),
            _ => true,
        }
    }

    fn update(&mut self, action: Action, ctx: &mut ScreenContext) -> Effect {
        match action {
            Action::Back => return Effect::Show(View::Queue),
            Action::EarlierVersion if self.version > 0 => {
                self.version -= 1;
                self.scroll = 0;
            }
            Action::LaterVersion if self.version + 1 < self.versions() => {
                self.version += 1;
                self.scroll = 0;
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
