//! Kaart beheer shared by the kaart, the worklist and the service form: a desk's "klopt niet
//! meer" and the beheerder's answer to it (one small note window), "gecontroleerd vandaag",
//! and opening and closing the service form. The store checks the rules and audits; the
//! search index follows through the kaart version every Loket watches.

use crate::search::Catalog;

use super::action::Action;
use super::app::{App, Overlay, View};
use super::form::{Form, TextField};
use super::screen::ScreenContext;
use super::text;

/// The name of service `id` on the kaart, else the id.
pub fn service_name(catalog: Option<&Catalog>, id: &str) -> String {
    catalog
        .and_then(|c| c.index.line_of(id))
        .map_or_else(|| id.to_string(), |s| s.name.to_string())
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

/// The keys of the note window: Enter sends the note, Esc closes it. Returns whether a note
/// was saved (the worklist then changes).
pub fn update_note(mut note: KaartNote, action: Action, ctx: &mut ScreenContext) -> bool {
    match action {
        Action::Back => *ctx.overlay = None,
        Action::Submit => return submit_note(note, ctx),
        other => {
            note.form.handle(other);
            *ctx.overlay = Some(Overlay::KaartNote(note));
        }
    }
    false
}

fn submit_note(mut note: KaartNote, ctx: &mut ScreenContext) -> bool {
    let typed = note.form.value(0).trim().to_string();
    if typed.is_empty() {
        note.form.refuse(text::REPORT_EMPTY, 0);
        *ctx.overlay = Some(Overlay::KaartNote(note));
        return false;
    }
    let (user, origin, now) = (ctx.user, ctx.settings.origin.as_str(), ctx.now);
    let result = match &note.about {
        NoteAbout::Report { service_id } => ctx
            .store
            .report_service(service_id, &typed, user, origin, now)
            .map(|_| text::report_saved(&note.service_name)),
        NoteAbout::Resolve { report_id } => ctx
            .store
            .resolve_report(*report_id, &typed, user, origin, now)
            .map(|()| text::report_resolved(&note.service_name)),
    };
    match result {
        Ok(message) => {
            *ctx.overlay = None;
            ctx.say(message);
            true
        }
        Err(e) => {
            note.form.refuse(e.to_string(), 0);
            *ctx.overlay = Some(Overlay::KaartNote(note));
            false
        }
    }
}

impl App {
    /// Opens the form for service `id`, or an empty one (see [`EditScreen::open`]).
    pub(super) fn open_service_form(&mut self, id: Option<&str>) {
        let opened = self.in_session(|screens, ctx| screens.edit.open(id, *screens.view, ctx));
        if opened == Some(true) {
            self.set_view(View::EditService);
        }
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
}
