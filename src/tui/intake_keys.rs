//! Fewer keys on the intake: the question typed on the kaart carried into *Vraag* with the
//! leefgebieden its words suggest, and the route picked from a list filtered by typing.

use crate::domain::intake::Route;
use crate::domain::routing::route_label;
use crate::text::folded_words;

use super::action::Action;
use super::app::{App, Overlay, View};
use super::form::TextField;
use super::selection::moved;
use super::text;

/// The routes to choose from, and what is typed to filter them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutePicker {
    pub query: TextField,
    /// Every route with its label; `None` follows the suggestion.
    pub options: Vec<(Option<Route>, String)>,
    /// Index into [`RoutePicker::matching`].
    pub selected: usize,
}

impl RoutePicker {
    /// The options whose label has every typed word at the start of one of its words; "volg
    /// het advies: …" by those first words only, so "dir" finds one route, not two.
    pub fn matching(&self) -> Vec<&(Option<Route>, String)> {
        let typed = folded_words(self.query.value());
        self.options
            .iter()
            .filter(|(route, label)| {
                let name = match route {
                    None => label.split(':').next().unwrap_or(label),
                    Some(_) => label,
                };
                let words = folded_words(name);
                typed
                    .iter()
                    .all(|t| words.iter().any(|w| w.starts_with(t.as_str())))
            })
            .collect()
    }

    /// The labels shown.
    pub fn shown(&self) -> Vec<String> {
        self.matching()
            .into_iter()
            .map(|(_, l)| l.clone())
            .collect()
    }
}

impl App {
    /// F3: the intake. A question typed on the kaart into an empty form becomes its *Vraag*,
    /// so the resident's words are not typed twice.
    pub(super) fn open_intake(&mut self) {
        let query = self.kaart.query.value().trim().to_string();
        self.set_view(View::Intake);
        let Some(session) = self.session_mut() else {
            return;
        };
        let form = &mut session.intake;
        if query.is_empty() || form.has_input() {
            return;
        }
        form.intake.question = query;
        form.dirty = true;
        let cursor = form.cursor;
        form.focus(cursor);
        self.suggest_leefgebieden();
        self.status = Some(text::QUESTION_CARRIED.to_string());
    }

    /// The leefgebieden the vocabulary finds in the question, shown next to them on the form.
    pub(super) fn suggest_leefgebieden(&mut self) {
        let Some(catalog) = self.catalog.clone() else {
            return;
        };
        if let Some(session) = self.session_mut() {
            let form = &mut session.intake;
            form.suggested = catalog
                .index
                .vocabulary()
                .leefgebieden_in(&form.intake.question);
        }
    }

    pub(super) fn open_route_picker(&mut self, typed: Option<char>) {
        let team_wijk = self.route_advice().map(|a| a.team_wijk).unwrap_or_default();
        let suggestion = self.route_advice().map(|a| a.suggestion.route);
        let Some(form) = self.intake_form() else {
            return;
        };
        let leefgebieden = self.leefgebieden();
        let options = form
            .route_options(&team_wijk)
            .into_iter()
            .map(|route| {
                let label = match (&route, &suggestion) {
                    (Some(route), _) => route_label(route, leefgebieden),
                    (None, Some(suggested)) => format!(
                        "{}: {}",
                        text::ROUTE_FOLLOW,
                        route_label(suggested, leefgebieden)
                    ),
                    (None, None) => text::ROUTE_FOLLOW.to_string(),
                };
                (route, label)
            })
            .collect();
        let mut query = TextField::new(text::SEARCH_LABEL, 40);
        if let Some(c) = typed {
            query.edit(Action::Insert(c));
        }
        self.overlay = Some(Overlay::PickRoute(RoutePicker {
            query,
            options,
            selected: 0,
        }));
    }

    pub(super) fn update_route_picker(&mut self, mut picker: RoutePicker, action: Action) {
        match action {
            Action::Back => self.overlay = None,
            Action::Submit => {
                self.overlay = None;
                let chosen = picker
                    .matching()
                    .get(picker.selected)
                    .map(|(r, _)| r.clone());
                if let (Some(route), Some(session)) = (chosen, self.session_mut()) {
                    let form = &mut session.intake;
                    form.intake.route = route;
                    form.dirty = true;
                    let cursor = form.cursor;
                    form.focus(cursor);
                }
                self.recheck_intake();
            }
            Action::Up | Action::Down => {
                let count = picker.matching().len();
                picker.selected = moved(action, picker.selected, count, 1).unwrap_or(0);
                self.overlay = Some(Overlay::PickRoute(picker));
            }
            edit => {
                picker.query.edit(edit);
                picker.selected = 0;
                self.overlay = Some(Overlay::PickRoute(picker));
            }
        }
    }
}
