//! Computing the report from the store: the store groups and filters in SQL, this module
//! turns codes into the labels the desk knows, orders the categories, measures the queue
//! against its terms and suppresses small numbers.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc, Weekday};
use serde::Serialize;
use serde::de::DeserializeOwned;
use strum::VariantArray;

use super::plans::plan_figures;
use super::suppress::{SUPPRESS_BELOW, suppress};
use super::{Breakdown, Cell, Period, Report, Series, Share, TeamFigures};
use crate::domain::Code;
use crate::domain::hours::dutch_local;
use crate::domain::intake::{Complexiteit, Kanaal, Route, Urgentie};
use crate::domain::laag::Laag;
use crate::domain::queue::{QueueKind, Target};
use crate::domain::queue::{Step, step_due};
use crate::domain::routing::route_label;
use crate::domain::workdays::{TermConfig, is_overdue};
use crate::domain::{Leefgebieden, ReferenceData};
use crate::store::{IntakeGroup, QueueFact, Store, StoreError};

/// The age classes of open items, in days: a handover waiting a month needs a look.
const AGE_BUCKETS: [(i64, &str); 4] = [
    (7, "< 1 week"),
    (14, "1–2 weken"),
    (28, "2–4 weken"),
    (i64::MAX, "> 4 weken"),
];

fn corrupt(table: &'static str, problem: String) -> StoreError {
    StoreError::Corrupt {
        table,
        id: String::new(),
        problem,
    }
}

/// The code an enum is stored by: its serde name, the one source the store uses as well.
fn code_of<T: Serialize>(value: T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(code)) => code,
        other => format!("{other:?}"),
    }
}

fn decode<T: DeserializeOwned>(code: &str, table: &'static str) -> Result<T, StoreError> {
    serde_json::from_value(serde_json::Value::String(code.to_string()))
        .map_err(|e| corrupt(table, format!("code {code:?}: {e}")))
}

/// Adds `count` to the row `label`, keeping the order in which labels first came.
pub(super) fn add(rows: &mut Vec<(String, u64)>, label: &str, count: u64) {
    match rows.iter_mut().find(|(l, _)| l == label) {
        Some((_, n)) => *n += count,
        None => rows.push((label.to_string(), count)),
    }
}

/// Largest first, so the picture reads from the top; by name among equals, so it is stable.
fn by_size(mut rows: Vec<(String, u64)>) -> Vec<(String, u64)> {
    rows.sort_by(|(a, x), (b, y)| y.cmp(x).then_with(|| a.cmp(b)));
    rows
}

/// Every value of a fixed list (kanalen, complexiteit), in the list's order, zero included:
/// an empty channel is a finding too.
fn fixed<T: Copy + Serialize>(
    all: &[T],
    name: fn(T) -> &'static str,
    groups: &[IntakeGroup],
    code: fn(&IntakeGroup) -> &str,
) -> Vec<(String, u64)> {
    all.iter()
        .map(|&value| {
            let wanted = code_of(value);
            let n = groups
                .iter()
                .filter(|g| code(g) == wanted)
                .map(|g| g.count)
                .sum();
            (name(value).to_string(), n)
        })
        .collect()
}

/// All configured leefgebieden in their order, then codes no longer configured, then the
/// intakes without a leefgebied, so the rows add up to the total.
fn by_leefgebied(groups: &[IntakeGroup], leefgebieden: &Leefgebieden) -> Vec<(String, u64)> {
    let mut rows: Vec<(String, u64)> = leefgebieden
        .all()
        .iter()
        .map(|l| (l.name.clone(), 0))
        .collect();
    let mut none = 0;
    for group in groups {
        match &group.first_leefgebied {
            Some(code) => add(&mut rows, leefgebieden.name_of(code), group.count),
            None => none += group.count,
        }
    }
    if none > 0 {
        rows.push(("(geen leefgebied)".to_string(), none));
    }
    rows
}

/// The Dutch label of every stored route, parsed once per distinct value.
fn route_labels(
    groups: &[IntakeGroup],
    leefgebieden: &Leefgebieden,
) -> Result<HashMap<String, (String, bool)>, StoreError> {
    let mut labels = HashMap::new();
    for group in groups {
        if labels.contains_key(&group.route) {
            continue;
        }
        let route: Route = serde_json::from_str(&group.route)
            .map_err(|e| corrupt("intakes", format!("route {:?}: {e}", group.route)))?;
        labels.insert(
            group.route.clone(),
            (route_label(&route, leefgebieden), route.is_handover()),
        );
    }
    Ok(labels)
}

/// The value below which `share` of the sorted `values` lie, interpolated between the two
/// nearest (so the median of an even count is the mean of the middle two).
fn percentile(sorted: &[f64], share: f64) -> f64 {
    let rank = share * (sorted.len() - 1) as f64;
    let (low, high) = (rank.floor() as usize, rank.ceil() as usize);
    sorted[low] + (sorted[high] - sorted[low]) * (rank - low as f64)
}

/// Median and 90th percentile, or nothing when too few values to say anything without
/// pointing at single residents.
pub(super) fn median_p90(mut values: Vec<f64>) -> (Option<f64>, Option<f64>) {
    if (values.len() as u64) < SUPPRESS_BELOW {
        return (None, None);
    }
    values.sort_by(f64::total_cmp);
    (
        Some(percentile(&values, 0.5)),
        Some(percentile(&values, 0.9)),
    )
}

fn hours(from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
    (to - from).num_seconds() as f64 / 3600.0
}

/// The measurements of one item for its team.
struct Measured {
    pick_up_hours: Option<f64>,
    close_hours: Option<f64>,
    late: bool,
}

/// Measures an item against the terms of its team: it is late when it was picked up after
/// its due day, or is still waiting once that day has passed.
fn measure(
    fact: &QueueFact,
    team: &str,
    terms: &TermConfig,
    now: DateTime<Utc>,
) -> Result<Measured, StoreError> {
    let kind = QueueKind::from_code(&fact.kind)
        .ok_or_else(|| corrupt("queue_items", format!("soort {:?}", fact.kind)))?;
    let urgentie: Urgentie = decode(&fact.urgentie, "queue_items")?;
    let due = step_due(
        Step::Oppakken,
        dutch_local(fact.created_at),
        kind,
        urgentie,
        team,
        terms,
    );
    Ok(Measured {
        pick_up_hours: fact.first_pick_up.map(|t| hours(fact.created_at, t)),
        close_hours: fact.closed_at.map(|t| hours(fact.created_at, t)),
        late: is_overdue(due, dutch_local(fact.first_pick_up.unwrap_or(now))),
    })
}

/// The figures per team (the item's current team), by team name.
fn teams(
    facts: &[QueueFact],
    reference: &ReferenceData,
    now: DateTime<Utc>,
) -> Result<Vec<TeamFigures>, StoreError> {
    let terms = &reference.terms;
    let mut per_team: HashMap<String, Vec<Measured>> = HashMap::new();
    for fact in facts {
        let target = Target::from_code(&fact.target_kind, &fact.target).ok_or_else(|| {
            corrupt(
                "queue_items",
                format!("doel {:?} {:?}", fact.target_kind, fact.target),
            )
        })?;
        let team = target.item_team(fact.team.clone(), reference).label;
        let measured = measure(fact, &team, terms, now)?;
        per_team.entry(team).or_default().push(measured);
    }
    let mut names: Vec<String> = per_team.keys().cloned().collect();
    names.sort();
    let counts: Vec<u64> = names.iter().map(|n| per_team[n].len() as u64).collect();
    let (cells, _) = suppress(&counts);
    Ok(names
        .into_iter()
        .zip(cells)
        .map(|(team, items)| {
            let measured = &per_team[&team];
            let (pick_up_median_hours, pick_up_p90_hours) =
                median_p90(measured.iter().filter_map(|m| m.pick_up_hours).collect());
            let (close_median_hours, close_p90_hours) =
                median_p90(measured.iter().filter_map(|m| m.close_hours).collect());
            let enough = measured.len() as u64 >= SUPPRESS_BELOW;
            let late = measured.iter().filter(|m| m.late).count();
            TeamFigures {
                team,
                items,
                pick_up_median_hours,
                pick_up_p90_hours,
                close_median_hours,
                close_p90_hours,
                overdue_share: enough.then(|| Share::of(late as u64, measured.len() as u64)),
            }
        })
        .collect())
}

fn monday_of(date: NaiveDate) -> NaiveDate {
    date.week(Weekday::Mon).first_day()
}

/// Contacts per week: every Monday of the period, also the weeks without contacts. The
/// weeks add up to the total shown elsewhere, so they are suppressed as one breakdown.
fn per_week(period: &Period, times: &[DateTime<Utc>]) -> Series {
    let weeks = period.week_starts();
    let mut counts = vec![0u64; weeks.len()];
    for time in times {
        let monday = monday_of(dutch_local(*time).date());
        if let Ok(i) = weeks.binary_search(&monday) {
            counts[i] += 1;
        }
    }
    let (cells, _) = suppress(&counts);
    // A period that starts mid-week starts its first week on its own first day: a week
    // "van 29-6" in a report from 1-7 reads as if June were counted.
    let starts = weeks.into_iter().map(|monday| monday.max(period.from));
    Series {
        title: "Contacten per week".to_string(),
        points: starts.zip(cells).collect(),
    }
}

/// The open items by how long they have waited until `now`.
fn open_by_age(created: &[DateTime<Utc>], now: DateTime<Utc>) -> Breakdown {
    let mut counts = [0u64; AGE_BUCKETS.len()];
    for at in created {
        let days = (now - *at).num_days();
        let bucket = AGE_BUCKETS
            .iter()
            .position(|(below, _)| days < *below)
            .unwrap_or(AGE_BUCKETS.len() - 1);
        counts[bucket] += 1;
    }
    let rows = AGE_BUCKETS
        .iter()
        .zip(counts)
        .map(|((_, label), n)| (label.to_string(), n))
        .collect();
    Breakdown::from_counts("Open items nu, naar wachttijd", rows)
}

/// Counts per laag (advice given, arrangement lines): the five layers in piramide order, then
/// what has no laag (any more, e.g. a service gone from the kaart), so the rows add up.
pub(super) fn laag_breakdown(title: &str, rows: Vec<(Option<String>, u64)>) -> Breakdown {
    let mut counts: Vec<(String, u64)> = Laag::VARIANTS
        .iter()
        .map(|laag| (laag.name().to_string(), 0))
        .collect();
    let mut unknown = 0;
    for (code, n) in rows {
        match code.as_deref().and_then(Laag::from_code) {
            Some(laag) => add(&mut counts, laag.name(), n),
            None => unknown += n,
        }
    }
    if unknown > 0 {
        counts.push(("(laag onbekend)".to_string(), unknown));
    }
    Breakdown::from_counts(title, counts)
}

/// The report over the intakes created in `period`, widened to whole calendar months, and
/// the queue items they handed over. The open items by age and the households with several tracks describe the
/// queue as it stands at `now`: a backlog is a state, not a flow.
pub fn build(store: &Store, period: &Period, now: DateTime<Utc>) -> Result<Report, StoreError> {
    let period = &period.whole_months();
    let reference = store.reference();
    let leefgebieden = &reference.leefgebieden;
    let (from, to) = period.utc_bounds();
    let groups = store.report_intake_groups(from, to)?;
    let labels = route_labels(&groups, leefgebieden)?;

    let mut locations = Vec::new();
    let mut routes = Vec::new();
    let (mut direct, mut handed_over) = (0, 0);
    for group in &groups {
        let location = if group.location.trim().is_empty() {
            "(geen locatie)"
        } else {
            &group.location
        };
        add(&mut locations, location, group.count);
        let (label, handover) = &labels[&group.route];
        add(&mut routes, label, group.count);
        if *handover {
            handed_over += group.count;
        } else {
            direct += group.count;
        }
    }
    let handling = vec![
        ("Direct afgehandeld".to_string(), direct),
        ("Overgedragen".to_string(), handed_over),
    ];

    let facts = store.report_queue_items(from, to)?;
    let households = store.report_households_with_several_tracks()?;
    Ok(Report {
        period: *period,
        contacts_per_week: per_week(period, &store.report_intake_times(from, to)?),
        by_kanaal: Breakdown::from_counts(
            "Contacten per kanaal",
            fixed(Kanaal::VARIANTS, Kanaal::name, &groups, |g| &g.kanaal),
        ),
        by_location: Breakdown::from_counts("Contacten per locatie", by_size(locations)),
        by_leefgebied: Breakdown::from_counts(
            "Contacten per leefgebied (het eerste)",
            by_leefgebied(&groups, leefgebieden),
        ),
        by_complexiteit: Breakdown::from_counts(
            "Contacten per complexiteit",
            fixed(Complexiteit::VARIANTS, Complexiteit::name, &groups, |g| {
                &g.complexiteit
            }),
        ),
        by_route: Breakdown::from_counts("Contacten per route", by_size(routes)),
        handling: Breakdown::from_counts("Direct afgehandeld of overgedragen", handling),
        advice_by_laag: laag_breakdown(
            "Advies per laag van de kantelingspiramide",
            store.report_advice_by_laag(from, to)?,
        ),
        teams: teams(&facts, reference, now)?,
        open_by_age: open_by_age(&store.report_open_item_times()?, now),
        households_with_several_tracks: Cell::from_count(households),
        plans: plan_figures(&store.report_plan_facts(from, to, now)?, leefgebieden),
        demo: store.report_has_demo_data()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn percentiles_interpolate_and_need_five_values() {
        assert_eq!(median_p90(vec![1.0, 2.0, 3.0, 4.0]), (None, None));
        assert_eq!(
            median_p90(vec![5.0, 1.0, 4.0, 2.0, 3.0]),
            (Some(3.0), Some(4.6))
        );
        let (median, _) = median_p90(vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        assert_eq!(median, Some(3.5));
    }

    #[test]
    fn ages_fall_in_their_bucket() {
        let now = DateTime::parse_from_rfc3339("2026-12-31T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let ago = |days: i64| now - Duration::days(days);
        let breakdown = open_by_age(&[ago(1), ago(7), ago(14), ago(28), ago(100)], now);
        let counts: Vec<Cell> = breakdown.rows.iter().map(|(_, c)| *c).collect();
        // Exactly 7, 14 and 28 days belong to the older bucket. Every bucket is small, so all
        // are suppressed; the total of five shows.
        assert_eq!(counts, vec![Cell::Suppressed; 4]);
        assert_eq!(breakdown.total, Cell::Count(5));
    }
}
