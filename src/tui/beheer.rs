//! Kaart beheer shared by the kaart, the worklist and the service form: a desk's "klopt niet
//! meer" and the beheerder's answer to it (one small note window), an organisation or location
//! of the service being edited, "gecontroleerd vandaag", and opening and closing the service
//! form. The store checks the rules and audits; the search index follows through the kaart
//! version every Loket watches.

use crate::search::Catalog;
use crate::store::KaartEditError;

use super::action::Action;
use super::app::{App, Overlay, View};
use super::form::{Form, TextField};
use super::record_form::{RecordForm, RecordKind};
use super::screen::ScreenContext;
use super::service_form::{EditText, ServiceForm};
use super::text;

/// The name of service `id` on the kaart, else the id.
pub fn service_name(catalog: Option<&Catalog>, id: &str) -> String {
    catalog
        .and_then(|c| c.kaart.service(id))
        .map_or_else(|| id.to_string(), |s| s.name.clone())
}

/// "Gecontroleerd vandaag" for service `id`; the status line says how it went.
pub fn verify_service(ctx: &mut ScreenContext, id: &str) {
    let name = service_name(ctx.catalog.map(|c| &**c), id);
    let message = match ctx
        .store
        .mark_verified(id, ctx.user, &ctx.settings.origin, ctx.now)
    {
        Ok(()) => text::service_verified(&name),
        Err(e) => e.to_string(),
    };
    ctx.say(message);
}

/// What a [`KaartNote`] is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteAbout {
    /// A desk reports what is wrong with this service.
    Report { service_id: String },
    /// The beheerder says how this report was handled.
    Resolve { report_id: i64 },
}

/// A short text about a service, typed in a small window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KaartNote {
    pub about: NoteAbout,
    /// The service's name, for the title and the confirmation.
    pub service_name: String,
    pub form: Form,
}

impl KaartNote {
    pub fn report(service_id: String, service_name: String) -> KaartNote {
        KaartNote {
            about: NoteAbout::Report { service_id },
            service_name,
            form: Form::new(vec![TextField::new(text::REPORT_LABEL, 500)]),
        }
    }

    pub fn resolve(report_id: i64, service_name: String) -> KaartNote {
        KaartNote {
            about: NoteAbout::Resolve { report_id },
            service_name,
            form: Form::new(vec![TextField::new(text::RESOLVE_LABEL, 500)]),
        }
    }

    pub fn title(&self) -> String {
        let what = match self.about {
            NoteAbout::Report { .. } => text::REPORT_SERVICE_TITLE,
            NoteAbout::Resolve { .. } => text::RESOLVE_TITLE,
        };
        format!("{what} · {}", self.service_name)
    }
}

impl App {
    /// Opens the form for service `id`, or an empty one; a form already open with unsaved
    /// changes is shown again instead of being replaced.
    pub(super) fn open_service_form(&mut self, id: Option<&str>) {
        let Some(catalog) = self.catalog.clone() else {
            return;
        };
        let keep = self
            .session()
            .and_then(|s| s.edit.form.as_ref())
            .is_some_and(|form| form.dirty);
        if !keep {
            let service = id.and_then(|id| catalog.kaart.service(id));
            let mut form = ServiceForm::from_service(service, &catalog.kaart);
            if let Some(id) = id {
                form.history = self.store.kaart_history("dienst", id).unwrap_or_else(|e| {
                    tracing::error!("geschiedenis van de dienst lezen mislukt: {e}");
                    Vec::new()
                });
            }
            if let Some(session) = self.session_mut() {
                session.edit.form = Some(Box::new(form));
            }
        }
        let Some(session) = self.session_mut() else {
            return;
        };
        if session.view != View::EditService {
            session.edit.return_to = session.view;
        }
        session.view = View::EditService;
    }

    /// Closes the service form: back to where it was opened from.
    pub(super) fn close_service_form(&mut self) {
        if let Some(session) = self.session_mut() {
            session.edit.form = None;
            session.view = session.edit.return_to;
        }
        self.reload_worklist();
    }

    /// Loads the worklist again when it is on show.
    pub(super) fn reload_worklist(&mut self) {
        let on_worklist = self.session().is_some_and(|s| s.view == View::Worklist);
        if on_worklist {
            self.in_session(|screens, ctx| screens.worklist.reload(ctx));
        }
    }

    fn save_record(&mut self, mut record: RecordForm) {
        let Some(user) = self.user().cloned() else {
            return;
        };
        let kaart = match self.store.load_kaart() {
            Ok(kaart) => kaart,
            Err(e) => {
                self.db_failed("kaart lezen", e);
                self.overlay = Some(Overlay::EditRecord(record));
                return;
            }
        };
        let now = (self.clock)();
        let origin = self.settings.origin.clone();
        let saved = match record.kind {
            RecordKind::Organization => self
                .store
                .save_organization(record.to_organization(&kaart), &user, &origin, now)
                .map(|o| (EditText::Organization, o.name)),
            RecordKind::Location => match record.to_location(&kaart) {
                Ok(location) => self
                    .store
                    .save_location(location, &user, &origin, now)
                    .map(|l| (EditText::Location, l.name)),
                Err(message) => {
                    record.form.refuse(message, 1);
                    self.overlay = Some(Overlay::EditRecord(record));
                    return;
                }
            },
        };
        match saved {
            Ok((which, name)) => {
                self.overlay = None;
                self.status = Some(text::record_saved(&name));
                if let Some(form) = self.session_mut().and_then(|s| s.edit.form.as_mut()) {
                    form.set_text(which, &name);
                }
            }
            Err(KaartEditError::Invalid(problems)) => {
                let message: Vec<String> = problems.into_iter().map(|p| p.message).collect();
                record.form.refuse(message.join(" "), 0);
                self.overlay = Some(Overlay::EditRecord(record));
            }
            Err(e) => {
                record.form.refuse(e.to_string(), 0);
                self.overlay = Some(Overlay::EditRecord(record));
            }
        }
    }

    pub(super) fn update_beheer_overlay(&mut self, overlay: Overlay, action: Action) {
        match (overlay, action) {
            (Overlay::EditRecord(_), Action::Back) => self.overlay = None,
            (Overlay::EditRecord(record), Action::Submit) => self.save_record(record),
            (Overlay::EditRecord(mut record), other) => {
                record.form.handle(other);
                self.overlay = Some(Overlay::EditRecord(record));
            }
            (Overlay::KaartNote(_), Action::Back) => self.overlay = None,
            (Overlay::KaartNote(note), Action::Submit) => self.submit_note(note),
            (Overlay::KaartNote(mut note), other) => {
                note.form.handle(other);
                self.overlay = Some(Overlay::KaartNote(note));
            }
            _ => {}
        }
    }

    fn submit_note(&mut self, mut note: KaartNote) {
        let Some(user) = self.user().cloned() else {
            return;
        };
        let typed = note.form.value(0).trim().to_string();
        if typed.is_empty() {
            note.form.refuse(text::REPORT_EMPTY, 0);
            self.overlay = Some(Overlay::KaartNote(note));
            return;
        }
        let now = (self.clock)();
        let origin = self.settings.origin.clone();
        let result = match &note.about {
            NoteAbout::Report { service_id } => self
                .store
                .report_service(service_id, &typed, &user, &origin, now)
                .map(|_| text::report_saved(&note.service_name)),
            NoteAbout::Resolve { report_id } => self
                .store
                .resolve_report(*report_id, &typed, &user, &origin, now)
                .map(|()| text::report_resolved(&note.service_name)),
        };
        match result {
            Ok(message) => {
                self.overlay = None;
                self.status = Some(message);
                self.reload_worklist();
            }
            Err(e) => {
                note.form.refuse(e.to_string(), 0);
                self.overlay = Some(Overlay::KaartNote(note));
            }
        }
    }
}
