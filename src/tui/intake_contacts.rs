//! The intake's two windows onto earlier contacts: today's own contacts, to reopen one and
//! correct it, and the household search that links the intake to a known household (with the
//! hint, while name, phone or postcode is typed, that the household is known). One search rule
//! serves both the hint and the window.

use crate::domain::hours::dutch_local;
use crate::store::{HouseholdMatch, Store, StoreError};

use super::action::Action;
use super::app::{Overlay, View};
use super::form::TextField;
use super::intake_form::{IntakeForm, Row, Text};
use super::screen::{Effect, ScreenContext};
use super::selection::moved;
use super::text;

/// Households whose intakes match `text` (name, phone or postcode): none for text shorter
/// than [`HOUSEHOLD_MIN_CHARS`]; a failed search is logged and finds none.
pub fn households_like(store: &Store, text: &str) -> Vec<HouseholdMatch> {
    if text.trim().chars().count() < HOUSEHOLD_MIN_CHARS {
        return Vec::new();
    }
    store.find_households(text).unwrap_or_else(|e| {
        tracing::error!("huishoudens zoeken mislukt: {e}");
        Vec::new()
    })
}

/// Fewer characters match too many households to be of use.
const HOUSEHOLD_MIN_CHARS: usize = 3;

impl IntakeForm {
    /// While name, phone or postcode is typed: is this household already known? Then the desk
    /// sees it at once, so no second track starts (1 huishouden, 1 plan, 1 regisseur).
    pub(super) fn look_for_known_household(&mut self, ctx: &ScreenContext) {
        let Row::Text(field @ (Text::Name | Text::Phone | Text::Postcode)) = self.focused() else {
            return;
        };
        if self.intake.household_id.is_some() {
            return;
        }
        let typed = IntakeForm::text(&self.intake, field).to_string();
        let found = households_like(ctx.store, &typed).len();
        self.household_hint = (found > 0).then_some((typed, found));
    }

    /// The household search window, started with what the hint found.
    pub(super) fn find_household(&self, ctx: &mut ScreenContext) {
        let mut query = TextField::new(text::HOUSEHOLD_SEARCH, 80);
        let known = self.household_hint.as_ref().map(|(text, _)| text.clone());
        for c in known.unwrap_or_default().chars() {
            query.edit(Action::Insert(c));
        }
        let matches = households_like(ctx.store, query.value());
        *ctx.overlay = Some(Overlay::Household {
            query,
            matches,
            selected: 0,
        });
    }

    pub(super) fn open_my_contacts(&self, ctx: &mut ScreenContext) {
        // The days the taker may read an intake back (need-to-know), today included.
        let days = ctx.settings.privacy.own_intake_days;
        let first_day =
            dutch_local(ctx.now - chrono::Duration::days(days)).date() + chrono::Days::new(1);
        match ctx
            .store
            .intakes_of(ctx.user.id, first_day, dutch_local(ctx.now).date())
        {
            Ok(items) => *ctx.overlay = Some(Overlay::MyContacts { items, selected: 0 }),
            Err(e) => ctx.db_failed("contacten lezen", e),
        }
    }

    /// The keys of the intake's own windows: today's contacts and the household search.
    pub fn update_overlay(
        &mut self,
        overlay: Overlay,
        action: Action,
        ctx: &mut ScreenContext,
    ) -> Effect {
        match (overlay, action) {
            (Overlay::MyContacts { items, selected }, Action::Up | Action::Down) => {
                let selected = moved(action, selected, items.len(), 1).unwrap_or(selected);
                *ctx.overlay = Some(Overlay::MyContacts { items, selected });
            }
            (Overlay::MyContacts { items, selected }, Action::Submit) => {
                *ctx.overlay = None;
                if let Some(item) = items.get(selected) {
                    return self.reopen(item.id, ctx);
                }
            }
            (
                Overlay::Household {
                    query,
                    matches,
                    selected,
                },
                Action::Up | Action::Down,
            ) => {
                let selected = moved(action, selected, matches.len(), 1).unwrap_or(selected);
                *ctx.overlay = Some(Overlay::Household {
                    query,
                    matches,
                    selected,
                });
            }
            (
                Overlay::Household {
                    matches, selected, ..
                },
                Action::Submit,
            ) => {
                *ctx.overlay = None;
                if let Some(found) = matches.get(selected) {
                    let object = format!("huishouden:{}", found.id);
                    ctx.audit("huishouden koppelen", &object, "gelukt");
                    self.link_household(found);
                }
            }
            (Overlay::Household { mut query, .. }, edit) if edit != Action::Back => {
                query.edit(edit);
                let matches = households_like(ctx.store, query.value());
                *ctx.overlay = Some(Overlay::Household {
                    query,
                    matches,
                    selected: 0,
                });
            }
            (_, Action::Back) => *ctx.overlay = None,
            (overlay, _) => *ctx.overlay = Some(overlay),
        }
        Effect::None
    }

    /// Opens a saved intake of today for correction.
    fn reopen(&mut self, id: i64, ctx: &mut ScreenContext) -> Effect {
        match ctx
            .store
            .intake(id, ctx.user, &ctx.settings.origin, ctx.now)
        {
            Ok(Some(intake)) => {
                self.intake = intake;
                self.editing = Some(id);
                self.focus(0);
                return Effect::Show(View::Intake);
            }
            Ok(None) => {}
            Err(StoreError::NoAccess) => ctx.say(text::NO_ACCESS),
            Err(e) => ctx.db_failed("intake openen", e),
        }
        Effect::None
    }
}
