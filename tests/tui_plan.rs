//! Screen tests of the plan van aanpak: the regisseur opens the household's plan from the
//! wachtrij and reads it in its six parts, per layer of the piramide, with its gesprekken and
//! earlier versions; a volunteer and a colleague who is not involved get the store's refusal.
//! The rows chosen rather than typed in its forms are tested in `tui_plan/forms.rs`.

mod common;
#[path = "tui_plan/forms.rs"]
mod forms;

use common::monday_morning;
use common::plan::day;
use common::plan_desk::{schulden_plan, with_a_plan, with_an_agreed_plan};
use common::queue_desk::{desk_with_a_case, desk_with_a_regisseur, to_all};
use crossterm::event::KeyCode;
use loket::domain::plan::{Answer, HowAgreed};

#[test]
fn the_regisseur_reads_the_plan_and_its_earlier_version() {
    let (_anna, mut bram) = desk_with_a_regisseur();
    let (user, _, plan) = with_a_plan(&mut bram);
    bram.key(KeyCode::Char('l'));
    let screen = bram.screen(160, 48);
    for part in [
        "Plan van aanpak",
        "Regisseur: Bram Bakker",
        "wacht op akkoord",
        "Geldzaken & schulden: “Ik heb overzicht over mijn rekeningen”",
        "Eigen inzet",
        "Inzet omgeving",
        "Ans de Vries (buurvrouw)",
        "Individuele voorziening (maatwerk)",
        "nooit een voorwaarde",
        "Evaluatie op 21-12-2026",
        "thuis · meegenomen: zus Els · door Bram Bakker",
    ] {
        assert!(screen.contains(part), "{part}:\n{screen}");
    }
    bram.snapshot("plan_screen");

    // Akkoord, then a change: version 2 waits again, version 1 stays readable.
    let store = &mut bram.app.store;
    let akkoord = Answer::Akkoord {
        on: day(11, 23),
        how: HowAgreed::Papier,
    };
    store
        .answer_plan(plan, &akkoord, &user, "test", monday_morning())
        .unwrap();
    let mut changed = schulden_plan();
    changed.follow_up.how = "De regisseur belt elke twee weken".into();
    store
        .revise_plan(plan, &changed, &user, "test", monday_morning())
        .unwrap();
    bram.key(KeyCode::Esc);
    bram.key(KeyCode::Char('l'));
    let screen = bram.screen(160, 48);
    assert!(screen.contains("Versie 2 (de nieuwste)"), "{screen}");
    assert!(screen.contains("elke twee weken"), "{screen}");
    assert!(screen.contains("beschikking aanvragen"), "{screen}");
    bram.key(KeyCode::Left);
    let screen = bram.screen(160, 48);
    assert!(
        screen.contains("Versie 1 (eerdere versie, er zijn er 2)"),
        "{screen}"
    );
    assert!(
        screen.contains("Akkoord op 23-11-2026 (getekend op papier)"),
        "{screen}"
    );
    bram.snapshot("plan_screen_earlier_version");
    bram.key(KeyCode::Esc);
    assert!(bram.screen(80, 24).contains("Wachtrij"));
}

#[test]
fn a_volunteer_and_a_colleague_outside_the_case_cannot_open_the_plan() {
    let (mut anna, mut bram) = desk_with_a_regisseur();
    with_a_plan(&mut bram);
    anna.add_user(
        "Dirk Dekker",
        loket::domain::account::Role::Medewerker,
        &["KCC"],
        "61234",
    );
    let mut dirk = anna.second_desk();
    dirk.sign_in("Dirk Dekker", "61234");
    // The volunteer has no plan key at all.
    to_all(&mut anna);
    anna.key(KeyCode::Char('l'));
    let screen = anna.screen(160, 48);
    assert!(
        screen.contains("Wachtrij") && !screen.contains("Plan"),
        "{screen}"
    );
    // The KCC colleague gets the store's refusal, and nothing of the plan.
    to_all(&mut dirk);
    dirk.key(KeyCode::Char('l'));
    let screen = dirk.screen(80, 24);
    assert!(
        screen.contains("Je hebt geen toegang tot dit plan"),
        "{screen}"
    );
    assert!(
        !screen.contains("overzicht over mijn rekeningen"),
        "{screen}"
    );
    dirk.snapshot("plan_screen_refused");
}

#[test]
fn the_regisseur_records_a_gesprek_and_the_note_check_keeps_what_was_typed() {
    let (_anna, mut bram) = desk_with_a_regisseur();
    bram.key(KeyCode::Char('l'));
    assert!(
        bram.screen(80, 24)
            .contains("Dit huishouden heeft nog geen plan van aanpak"),
        "{}",
        bram.screen(80, 24)
    );
    bram.key(KeyCode::Char('g'));
    let screen = bram.screen(80, 24);
    assert!(
        screen.contains("Gesprek vastleggen") && screen.contains("diagnoses"),
        "{screen}"
    );
    bram.key(KeyCode::Tab);
    bram.key(KeyCode::Tab);
    bram.typ("tolk Arabisch");
    bram.key(KeyCode::Tab);
    bram.typ("zus Els");
    bram.key(KeyCode::Tab);
    bram.typ("de huisarts");
    bram.key(KeyCode::Tab);
    bram.key(KeyCode::Right);
    bram.key(KeyCode::Tab);
    bram.typ("Wil de post op orde; buurvrouw 06 12345678 helpt");
    bram.key(KeyCode::Enter);
    let screen = bram.screen(160, 48);
    assert!(screen.contains("telefoonnummer"), "{screen}");
    assert!(screen.contains("buurvrouw 06 12345678"), "kept: {screen}");
    bram.snapshot("plan_gesprek_refused");
    for _ in 0.."buurvrouw 06 12345678 helpt".len() {
        bram.key(KeyCode::Backspace);
    }
    bram.typ("de buurvrouw helpt");
    bram.key(KeyCode::Enter);
    let screen = bram.screen(160, 48);
    assert!(screen.contains("Gesprek vastgelegd"), "{screen}");
    assert!(
        screen.contains(
            "23-11-2026 thuis · met tolk Arabisch · meegenomen: zus Els · geraadpleegd: de \
             huisarts (met toestemming) · door Bram Bakker"
        ),
        "{screen}"
    );

    // Esc on a changed form asks first; "n" keeps it, "j" throws it away.
    bram.key(KeyCode::Char('g'));
    bram.key(KeyCode::Tab);
    bram.key(KeyCode::Right);
    bram.key(KeyCode::Esc);
    assert!(bram.screen(80, 24).contains("Weggooien?"));
    bram.key(KeyCode::Char('n'));
    assert!(
        bram.screen(80, 24)
            .contains("Plaats           ‹ op het loket ›")
    );
    bram.key(KeyCode::Esc);
    bram.key(KeyCode::Char('j'));
    assert!(!bram.screen(80, 24).contains("Gesprek vastleggen"));
}

#[test]
fn the_regisseur_records_akkoord_and_the_beschikking_task_appears() {
    let (_anna, mut bram) = desk_with_a_regisseur();
    with_a_plan(&mut bram);
    bram.key(KeyCode::Char('l'));
    bram.key(KeyCode::Char('a'));
    bram.snapshot("plan_answer_form");
    bram.key(KeyCode::Enter);
    let screen = bram.screen(160, 48);
    assert!(
        screen.contains("Akkoord vastgelegd. 1 taak voor het beslissende team."),
        "{screen}"
    );
    assert!(
        screen.contains("Akkoord op 23-11-2026 (getekend op papier)"),
        "{screen}"
    );
    assert!(
        screen.contains("beschikking aanvragen: Traplift"),
        "{screen}"
    );
    // Answered: no second answer is offered.
    assert!(!screen.contains(" a  Akkoord"), "{screen}");
}

#[test]
fn the_wachtrij_shows_the_regisseur_what_the_plan_asks() {
    let (_anna, mut bram) = desk_with_a_regisseur();
    with_a_plan(&mut bram);
    to_all(&mut bram);
    bram.key(KeyCode::Enter);
    let screen = bram.screen(160, 48);
    assert!(
        screen.contains("Plan 1: akkoord nodig · uiterlijk 07-12-2026"),
        "{screen}"
    );
    assert!(
        screen.contains("Planwerk: 1 · akkoord nodig, huishouden 1, uiterlijk 07-12-2026"),
        "{screen}"
    );
    bram.snapshot("queue_plan_work");
}

#[test]
fn one_key_prints_the_plan_into_the_plan_folder() {
    let (_anna, mut bram) = desk_with_a_regisseur();
    with_a_plan(&mut bram);
    let folder = tempfile::tempdir().unwrap();
    bram.app.settings.plan_folder = folder.path().join("plannen");
    bram.key(KeyCode::Char('l'));
    bram.key(KeyCode::Char('p'));
    let written: Vec<_> = std::fs::read_dir(folder.path().join("plannen"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(written.len(), 1);
    let pdf = &written[0];
    assert!(std::fs::read(pdf).unwrap().starts_with(b"%PDF"));
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(pdf).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "readable by the user only");
    let screen = bram.screen(200, 48);
    assert!(
        screen.contains(&format!("Plan afgedrukt: {}", pdf.display())),
        "{screen}"
    );
}

#[test]
fn the_team_reads_along_before_there_is_a_regisseur_but_only_the_regisseur_records() {
    let (_anna, mut bram) = desk_with_a_case();
    bram.key(KeyCode::Char('l'));
    let screen = bram.screen(160, 48);
    assert!(
        screen.contains("Dit huishouden heeft nog geen plan van aanpak"),
        "{screen}"
    );
    bram.key(KeyCode::Char('g'));
    bram.key(KeyCode::Enter);
    let screen = bram.screen(160, 48);
    assert!(
        screen.contains("Alleen de regisseur van dit huishouden maakt en wijzigt het"),
        "{screen}"
    );
}

#[test]
fn the_regisseur_makes_the_plan_in_the_editor_with_a_kaart_service() {
    let (_anna, mut bram) = desk_with_a_regisseur();
    bram.key(KeyCode::Char('l'));
    bram.key(KeyCode::Char('w'));
    let screen = bram.screen(160, 48);
    for part in [
        "Plan van aanpak maken",
        "▶ Geldzaken & schulden",
        "Alleen voor de leefgebieden van deze vraag",
        "nooit een voorwaarde",
        "Evaluatiedatum",
    ] {
        assert!(screen.contains(part), "{part}:\n{screen}");
    }
    bram.snapshot("plan_editor_new");
    bram.typ("Ik heb overzicht over mijn geld");
    bram.key(KeyCode::Tab);
    bram.key(KeyCode::Right);
    bram.key(KeyCode::Right);
    bram.key(KeyCode::Tab);
    bram.typ("31-12-2026 Post op orde");
    bram.focus_row("Wat");
    bram.typ("Houdt de post bij in een map");
    bram.focus_row("Vanaf");
    bram.typ("1-12-2026");
    bram.ctrl('n');
    bram.key(KeyCode::Right);
    bram.key(KeyCode::Right);
    assert!(
        bram.screen(160, 48)
            .contains("▶ Laag                     ‹ Algemene voorziening ›"),
        "{}",
        bram.screen(160, 48)
    );
    bram.key(KeyCode::Tab);
    bram.typ("Hulp bij de administratie");
    bram.key(KeyCode::Tab);
    bram.typ("schulden");
    let screen = bram.screen(160, 48);
    assert!(
        screen.contains("(Enter kiest deze)"),
        "kaart matches: {screen}"
    );
    bram.snapshot("plan_editor_kaart");
    bram.key(KeyCode::Enter);
    assert!(
        bram.screen(160, 48).contains(" ⌂"),
        "{}",
        bram.screen(160, 48)
    );
    bram.key(KeyCode::Tab);
    bram.typ("1-12-2026");
    bram.focus_row("Hoe gevolgd");
    bram.typ("De regisseur belt elke maand");
    bram.ctrl('s');
    let screen = bram.screen(160, 48);
    assert!(
        screen.contains("Een evaluatiedatum is altijd nodig"),
        "{screen}"
    );
    assert!(
        screen.contains("Ik heb overzicht over mijn geld"),
        "kept: {screen}"
    );
    bram.typ("1-3-2027");
    bram.ctrl('s');
    let screen = bram.screen(160, 48);
    assert!(screen.contains("Plan opgeslagen (versie 1)."), "{screen}");
    assert!(
        screen.contains("Eigen inzet") && screen.contains("Algemene voorziening"),
        "{screen}"
    );
    assert!(
        screen.contains("zelfredzaamheid bij de start: 2"),
        "{screen}"
    );

    // After akkoord a change is a new version, and the editor says so before saving.
    bram.key(KeyCode::Char('a'));
    bram.key(KeyCode::Enter);
    bram.key(KeyCode::Char('w'));
    let screen = bram.screen(160, 48);
    assert!(screen.contains("opslaan maakt versie 2"), "{screen}");
    bram.snapshot("plan_editor_new_version");
    bram.focus_row("Hoe gevolgd");
    bram.typ(", en komt langs");
    bram.key(KeyCode::Esc);
    assert!(bram.screen(80, 24).contains("Weggooien?"));
    bram.key(KeyCode::Char('n'));
    bram.ctrl('s');
    let screen = bram.screen(160, 48);
    assert!(screen.contains("Plan opgeslagen (versie 2)."), "{screen}");
    assert!(screen.contains("wacht op akkoord"), "{screen}");
}

#[test]
fn the_regisseur_evaluates_and_closes_the_plan() {
    let (_anna, mut bram) = desk_with_a_regisseur();
    with_an_agreed_plan(&mut bram, HowAgreed::Mondeling);
    bram.key(KeyCode::Char('l'));
    bram.key(KeyCode::Char('e'));
    let screen = bram.screen(80, 24);
    assert!(
        screen.contains("Evaluatie") && screen.contains("1 = Geldzaken & schulden"),
        "{screen}"
    );
    bram.key(KeyCode::Tab);
    bram.key(KeyCode::Right);
    bram.key(KeyCode::Tab);
    for _ in 0..4 {
        bram.key(KeyCode::Right);
    }
    bram.key(KeyCode::Tab);
    // From "kies…" ← takes the last decision: afsluiten.
    bram.key(KeyCode::Left);
    bram.key(KeyCode::Enter);
    let screen = bram.screen(160, 48);
    assert!(
        screen.contains("Beschrijf de uitkomst van het plan"),
        "{screen}"
    );
    bram.snapshot("plan_evaluation_refused");
    // The refusal put the cursor on the field it is about.
    bram.typ("Rekeningen zijn op orde");
    bram.key(KeyCode::Enter);
    let screen = bram.screen(160, 48);
    assert!(
        screen.contains("het plan en het traject zijn afgesloten"),
        "{screen}"
    );
    assert!(screen.contains("afgesloten"), "{screen}");
    assert!(
        screen.contains(
            "Geldzaken & schulden behaald (score 4) · afsluiten: Rekeningen zijn op orde"
        ),
        "{screen}"
    );
    // A closed plan waits for no handover: its lines are no longer marked as waiting for one.
    assert!(!screen.contains("nog niet overgedragen"), "{screen}");
}

#[test]
fn the_help_lists_the_plan_keys_in_dutch() {
    let (_anna, mut bram) = desk_with_a_regisseur();
    with_a_plan(&mut bram);
    bram.key(KeyCode::Char('l'));
    bram.key(KeyCode::F(1));
    let screen = bram.screen(160, 48);
    for line in [
        "Plan van aanpak",
        "Een gesprek met de inwoner vastleggen",
        "Het plan maken of wijzigen",
        "Een eerdere versie van het plan tonen",
    ] {
        assert!(screen.contains(line), "{line}:\n{screen}");
    }
}

#[test]
fn the_regisseur_records_the_decision_on_the_beschikking() {
    let (_anna, mut bram) = desk_with_a_regisseur();
    with_an_agreed_plan(&mut bram, HowAgreed::Papier);
    bram.key(KeyCode::Char('l'));
    assert!(bram.screen(160, 48).contains("Traplift"));
    bram.key(KeyCode::Char('b'));
    let screen = bram.screen(80, 24);
    assert!(
        screen.contains("Besluit op de beschikking") && screen.contains("Traplift"),
        "{screen}"
    );
    bram.key(KeyCode::Right);
    bram.key(KeyCode::Enter);
    // The store asks for the kenmerk; what was chosen stays, the cursor is on the kenmerk.
    let screen = bram.screen(160, 48);
    assert!(screen.contains("Geef het kenmerk"), "{screen}");
    assert!(screen.contains("‹ toegekend ›"), "kept: {screen}");
    bram.typ("WMO-2026-0042");
    bram.key(KeyCode::Enter);
    let screen = bram.screen(160, 48);
    assert!(
        screen.contains("Besluit vastgelegd: Traplift (Wmo-consulent (gemeente)) toegekend."),
        "{screen}"
    );
    assert!(
        screen.contains(
            "Traplift (Wmo-consulent (gemeente)) → Team Wmo-consulenten · toegekend op 23-11-2026, \
             kenmerk WMO-2026-0042"
        ),
        "{screen}"
    );
    // Decided: no second decision is offered.
    assert!(!screen.contains(" b  Besluit"), "{screen}");
    bram.snapshot("plan_task_decided");
}
