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

/// The keys that work on the screen under the overlay, global keys first (they matter
/// everywhere), each key once, as (key label, description).
fn entries(app: &App) -> Vec<(String, &'static str)> {
    let (contexts, typing) = app.contexts_below_overlay();
    let text_field = contexts.iter().position(|c| *c == Context::Tekstveld);
    let mut seen = Vec::new();
    let mut entries: Vec<(bool, String, &'static str)> = Vec::new();
    for (i, &context) in contexts.iter().enumerate() {
        // Behind a focused text field, keys that type a character only type.
        let swallowed = typing && text_field.is_some_and(|t| i > t);
        for &(key, action) in app.keymap.bindings(context) {
            let typed_away = swallowed && key.typed_char().is_some();
            if seen.contains(&key) || typed_away || !app.action_allowed(action) {
                continue;
            }
            seen.push(key);
            entries.push((
                context == Context::Global,
                key.to_string(),
                text::describe(action),
            ));
        }
        if context == Context::Tekstveld && typing {
            entries.push((
                false,
                "a–z".to_string(),
                text::describe(Action::Insert('a')),
            ));
        }
    }
    entries.sort_by_key(|(global, _, _)| !global);
    entries
        .into_iter()
        .map(|(_, key, what)| (key, what))
        .collect()
}

pub fn draw(frame: &mut Frame, app: &App, theme: Theme, scroll: u16) {
    let lines: Vec<Line> = entries(app)
        .into_iter()
        .map(|(key, what)| {
            Line::from(vec![
                Span::styled(format!(" {key:<10}"), theme.title()),
                Span::raw(what),
            ])
        })
        .collect();
    let wanted = lines.len() as u16 + 2;
    let height = wanted.min(frame.area().height.saturating_sub(2));
    let title = if wanted > height {
        format!("{} {}", text::HELP_TITLE, text::HELP_MORE)
    } else {
        text::HELP_TITLE.to_string()
    };
    let area = centered(frame.area(), 70, height);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((scroll, 0))
            .block(popup_block(theme, &title)),
        area,
    );
}
