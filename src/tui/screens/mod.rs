//! Drawing: every screen is a function of the app state, nothing more.

pub mod detail;
mod filters;
mod forms;
pub(super) mod help;
pub(super) mod intake;
pub(super) mod kaart;
pub(super) mod layout;
mod lists;
pub(super) mod plan;
mod plan_editor;
mod questions;
pub(super) mod queue;
mod queue_item;
mod queue_table;
pub(super) mod report;
mod report_plans;
pub(super) mod service;
pub(super) mod worklist;

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::action::Action;
use super::app::{App, Overlay, Phase, View};
use super::keymap::{Context, Key};
use super::queue_actions::ITEM_ACTIONS;
use super::text;
use super::theme::Theme;
use crate::domain::Code;
use unicode_width::UnicodeWidthStr;

/// Draws the whole screen for the current state.
pub fn draw(frame: &mut Frame, app: &App, theme: Theme) {
    let [header, body, bar] = layout::frame_areas(frame.area());
    draw_header(frame, header, app, theme);
    match &app.phase {
        Phase::FirstRun(form) => {
            let key = app
                .keymap
                .key_for(Context::Welkom, Action::OpenDemo, false)
                .map(|k| k.to_string());
            forms::draw_form(
                frame,
                body,
                theme,
                text::FIRST_RUN_TITLE,
                &text::first_run_intro(key.as_deref()),
                form,
                app.overlay.is_none(),
            )
        }
        Phase::SignIn(form) if app.demo => {
            let file = app.store.path().file_name().unwrap_or_default();
            forms::draw_form(
                frame,
                body,
                theme,
                text::SIGN_IN_TITLE,
                &text::demo_sign_in_intro(&file.to_string_lossy()),
                form,
                app.overlay.is_none(),
            )
        }
        Phase::SignIn(form) => forms::draw_form(
            frame,
            body,
            theme,
            text::SIGN_IN_TITLE,
            text::SIGN_IN_INTRO,
            form,
            app.overlay.is_none(),
        ),
        Phase::Working(session) => match &session.locked {
            Some(form) => forms::draw_locked(
                frame,
                body,
                theme,
                &session.user.name,
                form,
                app.overlay.is_none(),
            ),
            None => {
                let ctx = app.draw_context(&session.user, theme);
                session.screen(&app.kaart).draw(frame, body, &ctx);
            }
        },
    }
    draw_key_bar(frame, bar, app, theme);
    match &app.overlay {
        Some(Overlay::Help { scroll }) => help::draw(frame, app, theme, *scroll),
        Some(
            Overlay::ConfirmQuit
            | Overlay::ConfirmSwitchUser
            | Overlay::ConfirmDemo
            | Overlay::ConfirmDraft { .. }
            | Overlay::ConfirmDiscardDraft { .. }
            | Overlay::ConfirmDiscardEdit
            | Overlay::ConfirmDiscardPlanForm,
        ) => {
            if let Some(question) = app.question() {
                layout::confirm(frame, theme, &question, &question.legend(&app.keymap));
            }
        }
        Some(Overlay::Copied(contact)) => {
            layout::message(frame, theme, text::COPY_TITLE, text::COPY_BODY, contact)
        }
        Some(Overlay::MyContacts { items, selected }) => {
            lists::my_contacts(frame, theme, items, *selected, &app.reference.leefgebieden)
        }
        Some(Overlay::Household {
            query,
            matches,
            selected,
        }) => lists::households(frame, theme, query, matches, *selected),
        Some(Overlay::PickRoute(picker)) => lists::pick(
            frame,
            theme,
            text::ROUTE_PICK_TITLE,
            &picker.query,
            &picker.shown(),
            picker.selected,
        ),
        Some(Overlay::KaartNote(note)) => forms::draw_form(
            frame,
            frame.area(),
            theme,
            &note.title(),
            text::REPORT_INTRO,
            &note.form,
            true,
        ),
        Some(Overlay::EditRecord(record)) => forms::draw_form(
            frame,
            frame.area(),
            theme,
            record.title(),
            text::RECORD_INTRO,
            &record.form,
            true,
        ),
        None => {}
    }
}

fn draw_header(frame: &mut Frame, area: ratatui::layout::Rect, app: &App, theme: Theme) {
    let title = match &app.phase {
        Phase::Working(session) if session.locked.is_some() => {
            format!(" {} · {}", text::APP_NAME, text::KAART_LOCKED_HEADER)
        }
        Phase::Working(session) => {
            let screen = session.screen(&app.kaart).title();
            format!(" {} · {screen}", text::APP_NAME)
        }
        Phase::FirstRun(_) | Phase::SignIn(_) => format!(" {}", text::APP_NAME),
    };
    let title = if app.demo {
        format!("{title} · {}", text::DEMO_HEADER)
    } else {
        title
    };
    let who = app
        .user()
        .map(|u| text::signed_in_as(&u.name, u.role.code(), &u.location))
        .unwrap_or_default();
    let width = area.width as usize;
    let who = layout::truncate(&who, width.saturating_sub(title.width() + 2));
    let gap = width.saturating_sub(title.width() + who.width() + 1);
    let line = Line::from(format!("{title}{}{who} ", " ".repeat(gap)));
    frame.render_widget(Paragraph::new(line).style(theme.header()), area);
}

/// The actions worth a place in the key bar, per context.
fn bar_actions(context: Context) -> &'static [Action] {
    match context {
        Context::Kaart => &[
            Action::Choose,
            Action::CopyContact,
            Action::OpenFilters,
            Action::ClearFilters,
            Action::FocusSearch,
            Action::ToggleDetail,
            Action::ReportService,
            Action::EditService,
        ],
        Context::Zoekregel => &[
            Action::Choose,
            Action::OpenFilters,
            Action::ClearFilters,
            Action::ToggleDetail,
            Action::ReportService,
            Action::EditService,
        ],
        Context::Filters => &[
            Action::Toggle,
            Action::Submit,
            Action::ClearFilters,
            Action::Back,
        ],
        Context::Formulier => &[Action::Submit, Action::NextField, Action::Back],
        Context::Vergrendeld => &[Action::Submit, Action::SwitchUser],
        Context::Bevestigen => &[Action::Yes, Action::No],
        Context::Welkom => &[Action::OpenDemo],
        Context::Hulp => &[Action::Back],
        Context::Intake => &[
            Action::Save,
            Action::NextError,
            Action::NextField,
            Action::JumpRoute,
            Action::JumpNote,
            Action::ToggleQuestions,
            Action::NextQuestion,
            Action::MyContacts,
        ],
        Context::Vragen => &[
            Action::AnswerYes,
            Action::AnswerNo,
            Action::AnswerUnknown,
            Action::AnswerSkip,
            Action::ToggleQuestions,
            Action::Save,
        ],
        Context::Keuze => &[Action::Toggle],
        Context::Advies => &[Action::RemoveAdvice],
        Context::Lijst => &[Action::Submit, Action::Back],
        Context::Wachtrij => &[
            Action::OpenItem,
            Action::ClaimItem,
            Action::ContactItem,
            Action::AppointmentItem,
            Action::CloseItem,
            Action::ReleaseItem,
            Action::ForwardItem,
            Action::HandOverOutside,
            Action::ShareCase,
            Action::RegieOffers,
            Action::FocusSearch,
            Action::NextField,
            Action::MarkItem,
            Action::ReassignItems,
            Action::TakeRegie,
            Action::AssignRegie,
            Action::HandOnRegie,
            Action::EscalateCase,
            Action::CloseCase,
            Action::OpenPlan,
        ],
        Context::Vraag => &[Action::Submit, Action::Back],
        Context::Rapport => &[Action::NextView, Action::NextPeriod, Action::CustomPeriod],
        Context::Dienst => &[
            Action::Save,
            Action::NextError,
            Action::NextField,
            Action::EditRecord,
            Action::Back,
        ],
        Context::Plan => &[
            Action::RecordGesprek,
            Action::AnswerPlan,
            Action::PrintPlan,
            Action::EditPlan,
            Action::EvaluatePlan,
            Action::DecideTask,
            Action::HandOverLine,
            Action::EarlierVersion,
            Action::LaterVersion,
            Action::Back,
        ],
        Context::Planformulier => &[
            Action::Save,
            Action::AddPlanRow,
            Action::RemovePlanRow,
            Action::Back,
        ],
        Context::Werklijst => &[
            Action::EditService,
            Action::VerifyService,
            Action::ResolveReport,
            Action::Back,
        ],
        Context::Global => &[
            Action::Help,
            Action::NewIntake,
            Action::Queue,
            Action::Report,
            Action::Worklist,
            Action::Kaart,
            Action::Lock,
            Action::Quit,
        ],
        Context::Tekstveld => &[],
    }
}

fn draw_key_bar(frame: &mut Frame, area: ratatui::layout::Rect, app: &App, theme: Theme) {
    let (contexts, typing) = app.contexts();
    let text_field = contexts.iter().position(|c| *c == Context::Tekstveld);
    let mut items: Vec<(Key, Action)> = Vec::new();
    for (i, &context) in contexts.iter().enumerate() {
        // Behind a focused text field, keys that type a character only type.
        let swallowed = typing && text_field.is_some_and(|t| i > t);
        for &action in bar_actions(context) {
            // The key to the next wrong field only matters while there is one.
            let pointless = action == Action::NextError && app.field_errors() == 0;
            if let Some(key) = app.keymap.key_for(context, action, swallowed)
                && app.action_allowed(action)
                && app.offers(action)
                && !pointless
            {
                items.push((key, action));
            }
        }
    }
    // Help first: when the bar is too narrow for everything, help still lists it all; then
    // the keys between the screens.
    let rank = |action: Action| match action {
        Action::Help => 0,
        // Locking stays in sight on a shared PC, however full the bar; so does the one key
        // that takes a service out of the advice.
        Action::Lock | Action::RemoveAdvice => 1,
        // So does the key that finishes the form or dialog on screen: without it in sight, a
        // new user does not know how to save what they typed.
        Action::Submit | Action::Save => 1,
        // The keys of the selected wachtrij item come before the other screens.
        action if action == Action::OpenItem || ITEM_ACTIONS.contains(&action) => 2,
        // So do the acts on the plan on show.
        Action::RecordGesprek
        | Action::AnswerPlan
        | Action::PrintPlan
        | Action::EditPlan
        | Action::EvaluatePlan
        | Action::DecideTask
        | Action::HandOverLine
        | Action::AddPlanRow
        | Action::RemovePlanRow => 2,
        Action::NewIntake | Action::Kaart | Action::Queue | Action::Report | Action::Worklist => 2,
        _ => 3,
    };
    items.sort_by_key(|(_, action)| rank(*action));
    // The screen one is on needs no key to get there.
    let view = match &app.phase {
        Phase::Working(session) => Some(session.view),
        _ => None,
    };
    items.retain(|(_, action)| view.and_then(View::action) != Some(*action));
    // Too narrow for the item keys with their labels: they stand together under one label.
    let last_item = items
        .iter()
        .rposition(|(_, action)| ITEM_ACTIONS.contains(action));
    let width_up_to_items: usize = items
        .iter()
        .take(last_item.map_or(0, |i| i + 1))
        .map(|(key, action)| key.to_string().width() + text::bar_label(*action).width() + 4)
        .sum();
    let compact = width_up_to_items > area.width as usize;
    let mut spans = Vec::new();
    let mut used = 0;
    for (i, (key, action)) in items.into_iter().enumerate() {
        let key_text = format!(" {key} ");
        let label = match (
            compact && ITEM_ACTIONS.contains(&action),
            Some(i) == last_item,
        ) {
            (true, true) => format!(" {} ", text::ITEM_KEYS),
            (true, false) => String::new(),
            (false, _) => format!(" {} ", text::bar_label(action)),
        };
        let width = key_text.width() + label.width();
        if used + width > area.width as usize {
            break;
        }
        used += width;
        spans.push(Span::styled(key_text, theme.key()));
        spans.push(Span::raw(label));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
