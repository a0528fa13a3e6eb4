//! Arbitrary bytes as an HSDS JSON file, then a full read.

#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use loket::domain::Leefgebieden;

static LEEFGEBIEDEN: LazyLock<Leefgebieden> = LazyLock::new(Leefgebieden::builtin);

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("kaart.json");
    std::fs::write(&path, data).expect("write");
    let _ = loket::interop::read_path(&path, &LEEFGEBIEDEN);
});
