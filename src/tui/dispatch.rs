//! Which keys apply where: the contexts of the current screen (most specific first), the
//! key → action lookup through the one keymap, and which actions the phase and the user's role
//! (see `policy`) allow. Actions not allowed are ignored and left out of the key bar and help.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::policy::{self, Permission};

use super::action::Action;
use super::app::{App, Overlay, Phase, Session};
use super::form::FieldKind;
use super::keymap::{Context, Key};
use super::text;

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
                | Overlay::ConfirmDiscardDraft { .. }
                | Overlay::ConfirmDiscardEdit
                | Overlay::ConfirmDiscardPlanForm
                | Overlay::ConfirmDemo,
            ) => (vec![Context::Bevestigen], false),
            Some(Overlay::MyContacts { .. }) => (vec![Context::Lijst], false),
            Some(Overlay::EditRecord(_)) => (vec![Context::Formulier, Context::Tekstveld], true),
            Some(Overlay::KaartNote(_)) => (vec![Context::Vraag, Context::Tekstveld], true),
            Some(Overlay::Household { .. } | Overlay::PickRoute(_)) => {
                (vec![Context::Lijst, Context::Tekstveld], true)
            }
            None => self.contexts_below_overlay(),
        }
    }

    /// The contexts of the screen itself, ignoring any overlay (what the help overlay lists).
    pub fn contexts_below_overlay(&self) -> (Vec<Context>, bool) {
        match &self.phase {
            Phase::FirstRun(_) => (
                vec![
                    Context::Welkom,
                    Context::Formulier,
                    Context::Tekstveld,
                    Context::Global,
                ],
                true,
            ),
            Phase::SignIn(_) => (
                vec![Context::Formulier, Context::Tekstveld, Context::Global],
                true,
            ),
            Phase::Working(Session {
                locked: Some(_), ..
            }) => (
                vec![Context::Vergrendeld, Context::Tekstveld, Context::Global],
                true,
            ),
            Phase::Working(session) => session.screen(&self.kaart).contexts(),
        }
    }

    /// Every context of the screen under the overlay, for the help: the ones that apply now
    /// first, then the rest of the screen's (another row, the gesprekshulp, a dialog), and the
    /// keys that work everywhere last.
    pub fn help_contexts(&self) -> Vec<Context> {
        let (mut contexts, _) = self.contexts_below_overlay();
        let screen: &[Context] = match &self.phase {
            Phase::FirstRun(_) | Phase::SignIn(_) => &[Context::Formulier, Context::Tekstveld],
            Phase::Working(Session {
                locked: Some(_), ..
            }) => &[Context::Vergrendeld, Context::Tekstveld],
            Phase::Working(session) => session.screen(&self.kaart).help_contexts(),
        };
        contexts.retain(|c| *c != Context::Global);
        for context in screen {
            if !contexts.contains(context) {
                contexts.push(*context);
            }
        }
        contexts.push(Context::Global);
        contexts
    }

    /// The focused field when it is set rather than typed (a choice, a checkbox, a row that
    /// opens a list), with the context whose keys set it. Only without an overlay.
    pub fn choice_focus(&self) -> Option<(FieldKind, Context)> {
        if self.overlay.is_some() {
            return None;
        }
        self.screen()?.choice_focus()
    }

    /// Letters typed on a field that is set rather than typed change nothing: the status line
    /// says how the field is set. A space right after such a letter is typing too, so a
    /// sentence typed into the wrong field leaves its value alone; a space on its own sets the
    /// field. Returns whether the key was taken this way.
    pub(super) fn typed_into_choice(&mut self, event: KeyEvent, action: Option<Action>) -> bool {
        let Some((kind, context)) = self.choice_focus() else {
            self.typing_on_choice = false;
            return false;
        };
        let space = Key::from_event(event).typed_char() == Some(' ');
        let typing = matches!(action, Some(Action::Insert(c)) if c != ' ')
            || (space && self.typing_on_choice);
        self.typing_on_choice = typing;
        if typing {
            let keys = if context == Context::Vraag {
                self.dialog_choice_keys()
            } else {
                self.setting_keys(kind, context)
            };
            self.status = Some(text::not_a_text_field(kind, &keys));
        }
        typing
    }

    /// The keys that change a wachtrij dialog's choice: the text field's ←/→ and Space, as
    /// `Prompt::handle` takes them (↑/↓ move between the dialog's rows there).
    fn dialog_choice_keys(&self) -> String {
        let arrows: Vec<String> = [Action::CursorLeft, Action::CursorRight]
            .into_iter()
            .filter_map(|action| self.keymap.key_for(Context::Tekstveld, action, false))
            .map(|key| key.to_string())
            .collect();
        let space = Key {
            code: KeyCode::Char(' '),
            modifiers: KeyModifiers::NONE,
        };
        format!("{} {} {space}", arrows.join("/"), text::OR)
    }

    /// The keys that set a field of `kind` in `context`, arrows first: "←/→ of Spatie/Enter". A
    /// choice in a text field's context is set with its cursor keys.
    fn setting_keys(&self, kind: FieldKind, context: Context) -> String {
        let is_arrow = |key: &Key| {
            matches!(
                key.code,
                KeyCode::Left | KeyCode::Right | KeyCode::Up | KeyCode::Down
            )
        };
        let mut arrows = Vec::new();
        let mut others = Vec::new();
        for (key, action) in self.keymap.bindings(context) {
            if !matches!(
                action,
                Action::Toggle | Action::ToggleBack | Action::CursorLeft | Action::CursorRight
            ) {
                continue;
            }
            match (is_arrow(key), kind) {
                (true, FieldKind::Choice) => arrows.push((*key, *action)),
                (true, _) => {}
                (false, _) => others.push(key.to_string()),
            }
        }
        // The key back before the key forward: "←/→".
        arrows
            .sort_by_key(|(_, action)| !matches!(action, Action::ToggleBack | Action::CursorLeft));
        let arrows: Vec<String> = arrows.iter().map(|(k, _)| k.to_string()).collect();
        match (arrows.is_empty(), others.is_empty()) {
            (false, false) => format!("{} {} {}", arrows.join("/"), text::OR, others.join("/")),
            (false, true) => arrows.join("/"),
            _ => others.join("/"),
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

    /// Whether the key bar offers `action` on the screen now (see [`Screen::offers`]).
    pub fn offers(&self, action: Action) -> bool {
        match (self.screen(), self.user()) {
            (Some(screen), Some(user)) => screen.offers(action, user),
            _ => true,
        }
    }

    /// How many fields of the form on screen the last save refused.
    pub fn field_errors(&self) -> usize {
        self.screen().map_or(0, |screen| screen.field_errors())
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
            | Action::HandOverOutside
            | Action::AppointmentItem
            | Action::ContactItem
            | Action::CloseItem => may(Permission::WorkQueue),
            // Volunteers and beheerders never read a plan (`policy::may_read_plan`).
            Action::OpenPlan | Action::PrintPlan => may(Permission::WorkQueue),
            Action::RecordGesprek
            | Action::AnswerPlan
            | Action::EditPlan
            | Action::EvaluatePlan
            | Action::DecideTask
            | Action::HandOverLine => may(Permission::DirectCase),
            Action::MarkItem | Action::ReassignItems => may(Permission::ReassignQueue),
            Action::ShareCase => may(Permission::ShareCase),
            Action::TakeRegie
            | Action::HandOnRegie
            | Action::RegieOffers
            | Action::EscalateCase
            | Action::CloseCase => may(Permission::DirectCase),
            Action::AssignRegie => may(Permission::ReassignQueue),
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
