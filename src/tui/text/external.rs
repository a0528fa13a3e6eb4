//! The words of a warm handover outside the municipality, in the wachtrij.

use crate::domain::hours::dutch_local;
use crate::domain::routing::table::ExternalTarget;
use crate::store::ExternalRecord;

pub const LABEL_OUTSIDE: &str = "Aan instantie";
pub const LABEL_PASSED_ON: &str = "Wat is doorgegeven?";
pub const CHOOSE_OUTSIDE: &str = "Kies de instantie uit de lijst (typ een deel van de naam).";
pub const DETAIL_OUTSIDE: &str = "Warm overgedragen buiten de gemeente";

/// A body in the picker: its name, phone and when to go there.
pub fn outside_option(target: &ExternalTarget) -> String {
    let phone = target
        .phone
        .as_deref()
        .map(|p| format!(" · {p}"))
        .unwrap_or_default();
    format!("{}{phone} — {}", target.name, target.when)
}

pub fn handed_over_outside(item: i64, name: &str) -> String {
    format!("Item {item}: warm overgedragen aan {name}.")
}

/// One handover in the item view: to whom, when, by whom, and what was passed on.
pub fn outside_line(record: &ExternalRecord) -> String {
    format!(
        "• {}, {} door {}: {}",
        record.target_name,
        dutch_local(record.at).format("%d-%m %H:%M"),
        record.by,
        record.passed_on
    )
}
