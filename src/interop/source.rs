//! The files of a tabular data package: a folder on disk (optionally described by its
//! `datapackage.json`) or files held in memory (the embedded sample kaart). Files are found by
//! name without regard to case, and decoded whatever encoding the exporting program chose.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs::OpenOptions;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use encoding_rs::{Encoding, WINDOWS_1252};

use super::error::ImportError;
use super::report::{Place, Warnings};
use super::table::{Table, Tables, parse_csv};

enum FileRef {
    Disk(PathBuf),
    Memory(Cow<'static, [u8]>),
}

/// CSV files by lower-case file name.
pub struct CsvFiles {
    files: HashMap<String, (String, FileRef)>,
}

fn unreadable(path: &Path, cause: std::io::Error) -> ImportError {
    ImportError::Unreadable {
        path: path.to_path_buf(),
        cause,
    }
}

/// The largest file an import reads (1 GiB). The sample kaart's largest file, services.csv,
/// takes about 700 bytes a service, so even a million services (about 700 MB) fit. Reading is
/// bounded by it, so memory stays bounded too.
pub const MAX_IMPORT_FILE_BYTES: u64 = 1 << 30;

/// Reads a whole input file, refusing what is not a plain file (a device such as /dev/zero, a
/// FIFO that would wait forever, a socket) and anything above [`MAX_IMPORT_FILE_BYTES`]. The
/// type is checked on the path before opening and again on the opened file, which is opened
/// non-blocking: a FIFO swapped in between cannot make the import hang either.
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, ImportError> {
    let not_a_file = || ImportError::NotAFile {
        path: path.to_path_buf(),
    };
    let too_large = || ImportError::TooLarge {
        path: path.to_path_buf(),
        limit_mb: MAX_IMPORT_FILE_BYTES >> 20,
    };
    let metadata = std::fs::metadata(path).map_err(|e| unreadable(path, e))?;
    if !metadata.is_file() {
        return Err(not_a_file());
    }
    if metadata.len() > MAX_IMPORT_FILE_BYTES {
        return Err(too_large());
    }
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).map_err(|e| unreadable(path, e))?;
    if !file.metadata().map_err(|e| unreadable(path, e))?.is_file() {
        return Err(not_a_file());
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(MAX_IMPORT_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(path, e))?;
    if bytes.len() as u64 > MAX_IMPORT_FILE_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

impl CsvFiles {
    /// The files of the folder `dir` and of its `data/` subfolder (where many published packages
    /// keep their CSVs), overridden by the resource paths its `datapackage.json` lists, which are
    /// relative to the package. A listed path that does not exist falls back, with a warning, to
    /// a file of the same name found in the folder or in `data/`.
    pub fn folder(dir: &Path, warnings: &mut Warnings) -> Result<CsvFiles, ImportError> {
        let mut files = HashMap::new();
        let data = dir.join("data");
        if data.is_dir() {
            add_dir(&data, Some("data"), &mut files)?;
        }
        add_dir(dir, None, &mut files)?;
        if let Some((_, FileRef::Disk(package))) = files.get("datapackage.json") {
            let package = package.clone();
            for path in resource_paths(&package, warnings) {
                let full = dir.join(&path);
                let shown = path.to_string_lossy().into_owned();
                let Some(name) = path.file_name().map(|n| n.to_string_lossy().to_lowercase())
                else {
                    continue;
                };
                if full.is_file() {
                    files.insert(name, (shown, FileRef::Disk(full)));
                    continue;
                }
                let message = match files.get(&name) {
                    Some((found, _)) => {
                        format!("'{shown}' bestaat niet; {found} gelezen")
                    }
                    None => format!("'{shown}' bestaat niet; overgeslagen"),
                };
                warnings.push("datapackage.json", &Place::File, None, message);
            }
        }
        Ok(CsvFiles { files })
    }

    /// Files given as `(name, contents)`.
    pub fn memory(list: impl IntoIterator<Item = (&'static str, &'static [u8])>) -> CsvFiles {
        let files = list
            .into_iter()
            .map(|(name, bytes)| {
                let file = (name.to_string(), FileRef::Memory(Cow::Borrowed(bytes)));
                (name.to_lowercase(), file)
            })
            .collect();
        CsvFiles { files }
    }

    pub fn has(&self, names: &[&str]) -> bool {
        names.iter().any(|n| self.files.contains_key(*n))
    }

    /// Whether any file of the 1.x/2.0 layout is present, for the report.
    pub fn describe_layout(&self) -> &'static str {
        let legacy = [
            "physical_addresses.csv",
            "physical_address.csv",
            "regular_schedules.csv",
            "regular_schedule.csv",
            "holiday_schedules.csv",
            "services_taxonomy.csv",
            "service_taxonomy.csv",
            "service_attributes.csv",
            "taxonomy.csv",
        ];
        if self.has(&legacy) {
            "HSDS 1.x/2.0 CSV"
        } else {
            "HSDS 3.0 CSV"
        }
    }
}

impl Tables for CsvFiles {
    fn table(
        &mut self,
        names: &[&str],
        warnings: &mut Warnings,
    ) -> Result<Option<Table>, ImportError> {
        let Some((shown, file)) = names.iter().find_map(|n| self.files.get(*n)) else {
            return Ok(None);
        };
        let bytes = match file {
            FileRef::Disk(path) => Cow::Owned(read_bounded(path)?),
            FileRef::Memory(bytes) => Cow::Borrowed(bytes.as_ref()),
        };
        let text = decode(shown, &bytes, warnings);
        parse_csv(shown, &text, warnings).map(Some)
    }
}

/// Adds the files of `dir` (shown with `prefix/`), replacing any of the same name.
fn add_dir(
    dir: &Path,
    prefix: Option<&str>,
    files: &mut HashMap<String, (String, FileRef)>,
) -> Result<(), ImportError> {
    for entry in std::fs::read_dir(dir).map_err(|e| unreadable(dir, e))? {
        let entry = entry.map_err(|e| unreadable(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let shown = match prefix {
            Some(prefix) => format!("{prefix}/{name}"),
            None => name.clone(),
        };
        files.insert(name.to_lowercase(), (shown, FileRef::Disk(entry.path())));
    }
    Ok(())
}

/// The relative resource paths listed in a datapackage.json. A package descriptor that cannot be
/// read is not fatal: the CSV files next to it are what matters.
fn resource_paths(package: &Path, warnings: &mut Warnings) -> Vec<PathBuf> {
    let file = "datapackage.json";
    let parsed = read_bounded(package)
        .map_err(|e| e.to_string())
        .and_then(|bytes| {
            serde_json::from_slice::<serde_json::Value>(&bytes).map_err(|e| {
                format!(
                    "geen geldige JSON (regel {}, kolom {})",
                    e.line(),
                    e.column()
                )
            })
        });
    let value = match parsed {
        Ok(value) => value,
        Err(problem) => {
            let message = format!("{problem}; de CSV-bestanden in de map zijn gelezen");
            warnings.push(file, &Place::File, None, message);
            return Vec::new();
        }
    };
    let resources = value.get("resources").and_then(|r| r.as_array());
    resources
        .into_iter()
        .flatten()
        // A resource's path may be one path or a list of parts (Frictionless data packages).
        .flat_map(|r| match r.get("path") {
            Some(serde_json::Value::Array(parts)) => parts.iter().collect(),
            Some(path) => vec![path],
            None => Vec::new(),
        })
        .filter_map(|path| path.as_str())
        .map(PathBuf::from)
        // Only paths inside the package folder: a descriptor must not make us read elsewhere.
        .filter(|p| p.components().all(|c| matches!(c, Component::Normal(_))))
        .collect()
}

/// Text from the bytes of a file: a byte-order mark decides (UTF-8 or UTF-16); otherwise UTF-8
/// if valid, else Windows-1252, the superset of Latin-1 that Dutch Windows programs write.
pub fn decode(file: &str, bytes: &[u8], warnings: &mut Warnings) -> String {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        return text.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => {
            warnings.push(
                file,
                &Place::File,
                None,
                "geen geldige UTF-8; gelezen als Windows-1252 (Latin-1). Controleer letters met accenten"
                    .to_string(),
            );
            WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_bom_utf8_utf16_and_latin1() {
        let mut warnings = Warnings::default();
        assert_eq!(decode("a", b"\xEF\xBB\xBFid", &mut warnings), "id");
        assert_eq!(decode("b", b"\xFF\xFEi\0d\0", &mut warnings), "id");
        assert!(warnings.into_vec().is_empty());
        let mut warnings = Warnings::default();
        assert_eq!(decode("c", b"Caf\xE9", &mut warnings), "Café");
        assert_eq!(warnings.into_vec().len(), 1);
    }
}
