//! The worklist "Te controleren": services whose details may be wrong, the most advised first,
//! each with why (not verified for long, no phone, no hours, a desk's report).

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, HighlightSpacing, List, ListItem, ListState, Paragraph};

use crate::domain::hours::dutch_local;
use crate::safe_text::for_screen;
use crate::store::{WorkItem, WorkReason};

use super::super::screen::DrawContext;
use super::super::text;
use super::super::theme::Theme;
use super::super::worklist_screen::WorklistScreen;
use super::layout::truncate;

fn reason_line(reason: &WorkReason) -> String {
    let date = |d: &NaiveDate| d.format("%d-%m-%Y").to_string();
    match reason {
        WorkReason::NotVerified(None) => "nooit gecontroleerd".to_string(),
        WorkReason::NotVerified(Some(day)) => format!("laatst gecontroleerd {}", date(day)),
        WorkReason::NoPhone => "geen telefoonnummer".to_string(),
        WorkReason::NoHours => "geen openingstijden".to_string(),
        WorkReason::Reported(report) => format!(
            "melding van {} op {}: {}",
            report.reporter,
            dutch_local(report.at).format("%d-%m %H:%M"),
            report.text
        ),
    }
}

/// An item: its service (marked when selected), then a line per reason.
fn item_lines(item: &WorkItem, selected: bool, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let head = format!(
        "{} — {} · {}× als advies",
        item.name,
        item.organization.as_deref().unwrap_or(""),
        item.advice_count
    );
    let style = if selected {
        theme.selected()
    } else {
        Style::new()
    };
    let mut lines = vec![Line::styled(truncate(&for_screen(&head), width), style)];
    lines.extend(item.reasons.iter().map(|reason| {
        let style = if matches!(reason, WorkReason::Reported(_)) {
            theme.warning()
        } else {
            theme.muted()
        };
        Line::styled(
            truncate(&format!("  {}", for_screen(&reason_line(reason))), width),
            style,
        )
    }));
    lines
}

/// The list and the status line under it.
fn areas(area: Rect, status: Option<&str>) -> [Rect; 2] {
    let status_lines = super::layout::status_height(status, area.width);
    Layout::vertical([Constraint::Min(0), Constraint::Length(status_lines)]).areas(area)
}

/// How many items from the selection on fit in the list in the screen's `area` (each takes a
/// line and one per reason): what PgUp/PgDn move. A key clears the status line.
pub fn page(area: Rect, screen: &WorklistScreen) -> usize {
    let [list, _] = areas(area, None);
    let mut room = list.height.saturating_sub(2) as usize;
    let fitting = screen.items[screen.selected.min(screen.items.len())..]
        .iter()
        .take_while(|item| {
            let lines = 1 + item.reasons.len();
            let fits = lines <= room;
            room = room.saturating_sub(lines);
            fits
        })
        .count();
    fitting.max(1)
}

pub fn draw(frame: &mut Frame, area: Rect, screen: &WorklistScreen, ctx: &DrawContext) {
    let theme = ctx.theme;
    let [list, status] = areas(area, ctx.status);
    let block = Block::bordered()
        .border_style(theme.border())
        .title(Line::styled(
            format!(" {} ({}) ", text::WORKLIST_TITLE, screen.items.len()),
            theme.title(),
        ));
    let inner = block.inner(list);
    frame.render_widget(block, list);
    if screen.items.is_empty() {
        frame.render_widget(
            Paragraph::new(text::WORKLIST_EMPTY).style(theme.muted()),
            inner,
        );
    }
    // Only the items around the selection: every item takes at least one line, so a screen's
    // height of items before it is enough, and a long worklist costs no more to draw.
    let height = inner.height as usize;
    let first = screen.selected.saturating_sub(height);
    let last = (screen.selected + height + 1).min(screen.items.len());
    let width = inner.width.saturating_sub(2) as usize;
    let items: Vec<ListItem> = (first..last)
        .map(|i| {
            let lines = item_lines(&screen.items[i], i == screen.selected, width, theme);
            ListItem::new(lines)
        })
        .collect();
    let list_widget = List::new(items)
        .highlight_symbol("▶ ")
        .highlight_spacing(HighlightSpacing::Always);
    let mut state = ListState::default().with_selected(Some(screen.selected - first));
    frame.render_stateful_widget(list_widget, inner, &mut state);
    super::layout::status(frame, status, ctx.status.unwrap_or_default(), theme.muted());
}
