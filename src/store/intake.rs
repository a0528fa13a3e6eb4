//! Intakes: saving one with its advice and queue item in a single transaction, corrections that
//! keep the earlier version, drafts that survive a crash, and finding a resident's household so
//! no second track starts ("1 huishouden, 1 plan, 1 regisseur").
//!
//! The audit log gets ids only: never a resident's name, phone or the text of a note.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::ToSql;
use rusqlite::{OptionalExtension, Row, Transaction, TransactionBehavior, named_params, params};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::access::actor;
use super::columns::{corrupt, parse_time, resident_from_row, timestamp};
use super::{Store, StoreError};
use crate::domain::Code;
use crate::domain::account::User;
use crate::domain::hours::dutch_day_start;
use crate::domain::household_query::{phone_key, postcode_key};
use crate::domain::intake::{Consent, ContactDraft, Intake, Route, RouteSuggestion, Urgentie};
use crate::domain::queue::Target;
use crate::domain::routing::is_incomplete;
use crate::text::folded_words;

/// What [`Store::save_intake`] and [`Store::correct_intake`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SavedIntake {
    pub id: i64,
    pub household_id: Option<i64>,
    /// The intake's queue item, whether this save made it or an earlier one did.
    pub queue_item: Option<i64>,
}

/// One line of "Mijn contacten vandaag".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntakeSummary {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// The first 60 characters of the question, on one line.
    pub question_start: String,
    /// The route taken (chosen or suggested).
    pub route: Route,
    pub leefgebieden: Vec<String>,
}

/// One question of a contact, finished at the desk: the intake, the route advice it had and
/// the resident's wijk.
#[derive(Debug, Clone, Copy)]
pub struct ContactQuestion<'a> {
    pub intake: &'a Intake,
    pub suggestion: &'a RouteSuggestion,
    pub wijk: Option<&'a str>,
}

const QUESTION_START_CHARS: usize = 60;

/// The audit action of a danger banner the desk answered "geen direct gevaar".
pub const DANGER_DISMISSED: &str = "gevaarmelding afgewezen";

/// The columns `IntakeRow::from_row` reads; the advice lives in `intake_advice`.
const INTAKE_COLUMNS: &str = "id, kanaal, signaal_van, household_id, name, phone, email, postcode,
    house_number, birth_year, on_behalf_of, question, complexiteit, signalen, leefgebieden, route,
    route_chosen, route_reason, urgentie, consent, consent_asked, handover_note,
    own_track_reason, suggested_route, suggestion_why, wijk, updated_at, melder, danger,
    digital_application";

fn from_json<T: DeserializeOwned>(
    text: &str,
    table: &'static str,
    id: i64,
) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|e| corrupt(table, id, e))
}

/// JSON of the intake's own types. Derived serialisation of plain structs and enums cannot
/// fail, so a failure here is a bug, not a state of the database.
fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("intake types serialise to JSON")
}

/// The variant an intake row stores as `code`, exactly as [`Code::code`] wrote it.
fn from_code<T: Code>(code: &str, id: i64) -> Result<T, StoreError> {
    code.parse()
        .map_err(|_| corrupt("intakes", id, format!("onbekende code {code:?}")))
}

/// A name as it is searched: folded words (no case, no diacritics) joined by single spaces.
pub(super) fn name_key(text: &str) -> String {
    folded_words(text).join(" ")
}

/// The first characters of a question on one line, for a list.
fn question_start(question: &str) -> String {
    question
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(QUESTION_START_CHARS)
        .collect()
}

/// UTC bounds of a Dutch calendar day: the desk's "vandaag" is local, the database is UTC.
fn local_day_bounds(day: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    (
        dutch_day_start(day),
        dutch_day_start(day + chrono::Days::new(1)),
    )
}

/// The route an intake takes: the desk's choice, or else the verwijs-scan's suggestion.
/// The queue item a route asks for, as (kind, target_kind, target); `None` when the desk
/// handled the question itself.
fn queue_target(route: &Route) -> Option<(&'static str, &'static str, &str)> {
    match route {
        Route::Direct => None,
        Route::Loket { leefgebied } => Some(("doorverwijzing", "loket", leefgebied)),
        Route::SociaalTeam { wijk } => Some(("doorverwijzing", "sociaal-team", wijk)),
        Route::Expertiseteam => Some(("doorverwijzing", "expertiseteam", "")),
        Route::Terugbelverzoek { team } => Some(("terugbelverzoek", "team", team)),
    }
}

/// The columns an intake writes, computed once for the insert or the update.
struct IntakeColumns<'a> {
    intake: &'a Intake,
    household_id: Option<i64>,
    wijk: Option<&'a str>,
    suggestion_why: &'a str,
    kanaal: &'static str,
    melder: &'static str,
    complexiteit: &'static str,
    urgentie: &'static str,
    signalen: String,
    danger: String,
    leefgebieden: String,
    route: String,
    route_chosen: bool,
    suggested_route: String,
    name_key: String,
    phone_key: String,
    postcode_key: String,
    consent: bool,
    consent_asked: bool,
    /// Nobody named, nothing to trace the resident by: kept for the privacy export.
    anonymous: bool,
}

impl<'a> IntakeColumns<'a> {
    fn new(
        intake: &'a Intake,
        suggestion: &'a RouteSuggestion,
        household_id: Option<i64>,
        wijk: Option<&'a str>,
    ) -> Self {
        let resident = &intake.resident;
        IntakeColumns {
            intake,
            household_id,
            wijk,
            suggestion_why: &suggestion.why,
            kanaal: intake.kanaal.code(),
            melder: intake.melder.code(),
            complexiteit: intake.complexiteit.code(),
            urgentie: intake.urgentie.code(),
            signalen: to_json(&intake.signalen),
            danger: to_json(&intake.danger),
            leefgebieden: to_json(&intake.leefgebieden),
            route: to_json(intake.effective_route(suggestion)),
            route_chosen: intake.route.is_some(),
            suggested_route: to_json(&suggestion.route),
            name_key: name_key(&resident.name),
            phone_key: phone_key(&resident.phone),
            postcode_key: postcode_key(&resident.postcode),
            consent: intake.consent.given(),
            consent_asked: intake.consent != Consent::NietGevraagd,
            anonymous: resident.is_anonymous(),
        }
    }

    /// The named parameters both `INSERT_INTAKE` and `UPDATE_INTAKE` take.
    fn params(&self) -> [(&'static str, &dyn ToSql); 32] {
        let i = self.intake;
        let r = &i.resident;
        [
            (":kanaal", &self.kanaal),
            (":signaal_van", &i.signaal_van),
            (":household_id", &self.household_id),
            (":name", &r.name),
            (":phone", &r.phone),
            (":email", &r.email),
            (":postcode", &r.postcode),
            (":house_number", &r.house_number),
            (":birth_year", &r.birth_year),
            (":on_behalf_of", &r.on_behalf_of),
            (":wijk", &self.wijk),
            (":name_key", &self.name_key),
            (":phone_key", &self.phone_key),
            (":postcode_key", &self.postcode_key),
            (":question", &i.question),
            (":complexiteit", &self.complexiteit),
            (":signalen", &self.signalen),
            (":leefgebieden", &self.leefgebieden),
            (":route", &self.route),
            (":route_chosen", &self.route_chosen),
            (":suggested_route", &self.suggested_route),
            (":suggestion_why", &self.suggestion_why),
            (":route_reason", &i.route_reason),
            (":urgentie", &self.urgentie),
            (":consent", &self.consent),
            (":consent_asked", &self.consent_asked),
            (":anonymous", &self.anonymous),
            (":handover_note", &i.handover_note),
            (":melder", &self.melder),
            (":danger", &self.danger),
            (":digital_application", &i.digital_application),
            (":own_track_reason", &i.own_track_reason),
        ]
    }
}

const INSERT_INTAKE: &str = "INSERT INTO intakes (created_at, updated_at, user_id, location,
    kanaal, signaal_van, household_id, name, phone, email, postcode, house_number, birth_year,
    on_behalf_of, wijk, name_key, phone_key, postcode_key, question, complexiteit, signalen,
    leefgebieden, route, route_chosen, suggested_route, suggestion_why, route_reason, urgentie,
    consent, consent_asked, anonymous, handover_note, melder, danger, digital_application,
    own_track_reason)
 VALUES (:at, :at, :user_id, :location,
    :kanaal, :signaal_van, :household_id, :name, :phone, :email, :postcode, :house_number,
    :birth_year, :on_behalf_of, :wijk, :name_key, :phone_key, :postcode_key, :question,
    :complexiteit, :signalen, :leefgebieden, :route, :route_chosen, :suggested_route,
    :suggestion_why, :route_reason, :urgentie, :consent, :consent_asked, :anonymous,
    :handover_note, :melder, :danger, :digital_application, :own_track_reason)";

const UPDATE_INTAKE: &str = "UPDATE intakes SET updated_at = :at,
    kanaal = :kanaal, signaal_van = :signaal_van, household_id = :household_id, name = :name,
    phone = :phone, email = :email, postcode = :postcode, house_number = :house_number,
    birth_year = :birth_year, on_behalf_of = :on_behalf_of, wijk = :wijk, name_key = :name_key,
    phone_key = :phone_key, postcode_key = :postcode_key, question = :question,
    complexiteit = :complexiteit, signalen = :signalen, leefgebieden = :leefgebieden,
    route = :route, route_chosen = :route_chosen, suggested_route = :suggested_route,
    suggestion_why = :suggestion_why, route_reason = :route_reason, urgentie = :urgentie,
    consent = :consent, consent_asked = :consent_asked, anonymous = :anonymous, handover_note = :handover_note,
    melder = :melder, danger = :danger, digital_application = :digital_application,
    own_track_reason = :own_track_reason
 WHERE id = :id";

/// Runs `sql` with the intake's columns plus `extra` named parameters.
fn execute_with(
    store: &Store,
    sql: &str,
    columns: &IntakeColumns,
    extra: &[(&'static str, &dyn ToSql)],
) -> Result<(), StoreError> {
    let mut all: Vec<(&str, &dyn ToSql)> = columns.params().to_vec();
    all.extend_from_slice(extra);
    store.conn.prepare_cached(sql)?.execute(all.as_slice())?;
    Ok(())
}

/// An intake row as read, before its coded columns are decoded.
struct IntakeRow {
    id: i64,
    intake: Intake,
    kanaal: String,
    melder: String,
    danger: String,
    complexiteit: String,
    signalen: String,
    leefgebieden: String,
    route: String,
    route_chosen: bool,
    urgentie: String,
    suggested_route: String,
    suggestion_why: String,
    wijk: Option<String>,
    updated_at: String,
}

impl IntakeRow {
    fn from_row(row: &Row) -> rusqlite::Result<Self> {
        let intake = Intake {
            signaal_van: row.get("signaal_van")?,
            resident: resident_from_row(row)?,
            household_id: row.get("household_id")?,
            question: row.get("question")?,
            route_reason: row.get("route_reason")?,
            consent: match row.get("consent_asked")? {
                true => Consent::from_stored(row.get("consent")?),
                false => Consent::NietGevraagd,
            },
            handover_note: row.get("handover_note")?,
            digital_application: row.get("digital_application")?,
            own_track_reason: row.get("own_track_reason")?,
            ..Intake::default()
        };
        Ok(IntakeRow {
            id: row.get("id")?,
            intake,
            kanaal: row.get("kanaal")?,
            melder: row.get("melder")?,
            danger: row.get("danger")?,
            complexiteit: row.get("complexiteit")?,
            signalen: row.get("signalen")?,
            leefgebieden: row.get("leefgebieden")?,
            route: row.get("route")?,
            route_chosen: row.get("route_chosen")?,
            urgentie: row.get("urgentie")?,
            suggested_route: row.get("suggested_route")?,
            suggestion_why: row.get("suggestion_why")?,
            wijk: row.get("wijk")?,
            updated_at: row.get("updated_at")?,
        })
    }

    /// The stored intake, with `advice` the service ids in the order given.
    fn decode(self, advice: Vec<String>) -> Result<StoredIntake, StoreError> {
        let id = self.id;
        let route: Route = from_json(&self.route, "intakes", id)?;
        let intake = Intake {
            kanaal: from_code(&self.kanaal, id)?,
            melder: from_code(&self.melder, id)?,
            danger: from_json(&self.danger, "intakes", id)?,
            complexiteit: from_code(&self.complexiteit, id)?,
            urgentie: from_code(&self.urgentie, id)?,
            signalen: from_json(&self.signalen, "intakes", id)?,
            leefgebieden: from_json(&self.leefgebieden, "intakes", id)?,
            route: self.route_chosen.then_some(route),
            advice,
            ..self.intake
        };
        Ok(StoredIntake {
            intake,
            suggested_route: from_json(&self.suggested_route, "intakes", id)?,
            suggestion_why: self.suggestion_why,
            wijk: self.wijk,
            saved_at: parse_time(&self.updated_at, "intakes", id)?,
        })
    }
}

/// An intake as stored, with what the desk saw when saving it: the version a correction keeps
/// in `intake_history`. Read back as a plain [`Intake`]; the rest stays for whoever audits it.
#[derive(Serialize)]
struct StoredIntake {
    #[serde(flatten)]
    intake: Intake,
    suggested_route: Route,
    suggestion_why: String,
    wijk: Option<String>,
    saved_at: DateTime<Utc>,
}

impl Store {
    /// Saves a new intake in one transaction: its household (a new one when the intake names
    /// a resident but no household), the intake, the advice, the queue item when its route
    /// hands over, the audit rows, and the removal of the user's draft. Either all of it is
    /// stored or none of it, and the draft stays until the intake is safe.
    ///
    /// The route is `intake.route` or else the suggestion's. A queue item is spoed whenever the
    /// suggestion says so (acute danger), whatever urgentie the form had; the intake itself
    /// keeps what the desk chose.
    pub fn save_intake(
        &mut self,
        user: &User,
        intake: &Intake,
        suggestion: &RouteSuggestion,
        wijk: Option<&str>,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<SavedIntake, StoreError> {
        let question = ContactQuestion {
            intake,
            suggestion,
            wijk,
        };
        let mut saved = self.save_contact(user, &[question], origin, now)?;
        Ok(saved.remove(0))
    }

    /// Saves the questions of one contact together, as [`Store::save_intake`] saves one: all
    /// of them or none. Several questions are linked by a contact; a question that names a
    /// resident without a household joins the household of the contact's first one (one
    /// household, one plan).
    pub fn save_contact(
        &mut self,
        user: &User,
        questions: &[ContactQuestion],
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<SavedIntake>, StoreError> {
        let tx = self.begin_immediate()?;
        let at = timestamp(now);
        let contact = if questions.len() > 1 {
            self.conn
                .prepare_cached("INSERT INTO contacts (created_at, user_id) VALUES (?1, ?2)")?
                .execute(params![at, user.id])?;
            Some(self.conn.last_insert_rowid())
        } else {
            None
        };
        let mut saved: Vec<SavedIntake> = Vec::with_capacity(questions.len());
        // One household, one handover: a question routed where an earlier one of this contact
        // already went joins its queue item (seed 003 §3.4, "één huishouden, één plan").
        let mut handed_over: Vec<(&Route, i64)> = Vec::new();
        for question in questions {
            let route = question.intake.effective_route(question.suggestion);
            let joins = handed_over
                .iter()
                .find(|(r, _)| *r == route)
                .map(|(_, item)| *item);
            let shared = saved.first().and_then(|first| first.household_id);
            let cleaned = question.intake.typed_text_cleaned();
            let intake = match (cleaned.household_id, shared) {
                (None, Some(household)) if !cleaned.resident.is_anonymous() => Intake {
                    household_id: Some(household),
                    ..cleaned
                },
                _ => cleaned,
            };
            let one = self.insert_intake(user, &intake, question, contact, joins, origin, now)?;
            if let (None, Some(item)) = (joins, one.queue_item) {
                handed_over.push((route, item));
            }
            saved.push(one);
        }
        self.conn
            .prepare_cached("DELETE FROM drafts WHERE user_id = ?1")?
            .execute([user.id])?;
        tx.commit()?;
        Ok(saved)
    }

    /// One intake of a save, inside its transaction.
    #[allow(clippy::too_many_arguments)]
    fn insert_intake(
        &self,
        user: &User,
        intake: &Intake,
        question: &ContactQuestion,
        contact: Option<i64>,
        joins: Option<i64>,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<SavedIntake, StoreError> {
        let at = &timestamp(now);
        let suggestion = question.suggestion;
        let household_id = self.household_for(intake, at)?;
        let columns = IntakeColumns::new(intake, suggestion, household_id, question.wijk);
        execute_with(
            self,
            INSERT_INTAKE,
            &columns,
            &[
                (":at", &at),
                (":user_id", &user.id),
                (":location", &user.location),
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        if contact.is_some() {
            self.conn
                .prepare_cached("UPDATE intakes SET contact_id = ?2 WHERE id = ?1")?
                .execute(params![id, contact])?;
        }
        self.write_advice(id, &intake.advice)?;
        self.write_answers(id, &intake.answers)?;
        let created = match joins {
            Some(_) => None,
            None => self.insert_queue_item(id, household_id, intake, suggestion, at)?,
        };
        self.audit_save(user, "intake opslaan", id, intake, created, origin, now)?;
        Ok(SavedIntake {
            id,
            household_id,
            queue_item: joins.or(created),
        })
    }

    /// Corrects a saved intake in one transaction: the version before is kept in
    /// `intake_history` (with who corrected it and when), then the intake and its advice are
    /// replaced. A queue item is made only when there was none and the new route hands over; an
    /// existing one is the queue's to forward, not the correction's. The user's draft is left
    /// alone: it may hold a new intake they are still typing. `None` when there is no such
    /// intake.
    #[allow(clippy::too_many_arguments)]
    pub fn correct_intake(
        &mut self,
        user: &User,
        id: i64,
        intake: &Intake,
        suggestion: &RouteSuggestion,
        wijk: Option<&str>,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<SavedIntake>, StoreError> {
        let intake = &intake.typed_text_cleaned();
        let tx = self.begin_immediate()?;
        let Some(previous) = self.stored_intake(id)? else {
            return Ok(None);
        };
        let at = timestamp(now);
        self.conn
            .prepare_cached(
                "INSERT INTO intake_history (intake_id, changed_at, user_id, previous)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![id, at, user.id, to_json(&previous)])?;
        let household_id = self.household_for(intake, &at)?;
        let columns = IntakeColumns::new(intake, suggestion, household_id, wijk);
        execute_with(self, UPDATE_INTAKE, &columns, &[(":at", &at), (":id", &id)])?;
        self.conn
            .prepare_cached("DELETE FROM intake_advice WHERE intake_id = ?1")?
            .execute([id])?;
        self.write_advice(id, &intake.advice)?;
        self.write_answers(id, &intake.answers)?;
        // The household's open tracks must include this intake's handover.
        self.conn
            .prepare_cached("UPDATE queue_items SET household_id = ?2 WHERE intake_id = ?1")?
            .execute(params![id, household_id])?;
        let existing: Option<i64> = self
            .conn
            .prepare_cached("SELECT min(id) FROM queue_items WHERE intake_id = ?1")?
            .query_row([id], |r| r.get(0))?;
        let created = match existing {
            Some(_) => None,
            None => self.insert_queue_item(id, household_id, intake, suggestion, &at)?,
        };
        self.audit_save(user, "intake corrigeren", id, intake, created, origin, now)?;
        tx.commit()?;
        Ok(Some(SavedIntake {
            id,
            household_id,
            queue_item: existing.or(created),
        }))
    }

    /// An intake as saved (or last corrected), if `viewer` may read it (see `access`): their
    /// own recent intake, or a case they are involved in. Every look is audited, granted,
    /// refused or not found, because the record is personal.
    pub fn intake(
        &self,
        id: i64,
        viewer: &User,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Intake>, StoreError> {
        let object = format!("intake:{id}");
        if self
            .enter_case(id, viewer, "intake bekijken", &object, origin, now)?
            .is_none()
        {
            return Ok(None);
        }
        self.intake_unchecked(id)
    }

    /// The intake as stored, without the need-to-know door and without an audit row: for
    /// callers that went through the door already, and for Loket's own processes (checks of
    /// generated demo data). Never for what a person sees.
    pub fn intake_unchecked(&self, id: i64) -> Result<Option<Intake>, StoreError> {
        // One read transaction, so the row and its advice come from the same correction.
        let tx = self.conn.unchecked_transaction()?;
        let found = self.stored_intake(id)?.map(|stored| stored.intake);
        tx.commit()?;
        Ok(found)
    }

    /// The intake as stored with the route the desk was advised and why, without the door:
    /// for the opened queue item, which went through it.
    pub(super) fn intake_with_suggestion(
        &self,
        id: i64,
    ) -> Result<Option<(Intake, Route, String)>, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let found = self
            .stored_intake(id)?
            .map(|stored| (stored.intake, stored.suggested_route, stored.suggestion_why));
        tx.commit()?;
        Ok(found)
    }

    /// The intakes `user_id` took from `first_day` through `last_day` (Dutch calendar days),
    /// newest first: "Mijn contacten".
    pub fn intakes_of(
        &self,
        user_id: i64,
        first_day: NaiveDate,
        last_day: NaiveDate,
    ) -> Result<Vec<IntakeSummary>, StoreError> {
        let (start, _) = local_day_bounds(first_day);
        let (_, end) = local_day_bounds(last_day);
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, created_at, question, route, leefgebieden FROM intakes
             WHERE user_id = ?1 AND created_at >= ?2 AND created_at < ?3
             ORDER BY created_at DESC, id DESC",
        )?;
        let rows: Vec<(i64, String, String, String, String)> = stmt
            .query_map(params![user_id, timestamp(start), timestamp(end)], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(id, at, question, route, leefgebieden)| {
                Ok(IntakeSummary {
                    id,
                    at: parse_time(&at, "intakes", id)?,
                    question_start: question_start(&question),
                    route: from_json(&route, "intakes", id)?,
                    leefgebieden: from_json(&leefgebieden, "intakes", id)?,
                })
            })
            .collect()
    }

    /// The versions an intake had before each correction, oldest first, with when it was
    /// corrected and by whom (user id).
    pub fn intake_history(&self, id: i64) -> Result<Vec<(DateTime<Utc>, i64, Intake)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, changed_at, user_id, previous FROM intake_history
             WHERE intake_id = ?1 ORDER BY id",
        )?;
        let rows: Vec<(i64, String, i64, String)> = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(row_id, at, user_id, previous)| {
                Ok((
                    parse_time(&at, "intake_history", row_id)?,
                    user_id,
                    from_json(&previous, "intake_history", row_id)?,
                ))
            })
            .collect()
    }

    /// Keeps what `user_id` has typed so far, replacing their earlier draft. Written durably,
    /// so a crash, a power cut or a closed SSH window loses nothing.
    pub fn save_draft(
        &mut self,
        user_id: i64,
        draft: &ContactDraft,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "INSERT INTO drafts (user_id, updated_at, intake) VALUES (?1, ?2, ?3)
                 ON CONFLICT(user_id) DO UPDATE SET updated_at = excluded.updated_at,
                    intake = excluded.intake",
            )?
            .execute(params![user_id, timestamp(now), to_json(draft)])?;
        Ok(())
    }

    /// The unfinished intake of `user_id` and when it was last written. A draft this version
    /// cannot read (written by an older Loket, or damaged) is removed and reads as none: the
    /// user loses a half-typed form, never the ability to start a new one.
    pub fn draft(&self, user_id: i64) -> Result<Option<(DateTime<Utc>, ContactDraft)>, StoreError> {
        let Some((at, text)) = self
            .conn
            .prepare_cached("SELECT updated_at, intake FROM drafts WHERE user_id = ?1")?
            .query_row([user_id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })
            .optional()?
        else {
            return Ok(None);
        };
        let parsed = parse_time(&at, "drafts", user_id)
            .and_then(|at| Ok((at, from_json::<ContactDraft>(&text, "drafts", user_id)?)));
        match parsed {
            Ok(draft) => Ok(Some(draft)),
            Err(problem) => {
                tracing::warn!(
                    "onleesbare kladversie van gebruiker {user_id} verwijderd: {problem}"
                );
                self.conn
                    .prepare_cached("DELETE FROM drafts WHERE user_id = ?1")?
                    .execute([user_id])?;
                Ok(None)
            }
        }
    }

    /// Throws the draft of `user_id` away ("weggooien").
    pub fn discard_draft(&mut self, user_id: i64) -> Result<(), StoreError> {
        self.conn
            .prepare_cached("DELETE FROM drafts WHERE user_id = ?1")?
            .execute([user_id])?;
        Ok(())
    }

    /// Starts a write transaction that takes the write lock at once, so a save never fails
    /// half-way on another desk's write. It borrows the connection shared, so `Store::audit`
    /// and the other helpers write inside it.
    fn begin_immediate(&self) -> Result<Transaction<'_>, StoreError> {
        Ok(Transaction::new_unchecked(
            &self.conn,
            TransactionBehavior::Immediate,
        )?)
    }

    /// The intake with id `id` as stored, advice included.
    fn stored_intake(&self, id: i64) -> Result<Option<StoredIntake>, StoreError> {
        let sql = format!("SELECT {INTAKE_COLUMNS} FROM intakes WHERE id = ?1");
        let Some(row) = self
            .conn
            .prepare_cached(&sql)?
            .query_row([id], IntakeRow::from_row)
            .optional()?
        else {
            return Ok(None);
        };
        let mut stored = row.decode(self.advice_of(id)?)?;
        stored.intake.answers = self.answers_of(id)?;
        Ok(Some(stored))
    }

    /// The household the intake belongs to: the linked one, a new one when the intake names a
    /// resident, or none for an anonymous intake (nothing to link a later question to).
    fn household_for(&self, intake: &Intake, at: &str) -> Result<Option<i64>, StoreError> {
        if intake.household_id.is_some() || intake.resident.is_anonymous() {
            return Ok(intake.household_id);
        }
        self.conn
            .prepare_cached("INSERT INTO households (created_at) VALUES (?1)")?
            .execute([at])?;
        Ok(Some(self.conn.last_insert_rowid()))
    }

    /// The services given as advice at intake `intake_id`, in the order given.
    pub(super) fn advice_of(&self, intake_id: i64) -> Result<Vec<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT service_id FROM intake_advice WHERE intake_id = ?1 ORDER BY position",
            )?
            .query_map([intake_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?)
    }

    fn write_advice(&self, intake_id: i64, advice: &[String]) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO intake_advice (intake_id, position, service_id) VALUES (?1, ?2, ?3)",
        )?;
        for (position, service_id) in advice.iter().enumerate() {
            stmt.execute(params![intake_id, position as i64, service_id])?;
        }
        Ok(())
    }

    /// The queue item for the intake's route, if that route hands over.
    fn insert_queue_item(
        &self,
        intake_id: i64,
        household_id: Option<i64>,
        intake: &Intake,
        suggestion: &RouteSuggestion,
        at: &str,
    ) -> Result<Option<i64>, StoreError> {
        let Some((kind, target_kind, target)) = queue_target(intake.effective_route(suggestion))
        else {
            return Ok(None);
        };
        if is_incomplete(intake.effective_route(suggestion)) {
            return Err(StoreError::IncompleteRoute);
        }
        if !intake.resident.reachable() {
            return Err(StoreError::UnreachableHandover);
        }
        let urgentie = if suggestion.spoed {
            Urgentie::Spoed
        } else {
            intake.urgentie
        };
        // The team as routing.toml names it now; it stays with the item (see migration 024).
        let team = Target::of_route(intake.effective_route(suggestion))
            .map(|target| target.label(&self.reference));
        let link = self.case_for_handover(
            household_id,
            intake.effective_route(suggestion),
            &intake.leefgebieden,
            &intake.own_track_reason,
            at,
        )?;
        self.conn
            .prepare_cached(
                "INSERT INTO queue_items (intake_id, household_id, kind, target_kind, target,
                    team, urgentie, created_at, case_id, assigned_to)
                 VALUES (:intake_id, :household_id, :kind, :target_kind, :target, :team,
                    :urgentie, :at, :case_id, :assigned_to)",
            )?
            .execute(named_params! {
                ":intake_id": intake_id,
                ":household_id": household_id,
                ":kind": kind,
                ":target_kind": target_kind,
                ":target": target,
                ":team": team,
                ":urgentie": urgentie.code(),
                ":at": at,
                ":case_id": link.case_id,
                ":assigned_to": link.assigned_to,
            })?;
        Ok(Some(self.conn.last_insert_rowid()))
    }

    /// The audit rows of a save or correction: ids only, never what the resident told. A
    /// dismissed danger banner gets its own row: who decided there was no direct danger.
    #[allow(clippy::too_many_arguments)]
    fn audit_save(
        &self,
        user: &User,
        action: &str,
        intake_id: i64,
        intake: &Intake,
        queue_item: Option<i64>,
        origin: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let actor = actor(user);
        let object = format!("intake:{intake_id}");
        self.audit(&actor, action, &object, "gelukt", origin, now)?;
        if intake.danger.is_dismissed() {
            self.audit(&actor, DANGER_DISMISSED, &object, "gelukt", origin, now)?;
        }
        if let Some(queue_id) = queue_item {
            let object = format!("queue:{queue_id}");
            self.audit(&actor, "overdracht", &object, "gelukt", origin, now)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_ignore_spacing_case_and_accents() {
        assert_eq!(name_key("Zoë  Çelik-Özdemir"), "zoe celik ozdemir");
    }

    #[test]
    fn question_start_is_one_line_of_sixty_chars() {
        let question = "Ik kan de huur niet betalen.\nEn de energierekening ook niet, en nu belt de deurwaarder.";
        let start = question_start(question);
        assert_eq!(start.chars().count(), 60);
        assert!(start.starts_with("Ik kan de huur niet betalen. En de"));
    }

    #[test]
    fn dutch_days_in_utc() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let (start, end) = local_day_bounds(day("2025-01-15"));
        assert_eq!(timestamp(start), "2025-01-14T23:00:00Z");
        assert_eq!(timestamp(end), "2025-01-15T23:00:00Z");
        // Summer time starts: a day of 23 hours.
        let (start, end) = local_day_bounds(day("2025-03-30"));
        assert_eq!(timestamp(start), "2025-03-29T23:00:00Z");
        assert_eq!(timestamp(end), "2025-03-30T22:00:00Z");
    }
}
