//! Which keys apply where: the contexts of the current screen (most specific first), the
//! key → action lookup through the one keymap, and which actions the phase and the user's role
//! (see `policy`) allow. Actions not allowed are ignored and left out of the key bar and help.

use crossterm::event::KeyEvent;

use crate::domain::policy::{self, Permission};

use super::action::Action;
use super::app::{App, Overlay, Phase, Session, View};
use super::kaart_view::Focus;
use super::keymap::{Context, Key};
use super::queue_view::PromptKind;

impl App {
    /// The contexts whose keys apply now, most specific first, and whether a text field has
    /// the focus (then unbound printable keys type).
    pub fn contexts(&self) -> (Vec<Context>, bool) {
        match &self.overlay {
            Some(Overlay::Help { .. } | Overlay::Copied(_)) => (vec![Context::Hulp], false),
            Some(
                Overlay::ConfirmQuit
                | Overlay::ConfirmSwitchUser
                | Overlay::ConfirmDraft { .. }
                | Overlay::ConfirmDemo,
            ) => (vec![Context::Bevestigen], false),
            Some(Overlay::MyContacts { .. }) => (vec![Context::Lijst], false),
            Some(Overlay::ConfirmDiscardEdit) => (vec![Context::Bevestigen], false),
            Some(Overlay::EditRecord(_)) => (vec![Context::Formulier, Context::Tekstveld], true),
            Some(Overlay::KaartNote(_)) => (vec![Context::Vraag, Context::Tekstveld], true),
            Some(Overlay::Household { .. }) => (vec![Context::Lijst, Context::Tekstveld], true),
            None => self.contexts_below_overlay(),
        }
    }

    /// The contexts of the screen itself, ignoring any overlay (what the help overlay lists).
    pub fn contexts_below_overlay(&self) -> (Vec<Context>, bool) {
        match &self.phase {
            Phase::FirstRun(_) | Phase::SignIn(_) => (
                vec![Context::Formulier, Context::Tekstveld, Context::Global],
                true,
            ),
            Phase::Working(Session {
                locked: Some(_), ..
            }) => (
                vec![Context::Vergrendeld, Context::Tekstveld, Context::Global],
                true,
            ),
            Phase::Working(Session {
                view: View::Report,
                report,
                ..
            }) => match &report.custom {
                Some(_) => (
                    vec![Context::Vraag, Context::Tekstveld, Context::Global],
                    true,
                ),
                None => (vec![Context::Rapport, Context::Global], false),
            },
            Phase::Working(Session {
                view: View::Queue,
                queue,
                ..
            }) => match &queue.prompt {
                Some(prompt) if prompt.kind == PromptKind::Claim => {
                    (vec![Context::Bevestigen, Context::Global], false)
                }
                Some(_) => (
                    vec![Context::Vraag, Context::Tekstveld, Context::Global],
                    true,
                ),
                None if queue.filtering => (
                    vec![Context::Vraag, Context::Tekstveld, Context::Global],
                    true,
                ),
                None => (vec![Context::Wachtrij, Context::Global], false),
            },
            Phase::Working(Session {
                view: View::EditService,
                edit: Some(form),
                ..
            }) => {
                if form.focused().is_text() {
                    (
                        vec![Context::Dienst, Context::Tekstveld, Context::Global],
                        true,
                    )
                } else {
                    (
                        vec![Context::Keuze, Context::Dienst, Context::Global],
                        false,
                    )
                }
            }
            Phase::Working(Session {
                view: View::Worklist,
                ..
            }) => (vec![Context::Werklijst, Context::Global], false),
            Phase::Working(Session {
                view: View::Intake,
                intake,
                ..
            }) => {
                if intake.panel.focused {
                    (vec![Context::Vragen, Context::Global], false)
                } else if intake.focused().is_text() {
                    (
                        vec![Context::Intake, Context::Tekstveld, Context::Global],
                        true,
                    )
                } else {
                    (
                        vec![Context::Keuze, Context::Intake, Context::Global],
                        false,
                    )
                }
            }
            Phase::Working(_) if self.kaart.filter_form.is_some() => {
                (vec![Context::Filters, Context::Global], false)
            }
            Phase::Working(_)
                if self.kaart.focus == Focus::Search && !self.kaart.detail_expanded =>
            {
                (
                    vec![Context::Zoekregel, Context::Tekstveld, Context::Global],
                    true,
                )
            }
            Phase::Working(_) => (vec![Context::Kaart, Context::Global], false),
        }
    }

    /// Turns a key into an action through the keymap.
    pub fn action_for(&self, event: KeyEvent) -> Option<Action> {
        let key = Key::from_event(event);
        let (contexts, typing) = self.contexts();
        let mut found = None;
        for context in &contexts {
            if typing
                && *context == Context::Tekstveld
                && let Some(c) = key.typed_char()
            {
                found = Some(Action::Insert(c));
                break;
            }
            if let Some(action) = self.keymap.lookup(*context, key) {
                found = Some(action);
                break;
            }
        }
        found
            .or_else(|| key.typed_char().map(Action::Insert))
            .filter(|a| self.action_allowed(*a))
    }

    /// Actions the current phase or the user's role (see `policy`) do not allow are ignored,
    /// and left out of the key bar and the help.
    pub fn action_allowed(&self, action: Action) -> bool {
        let may = |permission| {
            self.user()
                .is_some_and(|u| policy::allows(u.role, permission))
        };
        match action {
            Action::Kaart => !self.is_locked() && may(Permission::SearchKaart),
            Action::CopyContact => may(Permission::CopyContact),
            Action::NewIntake => !self.is_locked() && may(Permission::RegisterIntake),
            Action::Queue => !self.is_locked() && may(Permission::ViewQueue),
            Action::Report => !self.is_locked() && may(Permission::ViewReports),
            Action::ClaimItem
            | Action::ReleaseItem
            | Action::ForwardItem
            | Action::AppointmentItem
            | Action::ContactItem
            | Action::CloseItem => may(Permission::WorkQueue),
            Action::MarkItem | Action::ReassignItems => may(Permission::ReassignQueue),
            Action::ShareCase => may(Permission::ShareCase),
            Action::ReportService => may(Permission::SearchKaart),
            Action::Worklist => !self.is_locked() && may(Permission::ManageKaart),
            Action::EditService
            | Action::NewService
            | Action::VerifyService
            | Action::ResolveReport
            | Action::EditRecord => may(Permission::ManageKaart),
            Action::Lock => self.user().is_some() && !self.is_locked(),
            Action::Quit => !self.is_locked(),
            _ => true,
        }
    }
}
