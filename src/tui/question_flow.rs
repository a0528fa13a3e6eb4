//! The gesprekshulp in the app: into and out of the panel, and answering with one key. The
//! answers go into the intake being typed (and its draft); what is kept on save is decided by
//! the route (see `intake_flow`).

use crate::domain::gesprekshulp::{QuestionSets, prefers_own_strength};

use super::action::Action;
use super::app::{App, Phase};
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

    /// The eigen-kracht answers say the resident or their network can do (part of) it: the
    /// advice picker then offers the lower layers of the piramide first.
    pub fn own_strength_first(&self) -> bool {
        self.intake_form()
            .is_some_and(|f| f.has_input() && prefers_own_strength(&f.intake.answers))
    }

    pub(super) fn toggle_questions(&mut self) {
        if let Some(session) = self.session_mut() {
            session.intake.panel.focused = !session.intake.panel.focused;
        }
    }

    pub(super) fn update_questions(&mut self, action: Action) {
        // The fields themselves, not the accessor methods: the sets are read while the form
        // is changed.
        let Phase::Working(session) = &mut self.phase else {
            return;
        };
        let form = &mut session.intake;
        let chosen = self.questions.for_intake(&form.intake.leefgebieden);
        if form.panel.handle(action, &chosen, &mut form.intake.answers) {
            form.dirty = true;
        }
    }
}
