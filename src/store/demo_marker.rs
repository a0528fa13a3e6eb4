//! Demo databases: a database is a demo database only when it was made as one, marked before
//! its first demo row; every account made in it is flagged demo (a trigger). Demo accounts,
//! and any account signing in with the published demo PIN, are refused everywhere else, so demo data and its well-known PIN never reach real work.

use rusqlite::{OptionalExtension, Transaction, TransactionBehavior};

use super::{Store, StoreError};

/// The PIN of every demo account: fixed and published, so a trainer can hand it out. That is
/// exactly why it opens nothing outside a demo database.
pub const DEMO_PIN: &str = "demo2468";

/// What real work a database holds: accounts and intakes that are not demo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RealData {
    pub accounts: usize,
    pub intakes: usize,
}

impl RealData {
    pub fn is_empty(&self) -> bool {
        self.accounts == 0 && self.intakes == 0
    }
}

impl Store {
    /// Whether this database was made as a demo database.
    pub fn is_demo_database(&self) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT kind FROM database_kind WHERE id = 1", [], |r| {
                r.get::<_, String>(0)
            })
            .optional()?
            .is_some_and(|kind| kind == "demo"))
    }

    /// The accounts that are not demo accounts, and the intakes they registered.
    pub fn real_data(&self) -> Result<RealData, StoreError> {
        let (accounts, intakes): (i64, i64) = self.conn.query_row(
            "SELECT (SELECT count(*) FROM users WHERE demo = 0),
                    (SELECT count(*) FROM intakes
                      WHERE user_id NOT IN (SELECT id FROM users WHERE demo = 1))",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(RealData {
            accounts: usize::try_from(accounts).unwrap_or(0),
            intakes: usize::try_from(intakes).unwrap_or(0),
        })
    }

    /// Marks this database as a demo database for good, committed at once, unless it holds
    /// real work: then nothing changes and `Some` says what real data is there. Checking and
    /// marking are one transaction, so no real account can slip in between.
    pub fn mark_demo_database(&mut self) -> Result<Option<RealData>, StoreError> {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let real = self.real_data()?;
        if !real.is_empty() {
            return Ok(Some(real));
        }
        tx.execute(
            "INSERT INTO database_kind (id, kind) VALUES (1, 'demo')
             ON CONFLICT (id) DO NOTHING",
            [],
        )?;
        tx.commit()?;
        Ok(None)
    }

    /// Lets this connection commit without waiting for the disk (WAL, `synchronous = NORMAL`:
    /// never corrupt, at worst the last commits lost in a power cut), for the thousands of
    /// small commits of a demo run. Only in a demo database, whose data is made up anyway.
    pub fn relax_durability_for_demo(&self) -> Result<(), StoreError> {
        if self.is_demo_database()? {
            self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        Ok(())
    }

    /// Why a sign-in with a right PIN is still refused: a demo account, or the published
    /// demo PIN, outside a demo database. `None` when the sign-in may go on.
    pub(super) fn demo_sign_in_refusal(
        &self,
        user_id: i64,
        pin: &str,
    ) -> Result<Option<&'static str>, StoreError> {
        if self.is_demo_database()? {
            return Ok(None);
        }
        let flagged: bool =
            self.conn
                .query_row("SELECT demo = 1 FROM users WHERE id = ?1", [user_id], |r| {
                    r.get(0)
                })?;
        Ok(if flagged {
            Some("demo-account buiten een demodatabase")
        } else if pin == DEMO_PIN {
            Some("demopincode buiten een demodatabase")
        } else {
            None
        })
    }
}
