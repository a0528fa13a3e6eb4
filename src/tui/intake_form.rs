//! State of the intake form (F3): the intake being typed, which row has the focus, the one text
//! editor for the focused text row, and the inline messages of the last save attempt.

use strum::VariantArray;

use crate::domain::intake::{
    Complexiteit, Consent, ContactDraft, FinishedQuestion, Gevaar, Intake, Kanaal, Melder, Route,
    Urgentie,
};
use crate::domain::routing::route_label;
use crate::domain::validation::FieldError;
use crate::domain::{Laag, Leefgebieden};
use crate::search::Catalog;

use super::action::Action;
use super::form::TextField;
pub use super::intake_rows::{Row, Sign, Text};
use super::question_panel::QuestionPanel;
use super::text;
use crate::domain::hours::dutch_local;
use crate::store::{HouseholdMatch, RegieContact};

const MAX_TEXT: usize = 2000;

/// The kanalen the desk cycles through: "signaal van derden" is kept for older intakes only,
/// since the melder now says who reports.
const KANALEN: [Kanaal; 3] = [Kanaal::Telefoon, Kanaal::Balie, Kanaal::Digitaal];

/// The answers to "Is er nu direct gevaar?" in cycling order.
const GEVAAR: [Gevaar; 3] = [Gevaar::NietGevraagd, Gevaar::Ja, Gevaar::Nee];

/// A queue target as the desk names it: "Loket Wonen", "Sociaal Team De Weide".
fn track_label(kind: &str, target: &str, leefgebieden: &Leefgebieden) -> String {
    let route = match kind {
        "loket" => Route::Loket {
            leefgebied: target.to_string(),
        },
        "sociaal-team" => Route::SociaalTeam {
            wijk: target.to_string(),
        },
        "expertiseteam" => Route::Expertiseteam,
        _ => Route::Terugbelverzoek {
            team: target.to_string(),
        },
    };
    route_label(&route, leefgebieden)
}

/// What a key on the form asks of the app beyond the form itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    None,
    FindHousehold,
    PickAdvice,
    /// Choose the route from a list, filtered by what is typed (starting with this letter).
    PickRoute(Option<char>),
}

pub struct IntakeForm {
    pub intake: Intake,
    /// The saved intake being corrected, if any.
    pub editing: Option<i64>,
    pub cursor: usize,
    pub editor: TextField,
    pub errors: Vec<FieldError>,
    /// The leefgebieden to choose from, in form order: the program's reference data.
    pub offered: Leefgebieden,
    /// A short description of the linked household (and its open tracks), for display.
    pub household_label: Option<String>,
    pub open_tracks: Vec<String>,
    /// What was typed that matches known households, and how many: offered for linking.
    pub household_hint: Option<(String, usize)>,
    /// Something changed since the draft was last written.
    pub dirty: bool,
    /// A stored draft was offered and kept for later: it is offered again at F3, and the
    /// form does not write over it.
    pub draft_waiting: bool,
    /// The gesprekshulp's questions next to the form.
    pub panel: QuestionPanel,
    /// Questions of this contact finished before the one being typed; saved together with it.
    pub earlier: Vec<FinishedQuestion>,
    /// Leefgebied codes the vocabulary finds in the question: shown as a suggestion, ticked
    /// only by the desk.
    pub suggested: Vec<String>,
    /// The question holds danger words: the desk is asked "Is er nu direct gevaar?".
    pub danger_found: bool,
    /// Who directs the linked household's lopend traject, and how to reach them.
    pub regie: Option<RegieContact>,
    /// The route to the linked household's regisseur: the advice for its new questions.
    pub regie_route: Option<Route>,
}

impl IntakeForm {
    pub fn new(location: &str, offered: &Leefgebieden) -> IntakeForm {
        let intake = Intake {
            kanaal: Kanaal::default_for_location(location),
            ..Intake::default()
        };
        let mut form = IntakeForm {
            intake,
            editing: None,
            cursor: 0,
            editor: TextField::new("", MAX_TEXT),
            errors: Vec::new(),
            offered: offered.clone(),
            household_label: None,
            open_tracks: Vec::new(),
            household_hint: None,
            dirty: false,
            draft_waiting: false,
            panel: QuestionPanel::default(),
            earlier: Vec::new(),
            suggested: Vec::new(),
            danger_found: false,
            regie: None,
            regie_route: None,
        };
        form.focus(0);
        form
    }

    /// Whether anything was filled in that would be lost.
    pub fn has_input(&self) -> bool {
        let empty = Intake {
            kanaal: self.intake.kanaal,
            ..Intake::default()
        };
        self.intake != empty || !self.earlier.is_empty()
    }

    /// The draft of what is typed: this question and the finished ones before it.
    pub fn draft(&self) -> ContactDraft {
        ContactDraft {
            intake: self.intake.clone(),
            earlier: self.earlier.clone(),
        }
    }

    /// Finishes the question being typed and starts the next one of the same contact: the
    /// same kanaal, resident and household; a new question, leefgebieden and route.
    pub fn start_next_question(&mut self, finished: FinishedQuestion) {
        self.earlier.push(finished);
        let previous = &self.intake;
        self.intake = Intake {
            kanaal: previous.kanaal,
            signaal_van: previous.signaal_van.clone(),
            melder: previous.melder,
            resident: previous.resident.clone(),
            household_id: previous.household_id,
            consent: previous.consent,
            ..Intake::default()
        };
        self.errors.clear();
        self.panel = QuestionPanel::default();
        self.dirty = true;
        if let Some(question) = self
            .rows()
            .iter()
            .position(|r| *r == Row::Text(Text::Question))
        {
            self.focus(question);
        }
    }

    pub fn rows(&self) -> Vec<Row> {
        let mut rows = vec![Row::Kanaal, Row::Melder];
        if self.intake.kanaal == Kanaal::Signaal || self.intake.melder.is_other() {
            rows.push(Row::Text(Text::SignaalVan));
        }
        rows.extend(
            [
                Text::Name,
                Text::Phone,
                Text::Email,
                Text::Postcode,
                Text::HouseNumber,
                Text::BirthYear,
                Text::OnBehalfOf,
            ]
            .map(Row::Text),
        );
        rows.push(Row::Household);
        rows.push(Row::Text(Text::Question));
        let danger = &self.intake.danger;
        if self.danger_found || danger.answer != Gevaar::NietGevraagd {
            rows.push(Row::Gevaar);
        }
        match danger.answer {
            Gevaar::Ja => rows.extend([Row::Called112, Row::CalledVeiligThuis]),
            Gevaar::Nee => rows.push(Row::Text(Text::DangerReason)),
            Gevaar::NietGevraagd => {}
        }
        rows.extend((0..self.offered.all().len()).map(Row::Leefgebied));
        rows.push(Row::Complexiteit);
        rows.extend(Sign::ALL.map(Row::Sign));
        rows.extend((0..self.intake.advice.len()).map(Row::Advice));
        rows.push(Row::AddAdvice);
        rows.push(Row::DigitalApplication);
        rows.push(Row::Route);
        if self.intake.route.is_some() {
            rows.push(Row::Text(if self.regie_route.is_some() {
                Text::OwnTrackReason
            } else {
                Text::RouteReason
            }));
        }
        rows.extend([Row::Urgentie, Row::Consent, Row::Text(Text::HandoverNote)]);
        rows
    }

    pub fn focused(&self) -> Row {
        let rows = self.rows();
        rows[self.cursor.min(rows.len() - 1)]
    }

    pub fn text(intake: &Intake, text: Text) -> &str {
        match text {
            Text::SignaalVan => &intake.signaal_van,
            Text::Name => &intake.resident.name,
            Text::Phone => &intake.resident.phone,
            Text::Email => &intake.resident.email,
            Text::Postcode => &intake.resident.postcode,
            Text::HouseNumber => &intake.resident.house_number,
            Text::BirthYear => &intake.resident.birth_year,
            Text::OnBehalfOf => &intake.resident.on_behalf_of,
            Text::Question => &intake.question,
            Text::DangerReason => &intake.danger.dismiss_reason,
            Text::RouteReason => &intake.route_reason,
            Text::OwnTrackReason => &intake.own_track_reason,
            Text::HandoverNote => &intake.handover_note,
        }
    }

    fn text_mut(&mut self, text: Text) -> &mut String {
        let intake = &mut self.intake;
        match text {
            Text::SignaalVan => &mut intake.signaal_van,
            Text::Name => &mut intake.resident.name,
            Text::Phone => &mut intake.resident.phone,
            Text::Email => &mut intake.resident.email,
            Text::Postcode => &mut intake.resident.postcode,
            Text::HouseNumber => &mut intake.resident.house_number,
            Text::BirthYear => &mut intake.resident.birth_year,
            Text::OnBehalfOf => &mut intake.resident.on_behalf_of,
            Text::Question => &mut intake.question,
            Text::DangerReason => &mut intake.danger.dismiss_reason,
            Text::RouteReason => &mut intake.route_reason,
            Text::OwnTrackReason => &mut intake.own_track_reason,
            Text::HandoverNote => &mut intake.handover_note,
        }
    }

    /// Moves the focus to row `index` and loads its text into the editor.
    pub fn focus(&mut self, index: usize) {
        let rows = self.rows();
        self.cursor = index.min(rows.len() - 1);
        if let Row::Text(text) = rows[self.cursor] {
            self.editor = TextField::new("", MAX_TEXT);
            for c in Self::text(&self.intake, text).chars() {
                self.editor.edit(Action::Insert(c));
            }
        }
    }

    /// Puts the focus on the first row with an error.
    pub fn focus_first_error(&mut self) {
        if let Some(index) = self.error_rows().first() {
            self.focus(*index);
        }
    }

    /// Puts the focus on the next row with an error after the focused one, round to the first.
    pub fn focus_next_error(&mut self) {
        let rows = self.error_rows();
        let next = rows.iter().find(|i| **i > self.cursor).or(rows.first());
        if let Some(index) = next {
            self.focus(*index);
        }
    }

    /// The rows that have an error under them, in form order.
    fn error_rows(&self) -> Vec<usize> {
        self.rows()
            .iter()
            .enumerate()
            .filter(|(_, r)| self.errors.iter().any(|e| r.shows(e.field)))
            .map(|(i, _)| i)
            .collect()
    }

    /// Links the intake to a household found by the desk, showing its open tracks.
    pub fn link_household(&mut self, found: &HouseholdMatch) {
        self.intake.household_id = Some(found.id);
        self.household_label = Some(found.label.clone());
        self.household_hint = None;
        self.open_tracks = found
            .open_tracks
            .iter()
            .map(|t| {
                let since = dutch_local(t.since).format("%d-%m-%Y").to_string();
                text::open_track(
                    &track_label(&t.target_kind, &t.target, &self.offered),
                    &since,
                )
            })
            .collect();
        self.dirty = true;
    }

    /// Adds a service to the advice, keeping the advice in kantelingspiramide order; false when
    /// it was there already.
    pub fn add_advice(&mut self, service_id: &str, catalog: &Catalog) -> bool {
        if self.intake.advice.iter().any(|id| id == service_id) {
            return false;
        }
        self.intake.advice.push(service_id.to_string());
        let laag = |id: &String| {
            catalog
                .index
                .line_of(id)
                .and_then(|s| s.laag)
                .map_or(u8::MAX, |l: Laag| l as u8)
        };
        self.intake.advice.sort_by_key(laag);
        self.dirty = true;
        true
    }

    /// The first row of the next group (see [`Row::same_group`]); into the leefgebieden, the
    /// first one the question suggests.
    fn next_group(&self) -> usize {
        let rows = self.rows();
        let current = rows[self.cursor];
        let next = (self.cursor + 1..rows.len())
            .find(|&i| !rows[i].same_group(current))
            .unwrap_or(0);
        if let Row::Leefgebied(_) = rows[next]
            && let Some(first) = rows.iter().position(|r| {
                matches!(r, Row::Leefgebied(i) if self.suggested.contains(&self.offered.all()[*i].code))
            })
        {
            return first;
        }
        next
    }

    /// The first row of the group before this one.
    fn previous_group(&self) -> usize {
        let rows = self.rows();
        let start = |mut i: usize| {
            while i > 0 && rows[i - 1].same_group(rows[i]) {
                i -= 1;
            }
            i
        };
        let here = start(self.cursor);
        start(if here == 0 { rows.len() - 1 } else { here - 1 })
    }

    /// Puts the focus on `row`, if the form has it.
    pub fn focus_row(&mut self, row: Row) {
        if let Some(index) = self.rows().iter().position(|r| *r == row) {
            self.focus(index);
        }
    }

    /// The routes the desk may choose instead of the suggestion, in cycling order: a Sociaal
    /// Team for each of `wijken` (the resident's wijk, or every wijk while it is unknown). Not
    /// the Expertiseteam: the regisseur's opschaling reaches it, never the desk (D1).
    pub fn route_options(&self, wijken: &[String]) -> Vec<Option<Route>> {
        let mut options = vec![None, Some(Route::Direct)];
        options.extend(self.intake.leefgebieden.iter().map(|code| {
            Some(Route::Loket {
                leefgebied: code.clone(),
            })
        }));
        options.extend(
            wijken
                .iter()
                .map(|wijk| Some(Route::SociaalTeam { wijk: wijk.clone() })),
        );
        options.push(Some(Route::Terugbelverzoek {
            team: "KCC".to_string(),
        }));
        options
    }

    /// Applies an action to the focused row; `wijken` are the Sociaal Teams of the route
    /// choice. Returns what else the app must do, or `None` when the action is not the form's.
    pub fn handle(&mut self, action: Action, wijken: &[String]) -> Option<Request> {
        let rows = self.rows();
        let row = self.focused();
        match action {
            Action::NextField => self.focus(self.next_group()),
            Action::PreviousField => self.focus(self.previous_group()),
            Action::Down => self.focus((self.cursor + 1) % rows.len()),
            Action::Up => self.focus((self.cursor + rows.len() - 1) % rows.len()),
            // Once there, the same key opens the list; so does typing on the route.
            Action::JumpRoute if row == Row::Route => return Some(Request::PickRoute(None)),
            Action::Insert(c) if row == Row::Route && c != ' ' => {
                return Some(Request::PickRoute(Some(c)));
            }
            Action::JumpRoute => self.focus_row(Row::Route),
            Action::JumpNote => self.focus_row(Row::Text(Text::HandoverNote)),
            Action::First => self.focus(0),
            Action::Last => self.focus(rows.len() - 1),
            Action::Toggle | Action::ToggleBack | Action::Insert(' ') if !row.is_text() => {
                let back = action == Action::ToggleBack;
                match self.toggle(row, back, wijken) {
                    Request::None => {}
                    request => return Some(request),
                }
                self.dirty = true;
            }
            Action::RemoveAdvice => {
                if let Row::Advice(i) = row {
                    self.intake.advice.remove(i);
                    self.dirty = true;
                    self.focus(self.cursor);
                }
            }
            Action::NextError => self.focus_next_error(),
            other => {
                let Row::Text(text) = row else { return None };
                if !self.editor.edit(other) {
                    return None;
                }
                let value = self.editor.value().to_string();
                let slot = self.text_mut(text);
                if *slot != value {
                    *slot = value;
                    self.dirty = true;
                }
            }
        }
        Some(Request::None)
    }

    fn toggle(&mut self, row: Row, back: bool, wijken: &[String]) -> Request {
        fn cycle<T: Copy + PartialEq>(all: &[T], current: T, back: bool) -> T {
            let i = all.iter().position(|x| *x == current).unwrap_or(0);
            let n = all.len();
            all[if back { (i + n - 1) % n } else { (i + 1) % n }]
        }
        let intake = &mut self.intake;
        match row {
            Row::Kanaal => intake.kanaal = cycle(&KANALEN, intake.kanaal, back),
            Row::Melder => intake.melder = cycle(Melder::VARIANTS, intake.melder, back),
            Row::Gevaar => {
                let danger = &mut intake.danger;
                danger.answer = cycle(&GEVAAR, danger.answer, back);
                // What belonged to the other answer would travel unseen.
                if danger.answer != Gevaar::Ja {
                    (danger.called_112, danger.called_veilig_thuis) = (false, false);
                }
                if danger.answer != Gevaar::Nee {
                    danger.dismiss_reason.clear();
                }
            }
            Row::Called112 => intake.danger.called_112 = !intake.danger.called_112,
            Row::CalledVeiligThuis => {
                intake.danger.called_veilig_thuis = !intake.danger.called_veilig_thuis
            }
            Row::DigitalApplication => intake.digital_application = !intake.digital_application,
            Row::Complexiteit => {
                intake.complexiteit = cycle(Complexiteit::VARIANTS, intake.complexiteit, back)
            }
            Row::Urgentie => intake.urgentie = cycle(Urgentie::VARIANTS, intake.urgentie, back),
            Row::Consent => intake.consent = cycle(&Consent::ALL, intake.consent, back),
            Row::Sign(sign) => {
                let flag = sign.flag(&mut intake.signalen);
                *flag = !*flag;
            }
            Row::Leefgebied(i) => {
                let code = &self.offered.all()[i].code;
                match intake.leefgebieden.iter().position(|c| c == code) {
                    Some(p) => {
                        intake.leefgebieden.remove(p);
                    }
                    None => intake.leefgebieden.push(code.clone()),
                }
            }
            Row::Route => {
                let options = self.route_options(wijken);
                let current = self.intake.route.clone();
                let i = options.iter().position(|o| *o == current).unwrap_or(0);
                let n = options.len();
                self.intake.route =
                    options[if back { (i + n - 1) % n } else { (i + 1) % n }].clone();
            }
            Row::Household => return Request::FindHousehold,
            Row::AddAdvice | Row::Advice(_) => return Request::PickAdvice,
            Row::Text(_) => {}
        }
        Request::None
    }
}
