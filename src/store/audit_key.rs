//! The audit key: 32 random bytes, written as hex in a file that only Loket's account can read
//! and that is never in the database. With it every audit row and anchor carries an HMAC, so a
//! copy of the database file alone is not enough to forge the log. The caller says where the
//! file is (the CLI: `LOKET_AUDITSLEUTEL` or the configuration folder).

use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The key file's neighbour where `audit verify` keeps its anchors.
const ANCHOR_FILE: &str = "auditankers.json";

/// What can go wrong with the key file. Messages are in Dutch: they reach the user.
#[derive(Debug, thiserror::Error)]
pub enum AuditKeyError {
    #[error("de auditsleutel {path} is niet leesbaar: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("kan de auditsleutel {path} niet aanmaken: {source}")]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is geen auditsleutel: verwacht 64 hexadecimale tekens (32 bytes)")]
    Malformed { path: PathBuf },
    #[error(
        "de auditsleutel {path} is leesbaar of schrijfbaar voor iedereen op deze computer; \
         zet hem op 0600 (chmod 600)"
    )]
    Open { path: PathBuf },
}

/// The key itself; its bytes are never printed.
#[derive(Clone)]
pub struct AuditKey {
    bytes: [u8; 32],
    path: PathBuf,
}

impl fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AuditKey({})", self.path.display())
    }
}

impl AuditKey {
    /// Reads the key at `path`; when there is no file yet, makes a new key there (file 0600,
    /// new folders 0700).
    pub fn load_or_create(path: &Path) -> Result<AuditKey, AuditKeyError> {
        match std::fs::symlink_metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => create(path),
            _ => AuditKey::load(path),
        }
    }

    /// Reads an existing key; a missing file is an error.
    pub fn load(path: &Path) -> Result<AuditKey, AuditKeyError> {
        let read_error = |source| AuditKeyError::Read {
            path: path.to_path_buf(),
            source,
        };
        let metadata = std::fs::metadata(path).map_err(read_error)?;
        #[cfg(unix)]
        if std::os::unix::fs::PermissionsExt::mode(&metadata.permissions()) & 0o007 != 0 {
            return Err(AuditKeyError::Open {
                path: path.to_path_buf(),
            });
        }
        #[cfg(not(unix))]
        let _ = metadata;
        let text = std::fs::read_to_string(path).map_err(read_error)?;
        let mut bytes = [0u8; 32];
        hex::decode_to_slice(text.trim(), &mut bytes).map_err(|_| AuditKeyError::Malformed {
            path: path.to_path_buf(),
        })?;
        Ok(AuditKey {
            bytes,
            path: path.to_path_buf(),
        })
    }

    /// A key that lives only in memory, for tests of the store.
    pub fn from_bytes(bytes: [u8; 32], path: PathBuf) -> AuditKey {
        AuditKey { bytes, path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where `audit verify` keeps its anchors: next to the key, outside the database.
    pub fn anchor_file(&self) -> PathBuf {
        self.path.with_file_name(ANCHOR_FILE)
    }

    /// HMAC-SHA256 over the parts, each closed by a unit separator (so "ab"+"c" and "a"+"bc"
    /// differ), as lowercase hex.
    pub fn mac(&self, parts: &[&str]) -> String {
        let mut mac = self.hmac();
        for part in parts {
            mac.update(part.as_bytes());
            mac.update(&[0x1f]);
        }
        hex::encode(mac.finalize().into_bytes())
    }

    /// Starts an HMAC under this key, for callers that feed their own fields.
    pub(super) fn hmac(&self) -> Hmac<Sha256> {
        <Hmac<Sha256> as Mac>::new_from_slice(&self.bytes).expect("HMAC takes a key of any length")
    }

    /// A value that shows which key a database was sealed with, without revealing it.
    pub(super) fn check_value(&self) -> String {
        self.mac(&["loket auditsleutel"])
    }
}

/// A new random key at `path`, written once: `create_new`, so two desks starting at the same
/// moment cannot each write their own; the loser reads the winner's.
fn create(path: &Path) -> Result<AuditKey, AuditKeyError> {
    let create_error = |source| AuditKeyError::Create {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir).map_err(create_error)?;
    }
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| create_error(std::io::Error::other(e.to_string())))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(mut file) => {
            writeln!(file, "{}", hex::encode(bytes))
                .and_then(|()| file.sync_all())
                .map_err(create_error)?;
            Ok(AuditKey {
                bytes,
                path: path.to_path_buf(),
            })
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => AuditKey::load(path),
        Err(e) => Err(create_error(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_key_is_private_and_read_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("loket").join("auditsleutel");
        let key = AuditKey::load_or_create(&path).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&path), 0o600);
            assert_eq!(mode(path.parent().unwrap()), 0o700);
        }
        let again = AuditKey::load_or_create(&path).unwrap();
        assert_eq!(key.mac(&["a"]), again.mac(&["a"]));
        assert_ne!(key.mac(&["ab", "c"]), key.mac(&["a", "bc"]));
        assert!(!format!("{key:?}").contains(&hex::encode(key.bytes)));
        assert_eq!(key.anchor_file(), path.with_file_name("auditankers.json"));
    }

    #[test]
    fn a_malformed_or_world_readable_key_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("auditsleutel");
        std::fs::write(&path, "geen sleutel").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
            let err = AuditKey::load(&path).unwrap_err();
            assert!(err.to_string().contains("64 hexadecimale tekens"), "{err}");
            std::fs::write(&path, "ab".repeat(32)).unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            let err = AuditKey::load(&path).unwrap_err();
            assert!(err.to_string().contains("zet hem op 0600"), "{err}");
        }
        assert!(AuditKey::load(&dir.path().join("weg")).is_err());
    }
}
