//! Screen tests of the intake's key economy (desk-test S7): Tab passes a group, the arrows move
//! within it; Ctrl-R and Ctrl-N jump to the route and the handover note; the kaart's question
//! is carried into *Vraag* and suggests leefgebieden; *Vraag* wraps while typed; the route is
//! picked from a filtered list; a second add of the same advice says so; Delete on an advice
//! is in the key bar.

mod common;

use common::Desk;
use crossterm::event::KeyCode;
use loket::domain::intake::Route;

fn focused_line(desk: &Desk) -> String {
    desk.screen(160, 48)
        .lines()
        .find(|l| l.contains('▶'))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn tab_passes_a_group_and_the_arrows_move_within_it() {
    let mut desk = Desk::signed_in();
    desk.key(KeyCode::F(3));
    desk.focus_row("Vraag");
    desk.key(KeyCode::Tab);
    assert!(focused_line(&desk).contains("Werk & inkomen"));
    desk.key(KeyCode::Down);
    assert!(focused_line(&desk).contains("Geldzaken & schulden"));
    desk.key(KeyCode::Tab);
    assert!(focused_line(&desk).contains("Complexiteit"));
    desk.key(KeyCode::Tab);
    assert!(focused_line(&desk).contains("acute onveiligheid"));
    desk.key(KeyCode::Tab);
    assert!(
        focused_line(&desk).contains("Advies"),
        "{}",
        focused_line(&desk)
    );
    desk.key(KeyCode::Tab);
    assert!(focused_line(&desk).contains("Digitale aanvraag"));
    desk.key(KeyCode::Tab);
    assert!(focused_line(&desk).contains("Route"));
    for _ in 0..3 {
        desk.press(KeyCode::BackTab, crossterm::event::KeyModifiers::SHIFT);
    }
    assert!(focused_line(&desk).contains("acute onveiligheid"));
}

#[test]
fn ctrl_r_and_ctrl_n_jump_to_the_route_and_the_note() {
    let mut desk = Desk::signed_in();
    desk.key(KeyCode::F(3));
    desk.ctrl('n');
    assert!(focused_line(&desk).contains("Overdrachtsnotitie"));
    desk.ctrl('r');
    assert!(focused_line(&desk).contains("Route"));
    // Once there, Ctrl-R opens the list; typing filters it.
    desk.ctrl('r');
    desk.typ("sociaal");
    let screen = desk.screen(80, 24);
    assert!(screen.contains("Route kiezen"), "{screen}");
    assert!(!screen.contains("Loket Wonen"), "{screen}");
    desk.key(KeyCode::Enter);
    let form = desk.app.intake_form().unwrap();
    let weide = Route::SociaalTeam {
        wijk: "De Weide".into(),
    };
    assert_eq!(form.intake.route, Some(weide));
    // Typing on the route opens the list as well.
    desk.typ("dir");
    desk.key(KeyCode::Enter);
    let form = desk.app.intake_form().unwrap();
    assert_eq!(form.intake.route, Some(Route::Direct));
}

#[test]
fn the_kaart_question_is_carried_into_vraag_and_suggests_leefgebieden() {
    let mut desk = Desk::signed_in();
    desk.typ("brief van de deurwaarder");
    desk.key(KeyCode::F(3));
    let form = desk.app.intake_form().unwrap();
    assert_eq!(form.intake.question, "brief van de deurwaarder");
    assert!(form.suggested.contains(&"geldzaken-schulden".to_string()));
    // Suggested, not ticked: the desk decides.
    assert!(form.intake.leefgebieden.is_empty());
    let screen = desk.screen(80, 24);
    assert!(screen.contains("Vraag overgenomen"), "{screen}");
    desk.focus_row("Vraag");
    desk.key(KeyCode::Tab);
    assert!(
        focused_line(&desk).contains("Geldzaken & schulden  ◀ past bij de vraag"),
        "{}",
        focused_line(&desk)
    );
    desk.snapshot("intake_carried_question");
}

#[test]
fn vraag_shows_everything_typed_while_typing() {
    let mut desk = Desk::signed_in();
    desk.key(KeyCode::F(3));
    desk.focus_row("Vraag");
    let story = "Dochter belt over moeder van 82, wordt vergeetachtig, woont alleen, \
                 buurvrouw maakt zich zorgen. Wil weten welke hulp er is en wie kan komen kijken.";
    desk.typ(story);
    let screen = desk.screen(80, 24);
    for piece in ["Dochter belt over", "buurvrouw", "wie kan komen kijken."] {
        assert!(screen.contains(piece), "{piece:?} not in sight:\n{screen}");
    }
    desk.snapshot("intake_vraag_typing");
}

#[test]
fn a_second_add_says_already_added_and_delete_is_in_the_key_bar() {
    let mut desk = Desk::signed_in();
    desk.key(KeyCode::F(3));
    desk.focus_row("Vraag");
    desk.typ("Schulden");
    desk.key(KeyCode::F(2));
    desk.typ("voedselbank");
    desk.key(KeyCode::Enter);
    assert!(desk.screen(80, 24).contains("Toegevoegd aan het advies"));
    desk.key(KeyCode::Enter);
    let screen = desk.screen(80, 24);
    assert!(screen.contains("Al toegevoegd aan het advies"), "{screen}");
    desk.key(KeyCode::F(3));
    desk.focus_row("• Voedselbank");
    let screen = desk.screen(80, 24);
    let bar = screen.lines().last().unwrap();
    assert!(bar.contains("Delete") && bar.contains("Weghalen"), "{bar}");
    desk.key(KeyCode::Delete);
    assert!(desk.app.intake_form().unwrap().intake.advice.is_empty());
}
