//! `loket user`: accounts from the command line, for the beheerder and for scripts. What
//! changes an account is audited under the operating-system account that ran the command.

use std::io::Read;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, SecondsFormat, Utc};
use clap::{Args, Subcommand};
use loket::domain::Leefgebieden;
use loket::domain::account::{REVIEW_UNUSED_MONTHS, Role, unused_for_review};
use loket::domain::hours::dutch_local;
use loket::domain::postcodes::Postcodes;
use loket::domain::queue::find_team;
use loket::safe_text::for_screen;
use loket::store::{AccountReviewRow, NewUser, Store};
use serde::Serialize;

/// The origin of what the command line does, in the audit log.
const ORIGIN: &str = "cli";

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Maak een account; de pincode komt van standaardinvoer (--pin-stdin).
    Add(AddArgs),
    /// Toon alle accounts.
    List,
    /// Schakel een account uit (het blijft bestaan voor het logboek).
    Disable {
        /// De naam van het account.
        name: String,
    },
    /// Schakel een uitgeschakeld account weer in.
    Enable {
        /// De naam van het account.
        name: String,
    },
    /// Geef een account een nieuwe pincode (van standaardinvoer); een blokkade vervalt.
    ResetPin {
        /// De naam van het account.
        name: String,
        /// Lees de nieuwe pincode van standaardinvoer (eerste regel).
        #[arg(long, required = true)]
        pin_stdin: bool,
    },
    /// De jaarlijkse controle: alle accounts met de laatste aanmelding.
    Review {
        /// Uitvoer als JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Volledige naam van de gebruiker.
    name: String,
    /// vrijwilliger, medewerker of beheerder.
    #[arg(long)]
    role: String,
    /// Vaste werkplek, bijvoorbeeld "STIP De Weide" of "KCC".
    #[arg(long, default_value = "")]
    locatie: String,
    /// Team waar de gebruiker bij hoort; mag vaker.
    #[arg(long = "team")]
    teams: Vec<String>,
    /// Leefgebied waarin een medewerker deskundig is (code); mag vaker.
    #[arg(long = "expertise")]
    expertise: Vec<String>,
    /// Lees de pincode van standaardinvoer (eerste regel).
    #[arg(long, required = true)]
    pin_stdin: bool,
}

pub fn run(store: &mut Store, command: UserCommand) -> Result<ExitCode> {
    match command {
        UserCommand::Add(args) => add(store, args),
        UserCommand::List => {
            for user in store.users()? {
                let state = if user.active { "" } else { " (uitgeschakeld)" };
                let teams = if user.teams.is_empty() {
                    String::new()
                } else {
                    format!(" · teams: {}", user.teams.join(", "))
                };
                println!(
                    "{} · {} · {}{teams}{state}",
                    user.name,
                    user.role.code(),
                    user.location
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        UserCommand::Disable { name } => {
            let user =
                store.disable_user_by(&name, &crate::cli::cli_actor(), ORIGIN, Utc::now())?;
            println!("Account {} is uitgeschakeld.", for_screen(&user.name));
            Ok(ExitCode::SUCCESS)
        }
        UserCommand::Enable { name } => {
            let user = store.enable_user(&name, &crate::cli::cli_actor(), ORIGIN, Utc::now())?;
            println!("Account {} is weer ingeschakeld.", for_screen(&user.name));
            Ok(ExitCode::SUCCESS)
        }
        UserCommand::ResetPin { name, .. } => {
            let pin = read_pin()?;
            let user =
                store.reset_pin(&name, &pin, &crate::cli::cli_actor(), ORIGIN, Utc::now())?;
            println!(
                "Account {} heeft een nieuwe pincode.",
                for_screen(&user.name)
            );
            Ok(ExitCode::SUCCESS)
        }
        UserCommand::Review { json } => review(store, json),
    }
}

/// The first line of standard input: a PIN never goes on the command line, where `ps` and the
/// shell history would show it.
fn read_pin() -> Result<String> {
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .context("pincode lezen van standaardinvoer mislukt")?;
    Ok(input
        .lines()
        .next()
        .unwrap_or("")
        .trim_end_matches('\r')
        .to_string())
}

fn add(store: &mut Store, args: AddArgs) -> Result<ExitCode> {
    let Some(role) = Role::from_code(&args.role) else {
        bail!("onbekende rol {:?}; kies uit: {}", args.role, Role::codes());
    };
    let leefgebieden = Leefgebieden::builtin();
    let expertise = args
        .expertise
        .iter()
        .map(|code| {
            leefgebieden
                .resolve(code)
                .map(|l| l.code.clone())
                .with_context(|| {
                    format!(
                        "onbekend leefgebied {code:?}; kies uit: {}",
                        leefgebieden.codes()
                    )
                })
        })
        .collect::<Result<_>>()?;
    let postcodes = Postcodes::builtin();
    let teams = args
        .teams
        .iter()
        .map(|team| {
            find_team(team, &leefgebieden, &postcodes.wijken())
                .map(|found| found.label(&leefgebieden))
                .map_err(anyhow::Error::msg)
        })
        .collect::<Result<Vec<_>>>()?;
    let pin = read_pin()?;
    let user = NewUser {
        name: args.name,
        role,
        location: args.locatie,
        teams,
        expertise,
    };
    let created = store.create_user(&user, &pin)?;
    println!(
        "Account {} ({}) is aangemaakt.",
        created.name,
        created.role.code()
    );
    Ok(ExitCode::SUCCESS)
}

/// One account as `user review --json` prints it.
#[derive(Debug, Serialize)]
struct JsonAccount<'a> {
    name: &'a str,
    role: &'static str,
    location: &'a str,
    teams: &'a [String],
    active: bool,
    created_at: String,
    last_sign_in_at: Option<String>,
    /// Active, and unused for a year or never used: still needed?
    review: bool,
}

/// The yearly review: every account, when it last signed in, and a "!" at active accounts
/// nobody used for a year, so the beheerder asks whether they are still needed. Looking at the
/// list is audited like any look at people's data.
fn review(store: &Store, json: bool) -> Result<ExitCode> {
    let now = Utc::now();
    let rows = store.account_review()?;
    store.audit(
        &crate::cli::cli_actor(),
        "accounts controleren",
        "gebruikers",
        "gelukt",
        ORIGIN,
        now,
    )?;
    let flagged =
        |row: &AccountReviewRow| row.active && unused_for_review(row.last_sign_in_at, now);
    if json {
        let rfc3339 = |at: DateTime<Utc>| at.to_rfc3339_opts(SecondsFormat::Secs, true);
        let accounts: Vec<JsonAccount> = rows
            .iter()
            .map(|row| JsonAccount {
                name: &row.name,
                role: row.role.code(),
                location: &row.location,
                teams: &row.teams,
                active: row.active,
                created_at: rfc3339(row.created_at),
                last_sign_in_at: row.last_sign_in_at.map(rfc3339),
                review: flagged(row),
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&accounts)?);
        return Ok(ExitCode::SUCCESS);
    }
    if rows.is_empty() {
        println!("Geen accounts.");
        return Ok(ExitCode::SUCCESS);
    }
    let date = |at: DateTime<Utc>| dutch_local(at).format("%Y-%m-%d").to_string();
    let header = [
        "naam",
        "rol",
        "locatie",
        "actief",
        "aangemaakt",
        "laatst aangemeld",
        "",
    ];
    let table: Vec<[String; 7]> = rows
        .iter()
        .map(|row| {
            [
                for_screen(&row.name).into_owned(),
                row.role.code().to_string(),
                for_screen(&row.location).into_owned(),
                if row.active { "ja" } else { "nee" }.to_string(),
                date(row.created_at),
                row.last_sign_in_at
                    .map_or_else(|| "nooit".to_string(), date),
                if flagged(row) { "!" } else { "" }.to_string(),
            ]
        })
        .collect();
    super::table::print_table(&header, &table);
    let flagged_count = rows.iter().filter(|row| flagged(row)).count();
    println!();
    let noun = if rows.len() == 1 {
        "account"
    } else {
        "accounts"
    };
    println!(
        "{} {noun}, waarvan {flagged_count} actief maar meer dan {REVIEW_UNUSED_MONTHS} maanden \
         niet of nooit aangemeld (!)",
        rows.len()
    );
    if flagged_count > 0 {
        println!(
            "Is zo'n account nog nodig? Zo niet: loket user disable NAAM. Weer nodig: loket user \
             enable NAAM."
        );
    }
    Ok(ExitCode::SUCCESS)
}
