//! Read-only queries for the anonymous report: counts and moments, never personal fields. The
//! rows carry only codes, moments and ids, never a name, a question or a note, so nothing
//! personal can reach a figure by mistake.
//! Timestamps are UTC RFC 3339 in whole seconds, so a period is a plain text range.

use chrono::{DateTime, Utc};
use rusqlite::{Row, params};

use super::columns::{parse_time, timestamp, tuples};
use super::{Store, StoreError};

/// Intakes with the same classification, counted.
pub(crate) struct IntakeGroup {
    pub location: String,
    /// The code as stored (`telefoon`, `signaal`, …).
    pub kanaal: String,
    /// The most urgent leefgebied's code; `None` when none was chosen.
    pub first_leefgebied: Option<String>,
    pub complexiteit: String,
    /// The route as stored: JSON with a `kind`.
    pub route: String,
    pub count: u64,
}

/// One handed-over item of the period, with the moments its figures are measured by.
pub(crate) struct QueueFact {
    pub created_at: DateTime<Utc>,
    pub kind: String,
    pub target_kind: String,
    pub target: String,
    /// The team's name as stored at the handover (NULL for older items).
    pub team: Option<String>,
    pub urgentie: String,
    /// The first time anyone picked it up (a later release does not undo the pick-up).
    pub first_pick_up: Option<DateTime<Utc>>,
    /// When it was closed (afgerond).
    pub closed_at: Option<DateTime<Utc>>,
}

fn parse_times(texts: Vec<String>, table: &'static str) -> Result<Vec<DateTime<Utc>>, StoreError> {
    texts.iter().map(|t| parse_time(t, table, "")).collect()
}

/// A `count(*)` column: SQLite has no unsigned integers, but a count is never negative.
pub(super) fn count_at(row: &Row, index: usize) -> rusqlite::Result<u64> {
    Ok(row.get::<_, i64>(index)?.unsigned_abs())
}

impl Store {
    /// The intakes created in `[from, to)`, grouped by everything the report breaks them
    /// down by, so a year of intakes comes back as a few hundred rows.
    pub(crate) fn report_intake_groups(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<IntakeGroup>, StoreError> {
        let rows = self
            .conn
            .prepare_cached(
                "SELECT location, kanaal, json_extract(leefgebieden, '$[0]'), complexiteit,
                    route, count(*)
                 FROM intakes WHERE created_at >= ?1 AND created_at < ?2
                 GROUP BY 1, 2, 3, 4, 5",
            )?
            .query_map(params![timestamp(from), timestamp(to)], |r| {
                Ok(IntakeGroup {
                    location: r.get(0)?,
                    kanaal: r.get(1)?,
                    first_leefgebied: r.get(2)?,
                    complexiteit: r.get(3)?,
                    route: r.get(4)?,
                    count: count_at(r, 5)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// The creation moments of the contacts in `[from, to)`, for the counts per week (which
    /// need the Dutch date of each): several questions in one contact count once.
    pub(crate) fn report_intake_times(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<DateTime<Utc>>, StoreError> {
        let texts: Vec<String> = self
            .conn
            .prepare_cached(
                "SELECT min(created_at) FROM intakes WHERE created_at >= ?1 AND created_at < ?2
                 GROUP BY coalesce(contact_id, -id)",
            )?
            .query_map(params![timestamp(from), timestamp(to)], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        parse_times(texts, "intakes")
    }

    /// How often advice of each laag (its code; `None` for a service no longer on the kaart
    /// or without a laag) was given in the intakes of `[from, to)`.
    pub(crate) fn report_advice_by_laag(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<(Option<String>, u64)>, StoreError> {
        let rows = self
            .conn
            .prepare_cached(
                "SELECT s.laag, count(*)
                 FROM intake_advice a
                 JOIN intakes i ON i.id = a.intake_id
                 LEFT JOIN services s ON s.id = a.service_id
                 WHERE i.created_at >= ?1 AND i.created_at < ?2
                 GROUP BY s.laag",
            )?
            .query_map(params![timestamp(from), timestamp(to)], |r| {
                Ok((r.get(0)?, count_at(r, 1)?))
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// The queue items handed over in `[from, to)`, with their first pick-up and their
    /// closing moment from the history.
    pub(crate) fn report_queue_items(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<QueueFact>, StoreError> {
        type Raw = (
            String,
            String,
            String,
            String,
            Option<String>,
            String,
            Option<String>,
            Option<String>,
        );
        let raws: Vec<Raw> = tuples(
            &self.conn,
            "SELECT q.created_at, q.kind, q.target_kind, q.target, q.team, q.urgentie,
                    (SELECT min(h.at) FROM queue_history h
                      WHERE h.item_id = q.id AND h.to_state = 'opgepakt'),
                    (SELECT max(h.at) FROM queue_history h
                      WHERE h.item_id = q.id AND h.to_state = 'afgerond')
                 FROM queue_items q WHERE q.created_at >= ?1 AND q.created_at < ?2",
            params![timestamp(from), timestamp(to)],
        )?;
        let table = "queue_items";
        raws.into_iter()
            .map(
                |(created_at, kind, target_kind, target, team, urgentie, picked, closed)| {
                    Ok(QueueFact {
                        created_at: parse_time(&created_at, table, "")?,
                        kind,
                        target_kind,
                        target,
                        team,
                        urgentie,
                        first_pick_up: picked.map(|t| parse_time(&t, table, "")).transpose()?,
                        closed_at: closed.map(|t| parse_time(&t, table, "")).transpose()?,
                    })
                },
            )
            .collect()
    }

    /// When each item that is open now was handed over: the queue as it stands, for the
    /// counts by age.
    pub(crate) fn report_open_item_times(&self) -> Result<Vec<DateTime<Utc>>, StoreError> {
        let texts: Vec<String> = self
            .conn
            .prepare_cached("SELECT created_at FROM queue_items WHERE state <> 'afgerond'")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        parse_times(texts, "queue_items")
    }

    /// How many households have more than one open queue item now: more than one track,
    /// where "1 huishouden, 1 plan" wants one.
    pub(crate) fn report_households_with_several_tracks(&self) -> Result<u64, StoreError> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM (
                SELECT household_id FROM queue_items
                 WHERE state <> 'afgerond' AND household_id IS NOT NULL
                 GROUP BY household_id HAVING count(*) > 1)",
            [],
            |r| count_at(r, 0),
        )?)
    }

    /// Whether the database holds demo data: made as a demo database (marked before the first
    /// demo row, so also after an interrupted run), or with runs of `loket demo` recorded.
    pub(crate) fn report_has_demo_data(&self) -> Result<bool, StoreError> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM demo_runs) OR EXISTS (SELECT 1 FROM database_kind)",
            [],
            |r| r.get(0),
        )?)
    }
}
