//! `loket user`: accounts from the command line, for the beheerder and for scripts. Every
//! subcommand is audited under the beheerder's account that signed in (`--als`).

use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, SecondsFormat, Utc};
use clap::{Args, Subcommand};
use loket::domain::Code;
use loket::domain::account::{REVIEW_UNUSED_MONTHS, Role, unused_for_review};
use loket::domain::hours::dutch_local;
use loket::domain::queue::find_team;
use loket::safe_text::{for_screen, json_for_screen};
use loket::store::{AccountReviewRow, CreatedBy, NewUser, Store};
use serde::Serialize;

use super::identity::{Actor, Pins};

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Maak een account; de nieuwe pincode komt van standaardinvoer (--pin-stdin) of uit de
    /// terminal.
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
    /// Geef een account een nieuwe pincode; een blokkade vervalt.
    ResetPin {
        /// De naam van het account.
        name: String,
    },
    /// Geef een account een andere rol; open sessies van het account eindigen.
    Role {
        /// De naam van het account.
        name: String,
        /// vrijwilliger, medewerker, coordinator of beheerder.
        #[arg(long)]
        role: String,
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
}

impl UserCommand {
    /// Whether this makes a beheerder: the one thing an empty database allows without an
    /// account, for its first beheerder.
    pub fn adds_beheerder(&self) -> bool {
        matches!(self, UserCommand::Add(args) if Role::from_code(&args.role) == Some(Role::Beheerder))
    }
}

/// Runs `command` for `actor`; without an actor only the first beheerder of an empty
/// database is made.
pub fn run(
    store: &mut Store,
    command: UserCommand,
    actor: Option<&Actor>,
    pins: &mut Pins,
) -> Result<ExitCode> {
    let Some(actor) = actor else {
        return match command {
            UserCommand::Add(args) => add(store, args, None, pins),
            _ => bail!("alleen de eerste beheerder wordt zonder account gemaakt"),
        };
    };
    let (by, origin, now) = (actor.audit_name(), actor.origin.as_str(), Utc::now());
    match command {
        UserCommand::Add(args) => add(store, args, Some(actor), pins),
        UserCommand::List => {
            store.audit(&by, "accounts bekeken", "gebruikers", "gelukt", origin, now)?;
            for user in store.users()? {
                let state = if user.active { "" } else { " (uitgeschakeld)" };
                let teams = if user.teams.is_empty() {
                    String::new()
                } else {
                    format!(" · teams: {}", user.teams.join(", "))
                };
                let line = format!(
                    "{} · {} · {}{teams}{state}",
                    user.name,
                    user.role.code(),
                    user.location
                );
                println!("{}", for_screen(&line));
            }
            Ok(ExitCode::SUCCESS)
        }
        UserCommand::Disable { name } => {
            let user = store.disable_user_by(&name, &by, origin, now)?;
            println!("Account {} is uitgeschakeld.", for_screen(&user.name));
            Ok(ExitCode::SUCCESS)
        }
        UserCommand::Enable { name } => {
            let user = store.enable_user(&name, &by, origin, now)?;
            println!("Account {} is weer ingeschakeld.", for_screen(&user.name));
            Ok(ExitCode::SUCCESS)
        }
        UserCommand::ResetPin { name } => {
            let pin = pins.new_pin()?;
            let user = store.reset_pin(&name, &pin, &by, origin, now)?;
            println!(
                "Account {} heeft een nieuwe pincode.",
                for_screen(&user.name)
            );
            Ok(ExitCode::SUCCESS)
        }
        UserCommand::Role { name, role } => {
            let Some(role) = Role::from_code(&role) else {
                bail!(
                    "onbekende rol {:?}; kies uit: {}",
                    for_screen(&role),
                    Role::codes()
                );
            };
            let user = store.change_role(&name, role, &by, origin, now)?;
            println!(
                "Account {} is nu {}.",
                for_screen(&user.name),
                user.role.code()
            );
            Ok(ExitCode::SUCCESS)
        }
        UserCommand::Review { json } => review(store, json, actor),
    }
}

fn add(
    store: &mut Store,
    args: AddArgs,
    actor: Option<&Actor>,
    pins: &mut Pins,
) -> Result<ExitCode> {
    let Some(role) = Role::from_code(&args.role) else {
        bail!("onbekende rol {:?}; kies uit: {}", args.role, Role::codes());
    };
    let reference = Arc::clone(store.reference());
    let leefgebieden = &reference.leefgebieden;
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
    let teams = args
        .teams
        .iter()
        .map(|team| {
            find_team(team, &reference)
                .map(|found| found.label(&reference))
                .map_err(anyhow::Error::msg)
        })
        .collect::<Result<Vec<_>>>()?;
    let pin = pins.new_pin()?;
    let user = NewUser {
        name: args.name,
        role,
        location: args.locatie,
        teams,
        expertise,
    };
    let (by, origin) = match actor {
        Some(actor) => (CreatedBy::Beheerder(&actor.user), actor.origin.clone()),
        None => (CreatedBy::FirstBeheerder, loket::host::origin()),
    };
    let created = store.add_account(&user, &pin, by, &origin, Utc::now())?;
    println!(
        "Account {} ({}) is aangemaakt.",
        for_screen(&created.name),
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
fn review(store: &Store, json: bool, actor: &Actor) -> Result<ExitCode> {
    let now = Utc::now();
    let rows = store.account_review()?;
    store.audit(
        &actor.audit_name(),
        "accounts controleren",
        "gebruikers",
        "gelukt",
        &actor.origin,
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
        println!(
            "{}",
            json_for_screen(&serde_json::to_string_pretty(&accounts)?)
        );
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
