//! Small-number protection. A count under [`SUPPRESS_BELOW`] could point at one resident of a
//! small wijk, so it is shown as "<5". Suppressing one cell is not enough when the total is
//! shown (total minus the other cells gives it back), so a second cell is suppressed with it.
//!
//! Suppression alone does not survive two reports over overlapping periods: 48 contacts on
//! one leefgebied from the 3rd and 47 from the 4th give away the one contact of the 3rd. So
//! every other count is rounded to the nearest multiple of [`ROUND_TO`] (the rule CBS uses for
//! its tables): the difference of any two shown counts, of any two reports, is then 0 or at
//! least 5 and never says how many there really were. Totals are rounded on their own, so the
//! rows may add up to a little more or less than the total shown.

use std::fmt;

use super::{Breakdown, Cell};

/// Counts from 1 up to (not including) this number are suppressed.
pub const SUPPRESS_BELOW: u64 = 5;
/// Every count that is shown is a multiple of this.
pub const ROUND_TO: u64 = 5;

impl Cell {
    /// The cell for a count: suppressed from 1 to 4, otherwise rounded to the nearest multiple
    /// of [`ROUND_TO`] (halves up, so 5 to 7 show as 5). Zero is shown: "nobody" identifies no
    /// one, and a week without contacts must be visible as such.
    pub fn from_count(n: u64) -> Cell {
        if (1..SUPPRESS_BELOW).contains(&n) {
            Cell::Suppressed
        } else {
            Cell::Count(n.saturating_add(ROUND_TO / 2) / ROUND_TO * ROUND_TO)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_suppressed_or_rounded_to_fives() {
        let shown: Vec<String> = [0, 1, 4, 5, 7, 8, 12, 13, 47, 48, u64::MAX]
            .map(|n| Cell::from_count(n).to_string())
            .to_vec();
        assert_eq!(
            shown,
            [
                "0",
                "<5",
                "<5",
                "5",
                "5",
                "10",
                "10",
                "15",
                "45",
                "50",
                "18446744073709551615"
            ]
        );
    }

    #[test]
    fn two_shown_counts_never_differ_by_less_than_five() {
        for a in 0..200u64 {
            for b in a..a + 10 {
                if let (Cell::Count(x), Cell::Count(y)) = (Cell::from_count(a), Cell::from_count(b))
                {
                    let difference = y - x;
                    assert!(difference == 0 || difference >= 5, "{a} {b}");
                    assert_eq!(difference % ROUND_TO, 0);
                }
            }
        }
    }
}
