//! The filter form of the kaart screen (Ctrl-F): leefgebieden, wijk, laag, age, free, no
//! referral, open now — chosen with arrows, Space and digits.

use strum::VariantArray;

use crate::domain::Laag;
use crate::search::{Catalog, Filters};

use super::action::Action;
use super::form::FieldKind;

/// One row of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Leefgebied(usize),
    Wijk,
    Laag,
    Age,
    Free,
    NoReferral,
    OpenNow,
}

impl Row {
    /// How the row is set; the age is typed (digits).
    pub fn kind(self) -> Option<FieldKind> {
        match self {
            Row::Age => None,
            Row::Wijk | Row::Laag => Some(FieldKind::Choice),
            Row::Leefgebied(_) | Row::Free | Row::NoReferral | Row::OpenNow => {
                Some(FieldKind::Checkbox)
            }
        }
    }
}

/// The filters being chosen; applied only on Enter.
#[derive(Debug, Clone, PartialEq)]
pub struct FilterForm {
    pub leefgebied_codes: Vec<String>,
    pub leefgebieden: Vec<bool>,
    pub wijken: Vec<String>,
    pub wijk: Option<usize>,
    pub laag: Option<Laag>,
    pub age: String,
    pub free: bool,
    pub no_referral: bool,
    pub open_now: bool,
    pub cursor: usize,
}

impl FilterForm {
    pub fn new(catalog: &Catalog, filters: &Filters, open_now: bool) -> FilterForm {
        let leefgebied_codes: Vec<String> = catalog
            .leefgebieden
            .all()
            .iter()
            .map(|l| l.code.clone())
            .collect();
        let wijken: Vec<String> = catalog
            .index
            .wijken()
            .into_iter()
            .map(String::from)
            .collect();
        FilterForm {
            leefgebieden: leefgebied_codes
                .iter()
                .map(|c| filters.leefgebieden.contains(c))
                .collect(),
            leefgebied_codes,
            wijk: filters
                .wijk
                .as_ref()
                .and_then(|w| wijken.iter().position(|x| x == w)),
            wijken,
            laag: filters.laag,
            age: filters.age.map(|a| a.to_string()).unwrap_or_default(),
            free: filters.free_only,
            no_referral: filters.no_referral_only,
            open_now,
            cursor: 0,
        }
    }

    pub fn focused(&self) -> Row {
        self.rows()[self.cursor]
    }

    pub fn rows(&self) -> Vec<Row> {
        let mut rows: Vec<Row> = (0..self.leefgebied_codes.len())
            .map(Row::Leefgebied)
            .collect();
        rows.extend([
            Row::Wijk,
            Row::Laag,
            Row::Age,
            Row::Free,
            Row::NoReferral,
            Row::OpenNow,
        ]);
        rows
    }

    /// Applies a key's action; returns whether the form used it.
    pub fn handle(&mut self, action: Action) -> bool {
        let rows = self.rows();
        match action {
            Action::Up | Action::PreviousField => {
                self.cursor = (self.cursor + rows.len() - 1) % rows.len()
            }
            Action::Down | Action::NextField => self.cursor = (self.cursor + 1) % rows.len(),
            Action::Toggle => self.toggle(rows[self.cursor]),
            Action::Insert(c)
                if rows[self.cursor] == Row::Age && c.is_ascii_digit() && self.age.len() < 3 =>
            {
                self.age.push(c)
            }
            Action::Insert(' ') => self.toggle(rows[self.cursor]),
            Action::DeleteLeft if rows[self.cursor] == Row::Age => {
                self.age.pop();
            }
            _ => return false,
        }
        true
    }

    fn toggle(&mut self, row: Row) {
        match row {
            Row::Leefgebied(i) => self.leefgebieden[i] = !self.leefgebieden[i],
            Row::Wijk => {
                self.wijk = match self.wijk {
                    None if !self.wijken.is_empty() => Some(0),
                    Some(i) if i + 1 < self.wijken.len() => Some(i + 1),
                    _ => None,
                }
            }
            Row::Laag => {
                self.laag = match self.laag {
                    None => Some(Laag::VARIANTS[0]),
                    Some(l) => Laag::VARIANTS
                        .iter()
                        .position(|x| *x == l)
                        .and_then(|i| Laag::VARIANTS.get(i + 1).copied()),
                }
            }
            Row::Age => self.age.clear(),
            Row::Free => self.free = !self.free,
            Row::NoReferral => self.no_referral = !self.no_referral,
            Row::OpenNow => self.open_now = !self.open_now,
        }
    }

    /// The chosen filters (without the moment: "open now" is evaluated at every search).
    pub fn filters(&self) -> (Filters, bool) {
        let filters = Filters {
            leefgebieden: self
                .leefgebied_codes
                .iter()
                .zip(&self.leefgebieden)
                .filter(|(_, on)| **on)
                .map(|(code, _)| code.clone())
                .collect(),
            wijk: self.wijk.map(|i| self.wijken[i].clone()),
            laag: self.laag,
            age: Filters::parse_age(&self.age).ok(),
            free_only: self.free,
            no_referral_only: self.no_referral,
            open_at: None,
            include_inactive: false,
        };
        (filters, self.open_now)
    }
}
