//! The first-run, sign-in and lock screens: a calm box with a few fields.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::safe_text::for_screen;
use unicode_width::UnicodeWidthStr;

use super::super::form::Form;
use super::super::text;
use super::super::theme::Theme;
use super::layout::{centered, popup_block};

const LABEL_WIDTH: usize = 18;

/// A form in a centred box: title, intro, the fields, and the message line.
pub fn draw_form(
    frame: &mut Frame,
    area: Rect,
    theme: Theme,
    title: &str,
    intro: &str,
    form: &Form,
    show_cursor: bool,
) {
    let intro = for_screen(intro);
    let width = 64.min(area.width);
    let height = lines_height(&intro, width.saturating_sub(2)) + form.fields.len() as u16 + 6;
    let boxed = centered(area, width, height);
    let mut lines: Vec<Line> = vec![Line::raw(intro.as_ref()), Line::raw("")];
    let fields_top = boxed.y + 1 + lines_height(&intro, boxed.width.saturating_sub(2)) + 1;
    // A long value scrolls within its line instead of wrapping out of the box.
    let value_width = (boxed.width as usize)
        .saturating_sub(LABEL_WIDTH + 4)
        .max(1);
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let marker = if focused { "▶ " } else { "  " };
        let label = format!("{marker}{:<w$}", field.label, w = LABEL_WIDTH - 2);
        let shown = field.shown(value_width);
        let value = format!(" {} ", for_screen(&shown));
        let value_style = if focused {
            theme.selected()
        } else {
            theme.muted()
        };
        lines.push(Line::from(vec![
            Span::raw(label),
            Span::styled(value, value_style),
        ]));
        // A choice has no cursor: it is not typed into.
        if focused && show_cursor && field.kind().is_none() {
            let scroll = field.input.visual_scroll(value_width);
            let x = boxed.x
                + 1
                + LABEL_WIDTH as u16
                + 1
                + (field.input.visual_cursor() - scroll) as u16;
            frame.set_cursor_position(Position::new(
                x.min(boxed.right().saturating_sub(2)),
                fields_top + i as u16,
            ));
        }
    }
    lines.push(Line::raw(""));
    if let Some(message) = &form.message {
        lines.push(Line::styled(for_screen(message), theme.error()));
    }
    frame.render_widget(Clear, boxed);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(popup_block(theme, title)),
        boxed,
    );
}

/// Lines a paragraph of `text` takes at `width` (word wrapped, roughly as ratatui does).
fn lines_height(text: &str, width: u16) -> u16 {
    let width = width.max(1) as usize;
    let mut lines = 1;
    let mut used = 0;
    for word in text.split_whitespace() {
        let len = word.width();
        if used > 0 && used + 1 + len > width {
            lines += 1;
            used = len;
        } else {
            used += if used > 0 { 1 } else { 0 } + len;
        }
    }
    lines
}

/// The lock screen: nothing of the work behind it, only who is signed in and the PIN prompt.
pub fn draw_locked(
    frame: &mut Frame,
    area: Rect,
    theme: Theme,
    name: &str,
    form: &Form,
    show_cursor: bool,
) {
    let intro = format!("{} {}", text::LOCKED_INTRO, text::locked_for(name));
    draw_form(
        frame,
        area,
        theme,
        text::LOCKED_TITLE,
        &intro,
        form,
        show_cursor,
    );
}
