//! The key hints drawn on the screens ("Enter: opslaan · Esc: terug"), with their keys read
//! from the keymap: a key a user rebound shows in the hint as it does in the help and the key
//! bar, and a part whose keys were all unbound is left out rather than promising a dead key.

use crate::store::PlanView;

use super::action::Action;
use super::keymap::{Context, Keymap};
use super::text;

/// One part of a hint: the keys of `actions` in `context`, and what they do. Without actions
/// it is plain text ("typ om te zoeken").
struct Part(Context, &'static [Action], &'static str);

/// Every key bound to one of `actions` in `context`, action by action, joined with "/".
fn keys(keymap: &Keymap, context: Context, actions: &[Action]) -> String {
    let bindings = keymap.bindings(context);
    actions
        .iter()
        .flat_map(|wanted| bindings.iter().filter(move |(_, action)| action == wanted))
        .map(|(key, _)| key.to_string())
        .collect::<Vec<_>>()
        .join("/")
}

fn hint(keymap: &Keymap, parts: &[Part]) -> String {
    parts
        .iter()
        .filter_map(|Part(context, actions, what)| {
            if actions.is_empty() {
                return Some(what.to_string());
            }
            let keys = keys(keymap, *context, actions);
            (!keys.is_empty()).then(|| format!("{keys}: {what}"))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Under the opened wachtrij item.
pub fn item_scroll(keymap: &Keymap) -> String {
    let scroll = &[
        Action::PageUp,
        Action::PageDown,
        Action::First,
        Action::Last,
    ];
    let parts = [
        Part(Context::Wachtrij, scroll, text::HINT_SCROLL),
        Part(Context::Wachtrij, &[Action::Back], text::HINT_BACK),
    ];
    format!(" {} ", hint(keymap, &parts))
}

/// The keys that cycle a row of choices in a form of text fields ("←/→").
pub fn choose_keys(keymap: &Keymap) -> String {
    keys(
        keymap,
        Context::Tekstveld,
        &[Action::CursorLeft, Action::CursorRight],
    )
}

/// Under the plan: scrolling, the versions when there are more than one, the lines when there
/// is a plan, back.
pub fn plan_keys(keymap: &Keymap, plan: Option<&PlanView>) -> String {
    let scroll = &[Action::PageUp, Action::PageDown];
    let versions = &[Action::EarlierVersion, Action::LaterVersion];
    let lines = &[Action::NextLine, Action::PreviousLine];
    let mut parts = vec![Part(Context::Plan, scroll, text::HINT_SCROLL)];
    if plan.is_some_and(|p| p.versions.len() > 1) {
        parts.push(Part(Context::Plan, versions, text::HINT_VERSIONS));
    }
    if plan.is_some() {
        parts.push(Part(Context::Plan, lines, text::HINT_LINES));
    }
    parts.push(Part(Context::Plan, &[Action::Back], text::HINT_BACK));
    format!(" {} ", hint(keymap, &parts))
}

/// Under the plan editor.
pub fn plan_editor(keymap: &Keymap) -> String {
    let c = Context::Planformulier;
    let parts = [
        Part(c, &[Action::Save], text::HINT_SAVE),
        Part(c, &[Action::AddPlanRow], text::HINT_ADD),
        Part(c, &[Action::RemovePlanRow], text::HINT_REMOVE),
        Part(c, &[Action::Back], text::HINT_BACK),
    ];
    format!(" {} ", hint(keymap, &parts))
}

/// While the wachtrij's filter is typed.
pub fn queue_filter(keymap: &Keymap) -> String {
    hint(
        keymap,
        &[
            Part(Context::Vraag, &[Action::Submit], text::HINT_KEEP),
            Part(Context::Vraag, &[Action::Back], text::HINT_CLEAR),
        ],
    )
}

/// Under a dialog with a text to type.
pub fn prompt_text(keymap: &Keymap) -> String {
    hint(
        keymap,
        &[
            Part(Context::Vraag, &[Action::Submit], text::HINT_SAVE),
            Part(Context::Vraag, &[Action::Back], text::HINT_BACK),
        ],
    )
}

/// Under a dialog with a choice first, and a note under it or not.
pub fn prompt_choice(keymap: &Keymap, note: bool) -> String {
    let mut parts = vec![Part(
        Context::Tekstveld,
        &[Action::CursorLeft, Action::CursorRight],
        text::HINT_CHOOSE,
    )];
    if note {
        let to_note = &[Action::ToggleBack, Action::Toggle];
        parts.push(Part(Context::Vraag, to_note, text::HINT_NOTE));
    }
    parts.push(Part(Context::Vraag, &[Action::Submit], text::HINT_SAVE));
    parts.push(Part(Context::Vraag, &[Action::Back], text::HINT_BACK));
    hint(keymap, &parts)
}

/// Under a dialog that picks a person or team, with a note field after it or not.
pub fn picker(keymap: &Keymap, note: bool) -> String {
    let choose = &[Action::ToggleBack, Action::Toggle];
    let mut parts = vec![
        Part(Context::Vraag, &[], text::HINT_TYPE_TO_SEARCH),
        Part(Context::Vraag, choose, text::HINT_CHOOSE),
    ];
    if note {
        parts.push(Part(Context::Vraag, &[Action::NextField], text::HINT_NOTE));
    }
    parts.push(Part(Context::Vraag, &[Action::Submit], text::HINT_SAVE));
    if !note {
        parts.push(Part(Context::Vraag, &[Action::Back], text::HINT_BACK));
    }
    hint(keymap, &parts)
}

/// Over the gesprekshulp's questions: how to answer.
pub fn answers(keymap: &Keymap) -> String {
    let part = |action, what| Part(Context::Vragen, action, what);
    hint(
        keymap,
        &[
            part(&[Action::AnswerYes], text::HINT_YES),
            part(&[Action::AnswerNo], text::HINT_NO),
            part(&[Action::AnswerUnknown], text::HINT_UNKNOWN),
            part(&[Action::AnswerSkip], text::HINT_SKIP),
        ],
    )
}

/// In the status line while the gesprekshulp has the focus.
pub fn questions_back(keymap: &Keymap) -> String {
    hint(
        keymap,
        &[
            Part(
                Context::Vragen,
                &[Action::ToggleQuestions],
                text::HINT_TO_FORM,
            ),
            Part(Context::Vragen, &[Action::Save], text::HINT_SAVE),
        ],
    )
}

/// Under the kaart's filters.
pub fn filters(keymap: &Keymap) -> String {
    let part = |actions, what| Part(Context::Filters, actions, what);
    hint(
        keymap,
        &[
            part(&[Action::Up, Action::Down], text::HINT_CHOOSE),
            part(&[Action::Toggle], text::HINT_TOGGLE_VALUE),
            part(&[], text::HINT_AGE_DIGITS),
            part(&[Action::Submit, Action::Back], text::HINT_APPLY),
            part(&[Action::ClearFilters], text::HINT_ALL_OFF),
        ],
    )
}

/// On the kaart while services are picked for the advice of an intake.
pub fn pick_advice(keymap: &Keymap, own_strength_first: bool) -> String {
    let keys = hint(
        keymap,
        &[
            Part(Context::Kaart, &[Action::Choose], text::HINT_ADD),
            Part(Context::Global, &[Action::NewIntake], text::HINT_TO_INTAKE),
        ],
    );
    let intro = match own_strength_first {
        true => text::OWN_STRENGTH_FIRST,
        false => text::PICK_ADVICE,
    };
    format!("{intro} {keys}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hint_names_the_keys_of_the_keymap_and_follows_an_override() {
        let builtin = Keymap::builtin();
        assert_eq!(prompt_text(&builtin), "Enter: opslaan · Esc: terug");
        let moved = Keymap::with_overrides("[vraag]\n\"Ctrl-O\" = \"submit\"\n").unwrap();
        assert_eq!(prompt_text(&moved), "Enter/Ctrl-O: opslaan · Esc: terug");
        // A part whose keys were all removed is left out rather than naming a dead key.
        let unbound = Keymap::with_overrides("[vraag]\n\"Esc\" = \"\"\n").unwrap();
        assert_eq!(prompt_text(&unbound), "Enter: opslaan");
    }
}
