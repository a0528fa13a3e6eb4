//! The gesprekshulp panel of the intake: the questions of the chosen leefgebieden and the
//! eigen-kracht questions, answered with one key each (j / n / ? / spatie to skip). The answers
//! live in the intake being typed; only those that change the route are kept on save.

use crate::domain::gesprekshulp::{Answer, GivenAnswer, Question, QuestionSet};

use super::action::Action;
use super::selection::moved;

/// One line of the panel: a set's title, or one of its questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelLine<'a> {
    Title(&'a QuestionSet),
    Question(&'a QuestionSet, &'a Question),
}

/// The panel's own state; the questions come from the intake's leefgebieden at every draw.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuestionPanel {
    /// The keys go to the panel instead of the form.
    pub focused: bool,
    /// Index into the questions (titles are skipped).
    pub cursor: usize,
}

/// The lines of the panel for `sets`, titles included.
pub fn lines<'a>(sets: &[&'a QuestionSet]) -> Vec<PanelLine<'a>> {
    sets.iter()
        .flat_map(|set| {
            std::iter::once(PanelLine::Title(set)).chain(
                set.questions
                    .iter()
                    .map(move |question| PanelLine::Question(set, question)),
            )
        })
        .collect()
}

/// "geldzaken-schulden/beslag": how an answer names its question.
pub fn question_id(set: &QuestionSet, question: &Question) -> String {
    format!("{}/{}", set.id, question.id)
}

/// The answer given to a question, if any.
pub fn answer_of<'a>(answers: &'a [GivenAnswer], id: &str) -> Option<&'a GivenAnswer> {
    answers.iter().find(|a| a.question_id == id)
}

impl QuestionPanel {
    /// Handles a panel key against the questions of `sets`, recording answers in `answers`;
    /// returns whether the answers changed.
    pub fn handle(
        &mut self,
        action: Action,
        sets: &[&QuestionSet],
        answers: &mut Vec<GivenAnswer>,
    ) -> bool {
        let questions: Vec<(&QuestionSet, &Question)> = sets
            .iter()
            .flat_map(|set| set.questions.iter().map(move |q| (*set, q)))
            .collect();
        if questions.is_empty() {
            return false;
        }
        self.cursor = self.cursor.min(questions.len() - 1);
        if let Some(cursor) = moved(action, self.cursor, questions.len(), 5) {
            self.cursor = cursor;
            return false;
        }
        let answer = match action {
            Action::AnswerYes => Answer::Ja,
            Action::AnswerNo => Answer::Nee,
            Action::AnswerUnknown => Answer::WeetNiet,
            Action::AnswerSkip => Answer::Overgeslagen,
            _ => return false,
        };
        let (set, question) = questions[self.cursor];
        let id = question_id(set, question);
        answers.retain(|a| a.question_id != id);
        answers.push(GivenAnswer {
            question_id: id,
            question: question.text.clone(),
            answer,
            tag: question.tag,
        });
        // On to the next question, as a volunteer works down the list while talking.
        self.cursor = (self.cursor + 1).min(questions.len() - 1);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::gesprekshulp::Tag;

    fn set() -> QuestionSet {
        QuestionSet {
            id: "geldzaken-schulden".into(),
            title: "Geldzaken & schulden".into(),
            questions: vec![
                Question {
                    id: "achterstand".into(),
                    text: "Zijn er achterstanden?".into(),
                    tag: None,
                },
                Question {
                    id: "beslag".into(),
                    text: "Is er beslag gelegd?".into(),
                    tag: Some(Tag::Specialistisch),
                },
            ],
        }
    }

    #[test]
    fn one_key_answers_and_moves_on_and_a_new_answer_replaces_the_old() {
        let set = set();
        let sets = [&set];
        let mut panel = QuestionPanel::default();
        let mut answers = Vec::new();
        assert!(panel.handle(Action::AnswerNo, &sets, &mut answers));
        assert_eq!(panel.cursor, 1);
        assert!(panel.handle(Action::AnswerYes, &sets, &mut answers));
        assert_eq!(answers.len(), 2);
        assert!(answers[1].is_route_relevant());
        panel.handle(Action::Up, &sets, &mut answers);
        panel.handle(Action::AnswerSkip, &sets, &mut answers);
        let first = answer_of(&answers, "geldzaken-schulden/achterstand").unwrap();
        assert_eq!(first.answer, Answer::Overgeslagen);
        assert_eq!(answers.len(), 2);
        assert_eq!(lines(&sets).len(), 3, "a title and two questions");
    }
}
