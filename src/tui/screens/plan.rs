//! The plan screen: the household's plan van aanpak in its six parts, the arrangement per
//! layer of the kantelingspiramide, the akkoord, the beschikking tasks, the evaluations and the
//! gesprekken, as lines wrapped to the width and scrolled like the wachtrij item. The selected
//! arrangement line is marked, and under each line of an agreed plan stands its warme
//! overdracht.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Block;

use crate::domain::hours::dutch_local;
use crate::domain::plan::{CONTRIBUTION_NEVER_A_CONDITION, Deliverer, PlanStatus, plan_layer_name};
use crate::domain::{Leefgebieden, ReferenceData};
use crate::store::PlanView;

use super::super::hint;
use super::super::plan_screen::PlanScreen;
use super::super::screen::DrawContext;
use super::super::text;
use super::super::theme::Theme;
use super::queue_item::{Lines, draw_scrolled, room};

/// The rows of the selected arrangement line: its first, and the one after its last.
type Selected = Option<(usize, usize)>;

/// The plan's version `version` with what the plan holds besides; returns where the
/// arrangement line `selected` is.
fn plan_lines(
    out: &mut Lines,
    plan: &PlanView,
    (version, selected): (usize, Option<u32>),
    names: &Leefgebieden,
    theme: Theme,
) -> Selected {
    let mut at = None;
    let shown = &plan.versions[version.min(plan.versions.len() - 1)];
    let content = &shown.content;
    out.push(&text::plan_head(plan), theme.title());
    out.push(&text::regisseur_line(plan), Style::new());
    let made_on = dutch_local(shown.made_at).date();
    out.push(
        &text::version_line(shown, plan.versions.len(), made_on),
        Style::new(),
    );
    let answer_style = match shown.answer {
        Some(crate::domain::plan::Answer::Akkoord { .. }) => Style::new(),
        _ => theme.warning(),
    };
    out.push(&text::answer_line(shown.answer.as_ref()), answer_style);
    if plan.closed_at.is_none() {
        out.push(&text::next_evaluation(plan.evaluation_on), Style::new());
    }

    out.push(&format!("{}:", text::PLAN_RESULTS), theme.title());
    for result in &content.results {
        let name = names.name_of(&result.leefgebied);
        out.push(
            &format!("• {name}: \u{201c}{}\u{201d}", result.words),
            Style::new(),
        );
        if let Some(score) = result.score {
            out.push(&text::score_line(score), theme.muted());
        }
    }
    out.push(&format!("{}:", text::PLAN_TIJDPAD), theme.title());
    for step in &content.tijdpad {
        out.push(
            &format!("• {} {}", text::day(step.by), step.what),
            Style::new(),
        );
    }
    out.push(&format!("{}:", text::PLAN_ARRANGEMENT), theme.title());
    // A closed plan waits for no handover any more.
    let handing_over = plan.agreed().is_some() && plan.status != PlanStatus::Afgesloten;
    for (laag, lines) in content.per_layer() {
        out.push(&format!("  {}", plan_layer_name(laag)), theme.muted());
        for line in lines {
            let free = if line.freely_accessible {
                format!(" · {}", text::FREELY_ACCESSIBLE)
            } else {
                String::new()
            };
            let chosen = selected == Some(line.id);
            let (mark, style) = match chosen {
                true => ("▶ ", theme.selected()),
                false => ("• ", Style::new()),
            };
            let first = out.lines.len();
            out.push(
                &format!(
                    "{mark}{} — {}, vanaf {}{free}",
                    line.what,
                    line.deliverer.label(),
                    text::day(line.from)
                ),
                style,
            );
            match plan.handover(line.id) {
                Some(record) => out.push(
                    &format!("↳ {}", text::handover_line(&record.handover)),
                    theme.muted(),
                ),
                None if handing_over && line.deliverer != Deliverer::Inwoner => {
                    out.push(&format!("↳ {}", text::NOT_HANDED_OVER), theme.muted())
                }
                None => {}
            }
            if chosen {
                at = Some((first, out.lines.len()));
            }
        }
    }
    out.push(&format!("{}:", text::PLAN_CONTRIBUTION), theme.title());
    match &content.contribution {
        Some(contribution) => {
            out.push(contribution, Style::new());
            out.push(CONTRIBUTION_NEVER_A_CONDITION, theme.warning());
        }
        None => out.push(text::NOT_APPLICABLE, theme.muted()),
    }
    out.push(&format!("{}:", text::PLAN_AFSPRAKEN), theme.title());
    if content.afspraken.is_empty() {
        out.push(text::NONE_YET, theme.muted());
    }
    for afspraak in &content.afspraken {
        out.push(
            &format!(
                "• {}: {} — uiterlijk {}",
                afspraak.who.label(),
                afspraak.what,
                text::day(afspraak.by)
            ),
            Style::new(),
        );
    }
    out.push(&format!("{}:", text::PLAN_FOLLOW_UP), theme.title());
    let follow = &content.follow_up;
    if !follow.duration.trim().is_empty() {
        out.push(&format!("Duur: {}", follow.duration), Style::new());
    }
    out.push(&format!("Opvolging: {}", follow.how), Style::new());
    out.push(
        &format!("Evaluatie op {}", text::day(follow.evaluation_on)),
        Style::new(),
    );

    out.push(&format!("{}:", text::PLAN_TASKS), theme.title());
    if plan.tasks.is_empty() {
        out.push(text::NONE_YET, theme.muted());
    }
    for task in &plan.tasks {
        let style = if task.decision.is_none() {
            theme.warning()
        } else {
            Style::new()
        };
        out.push(&text::task_line(task), style);
    }
    if !plan.evaluations.is_empty() {
        out.push(&format!("{}:", text::PLAN_EVALUATIONS), theme.title());
        for record in &plan.evaluations {
            out.push(
                &text::evaluation_line(&record.evaluation, &record.made_by, names),
                Style::new(),
            );
        }
    }
    at
}

/// Everything the screen shows, wrapped to `width`, and where the selected line is.
fn lines(
    screen: &PlanScreen,
    reference: &ReferenceData,
    width: usize,
    theme: Theme,
) -> (Vec<Line<'static>>, Selected) {
    let mut out = Lines::new(width);
    if let Some(refusal) = &screen.refusal {
        out.push(refusal, theme.error());
        return (out.lines, None);
    }
    let selected = match &screen.plan {
        Some(plan) => plan_lines(
            &mut out,
            plan,
            (screen.version, screen.selected_line),
            &reference.leefgebieden,
            theme,
        ),
        None => {
            out.push(text::NO_PLAN_YET, theme.muted());
            None
        }
    };
    out.push(&format!("{}:", text::PLAN_GESPREKKEN), theme.title());
    if screen.gesprekken.is_empty() {
        out.push(text::NONE_YET, theme.muted());
    }
    for record in &screen.gesprekken {
        out.push(
            &text::gesprek_line(&record.gesprek, &record.made_by),
            Style::new(),
        );
        if !record.gesprek.note.trim().is_empty() {
            out.push(&format!("  {}", record.gesprek.note), theme.muted());
        }
    }
    (out.lines, selected)
}

/// The plan and the status line under it.
fn areas(area: Rect, status: Option<&str>) -> [Rect; 2] {
    let status_lines = super::layout::status_height(status, area.width);
    Layout::vertical([Constraint::Min(0), Constraint::Length(status_lines)]).areas(area)
}

/// How far the plan scrolls in the screen's `area` (the lines past the last that fit), and its
/// page.
pub fn scroll_room(area: Rect, screen: &PlanScreen, reference: &ReferenceData) -> (usize, usize) {
    let [body, _] = areas(area, None);
    room(body, |width| {
        lines(screen, reference, width, Theme { color: false }).0
    })
}

/// The scroll that brings the selected arrangement line (and its overdracht) into view,
/// moving the plan as little as it can.
pub fn scroll_to_line(area: Rect, screen: &PlanScreen, reference: &ReferenceData) -> usize {
    let [body, _] = areas(area, None);
    let inner = Block::bordered().inner(body);
    let height = (inner.height as usize).max(1);
    let (all, selected) = lines(
        screen,
        reference,
        inner.width as usize,
        Theme { color: false },
    );
    let max = all.len().saturating_sub(height);
    let scroll = screen.scroll.min(max);
    match selected {
        Some((first, _)) if first < scroll => first,
        Some((_, end)) if end > scroll + height => end.saturating_sub(height).min(max),
        _ => scroll,
    }
}

pub fn draw(frame: &mut Frame, area: Rect, screen: &PlanScreen, ctx: &DrawContext) {
    let theme = ctx.theme;
    if let Some(editor) = &screen.editor {
        return super::plan_editor::draw(frame, area, editor, ctx);
    }
    let [body, status] = areas(area, ctx.status);
    let block = Block::bordered()
        .border_style(theme.focus_border())
        .title(Line::styled(
            format!(" {} ", text::PLAN_TITLE),
            theme.title(),
        ))
        .title_bottom(Line::styled(
            hint::plan_keys(ctx.keymap, screen.plan.as_ref()),
            theme.muted(),
        ));
    let all = |width| lines(screen, ctx.reference, width, theme).0;
    draw_scrolled(frame, body, block, all, screen.scroll);
    super::layout::status(frame, status, ctx.status.unwrap_or_default(), theme.muted());
    if let Some(form) = &screen.handover {
        let intro = form.intro(&hint::choose_keys(ctx.keymap));
        let title = text::HANDOVER_TITLE;
        let (form, focused) = (&form.form, ctx.focused);
        super::forms::draw_form(frame, body, theme, title, &intro, form, focused);
    }
    if let Some(form) = &screen.form {
        let intro = form.intro(&hint::choose_keys(ctx.keymap));
        super::forms::draw_form(
            frame,
            body,
            theme,
            form.title(),
            &intro,
            &form.form,
            ctx.focused,
        );
    }
    if let Some(pick) = &screen.task_pick {
        let picker = &pick.picker;
        let shown: Vec<String> = picker
            .shown
            .iter()
            .map(|&i| picker.options[i].clone())
            .collect();
        let title = text::TASK_PICK_TITLE;
        super::lists::pick(frame, theme, title, &picker.filter, &shown, picker.selected);
    }
}
