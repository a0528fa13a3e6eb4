//! Small-number suppression: a count under [`SUPPRESS_BELOW`] could point at one resident of a
//! small wijk, so it is shown as "<5". Suppressing one cell is not enough when the total is
//! shown (total minus the other cells gives it back), so a second cell is suppressed with it.

use std::fmt;

use super::{Breakdown, Cell};

/// Counts from 1 up to (not including) this number are suppressed.
pub const SUPPRESS_BELOW: u64 = 5;

impl Cell {
    /// The cell for a count: suppressed from 1 to 4. Zero is shown: "nobody" identifies no one,
    /// and a week without contacts must be visible as such.
    pub fn from_count(n: u64) -> Cell {
        if (1..SUPPRESS_BELOW).contains(&n) {
            Cell::Suppressed
        } else {
            Cell::Count(n)
        }
    }
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cell::Count(n) => write!(f, "{n}"),
            Cell::Suppressed => write!(f, "<{SUPPRESS_BELOW}"),
        }
    }
}

/// The cells of counts that add up to a shown total, and that total. When exactly one cell
/// is suppressed, the smallest shown non-zero cell is suppressed too, so the total cannot give
/// the first away; the total itself is suppressed when it is small.
pub(crate) fn suppress(counts: &[u64]) -> (Vec<Cell>, Cell) {
    let mut cells: Vec<Cell> = counts.iter().map(|&n| Cell::from_count(n)).collect();
    let total = Cell::from_count(counts.iter().sum());
    let suppressed = cells.iter().filter(|c| **c == Cell::Suppressed).count();
    if suppressed == 1 && total != Cell::Suppressed {
        let partner = counts
            .iter()
            .enumerate()
            // A zero partner would hide nothing: the two hidden cells would still add up
            // to the small number.
            .filter(|(i, n)| cells[*i] != Cell::Suppressed && **n > 0)
            .min_by_key(|(i, n)| (**n, *i))
            .map(|(i, _)| i);
        if let Some(i) = partner {
            cells[i] = Cell::Suppressed;
        }
    }
    (cells, total)
}

impl Breakdown {
    /// A breakdown of `rows` (category, count) that together make the whole, suppressed as in
    /// [`suppress`]. The order of the rows is kept.
    pub fn from_counts(title: &str, rows: Vec<(String, u64)>) -> Breakdown {
        let counts: Vec<u64> = rows.iter().map(|(_, n)| *n).collect();
        let (cells, total) = suppress(&counts);
        Breakdown {
            title: title.to_string(),
            rows: rows
                .into_iter()
                .zip(cells)
                .map(|((label, _), cell)| (label, cell))
                .collect(),
            total,
        }
    }
}
