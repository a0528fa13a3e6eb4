//! The application state and its one `update`: keys become actions (through the keymap), actions
//! change state, and the screens draw whatever the state is.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;
use ratatui::layout::Size;

mod overlay;
mod session;
mod sign_in;

pub use overlay::Overlay;
pub use session::{Phase, Session, View};
use sign_in::{Refusal, first_run_form, sign_in_form};

use crate::config::Config;
use crate::domain::ReferenceData;
use crate::domain::account::User;
use crate::domain::gesprekshulp::QuestionSets;
use crate::domain::hours::dutch_local;
use crate::domain::policy::Privacy;
use crate::domain::retention::RetentionPolicy;
use crate::interop::QuestionSource;
use crate::safe_text;
use crate::search::Catalog;
use crate::store::Store;

use super::action::Action;
use super::catalog_watch::CatalogWatch;
use super::hint;
use super::kaart_screen::{Focus, KaartScreen};
use super::keymap::Keymap;
use super::screen::{self, Advising, Effect};
use super::text;

/// How often the intake being typed is written to the database as a draft.
const DRAFT_INTERVAL: Duration = Duration::from_secs(2);
/// How often the app looks whether another desk changed the wachtrij (well within 2 seconds)
/// or the beheerder changed the question files.
const CHANGE_CHECK_INTERVAL: Duration = Duration::from_millis(700);
/// No text field holds more than this; a bigger paste is cut here rather than typed in vain.
const MAX_PASTE_CHARS: usize = 2000;

/// Settings of the full-screen program.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Lock the screen after this long without a key.
    pub lock_after: Duration,
    /// How long a wrong PIN is answered after, to slow down guessing.
    pub wrong_pin_delay: Duration,
    /// Where this desk is, for the audit log (e.g. the host name).
    pub origin: String,
    pub privacy: Privacy,
    pub retention: RetentionPolicy,
    /// A service not verified for this long is on the worklist.
    pub verify_after_months: u32,
    /// Where plans van aanpak are printed.
    pub plan_folder: std::path::PathBuf,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lock_after: Config::default().lock_after,
            wrong_pin_delay: crate::domain::account::REFUSAL_DELAY,
            origin: String::new(),
            privacy: Privacy::default(),
            retention: RetentionPolicy::default(),
            verify_after_months: 12,
            plan_folder: crate::config::default_plan_folder(),
        }
    }
}

pub struct App {
    pub store: Store,
    pub keymap: Keymap,
    pub settings: Settings,
    pub phase: Phase,
    pub overlay: Option<Overlay>,
    pub catalog: Option<Arc<Catalog>>,
    pub kaart: KaartScreen,
    pub quit: bool,
    /// Text to put on the clipboard (OSC 52) at the next draw.
    pub clipboard: Option<String>,
    pub clock: fn() -> DateTime<Utc>,
    /// A short message for the user (saved, added to the advice, what went wrong).
    pub status: Option<String>,
    /// The database is a demo database, or holds demo data: the header says so.
    pub demo: bool,
    last_input: Instant,
    pub(super) last_draft: Instant,
    last_change_check: Instant,
    pub(super) catalog_watch: CatalogWatch,
    /// The gesprekshulp's question sets, and the beheerder's folder they are reloaded from.
    pub(super) questions: QuestionSets,
    pub(super) question_source: QuestionSource,
    /// The terminal's size, from the event loop (or a test): pages and scroll limits follow it.
    pub size: Size,
    /// The last key was a letter typed on a choice field (so a space now is typing, too).
    pub(super) typing_on_choice: bool,
    /// A wrong PIN waiting to be told.
    refusal: Option<Refusal>,
    /// The leefgebieden, postcodes, termijnen and vragen the program was started with.
    pub(super) reference: Arc<ReferenceData>,
}

impl App {
    pub fn new(
        mut store: Store,
        keymap: Keymap,
        settings: Settings,
        clock: fn() -> DateTime<Utc>,
    ) -> anyhow::Result<App> {
        let phase = if store.user_count()? == 0 {
            Phase::FirstRun(first_run_form())
        } else {
            Phase::SignIn(sign_in_form())
        };
        let demo = crate::demo::holds_demo_data(&store).unwrap_or(false);
        store.set_privacy(settings.privacy);
        let reference = Arc::clone(store.reference());
        Ok(App {
            store,
            keymap,
            settings,
            phase,
            overlay: None,
            catalog: None,
            kaart: KaartScreen::default(),
            quit: false,
            clipboard: None,
            clock,
            status: None,
            demo,
            last_input: Instant::now(),
            last_draft: Instant::now(),
            last_change_check: Instant::now(),
            questions: reference.questions.clone(),
            reference,
            question_source: QuestionSource::new(None),
            catalog_watch: CatalogWatch::default(),
            size: Size::new(80, 24),
            typing_on_choice: false,
            refusal: None,
        })
    }

    /// The kaart arrives here, built in the background, at start and after every change: the
    /// query, the filters and the selected service stay; the results are the new kaart's.
    pub fn set_catalog(&mut self, catalog: Arc<Catalog>) {
        let selected = self.kaart.selected_hit().map(|hit| hit.id.clone());
        let scroll = self.kaart.detail_scroll;
        self.catalog = Some(catalog);
        self.refresh_results();
        let still_found =
            selected.and_then(|id| self.kaart.results.hits.iter().position(|h| h.id == id));
        match still_found {
            Some(index) => {
                self.kaart.selected = index;
                self.kaart.detail_scroll = scroll;
            }
            // Rather no details than those of another service in its place.
            None => self.kaart.detail_expanded = false,
        }
        // The kaart changed: the selected service may have, too.
        self.kaart.load_detail(&self.store, true, &mut self.status);
    }

    pub fn user(&self) -> Option<&User> {
        match &self.phase {
            Phase::Working(session) => Some(&session.user),
            _ => None,
        }
    }

    pub fn is_locked(&self) -> bool {
        matches!(
            &self.phase,
            Phase::Working(Session {
                locked: Some(_),
                ..
            })
        )
    }

    pub fn handle_key(&mut self, event: KeyEvent, now: Instant) {
        self.last_input = now;
        // A message stays until the next key.
        self.status = None;
        let action = self.action_for(event);
        if self.typed_into_choice(event, action) {
            return;
        }
        if let Some(action) = action {
            self.update(action);
        }
    }

    /// Pasted text (bracketed paste) goes into the focused text field as typed characters,
    /// made safe first, and never through the keymap: a paste that smuggles an end-of-paste
    /// sequence and key codes still only types. Without a focused text field it is dropped.
    pub fn paste(&mut self, text: &str, now: Instant) {
        self.last_input = now;
        self.status = None;
        if !self.contexts().1 {
            return;
        }
        for c in safe_text::for_screen(text).chars().take(MAX_PASTE_CHARS) {
            self.update(Action::Insert(c));
        }
    }

    /// Locks the screen when nobody typed for a while, and keeps the draft of the intake.
    pub fn tick(&mut self, now: Instant) {
        self.settle_refusal(now);
        if now.duration_since(self.last_input) >= self.settings.lock_after {
            self.lock();
        }
        if now.duration_since(self.last_draft) >= DRAFT_INTERVAL {
            self.write_draft();
            self.last_draft = now;
        }
        if now.duration_since(self.last_change_check) >= CHANGE_CHECK_INTERVAL {
            self.end_session_if_account_changed();
            if !self.is_locked() {
                self.in_session(|mut screens, ctx| screens.current().catch_up(ctx));
            }
            // The beheerder's question files: a few stats, not at every tick.
            self.watch_questions();
            self.last_change_check = now;
        }
        self.watch_catalog(now);
    }

    /// An audit row of this desk at this moment; a failure is logged, the desk goes on.
    pub(super) fn audit(&self, user: &User, action: &str, object: &str, result: &str) {
        let at = (user, self.settings.origin.as_str(), (self.clock)());
        screen::audit(&self.store, at, action, object, result);
    }

    /// Logs a failed database step and puts the database error on the status line.
    pub(super) fn db_failed(&mut self, what: &str, error: impl std::fmt::Display) {
        screen::db_failed(&mut self.status, what, error);
    }

    /// Whether leaving now would lose typed input.
    fn has_unsaved_input(&self) -> bool {
        match &self.phase {
            Phase::FirstRun(form) => form.has_input(),
            Phase::Working(session) => {
                session.intake.has_input() || session.edit.form.as_ref().is_some_and(|f| f.dirty)
            }
            Phase::SignIn(_) => false,
        }
    }

    pub fn update(&mut self, action: Action) {
        if let Some(overlay) = self.overlay.clone() {
            self.update_overlay(overlay, action);
            return;
        }
        if self.update_global(action) {
            return;
        }
        match &mut self.phase {
            Phase::FirstRun(form) => {
                if action == Action::Submit {
                    self.submit_first_run();
                } else if action == Action::OpenDemo {
                    self.overlay = Some(Overlay::ConfirmDemo);
                } else {
                    form.handle(action);
                }
            }
            // A wrong PIN is being answered: nothing is typed or sent meanwhile.
            Phase::SignIn(_)
            | Phase::Working(Session {
                locked: Some(_), ..
            }) if self.refusal.is_some() => {}
            Phase::SignIn(form) => {
                if action == Action::Submit {
                    self.submit_sign_in();
                } else {
                    form.handle(action);
                }
            }
            Phase::Working(Session {
                locked: Some(form), ..
            }) => match action {
                Action::Submit => self.submit_unlock(),
                Action::SwitchUser => self.overlay = Some(Overlay::ConfirmSwitchUser),
                other => {
                    form.handle(other);
                }
            },
            Phase::Working(_) => {
                let effect =
                    self.in_session(|mut screens, ctx| screens.current().update(action, ctx));
                self.apply(effect.unwrap_or(Effect::None));
            }
        }
        self.settle_refusal(Instant::now());
    }

    /// The keys that work on every screen; returns whether `action` was one.
    fn update_global(&mut self, action: Action) -> bool {
        match action {
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Quit if self.has_unsaved_input() => self.overlay = Some(Overlay::ConfirmQuit),
            Action::Quit => self.quit = true,
            Action::Lock => self.lock(),
            Action::Kaart => {
                self.kaart.focus = Focus::Search;
                self.kaart.detail_expanded = false;
                self.set_view(View::Kaart);
            }
            Action::NewIntake => {
                // A draft kept for later is offered again before a new intake can start.
                let waiting = self.intake_form().is_some_and(|f| f.draft_waiting);
                if !(waiting && self.offer_draft()) {
                    self.open_intake();
                }
            }
            Action::Queue => {
                self.set_view(View::Queue);
                self.in_session(|screens, ctx| screens.queue.reload(ctx));
            }
            Action::Report => {
                self.set_view(View::Report);
                self.in_session(|screens, ctx| screens.report.open(ctx));
            }
            Action::Worklist => {
                self.set_view(View::Worklist);
                self.reload_worklist();
            }
            _ => return false,
        }
        true
    }

    /// F3: the intake, with the question typed on the kaart carried into it.
    fn open_intake(&mut self) {
        let query = self.kaart.query.value().to_string();
        self.set_view(View::Intake);
        self.in_session(|screens, ctx| screens.intake.carry_question(&query, ctx));
    }

    /// Does what a screen asked of the app or of another screen.
    pub(super) fn apply(&mut self, effect: Effect) {
        match effect {
            Effect::None => {}
            // Back from the plan: what was recorded there changes the plan work of the list.
            Effect::Show(View::Queue) => {
                self.set_view(View::Queue);
                self.in_session(|screens, ctx| screens.queue.reload(ctx));
            }
            Effect::Show(view) => self.set_view(view),
            Effect::PickAdvice => {
                self.set_view(View::Kaart);
                self.kaart.focus = Focus::Search;
                self.refresh_results();
                let own_strength = self.advising() == Advising::OwnStrengthFirst;
                self.status = Some(hint::pick_advice(&self.keymap, own_strength));
            }
            Effect::AddAdvice(id) => {
                let Some(catalog) = self.catalog.clone() else {
                    return;
                };
                let Some(session) = self.session_mut() else {
                    return;
                };
                let added = session.intake.add_advice(&id, &catalog);
                let name = catalog.index.line_of(&id).map_or("", |s| s.name);
                self.status = Some(if added {
                    text::added_to_advice(name)
                } else {
                    text::already_in_advice(name)
                });
            }
            Effect::EditService(id) => self.open_service_form(id.as_deref()),
            Effect::CloseServiceForm => self.close_service_form(),
            Effect::OpenPlan(household) => {
                self.set_view(View::Plan);
                self.in_session(|screens, ctx| screens.plan.open(household, ctx));
            }
        }
    }

    pub fn refresh_results(&mut self) {
        if let Some(catalog) = self.catalog.clone() {
            let now = dutch_local((self.clock)());
            let advising = self.advising();
            let user = match &self.phase {
                Phase::Working(session) => Some(&session.user),
                Phase::FirstRun(_) | Phase::SignIn(_) => None,
            };
            self.kaart.search(&catalog, now, user, advising);
            self.kaart.load_detail(&self.store, false, &mut self.status);
        }
    }
}
