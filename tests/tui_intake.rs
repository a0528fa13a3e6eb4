//! Screen tests of the intake (F3): the form, the live route advice, the acute banner, saving
//! a handover into the queue, and getting a draft back after a crash.

mod common;

use common::Desk;
use crossterm::event::KeyCode;
use loket::domain::household_query;
use loket::tui::{Overlay, View};

fn intake_view(desk: &Desk) -> bool {
    matches!(&desk.app.phase, loket::tui::Phase::Working(s) if s.view == View::Intake)
}

/// Debts and a partner who hits her: meervoudig, with acute danger in the question.
fn fill_debts_and_violence(desk: &mut Desk) {
    desk.focus_row("Naam");
    desk.typ("Fatima El Amrani");
    desk.focus_row("Telefoon");
    desk.typ("06 12345678");
    desk.focus_row("Postcode");
    desk.typ("7305 AB");
    desk.focus_row("Vraag");
    desk.typ("Ik heb schulden en mijn man slaat me als ik erover begin.");
    desk.focus_row("Geldzaken & schulden");
    desk.key(KeyCode::Char(' '));
    desk.focus_row("Veiligheid & huiselijk geweld");
    desk.key(KeyCode::Char(' '));
    desk.focus_row("Complexiteit");
    desk.key(KeyCode::Char(' '));
    desk.key(KeyCode::Char(' '));
    desk.focus_row("Toestemming delen");
    desk.key(KeyCode::Char(' '));
}

#[test]
fn the_empty_form() {
    let mut desk = Desk::signed_in();
    desk.key(KeyCode::F(3));
    assert!(intake_view(&desk));
    desk.snapshot("intake_empty");
}

#[test]
fn a_meervoudig_complex_intake_goes_to_the_sociaal_team_of_the_wijk() {
    let mut desk = Desk::signed_in();
    desk.key(KeyCode::F(3));
    desk.focus_row("Postcode");
    desk.typ("7305 AB");
    desk.focus_row("Vraag");
    desk.typ("Huurachterstand, zoon spijbelt en er is weinig geld voor eten.");
    for leefgebied in ["Wonen", "Opvoeden & opgroeien", "Geldzaken & schulden"] {
        desk.focus_row(leefgebied);
        desk.key(KeyCode::Char(' '));
    }
    desk.focus_row("Complexiteit");
    desk.key(KeyCode::Right);
    desk.key(KeyCode::Right);
    let screen = desk.screen(80, 24);
    assert!(screen.contains("Sociaal Team De Weide"), "{screen}");
    desk.snapshot("intake_meervoudig_complex");
}

#[test]
fn danger_words_show_the_acute_banner_and_force_spoed() {
    let mut desk = Desk::signed_in();
    desk.key(KeyCode::F(3));
    fill_debts_and_violence(&mut desk);
    let screen = desk.screen(80, 24);
    assert!(
        screen.contains("0800-2000") && screen.contains("112"),
        "{screen}"
    );
    desk.snapshot("intake_acute");
}

#[test]
fn saving_a_handover_puts_it_in_the_queue_and_keeps_input_on_errors() {
    let mut desk = Desk::signed_in();
    desk.key(KeyCode::F(3));
    fill_debts_and_violence(&mut desk);
    // No note yet: refused, with the reason under the field, and nothing typed is lost.
    desk.ctrl('s');
    let screen = desk.screen(160, 48);
    assert!(screen.contains("Niet opgeslagen"), "{screen}");
    assert!(screen.contains("Fatima El Amrani"));
    desk.focus_row("Overdrachtsnotitie");
    desk.typ("Mevrouw durft niet naar huis; schulden bij energie en zorgverzekering.");
    // Two services from the kaart as advice.
    desk.key(KeyCode::F(2));
    desk.typ("veilig thuis");
    desk.key(KeyCode::Enter);
    desk.ctrl('u');
    desk.typ("schuldhulpverlening");
    desk.key(KeyCode::Enter);
    desk.key(KeyCode::F(3));
    let advice = &desk.app.intake_form().unwrap().intake.advice;
    assert_eq!(
        advice,
        &["svc-veilig-thuis", "svc-schuldhulpverlening"],
        "in piramide order"
    );
    desk.ctrl('s');
    let screen = desk.screen(160, 48);
    assert!(screen.contains("Intake opgeslagen"), "{screen}");
    assert!(screen.contains("Expertiseteam"), "{screen}");
    let user = desk.app.user().unwrap().clone();
    let identifier = household_query::identifier("Fatima El Amrani 7305 AB").unwrap();
    let found = desk
        .app
        .store
        .find_households(&identifier, &user, "test", chrono::Utc::now())
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].open_tracks.len(),
        1,
        "the handover waits in the queue"
    );
    assert!(
        !desk.app.intake_form().unwrap().has_input(),
        "a fresh form after saving"
    );
}

#[test]
fn a_draft_survives_a_crash_and_is_offered_at_the_next_sign_in() {
    let mut desk = Desk::signed_in();
    desk.key(KeyCode::F(3));
    desk.focus_row("Vraag");
    desk.typ("Mijn moeder wordt vergeetachtig");
    desk.app
        .tick(std::time::Instant::now() + std::time::Duration::from_secs(3));
    // The terminal is gone: a new app on the same database, Anna signs in again.
    let mut again = Desk::reopen(desk);
    again.sign_in("Anna de Vries", "48213");
    assert!(matches!(
        again.app.overlay,
        Some(Overlay::ConfirmDraft { .. })
    ));
    again.snapshot("intake_draft_prompt");
    again.key(KeyCode::Char('j'));
    assert!(intake_view(&again));
    assert_eq!(
        again.app.intake_form().unwrap().intake.question,
        "Mijn moeder wordt vergeetachtig"
    );
}

#[test]
fn my_contacts_of_today_reopen_an_intake_for_correction() {
    let mut desk = Desk::signed_in();
    desk.key(KeyCode::F(3));
    desk.focus_row("Vraag");
    desk.typ("Waar is de voedselbank in De Weide?");
    desk.focus_row("Geldzaken & schulden");
    desk.key(KeyCode::Char(' '));
    desk.ctrl('s');
    assert!(
        desk.screen(160, 48).contains("Intake opgeslagen"),
        "{}",
        desk.screen(160, 48)
    );
    desk.ctrl('o');
    assert!(desk.screen(160, 48).contains("voedselbank"));
    desk.key(KeyCode::Enter);
    assert!(desk.app.intake_form().unwrap().editing.is_some());
    assert!(desk.screen(160, 48).contains("verbeteren"));
}

#[test]
fn a_save_that_cannot_be_written_keeps_everything_and_can_be_retried() {
    let mut desk = Desk::signed_in();
    desk.key(KeyCode::F(3));
    desk.focus_row("Vraag");
    desk.typ("Waar kan ik terecht met vragen over mijn huur?");
    desk.focus_row("Wonen");
    desk.key(KeyCode::Char(' '));
    // Another process makes every write fail, as a full or read-only disk would.
    let conn = rusqlite::Connection::open(desk.dir.path().join("loket.db")).unwrap();
    conn.execute_batch(
        "CREATE TRIGGER schijf_vol BEFORE INSERT ON intakes
         BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;",
    )
    .unwrap();
    desk.ctrl('s');
    let screen = desk.screen(160, 48);
    assert!(screen.contains("Opslaan is niet gelukt"), "{screen}");
    assert!(
        screen.contains("vragen over mijn huur"),
        "what was typed is still there"
    );
    assert!(
        desk.app
            .store
            .intakes_of(
                desk.app.user().unwrap().id,
                chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
                chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
            )
            .unwrap()
            .is_empty()
    );
    // The disk has room again: the same form saves.
    conn.execute_batch("DROP TRIGGER schijf_vol;").unwrap();
    desk.ctrl('s');
    assert!(
        desk.screen(160, 48).contains("Intake opgeslagen"),
        "{}",
        desk.screen(160, 48)
    );
}

#[test]
fn linking_a_known_household_is_logged_with_its_id_only() {
    let mut desk = Desk::signed_in();
    desk.key(KeyCode::F(3));
    fill_debts_and_violence(&mut desk);
    desk.focus_row("Overdrachtsnotitie");
    desk.typ("Mevrouw durft niet naar huis.");
    desk.ctrl('s');
    assert!(
        desk.screen(160, 48).contains("Intake opgeslagen"),
        "{}",
        desk.screen(160, 48)
    );

    desk.key(KeyCode::F(3));
    desk.focus_row("Huishouden");
    desk.key(KeyCode::Char(' '));
    // A first name says nothing (security-probe #3); name and postcode do, and to a
    // volunteer only that the household is known, where and who directs it.
    desk.typ("Fatima");
    assert!(!desk.screen(160, 48).contains("bekend huishouden"));
    desk.typ(" El Amrani 7305 AB");
    let screen = desk.screen(160, 48);
    assert!(
        screen.contains("bekend huishouden, lopend traject bij Expertiseteam"),
        "{screen}"
    );
    assert!(!screen.contains("Fatima El Amrani,"), "{screen}");
    desk.key(KeyCode::Enter);
    let audit = desk.app.store.audit_rows().unwrap();
    let linked = audit
        .iter()
        .find(|r| r[2] == "huishouden koppelen")
        .expect("the link is logged");
    assert!(linked[3].starts_with("huishouden:"), "{linked:?}");
    assert!(audit.iter().all(|r| !r.join(" ").contains("Fatima")));
}

#[test]
fn the_gesprekshulp_guides_a_deurwaarder_call_and_only_the_deciding_answer_is_kept() {
    let mut desk = Desk::signed_in();
    desk.key(KeyCode::F(3));
    desk.focus_row("Vraag");
    desk.typ("Ik heb een brief van de deurwaarder gekregen.");
    desk.focus_row("Geldzaken & schulden");
    desk.key(KeyCode::Char(' '));
    assert!(
        desk.screen(80, 24).contains("Ctrl-V"),
        "the way to the questions"
    );
    desk.ctrl('v');
    let screen = desk.screen(80, 24);
    assert!(screen.contains("deurwaarder geweest"), "{screen}");
    // Achterstanden: ja (guidance only); beslag: ja (decides the route); then skip one.
    desk.key(KeyCode::Char('j'));
    desk.key(KeyCode::Char('j'));
    desk.key(KeyCode::Char(' '));
    let screen = desk.screen(80, 24);
    assert!(screen.contains("⚑ 1 ja telt mee voor de route"), "{screen}");
    desk.snapshot("intake_questions");
    let advice = desk.app.route_advice().unwrap();
    assert!(
        advice.suggestion.why.contains("deurwaarder"),
        "the why names the answer: {}",
        advice.suggestion.why
    );
    assert!(
        advice.suggestion.why.contains("Loket Geldzaken"),
        "{}",
        advice.suggestion.why
    );

    desk.key(KeyCode::Esc);
    desk.focus_row("Telefoon");
    desk.typ("06 12345678");
    desk.focus_row("Toestemming delen");
    desk.key(KeyCode::Char(' '));
    desk.focus_row("Overdrachtsnotitie");
    desk.typ("Brief van de deurwaarder, beslag op loon.");
    desk.ctrl('s');
    let screen = desk.screen(160, 48);
    assert!(screen.contains("Intake opgeslagen"), "{screen}");
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let user = desk.app.user().unwrap().id;
    let mine = desk.app.store.intakes_of(user, day, day).unwrap();
    let saved = desk
        .app
        .store
        .intake_unchecked(mine[0].id)
        .unwrap()
        .unwrap();
    let kept: Vec<&str> = saved
        .answers
        .iter()
        .map(|a| a.question_id.as_str())
        .collect();
    assert_eq!(kept, ["geldzaken-schulden/beslag"]);
}

#[test]
fn eigen_kracht_answers_put_the_lower_layers_first_in_the_picker() {
    use loket::domain::Laag;
    let mut desk = Desk::signed_in();
    desk.key(KeyCode::F(3));
    desk.focus_row("Vraag");
    desk.typ("Ik zit veel alleen thuis.");
    desk.focus_row("Meedoen & ontmoeten");
    desk.key(KeyCode::Char(' '));
    desk.ctrl('v');
    // Past the six meedoen questions and "Wat heeft u zelf al geprobeerd?" to
    // "Kunt u dit met een beetje uitleg zelf regelen?": ja.
    for _ in 0..7 {
        desk.key(KeyCode::Char(' '));
    }
    desk.key(KeyCode::Char('j'));
    desk.key(KeyCode::Esc);
    desk.focus_row("+ dienst toevoegen");
    desk.key(KeyCode::Enter);
    let screen = desk.screen(80, 24);
    assert!(screen.contains("Eigen kracht eerst"), "{screen}");
    desk.typ("eenzaam");
    let catalog = desk.app.catalog.clone().unwrap();
    let lower: Vec<bool> = desk
        .app
        .kaart
        .results
        .hits
        .iter()
        .map(|hit| {
            matches!(
                catalog.index.line(hit.doc).laag,
                Some(Laag::EigenKracht | Laag::SociaalNetwerk | Laag::Algemeen)
            )
        })
        .collect();
    assert!(lower.iter().any(|l| !l), "the search has higher layers too");
    let first_higher = lower.iter().position(|l| !l).unwrap();
    assert!(
        lower[first_higher..].iter().all(|l| !l),
        "every lower layer comes before the first higher one: {lower:?}"
    );
}

#[test]
fn the_beheerders_question_file_replaces_a_set_and_a_broken_one_is_named() {
    use loket::interop::QuestionSource;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wonen.toml"),
        "titel = \"Wonen\"\n[[vraag]]\nid = \"lift\"\ntekst = \"Werkt de lift in uw flat?\"\n\
         [[vraag]]\nid = \"sleutel\"\ntekst = \"Heeft u een reservesleutel?\"\n\
         [[vraag]]\nid = \"buren\"\ntekst = \"Kent u uw buren?\"\n\
         [[vraag]]\nid = \"trap\"\ntekst = \"Lukt de trap nog?\"\n",
    )
    .unwrap();
    let mut desk = Desk::signed_in();
    desk.app
        .load_questions(QuestionSource::new(Some(dir.path().to_path_buf())));
    desk.key(KeyCode::F(3));
    desk.focus_row("Wonen");
    desk.key(KeyCode::Char(' '));
    desk.ctrl('v');
    assert!(desk.screen(80, 24).contains("Werkt de lift in uw flat?"));

    std::fs::write(
        dir.path().join("wonen.toml"),
        "titel = \"Wonen\"\n[[vraag]]\nid = 3\n",
    )
    .unwrap();
    desk.app
        .tick(std::time::Instant::now() + std::time::Duration::from_secs(1));
    let screen = desk.screen(160, 48);
    assert!(screen.contains("Vragenlijst niet gebruikt"), "{screen}");
    assert!(screen.contains("wonen.toml"), "{screen}");
    assert!(
        !screen.contains("Werkt de lift"),
        "the built-in set is back"
    );
}

#[test]
fn two_questions_in_one_call_survive_a_crash_and_are_saved_together() {
    let mut desk = Desk::signed_in();
    desk.key(KeyCode::F(3));
    desk.focus_row("Naam");
    desk.typ("Ria Jansen");
    desk.focus_row("Telefoon");
    desk.typ("06 12345678");
    desk.focus_row("Vraag");
    desk.typ("Ik kan de trap niet meer op en wil een traplift.");
    desk.focus_row("Zorg & ondersteuning (Wmo)");
    desk.key(KeyCode::Char(' '));
    desk.focus_row("Complexiteit");
    desk.key(KeyCode::Char(' '));
    desk.focus_row("Toestemming delen");
    desk.key(KeyCode::Char(' '));
    desk.focus_row("Overdrachtsnotitie");
    desk.typ("Traplift aanvragen; mevrouw is overdag thuis.");
    desk.ctrl('a');
    let screen = desk.screen(160, 48);
    assert!(screen.contains("Vraag 1 klaar"), "{screen}");
    assert!(screen.contains("vraag 2 van dit contact"), "{screen}");
    assert!(screen.contains("Ria Jansen"), "the caller stays: {screen}");

    desk.focus_row("Vraag");
    desk.typ("Mijn zoon heeft schulden bij de zorgverzekeraar.");
    desk.focus_row("Geldzaken & schulden");
    desk.key(KeyCode::Char(' '));
    desk.snapshot("intake_second_question");
    desk.app
        .tick(std::time::Instant::now() + std::time::Duration::from_secs(3));
    // The window closes; at the next sign-in both questions come back.
    let mut again = Desk::reopen(desk);
    again.sign_in("Anna de Vries", "48213");
    again.key(KeyCode::Char('j'));
    let form = again.app.intake_form().unwrap();
    assert_eq!(form.earlier.len(), 1);
    assert!(form.intake.question.contains("zoon"));

    again.ctrl('s');
    let screen = again.screen(160, 48);
    assert!(screen.contains("Intake opgeslagen"), "{screen}");
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let user = again.app.user().unwrap().id;
    let mine = again.app.store.intakes_of(user, day, day).unwrap();
    assert_eq!(mine.len(), 2, "both questions, each its own intake");
    let routes: Vec<String> = mine.iter().map(|m| format!("{:?}", m.route)).collect();
    assert!(
        routes.iter().any(|r| r.contains("zorg-ondersteuning")),
        "{routes:?}"
    );
}
