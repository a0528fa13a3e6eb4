//! The gesprekshulp panel: the questions per leefgebied and for eigen kracht, each with its
//! answer; the ones that count for the route are marked ⚑ before they are answered, and a
//! "ja" on them is what the intake keeps.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use crate::domain::gesprekshulp::{Answer, GivenAnswer, QuestionSet};
use crate::safe_text::for_screen;

use super::super::hint;
use super::super::keymap::Keymap;
use super::super::question_panel::{PanelLine, QuestionPanel, answer_of, lines, question_id};
use super::super::text;
use super::super::theme::Theme;
use super::layout::{truncate, wrap};

fn answer_mark(answer: Option<&GivenAnswer>) -> &'static str {
    match answer.map(|a| a.answer) {
        None => "[   ]",
        Some(Answer::Ja) => "[ja ]",
        Some(Answer::Nee) => "[nee]",
        Some(Answer::WeetNiet) => "[ ? ]",
        Some(Answer::Overgeslagen) => "[ - ]",
    }
}

/// Lines enough for any question of the sets at any width the panel gets.
const QUESTION_LINES: usize = 8;

/// Draws the panel in `area`, every question whole (wrapped under its mark). `kept` are the
/// question ids whose answers are saved with the intake: a "ja" on a question marked ⚑.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    (theme, keymap): (Theme, &Keymap),
    sets: &[&QuestionSet],
    answers: &[GivenAnswer],
    panel: &QuestionPanel,
    kept: &[String],
) {
    let border = if panel.focused {
        theme.focus_border()
    } else {
        theme.border()
    };
    let block = Block::bordered().border_style(border).title(Line::styled(
        format!(" {} ", text::QUESTIONS_TITLE),
        theme.title(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    // The keys and what is kept come first, so they are always in sight: the volunteer says
    // so to the resident.
    let mut shown: Vec<Line> = [hint::answers(keymap), text::questions_kept(kept.len())]
        .into_iter()
        .flat_map(|t| wrap(&t, width, 3))
        .map(|l| Line::styled(l, theme.muted()))
        .collect();
    let mut question_index = 0;
    let mut cursor_lines = (0, 0);
    // The marker, the answer and the ⚑ column before the question.
    let indent = 8;
    for line in lines(sets) {
        match line {
            PanelLine::Title(set) => shown.push(Line::styled(
                truncate(&for_screen(&set.title), width),
                theme.title(),
            )),
            PanelLine::Question(set, question) => {
                let id = question_id(set, question);
                let selected = panel.focused && question_index == panel.cursor;
                let marker = if selected { "▶" } else { " " };
                let flag = if question.is_route_relevant() {
                    "⚑ "
                } else {
                    "  "
                };
                let style = if selected {
                    theme.selected()
                } else if kept.contains(&id) {
                    theme.warning()
                } else {
                    Style::new()
                };
                let head = format!("{marker}{}{flag}", answer_mark(answer_of(answers, &id)));
                let first = shown.len();
                let parts = wrap(&question.text, width.saturating_sub(indent), QUESTION_LINES);
                for (n, part) in parts.into_iter().enumerate() {
                    let lead = if n == 0 {
                        head.clone()
                    } else {
                        " ".repeat(indent)
                    };
                    shown.push(Line::styled(format!("{lead}{part}"), style));
                }
                if selected {
                    cursor_lines = (first, shown.len() - 1);
                }
                question_index += 1;
            }
        }
    }
    if sets.is_empty() {
        shown.extend(
            wrap(text::QUESTIONS_NONE, width, 4)
                .into_iter()
                .map(|l| Line::styled(l, theme.muted())),
        );
    }
    // The whole selected question in sight, with a line of what follows below it.
    let height = inner.height as usize;
    let (first, last) = cursor_lines;
    let offset = (last + 2).saturating_sub(height).min(first);
    frame.render_widget(Paragraph::new(shown).scroll((offset as u16, 0)), inner);
}
