//! Who is signed in and which screen they work on, and how the app lends a screen what the
//! screens share (`App::in_session`, `App::draw_context`). [`Session::screen`] and
//! [`Screens::current`] are the places that map a [`View`] to its screen: a new view is a new
//! variant and a new field here, and the compiler points at both matches.

use crate::domain::account::User;
use crate::domain::gesprekshulp::prefers_own_strength;
use crate::store::SessionStamp;

use super::super::action::Action;
use super::super::form::Form;
use super::super::intake_form::IntakeForm;
use super::super::intake_screen::{Advice, route_advice};
use super::super::kaart_screen::KaartScreen;
use super::super::plan_screen::PlanScreen;
use super::super::queue_screen::QueueScreen;
use super::super::report_screen::ReportScreen;
use super::super::screen::{Advising, DrawContext, Screen, ScreenContext};
use super::super::service_screen::EditScreen;
use super::super::theme::Theme;
use super::super::worklist_screen::WorklistScreen;
use super::App;

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
    pub locked: Option<Box<Form>>,
    pub view: View,
    /// The intake being registered (empty when none is).
    pub intake: Box<IntakeForm>,
    pub queue: Box<QueueScreen>,
    pub report: Box<ReportScreen>,
    /// The service being edited by a beheerder.
    pub edit: Box<EditScreen>,
    pub worklist: Box<WorklistScreen>,
    /// The gesprekken and plan of the household opened from the wachtrij.
    pub plan: Box<PlanScreen>,
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
    /// A household's gesprekken and plan van aanpak, opened from the wachtrij.
    Plan,
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
            View::Plan => None,
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
            View::Plan => &*self.plan,
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
    pub plan: &'a mut PlanScreen,
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
            View::Plan => self.plan,
        }
    }
}

impl App {
    pub fn session(&self) -> Option<&Session> {
        match &self.phase {
            Phase::Working(session) => Some(session),
            _ => None,
        }
    }

    pub(in crate::tui) fn session_mut(&mut self) -> Option<&mut Session> {
        match &mut self.phase {
            Phase::Working(session) => Some(session),
            _ => None,
        }
    }

    pub(in crate::tui) fn set_view(&mut self, view: View) {
        if let Some(session) = self.session_mut() {
            session.view = view;
        }
    }

    /// The intake form of the signed-in user.
    pub fn intake_form(&self) -> Option<&IntakeForm> {
        self.session().map(|s| s.intake.as_ref())
    }

    /// The wachtrij screen of the signed-in user.
    pub fn queue_screen(&self) -> Option<&QueueScreen> {
        self.session().map(|s| s.queue.as_ref())
    }

    /// The verwijs-scan's advice for the intake as it stands.
    pub fn route_advice(&self) -> Option<Advice> {
        let session = self.session()?;
        let catalog = self.catalog.as_deref();
        Some(route_advice(
            &session.intake,
            &session.user,
            &self.reference,
            catalog,
        ))
    }

    /// Runs `f` on the session's screens with the context they share; `None` before sign-in.
    pub(in crate::tui) fn in_session<R>(
        &mut self,
        f: impl FnOnce(Screens, &mut ScreenContext) -> R,
    ) -> Option<R> {
        let advising = self.advising();
        let now = (self.clock)();
        let Phase::Working(session) = &mut self.phase else {
            return None;
        };
        let Session {
            user,
            view,
            intake,
            queue,
            report,
            edit,
            worklist,
            plan,
            ..
        } = session;
        let mut ctx = ScreenContext {
            store: &mut self.store,
            user,
            catalog: self.catalog.as_ref(),
            settings: &self.settings,
            keymap: &self.keymap,
            questions: &self.questions,
            reference: &self.reference,
            now,
            advising,
            area: crate::tui::screens::layout::body(self.size),
            status: &mut self.status,
            overlay: &mut self.overlay,
            clipboard: &mut self.clipboard,
        };
        let screens = Screens {
            view,
            kaart: &mut self.kaart,
            intake,
            queue,
            report,
            edit,
            worklist,
            plan,
        };
        Some(f(screens, &mut ctx))
    }

    /// Whether an intake is being typed, as the kaart needs to know it.
    pub(in crate::tui) fn advising(&self) -> Advising {
        match self.intake_form() {
            Some(form) if form.has_input() && prefers_own_strength(&form.intake.answers) => {
                Advising::OwnStrengthFirst
            }
            Some(form) if form.has_input() => Advising::Yes,
            _ => Advising::No,
        }
    }

    /// What the screens draw with.
    pub(in crate::tui) fn draw_context<'a>(
        &'a self,
        user: &'a User,
        theme: Theme,
    ) -> DrawContext<'a> {
        DrawContext {
            theme,
            status: self.status.as_deref(),
            focused: self.overlay.is_none(),
            now: (self.clock)(),
            catalog: self.catalog.as_deref(),
            keymap: &self.keymap,
            user,
            questions: &self.questions,
            reference: &self.reference,
            advising: self.advising(),
        }
    }

    /// The screen on show, when one is (signed in and not locked).
    pub(in crate::tui) fn screen(&self) -> Option<&dyn Screen> {
        match &self.phase {
            Phase::Working(session) if session.locked.is_none() => {
                Some(session.screen(&self.kaart))
            }
            Phase::FirstRun(_) | Phase::SignIn(_) | Phase::Working(_) => None,
        }
    }
}
