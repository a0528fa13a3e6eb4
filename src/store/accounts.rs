//! Accounts: creating users, signing in with a hashed PIN, lockout after wrong PINs, what a
//! beheerder does to an account (reset the PIN, disable, enable; all audited), and the list for
//! the yearly account review.

use argon2::Argon2;
use argon2::password_hash::PasswordHasher;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, TransactionBehavior, params};

use super::access::actor as audit_actor;
use super::columns::{corrupt, parse_time, timestamp};
use super::{Store, StoreError};
use crate::domain::Code;
use crate::domain::account::{
    HiddenCharacters, PinError, Role, SharedAccountName, User, look_alike_key,
    validate_account_name, validate_pin, validate_visible,
};
use crate::domain::policy::{self, Permission};

/// A user to create.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub name: String,
    pub role: Role,
    pub location: String,
    pub teams: Vec<String>,
    pub expertise: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("er bestaat al een gebruiker {0:?}")]
    NameTaken(String),
    #[error("de naam mag niet leeg zijn")]
    EmptyName,
    #[error(transparent)]
    SharedName(#[from] SharedAccountName),
    #[error(transparent)]
    HiddenCharacters(#[from] HiddenCharacters),
    #[error(
        "de naam lijkt te veel op die van het bestaande account {0:?}; kies een naam die ervan te onderscheiden is"
    )]
    LooksLike(String),
    #[error("er zijn al accounts; alleen een beheerder maakt een nieuw account")]
    NotFirst,
    #[error("alleen een beheerder maakt accounts")]
    NotAllowed,
    #[error("onbekende gebruiker {0:?}")]
    UnknownUser(String),
    #[error(transparent)]
    Pin(#[from] PinError),
    #[error("pincode versleutelen mislukt: {0}")]
    Hash(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for AccountError {
    fn from(e: rusqlite::Error) -> Self {
        AccountError::Store(StoreError::Sqlite(e))
    }
}

/// One account as the yearly review lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountReviewRow {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub location: String,
    pub teams: Vec<String>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    /// None when the account never signed in.
    pub last_sign_in_at: Option<DateTime<Utc>>,
}

fn user_from_row(row: &Row) -> rusqlite::Result<User> {
    let role: String = row.get("role")?;
    let locked_until: Option<String> = row.get("locked_until")?;
    Ok(User {
        id: row.get("id")?,
        name: row.get("name")?,
        role: Role::from_code(&role).unwrap_or(Role::Vrijwilliger),
        location: row.get("location")?,
        teams: Vec::new(),
        expertise: Vec::new(),
        active: row.get("active")?,
        failed_attempts: row.get("failed_attempts")?,
        locked_until: locked_until
            .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
            .map(|t| t.with_timezone(&Utc)),
    })
}

/// Who makes an account, for the audit log.
#[derive(Debug, Clone, Copy)]
pub enum CreatedBy<'a> {
    /// A signed-in beheerder.
    Beheerder(&'a User),
    /// Nobody yet: the first beheerder of a database without accounts makes their own.
    FirstBeheerder,
}

const USER_COLUMNS: &str = "id, name, role, location, active, failed_attempts, locked_until";

impl Store {
    pub fn user_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM users", [], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// Creates a user with a PIN that follows the rules, without an audit row: for setting up
    /// data (demo, tests). People's accounts go through [`Store::add_account`].
    pub fn create_user(&mut self, user: &NewUser, pin: &str) -> Result<User, AccountError> {
        self.insert_user(user, pin, None)
    }

    /// Creates an account, audited under who made it: a beheerder, or the first beheerder of
    /// a database without accounts (then the new account is its own creator, and any account
    /// already there refuses it).
    pub fn add_account(
        &mut self,
        user: &NewUser,
        pin: &str,
        by: CreatedBy,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<User, AccountError> {
        self.insert_user(user, pin, Some((by, origin, now)))
    }

    /// The PIN is stored only as an argon2 hash.
    fn insert_user(
        &mut self,
        user: &NewUser,
        pin: &str,
        audit: Option<(CreatedBy, &str, DateTime<Utc>)>,
    ) -> Result<User, AccountError> {
        let name = user.name.trim();
        if name.is_empty() {
            return Err(AccountError::EmptyName);
        }
        validate_visible(name, "de naam")?;
        validate_account_name(name)?;
        validate_visible(&user.location, "de locatie")?;
        for team in &user.teams {
            validate_visible(team, "een team")?;
        }
        match audit {
            Some((CreatedBy::Beheerder(by), ..))
                if !policy::allows(by.role, Permission::ManageAccounts) =>
            {
                return Err(AccountError::NotAllowed);
            }
            Some((CreatedBy::FirstBeheerder, ..)) if user.role != Role::Beheerder => {
                return Err(AccountError::NotFirst);
            }
            _ => {}
        }
        validate_pin(pin, name)?;
        let hash = hash_pin(pin)?;
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let names: Vec<String> = tx
            .prepare("SELECT name FROM users")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        if matches!(audit, Some((CreatedBy::FirstBeheerder, ..))) && !names.is_empty() {
            return Err(AccountError::NotFirst);
        }
        if let Some(taken) = names.iter().find(|n| n.eq_ignore_ascii_case(name)) {
            return Err(AccountError::NameTaken(taken.clone()));
        }
        let key = look_alike_key(name);
        if let Some(twin) = names.iter().find(|n| look_alike_key(n) == key) {
            return Err(AccountError::LooksLike(
                crate::safe_text::for_screen(twin).into_owned(),
            ));
        }
        tx.execute(
            "INSERT INTO users (name, role, location, pin_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![name, user.role.code(), user.location.trim(), hash, timestamp(Utc::now())],
        )?;
        let id = tx.last_insert_rowid();
        for team in &user.teams {
            tx.execute(
                "INSERT OR IGNORE INTO user_teams (user_id, team) VALUES (?1, ?2)",
                params![id, team],
            )?;
        }
        for code in &user.expertise {
            tx.execute(
                "INSERT OR IGNORE INTO user_expertise (user_id, leefgebied) VALUES (?1, ?2)",
                params![id, code],
            )?;
        }
        if let Some((by, origin, now)) = audit {
            let object = format!("gebruiker:{id}");
            let (actor, action) = match by {
                CreatedBy::Beheerder(by) => (audit_actor(by), "account aangemaakt"),
                CreatedBy::FirstBeheerder => (object.clone(), "eerste beheerder aangemaakt"),
            };
            let result = format!("gelukt: {}", user.role.code());
            self.audit(&actor, action, &object, &result, origin, now)?;
        }
        tx.commit()?;
        self.user(name)?
            .ok_or_else(|| AccountError::UnknownUser(name.to_string()))
    }

    /// A user by name (any case), with teams and expertise.
    pub fn user(&self, name: &str) -> Result<Option<User>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE name = ?1");
        let user = self
            .conn
            .query_row(&sql, [name.trim()], user_from_row)
            .optional()?;
        user.map(|u| self.with_memberships(u)).transpose()
    }

    /// A user by id, with teams and expertise.
    pub(super) fn user_by_id(&self, id: i64) -> Result<Option<User>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?1");
        let user = self.conn.query_row(&sql, [id], user_from_row).optional()?;
        user.map(|u| self.with_memberships(u)).transpose()
    }

    /// All users, by name.
    pub fn users(&self) -> Result<Vec<User>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users ORDER BY name");
        let mut stmt = self.conn.prepare(&sql)?;
        let users: Vec<User> = stmt
            .query_map([], user_from_row)?
            .collect::<Result<_, _>>()?;
        users
            .into_iter()
            .map(|u| self.with_memberships(u))
            .collect()
    }

    fn with_memberships(&self, mut user: User) -> Result<User, StoreError> {
        let strings = |sql: &str| -> Result<Vec<String>, StoreError> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map([user.id], |r| r.get(0))?;
            Ok(rows.collect::<Result<_, _>>()?)
        };
        user.teams = strings("SELECT team FROM user_teams WHERE user_id = ?1 ORDER BY team")?;
        user.expertise = strings(
            "SELECT leefgebied FROM user_expertise WHERE user_id = ?1 ORDER BY leefgebied",
        )?;
        Ok(user)
    }

    /// Disables an account without an audit row, for setting up data; a beheerder's action
    /// goes through [`Store::disable_user_by`].
    pub fn disable_user(&mut self, name: &str) -> Result<(), AccountError> {
        self.set_active(name, false, None).map(|_| ())
    }

    /// Disables an account: it stays, for the log and the cases it worked on, but cannot sign
    /// in. Audited.
    pub fn disable_user_by(
        &mut self,
        name: &str,
        actor: &str,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<User, AccountError> {
        self.set_active(name, false, Some((actor, origin, now)))
    }

    /// Lets a disabled account sign in again. Audited.
    pub fn enable_user(
        &mut self,
        name: &str,
        actor: &str,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<User, AccountError> {
        self.set_active(name, true, Some((actor, origin, now)))
    }

    fn set_active(
        &mut self,
        name: &str,
        active: bool,
        audit: Option<(&str, &str, DateTime<Utc>)>,
    ) -> Result<User, AccountError> {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let id: Option<i64> = tx
            .query_row(
                "UPDATE users SET active = ?1 WHERE name = ?2 RETURNING id",
                params![active, name.trim()],
                |r| r.get(0),
            )
            .optional()?;
        let Some(id) = id else {
            return Err(AccountError::UnknownUser(name.trim().to_string()));
        };
        if let Some((actor, origin, now)) = audit {
            let action = if active {
                "account ingeschakeld"
            } else {
                "account uitgeschakeld"
            };
            self.audit(
                actor,
                action,
                &format!("gebruiker:{id}"),
                "gelukt",
                origin,
                now,
            )?;
        }
        tx.commit()?;
        self.user(name)?
            .ok_or_else(|| AccountError::UnknownUser(name.trim().to_string()))
    }

    /// Gives an account a new PIN, as a beheerder does for someone who forgot theirs: the rules
    /// apply as for a new account, and a lockout ends. Audited, without the PIN.
    pub fn reset_pin(
        &mut self,
        name: &str,
        new_pin: &str,
        actor: &str,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<User, AccountError> {
        let user = self
            .user(name)?
            .ok_or_else(|| AccountError::UnknownUser(name.trim().to_string()))?;
        validate_pin(new_pin, &user.name)?;
        let hash = hash_pin(new_pin)?;
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        tx.execute(
            "UPDATE users SET pin_hash = ?1, failed_attempts = 0, lockouts = 0, locked_until = NULL\n              WHERE id = ?2",
            params![hash, user.id],
        )?;
        self.audit(
            actor,
            "pincode opnieuw ingesteld",
            &audit_actor(&user),
            "gelukt",
            origin,
            now,
        )?;
        tx.commit()?;
        Ok(self.user(&user.name)?.unwrap_or(user))
    }

    /// Gives an account another role; its open sessions end (see
    /// [`Store::session_is_current`]), so the new rights apply from the next sign-in. Audited
    /// with the old and the new role.
    pub fn change_role(
        &mut self,
        name: &str,
        role: Role,
        actor: &str,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<User, AccountError> {
        let user = self
            .user(name)?
            .ok_or_else(|| AccountError::UnknownUser(name.trim().to_string()))?;
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        tx.execute(
            "UPDATE users SET role = ?1 WHERE id = ?2",
            params![role.code(), user.id],
        )?;
        self.audit(
            actor,
            "rol gewijzigd",
            &audit_actor(&user),
            &format!("gelukt: {} naar {}", user.role.code(), role.code()),
            origin,
            now,
        )?;
        tx.commit()?;
        Ok(self.user(&user.name)?.unwrap_or(user))
    }

    /// Every account with its last sign-in, by name, for the yearly review of who still needs
    /// access.
    pub fn account_review(&self) -> Result<Vec<AccountReviewRow>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, name, role, location, active, created_at, last_sign_in_at
               FROM users ORDER BY name",
        )?;
        let mut teams = self
            .conn
            .prepare("SELECT team FROM user_teams WHERE user_id = ?1 ORDER BY team")?;
        let mut rows = stmt.query([])?;
        let mut review = Vec::new();
        while let Some(row) = rows.next()? {
            let id: i64 = row.get("id")?;
            let role: String = row.get("role")?;
            let created_at: String = row.get("created_at")?;
            let last: Option<String> = row.get("last_sign_in_at")?;
            review.push(AccountReviewRow {
                id,
                name: row.get("name")?,
                role: Role::from_code(&role)
                    .ok_or_else(|| corrupt("users", id, format!("rol {role:?}")))?,
                location: row.get("location")?,
                teams: teams
                    .query_map([id], |r| r.get(0))?
                    .collect::<Result<_, _>>()?,
                active: row.get("active")?,
                created_at: parse_time(&created_at, "users", id)?,
                last_sign_in_at: last.map(|at| parse_time(&at, "users", id)).transpose()?,
            });
        }
        Ok(review)
    }
}

/// The argon2 hash of a PIN, with a fresh salt; the PIN itself is never stored.
fn hash_pin(pin: &str) -> Result<String, AccountError> {
    Ok(Argon2::default()
        .hash_password(pin.as_bytes())
        .map_err(|e| AccountError::Hash(e.to_string()))?
        .to_string())
}
