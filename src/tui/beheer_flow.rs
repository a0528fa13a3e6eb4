//! Kaart beheer in the app: a desk's "klopt niet meer", the beheerder's service form, the
//! "gecontroleerd vandaag" key and the worklist. The store checks the rules and audits; the
//! search index follows through the kaart version every Loket watches.

use crate::domain::kaart_edit::FieldProblem;
use crate::store::{KaartEditError, WorkReason};

use super::action::Action;
use super::app::{App, Overlay, Phase, View};
use super::form::TextField;
use super::keymap::Context;
use super::record_form::{RecordForm, RecordKind};
use super::service_form::{EditRow, EditText, ServiceForm};
use super::text;
use super::worklist_view::{KaartNote, NoteAbout};

impl App {
    /// A beheer action on a service of the kaart (`service_id`: the selected one).
    pub(super) fn kaart_beheer(&mut self, action: Action, service_id: Option<String>) {
        if action == Action::NewService {
            return self.open_service_form(None);
        }
        let Some(id) = service_id else {
            self.status = Some(text::NO_SERVICE_SELECTED.to_string());
            return;
        };
        match action {
            Action::ReportService => {
                let name = self.service_name(&id);
                self.overlay = Some(Overlay::KaartNote(KaartNote::report(id, name)));
            }
            Action::EditService => self.open_service_form(Some(&id)),
            Action::VerifyService => self.verify_service(&id),
            _ => {}
        }
    }

    fn service_name(&self, id: &str) -> String {
        self.catalog
            .as_ref()
            .and_then(|c| c.kaart.service(id))
            .map_or_else(|| id.to_string(), |s| s.name.clone())
    }

    /// Opens the form for service `id`, or an empty one; a form already open with unsaved
    /// changes is shown again instead of being replaced.
    fn open_service_form(&mut self, id: Option<&str>) {
        let Some(catalog) = self.catalog.clone() else {
            return;
        };
        let keep = self
            .session()
            .and_then(|s| s.edit.as_ref())
            .is_some_and(|form| form.dirty);
        if !keep {
            let service = id.and_then(|id| catalog.kaart.service(id));
            let mut form =
                ServiceForm::from_service(service, &catalog.kaart, &catalog.leefgebieden);
            if let Some(id) = id {
                form.history = self.store.kaart_history("dienst", id).unwrap_or_else(|e| {
                    tracing::error!("geschiedenis van de dienst lezen mislukt: {e}");
                    Vec::new()
                });
            }
            if let Some(session) = self.session_mut() {
                session.edit = Some(Box::new(form));
            }
        }
        let Some(session) = self.session_mut() else {
            return;
        };
        if session.view != View::EditService {
            session.edit_return = session.view;
        }
        session.view = View::EditService;
    }

    pub(super) fn close_service_form(&mut self) {
        if let Some(session) = self.session_mut() {
            session.edit = None;
            session.view = session.edit_return;
        }
        self.reload_worklist();
    }

    pub(super) fn update_service_form(&mut self, action: Action) {
        let catalog = self.catalog.clone();
        let Some(form) = self.session_mut().and_then(|s| s.edit.as_mut()) else {
            return;
        };
        match action {
            Action::Save => self.save_service(),
            Action::EditRecord => self.open_record_form(),
            Action::Back if form.dirty => self.overlay = Some(Overlay::ConfirmDiscardEdit),
            Action::Back => self.close_service_form(),
            other => {
                if form.handle(other)
                    && let Some(catalog) = catalog
                {
                    form.recheck(&catalog.kaart);
                }
            }
        }
    }

    fn save_service(&mut self) {
        let Some(user) = self.user().cloned() else {
            return;
        };
        // The kaart as stored now: an organisation added a moment ago is not in the index yet.
        let kaart = match self.store.load_kaart() {
            Ok(kaart) => kaart,
            Err(e) => {
                tracing::error!("kaart lezen mislukt: {e}");
                self.status = Some(text::ERROR_DATABASE.to_string());
                return;
            }
        };
        let Some(form) = self.session().and_then(|s| s.edit.as_ref()) else {
            return;
        };
        let service = match form.to_service(&kaart) {
            Ok(service) => service,
            Err(problems) => return self.refuse_edit(problems),
        };
        let now = (self.clock)();
        match self
            .store
            .save_service(service, &user, &self.settings.origin, now)
        {
            Ok(saved) => {
                self.status = Some(text::service_saved(&saved.name));
                self.close_service_form();
            }
            Err(KaartEditError::Invalid(problems)) => self.refuse_edit(problems),
            Err(e) => self.refuse_edit(vec![FieldProblem {
                field: "naam",
                message: e.to_string(),
            }]),
        }
    }

    /// Enter on the Organisatie or Locatie row: that record's form, or an empty one for a name
    /// not on the kaart yet.
    fn open_record_form(&mut self) {
        let Some(form) = self.session().and_then(|s| s.edit.as_ref()) else {
            return;
        };
        let EditRow::Text(which @ (EditText::Organization | EditText::Location)) = form.focused()
        else {
            return;
        };
        let typed = form.text(which).value().trim().to_string();
        let Ok(kaart) = self.store.load_kaart() else {
            self.status = Some(text::ERROR_DATABASE.to_string());
            return;
        };
        let mut record = if which == EditText::Organization {
            let found = kaart
                .organizations
                .iter()
                .find(|o| o.name.eq_ignore_ascii_case(&typed));
            RecordForm::organization(found)
        } else {
            let found = kaart
                .locations
                .iter()
                .find(|l| l.name.eq_ignore_ascii_case(&typed));
            RecordForm::location(found, &kaart)
        };
        if record.id.is_empty() {
            record.form.fields[0] = TextField::with_value(text::EDIT_NAME, 300, &typed);
        }
        self.overlay = Some(Overlay::EditRecord(record));
    }

    fn save_record(&mut self, mut record: RecordForm) {
        let Some(user) = self.user().cloned() else {
            return;
        };
        let Ok(kaart) = self.store.load_kaart() else {
            self.status = Some(text::ERROR_DATABASE.to_string());
            self.overlay = Some(Overlay::EditRecord(record));
            return;
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
                if let Some(form) = self.session_mut().and_then(|s| s.edit.as_mut()) {
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

    fn refuse_edit(&mut self, problems: Vec<FieldProblem>) {
        if let Some(form) = self.session_mut().and_then(|s| s.edit.as_mut()) {
            form.show_problems(problems);
        }
        let count = self.field_errors();
        let next = self
            .keymap
            .key_for(Context::Dienst, Action::NextError, false);
        self.status = Some(text::edit_not_saved(count, next));
    }

    fn verify_service(&mut self, id: &str) {
        let Some(user) = self.user().cloned() else {
            return;
        };
        let name = self.service_name(id);
        let now = (self.clock)();
        self.status = Some(
            match self
                .store
                .mark_verified(id, &user, &self.settings.origin, now)
            {
                Ok(()) => text::service_verified(&name),
                Err(e) => e.to_string(),
            },
        );
        self.reload_worklist();
    }

    pub(super) fn reload_worklist(&mut self) {
        let on_worklist = matches!(&self.phase, Phase::Working(s) if s.view == View::Worklist);
        if !on_worklist {
            return;
        }
        let months = self.settings.verify_after_months;
        match self.store.worklist(months, (self.clock)()) {
            Ok(items) => {
                if let Some(session) = self.session_mut() {
                    session.worklist.replace_items(items);
                }
            }
            Err(e) => {
                tracing::error!("werklijst lezen mislukt: {e}");
                self.status = Some(text::ERROR_DATABASE.to_string());
            }
        }
    }

    pub(super) fn update_worklist(&mut self, action: Action) {
        let Some(session) = self.session_mut() else {
            return;
        };
        if session.worklist.navigate(action) {
            return;
        }
        let Some(item) = session.worklist.selected_item().cloned() else {
            return;
        };
        match action {
            Action::EditService => self.open_service_form(Some(&item.service_id)),
            Action::VerifyService => self.verify_service(&item.service_id),
            Action::ResolveReport => match item.reasons.iter().find_map(|r| match r {
                WorkReason::Reported(report) => Some(report),
                _ => None,
            }) {
                Some(report) => {
                    self.overlay = Some(Overlay::KaartNote(KaartNote::resolve(
                        report.id,
                        item.name.clone(),
                    )))
                }
                None => self.status = Some(text::NO_OPEN_REPORT.to_string()),
            },
            Action::Back => self.set_view(View::Kaart),
            _ => {}
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
