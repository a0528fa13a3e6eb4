//! Refusing a database on a network file system. SQLite's locking relies on POSIX advisory
//! locks and shared memory for the WAL index; NFS, SMB and FUSE mounts implement these badly or
//! not at all, so two desks writing at once can corrupt the file without either noticing. The
//! safe set-up is one host with the file on a local disk, and the desks connecting over SSH.

use std::io;
use std::path::{Path, PathBuf};

use super::StoreError;

/// The kind of network file system behind a `statfs` magic number (from Linux's
/// `include/uapi/linux/magic.h`), or None for a local one.
pub fn network_file_system(magic: u32) -> Option<&'static str> {
    Some(match magic {
        0x6969 => "NFS",
        0x517B => "SMB",
        0xFF53_4D42 => "SMB/CIFS",
        0xFE53_4D42 => "SMB2/3",
        // sshfs, rclone, s3fs, GlusterFS and most other network mounts are FUSE; so is a local
        // NTFS disk through ntfs-3g, which is no place for the database of several desks either.
        0x6573_5546 => "FUSE (bijvoorbeeld sshfs)",
        0x5346_414F | 0x6B41_4653 => "AFS",
        0x00C3_6400 => "Ceph",
        0x7375_7245 => "Coda",
        0x564C => "NetWare (NCP)",
        // 9P: shared folders of virtual machines and WSL's view of Windows drives.
        0x0102_1997 => "9P (gedeelde map)",
        _ => return None,
    })
}

/// FUSE and 9P also serve the root file system of some containers (fuse-overlayfs, gVisor),
/// which is that machine's own disk: those are refused only below the root.
const ALSO_CONTAINER_ROOTS: [u32; 2] = [0x6573_5546, 0x0102_1997];

/// Refuses `database` when its directory (or, when that does not exist yet, the nearest
/// ancestor that does) is on a network file system. `magic_of` reads the file-system magic
/// number of a path; `is_root_mount` says whether a path's file system is mounted at `/`. When
/// the magic number cannot be read, the check steps aside: opening the file will fail with the
/// real reason, or succeed on a file system too exotic to know.
pub fn check_with(
    database: &Path,
    magic_of: impl Fn(&Path) -> io::Result<u32>,
    is_root_mount: impl Fn(&Path) -> bool,
) -> Result<(), StoreError> {
    let Some(dir) = existing_dir(database) else {
        return Ok(());
    };
    let Ok(magic) = magic_of(&dir) else {
        return Ok(());
    };
    match network_file_system(magic) {
        Some(_) if ALSO_CONTAINER_ROOTS.contains(&magic) && is_root_mount(&dir) => Ok(()),
        Some(kind) => Err(StoreError::NetworkFileSystem {
            path: database.to_path_buf(),
            kind,
        }),
        None => Ok(()),
    }
}

/// Refuses a database on a network file system, as the kernel reports it.
pub(super) fn check(database: &Path) -> Result<(), StoreError> {
    check_with(
        database,
        |dir| {
            // `f_type` is a signed long on most targets; the magic numbers are 32 bits, and
            // CIFS's is negative as a 32-bit signed value, so only the low 32 bits count.
            Ok(rustix::fs::statfs(dir)?.f_type as u32)
        },
        |dir| {
            let mounts = std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
            let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
            mount_point(&dir, &mounts).is_some_and(|m| m == Path::new("/"))
        },
    )
}

/// The mount point `dir` lies under, from `/proc/self/mountinfo` text: the longest one that
/// contains it.
fn mount_point(dir: &Path, mountinfo: &str) -> Option<PathBuf> {
    mountinfo
        .lines()
        .filter_map(|line| line.split(' ').nth(4))
        .map(|escaped| PathBuf::from(escaped.replace("\\040", " ")))
        .filter(|point| dir.starts_with(point))
        .max_by_key(|point| point.components().count())
}

/// The directory of `database`, or its nearest existing ancestor; a relative path without a
/// directory lives in the current one.
fn existing_dir(database: &Path) -> Option<PathBuf> {
    let dir = match database.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    dir.ancestors()
        .map(|c| {
            if c.as_os_str().is_empty() {
                Path::new(".")
            } else {
                c
            }
        })
        .find(|c| c.is_dir())
        .map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_magic_numbers_are_named() {
        assert_eq!(network_file_system(0x6969), Some("NFS"));
        assert_eq!(network_file_system(0x517B), Some("SMB"));
        assert_eq!(network_file_system(0xFF53_4D42), Some("SMB/CIFS"));
        assert_eq!(network_file_system(0xFE53_4D42), Some("SMB2/3"));
        assert!(
            network_file_system(0x6573_5546)
                .unwrap()
                .starts_with("FUSE")
        );
        assert_eq!(network_file_system(0x5346_414F), Some("AFS"));
        assert_eq!(network_file_system(0x00C3_6400), Some("Ceph"));
        assert_eq!(network_file_system(0x7375_7245), Some("Coda"));
    }

    #[test]
    fn local_file_systems_pass() {
        for local in [
            0xEF53,      // ext2/3/4
            0x5846_5342, // xfs
            0x9123_683E, // btrfs
            0x0102_1994, // tmpfs
            0x794C_7630, // overlayfs (containers)
            0x2FC1_2FC1, // zfs
            0xF2F5_2010, // f2fs
        ] {
            assert_eq!(network_file_system(local), None, "{local:#x}");
        }
    }

    #[test]
    fn a_database_on_a_network_share_is_refused_with_the_way_out() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("loket.db");
        let error = check_with(&path, |_| Ok(0x6969), |_| false).unwrap_err();
        assert!(matches!(
            &error,
            StoreError::NetworkFileSystem { kind: "NFS", path: p } if *p == path
        ));
        let message = error.to_string();
        assert!(message.contains("NFS"), "{message}");
        assert!(message.contains("SSH"), "{message}");
        assert!(message.contains("lokale schijf"), "{message}");
        assert!(check_with(&path, |_| Ok(0xEF53), |_| false).is_ok());
    }

    #[test]
    fn the_nearest_existing_directory_is_checked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nieuw/en/dieper/loket.db");
        let asked = std::cell::RefCell::new(Vec::new());
        check_with(
            &path,
            |p| {
                asked.borrow_mut().push(p.to_path_buf());
                Ok(0xEF53)
            },
            |_| false,
        )
        .unwrap();
        assert_eq!(*asked.borrow(), [dir.path().to_path_buf()]);
        assert_eq!(existing_dir(Path::new("loket.db")).unwrap(), Path::new("."));
        let missing = existing_dir(Path::new("bestaat-niet/loket.db")).unwrap();
        assert_eq!(missing, Path::new("."));
    }

    #[test]
    fn an_unreadable_file_system_type_does_not_block() {
        let dir = tempfile::tempdir().unwrap();
        let denied = |_: &Path| Err(io::Error::from(io::ErrorKind::PermissionDenied));
        assert!(check_with(&dir.path().join("loket.db"), denied, |_| false).is_ok());
    }

    #[test]
    fn fuse_or_9p_as_a_containers_root_is_its_own_disk() {
        let path = Path::new("/srv/loket/loket.db");
        let fuse = |_: &Path| Ok(0x6573_5546);
        assert!(
            check_with(path, fuse, |_| true).is_ok(),
            "fuse-overlayfs as /"
        );
        assert!(check_with(path, fuse, |_| false).is_err(), "sshfs on /srv");
        assert!(
            check_with(path, |_| Ok(0x0102_1997), |_| true).is_ok(),
            "gVisor's root"
        );
        assert!(
            check_with(path, |_| Ok(0x6969), |_| true).is_err(),
            "NFS is refused even as the root"
        );
    }

    #[test]
    fn the_mount_point_is_the_longest_that_contains_the_directory() {
        let mountinfo = "\
22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 0:30 / / rw,relatime - fuse.fuse-overlayfs fuse-overlayfs rw
31 27 0:40 / /mnt/gedeeld\\040station rw - fuse.sshfs host:/ rw
32 27 0:41 / /mnt rw - tmpfs tmpfs rw
";
        let at = |dir: &str| mount_point(Path::new(dir), mountinfo);
        assert_eq!(at("/srv/loket"), Some(PathBuf::from("/")));
        assert_eq!(at("/mnt/data"), Some(PathBuf::from("/mnt")));
        assert_eq!(
            at("/mnt/gedeeld station/loket"),
            Some(PathBuf::from("/mnt/gedeeld station"))
        );
        assert_eq!(
            at("/procedure"),
            Some(PathBuf::from("/")),
            "whole components only"
        );
    }

    #[test]
    fn the_real_check_reads_the_kernel() {
        let dir = tempfile::tempdir().unwrap();
        let magic = rustix::fs::statfs(dir.path()).unwrap().f_type as u32;
        let refused = check(&dir.path().join("loket.db")).is_err();
        // A network magic number may still pass as a container's root file system.
        if refused || network_file_system(magic).is_none() {
            assert_eq!(refused, network_file_system(magic).is_some());
        }
    }
}
