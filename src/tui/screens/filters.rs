//! The filter popup (Ctrl-F).

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::safe_text::for_screen;
use crate::search::Catalog;

use super::super::filter_form::{FilterForm, Row};
use super::super::hint;
use super::super::keymap::Keymap;
use super::super::text;
use super::super::theme::Theme;
use super::layout::{centered, popup_block};

fn check(on: bool) -> &'static str {
    if on { "[x]" } else { "[ ]" }
}

pub fn draw(
    frame: &mut Frame,
    catalog: &Catalog,
    form: &FilterForm,
    (theme, keymap): (Theme, &Keymap),
) {
    let rows = form.rows();
    let area = centered(frame.area(), 64, rows.len() as u16 + 5);
    frame.render_widget(Clear, area);
    let mut lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let content = match *row {
                Row::Leefgebied(n) => format!(
                    "{} {}",
                    check(form.leefgebieden[n]),
                    catalog.leefgebieden.name_of(&form.leefgebied_codes[n])
                ),
                Row::Wijk => format!(
                    "{}: ‹ {} ›",
                    text::FILTER_WIJK,
                    form.wijk
                        .map_or(text::FILTER_ANY, |w| form.wijken[w].as_str())
                ),
                Row::Laag => format!(
                    "{}: ‹ {} ›",
                    text::FILTER_LAAG,
                    form.laag.map_or(text::FILTER_ANY, |l| l.name())
                ),
                Row::Age => format!(
                    "{}: {}",
                    text::FILTER_AGE,
                    if form.age.is_empty() {
                        text::FILTER_ANY
                    } else {
                        form.age.as_str()
                    }
                ),
                Row::Free => format!("{} {}", check(form.free), text::FILTER_FREE),
                Row::NoReferral => {
                    format!("{} {}", check(form.no_referral), text::FILTER_NO_REFERRAL)
                }
                Row::OpenNow => format!("{} {}", check(form.open_now), text::FILTER_OPEN_NOW),
            };
            if i == form.cursor {
                Line::styled(format!("▶ {}", for_screen(&content)), theme.selected())
            } else {
                Line::raw(format!("  {}", for_screen(&content)))
            }
        })
        .collect();
    lines.push(Line::styled(hint::filters(keymap), theme.muted()));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(popup_block(theme, text::FILTER_TITLE)),
        area,
    );
}
