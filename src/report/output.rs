//! The report as text for a person (table), for a spreadsheet (CSV with a stable header) and
//! for a dashboard (JSON). Everything is already anonymous and suppressed; this only lays it
//! out.

use std::fmt::Write;

use super::period::dutch_date;
use super::{Breakdown, HIDDEN, PlanFigures, Report, Share, TeamFigures};

/// The CSV header; scripts and spreadsheets rely on it, so it never changes.
pub const CSV_HEADER: [&str; 3] = ["sectie", "categorie", "waarde"];

/// Shown in the table where there were too few items for a median or a share.
const TOO_FEW: &str = "–";

/// The rule that keeps the figures anonymous and what "<5" and "×" mean, in the words of the
/// report; every output that shows them says so.
pub const LEGEND: &str = "Hele kalendermaanden; aantallen afgerond op vijftallen, onder de 5 als \
<5, zodat niemand herkenbaar is; × is verborgen (elk aantal), zodat een totaal of percentage \
geen klein aantal verraadt.";

const HOUSEHOLDS: &str = "Huishoudens met meer dan één open traject";

/// Hours or days, to a tenth.
fn hours(value: Option<f64>) -> String {
    value.map_or(String::new(), |h| format!("{h:.1}"))
}

fn percent(value: Option<Share>) -> String {
    match value {
        None => String::new(),
        Some(Share::Value(share)) => format!("{:.1}", share * 100.0),
        Some(Share::Hidden) => HIDDEN.to_string(),
    }
}

/// The figures of one team as (what, value) pairs, in the order of the table and the CSV; an
/// empty value means too few items to say.
fn team_rows(team: &TeamFigures) -> [(&'static str, String); 6] {
    [
        ("items", team.items.to_string()),
        ("oppakken mediaan uren", hours(team.pick_up_median_hours)),
        ("oppakken p90 uren", hours(team.pick_up_p90_hours)),
        ("afronden mediaan uren", hours(team.close_median_hours)),
        ("afronden p90 uren", hours(team.close_p90_hours)),
        ("te laat procent", percent(team.overdue_share)),
    ]
}

/// The plan figures that are no breakdown, as (what, value) pairs in the order of the table
/// and the CSV; an empty value means too few plans to say.
fn plan_rows(plans: &PlanFigures) -> [(&'static str, String); 7] {
    [
        ("gestart", plans.started.to_string()),
        ("afgesloten", plans.closed.to_string()),
        ("akkoord procent", percent(plans.akkoord_share)),
        (
            "dagen intake tot akkoord mediaan",
            hours(plans.days_to_akkoord_median),
        ),
        (
            "dagen intake tot akkoord p90",
            hours(plans.days_to_akkoord_p90),
        ),
        ("evaluatie te laat", plans.evaluations_overdue.to_string()),
        (
            "afwijzende beschikkingen",
            plans.afwijzende_beschikkingen.to_string(),
        ),
    ]
}

/// The breakdowns of the plans, with their CSV section names.
fn plan_breakdowns(plans: &PlanFigures) -> [(&'static str, &Breakdown); 4] {
    [
        ("antwoord op plan", &plans.answers),
        ("arrangement per laag", &plans.arrangement_by_laag),
        ("opschalingen", &plans.escalations),
        ("beschikkingen", &plans.beschikkingen),
    ]
}

/// The CSV section of the outcomes per leefgebied; the category is "leefgebied: uitkomst".
const RESULTS_SECTION: &str = "resultaat per leefgebied";

/// The breakdowns in the order of the report, with their CSV section names.
fn breakdowns(report: &Report) -> [(&'static str, &Breakdown); 8] {
    [
        ("kanaal", &report.by_kanaal),
        ("locatie", &report.by_location),
        ("leefgebied", &report.by_leefgebied),
        ("complexiteit", &report.by_complexiteit),
        ("route", &report.by_route),
        ("afhandeling", &report.handling),
        ("advies per laag", &report.advice_by_laag),
        ("open items naar wachttijd", &report.open_by_age),
    ]
}

/// Writes `rows` as an indented block with the values right-aligned under each other.
fn block(out: &mut String, title: &str, rows: &[(String, String)]) {
    let width = rows
        .iter()
        .map(|(label, _)| label.chars().count())
        .max()
        .unwrap_or(0);
    let _ = writeln!(out, "\n{title}");
    if rows.is_empty() {
        let _ = writeln!(out, "  (geen)");
    }
    for (label, value) in rows {
        let _ = writeln!(out, "  {label:<width$}  {value:>8}");
    }
}

/// A breakdown as a block, its total last.
fn breakdown_block(out: &mut String, title: &str, breakdown: &Breakdown) {
    let mut rows: Vec<(String, String)> = breakdown
        .rows
        .iter()
        .map(|(label, cell)| (label.clone(), cell.to_string()))
        .collect();
    rows.push(("totaal".to_string(), breakdown.total.to_string()));
    block(out, title, &rows);
}

/// A figure's value for a person: a dash where there were too few to say.
fn or_too_few(value: String) -> String {
    if value.is_empty() {
        TOO_FEW.to_string()
    } else {
        value
    }
}

/// The plans section of the table.
fn plans_table(out: &mut String, plans: &PlanFigures) {
    let rows: Vec<(String, String)> = plan_rows(plans)
        .into_iter()
        .map(|(what, value)| (what.to_string(), or_too_few(value)))
        .collect();
    block(out, "Plannen van aanpak", &rows);
    for (_, breakdown) in plan_breakdowns(plans) {
        breakdown_block(out, &breakdown.title, breakdown);
    }
    if plans.results_by_leefgebied.is_empty() {
        block(out, "Resultaten bij evaluatie", &[]);
    }
    for breakdown in &plans.results_by_leefgebied {
        let title = format!("Resultaten bij evaluatie: {}", breakdown.title);
        breakdown_block(out, &title, breakdown);
    }
}

/// The report for a person to read, one section per breakdown.
pub fn table(report: &Report) -> String {
    let mut out = format!("Rapportage Loket, {}\n", report.period.label());
    if report.demo {
        out.push_str("LET OP: deze database bevat demogegevens; de cijfers zijn fictief.\n");
    }
    out.push_str(LEGEND);
    out.push('\n');
    let weeks: Vec<(String, String)> = report
        .contacts_per_week
        .points
        .iter()
        .map(|(monday, cell)| {
            (
                format!("week van {}", dutch_date(*monday)),
                cell.to_string(),
            )
        })
        .collect();
    block(&mut out, &report.contacts_per_week.title, &weeks);
    for (_, breakdown) in breakdowns(report) {
        breakdown_block(&mut out, &breakdown.title, breakdown);
    }
    if report.teams.is_empty() {
        block(&mut out, "Wachtrij per team", &[]);
    }
    for team in &report.teams {
        let rows: Vec<(String, String)> = team_rows(team)
            .into_iter()
            .map(|(what, value)| (what.to_string(), or_too_few(value)))
            .collect();
        block(&mut out, &format!("Wachtrij {}", team.team), &rows);
    }
    let _ = writeln!(
        out,
        "\n{HOUSEHOLDS}: {}",
        report.households_with_several_tracks
    );
    plans_table(&mut out, &report.plans);
    out
}

/// A field as a spreadsheet must not run it: text starting with `=`, `+`, `-`, `@`, a tab or
/// a carriage return would be taken for a formula, so it gets a leading `'`.
fn neutralise(field: &str) -> String {
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{field}")
    } else {
        field.to_string()
    }
}

/// The report as CSV, `sectie,categorie,waarde`, one row per cell; suppressed cells are `<5`,
/// hidden cells and shares `×`, and a team figure with too few items is empty.
pub fn csv(report: &Report) -> String {
    let mut rows: Vec<[String; 3]> = Vec::new();
    let mut row = |section: &str, category: &str, value: String| {
        rows.push([section.to_string(), category.to_string(), value]);
    };
    row("periode", "van", report.period.from.to_string());
    row("periode", "tot en met", report.period.to.to_string());
    let demo = if report.demo { "ja" } else { "nee" };
    row("demo", "demogegevens", demo.to_string());
    for (monday, cell) in &report.contacts_per_week.points {
        row("contacten per week", &monday.to_string(), cell.to_string());
    }
    for (section, breakdown) in breakdowns(report) {
        for (label, cell) in &breakdown.rows {
            row(section, label, cell.to_string());
        }
        row(section, "totaal", breakdown.total.to_string());
    }
    for team in &report.teams {
        for (what, value) in team_rows(team) {
            row("wachtrij", &format!("{}: {what}", team.team), value);
        }
    }
    row(
        "huishoudens",
        "meer dan één open traject",
        report.households_with_several_tracks.to_string(),
    );
    let plans = &report.plans;
    for (what, value) in plan_rows(plans) {
        row("plannen", what, value);
    }
    for (section, breakdown) in plan_breakdowns(plans) {
        for (label, cell) in &breakdown.rows {
            row(section, label, cell.to_string());
        }
        row(section, "totaal", breakdown.total.to_string());
    }
    for breakdown in &plans.results_by_leefgebied {
        let leefgebied = &breakdown.title;
        for (label, cell) in &breakdown.rows {
            row(
                RESULTS_SECTION,
                &format!("{leefgebied}: {label}"),
                cell.to_string(),
            );
        }
        row(
            RESULTS_SECTION,
            &format!("{leefgebied}: totaal"),
            breakdown.total.to_string(),
        );
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = CSV_HEADER.map(String::from);
    for record in std::iter::once(&header).chain(&rows) {
        writer
            .write_record(record.iter().map(|f| neutralise(f)))
            .expect("writing CSV to memory cannot fail");
    }
    let bytes = writer
        .into_inner()
        .expect("flushing CSV to memory cannot fail");
    String::from_utf8(bytes).expect("the CSV is made of Rust strings")
}

/// The report as JSON for a dashboard: the serde form of [`Report`].
pub fn json(report: &Report) -> String {
    serde_json::to_string_pretty(report).expect("the report serialises to JSON")
}
