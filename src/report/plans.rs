//! The plan figures of the report from the store's anonymous facts: labels the desk knows, the
//! categories in a fixed order (zeros included, an empty category is a finding too) and the
//! same suppression as every other figure.

use strum::VariantArray;

use super::build::{laag_breakdown, median_p90};
use super::suppress::SUPPRESS_BELOW;
use super::{Breakdown, Cell, PlanFigures, Share};
use crate::domain::Leefgebieden;
use crate::domain::plan::{Decision, ResultOutcome, TaskKind};
use crate::store::PlanReportFacts;

/// The decision a beschikking asked for has now, in the order of the report.
const DECISIONS: [(Option<Decision>, &str); 3] = [
    (Some(Decision::Toegekend), "toegekend"),
    (Some(Decision::Afgewezen), "afgewezen"),
    (None, "nog geen besluit"),
];

/// The outcomes per leefgebied: the configured leefgebieden in their order, then codes no
/// longer configured; only those with results, or the view would be mostly empty boxes.
fn results_by_leefgebied(
    outcomes: &[(String, ResultOutcome, u64)],
    leefgebieden: &Leefgebieden,
) -> Vec<Breakdown> {
    let evaluated = |code: &str| outcomes.iter().any(|(l, _, _)| l == code);
    let mut codes: Vec<&str> = leefgebieden
        .all()
        .iter()
        .map(|l| l.code.as_str())
        .filter(|code| evaluated(code))
        .collect();
    let mut gone: Vec<&str> = outcomes
        .iter()
        .map(|(l, _, _)| l.as_str())
        .filter(|code| leefgebieden.get(code).is_none())
        .collect();
    gone.sort_unstable();
    gone.dedup();
    codes.extend(gone);
    codes
        .into_iter()
        .map(|code| {
            let rows = ResultOutcome::VARIANTS
                .iter()
                .map(|&outcome| {
                    let n = outcomes
                        .iter()
                        .filter(|(l, o, _)| l == code && *o == outcome)
                        .map(|(_, _, n)| n)
                        .sum();
                    (outcome.name().to_string(), n)
                })
                .collect();
            let title = match code {
                "" => "(geen leefgebied)",
                code => leefgebieden.name_of(code),
            };
            Breakdown::from_counts(title, rows)
        })
        .collect()
}

/// The share of `part` in `whole` as the shown counts give it, or `None` below five: the
/// exact share of rounded counts would give the exact counts back (0.9033… is 299 of 331).
fn shown_share(part: u64, whole: u64) -> Option<Share> {
    if whole < SUPPRESS_BELOW {
        return None;
    }
    Some(
        match (
            Share::of(part, whole),
            Cell::from_count(part),
            Cell::from_count(whole),
        ) {
            (Share::Value(_), Cell::Count(p), Cell::Count(w)) => Share::Value(p as f64 / w as f64),
            _ => Share::Hidden,
        },
    )
}

fn tasks_of(
    facts: &PlanReportFacts,
    kind: TaskKind,
) -> impl Iterator<Item = &(TaskKind, Option<Decision>, u64)> {
    facts.tasks.iter().filter(move |(k, _, _)| *k == kind)
}

/// The plan figures of a period.
pub(super) fn plan_figures(facts: &PlanReportFacts, leefgebieden: &Leefgebieden) -> PlanFigures {
    let answered = facts.akkoord + facts.geen_akkoord;
    let days = facts.days_to_akkoord.iter().map(|&d| d as f64).collect();
    let (days_to_akkoord_median, days_to_akkoord_p90) = median_p90(days);
    let beschikkingen = DECISIONS
        .iter()
        .map(|(decision, label)| {
            let n = tasks_of(facts, TaskKind::BeschikkingAanvragen)
                .filter(|(_, d, _)| d == decision)
                .map(|(_, _, n)| n)
                .sum();
            (label.to_string(), n)
        })
        .collect();
    let afwijzend = tasks_of(facts, TaskKind::AfwijzendeBeschikking)
        .map(|(_, _, n)| n)
        .sum();
    PlanFigures {
        started: Cell::from_count(facts.started),
        closed: Cell::from_count(facts.closed),
        answers: Breakdown::from_counts(
            "Antwoord op een versie van het plan",
            vec![
                ("akkoord".to_string(), facts.akkoord),
                ("geen akkoord".to_string(), facts.geen_akkoord),
            ],
        ),
        akkoord_share: shown_share(facts.akkoord, answered),
        days_to_akkoord_median,
        days_to_akkoord_p90,
        arrangement_by_laag: laag_breakdown(
            "Arrangement per laag van de kantelingspiramide",
            facts.lines_per_laag.clone(),
        ),
        results_by_leefgebied: results_by_leefgebied(&facts.outcomes, leefgebieden),
        evaluations_overdue: Cell::from_count(facts.evaluations_overdue),
        escalations: Breakdown::from_counts(
            "Opschalingen naar het Expertiseteam",
            vec![
                (
                    "bij een evaluatie".to_string(),
                    facts.escalated_at_evaluation,
                ),
                ("tussentijds".to_string(), facts.escalated_otherwise),
            ],
        ),
        beschikkingen: Breakdown::from_counts(
            "Beschikkingen aangevraagd, naar besluit",
            beschikkingen,
        ),
        afwijzende_beschikkingen: Cell::from_count(afwijzend),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(breakdown: &Breakdown) -> Vec<(String, String)> {
        breakdown
            .rows
            .iter()
            .map(|(label, cell)| (label.clone(), cell.to_string()))
            .collect()
    }

    fn facts() -> PlanReportFacts {
        PlanReportFacts {
            started: 12,
            closed: 3,
            akkoord: 9,
            geen_akkoord: 6,
            days_to_akkoord: vec![10, 2, 7, 4, 30],
            lines_per_laag: vec![
                (Some("maatwerk".into()), 8),
                (Some("eigen-kracht".into()), 11),
                (None, 2),
            ],
            outcomes: vec![
                ("wonen".into(), ResultOutcome::Behaald, 7),
                ("wonen".into(), ResultOutcome::Niet, 2),
                ("oud-leefgebied".into(), ResultOutcome::Deels, 5),
                ("geldzaken-schulden".into(), ResultOutcome::Behaald, 5),
            ],
            evaluations_overdue: 4,
            escalated_at_evaluation: 2,
            escalated_otherwise: 0,
            tasks: vec![
                (TaskKind::BeschikkingAanvragen, Some(Decision::Toegekend), 6),
                (TaskKind::BeschikkingAanvragen, None, 5),
                (
                    TaskKind::AfwijzendeBeschikking,
                    Some(Decision::Afgewezen),
                    1,
                ),
            ],
        }
    }

    #[test]
    fn counts_are_rounded_or_suppressed_as_everywhere() {
        let figures = plan_figures(&facts(), &Leefgebieden::builtin());
        assert_eq!(figures.started, Cell::Count(10));
        assert_eq!(figures.closed, Cell::Suppressed);
        assert_eq!(figures.evaluations_overdue, Cell::Suppressed);
        assert_eq!(figures.afwijzende_beschikkingen, Cell::Suppressed);
        assert_eq!(figures.answers.total, Cell::Count(15));
        // 9 of 15 shows as 10 of 15, so the share is that of the counts shown.
        assert_eq!(figures.akkoord_share, Some(Share::Value(10.0 / 15.0)));
        // Two escalations and no other: the total would tell, so it is small itself.
        assert_eq!(figures.escalations.total, Cell::Suppressed);
        assert_eq!(
            shown(&figures.beschikkingen),
            [
                ("toegekend".into(), "5".into()),
                ("afgewezen".into(), "0".into()),
                ("nog geen besluit".into(), "5".into()),
            ]
        );
    }

    #[test]
    fn medians_and_shares_need_five() {
        let figures = plan_figures(&facts(), &Leefgebieden::builtin());
        assert_eq!(figures.days_to_akkoord_median, Some(7.0));
        let few = PlanReportFacts {
            akkoord: 3,
            geen_akkoord: 1,
            days_to_akkoord: vec![1, 2, 3, 4],
            ..facts()
        };
        let figures = plan_figures(&few, &Leefgebieden::builtin());
        assert_eq!(figures.akkoord_share, None);
        assert_eq!(figures.days_to_akkoord_median, None);
        assert_eq!(figures.days_to_akkoord_p90, None);
        let one_refusal = PlanReportFacts {
            akkoord: 9,
            geen_akkoord: 1,
            ..facts()
        };
        let figures = plan_figures(&one_refusal, &Leefgebieden::builtin());
        assert_eq!(figures.akkoord_share, Some(Share::Hidden));
    }

    #[test]
    fn the_arrangement_follows_the_piramide_and_results_the_leefgebieden() {
        let figures = plan_figures(&facts(), &Leefgebieden::builtin());
        let layers: Vec<String> = figures
            .arrangement_by_laag
            .rows
            .iter()
            .map(|(label, _)| label.clone())
            .collect();
        assert_eq!(layers.first().map(String::as_str), Some("Eigen kracht"));
        assert_eq!(layers.last().map(String::as_str), Some("(laag onbekend)"));
        let titles: Vec<&str> = figures
            .results_by_leefgebied
            .iter()
            .map(|b| b.title.as_str())
            .collect();
        let builtin = Leefgebieden::builtin();
        assert_eq!(
            titles,
            [
                builtin.name_of("geldzaken-schulden"),
                builtin.name_of("wonen"),
                "oud-leefgebied"
            ]
        );
        let wonen = &figures.results_by_leefgebied[1];
        assert_eq!(
            shown(wonen),
            [
                ("behaald".into(), "×".into()),
                ("deels behaald".into(), "0".into()),
                ("niet behaald".into(), "<5".into()),
                ("bijgesteld".into(), "0".into()),
            ]
        );
        assert_eq!(wonen.total, Cell::Count(10));
    }
}
