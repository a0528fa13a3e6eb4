//! `loket route check CASES.toml`: the verwijs-scan on a table of cases, with the teams of a
//! routing.toml, so a beheerder can test a changed routing.toml before it goes live. Exit code
//! 1 when a case differs from what it expects.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use loket::domain::ReferenceData;
use loket::domain::routing::AdviceFact;
use loket::domain::routing::cases::{CaseResult, Reference, parse_cases, run_case};
use loket::domain::routing::table::RoutingTable;
use loket::safe_text::{for_screen, json_for_screen};
use loket::search::{Catalog, VocabularySource};
use loket::store::Store;

#[derive(Debug, Subcommand)]
pub enum RouteCommand {
    /// Draai de verwijs-scan op een tabel met gevallen en vergelijk met wat verwacht wordt.
    Check(CheckArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Het bestand met gevallen ([[geval]], zie data/routing-cases.toml).
    #[arg(value_name = "GEVALLEN")]
    cases: PathBuf,
    /// Test deze routing.toml in plaats van die in de configuratiemap (of de ingebouwde).
    #[arg(long, value_name = "BESTAND")]
    routing: Option<PathBuf>,
    /// Uitvoer als JSON.
    #[arg(long)]
    json: bool,
}

/// Whether any case gives advice: only then is the kaart needed (and the database opened).
pub fn needs_kaart(args: &RouteCommand) -> Result<bool> {
    let RouteCommand::Check(args) = args;
    Ok(read(&args.cases)?.contains("advies"))
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("kan {} niet lezen", path.display()))
}

/// The routing table: `--routing` strictly (a broken file is an error), else the one loaded at
/// start (the configuration folder's, or the built-in one when that is broken; the command line
/// has already warned).
fn routing_table(file: Option<&Path>, reference: &ReferenceData) -> Result<RoutingTable> {
    match file {
        Some(path) => RoutingTable::from_toml(&read(path)?, &reference.leefgebieden)
            .with_context(|| format!("{} niet bruikbaar", path.display())),
        None => Ok(reference.routing.clone()),
    }
}

pub fn run(
    store: Option<&Store>,
    reference: &ReferenceData,
    command: RouteCommand,
) -> Result<ExitCode> {
    let RouteCommand::Check(args) = command;
    let text = read(&args.cases)?;
    let leefgebieden = &reference.leefgebieden;
    let table = routing_table(args.routing.as_deref(), reference)?;
    // The beheerder's own acute words count here too, as at the desk.
    let vocabulary = VocabularySource::in_folder(loket::config::config_dir().as_deref())
        .load(leefgebieden)
        .context("eigen zoekwoordenlijst niet bruikbaar")?;
    let reference = Reference {
        leefgebieden,
        postcodes: &reference.postcodes,
        questions: &reference.questions,
        table: &table,
        vocabulary_danger: &|text| vocabulary.danger_words(text),
    };
    let catalog = store.map(Catalog::load).transpose()?;
    let advice_of = |id: &str| {
        let service = catalog.as_ref()?.index.line_of(id)?;
        Some(AdviceFact::new(
            service.name,
            service.referral_required,
            service.laag,
        ))
    };
    let file = args.cases.display();
    let cases = parse_cases(&text).with_context(|| format!("{file} niet bruikbaar"))?;
    let results: Vec<CaseResult> = cases
        .iter()
        .map(|case| run_case(case, &reference, &advice_of))
        .collect::<Result<_, _>>()
        .with_context(|| format!("{file} niet bruikbaar"))?;
    if args.json {
        println!(
            "{}",
            json_for_screen(&serde_json::to_string_pretty(&results)?)
        );
    } else {
        print_table(&results);
    }
    let differing = results.iter().filter(|r| !r.afwijkingen.is_empty()).count();
    Ok(if differing == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn print_table(results: &[CaseResult]) {
    for r in results {
        let mark = if r.afwijkingen.is_empty() {
            "ok"
        } else {
            "AFWIJKING"
        };
        println!("{mark:<9} {}", for_screen(&r.naam));
        println!(
            "          route: {} · team: {} · urgentie: {}",
            r.route, r.team, r.urgentie
        );
        println!("          waarom: {}", for_screen(&r.waarom));
        for afwijking in &r.afwijkingen {
            println!("          {}", for_screen(afwijking));
        }
    }
    let differing = results.iter().filter(|r| !r.afwijkingen.is_empty()).count();
    let verb = if differing == 1 { "wijkt" } else { "wijken" };
    println!(
        "{} gevallen, {differing} {verb} af van wat verwacht is.",
        results.len()
    );
}
