//! The beheerder's screen for one service: its form (see `service_form`), saving it, and the
//! organisation or location window opened from it. The form is kept while the beheerder looks
//! elsewhere, so nothing typed is lost.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::kaart_edit::FieldProblem;
use crate::store::KaartEditError;

use super::action::Action;
use super::app::{Overlay, View};
use super::form::{FieldKind, TextField};
use super::keymap::Context;
use super::record_form::RecordForm;
use super::screen::{DrawContext, Effect, Screen, ScreenContext};
use super::service_form::{EditRow, EditText, ServiceForm};
use super::text;

pub struct EditScreen {
    /// The service being edited; `None` when none is.
    pub form: Option<Box<ServiceForm>>,
    /// The view to return to.
    pub return_to: View,
}

impl Default for EditScreen {
    fn default() -> Self {
        EditScreen {
            form: None,
            return_to: View::Kaart,
        }
    }
}

impl EditScreen {
    fn save(&mut self, ctx: &mut ScreenContext) -> Effect {
        // The kaart as stored now: an organisation added a moment ago is not in the index yet.
        let kaart = match ctx.store.load_kaart() {
            Ok(kaart) => kaart,
            Err(e) => {
                ctx.db_failed("kaart lezen", e);
                return Effect::None;
            }
        };
        let Some(form) = &self.form else {
            return Effect::None;
        };
        let service = match form.to_service(&kaart) {
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
        let kaart = match ctx.store.load_kaart() {
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
                    && let Some(catalog) = ctx.catalog
                {
                    form.recheck(&catalog.kaart);
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
