//! Fewer keys on the intake: the route picked from a list filtered by typing (the question
//! typed on the kaart is carried into *Vraag* by `IntakeForm::carry_question`).

use crate::domain::intake::Route;
use crate::text::folded_words;

use super::action::Action;
use super::app::Overlay;
use super::form::TextField;
use super::intake_form::IntakeForm;
use super::intake_screen::route_advice;
use super::screen::ScreenContext;
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

impl IntakeForm {
    pub(super) fn open_route_picker(&self, typed: Option<char>, ctx: &mut ScreenContext) {
        let advice = route_advice(self, ctx.user, ctx.reference, ctx.catalog.map(|c| &**c));
        let suggestion = advice.suggestion.route;
        let (leefgebieden, routing) = (&ctx.reference.leefgebieden, &ctx.reference.routing);
        let options = self
            .route_options(&advice.team_wijken)
            .into_iter()
            .map(|route| {
                let label = match &route {
                    Some(route) => routing.route_line(route, leefgebieden),
                    None => format!(
                        "{}: {}",
                        self.follow_label(),
                        routing.route_line(&suggestion, leefgebieden)
                    ),
                };
                (route, label)
            })
            .collect();
        let mut query = TextField::new(text::SEARCH_LABEL, 40);
        if let Some(c) = typed {
            query.edit(Action::Insert(c));
        }
        *ctx.overlay = Some(Overlay::PickRoute(RoutePicker {
            query,
            options,
            selected: 0,
        }));
    }

    /// How following the advice is named: "naar de regisseur" for a household with one.
    pub fn follow_label(&self) -> &'static str {
        if self.regie_route.is_some() {
            text::ROUTE_TO_REGISSEUR
        } else {
            text::ROUTE_FOLLOW
        }
    }

    pub fn update_route_picker(
        &mut self,
        mut picker: RoutePicker,
        action: Action,
        ctx: &mut ScreenContext,
    ) {
        match action {
            Action::Back => *ctx.overlay = None,
            Action::Submit => {
                *ctx.overlay = None;
                let chosen = picker
                    .matching()
                    .get(picker.selected)
                    .map(|(r, _)| r.clone());
                if let Some(route) = chosen {
                    self.intake.route = route;
                    self.dirty = true;
                    self.focus(self.cursor);
                }
                self.recheck(ctx);
            }
            Action::Up | Action::Down => {
                let count = picker.matching().len();
                picker.selected = moved(action, picker.selected, count, 1).unwrap_or(0);
                *ctx.overlay = Some(Overlay::PickRoute(picker));
            }
            edit => {
                picker.query.edit(edit);
                picker.selected = 0;
                *ctx.overlay = Some(Overlay::PickRoute(picker));
            }
        }
    }
}
