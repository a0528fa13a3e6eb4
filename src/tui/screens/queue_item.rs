//! The opened wachtrij item: everything the desk recorded and what happened since, as lines
//! wrapped to the width, scrolled with PgUp/PgDn/Home/End (and ↑/↓ a line at a time) so the
//! history is reachable at 80×24.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::scrollbar::VERTICAL;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use crate::domain::Leefgebieden;
use crate::domain::hours::dutch_local;
use crate::domain::plan::PlanWork;
use crate::domain::policy::{ResidentDetails, resident_details};
use crate::domain::routing::route_label;
use crate::safe_text::for_screen;
use crate::store::QueueDetail;
use unicode_width::UnicodeWidthStr;

use super::super::hint;
use super::super::keymap::Keymap;
use super::super::queue_screen::QueueScreen;
use super::super::text;
use super::super::theme::Theme;
use super::layout::{line_of, scrollbar};

/// `text` in lines of at most `width` characters, broken between words (a word longer than
/// the width is cut into pieces), made safe to draw.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut current = String::new();
        for word in for_screen(paragraph).split_whitespace() {
            let mut word = word;
            while word.width() > width {
                if !current.is_empty() {
                    lines.push(std::mem::take(&mut current));
                }
                let (line, rest) = line_of(word, width);
                lines.push(line.to_string());
                word = rest;
            }
            let len = current.width();
            if len > 0 && len + 1 + word.width() > width {
                lines.push(std::mem::take(&mut current));
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        lines.push(current);
    }
    lines
}

/// Builds the lines of the item view, each already wrapped to `width`.
pub(super) struct Lines {
    width: usize,
    pub lines: Vec<Line<'static>>,
}

impl Lines {
    pub fn new(width: usize) -> Lines {
        Lines {
            width,
            lines: Vec::new(),
        }
    }

    pub fn push(&mut self, text: &str, style: Style) {
        for part in wrap(text, self.width) {
            self.lines.push(Line::styled(part, style));
        }
    }

    /// A heading and its text; nothing when the text is empty.
    pub fn section(&mut self, heading: &str, body: &str, theme: Theme) {
        if body.trim().is_empty() {
            return;
        }
        self.push(&format!("{heading}:"), theme.title());
        self.push(body, Style::new());
    }
}

/// Everything the professional should read, in the order they need it: who and how to reach,
/// the note, the question and how the desk saw it, the route, the advice, then what happened.
pub fn item_lines(
    (detail, work): (&QueueDetail, &[PlanWork]),
    leefgebieden: &Leefgebieden,
    width: usize,
    theme: Theme,
) -> Vec<Line<'static>> {
    let mut out = Lines::new(width);
    let item = &detail.item;
    let intake = &detail.intake;
    out.push(
        &format!("{} {} · {}", item.kind.name(), item.id, item.target_label),
        theme.title(),
    );
    out.push(
        &text::item_term(
            item.state.name(),
            item.urgentie.name(),
            item.step.name(),
            &item.due.format("%d-%m-%Y").to_string(),
            item.overdue,
        ),
        if item.overdue {
            theme.error()
        } else {
            Style::new()
        },
    );
    if let Some(case) = &detail.case {
        out.push(
            &text::case_line(case.regisseur.as_deref(), &case.team),
            Style::new(),
        );
    }
    if let Some(line) = text::reading_along(detail) {
        out.push(&line, theme.warning());
    }
    // The plan work of the household, for its regisseur: what to do about the plan, and when.
    for work in work
        .iter()
        .filter(|w| Some(w.household_id) == item.household_id)
    {
        let style = if work.overdue {
            theme.error()
        } else {
            theme.warning()
        };
        out.push(&text::plan_work_line(work), style);
    }
    if let Some(wmo) = item.wmo_due {
        out.push(
            &format!("{} {}", text::WMO_TERM, wmo.format("%d-%m-%Y")),
            theme.warning(),
        );
    }
    if let Some(at) = item.appointment_at {
        out.push(
            &text::appointment_on(&at.format("%d-%m-%Y %H:%M").to_string()),
            Style::new(),
        );
    }

    out.section(text::DETAIL_NOTE, &detail.note, theme);
    let r = &intake.resident;
    let details = resident_details(detail.grant, intake.consent.given());
    let mut who: Vec<String> = [&r.name, &r.phone, &r.email]
        .into_iter()
        .filter(|v| !v.trim().is_empty())
        .cloned()
        .collect();
    if !r.on_behalf_of.trim().is_empty() {
        who.push(text::on_behalf_of(&r.on_behalf_of));
    }
    if details == ResidentDetails::Full {
        let address = format!("{} {}", r.postcode, r.house_number);
        if !address.trim().is_empty() {
            who.push(address.trim().to_string());
        }
        if !r.birth_year.trim().is_empty() {
            who.push(text::born_in(&r.birth_year));
        }
    }
    out.push(&format!("{}:", text::DETAIL_RESIDENT), theme.title());
    out.push(&who.join(" · "), Style::new());
    if details == ResidentDetails::Contact {
        out.push(text::NO_CONSENT, theme.muted());
    }

    out.section(text::DETAIL_QUESTION, &intake.question, theme);
    let domains: Vec<String> = intake
        .leefgebieden
        .iter()
        .enumerate()
        .map(|(i, code)| format!("{}. {}", i + 1, leefgebieden.name_of(code)))
        .collect();
    out.push(
        &format!(
            "{}: {} · {}: {}",
            text::DETAIL_DOMAINS,
            domains.join(", "),
            text::DETAIL_COMPLEXITY,
            intake.complexiteit.name()
        ),
        Style::new(),
    );
    let signs = text::signal_names(&intake.signalen);
    if !signs.is_empty() {
        out.push(
            &format!("{}: {}", text::DETAIL_SIGNS, signs.join(", ")),
            theme.warning(),
        );
    }

    out.push(&format!("{}:", text::DETAIL_ROUTE), theme.title());
    let advised = route_label(&detail.suggested_route, leefgebieden);
    out.push(
        &text::route_advised(&advised, &detail.suggestion_why),
        Style::new(),
    );
    if let Some(chosen) = intake
        .route
        .as_ref()
        .filter(|r| **r != detail.suggested_route)
    {
        out.push(
            &text::route_chosen(&route_label(chosen, leefgebieden), &intake.route_reason),
            Style::new(),
        );
    }

    if !detail.advice.is_empty() {
        out.push(&format!("{}:", text::DETAIL_ADVICE), theme.title());
        for advice in &detail.advice {
            let line = match &advice.phone {
                Some(phone) => format!("• {} · {phone}", advice.name),
                None => format!("• {}", advice.name),
            };
            out.push(&line, Style::new());
        }
    }
    if !intake.answers.is_empty() {
        out.push(&format!("{}:", text::DETAIL_ANSWERS), theme.title());
        for answer in &intake.answers {
            let flag = if answer.is_route_relevant() {
                "⚑ "
            } else {
                ""
            };
            out.push(
                &format!(
                    "{flag}{}: {}",
                    answer.question,
                    text::answer_name(answer.answer)
                ),
                Style::new(),
            );
        }
    }

    if !detail.external.is_empty() {
        out.push(&format!("{}:", text::DETAIL_OUTSIDE), theme.title());
        for record in &detail.external {
            out.push(&text::outside_line(record), theme.warning());
        }
    }

    out.push(
        &format!(
            "{} ({}):",
            text::DETAIL_HISTORY,
            text::attempts(item.attempts)
        ),
        theme.title(),
    );
    for event in &detail.history {
        let note = if event.note.is_empty() {
            String::new()
        } else {
            format!(" — {}", event.note)
        };
        out.push(
            &format!(
                "{} {} {}{note}",
                dutch_local(event.at).format("%d-%m %H:%M"),
                event.user,
                event.action
            ),
            Style::new(),
        );
    }
    out.lines
}

/// How far the item scrolls in `area` (the lines past the last that fit), and its page.
pub fn scroll_room(
    area: Rect,
    screen: &QueueScreen,
    leefgebieden: &Leefgebieden,
) -> (usize, usize) {
    let Some(detail) = &screen.detail else {
        return (0, 1);
    };
    let shown = (detail, screen.plan_work.as_slice());
    room(area, |width| {
        item_lines(shown, leefgebieden, width, Theme { color: false })
    })
}

/// How far lines made for the inner width of the bordered `area` scroll past the last that
/// fits, and a page of them.
pub(super) fn room(area: Rect, lines: impl FnOnce(usize) -> Vec<Line<'static>>) -> (usize, usize) {
    let inner = Block::bordered().inner(area);
    let height = inner.height as usize;
    (
        lines(inner.width as usize).len().saturating_sub(height),
        height.max(1),
    )
}

/// Draws lines made for the inner width of `block` over `area`, from line `scroll` as far as
/// the text allows, with a scrollbar when it scrolls.
pub(super) fn draw_scrolled(
    frame: &mut Frame,
    area: Rect,
    block: Block,
    lines: impl FnOnce(usize) -> Vec<Line<'static>>,
    scroll: usize,
) {
    let inner = block.inner(area);
    let lines = lines(inner.width as usize);
    let max = lines.len().saturating_sub(inner.height as usize);
    let offset = scroll.min(max);
    let visible: Vec<Line> = lines
        .into_iter()
        .skip(offset)
        .take(inner.height as usize)
        .collect();
    frame.render_widget(Paragraph::new(visible).block(block), area);
    scrollbar(frame, area, offset, max, VERTICAL);
}

/// Draws the item in `area`, scrolled as far as the screen asks and the text allows.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    screen: &QueueScreen,
    leefgebieden: &Leefgebieden,
    (theme, keymap): (Theme, &Keymap),
) {
    let Some(detail) = &screen.detail else {
        return;
    };
    let block = Block::bordered()
        .border_style(theme.focus_border())
        .title_bottom(Line::styled(hint::item_scroll(keymap), theme.muted()));
    let shown = (detail, screen.plan_work.as_slice());
    let lines = |width| item_lines(shown, leefgebieden, width, theme);
    draw_scrolled(frame, area, block, lines, screen.detail_scroll);
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_breaks_between_words_and_cuts_only_overlong_words() {
        assert_eq!(wrap("een twee drie", 8), ["een twee", "drie"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("regel\ntwee", 20), ["regel", "twee"]);
    }
}
