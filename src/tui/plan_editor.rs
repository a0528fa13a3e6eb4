//! The plan van aanpak being made or changed, as rows of fields in the six parts: a result and
//! an optional score (chosen, as the layer is) per leefgebied of the case, the tijdpad, the
//! arrangement lines (layer, what, who, from when; a kaart service picked with the kaart's search, or a named person),
//! the contribution, the afspraken, and how the plan is followed with its evaluation date.
//! Rows of the lists are added and removed; the content is checked by the store on saving.

use chrono::NaiveDate;

use crate::domain::Laag;
use crate::domain::dates::dutch_date;
use crate::domain::plan::{Deliverer, FollowUp, PlanContent, plan_layer_name};
use crate::search::Catalog;

mod lists;
mod read;

use lists::List;

use read::{party_text, who_text};

use super::form::TextField;
use super::plan_form::{choice_of, score_choice};
use super::text;

/// What a row of the editor holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowKind {
    /// The result on this leefgebied, in the resident's words.
    Result(String),
    Score(String),
    Milestone,
    /// The first row of an arrangement line, with the line's id (kept across versions).
    Laag(u32),
    What,
    /// Who delivers the line: a kaart service picked, or a named person.
    Who,
    From,
    Contribution,
    /// The first row of an afspraak.
    AfspraakWho,
    AfspraakWhat,
    AfspraakBy,
    Duration,
    How,
    Evaluation,
}

/// A kaart service picked as deliverer: its id and whether the resident can use it without a
/// beschikking (free, without referral).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picked {
    pub id: String,
    pub name: String,
    pub free_access: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub kind: RowKind,
    pub field: TextField,
    /// On a Who row: the kaart service, while the field still shows its name.
    pub picked: Option<Picked>,
}

fn row(kind: RowKind, label: &'static str, value: &str) -> Row {
    row_of(kind, TextField::with_value(label, 300, value))
}

fn row_of(kind: RowKind, field: TextField) -> Row {
    Row {
        kind,
        field,
        picked: None,
    }
}

#[derive(Debug)]
pub struct PlanEditor {
    /// `None` while the plan is new.
    pub plan_id: Option<i64>,
    /// The latest version was answered: saving makes a new version.
    pub makes_new_version: bool,
    pub next_version: i64,
    pub rows: Vec<Row>,
    pub focus: usize,
    pub message: Option<String>,
    /// Kaart services matching the focused Who row, best first: Enter picks the first.
    pub hits: Vec<Picked>,
    next_line: u32,
    opened_with: Vec<String>,
}

impl PlanEditor {
    /// A new plan for a case about `leefgebieden`, or a change of `content` (the latest
    /// version).
    pub fn new(
        plan: Option<(i64, &PlanContent, bool, i64)>,
        leefgebieden: &[String],
    ) -> PlanEditor {
        let mut rows = Vec::new();
        let content = plan.map(|(_, content, _, _)| content);
        for code in leefgebieden {
            let result = content.and_then(|c| c.results.iter().find(|r| &r.leefgebied == code));
            let words = result.map_or("", |r| r.words.as_str());
            rows.push(row(
                RowKind::Result(code.clone()),
                text::LABEL_RESULT,
                words,
            ));
            let score = score_choice(text::LABEL_SCORE, result.and_then(|r| r.score));
            rows.push(row_of(RowKind::Score(code.clone()), score));
        }
        let mut editor = PlanEditor {
            plan_id: plan.map(|(id, ..)| id),
            makes_new_version: plan.is_some_and(|(_, _, answered, _)| answered),
            next_version: plan.map_or(1, |(.., number)| number + 1),
            rows,
            focus: 0,
            message: None,
            hits: Vec::new(),
            next_line: content.map_or(1, PlanContent::next_line_id),
            opened_with: Vec::new(),
        };
        match content {
            Some(c) => editor.fill(c),
            None => {
                editor.add_follow_up(&FollowUp {
                    duration: String::new(),
                    how: String::new(),
                    evaluation_on: NaiveDate::MIN,
                });
                editor.add(List::Tijdpad, None);
                editor.add(List::Arrangement, None);
                editor.add(List::Afspraken, None);
            }
        }
        editor.focus = 0;
        editor.opened_with = editor.values();
        editor
    }

    fn fill(&mut self, content: &PlanContent) {
        for step in &content.tijdpad {
            let value = format!("{} {}", dutch_date(step.by), step.what);
            self.rows
                .push(row(RowKind::Milestone, text::LABEL_MILESTONE, &value));
        }
        for line in &content.arrangement {
            self.push_line(line.id, line.laag, &line.what, &dutch_date(line.from));
            let who = self.rows.len() - 2;
            self.rows[who].field = TextField::with_value(text::LABEL_WHO, 300, &who_text(line));
            if let Deliverer::Dienst { id, name } = &line.deliverer {
                self.rows[who].picked = Some(Picked {
                    id: id.clone(),
                    name: name.clone(),
                    free_access: line.freely_accessible,
                });
            }
        }
        let contribution = content.contribution.as_deref().unwrap_or("");
        self.rows.push(row(
            RowKind::Contribution,
            text::LABEL_CONTRIBUTION,
            contribution,
        ));
        if content.afspraken.is_empty() {
            self.push_afspraak("", "", "");
        }
        for afspraak in &content.afspraken {
            self.push_afspraak(
                &party_text(&afspraak.who),
                &afspraak.what,
                &dutch_date(afspraak.by),
            );
        }
        self.add_follow_up(&content.follow_up);
    }

    fn add_follow_up(&mut self, follow: &FollowUp) {
        let evaluation = if follow.evaluation_on == NaiveDate::MIN {
            String::new()
        } else {
            dutch_date(follow.evaluation_on)
        };
        if !self.rows.iter().any(|r| r.kind == RowKind::Contribution) {
            self.rows
                .push(row(RowKind::Contribution, text::LABEL_CONTRIBUTION, ""));
        }
        self.rows.push(row(
            RowKind::Duration,
            text::LABEL_DURATION,
            &follow.duration,
        ));
        self.rows
            .push(row(RowKind::How, text::LABEL_FOLLOWED, &follow.how));
        self.rows.push(row(
            RowKind::Evaluation,
            text::LABEL_EVALUATION,
            &evaluation,
        ));
    }

    fn push_line(&mut self, id: u32, laag: Laag, what: &str, from: &str) {
        let laag = choice_of(text::LABEL_LAAG, plan_layer_name, Some(laag));
        self.rows.extend([
            row_of(RowKind::Laag(id), laag),
            row(RowKind::What, text::LABEL_WHAT, what),
            row(RowKind::Who, text::LABEL_WHO, ""),
            row(RowKind::From, text::LABEL_LINE_FROM, from),
        ]);
    }

    fn push_afspraak(&mut self, who: &str, what: &str, by: &str) {
        self.rows.extend([
            row(RowKind::AfspraakWho, text::LABEL_PARTY, who),
            row(RowKind::AfspraakWhat, text::LABEL_WHAT, what),
            row(RowKind::AfspraakBy, text::LABEL_BY, by),
        ]);
    }

    fn values(&self) -> Vec<String> {
        self.rows
            .iter()
            .map(|r| r.field.value().to_string())
            .collect()
    }

    /// Whether anything differs from what the editor opened with.
    pub fn changed(&self) -> bool {
        self.values() != self.opened_with
    }

    /// After typing on a Who row: the text is a person again, and the kaart's best matches
    /// for it are offered.
    pub fn typed(&mut self, catalog: Option<&Catalog>) {
        let focused = &mut self.rows[self.focus];
        self.hits.clear();
        if focused.kind != RowKind::Who {
            return;
        }
        match &focused.picked {
            // Already chosen: nothing to offer until the text changes.
            Some(p) if p.name == focused.field.value() => return,
            Some(_) => focused.picked = None,
            None => {}
        }
        let query = focused.field.value().trim();
        let Some(catalog) = catalog.filter(|_| query.chars().count() >= 3) else {
            return;
        };
        let results = catalog.index.search(query, &Default::default(), 5);
        self.hits = results
            .hits
            .iter()
            .filter_map(|hit| catalog.index.line_of(&hit.id))
            .map(|line| Picked {
                id: line.id.to_string(),
                name: line.name.to_string(),
                free_access: line.free && !line.referral_required,
            })
            .collect();
    }

    /// Enter on a Who row with matches: the best kaart match becomes the deliverer.
    pub fn pick(&mut self) -> bool {
        let Some(best) = self.hits.first().cloned() else {
            return false;
        };
        let focused = &mut self.rows[self.focus];
        focused.field = TextField::with_value(text::LABEL_WHO, 300, &best.name);
        focused.picked = Some(best);
        self.hits.clear();
        true
    }

    /// Puts a refusal on the row it is about.
    pub fn refuse(&mut self, message: String, row: Option<usize>) {
        self.message = Some(message);
        if let Some(row) = row {
            self.focus = row.min(self.rows.len() - 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::{Party, Zelfredzaamheid};
    use crate::tui::action::Action;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    /// Focuses the `nth` row of `kind`.
    fn at(editor: &mut PlanEditor, kind: RowKind, nth: usize) -> usize {
        let at = editor
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.kind == kind)
            .nth(nth)
            .map(|(i, _)| i)
            .unwrap();
        editor.focus = at;
        at
    }

    fn set(editor: &mut PlanEditor, kind: RowKind, nth: usize, value: &str) {
        let at = at(editor, kind, nth);
        editor.rows[at].field.edit(Action::ClearField);
        for c in value.chars() {
            editor.rows[at].field.edit(Action::Insert(c));
        }
    }

    /// → `times` on the `nth` row of `kind`, a row of choices.
    fn choose(editor: &mut PlanEditor, kind: RowKind, nth: usize, times: usize) {
        let at = at(editor, kind, nth);
        for _ in 0..times {
            editor.rows[at].field.edit(Action::CursorRight);
        }
    }

    #[test]
    fn a_new_plan_is_typed_with_lines_added_and_removed() {
        let mut editor = PlanEditor::new(None, &["wonen".to_string()]);
        assert!(!editor.changed());
        set(
            &mut editor,
            RowKind::Result("wonen".into()),
            0,
            "Ik blijf thuis wonen",
        );
        choose(&mut editor, RowKind::Score("wonen".into()), 0, 2);
        set(
            &mut editor,
            RowKind::Milestone,
            0,
            "31-12-2026 Aanvraag ingediend",
        );
        set(&mut editor, RowKind::What, 0, "Houdt de post bij");
        set(&mut editor, RowKind::From, 0, "1-12-2026");
        editor.add_here();
        choose(&mut editor, RowKind::Laag(2), 0, 1);
        set(&mut editor, RowKind::What, 1, "Loopt de post door");
        set(&mut editor, RowKind::Who, 1, "Ans de Vries (buurvrouw)");
        set(&mut editor, RowKind::From, 1, "1-12-2026");
        set(&mut editor, RowKind::How, 0, "Elke maand bellen");
        assert_eq!(
            editor.content(today()).unwrap_err().0,
            text::EVALUATION_REQUIRED
        );
        set(&mut editor, RowKind::Evaluation, 0, "1-3-2027");
        let content = editor.content(today()).unwrap();
        assert_eq!(content.tijdpad[0].what, "Aanvraag ingediend");
        // The row's label reads "Wanneer, wat": a comma after the date is written as asked.
        set(
            &mut editor,
            RowKind::Milestone,
            0,
            "31-12-2026, Aanvraag ingediend",
        );
        let content = editor.content(today()).unwrap();
        assert_eq!(content.tijdpad[0].what, "Aanvraag ingediend");
        assert_eq!(
            content.results[0].score,
            Some(Zelfredzaamheid::from_score(2).unwrap())
        );
        assert_eq!(content.arrangement.len(), 2);
        assert_eq!(
            content.arrangement[1].deliverer,
            Deliverer::Persoon {
                name: "Ans de Vries".into(),
                relation: "buurvrouw".into()
            }
        );
        assert!(content.check(&["wonen".to_string()], today()).is_ok());
        // The line in focus goes; the last one stays.
        let whats = |e: &PlanEditor| {
            e.rows
                .iter()
                .enumerate()
                .filter(|(_, r)| r.kind == RowKind::What)
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
        };
        editor.focus = whats(&editor)[1];
        editor.remove_here();
        assert_eq!(whats(&editor).len(), 1);
        editor.focus = whats(&editor)[0];
        editor.remove_here();
        assert_eq!(editor.message.as_deref(), Some(text::KEEP_ONE));
        assert!(editor.changed());
    }

    #[test]
    fn a_change_starts_from_the_latest_version() {
        let mut editor = PlanEditor::new(None, &["wonen".to_string()]);
        set(
            &mut editor,
            RowKind::Result("wonen".into()),
            0,
            "Ik blijf thuis wonen",
        );
        set(
            &mut editor,
            RowKind::Milestone,
            0,
            "31-12-2026 Aanvraag ingediend",
        );
        choose(&mut editor, RowKind::Laag(1), 0, 3);
        set(&mut editor, RowKind::What, 0, "Vervoer");
        set(&mut editor, RowKind::Who, 0, "Regiotaxi");
        set(&mut editor, RowKind::From, 0, "1-12-2026");
        editor.focus = editor.rows.len() - 1;
        editor.add_here();
        set(&mut editor, RowKind::AfspraakWho, 0, "netwerk: Ans");
        set(&mut editor, RowKind::AfspraakWhat, 0, "Post doorlopen");
        set(&mut editor, RowKind::AfspraakBy, 0, "7-12-2026");
        set(&mut editor, RowKind::How, 0, "Elke maand bellen");
        set(&mut editor, RowKind::Evaluation, 0, "1-3-2027");
        let content = editor.content(today()).unwrap();
        assert_eq!(content.afspraken[0].who, Party::Netwerk("Ans".into()));
        let again = PlanEditor::new(Some((3, &content, true, 2)), &["wonen".to_string()]);
        assert!(again.makes_new_version && !again.changed());
        assert_eq!(again.next_version, 3);
        assert_eq!(again.content(today()).unwrap(), content);
    }
}
