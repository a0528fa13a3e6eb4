//! Leefgebieden: the life domains (werk & inkomen, wonen, ...) on which questions and services
//! are classified. The list is data (`data/leefgebieden.toml`) so a municipality can extend it.

use std::sync::LazyLock;

use serde::Deserialize;

/// One life domain: a stable code and its Dutch display name.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Leefgebied {
    pub code: String,
    #[serde(rename = "naam")]
    pub name: String,
}

/// The configured list of leefgebieden, in display order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leefgebieden(Vec<Leefgebied>);

#[derive(Deserialize)]
struct LeefgebiedenFile {
    leefgebied: Vec<Leefgebied>,
}

const DEFAULT_TOML: &str = include_str!("../../data/leefgebieden.toml");

impl Leefgebieden {
    /// The list shipped with Loket. The program reads it through `ReferenceData`, which a
    /// municipality's own list can replace; tests and benchmarks use it directly.
    pub fn builtin() -> Leefgebieden {
        static BUILTIN: LazyLock<Leefgebieden> = LazyLock::new(|| {
            Leefgebieden::from_toml(DEFAULT_TOML).expect("data/leefgebieden.toml is valid")
        });
        BUILTIN.clone()
    }

    pub fn from_toml(text: &str) -> Result<Leefgebieden, toml::de::Error> {
        let file: LeefgebiedenFile = toml::from_str(text)?;
        Ok(Leefgebieden(file.leefgebied))
    }

    pub fn all(&self) -> &[Leefgebied] {
        &self.0
    }

    pub fn get(&self, code: &str) -> Option<&Leefgebied> {
        self.0.iter().find(|l| l.code == code)
    }

    /// Finds a code written loosely by a person or another system (`Wonen`, `geldzaken_schulden`).
    pub fn resolve(&self, code: &str) -> Option<&Leefgebied> {
        let wanted = code.trim().to_lowercase().replace(['_', ' '], "-");
        self.get(&wanted)
    }

    /// Display name for a code, or the code itself when it is not (or no longer) configured.
    pub fn name_of<'a>(&'a self, code: &'a str) -> &'a str {
        self.get(code).map_or(code, |l| l.name.as_str())
    }

    /// The valid codes, comma separated, for error messages.
    pub fn codes(&self) -> String {
        self.0
            .iter()
            .map(|l| l.code.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_list_has_the_ten_domains() {
        let list = Leefgebieden::builtin();
        assert_eq!(list.all().len(), 10);
        assert_eq!(list.name_of("wonen"), "Wonen");
        assert_eq!(
            list.resolve("Geldzaken_Schulden").unwrap().code,
            "geldzaken-schulden"
        );
        assert!(list.resolve("ruimtevaart").is_none());
        assert!(list.codes().starts_with("werk-inkomen, "));
    }
}
