//! The reference data a deployment runs on — leefgebieden, postcodes and wijken, termijnen,
//! question sets and the routes' teams — as one value, built once at start by the desk or the command line and
//! passed down. A municipality's own files then reach every screen, queue and report alike,
//! and a test can bring its own.

use std::collections::HashSet;
use std::sync::{Arc, LazyLock};

use super::gesprekshulp::QuestionSets;
use super::postcodes::Postcodes;
use super::routing::table::RoutingTable;
use super::workdays::TermConfig;
use super::{Leefgebied, Leefgebieden};

#[derive(Debug, Clone, PartialEq)]
pub struct ReferenceData {
    pub leefgebieden: Leefgebieden,
    pub postcodes: Postcodes,
    pub terms: TermConfig,
    pub questions: QuestionSets,
    /// Which team owns each route, and the outside bodies for a warm handover.
    pub routing: RoutingTable,
    /// Why a municipality's own reference file was not used (Dutch, with file and line): the
    /// built-in one stands in, and the beheerder is told.
    pub problems: Vec<String>,
}

/// Why a municipality's own list of leefgebieden cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReferenceError {
    #[error("geen geldige lijst van leefgebieden: {0}")]
    Toml(String),
    #[error("leefgebied '{0}' staat er twee keer in")]
    Duplicate(String),
    #[error("een leefgebied heeft een lege code of naam")]
    Empty,
    #[error(
        "de ingebouwde leefgebieden {0} ontbreken; voeg leefgebieden toe of geef ze een andere \
         naam, maar laat de codes staan (de vragenlijsten en zoekwoorden gebruiken ze)"
    )]
    Missing(String),
}

impl ReferenceData {
    /// What ships with Loket (`data/`). The one place the embedded tables are read outside
    /// tests; shared, because every store opened in a test starts with it.
    pub fn embedded() -> Arc<ReferenceData> {
        static EMBEDDED: LazyLock<Arc<ReferenceData>> = LazyLock::new(|| {
            let leefgebieden = Leefgebieden::builtin();
            Arc::new(ReferenceData {
                questions: QuestionSets::embedded(&leefgebieden).unwrap_or_else(|e| panic!("{e}")),
                leefgebieden,
                postcodes: Postcodes::builtin(),
                terms: TermConfig::builtin(),
                routing: RoutingTable::builtin(),
                problems: Vec::new(),
            })
        });
        Arc::clone(&EMBEDDED)
    }

    /// The embedded data with the municipality's own list of leefgebieden (the text of a
    /// `leefgebieden.toml`). The list may add leefgebieden, rename them and reorder them, but
    /// keeps every built-in code: the shipped question sets and vocabulary are written
    /// against those codes, and stored intakes carry them.
    pub fn with_leefgebieden(text: &str) -> Result<ReferenceData, ReferenceError> {
        let leefgebieden =
            Leefgebieden::from_toml(text).map_err(|e| ReferenceError::Toml(e.message().into()))?;
        check_list(leefgebieden.all())?;
        let embedded = ReferenceData::embedded();
        let missing: Vec<&str> = embedded
            .leefgebieden
            .all()
            .iter()
            .map(|l| l.code.as_str())
            .filter(|code| leefgebieden.get(code).is_none())
            .collect();
        if !missing.is_empty() {
            return Err(ReferenceError::Missing(missing.join(", ")));
        }
        Ok(ReferenceData {
            questions: QuestionSets::embedded(&leefgebieden)
                .expect("the shipped sets name only built-in codes, which the list keeps"),
            leefgebieden,
            ..ReferenceData::clone(&embedded)
        })
    }
}

fn check_list(list: &[Leefgebied]) -> Result<(), ReferenceError> {
    let mut seen = HashSet::new();
    for leefgebied in list {
        if leefgebied.code.trim().is_empty() || leefgebied.name.trim().is_empty() {
            return Err(ReferenceError::Empty);
        }
        if !seen.insert(leefgebied.code.as_str()) {
            return Err(ReferenceError::Duplicate(leefgebied.code.clone()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMBEDDED_LIST: &str = include_str!("../../data/leefgebieden.toml");

    #[test]
    fn an_extra_leefgebied_is_added_and_gets_no_question_set() {
        let text =
            format!("{EMBEDDED_LIST}\n[[leefgebied]]\ncode = \"vervoer\"\nnaam = \"Vervoer\"\n");
        let reference = ReferenceData::with_leefgebieden(&text).unwrap();
        assert_eq!(reference.leefgebieden.name_of("vervoer"), "Vervoer");
        assert_eq!(
            reference.leefgebieden.all().len(),
            ReferenceData::embedded().leefgebieden.all().len() + 1
        );
        assert!(reference.questions.get("vervoer").is_none());
        assert!(reference.questions.get("wonen").is_some());
    }

    #[test]
    fn a_list_that_drops_a_builtin_code_is_refused_in_dutch() {
        let text = "[[leefgebied]]\ncode = \"wonen\"\nnaam = \"Wonen\"\n";
        let message = ReferenceData::with_leefgebieden(text)
            .unwrap_err()
            .to_string();
        assert!(message.contains("werk-inkomen"), "{message}");
        assert!(message.contains("laat de codes staan"), "{message}");
    }

    #[test]
    fn a_doubled_code_or_broken_toml_is_refused() {
        let doubled =
            format!("{EMBEDDED_LIST}\n[[leefgebied]]\ncode = \"wonen\"\nnaam = \"Huis\"\n");
        assert_eq!(
            ReferenceData::with_leefgebieden(&doubled),
            Err(ReferenceError::Duplicate("wonen".into()))
        );
        assert!(matches!(
            ReferenceData::with_leefgebieden("[[leefgebied]"),
            Err(ReferenceError::Toml(_))
        ));
    }
}
