//! Who runs a command: the commands that read or change personal data, accounts, the audit log
//! or the whole database sign in with a Loket account (`--als NAAM` and the PIN), through the
//! same sign-in as the screens, so a wrong PIN counts toward the same lockout. The audit log
//! then names that account, never the operating-system user, which anyone can set.

use std::collections::VecDeque;
use std::io::{IsTerminal as _, Read as _};

use anyhow::{Context, Result, bail};
use chrono::Utc;
use loket::domain::Code;
use loket::domain::account::{Role, User};
use loket::domain::policy::{self, Permission};
use loket::store::{Store, audit_actor};
use strum::VariantArray;

/// The one answer to a refused sign-in: it does not tell an unknown name from a wrong PIN, a
/// blocked or a disabled account.
const REFUSED: &str = "aanmelden mislukt: de naam of de pincode klopt niet, of het account is \
                       geblokkeerd of uitgeschakeld";

/// Where the PINs come from: standard input (`--pin-stdin`: the first line is the PIN of
/// `--als`, the next one a new PIN) or, at a terminal, a prompt that does not echo.
pub struct Pins {
    stdin: bool,
    lines: Option<VecDeque<String>>,
}

impl Pins {
    pub fn new(stdin: bool) -> Pins {
        Pins { stdin, lines: None }
    }

    /// The next PIN; `prompt` is what a terminal user is asked.
    fn next(&mut self, prompt: &str) -> Result<String> {
        if self.stdin {
            let lines = match &mut self.lines {
                Some(lines) => lines,
                None => self.lines.insert(read_stdin_lines()?),
            };
            return lines
                .pop_front()
                .context("er staat geen pincode (meer) op standaardinvoer; één per regel");
        }
        if !std::io::stdin().is_terminal() {
            bail!(
                "geef de pincode op standaardinvoer met --pin-stdin, of draai dit in een terminal"
            );
        }
        rpassword::prompt_password(prompt).context("pincode lezen mislukt")
    }

    /// The PIN of the account signing in.
    pub fn own(&mut self, name: &str) -> Result<String> {
        self.next(&format!(
            "Pincode van {}: ",
            loket::safe_text::for_screen(name.trim())
        ))
    }

    /// A new PIN for an account; at a terminal asked twice, as a typo would lock someone out.
    pub fn new_pin(&mut self) -> Result<String> {
        let pin = self.next("Nieuwe pincode: ")?;
        if !self.stdin && self.next("Nieuwe pincode nog een keer: ")? != pin {
            bail!("de twee pincodes zijn niet gelijk; er is niets veranderd");
        }
        Ok(pin)
    }
}

/// Standard input as lines, without their line ends: a PIN never goes on the command line,
/// where `ps` and the shell history would show it.
fn read_stdin_lines() -> Result<VecDeque<String>> {
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .context("pincode lezen van standaardinvoer mislukt")?;
    Ok(input
        .lines()
        .map(|line| line.trim_end_matches('\r').to_string())
        .collect())
}

/// The signed-in account a command acts for, and where it runs.
pub struct Actor {
    pub user: User,
    pub origin: String,
}

impl Actor {
    /// How the audit log names this account.
    pub fn audit_name(&self) -> String {
        audit_actor(&self.user)
    }
}

/// Signs `name` in and checks that its role allows `permission`; `command` names the command
/// in the message and in the audit row of a refusal.
pub fn sign_in(
    store: &mut Store,
    name: Option<&str>,
    pins: &mut Pins,
    permission: Permission,
    command: &str,
) -> Result<Actor> {
    let Some(name) = name.filter(|n| !n.trim().is_empty()) else {
        bail!(
            "`loket {command}` vraagt een Loket-account met de juiste rol: geef --als \"NAAM\" en \
             de pincode (met --pin-stdin op standaardinvoer, of in de terminal)"
        );
    };
    let pin = pins.own(name)?;
    let origin = loket::host::origin();
    let user = match store.sign_in(name, &pin, Utc::now(), &origin)? {
        Ok(user) => user,
        Err(_) => {
            std::thread::sleep(loket::domain::account::REFUSAL_DELAY);
            bail!(REFUSED);
        }
    };
    let actor = Actor { user, origin };
    if !policy::allows(actor.user.role, permission) {
        store.audit(
            &actor.audit_name(),
            "opdracht geweigerd",
            command,
            "geweigerd: rol",
            &actor.origin,
            Utc::now(),
        )?;
        bail!(
            "`loket {command}` is alleen voor {}; {} is {}",
            allowed_roles(permission),
            loket::safe_text::for_screen(&actor.user.name),
            actor.user.role.code()
        );
    }
    Ok(actor)
}

/// The roles `permission` allows, as a reader says it: "een beheerder" or "een coordinator of
/// een beheerder".
fn allowed_roles(permission: Permission) -> String {
    let roles: Vec<String> = Role::VARIANTS
        .iter()
        .copied()
        .filter(|role| policy::allows(*role, permission))
        .map(|role| format!("een {}", role.code()))
        .collect();
    roles.join(" of ")
}
