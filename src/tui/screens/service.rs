//! The beheerder's service form: one row per field, the focused row highlighted, problems of
//! the last save under their field, the rows scrolled so the focus stays in sight.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::domain::hours::dutch_local;
use crate::safe_text::for_screen;

use super::super::screen::DrawContext;
use super::super::service_form::{EditRow, ServiceForm};
use super::super::text;
use super::layout::{error_lines, truncate};

const LABEL_WIDTH: usize = 22;
/// The latest changes shown under the form; the audit log and history keep all of them.
const HISTORY_LINES: usize = 10;

fn label(row: EditRow, form: &ServiceForm) -> &'static str {
    match row {
        EditRow::Text(t) => form.text(t).label,
        EditRow::Leefgebied(0) => text::EDIT_LEEFGEBIEDEN,
        EditRow::Leefgebied(_) => "",
        EditRow::Laag => text::EDIT_LAAG,
        EditRow::Free => text::EDIT_FREE,
        EditRow::Referral => text::EDIT_REFERRAL,
        EditRow::Status => text::EDIT_STATUS,
    }
}

fn check(on: bool) -> String {
    format!(
        "[{}] {}",
        if on { "x" } else { " " },
        if on { text::YES } else { text::NO }
    )
}

fn value(row: EditRow, form: &ServiceForm) -> String {
    match row {
        EditRow::Text(t) => form.text(t).value().to_string(),
        EditRow::Leefgebied(i) => {
            let area = &form.offered.all()[i];
            let on = form.leefgebieden.contains(&area.code);
            format!("[{}] {}", if on { "x" } else { " " }, area.name)
        }
        EditRow::Laag => format!("‹ {} ›", form.laag.map_or("—", |l| l.name())),
        EditRow::Free => check(form.free),
        EditRow::Referral => check(form.referral),
        EditRow::Status => if form.active {
            text::EDIT_ACTIVE
        } else {
            text::EDIT_INACTIVE
        }
        .to_string(),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, form: &ServiceForm, ctx: &DrawContext) {
    let theme = ctx.theme;
    let status_lines = super::layout::status_height(ctx.status, area.width);
    let [hint, rows_area, status] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(0),
        Constraint::Length(status_lines),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(text::EDIT_HINT)
            .wrap(Wrap { trim: true })
            .style(theme.muted()),
        hint,
    );
    let title = match &form.original {
        Some(service) => text::edit_title(&service.name),
        None => text::EDIT_NEW_TITLE.to_string(),
    };
    let block = Block::bordered()
        .border_style(theme.focus_border())
        .title(Line::styled(
            format!(" {} ", for_screen(&title)),
            theme.title(),
        ));
    let inner = block.inner(rows_area);
    frame.render_widget(block, rows_area);
    let value_width = (inner.width as usize).saturating_sub(LABEL_WIDTH + 2);
    let mut lines: Vec<Line> = Vec::new();
    let mut focus_line = 0;
    let mut cursor = None;
    for (i, &row) in form.rows.iter().enumerate() {
        let focused = i == form.focus;
        if focused {
            focus_line = lines.len();
        }
        let marker = if focused { "▶ " } else { "  " };
        let label_text = format!("{marker}{:<w$}", label(row, form), w = LABEL_WIDTH);
        let mut shown = value(row, form);
        if focused && let EditRow::Text(t) = row {
            let editor = form.text(t);
            let scroll = editor.input.visual_scroll(value_width.max(1));
            shown = editor.value().chars().skip(scroll).collect();
            cursor = Some((
                lines.len(),
                LABEL_WIDTH + 2 + editor.input.visual_cursor() - scroll,
            ));
        }
        let style = if focused {
            theme.selected()
        } else {
            Style::new()
        };
        lines.push(Line::from(vec![
            Span::styled(label_text, theme.title()),
            Span::styled(
                for_screen(&truncate(&shown, value_width)).into_owned(),
                style,
            ),
        ]));
        for problem in form.problems_at(i) {
            lines.extend(
                error_lines(problem, LABEL_WIDTH + 2, inner.width as usize)
                    .into_iter()
                    .map(|l| Line::styled(l, theme.error())),
            );
        }
        // The focused row's messages stay in sight with it.
        if focused {
            focus_line = lines.len() - 1;
        }
    }
    if !form.history.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(text::EDIT_HISTORY, theme.title()));
    }
    for change in form.history.iter().take(HISTORY_LINES) {
        let line = format!(
            "  {} {} · {}: {} → {}",
            dutch_local(change.at).format("%d-%m-%Y %H:%M"),
            change.user,
            change.field,
            if change.old.is_empty() {
                "—"
            } else {
                &change.old
            },
            if change.new.is_empty() {
                "—"
            } else {
                &change.new
            },
        );
        lines.push(Line::styled(
            truncate(&for_screen(&line), inner.width as usize),
            theme.muted(),
        ));
    }
    super::layout::draw_rows(
        frame,
        inner,
        lines,
        focus_line,
        cursor.filter(|_| ctx.focused),
    );
    super::layout::status(frame, status, ctx.status.unwrap_or_default(), theme.muted());
}
