//! `loket plan`: the signed-in professional's plans van aanpak. `plan list` prints ids,
//! households, status and evaluation dates only, never a name or what the plan says;
//! `plan afdrukken` writes one plan as a PDF for the resident, through the same need-to-know
//! and audit as the desk.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;
use chrono::Utc;
use clap::{Args, Subcommand};
use loket::domain::Code;
use loket::safe_text::json_for_screen;
use loket::store::Store;
use loket::store::safe_file::{self, Replace};
use serde::Serialize;

use super::identity::Actor;

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Jouw plannen van aanpak, zonder namen: id, huishouden, status en evaluatiedatum.
    List(ListArgs),
    /// Schrijf een plan van aanpak als PDF voor de inwoner (met handtekeningregels).
    Afdrukken(PrintArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Uitvoer als JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct PrintArgs {
    /// Het nummer van het plan (zie `loket plan list`).
    #[arg(long, value_name = "ID")]
    plan: i64,
    /// Het PDF-bestand dat gemaakt wordt; een bestaand bestand wordt niet overschreven.
    #[arg(long, value_name = "PAD")]
    out: PathBuf,
}

/// One plan as `--json` prints it.
#[derive(Debug, Serialize)]
struct JsonPlan {
    id: i64,
    household_id: i64,
    status: &'static str,
    evaluation_on: String,
}

pub fn run(store: &Store, command: PlanCommand, actor: &Actor) -> Result<ExitCode> {
    match command {
        PlanCommand::List(args) => list(store, args, actor),
        PlanCommand::Afdrukken(args) => print(store, args, actor),
    }
}

fn list(store: &Store, args: ListArgs, actor: &Actor) -> Result<ExitCode> {
    let plans = store.my_plans(&actor.user, &actor.origin, Utc::now())?;
    if args.json {
        let json: Vec<JsonPlan> = plans
            .iter()
            .map(|p| JsonPlan {
                id: p.id,
                household_id: p.household_id,
                status: p.status.code(),
                evaluation_on: p.evaluation_on.to_string(),
            })
            .collect();
        println!("{}", json_for_screen(&serde_json::to_string_pretty(&json)?));
        return Ok(ExitCode::SUCCESS);
    }
    if plans.is_empty() {
        println!("Geen plannen.");
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<[String; 4]> = plans
        .iter()
        .map(|p| {
            [
                p.id.to_string(),
                p.household_id.to_string(),
                p.status.name().to_string(),
                loket::domain::dates::dutch_date(p.evaluation_on),
            ]
        })
        .collect();
    super::table::print_table(&["plan", "huishouden", "status", "evaluatie"], &rows);
    Ok(ExitCode::SUCCESS)
}

fn print(store: &Store, args: PrintArgs, actor: &Actor) -> Result<ExitCode> {
    // Refused before the plan is read and audited: nothing leaves for a target that cannot
    // take it.
    safe_file::check_target(&args.out, Replace::Never, Some(store.path()))?;
    let started = Instant::now();
    let plan = store.plan(args.plan, &actor.user, &actor.origin, Utc::now())?;
    let pdf = loket::paper::plan_pdf(&plan, &store.reference().leefgebieden)?;
    // Personal data of a resident: readable for the owner only.
    let path = safe_file::write_new(
        &args.out,
        &pdf,
        Replace::Never,
        safe_file::PRIVATE,
        Some(store.path()),
    )?;
    println!(
        "Plan {} (versie {}) afgedrukt naar {} in {} ms.",
        plan.id,
        plan.latest().number,
        path.display(),
        started.elapsed().as_millis()
    );
    Ok(ExitCode::SUCCESS)
}
