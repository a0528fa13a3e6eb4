//! The intake screen (F3): the form as a list of rows, the live route advice, the acute banner.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::domain::intake::{Gevaar, Urgentie};
use crate::domain::routing::route_label;
use crate::domain::routing::table::RoutingTable;
use crate::domain::validation;
use crate::safe_text::for_screen;
use crate::search::Catalog;

use super::super::hint;
use super::super::intake_form::{IntakeForm, Row, Sign, Text};
use super::super::intake_screen::Advice;
use super::super::screen::DrawContext;
use super::super::text;
use super::super::theme::Theme;
use super::layout::{self, truncate, wrap};
use super::questions;

const LABEL_WIDTH: usize = 20;
/// From this width the gesprekshulp panel stands next to the form.
const PANEL_MIN_WIDTH: u16 = 120;

fn label(row: Row, previous: Option<Row>) -> &'static str {
    let first_of_group = |same: fn(Row) -> bool| previous.is_none_or(|p| !same(p));
    match row {
        Row::Kanaal => "Kanaal",
        Row::Melder => "Melder",
        Row::Gevaar => "Nu direct gevaar?",
        Row::Called112 | Row::CalledVeiligThuis if previous == Some(Row::Gevaar) => "Gebeld",
        Row::DigitalApplication => "Digitale aanvraag",
        Row::Text(t) => match t {
            Text::SignaalVan => "Signaal van",
            Text::Name => "Naam",
            Text::Phone => "Telefoon",
            Text::Email => "E-mail",
            Text::Postcode => "Postcode",
            Text::HouseNumber => "Huisnummer",
            Text::BirthYear => "Geboortejaar",
            Text::OnBehalfOf => "Belt namens",
            Text::Question => "Vraag",
            Text::DangerReason => "Waarom geen gevaar",
            Text::RouteReason => "Reden andere route",
            Text::OwnTrackReason => "Reden eigen traject",
            Text::HandoverNote => "Overdrachtsnotitie",
        },
        Row::Household => "Huishouden",
        Row::Leefgebied(_) if first_of_group(|r| matches!(r, Row::Leefgebied(_))) => "Leefgebieden",
        Row::Sign(_) if first_of_group(|r| matches!(r, Row::Sign(_))) => "Signalen",
        Row::Advice(_) | Row::AddAdvice if first_of_group(|r| matches!(r, Row::Advice(_))) => {
            "Advies"
        }
        Row::Complexiteit => "Complexiteit",
        Row::Route => "Route",
        Row::Urgentie => "Urgentie",
        Row::Consent => "Toestemming delen",
        _ => "",
    }
}

fn check(on: bool) -> &'static str {
    if on { "[x]" } else { "[ ]" }
}

fn sign_name(sign: Sign) -> &'static str {
    match sign {
        Sign::Acute => "acute onveiligheid",
        Sign::VeelGeprobeerd => "veel al geprobeerd",
        Sign::Overlast => "overlast",
        Sign::Huisuitzetting => "dreigende huisuitzetting",
        Sign::Dakloos => "dakloos",
        Sign::NaDetentie => "na detentie",
        Sign::Zorgmijding => "vraagt zelf geen hulp (zorgmijding)",
    }
}

/// The value column of a row, raw: [`truncate`] and [`wrap`] make it safe to draw.
fn value(
    row: Row,
    form: &IntakeForm,
    catalog: Option<&Catalog>,
    advice: &Advice,
    routing: &RoutingTable,
) -> String {
    let intake = &form.intake;
    let leefgebieden = &form.offered;
    match row {
        Row::Kanaal => format!("‹ {} ›", intake.kanaal.name()),
        Row::Melder => format!("‹ {} ›", intake.melder.name()),
        Row::Gevaar => format!("‹ {} ›", text::gevaar_name(intake.danger.answer)),
        Row::Called112 => format!("{} {}", check(intake.danger.called_112), text::CALLED_112),
        Row::CalledVeiligThuis => format!(
            "{} {}",
            check(intake.danger.called_veilig_thuis),
            text::CALLED_VEILIG_THUIS
        ),
        Row::DigitalApplication => format!(
            "{} {}",
            check(intake.digital_application),
            text::DIGITAL_APPLICATION
        ),
        Row::Text(Text::Postcode) => {
            let postcode = &intake.resident.postcode;
            match &advice.wijk {
                Some(wijk) => format!("{postcode}  → wijk {wijk}"),
                None if validation::postcode(postcode).is_ok() => {
                    format!("{postcode}  → {}", text::POSTCODE_OUTSIDE)
                }
                None => postcode.clone(),
            }
        }
        Row::Text(t) => IntakeForm::text(intake, t).to_string(),
        Row::Household => match (&intake.household_id, &form.household_label) {
            (Some(_), Some(label)) => label.clone(),
            (Some(id), None) => format!("huishouden {id}"),
            (None, _) => match &form.household_hint {
                Some((_, found)) => text::households_known(*found),
                None => text::HOUSEHOLD_NEW.to_string(),
            },
        },
        Row::Leefgebied(i) => {
            let code = &form.offered.all()[i].code;
            let mark = match intake.leefgebieden.iter().position(|c| c == code) {
                Some(p) => format!("[{}]", p + 1),
                None => "[ ]".to_string(),
            };
            let hint = if form.suggested.contains(code) && !intake.leefgebieden.contains(code) {
                format!("  {}", text::SUGGESTED_MARK)
            } else {
                String::new()
            };
            format!("{mark} {}{hint}", leefgebieden.name_of(code))
        }
        Row::Complexiteit => format!("‹ {} ›", intake.complexiteit.name()),
        Row::Sign(sign) => format!(
            "{} {}",
            check(sign.is_set(intake.signalen)),
            sign_name(sign)
        ),
        Row::Advice(i) => {
            let id = &intake.advice[i];
            let service = catalog.and_then(|c| c.index.line_of(id));
            match service {
                Some(s) => format!("• {} ({})", s.name, s.laag.map_or("", text::laag_short)),
                None => format!("• {id}"),
            }
        }
        Row::AddAdvice => text::ADD_ADVICE.to_string(),
        Row::Route => match &intake.route {
            None => format!(
                "‹ {}: {} ›",
                form.follow_label(),
                routing.route_line(&advice.suggestion.route, leefgebieden)
            ),
            Some(route) => format!("‹ {} ›", routing.route_line(route, leefgebieden)),
        },
        Row::Urgentie if advice.suggestion.spoed => text::URGENCY_FORCED.to_string(),
        Row::Urgentie => format!("‹ {} ›", intake.urgentie.name()),
        Row::Consent => format!("‹ {} ›", intake.consent.name()),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, form: &IntakeForm, advice: &Advice, ctx: &DrawContext) {
    let theme = ctx.theme;
    let catalog = ctx.catalog;
    let banner_text = banner(form, advice);
    let banner_height = match &banner_text {
        Some(banner) => wrap(banner, area.width as usize, 4).len() as u16,
        None => 0,
    };
    let status_lines = layout::status_height(Some(&status_text(form, ctx, area.width)), area.width);
    let [banner, advice_area, rows_area, status] = Layout::vertical([
        Constraint::Length(banner_height),
        Constraint::Length(2),
        Constraint::Min(0),
        Constraint::Length(status_lines),
    ])
    .areas(area);
    if let Some(banner_text) = banner_text {
        frame.render_widget(
            Paragraph::new(banner_text)
                .wrap(Wrap { trim: true })
                .style(theme.error()),
            banner,
        );
    }
    let advice_line = Line::from(vec![
        Span::styled(format!(" {}: ", advice_title(advice)), theme.title()),
        Span::raw(for_screen(&advice.suggestion.why)),
    ]);
    frame.render_widget(
        Paragraph::new(advice_line).wrap(Wrap { trim: true }),
        advice_area,
    );

    // The gesprekshulp sits next to the form when there is room; at 80 columns it takes the
    // form's place while it has the focus.
    let sets = ctx.questions;
    let chosen = sets.for_intake(&form.intake.leefgebieden);
    let kept: Vec<String> = advice
        .kept_answers
        .iter()
        .map(|a| a.question_id.clone())
        .collect();
    let rows_area = if area.width >= PANEL_MIN_WIDTH {
        let [rows, panel] =
            Layout::horizontal([Constraint::Percentage(58), Constraint::Min(0)]).areas(rows_area);
        questions::draw(
            frame,
            panel,
            (theme, ctx.keymap),
            &chosen,
            &form.intake.answers,
            &form.panel,
            &kept,
        );
        rows
    } else if form.panel.focused {
        questions::draw(
            frame,
            rows_area,
            (theme, ctx.keymap),
            &chosen,
            &form.intake.answers,
            &form.panel,
            &kept,
        );
        draw_status(frame, status, form, ctx, urgent(form, advice));
        return;
    } else {
        rows_area
    };
    let block = Block::bordered()
        .border_style(theme.border())
        .title(Line::styled(
            format!(" {} ", for_screen(&form_title(form))),
            theme.title(),
        ));
    let inner = block.inner(rows_area);
    frame.render_widget(block, rows_area);
    let width = inner.width as usize;
    let value_width = width.saturating_sub(LABEL_WIDTH + 2);
    let rows = form.rows();
    let mut lines: Vec<Line> = Vec::new();
    let mut focus_line = 0;
    let mut cursor = None;
    for (i, &row) in rows.iter().enumerate() {
        let focused = i == form.cursor;
        if focused {
            focus_line = lines.len();
        }
        let marker = if focused { "▶ " } else { "  " };
        let label_text = format!(
            "{marker}{:<w$}",
            label(row, i.checked_sub(1).map(|p| rows[p])),
            w = LABEL_WIDTH
        );
        let mut shown = value(row, form, catalog, advice, &ctx.reference.routing);
        // The resident's own words and the handover note are read whole, not cut off; while
        // typed too, so the desk sees the whole story it is writing.
        let long_text = matches!(row, Row::Text(Text::Question | Text::HandoverNote));
        let style = if focused {
            theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        if focused && long_text {
            let (parts, (line, column)) = wrap_at_cursor(
                form.editor.value(),
                form.editor.input.cursor(),
                value_width.max(1),
            );
            let mut parts = parts.into_iter();
            lines.push(Line::from(vec![
                Span::styled(label_text, theme.title()),
                Span::styled(parts.next().unwrap_or_default(), style),
            ]));
            lines.extend(parts.map(|part| {
                Line::from(vec![
                    Span::raw(format!("{:w$}", "", w = LABEL_WIDTH + 2)),
                    Span::styled(part, style),
                ])
            }));
            cursor = Some((focus_line + line, LABEL_WIDTH + 2 + column));
            let typed_end = lines.len();
            push_errors(&mut lines, row, form, width, theme);
            // The line typed on stays in sight, and so do the row's messages under it.
            focus_line = if lines.len() > typed_end {
                lines.len() - 1
            } else {
                focus_line + line
            };
            continue;
        }
        if focused && row.is_text() {
            let scroll = form.editor.input.visual_scroll(value_width.max(1));
            shown = form.editor.value().chars().skip(scroll).collect();
            cursor = Some((
                lines.len(),
                LABEL_WIDTH + 2 + form.editor.input.visual_cursor() - scroll,
            ));
        }
        let mut parts = if long_text {
            wrap(&shown, value_width, 4)
        } else {
            vec![truncate(&shown, value_width)]
        }
        .into_iter();
        lines.push(Line::from(vec![
            Span::styled(label_text, theme.title()),
            Span::styled(parts.next().unwrap_or_default(), style),
        ]));
        lines.extend(parts.map(|part| Line::raw(format!("{:w$}{part}", "", w = LABEL_WIDTH + 2))));
        if row == Row::Household {
            let regie = form
                .regie
                .iter()
                .map(|r| text::regie_line(&r.team, r.regisseur.as_deref(), r.reach.as_deref()));
            // Wrapped, not cut: how to reach the regisseur's team is at the end of the line.
            let notes = form.open_tracks.iter().cloned().chain(regie);
            lines.extend(notes.flat_map(|t| wrap(&t, value_width, 3)).map(|part| {
                Line::styled(
                    format!("{:w$}{part}", "", w = LABEL_WIDTH + 2),
                    theme.warning(),
                )
            }));
        }
        push_errors(&mut lines, row, form, width, theme);
        if row == Row::Consent {
            lines.extend(
                wrap(text::CONSENT_MEANS, value_width, 2)
                    .into_iter()
                    .map(|part| {
                        Line::styled(
                            format!("{:w$}{part}", "", w = LABEL_WIDTH + 2),
                            theme.muted(),
                        )
                    }),
            );
        }
        // The focused row's messages stay in sight with it.
        if focused {
            focus_line = lines.len() - 1;
        }
    }
    layout::draw_rows(
        frame,
        inner,
        lines,
        focus_line,
        cursor.filter(|_| ctx.focused),
    );
    draw_status(frame, status, form, ctx, urgent(form, advice));
}

/// The messages of the last save under the row they belong to, wrapped to `width`.
fn push_errors(lines: &mut Vec<Line>, row: Row, form: &IntakeForm, width: usize, theme: Theme) {
    for error in form.errors.iter().filter(|e| row.shows(e.field)) {
        lines.extend(
            layout::error_lines(&error.message, LABEL_WIDTH + 2, width)
                .into_iter()
                .map(|l| Line::styled(l, theme.error())),
        );
    }
}

/// `text` being typed in lines of at most `width` chars, broken after a space where one is
/// near, and where the cursor (a char index) stands in them: (line, column).
fn wrap_at_cursor(text: &str, cursor: usize, width: usize) -> (Vec<String>, (usize, usize)) {
    let chars: Vec<char> = text.chars().collect();
    let mut starts = vec![0];
    let mut start = 0;
    while chars.len() - start > width {
        let end = start + width;
        // Break after the last space of the line, unless that leaves it nearly empty.
        let cut = (start + width / 2..end)
            .rev()
            .find(|&i| chars[i] == ' ')
            .map_or(end, |i| i + 1);
        starts.push(cut);
        start = cut;
    }
    let line = starts.iter().rposition(|&s| s <= cursor).unwrap_or(0);
    let column = (cursor - starts[line]).min(width);
    let parts = starts
        .iter()
        .enumerate()
        .map(|(i, &from)| {
            let to = starts.get(i + 1).copied().unwrap_or(chars.len());
            for_screen(&chars[from..to].iter().collect::<String>()).into_owned()
        })
        .collect();
    (parts, (line, column))
}

/// "Intake", "Intake 12 (verbeteren)", or with the contact's earlier questions and their routes.
fn form_title(form: &IntakeForm) -> String {
    if let Some(id) = form.editing {
        return format!("{} {id} (verbeteren)", text::INTAKE_TITLE);
    }
    if form.earlier.is_empty() {
        return text::INTAKE_TITLE.to_string();
    }
    let routes: Vec<String> = form
        .earlier
        .iter()
        .map(|q| route_label(q.intake.effective_route(&q.suggestion), &form.offered))
        .collect();
    text::contact_title(form.earlier.len() + 1, &routes.join(", "))
}

/// The acute banner while the advice is spoed, asking "Is er nu direct gevaar?" while danger
/// words wait for the desk's answer.
fn banner(form: &IntakeForm, advice: &Advice) -> Option<String> {
    if !advice.suggestion.spoed {
        return None;
    }
    let unanswered = advice.danger_found && form.intake.danger.answer == Gevaar::NietGevraagd;
    Some(if unanswered {
        format!("{} · {}", text::ACUTE_BANNER, text::DANGER_ASK)
    } else {
        text::ACUTE_BANNER.to_string()
    })
}

fn advice_title(advice: &Advice) -> &'static str {
    if advice.for_contact {
        text::ROUTE_ADVICE_CONTACT
    } else {
        text::ROUTE_ADVICE
    }
}

fn urgent(form: &IntakeForm, advice: &Advice) -> bool {
    form.intake.urgentie == Urgentie::Spoed || advice.suggestion.spoed
}

/// The status text: the last message, else (at 80 columns) how to reach the gesprekshulp.
fn status_text(form: &IntakeForm, ctx: &DrawContext, width: u16) -> String {
    let narrow = width < PANEL_MIN_WIDTH;
    let in_panel = form.panel.focused;
    match (ctx.status, narrow, in_panel) {
        (Some(status), _, _) => status.to_string(),
        (None, _, true) => hint::questions_back(ctx.keymap),
        (None, true, false) => text::QUESTIONS_HINT.to_string(),
        (None, false, false) => String::new(),
    }
}

/// The status line, over two lines when the message is long.
fn draw_status(frame: &mut Frame, area: Rect, form: &IntakeForm, ctx: &DrawContext, urgent: bool) {
    let theme = ctx.theme;
    let style = if urgent {
        theme.warning()
    } else {
        theme.muted()
    };
    layout::status(frame, area, &status_text(form, ctx, area.width), style);
}
