//! The help overlay: every key of the current screen, generated from the keymap (see
//! `tui::help`), wrapped to the box and scrolled no further than its last line.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::symbols::scrollbar::DOUBLE_VERTICAL;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::super::app::App;
use super::super::help::{HelpLine, help_lines};
use super::super::text;
use super::super::theme::Theme;
use super::layout::{centered, popup_block, scrollbar};

/// The help laid out on a terminal `area`: its lines, its box, and how far it can scroll.
pub struct HelpView {
    pub lines: Vec<HelpLine>,
    pub area: Rect,
    pub shown: u16,
    pub last: u16,
}

pub fn view(app: &App, area: Rect) -> HelpView {
    let width = area.width.min(78);
    let inner_width = width.saturating_sub(2) as usize;
    let lines = help_lines(&app.help_sections(), inner_width.saturating_sub(1));
    let wanted = lines.len() as u16 + 2;
    let height = wanted.min(area.height.saturating_sub(2));
    let shown = height.saturating_sub(2);
    HelpView {
        last: (lines.len() as u16).saturating_sub(shown),
        area: centered(area, width, height),
        lines,
        shown,
    }
}

pub fn draw(frame: &mut Frame, app: &App, theme: Theme, scroll: u16) {
    let view = view(app, frame.area());
    let title = if view.last > 0 {
        format!("{} {}", text::HELP_TITLE, text::HELP_MORE)
    } else {
        text::HELP_TITLE.to_string()
    };
    let scroll = scroll.min(view.last);
    let lines: Vec<Line> = view
        .lines
        .into_iter()
        .map(|line| match line {
            HelpLine::Heading(title) => Line::styled(format!(" {title}"), theme.title()),
            HelpLine::Entry { keys, what } => Line::from(vec![
                Span::styled(format!(" {keys}"), theme.title()),
                Span::raw(format!(" {what}")),
            ]),
        })
        .collect();
    frame.render_widget(Clear, view.area);
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((scroll, 0))
            .block(popup_block(theme, &title)),
        view.area,
    );
    scrollbar(
        frame,
        view.area,
        scroll as usize,
        view.last as usize,
        DOUBLE_VERTICAL,
    );
}
