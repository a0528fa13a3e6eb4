//! Demo data: fictitious but plausible intakes, households and queue history, so that the
//! report, the queue and the screens are worth looking at on a new install or in a training.
//!
//! Everything goes through the store's public API (`create_user`, `save_intake`,
//! `queue_act`), so demo data obeys the same rules, triggers and audit as real work; only
//! `demo_runs`, this module's own table, is written directly. One seed drives one SplitMix
//! stream drawn in a fixed order, so the same seed and `now` give the same database.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};
use std::fmt;
use std::time::Duration as StdDuration;

use chrono::{
    DateTime, Datelike, Days, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday,
};
use chrono_tz::Europe::Amsterdam;
use rusqlite::{Connection, OpenFlags, params};

use crate::domain::account::{Role, User};
use crate::domain::calendar::HolidayRules;
use crate::domain::hours::dutch_local;
use crate::domain::intake::{
    Complexiteit, Consent, Intake, Kanaal, Resident, Route, Signalen, Urgentie,
};
use crate::domain::postcodes::Postcodes;
use crate::domain::queue::{Outcome, QueueAction, Target};
use crate::domain::routing::{RoutingInput, UNKNOWN_WIJK, suggest};
use crate::domain::validation::normalized;
use crate::domain::workdays::{TermConfig, is_working_day};
use crate::domain::{Laag, Leefgebieden};
use crate::sample::SplitMix;
use crate::search::Vocabulary;
use crate::store::{AccountError, NewUser, Store, StoreError};

/// The PIN of every demo account: fixed, so a trainer can hand it out, and printed in the
/// summary. Demo accounts belong in a demo database only.
pub const DEMO_PIN: &str = "demo2468";

/// The origin written in the audit log for everything the generator does.
const ORIGIN: &str = "loket demo";

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

/// A demo account: name marked as demo, desk and teams as real users would have them.
struct DemoAccount {
    name: &'static str,
    role: Role,
    location: &'static str,
    teams: &'static [&'static str],
    expertise: &'static [&'static str],
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
const ACCOUNTS: [DemoAccount; 16] = [
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
const DESK_WEIGHTS: [u32; 4] = [50, 18, 17, 15];
const KCC: usize = 0;
const CJG: usize = 3;
/// Who picks up a Sociaal Team item whose wijk has no demo team of its own.
const FALLBACK_SOCIAAL_TEAM: usize = 10;
const EXPERTISETEAM: usize = 13;

/// Per leefgebied: how often it is the main question, and a few questions in a resident's
/// words.
const QUESTIONS: [(&str, u32, &[&str]); 10] = [
    (
        "werk-inkomen",
        12,
        &[
            "Ik ben mijn baan kwijt en weet niet hoe ik een uitkering aanvraag.",
            "Mijn uitkering is stopgezet en ik begrijp de brief niet.",
            "Kan ik met een laag inkomen een tegemoetkoming voor de zorgverzekering krijgen?",
            "Ik wil graag weer aan het werk, maar ik heb al jaren niet gewerkt.",
        ],
    ),
    (
        "geldzaken-schulden",
        18,
        &[
            "Ik heb betalingsachterstanden en er komen steeds meer aanmaningen.",
            "Er kwam een deurwaarder aan de deur vanwege een oude rekening.",
            "Ik kom elke maand geld tekort voor boodschappen.",
            "Ik snap de brief van de Belastingdienst over de toeslagen niet.",
            "Mijn energierekening is ineens veel hoger en ik kan hem niet betalen.",
        ],
    ),
    (
        "wonen",
        12,
        &[
            "Ik heb een huurachterstand en de verhuurder stuurt brieven.",
            "Er zit al maanden schimmel in mijn huurwoning en de verhuurder doet niets.",
            "Ik zoek woonruimte na mijn scheiding en slaap nu bij een vriendin.",
            "Mijn buren maken elke nacht lawaai, wat kan ik doen?",
        ],
    ),
    (
        "zorg-ondersteuning",
        16,
        &[
            "Mijn moeder kan na haar val niet meer zelf douchen.",
            "Ik heb hulp nodig bij het huishouden sinds mijn operatie.",
            "Kan ik een scootmobiel of een traplift aanvragen?",
            "Mijn vader vergeet steeds meer en woont alleen.",
        ],
    ),
    (
        "gezondheid",
        7,
        &[
            "Ik voel me al weken somber en weet niet bij wie ik terecht kan.",
            "Ik wil minder drinken, maar dat lukt me niet alleen.",
            "Ik heb geen huisarts meer sinds ik verhuisd ben.",
        ],
    ),
    (
        "opvoeden-opgroeien",
        10,
        &[
            "Mijn zoon van veertien gaat niet meer naar school.",
            "Mijn peuter heeft veel driftbuien en ik weet niet hoe ik moet reageren.",
            "Onze dochter wordt gepest en wil niet meer naar buiten.",
            "Ik ben alleenstaande moeder en het wordt me allemaal te veel.",
        ],
    ),
    (
        "meedoen-ontmoeten",
        7,
        &[
            "Sinds het overlijden van mijn man ben ik erg eenzaam.",
            "Ik zoek vrijwilligerswerk hier in de buurt.",
            "Waar kan ik in de wijk andere mensen ontmoeten?",
        ],
    ),
    (
        "veiligheid",
        4,
        &[
            "Mijn partner slaat me en ik durf niet naar huis.",
            "Ik hoor bij de buren vaak geschreeuw en maak me zorgen om de kinderen.",
            "Mijn ex bedreigt me via berichten.",
        ],
    ),
    (
        "taal-digitaal",
        8,
        &[
            "Ik kan de formulieren van de gemeente niet lezen, kunt u helpen?",
            "Ik wil beter Nederlands leren.",
            "Inloggen met DigiD lukt me niet.",
        ],
    ),
    (
        "mantelzorg",
        6,
        &[
            "Ik zorg al jaren voor mijn man en ik ben op.",
            "Is er vervangende zorg zodat ik even op vakantie kan?",
            "Hoe vraag ik de mantelzorgwaardering aan?",
        ],
    ),
];

const HANDOVER_NOTES: [&str; 6] = [
    "Inwoner heeft het verhaal aan de balie verteld; bel na 14.00 uur.",
    "Inwoner neemt graag iemand mee naar het gesprek.",
    "Inwoner spreekt beperkt Nederlands; dochter tolkt.",
    "Brieven en bankafschriften zijn bij de inwoner thuis; graag een huisbezoek.",
    "Inwoner is eerder geholpen, maar het is opnieuw misgegaan.",
    "Inwoner is erg onrustig; graag snel contact.",
];

const SIGNALLERS: [&str; 5] = [
    "buurman",
    "huisarts",
    "school",
    "wijkagent",
    "woningcorporatie",
];

const FIRST_NAMES: [&str; 16] = [
    "Sanne", "Mohamed", "Fleur", "Daan", "Yasmina", "Kevin", "Ingrid", "Bayu", "Joke", "Emre",
    "Priya", "Henk", "Olga", "Sem", "Fatma", "Ruud",
];
const LAST_NAMES: [&str; 14] = [
    "de Vries",
    "Jansen",
    "Bakker",
    "El Idrissi",
    "Visser",
    "Yilmaz",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Kowalski",
    "Bos",
    "Vos",
    "Pinas",
];

/// Fictitious pieces of a queue item's history.
const NOT_REACHED: &str = "Geen gehoor; voicemail ingesproken.";
const REACHED: &str = "Inwoner gesproken en afspraak gemaakt.";
const RELEASED: &str = "Past beter bij een collega met meer ervaring in dit onderwerp.";
const FORWARDED: &str = "Er speelt meer dan dit ene onderwerp; het Sociaal Team pakt het op.";
const CALLBACK_REASON: &str = "Inwoner belde onder werktijd en wil later teruggebeld worden.";

/// When the desks are open; outside these hours the professionals do not act either.
const OPENS: NaiveTime = NaiveTime::from_hms_opt(8, 30, 0).expect("valid time");
const CLOSES: NaiveTime = NaiveTime::from_hms_opt(17, 0, 0).expect("valid time");
/// On weekends and holidays the KCC's duty registers the web forms that came in.
const WEEKEND_OPENS: NaiveTime = NaiveTime::from_hms_opt(10, 0, 0).expect("valid time");
const WEEKEND_CLOSES: NaiveTime = NaiveTime::from_hms_opt(16, 0, 0).expect("valid time");

/// Contacts on an average working day before the weekday, month and noise factors: about 80
/// a day, so a year gives some twenty thousand intakes.
const BASE_PER_DAY: u32 = 85;

/// The generator's state: one random stream, the world it draws from, and what it made.
struct Generator {
    rng: SplitMix,
    users: Vec<User>,
    rules: HolidayRules,
    postcodes: Postcodes,
    leefgebieden: Leefgebieden,
    vocabulary: Vocabulary,
    /// Active services per leefgebied code, with the weight of their laag.
    services: HashMap<String, Vec<(String, u32)>>,
    /// Residents who came before, with their household: some come back.
    households: Vec<(Resident, i64)>,
    events: BinaryHeap<Event>,
    next_seq: u64,
    summary: DemoSummary,
}

/// A planned action on a queue item. The heap yields the earliest first; `seq` keeps the
/// order of planning among equal times, so the result does not depend on heap internals.
struct Event {
    at: DateTime<Utc>,
    seq: u64,
    item: i64,
    user: usize,
    action: QueueAction,
}

impl Ord for Event {
    fn cmp(&self, other: &Self) -> Ordering {
        (other.at, other.seq).cmp(&(self.at, self.seq))
    }
}

impl PartialOrd for Event {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Event {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Event {}

/// Fills `store` with demo data over the `days` days up to `now` (today included, up to
/// `now`): demo accounts (made if missing), intakes saved at the moment they happened, and
/// the queue history of their handovers as far as it lies before `now`. Marks the database
/// as demo in `demo_runs`. The same `seed`, `days` and `now` on the same kaart give the
/// same data.
pub fn generate(
    store: &mut Store,
    days: u32,
    seed: u64,
    now: DateTime<Utc>,
) -> Result<DemoSummary, StoreError> {
    let users = demo_accounts(store)?;
    let kaart = store.load_kaart()?;
    let mut services: HashMap<String, Vec<(String, u32)>> = HashMap::new();
    for service in kaart.services.iter().filter(|s| s.is_active()) {
        for code in &service.leefgebieden {
            services
                .entry(code.clone())
                .or_default()
                .push((service.id.clone(), laag_weight(service.laag)));
        }
    }
    let mut generator = Generator {
        rng: SplitMix(seed),
        summary: DemoSummary {
            intakes: 0,
            handovers: 0,
            closed: 0,
            accounts: users.iter().map(|u| u.name.clone()).collect(),
            pin: DEMO_PIN.to_string(),
        },
        users,
        rules: TermConfig::builtin().rules(),
        postcodes: Postcodes::builtin(),
        leefgebieden: Leefgebieden::builtin(),
        vocabulary: Vocabulary::builtin(),
        services,
        households: Vec::new(),
        events: BinaryHeap::new(),
        next_seq: 0,
    };
    let today = dutch_local(now).date();
    let first = today - Days::new(u64::from(days.saturating_sub(1)));
    if days > 0 {
        for date in first.iter_days().take_while(|d| *d <= today) {
            generator.day(store, date, now)?;
        }
    }
    generator.run_events(store, now)?;
    record_run(store, days, seed, generator.summary.intakes, now)?;
    Ok(generator.summary)
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

/// How many intakes were registered by anyone but the demo accounts: real work, which demo
/// data must not be mixed into unasked.
pub fn real_intake_count(store: &Store) -> Result<usize, StoreError> {
    let conn = connect(store)?;
    let names: Vec<&str> = ACCOUNTS.iter().map(|a| a.name).collect();
    let placeholders = vec!["?"; names.len()].join(", ");
    let sql = format!(
        "SELECT count(*) FROM intakes WHERE user_id NOT IN
           (SELECT id FROM users WHERE name IN ({placeholders}))"
    );
    let count: i64 = conn.query_row(&sql, rusqlite::params_from_iter(names), |r| r.get(0))?;
    Ok(usize::try_from(count).unwrap_or(0))
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

/// The demo accounts, made when missing (a second run reuses them).
fn demo_accounts(store: &mut Store) -> Result<Vec<User>, StoreError> {
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
            AccountError::Store(e) => e,
            other => StoreError::Corrupt {
                table: "users",
                id: demo.name.to_string(),
                problem: other.to_string(),
            },
        })?;
        users.push(user);
    }
    Ok(users)
}

/// Lower layers of the kantelingspiramide are advised more often: the desks work gekanteld.
fn laag_weight(laag: Option<Laag>) -> u32 {
    match laag {
        Some(Laag::EigenKracht) => 6,
        Some(Laag::SociaalNetwerk) => 5,
        Some(Laag::Algemeen) => 5,
        Some(Laag::Collectief) => 2,
        Some(Laag::Maatwerk) => 1,
        None => 2,
    }
}

/// A Dutch wall-clock time as UTC. Working hours never fall in the hour skipped in spring;
/// the fallback only keeps the function total.
fn to_utc(local: NaiveDateTime) -> DateTime<Utc> {
    Amsterdam
        .from_local_datetime(&local)
        .earliest()
        .map_or_else(|| Utc.from_utc_datetime(&local), |t| t.to_utc())
}

impl Generator {
    fn chance(&mut self, percent: usize) -> bool {
        self.rng.below(100) < percent
    }

    fn between(&mut self, low: i64, high: i64) -> i64 {
        low + self.rng.below((high - low + 1) as usize) as i64
    }

    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut draw = self.rng.below(total as usize) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if draw < w {
                return i;
            }
            draw -= w;
        }
        weights.len() - 1
    }

    /// How many contacts a day brings: Mondays busy, Fridays and the summer quiet, weekends
    /// and holidays only the web forms.
    fn contacts_on(&mut self, date: NaiveDate) -> u32 {
        if !is_working_day(date, self.rules) {
            return self.between(2, 8) as u32;
        }
        let weekday = match date.weekday() {
            Weekday::Mon => 125,
            Weekday::Tue => 105,
            Weekday::Wed => 95,
            Weekday::Thu => 100,
            _ => 75,
        };
        let month = [110, 105, 100, 100, 95, 95, 75, 70, 105, 105, 105, 85][date.month0() as usize];
        let noise = self.between(80, 120) as u32;
        (BASE_PER_DAY * weekday / 100 * month / 100 * noise / 100).clamp(20, 120)
    }

    fn day(
        &mut self,
        store: &mut Store,
        date: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let working = is_working_day(date, self.rules);
        let count = self.contacts_on(date);
        let mut contacts: Vec<(NaiveDateTime, usize)> = (0..count)
            .map(|_| {
                let desk = if working {
                    self.weighted(&DESK_WEIGHTS)
                } else {
                    KCC
                };
                let (opens, closes) = if working {
                    (OPENS, CLOSES)
                } else {
                    (WEEKEND_OPENS, WEEKEND_CLOSES)
                };
                let minutes = (closes - opens).num_minutes();
                let at = date.and_time(opens) + Duration::minutes(self.between(0, minutes - 1));
                (at, desk)
            })
            .collect();
        contacts.sort();
        for (local, desk) in contacts {
            let at = to_utc(local);
            if at > now {
                break;
            }
            self.run_events(store, at)?;
            self.intake(store, desk, working, at)?;
        }
        Ok(())
    }

    /// One contact at `desk`: drawn, routed by the verwijs-scan, saved, and its handover's
    /// future planned.
    fn intake(
        &mut self,
        store: &mut Store,
        desk: usize,
        working: bool,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let location = self.users[desk].location.clone();
        let desk_wijk = self.postcodes.wijk_in_location(&location).map(String::from);
        let kanaal = if !working {
            Kanaal::Digitaal
        } else if self.chance(5) {
            Kanaal::Signaal
        } else if desk == KCC {
            if self.chance(18) {
                Kanaal::Digitaal
            } else {
                Kanaal::Telefoon
            }
        } else if self.chance(10) {
            Kanaal::Telefoon
        } else {
            Kanaal::default_for_location(&location)
        };

        let weights: Vec<u32> = QUESTIONS.iter().map(|q| q.1).collect();
        let mut chosen = vec![if desk == CJG && self.chance(60) {
            5 // opvoeden-opgroeien: the CJG's own subject
        } else {
            self.weighted(&weights)
        }];
        let extra = match self.rng.below(100) {
            0..80 => 0,
            80..95 => 1,
            _ => 2,
        };
        for _ in 0..extra {
            let next = self.weighted(&weights);
            if !chosen.contains(&next) {
                chosen.push(next);
            }
        }
        let question: Vec<&str> = chosen
            .iter()
            .map(|&i| *self.rng.pick(QUESTIONS[i].2))
            .collect();
        let leefgebieden: Vec<String> =
            chosen.iter().map(|&i| QUESTIONS[i].0.to_string()).collect();

        let mut signalen = Signalen::default();
        let complexiteit = if self.chance(2) {
            match self.rng.below(5) {
                0 => signalen.dreigende_huisuitzetting = true,
                1 => signalen.overlast = true,
                2 => signalen.dakloos = true,
                3 => signalen.na_detentie = true,
                _ => signalen.veel_geprobeerd = true,
            }
            Complexiteit::Complex
        } else {
            let (eenvoudig, specialistisch) = if chosen.len() == 1 {
                (75, 22)
            } else {
                (35, 35)
            };
            match self.rng.below(100) {
                d if d < eenvoudig => Complexiteit::Eenvoudig,
                d if d < eenvoudig + specialistisch => Complexiteit::Specialistisch,
                _ => Complexiteit::Complex,
            }
        };
        let signaal_van = if kanaal == Kanaal::Signaal {
            signalen.zorgmijding = self.chance(50);
            self.rng.pick(&SIGNALLERS).to_string()
        } else {
            String::new()
        };

        let (resident, household_id) = self.resident(desk_wijk.as_deref());
        let mut intake = Intake {
            kanaal,
            signaal_van,
            resident,
            household_id,
            question: question.join(" "),
            leefgebieden,
            complexiteit,
            signalen,
            ..Intake::default()
        };
        let wijk = self
            .postcodes
            .wijk_of(&intake.resident.postcode)
            .map(String::from);
        let danger_words = self.vocabulary.danger_words(&intake.question);
        let suggestion = suggest(
            &RoutingInput {
                intake: &intake,
                wijk: wijk.as_deref(),
                desk_wijk: desk_wijk.as_deref(),
                danger_words: &danger_words,
            },
            &self.leefgebieden,
        );
        if desk == KCC
            && suggestion.route == Route::Direct
            && intake.resident.reachable()
            && self.chance(8)
        {
            intake.route = Some(Route::Terugbelverzoek {
                team: "KCC".to_string(),
            });
            intake.route_reason = CALLBACK_REASON.to_string();
        }
        let route = intake
            .route
            .clone()
            .unwrap_or_else(|| suggestion.route.clone());
        let handover = route.is_handover();
        intake.advice = self.advice(&intake.leefgebieden, if handover { 0 } else { 1 });
        if handover {
            intake.handover_note = self.rng.pick(&HANDOVER_NOTES).to_string();
            intake.urgentie = if self.chance(10) {
                Urgentie::Hoog
            } else {
                Urgentie::Normaal
            };
            intake.consent = Consent::from_stored(intake.resident.reachable());
            if !intake.resident.reachable() {
                // A handover needs a way back; an anonymous caller leaves only a number,
                // counted rather than drawn so the rest of the demo stays the same.
                intake.resident.phone = format!("06-00{:06}", self.summary.intakes % 1_000_000);
            }
        }
        let intake = normalized(&intake, &suggestion);
        let saved = store.save_intake(
            &self.users[desk],
            &intake,
            &suggestion,
            wijk.as_deref(),
            ORIGIN,
            at,
        )?;
        self.summary.intakes += 1;
        if let Some(household) = saved.household_id
            && intake.household_id.is_none()
        {
            self.households.push((intake.resident.clone(), household));
        }
        if let Some(item) = saved.queue_item {
            self.summary.handovers += 1;
            let team_wijk = wijk
                .or(desk_wijk)
                .unwrap_or_else(|| UNKNOWN_WIJK.to_string());
            self.plan(
                item,
                &route,
                &team_wijk,
                intake.urgentie == Urgentie::Spoed,
                at,
            );
        }
        Ok(())
    }

    /// Most residents stay anonymous; of the others some come back with the same household.
    fn resident(&mut self, desk_wijk: Option<&str>) -> (Resident, Option<i64>) {
        if self.chance(50) {
            return (Resident::default(), None);
        }
        if !self.households.is_empty() && self.chance(20) {
            let (resident, household) = self.rng.pick(&self.households).clone();
            return (resident, Some(household));
        }
        let name = format!(
            "{} {} (demo)",
            self.rng.pick(&FIRST_NAMES),
            self.rng.pick(&LAST_NAMES)
        );
        let local = desk_wijk.is_some() && self.chance(70);
        let postcode = loop {
            let digits = self.between(7301, 7331);
            let letters: String = (0..2)
                .map(|_| char::from(b'A' + self.rng.below(26) as u8))
                .collect();
            let postcode = format!("{digits} {letters}");
            match self.postcodes.wijk_of(&postcode) {
                Some(wijk) if !local || Some(wijk) == desk_wijk => break postcode,
                _ => {}
            }
        };
        let phone = if self.chance(80) {
            // 06-00…: no mobile number starts so, so no real person is ever called.
            format!("06-00{:06}", self.rng.below(1_000_000))
        } else {
            String::new()
        };
        let resident = Resident {
            name,
            phone,
            postcode,
            house_number: self.between(1, 180).to_string(),
            birth_year: self.between(1938, 2006).to_string(),
            ..Resident::default()
        };
        (resident, None)
    }

    /// `at_least` to `at_least + 2` services from the kaart for the intake's leefgebieden, lower
    /// layers more often, never one twice.
    fn advice(&mut self, leefgebieden: &[String], at_least: usize) -> Vec<String> {
        let mut candidates: Vec<(String, u32)> = leefgebieden
            .iter()
            .filter_map(|code| self.services.get(code))
            .flatten()
            .cloned()
            .collect();
        let wanted = at_least + self.rng.below(3);
        let mut advice = Vec::new();
        while advice.len() < wanted && !candidates.is_empty() {
            let weights: Vec<u32> = candidates.iter().map(|c| c.1).collect();
            let (id, _) = candidates.swap_remove(self.weighted(&weights));
            if !advice.contains(&id) {
                advice.push(id);
            }
        }
        advice
    }

    /// The account that picks up an item at `target`.
    fn claimer(&self, target: &Target) -> usize {
        let by = |wanted: &dyn Fn(&DemoAccount) -> bool, fallback: usize| {
            ACCOUNTS.iter().position(wanted).unwrap_or(fallback)
        };
        match target {
            Target::Loket(code) => by(&|a| a.expertise.contains(&code.as_str()), KCC),
            Target::SociaalTeam(wijk) => {
                let team = format!("Sociaal Team {wijk}");
                by(&|a| a.teams.contains(&team.as_str()), FALLBACK_SOCIAAL_TEAM)
            }
            Target::Expertiseteam => EXPERTISETEAM,
            Target::Team(name) => by(&|a| a.teams.contains(&name.as_str()), KCC),
        }
    }

    /// `local` moved into working hours: unchanged when the desks are open, else the next
    /// opening plus a little.
    fn working_moment(&mut self, local: NaiveDateTime) -> NaiveDateTime {
        let date = local.date();
        if is_working_day(date, self.rules) && local.time() >= OPENS && local.time() < CLOSES {
            return local;
        }
        let mut day = if is_working_day(date, self.rules) && local.time() < OPENS {
            date
        } else {
            date + Days::new(1)
        };
        while !is_working_day(day, self.rules) {
            day = day + Days::new(1);
        }
        day.and_time(OPENS) + Duration::minutes(self.between(0, 150))
    }

    fn later(&mut self, at: DateTime<Utc>, min_hours: i64, max_hours: i64) -> DateTime<Utc> {
        let minutes = self.between(min_hours * 60, max_hours * 60);
        to_utc(self.working_moment(dutch_local(at) + Duration::minutes(minutes)))
    }

    fn push(&mut self, at: DateTime<Utc>, item: i64, user: usize, action: QueueAction) {
        self.next_seq += 1;
        self.events.push(Event {
            at,
            seq: self.next_seq,
            item,
            user,
            action,
        });
    }

    /// The whole future of a new queue item: picked up after hours to days (or never),
    /// sometimes put back or sent on, contact attempts, an appointment, an outcome. Only what
    /// lies before `now` is carried out, so recent items stay open.
    fn plan(
        &mut self,
        item: i64,
        route: &Route,
        team_wijk: &str,
        spoed: bool,
        created: DateTime<Utc>,
    ) {
        let target = match route {
            Route::Direct => return,
            Route::Loket { leefgebied } => Target::Loket(leefgebied.clone()),
            Route::SociaalTeam { wijk } => Target::SociaalTeam(wijk.clone()),
            Route::Expertiseteam => Target::Expertiseteam,
            Route::Terugbelverzoek { team } => Target::Team(team.clone()),
        };
        let mut user = self.claimer(&target);
        let mut at = match self.rng.below(100) {
            _ if spoed => created + Duration::minutes(self.between(10, 180)),
            0..8 => return, // never picked up: overdue in time
            8..55 => self.later(created, 1, 24),
            55..85 => self.later(created, 24, 96),
            _ => self.later(created, 96, 288),
        };
        self.push(at, item, user, QueueAction::Claim);

        match self.rng.below(100) {
            0..4 if matches!(target, Target::Loket(_)) => {
                at = self.later(at, 1, 4);
                let to = Target::SociaalTeam(team_wijk.to_string());
                self.push(
                    at,
                    item,
                    user,
                    QueueAction::Forward {
                        to: to.clone(),
                        note: FORWARDED.to_string(),
                    },
                );
                user = self.claimer(&to);
                at = self.later(at, 4, 48);
                self.push(at, item, user, QueueAction::Claim);
            }
            4..7 => {
                at = self.later(at, 1, 4);
                self.push(
                    at,
                    item,
                    user,
                    QueueAction::Release {
                        note: RELEASED.to_string(),
                    },
                );
                if self.chance(50) {
                    return; // teruggelegd, waiting for a colleague
                }
                at = self.later(at, 24, 48);
                self.push(at, item, user, QueueAction::Claim);
            }
            7..14 => return, // claimed, then stalled
            _ => {}
        }

        let failed = match self.rng.below(100) {
            0..55 => 0,
            55..75 => 1,
            75..85 => 2,
            _ => 3 + self.rng.below(2),
        };
        for _ in 0..failed {
            at = self.later(at, 4, 48);
            self.push(
                at,
                item,
                user,
                QueueAction::ContactAttempt {
                    reached: false,
                    note: NOT_REACHED.to_string(),
                },
            );
        }
        if failed >= 3 && self.chance(70) {
            at = self.later(at, 1, 8);
            self.push(
                at,
                item,
                user,
                QueueAction::Close {
                    outcome: Outcome::NietBereikt,
                    note: String::new(),
                },
            );
            return;
        }
        at = self.later(at, 1, 24);
        self.push(
            at,
            item,
            user,
            QueueAction::ContactAttempt {
                reached: true,
                note: REACHED.to_string(),
            },
        );
        let outcome = [
            Outcome::GesprekGevoerd,
            Outcome::PlanGemaakt,
            Outcome::EldersGeholpen,
            Outcome::WilNiet,
        ][self.weighted(&[40, 35, 15, 10])];
        if self.chance(75) {
            let days = self.between(2, 10);
            let meeting = self.working_moment(dutch_local(at) + Duration::days(days));
            let note = if self.chance(50) {
                "Huisbezoek"
            } else {
                "Gesprek op het Loket"
            };
            at = self.later(at, 0, 1);
            self.push(
                at,
                item,
                user,
                QueueAction::Appointment {
                    at: meeting,
                    note: note.to_string(),
                },
            );
            at = to_utc(meeting) + Duration::minutes(self.between(60, 120));
        } else {
            at = self.later(at, 0, 2);
        }
        self.push(
            at,
            item,
            user,
            QueueAction::Close {
                outcome,
                note: String::new(),
            },
        );
    }

    /// Carries out the planned actions up to `until`, oldest first.
    fn run_events(&mut self, store: &mut Store, until: DateTime<Utc>) -> Result<(), StoreError> {
        while self.events.peek().is_some_and(|e| e.at <= until) {
            let Some(event) = self.events.pop() else {
                break;
            };
            store
                .queue_act(
                    event.item,
                    &self.users[event.user],
                    &event.action,
                    ORIGIN,
                    event.at,
                )
                .map_err(|e| match e {
                    crate::store::QueueError::Store(e) => e,
                    other => StoreError::Corrupt {
                        table: "queue_items",
                        id: event.item.to_string(),
                        problem: format!("demo-actie geweigerd: {other}"),
                    },
                })?;
            if matches!(event.action, QueueAction::Close { .. }) {
                self.summary.closed += 1;
            }
        }
        Ok(())
    }
}
