//! The gesprekshulp panel: the questions per leefgebied and for eigen kracht, each with its
//! answer, the ones that change the route marked as the only ones kept.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use crate::domain::gesprekshulp::{Answer, GivenAnswer, QuestionSet};
use crate::safe_text::for_screen;

use super::super::question_panel::{PanelLine, QuestionPanel, answer_of, lines, question_id};
use super::super::text;
use super::super::theme::Theme;
use super::layout::truncate;

fn answer_mark(answer: Option<&GivenAnswer>) -> &'static str {
    match answer.map(|a| a.answer) {
        None => "[   ]",
        Some(Answer::Ja) => "[ja ]",
        Some(Answer::Nee) => "[nee]",
        Some(Answer::WeetNiet) => "[ ? ]",
        Some(Answer::Overgeslagen) => "[ - ]",
    }
}

/// Draws the panel in `area`. `kept` are the question ids whose answers change the route: the
/// only ones saved with the intake.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    theme: Theme,
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
    // What is kept comes first, so it is always in sight: the volunteer says so to the resident.
    let mut shown: Vec<Line> = vec![Line::styled(
        truncate(&text::questions_kept(kept.len()), width),
        theme.muted(),
    )];
    let mut question_index = 0;
    let mut cursor_line = 0;
    for line in lines(sets) {
        match line {
            PanelLine::Title(set) => shown.push(Line::styled(
                truncate(&for_screen(&set.title), width),
                theme.title(),
            )),
            PanelLine::Question(set, question) => {
                let id = question_id(set, question);
                let selected = panel.focused && question_index == panel.cursor;
                if selected {
                    cursor_line = shown.len();
                }
                let marker = if selected { "▶" } else { " " };
                // Before the question, so a long question cut at the edge keeps its mark.
                let keep = if kept.contains(&id) { "⚑" } else { " " };
                let row = format!(
                    "{marker}{}{keep}{}",
                    answer_mark(answer_of(answers, &id)),
                    question.text
                );
                let style = if selected {
                    theme.selected()
                } else if keep != " " {
                    theme.warning()
                } else {
                    Style::new()
                };
                shown.push(Line::styled(truncate(&for_screen(&row), width), style));
                question_index += 1;
            }
        }
    }
    if sets.is_empty() {
        shown.push(Line::styled(text::QUESTIONS_NONE, theme.muted()));
    }
    let offset = (cursor_line + 3).saturating_sub(inner.height as usize);
    frame.render_widget(Paragraph::new(shown).scroll((offset as u16, 0)), inner);
}
