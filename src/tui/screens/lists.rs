//! The list popups of the intake: today's contacts, and households to link.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::symbols::scrollbar::DOUBLE_VERTICAL;
use ratatui::widgets::{Clear, HighlightSpacing, List, ListItem, ListState, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::domain::Leefgebieden;
use crate::domain::hours::dutch_local;
use crate::domain::routing::route_label;
use crate::safe_text::for_screen;
use crate::store::{HouseholdMatch, IntakeSummary};

use super::super::form::TextField;
use super::super::text;
use super::super::theme::Theme;
use super::layout::{centered, popup_block, scrollbar, truncate};

/// The items of a popup in `area` (inside its border, whose right side `popup` is), the
/// selected one marked and kept in sight, with a scrollbar when they do not all fit; `empty`
/// stands there when there are none.
fn choices(
    frame: &mut Frame,
    (area, popup): (Rect, Rect),
    labels: &[String],
    selected: usize,
    (empty, theme): (&str, Theme),
) {
    if labels.is_empty() {
        frame.render_widget(Paragraph::new(empty).style(theme.muted()), area);
        return;
    }
    let width = area.width.saturating_sub(2) as usize;
    let items: Vec<ListItem> = labels
        .iter()
        .map(|label| ListItem::new(truncate(label, width)))
        .collect();
    let list = List::new(items)
        .highlight_symbol("▶ ")
        .highlight_spacing(HighlightSpacing::Always)
        .highlight_style(theme.selected());
    let mut state = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(list, area, &mut state);
    let last = labels.len().saturating_sub(area.height as usize);
    scrollbar(frame, popup, state.offset(), last, DOUBLE_VERTICAL);
}

pub fn my_contacts(
    frame: &mut Frame,
    theme: Theme,
    items: &[IntakeSummary],
    selected: usize,
    leefgebieden: &Leefgebieden,
) {
    let area = centered(frame.area(), 76, items.len().max(1) as u16 + 2);
    frame.render_widget(Clear, area);
    let block = popup_block(theme, text::MY_CONTACTS_TITLE);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let labels: Vec<String> = items
        .iter()
        .map(|summary| {
            format!(
                "{} {} · {}",
                dutch_local(summary.at).format("%d-%m %H:%M"),
                summary.question_start,
                route_label(&summary.route, leefgebieden)
            )
        })
        .collect();
    choices(
        frame,
        (inner, area),
        &labels,
        selected,
        (text::MY_CONTACTS_EMPTY, theme),
    );
}

pub fn households(
    frame: &mut Frame,
    theme: Theme,
    query: &TextField,
    matches: &[HouseholdMatch],
    selected: usize,
) {
    let labels: Vec<String> = matches
        .iter()
        .map(|found| {
            if found.open_tracks.is_empty() {
                found.label.clone()
            } else {
                format!("{} · {} lopend", found.label, found.open_tracks.len())
            }
        })
        .collect();
    search_list(
        frame,
        theme,
        SearchList {
            title: text::HOUSEHOLD_SEARCH,
            width: 76,
            none_found: text::HOUSEHOLD_NONE_FOUND,
        },
        query,
        &labels,
        selected,
    );
}

/// A list to choose from, filtered by what is typed above it.
pub fn pick(
    frame: &mut Frame,
    theme: Theme,
    title: &str,
    query: &TextField,
    items: &[String],
    selected: usize,
) {
    search_list(
        frame,
        theme,
        SearchList {
            title,
            width: 60,
            none_found: text::NO_RESULTS,
        },
        query,
        items,
        selected,
    );
}

/// What tells one search-as-you-type list from another.
struct SearchList<'a> {
    title: &'a str,
    width: u16,
    none_found: &'a str,
}

/// A window with the typed search above the items it lets through, the selected one marked,
/// and the cursor in the search.
fn search_list(
    frame: &mut Frame,
    theme: Theme,
    list: SearchList,
    query: &TextField,
    items: &[String],
    selected: usize,
) {
    let area = centered(frame.area(), list.width, items.len().max(1) as u16 + 4);
    frame.render_widget(Clear, area);
    let block = popup_block(theme, list.title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [search, _, rest] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    let typed = format!("{}: {}", text::SEARCH_LABEL, for_screen(query.value()));
    frame.render_widget(Paragraph::new(typed), search);
    choices(
        frame,
        (rest, area),
        items,
        selected,
        (list.none_found, theme),
    );
    let x = area.x + 1 + text::SEARCH_LABEL.width() as u16 + 2;
    frame.set_cursor_position(Position::new(
        (x + query.input.visual_cursor() as u16).min(area.right().saturating_sub(2)),
        area.y + 1,
    ));
}
