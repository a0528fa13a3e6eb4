//! The windows over the screen, and where their keys go.

use super::super::action::Action;
use super::super::beheer::{self, KaartNote};
use super::super::form::TextField;
use super::super::intake_keys::RoutePicker;
use super::super::record_form::RecordForm;
use super::super::screen::Effect;
use super::App;
use crate::store::{HouseholdMatch, IntakeSummary};

/// A window over the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: u16,
    },
    ConfirmQuit,
    ConfirmSwitchUser,
    Copied(String),
    /// An unfinished intake of this user was found at sign-in: continue, keep it for later,
    /// or discard it (which asks again).
    ConfirmDraft {
        saved_at: String,
    },
    /// The second question before a draft is thrown away.
    ConfirmDiscardDraft {
        saved_at: String,
    },
    /// The user's own intakes of today, to reopen and correct.
    MyContacts {
        items: Vec<IntakeSummary>,
        selected: usize,
    },
    /// On the welcome screen of a new database: open a separate demo database to look around
    /// in? Enter is "no".
    ConfirmDemo,
    /// Linking the intake to a household: search by name, phone or postcode.
    Household {
        query: TextField,
        matches: Vec<HouseholdMatch>,
        selected: usize,
    },
    /// A short text about a service: a desk's report, or how the beheerder handled one.
    KaartNote(KaartNote),
    /// Leaving the service form with unsaved changes.
    ConfirmDiscardEdit,
    /// Leaving a form of the plan screen with unsaved changes.
    ConfirmDiscardPlanForm,
    /// An organisation or location of the service being edited.
    EditRecord(RecordForm),
    /// The intake's route from a list, filtered by what is typed.
    PickRoute(RoutePicker),
}

impl App {
    pub(in crate::tui) fn update_overlay(&mut self, overlay: Overlay, action: Action) {
        if let Some(question) = self.question() {
            if let Some(answer) = question.answer(action) {
                self.answer_question(overlay, answer);
            }
            return;
        }
        match (overlay, action) {
            (Overlay::Help { scroll }, action) => self.scroll_help(scroll, action),
            (Overlay::Copied(_), Action::Back) => self.overlay = None,
            (overlay @ (Overlay::MyContacts { .. } | Overlay::Household { .. }), action) => {
                let effect = self
                    .in_session(|screens, ctx| screens.intake.update_overlay(overlay, action, ctx));
                self.apply(effect.unwrap_or(Effect::None));
            }
            (Overlay::EditRecord(record), action) => {
                self.in_session(|screens, ctx| screens.edit.update_record(record, action, ctx));
            }
            (Overlay::KaartNote(note), action) => {
                let saved = self.in_session(|_, ctx| beheer::update_note(note, action, ctx));
                if saved == Some(true) {
                    self.reload_worklist();
                }
            }
            (Overlay::PickRoute(picker), action) => {
                self.in_session(|screens, ctx| {
                    screens.intake.update_route_picker(picker, action, ctx)
                });
            }
            _ => {}
        }
    }
}
