//! `loket demo`: fill a database with fictitious demo data, so the report and the screens are
//! worth looking at on a new install or in a training. Only a new database or one made as a
//! demo database: one with real accounts or intakes is refused, always. And `loket --demo`,
//! which opens the demo database next to the real one.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Result;
use chrono::Utc;
use clap::Args;
use loket::demo::{generate, grow_kaart, open_demo_database};
use loket::domain::ReferenceData;
use loket::store::Store;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Over hoeveel dagen, tot en met vandaag (1 tot en met 730).
    #[arg(long, value_name = "N", default_value_t = 90)]
    days: u32,
    /// Startgetal van het toeval: hetzelfde getal geeft dezelfde gegevens.
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// Vul de kaart eerst aan tot dit aantal diensten met verzonnen diensten (om Loket op de
    /// omvang van een grote regio te proberen).
    #[arg(long, value_name = "N")]
    diensten: Option<usize>,
}

pub fn run(store: &mut Store, args: DemoArgs) -> Result<ExitCode> {
    if let Some(services) = args.diensten {
        let added = grow_kaart(store, services, args.seed)?;
        println!("{added} verzonnen diensten aan de kaart toegevoegd.");
    }
    let summary = generate(store, args.days, args.seed, Utc::now())?;
    println!(
        "{}: demogegevens over {} dagen (seed {}).",
        store.path().display(),
        args.days,
        args.seed
    );
    print!("{summary}");
    Ok(ExitCode::SUCCESS)
}

/// The demo database at `path` for the full-screen program, made on first use (with the
/// sample municipality's reference data); the desk then reads it with `reference`.
pub fn open_for_screen(path: &Path, reference: &Arc<ReferenceData>) -> Result<Store> {
    if !path.exists() {
        eprintln!("Demodatabase {} wordt gemaakt…", path.display());
    }
    let mut store = open_demo_database(path, Utc::now())?;
    store.use_reference(Arc::clone(reference));
    Ok(store)
}
