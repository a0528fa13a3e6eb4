//! The application state and its one `update`: keys become actions (through the keymap), actions
//! change state, and the screens draw whatever the state is.

use std::cell::Cell;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;

use crate::config::Config;
use crate::domain::account::{Role, User};
use crate::domain::hours::dutch_local;
use crate::domain::policy::{self, Permission, Privacy};
use crate::domain::retention::RetentionPolicy;
use crate::safe_text;
use crate::search::Catalog;
use crate::store::{AccountError, CreatedBy, NewUser, SessionStamp, Store, audit_actor};

use super::action::Action;
use super::catalog_watch::CatalogWatch;
use super::form::{Form, TextField};
use super::intake_form::IntakeForm;
use super::intake_keys::RoutePicker;
use super::kaart_view::{Focus, KaartView};
use super::keymap::Keymap;
use super::queue_view::QueueScreen;
use super::record_form::RecordForm;
use super::report_view::ReportScreen;
use super::service_form::ServiceForm;
use super::text::{self, capitalized};
use super::worklist_view::{KaartNote, WorklistScreen};
use crate::domain::Leefgebieden;
use crate::domain::gesprekshulp::QuestionSets;
use crate::domain::postcodes::Postcodes;
use crate::interop::QuestionSource;
use crate::store::{HouseholdMatch, IntakeSummary, QueueView};

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
        }
    }
}

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
    /// The service being edited by a beheerder, and the view to return to; kept while the
    /// user looks elsewhere, so nothing typed is lost.
    pub edit: Option<Box<ServiceForm>>,
    pub edit_return: View,
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
    /// An organisation or location of the service being edited.
    EditRecord(RecordForm),
    /// The intake's route from a list, filtered by what is typed.
    PickRoute(RoutePicker),
}

pub struct App {
    pub store: Store,
    pub keymap: Keymap,
    pub settings: Settings,
    pub phase: Phase,
    pub overlay: Option<Overlay>,
    pub catalog: Option<Arc<Catalog>>,
    pub kaart: KaartView,
    pub quit: bool,
    /// Text to put on the clipboard (OSC 52) at the next draw.
    pub clipboard: Option<String>,
    pub clock: fn() -> DateTime<Utc>,
    /// A short message for the user (saved, added to the advice, what went wrong).
    pub status: Option<String>,
    pub postcodes: Postcodes,
    /// The database is a demo database, or holds demo data: the header says so.
    pub demo: bool,
    last_input: Instant,
    pub(super) last_draft: Instant,
    last_change_check: Instant,
    pub(super) catalog_watch: CatalogWatch,
    /// The gesprekshulp's question sets, and the beheerder's folder they are reloaded from.
    pub(super) questions: QuestionSets,
    pub(super) question_source: QuestionSource,
    /// The help overlay at its last draw: lines of content, lines shown (bounds its scrolling).
    pub(super) help_view: Cell<(u16, u16)>,
    /// The last key was a letter typed on a choice field (so a space now is typing, too).
    pub(super) typing_on_choice: bool,
}

fn first_run_form() -> Form {
    Form::new(vec![
        TextField::new(text::LABEL_NAME, 80),
        TextField::new(text::LABEL_LOCATION, 80),
        TextField::secret(text::LABEL_PIN),
        TextField::secret(text::LABEL_PIN_AGAIN),
    ])
}

fn sign_in_form() -> Form {
    Form::new(vec![
        TextField::new(text::LABEL_NAME, 80),
        TextField::secret(text::LABEL_PIN),
    ])
}

fn lock_form() -> Form {
    Form::new(vec![TextField::secret(text::LABEL_PIN)])
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
            kaart: KaartView::default(),
            quit: false,
            clipboard: None,
            clock,
            status: None,
            postcodes: reference.postcodes.clone(),
            demo,
            last_input: Instant::now(),
            last_draft: Instant::now(),
            last_change_check: Instant::now(),
            questions: reference.questions.clone(),
            question_source: QuestionSource::new(None),
            catalog_watch: CatalogWatch::default(),
            help_view: Cell::new((0, 0)),
            typing_on_choice: false,
        })
    }

    /// The leefgebieden the program was started with (its reference data).
    pub fn leefgebieden(&self) -> &Leefgebieden {
        &self.store.reference().leefgebieden
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
        if now.duration_since(self.last_input) >= self.settings.lock_after {
            self.lock();
        }
        if now.duration_since(self.last_draft) >= DRAFT_INTERVAL {
            self.write_draft();
            self.last_draft = now;
        }
        if now.duration_since(self.last_change_check) >= CHANGE_CHECK_INTERVAL {
            self.end_session_if_account_changed();
            self.refresh_queue_if_changed();
            // The beheerder's question files: a few stats, not at every tick.
            self.watch_questions();
            self.last_change_check = now;
        }
        self.watch_catalog(now);
    }

    /// An audit row of this desk at this moment; a failure is logged, the desk goes on.
    pub(super) fn audit(&self, user: &User, action: &str, object: &str, result: &str) {
        if let Err(e) = self.store.audit(
            &audit_actor(user),
            action,
            object,
            result,
            &self.settings.origin,
            (self.clock)(),
        ) {
            tracing::error!("audit schrijven mislukt: {e}");
        }
    }

    fn lock(&mut self) {
        if let Phase::Working(session) = &mut self.phase
            && session.locked.is_none()
        {
            session.locked = Some(lock_form());
            self.overlay = None;
            let user = session.user.clone();
            self.audit(&user, "vergrendelen", "", "gelukt");
            self.write_draft();
        }
    }

    /// Ends the session when the account was disabled, given a new PIN or another role since
    /// it signed in, wherever that was done: the offboarded keep no open screen.
    fn end_session_if_account_changed(&mut self) {
        let Phase::Working(session) = &self.phase else {
            return;
        };
        if session.ended {
            return;
        }
        match self.store.session_is_current(&session.stamp) {
            Ok(true) => {}
            Ok(false) => self.end_session(),
            Err(e) => tracing::error!("sessie controleren mislukt: {e}"),
        }
    }

    /// Locks the screen for good: the PIN no longer unlocks it, a new sign-in is needed.
    fn end_session(&mut self) {
        self.lock();
        let Phase::Working(session) = &mut self.phase else {
            return;
        };
        session.ended = true;
        if let Some(form) = &mut session.locked {
            form.refuse(text::SESSION_ENDED, 0);
        }
        let user = session.user.clone();
        self.audit(&user, "sessie beëindigd", "", "account gewijzigd");
    }

    /// Whether leaving now would lose typed input.
    fn has_unsaved_input(&self) -> bool {
        match &self.phase {
            Phase::FirstRun(form) => form.has_input(),
            Phase::Working(session) => {
                session.intake.has_input() || session.edit.as_ref().is_some_and(|f| f.dirty)
            }
            Phase::SignIn(_) => false,
        }
    }

    pub fn update(&mut self, action: Action) {
        if let Some(overlay) = self.overlay.clone() {
            self.update_overlay(overlay, action);
            return;
        }
        match action {
            Action::Help => {
                self.overlay = Some(Overlay::Help { scroll: 0 });
                return;
            }
            Action::Quit if self.has_unsaved_input() => {
                self.overlay = Some(Overlay::ConfirmQuit);
                return;
            }
            Action::Quit => {
                self.quit = true;
                return;
            }
            Action::Lock => {
                self.lock();
                return;
            }
            Action::Kaart => {
                self.kaart.focus = Focus::Search;
                self.kaart.detail_expanded = false;
                self.set_view(View::Kaart);
                return;
            }
            Action::NewIntake => {
                // A draft kept for later is offered again before a new intake can start.
                let waiting = self.intake_form().is_some_and(|f| f.draft_waiting);
                if !(waiting && self.offer_draft()) {
                    self.open_intake();
                }
                return;
            }
            Action::Queue => {
                self.set_view(View::Queue);
                self.reload_queue();
                return;
            }
            Action::Report => {
                self.set_view(View::Report);
                self.open_report();
                return;
            }
            Action::Worklist => {
                self.set_view(View::Worklist);
                self.reload_worklist();
                return;
            }
            _ => {}
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
            Phase::Working(Session {
                view: View::Intake, ..
            }) => self.update_intake(action),
            Phase::Working(Session {
                view: View::Queue, ..
            }) => self.update_queue(action),
            Phase::Working(Session {
                view: View::Report, ..
            }) => self.update_report(action),
            Phase::Working(Session {
                view: View::EditService,
                ..
            }) => self.update_service_form(action),
            Phase::Working(Session {
                view: View::Worklist,
                ..
            }) => self.update_worklist(action),
            Phase::Working(_) => self.update_kaart(action),
        }
    }

    fn update_overlay(&mut self, overlay: Overlay, action: Action) {
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
                self.update_intake_overlay(overlay, action)
            }
            (overlay @ (Overlay::KaartNote(_) | Overlay::EditRecord(_)), action) => {
                self.update_beheer_overlay(overlay, action)
            }
            (Overlay::PickRoute(picker), action) => self.update_route_picker(picker, action),
            _ => {}
        }
    }

    /// Signs the user out from the lock screen so someone else can sign in.
    pub(super) fn switch_user(&mut self) {
        if let Some(user) = self.user().cloned() {
            self.audit(&user, "afmelden", "", "wissel gebruiker");
        }
        self.phase = Phase::SignIn(sign_in_form());
        self.kaart = KaartView::default();
        self.refresh_results();
        self.overlay = None;
    }

    fn update_kaart(&mut self, action: Action) {
        if matches!(
            action,
            Action::ReportService
                | Action::EditService
                | Action::NewService
                | Action::VerifyService
        ) {
            let selected = self.kaart.selected_hit().map(|hit| hit.id.clone());
            self.kaart_beheer(action, selected);
            return;
        }
        if action == Action::Choose {
            self.choose_service();
            return;
        }
        if action == Action::CopyContact {
            if let Some(text) = self.contact_text() {
                self.clipboard = Some(text.clone());
                self.overlay = Some(Overlay::Copied(text));
            }
            return;
        }
        let Some(catalog) = self.catalog.clone() else {
            return;
        };
        if self.kaart.handle(action, &catalog) == Some(true) {
            self.refresh_results();
        }
    }

    pub fn refresh_results(&mut self) {
        if let Some(catalog) = self.catalog.clone() {
            let manages = self
                .user()
                .is_some_and(|u| policy::allows(u.role, Permission::ManageKaart));
            self.kaart
                .refresh(&catalog, dutch_local((self.clock)()), manages);
            if self.own_strength_first() {
                self.kaart.lower_layers_first(&catalog.kaart);
            }
        }
    }

    /// The selected service's contact details as plain text.
    fn contact_text(&self) -> Option<String> {
        let catalog = self.catalog.as_ref()?;
        let hit = self.kaart.selected_hit()?;
        let service = catalog.kaart.service(&hit.id)?;
        Some(super::screens::detail::contact_lines(&catalog.kaart, service).join("\n"))
    }

    fn submit_first_run(&mut self) {
        let Phase::FirstRun(form) = &mut self.phase else {
            return;
        };
        let (name, location, pin, again) = (
            form.value(0).trim().to_string(),
            form.value(1).trim().to_string(),
            form.value(2).to_string(),
            form.value(3).to_string(),
        );
        if name.is_empty() {
            form.refuse(text::ERROR_NAME_REQUIRED, 0);
            return;
        }
        if pin != again {
            form.refuse(text::ERROR_PINS_DIFFER, 2);
            return;
        }
        let new_user = NewUser {
            name,
            role: Role::Beheerder,
            location,
            teams: Vec::new(),
            expertise: Vec::new(),
        };
        let made = self
            .store
            .add_account(
                &new_user,
                &pin,
                CreatedBy::FirstBeheerder,
                &self.settings.origin,
                (self.clock)(),
            )
            .and_then(|user| {
                let stamp = self.store.session_stamp(user.id)?;
                Ok((user, stamp))
            });
        match made {
            Ok((user, Some(stamp))) => self.start_session(user, stamp),
            Ok((_, None)) => form.refuse(text::ERROR_DATABASE, 0),
            Err(AccountError::Pin(e)) => form.refuse(capitalized(&e.to_string()), 2),
            Err(AccountError::HiddenCharacters(e)) if e.0 == "de locatie" => {
                form.refuse(capitalized(&e.to_string()), 1)
            }
            Err(
                e @ (AccountError::SharedName(_)
                | AccountError::HiddenCharacters(_)
                | AccountError::NotFirst),
            ) => form.refuse(capitalized(&e.to_string()), 0),
            Err(e) => {
                tracing::error!("eerste gebruiker aanmaken mislukt: {e}");
                form.refuse(text::ERROR_DATABASE, 0);
            }
        }
    }

    fn submit_sign_in(&mut self) {
        let Phase::SignIn(form) = &self.phase else {
            return;
        };
        let (name, pin) = (form.value(0).to_string(), form.value(1).to_string());
        match self.check_pin(&name, &pin) {
            Ok((user, stamp)) => self.start_session(user, stamp),
            Err(message) => {
                if let Phase::SignIn(form) = &mut self.phase {
                    form.refuse(message, 1);
                }
            }
        }
    }

    fn submit_unlock(&mut self) {
        let Phase::Working(session) = &self.phase else {
            return;
        };
        let (name, stamp, ended) = (session.user.name.clone(), session.stamp, session.ended);
        let Some(pin) = session.locked.as_ref().map(|f| f.value(0).to_string()) else {
            return;
        };
        let result = if ended {
            Err(None)
        } else {
            self.check_pin(&name, &pin).map_err(Some)
        };
        match result {
            Ok((user, now_stamp)) if now_stamp == stamp => {
                self.audit(&user, "ontgrendelen", "", "gelukt");
                if let Phase::Working(session) = &mut self.phase {
                    session.locked = None;
                }
            }
            // Signed in again with what changed (a new PIN, another role): not this session.
            Ok(_) => self.end_session(),
            Err(refusal) => {
                if let Phase::Working(Session {
                    locked: Some(form), ..
                }) = &mut self.phase
                {
                    form.refuse(refusal.unwrap_or_else(|| text::SESSION_ENDED.into()), 0);
                }
            }
        }
    }

    /// Checks a PIN; on refusal, the message. Every refusal reads the same and is answered
    /// slowly, so the screen tells nobody which names exist.
    fn check_pin(&mut self, name: &str, pin: &str) -> Result<(User, SessionStamp), String> {
        match self
            .store
            .sign_in_session(name, pin, (self.clock)(), &self.settings.origin)
        {
            Ok(Ok(signed_in)) => Ok(signed_in),
            Ok(Err(refusal)) => {
                std::thread::sleep(self.settings.wrong_pin_delay);
                Err(refusal.to_string())
            }
            Err(e) => {
                tracing::error!("aanmelden mislukt: {e}");
                Err(text::ERROR_DATABASE.to_string())
            }
        }
    }

    /// Leaves this (new, empty) database alone and continues in the demo database next to it,
    /// made on first use, at its sign-in screen.
    pub(super) fn open_demo(&mut self) {
        let path = crate::demo::demo_path(self.store.path());
        let key = self.store.audit_key().cloned();
        let opened =
            crate::demo::open_demo_database(&path, (self.clock)()).and_then(|mut store| {
                if let Some(key) = key {
                    store.use_audit_key(key)?;
                }
                Ok(store)
            });
        match opened {
            Ok(mut store) => {
                store.set_privacy(self.settings.privacy);
                store.use_reference(Arc::clone(self.store.reference()));
                self.store = store;
                self.demo = true;
                self.phase = Phase::SignIn(sign_in_form());
                self.kaart = KaartView::default();
                self.reload_catalog();
            }
            Err(e) => {
                tracing::error!("demodatabase openen mislukt: {e}");
                if let Phase::FirstRun(form) = &mut self.phase {
                    form.refuse(text::ERROR_DEMO_FAILED, 0);
                }
            }
        }
    }

    fn start_session(&mut self, user: User, stamp: SessionStamp) {
        let intake = self.new_intake_form(&user.location);
        let queue = Box::new(QueueScreen::new(
            self.forward_targets(),
            QueueView::for_role(user.role),
        ));
        self.phase = Phase::Working(Session {
            user,
            stamp,
            ended: false,
            locked: None,
            view: View::Kaart,
            intake: Box::new(intake),
            queue,
            report: Box::default(),
            edit: None,
            edit_return: View::Kaart,
            worklist: Box::default(),
        });
        self.kaart.focus = Focus::Search;
        self.refresh_results();
        self.offer_draft();
    }
}
