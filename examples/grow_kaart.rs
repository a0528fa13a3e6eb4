//! Writes the sample kaart grown to N services as an HSDS 3.0 CSV package, for load tests:
//! `cargo run --release --example grow_kaart -- /tmp/kaart-10k 10000`, then
//! `loket --db /tmp/big.db import /tmp/kaart-10k`.

use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(
        args.next()
            .ok_or_else(|| anyhow::anyhow!("geef een uitvoermap op"))?,
    );
    let size: usize = args.next().unwrap_or_else(|| "10000".into()).parse()?;
    let dir = tempfile::tempdir()?;
    let mut store = loket::store::Store::open(&dir.path().join("sample.db"))?.store;
    loket::interop::load_sample(&mut store)?;
    let kaart = loket::sample::grow(&store.load_kaart()?, size, 42);
    let leefgebieden = loket::domain::Leefgebieden::builtin();
    loket::interop::export(
        &kaart,
        &Default::default(),
        &leefgebieden,
        &out,
        loket::interop::ExportFormat::HsdsCsv,
        &loket::interop::ExportTarget::default(),
    )?;
    println!(
        "{} diensten geschreven naar {}",
        kaart.services.len(),
        out.display()
    );
    Ok(())
}
