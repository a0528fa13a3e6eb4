//! The plan views of the rapportage: the plan figures as lines with the arrangement per laag,
//! the beschikkingen and the escalations as bar charts, and the results of the evaluations as
//! a bar chart per leefgebied.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use unicode_width::UnicodeWidthStr;

use crate::report::{Breakdown, HIDDEN, PlanFigures, Share};

use super::super::text;
use super::super::theme::Theme;
use super::layout::cell;
use super::report::{TWO_WIDE, bars, box_of, titled, two};

/// The figures as (label, value) lines, in the order of the view.
fn figure_lines(plans: &PlanFigures) -> [(&'static str, String); 7] {
    let answers: Vec<String> = plans
        .answers
        .rows
        .iter()
        .map(|(label, cell)| format!("{label} {cell}"))
        .collect();
    let share = match plans.akkoord_share {
        None => "—".to_string(),
        Some(Share::Value(share)) => format!("{:.0}%", share * 100.0),
        Some(Share::Hidden) => HIDDEN.to_string(),
    };
    let days = |d: Option<f64>| d.map_or("—".to_string(), |d| format!("{d:.1}"));
    [
        (text::PLANS_STARTED, plans.started.to_string()),
        (text::PLANS_CLOSED, plans.closed.to_string()),
        (
            text::PLANS_ANSWERS,
            format!("{} · totaal {}", answers.join(" · "), plans.answers.total),
        ),
        (text::PLANS_AKKOORD_SHARE, share),
        (
            text::PLANS_DAYS,
            format!(
                "{}/{}",
                days(plans.days_to_akkoord_median),
                days(plans.days_to_akkoord_p90)
            ),
        ),
        (text::PLANS_OVERDUE, plans.evaluations_overdue.to_string()),
        (
            text::PLANS_REFUSALS,
            plans.afwijzende_beschikkingen.to_string(),
        ),
    ]
}

const FIGURES_HEIGHT: u16 = 7 + 2;

/// The lines the plans view needs at `width`.
pub(super) fn plans_height(plans: &PlanFigures, width: u16) -> u16 {
    let (a, b) = (&plans.beschikkingen, &plans.escalations);
    let pair = if width >= TWO_WIDE {
        box_of(a).max(box_of(b))
    } else {
        box_of(a) + box_of(b)
    };
    FIGURES_HEIGHT + box_of(&plans.arrangement_by_laag) + pair
}

pub(super) fn plans_view(buf: &mut Buffer, area: Rect, plans: &PlanFigures, theme: Theme) {
    let [figures, layers, rest] = Layout::vertical([
        Constraint::Length(FIGURES_HEIGHT),
        Constraint::Length(box_of(&plans.arrangement_by_laag)),
        Constraint::Min(0),
    ])
    .areas(area);
    let figures_lines = figure_lines(plans);
    let width = figures_lines
        .iter()
        .map(|(label, _)| label.width())
        .max()
        .unwrap_or(0);
    let lines: Vec<Line> = figures_lines
        .into_iter()
        .map(|(label, value)| Line::raw(format!("{} {value}", cell(label, width))))
        .collect();
    Paragraph::new(lines)
        .block(titled(format!(" {} ", text::PLANS_TITLE), theme))
        .render(figures, buf);
    bars(buf, layers, &plans.arrangement_by_laag, theme);
    two(buf, rest, &plans.beschikkingen, &plans.escalations, theme);
}

/// Columns of result charts: two side by side where two breakdowns are.
fn columns(width: u16) -> usize {
    if width >= TWO_WIDE { 2 } else { 1 }
}

/// The lines the results view needs at `width`.
pub(super) fn results_height(results: &[Breakdown], width: u16) -> u16 {
    if results.is_empty() {
        return 3;
    }
    results
        .chunks(columns(width))
        .map(|row| row.iter().map(box_of).max().unwrap_or(0))
        .sum()
}

pub(super) fn results_view(buf: &mut Buffer, area: Rect, results: &[Breakdown], theme: Theme) {
    if results.is_empty() {
        Paragraph::new(format!(" {}", text::NO_EVALUATIONS))
            .style(theme.muted())
            .block(titled(format!(" {} ", text::RESULTS_TITLE), theme))
            .render(area, buf);
        return;
    }
    let per_row = columns(area.width);
    let mut y = area.y;
    for row in results.chunks(per_row) {
        let height = row.iter().map(box_of).max().unwrap_or(0);
        let line = Rect::new(area.x, y, area.width, height).intersection(area);
        let cells =
            Layout::horizontal(vec![Constraint::Ratio(1, per_row as u32); per_row]).split(line);
        for (breakdown, at) in row.iter().zip(cells.iter()) {
            let title = format!("{}: {}", text::RESULTS_TITLE, breakdown.title);
            let titled = Breakdown {
                title,
                ..breakdown.clone()
            };
            bars(buf, *at, &titled, theme);
        }
        y += height;
    }
}
