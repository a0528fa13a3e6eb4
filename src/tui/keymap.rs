//! The one keymap: key → action per context. It drives dispatch, the key bar and the help
//! overlay, so what the screen says is always what the keys do. The default is embedded from
//! `assets/keymap.toml`; a user file may override it.

use std::collections::BTreeMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use super::action::Action;

/// Where in the program a key is pressed; each has its own bindings. Its name is the section
/// of the keymap file.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, strum::IntoStaticStr,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Context {
    Global,
    Kaart,
    Zoekregel,
    Filters,
    Intake,
    Keuze,
    /// A service in the intake's advice (a row of the advice group).
    Advies,
    Lijst,
    Wachtrij,
    Rapport,
    /// The gesprekshulp panel of the intake.
    Vragen,
    /// The beheerder's service form.
    Dienst,
    /// The worklist "Te controleren".
    Werklijst,
    /// A household's gesprekken and plan van aanpak.
    Plan,
    /// The plan van aanpak being made or changed.
    Planformulier,
    Vraag,
    Formulier,
    Vergrendeld,
    /// The welcome screen of a new database, before the first beheerder exists.
    Welkom,
    Bevestigen,
    Hulp,
    Tekstveld,
}

/// A key with its modifiers, as written in the keymap (`Ctrl-L`, `F2`, `?`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    /// The key as the keymap knows it.
    pub fn from_event(event: KeyEvent) -> Key {
        Key::normalised(event.code, event.modifiers)
    }

    /// One spelling for every key a terminal can send, for events and keymap text alike:
    /// Shift is part of a typed character (`Shift-a` is `A`, however the terminal reports it),
    /// Ctrl makes a letter lowercase (terminals cannot tell Ctrl-Shift-a from Ctrl-a), and
    /// Shift-Tab is BackTab.
    fn normalised(code: KeyCode, modifiers: KeyModifiers) -> Key {
        let mut modifiers =
            modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let shift = modifiers.contains(KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::Char(c) if modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            KeyCode::Char(c) if shift => KeyCode::Char(c.to_ascii_uppercase()),
            KeyCode::Tab if shift => KeyCode::BackTab,
            other => other,
        };
        if matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        Key { code, modifiers }
    }

    /// The printable character this key types, if it types one.
    pub fn typed_char(self) -> Option<char> {
        match self.code {
            KeyCode::Char(c)
                if !self
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(c)
            }
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("onbekende toets {0:?} in de toetsenlijst")]
pub struct KeyParseError(String);

impl std::str::FromStr for Key {
    type Err = KeyParseError;

    fn from_str(text: &str) -> Result<Key, KeyParseError> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text.trim();
        loop {
            let lower = rest.to_ascii_lowercase();
            let (modifier, len) = if lower.starts_with("ctrl-") {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("alt-") {
                (KeyModifiers::ALT, 4)
            } else if lower.starts_with("shift-") && rest.len() > 6 {
                (KeyModifiers::SHIFT, 6)
            } else {
                break;
            };
            modifiers |= modifier;
            rest = &rest[len..];
        }
        let lower = rest.to_ascii_lowercase();
        let code = match lower.as_str() {
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            "delete" => KeyCode::Delete,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pgup" => KeyCode::PageUp,
            "pgdn" => KeyCode::PageDown,
            f if f.starts_with('f') && f.len() > 1 => match f[1..].parse::<u8>() {
                Ok(n @ 1..=12) => KeyCode::F(n),
                _ => return Err(KeyParseError(text.to_string())),
            },
            _ => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => KeyCode::Char(c),
                    _ => return Err(KeyParseError(text.to_string())),
                }
            }
        };
        Ok(Key::normalised(code, modifiers))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            write!(f, "Ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            write!(f, "Alt-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            write!(f, "Shift-")?;
        }
        match self.code {
            KeyCode::Enter => write!(f, "Enter"),
            KeyCode::Esc => write!(f, "Esc"),
            KeyCode::Tab => write!(f, "Tab"),
            KeyCode::BackTab => write!(f, "Shift-Tab"),
            KeyCode::Char(' ') => write!(f, "Spatie"),
            KeyCode::Char(c) if self.modifiers.contains(KeyModifiers::CONTROL) => {
                write!(f, "{}", c.to_ascii_uppercase())
            }
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Backspace => write!(f, "Backspace"),
            KeyCode::Delete => write!(f, "Delete"),
            KeyCode::Left => write!(f, "←"),
            KeyCode::Right => write!(f, "→"),
            KeyCode::Up => write!(f, "↑"),
            KeyCode::Down => write!(f, "↓"),
            KeyCode::Home => write!(f, "Home"),
            KeyCode::End => write!(f, "End"),
            KeyCode::PageUp => write!(f, "PgUp"),
            KeyCode::PageDown => write!(f, "PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// The bindings of every context, in the order of the file (so help lists them that way).
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    bindings: BTreeMap<Context, Vec<(Key, Action)>>,
    /// Why the user's keymap file is not in use, for the status line.
    problem: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum KeymapError {
    #[error("toetsenlijst is geen geldige TOML: {0}")]
    Toml(#[from] toml::de::Error),
    #[error(transparent)]
    Key(#[from] KeyParseError),
    #[error("onbekende handeling {action:?} voor toets {key:?} in [{section}]")]
    UnknownAction {
        section: &'static str,
        key: String,
        action: String,
    },
    #[error(
        "toets {key:?} in [{section}] moet een handeling als tekst krijgen, zoals \"help\" \
         (of \"\" om de toets vrij te maken)"
    )]
    NotText { section: &'static str, key: String },
}

type RawKeymap = BTreeMap<Context, toml::Table>;

const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

impl Keymap {
    pub fn builtin() -> Keymap {
        let mut keymap = Keymap {
            bindings: BTreeMap::new(),
            problem: None,
        };
        keymap
            .merge(DEFAULT_KEYMAP)
            .expect("assets/keymap.toml is valid");
        keymap
    }

    /// The default keymap with a user's file merged over it.
    pub fn with_overrides(user_toml: &str) -> Result<Keymap, KeymapError> {
        let mut keymap = Keymap::builtin();
        keymap.merge(user_toml)?;
        Ok(keymap)
    }

    /// This keymap, in use because the user's file could not be: `problem` says why.
    pub fn with_problem(self, problem: String) -> Keymap {
        Keymap {
            problem: Some(problem),
            ..self
        }
    }

    /// Why the user's keymap file is not in use, if it is not.
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// Adds the bindings of `text`; a key bound again replaces its old action, `""` removes it.
    fn merge(&mut self, text: &str) -> Result<(), KeymapError> {
        let raw: RawKeymap = toml::from_str(text)?;
        for (context, table) in raw {
            let list = self.bindings.entry(context).or_default();
            let section: &'static str = context.into();
            for (key_text, value) in table {
                let key: Key = key_text.parse()?;
                let Some(action_text) = value.as_str() else {
                    return Err(KeymapError::NotText {
                        section,
                        key: key_text,
                    });
                };
                list.retain(|(k, _)| *k != key);
                if action_text.is_empty() {
                    continue;
                }
                let action = Action::deserialize(toml::Value::String(action_text.to_string()))
                    .map_err(|_| KeymapError::UnknownAction {
                        section,
                        key: key_text.clone(),
                        action: action_text.to_string(),
                    })?;
                list.push((key, action));
            }
        }
        Ok(())
    }

    pub fn lookup(&self, context: Context, key: Key) -> Option<Action> {
        self.bindings
            .get(&context)?
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, a)| *a)
    }

    /// The bindings of a context, in file order.
    pub fn bindings(&self, context: Context) -> &[(Key, Action)] {
        self.bindings.get(&context).map_or(&[], Vec::as_slice)
    }

    /// The first key bound to `action` in `context`, for the key bar. With `swallowed`, keys
    /// that type a character do not count: a text field in front takes them.
    pub fn key_for(&self, context: Context, action: Action, swallowed: bool) -> Option<Key> {
        self.bindings(context)
            .iter()
            .find(|(k, a)| *a == action && !(swallowed && k.typed_char().is_some()))
            .map(|(k, _)| *k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Key {
        text.parse().unwrap()
    }

    #[test]
    fn keys_parse_and_print() {
        for text in [
            "F2",
            "Ctrl-L",
            "Alt-2",
            "Shift-Tab",
            "Enter",
            "Esc",
            "PgDn",
            "?",
            "y",
        ] {
            let parsed = key(text);
            let printed = parsed.to_string();
            assert_eq!(printed.parse::<Key>().unwrap(), parsed, "{text}");
        }
        assert_eq!(key("Shift-Tab").code, KeyCode::BackTab);
        assert!("Ctrl-".parse::<Key>().is_err());
        assert!("F13".parse::<Key>().is_err());
    }

    #[test]
    fn events_are_normalised() {
        let shifted = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(shifted), key("?"));
        let ctrl = KeyEvent::new(KeyCode::Char('L'), KeyModifiers::CONTROL);
        assert_eq!(Key::from_event(ctrl), key("Ctrl-L"));
        let backtab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(backtab), key("Shift-Tab"));
    }

    #[test]
    fn shift_with_a_letter_is_the_capital() {
        assert_eq!(key("Shift-a"), key("A"));
        assert_eq!(key("Alt-Shift-a"), key("Alt-A"));
        assert_eq!(key("Ctrl-Shift-a"), key("Ctrl-a"));
        for typed in ['a', 'A'] {
            let event = KeyEvent::new(KeyCode::Char(typed), KeyModifiers::SHIFT);
            assert_eq!(Key::from_event(event), key("Shift-a"), "{typed}");
        }
        let tab = KeyEvent::new(KeyCode::Tab, KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(tab), key("Shift-Tab"));
    }

    #[test]
    fn a_value_that_is_not_text_names_its_key_and_section() {
        for value in ["[\"kaart\", \"help\"]", "2", "true"] {
            let err = Keymap::with_overrides(&format!("[kaart]\n\"F2\" = {value}\n")).unwrap_err();
            assert!(
                matches!(&err, KeymapError::NotText { section: "kaart", key } if key == "F2"),
                "{value}: {err}"
            );
            assert!(err.to_string().contains("\"F2\" in [kaart]"), "{err}");
        }
    }

    #[test]
    fn builtin_keymap_has_the_global_keys() {
        let keymap = Keymap::builtin();
        assert_eq!(
            keymap.lookup(Context::Global, key("F1")),
            Some(Action::Help)
        );
        assert_eq!(
            keymap.lookup(Context::Global, key("Alt-2")),
            Some(Action::Kaart)
        );
        assert_eq!(
            keymap.lookup(Context::Global, key("Ctrl-L")),
            Some(Action::Lock)
        );
        assert_eq!(
            keymap.lookup(Context::Kaart, key("y")),
            Some(Action::CopyContact)
        );
    }

    #[test]
    fn user_overrides_replace_and_remove_keys() {
        let keymap =
            Keymap::with_overrides("[kaart]\n\"c\" = \"copy-contact\"\n\"y\" = \"\"\n").unwrap();
        assert_eq!(
            keymap.lookup(Context::Kaart, key("c")),
            Some(Action::CopyContact)
        );
        assert_eq!(keymap.lookup(Context::Kaart, key("y")), None);
        assert_eq!(
            keymap.key_for(Context::Kaart, Action::CopyContact, false),
            Some(key("c"))
        );
        let err = Keymap::with_overrides("[kaart]\n\"c\" = \"vliegen\"\n").unwrap_err();
        assert!(err.to_string().contains("vliegen"));
    }
}
