//! `loket demo`: fill a database with fictitious demo data, so the report and the screens are
//! worth looking at on a new install or in a training. Refuses to mix demo data into a
//! database with real intakes unless asked explicitly.

use std::process::ExitCode;

use anyhow::{Result, bail};
use chrono::Utc;
use clap::Args;
use loket::demo::{generate, real_intake_count};
use loket::store::Store;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Over hoeveel dagen, tot en met vandaag.
    #[arg(long, value_name = "N", default_value_t = 90)]
    days: u32,
    /// Startgetal van het toeval: hetzelfde getal geeft dezelfde gegevens.
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// Voeg de demogegevens ook toe aan een database met echte intakes.
    #[arg(long)]
    force: bool,
}

pub fn run(store: &mut Store, args: DemoArgs) -> Result<ExitCode> {
    let real = real_intake_count(store)?;
    if real > 0 && !args.force {
        bail!(
            "deze database bevat {real} echte intake(s); demogegevens worden daar niet tussen \
             gezet. Gebruik een nieuwe database (--db PAD) of, als het echt moet, --force"
        );
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
