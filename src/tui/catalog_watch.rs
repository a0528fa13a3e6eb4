//! Keeping the kaart current in every running Loket: when any desk edits or imports the kaart
//! (`kaart_version` moves) or the beheerder changes the vocabulary file, the index is rebuilt
//! on a background thread and swapped in, with the user's search kept.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use super::app::App;
use super::text;
use crate::domain::ReferenceData;
use crate::search::{Catalog, Vocabulary, VocabularySource};
use crate::store::Store;

/// How often the database and the vocabulary file are looked at (one tiny query, one stat),
/// so a change shows within about a second.
const CHECK_INTERVAL: Duration = Duration::from_millis(500);

/// What the background thread hands back.
struct Built {
    catalog: Result<Catalog, String>,
    /// The source, with the state of the file as it was read.
    source: VocabularySource,
    vocabulary: Arc<Vocabulary>,
    /// Why the vocabulary file was not used, if it was read and is invalid.
    vocabulary_error: Option<String>,
}

/// Whether a rebuild is due, and the rebuild under way.
pub struct CatalogWatch {
    source: VocabularySource,
    /// The built-in vocabulary merged with the last valid file; `None` until the file is read.
    vocabulary: Option<Arc<Vocabulary>>,
    building: Option<Receiver<Built>>,
    last_check: Instant,
    /// The kaart version the running build was started for.
    building_version: Option<i64>,
    /// A kaart version whose build failed: tried again only once the version moves on, so a
    /// broken database is not reread twice a second.
    failed_version: Option<i64>,
    /// Why the first load failed: without a kaart the program cannot start.
    first_load_failed: Option<String>,
}

impl Default for CatalogWatch {
    fn default() -> Self {
        CatalogWatch {
            source: VocabularySource::default(),
            vocabulary: None,
            building: None,
            last_check: Instant::now(),
            building_version: None,
            failed_version: None,
            first_load_failed: None,
        }
    }
}

impl App {
    /// Loads the kaart in the background with `vocabulary` merged over the built-in one, and
    /// from then on follows changes to both.
    pub fn load_catalog(&mut self, vocabulary: VocabularySource) {
        self.catalog_watch.source = vocabulary;
        self.catalog_watch.vocabulary = None;
        self.start_catalog_build(None);
    }

    /// Why the first load of the kaart failed, once.
    pub fn take_catalog_failure(&mut self) -> Option<String> {
        self.catalog_watch.first_load_failed.take()
    }

    /// From every tick: takes a finished build, and starts one when the kaart or the
    /// vocabulary file changed. A kaart that did not come from the database is left alone.
    pub(super) fn watch_catalog(&mut self, now: Instant) {
        self.take_built_catalog();
        let watch = &mut self.catalog_watch;
        if watch.building.is_some() || now.duration_since(watch.last_check) < CHECK_INTERVAL {
            return;
        }
        watch.last_check = now;
        let Some(known) = self.catalog.as_ref().and_then(|c| c.kaart_version) else {
            return;
        };
        // A database that cannot be read shows itself at the desk's next action; the watch
        // stays quiet and looks again at the next check.
        let Ok(version) = self.store.kaart_version() else {
            return;
        };
        let kaart_moved = version != known && watch.failed_version != Some(version);
        if kaart_moved || watch.source.changed() {
            self.start_catalog_build(Some(version));
        }
    }

    /// Builds the kaart again from the store, which was just swapped for another database.
    pub(super) fn reload_catalog(&mut self) {
        self.start_catalog_build(None);
    }

    fn start_catalog_build(&mut self, version: Option<i64>) {
        let watch = &mut self.catalog_watch;
        watch.building_version = version;
        watch.building = Some(build_in_background(
            self.store.path().to_path_buf(),
            Arc::clone(self.store.reference()),
            watch.source.clone(),
            watch.vocabulary.clone(),
        ));
    }

    fn take_built_catalog(&mut self) {
        let Some(receiver) = &self.catalog_watch.building else {
            return;
        };
        let built = match receiver.try_recv() {
            Ok(built) => built,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => Built {
                catalog: Err(text::KAART_BUILD_STOPPED.to_string()),
                source: self.catalog_watch.source.clone(),
                vocabulary: self
                    .catalog_watch
                    .vocabulary
                    .clone()
                    .unwrap_or_else(|| embedded_vocabulary(self.store.reference())),
                vocabulary_error: None,
            },
        };
        let watch = &mut self.catalog_watch;
        watch.building = None;
        watch.source = built.source;
        watch.vocabulary = Some(built.vocabulary);
        if let Some(error) = built.vocabulary_error {
            let path = watch.source.path().map(shown).unwrap_or_default();
            tracing::warn!("zoekwoordenlijst {path} niet gebruikt: {error}");
            self.status = Some(text::vocabulary_not_used(&path, &error));
        }
        match built.catalog {
            Ok(catalog) => {
                self.catalog_watch.failed_version = None;
                self.set_catalog(Arc::new(catalog));
            }
            Err(error) if self.catalog.is_none() => {
                self.catalog_watch.first_load_failed = Some(error);
            }
            Err(error) => {
                tracing::error!("sociale kaart niet bijgewerkt: {error}");
                self.catalog_watch.failed_version = self.catalog_watch.building_version;
                self.status = Some(text::KAART_NOT_REFRESHED.to_string());
            }
        }
    }
}

/// Reads the vocabulary file if it changed (or was never read), then the kaart through a
/// connection of its own, and builds the index; the desk keeps working meanwhile.
fn build_in_background(
    database: PathBuf,
    reference: Arc<ReferenceData>,
    mut source: VocabularySource,
    current: Option<Arc<Vocabulary>>,
) -> Receiver<Built> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let started = Instant::now();
        let mut vocabulary_error = None;
        let vocabulary = match current {
            Some(current) if !source.changed() => current,
            current => match source.load(&reference.leefgebieden) {
                Ok(vocabulary) => Arc::new(vocabulary),
                Err(e) => {
                    vocabulary_error = Some(e.to_string());
                    current.unwrap_or_else(|| embedded_vocabulary(&reference))
                }
            },
        };
        let catalog = Store::open(&database)
            .and_then(|mut opened| {
                opened.store.use_reference(reference);
                Catalog::load_with(&opened.store, Arc::clone(&vocabulary))
            })
            .map_err(|e| e.to_string());
        if let Ok(catalog) = &catalog {
            tracing::info!(
                services = catalog.index.len(),
                versie = catalog.kaart_version,
                ms = started.elapsed().as_millis() as u64,
                "kaart geladen"
            );
        }
        let _ = sender.send(Built {
            catalog,
            source,
            vocabulary,
            vocabulary_error,
        });
    });
    receiver
}

/// The shipped vocabulary: valid with every reference the program starts with, which the
/// start-up checks (`reference_files::reference_data`).
fn embedded_vocabulary(reference: &ReferenceData) -> Arc<Vocabulary> {
    Arc::new(
        Vocabulary::embedded(&reference.leefgebieden)
            .expect("checked against the reference data at start"),
    )
}

/// A path as the user knows it: `~/.config/loket/vocabulary.toml` rather than the full path.
fn shown(path: &Path) -> String {
    directories::BaseDirs::new()
        .and_then(|dirs| {
            let rest = path.strip_prefix(dirs.home_dir()).ok()?;
            Some(format!("~/{}", rest.display()))
        })
        .unwrap_or_else(|| path.display().to_string())
}
