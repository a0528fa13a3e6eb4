//! State of the beheerder's worklist "Te controleren" (F6) and of the short text a desk types
//! about a service ("klopt niet meer") or a beheerder about a handled report.

use crate::store::WorkItem;

use super::action::Action;
use super::form::{Form, TextField};
use super::selection::moved;
use super::text;

#[derive(Debug, Default)]
pub struct WorklistScreen {
    pub items: Vec<WorkItem>,
    pub selected: usize,
}

impl WorklistScreen {
    pub fn selected_item(&self) -> Option<&WorkItem> {
        self.items.get(self.selected)
    }

    /// Puts in a fresh list, keeping the selection on the same service where it still is.
    pub fn replace_items(&mut self, items: Vec<WorkItem>) {
        let kept = self.selected_item().map(|i| i.service_id.clone());
        self.items = items;
        self.selected = kept
            .and_then(|id| self.items.iter().position(|i| i.service_id == id))
            .unwrap_or(self.selected.min(self.items.len().saturating_sub(1)));
    }

    /// Moves through the list; returns whether the action was a move.
    pub fn navigate(&mut self, action: Action) -> bool {
        match moved(action, self.selected, self.items.len(), 10) {
            Some(selected) => {
                self.selected = selected;
                true
            }
            None => false,
        }
    }
}

/// What a [`KaartNote`] is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteAbout {
    /// A desk reports what is wrong with this service.
    Report { service_id: String },
    /// The beheerder says how this report was handled.
    Resolve { report_id: i64 },
}

/// A short text about a service, typed in a small window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KaartNote {
    pub about: NoteAbout,
    /// The service's name, for the title and the confirmation.
    pub service_name: String,
    pub form: Form,
}

impl KaartNote {
    pub fn report(service_id: String, service_name: String) -> KaartNote {
        KaartNote {
            about: NoteAbout::Report { service_id },
            service_name,
            form: Form::new(vec![TextField::new(text::REPORT_LABEL, 500)]),
        }
    }

    pub fn resolve(report_id: i64, service_name: String) -> KaartNote {
        KaartNote {
            about: NoteAbout::Resolve { report_id },
            service_name,
            form: Form::new(vec![TextField::new(text::RESOLVE_LABEL, 500)]),
        }
    }

    pub fn title(&self) -> String {
        let what = match self.about {
            NoteAbout::Report { .. } => text::REPORT_SERVICE_TITLE,
            NoteAbout::Resolve { .. } => text::RESOLVE_TITLE,
        };
        format!("{what} · {}", self.service_name)
    }
}
