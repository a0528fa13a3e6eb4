//! Screen tests of the gesprekshulp panel (desk-test S4): every question can be read whole at
//! 80×24 and at 120×40, and the questions that count for the route are marked ⚑ before they
//! are answered.

mod common;

use common::Desk;
use crossterm::event::KeyCode;

/// The text of the panel: per screen row the last bordered column, joined with spaces.
fn panel_text(screen: &str) -> String {
    screen
        .lines()
        .filter_map(|row| {
            let parts: Vec<&str> = row.split('│').collect();
            (parts.len() >= 3).then(|| parts[parts.len() - 2].trim().to_string())
        })
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn desk_with_questions() -> Desk {
    let mut desk = Desk::signed_in();
    desk.key(KeyCode::F(3));
    for leefgebied in ["Geldzaken & schulden", "Mantelzorg", "Wonen"] {
        desk.focus_row(leefgebied);
        desk.key(KeyCode::Char(' '));
    }
    desk.ctrl('v');
    desk
}

fn questions(desk: &Desk) -> Vec<(String, bool)> {
    let form = desk.app.intake_form().unwrap();
    desk.app
        .intake_question_sets()
        .for_intake(&form.intake.leefgebieden)
        .iter()
        .flat_map(|set| set.questions.iter())
        .map(|q| (q.text.clone(), q.is_route_relevant()))
        .collect()
}

#[test]
fn every_question_is_readable_whole_at_80x24_and_120x40() {
    let mut desk = desk_with_questions();
    let all = questions(&desk);
    assert!(all.len() > 10, "{all:?}");
    for (i, (question, _)) in all.iter().enumerate() {
        for (width, height) in [(80, 24), (120, 40)] {
            let screen = desk.screen(width, height);
            let text = panel_text(&screen);
            let words: String = question.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                text.contains(&words),
                "question {i} not whole at {width}×{height}: {question}\n{screen}"
            );
        }
        desk.key(KeyCode::Down);
    }
    desk.key(KeyCode::Home);
    desk.snapshot("gesprekshulp_wrapped");
}

#[test]
fn route_questions_are_marked_before_they_are_answered() {
    let desk = desk_with_questions();
    let screen = desk.screen(120, 40);
    assert!(screen.contains("⚑ telt mee voor de route"), "{screen}");
    let flagged = screen.lines().filter(|l| l.contains("[   ]⚑")).count();
    let relevant = questions(&desk).iter().filter(|(_, r)| *r).count();
    assert!(relevant > 0);
    assert!(flagged > 0, "{screen}");
    assert!(flagged <= relevant, "{screen}");
    assert!(
        screen.lines().any(|l| l.contains("[   ] ")),
        "questions for the conversation only have no ⚑: {screen}"
    );
}
