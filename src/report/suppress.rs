//! Small-number protection. A count under [`SUPPRESS_BELOW`] could point at one resident of a
//! small wijk, so it is shown as "<5". Suppressing a cell is not enough when the total is
//! shown (total minus the other cells gives it back), so other cells are hidden with it. A
//! hidden cell is not small: it is shown as "×", so nobody reads a hidden 19 as "<5".
//!
//! Suppression alone does not survive two reports over overlapping periods: 48 contacts on
//! one leefgebied from the 3rd and 47 from the 4th give away the one contact of the 3rd. So
//! every other count is rounded to the nearest multiple of [`ROUND_TO`] (the rule CBS uses for
//! its tables): the difference of any two shown counts, of any two reports, is then 0 or at
//! least 5 and never says how many there really were. Totals are rounded on their own, so the
//! rows may add up to a little more or less than the total shown. The hidden cells are chosen
//! on the exact counts, as if a reader knew them: rounding only leaves a reader less to go on.

use std::fmt;

use super::{Breakdown, Cell, Share};

/// Counts from 1 up to (not including) this number are suppressed.
pub const SUPPRESS_BELOW: u64 = 5;
/// Every count that is shown is a multiple of this.
pub const ROUND_TO: u64 = 5;

/// How a hidden cell or share is shown in every output; the legend explains it.
pub const HIDDEN: &str = "×";

impl Cell {
    /// The cell for a count: suppressed from 1 to 4, otherwise rounded to the nearest multiple
    /// of [`ROUND_TO`] (halves up, so 5 to 7 show as 5). Zero is shown: "nobody" identifies no
    /// one, and a week without contacts must be visible as such.
    pub fn from_count(n: u64) -> Cell {
        if is_small(n) {
            Cell::Suppressed
        } else {
            Cell::Count(n.saturating_add(ROUND_TO / 2) / ROUND_TO * ROUND_TO)
        }
    }
}

fn is_small(n: u64) -> bool {
    (1..SUPPRESS_BELOW).contains(&n)
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cell::Count(n) => write!(f, "{n}"),
            Cell::Suppressed => write!(f, "<{SUPPRESS_BELOW}"),
            Cell::Hidden => f.write_str(HIDDEN),
        }
    }
}

impl Share {
    /// `part` of `whole`, hidden when the part or the rest is a small number: a percentage of
    /// a known count gives that count back.
    pub fn of(part: u64, whole: u64) -> Share {
        if is_small(part) || is_small(whole - part) {
            Share::Hidden
        } else {
            Share::Value(part as f64 / whole as f64)
        }
    }
}

/// Whether every "<5" cell may still be anything from 1 to 4 for a reader who knows that the
/// hidden cells add up to `hidden_sum`, that each "<5" cell is 1 to 4 and each of the
/// `partners` ("×") at least [`SUPPRESS_BELOW`].
fn undetermined(hidden_sum: u64, small: u64, partners: u64) -> bool {
    let top = SUPPRESS_BELOW - 1;
    let others_at_least = (small - 1) + partners * SUPPRESS_BELOW;
    // A cell is at most what the others leave of the sum, and, without partners, at least
    // what the others cannot hold.
    let high_enough = hidden_sum >= others_at_least + top;
    let low_enough = partners > 0 || hidden_sum <= (small - 1) * top + 1;
    high_enough && low_enough
}

/// The cells of counts that add up to a shown total, and that total. When the total would
/// narrow a suppressed cell down, shown cells are hidden with it: the smallest one that is
/// enough, else the largest ones until it is enough (or none are left). A small total is
/// suppressed itself and needs no partner.
pub(crate) fn suppress(counts: &[u64]) -> (Vec<Cell>, Cell) {
    let mut cells: Vec<Cell> = counts.iter().map(|&n| Cell::from_count(n)).collect();
    let total = Cell::from_count(counts.iter().sum());
    let small: Vec<u64> = counts.iter().copied().filter(|n| is_small(*n)).collect();
    if small.is_empty() || total == Cell::Suppressed {
        return (cells, total);
    }
    let small_sum: u64 = small.iter().sum();
    // A zero partner would hide nothing.
    let mut candidates: Vec<(u64, usize)> = counts
        .iter()
        .enumerate()
        .filter(|(i, n)| cells[*i] != Cell::Suppressed && **n > 0)
        .map(|(i, n)| (*n, i))
        .collect();
    candidates.sort();
    let m = small.len() as u64;
    let partners: Vec<usize> = if undetermined(small_sum, m, 0) {
        Vec::new()
    } else if let Some((_, i)) = candidates
        .iter()
        .find(|(n, _)| undetermined(small_sum + n, m, 1))
    {
        vec![*i]
    } else {
        // No one cell is enough: the largest together, as far as it takes.
        let mut chosen = Vec::new();
        let mut sum = small_sum;
        for (n, i) in candidates.iter().rev() {
            if undetermined(sum, m, chosen.len() as u64) {
                break;
            }
            chosen.push(*i);
            sum += n;
        }
        chosen
    };
    for i in partners {
        cells[i] = Cell::Hidden;
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
