//! Moving the selection of a list: one rule for every list on every screen.

use super::action::Action;

/// Where the selection goes in a list of `len` items for a movement action, or `None` when
/// the action does not move it. `page` is how many rows a page is.
pub fn moved(action: Action, selected: usize, len: usize, page: usize) -> Option<usize> {
    let last = len.saturating_sub(1);
    Some(match action {
        Action::Up => selected.saturating_sub(1),
        Action::Down => (selected + 1).min(last),
        Action::PageUp => selected.saturating_sub(page),
        Action::PageDown => (selected + page).min(last),
        Action::First => 0,
        Action::Last => last,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_stay_inside_the_list() {
        assert_eq!(moved(Action::Up, 0, 5, 10), Some(0));
        assert_eq!(moved(Action::Down, 4, 5, 10), Some(4));
        assert_eq!(moved(Action::PageDown, 1, 5, 3), Some(4));
        assert_eq!(moved(Action::PageUp, 4, 5, 3), Some(1));
        assert_eq!(moved(Action::Last, 0, 0, 3), Some(0));
        assert_eq!(moved(Action::Submit, 2, 5, 3), None);
    }
}
