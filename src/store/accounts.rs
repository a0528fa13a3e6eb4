//! Accounts: creating users, signing in with a hashed PIN, lockout after wrong PINs, what a
//! beheerder does to an account (reset the PIN, disable, enable; all audited), and the list for
//! the yearly account review.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, TransactionBehavior, params};

use super::access::actor as audit_actor;
use super::columns::{corrupt, parse_time, timestamp};
use super::{Store, StoreError};
use crate::domain::account::{
    PinError, Role, SharedAccountName, User, after_failed_attempt, validate_account_name,
    validate_pin,
};

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

/// Why a sign-in did not succeed. Unknown name and wrong PIN read the same to the user, so a
/// stranger at the desk cannot probe which names exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInRefusal {
    WrongNameOrPin,
    LockedUntil(DateTime<Utc>),
    Disabled,
    /// A demo account, or the published demo PIN, outside a demo database.
    DemoOnly,
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

const USER_COLUMNS: &str = "id, name, role, location, active, failed_attempts, locked_until";

impl Store {
    pub fn user_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM users", [], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// Creates a user with a PIN that follows the rules; the PIN is stored only as an argon2 hash.
    pub fn create_user(&mut self, user: &NewUser, pin: &str) -> Result<User, AccountError> {
        let name = user.name.trim();
        if name.is_empty() {
            return Err(AccountError::EmptyName);
        }
        validate_account_name(name)?;
        validate_pin(pin, name)?;
        let hash = hash_pin(pin)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let taken: bool = tx
            .query_row("SELECT 1 FROM users WHERE name = ?1", [name], |_| Ok(()))
            .optional()?
            .is_some();
        if taken {
            return Err(AccountError::NameTaken(name.to_string()));
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
            "UPDATE users SET pin_hash = ?1, failed_attempts = 0, locked_until = NULL WHERE id = ?2",
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

    /// Checks a PIN at `now`. Wrong PINs count towards a lockout that survives restarts; a
    /// right PIN resets the count. Every attempt is audited (by user id, never the PIN).
    pub fn sign_in(
        &mut self,
        name: &str,
        pin: &str,
        now: DateTime<Utc>,
        origin: &str,
    ) -> Result<Result<User, SignInRefusal>, StoreError> {
        let found: Option<(User, String)> = self
            .conn
            .query_row(
                &format!("SELECT {USER_COLUMNS}, pin_hash FROM users WHERE name = ?1"),
                [name.trim()],
                |r| Ok((user_from_row(r)?, r.get("pin_hash")?)),
            )
            .optional()?;
        let Some((user, hash)) = found else {
            self.audit(
                &format!("naam:{}", name.trim().len()),
                "aanmelden",
                "",
                "onbekende naam",
                origin,
                now,
            )?;
            return Ok(Err(SignInRefusal::WrongNameOrPin));
        };
        let actor = audit_actor(&user);
        if !user.active {
            self.audit(
                &actor,
                "aanmelden",
                "",
                "account uitgeschakeld",
                origin,
                now,
            )?;
            return Ok(Err(SignInRefusal::Disabled));
        }
        if let Some(until) = user.locked_until.filter(|until| *until > now) {
            self.audit(&actor, "aanmelden", "", "account geblokkeerd", origin, now)?;
            return Ok(Err(SignInRefusal::LockedUntil(until)));
        }
        if Argon2::default()
            .verify_password(pin.as_bytes(), hash.as_str())
            .is_ok()
        {
            if let Some(reason) = self.demo_sign_in_refusal(user.id, pin)? {
                self.audit(&actor, "aanmelden", "", reason, origin, now)?;
                return Ok(Err(SignInRefusal::DemoOnly));
            }
            self.conn.execute(
                "UPDATE users SET failed_attempts = 0, locked_until = NULL, last_sign_in_at = ?2
                  WHERE id = ?1",
                params![user.id, timestamp(now)],
            )?;
            self.audit(&actor, "aanmelden", "", "gelukt", origin, now)?;
            let user = self.user(&user.name)?.expect("user just read");
            return Ok(Ok(user));
        }
        let (failed, locked_until) = after_failed_attempt(user.failed_attempts, now);
        self.conn.execute(
            "UPDATE users SET failed_attempts = ?1, locked_until = ?2 WHERE id = ?3",
            params![failed, locked_until.map(timestamp), user.id],
        )?;
        self.audit(&actor, "aanmelden", "", "verkeerde pincode", origin, now)?;
        Ok(Err(match locked_until {
            Some(until) => SignInRefusal::LockedUntil(until),
            None => SignInRefusal::WrongNameOrPin,
        }))
    }
}

/// The argon2 hash of a PIN, with a fresh salt; the PIN itself is never stored.
fn hash_pin(pin: &str) -> Result<String, AccountError> {
    Ok(Argon2::default()
        .hash_password(pin.as_bytes())
        .map_err(|e| AccountError::Hash(e.to_string()))?
        .to_string())
}
