//! The help overlay: every key of the current screen, generated from the keymap.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::super::action::Action;
use super::super::app::App;
use super::super::keymap::Context;
use super::super::text;
use super::super::theme::Theme;
use super::layout::{centered, popup_block};

pub fn draw(frame: &mut Frame, app: &App, theme: Theme, scroll: u16) {
    // The keys of the screen under the overlay.
    let (contexts, typing) = app.contexts_below_overlay();
    let mut lines: Vec<Line> = Vec::new();
    let mut seen = Vec::new();
    let text_field = contexts.iter().position(|c| *c == Context::Tekstveld);
    for (i, &context) in contexts.iter().enumerate() {
        let swallowed = typing && text_field.is_some_and(|t| i > t);
        for &(key, action) in app.keymap.bindings(context) {
            let typed_away = swallowed && key.typed_char().is_some();
            if seen.contains(&key) || typed_away || !app.action_allowed(action) {
                continue;
            }
            seen.push(key);
            lines.push(Line::from(vec![
                Span::styled(format!(" {:<10}", key.to_string()), theme.title()),
                Span::raw(text::describe(action)),
            ]));
        }
        if context == Context::Tekstveld && typing {
            lines.push(Line::from(vec![
                Span::styled(format!(" {:<10}", "a–z"), theme.title()),
                Span::raw(text::describe(Action::Insert('a'))),
            ]));
        }
    }
    let height = (lines.len() as u16 + 2).min(frame.area().height.saturating_sub(2));
    let area = centered(frame.area(), 70, height);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((scroll, 0))
            .block(popup_block(theme, text::HELP_TITLE)),
        area,
    );
}
