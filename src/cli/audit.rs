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
use loket::safe_text::{for_screen, json_for_screen};
use loket::store::{AuditFilter, AuditRow, Store, rows_text};
use serde::Serialize;

use super::identity::Actor;

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
    /// Controleer of het auditlog een ongebroken keten is en niets mist sinds de vorige
    /// controle; elke gewijzigde of ontbrekende rij wordt genoemd (exitcode 1).
    Verify(VerifyArgs),
}

#[derive(Debug, Args)]
struct VerifyArgs {
    /// Leg een nieuw controlepunt vast hoewel het vorige niet meer klopt, bijvoorbeeld na het
    /// terugzetten van een oudere back-up. Alleen als het log zelf intact is; de reden (zonder
    /// persoonsgegevens) komt in het auditlog.
    #[arg(long, value_name = "REDEN")]
    nieuw_controlepunt: Option<String>,
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

pub fn run(store: &Store, args: AuditArgs, actor: &Actor) -> Result<ExitCode> {
    match args.command {
        Some(AuditCommand::Verify(verify_args)) => verify(store, verify_args, actor),
        None => show(store, &args, actor),
    }
}

fn show(store: &Store, args: &AuditArgs, actor: &Actor) -> Result<ExitCode> {
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
        &actor.audit_name(),
        "auditlog bekeken",
        &object,
        "gelukt",
        &actor.origin,
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
        println!("{}", json_for_screen(&serde_json::to_string_pretty(&json)?));
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

fn verify(store: &Store, args: VerifyArgs, actor: &Actor) -> Result<ExitCode> {
    let reason = match args.nieuw_controlepunt.as_deref().map(str::trim) {
        Some("") => bail!("geef bij --nieuw-controlepunt een reden op (zonder persoonsgegevens)"),
        reason => reason.map(loket::safe_text::for_log),
    };
    let anchored = store.verify_audit_anchored(Utc::now(), reason.is_some())?;
    let verification = &anchored.verification;
    let checked = verification.checked;
    let rows = if checked == 1 { "rij" } else { "rijen" };
    let problems = verification.problems.len();
    let noun = if problems == 1 {
        "probleem"
    } else {
        "problemen"
    };
    let renewed = !verification.is_intact() && anchored.recorded.is_some();
    let result = if verification.is_intact() {
        format!("intact ({checked} {rows})")
    } else if renewed {
        let reason = reason.as_deref().unwrap_or_default();
        format!("nieuw controlepunt ondanks {problems} {noun}; reden: {reason}")
    } else {
        format!("niet intact ({problems} {noun})")
    };
    // Written after the check, so the row records what was found.
    store.audit(
        &actor.audit_name(),
        "auditlog gecontroleerd",
        "auditlog",
        &result,
        &actor.origin,
        Utc::now(),
    )?;
    if let Some(previous) = &anchored.previous {
        println!(
            "Vorige controle: {}, {} t/m rij {}",
            previous.local_time(),
            rows_text(previous.rows),
            previous.head_id
        );
    }
    if renewed {
        println!("Het vorige controlepunt klopt niet meer:");
        for problem in &verification.problems {
            println!("  {problem}");
        }
    }
    if verification.is_intact() || renewed {
        println!("Auditlog intact: {checked} {rows} gecontroleerd");
        if let Some(anchor) = &anchored.recorded {
            // Printed too, so it can be kept somewhere the host cannot reach.
            let hash = if anchor.head_hash.is_empty() {
                String::new()
            } else {
                format!(", hash {}", anchor.head_hash)
            };
            println!(
                "Controlepunt: {} t/m rij {}{hash} (bewaard in {})",
                rows_text(anchor.rows),
                anchor.head_id,
                anchored.file.display()
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    println!("Auditlog NIET intact: {checked} {rows} gecontroleerd, {problems} {noun}:");
    for problem in &verification.problems {
        println!("  {problem}");
    }
    if reason.is_some() {
        println!("Geen nieuw controlepunt: het log zelf is niet intact.");
    }
    Ok(ExitCode::FAILURE)
}
