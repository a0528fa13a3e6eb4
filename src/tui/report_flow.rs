//! The rapportage in the app: computing the report for the chosen period.

use crate::domain::hours::dutch_local;

use super::action::Action;
use super::app::{App, Phase};
use super::report_view::ReportScreen;
use super::text;

impl App {
    /// The rapportage screen of the signed-in user.
    pub fn report_screen(&self) -> Option<&ReportScreen> {
        match &self.phase {
            Phase::Working(session) => Some(&session.report),
            _ => None,
        }
    }

    /// Computes the report for the chosen period.
    pub(super) fn compute_report(&mut self) {
        let now = (self.clock)();
        let Phase::Working(session) = &mut self.phase else {
            return;
        };
        let period = session.report.choice.period(dutch_local(now).date());
        match crate::report::build(&self.store, &period, now) {
            Ok(report) => session.report.report = Some(report),
            Err(e) => {
                tracing::error!("rapportage maken mislukt: {e}");
                self.status = Some(text::ERROR_DATABASE.to_string());
            }
        }
    }

    pub(super) fn update_report(&mut self, action: Action) {
        let today = dutch_local((self.clock)()).date();
        let Phase::Working(session) = &mut self.phase else {
            return;
        };
        if session.report.handle(action, today) {
            self.compute_report();
        }
    }
}
