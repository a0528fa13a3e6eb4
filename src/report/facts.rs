//! The rows the report reads from the store: only codes, moments and ids, never a name, a
//! question or a note, so nothing personal can reach a figure by mistake.

use chrono::{DateTime, Utc};

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
    pub urgentie: String,
    /// The first time anyone picked it up (a later release does not undo the pick-up).
    pub first_pick_up: Option<DateTime<Utc>>,
    /// When it was closed (afgerond).
    pub closed_at: Option<DateTime<Utc>>,
}
