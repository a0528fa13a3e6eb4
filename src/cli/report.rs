//! `loket report`: the anonymous figures of a period for a person (table), a spreadsheet
//! (CSV) or a dashboard (JSON). Without dates it reports the last full quarter, the period
//! the council asks about.

use std::process::ExitCode;

use anyhow::Result;
use chrono::Utc;
use clap::{Args, ValueEnum};
use loket::domain::hours::dutch_local;
use loket::report::{Period, build, default_period, output};
use loket::store::Store;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// Leesbare tekst.
    Table,
    /// CSV met vaste kop sectie,categorie,waarde.
    Csv,
    /// JSON voor een dashboard.
    Json,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Eerste dag (JJJJ-MM-DD); zonder --from en --to de vorige maand, of deze maand als de vorige geen contacten had.
    #[arg(long, value_name = "DATUM")]
    from: Option<String>,
    /// Laatste dag, die meetelt (JJJJ-MM-DD); standaard vandaag als alleen --from is gegeven.
    #[arg(long, value_name = "DATUM", requires = "from")]
    to: Option<String>,
    /// De vorm van de uitvoer.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

pub fn run(store: &Store, args: ReportArgs) -> Result<ExitCode> {
    let now = Utc::now();
    let today = dutch_local(now).date();
    let period = match args.from {
        None => default_period(store, today)?,
        Some(from) => {
            let to = args
                .to
                .unwrap_or_else(|| today.format("%Y-%m-%d").to_string());
            Period::parse(&from, &to)?
        }
    };
    let report = build(store, &period, now)?;
    let text = match args.format {
        Format::Table => output::table(&report),
        Format::Csv => output::csv(&report),
        Format::Json => output::json(&report),
    };
    print!("{text}");
    if !text.ends_with('\n') {
        println!();
    }
    Ok(ExitCode::SUCCESS)
}
