//! One screen of the signed-in desk behind one small interface, in the spirit of gitui's
//! components: its key contexts, its `update` from an action and its `draw`. What the screens
//! share comes in a context instead of the whole app; what a screen asks of another screen
//! goes back to the app as an [`Effect`]. A [`View`] is mapped to its screen in
//! `app/session.rs` (`Session::screen`, `Screens::current`) by exhaustive matches: a new view
//! does not compile until it has a screen.

use std::fmt::Display;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::ReferenceData;
use crate::domain::account::User;
use crate::domain::gesprekshulp::QuestionSets;
use crate::search::Catalog;
use crate::store::{Store, audit_actor};

use super::action::Action;
use super::app::{Overlay, Settings, View};
use super::form::FieldKind;
use super::keymap::{Context, Keymap};
use super::text;
use super::theme::Theme;

pub trait Screen {
    /// The title in the header.
    fn title(&self) -> &'static str;

    /// The contexts whose keys apply now, most specific first, and whether a text field has
    /// the focus (then unbound printable keys type).
    fn contexts(&self) -> (Vec<Context>, bool);

    /// Every context of the screen, for the help: also the ones not active now.
    fn help_contexts(&self) -> &'static [Context];

    /// The focused field when it is set rather than typed, with the context whose keys set it.
    fn choice_focus(&self) -> Option<(FieldKind, Context)> {
        None
    }

    /// How many fields of the form on screen the last save refused.
    fn field_errors(&self) -> usize {
        0
    }

    /// Whether the key bar offers `action` now (an item's state can rule one out).
    fn offers(&self, _action: Action, _user: &User) -> bool {
        true
    }

    fn update(&mut self, action: Action, ctx: &mut ScreenContext) -> Effect;

    /// Called every little while the screen is on show: catch up with what another desk
    /// changed.
    fn catch_up(&mut self, _ctx: &mut ScreenContext) {}

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &DrawContext);
}

/// What a screen asks of the app or of another screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Go to another screen as it is.
    Show(View),
    /// From the intake to the kaart, to pick services for the advice.
    PickAdvice,
    /// Add this service to the advice of the intake being typed.
    AddAdvice(String),
    /// Open the beheerder's form for this service, or an empty one.
    EditService(Option<String>),
    /// The service form is done with: back to where it was opened from.
    CloseServiceForm,
    /// The plan screen of this household.
    OpenPlan(i64),
}

/// Whether an intake is being typed, as the kaart needs to know it: Enter then adds a service
/// to the advice, and a resident who can do (part of) it sees the lower layers first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Advising {
    No,
    Yes,
    OwnStrengthFirst,
}

/// What a screen may use and change while it handles an action.
pub struct ScreenContext<'a> {
    pub store: &'a mut Store,
    pub user: &'a User,
    pub catalog: Option<&'a Arc<Catalog>>,
    pub settings: &'a Settings,
    pub keymap: &'a Keymap,
    pub questions: &'a QuestionSets,
    /// The leefgebieden, postcodes and termijnen the program was started with.
    pub reference: &'a ReferenceData,
    pub now: DateTime<Utc>,
    pub advising: Advising,
    /// Where the screen is drawn at the terminal's present size: what a page is, how far the
    /// text can scroll.
    pub area: Rect,
    /// A short message for the user.
    pub status: &'a mut Option<String>,
    pub overlay: &'a mut Option<Overlay>,
    /// Text to put on the clipboard at the next draw.
    pub clipboard: &'a mut Option<String>,
}

impl ScreenContext<'_> {
    pub fn say(&mut self, message: impl Into<String>) {
        *self.status = Some(message.into());
    }

    /// Logs a failed database step and tells the user (never the details: they may hold
    /// personal data, which the log file keeps private).
    pub fn db_failed(&mut self, what: &str, error: impl Display) {
        db_failed(self.status, what, error);
    }

    /// Logs a failed save and tells the user that nothing was saved.
    pub fn save_failed(&mut self, what: &str, error: impl Display) {
        tracing::error!("{what} mislukt: {error}");
        self.say(text::ERROR_SAVE);
    }

    /// An audit row of this desk at this moment; a failure is logged, the desk goes on.
    pub fn audit(&self, action: &str, object: &str, result: &str) {
        let at = (self.user, self.settings.origin.as_str(), self.now);
        audit(self.store, at, action, object, result);
    }
}

/// Logs `what` failed with `error`, and puts the database error on the status line.
pub fn db_failed(status: &mut Option<String>, what: &str, error: impl Display) {
    tracing::error!("{what} mislukt: {error}");
    *status = Some(text::ERROR_DATABASE.to_string());
}

/// Writes an audit row for a user at a desk (origin) and moment; a failure is logged, the desk
/// goes on.
pub fn audit(
    store: &Store,
    (user, origin, now): (&User, &str, DateTime<Utc>),
    action: &str,
    object: &str,
    result: &str,
) {
    if let Err(e) = store.audit(&audit_actor(user), action, object, result, origin, now) {
        tracing::error!("audit schrijven mislukt: {e}");
    }
}

/// What a screen may read while it draws.
pub struct DrawContext<'a> {
    pub theme: Theme,
    /// The status line's message, if any.
    pub status: Option<&'a str>,
    /// No overlay covers the screen: its focused field shows the cursor.
    pub focused: bool,
    pub now: DateTime<Utc>,
    pub catalog: Option<&'a Catalog>,
    pub keymap: &'a Keymap,
    pub user: &'a User,
    pub questions: &'a QuestionSets,
    pub reference: &'a ReferenceData,
    pub advising: Advising,
}
