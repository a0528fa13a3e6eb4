//! The wachtrij screen (F4): view tabs with counts, the table of items (overdue marked with
//! colour and a symbol), the opened item, and the prompt of an action.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::domain::intake::Urgentie;
use crate::safe_text::for_screen;
use crate::store::QueueItem;

use super::super::confirm::Question;
use super::super::queue_actions::tab_label;
use super::super::queue_regie::waiting_offers;
use super::super::queue_screen::{Prompt, PromptKind, QueueScreen};
use super::super::screen::DrawContext;
use super::super::text;
use super::super::theme::Theme;
use super::layout::{centered, popup_block, truncate};
use super::queue_item;

/// A column left out at this width.
const HIDDEN: usize = usize::MAX;

/// Column widths of the table below 100 columns, below 120, and wider; the team column (0)
/// takes the rest. At 80 columns the wijk goes (the team names it for a Sociaal Team, and `/`
/// still filters on it) so the team and who has the item stay readable.
const NARROW_WIDTHS: [usize; 8] = [5, 8, 8, 0, HIDDEN, 11, 10, 7];
const WIDTHS: [usize; 8] = [6, 8, 8, 0, 12, 11, 16, 7];
const WIDE_WIDTHS: [usize; 8] = [7, 9, 9, 0, 14, 13, 26, 9];

fn cells(item: &QueueItem, now: DateTime<Utc>) -> [String; 8] {
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
    ]
}

/// A name without what follows it in brackets ("Demo Esra (Loket)" → "Demo Esra"): the
/// column is narrow, and the name is what tells colleagues apart.
fn short_name(name: &str) -> &str {
    name.split_once(" (").map_or(name, |(short, _)| short)
}

fn row_line(values: &[String; 8], width: usize) -> String {
    let widths = match width {
        w if w >= 116 => WIDE_WIDTHS,
        w if w >= 96 => WIDTHS,
        _ => NARROW_WIDTHS,
    };
    let shown: Vec<usize> = widths.into_iter().filter(|w| *w != HIDDEN).collect();
    let fixed: usize = shown.iter().sum::<usize>() + shown.len() - 1;
    let team = width.saturating_sub(fixed).max(8);
    values
        .iter()
        .zip(widths)
        .filter(|(_, w)| *w != HIDDEN)
        .map(|(value, w)| {
            let w = if w == 0 { team } else { w };
            format!("{:<w$}", truncate(value, w))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn draw(frame: &mut Frame, area: Rect, screen: &QueueScreen, ctx: &DrawContext) {
    let (theme, now) = (ctx.theme, ctx.now);
    let [tabs, main, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(tab_line(screen, tabs.width as usize, theme)),
        tabs,
    );

    let (list_area, detail_area) = match &screen.detail {
        Some(_) if area.width >= 110 => {
            let [list, detail] =
                Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                    .areas(main);
            (list, Some(detail))
        }
        // Narrower, the item takes the whole list area: every line counts at 80×24.
        Some(_) => (Rect::default(), Some(main)),
        None => (main, None),
    };
    if !list_area.is_empty() {
        draw_table(frame, list_area, screen, now, theme);
    }
    if let Some(area) = detail_area {
        queue_item::draw(frame, area, screen, &ctx.reference.leefgebieden, theme);
    }
    draw_status(frame, status, ctx, screen);
    if let Some(prompt) = &screen.prompt {
        let question = if prompt.confirming {
            Question::close_case()
        } else {
            Question::claim()
        };
        let about = screen.regie_prompt_about(&ctx.reference.leefgebieden);
        let confirm = (question.legend(ctx.keymap), question.text);
        draw_prompt(frame, screen, prompt, theme, ctx.focused, &about, &confirm);
    }
}

/// The tabs with their counts; when they do not all fit, the first ones give way so the active
/// tab and its count stay in sight.
fn tab_line(screen: &QueueScreen, width: usize, theme: Theme) -> Line<'static> {
    let labels: Vec<String> = screen
        .views
        .iter()
        .map(|view| format!(" {} ", tab_label(*view, &screen.counts)))
        .collect();
    let len = |labels: &[String]| labels.iter().map(|l| l.chars().count() + 1).sum::<usize>() + 2;
    let mut first = 0;
    while first < screen.view && len(&labels[first..=screen.view]) > width {
        first += 1;
    }
    let mut spans = vec![Span::raw(if first > 0 { "…" } else { " " })];
    for (i, label) in labels.into_iter().enumerate().skip(first) {
        spans.push(if i == screen.view {
            Span::styled(label, theme.selected())
        } else {
            Span::raw(label)
        });
        spans.push(Span::styled("│", theme.border()));
    }
    Line::from(spans)
}

/// The status line: the filter while it is typed or set, else the last message.
fn draw_status(frame: &mut Frame, area: Rect, ctx: &DrawContext, screen: &QueueScreen) {
    let theme = ctx.theme;
    let filter = screen.filter.value();
    if screen.filtering || (!filter.is_empty() && ctx.status.is_none()) {
        let label = format!(" / {}: ", text::LABEL_FILTER);
        let hint = if screen.filtering {
            format!("   {}", text::QUEUE_FILTER_HINT)
        } else {
            String::new()
        };
        let line = Line::from(vec![
            Span::styled(label.clone(), theme.title()),
            Span::raw(for_screen(filter).into_owned()),
            Span::styled(hint, theme.muted()),
        ]);
        frame.render_widget(Paragraph::new(line), area);
        if screen.filtering && ctx.focused {
            let x =
                area.x + label.chars().count() as u16 + screen.filter.input.visual_cursor() as u16;
            frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
        }
        return;
    }
    let status = match ctx.status {
        Some(status) => status.to_string(),
        None => waiting_offers(&screen.regie_offers).unwrap_or_default(),
    };
    frame.render_widget(
        Paragraph::new(format!(" {}", for_screen(&status))).style(theme.warning()),
        area,
    );
}

fn draw_table(
    frame: &mut Frame,
    area: Rect,
    screen: &QueueScreen,
    now: DateTime<Utc>,
    theme: Theme,
) {
    let block = Block::bordered()
        .border_style(theme.border())
        .title(Line::styled(
            format!(" {} ", text::QUEUE_TITLE),
            theme.title(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width.saturating_sub(2) as usize;
    let header = text::QUEUE_HEADER.map(String::from);
    let mut lines = vec![Line::styled(
        format!("  {}", row_line(&header, width)),
        theme.title(),
    )];
    if screen.items.is_empty() {
        lines.push(Line::styled(
            format!("  {}", text::QUEUE_EMPTY),
            theme.muted(),
        ));
    }
    let rows = (inner.height as usize).saturating_sub(1);
    let offset = (screen.selected + 1).saturating_sub(rows);
    for (i, item) in screen.items.iter().enumerate().skip(offset).take(rows) {
        let selected = i == screen.selected;
        let marker = match (selected, screen.marked.contains(&item.id)) {
            (true, true) => "▶●",
            (true, false) => "▶ ",
            (false, true) => " ●",
            (false, false) => "  ",
        };
        let line = format!("{marker}{}", row_line(&cells(item, now), width));
        let style = match (selected, item.overdue, item.urgentie) {
            (true, _, _) => theme.selected(),
            (false, true, _) => theme.error(),
            (false, false, Urgentie::Spoed) => theme.warning(),
            _ => Style::new(),
        };
        lines.push(Line::styled(line, style));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// How many options of a picker the dialog shows at once.
const PICKER_ROWS: usize = 8;

fn draw_prompt(
    frame: &mut Frame,
    screen: &QueueScreen,
    prompt: &Prompt,
    theme: Theme,
    show_cursor: bool,
    about: &[String],
    (legend, question): &(String, String),
) {
    let height = if prompt.picker.is_some() {
        9 + PICKER_ROWS as u16
    } else {
        8 + about.len() as u16
    };
    let area = centered(frame.area(), 66, height);
    frame.render_widget(Clear, area);
    let mut lines: Vec<Line> = about
        .iter()
        .map(|l| Line::raw(for_screen(l).into_owned()))
        .collect();
    let mut cursor = None;
    let field = |label: &str, value: String, focused: bool| {
        let style = if focused {
            theme.selected()
        } else {
            Style::new()
        };
        Line::from(vec![
            Span::styled(format!("{:<28}", label), theme.title()),
            Span::styled(format!(" {} ", for_screen(&value)), style),
        ])
    };
    if !prompt.choices.is_empty() {
        let label = text::choice_label(prompt.kind);
        let choice = format!("‹ {} ›", prompt.choices[prompt.choice]);
        lines.push(field(label, choice, prompt.row == 0));
    }
    if prompt.kind.has_text_first_row() {
        if prompt.row == 0 {
            cursor = Some((lines.len(), &prompt.moment));
        }
        let value = prompt.moment.value().to_string();
        lines.push(field(prompt.moment.label, value, prompt.row == 0));
    }
    if let Some(picker) = &prompt.picker {
        if prompt.row == 0 {
            cursor = Some((lines.len(), &picker.filter));
        }
        lines.push(field(
            picker.filter.label,
            picker.filter.value().to_string(),
            prompt.row == 0,
        ));
        let first = (picker.selected + 1).saturating_sub(PICKER_ROWS);
        for (at, &option) in picker
            .shown
            .iter()
            .enumerate()
            .skip(first)
            .take(PICKER_ROWS)
        {
            let selected = at == picker.selected;
            let marker = if selected { "▶ " } else { "  " };
            let line = format!("{marker}{}", truncate(&picker.options[option], 60));
            lines.push(if selected && prompt.row == 0 {
                Line::styled(line, theme.selected())
            } else {
                Line::raw(line)
            });
        }
        if picker.shown.is_empty() {
            lines.push(Line::styled(text::PICKER_EMPTY, theme.muted()));
        }
        let shown = picker.shown.len().clamp(1, PICKER_ROWS);
        lines.extend((shown..PICKER_ROWS).map(|_| Line::raw("")));
    }
    if prompt.kind.has_note() {
        if prompt.row == 1 && !prompt.confirming {
            cursor = Some((lines.len(), &prompt.note));
        }
        lines.push(field(
            prompt.note.label,
            prompt.note.value().to_string(),
            prompt.row == 1,
        ));
    }
    let confirm = prompt.kind == PromptKind::Claim || prompt.confirming;
    if confirm {
        lines.push(Line::raw(question.clone()));
        lines.push(Line::styled(legend.clone(), theme.title()));
    }
    if let Some(message) = &prompt.message {
        lines.push(Line::raw(""));
        lines.push(Line::styled(for_screen(message), theme.error()));
    }
    if !confirm {
        lines.push(Line::raw(""));
        let hint = if prompt.picker.is_some() && prompt.kind.has_note() {
            text::PICKER_HINT_NOTE
        } else if prompt.picker.is_some() {
            text::PICKER_HINT
        } else if prompt.choices.is_empty() {
            text::PROMPT_HINT_TEXT
        } else if !prompt.kind.has_note() {
            text::PROMPT_HINT_CHOICE_ONLY
        } else {
            text::PROMPT_HINT_CHOICE
        };
        lines.push(Line::styled(hint, theme.muted()));
    }
    let title = match prompt.kind {
        PromptKind::Reassign => text::reassign_title(&screen.chosen_items()),
        kind => text::prompt_title(kind, prompt.item),
    };
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(popup_block(theme, &title)),
        area,
    );
    if let (true, Some((line, editor))) = (show_cursor, cursor) {
        let x = area.x + 1 + 29 + editor.input.visual_cursor() as u16;
        frame.set_cursor_position(Position::new(
            x.min(area.right().saturating_sub(2)),
            area.y + 1 + line as u16,
        ));
    }
}
