//! Reading the editor's rows back as a plan's content: dates parsed, the layer and score chosen,
//! the deliverer from the kaart pick or "Naam (relatie)", the party of an afspraak.

use chrono::NaiveDate;

use crate::domain::Laag;
use crate::domain::dates::{Toward, parse_date};
use crate::domain::plan::{
    Afspraak, ArrangementLine, Deliverer, FollowUp, Milestone, Party, PlanContent, PlanResult,
};

use super::super::plan_form::{chosen, score_chosen};
use super::super::text::{self, capitalized};
use super::{PlanEditor, Row, RowKind};

impl PlanEditor {
    /// The content typed, or why it cannot be: the message and the row to fix.
    pub fn content(&self, today: NaiveDate) -> Result<PlanContent, (String, usize)> {
        let mut content = PlanContent {
            results: Vec::new(),
            tijdpad: Vec::new(),
            arrangement: Vec::new(),
            contribution: None,
            afspraken: Vec::new(),
            follow_up: FollowUp {
                duration: String::new(),
                how: String::new(),
                evaluation_on: NaiveDate::MIN,
            },
        };
        let date = |i: usize, text: &str, toward| {
            parse_date(text, today, toward).map_err(|e| (capitalized(&e.to_string()), i))
        };
        let mut i = 0;
        while i < self.rows.len() {
            let value = self.rows[i].field.value().trim();
            match &self.rows[i].kind {
                RowKind::Result(code) => {
                    let score = score_chosen(&self.rows[i + 1].field);
                    if !value.is_empty() {
                        content.results.push(PlanResult {
                            leefgebied: code.clone(),
                            words: value.to_string(),
                            score,
                        });
                    } else if score.is_some() {
                        return Err((text::SCORE_WITHOUT_RESULT.to_string(), i));
                    }
                    i += 1;
                }
                RowKind::Milestone => {
                    // "Wanneer, wat": the date ends at the comma or the first space.
                    let (when, what) = value
                        .trim()
                        .split_once(|c: char| c == ',' || c.is_whitespace())
                        .unwrap_or((value, ""));
                    content.tijdpad.push(Milestone {
                        by: date(i, when, Toward::Future)?,
                        what: what.trim_start_matches([',', ' ']).trim().to_string(),
                    });
                }
                RowKind::Laag(id) => {
                    let laag: Laag =
                        chosen(&self.rows[i].field).ok_or((text::CHOOSE_LAAG.to_string(), i))?;
                    let who = &self.rows[i + 2];
                    let deliverer = deliverer(laag, who);
                    let free = who.picked.as_ref().is_some_and(|p| p.free_access);
                    content.arrangement.push(ArrangementLine {
                        id: *id,
                        laag,
                        what: self.rows[i + 1].field.value().trim().to_string(),
                        deliverer,
                        from: date(i + 3, self.rows[i + 3].field.value(), Toward::Future)?,
                        freely_accessible: free && laag == Laag::Collectief,
                    });
                    i += 3;
                }
                RowKind::Contribution if !value.is_empty() => {
                    content.contribution = Some(value.to_string())
                }
                // An afspraak left empty is no afspraak: the editor always offers one.
                RowKind::AfspraakWho
                    if (i..i + 3).all(|r| self.rows[r].field.value().trim().is_empty()) =>
                {
                    i += 2;
                }
                RowKind::AfspraakWho => {
                    content.afspraken.push(Afspraak {
                        who: party(value),
                        what: self.rows[i + 1].field.value().trim().to_string(),
                        by: date(i + 2, self.rows[i + 2].field.value(), Toward::Future)?,
                    });
                    i += 2;
                }
                RowKind::Duration => content.follow_up.duration = value.to_string(),
                RowKind::How => content.follow_up.how = value.to_string(),
                RowKind::Evaluation if value.is_empty() => {
                    return Err((text::EVALUATION_REQUIRED.to_string(), i));
                }
                RowKind::Evaluation => {
                    content.follow_up.evaluation_on = date(i, value, Toward::Future)?
                }
                _ => {}
            }
            i += 1;
        }
        Ok(content)
    }
}

/// Who delivers a line of `laag`, from its Who row: the resident for eigen inzet, the picked
/// kaart service, or a person written "Naam (relatie)".
fn deliverer(laag: Laag, who: &Row) -> Deliverer {
    if laag == Laag::EigenKracht {
        return Deliverer::Inwoner;
    }
    if let Some(picked) = &who.picked {
        return Deliverer::Dienst {
            id: picked.id.clone(),
            name: picked.name.clone(),
        };
    }
    let typed = who.field.value().trim();
    let (name, relation) = match typed.split_once('(') {
        Some((name, rest)) => (name.trim(), rest.trim_end_matches(')').trim()),
        None => (typed, ""),
    };
    Deliverer::Persoon {
        name: name.to_string(),
        relation: relation.to_string(),
    }
}

pub(super) fn who_text(line: &ArrangementLine) -> String {
    match &line.deliverer {
        Deliverer::Inwoner => String::new(),
        other => other.label(),
    }
}

/// "inwoner", "regisseur", "netwerk: Ans", "aanbieder: De Brug"; a bare name is the network.
fn party(typed: &str) -> Party {
    let lower = typed.to_lowercase();
    match lower.as_str() {
        "inwoner" | "de inwoner" => Party::Inwoner,
        "regisseur" | "de regisseur" => Party::Regisseur,
        _ => match typed.split_once(':') {
            Some((kind, name)) if kind.trim().eq_ignore_ascii_case("aanbieder") => {
                Party::Aanbieder(name.trim().to_string())
            }
            Some((kind, name)) if kind.trim().eq_ignore_ascii_case("netwerk") => {
                Party::Netwerk(name.trim().to_string())
            }
            _ => Party::Netwerk(typed.to_string()),
        },
    }
}

pub(super) fn party_text(party: &Party) -> String {
    match party {
        Party::Inwoner => "inwoner".to_string(),
        Party::Regisseur => "regisseur".to_string(),
        Party::Netwerk(name) => format!("netwerk: {name}"),
        Party::Aanbieder(name) => format!("aanbieder: {name}"),
    }
}
