//! Gesprekshulp: short lists of questions a volunteer can ask per leefgebied, and the
//! eigen-kracht questions, to find "the question behind the question" without forgetting the
//! one thing that decides the route. Answers are guidance, not a dossier: only a "ja" on a
//! question tagged for routing changes the route, and only those answers are kept with the
//! intake.

use serde::{Deserialize, Serialize};

/// What a "ja" on a question means for the route (the verwijs-scan).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tag {
    /// A service that is not freely accessible is needed: specialistisch.
    Specialistisch,
    /// Several problems the household cannot solve with its own network: complex.
    Complex,
    /// Acute danger: Veilig Thuis, 112, spoed.
    Acuut,
    // Multi-problem-plus signs (Expertiseteam).
    VeelGeprobeerd,
    Overlast,
    DreigendeHuisuitzetting,
    Dakloos,
    NaDetentie,
    /// The person concerned does not ask for help themselves.
    Zorgmijding,
    /// The resident can do (part of) it themselves: eigen kracht first.
    EigenKracht,
    /// Someone in their own circle can help: sociaal netwerk.
    Netwerk,
}

/// One question of a set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Stable within its set, e.g. "beslag"; with the set's id it names the question.
    pub id: String,
    pub text: String,
    /// What a "ja" means for the route, if anything.
    pub tag: Option<Tag>,
}

/// The questions for one leefgebied, or the eigen-kracht set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionSet {
    /// The leefgebied code, or [`EIGEN_KRACHT`].
    pub id: String,
    pub title: String,
    pub questions: Vec<Question>,
}

/// The id of the set about what residents and their network can do themselves.
pub const EIGEN_KRACHT: &str = "eigen-kracht";

/// A volunteer's answer to one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    Ja,
    Nee,
    /// "?": the resident does not know, or it is not clear yet.
    WeetNiet,
    /// Not asked (skipped).
    Overgeslagen,
}

/// An answer as given during the intake, with the question it answers (its text as asked,
/// so a later change of the set does not change what was recorded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GivenAnswer {
    /// "<set id>/<question id>", e.g. "geldzaken-schulden/beslag".
    pub question_id: String,
    pub question: String,
    pub answer: Answer,
    pub tag: Option<Tag>,
}

impl GivenAnswer {
    /// Whether this answer changes the route: a "ja" on a tagged question.
    pub fn changes_route(&self) -> bool {
        self.answer == Answer::Ja && self.tag.is_some()
    }
}
