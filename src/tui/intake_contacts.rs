//! The intake's two windows onto earlier contacts: today's own contacts, to reopen one and
//! correct it, and the household search that links the intake to a known household (with the
//! hint, once the form's fields make a full identifier, that the household is known). One
//! search rule serves both the hint and the window.

use crate::domain::hours::dutch_local;
use crate::domain::household_query::{self, Identifier};
use crate::domain::intake::ContactDraft;
use crate::domain::regie::regisseur_route;
use crate::store::{HouseholdMatch, StoreError};

use super::action::Action;
use super::app::{Overlay, View};
use super::form::TextField;
use super::intake_form::{IntakeForm, Row, Text};
use super::screen::{Effect, ScreenContext};
use super::selection::moved;
use super::text;

/// The households a full identifier names (the store audits the search); none, and no search
/// at all, while the identifier is not yet full (security-probe #3). A failed search is logged
/// and finds none.
pub fn households_like(ctx: &ScreenContext, identifier: Option<Identifier>) -> Vec<HouseholdMatch> {
    let Some(identifier) = identifier else {
        return Vec::new();
    };
    ctx.store
        .find_households(&identifier, ctx.user, &ctx.settings.origin, ctx.now)
        .unwrap_or_else(|e| {
            tracing::error!("huishoudens zoeken mislukt: {e}");
            Vec::new()
        })
}

/// What the search window starts with for an identifier found in the form's fields, so the
/// window finds the same households as the hint.
fn query_text(identifier: &Identifier) -> String {
    match identifier {
        Identifier::Phone(phone) => phone.clone(),
        Identifier::NameAndAddress {
            name,
            postcode,
            house_number,
        } => [Some(name), postcode.as_ref(), house_number.as_ref()]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" "),
    }
}

impl IntakeForm {
    /// While name, phone or postcode is typed: is this household already known? Then the desk
    /// sees it at once, so no second track starts (1 huishouden, 1 plan, 1 regisseur).
    pub(super) fn look_for_known_household(&mut self, ctx: &ScreenContext) {
        let Row::Text(Text::Name | Text::Phone | Text::Postcode | Text::HouseNumber) =
            self.focused()
        else {
            return;
        };
        if self.intake.household_id.is_some() {
            return;
        }
        let resident = &self.intake.resident;
        let identifier = household_query::from_fields(
            &resident.name,
            &resident.phone,
            &resident.postcode,
            &resident.house_number,
        );
        let typed = identifier.as_ref().map(query_text).unwrap_or_default();
        let found = households_like(ctx, identifier).len();
        self.household_hint = (found > 0).then_some((typed, found));
    }

    /// The household search window, started with what the hint found.
    pub(super) fn find_household(&self, ctx: &mut ScreenContext) {
        let mut query = TextField::new(text::HOUSEHOLD_SEARCH, 80);
        let known = self.household_hint.as_ref().map(|(text, _)| text.clone());
        for c in known.unwrap_or_default().chars() {
            query.edit(Action::Insert(c));
        }
        let matches = households_like(ctx, household_query::identifier(query.value()));
        *ctx.overlay = Some(Overlay::Household {
            query,
            matches,
            selected: 0,
        });
    }

    /// Who directs the linked household's lopend traject (audited by the store), and the
    /// route to them: the advice for this question, so it joins the case.
    fn show_regie(&mut self, household_id: i64, ctx: &mut ScreenContext) {
        let (user, origin, now) = (ctx.user, ctx.settings.origin.as_str(), ctx.now);
        let regie = ctx.store.household_regie(household_id, user, origin, now);
        let case = ctx.store.open_case(household_id);
        match (regie, case) {
            (Ok(regie), Ok(case)) => {
                self.regie_route = case
                    .and_then(|c| c.regie_team)
                    .and_then(|team| regisseur_route(&team))
                    .filter(|_| regie.is_some());
                self.regie = regie;
            }
            (Err(e), _) | (_, Err(e)) => ctx.db_failed("regie lezen", e),
        }
    }

    /// Continues a stored draft on a fresh form. A draft keeps the intake, not what the form
    /// showed of its household: the household is linked again (audited), so its open tracks,
    /// its regisseur and the route "naar de regisseur" come back, and with it the row of an
    /// own_track_reason already typed.
    pub(in crate::tui) fn restore(&mut self, draft: ContactDraft, ctx: &mut ScreenContext) {
        *self = IntakeForm::new(&ctx.user.location, &ctx.reference.leefgebieden);
        self.intake = draft.intake;
        self.earlier = draft.earlier;
        if let Some(household_id) = self.intake.household_id {
            let (user, origin, now) = (ctx.user, ctx.settings.origin.as_str(), ctx.now);
            match ctx.store.linked_household(household_id, user, origin, now) {
                Ok(Some(found)) => {
                    self.link_household(&found);
                    self.show_regie(found.id, ctx);
                }
                // Gone since (erased): the draft goes on without it.
                Ok(None) => self.intake.household_id = None,
                Err(e) => ctx.db_failed("huishouden lezen", e),
            }
        }
        self.dirty = false;
        self.focus(0);
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
                    self.show_regie(found.id, ctx);
                }
            }
            (Overlay::Household { mut query, .. }, edit) if edit != Action::Back => {
                query.edit(edit);
                let matches = households_like(ctx, household_query::identifier(query.value()));
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
