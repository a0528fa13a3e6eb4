//! The wachtrij in the database: the lists per view, one item with its intake and history, the
//! actions that move an item, and a coordinator's reassignment.
//!
//! Several desks share one database file, so every action runs in one immediate transaction
//! that reads the state, checks the rules and writes: two people claiming the same item at the
//! same moment are served one after the other, and the second is told who has it. The due
//! date is not stored but computed on every read, so a changed terms file applies to all items.
//! The audit log gets ids only, never a resident's name or a note.

use std::cmp::Reverse;
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use rusqlite::{OptionalExtension, Params, Row, Transaction, TransactionBehavior, params};

mod detail;
mod external;
mod reassign;

pub use detail::{AdviceGiven, QueueDetail};
pub use external::{ExternalRecord, HANDED_OVER_OUTSIDE};

use super::access::actor;
use super::columns::{corrupt, parse_time, timestamp, tuple, tuples};
use super::{Store, StoreError};
use crate::domain::Code;
use crate::domain::ReferenceData;
use crate::domain::account::{Role, User};
use crate::domain::hours::dutch_local;
use crate::domain::intake::Urgentie;
use crate::domain::policy::{self, CaseTeam, ItemFacts, Permission, Privacy, WorkRefusal};
use crate::domain::queue::{
    Progress, QueueAction, QueueKind, QueueState, Step, Target, apply, check_close, is_late,
};
use crate::domain::workdays::wmo_legal_term;

/// The leefgebied whose referrals are Wmo meldingen, with a legal term of their own.
const WMO_LEEFGEBIED: &str = "zorg-ondersteuning";

/// How an appointment's Dutch wall-clock time is stored.
const APPOINTMENT_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// The history action of a coordinator's reassignment.
const REASSIGNED: &str = "toegewezen";

/// The states in which an item waits for someone to claim it.
const CLAIMABLE: [QueueState; 3] = [
    QueueState::Nieuw,
    QueueState::Teruggelegd,
    QueueState::Doorgestuurd,
];

/// A tab of the queue screen: which open items a user sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QueueView {
    /// Claimed by the user, or assigned to them by name (e.g. as regisseur).
    Mine,
    /// Waiting at one of the user's teams, or at the Loket for a leefgebied they are expert in.
    MyTeams,
    All,
    Overdue,
    /// Waiting for someone to claim it: new, put back, or forwarded.
    Unclaimed,
    /// Handed over by the user in the last days they may read their own intakes (closed ones
    /// too): so a volunteer sees what became of them.
    MyHandovers,
}

impl QueueView {
    /// The views in the order of the tabs.
    pub const ALL: [QueueView; 6] = [
        QueueView::Mine,
        QueueView::MyTeams,
        QueueView::All,
        QueueView::Overdue,
        QueueView::Unclaimed,
        QueueView::MyHandovers,
    ];

    /// The tabs of a role, its own work first: professionals their items, a coördinator what
    /// waits to be given out, a desk its handovers.
    pub fn for_role(role: Role) -> Vec<QueueView> {
        use QueueView::*;
        match role {
            Role::Medewerker => vec![Mine, MyTeams, All, Overdue, Unclaimed, MyHandovers],
            Role::Coordinator => vec![Unclaimed, Overdue, All, MyTeams, Mine, MyHandovers],
            Role::Vrijwilliger | Role::Beheerder => vec![MyHandovers, All, Overdue, Unclaimed],
        }
    }

    /// The Dutch name on the tab.
    pub fn name(self) -> &'static str {
        match self {
            QueueView::Mine => "mijn items",
            QueueView::MyTeams => "mijn teams",
            QueueView::All => "alles",
            QueueView::Overdue => "te laat",
            QueueView::Unclaimed => "niet opgepakt",
            QueueView::MyHandovers => "mijn overdrachten",
        }
    }
}

/// One line of the queue, with its term computed at the moment of reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueItem {
    pub id: i64,
    pub intake_id: i64,
    pub household_id: Option<i64>,
    pub kind: QueueKind,
    pub target: Target,
    /// The team it was handed to, as `routing.toml` named it then: "Loket Wonen", "Sociaal
    /// Team De Weide", "Budget Adviesbureau".
    pub target_label: String,
    pub state: QueueState,
    pub urgentie: Urgentie,
    pub created_at: DateTime<Utc>,
    /// The step it is at, and the last day on which that step is on time.
    pub step: Step,
    pub due: NaiveDate,
    /// Late for its current step (see `domain::queue::is_late`).
    pub overdue: bool,
    /// For a Wmo melding: the legal term of the investigation (six weeks).
    pub wmo_due: Option<NaiveDate>,
    /// The name of who claimed it.
    pub claimed_by: Option<String>,
    pub claimed_by_id: Option<i64>,
    /// The name of the professional it is meant for, e.g. the household's regisseur.
    pub assigned_to: Option<String>,
    /// Dutch wall-clock time.
    pub appointment_at: Option<NaiveDateTime>,
    pub attempts: u32,
    pub wijk: Option<String>,
    /// Who handed it over (took the intake).
    pub author_id: i64,
}

impl QueueItem {
    /// The team it waits at, as need-to-know sees it.
    pub fn team(&self) -> CaseTeam {
        self.target.team_named(self.target_label.clone())
    }
}

/// One change in an item's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueEvent {
    pub at: DateTime<Utc>,
    /// The name of who made the change.
    pub user: String,
    pub action: String,
    pub from: QueueState,
    pub to: QueueState,
    pub note: String,
}

/// Why an action on an item did not happen. A refusal changed nothing.
#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    #[error("dit item bestaat niet")]
    NotFound,
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for QueueError {
    fn from(e: rusqlite::Error) -> Self {
        QueueError::Store(StoreError::Sqlite(e))
    }
}

fn refused<T>(message: impl Into<String>) -> Result<T, QueueError> {
    Err(QueueError::Refused(message.into()))
}

fn parse_state(code: &str, table: &'static str, id: i64) -> Result<QueueState, StoreError> {
    QueueState::from_code(code).ok_or_else(|| corrupt(table, id, format!("status {code:?}")))
}

/// The columns `RawItem::from_row` reads, from `queue_items q` joined with its intake `i`,
/// the claimer `c` and the assignee `a`.
const ITEM_SELECT: &str = "SELECT q.id, q.intake_id, q.household_id, q.kind, q.target_kind,
        q.target, q.team, q.state, q.urgentie, q.created_at, q.claimed_by, c.name AS claimed_by_name,
        q.assigned_to, a.name AS assigned_to_name, q.appointment_at, q.attempts, i.wijk,
        json_extract(i.leefgebieden, '$[0]') AS first_leefgebied, q.claimed_at,
        i.user_id AS author_id,
        (SELECT max(h.at) FROM queue_history h WHERE h.item_id = q.id
            AND h.to_state IN ('teruggelegd', 'doorgestuurd')) AS waiting_since
    FROM queue_items q
    JOIN intakes i ON i.id = q.intake_id
    LEFT JOIN users c ON c.id = q.claimed_by
    LEFT JOIN users a ON a.id = q.assigned_to";

/// A queue row as read, before its codes are decoded and its term computed.
struct RawItem {
    id: i64,
    intake_id: i64,
    household_id: Option<i64>,
    kind: String,
    target_kind: String,
    target: String,
    team: Option<String>,
    state: String,
    urgentie: String,
    created_at: String,
    claimed_by_id: Option<i64>,
    claimed_by: Option<String>,
    assigned_to_id: Option<i64>,
    assigned_to: Option<String>,
    appointment_at: Option<String>,
    attempts: u32,
    wijk: Option<String>,
    first_leefgebied: Option<String>,
    claimed_at: Option<String>,
    waiting_since: Option<String>,
    author_id: i64,
}

impl RawItem {
    fn from_row(row: &Row) -> rusqlite::Result<Self> {
        Ok(RawItem {
            id: row.get("id")?,
            intake_id: row.get("intake_id")?,
            household_id: row.get("household_id")?,
            kind: row.get("kind")?,
            target_kind: row.get("target_kind")?,
            target: row.get("target")?,
            team: row.get("team")?,
            state: row.get("state")?,
            urgentie: row.get("urgentie")?,
            created_at: row.get("created_at")?,
            claimed_by_id: row.get("claimed_by")?,
            claimed_by: row.get("claimed_by_name")?,
            assigned_to_id: row.get("assigned_to")?,
            assigned_to: row.get("assigned_to_name")?,
            appointment_at: row.get("appointment_at")?,
            attempts: row.get("attempts")?,
            wijk: row.get("wijk")?,
            first_leefgebied: row.get("first_leefgebied")?,
            claimed_at: row.get("claimed_at")?,
            waiting_since: row.get("waiting_since")?,
            author_id: row.get("author_id")?,
        })
    }
}

/// What reading needs besides the rows: the names of the leefgebieden for the team labels,
/// the terms for the due dates, and the moment that decides what is overdue.
struct ReadContext {
    reference: Arc<ReferenceData>,
    now_local: NaiveDateTime,
    /// Handovers made since then are the user's own to follow ("mijn overdrachten").
    own_since: DateTime<Utc>,
}

impl ReadContext {
    fn new(reference: &Arc<ReferenceData>, now: DateTime<Utc>) -> Self {
        ReadContext {
            reference: Arc::clone(reference),
            now_local: dutch_local(now),
            own_since: now - Duration::days(Privacy::default().own_intake_days),
        }
    }

    fn with_privacy(reference: &Arc<ReferenceData>, now: DateTime<Utc>, privacy: Privacy) -> Self {
        ReadContext {
            own_since: now - Duration::days(privacy.own_intake_days),
            ..ReadContext::new(reference, now)
        }
    }

    /// The item of a row, and who it is assigned to (for the view "mijn items").
    fn decode(&self, raw: RawItem) -> Result<(QueueItem, Option<i64>), StoreError> {
        let id = raw.id;
        let table = "queue_items";
        let kind = QueueKind::from_code(&raw.kind)
            .ok_or_else(|| corrupt(table, id, format!("soort {:?}", raw.kind)))?;
        let target = Target::from_code(&raw.target_kind, &raw.target).ok_or_else(|| {
            corrupt(
                table,
                id,
                format!("doel {:?} {:?}", raw.target_kind, raw.target),
            )
        })?;
        let urgentie: Urgentie = raw
            .urgentie
            .parse()
            .map_err(|_| corrupt(table, id, format!("urgentie {:?}", raw.urgentie)))?;
        let created_at = parse_time(&raw.created_at, table, id)?;
        let appointment_at = raw
            .appointment_at
            .map(|text| {
                NaiveDateTime::parse_from_str(&text, APPOINTMENT_FORMAT)
                    .map_err(|e| corrupt(table, id, format!("afspraak {text:?}: {e}")))
            })
            .transpose()?;
        let target_label = target.item_team(raw.team, &self.reference).label;
        let created_local = dutch_local(created_at);
        let local = |text: Option<String>| {
            text.map(|t| parse_time(&t, table, id).map(dutch_local))
                .transpose()
        };
        let progress = Progress {
            state: parse_state(&raw.state, table, id)?,
            kind,
            urgentie,
            waiting_since: local(raw.waiting_since)?.unwrap_or(created_local),
            claimed_at: local(raw.claimed_at)?,
            attempts: raw.attempts,
            has_appointment: appointment_at.is_some(),
        };
        let (step, due) = progress.due(&target_label, &self.reference.terms);
        let overdue = is_late(
            &progress,
            &target_label,
            &self.reference.terms,
            self.now_local,
        );
        let wmo_due = (raw.first_leefgebied.as_deref() == Some(WMO_LEEFGEBIED))
            .then(|| wmo_legal_term(created_local.date()));
        let item = QueueItem {
            id,
            intake_id: raw.intake_id,
            household_id: raw.household_id,
            kind,
            target,
            target_label,
            state: progress.state,
            urgentie,
            created_at,
            step,
            due,
            overdue,
            wmo_due,
            claimed_by: raw.claimed_by,
            claimed_by_id: raw.claimed_by_id,
            assigned_to: raw.assigned_to,
            appointment_at,
            attempts: raw.attempts,
            wijk: raw.wijk,
            author_id: raw.author_id,
        };
        Ok((item, raw.assigned_to_id))
    }

    /// Whether `user` sees `item` in `view`.
    fn in_view(
        &self,
        view: QueueView,
        user: &User,
        item: &QueueItem,
        assigned_to: Option<i64>,
    ) -> bool {
        let open = item.state.is_open();
        match view {
            QueueView::MyHandovers => {
                item.author_id == user.id && item.created_at >= self.own_since
            }
            QueueView::Mine => {
                open && (item.claimed_by_id == Some(user.id) || assigned_to == Some(user.id))
            }
            QueueView::MyTeams => open && policy::serves(user, &item.team()),
            QueueView::All => open,
            QueueView::Overdue => item.overdue,
            QueueView::Unclaimed => CLAIMABLE.contains(&item.state),
        }
    }
}

/// Most urgent first, then the earliest term, then the oldest.
fn sort_items(items: &mut [(QueueItem, Option<i64>)]) {
    items.sort_by_key(|(item, _)| (Reverse(item.urgentie), item.due, item.id));
}

/// One id of a reassignment and what became of it: done, or why not (in Dutch).
pub type Reassigned = (i64, Result<(), String>);

/// The state of an item as an action needs it.
struct Current {
    state: QueueState,
    claimed_by_id: Option<i64>,
    claimed_by: Option<String>,
    target: Target,
    /// The team's name as stored at the handover (NULL for older items).
    team: Option<String>,
    attempts: u32,
    assigned_to: Option<i64>,
    /// The regisseur of the household's open case.
    regisseur: Option<i64>,
    case_id: Option<i64>,
}

impl Current {
    fn team(&self, reference: &ReferenceData) -> CaseTeam {
        self.target.item_team(self.team.clone(), reference)
    }

    /// What decides who may move the item (`policy::may_claim` and the others).
    fn facts(&self, reference: &ReferenceData) -> ItemFacts {
        ItemFacts {
            team: self.team(reference),
            claimed_by: self.claimed_by_id,
            assigned_to: self.assigned_to,
            regisseur: self.regisseur,
        }
    }
}

/// The refusal for a claim on an item someone holds.
fn already_claimed(user: &User, claimed_by_id: Option<i64>, claimed_by: Option<&str>) -> String {
    if claimed_by_id == Some(user.id) {
        "Je hebt dit item al opgepakt".to_string()
    } else {
        format!("Al opgepakt door {}", claimed_by.unwrap_or("een collega"))
    }
}

/// The note written in the history: what the action itself says (the new team, the
/// appointment, whether the resident was reached, the outcome) before the user's own note.
fn history_note(action: &QueueAction, reference: &ReferenceData) -> String {
    let (what, note): (String, &str) = match action {
        QueueAction::Claim => (String::new(), ""),
        QueueAction::Release { note } => (String::new(), note.as_str()),
        QueueAction::Forward { to, note } => (format!("naar {}", to.label(reference)), note),
        QueueAction::Appointment { at, note } => {
            (format!("op {}", at.format("%d-%m-%Y %H:%M")), note)
        }
        QueueAction::ContactAttempt { reached, note } => {
            let what = if *reached { "bereikt" } else { "niet bereikt" };
            (what.to_string(), note)
        }
        QueueAction::Close { outcome, note } => (outcome.name().to_string(), note),
    };
    // Typed by a professional: stored without what would hide or control (probe B19).
    let typed = crate::safe_text::typed(note);
    let note = typed.trim();
    match (what.is_empty(), note.is_empty()) {
        (true, _) => note.to_string(),
        (false, true) => what,
        (false, false) => format!("{what}: {note}"),
    }
}

impl Store {
    /// The open items `user` sees in `view`, most urgent first, then by term.
    pub fn queue(
        &self,
        user: &User,
        view: QueueView,
        now: DateTime<Utc>,
    ) -> Result<Vec<QueueItem>, StoreError> {
        let context = ReadContext::with_privacy(&self.reference, now, self.privacy);
        Ok(self
            .load_listed(&context)?
            .into_iter()
            .filter(|(item, assigned)| context.in_view(view, user, item, *assigned))
            .map(|(item, _)| item)
            .collect())
    }

    /// How many open items `user` has in each view, in the order of [`QueueView::ALL`]: the
    /// counts on the tabs, from one read so they agree with each other.
    pub fn queue_counts(
        &self,
        user: &User,
        now: DateTime<Utc>,
    ) -> Result<Vec<(QueueView, usize)>, StoreError> {
        let context = ReadContext::with_privacy(&self.reference, now, self.privacy);
        let items = self.load_listed(&context)?;
        Ok(QueueView::ALL
            .into_iter()
            .map(|view| {
                let count = items
                    .iter()
                    .filter(|(item, assigned)| context.in_view(view, user, item, *assigned))
                    .count();
                (view, count)
            })
            .collect())
    }

    /// The items in `state`, or all open items when `None`, sorted as in [`Store::queue`]:
    /// the list for scripts and dashboards, which sign in as no one.
    pub fn queue_items(
        &self,
        state: Option<QueueState>,
        now: DateTime<Utc>,
    ) -> Result<Vec<QueueItem>, StoreError> {
        let context = ReadContext::new(&self.reference, now);
        Ok(self
            .load_items(&context, state)?
            .into_iter()
            .map(|(item, _)| item)
            .collect())
    }

    /// Does `action` on item `id` for `user`, in one immediate transaction: read the state,
    /// check the rules, write the change, its history row and the audit row. A claim is a
    /// conditional update, so of two desks claiming at once exactly one gets the item and the
    /// other is told who has it. Only the claimer (or a coördinator) works on a
    /// claimed item. Claiming and forwarding need a ground in the need-to-know matrix
    /// (`policy::may_claim`, `policy::may_forward`); a refusal is audited and changes nothing.
    /// Claiming never makes anyone regisseur: that is an act of its own (`Store::become_regisseur`).
    /// Returns the item as it is now.
    pub fn queue_act(
        &mut self,
        id: i64,
        user: &User,
        action: &QueueAction,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<QueueItem, QueueError> {
        if !policy::allows(user.role, Permission::WorkQueue) {
            return refused(WorkRefusal::Role.to_string());
        }
        let tx = self.begin_queue_write()?;
        let context = ReadContext::new(&self.reference, now);
        let Some(current) = self.current(id)? else {
            return Err(QueueError::NotFound);
        };
        let facts = current.facts(&context.reference);
        let ground = match action {
            QueueAction::Claim => Some(policy::may_claim(user, &facts)),
            QueueAction::Forward { .. } => Some(policy::may_forward(user, &facts)),
            _ => None,
        };
        if let Some(Err(refusal)) = ground {
            // The refusal is recorded: trying to take someone else's case is worth knowing.
            let action = format!("wachtrij {}", action.name());
            let object = format!("queue:{id}");
            self.audit(&actor(user), &action, &object, refusal.code(), origin, now)?;
            tx.commit()?;
            return refused(refusal.to_string());
        }
        let holds =
            |state: QueueState| matches!(state, QueueState::Opgepakt | QueueState::Afspraak);
        if matches!(action, QueueAction::Claim) && holds(current.state) {
            return refused(already_claimed(
                user,
                current.claimed_by_id,
                current.claimed_by.as_deref(),
            ));
        }
        if !matches!(action, QueueAction::Claim)
            && holds(current.state)
            && current.claimed_by_id != Some(user.id)
            && !policy::allows(user.role, Permission::ReassignQueue)
        {
            return refused(format!(
                "Opgepakt door {}; alleen die kan dit nu doen",
                current.claimed_by.as_deref().unwrap_or("een collega")
            ));
        }
        let next = apply(current.state, action).map_err(|e| QueueError::Refused(e.0))?;
        let at = timestamp(now);
        match action {
            QueueAction::Claim => {
                // Conditional: the state is checked in the same statement that claims.
                let changed = self
                    .conn
                    .prepare_cached(
                        "UPDATE queue_items SET state = ?1, claimed_by = ?2, claimed_at = ?3
                         WHERE id = ?4 AND state IN ('nieuw', 'teruggelegd', 'doorgestuurd')",
                    )?
                    .execute(params![next.code(), user.id, at, id])?;
                if changed == 0 {
                    let holder = self.current(id)?;
                    return refused(already_claimed(
                        user,
                        holder.as_ref().and_then(|h| h.claimed_by_id),
                        holder.as_ref().and_then(|h| h.claimed_by.as_deref()),
                    ));
                }
            }
            QueueAction::Release { .. } => {
                // Back to the team: nobody holds it, and it is no longer meant for the one who
                // put it back.
                self.conn
                    .prepare_cached(
                        "UPDATE queue_items SET state = ?1, claimed_by = NULL, claimed_at = NULL,
                            assigned_to = CASE WHEN assigned_to = ?2 THEN NULL ELSE assigned_to END
                         WHERE id = ?3",
                    )?
                    .execute(params![next.code(), user.id, id])?;
            }
            QueueAction::Forward { to, .. } => {
                let team = to.label(&context.reference);
                if *to == current.target && team == current.team(&context.reference).label {
                    return refused(format!("Dit item staat al bij {team}"));
                }
                let (target_kind, target) = to.code();
                self.conn
                    .prepare_cached(
                        "UPDATE queue_items SET state = ?1, target_kind = ?2, target = ?3,
                            team = ?4, claimed_by = NULL, claimed_at = NULL, assigned_to = NULL
                         WHERE id = ?5",
                    )?
                    .execute(params![next.code(), target_kind, target, team, id])?;
            }
            QueueAction::Appointment { at: when, .. } => {
                self.conn
                    .prepare_cached(
                        "UPDATE queue_items SET state = ?1, appointment_at = ?2 WHERE id = ?3",
                    )?
                    .execute(params![
                        next.code(),
                        when.format(APPOINTMENT_FORMAT).to_string(),
                        id
                    ])?;
            }
            QueueAction::ContactAttempt { .. } => {
                self.conn
                    .prepare_cached(
                        "UPDATE queue_items SET state = ?1, attempts = attempts + 1 WHERE id = ?2",
                    )?
                    .execute(params![next.code(), id])?;
            }
            QueueAction::Close { outcome, .. } => {
                check_close(*outcome, current.attempts).map_err(|e| QueueError::Refused(e.0))?;
                self.conn
                    .prepare_cached(
                        "UPDATE queue_items SET state = ?1, outcome = ?2 WHERE id = ?3",
                    )?
                    .execute(params![next.code(), outcome.code(), id])?;
                self.close_case_if_done(current.case_id, now)?;
            }
        }
        let note = history_note(action, &context.reference);
        self.append_history(id, &at, user.id, action.name(), current.state, next, &note)?;
        let audit_action = format!("wachtrij {}", action.name());
        let result = match ground {
            Some(Ok(ground)) => format!("gelukt: {}", ground.code()),
            _ => "gelukt".to_string(),
        };
        self.audit(
            &actor(user),
            &audit_action,
            &format!("queue:{id}"),
            &result,
            origin,
            now,
        )?;
        let item = self.load_item(&context, id)?.ok_or(QueueError::NotFound)?;
        tx.commit()?;
        Ok(item)
    }

    /// One item in any state, without its content: what a desk may know of a handover it
    /// just made (team, term).
    pub fn queue_item(&self, id: i64, now: DateTime<Utc>) -> Result<Option<QueueItem>, StoreError> {
        self.load_item(&ReadContext::new(&self.reference, now), id)
    }

    /// `PRAGMA data_version`: it changes when another connection (another desk) commits, not
    /// when this one does, so a screen polls it to know when to reload.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?)
    }

    /// A write transaction that takes the write lock at once, so the state it reads is the
    /// state it changes. It borrows the connection shared, so `Store::audit` writes inside it.
    fn begin_queue_write(&self) -> Result<Transaction<'_>, StoreError> {
        Ok(Transaction::new_unchecked(
            &self.conn,
            TransactionBehavior::Immediate,
        )?)
    }

    /// The items in `state` (all open ones when `None`), sorted, with their assignee's id.
    fn load_items(
        &self,
        context: &ReadContext,
        state: Option<QueueState>,
    ) -> Result<Vec<(QueueItem, Option<i64>)>, StoreError> {
        self.load_sorted(
            context,
            "(?1 IS NULL AND q.state <> 'afgerond') OR q.state = ?1",
            [state.map(QueueState::code)],
        )
    }

    /// What the tabs list: the open items, and the closed ones still recent enough to be
    /// someone's own handover.
    fn load_listed(
        &self,
        context: &ReadContext,
    ) -> Result<Vec<(QueueItem, Option<i64>)>, StoreError> {
        self.load_sorted(
            context,
            "q.state <> 'afgerond' OR q.created_at >= ?1",
            [timestamp(context.own_since)],
        )
    }

    /// The items `condition` selects, sorted, with their assignee's id.
    fn load_sorted(
        &self,
        context: &ReadContext,
        condition: &str,
        params: impl Params,
    ) -> Result<Vec<(QueueItem, Option<i64>)>, StoreError> {
        let sql = format!("{ITEM_SELECT} WHERE {condition}");
        let raws: Vec<RawItem> = self
            .conn
            .prepare_cached(&sql)?
            .query_map(params, RawItem::from_row)?
            .collect::<Result<_, _>>()?;
        let mut items = raws
            .into_iter()
            .map(|raw| context.decode(raw))
            .collect::<Result<Vec<_>, _>>()?;
        sort_items(&mut items);
        Ok(items)
    }

    /// One item in any state.
    fn load_item(&self, context: &ReadContext, id: i64) -> Result<Option<QueueItem>, StoreError> {
        let sql = format!("{ITEM_SELECT} WHERE q.id = ?1");
        let raw = self
            .conn
            .prepare_cached(&sql)?
            .query_row([id], RawItem::from_row)
            .optional()?;
        raw.map(|raw| context.decode(raw).map(|(item, _)| item))
            .transpose()
    }

    /// The state of item `id` as an action checks it.
    fn current(&self, id: i64) -> Result<Option<Current>, StoreError> {
        type Row = (
            String,
            Option<i64>,
            Option<String>,
            String,
            String,
            Option<String>,
            u32,
            Option<i64>,
            Option<i64>,
            Option<i64>,
        );
        let row: Option<Row> = tuple(
            &self.conn,
            "SELECT q.state, q.claimed_by, u.name, q.target_kind, q.target, q.team, q.attempts,
                    q.assigned_to, h.regisseur, q.case_id
                 FROM queue_items q
                 LEFT JOIN users u ON u.id = q.claimed_by
                 LEFT JOIN households h ON h.id = q.household_id
                 WHERE q.id = ?1",
            [id],
        )?;
        let Some((
            state,
            claimed_by_id,
            claimed_by,
            kind,
            value,
            team,
            attempts,
            assigned_to,
            regisseur,
            case_id,
        )) = row
        else {
            return Ok(None);
        };
        let target = Target::from_code(&kind, &value)
            .ok_or_else(|| corrupt("queue_items", id, format!("doel {kind:?} {value:?}")))?;
        Ok(Some(Current {
            state: parse_state(&state, "queue_items", id)?,
            claimed_by_id,
            claimed_by,
            target,
            team,
            attempts,
            assigned_to,
            regisseur,
            case_id,
        }))
    }

    /// The history of item `id`, oldest first.
    /// The item's history, with the opschalingen of its case: they concern every item of it.
    fn queue_history(&self, id: i64) -> Result<Vec<QueueEvent>, StoreError> {
        let rows: Vec<(i64, String, String, String, String, String, String)> = tuples(
            &self.conn,
            "SELECT h.id, h.at, coalesce(u.name, ''), h.action, h.from_state, h.to_state,
                    h.note
                 FROM queue_history h LEFT JOIN users u ON u.id = h.user_id
                 WHERE h.item_id = ?1
                    OR (h.action = 'opgeschaald' AND h.item_id IN
                        (SELECT id FROM queue_items WHERE case_id =
                            (SELECT case_id FROM queue_items WHERE id = ?1)))
                 ORDER BY h.id",
            [id],
        )?;
        rows.into_iter()
            .map(|(row_id, at, user, action, from, to, note)| {
                let table = "queue_history";
                Ok(QueueEvent {
                    at: parse_time(&at, table, row_id)?,
                    user,
                    action,
                    from: parse_state(&from, table, row_id)?,
                    to: parse_state(&to, table, row_id)?,
                    note,
                })
            })
            .collect()
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn append_history(
        &self,
        id: i64,
        at: &str,
        user_id: i64,
        action: &str,
        from: QueueState,
        to: QueueState,
        note: &str,
    ) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "INSERT INTO queue_history (item_id, at, user_id, action, from_state, to_state,
                    note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                id,
                at,
                user_id,
                action,
                from.code(),
                to.code(),
                note
            ])?;
        Ok(())
    }
}
