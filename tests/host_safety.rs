//! Host safety on a shared workstation: what Loket creates (database, WAL, data directory,
//! backups) is private to the account that runs it. The refusal of network file systems is
//! unit-tested in `store::fs_guard`, since a test cannot mount NFS.

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use loket::store::Store;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn sibling(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.file_name().unwrap().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

#[test]
fn a_new_database_and_its_wal_are_private() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    let opened = Store::open(&path).unwrap();
    assert!(opened.created);
    assert_eq!(mode(&path), 0o600);
    // The migrations wrote through the WAL; both side files exist while the store is open.
    assert_eq!(mode(&sibling(&path, "-wal")), 0o600);
    assert_eq!(mode(&sibling(&path, "-shm")), 0o600);
}

#[test]
fn a_directory_loket_creates_is_private() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("gegevens");
    let path = data.join("loket").join("loket.db");
    Store::open(&path).unwrap();
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join("loket")), 0o700);
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn an_existing_database_keeps_its_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    drop(Store::open(&path).unwrap());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let opened = Store::open(&path).unwrap();
    assert!(!opened.created);
    assert_eq!(mode(&path), 0o640);
}

#[test]
fn an_existing_directory_keeps_its_mode() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o750)).unwrap();
    Store::open(&dir.path().join("loket.db")).unwrap();
    assert_eq!(mode(dir.path()), 0o750);
}

#[test]
fn a_backup_is_private() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("loket.db")).unwrap().store;
    let backup = dir.path().join("kopie.db");
    store.backup_to(&backup).unwrap();
    assert_eq!(mode(&backup), 0o600);
}
