//! The wachtrij screen (F4): view tabs with counts, the table of items (`queue_table`), the
//! opened item, and the prompt of an action.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Tabs, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::domain::Leefgebieden;
use crate::safe_text::for_screen;

use super::super::confirm::Question;
use super::super::hint;
use super::super::keymap::Keymap;
use super::super::queue_actions::tab_label;
use super::super::queue_regie::waiting_offers;
use super::super::queue_screen::{Prompt, PromptKind, QueueScreen};
use super::super::screen::DrawContext;
use super::super::text;
use super::super::theme::Theme;
use super::layout::{centered, popup_block, truncate};
use super::queue_item;
use super::queue_table::draw_table;

/// The parts of the wachtrij screen: tabs, the table (empty while a narrow terminal shows the
/// opened item), the opened item, and the status line.
struct Areas {
    tabs: Rect,
    list: Rect,
    detail: Option<Rect>,
    status: Rect,
}

fn areas(area: Rect, screen: &QueueScreen) -> Areas {
    let [tabs, main, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    let (list, detail) = match &screen.detail {
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
    Areas {
        tabs,
        list,
        detail,
        status,
    }
}

/// The table's rows in the screen's `area` (inside the border, under the header): what
/// PgUp/PgDn move.
pub fn page(area: Rect, screen: &QueueScreen) -> usize {
    let list = areas(area, screen).list;
    (list.height.saturating_sub(3) as usize).max(1)
}

/// How far the opened item scrolls in the screen's `area`, and its page.
pub fn detail_room(
    area: Rect,
    screen: &QueueScreen,
    leefgebieden: &Leefgebieden,
) -> (usize, usize) {
    match (areas(area, screen).detail, &screen.detail) {
        (Some(area), Some(_)) => queue_item::scroll_room(area, screen, leefgebieden),
        _ => (0, 1),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, screen: &QueueScreen, ctx: &DrawContext) {
    let (theme, now) = (ctx.theme, ctx.now);
    let Areas {
        tabs,
        list: list_area,
        detail: detail_area,
        status,
    } = areas(area, screen);
    draw_tabs(frame, tabs, screen, theme);
    if !list_area.is_empty() {
        let rules = ctx.reference.terms.rules();
        draw_table(frame, list_area, screen, (now, rules), theme);
    }
    if let Some(area) = detail_area {
        queue_item::draw(
            frame,
            area,
            screen,
            &ctx.reference.leefgebieden,
            (theme, ctx.keymap),
        );
    }
    draw_status(frame, status, ctx, screen);
    if let Some(prompt) = &screen.prompt {
        let about = screen.regie_prompt_about(ctx.reference);
        draw_prompt(
            frame,
            screen,
            prompt,
            theme,
            ctx.focused,
            &about,
            ctx.keymap,
        );
    }
}

/// The tabs with their counts; when they do not all fit, the first ones give way (an ellipsis
/// says so) so the active tab and its count stay in sight.
fn draw_tabs(frame: &mut Frame, area: Rect, screen: &QueueScreen, theme: Theme) {
    let labels: Vec<String> = screen
        .views
        .iter()
        .map(|view| tab_label(*view, &screen.counts))
        .collect();
    // Each tab is its label between spaces and a divider; one column goes before the first.
    let len = |labels: &[String]| labels.iter().map(|l| l.width() + 3).sum::<usize>() + 1;
    let mut first = 0;
    while first < screen.view && len(&labels[first..=screen.view]) > area.width as usize {
        first += 1;
    }
    let [lead, tabs] = Layout::horizontal([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    if first > 0 {
        frame.render_widget(Paragraph::new("…"), lead);
    }
    let tabs_widget = Tabs::new(labels.into_iter().skip(first))
        .select(screen.view - first)
        .highlight_style(theme.selected())
        .divider(Span::styled("│", theme.border()));
    frame.render_widget(tabs_widget, tabs);
}

/// The status line: the filter while it is typed or set, else the last message.
fn draw_status(frame: &mut Frame, area: Rect, ctx: &DrawContext, screen: &QueueScreen) {
    let theme = ctx.theme;
    let filter = screen.filter.value();
    if screen.filtering || (!filter.is_empty() && ctx.status.is_none()) {
        let label = format!(" / {}: ", text::LABEL_FILTER);
        let hint = if screen.filtering {
            format!("   {}", hint::queue_filter(ctx.keymap))
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
            let x = area.x + label.width() as u16 + screen.filter.input.visual_cursor() as u16;
            frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
        }
        return;
    }
    let status = match ctx.status {
        Some(status) => status.to_string(),
        None => waiting_offers(&screen.regie_offers)
            .or_else(|| text::plan_work_waiting(&screen.plan_work))
            .unwrap_or_default(),
    };
    frame.render_widget(
        Paragraph::new(format!(" {}", for_screen(&status))).style(theme.warning()),
        area,
    );
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
    keymap: &Keymap,
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
        let question = if prompt.confirming {
            Question::close_case()
        } else {
            Question::claim()
        };
        lines.push(Line::raw(question.text.clone()));
        lines.push(Line::styled(question.legend(keymap), theme.title()));
    }
    if let Some(message) = &prompt.message {
        lines.push(Line::raw(""));
        lines.push(Line::styled(for_screen(message), theme.error()));
    }
    if !confirm {
        lines.push(Line::raw(""));
        let hint = if prompt.picker.is_some() {
            hint::picker(keymap, prompt.kind.has_note())
        } else if prompt.choices.is_empty() {
            hint::prompt_text(keymap)
        } else {
            hint::prompt_choice(keymap, prompt.kind.has_note())
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
