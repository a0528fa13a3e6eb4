//! The lists of the plan editor: steps of the tijdpad, lines of the arrangement and afspraken,
//! added where the focus is and taken out again (the plan keeps one step and one line).

use crate::domain::Laag;

use super::super::text;
use super::{PlanEditor, Row, RowKind, row};

/// Which list a row belongs to, for adding and removing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum List {
    Tijdpad,
    Arrangement,
    Afspraken,
}

impl PlanEditor {
    fn list_of(kind: &RowKind) -> Option<List> {
        match kind {
            RowKind::Milestone => Some(List::Tijdpad),
            RowKind::Laag(_) | RowKind::What | RowKind::Who | RowKind::From => {
                Some(List::Arrangement)
            }
            RowKind::AfspraakWho | RowKind::AfspraakWhat | RowKind::AfspraakBy => {
                Some(List::Afspraken)
            }
            _ => None,
        }
    }

    /// The first and one-past-last row of the list item the focus is in.
    fn item_at(&self, at: usize) -> Option<(List, usize, usize)> {
        let list = Self::list_of(&self.rows.get(at)?.kind)?;
        let size = match list {
            List::Tijdpad => 1,
            List::Arrangement => 4,
            List::Afspraken => 3,
        };
        let first = (0..=at)
            .rev()
            .find(|&i| {
                matches!(
                    (list, &self.rows[i].kind),
                    (List::Tijdpad, RowKind::Milestone)
                        | (List::Arrangement, RowKind::Laag(_))
                        | (List::Afspraken, RowKind::AfspraakWho)
                )
            })
            .unwrap_or(at);
        Some((list, first, first + size))
    }

    /// Where a new item of `list` goes when the focus is not in that list: after its last
    /// item, else where its part begins.
    fn end_of(&self, list: List) -> usize {
        let last = self
            .rows
            .iter()
            .rposition(|r| Self::list_of(&r.kind) == Some(list));
        let part_begins = |r: &Row| match list {
            List::Tijdpad => Self::list_of(&r.kind).is_some() || r.kind == RowKind::Contribution,
            List::Arrangement => r.kind == RowKind::Contribution,
            List::Afspraken => r.kind == RowKind::Duration,
        };
        last.map(|i| i + 1)
            .or_else(|| self.rows.iter().position(part_begins))
            .unwrap_or(self.rows.len())
    }

    /// Adds an item to `list` at row `at` (default: the end of its part), focused.
    pub(super) fn add(&mut self, list: List, at: Option<usize>) {
        let at = at.unwrap_or_else(|| self.end_of(list));
        let tail = self.rows.split_off(at);
        match list {
            List::Tijdpad => self
                .rows
                .push(row(RowKind::Milestone, text::LABEL_MILESTONE, "")),
            List::Arrangement => {
                let id = self.next_line;
                self.next_line += 1;
                self.push_line(id, Laag::EigenKracht, "", "");
            }
            List::Afspraken => self.push_afspraak("", "", ""),
        }
        self.rows.extend(tail);
        self.focus = at;
    }

    /// A new item in the list the focus is in, or a new afspraak elsewhere.
    pub fn add_here(&mut self) {
        match self.item_at(self.focus) {
            Some((list, _, end)) => self.add(list, Some(end)),
            None if self.rows[self.focus].kind == RowKind::Contribution => {
                self.add(List::Arrangement, None)
            }
            None => self.add(List::Afspraken, None),
        }
        self.message = None;
    }

    /// Takes out the list item the focus is in; the last line of the arrangement and the last
    /// step of the tijdpad stay (the plan needs one).
    pub fn remove_here(&mut self) {
        let Some((list, first, end)) = self.item_at(self.focus) else {
            self.message = Some(text::NOTHING_TO_REMOVE.to_string());
            return;
        };
        let count = self
            .rows
            .iter()
            .filter(|r| Self::list_of(&r.kind) == Some(list))
            .count();
        if list != List::Afspraken && count == end - first {
            self.message = Some(text::KEEP_ONE.to_string());
            return;
        }
        self.rows.drain(first..end);
        self.focus = first.min(self.rows.len() - 1);
        self.message = None;
    }
}
