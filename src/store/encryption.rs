//! Back-ups that can leave the host: encrypted with age (X25519) to the public key of whoever
//! keeps the back-ups, so a copy on a share, a USB stick or another server is unreadable
//! without the identity file, which the beheerder keeps off the host.

use std::fs::File;
use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use age::x25519::Recipient;

use super::error::dutch_io;

/// The first bytes of every (binary) age file.
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1";

/// Why encrypting or decrypting a back-up failed. Messages are in Dutch: they reach the user.
#[derive(Debug, thiserror::Error)]
pub enum EncryptionError {
    #[error(
        "{given:?} is geen age-ontvanger (een openbare sleutel die met age1 begint) en geen leesbaar bestand met ontvangers"
    )]
    BadRecipient { given: String },
    #[error("{path}, regel {line}: geen age-ontvanger (age1…)")]
    BadRecipientLine { path: PathBuf, line: usize },
    #[error("{path} bevat geen ontvangers (regels met age1…)")]
    NoRecipients { path: PathBuf },
    #[error(
        "kan de identiteit {path} niet gebruiken: {problem}. Geef het bestand met de geheime sleutel (AGE-SECRET-KEY-1…) dat bij de ontvanger van de back-up hoort"
    )]
    Identity { path: PathBuf, problem: String },
    #[error(
        "{path} is versleuteld; geef het identiteitsbestand (de geheime sleutel) op met --identiteit BESTAND"
    )]
    NeedsIdentity { path: PathBuf },
    #[error(
        "{path} is niet voor deze identiteit versleuteld; gebruik het identiteitsbestand dat bij de ontvanger van deze back-up hoort. De database is ongewijzigd"
    )]
    WrongIdentity { path: PathBuf },
    #[error(
        "{path} is met een wachtwoord versleuteld; Loket zet alleen back-ups terug die voor een sleutel zijn versleuteld"
    )]
    Passphrase { path: PathBuf },
    #[error(
        "de versleutelde back-up {path} is beschadigd of onvolledig; neem een andere back-up. De database is ongewijzigd"
    )]
    Damaged { path: PathBuf },
    #[error("versleutelen of ontsleutelen van {path} mislukt: {}", dutch_io(.cause))]
    Io { path: PathBuf, cause: io::Error },
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> EncryptionError + '_ {
    move |source| EncryptionError::Io {
        path: path.to_path_buf(),
        cause: source,
    }
}

/// The recipients named by `given`: one public key (`age1…`), or a file with one per line
/// (lines starting with `#` and empty lines are skipped), as `age -R` reads it.
pub fn recipients(given: &str) -> Result<Vec<Recipient>, EncryptionError> {
    let given = given.trim();
    if given.starts_with("age1") {
        return Recipient::from_str(given).map(|r| vec![r]).map_err(|_| {
            EncryptionError::BadRecipient {
                given: given.to_string(),
            }
        });
    }
    let path = Path::new(given);
    let text = std::fs::read_to_string(path).map_err(|_| EncryptionError::BadRecipient {
        given: given.to_string(),
    })?;
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        found.push(
            Recipient::from_str(line).map_err(|_| EncryptionError::BadRecipientLine {
                path: path.to_path_buf(),
                line: n + 1,
            })?,
        );
    }
    if found.is_empty() {
        return Err(EncryptionError::NoRecipients {
            path: path.to_path_buf(),
        });
    }
    Ok(found)
}

/// Whether the file at `path` is an age file, by its first bytes.
pub fn is_encrypted(path: &Path) -> io::Result<bool> {
    let mut start = [0u8; AGE_MAGIC.len()];
    let mut file = File::open(path)?;
    let mut read = 0;
    while read < start.len() {
        match file.read(&mut start[read..])? {
            0 => return Ok(false),
            n => read += n,
        }
    }
    Ok(start == AGE_MAGIC)
}

/// Encrypts the file `plain` to `recipients`, streaming into `out`.
pub fn encrypt(
    plain: &Path,
    out: &mut impl Write,
    recipients: &[Recipient],
) -> Result<(), EncryptionError> {
    let failed = io_error(plain);
    let encryptor =
        age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
            .map_err(|e| failed(io::Error::other(e.to_string())))?;
    let mut source = File::open(plain).map_err(io_error(plain))?;
    let mut writer = encryptor.wrap_output(out).map_err(io_error(plain))?;
    io::copy(&mut source, &mut writer).map_err(io_error(plain))?;
    writer.finish().map_err(io_error(plain))?;
    Ok(())
}

/// Decrypts the age file `sealed` with the identities in `identity_file` into `out`, at most
/// `limit` bytes (a larger result is an error, so a crafted file cannot fill the disk).
pub fn decrypt(
    sealed: &Path,
    identity_file: &Path,
    out: &mut impl Write,
    limit: u64,
) -> Result<u64, EncryptionError> {
    let identity_problem = |problem: String| EncryptionError::Identity {
        path: identity_file.to_path_buf(),
        problem,
    };
    let identities = age::IdentityFile::from_file(identity_file.to_string_lossy().into_owned())
        .map_err(|e| identity_problem(dutch_io(&e)))?
        .into_identities()
        .map_err(|e| identity_problem(e.to_string()))?;
    if identities.is_empty() {
        return Err(identity_problem("er staat geen sleutel in".to_string()));
    }
    let damaged = || EncryptionError::Damaged {
        path: sealed.to_path_buf(),
    };
    let input = BufReader::new(File::open(sealed).map_err(io_error(sealed))?);
    let decryptor = age::Decryptor::new(input).map_err(|_| damaged())?;
    if decryptor.is_scrypt() {
        return Err(EncryptionError::Passphrase {
            path: sealed.to_path_buf(),
        });
    }
    let reader = decryptor
        .decrypt(identities.iter().map(|i| i.as_ref() as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::NoMatchingKeys => EncryptionError::WrongIdentity {
                path: sealed.to_path_buf(),
            },
            _ => damaged(),
        })?;
    let copied = io::copy(&mut reader.take(limit + 1), out).map_err(|e| {
        if e.kind() == io::ErrorKind::InvalidData {
            damaged()
        } else {
            io_error(sealed)(e)
        }
    })?;
    if copied > limit {
        return Err(damaged());
    }
    Ok(copied)
}

#[cfg(test)]
mod tests {
    use super::*;
    use age::secrecy::ExposeSecret;

    #[test]
    fn a_file_round_trips_and_a_wrong_key_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain");
        std::fs::write(&plain, b"SQLite format 3\0 en de rest").unwrap();
        let key = age::x25519::Identity::generate();
        let key_file = dir.path().join("sleutel.txt");
        std::fs::write(&key_file, key.to_string().expose_secret()).unwrap();
        let sealed = dir.path().join("sealed.age");
        let recipient = recipients(&key.to_public().to_string()).unwrap();
        let mut out = File::create(&sealed).unwrap();
        encrypt(&plain, &mut out, &recipient).unwrap();
        drop(out);
        assert!(is_encrypted(&sealed).unwrap());
        assert!(!is_encrypted(&plain).unwrap());
        let mut back = Vec::new();
        decrypt(&sealed, &key_file, &mut back, 1 << 20).unwrap();
        assert_eq!(back, std::fs::read(&plain).unwrap());

        let other = dir.path().join("ander.txt");
        let other_key = age::x25519::Identity::generate();
        std::fs::write(&other, other_key.to_string().expose_secret()).unwrap();
        let error = decrypt(&sealed, &other, &mut Vec::new(), 1 << 20).unwrap_err();
        assert!(
            matches!(error, EncryptionError::WrongIdentity { .. }),
            "{error}"
        );
        let error = decrypt(&sealed, &key_file, &mut Vec::new(), 4).unwrap_err();
        assert!(matches!(error, EncryptionError::Damaged { .. }), "{error}");
    }

    #[test]
    fn recipients_come_from_a_key_or_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let a = age::x25519::Identity::generate().to_public().to_string();
        let b = age::x25519::Identity::generate().to_public().to_string();
        let file = dir.path().join("ontvangers.txt");
        std::fs::write(&file, format!("# back-upbeheer\n{a}\n\n{b}\n")).unwrap();
        assert_eq!(recipients(file.to_str().unwrap()).unwrap().len(), 2);
        assert!(matches!(
            recipients("age1geen-sleutel"),
            Err(EncryptionError::BadRecipient { .. })
        ));
        std::fs::write(&file, "# leeg\n").unwrap();
        assert!(matches!(
            recipients(file.to_str().unwrap()),
            Err(EncryptionError::NoRecipients { .. })
        ));
    }
}
