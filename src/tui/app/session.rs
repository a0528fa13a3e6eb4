//! Who is signed in and which screen they work on. [`Session::screen`] and
//! [`Screens::current`] are the places that map a [`View`] to its screen: a new view is a new
//! variant and a new field here, and the compiler points at both matches.

use crate::domain::account::User;
use crate::store::SessionStamp;

use super::super::action::Action;
use super::super::form::Form;
use super::super::intake_form::IntakeForm;
use super::super::kaart_screen::KaartScreen;
use super::super::queue_screen::QueueScreen;
use super::super::report_screen::ReportScreen;
use super::super::screen::Screen;
use super::super::service_screen::EditScreen;
use super::super::worklist_screen::WorklistScreen;

/// Which part of the program is showing.
pub enum Phase {
    /// No users yet: create the first beheerder.
    FirstRun(Form),
    SignIn(Form),
    Working(Session),
}

pub struct Session {
    pub user: User,
    /// What the account was signed in with; when the beheerder changes it, the session ends.
    pub stamp: SessionStamp,
    /// The account was disabled, given a new PIN or another role: the screen stays locked and
    /// only a new sign-in (switch user) goes on.
    pub ended: bool,
    /// `Some` while the screen is locked: only the PIN prompt shows.
    pub locked: Option<Form>,
    pub view: View,
    /// The intake being registered (empty when none is).
    pub intake: Box<IntakeForm>,
    pub queue: Box<QueueScreen>,
    pub report: Box<ReportScreen>,
    /// The service being edited by a beheerder.
    pub edit: Box<EditScreen>,
    pub worklist: Box<WorklistScreen>,
}

/// The screen a signed-in user works on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Kaart,
    Intake,
    Queue,
    Report,
    /// The beheerder's form for one service.
    EditService,
    /// The beheerder's worklist "Te controleren".
    Worklist,
}

impl View {
    /// The key that shows this view, if it has one of its own.
    pub fn action(self) -> Option<Action> {
        match self {
            View::Kaart => Some(Action::Kaart),
            View::Intake => Some(Action::NewIntake),
            View::Queue => Some(Action::Queue),
            View::Report => Some(Action::Report),
            View::EditService => None,
            View::Worklist => Some(Action::Worklist),
        }
    }
}

impl Session {
    /// The screen of the current view (the kaart is the app's: it is there before sign-in).
    pub fn screen<'a>(&'a self, kaart: &'a KaartScreen) -> &'a dyn Screen {
        match self.view {
            View::Kaart => kaart,
            View::Intake => &*self.intake,
            View::Queue => &*self.queue,
            View::Report => &*self.report,
            View::EditService => &*self.edit,
            View::Worklist => &*self.worklist,
        }
    }
}

/// Every screen of a session, borrowed apart from what they share (see `App::split`).
pub struct Screens<'a> {
    pub view: &'a mut View,
    pub kaart: &'a mut KaartScreen,
    pub intake: &'a mut IntakeForm,
    pub queue: &'a mut QueueScreen,
    pub report: &'a mut ReportScreen,
    pub edit: &'a mut EditScreen,
    pub worklist: &'a mut WorklistScreen,
}

impl Screens<'_> {
    /// The screen of the current view.
    pub fn current(&mut self) -> &mut dyn Screen {
        match *self.view {
            View::Kaart => self.kaart,
            View::Intake => self.intake,
            View::Queue => self.queue,
            View::Report => self.report,
            View::EditService => self.edit,
            View::Worklist => self.worklist,
        }
    }
}
