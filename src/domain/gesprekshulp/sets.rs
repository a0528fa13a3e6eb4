//! The question sets as data: one TOML file per set (`data/vragen/<code>.toml`), embedded, and
//! the beheerder's files of the same form laid over them. Reading the files is the caller's
//! job (`interop::QuestionSource`); here they are only text.

use std::fmt;
use std::path::Path;
use std::sync::LazyLock;

use serde::Deserialize;
use toml::Spanned;

use super::{EIGEN_KRACHT, Question, QuestionSet, Tag};
use crate::domain::Leefgebieden;

/// The most questions a set may have: a gesprekshulp, not a questionnaire.
const MAX_QUESTIONS: usize = 10;

/// The sets shipped with Loket: one per built-in leefgebied, and eigen kracht.
const BUILTIN: [(&str, &str); 11] = [
    (
        "data/vragen/werk-inkomen.toml",
        include_str!("../../../data/vragen/werk-inkomen.toml"),
    ),
    (
        "data/vragen/geldzaken-schulden.toml",
        include_str!("../../../data/vragen/geldzaken-schulden.toml"),
    ),
    (
        "data/vragen/wonen.toml",
        include_str!("../../../data/vragen/wonen.toml"),
    ),
    (
        "data/vragen/zorg-ondersteuning.toml",
        include_str!("../../../data/vragen/zorg-ondersteuning.toml"),
    ),
    (
        "data/vragen/gezondheid.toml",
        include_str!("../../../data/vragen/gezondheid.toml"),
    ),
    (
        "data/vragen/opvoeden-opgroeien.toml",
        include_str!("../../../data/vragen/opvoeden-opgroeien.toml"),
    ),
    (
        "data/vragen/meedoen-ontmoeten.toml",
        include_str!("../../../data/vragen/meedoen-ontmoeten.toml"),
    ),
    (
        "data/vragen/veiligheid.toml",
        include_str!("../../../data/vragen/veiligheid.toml"),
    ),
    (
        "data/vragen/taal-digitaal.toml",
        include_str!("../../../data/vragen/taal-digitaal.toml"),
    ),
    (
        "data/vragen/mantelzorg.toml",
        include_str!("../../../data/vragen/mantelzorg.toml"),
    ),
    (
        "data/vragen/eigen-kracht.toml",
        include_str!("../../../data/vragen/eigen-kracht.toml"),
    ),
];

/// A question set file that cannot be used, said so that a beheerder can find the spot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionSetError {
    /// The file as the beheerder knows it, e.g. "vragen/wonen.toml".
    pub file: String,
    /// 1-based; `None` when the problem is the file as a whole.
    pub line: Option<usize>,
    pub problem: String,
}

impl fmt::Display for QuestionSetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}, regel {line}: {}", self.file, self.problem),
            None => write!(f, "{}: {}", self.file, self.problem),
        }
    }
}

impl std::error::Error for QuestionSetError {}

/// Unknown keys are refused: a misspelt `ja_betekend` would otherwise drop a routing tag
/// without a trace.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SetFile {
    titel: String,
    #[serde(default)]
    vraag: Vec<QuestionEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionEntry {
    id: Spanned<String>,
    tekst: Spanned<String>,
    /// A string rather than [`Tag`], so that a wrong name gets a Dutch message.
    ja_betekent: Option<Spanned<String>>,
}

/// All question sets: the leefgebieden's in the order of the leefgebieden list, eigen kracht
/// last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionSets(Vec<QuestionSet>);

impl QuestionSet {
    /// Parses one set file. `file` is the name shown in errors; its stem is the set's id, so it
    /// must be a leefgebied code or `eigen-kracht`.
    pub fn from_toml(
        file: &str,
        text: &str,
        leefgebieden: &Leefgebieden,
    ) -> Result<QuestionSet, QuestionSetError> {
        let error = |line: Option<usize>, problem: String| QuestionSetError {
            file: file.to_string(),
            line,
            problem,
        };
        let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;

        let id = Path::new(file)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if id != EIGEN_KRACHT && leefgebieden.get(&id).is_none() {
            return Err(error(
                None,
                format!(
                    "onbekend leefgebied {id:?}: de bestandsnaam moet een code zijn \
                     (geldig: {}) of {EIGEN_KRACHT}",
                    leefgebieden.codes()
                ),
            ));
        }

        let parsed: SetFile = toml::from_str(text).map_err(|e| {
            error(
                Some(e.span().map_or(1, |span| line_of(span.start))),
                format!(
                    "geen geldige TOML: {}",
                    e.message().trim().replace('\n', " ")
                ),
            )
        })?;
        let title = parsed.titel.trim().to_string();
        if title.is_empty() {
            return Err(error(None, "titel is leeg".to_string()));
        }
        let count = parsed.vraag.len();
        if !(1..=MAX_QUESTIONS).contains(&count) {
            return Err(error(
                None,
                format!("{count} vragen; een lijst heeft er 1 tot {MAX_QUESTIONS}"),
            ));
        }

        let mut questions: Vec<Question> = Vec::with_capacity(count);
        for entry in parsed.vraag {
            let at = Some(line_of(entry.id.span().start));
            let question_id = entry.id.get_ref().trim();
            let well_formed = !question_id.is_empty()
                && question_id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !well_formed {
                return Err(error(
                    at,
                    format!(
                        "id {question_id:?} mag alleen kleine letters, cijfers en koppeltekens hebben"
                    ),
                ));
            }
            if questions.iter().any(|q| q.id == question_id) {
                return Err(error(
                    at,
                    format!("id {question_id:?} staat al eerder in dit bestand"),
                ));
            }
            let question_text = entry.tekst.get_ref().trim();
            if question_text.is_empty() {
                return Err(error(
                    Some(line_of(entry.tekst.span().start)),
                    format!("vraag {question_id:?} heeft geen tekst"),
                ));
            }
            let tag = match &entry.ja_betekent {
                None => None,
                Some(name) => Some(Tag::from_name(name.get_ref()).ok_or_else(|| {
                    let valid: Vec<&str> = Tag::ALL.iter().map(|t| t.name()).collect();
                    error(
                        Some(line_of(name.span().start)),
                        format!(
                            "vraag {question_id:?}: onbekende ja_betekent {:?} (geldig: {})",
                            name.get_ref(),
                            valid.join(", ")
                        ),
                    )
                })?),
            };
            questions.push(Question {
                id: question_id.to_string(),
                text: question_text.to_string(),
                tag,
            });
        }
        Ok(QuestionSet {
            id,
            title,
            questions,
        })
    }
}

impl QuestionSets {
    /// The sets shipped in `data/vragen`, read against `leefgebieden` (which orders them).
    /// They name only built-in leefgebieden, which every list keeps (`ReferenceData`).
    pub fn embedded(leefgebieden: &Leefgebieden) -> Result<QuestionSets, QuestionSetError> {
        let sets = BUILTIN
            .iter()
            .map(|(file, text)| QuestionSet::from_toml(file, text, leefgebieden))
            .collect::<Result<_, _>>()?;
        Ok(QuestionSets::ordered(sets, leefgebieden))
    }

    /// The shipped sets with the shipped leefgebieden, for tests and benchmarks; the program
    /// takes its sets from `ReferenceData`.
    pub fn builtin() -> QuestionSets {
        static SETS: LazyLock<QuestionSets> = LazyLock::new(|| {
            QuestionSets::embedded(&Leefgebieden::builtin()).unwrap_or_else(|e| panic!("{e}"))
        });
        SETS.clone()
    }

    /// These sets with the beheerder's files (name shown in errors, text) laid over them: a
    /// file replaces the set of the same id or adds one. A file that cannot be used leaves the
    /// set it would replace in place and is reported.
    pub fn with_overrides<'a>(
        &self,
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
        leefgebieden: &Leefgebieden,
    ) -> (QuestionSets, Vec<QuestionSetError>) {
        let mut sets = self.0.clone();
        let mut problems = Vec::new();
        for (file, text) in files {
            match QuestionSet::from_toml(file, text, leefgebieden) {
                Ok(set) => match sets.iter_mut().find(|s| s.id == set.id) {
                    Some(builtin) => *builtin = set,
                    None => sets.push(set),
                },
                Err(e) => problems.push(e),
            }
        }
        (QuestionSets::ordered(sets, leefgebieden), problems)
    }

    fn ordered(mut sets: Vec<QuestionSet>, leefgebieden: &Leefgebieden) -> QuestionSets {
        // Eigen kracht is not a leefgebied: its position is past the end of the list.
        sets.sort_by_key(|s| {
            leefgebieden
                .all()
                .iter()
                .position(|l| l.code == s.id)
                .unwrap_or(usize::MAX)
        });
        QuestionSets(sets)
    }

    pub fn all(&self) -> &[QuestionSet] {
        &self.0
    }

    /// The set of a leefgebied code, or of [`EIGEN_KRACHT`].
    pub fn get(&self, id: &str) -> Option<&QuestionSet> {
        self.0.iter().find(|s| s.id == id)
    }

    /// The sets to ask during an intake: those of its leefgebieden in the desk's order (most
    /// urgent first), then eigen kracht, which belongs to every question.
    pub fn for_intake(&self, leefgebieden: &[String]) -> Vec<&QuestionSet> {
        let mut sets: Vec<&QuestionSet> = Vec::new();
        for code in leefgebieden
            .iter()
            .map(String::as_str)
            .chain([EIGEN_KRACHT])
        {
            if let Some(set) = self.get(code)
                && !sets.iter().any(|s| s.id == set.id)
            {
                sets.push(set);
            }
        }
        sets
    }

    /// A question by its full id ("geldzaken-schulden/beslag", as in `GivenAnswer`).
    pub fn question(&self, question_id: &str) -> Option<(&QuestionSet, &Question)> {
        let (set_id, id) = question_id.split_once('/')?;
        let set = self.get(set_id)?;
        let question = set.questions.iter().find(|q| q.id == id)?;
        Some((set, question))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(file: &str, text: &str) -> Result<QuestionSet, QuestionSetError> {
        QuestionSet::from_toml(file, text, &Leefgebieden::builtin())
    }

    const WONEN: &str = "titel = \"Wonen anders\"\n\n[[vraag]]\nid = \"sleutel\"\ntekst = \"Heeft u de sleutel nog?\"\n\n[[vraag]]\nid = \"huisuitzetting\"\ntekst = \"Moet u uit uw huis?\"\nja_betekent = \"dreigende-huisuitzetting\"\n";

    #[test]
    fn a_set_file_is_read_with_its_tags() {
        let set = parse("vragen/wonen.toml", WONEN).unwrap();
        assert_eq!(set.id, "wonen");
        assert_eq!(set.title, "Wonen anders");
        assert_eq!(set.questions.len(), 2);
        assert_eq!(set.questions[0].tag, None);
        assert_eq!(
            set.questions[1],
            Question {
                id: "huisuitzetting".to_string(),
                text: "Moet u uit uw huis?".to_string(),
                tag: Some(Tag::DreigendeHuisuitzetting),
            }
        );
    }

    #[test]
    fn errors_name_the_file_the_line_and_what_is_valid() {
        let cases: [(&str, &str, &[&str]); 8] = [
            (
                "vragen/wonen.toml",
                "titel = \"W\"\n[[vraag]]\nid = \"a\"\ntekst = \"A?\"\nja_betekent = \"specialistish\"\n",
                &[
                    "vragen/wonen.toml, regel 5",
                    "\"specialistish\"",
                    "specialistisch, complex, acuut",
                    "netwerk",
                ],
            ),
            (
                "vragen/ruimtevaart.toml",
                WONEN,
                &[
                    "vragen/ruimtevaart.toml:",
                    "\"ruimtevaart\"",
                    "werk-inkomen",
                    "eigen-kracht",
                ],
            ),
            (
                "vragen/wonen.toml",
                "titel = \"W\"\n[[vraag]]\nid = \"a\"\ntekst = \"A?\"\n[[vraag]]\nid = \"a\"\ntekst = \"B?\"\n",
                &["regel 6", "\"a\"", "al eerder"],
            ),
            (
                "vragen/wonen.toml",
                "titel = \"W\"\n",
                &["vragen/wonen.toml:", "0 vragen", "1 tot 10"],
            ),
            (
                "vragen/wonen.toml",
                "titel = \"W\"\n[[vraag]]\nid = \"a\"\ntekst = \"A?\"\nja_betekend = \"acuut\"\n",
                &["regel 5", "ja_betekend"],
            ),
            (
                "vragen/wonen.toml",
                "titel = \"W\n",
                &["regel 1", "geen geldige TOML"],
            ),
            (
                "vragen/wonen.toml",
                "titel = \"W\"\n[[vraag]]\nid = \"Sleutel kwijt\"\ntekst = \"A?\"\n",
                &["regel 3", "kleine letters"],
            ),
            (
                "vragen/wonen.toml",
                "titel = \"W\"\n[[vraag]]\nid = \"a\"\ntekst = \" \"\n",
                &["regel 4", "geen tekst"],
            ),
        ];
        for (file, text, expected) in cases {
            let message = parse(file, text).unwrap_err().to_string();
            assert!(!message.contains('\n'), "{message}");
            for part in expected {
                assert!(message.contains(part), "{part} not in {message}");
            }
        }
        let eleven: String = (0..11)
            .map(|i| format!("[[vraag]]\nid = \"v{i}\"\ntekst = \"V{i}?\"\n"))
            .collect();
        let message = parse("wonen.toml", &format!("titel = \"W\"\n{eleven}"))
            .unwrap_err()
            .to_string();
        assert!(message.contains("11 vragen"), "{message}");
    }

    #[test]
    fn builtin_sets_follow_the_leefgebieden_and_end_with_eigen_kracht() {
        let sets = QuestionSets::builtin();
        let ids: Vec<&str> = sets.all().iter().map(|s| s.id.as_str()).collect();
        let leefgebieden = Leefgebieden::builtin();
        let mut expected: Vec<&str> = leefgebieden.all().iter().map(|l| l.code.as_str()).collect();
        expected.push(EIGEN_KRACHT);
        assert_eq!(ids, expected);
    }

    #[test]
    fn for_intake_gives_the_chosen_sets_in_order_then_eigen_kracht() {
        let sets = QuestionSets::builtin();
        let chosen = [
            "wonen".to_string(),
            "geldzaken-schulden".to_string(),
            "ruimtevaart".to_string(),
            "wonen".to_string(),
        ];
        let ids: Vec<&str> = sets
            .for_intake(&chosen)
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(ids, ["wonen", "geldzaken-schulden", EIGEN_KRACHT]);
        let ids: Vec<&str> = sets.for_intake(&[]).iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, [EIGEN_KRACHT]);
    }

    #[test]
    fn a_question_is_found_by_its_full_id() {
        let sets = QuestionSets::builtin();
        let (set, question) = sets.question("geldzaken-schulden/beslag").unwrap();
        assert_eq!(set.id, "geldzaken-schulden");
        assert_eq!(question.tag, Some(Tag::Specialistisch));
        assert!(sets.question("geldzaken-schulden/ruimte").is_none());
        assert!(sets.question("ruimtevaart/beslag").is_none());
        assert!(sets.question("beslag").is_none());
    }

    #[test]
    fn an_override_replaces_or_adds_and_a_broken_one_keeps_the_builtin() {
        let builtin = QuestionSets::builtin();
        let (sets, problems) = QuestionSets::builtin().with_overrides(
            [
                ("vragen/wonen.toml", WONEN),
                ("vragen/veiligheid.toml", "titel = \"V\"\n[[vraag]]\n"),
            ],
            &Leefgebieden::builtin(),
        );
        assert_eq!(sets.get("wonen").unwrap().title, "Wonen anders");
        assert_eq!(sets.get("veiligheid"), builtin.get("veiligheid"));
        assert_eq!(sets.all().len(), builtin.all().len());
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .to_string()
                .starts_with("vragen/veiligheid.toml")
        );

        // A leefgebied a municipality added gets its set next to the others, before eigen
        // kracht.
        let mut extended = String::from(include_str!("../../../data/leefgebieden.toml"));
        extended.push_str("\n[[leefgebied]]\ncode = \"vervoer\"\nnaam = \"Vervoer\"\n");
        let leefgebieden = Leefgebieden::from_toml(&extended).unwrap();
        let vervoer = "titel = \"Vervoer\"\n[[vraag]]\nid = \"ov\"\ntekst = \"Lukt het om met de bus te reizen?\"\n";
        let (sets, problems) = QuestionSets::builtin()
            .with_overrides([("vragen/vervoer.toml", vervoer)], &leefgebieden);
        assert!(problems.is_empty(), "{problems:?}");
        let ids: Vec<&str> = sets.all().iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids[ids.len() - 2..], ["vervoer", EIGEN_KRACHT]);
    }
}
