//! The municipality's own reference files in the configuration folder: `routing.toml` (which
//! team owns each route) and `termijnen.toml` (the terms of the wachtrij). A missing file means
//! the built-in one; a broken one is named with its line and the built-in one stays, so a typo
//! never stops the desks. The screens and the command line load them through here.

use std::fmt::Display;
use std::path::Path;

use crate::domain::Leefgebieden;
use crate::domain::routing::table::RoutingTable;
use crate::domain::workdays::TermConfig;

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
