//! Anonymous figures for steering the front office: how many questions, through which
//! channel and desk, on which leefgebieden, handled at once or handed over, how quickly
//! handovers were picked up, and whether the desks work *gekanteld* (advice from the lower
//! layers of the kantelingspiramide first). Never personal data: reports cover whole calendar
//! months, counts under 5 are suppressed and the others rounded to fives, so no two reports
//! can be subtracted to single anyone out.

mod build;
mod default_period;
pub mod output;
mod period;
mod plans;
mod suppress;

pub use build::build;
pub use default_period::default_period;
pub use period::PeriodError;
pub use suppress::{HIDDEN, ROUND_TO, SUPPRESS_BELOW};

use chrono::NaiveDate;
use serde::Serialize;

/// A period of whole days, both ends inclusive, in Dutch local dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// A count as it may be shown: below the threshold it is suppressed ("<5"), above it rounded
/// to a multiple of five, so no resident of a small wijk can be recognised; a cell of any size
/// hidden so that a total cannot give a suppressed one away is "×".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    Count(u64),
    #[serde(serialize_with = "suppressed")]
    Suppressed,
    #[serde(serialize_with = "hidden")]
    Hidden,
}

fn suppressed<S: serde::Serializer>(serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str("<5")
}

fn hidden<S: serde::Serializer>(serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(HIDDEN)
}

/// A fraction (0–1) as it may be shown: hidden ("×") when it would give a small count away.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Share {
    Value(f64),
    #[serde(serialize_with = "hidden")]
    Hidden,
}

/// Counts per category (kanaal, leefgebied, route, …), with a total that does not give the
/// suppressed cells away.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Breakdown {
    pub title: String,
    pub rows: Vec<(String, Cell)>,
    pub total: Cell,
}

/// Counts per week (the week's Monday), for a sparkline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    pub title: String,
    pub points: Vec<(NaiveDate, Cell)>,
}

/// How one team handles its queue: hours to pick up and to close (median and 90th
/// percentile), and the share of items that went past their termijn. `None` where there are
/// too few items to say (fewer than the suppression threshold); the share is hidden when it
/// would give a small number of items away.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamFigures {
    pub team: String,
    pub items: Cell,
    pub pick_up_median_hours: Option<f64>,
    pub pick_up_p90_hours: Option<f64>,
    pub close_median_hours: Option<f64>,
    pub close_p90_hours: Option<f64>,
    pub overdue_share: Option<Share>,
}

/// The plans van aanpak of the period (issue 18): how many started and closed, how readily
/// resident and regisseur agree, the arrangement per laag of the kantelingspiramide (the
/// measure of gekanteld werken after the front door), what the evaluations found per
/// leefgebied, and the signs that need a look: evaluations overdue, escalations, beschikkingen.
/// Suppressed as the rest: counts under 5 are "<5", others rounded to fives; the days to
/// akkoord and the akkoord share only from five plans (versions) on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanFigures {
    pub started: Cell,
    pub closed: Cell,
    /// Versions answered in the period: akkoord or geen akkoord.
    pub answers: Breakdown,
    /// The share of the answers that was akkoord, of the rounded counts (so it gives no exact
    /// count away); `None` with fewer than five answers.
    pub akkoord_share: Option<Share>,
    /// Calendar days from the case's first intake to the plan's first akkoord (median and 90th
    /// percentile), over the plans first agreed in the period.
    pub days_to_akkoord_median: Option<f64>,
    pub days_to_akkoord_p90: Option<f64>,
    /// The lines of the arrangements agreed in the period, per laag.
    pub arrangement_by_laag: Breakdown,
    /// Per leefgebied with results evaluated in the period (its name is the title): how many
    /// were behaald, deels behaald, niet behaald or bijgesteld.
    pub results_by_leefgebied: Vec<Breakdown>,
    /// Open plans past their evaluation date at the end of the period (or now).
    pub evaluations_overdue: Cell,
    /// Escalations to the Expertiseteam: at an evaluation or by the regisseur in between.
    pub escalations: Breakdown,
    /// Beschikkingen asked for in the period, by the decision they have now.
    pub beschikkingen: Breakdown,
    /// Afwijzende beschikkingen after geen akkoord (bezwaar possible).
    pub afwijzende_beschikkingen: Cell,
}

/// The whole report for a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub period: Period,
    pub contacts_per_week: Series,
    pub by_kanaal: Breakdown,
    pub by_location: Breakdown,
    pub by_leefgebied: Breakdown,
    pub by_complexiteit: Breakdown,
    pub by_route: Breakdown,
    /// Handled directly versus handed over.
    pub handling: Breakdown,
    /// Advice given per laag of the kantelingspiramide.
    pub advice_by_laag: Breakdown,
    pub teams: Vec<TeamFigures>,
    /// Open queue items by age (e.g. "< 1 week", "1–2 weken", …).
    pub open_by_age: Breakdown,
    /// Households with more than one open track: a warning sign for 1 huishouden, 1 plan.
    pub households_with_several_tracks: Cell,
    pub plans: PlanFigures,
    /// Whether the database holds demo data (the report says so).
    pub demo: bool,
}
