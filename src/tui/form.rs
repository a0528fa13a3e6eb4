//! Text fields and simple forms (sign-in, first run, unlock), edited through actions.

use tui_input::{Input, InputRequest};

use super::action::Action;

/// What a field that is not typed into is: letters typed there change nothing and only
/// bring up a hint saying how it is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// One value of a list (‹ balie ›): cycled.
    Choice,
    /// Yes or no ([x]).
    Checkbox,
    /// Opens a list or search (a household, a service from the kaart).
    Opens,
}

/// One line of text being typed, with a cursor; or, given choices, one of them picked with
/// ←/→ (drawn ‹ value ›), where typing changes nothing.
#[derive(Debug, Clone, Default)]
pub struct TextField {
    pub label: &'static str,
    pub input: Input,
    /// Shown as dots (PINs).
    pub secret: bool,
    pub max_chars: usize,
    /// What the field is chosen from; empty for a typed field.
    pub choices: Vec<String>,
}

/// Two fields are equal when they show the same: `Input` itself cannot be compared.
impl PartialEq for TextField {
    fn eq(&self, other: &Self) -> bool {
        (
            self.label,
            self.value(),
            self.input.cursor(),
            self.secret,
            self.max_chars,
            &self.choices,
        ) == (
            other.label,
            other.value(),
            other.input.cursor(),
            other.secret,
            other.max_chars,
            &other.choices,
        )
    }
}

impl Eq for TextField {}

impl TextField {
    pub fn new(label: &'static str, max_chars: usize) -> TextField {
        TextField {
            label,
            input: Input::default(),
            secret: false,
            max_chars,
            choices: Vec::new(),
        }
    }

    /// A field chosen from `choices`, showing `value`: one of them, or a placeholder such as
    /// "kies…" that is none of them.
    pub fn choice(label: &'static str, choices: Vec<String>, value: &str) -> TextField {
        TextField {
            input: Input::new(value.to_string()),
            choices,
            ..TextField::new(label, 0)
        }
    }

    /// How the field is set when it is not typed into.
    pub fn kind(&self) -> Option<FieldKind> {
        (!self.choices.is_empty()).then_some(FieldKind::Choice)
    }

    /// Which of the choices the field shows; `None` on a typed field or a placeholder.
    pub fn chosen(&self) -> Option<usize> {
        self.choices.iter().position(|c| c == self.value())
    }

    /// ←/→ on a choice: the previous or next one, round the list; from the placeholder the
    /// last or the first.
    fn cycle(&mut self, action: Action) -> bool {
        let n = self.choices.len();
        let next = match (self.chosen(), action) {
            (Some(i), Action::CursorLeft) => (i + n - 1) % n,
            (Some(i), Action::CursorRight) => (i + 1) % n,
            (None, Action::CursorLeft) => n - 1,
            (None, Action::CursorRight) => 0,
            _ => return false,
        };
        self.input = Input::new(self.choices[next].clone());
        true
    }

    /// A field that starts with `value` typed in, the cursor at its end.
    pub fn with_value(label: &'static str, max_chars: usize, value: &str) -> TextField {
        let mut field = TextField::new(label, max_chars);
        for c in value.chars() {
            field.edit(Action::Insert(c));
        }
        field
    }

    pub fn secret(label: &'static str) -> TextField {
        TextField {
            secret: true,
            ..TextField::new(label, 64)
        }
    }

    pub fn value(&self) -> &str {
        self.input.value()
    }

    pub fn clear(&mut self) {
        self.input.reset();
    }

    /// Applies an editing action; returns whether it was one. A choice takes only ←/→.
    pub fn edit(&mut self, action: Action) -> bool {
        if self.kind().is_some() {
            return self.cycle(action);
        }
        let request = match action {
            Action::Insert(c) if c.is_control() => return true,
            Action::Insert(_) if self.input.value().chars().count() >= self.max_chars => {
                return true;
            }
            Action::Insert(c) => InputRequest::InsertChar(c),
            Action::DeleteLeft => InputRequest::DeletePrevChar,
            Action::DeleteRight => InputRequest::DeleteNextChar,
            Action::CursorLeft => InputRequest::GoToPrevChar,
            Action::CursorRight => InputRequest::GoToNextChar,
            Action::CursorStart => InputRequest::GoToStart,
            Action::CursorEnd => InputRequest::GoToEnd,
            Action::ClearField => InputRequest::DeleteLine,
            _ => return false,
        };
        self.input.handle(request);
        true
    }

    /// What of the field fits in `width` columns, scrolled so the cursor stays in sight.
    pub fn shown(&self, width: usize) -> String {
        let scroll = match self.kind() {
            Some(_) => 0,
            None => self.input.visual_scroll(width),
        };
        self.display().chars().skip(scroll).take(width).collect()
    }

    /// What the field shows: the text, dots for a secret, ‹ the value › of a choice.
    pub fn display(&self) -> String {
        if self.secret {
            "•".repeat(self.input.value().chars().count())
        } else if self.kind().is_some() {
            format!("‹ {} ›", self.input.value())
        } else {
            self.input.value().to_string()
        }
    }
}

/// A vertical list of fields with one in focus and a message line (errors in plain Dutch).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Form {
    pub fields: Vec<TextField>,
    pub focus: usize,
    pub message: Option<String>,
    /// What the fields held when the form opened, to tell whether leaving would lose anything.
    opened_with: Vec<String>,
}

impl Form {
    pub fn new(fields: Vec<TextField>) -> Form {
        let opened_with = fields.iter().map(|f| f.value().to_string()).collect();
        Form {
            fields,
            focus: 0,
            message: None,
            opened_with,
        }
    }

    /// Whether any field differs from what the form opened with.
    pub fn changed(&self) -> bool {
        self.fields
            .iter()
            .map(TextField::value)
            .ne(self.opened_with.iter().map(String::as_str))
    }

    pub fn value(&self, index: usize) -> &str {
        self.fields[index].value()
    }

    /// Whether anything was typed: leaving then would lose it.
    pub fn has_input(&self) -> bool {
        self.fields.iter().any(|f| !f.value().is_empty())
    }

    /// Moves focus or edits the focused field; returns whether the action was used.
    pub fn handle(&mut self, action: Action) -> bool {
        match action {
            Action::NextField => self.focus = (self.focus + 1) % self.fields.len(),
            Action::PreviousField => {
                self.focus = (self.focus + self.fields.len() - 1) % self.fields.len()
            }
            other => return self.fields[self.focus].edit(other),
        }
        true
    }

    /// After a failed submit: say why, empty the secret fields and put focus where the fix is.
    pub fn refuse(&mut self, message: impl Into<String>, focus: usize) {
        self.message = Some(message.into());
        for field in self.fields.iter_mut().filter(|f| f.secret) {
            field.clear();
        }
        self.focus = focus;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editing_and_focus() {
        let mut form = Form::new(vec![
            TextField::new("Naam", 5),
            TextField::secret("Pincode"),
        ]);
        for c in "Annabel".chars() {
            form.handle(Action::Insert(c));
        }
        assert_eq!(form.value(0), "Annab", "input stops at the maximum length");
        form.handle(Action::DeleteLeft);
        form.handle(Action::Insert('\u{1b}'));
        assert_eq!(form.value(0), "Anna");
        form.handle(Action::NextField);
        form.handle(Action::Insert('4'));
        assert_eq!(form.fields[1].display(), "•");
        form.refuse("fout", 1);
        assert_eq!(form.value(1), "");
        assert_eq!(
            form.value(0),
            "Anna",
            "what was typed in the open fields is kept"
        );
        form.handle(Action::PreviousField);
        form.handle(Action::PreviousField);
        assert_eq!(form.focus, 1);
    }

    #[test]
    fn a_choice_cycles_with_left_and_right_and_is_not_typed_into() {
        let choices = vec!["thuis".to_string(), "loket".to_string()];
        let mut field = TextField::choice("Plaats", choices, "kies…");
        assert_eq!(
            (field.kind(), field.chosen()),
            (Some(FieldKind::Choice), None)
        );
        assert!(!field.edit(Action::Insert('t')));
        assert!(!field.edit(Action::ClearField));
        assert_eq!(field.display(), "‹ kies… ›");
        field.edit(Action::CursorLeft);
        assert_eq!(
            field.value(),
            "loket",
            "from the placeholder ← takes the last"
        );
        field.edit(Action::CursorRight);
        assert_eq!((field.value(), field.chosen()), ("thuis", Some(0)));
        field.edit(Action::CursorLeft);
        assert_eq!(field.value(), "loket", "round the list");
        assert_eq!(TextField::new("Naam", 5).kind(), None);
    }
}
