//! The beheerder's question sets: the folder `vragen/` in Loket's configuration folder, laid
//! over the built-in sets and read again when a file in it changes, so no new build of Loket
//! is needed.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::domain::ReferenceData;
use crate::domain::gesprekshulp::{QuestionSetError, QuestionSets};

/// The folder's name in the configuration folder; also how files are named in messages.
const VRAGEN_DIR: &str = "vragen";

/// The folder and how its `.toml` files were (name, size, modification time) when last
/// loaded, so that listing the folder tells whether anything changed.
#[derive(Debug, Clone, Default)]
pub struct QuestionSource {
    dir: Option<PathBuf>,
    loaded: Vec<FileStamp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct FileStamp {
    name: String,
    modified: Option<SystemTime>,
    len: u64,
}

/// The `.toml` files in `dir` by name; none when the folder does not exist (or cannot be
/// listed: `load` says why).
fn stamps(dir: &Path) -> Vec<FileStamp> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut stamps: Vec<FileStamp> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let meta = entry.metadata().ok()?;
            (name.ends_with(".toml") && meta.is_file()).then(|| FileStamp {
                name,
                modified: meta.modified().ok(),
                len: meta.len(),
            })
        })
        .collect();
    stamps.sort_by(|a, b| a.name.cmp(&b.name));
    stamps
}

impl QuestionSource {
    /// The folder at `dir`; `None` for the built-in sets only.
    pub fn new(dir: Option<PathBuf>) -> QuestionSource {
        QuestionSource {
            dir,
            loaded: Vec::new(),
        }
    }

    /// `vragen/` in the configuration folder the desk passes in.
    pub fn in_folder(config_dir: Option<&Path>) -> QuestionSource {
        QuestionSource::new(config_dir.map(|d| d.join(VRAGEN_DIR)))
    }

    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Whether a file appeared, disappeared or was written since the last
    /// [`load`](Self::load).
    pub fn changed(&self) -> bool {
        self.dir
            .as_deref()
            .is_some_and(|dir| stamps(dir) != self.loaded)
    }

    /// The reference sets with the folder's files laid over them, and what was wrong with the
    /// files that could not be used (those leave the reference set in place). A broken file
    /// counts as loaded too, so it is reported once per change, not at every check.
    pub fn load(&mut self, reference: &ReferenceData) -> (QuestionSets, Vec<QuestionSetError>) {
        let Some(dir) = &self.dir else {
            return (reference.questions.clone(), Vec::new());
        };
        // Stamped before reading: a write during the read then shows as a change next time.
        self.loaded = stamps(dir);
        let mut problems = Vec::new();
        if let Err(e) = std::fs::read_dir(dir)
            && e.kind() != ErrorKind::NotFound
        {
            problems.push(QuestionSetError {
                file: format!("{VRAGEN_DIR}/"),
                line: None,
                problem: format!("map niet te lezen: {e}"),
            });
        }
        let mut files: Vec<(String, String)> = Vec::new();
        for stamp in &self.loaded {
            let file = format!("{VRAGEN_DIR}/{}", stamp.name);
            match std::fs::read_to_string(dir.join(&stamp.name)) {
                Ok(text) => files.push((file, text)),
                // Removed between listing and reading: the next check sees it.
                Err(e) if e.kind() == ErrorKind::NotFound => {}
                Err(e) => problems.push(QuestionSetError {
                    file,
                    line: None,
                    problem: format!("niet te lezen: {e}"),
                }),
            }
        }
        let (sets, mut invalid) = reference.questions.with_overrides(
            files.iter().map(|(f, t)| (f.as_str(), t.as_str())),
            &reference.leefgebieden,
        );
        problems.append(&mut invalid);
        (sets, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WONEN: &str = "titel = \"Wonen hier\"\n[[vraag]]\nid = \"sleutel\"\ntekst = \"Heeft u de sleutel nog?\"\n";

    #[test]
    fn a_source_notices_files_that_appear_change_or_go() {
        let config = tempfile::tempdir().unwrap();
        let dir = config.path().join(VRAGEN_DIR);
        let reference = ReferenceData::embedded();
        let mut source = QuestionSource::new(Some(dir.clone()));
        assert!(!source.changed(), "no folder yet: nothing to load");
        let (sets, problems) = source.load(&reference);
        assert_eq!(sets, QuestionSets::builtin());
        assert!(problems.is_empty());

        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("notities.txt"), "geen vragen").unwrap();
        assert!(!source.changed(), "only .toml files count");

        std::fs::write(dir.join("wonen.toml"), WONEN).unwrap();
        assert!(source.changed());
        let (sets, problems) = source.load(&reference);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(sets.get("wonen").unwrap().title, "Wonen hier");
        assert!(!source.changed());

        std::fs::write(dir.join("wonen.toml"), "titel = \"Wonen hier\"\n[[vraag]\n").unwrap();
        assert!(source.changed());
        let (sets, problems) = source.load(&reference);
        assert_eq!(sets.get("wonen"), QuestionSets::builtin().get("wonen"));
        assert_eq!(problems.len(), 1);
        let message = problems[0].to_string();
        assert!(
            message.starts_with("vragen/wonen.toml, regel 2"),
            "{message}"
        );
        assert!(
            !source.changed(),
            "a broken file is reported once per change"
        );

        std::fs::remove_file(dir.join("wonen.toml")).unwrap();
        assert!(source.changed());
        let (sets, problems) = source.load(&reference);
        assert_eq!(sets, QuestionSets::builtin());
        assert!(problems.is_empty());
    }

    #[test]
    fn without_a_folder_the_builtin_sets_are_used() {
        let mut source = QuestionSource::new(None);
        assert!(!source.changed());
        assert_eq!(
            source.load(&ReferenceData::embedded()).0,
            QuestionSets::builtin()
        );
    }
}
