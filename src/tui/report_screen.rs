//! The rapportage screen (F5): the period, which view is shown, and the report computed for
//! the chosen period.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::hours::dutch_local;
use crate::report::{Period, Report};

use super::action::Action;
use super::form::TextField;
use super::keymap::Context;
use super::screen::{DrawContext, Effect, Screen, ScreenContext};
use super::text;

/// The periods a team leader picks from; the last one is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodChoice {
    ThisMonth,
    LastMonth,
    LastQuarter,
    Custom(Period),
}

impl PeriodChoice {
    pub fn period(self, today: NaiveDate) -> Period {
        match self {
            PeriodChoice::ThisMonth => Period::this_month(today),
            PeriodChoice::LastMonth => Period::last_month(today),
            PeriodChoice::LastQuarter => Period::last_quarter(today),
            PeriodChoice::Custom(period) => period,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            PeriodChoice::ThisMonth => text::PERIOD_THIS_MONTH,
            PeriodChoice::LastMonth => text::PERIOD_LAST_MONTH,
            PeriodChoice::LastQuarter => text::PERIOD_LAST_QUARTER,
            PeriodChoice::Custom(_) => text::PERIOD_CUSTOM,
        }
    }

    fn next(self) -> PeriodChoice {
        match self {
            PeriodChoice::ThisMonth => PeriodChoice::LastMonth,
            PeriodChoice::LastMonth => PeriodChoice::LastQuarter,
            PeriodChoice::LastQuarter | PeriodChoice::Custom(_) => PeriodChoice::ThisMonth,
        }
    }
}

/// The views, in the order the arrow keys walk through them.
pub const VIEWS: [&str; 8] = [
    text::VIEW_CONTACTS,
    text::VIEW_CHANNELS,
    text::VIEW_LEEFGEBIEDEN,
    text::VIEW_ROUTES,
    text::VIEW_ADVICE,
    text::VIEW_QUEUE,
    text::VIEW_PLANS,
    text::VIEW_RESULTS,
];

/// Typing a custom period: from and to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomPeriod {
    pub from: TextField,
    pub to: TextField,
    pub row: usize,
    pub message: Option<String>,
}

pub struct ReportScreen {
    pub choice: PeriodChoice,
    /// Whether the default period was chosen yet (on the first visit, from the data).
    pub opened: bool,
    pub view: usize,
    /// Lines scrolled down in the view; a draw at another size cuts it to what fits there.
    pub scroll: u16,
    pub report: Option<Report>,
    pub custom: Option<CustomPeriod>,
}

impl Default for ReportScreen {
    fn default() -> Self {
        ReportScreen {
            choice: PeriodChoice::LastMonth,
            opened: false,
            view: 0,
            scroll: 0,
            report: None,
            custom: None,
        }
    }
}

impl ReportScreen {
    /// Applies a key; returns whether the report must be computed again. The view scrolls
    /// no further than `max`, a page at a time of `page` lines.
    pub fn handle(&mut self, action: Action, today: NaiveDate, (max, page): (u16, u16)) -> bool {
        if let Some(custom) = &mut self.custom {
            match action {
                Action::Back => self.custom = None,
                Action::NextField | Action::PreviousField => custom.row = 1 - custom.row,
                Action::Submit => {
                    match Period::parse(custom.from.value(), custom.to.value(), today) {
                        Ok(period) => {
                            self.choice = PeriodChoice::Custom(period);
                            self.custom = None;
                            return true;
                        }
                        Err(e) => custom.message = Some(e.to_string()),
                    }
                }
                other => {
                    let field = if custom.row == 0 {
                        &mut custom.from
                    } else {
                        &mut custom.to
                    };
                    field.edit(other);
                }
            }
            return false;
        }
        let n = VIEWS.len();
        match action {
            Action::NextView => {
                self.view = (self.view + 1) % n;
                self.scroll = 0;
            }
            Action::PreviousView => {
                self.view = (self.view + n - 1) % n;
                self.scroll = 0;
            }
            Action::NextPeriod => {
                self.choice = self.choice.next();
                self.scroll = 0;
                return true;
            }
            Action::Up => self.scroll = self.scroll.min(max).saturating_sub(1),
            Action::Down => self.scroll = (self.scroll + 1).min(max),
            Action::PageUp => self.scroll = self.scroll.min(max).saturating_sub(page),
            Action::PageDown => self.scroll = (self.scroll + page).min(max),
            Action::First => self.scroll = 0,
            Action::Last => self.scroll = max,
            Action::CustomPeriod => {
                self.custom = Some(CustomPeriod {
                    from: TextField::new(text::LABEL_FROM, 10),
                    to: TextField::new(text::LABEL_TO, 10),
                    row: 0,
                    message: None,
                })
            }
            _ => {}
        }
        false
    }
}

impl ReportScreen {
    /// F5: on the first visit the period is the last full month with contacts, else this
    /// month (`report::default_period`); later the one chosen stays.
    pub fn open(&mut self, ctx: &mut ScreenContext) {
        let today = dutch_local(ctx.now).date();
        if !self.opened {
            self.opened = true;
            self.choice = match crate::report::default_period(ctx.store, today) {
                Ok(period) if period == Period::last_month(today) => PeriodChoice::LastMonth,
                Ok(_) => PeriodChoice::ThisMonth,
                Err(e) => {
                    tracing::error!("standaardperiode bepalen mislukt: {e}");
                    PeriodChoice::LastMonth
                }
            };
        }
        self.compute(ctx);
    }

    /// Computes the report for the chosen period.
    fn compute(&mut self, ctx: &mut ScreenContext) {
        let period = self.choice.period(dutch_local(ctx.now).date());
        match crate::report::build(ctx.store, &period, ctx.now) {
            Ok(report) => self.report = Some(report),
            Err(e) => ctx.db_failed("rapportage maken", e),
        }
    }
}

impl Screen for ReportScreen {
    fn title(&self) -> &'static str {
        text::REPORT_TITLE
    }

    fn contexts(&self) -> (Vec<Context>, bool) {
        match &self.custom {
            Some(_) => (
                vec![Context::Vraag, Context::Tekstveld, Context::Global],
                true,
            ),
            None => (vec![Context::Rapport, Context::Global], false),
        }
    }

    fn help_contexts(&self) -> &'static [Context] {
        &[Context::Rapport, Context::Vraag, Context::Tekstveld]
    }

    fn update(&mut self, action: Action, ctx: &mut ScreenContext) -> Effect {
        let room = super::screens::report::scroll_room(ctx.area, self);
        if self.handle(action, dutch_local(ctx.now).date(), room) {
            self.compute(ctx);
        }
        Effect::None
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &DrawContext) {
        super::screens::report::draw(frame, area, self, ctx);
    }
}
