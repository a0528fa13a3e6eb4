//! The beheerder's screen for one service: its form (see `service_form`), saving it, and the
//! organisation or location window opened from it. The form is kept while the beheerder looks
//! elsewhere, so nothing typed is lost.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::Kaart;
use crate::domain::kaart_edit::FieldProblem;
use crate::store::KaartEditError;

use super::action::Action;
use super::app::{Overlay, View};
use super::form::{FieldKind, TextField};
use super::keymap::Context;
use super::record_form::{RecordForm, RecordKind};
use super::screen::{DrawContext, Effect, Screen, ScreenContext};
use super::service_form::{EditRow, EditText, ServiceForm};
use super::text;

pub struct EditScreen {
    /// The service being edited; `None` when none is.
    pub form: Option<Box<ServiceForm>>,
    /// The view to return to.
    pub return_to: View,
    /// The kaart's organisations and locations as read at the last refused save, which the
    /// form is checked against again while the beheerder corrects it.
    places: Option<Kaart>,
}

impl Default for EditScreen {
    fn default() -> Self {
        EditScreen {
            form: None,
            return_to: View::Kaart,
            places: None,
        }
    }
}

impl EditScreen {
    /// Opens the form for service `id`, or an empty one, from view `from`; a form already open
    /// with unsaved changes is shown again instead of being replaced. Returns whether it opened
    /// (not before the kaart is loaded).
    pub fn open(&mut self, id: Option<&str>, from: View, ctx: &mut ScreenContext) -> bool {
        let Some(catalog) = ctx.catalog else {
            return false;
        };
        if !self.form.as_ref().is_some_and(|form| form.dirty) {
            // The service as stored, with its organisation and locations.
            let stored = match id.map(|id| ctx.store.service_detail(id)).transpose() {
                Ok(stored) => stored.flatten().unwrap_or_default(),
                Err(e) => {
                    ctx.db_failed("dienst lezen", e);
                    return false;
                }
            };
            let mut form =
                ServiceForm::from_service(stored.services.first(), &stored, &catalog.leefgebieden);
            self.places = None;
            if let Some(id) = id {
                form.history = ctx.store.kaart_history("dienst", id).unwrap_or_else(|e| {
                    tracing::error!("geschiedenis van de dienst lezen mislukt: {e}");
                    Vec::new()
                });
            }
            self.form = Some(Box::new(form));
        }
        if from != View::EditService {
            self.return_to = from;
        }
        true
    }

    /// The keys of the organisation or location window opened from the form.
    pub fn update_record(
        &mut self,
        mut record: RecordForm,
        action: Action,
        ctx: &mut ScreenContext,
    ) {
        match action {
            Action::Back => *ctx.overlay = None,
            Action::Submit => self.save_record(record, ctx),
            other => {
                record.form.handle(other);
                *ctx.overlay = Some(Overlay::EditRecord(record));
            }
        }
    }

    fn save_record(&mut self, mut record: RecordForm, ctx: &mut ScreenContext) {
        let kaart = match ctx.store.kaart_places() {
            Ok(kaart) => kaart,
            Err(e) => {
                ctx.db_failed("kaart lezen", e);
                *ctx.overlay = Some(Overlay::EditRecord(record));
                return;
            }
        };
        let (user, origin, now) = (ctx.user, ctx.settings.origin.as_str(), ctx.now);
        let saved = match record.kind {
            RecordKind::Organization => ctx
                .store
                .save_organization(record.to_organization(&kaart), user, origin, now)
                .map(|o| (EditText::Organization, o.name)),
            RecordKind::Location => match record.to_location(&kaart) {
                Ok(location) => ctx
                    .store
                    .save_location(location, user, origin, now)
                    .map(|l| (EditText::Location, l.name)),
                Err(message) => {
                    record.form.refuse(message, 1);
                    *ctx.overlay = Some(Overlay::EditRecord(record));
                    return;
                }
            },
        };
        match saved {
            Ok((which, name)) => {
                *ctx.overlay = None;
                ctx.say(text::record_saved(&name));
                if let Some(form) = &mut self.form {
                    form.set_text(which, &name);
                }
            }
            Err(KaartEditError::Invalid(problems)) => {
                let message: Vec<String> = problems.into_iter().map(|p| p.message).collect();
                record.form.refuse(message.join(" "), 0);
                *ctx.overlay = Some(Overlay::EditRecord(record));
            }
            Err(e) => {
                record.form.refuse(e.to_string(), 0);
                *ctx.overlay = Some(Overlay::EditRecord(record));
            }
        }
    }

    fn save(&mut self, ctx: &mut ScreenContext) -> Effect {
        // The kaart as stored now: an organisation added a moment ago is not in the index yet.
        let kaart = match ctx.store.kaart_places() {
            Ok(kaart) => kaart,
            Err(e) => {
                ctx.db_failed("kaart lezen", e);
                return Effect::None;
            }
        };
        let Some(form) = &self.form else {
            return Effect::None;
        };
        let checked = form.to_service(&kaart);
        self.places = Some(kaart);
        let service = match checked {
            Ok(service) => service,
            Err(problems) => return self.refuse(problems, ctx),
        };
        match ctx
            .store
            .save_service(service, ctx.user, &ctx.settings.origin, ctx.now)
        {
            Ok(saved) => {
                ctx.say(text::service_saved(&saved.name));
                Effect::CloseServiceForm
            }
            Err(KaartEditError::Invalid(problems)) => self.refuse(problems, ctx),
            Err(e) => self.refuse(
                vec![FieldProblem {
                    field: "naam",
                    message: e.to_string(),
                }],
                ctx,
            ),
        }
    }

    /// Enter on the Organisatie or Locatie row: that record's form, or an empty one for a name
    /// not on the kaart yet.
    fn open_record_form(&self, ctx: &mut ScreenContext) {
        let Some(form) = &self.form else {
            return;
        };
        let EditRow::Text(which @ (EditText::Organization | EditText::Location)) = form.focused()
        else {
            return;
        };
        let typed = form.text(which).value().trim().to_string();
        let kaart = match ctx.store.kaart_places() {
            Ok(kaart) => kaart,
            Err(e) => return ctx.db_failed("kaart lezen", e),
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
        *ctx.overlay = Some(Overlay::EditRecord(record));
    }

    fn refuse(&mut self, problems: Vec<FieldProblem>, ctx: &mut ScreenContext) -> Effect {
        if let Some(form) = &mut self.form {
            form.show_problems(problems);
        }
        let next = ctx
            .keymap
            .key_for(Context::Dienst, Action::NextError, false);
        ctx.say(text::edit_not_saved(self.field_errors(), next));
        Effect::None
    }
}

impl Screen for EditScreen {
    fn title(&self) -> &'static str {
        text::EDIT_HEADER
    }

    fn contexts(&self) -> (Vec<Context>, bool) {
        if self.form.as_ref().is_some_and(|f| f.focused().is_text()) {
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

    fn help_contexts(&self) -> &'static [Context] {
        &[Context::Dienst, Context::Tekstveld, Context::Keuze]
    }

    fn choice_focus(&self) -> Option<(FieldKind, Context)> {
        let kind = self.form.as_ref()?.focused().kind()?;
        Some((kind, Context::Keuze))
    }

    fn field_errors(&self) -> usize {
        self.form.as_ref().map_or(0, |f| f.problems.len())
    }

    fn update(&mut self, action: Action, ctx: &mut ScreenContext) -> Effect {
        let Some(form) = &mut self.form else {
            return Effect::None;
        };
        match action {
            Action::Save => return self.save(ctx),
            Action::EditRecord => self.open_record_form(ctx),
            Action::Back if form.dirty => *ctx.overlay = Some(Overlay::ConfirmDiscardEdit),
            Action::Back => return Effect::CloseServiceForm,
            other => {
                if form.handle(other)
                    && let Some(places) = &self.places
                {
                    form.recheck(places);
                }
            }
        }
        Effect::None
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &DrawContext) {
        if let Some(form) = &self.form {
            super::screens::service::draw(frame, area, form, ctx);
        }
    }
}
