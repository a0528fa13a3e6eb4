//! Kaart beheer in the app: a desk's "klopt niet meer", the beheerder's service form, the
//! "gecontroleerd vandaag" key and the worklist. The store checks the rules and audits; the
//! search index follows through the kaart version every Loket watches.

use crate::domain::kaart_edit::FieldProblem;
use crate::store::{KaartEditError, WorkReason};

use super::action::Action;
use super::app::{App, Overlay, Phase, View};
use super::service_form::ServiceForm;
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
        let Some(session) = self.session_mut() else {
            return;
        };
        let keep = session.edit.as_ref().is_some_and(|form| form.dirty);
        if !keep {
            let service = id.and_then(|id| catalog.kaart.service(id));
            session.edit = Some(Box::new(ServiceForm::from_service(service, &catalog.kaart)));
        }
        if session.view != View::EditService {
            session.edit_return = session.view;
        }
        session.view = View::EditService;
    }

    fn close_service_form(&mut self) {
        if let Some(session) = self.session_mut() {
            session.edit = None;
            session.view = session.edit_return;
        }
        self.reload_worklist();
    }

    pub(super) fn update_service_form(&mut self, action: Action) {
        let Some(form) = self.session_mut().and_then(|s| s.edit.as_mut()) else {
            return;
        };
        match action {
            Action::Save => self.save_service(),
            Action::Back if form.dirty => self.overlay = Some(Overlay::ConfirmDiscardEdit),
            Action::Back => self.close_service_form(),
            other => {
                form.handle(other);
            }
        }
    }

    fn save_service(&mut self) {
        let (Some(catalog), Some(user)) = (self.catalog.clone(), self.user().cloned()) else {
            return;
        };
        let Some(form) = self.session().and_then(|s| s.edit.as_ref()) else {
            return;
        };
        let service = match form.to_service(&catalog.kaart) {
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

    fn refuse_edit(&mut self, problems: Vec<FieldProblem>) {
        if let Some(form) = self.session_mut().and_then(|s| s.edit.as_mut()) {
            form.show_problems(problems);
        }
        self.status = Some(text::EDIT_NOT_SAVED.to_string());
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
            (Overlay::ConfirmDiscardEdit, Action::Yes) => {
                self.overlay = None;
                self.close_service_form();
            }
            (Overlay::ConfirmDiscardEdit, _) => self.overlay = None,
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
