//! The table of the wachtrij: a row per item (overdue marked with colour and a symbol), its
//! columns fitted to the width, and for a regisseur the plan work of the item's household in
//! a column of its own ("evaluatie vandaag", "akkoord nog 3 wd").

use chrono::{DateTime, NaiveDate, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::symbols::scrollbar::VERTICAL;
use ratatui::text::Line;
use ratatui::widgets::{Block, HighlightSpacing, Paragraph, Row, Table, TableState};

use crate::domain::calendar::HolidayRules;
use crate::domain::hours::dutch_local;
use crate::domain::intake::Urgentie;
use crate::domain::plan::PlanWork;
use crate::store::QueueItem;

use super::super::queue_screen::QueueScreen;
use super::super::text;
use super::super::theme::Theme;
use super::layout::{scrollbar, truncate};

/// A column left out at this width.
const HIDDEN: usize = usize::MAX;

/// Column widths of the table below 100 columns, below 120, and wider; the team column (0)
/// takes the rest. At 80 columns the wijk goes (the team names it for a Sociaal Team, and `/`
/// still filters on it) so the team and who has the item stay readable. The plan column (its
/// width set by `column_widths`) is there only for a regisseur with plan work.
const NARROW_WIDTHS: [usize; 9] = [5, 8, 8, 0, HIDDEN, 11, 10, 7, PLAN_MIN];
const WIDTHS: [usize; 9] = [6, 8, 8, 0, 12, 11, 16, 7, PLAN_MIN];
const WIDE_WIDTHS: [usize; 9] = [7, 9, 9, 0, 14, 13, 26, 9, PLAN_MIN];
const PLAN_COLUMN: usize = 8;
/// The plan column's width: at least one word and its mark ("⚠overdracht"), at most the
/// longest tag ("overdracht 12 wd te laat").
const PLAN_MIN: usize = 11;
const PLAN_MAX: usize = 24;

/// The row's plan work (`plan`, already the tag) after the columns of the item.
fn cells(item: &QueueItem, now: DateTime<Utc>, plan: String) -> [String; 9] {
    let waited = (now - item.created_at).num_minutes();
    let termijn = format!(
        "{}{}",
        if item.overdue {
            text::OVERDUE_MARK
        } else {
            " "
        },
        item.due.format("%d-%m")
    );
    [
        text::waited(waited),
        item.urgentie.name().to_string(),
        text::kind_short(item.kind).to_string(),
        item.target_label.clone(),
        item.wijk.clone().unwrap_or_default(),
        item.state.name().to_string(),
        item.claimed_by
            .as_deref()
            .or(item.assigned_to.as_deref())
            .map(short_name)
            .unwrap_or_default()
            .to_string(),
        termijn,
        plan,
    ]
}

/// The tag of the most urgent plan work of the item's household, fitted to `width`.
fn plan_tag(
    item: &QueueItem,
    work: &[PlanWork],
    terms: (NaiveDate, HolidayRules),
    width: usize,
) -> String {
    let (today, rules) = terms;
    item.household_id
        .and_then(|household| work.iter().find(|w| w.household_id == household))
        .map(|w| text::plan_tag(w, w.working_days_left(today, rules), width))
        .unwrap_or_default()
}

/// A name without what follows it in brackets ("Demo Esra (Loket)" → "Demo Esra"): the
/// column is narrow, and the name is what tells colleagues apart.
fn short_name(name: &str) -> &str {
    name.split_once(" (").map_or(name, |(short, _)| short)
}

/// The widths of the columns shown at `width` (the team's takes the rest, shared with the
/// plan column when `plan`), and which are.
fn column_widths(width: usize, plan: bool) -> Vec<(usize, usize)> {
    let widths = match width {
        w if w >= 116 => WIDE_WIDTHS,
        w if w >= 96 => WIDTHS,
        _ => NARROW_WIDTHS,
    };
    let shown: Vec<(usize, usize)> = widths
        .into_iter()
        .enumerate()
        .filter(|&(column, w)| w != HIDDEN && (plan || column != PLAN_COLUMN))
        .collect();
    let fixed: usize = shown
        .iter()
        .filter(|(column, _)| *column != PLAN_COLUMN)
        .map(|(_, w)| w)
        .sum::<usize>()
        + shown.len()
        - 1;
    let rest = width.saturating_sub(fixed);
    let plan_width = (rest * 2 / 5).clamp(PLAN_MIN, PLAN_MAX);
    let team = rest
        .saturating_sub(if plan { plan_width } else { 0 })
        .max(8);
    shown
        .into_iter()
        .map(|(column, w)| match (column, w) {
            (PLAN_COLUMN, _) => (column, plan_width),
            (_, 0) => (column, team),
            _ => (column, w),
        })
        .collect()
}

/// A row of the table: the values of the columns shown, each cut to its width (with an
/// ellipsis, which the table's own clipping would not add). `first` goes before the first
/// value: the mark of a marked item.
fn row<'a>(values: [String; 9], columns: &[(usize, usize)], first: &str) -> Row<'a> {
    Row::new(columns.iter().map(|&(column, w)| {
        let value = truncate(&values[column], w);
        match column {
            0 => format!("{first}{value}"),
            _ => value,
        }
    }))
}

pub(super) fn draw_table(
    frame: &mut Frame,
    area: Rect,
    screen: &QueueScreen,
    (now, rules): (DateTime<Utc>, HolidayRules),
    theme: Theme,
) {
    let block = Block::bordered()
        .border_style(theme.border())
        .title(Line::styled(
            format!(" {} ", text::QUEUE_TITLE),
            theme.title(),
        ));
    let inner = block.inner(area);
    // The selection marker and the mark of a marked item take the first two columns.
    let has_plan_work = !screen.plan_work.is_empty();
    let columns = column_widths(inner.width.saturating_sub(2) as usize, has_plan_work);
    let plan_width = columns
        .iter()
        .find(|(column, _)| *column == PLAN_COLUMN)
        .map_or(0, |(_, w)| *w);
    let terms = (dutch_local(now).date(), rules);
    let header = row(text::QUEUE_HEADER.map(String::from), &columns, " ").style(theme.title());
    let rows = screen.items.iter().map(|item| {
        let mark = if screen.marked.contains(&item.id) {
            "●"
        } else {
            " "
        };
        let style = match (item.overdue, item.urgentie) {
            (true, _) => theme.error(),
            (false, Urgentie::Spoed) => theme.warning(),
            _ => Style::new(),
        };
        let plan = plan_tag(item, &screen.plan_work, terms, plan_width);
        row(cells(item, now, plan), &columns, mark).style(style)
    });
    let widths = columns
        .iter()
        .enumerate()
        .map(|(i, &(_, w))| Constraint::Length(if i == 0 { w as u16 + 1 } else { w as u16 }));
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .row_highlight_style(theme.selected())
        .highlight_symbol("▶")
        .highlight_spacing(HighlightSpacing::Always);
    let mut state = TableState::new().with_selected(Some(screen.selected));
    frame.render_stateful_widget(table, area, &mut state);
    let shown = inner.height.saturating_sub(1) as usize;
    if screen.items.is_empty() {
        let below_header = Rect {
            y: inner.y + 1,
            height: inner.height.saturating_sub(1),
            ..inner
        };
        frame.render_widget(
            Paragraph::new(format!("  {}", text::QUEUE_EMPTY)).style(theme.muted()),
            below_header,
        );
    }
    let last = screen.items.len().saturating_sub(shown);
    scrollbar(frame, area, state.offset(), last, VERTICAL);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn width_of(columns: &[(usize, usize)], column: usize) -> Option<usize> {
        columns.iter().find(|(c, _)| *c == column).map(|(_, w)| *w)
    }

    /// At 80 columns (76 inside) the plan column takes its least from the team's; wide, it
    /// grows to hold "overdracht 12 wd te laat"; without plan work it is not there.
    #[test]
    fn the_plan_column_shares_the_teams_room_and_only_with_plan_work() {
        let without = column_widths(76, false);
        assert_eq!(width_of(&without, PLAN_COLUMN), None);
        assert_eq!(width_of(&without, 3), Some(21));
        let with = column_widths(76, true);
        assert_eq!(width_of(&with, PLAN_COLUMN), Some(PLAN_MIN));
        assert_eq!(width_of(&with, 3), Some(9));
        let total: usize = with.iter().map(|(_, w)| w).sum::<usize>() + with.len() - 1;
        assert_eq!(total, 76);
        assert_eq!(
            width_of(&column_widths(156, true), PLAN_COLUMN),
            Some(PLAN_MAX)
        );
    }
}
