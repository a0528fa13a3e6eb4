//! The one yes/no dialog of the program. Every question says which key does what (the legend
//! comes from the keymap), and Enter, the reflex key, always takes the safe answer: in a
//! destructive question that is "terug", never the act itself. Esc never destroys either.

use super::action::Action;
use super::app::{App, Overlay};
use super::keymap::{Context, Keymap};
use super::text;

/// A yes/no question and what its answers mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub title: &'static str,
    pub text: String,
    /// What `j` does ("afsluiten", "weggooien").
    pub yes: &'static str,
    /// What `n` does ("terug").
    pub no: &'static str,
    /// What Esc does when it is neither: the draft offer's "later" keeps the draft.
    pub later: Option<&'static str>,
    /// The yes-answer loses or changes something for good: Enter then means "no" (or "later").
    pub destructive: bool,
}

/// The answer a key gives to a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Yes,
    No,
    Later,
}

impl Question {
    /// The answer `action` gives, if it answers at all.
    pub fn answer(&self, action: Action) -> Option<Answer> {
        let cancel = if self.later.is_some() {
            Answer::Later
        } else {
            Answer::No
        };
        match action {
            Action::Yes => Some(Answer::Yes),
            Action::No => Some(Answer::No),
            Action::Back => Some(cancel),
            Action::Submit if self.destructive => Some(cancel),
            Action::Submit => Some(Answer::Yes),
            _ => None,
        }
    }

    /// "j = weggooien · n/Enter/Esc = terug": the keys of the confirm context, grouped by answer.
    pub fn legend(&self, keymap: &Keymap) -> String {
        let mut groups: Vec<(Answer, &str, Vec<String>)> = vec![
            (Answer::Yes, self.yes, Vec::new()),
            (Answer::No, self.no, Vec::new()),
            (Answer::Later, self.later.unwrap_or(self.no), Vec::new()),
        ];
        for (key, action) in keymap.bindings(Context::Bevestigen) {
            if let Some(answer) = self.answer(*action)
                && let Some(group) = groups.iter_mut().find(|(a, _, _)| *a == answer)
            {
                group.2.push(key.to_string());
            }
        }
        groups
            .iter()
            .filter(|(_, _, keys)| !keys.is_empty())
            .map(|(_, what, keys)| format!("{} = {what}", keys.join("/")))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// Asking to take an item from the wachtrij: reversible (terugleggen), so Enter may say yes.
    pub fn claim() -> Question {
        Question {
            title: text::CONFIRM_TITLE,
            text: text::CONFIRM_CLAIM.to_string(),
            yes: text::ANSWER_CLAIM,
            no: text::ANSWER_BACK,
            later: None,
            destructive: false,
        }
    }

    /// Closing a household's case ends its regie and reading along: Enter keeps it open.
    pub fn close_case() -> Question {
        Question {
            title: text::CONFIRM_TITLE,
            text: text::CONFIRM_CLOSE_CASE.to_string(),
            yes: text::ANSWER_CLOSE_CASE,
            no: text::ANSWER_BACK,
            later: None,
            destructive: true,
        }
    }
}

impl App {
    /// The question the overlay asks, if it is a yes/no question.
    pub fn question(&self) -> Option<Question> {
        let back = text::ANSWER_BACK;
        let destructive = |title, text: String, yes| Question {
            title,
            text,
            yes,
            no: back,
            later: None,
            destructive: true,
        };
        Some(match self.overlay.as_ref()? {
            Overlay::ConfirmQuit => destructive(
                text::CONFIRM_QUIT_TITLE,
                text::CONFIRM_QUIT_UNSAVED.to_string(),
                text::ANSWER_QUIT,
            ),
            Overlay::ConfirmSwitchUser => {
                let name = self.user().map_or("", |u| u.name.as_str());
                destructive(
                    text::CONFIRM_SWITCH_TITLE,
                    text::confirm_switch_user(name),
                    text::ANSWER_SIGN_OUT,
                )
            }
            // Not destructive, but this database must stay empty unless asked: Enter is "niet nu".
            Overlay::ConfirmDemo => Question {
                title: text::DEMO_TITLE,
                text: text::demo_offer(&demo_file_name(self.store.path())),
                yes: text::ANSWER_OPEN_DEMO,
                no: text::ANSWER_NOT_NOW,
                later: None,
                destructive: true,
            },
            Overlay::ConfirmDiscardEdit => destructive(
                text::CONFIRM_DISCARD_EDIT_TITLE,
                text::CONFIRM_DISCARD_EDIT.to_string(),
                text::ANSWER_DISCARD,
            ),
            Overlay::ConfirmDiscardPlanForm => destructive(
                text::CONFIRM_DISCARD_EDIT_TITLE,
                text::CONFIRM_DISCARD_PLAN_FORM.to_string(),
                text::ANSWER_DISCARD,
            ),
            Overlay::ConfirmDraft { saved_at } => Question {
                title: text::DRAFT_TITLE,
                text: text::draft_found(saved_at),
                yes: text::ANSWER_CONTINUE,
                no: text::ANSWER_DISCARD_DRAFT,
                later: Some(text::ANSWER_LATER),
                destructive: false,
            },
            Overlay::ConfirmDiscardDraft { saved_at } => destructive(
                text::DRAFT_DISCARD_TITLE,
                text::draft_discard(saved_at),
                text::ANSWER_DISCARD,
            ),
            _ => return None,
        })
    }

    /// Acts on the answer to the overlay's question.
    pub(super) fn answer_question(&mut self, overlay: Overlay, answer: Answer) {
        match (overlay, answer) {
            (Overlay::ConfirmQuit, Answer::Yes) => {
                self.write_draft();
                self.quit = true;
            }
            (Overlay::ConfirmSwitchUser, Answer::Yes) => self.switch_user(),
            (Overlay::ConfirmDemo, Answer::Yes) => {
                self.overlay = None;
                self.open_demo();
            }
            (Overlay::ConfirmDiscardEdit, Answer::Yes) => {
                self.overlay = None;
                self.close_service_form();
            }
            (Overlay::ConfirmDiscardPlanForm, Answer::Yes) => {
                self.overlay = None;
                if let Some(session) = self.session_mut() {
                    session.plan.form = None;
                    session.plan.editor = None;
                    session.plan.handover = None;
                }
            }
            (
                overlay @ (Overlay::ConfirmDraft { .. } | Overlay::ConfirmDiscardDraft { .. }),
                answer,
            ) => self.answer_draft(overlay, answer),
            _ => self.overlay = None,
        }
    }
}

/// The file name of the demo database that belongs to the database at `path`.
fn demo_file_name(path: &std::path::Path) -> String {
    crate::demo::demo_path(path)
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(destructive: bool, later: Option<&'static str>) -> Question {
        Question {
            title: "t",
            text: String::new(),
            yes: "weggooien",
            no: "terug",
            later,
            destructive,
        }
    }

    #[test]
    fn enter_takes_the_safe_answer_and_the_legend_says_so() {
        let keymap = Keymap::builtin();
        let destructive = question(true, None);
        assert_eq!(destructive.answer(Action::Submit), Some(Answer::No));
        assert_eq!(destructive.answer(Action::Back), Some(Answer::No));
        assert_eq!(destructive.answer(Action::Yes), Some(Answer::Yes));
        assert_eq!(
            destructive.legend(&keymap),
            "j = weggooien · n/Enter/Esc = terug"
        );
        let mild = question(false, Some("later"));
        assert_eq!(mild.answer(Action::Submit), Some(Answer::Yes));
        assert_eq!(mild.answer(Action::Back), Some(Answer::Later));
        assert_eq!(
            mild.legend(&keymap),
            "j/Enter = weggooien · n = terug · Esc = later"
        );
    }
}
