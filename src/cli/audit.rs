//! `loket audit`: the audit log read back (by user, household and day) for the coördinator
//! or the privacy officer, and `loket audit verify`: whether its chain is unbroken. Looking
//! at the log is itself logged, ids only.

use std::collections::HashMap;
use std::process::ExitCode;

use anyhow::{Result, bail};
use chrono::{DateTime, NaiveDate, Utc};
use clap::{Args, Subcommand};
use loket::domain::dates;
use loket::domain::hours::dutch_local;
use loket::safe_text::for_screen;
use loket::store::{AuditFilter, AuditRow, Store};
use serde::Serialize;

use super::cli_actor;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AuditArgs {
    #[command(subcommand)]
    command: Option<AuditCommand>,
    /// Alleen wat deze gebruiker deed (de naam van het account).
    #[arg(long, value_name = "NAAM")]
    user: Option<String>,
    /// Alleen rijen over dit huishouden (het nummer), zijn intakes en zijn wachtrij-items.
    #[arg(long, value_name = "H")]
    household: Option<String>,
    /// Alleen rijen vanaf het begin van deze dag (Nederlandse tijd).
    #[arg(long, value_name = "D-M-JJJJ")]
    since: Option<String>,
    /// Uitvoer als JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Controleer of het auditlog een ongebroken keten is; elke gewijzigde of ontbrekende rij
    /// wordt genoemd (exitcode 1).
    Verify,
}

/// One row as `--json` prints it: the stored row, plus the account's name for `gebruiker:N`.
#[derive(Debug, Serialize)]
struct JsonRow<'a> {
    id: i64,
    at: &'a str,
    actor: &'a str,
    user: Option<&'a str>,
    action: &'a str,
    object: &'a str,
    result: &'a str,
    origin: &'a str,
    prev_hash: &'a str,
    hash: &'a str,
}

pub fn run(store: &Store, args: AuditArgs) -> Result<ExitCode> {
    match args.command {
        Some(AuditCommand::Verify) => verify(store),
        None => show(store, &args),
    }
}

/// Where a command ran, as the screens record it: the host's name.
fn origin() -> String {
    std::fs::read_to_string("/etc/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_default()
}

fn show(store: &Store, args: &AuditArgs) -> Result<ExitCode> {
    let filter = AuditFilter {
        user: args.user.clone(),
        household: args.household.as_deref().map(parse_household).transpose()?,
        since: args.since.as_deref().map(parse_day).transpose()?,
    };
    let rows = store.audit_query(&filter)?;
    let names: HashMap<String, String> = store
        .users()?
        .into_iter()
        .map(|u| (loket::store::audit_actor(&u), u.name))
        .collect();
    // Logged before anything is shown: no look at the log without a trace.
    let object = describe(&filter, &names);
    store.audit(
        &cli_actor(),
        "auditlog bekeken",
        &object,
        "gelukt",
        &origin(),
        Utc::now(),
    )?;
    if args.json {
        let json: Vec<JsonRow> = rows
            .iter()
            .map(|row| JsonRow {
                id: row.id,
                at: &row.at,
                actor: &row.actor,
                user: names.get(&row.actor).map(String::as_str),
                action: &row.action,
                object: &row.object,
                result: &row.result,
                origin: &row.origin,
                prev_hash: &row.prev_hash,
                hash: &row.hash,
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&json)?);
    } else {
        print_table(&rows, &names);
    }
    Ok(ExitCode::SUCCESS)
}

/// A day as people write it; without a year the latest such day up to today (a search back).
fn parse_day(text: &str) -> Result<NaiveDate> {
    let today = dutch_local(Utc::now()).date();
    Ok(dates::parse_date(text, today, dates::Toward::Past)?)
}

fn parse_household(text: &str) -> Result<i64> {
    match text.trim().parse::<i64>() {
        Ok(id) if id > 0 => Ok(id),
        _ => bail!(
            "{:?} is geen huishoudnummer; geef het nummer, bijvoorbeeld 12",
            text.trim()
        ),
    }
}

/// The filter as the audit row's object: ids and a date only, never a name. The user has
/// been found by `audit_query` already, so the name is in `names`.
fn describe(filter: &AuditFilter, names: &HashMap<String, String>) -> String {
    let mut parts = Vec::new();
    if let Some(name) = &filter.user {
        let actor = names
            .iter()
            .find(|(_, n)| n.eq_ignore_ascii_case(name.trim()))
            .map(|(actor, _)| actor.clone());
        parts.extend(actor);
    }
    if let Some(household) = filter.household {
        parts.push(format!("huishouden:{household}"));
    }
    if let Some(since) = filter.since {
        parts.push(format!("vanaf:{}", since.format("%Y-%m-%d")));
    }
    if parts.is_empty() {
        "alles".to_string()
    } else {
        parts.join(" ")
    }
}

/// The moment in Dutch local time; a stored value that is not a moment (only after tampering)
/// is shown as it is.
fn local_time(at: &str) -> String {
    DateTime::parse_from_rfc3339(at)
        .map(|t| {
            dutch_local(t.with_timezone(&Utc))
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        })
        .unwrap_or_else(|_| at.to_string())
}

fn print_table(rows: &[AuditRow], names: &HashMap<String, String>) {
    if rows.is_empty() {
        println!("Geen rijen.");
        return;
    }
    let header = [
        "rij",
        "tijd",
        "wie",
        "actie",
        "object",
        "resultaat",
        "herkomst",
    ];
    // Cleaned for the terminal: a tampered log must not be able to move the cursor.
    let cells: Vec<[String; 7]> = rows
        .iter()
        .map(|row| {
            let who = names.get(&row.actor).unwrap_or(&row.actor);
            [
                row.id.to_string(),
                local_time(&row.at),
                who.clone(),
                row.action.clone(),
                row.object.clone(),
                row.result.clone(),
                row.origin.clone(),
            ]
            .map(|cell| for_screen(&cell).into_owned())
        })
        .collect();
    super::table::print_table(&header, &cells);
    println!();
    let noun = if rows.len() == 1 { "rij" } else { "rijen" };
    println!("{} {noun}", rows.len());
}

fn verify(store: &Store) -> Result<ExitCode> {
    let verification = store.verify_audit()?;
    let checked = verification.checked;
    let rows = if checked == 1 { "rij" } else { "rijen" };
    let problems = verification.problems.len();
    let noun = if problems == 1 {
        "probleem"
    } else {
        "problemen"
    };
    let result = if verification.is_intact() {
        format!("intact ({checked} {rows})")
    } else {
        format!("niet intact ({problems} {noun})")
    };
    // Written after the check, so the row records what was found.
    store.audit(
        &cli_actor(),
        "auditlog gecontroleerd",
        "auditlog",
        &result,
        &origin(),
        Utc::now(),
    )?;
    if verification.is_intact() {
        println!("Auditlog intact: {checked} {rows} gecontroleerd");
        return Ok(ExitCode::SUCCESS);
    }
    println!("Auditlog NIET intact: {checked} {rows} gecontroleerd, {problems} {noun}:");
    for problem in &verification.problems {
        println!("  {problem}");
    }
    Ok(ExitCode::FAILURE)
}
