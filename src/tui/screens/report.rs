//! The rapportage screen (F5): the figures as bar charts and a sparkline, numbers beside them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Block, Clear, Paragraph, Sparkline};

use crate::report::{Breakdown, Cell, HIDDEN, Report, Share};
use crate::safe_text::for_screen;

use super::super::app::App;
use super::super::report_view::{CustomPeriod, VIEWS};
use super::super::text;
use super::super::theme::Theme;
use super::layout::{centered, popup_block, truncate};

fn value(cell: Cell) -> u64 {
    match cell {
        Cell::Count(n) => n,
        Cell::Suppressed | Cell::Hidden => 0,
    }
}

/// A breakdown as a horizontal bar chart, the number (or "<5", "×") beside each bar.
fn bars(frame: &mut Frame, area: Rect, breakdown: &Breakdown, theme: Theme) {
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
        .block(
            Block::bordered()
                .border_style(theme.border())
                .title(Line::styled(title, theme.title())),
        );
    frame.render_widget(chart, area);
}

fn two(frame: &mut Frame, area: Rect, left: &Breakdown, right: &Breakdown, theme: Theme) {
    let wide = area.width >= 110;
    let [a, b] = if wide {
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area)
    } else {
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area)
    };
    bars(frame, a, left, theme);
    bars(frame, b, right, theme);
}

fn hours(h: Option<f64>) -> String {
    h.map_or("—".to_string(), |h| format!("{h:.0}"))
}

fn queue_view(frame: &mut Frame, area: Rect, report: &Report, theme: Theme) {
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
            "{:<28} {:>6} {:>14} {:>14} {:>8}",
            truncate(&team.team, 28),
            team.items.to_string(),
            pick,
            close,
            late
        )));
    }
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().border_style(theme.border()).title(
            Line::styled(
                format!(" {} (mediaan/p90) ", text::VIEW_QUEUE),
                theme.title(),
            ),
        )),
        table,
    );
    let [ages, tracks] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(rest);
    bars(frame, ages, &report.open_by_age, theme);
    frame.render_widget(
        Paragraph::new(format!(
            " {}: {}",
            text::SEVERAL_TRACKS,
            report.households_with_several_tracks
        ))
        .style(theme.warning()),
        tracks,
    );
}

fn contacts_view(frame: &mut Frame, area: Rect, report: &Report, theme: Theme) {
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
    frame.render_widget(
        Sparkline::default()
            .data(&points)
            .style(theme.open())
            .block(
                Block::bordered()
                    .border_style(theme.border())
                    .title(Line::styled(
                        truncate(&title, area.width as usize - 2),
                        theme.title(),
                    )),
            ),
        spark,
    );
    bars(frame, handling, &report.handling, theme);
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let Some(screen) = app.report_screen() else {
        return;
    };
    let [top, main, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    let mut spans = vec![Span::styled(
        format!(" {} ", screen.choice.name()),
        theme.selected(),
    )];
    if let Some(report) = &screen.report {
        spans.push(Span::raw(format!(" {} ", report.period.label())));
    }
    spans.push(Span::styled("│", theme.border()));
    if area.width >= 110 {
        for (i, view) in VIEWS.iter().enumerate() {
            let label = format!(" {view} ");
            spans.push(if i == screen.view {
                Span::styled(label, theme.selected())
            } else {
                Span::raw(label)
            });
        }
    } else {
        // Narrow: only the view shown, and where it stands among the others.
        let label = format!(
            " ‹ {} › {}/{} ",
            VIEWS[screen.view],
            screen.view + 1,
            VIEWS.len()
        );
        spans.push(Span::styled(label, theme.selected()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), top);
    if let Some(report) = &screen.report {
        match screen.view {
            0 => contacts_view(frame, main, report, theme),
            1 => two(frame, main, &report.by_kanaal, &report.by_location, theme),
            2 => bars(frame, main, &report.by_leefgebied, theme),
            3 => two(
                frame,
                main,
                &report.by_route,
                &report.by_complexiteit,
                theme,
            ),
            4 => bars(frame, main, &report.advice_by_laag, theme),
            _ => queue_view(frame, main, report, theme),
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
    if let Some(status) = &app.status {
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
