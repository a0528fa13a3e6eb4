//! `loket report`: the anonymous figures of a period for a person (table), a spreadsheet
//! (CSV) or a dashboard (JSON). Without dates it reports the last full month with contacts
//! (see `loket::report::default_period`); typed dates are widened to whole calendar months (see
//! `loket::report`).

use std::process::ExitCode;

use anyhow::Result;
use chrono::Utc;
use clap::{Args, ValueEnum};
use loket::domain::hours::dutch_local;
use loket::report::{Breakdown, Period, Report, build, default_period, output};
use loket::safe_text::into_screen;
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
    /// Eerste dag (D-M-JJJJ of JJJJ-MM-DD), verruimd tot het begin van de maand; zonder --from
    /// en --to de vorige maand, of deze maand als de vorige geen contacten had.
    #[arg(long, value_name = "DATUM")]
    from: Option<String>,
    /// Laatste dag, die meetelt (D-M-JJJJ), verruimd tot het eind van de maand; standaard
    /// deze maand als alleen --from is gegeven.
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
            Period::parse(&from, &to, today)?
        }
    };
    let report = for_terminal(build(store, &period, now)?);
    if report.period != period {
        eprintln!(
            "Let op: een rapportage gaat over hele kalendermaanden; de periode is {}.",
            report.period.label()
        );
    }
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

/// The report with the names that came from the database (locations, teams, categories)
/// cleaned for the terminal, whatever the format: an account's location is typed by people.
fn for_terminal(mut report: Report) -> Report {
    let clean_rows = |breakdown: &mut Breakdown| {
        for (label, _) in &mut breakdown.rows {
            *label = into_screen(std::mem::take(label));
        }
    };
    for breakdown in [
        &mut report.by_kanaal,
        &mut report.by_location,
        &mut report.by_leefgebied,
        &mut report.by_complexiteit,
        &mut report.by_route,
        &mut report.handling,
        &mut report.advice_by_laag,
        &mut report.open_by_age,
    ] {
        clean_rows(breakdown);
    }
    for team in &mut report.teams {
        team.team = into_screen(std::mem::take(&mut team.team));
    }
    // A leefgebied no longer configured is named by the code stored with the evaluation.
    for results in &mut report.plans.results_by_leefgebied {
        results.title = into_screen(std::mem::take(&mut results.title));
    }
    report
}
