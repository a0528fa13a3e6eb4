//! State of the sociale kaart screen: the search line, the results, the selection and the
//! filters. Every change to the query or the filters runs the search again.

use chrono::NaiveDateTime;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use crate::domain::account::User;
use crate::domain::hours::dutch_local;
use crate::domain::policy::{self, Permission};
use crate::domain::{Kaart, Laag, Service};
use crate::search::{Catalog, Filters, Hit, Results, SearchIndex};
use crate::store::Store;

use super::action::Action;
use super::app::Overlay;
use super::beheer;
use super::beheer::KaartNote;
use super::filter_form::FilterForm;
use super::form::{FieldKind, TextField};
use super::hint;
use super::keymap::{Context, Keymap};
use super::screen::{Advising, DrawContext, Effect, Screen, ScreenContext, db_failed};
use super::screens::layout;
use super::selection::moved;
use super::text;

/// Results kept for scrolling; more than anyone reads, few enough to stay fast.
const RESULT_LIMIT: usize = 200;
const MAX_QUERY_CHARS: usize = 200;

/// What an action did to the kaart screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handled {
    /// Not an action of this screen.
    NotMine,
    Done,
    /// The query or the filters changed: search again.
    Search,
}

impl Handled {
    fn search_if(changed: bool) -> Handled {
        if changed {
            Handled::Search
        } else {
            Handled::Done
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Search,
    List,
}

pub struct KaartScreen {
    pub query: TextField,
    pub focus: Focus,
    pub filters: Filters,
    pub open_now: bool,
    pub results: Results,
    pub selected: usize,
    pub detail_expanded: bool,
    pub detail_scroll: u16,
    pub filter_form: Option<FilterForm>,
    /// The selected service with its organisation and locations, read from the store when the
    /// selection moves: the index keeps only what the list shows.
    detail: Option<Kaart>,
}

impl Default for KaartScreen {
    fn default() -> Self {
        KaartScreen {
            query: TextField::new(text::SEARCH_LABEL, MAX_QUERY_CHARS),
            focus: Focus::Search,
            filters: Filters::default(),
            open_now: false,
            results: Results::default(),
            selected: 0,
            detail_expanded: false,
            detail_scroll: 0,
            filter_form: None,
            detail: None,
        }
    }
}

impl KaartScreen {
    /// How many rows PgUp/PgDn move in `area`: the list's, or the expanded detail's. A key
    /// clears the status line, so it is laid out without a message.
    fn page(&self, area: Rect, advising: Advising, keymap: &Keymap) -> usize {
        let [main, _] = split_status(area, &status_hint(None, advising, keymap));
        super::screens::kaart::page(main, self)
    }

    pub fn selected_hit(&self) -> Option<&Hit> {
        self.results.hits.get(self.selected)
    }

    /// The selected service in full, with the part of the kaart around it (its organisation and
    /// locations), once [`KaartScreen::load_detail`] has read it.
    pub fn detail(&self) -> Option<(&Kaart, &Service)> {
        let kaart = self.detail.as_ref()?;
        let service = kaart.services.first()?;
        let selected = self.selected_hit()?;
        (service.id == selected.id).then_some((kaart, service))
    }

    /// Reads the selected service from `store` unless it is read already; `again` reads it
    /// anyway (the kaart changed). A failure leaves the detail pane empty and says so.
    pub fn load_detail(&mut self, store: &Store, again: bool, status: &mut Option<String>) {
        let Some(id) = self.selected_hit().map(|hit| hit.id.clone()) else {
            self.detail = None;
            return;
        };
        if !again && self.detail().is_some() {
            return;
        }
        self.detail = store.service_detail(&id).unwrap_or_else(|e| {
            db_failed(status, "dienst lezen", e);
            None
        });
    }

    /// Puts services of the lower layers of the piramide (eigen kracht, sociaal netwerk,
    /// algemeen) before the others, keeping the order within each group; strong matches stay
    /// above weak ones.
    pub fn lower_layers_first(&mut self, index: &SearchIndex) {
        let lower = |hit: &Hit| {
            index.line(hit.doc).laag.is_some_and(|laag| {
                matches!(
                    laag,
                    Laag::EigenKracht | Laag::SociaalNetwerk | Laag::Algemeen
                )
            })
        };
        self.results
            .hits
            .sort_by_key(|hit| (hit.strength, !lower(hit)));
    }

    /// Searches again; `include_inactive` for the beheerder, who may need to reactivate one.
    pub fn refresh(&mut self, catalog: &Catalog, now: NaiveDateTime, include_inactive: bool) {
        let filters = Filters {
            open_at: self.open_now.then_some(now),
            include_inactive,
            ..self.filters.clone()
        };
        self.results = catalog
            .index
            .search(self.query.value(), &filters, RESULT_LIMIT);
        self.selected = 0;
        self.detail_scroll = 0;
    }

    /// Whether any filter is set.
    pub fn has_filters(&self) -> bool {
        !self.filters.is_empty() || self.open_now
    }

    /// Applies an action of the kaart screen: whether the results must be searched again, or
    /// that the action is not one of this screen's.
    /// `page` is how many rows PgUp/PgDn move. Without a `catalog` (the kaart is still being
    /// loaded) the search line takes what is typed, to be searched once the kaart is there;
    /// the filters wait for the kaart.
    pub fn handle(&mut self, action: Action, catalog: Option<&Catalog>, page: usize) -> Handled {
        if let Some(form) = &mut self.filter_form {
            return match action {
                // Esc closes like Enter: a desk that chose a wijk expects to see it applied,
                // and Ctrl-X is there to start over.
                Action::Submit | Action::Back => {
                    let (filters, open_now) = form.filters();
                    let changed = filters != self.filters || open_now != self.open_now;
                    self.filters = filters;
                    self.open_now = open_now;
                    self.filter_form = None;
                    Handled::search_if(changed)
                }
                Action::ClearFilters => {
                    if let Some(catalog) = catalog {
                        *form = FilterForm::new(catalog, &Filters::default(), false);
                    }
                    Handled::Done
                }
                other if form.handle(other) => Handled::Done,
                _ => Handled::NotMine,
            };
        }
        match action {
            Action::Up | Action::Down | Action::PageUp | Action::PageDown
                if self.detail_expanded =>
            {
                self.detail_scroll = match action {
                    Action::Up => self.detail_scroll.saturating_sub(1),
                    Action::Down => self.detail_scroll.saturating_add(1),
                    Action::PageUp => self.detail_scroll.saturating_sub(page as u16),
                    _ => self.detail_scroll.saturating_add(page as u16),
                };
            }
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::First
            | Action::Last => {
                self.selected =
                    moved(action, self.selected, self.results.hits.len(), page).unwrap_or(0)
            }
            Action::FocusSearch => self.focus = Focus::Search,
            Action::ToggleDetail => {
                self.detail_expanded = !self.detail_expanded && self.selected_hit().is_some();
                self.detail_scroll = 0;
            }
            Action::OpenFilters => {
                self.filter_form =
                    catalog.map(|catalog| FilterForm::new(catalog, &self.filters, self.open_now))
            }
            Action::ClearFilters => {
                self.filters = Filters::default();
                self.open_now = false;
                return Handled::Search;
            }
            Action::Back if self.detail_expanded => self.detail_expanded = false,
            Action::Back if self.focus == Focus::List => self.focus = Focus::Search,
            Action::Back => {
                self.query.clear();
                return Handled::Search;
            }
            other if self.focus == Focus::Search => {
                let before = self.query.value().to_string();
                return match self.query.edit(other) {
                    true => Handled::search_if(self.query.value() != before),
                    false => Handled::NotMine,
                };
            }
            Action::Insert(c) => {
                self.focus = Focus::Search;
                self.query.edit(Action::Insert(c));
                return Handled::Search;
            }
            _ => return Handled::NotMine,
        }
        if matches!(
            action,
            Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::First
                | Action::Last
        ) && !self.detail_expanded
        {
            self.focus = Focus::List;
        }
        Handled::Done
    }
}

impl KaartScreen {
    /// Searches again as this desk sees it: a beheerder also finds inactive services, and a
    /// resident who can do (part of) it sees the lower layers of the piramide first.
    pub fn search(
        &mut self,
        catalog: &Catalog,
        now: NaiveDateTime,
        user: Option<&User>,
        advising: Advising,
    ) {
        let manages = user.is_some_and(|u| policy::allows(u.role, Permission::ManageKaart));
        self.refresh(catalog, now, manages);
        if advising == Advising::OwnStrengthFirst {
            self.lower_layers_first(&catalog.index);
        }
    }

    /// The selected service's contact details as plain text.
    fn contact_text(&self) -> Option<String> {
        let (kaart, service) = self.detail()?;
        Some(super::screens::detail::contact_lines(kaart, service).join("\n"))
    }

    /// A beheer action on the selected service.
    fn beheer(&mut self, action: Action, ctx: &mut ScreenContext) -> Effect {
        if action == Action::NewService {
            return Effect::EditService(None);
        }
        let Some(id) = self.selected_hit().map(|hit| hit.id.clone()) else {
            ctx.say(text::NO_SERVICE_SELECTED);
            return Effect::None;
        };
        match action {
            Action::ReportService => {
                let name = beheer::service_name(ctx.catalog.map(|c| &**c), &id);
                *ctx.overlay = Some(Overlay::KaartNote(KaartNote::report(id, name)));
            }
            Action::EditService => return Effect::EditService(Some(id)),
            Action::VerifyService => beheer::verify_service(ctx, &id),
            _ => {}
        }
        Effect::None
    }
}

impl Screen for KaartScreen {
    fn title(&self) -> &'static str {
        text::KAART_TITLE
    }

    fn contexts(&self) -> (Vec<Context>, bool) {
        if self.filter_form.is_some() {
            (vec![Context::Filters, Context::Global], false)
        } else if self.focus == Focus::Search && !self.detail_expanded {
            (
                vec![Context::Zoekregel, Context::Tekstveld, Context::Global],
                true,
            )
        } else {
            (vec![Context::Kaart, Context::Global], false)
        }
    }

    fn help_contexts(&self) -> &'static [Context] {
        &[
            Context::Kaart,
            Context::Zoekregel,
            Context::Tekstveld,
            Context::Filters,
        ]
    }

    fn choice_focus(&self) -> Option<(FieldKind, Context)> {
        let kind = self.filter_form.as_ref()?.focused().kind()?;
        Some((kind, Context::Filters))
    }

    fn update(&mut self, action: Action, ctx: &mut ScreenContext) -> Effect {
        let effect = self.act(action, ctx);
        self.load_detail(ctx.store, false, ctx.status);
        effect
    }

    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &DrawContext) {
        let hint = status_hint(ctx.status, ctx.advising, ctx.keymap);
        let [main, status] = split_status(area, &hint);
        super::screens::kaart::draw(frame, main, self, ctx);
        layout::status(frame, status, &hint, ctx.theme.warning());
    }
}

impl KaartScreen {
    /// What an action does on the kaart screen; the detail follows the selection after it.
    fn act(&mut self, action: Action, ctx: &mut ScreenContext) -> Effect {
        let catalog = ctx.catalog.cloned();
        match action {
            Action::ReportService
            | Action::EditService
            | Action::NewService
            | Action::VerifyService => self.beheer(action, ctx),
            // Enter on a service: to the advice when an intake is open, else its details.
            Action::Choose => match (self.selected_hit(), ctx.advising) {
                _ if catalog.is_none() => Effect::None,
                (None, _) => Effect::None,
                (Some(hit), Advising::Yes | Advising::OwnStrengthFirst) => {
                    Effect::AddAdvice(hit.id.clone())
                }
                (Some(_), Advising::No) => {
                    self.detail_expanded = !self.detail_expanded;
                    Effect::None
                }
            },
            Action::CopyContact => {
                self.load_detail(ctx.store, false, ctx.status);
                if let Some(text) = self.contact_text() {
                    *ctx.clipboard = Some(text.clone());
                    *ctx.overlay = Some(Overlay::Copied(text));
                }
                Effect::None
            }
            other => {
                let page = self.page(ctx.area, ctx.advising, ctx.keymap);
                if self.handle(other, catalog.as_deref(), page) == Handled::Search
                    && let Some(catalog) = catalog
                {
                    self.search(&catalog, dutch_local(ctx.now), Some(ctx.user), ctx.advising);
                }
                Effect::None
            }
        }
    }
}

/// The status line's text: the message, else what Enter does while an intake is typed.
fn status_hint(status: Option<&str>, advising: Advising, keymap: &Keymap) -> String {
    match status {
        Some(status) => status.to_string(),
        None if advising != Advising::No => hint::pick_advice(keymap, false),
        None => String::new(),
    }
}

/// The kaart's own part of `area` and its status line under it.
fn split_status(area: Rect, hint: &str) -> [Rect; 2] {
    let lines = layout::status_height(Some(hint), area.width);
    Layout::vertical([Constraint::Min(0), Constraint::Length(lines)]).areas(area)
}
