//! The sociale kaart screen: search line, filter chips, result list and detail pane — side by
//! side on a wide terminal, stacked at 80×24.

use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::symbols::scrollbar::VERTICAL;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, HighlightSpacing, List, ListItem, ListState, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::domain::calendar::HolidayRules;
use crate::domain::hours::{dutch_local, open_state};
use crate::safe_text::{for_screen, into_screen};
use crate::search::{Catalog, Hit};

use super::super::kaart_screen::{Focus, KaartScreen};
use super::super::screen::DrawContext;
use super::super::text;
use super::super::theme::Theme;
use super::layout::{scrollbar, truncate};
use super::{detail, filters};

/// From this width the list and the detail stand side by side.
const WIDE: u16 = 110;

/// The parts of the kaart screen: search line, filter chips, the result list (none while the
/// detail is expanded) and the detail.
struct Areas {
    search: Rect,
    chips: Rect,
    main: Rect,
    list: Option<Rect>,
    detail: Rect,
}

fn areas(area: Rect, view: &KaartScreen) -> Areas {
    let [search, chips, main] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    let (list, detail) = if view.detail_expanded {
        (None, main)
    } else if area.width >= WIDE {
        let [list, detail] =
            Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
                .areas(main);
        (Some(list), detail)
    } else {
        let list_rows = (list_rows(view) as u16 + 2).clamp(3, main.height / 2);
        let [list, detail] =
            Layout::vertical([Constraint::Length(list_rows), Constraint::Min(0)]).areas(main);
        (Some(list), detail)
    };
    Areas {
        search,
        chips,
        main,
        list,
        detail,
    }
}

/// Where the divider above the weak matches stands among the hits, if any are listed.
fn divider_at(view: &KaartScreen) -> Option<usize> {
    let strong = view.results.strong_shown();
    (strong < view.results.hits.len()).then_some(strong)
}

/// The list's rows: the hits and the divider.
fn list_rows(view: &KaartScreen) -> usize {
    view.results.hits.len() + usize::from(divider_at(view).is_some())
}

/// The list row of hit `index`: after the divider, one further down.
fn row_of(view: &KaartScreen, index: usize) -> usize {
    index + usize::from(divider_at(view).is_some_and(|at| index >= at))
}

/// The rows inside the list's border in `area` (inside the detail's while it is expanded):
/// what PgUp/PgDn move.
pub fn page(area: Rect, view: &KaartScreen) -> usize {
    let areas = areas(area, view);
    let pane = areas.list.unwrap_or(areas.detail);
    (pane.height.saturating_sub(2) as usize).max(1)
}

pub fn draw(frame: &mut Frame, area: Rect, view: &KaartScreen, ctx: &DrawContext) {
    let theme = ctx.theme;
    let areas = areas(area, view);
    draw_search_line(frame, areas.search, view, theme, ctx.focused);
    draw_chips(frame, areas.chips, view, ctx.catalog, theme);
    let Some(catalog) = ctx.catalog else {
        frame.render_widget(
            Paragraph::new(text::LOADING_KAART).style(theme.muted()),
            areas.main,
        );
        return;
    };
    let now = dutch_local(ctx.now);
    if let Some(list_area) = areas.list {
        draw_list(frame, list_area, catalog, view, now, theme);
    }
    draw_detail(frame, areas.detail, catalog, view, now, theme);
    if let Some(form) = &view.filter_form {
        filters::draw(frame, catalog, form, (theme, ctx.keymap));
    }
}

fn draw_search_line(
    frame: &mut Frame,
    area: Rect,
    view: &KaartScreen,
    theme: Theme,
    show_cursor: bool,
) {
    let label = format!(" {}: ", text::SEARCH_LABEL);
    let focused = view.focus == Focus::Search && !view.detail_expanded;
    let label_style = if focused {
        theme.focus_border()
    } else {
        theme.title()
    };
    let field_width = (area.width as usize).saturating_sub(label.width() + 1);
    let scroll = view.query.input.visual_scroll(field_width);
    let value = view.query.shown(field_width);
    let content = if value.is_empty() && scroll == 0 {
        Span::styled(
            truncate(text::SEARCH_PLACEHOLDER, field_width),
            theme.muted(),
        )
    } else {
        Span::raw(into_screen(value))
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(label.clone(), label_style),
            content,
        ])),
        area,
    );
    if focused && show_cursor {
        let x = area.x + label.width() as u16 + (view.query.input.visual_cursor() - scroll) as u16;
        frame.set_cursor_position(Position::new(x, area.y));
    }
}

fn draw_chips(
    frame: &mut Frame,
    area: Rect,
    view: &KaartScreen,
    catalog: Option<&Catalog>,
    theme: Theme,
) {
    let mut spans = vec![Span::styled(
        format!(" {}: ", text::FILTERS_LABEL),
        theme.title(),
    )];
    let mut chips: Vec<String> = Vec::new();
    if let Some(catalog) = catalog {
        chips.extend(
            view.filters
                .leefgebieden
                .iter()
                .map(|c| catalog.leefgebieden.name_of(c).to_string()),
        );
    }
    chips.extend(view.filters.wijk.clone());
    chips.extend(view.filters.laag.map(|l| text::laag_short(l).to_string()));
    chips.extend(view.filters.age.map(|a| format!("{a} jaar")));
    if view.filters.free_only {
        chips.push(text::CHIP_FREE.into());
    }
    if view.filters.no_referral_only {
        chips.push(text::CHIP_NO_REFERRAL.into());
    }
    if view.open_now {
        chips.push(text::CHIP_OPEN_NOW.into());
    }
    if chips.is_empty() {
        spans.push(Span::styled(text::NO_FILTERS, theme.muted()));
    }
    for chip in chips {
        spans.push(Span::styled(
            format!(" {} ", for_screen(&chip)),
            theme.chip(),
        ));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A result name with the matched letters marked.
fn highlighted_name<'a>(name: &str, hit: &Hit, theme: Theme) -> Vec<Span<'a>> {
    name.chars()
        .enumerate()
        .map(|(i, c)| {
            if hit.highlight.contains(&i) {
                Span::styled(c.to_string(), theme.matched())
            } else {
                Span::raw(c.to_string())
            }
        })
        .collect()
}

fn draw_list(
    frame: &mut Frame,
    area: Rect,
    catalog: &Catalog,
    view: &KaartScreen,
    now: NaiveDateTime,
    theme: Theme,
) {
    let hits = &view.results.hits;
    let strong = view.results.strong_shown();
    let title = format!(
        " {} ",
        text::result_count(strong, view.results.total, hits.len() - strong)
    );
    let border = if view.focus == Focus::List {
        theme.focus_border()
    } else {
        theme.border()
    };
    let block = Block::bordered()
        .border_style(border)
        .title(Line::styled(title, theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = inner.height as usize;
    if hits.is_empty() {
        frame.render_widget(
            Paragraph::new(text::NO_RESULTS)
                .wrap(Wrap { trim: true })
                .style(theme.muted()),
            inner,
        );
        return;
    }
    // Only the rows in sight are built (a kaart can hold thousands of services); the list's
    // state selects among them.
    let selected = row_of(view, view.selected);
    let offset = (selected + 1).saturating_sub(rows);
    let width = inner.width as usize;
    let divider = divider_at(view);
    let items: Vec<ListItem> = (offset..list_rows(view).min(offset + rows))
        .filter_map(|row| match divider {
            Some(at) if row == at => Some(divider_item(width, theme)),
            Some(at) if row > at => hit_item(&hits[row - 1], catalog, now, width, theme),
            _ => hit_item(&hits[row], catalog, now, width, theme),
        })
        .collect();
    let list = List::new(items)
        .highlight_symbol("▶ ")
        .highlight_spacing(HighlightSpacing::Always)
        .highlight_style(theme.selected());
    let mut state = ListState::default().with_selected(Some(selected - offset));
    frame.render_stateful_widget(list, inner, &mut state);
    scrollbar(
        frame,
        area,
        offset,
        list_rows(view).saturating_sub(rows),
        VERTICAL,
    );
}

/// The line above the weak matches: "── minder passend ──…" across the list.
fn divider_item(width: usize, theme: Theme) -> ListItem<'static> {
    let label = format!("── {} ", text::WEAK_DIVIDER);
    let rest = "─".repeat(width.saturating_sub(2 + label.width()));
    ListItem::new(Line::styled(format!("{label}{rest}"), theme.muted()))
}

/// One service of the list: its name (matched chars highlighted), organisation, laag and
/// whether it is open now.
fn hit_item<'a>(
    hit: &'a Hit,
    catalog: &'a Catalog,
    now: NaiveDateTime,
    width: usize,
    theme: Theme,
) -> Option<ListItem<'a>> {
    let service = catalog.index.line_of(&hit.id)?;
    let open = open_state(service.schedule, now, HolidayRules::default()).is_open();
    let mut right = service.laag.map(text::laag_short).unwrap_or("").to_string();
    if !service.active {
        right = text::INACTIVE_MARK.to_string();
    }
    if open {
        right.push_str(&format!(" · {}", text::OPEN_MARK));
    }
    let organization = service.organization.unwrap_or("");
    let right_len = right.width();
    let budget = width.saturating_sub(right_len + 3);
    let name = truncate(service.name, budget);
    let name_len = name.width();
    let org = truncate(organization, budget.saturating_sub(name_len + 1));
    let pad = width.saturating_sub(2 + name_len + 1 + org.width() + right_len);
    let mut spans = highlighted_name(&name, hit, theme);
    spans.push(Span::raw(" "));
    spans.push(Span::styled(org, theme.muted()));
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(
        right,
        if open { theme.open() } else { theme.muted() },
    ));
    Some(ListItem::new(Line::from(spans)))
}

fn draw_detail(
    frame: &mut Frame,
    area: Rect,
    catalog: &Catalog,
    view: &KaartScreen,
    now: NaiveDateTime,
    theme: Theme,
) {
    let border = if view.detail_expanded {
        theme.focus_border()
    } else {
        theme.border()
    };
    let block = Block::bordered().border_style(border);
    let Some((kaart, service)) = view.detail() else {
        frame.render_widget(block, area);
        return;
    };
    let lines = detail::lines(kaart, &catalog.leefgebieden, service, now, theme);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((view.detail_scroll, 0))
            .block(block),
        area,
    );
}
