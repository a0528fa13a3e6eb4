//! Small drawing helpers shared by the screens: centred boxes, truncation, popups.

use ratatui::Frame;
use ratatui::layout::Margin;
use ratatui::layout::{Alignment, Constraint, Layout, Position, Rect, Size};
use ratatui::symbols::scrollbar::Set;
use ratatui::text::{Line, Text};
use ratatui::widgets::{
    Block, BorderType, Clear, Padding, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState,
    Wrap,
};

use crate::safe_text::for_screen;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::super::confirm::Question;
use super::super::help::wrap_words;
use super::super::theme::Theme;

/// The header line, the screen's body and the key bar of the whole terminal.
pub fn frame_areas(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// The body a screen draws in, on a terminal of `size`: what its keys page and scroll by.
pub fn body(size: Size) -> Rect {
    frame_areas(Rect::from((Position::ORIGIN, size)))[1]
}

/// A scrollbar on the right border of the bordered `area` when its content scrolls: at
/// `position` of `0..=last`, drawn with the border's `symbols` (`scrollbar::VERTICAL` for a
/// plain border, `DOUBLE_VERTICAL` for a popup's). Nothing when all of it is in sight.
pub fn scrollbar(frame: &mut Frame, area: Rect, position: usize, last: usize, symbols: Set) {
    if last == 0 {
        return;
    }
    let mut state = ScrollbarState::new(last + 1).position(position.min(last));
    frame.render_stateful_widget(
        Scrollbar::new(ScrollbarOrientation::VerticalRight).symbols(symbols),
        area.inner(Margin::new(0, 1)),
        &mut state,
    );
}

/// A box of at most `width`×`height` centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// `text` made safe to draw (see [`for_screen`]) and cut to `max` columns of the terminal,
/// with an ellipsis when cut. Most dynamic text on the screens passes through here, which is
/// why it sanitises too.
pub fn truncate(text: &str, max: usize) -> String {
    let text = for_screen(text);
    if text.width() <= max {
        return text.into_owned();
    }
    let (kept, _) = split_at_width(&text, max.saturating_sub(1));
    let mut cut = kept.to_string();
    if max > 0 {
        cut.push('…');
    }
    cut
}

/// `text` cut to `width` columns and padded with spaces to exactly that many: a table cell.
pub fn cell(text: &str, width: usize) -> String {
    let text = truncate(text, width);
    let pad = width.saturating_sub(text.width());
    format!("{text}{:pad$}", "")
}

/// The longest start of `text` that fits in `max` columns, and the rest. A wide character
/// (CJK, emoji) takes two columns and is never split.
pub fn split_at_width(text: &str, max: usize) -> (&str, &str) {
    let mut used = 0;
    for (at, c) in text.char_indices() {
        used += c.width().unwrap_or(0);
        if used > max {
            return text.split_at(at);
        }
    }
    (text, "")
}

/// A line's worth of a word too long for a line of `width` columns, and the rest: at least
/// one character, so a character wider than the line still goes somewhere.
pub fn line_of(word: &str, width: usize) -> (&str, &str) {
    match split_at_width(word, width) {
        ("", _) => word.split_at(word.chars().next().map_or(0, char::len_utf8)),
        parts => parts,
    }
}

/// `text` in lines of at most `width` chars, broken between words, at most `max` lines (the
/// last one cut with an ellipsis when there is more), made safe to draw.
pub fn wrap(text: &str, width: usize, max: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = vec![String::new()];
    for word in for_screen(text).split_whitespace() {
        let current = lines.last_mut().expect("at least one line");
        let len = current.width();
        if len > 0 && len + 1 + word.width() > width {
            lines.push(word.to_string());
        } else {
            if len > 0 {
                current.push(' ');
            }
            current.push_str(word);
        }
    }
    if lines.len() > max {
        let rest = lines.split_off(max - 1).join(" ");
        lines.push(truncate(&rest, width));
    }
    lines.into_iter().map(|l| truncate(&l, width)).collect()
}

/// A field's error under it: "⚠ " and the message, indented to the value column and broken
/// between words so nothing is cut off, made safe to draw.
pub fn error_lines(message: &str, indent: usize, width: usize) -> Vec<String> {
    let text_width = width.saturating_sub(indent + 2).max(10);
    wrap_words(&for_screen(message), text_width)
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            let mark = if i == 0 { "⚠ " } else { "  " };
            format!("{:indent$}{mark}{part}", "")
        })
        .collect()
}

/// How many lines (1 or 2) the status line needs for `text` in `width` columns.
pub fn status_height(text: Option<&str>, width: u16) -> u16 {
    let chars = text.map_or(0, |t| t.width() + 1);
    if chars > width as usize { 2 } else { 1 }
}

/// The status line: the message broken between words over the lines of `area`.
pub fn status(frame: &mut Frame, area: Rect, text: &str, style: ratatui::style::Style) {
    let lines: Vec<Line> = wrap_words(
        &for_screen(text),
        area.width.saturating_sub(1).max(1) as usize,
    )
    .into_iter()
    .map(|l| Line::raw(format!(" {l}")))
    .collect();
    frame.render_widget(Paragraph::new(lines).style(style), area);
}

pub fn popup_block(theme: Theme, title: &str) -> Block<'static> {
    Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.focus_border())
        .title(Line::styled(format!(" {title} "), theme.title()))
}

/// A yes/no question over the screen, with the legend of its keys under it.
pub fn confirm(frame: &mut Frame, theme: Theme, question: &Question, legend: &str) {
    let width = 64.min(frame.area().width);
    let inner = width.saturating_sub(4).max(1) as usize;
    let lines = |text: &str| wrap_words(text, inner).len() as u16;
    let height = lines(&question.text) + lines(legend) + 3;
    let area = centered(frame.area(), width, height);
    frame.render_widget(Clear, area);
    let body = Text::from(vec![
        Line::raw(for_screen(&question.text).into_owned()),
        Line::raw(""),
        Line::styled(legend.to_string(), theme.title()),
    ]);
    frame.render_widget(
        Paragraph::new(body)
            .wrap(Wrap { trim: true })
            .alignment(Alignment::Center)
            .block(popup_block(theme, question.title).padding(Padding::horizontal(1))),
        area,
    );
}

/// A message with a block of text to read or copy.
pub fn message(frame: &mut Frame, theme: Theme, title: &str, intro: &str, body: &str) {
    let lines = body.lines().count() as u16;
    let area = centered(frame.area(), 76, lines + 5);
    frame.render_widget(Clear, area);
    let mut text = vec![
        Line::styled(intro.to_string(), theme.muted()),
        Line::raw(""),
    ];
    text.extend(body.lines().map(|l| Line::raw(for_screen(l).into_owned())));
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .block(popup_block(theme, title)),
        area,
    );
}

/// Draws the rows of a form in `inner`, scrolled so the focused line stays in sight, with the
/// cursor at `cursor` (line, column) when that line is shown.
pub fn draw_rows(
    frame: &mut Frame,
    inner: Rect,
    lines: Vec<Line>,
    focus_line: usize,
    cursor: Option<(usize, usize)>,
) {
    let height = inner.height as usize;
    let offset = (focus_line + 2).saturating_sub(height);
    if let Some((line, column)) = cursor
        && line >= offset
        && line - offset < height
    {
        frame.set_cursor_position(Position::new(
            inner.x + column as u16,
            inner.y + (line - offset) as u16,
        ));
    }
    frame.render_widget(Paragraph::new(lines).scroll((offset as u16, 0)), inner);
}
