//! Bewaartermijnen: how long personal data is kept, per category. Applied by `loket purge` and
//! once a day when Loket starts (see `store::retention`).

/// The retention periods, each configurable in `config.toml` under `[bewaartermijnen]`, within
/// the ranges `config` documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetentionPolicy {
    /// Intakes handled directly (no handover) are anonymised after this many days; the figures
    /// for reports stay. `direct_afgehandeld_dagen`.
    pub direct_intake_days: u32,
    /// Closed queue items and their intakes are anonymised this many months after closing.
    /// `afgesloten_maanden`.
    pub closed_case_months: u32,
    /// Unfinished intakes (drafts) are removed after this many days. `klad_dagen`.
    pub draft_days: u32,
    /// Audit rows are removed after this many years; never fewer than one. `auditlog_jaren`.
    pub audit_years: u32,
    /// A plan van aanpak and the gesprekken of its case are removed this many months after the
    /// plan (and with it the case) closed. `plan_maanden`, default 24: a plan is the record
    /// behind its beschikkingen, and a bezwaar, beroep and hoger beroep against one can run
    /// well over a year after the plan closed; a household that returns within two years tells
    /// its story once. A case holding a plan is kept until then.
    pub plan_months: u32,
}

impl Default for RetentionPolicy {
    fn default() -> Self {
        RetentionPolicy {
            direct_intake_days: 30,
            closed_case_months: 12,
            draft_days: 7,
            audit_years: 5,
            plan_months: 24,
        }
    }
}
