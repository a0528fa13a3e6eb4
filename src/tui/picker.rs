//! Picking one of a list by typing part of it (people, teams): no exact full names typed from
//! memory. Every typed word must appear in the option (folded: case and accents do not
//! matter); ↑/↓ move through what is left.

use crate::text::folded_words;

use super::action::Action;
use super::form::TextField;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub filter: TextField,
    pub options: Vec<String>,
    /// Indexes into `options` that match the filter, in their order.
    pub shown: Vec<usize>,
    /// Position in `shown`.
    pub selected: usize,
}

impl Picker {
    pub fn new(label: &'static str, options: Vec<String>) -> Picker {
        let shown = (0..options.len()).collect();
        Picker {
            filter: TextField::new(label, 80),
            options,
            shown,
            selected: 0,
        }
    }

    /// Handles a key: ↑/↓ (and their toggle aliases in a dialog) move, the rest edits the
    /// filter. Returns whether the key was the picker's.
    pub fn handle(&mut self, action: Action) -> bool {
        let last = self.shown.len().saturating_sub(1);
        match action {
            Action::Up | Action::ToggleBack => self.selected = self.selected.saturating_sub(1),
            Action::Down | Action::Toggle => self.selected = (self.selected + 1).min(last),
            other => {
                if !self.filter.edit(other) {
                    return false;
                }
                self.refilter();
            }
        }
        true
    }

    fn refilter(&mut self) {
        let words = folded_words(self.filter.value());
        self.shown = self
            .options
            .iter()
            .enumerate()
            .filter(|(_, option)| {
                let option = folded_words(option).join(" ");
                words.iter().all(|w| option.contains(w.as_str()))
            })
            .map(|(i, _)| i)
            .collect();
        self.selected = 0;
    }

    /// The option picked: the selected one of those the filter lets through.
    pub fn chosen(&self) -> Option<usize> {
        self.shown.get(self.selected).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picker() -> Picker {
        Picker::new(
            "Collega",
            vec![
                "Demo Esra (Loket)".into(),
                "Demo Ilse (Sociaal Team)".into(),
                "Esther Özdemir".into(),
            ],
        )
    }

    fn typ(p: &mut Picker, text: &str) {
        for c in text.chars() {
            p.handle(Action::Insert(c));
        }
    }

    #[test]
    fn typing_part_of_a_name_leaves_the_matches() {
        let mut p = picker();
        typ(&mut p, "es");
        assert_eq!(p.shown, [0, 2]);
        assert_eq!(p.chosen(), Some(0));
        p.handle(Action::Down);
        assert_eq!(p.chosen(), Some(2));
        p.handle(Action::Down);
        assert_eq!(p.chosen(), Some(2), "stays on the last");
        typ(&mut p, "ra");
        assert_eq!(p.shown, [0]);
    }

    #[test]
    fn case_accents_and_word_order_do_not_matter() {
        let mut p = picker();
        typ(&mut p, "ozdemir ESTHER");
        assert_eq!(p.chosen(), Some(2));
        let mut p = picker();
        typ(&mut p, "team ilse");
        assert_eq!(p.chosen(), Some(1));
        typ(&mut p, "x");
        assert_eq!(p.chosen(), None);
    }
}
