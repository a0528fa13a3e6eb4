//! The list popups of the intake: today's contacts, and households to link.

use ratatui::Frame;
use ratatui::layout::Position;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use crate::domain::Leefgebieden;
use crate::domain::hours::dutch_local;
use crate::domain::routing::route_label;
use crate::safe_text::for_screen;
use crate::store::{HouseholdMatch, IntakeSummary};
use unicode_width::UnicodeWidthStr;

use super::super::form::TextField;
use super::super::text;
use super::super::theme::Theme;
use super::layout::{centered, popup_block, truncate};

fn item(line: String, selected: bool, theme: Theme) -> Line<'static> {
    if selected {
        Line::styled(format!("▶ {line}"), theme.selected())
    } else {
        Line::raw(format!("  {line}"))
    }
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
    let width = area.width.saturating_sub(4) as usize;
    let lines: Vec<Line> = if items.is_empty() {
        vec![Line::styled(text::MY_CONTACTS_EMPTY, theme.muted())]
    } else {
        items
            .iter()
            .enumerate()
            .map(|(i, summary)| {
                let line = format!(
                    "{} {} · {}",
                    dutch_local(summary.at).format("%d-%m %H:%M"),
                    summary.question_start,
                    route_label(&summary.route, leefgebieden)
                );
                item(truncate(&line, width), i == selected, theme)
            })
            .collect()
    };
    frame.render_widget(
        Paragraph::new(lines).block(popup_block(theme, text::MY_CONTACTS_TITLE)),
        area,
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
    let width = area.width.saturating_sub(4) as usize;
    let mut lines = vec![
        Line::raw(format!(
            "{}: {}",
            text::SEARCH_LABEL,
            for_screen(query.value())
        )),
        Line::raw(""),
    ];
    if items.is_empty() {
        lines.push(Line::styled(list.none_found, theme.muted()));
    }
    for (i, label) in items.iter().enumerate() {
        lines.push(item(truncate(label, width), i == selected, theme));
    }
    frame.render_widget(
        Paragraph::new(lines).block(popup_block(theme, list.title)),
        area,
    );
    let x = area.x + 1 + text::SEARCH_LABEL.width() as u16 + 2;
    frame.set_cursor_position(Position::new(
        (x + query.input.visual_cursor() as u16).min(area.right().saturating_sub(2)),
        area.y + 1,
    ));
}
