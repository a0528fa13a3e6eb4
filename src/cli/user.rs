//! `loket user`: accounts from the command line, for the beheerder and for scripts.

use std::io::Read;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use loket::domain::Leefgebieden;
use loket::domain::account::Role;
use loket::store::{NewUser, Store};

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
            store.disable_user(&name)?;
            println!("Account {name} is uitgeschakeld.");
            Ok(ExitCode::SUCCESS)
        }
    }
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
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .context("pincode lezen van standaardinvoer mislukt")?;
    let pin = input.lines().next().unwrap_or("").trim_end_matches('\r');
    let user = NewUser {
        name: args.name,
        role,
        location: args.locatie,
        teams: args.teams,
        expertise,
    };
    let created = store.create_user(&user, pin)?;
    println!(
        "Account {} ({}) is aangemaakt.",
        created.name,
        created.role.code()
    );
    Ok(ExitCode::SUCCESS)
}
