//! The municipality's own reference files in the configuration folder: `leefgebieden.toml`,
//! `routing.toml` (which team owns each route) and `termijnen.toml` (the terms of the
//! wachtrij). A missing file means the built-in one. A broken routing or terms file is named
//! with its line and the built-in one stays, so a typo never stops the desks; a broken list of
//! leefgebieden stops the program, since stored intakes and question sets depend on it. The
//! screens and the command line load them through here, once, at start.

use std::fmt::Display;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result, bail};

use crate::domain::routing::table::RoutingTable;
use crate::domain::workdays::TermConfig;
use crate::domain::{Leefgebieden, ReferenceData};
use crate::search::Vocabulary;

/// The municipality's own list of leefgebieden, next to `config.toml`.
pub const LEEFGEBIEDEN_FILE: &str = "leefgebieden.toml";

/// The reference data the program runs on: the embedded tables, with the files in `dir` over
/// them. A `leefgebieden.toml` that exists but cannot be read or used is an error naming the
/// file; a broken `routing.toml` or `termijnen.toml` leaves the built-in one in place and its
/// problem in [`ReferenceData::problems`], for the beheerder to see.
pub fn reference_data(dir: Option<&Path>) -> Result<Arc<ReferenceData>> {
    let Some(dir) = dir else {
        return Ok(ReferenceData::embedded());
    };
    let mut reference = leefgebieden(dir)?;
    let routing = routing_table(Some(dir), &reference.leefgebieden);
    let terms = term_config(Some(dir));
    reference.problems = [routing.problem, terms.problem]
        .into_iter()
        .flatten()
        .collect();
    reference.routing = routing.value;
    reference.terms = terms.value;
    Ok(Arc::new(reference))
}

/// The embedded data with `leefgebieden.toml` from `dir` over it, when there is one.
fn leefgebieden(dir: &Path) -> Result<ReferenceData> {
    let path = dir.join(LEEFGEBIEDEN_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(ReferenceData::clone(&ReferenceData::embedded()));
        }
        Err(e) => bail!("{} niet te lezen: {e}", path.display()),
    };
    let reference = ReferenceData::with_leefgebieden(&text)
        .with_context(|| format!("eigen leefgebieden in {} niet bruikbaar", path.display()))?;
    // The search vocabulary is checked against the list here, once, so the desk can rely on it.
    Vocabulary::embedded(&reference.leefgebieden)
        .with_context(|| format!("eigen leefgebieden in {} niet bruikbaar", path.display()))?;
    Ok(reference)
}
/// A reference file as loaded: the value to use, and why the file was not, if it was not.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    pub value: T,
    /// A Dutch line for the beheerder, naming the file and the line.
    pub problem: Option<String>,
}

fn load<T, E: Display>(
    dir: Option<&Path>,
    file: &str,
    builtin: impl FnOnce() -> T,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Loaded<T> {
    let read = match dir.map(|d| std::fs::read_to_string(d.join(file))) {
        None => Ok(None),
        Some(Ok(text)) => parse(&text).map(Some).map_err(|e| e.to_string()),
        Some(Err(e)) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Some(Err(e)) => Err(format!("niet te lezen ({e})")),
    };
    match read {
        Ok(Some(value)) => Loaded {
            value,
            problem: None,
        },
        Ok(None) => Loaded {
            value: builtin(),
            problem: None,
        },
        Err(problem) => Loaded {
            value: builtin(),
            problem: Some(format!(
                "{file} niet gebruikt, de ingebouwde geldt: {}",
                problem.trim().replace('\n', " ")
            )),
        },
    }
}

/// `routing.toml` in `dir` (the configuration folder), else the built-in one.
pub fn routing_table(dir: Option<&Path>, leefgebieden: &Leefgebieden) -> Loaded<RoutingTable> {
    load(dir, "routing.toml", RoutingTable::builtin, |text| {
        RoutingTable::from_toml(text, leefgebieden)
    })
}

/// `termijnen.toml` in `dir` (the configuration folder), else the built-in one.
pub fn term_config(dir: Option<&Path>) -> Loaded<TermConfig> {
    load(
        dir,
        "termijnen.toml",
        TermConfig::builtin,
        TermConfig::from_toml,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_the_builtin_and_a_broken_one_names_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let l = Leefgebieden::builtin();
        let loaded = routing_table(Some(dir.path()), &l);
        assert_eq!(
            (loaded.value, loaded.problem),
            (RoutingTable::builtin(), None)
        );
        std::fs::write(
            dir.path().join("routing.toml"),
            "expertiseteam = \"E\"\nkcc = \"K\"\n[loket]\nruimtevaart = \"X\"\n",
        )
        .unwrap();
        let loaded = routing_table(Some(dir.path()), &l);
        assert_eq!(loaded.value, RoutingTable::builtin());
        let problem = loaded.problem.unwrap();
        assert!(
            problem.starts_with(
                "routing.toml niet gebruikt, de ingebouwde geldt: routing.toml, regel 4:"
            ),
            "{problem}"
        );
        std::fs::write(
            dir.path().join("termijnen.toml"),
            "[standaard]\nspoed = \"nu\"\n",
        )
        .unwrap();
        let problem = term_config(Some(dir.path())).problem.unwrap();
        assert!(
            problem.starts_with("termijnen.toml niet gebruikt"),
            "{problem}"
        );
        assert!(problem.contains("line 2"), "{problem}");
        std::fs::write(
            dir.path().join("termijnen.toml"),
            "[standaard]\nspoed = 1\n",
        )
        .unwrap();
        assert_eq!(term_config(Some(dir.path())).problem, None);
    }
}
