//! The help overlay: every key of the current screen, generated from the keymap (see
//! `tui::help`), wrapped to the box and scrolled no further than its last line.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::super::app::App;
use super::super::help::{HelpLine, help_lines};
use super::super::text;
use super::super::theme::Theme;
use super::layout::{centered, popup_block};

pub fn draw(frame: &mut Frame, app: &App, theme: Theme, scroll: u16) {
    let width = frame.area().width.min(78);
    let inner_width = width.saturating_sub(2) as usize;
    let lines: Vec<Line> = help_lines(&app.help_sections(), inner_width.saturating_sub(1))
        .into_iter()
        .map(|line| match line {
            HelpLine::Heading(title) => Line::styled(format!(" {title}"), theme.title()),
            HelpLine::Entry { keys, what } => Line::from(vec![
                Span::styled(format!(" {keys}"), theme.title()),
                Span::raw(format!(" {what}")),
            ]),
        })
        .collect();
    let wanted = lines.len() as u16 + 2;
    let height = wanted.min(frame.area().height.saturating_sub(2));
    let shown = height.saturating_sub(2);
    app.help_view.set((lines.len() as u16, shown));
    let last = (lines.len() as u16).saturating_sub(shown);
    let title = if wanted > height {
        format!("{} {}", text::HELP_TITLE, text::HELP_MORE)
    } else {
        text::HELP_TITLE.to_string()
    };
    let area = centered(frame.area(), width, height);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((scroll.min(last), 0))
            .block(popup_block(theme, &title)),
        area,
    );
}
