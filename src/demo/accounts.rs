//! The demo accounts: one per desk and team of the sample gemeente, all with the demo PIN.

use crate::domain::account::{Role, User};
use crate::store::{AccountError, NewUser, Store};

use super::{DEMO_PIN, DemoError};

/// A demo account: name marked as demo, desk and teams as real users would have them.
pub(super) struct DemoAccount {
    pub(super) name: &'static str,
    role: Role,
    location: &'static str,
    pub(super) teams: &'static [&'static str],
    pub(super) expertise: &'static [&'static str],
}

const fn account(
    name: &'static str,
    role: Role,
    location: &'static str,
    teams: &'static [&'static str],
    expertise: &'static [&'static str],
) -> DemoAccount {
    DemoAccount {
        name,
        role,
        location,
        teams,
        expertise,
    }
}

const LOKET: &str = "Loket Lindendaal";

/// The desks come first: [`DESK_WEIGHTS`] refers to them by position.
pub(super) const ACCOUNTS: [DemoAccount; 16] = [
    account("Demo Dirk (KCC)", Role::Medewerker, "KCC", &["KCC"], &[]),
    account(
        "Demo Anna (STIP)",
        Role::Vrijwilliger,
        "STIP De Weide",
        &[],
        &[],
    ),
    account(
        "Demo Bram (STIP)",
        Role::Vrijwilliger,
        "STIP Oosterpark",
        &[],
        &[],
    ),
    account(
        "Demo Chantal (CJG)",
        Role::Vrijwilliger,
        "CJG Centrum",
        &[],
        &[],
    ),
    account(
        "Demo Esra (Loket)",
        Role::Medewerker,
        LOKET,
        &["Loket Geldzaken & schulden", "Loket Werk & inkomen"],
        &["geldzaken-schulden", "werk-inkomen"],
    ),
    account(
        "Demo Femke (Loket)",
        Role::Medewerker,
        LOKET,
        &[
            "Loket Zorg & ondersteuning (Wmo)",
            "Loket Mantelzorg",
            "Loket Gezondheid",
        ],
        &["zorg-ondersteuning", "mantelzorg", "gezondheid"],
    ),
    account(
        "Demo Gijs (Loket)",
        Role::Medewerker,
        LOKET,
        &[
            "Loket Wonen",
            "Loket Meedoen & ontmoeten",
            "Loket Taal & digitale vaardigheden",
        ],
        &["wonen", "meedoen-ontmoeten", "taal-digitaal"],
    ),
    account(
        "Demo Hanna (Loket)",
        Role::Medewerker,
        LOKET,
        &[
            "Loket Opvoeden & opgroeien",
            "Loket Veiligheid & huiselijk geweld",
        ],
        &["opvoeden-opgroeien", "veiligheid"],
    ),
    account(
        "Demo Ilse (Sociaal Team)",
        Role::Medewerker,
        "Sociaal Team De Weide",
        &["Sociaal Team De Weide"],
        &[],
    ),
    account(
        "Demo Jeroen (Sociaal Team)",
        Role::Medewerker,
        "Sociaal Team Oosterpark",
        &["Sociaal Team Oosterpark"],
        &[],
    ),
    account(
        "Demo Kees (Sociaal Team)",
        Role::Medewerker,
        "Sociaal Team Centrum",
        &["Sociaal Team Centrum"],
        &[],
    ),
    account(
        "Demo Lisa (Sociaal Team)",
        Role::Medewerker,
        "Sociaal Team Noorderhaven",
        &["Sociaal Team Noorderhaven"],
        &[],
    ),
    account(
        "Demo Mo (Sociaal Team)",
        Role::Medewerker,
        "Sociaal Team Kanaalzone",
        &["Sociaal Team Kanaalzone", "Sociaal Team Ooij aan de Linde"],
        &[],
    ),
    account(
        "Demo Noor (Expertiseteam)",
        Role::Medewerker,
        "Expertiseteam",
        &["Expertiseteam"],
        &[],
    ),
    account(
        "Demo Olaf (coördinator)",
        Role::Coordinator,
        "Gemeente Lindendaal",
        &[],
        &[],
    ),
    account(
        "Demo Bea (beheerder)",
        Role::Beheerder,
        "Gemeente Lindendaal",
        &[],
        &[],
    ),
];

/// Share of contacts per desk (KCC, STIP De Weide, STIP Oosterpark, CJG Centrum).
pub(super) const DESK_WEIGHTS: [u32; 4] = [50, 18, 17, 15];
pub(super) const KCC: usize = 0;
pub(super) const CJG: usize = 3;
pub(super) const EXPERTISETEAM: usize = 13;

/// The demo accounts, made when missing (a second run reuses them). Called only once the
/// database is marked demo, so the store flags each new one as a demo account.
pub(super) fn demo_accounts(store: &mut Store) -> Result<Vec<User>, DemoError> {
    let mut users = Vec::with_capacity(ACCOUNTS.len());
    for demo in &ACCOUNTS {
        if let Some(user) = store.user(demo.name)? {
            users.push(user);
            continue;
        }
        let new = NewUser {
            name: demo.name.to_string(),
            role: demo.role,
            location: demo.location.to_string(),
            teams: demo.teams.iter().map(|t| t.to_string()).collect(),
            expertise: demo.expertise.iter().map(|e| e.to_string()).collect(),
        };
        let user = store.create_user(&new, DEMO_PIN).map_err(|e| match e {
            AccountError::Store(e) => DemoError::Store(e),
            other => DemoError::Store(crate::store::StoreError::Corrupt {
                table: "users",
                id: demo.name.to_string(),
                problem: other.to_string(),
            }),
        })?;
        users.push(user);
    }
    Ok(users)
}
