//! Arbitrary bytes as the two files an HSDS CSV export always has, then a full read.
//! The first byte picks how the input is split, so the fuzzer steers both files.

#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use loket::domain::Leefgebieden;

static LEEFGEBIEDEN: LazyLock<Leefgebieden> = LazyLock::new(Leefgebieden::builtin);

fuzz_target!(|data: &[u8]| {
    let Some((&split, rest)) = data.split_first() else {
        return;
    };
    let at = if rest.is_empty() {
        0
    } else {
        split as usize * rest.len() / 256
    };
    let (services, organizations) = rest.split_at(at);
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("services.csv"), services).expect("write");
    std::fs::write(dir.path().join("organizations.csv"), organizations).expect("write");
    let _ = loket::interop::read_path(dir.path(), &LEEFGEBIEDEN);
});
