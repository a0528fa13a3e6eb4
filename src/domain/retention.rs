//! Bewaartermijnen: how long personal data is kept, per category. Applied by `loket purge` and
//! once a day when Loket starts (see `store::retention`).

use serde::Deserialize;

/// The retention periods, each configurable in `config.toml` under `[bewaartermijnen]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RetentionPolicy {
    /// Intakes handled directly (no handover) are anonymised after this many days; the figures
    /// for reports stay.
    #[serde(rename = "direct_afgehandeld_dagen")]
    pub direct_intake_days: u32,
    /// Closed queue items and their intakes are anonymised this many months after closing.
    #[serde(rename = "afgesloten_maanden")]
    pub closed_case_months: u32,
    /// Unfinished intakes (drafts) are removed after this many days.
    #[serde(rename = "klad_dagen")]
    pub draft_days: u32,
    /// Audit rows are removed after this many years.
    #[serde(rename = "auditlog_jaren")]
    pub audit_years: u32,
}

impl Default for RetentionPolicy {
    fn default() -> Self {
        RetentionPolicy {
            direct_intake_days: 30,
            closed_case_months: 12,
            draft_days: 7,
            audit_years: 5,
        }
    }
}
