//! `loket queue`: the wachtrij for scripts and dashboards. It prints no personal data: no
//! resident, no question, no note; only what the item is, where it waits, since when, until
//! when, and which professional has it.

use std::process::ExitCode;

use anyhow::{Result, bail};
use chrono::{SecondsFormat, Utc};
use clap::{Args, Subcommand};
use loket::domain::Code;
use loket::domain::hours::dutch_local;
use loket::domain::queue::{QueueState, find_team};
use loket::safe_text::{for_screen, json_for_screen};
use loket::store::{QueueItem, Store};
use serde::Serialize;
use strum::VariantArray;

#[derive(Debug, Subcommand)]
pub enum QueueCommand {
    /// Toon de items in de wachtrij (zonder persoonsgegevens), urgentste eerst.
    List(ListArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Alleen items bij dit team, zoals het op het scherm heet ("Loket Wonen", "KCC").
    #[arg(long, value_name = "TEAM")]
    team: Option<String>,
    /// Alleen items met deze status (nieuw, opgepakt, afspraak, afgerond, teruggelegd,
    /// doorgestuurd); zonder deze optie alle open items.
    #[arg(long, value_name = "STATUS")]
    status: Option<String>,
    /// Alleen items waarvan de termijn verstreken is.
    #[arg(long)]
    overdue: bool,
    /// Uitvoer als JSON.
    #[arg(long)]
    json: bool,
}

/// One item as `--json` prints it: the fields a dashboard needs, none about the resident.
#[derive(Debug, Serialize)]
struct JsonItem<'a> {
    id: i64,
    #[serde(rename = "type")]
    kind: &'static str,
    team: &'a str,
    urgentie: &'static str,
    status: &'static str,
    created_at: String,
    due_at: String,
    overdue: bool,
    claimed_by: Option<&'a str>,
}

impl<'a> JsonItem<'a> {
    fn new(item: &'a QueueItem) -> Self {
        JsonItem {
            id: item.id,
            kind: item.kind.code(),
            team: &item.target_label,
            urgentie: item.urgentie.name(),
            status: item.state.code(),
            created_at: item.created_at.to_rfc3339_opts(SecondsFormat::Secs, true),
            due_at: item.due.format("%Y-%m-%d").to_string(),
            overdue: item.overdue,
            claimed_by: item.claimed_by.as_deref(),
        }
    }
}

pub fn run(store: &Store, command: QueueCommand) -> Result<ExitCode> {
    match command {
        QueueCommand::List(args) => list(store, args),
    }
}

fn list(store: &Store, args: ListArgs) -> Result<ExitCode> {
    let state = args.status.as_deref().map(parse_status).transpose()?;
    if let Some(team) = args.team.as_deref() {
        let reference = store.reference();
        find_team(team, reference).map_err(anyhow::Error::msg)?;
    }
    let items: Vec<QueueItem> = store
        .queue_items(state, Utc::now())?
        .into_iter()
        .filter(|item| args.team.as_deref().is_none_or(|team| at_team(item, team)))
        .filter(|item| !args.overdue || item.overdue)
        .collect();
    if args.json {
        let json: Vec<JsonItem> = items.iter().map(JsonItem::new).collect();
        println!("{}", json_for_screen(&serde_json::to_string_pretty(&json)?));
    } else {
        print_table(&items);
    }
    Ok(ExitCode::SUCCESS)
}

fn parse_status(text: &str) -> Result<QueueState> {
    match QueueState::from_code(text) {
        Some(state) => Ok(state),
        None => {
            let valid: Vec<&str> = QueueState::VARIANTS.iter().map(|s| s.code()).collect();
            bail!("onbekende status {text:?}; kies uit: {}", valid.join(", "))
        }
    }
}

/// Whether the item waits at `team`: its label as on screen, or the code behind it (the
/// leefgebied, wijk or team name), in any case.
fn at_team(item: &QueueItem, team: &str) -> bool {
    let team = team.trim();
    let (_, code) = item.target.code();
    item.target_label.eq_ignore_ascii_case(team)
        || (!code.is_empty() && code.eq_ignore_ascii_case(team))
}

/// The items as a table that reads in a terminal; overdue terms get a "!" so they stand out
/// without colour.
fn print_table(items: &[QueueItem]) {
    if items.is_empty() {
        println!("Geen items.");
        return;
    }
    let header = [
        "id",
        "soort",
        "team",
        "urgentie",
        "status",
        "aangemaakt",
        "termijn",
        "opgepakt door",
    ];
    let rows: Vec<[String; 8]> = items
        .iter()
        .map(|item| {
            let due = item.due.format("%Y-%m-%d").to_string();
            [
                item.id.to_string(),
                item.kind.name().to_string(),
                for_screen(&item.target_label).into_owned(),
                item.urgentie.name().to_string(),
                item.state.name().to_string(),
                dutch_local(item.created_at)
                    .format("%Y-%m-%d %H:%M")
                    .to_string(),
                if item.overdue {
                    format!("{due} ! te laat")
                } else {
                    due
                },
                for_screen(item.claimed_by.as_deref().unwrap_or_default()).into_owned(),
            ]
        })
        .collect();
    super::table::print_table(&header, &rows);
    let overdue = items.iter().filter(|i| i.overdue).count();
    println!();
    let noun = if items.len() == 1 { "item" } else { "items" };
    println!("{} {noun}, waarvan {overdue} te laat", items.len());
}
