//! The gesprekshulp's question sets in the app: the built-in ones with the beheerder's files
//! over them, reloaded when those change. Answering them is the intake's (see
//! `intake_screen`); what is kept on save is decided by the route.

use crate::domain::gesprekshulp::QuestionSets;

use super::app::App;
use super::text;
use crate::interop::QuestionSource;

impl App {
    /// The question sets: the built-in ones with the beheerder's files over them.
    pub fn intake_question_sets(&self) -> &QuestionSets {
        &self.questions
    }

    /// Reads the question sets from `source` and from then on follows its folder.
    pub fn load_questions(&mut self, source: QuestionSource) {
        self.question_source = source;
        self.reload_questions();
    }

    /// A changed file in the beheerder's folder takes effect at once; a broken one keeps the
    /// built-in set and says which file and line.
    pub(super) fn watch_questions(&mut self) {
        if self.question_source.changed() {
            self.reload_questions();
        }
    }

    fn reload_questions(&mut self) {
        let (sets, problems) = self.question_source.load(self.store.reference());
        self.questions = sets;
        if let Some(problem) = problems.first() {
            tracing::warn!("vragenlijst niet gebruikt: {problem}");
            self.status = Some(text::questions_not_used(&problem.to_string()));
        }
    }
}
