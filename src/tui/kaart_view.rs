//! State of the sociale kaart screen: the search line, the results, the selection and the
//! filters. Every change to the query or the filters runs the search again.

use std::cell::Cell;

use chrono::NaiveDateTime;

use crate::domain::{Kaart, Laag};
use crate::search::{Catalog, Filters, Hit, Results};

use super::action::Action;
use super::filter_form::FilterForm;
use super::form::TextField;
use super::selection::moved;
use super::text;

/// Results kept for scrolling; more than anyone reads, few enough to stay fast.
const RESULT_LIMIT: usize = 200;
const MAX_QUERY_CHARS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Search,
    List,
}

pub struct KaartView {
    pub query: TextField,
    pub focus: Focus,
    pub filters: Filters,
    pub open_now: bool,
    pub results: Results,
    pub selected: usize,
    pub detail_expanded: bool,
    pub detail_scroll: u16,
    pub filter_form: Option<FilterForm>,
    /// Rows of the list at the last draw, for PgUp/PgDn.
    pub list_rows: Cell<usize>,
}

impl Default for KaartView {
    fn default() -> Self {
        KaartView {
            query: TextField::new(text::SEARCH_LABEL, MAX_QUERY_CHARS),
            focus: Focus::Search,
            filters: Filters::default(),
            open_now: false,
            results: Results::default(),
            selected: 0,
            detail_expanded: false,
            detail_scroll: 0,
            filter_form: None,
            list_rows: Cell::new(10),
        }
    }
}

impl KaartView {
    pub fn selected_hit(&self) -> Option<&Hit> {
        self.results.hits.get(self.selected)
    }

    /// Runs the search for the current query and filters at local time `now`.
    /// Puts services of the lower layers of the piramide (eigen kracht, sociaal netwerk,
    /// algemeen) before the others, keeping the order within each group.
    pub fn lower_layers_first(&mut self, kaart: &Kaart) {
        // A hit's doc is its service's position in the kaart the index was built from.
        let lower = |hit: &Hit| {
            kaart
                .services
                .get(hit.doc as usize)
                .and_then(|s| s.laag)
                .is_some_and(|laag| {
                    matches!(
                        laag,
                        Laag::EigenKracht | Laag::SociaalNetwerk | Laag::Algemeen
                    )
                })
        };
        self.results.hits.sort_by_key(|hit| !lower(hit));
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

    /// Applies an action of the kaart screen; returns whether the results must be refreshed,
    /// or `None` when the action is not one of this screen's.
    pub fn handle(&mut self, action: Action, catalog: &Catalog) -> Option<bool> {
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
                    Some(changed)
                }
                Action::ClearFilters => {
                    *form = FilterForm::new(catalog, &Filters::default(), false);
                    Some(false)
                }
                other => form.handle(other).then_some(false),
            };
        }
        let page = self.list_rows.get().max(1);
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
                self.filter_form = Some(FilterForm::new(catalog, &self.filters, self.open_now))
            }
            Action::ClearFilters => {
                self.filters = Filters::default();
                self.open_now = false;
                return Some(true);
            }
            Action::Back if self.detail_expanded => self.detail_expanded = false,
            Action::Back if self.focus == Focus::List => self.focus = Focus::Search,
            Action::Back => {
                self.query.clear();
                return Some(true);
            }
            other if self.focus == Focus::Search => {
                let before = self.query.value().to_string();
                return self.query.edit(other).then(|| self.query.value() != before);
            }
            Action::Insert(c) => {
                self.focus = Focus::Search;
                self.query.edit(Action::Insert(c));
                return Some(true);
            }
            _ => return None,
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
        Some(false)
    }
}
