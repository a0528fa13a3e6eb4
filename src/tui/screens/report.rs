//! The rapportage screen (F5): the figures as bar charts and a sparkline, numbers beside them.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Block, Clear, Paragraph, Sparkline, Widget};

use crate::report::{Breakdown, Cell, HIDDEN, Report, Share};
use crate::safe_text::for_screen;
use unicode_width::UnicodeWidthStr;

use super::super::report_screen::{CustomPeriod, ReportScreen, VIEWS};
use super::super::screen::DrawContext;
use super::super::text;
use super::super::theme::Theme;
use super::layout::{cell, centered, popup_block, truncate};
use super::report_plans::{plans_height, plans_view, results_height, results_view};

fn value(cell: Cell) -> u64 {
    match cell {
        Cell::Count(n) => n,
        Cell::Suppressed | Cell::Hidden => 0,
    }
}

/// The box around a chart or table of the report, `title` in its top border.
pub(super) fn titled(title: String, theme: Theme) -> Block<'static> {
    Block::bordered()
        .border_style(theme.border())
        .title(Line::styled(title, theme.title()))
}

/// A breakdown as a horizontal bar chart, the number (or "<5", "×") beside each bar.
pub(super) fn bars(buf: &mut Buffer, area: Rect, breakdown: &Breakdown, theme: Theme) {
    let label_width = (area.width as usize / 3).clamp(8, 30);
    let data: Vec<Bar> = breakdown
        .rows
        .iter()
        .map(|(label, cell)| {
            Bar::default()
                .label(Line::from(truncate(label, label_width)))
                .value(value(*cell))
                .text_value(cell.to_string())
        })
        .collect();
    let title = format!(" {} · totaal {} ", breakdown.title, breakdown.total);
    let chart = BarChart::default()
        .direction(Direction::Horizontal)
        .data(ratatui::widgets::BarGroup::default().bars(&data))
        .bar_width(1)
        .bar_gap(0)
        .bar_style(theme.open())
        .value_style(theme.key())
        .block(titled(title, theme));
    chart.render(area, buf);
}

/// Two breakdowns side by side from this width, else one under the other.
pub(super) const TWO_WIDE: u16 = 110;

pub(super) fn two(buf: &mut Buffer, area: Rect, left: &Breakdown, right: &Breakdown, theme: Theme) {
    let wide = area.width >= TWO_WIDE;
    let [a, b] = if wide {
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area)
    } else {
        Layout::vertical([Constraint::Length(box_of(left)), Constraint::Min(0)]).areas(area)
    };
    bars(buf, a, left, theme);
    bars(buf, b, right, theme);
}

fn hours(h: Option<f64>) -> String {
    h.map_or("—".to_string(), |h| format!("{h:.0}"))
}

fn queue_view(buf: &mut Buffer, area: Rect, report: &Report, theme: Theme) {
    let [table, rest] = Layout::vertical([
        Constraint::Length(report.teams.len() as u16 + 3),
        Constraint::Min(0),
    ])
    .areas(area);
    let header = text::TEAM_HEADER;
    let mut lines = vec![Line::styled(
        format!(
            "{:<28} {:>6} {:>14} {:>14} {:>8}",
            header[0], header[1], header[2], header[3], header[4]
        ),
        theme.title(),
    )];
    for team in &report.teams {
        let late = match team.overdue_share {
            None => "—".to_string(),
            Some(Share::Value(share)) => format!("{:.0}%", share * 100.0),
            Some(Share::Hidden) => HIDDEN.to_string(),
        };
        let pick = format!(
            "{}/{}",
            hours(team.pick_up_median_hours),
            hours(team.pick_up_p90_hours)
        );
        let close = format!(
            "{}/{}",
            hours(team.close_median_hours),
            hours(team.close_p90_hours)
        );
        lines.push(Line::raw(format!(
            "{} {:>6} {:>14} {:>14} {:>8}",
            cell(&team.team, 28),
            team.items.to_string(),
            pick,
            close,
            late
        )));
    }
    Paragraph::new(lines)
        .block(titled(
            format!(" {} (mediaan/p90) ", text::VIEW_QUEUE),
            theme,
        ))
        .render(table, buf);
    let [ages, tracks] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(rest);
    bars(buf, ages, &report.open_by_age, theme);
    Paragraph::new(format!(
        " {}: {}",
        text::SEVERAL_TRACKS,
        report.households_with_several_tracks
    ))
    .style(theme.warning())
    .render(tracks, buf);
}

fn contacts_view(buf: &mut Buffer, area: Rect, report: &Report, theme: Theme) {
    let [spark, handling] =
        Layout::vertical([Constraint::Length(7), Constraint::Min(0)]).areas(area);
    let points: Vec<u64> = report
        .contacts_per_week
        .points
        .iter()
        .map(|(_, c)| value(*c))
        .collect();
    let counts: Vec<String> = report
        .contacts_per_week
        .points
        .iter()
        .map(|(_, c)| c.to_string())
        .collect();
    let title = format!(" {}: {} ", report.contacts_per_week.title, counts.join(" "));
    Sparkline::default()
        .data(&points)
        .style(theme.open())
        .block(titled(
            truncate(&title, (area.width as usize).saturating_sub(2)),
            theme,
        ))
        .render(spark, buf);
    bars(buf, handling, &report.handling, theme);
}

/// The lines a breakdown's bar chart needs: a bar per row and the border.
pub(super) fn box_of(breakdown: &Breakdown) -> u16 {
    breakdown.rows.len() as u16 + 2
}

/// The lines a view needs to show everything at `width`.
fn natural_height(view: usize, report: &Report, width: u16) -> u16 {
    let pair = |a: &Breakdown, b: &Breakdown| {
        if width >= TWO_WIDE {
            box_of(a).max(box_of(b))
        } else {
            box_of(a) + box_of(b)
        }
    };
    match view {
        0 => 7 + box_of(&report.handling),
        1 => pair(&report.by_kanaal, &report.by_location),
        2 => box_of(&report.by_leefgebied),
        3 => pair(&report.by_route, &report.by_complexiteit),
        4 => box_of(&report.advice_by_laag),
        5 => report.teams.len() as u16 + 3 + box_of(&report.open_by_age) + 1,
        6 => plans_height(&report.plans, width),
        _ => results_height(&report.plans.results_by_leefgebied, width),
    }
}

/// Draws the view at its full height off screen and shows the part scrolled to: every view
/// can be read whole at 80×24.
fn draw_view(frame: &mut Frame, area: Rect, screen: &ReportScreen, report: &Report, theme: Theme) {
    let height = natural_height(screen.view, report, area.width).max(area.height);
    let max = height - area.height;
    let scroll = screen.scroll.min(max);
    let full = Rect::new(0, 0, area.width, height);
    let mut buf = Buffer::empty(full);
    match screen.view {
        0 => contacts_view(&mut buf, full, report, theme),
        1 => two(
            &mut buf,
            full,
            &report.by_kanaal,
            &report.by_location,
            theme,
        ),
        2 => bars(&mut buf, full, &report.by_leefgebied, theme),
        3 => two(
            &mut buf,
            full,
            &report.by_route,
            &report.by_complexiteit,
            theme,
        ),
        4 => bars(&mut buf, full, &report.advice_by_laag, theme),
        5 => queue_view(&mut buf, full, report, theme),
        6 => plans_view(&mut buf, full, &report.plans, theme),
        _ => results_view(&mut buf, full, &report.plans.results_by_leefgebied, theme),
    }
    let target = frame.buffer_mut();
    for y in 0..area.height {
        for x in 0..area.width {
            if let (Some(from), Some(to)) = (
                buf.cell((x, y + scroll)),
                target.cell_mut((area.x + x, area.y + y)),
            ) {
                *to = from.clone();
            }
        }
    }
}

/// The period and view line, the view, and the note under it.
fn areas(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// How far the view on show scrolls in the screen's `area`, and how many lines a page is.
pub fn scroll_room(area: Rect, screen: &ReportScreen) -> (u16, u16) {
    let [_, main, _] = areas(area);
    let max = screen.report.as_ref().map_or(0, |report| {
        natural_height(screen.view, report, main.width).saturating_sub(main.height)
    });
    (max, main.height.saturating_sub(1).max(1))
}

/// The period and the views: all of them where they fit beside the period and the scroll
/// hint (`reserved` columns), else only the one shown and where it stands among the others.
fn top_line(screen: &ReportScreen, width: u16, reserved: u16, theme: Theme) -> Line<'static> {
    let mut spans = vec![Span::styled(
        format!(" {} ", screen.choice.name()),
        theme.selected(),
    )];
    if let Some(report) = &screen.report {
        spans.push(Span::raw(format!(" {} ", report.period.label())));
    }
    spans.push(Span::styled("│", theme.border()));
    let all: Vec<Span> = VIEWS
        .iter()
        .enumerate()
        .map(|(i, view)| {
            let label = format!(" {view} ");
            if i == screen.view {
                Span::styled(label, theme.selected())
            } else {
                Span::raw(label)
            }
        })
        .collect();
    let used: usize = spans.iter().chain(&all).map(Span::width).sum();
    if used + reserved as usize <= width as usize {
        spans.extend(all);
    } else {
        let label = format!(
            " ‹ {} › {}/{} ",
            VIEWS[screen.view],
            screen.view + 1,
            VIEWS.len()
        );
        spans.push(Span::styled(label, theme.selected()));
    }
    Line::from(spans)
}

pub fn draw(frame: &mut Frame, area: Rect, screen: &ReportScreen, ctx: &DrawContext) {
    let theme = ctx.theme;
    let [top, main, foot] = areas(area);
    let hint = format!(" {} ", text::REPORT_SCROLL);
    let scrolls = scroll_room(area, screen).0 > 0;
    let reserved = if scrolls { hint.width() as u16 } else { 0 };
    frame.render_widget(
        Paragraph::new(top_line(screen, top.width, reserved, theme)),
        top,
    );
    if let Some(report) = &screen.report {
        draw_view(frame, main, screen, report, theme);
        if scrolls {
            let width = hint.width() as u16;
            if top.width > width {
                let at = Rect::new(top.right() - width, top.y, width, 1);
                frame.render_widget(Paragraph::new(hint).style(theme.muted()), at);
            }
        }
        let note = if report.demo {
            text::REPORT_DEMO
        } else {
            text::REPORT_SUPPRESSED
        };
        frame.render_widget(
            Paragraph::new(format!(" {note}")).style(if report.demo {
                theme.warning()
            } else {
                theme.muted()
            }),
            foot,
        );
    }
    if let Some(status) = ctx.status {
        frame.render_widget(
            Paragraph::new(format!(" {}", for_screen(status))).style(theme.error()),
            foot,
        );
    }
    if let Some(custom) = &screen.custom {
        draw_custom(frame, custom, theme);
    }
}

fn draw_custom(frame: &mut Frame, custom: &CustomPeriod, theme: Theme) {
    let area = centered(frame.area(), 60, 7);
    frame.render_widget(Clear, area);
    let row = |field: &super::super::form::TextField, focused: bool| {
        let style = if focused {
            theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        Line::from(vec![
            Span::styled(format!("{:<26}", field.label), theme.title()),
            Span::styled(format!(" {} ", for_screen(field.value())), style),
        ])
    };
    let mut lines = vec![
        row(&custom.from, custom.row == 0),
        row(&custom.to, custom.row == 1),
    ];
    if let Some(message) = &custom.message {
        lines.push(Line::styled(for_screen(message), theme.error()));
    }
    frame.render_widget(
        Paragraph::new(lines).block(popup_block(theme, text::PERIOD_CUSTOM)),
        area,
    );
}
