//! Signing in and out: the first beheerder, sign-in, the lock screen and unlocking, a session
//! that ends because the account changed, switching user, and the demo database. A wrong PIN
//! is answered after a delay without freezing the screen: the refusal waits in
//! [`App::refusal`] until its moment, and the form takes no input meanwhile.

use std::sync::Arc;
use std::time::Instant;

use crate::domain::account::{Role, User};
use crate::store::QueueView;
use crate::store::{AccountError, CreatedBy, NewUser, SessionStamp};

use super::super::form::{Form, TextField};
use super::super::intake_screen::new_intake_form;
use super::super::kaart_screen::{Focus, KaartScreen};
use super::super::queue_actions::forward_targets;
use super::super::queue_screen::QueueScreen;
use super::super::text::{self, capitalized};
use super::{App, Phase, Session, View};

/// How a sign-in or unlock was refused.
enum Refused {
    /// A wrong PIN: told when its delay has passed (see `settle_refusal`).
    Later,
    Now(String),
}

/// A refused PIN, told when its delay has passed.
#[derive(Debug, Clone)]
pub struct Refusal {
    pub at: Instant,
    pub message: String,
}

pub(in crate::tui) fn first_run_form() -> Form {
    Form::new(vec![
        TextField::new(text::LABEL_NAME, 80),
        TextField::new(text::LABEL_LOCATION, 80),
        TextField::secret(text::LABEL_PIN),
        TextField::secret(text::LABEL_PIN_AGAIN),
    ])
}

pub(in crate::tui) fn sign_in_form() -> Form {
    Form::new(vec![
        TextField::new(text::LABEL_NAME, 80),
        TextField::secret(text::LABEL_PIN),
    ])
}

pub(in crate::tui) fn lock_form() -> Form {
    Form::new(vec![TextField::secret(text::LABEL_PIN)])
}

impl App {
    pub(in crate::tui) fn lock(&mut self) {
        if let Phase::Working(session) = &mut self.phase
            && session.locked.is_none()
        {
            session.locked = Some(Box::new(lock_form()));
            self.overlay = None;
            let user = session.user.clone();
            self.audit(&user, "vergrendelen", "", "gelukt");
            self.write_draft();
        }
    }

    /// Ends the session when the account was disabled, given a new PIN or another role since
    /// it signed in, wherever that was done: the offboarded keep no open screen.
    pub(in crate::tui) fn end_session_if_account_changed(&mut self) {
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

    /// Signs the user out from the lock screen so someone else can sign in.
    pub(in crate::tui) fn switch_user(&mut self) {
        if let Some(user) = self.user().cloned() {
            self.audit(&user, "afmelden", "", "wissel gebruiker");
        }
        self.phase = Phase::SignIn(sign_in_form());
        self.kaart = KaartScreen::default();
        self.refresh_results();
        self.overlay = None;
    }

    pub(in crate::tui) fn submit_first_run(&mut self) {
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

    pub(in crate::tui) fn submit_sign_in(&mut self) {
        let Phase::SignIn(form) = &self.phase else {
            return;
        };
        let (name, pin) = (form.value(0).to_string(), form.value(1).to_string());
        match self.check_pin(&name, &pin) {
            Ok((user, stamp)) => self.start_session(user, stamp),
            Err(Refused::Later) => {}
            Err(Refused::Now(message)) => {
                if let Phase::SignIn(form) = &mut self.phase {
                    form.refuse(message, 1);
                }
            }
        }
    }

    pub(in crate::tui) fn submit_unlock(&mut self) {
        let Phase::Working(session) = &self.phase else {
            return;
        };
        let (name, stamp, ended) = (session.user.name.clone(), session.stamp, session.ended);
        let Some(pin) = session.locked.as_ref().map(|f| f.value(0).to_string()) else {
            return;
        };
        let result = if ended {
            Err(Refused::Now(text::SESSION_ENDED.into()))
        } else {
            self.check_pin(&name, &pin)
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
            Err(Refused::Later) => {}
            Err(Refused::Now(message)) => {
                if let Phase::Working(Session {
                    locked: Some(form), ..
                }) = &mut self.phase
                {
                    form.refuse(message, 0);
                }
            }
        }
    }

    /// Tells a refused PIN once its delay has passed, on the form it was typed in.
    pub(in crate::tui) fn settle_refusal(&mut self, now: Instant) {
        if self.refusal.as_ref().is_none_or(|r| now < r.at) {
            return;
        }
        let Some(refusal) = self.refusal.take() else {
            return;
        };
        match &mut self.phase {
            Phase::SignIn(form) => form.refuse(refusal.message, 1),
            Phase::Working(Session {
                locked: Some(form), ..
            }) => form.refuse(refusal.message, 0),
            Phase::FirstRun(_) | Phase::Working(_) => {}
        }
    }

    /// Checks a PIN. Every refusal reads the same and is answered slowly, so the screen tells
    /// nobody which names exist: it waits in `refusal` until the delay has passed.
    fn check_pin(&mut self, name: &str, pin: &str) -> Result<(User, SessionStamp), Refused> {
        match self
            .store
            .sign_in_session(name, pin, (self.clock)(), &self.settings.origin)
        {
            Ok(Ok(signed_in)) => Ok(signed_in),
            Ok(Err(refusal)) => {
                self.refusal = Some(Refusal {
                    at: Instant::now() + self.settings.wrong_pin_delay,
                    message: refusal.to_string(),
                });
                Err(Refused::Later)
            }
            Err(e) => {
                tracing::error!("aanmelden mislukt: {e}");
                Err(Refused::Now(text::ERROR_DATABASE.to_string()))
            }
        }
    }

    /// Leaves this (new, empty) database alone and continues in the demo database next to it,
    /// made on first use, at its sign-in screen.
    pub(in crate::tui) fn open_demo(&mut self) {
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
                store.use_reference(Arc::clone(&self.reference));
                self.store = store;
                self.demo = true;
                self.phase = Phase::SignIn(sign_in_form());
                self.kaart = KaartScreen::default();
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

    pub(in crate::tui) fn start_session(&mut self, user: User, stamp: SessionStamp) {
        let role = user.role;
        let intake = new_intake_form(&user.location, &self.reference.leefgebieden);
        let queue = Box::new(QueueScreen::new(
            forward_targets(&self.reference),
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
            edit: Box::default(),
            worklist: Box::default(),
            plan: Box::default(),
        });
        self.kaart.focus = Focus::Search;
        self.status = self.start_problems(role);
        self.refresh_results();
        self.offer_draft();
    }

    /// What did not load at start, for the status line: the user's keymap, and for the
    /// beheerder (who can fix them) the municipality's reference files.
    fn start_problems(&self, role: Role) -> Option<String> {
        let reference = (role == Role::Beheerder).then_some(self.reference.problems.as_slice());
        let problems: Vec<&str> = self
            .keymap
            .problem()
            .into_iter()
            .chain(reference.unwrap_or_default().iter().map(String::as_str))
            .collect();
        (!problems.is_empty()).then(|| problems.join(" · "))
    }
}
