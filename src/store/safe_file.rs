//! Writing a file that someone named on the command line: an export, a back-up. The name may be
//! mistyped, point at the database, or be a symbolic link planted by another account; none of
//! those may cost data. So a new file is written under a private temporary name beside the
//! target and only then put in place: linked in when the name must be new (a link never
//! replaces anything), renamed over it when replacing a plain file was asked for (a rename
//! replaces the directory entry, and never writes through a symbolic link).

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::error::dutch_io;

/// Personal data: readable for the account that runs Loket only.
pub const PRIVATE: u32 = 0o600;
/// Public data (the sociale kaart): readable for everyone, as files normally are.
pub const PUBLIC: u32 = 0o644;

/// The files SQLite keeps beside a database: none of them may be an output.
const DATABASE_SUFFIXES: [&str; 4] = ["", "-wal", "-shm", "-journal"];

/// Why an output file was refused or could not be written. Messages are in Dutch: they reach
/// the user.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(
        "{path} bestaat al; Loket overschrijft geen bestaand bestand. Kies een nieuwe naam{}",
        if *.force_allowed { " of gebruik --force" } else { "" }
    )]
    Exists { path: PathBuf, force_allowed: bool },
    #[error(
        "{path} is een symbolische koppeling; Loket schrijft nooit via een koppeling, ook niet met --force. Geef het echte pad op"
    )]
    Symlink { path: PathBuf },
    #[error(
        "{path} is de database of een bestand ervan (-wal, -shm); daar schrijft Loket nooit een export of kopie overheen. Kies een andere naam"
    )]
    Database { path: PathBuf },
    #[error(
        "{path} is geen gewoon bestand (een map, apparaat, FIFO of socket); geef een bestandsnaam op"
    )]
    NotAFile { path: PathBuf },
    #[error("kan {path} niet schrijven: {}", dutch_io(.cause))]
    Io { path: PathBuf, cause: io::Error },
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        cause: source,
    }
}

/// What may stand at the target's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Nothing: the name must be new.
    Never,
    /// Nothing, or a plain file that is not the database (`--force`).
    PlainFile,
}

/// Refuses `target` when it is a symbolic link (dangling or not), the database or one of its
/// side files, something other than a plain file, or an existing file that may not be replaced.
pub fn check_target(
    target: &Path,
    replace: Replace,
    database: Option<&Path>,
) -> Result<(), OutputError> {
    let path = || target.to_path_buf();
    if database.is_some_and(|db| is_database_file(target, db)) {
        return Err(OutputError::Database { path: path() });
    }
    match std::fs::symlink_metadata(target) {
        Ok(meta) if meta.file_type().is_symlink() => Err(OutputError::Symlink { path: path() }),
        Ok(meta) if !meta.is_file() => Err(OutputError::NotAFile { path: path() }),
        Ok(_) if replace == Replace::Never => Err(OutputError::Exists {
            path: path(),
            force_allowed: false,
        }),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io_error(target)(e)),
    }
}

/// Whether `target` names the database at `db` or one of its side files: by name (also when
/// the file does not exist yet, as a `-wal` between sessions) and by inode (a hard link, or a
/// path spelled another way).
pub fn is_database_file(target: &Path, db: &Path) -> bool {
    let canonical_target = canonical_name(target);
    let canonical_db = canonical_name(db);
    DATABASE_SUFFIXES.iter().any(|suffix| {
        let mut side = db.as_os_str().to_owned();
        side.push(suffix);
        let side = PathBuf::from(side);
        let same_name = match (&canonical_target, &canonical_db) {
            (Some(t), Some(d)) => {
                let mut name = d.as_os_str().to_owned();
                name.push(suffix);
                t.as_os_str() == name
            }
            _ => target == side,
        };
        same_name || same_inode(target, &side)
    })
}

/// The path with its directory resolved: the file itself need not exist.
fn canonical_name(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    Some(dir.canonicalize().ok()?.join(name))
}

#[cfg(unix)]
fn same_inode(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_inode(_: &Path, _: &Path) -> bool {
    false
}

/// A file being written under a temporary name beside its target; [`NewFile::commit`] puts it
/// in place, dropping it without a commit removes it.
#[derive(Debug)]
pub struct NewFile {
    target: PathBuf,
    temp: PathBuf,
    file: Option<File>,
    replace: Replace,
    database: Option<PathBuf>,
}

impl NewFile {
    /// Checks `target` (see [`check_target`]) and opens a new temporary file beside it with
    /// `mode`. The temporary name is created exclusively, so it cannot be a planted link.
    pub fn create(
        target: &Path,
        replace: Replace,
        mode: u32,
        database: Option<&Path>,
    ) -> Result<NewFile, OutputError> {
        check_target(target, replace, database)?;
        Self::open_temp(target, replace, mode, database)
    }

    /// A private scratch file beside `beside`, for content that must never get a name of its
    /// own (a copy being prepared); it is removed when dropped and is never committed.
    pub fn scratch(beside: &Path, mode: u32) -> Result<NewFile, OutputError> {
        Self::open_temp(beside, Replace::Never, mode, None)
    }

    fn open_temp(
        target: &Path,
        replace: Replace,
        mode: u32,
        database: Option<&Path>,
    ) -> Result<NewFile, OutputError> {
        let temp = temp_name(target);
        let mut options = OpenOptions::new();
        options.write(true).read(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
        #[cfg(not(unix))]
        let _ = mode;
        let file = options.open(&temp).map_err(io_error(target))?;
        Ok(NewFile {
            target: target.to_path_buf(),
            temp,
            file: Some(file),
            replace,
            database: database.map(Path::to_path_buf),
        })
    }

    /// Where the content goes until the commit, for writers that need a path (SQLite).
    pub fn temp_path(&self) -> &Path {
        &self.temp
    }

    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Flushes the file to disk and puts it at its target: linked when the name must be new
    /// (fails if something appeared there meanwhile), renamed when a plain file may be replaced
    /// (checked again just before, so a link planted meanwhile is refused, not followed).
    pub fn commit(mut self) -> Result<PathBuf, OutputError> {
        if let Some(file) = self.file.take() {
            file.sync_all().map_err(io_error(&self.target))?;
        }
        check_target(&self.target, self.replace, self.database.as_deref())?;
        match self.replace {
            Replace::PlainFile => {
                std::fs::rename(&self.temp, &self.target).map_err(io_error(&self.target))?
            }
            Replace::Never => match std::fs::hard_link(&self.temp, &self.target) {
                Ok(()) => std::fs::remove_file(&self.temp).map_err(io_error(&self.target))?,
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    return Err(OutputError::Exists {
                        path: self.target.clone(),
                        force_allowed: false,
                    });
                }
                // Some file systems (FAT on a USB stick) have no hard links; the check above
                // found the name free a moment ago.
                Err(_) => {
                    std::fs::rename(&self.temp, &self.target).map_err(io_error(&self.target))?
                }
            },
        }
        sync_dir(&self.target);
        Ok(self.target.clone())
    }
}

impl Write for NewFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file
            .as_mut()
            .ok_or_else(|| io::Error::other("al vastgelegd"))?
            .write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.as_mut().map_or(Ok(()), Write::flush)
    }
}

impl Drop for NewFile {
    fn drop(&mut self) {
        // Gone already after a commit; otherwise a half-written file must not look finished.
        let _ = std::fs::remove_file(&self.temp);
    }
}

/// `.<name>.<pid>-<n>.loket-tmp` beside the target: hidden, unique within and across processes.
fn temp_name(target: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "uitvoer".to_string());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    target.with_file_name(format!(".{name}.{}-{n}.loket-tmp", std::process::id()))
}

/// Makes the new directory entry durable; a failure only weakens durability, so it is ignored.
fn sync_dir(target: &Path) {
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
}

/// Writes `bytes` to a new file at `target` in one go (see [`NewFile`]).
pub fn write_new(
    target: &Path,
    bytes: &[u8],
    replace: Replace,
    mode: u32,
    database: Option<&Path>,
) -> Result<PathBuf, OutputError> {
    let mut file = NewFile::create(target, replace, mode, database)?;
    file.write_all(bytes).map_err(io_error(target))?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_name_is_written_and_no_temporary_file_stays() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("uit.json");
        write_new(&target, b"{}", Replace::Never, PRIVATE, None).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"{}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_uncommitted_file_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("uit.json");
        let mut file = NewFile::create(&target, Replace::Never, PRIVATE, None).unwrap();
        file.write_all(b"half").unwrap();
        drop(file);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[cfg(unix)]
    #[test]
    fn links_and_database_files_are_refused_even_when_replacing() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("loket.db");
        std::fs::write(&db, b"db").unwrap();
        let victim = dir.path().join("slachtoffer");
        std::fs::write(&victim, b"blijft").unwrap();
        let link = dir.path().join("koppeling");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let dangling = dir.path().join("los");
        std::os::unix::fs::symlink(dir.path().join("nieuw"), &dangling).unwrap();
        let hard = dir.path().join("harde-koppeling");
        std::fs::hard_link(&db, &hard).unwrap();
        for (target, replace) in [(&link, Replace::PlainFile), (&dangling, Replace::Never)] {
            let error = write_new(target, b"x", replace, PRIVATE, Some(&db)).unwrap_err();
            assert!(matches!(error, OutputError::Symlink { .. }), "{error}");
        }
        for target in [
            db.clone(),
            dir.path().join("loket.db-wal"),
            dir.path().join("./loket.db-shm"),
            hard,
        ] {
            let error = write_new(&target, b"x", Replace::PlainFile, PRIVATE, Some(&db));
            assert!(
                matches!(error, Err(OutputError::Database { .. })),
                "{target:?}"
            );
        }
        assert_eq!(std::fs::read(&victim).unwrap(), b"blijft");
        assert_eq!(std::fs::read(&db).unwrap(), b"db");
        assert!(!dir.path().join("nieuw").exists());
    }

    #[test]
    fn a_plain_file_is_replaced_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("oud.txt");
        std::fs::write(&target, b"oud").unwrap();
        let error = write_new(&target, b"nieuw", Replace::Never, PUBLIC, None).unwrap_err();
        assert!(error.to_string().contains("bestaat al"), "{error}");
        write_new(&target, b"nieuw", Replace::PlainFile, PUBLIC, None).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"nieuw");
    }

    #[test]
    fn a_missing_directory_is_named_in_dutch() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("bestaat-niet/uit.json");
        let error = write_new(&target, b"x", Replace::Never, PRIVATE, None).unwrap_err();
        assert!(error.to_string().contains("map bestaat niet"), "{error}");
    }
}
