//! Gesprekshulp: short lists of questions a volunteer can ask per leefgebied, and the
//! eigen-kracht questions, to find "the question behind the question" without forgetting the
//! one thing that decides the route. Answers are guidance, not a dossier: only a "ja" on a
//! question tagged for routing counts for the route, and only those answers are kept with the
//! intake.

mod sets;

use serde::{Deserialize, Serialize};

pub use sets::{QuestionSetError, QuestionSets};

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

impl Tag {
    pub const ALL: [Tag; 11] = [
        Tag::Specialistisch,
        Tag::Complex,
        Tag::Acuut,
        Tag::VeelGeprobeerd,
        Tag::Overlast,
        Tag::DreigendeHuisuitzetting,
        Tag::Dakloos,
        Tag::NaDetentie,
        Tag::Zorgmijding,
        Tag::EigenKracht,
        Tag::Netwerk,
    ];

    /// The name as a beheerder writes it in `ja_betekent` (the serde name).
    pub fn name(self) -> &'static str {
        match self {
            Tag::Specialistisch => "specialistisch",
            Tag::Complex => "complex",
            Tag::Acuut => "acuut",
            Tag::VeelGeprobeerd => "veel-geprobeerd",
            Tag::Overlast => "overlast",
            Tag::DreigendeHuisuitzetting => "dreigende-huisuitzetting",
            Tag::Dakloos => "dakloos",
            Tag::NaDetentie => "na-detentie",
            Tag::Zorgmijding => "zorgmijding",
            Tag::EigenKracht => "eigen-kracht",
            Tag::Netwerk => "netwerk",
        }
    }

    pub fn from_name(name: &str) -> Option<Tag> {
        Tag::ALL.into_iter().find(|t| t.name() == name.trim())
    }

    /// Whether a "ja" speaks of what the resident and their circle can do themselves.
    pub fn is_own_strength(self) -> bool {
        matches!(self, Tag::EigenKracht | Tag::Netwerk)
    }

    /// Whether a "ja" counts for the route (the verwijs-scan); eigen kracht steers the advice.
    pub fn is_route_relevant(self) -> bool {
        !self.is_own_strength()
    }
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

impl QuestionSet {
    /// `question` of this set answered: what the intake keeps while the gesprek goes on.
    pub fn given(&self, question: &Question, answer: Answer) -> GivenAnswer {
        GivenAnswer {
            question_id: format!("{}/{}", self.id, question.id),
            question: question.text.clone(),
            answer,
            tag: question.tag,
        }
    }
}

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

impl Question {
    /// Whether a "ja" on this question counts for the route, so it is kept with the intake.
    pub fn is_route_relevant(&self) -> bool {
        self.tag.is_some_and(Tag::is_route_relevant)
    }
}

impl GivenAnswer {
    /// A "ja" on a question that counts for the route: what the intake keeps.
    pub fn is_route_relevant(&self) -> bool {
        self.answer == Answer::Ja && self.tag.is_some_and(Tag::is_route_relevant)
    }

    /// The question's own id without its set: "beslag" for "geldzaken-schulden/beslag".
    pub fn short_id(&self) -> &str {
        self.question_id
            .rsplit_once('/')
            .map_or(self.question_id.as_str(), |(_, id)| id)
    }
}

/// Whether the resident or their circle can take (part of) it on: a "ja" tagged eigen-kracht or
/// netwerk. The advice picker then offers services of the lower layers of the piramide (eigen
/// kracht, sociaal netwerk, algemeen) first.
pub fn prefers_own_strength(answers: &[GivenAnswer]) -> bool {
    answers
        .iter()
        .any(|a| a.answer == Answer::Ja && a.tag.is_some_and(Tag::is_own_strength))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(tag: Option<Tag>, answer: Answer) -> GivenAnswer {
        GivenAnswer {
            question_id: "eigen-kracht/zelf-regelen".to_string(),
            question: "Kunt u dit met een beetje uitleg zelf regelen?".to_string(),
            answer,
            tag,
        }
    }

    #[test]
    fn tag_names_are_the_serde_names() {
        for tag in Tag::ALL {
            let serde = toml::Value::try_from(tag).unwrap();
            assert_eq!(serde.as_str(), Some(tag.name()));
            assert_eq!(Tag::from_name(tag.name()), Some(tag));
        }
        assert_eq!(Tag::from_name("specialistish"), None);
    }

    #[test]
    fn own_strength_needs_a_ja_on_an_eigen_kracht_or_netwerk_question() {
        assert!(prefers_own_strength(&[answer(
            Some(Tag::EigenKracht),
            Answer::Ja
        )]));
        assert!(prefers_own_strength(&[
            answer(None, Answer::Ja),
            answer(Some(Tag::Netwerk), Answer::Ja),
        ]));
        for (tag, given) in [
            (Some(Tag::Netwerk), Answer::Nee),
            (Some(Tag::EigenKracht), Answer::WeetNiet),
            (Some(Tag::EigenKracht), Answer::Overgeslagen),
            (None, Answer::Ja),
            (Some(Tag::Specialistisch), Answer::Ja),
        ] {
            assert!(
                !prefers_own_strength(&[answer(tag, given)]),
                "{tag:?} {given:?}"
            );
        }
        assert!(!prefers_own_strength(&[]));
    }

    #[test]
    fn a_given_answer_names_its_set_and_keeps_the_text_as_asked() {
        let set = QuestionSet {
            id: "geldzaken-schulden".to_string(),
            title: "Geldzaken & schulden".to_string(),
            questions: vec![Question {
                id: "beslag".to_string(),
                text: "Is er beslag gelegd?".to_string(),
                tag: Some(Tag::Specialistisch),
            }],
        };
        let given = set.given(&set.questions[0], Answer::Ja);
        assert_eq!(given.question_id, "geldzaken-schulden/beslag");
        assert_eq!(given.short_id(), "beslag");
        assert_eq!(given.question, "Is er beslag gelegd?");
        assert_eq!(given.tag, Some(Tag::Specialistisch));
        assert!(given.is_route_relevant());
    }
}
