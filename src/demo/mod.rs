//! Demo data: fictitious but plausible intakes, households and queue history, so that the
//! report, the queue and the screens are worth looking at on a new install or in a training.
//!
//! Demo data lives only in a database made as a demo database: [`generate`] refuses one with
//! real accounts or intakes, and marks the database (committed) before it writes a single demo
//! row, so an interrupted run leaves a database that is still marked. The store refuses demo
//! accounts and the demo PIN anywhere else. The first start offers a separate demo database
//! next to the real one ([`demo_path`], [`open_demo_database`]).
//!
//! Everything goes through the store's public API (`create_user`, `save_intake`,
//! `queue_act`), so demo data obeys the same rules, triggers and audit as real work; only
//! `demo_runs`, this module's own table, is written directly. One seed drives one SplitMix
//! stream drawn in a fixed order, so the same seed and `now` give the same database.

mod accounts;
mod generator;
mod phrases;
mod plans;
mod queue_plan;

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Days, Utc};
use rusqlite::{Connection, OpenFlags, params};

use crate::domain::hours::dutch_local;
use crate::interop::ImportError;
use crate::store::{RealData, Store, StoreError};

pub use crate::store::DEMO_PIN;

use generator::Generator;

/// The origin written in the audit log for everything the generator does.
const ORIGIN: &str = "loket demo";

/// The longest span of demo data: two years is plenty to look around in, and keeps every date
/// the generator computes far inside the calendar.
pub const MAX_DAYS: u32 = 730;

/// How many demo accounts a run makes.
pub const ACCOUNT_COUNT: usize = accounts::ACCOUNTS.len();

/// Days of demo data in a demo database made at first start: enough to look around, quick to
/// make.
pub const FIRST_START_DAYS: u32 = 30;

/// Why no demo data was made. Nothing is written for the first two.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("--days {0} kan niet: kies een aantal dagen van 1 tot en met {MAX_DAYS}")]
    Days(u32),
    #[error(
        "deze database bevat echte gegevens ({} account(s), {} intake(s) die geen demo zijn); \
         demogegevens komen alleen in een eigen demodatabase. Start `loket --demo` of kies een \
         nieuwe database met --db PAD",
        .0.accounts,
        .0.intakes
    )]
    RealData(RealData),
    #[error("demo-actie op wachtrij-item {item} geweigerd: {problem}")]
    Refused { item: i64, problem: String },
    #[error("laden van de voorbeeldkaart mislukt: {0}")]
    Sample(#[from] ImportError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("zoekwoordenlijst niet bruikbaar met deze leefgebieden: {0}")]
    Vocabulary(#[from] crate::search::VocabularyError),
}

/// What a run made, for the person who started it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    pub intakes: usize,
    /// Intakes that made a queue item.
    pub handovers: usize,
    /// Queue items closed with an outcome.
    pub closed: usize,
    /// The names of the demo accounts, to sign in with.
    pub accounts: Vec<String>,
    pub pin: String,
}

impl fmt::Display for DemoSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Demogegevens aangemaakt (verzonnen, gemarkeerd als demo): {} intakes, waarvan {} \
             overgedragen aan de wachtrij; {} daarvan zijn afgerond.",
            self.intakes, self.handovers, self.closed
        )?;
        writeln!(f, "Demo-accounts, alle met pincode {}:", self.pin)?;
        for name in &self.accounts {
            writeln!(f, "  {name}")?;
        }
        Ok(())
    }
}

/// One row of `demo_runs`: a run of the generator, and so a sign that the database holds
/// demo data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoRun {
    pub created_at: DateTime<Utc>,
    pub days: u32,
    pub seed: u64,
    pub intakes: usize,
}

/// Fills `store` with demo data over the `days` days up to `now` (today included, up to
/// `now`): demo accounts (made if missing), intakes saved at the moment they happened, and
/// the queue history of their handovers as far as it lies before `now`. Refuses a database
/// with real accounts or intakes, and `days` outside 1 to [`MAX_DAYS`]. Marks the database as
/// a demo database first, and records the run in `demo_runs` last. The same `seed`, `days`
/// and `now` on the same kaart give the same data.
pub fn generate(
    store: &mut Store,
    days: u32,
    seed: u64,
    now: DateTime<Utc>,
) -> Result<DemoSummary, DemoError> {
    if !(1..=MAX_DAYS).contains(&days) {
        return Err(DemoError::Days(days));
    }
    if let Some(real) = store.mark_demo_database()? {
        return Err(DemoError::RealData(real));
    }
    store.relax_durability_for_demo()?;
    let users = accounts::demo_accounts(store)?;
    let mut generator = Generator::new(store, users, seed)?;
    let today = dutch_local(now).date();
    let first = today - Days::new(u64::from(days - 1));
    for date in first.iter_days().take_while(|d| *d <= today) {
        generator.day(store, date, now)?;
    }
    generator.run_events(store, now)?;
    generator.plans(store, now)?;
    let summary = generator.into_summary();
    record_run(store, days, seed, summary.intakes, now)?;
    Ok(summary)
}

/// Grows the kaart of a demo database to `services` services with generated ones (see
/// [`crate::sample::grow`]), for trying Loket at the size of a large region. Refuses a database
/// with real accounts or intakes, like [`generate`]. Returns how many services were added.
pub fn grow_kaart(store: &mut Store, services: usize, seed: u64) -> Result<usize, DemoError> {
    if let Some(real) = store.mark_demo_database()? {
        return Err(DemoError::RealData(real));
    }
    let kaart = store.load_kaart()?;
    let before = kaart.services.len();
    if before >= services {
        return Ok(0);
    }
    let mut grown = crate::sample::grow(&kaart, services, seed);
    drop(kaart);
    // Only the new records: the ones already stored stay as they are.
    grown.services.drain(..before);
    store.save_kaart(&grown, None)?;
    Ok(services - before)
}

/// The demo database that belongs to the database at `real`: next to it, with `-demo` in its
/// name (`loket.db` → `loket-demo.db`), so nobody mistakes one for the other.
pub fn demo_path(real: &Path) -> PathBuf {
    let stem = real
        .file_stem()
        .map_or_else(|| "loket".into(), |s| s.to_string_lossy().into_owned());
    let name = match real.extension() {
        Some(ext) => format!("{stem}-demo.{}", ext.to_string_lossy()),
        None => format!("{stem}-demo"),
    };
    real.with_file_name(name)
}

/// Opens the demo database at `path`, made with the sample kaart and [`FIRST_START_DAYS`] of
/// demo data when it is new or still empty. Refuses a file there that holds real work.
pub fn open_demo_database(path: &Path, now: DateTime<Utc>) -> Result<Store, DemoError> {
    let opened = Store::open(path)?;
    let mut store = opened.store;
    if opened.created {
        crate::interop::load_sample(&mut store)?;
    }
    if demo_runs(&store)?.is_empty() {
        generate(&mut store, FIRST_START_DAYS, 1, now)?;
    }
    Ok(store)
}

/// Whether the database holds demo data, for the header and the report: made as a demo
/// database, or holding demo runs from an earlier version.
pub fn holds_demo_data(store: &Store) -> Result<bool, StoreError> {
    Ok(store.is_demo_database()? || !demo_runs(store)?.is_empty())
}

/// The runs of the generator on this database, oldest first; none means no demo data.
pub fn demo_runs(store: &Store) -> Result<Vec<DemoRun>, StoreError> {
    let conn = connect(store)?;
    let mut stmt =
        conn.prepare("SELECT created_at, days, seed, intakes FROM demo_runs ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, i64>(3)?,
        ))
    })?;
    let mut runs = Vec::new();
    for row in rows {
        let (created_at, days, seed, intakes) = row?;
        let created_at = DateTime::parse_from_rfc3339(&created_at)
            .map_err(|e| StoreError::Corrupt {
                table: "demo_runs",
                id: created_at.clone(),
                problem: e.to_string(),
            })?
            .to_utc();
        runs.push(DemoRun {
            created_at,
            days: u32::try_from(days).unwrap_or(u32::MAX),
            // Stored as the same 64 bits: SQLite integers are signed.
            seed: seed as u64,
            intakes: usize::try_from(intakes).unwrap_or(0),
        });
    }
    Ok(runs)
}

/// A second connection to the store's file, for this module's own table: the store keeps
/// its connection to itself, and demo runs are no aggregate of it.
fn connect(store: &Store) -> Result<Connection, StoreError> {
    let conn = Connection::open_with_flags(
        store.path(),
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(StdDuration::from_secs(10))?;
    Ok(conn)
}

fn record_run(
    store: &Store,
    days: u32,
    seed: u64,
    intakes: usize,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    connect(store)?.execute(
        "INSERT INTO demo_runs (created_at, days, seed, intakes) VALUES (?1, ?2, ?3, ?4)",
        params![
            now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            days,
            seed as i64,
            intakes as i64
        ],
    )?;
    Ok(())
}
