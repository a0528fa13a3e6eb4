//! The plan editor: the six parts as rows of fields under their headings, each part with what
//! to write there (and, at the score, why only the case's leefgebieden; at the contribution,
//! that it is never a condition), the kaart's matches under a Who row, and the message of a
//! refused save at the bottom (else the status, such as the hint on a row of choices).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::domain::plan::{CONTRIBUTION_NEVER_A_CONDITION, SCORE_ONLY_FOR_THE_CASE};
use crate::domain::{Leefgebieden, ReferenceData};
use crate::safe_text::for_screen;

use super::super::hint;
use super::super::plan_editor::{PlanEditor, Row, RowKind};
use super::super::screen::DrawContext;
use super::super::text;
use super::super::theme::Theme;
use super::layout::{draw_rows, truncate, wrap};

const LABEL_WIDTH: usize = 26;

/// Which of the six parts a row is in.
fn part(kind: &RowKind) -> u8 {
    match kind {
        RowKind::Result(_) | RowKind::Score(_) => 1,
        RowKind::Milestone => 2,
        RowKind::Laag(_) | RowKind::What | RowKind::Who | RowKind::From => 3,
        RowKind::Contribution => 4,
        RowKind::AfspraakWho | RowKind::AfspraakWhat | RowKind::AfspraakBy => 5,
        RowKind::Duration | RowKind::How | RowKind::Evaluation => 6,
    }
}

/// The heading and the guidance a part starts with, before its first row `kind`;
/// `choose_keys` ("←/→") set the rows of choices.
fn heading(
    kind: &RowKind,
    previous: Option<&RowKind>,
    choose_keys: &str,
) -> Option<(&'static str, Vec<String>)> {
    if previous.is_some_and(|p| part(p) == part(kind)) {
        return None;
    }
    Some(match kind {
        RowKind::Result(_) | RowKind::Score(_) => (
            text::PLAN_RESULTS,
            vec![
                text::editor_results_help(choose_keys),
                SCORE_ONLY_FOR_THE_CASE.to_string(),
            ],
        ),
        RowKind::Milestone => (text::PLAN_TIJDPAD, vec![]),
        RowKind::Laag(_) | RowKind::What | RowKind::Who | RowKind::From => (
            text::PLAN_ARRANGEMENT,
            vec![text::editor_lines_help(choose_keys)],
        ),
        RowKind::Contribution => (
            text::PLAN_CONTRIBUTION,
            vec![CONTRIBUTION_NEVER_A_CONDITION.to_string()],
        ),
        RowKind::AfspraakWho | RowKind::AfspraakWhat | RowKind::AfspraakBy => (
            text::PLAN_AFSPRAKEN,
            vec![text::EDITOR_AFSPRAKEN_HELP.to_string()],
        ),
        RowKind::Duration | RowKind::How | RowKind::Evaluation => (text::PLAN_FOLLOW_UP, vec![]),
    })
}

fn label(row: &Row, names: &Leefgebieden) -> String {
    match &row.kind {
        RowKind::Result(code) => names.name_of(code).to_string(),
        _ => row.field.label.to_string(),
    }
}

/// The lines of the editor at `width`, and the line of the focused row.
fn lines(
    editor: &PlanEditor,
    names: &Leefgebieden,
    (width, choose_keys): (usize, &str),
    theme: Theme,
) -> (Vec<Line<'static>>, usize) {
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut focus_line = 0;
    let value_width = width.saturating_sub(LABEL_WIDTH + 3).max(1);
    if editor.makes_new_version {
        for part in wrap(&text::new_version_notice(editor.next_version), width, 4) {
            out.push(Line::styled(part, theme.warning()));
        }
    }
    let mut previous = None;
    for (i, row) in editor.rows.iter().enumerate() {
        if let Some((title, help)) = heading(&row.kind, previous, choose_keys) {
            out.push(Line::styled(format!("{title}:"), theme.title()));
            for help in help {
                for part in wrap(&help, width, 4) {
                    out.push(Line::styled(part, theme.muted()));
                }
            }
        }
        previous = Some(&row.kind);
        let focused = i == editor.focus;
        if focused {
            focus_line = out.len();
        }
        let marker = if focused { "▶ " } else { "  " };
        let name = truncate(&label(row, names), LABEL_WIDTH - 2);
        let shown = row.field.shown(value_width);
        let picked = if row.picked.is_some() { " ⌂" } else { "" };
        let style = if focused {
            theme.selected()
        } else {
            Style::new()
        };
        out.push(Line::from(vec![
            Span::raw(format!("{marker}{name:<w$}", w = LABEL_WIDTH - 2)),
            Span::styled(format!(" {}{picked}", for_screen(&shown)), style),
        ]));
        if focused {
            for (n, hit) in editor.hits.iter().enumerate() {
                let choose = if n == 0 { text::ENTER_PICKS } else { "" };
                let line = format!("{:w$}⌂ {}{choose}", "", hit.name, w = LABEL_WIDTH + 1);
                out.push(Line::styled(truncate(&line, width), theme.muted()));
            }
        }
    }
    (out, focus_line)
}

pub fn draw(frame: &mut Frame, area: Rect, editor: &PlanEditor, ctx: &DrawContext) {
    let theme = ctx.theme;
    let (message, style) = match (&editor.message, ctx.status) {
        (Some(refused), _) => (refused.as_str(), theme.error()),
        (None, status) => (status.unwrap_or_default(), theme.muted()),
    };
    let message_lines = if message.is_empty() {
        0
    } else {
        wrap(message, area.width as usize, 3).len() as u16
    };
    let [body, bottom] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(message_lines)]).areas(area);
    let title = if editor.plan_id.is_some() {
        text::EDIT_PLAN_TITLE
    } else {
        text::NEW_PLAN_TITLE
    };
    let block = Block::bordered()
        .border_style(theme.focus_border())
        .title(Line::styled(format!(" {title} "), theme.title()))
        .title_bottom(Line::styled(hint::plan_editor(ctx.keymap), theme.muted()));
    let inner = block.inner(body);
    frame.render_widget(block, body);
    let reference: &ReferenceData = ctx.reference;
    let choose_keys = hint::choose_keys(ctx.keymap);
    let (all, focus_line) = lines(
        editor,
        &reference.leefgebieden,
        (inner.width as usize, &choose_keys),
        theme,
    );
    let row = &editor.rows[editor.focus];
    let value_width = (inner.width as usize)
        .saturating_sub(LABEL_WIDTH + 3)
        .max(1);
    let column = LABEL_WIDTH + 1 + row.field.input.visual_cursor()
        - row.field.input.visual_scroll(value_width);
    // A choice has no cursor: it is not typed into.
    let typed = row.field.kind().is_none();
    let cursor = (ctx.focused && typed).then_some((focus_line, column));
    draw_rows(frame, inner, all, focus_line, cursor);
    if !message.is_empty() {
        frame.render_widget(
            Paragraph::new(for_screen(message).into_owned())
                .style(style)
                .wrap(Wrap { trim: true }),
            bottom,
        );
    }
}
