//! State of the rapportage screen (F5): the period, which view is shown, the computed report.

use chrono::NaiveDate;

use crate::report::{Period, Report};

use super::action::Action;
use super::form::TextField;
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
pub const VIEWS: [&str; 6] = [
    text::VIEW_CONTACTS,
    text::VIEW_CHANNELS,
    text::VIEW_LEEFGEBIEDEN,
    text::VIEW_ROUTES,
    text::VIEW_ADVICE,
    text::VIEW_QUEUE,
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
    pub view: usize,
    pub report: Option<Report>,
    pub custom: Option<CustomPeriod>,
}

impl Default for ReportScreen {
    fn default() -> Self {
        ReportScreen {
            choice: PeriodChoice::LastQuarter,
            view: 0,
            report: None,
            custom: None,
        }
    }
}

impl ReportScreen {
    /// Applies a key; returns whether the report must be computed again.
    pub fn handle(&mut self, action: Action, today: NaiveDate) -> bool {
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
            Action::NextView => self.view = (self.view + 1) % n,
            Action::PreviousView => self.view = (self.view + n - 1) % n,
            Action::NextPeriod => {
                self.choice = self.choice.next();
                return true;
            }
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
