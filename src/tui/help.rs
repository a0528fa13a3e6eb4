//! What the help overlay lists: every key of the current screen, read from the one keymap, one
//! line per action with all its keys together ("F1 / Alt-1  Hulp"), in sections per part of the
//! screen (the part with the focus first, keys that work everywhere last). Laid out in lines
//! of a given width, so the overlay scrolls exactly as far as its content.

use ratatui::layout::{Position, Rect};

use super::action::Action;
use super::app::{App, Overlay};
use super::keymap::Context;
use super::screens::help::view as help_view;
use super::screens::layout::line_of;
use super::text;
use unicode_width::UnicodeWidthStr;

/// The keys of one part of the screen: (keys, what the action does).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpSection {
    pub title: &'static str,
    pub entries: Vec<(String, &'static str)>,
}

/// One line of the laid-out help: a section heading, or a key column and a description part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Heading(&'static str),
    Entry { keys: String, what: String },
}

/// The widest key column; longer key lists stand on a line of their own.
const MAX_KEY_COLUMN: usize = 22;

impl App {
    /// The help of the screen under the overlay.
    pub fn help_sections(&self) -> Vec<HelpSection> {
        let mut listed: Vec<(super::keymap::Key, Action)> = Vec::new();
        let mut sections = Vec::new();
        for context in self.help_contexts() {
            let mut entries: Vec<(Vec<String>, Action)> = Vec::new();
            for &(key, action) in self.keymap.bindings(context) {
                if listed.contains(&(key, action)) || !self.action_allowed(action) {
                    continue;
                }
                listed.push((key, action));
                match entries.iter_mut().find(|(_, a)| *a == action) {
                    Some((keys, _)) => keys.push(key.to_string()),
                    None => entries.push((vec![key.to_string()], action)),
                }
            }
            let mut entries: Vec<(String, &'static str)> = entries
                .into_iter()
                .map(|(keys, action)| (keys.join(" / "), text::describe_in(context, action)))
                .collect();
            if context == Context::Tekstveld {
                entries.push((
                    text::HELP_TYPING_KEYS.to_string(),
                    text::describe(Action::Insert('a')),
                ));
            }
            if !entries.is_empty() {
                sections.push(HelpSection {
                    title: text::context_title(context),
                    entries,
                });
            }
        }
        sections
    }

    /// Moves the help overlay, never past its last line at the terminal's size.
    pub(super) fn scroll_help(&mut self, scroll: u16, action: Action) {
        let view = help_view(self, Rect::from((Position::ORIGIN, self.size)));
        let last = view.last;
        let page = view.shown.saturating_sub(1).max(1);
        let scroll = match action {
            Action::Back => {
                self.overlay = None;
                return;
            }
            Action::Down => scroll.saturating_add(1),
            Action::Up => scroll.saturating_sub(1),
            Action::PageDown => scroll.saturating_add(page),
            Action::PageUp => scroll.saturating_sub(page),
            Action::First => 0,
            Action::Last => last,
            _ => scroll,
        };
        self.overlay = Some(Overlay::Help {
            scroll: scroll.min(last),
        });
    }
}

/// The sections laid out for a box `width` characters wide: the keys in a column, each
/// description broken between words beside it.
pub fn help_lines(sections: &[HelpSection], width: usize) -> Vec<HelpLine> {
    let column = sections
        .iter()
        .flat_map(|s| s.entries.iter())
        .map(|(keys, _)| keys.width())
        .filter(|n| *n <= MAX_KEY_COLUMN)
        .max()
        .unwrap_or(0)
        + 2;
    let text_width = width.saturating_sub(column + 1).max(10);
    let mut lines = Vec::new();
    for (i, section) in sections.iter().enumerate() {
        if i > 0 {
            lines.push(HelpLine::Entry {
                keys: String::new(),
                what: String::new(),
            });
        }
        lines.push(HelpLine::Heading(section.title));
        for (keys, what) in &section.entries {
            let mut parts = wrap_words(what, text_width).into_iter();
            let (first_keys, first_text) = if keys.width() + 2 > column {
                lines.push(HelpLine::Entry {
                    keys: keys.clone(),
                    what: String::new(),
                });
                (String::new(), parts.next().unwrap_or_default())
            } else {
                (keys.clone(), parts.next().unwrap_or_default())
            };
            lines.push(HelpLine::Entry {
                keys: format!("{first_keys:<column$}"),
                what: first_text,
            });
            lines.extend(parts.map(|part| HelpLine::Entry {
                keys: " ".repeat(column),
                what: part,
            }));
        }
    }
    lines
}

/// `text` broken between words into lines of at most `width` characters (a longer word is cut).
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let mut word = word.to_string();
        while !word.is_empty() {
            let current = lines.last_mut().expect("at least one line");
            let len = current.width();
            let gap = usize::from(len > 0);
            if len + gap + word.width() <= width {
                if gap > 0 {
                    current.push(' ');
                }
                current.push_str(&word);
                break;
            }
            if len == 0 {
                let (head, rest) = line_of(&word, width);
                *current = head.to_string();
                word = rest.to_string();
            }
            lines.push(String::new());
        }
    }
    lines.retain(|l| !l.is_empty());
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_descriptions_wrap_beside_their_keys() {
        let sections = vec![HelpSection {
            title: "Overal",
            entries: vec![
                ("F1 / Alt-1".to_string(), "Hulp"),
                (
                    "Ctrl-O".to_string(),
                    "Mijn contacten van de laatste dagen: openen om te verbeteren",
                ),
            ],
        }];
        let lines = help_lines(&sections, 40);
        assert_eq!(lines[0], HelpLine::Heading("Overal"));
        assert!(lines.len() >= 4, "{lines:?}");
        for line in &lines[1..] {
            let HelpLine::Entry { keys, what } = line else {
                panic!("{line:?}")
            };
            assert!(keys.width() + 1 + what.width() <= 40, "{line:?}");
        }
        assert_eq!(wrap_words("een twee drie", 8), vec!["een twee", "drie"]);
        assert_eq!(wrap_words("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
    }
}
