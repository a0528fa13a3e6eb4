//! Signing in with a PIN, and whether a session that is open may go on.
//!
//! A stranger at the desk must not learn from the answer which names exist: an unknown name, a
//! wrong PIN, a locked and a disabled account get the same message and take the same time,
//! because the argon2 check runs in every case (against a fixed hash for unknown names) and
//! every attempt writes in one transaction. The audit log keeps the true reason.

use argon2::password_hash::PasswordVerifier;
use argon2::{Argon2, PasswordHash};
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

use super::access::actor as audit_actor;
use super::columns::timestamp;
use super::{Store, StoreError};
use crate::domain::Code;
use crate::domain::account::{Lockout, Role, User, after_failed_attempt};

/// The hash the PIN of an unknown name is checked against, so that check costs what a real
/// one costs. Made with argon2's default parameters, as [`super::accounts`] hashes PINs; no
/// PIN matches it that anyone knows.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$nwiJh7KrM2cm/jRydT5suQ$Tqrvy/2t4lufip5FKE+KGCjvnGUfMW/rBeIUAdxANyk";

/// Why a sign-in did not succeed. The faces show one message for all of them (this type's
/// Display), so nobody learns whether a name exists; the audit log tells them apart.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "Naam of pincode klopt niet, of dit account kan nu niet aanmelden. Lukt het steeds niet, \
     vraag dan de beheerder."
)]
pub enum SignInRefusal {
    WrongNameOrPin,
    LockedUntil(DateTime<Utc>),
    Disabled,
    /// A demo account, or the published demo PIN, outside a demo database.
    DemoOnly,
}

/// What an open session was signed in with. When the account is disabled, gets a new PIN or
/// another role, the stored version moves on and the session must end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionStamp {
    pub user_id: i64,
    pub role: Role,
    pub credentials_version: i64,
}

/// One account as sign-in reads it.
struct Candidate {
    user: User,
    hash: String,
    lockout: Lockout,
    credentials_version: i64,
}

/// Whether `pin` matches `hash`; an unreadable hash matches nothing.
fn pin_matches(pin: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(pin.as_bytes(), &hash)
            .is_ok()
    })
}

impl Store {
    /// Checks a PIN at `now`. Wrong PINs count towards a lockout that survives restarts and
    /// grows with each lockout; a right PIN resets both counts. Every attempt is audited (by
    /// user id, never the PIN).
    pub fn sign_in(
        &mut self,
        name: &str,
        pin: &str,
        now: DateTime<Utc>,
        origin: &str,
    ) -> Result<Result<User, SignInRefusal>, StoreError> {
        Ok(self
            .sign_in_session(name, pin, now, origin)?
            .map(|(user, _)| user))
    }

    /// [`Store::sign_in`], with the stamp the session checks against later (see
    /// [`Store::session_is_current`]), read in the transaction that signs in.
    pub fn sign_in_session(
        &mut self,
        name: &str,
        pin: &str,
        now: DateTime<Utc>,
        origin: &str,
    ) -> Result<Result<(User, SessionStamp), SignInRefusal>, StoreError> {
        // The slow check runs before the write lock is taken, so other desks do not wait on
        // it; the state is read again under the lock, so concurrent guesses all count.
        let verified: Option<String> = self
            .conn
            .query_row(
                "SELECT pin_hash FROM users WHERE name = ?1",
                [name.trim()],
                |r| r.get(0),
            )
            .optional()?;
        let matches = pin_matches(pin, verified.as_deref().unwrap_or(DUMMY_HASH));
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let found = self.sign_in_candidate(name)?;
        // A PIN changed in between was not the one checked.
        let matches = matches && found.as_ref().map(|c| &c.hash) == verified.as_ref();
        let Some(candidate) = found else {
            let actor = format!("naam:{}", name.trim().len());
            self.audit(&actor, "aanmelden", "", "onbekende naam", origin, now)?;
            tx.commit()?;
            return Ok(Err(SignInRefusal::WrongNameOrPin));
        };
        let user = candidate.user;
        let actor = audit_actor(&user);
        let locked_until = candidate.lockout.locked_until.filter(|until| *until > now);
        let refusal = if !user.active {
            Some((SignInRefusal::Disabled, "account uitgeschakeld"))
        } else {
            locked_until.map(|until| (SignInRefusal::LockedUntil(until), "account geblokkeerd"))
        };
        if let Some((refusal, reason)) = refusal {
            self.audit(&actor, "aanmelden", "", reason, origin, now)?;
            tx.commit()?;
            return Ok(Err(refusal));
        }
        if matches {
            if let Some(reason) = self.demo_sign_in_refusal(user.id, pin)? {
                self.audit(&actor, "aanmelden", "", reason, origin, now)?;
                tx.commit()?;
                return Ok(Err(SignInRefusal::DemoOnly));
            }
            self.conn.execute(
                "UPDATE users SET failed_attempts = 0, lockouts = 0, locked_until = NULL,
                        last_sign_in_at = ?2
                  WHERE id = ?1",
                params![user.id, timestamp(now)],
            )?;
            self.audit(&actor, "aanmelden", "", "gelukt", origin, now)?;
            let user = self.user(&user.name)?.unwrap_or(user);
            tx.commit()?;
            let stamp = SessionStamp {
                user_id: user.id,
                role: user.role,
                credentials_version: candidate.credentials_version,
            };
            return Ok(Ok((user, stamp)));
        }
        let after = after_failed_attempt(candidate.lockout, now);
        self.conn.execute(
            "UPDATE users SET failed_attempts = ?1, lockouts = ?2, locked_until = ?3 WHERE id = ?4",
            params![
                after.failed_attempts,
                after.lockouts,
                after.locked_until.map(timestamp),
                user.id
            ],
        )?;
        self.audit(&actor, "aanmelden", "", "verkeerde pincode", origin, now)?;
        tx.commit()?;
        Ok(Err(match after.locked_until {
            Some(until) => SignInRefusal::LockedUntil(until),
            None => SignInRefusal::WrongNameOrPin,
        }))
    }

    fn sign_in_candidate(&self, name: &str) -> Result<Option<Candidate>, StoreError> {
        let found = self
            .conn
            .query_row(
                "SELECT id, pin_hash, failed_attempts, lockouts, locked_until, credentials_version
                   FROM users WHERE name = ?1",
                [name.trim()],
                |r| {
                    let locked_until: Option<String> = r.get("locked_until")?;
                    Ok((
                        r.get::<_, i64>("id")?,
                        r.get::<_, String>("pin_hash")?,
                        Lockout {
                            failed_attempts: r.get("failed_attempts")?,
                            lockouts: r.get("lockouts")?,
                            locked_until: locked_until
                                .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
                                .map(|t| t.with_timezone(&Utc)),
                        },
                        r.get::<_, i64>("credentials_version")?,
                    ))
                },
            )
            .optional()?;
        let Some((id, hash, lockout, credentials_version)) = found else {
            return Ok(None);
        };
        let user = self.user_by_id(id)?;
        Ok(user.map(|user| Candidate {
            user,
            hash,
            lockout,
            credentials_version,
        }))
    }

    /// The stamp of an account as it is now: for a session that starts without a sign-in (the
    /// first beheerder, just created).
    pub fn session_stamp(&self, user_id: i64) -> Result<Option<SessionStamp>, StoreError> {
        let row: Option<(String, i64)> = self
            .conn
            .query_row(
                "SELECT role, credentials_version FROM users WHERE id = ?1",
                [user_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(row.and_then(|(role, credentials_version)| {
            Some(SessionStamp {
                user_id,
                role: Role::from_code(&role)?,
                credentials_version,
            })
        }))
    }

    /// Whether a session signed in with `stamp` may go on: the account still exists, is
    /// active, has the same role and was not given a new PIN since. One small query, cheap
    /// enough for every tick of an open desk.
    pub fn session_is_current(&self, stamp: &SessionStamp) -> Result<bool, StoreError> {
        let row: Option<(bool, String, i64)> = self
            .conn
            .query_row(
                "SELECT active, role, credentials_version FROM users WHERE id = ?1",
                [stamp.user_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        Ok(row.is_some_and(|(active, role, version)| {
            active
                && Role::from_code(&role) == Some(stamp.role)
                && version == stamp.credentials_version
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dummy_hash_costs_what_a_real_pin_hash_costs() {
        let dummy = PasswordHash::new(DUMMY_HASH).unwrap();
        let default = argon2::Params::default();
        let params = argon2::Params::try_from(&dummy).unwrap();
        assert_eq!(
            (params.m_cost(), params.t_cost(), params.p_cost()),
            (default.m_cost(), default.t_cost(), default.p_cost())
        );
        assert_eq!(dummy.algorithm, argon2::Algorithm::default().ident());
        assert!(!pin_matches("demo2468", DUMMY_HASH));
    }
}
