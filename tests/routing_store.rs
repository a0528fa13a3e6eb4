//! The verwijs-scan's facts as the store keeps them: who reported (melder, migration 022), the
//! answer to "Is er nu direct gevaar?" with a dismissal audited, spoed from a false alarm that
//! can be taken off, no handover to a Sociaal Team without wijk, and one handover per contact.

mod common;

use common::db::{at, count, open, raw};

use loket::domain::Leefgebieden;
use loket::domain::account::{Role, User};
use loket::domain::intake::{
    Complexiteit, Consent, DangerCheck, Gevaar, Intake, Kanaal, Melder, Resident, Route,
    RouteSuggestion, Signalen, Urgentie,
};
use loket::domain::routing::{RoutingInput, UNKNOWN_WIJK, danger, suggest, suggest_contact};
use loket::domain::validation::normalized;
use loket::store::{ContactQuestion, NewUser, Store, StoreError};

fn desk(store: &mut Store) -> User {
    let new = NewUser {
        name: "Bea Balie".into(),
        role: Role::Vrijwilliger,
        location: "STIP De Weide".into(),
        teams: vec![],
        expertise: vec![],
    };
    store.create_user(&new, "48213").unwrap()
}

/// A handover the desk could save: a question, a way back, a note and consent.
fn handover(question: &str, leefgebieden: &[&str], complexiteit: Complexiteit) -> Intake {
    Intake {
        kanaal: Kanaal::Telefoon,
        resident: Resident {
            name: "Mirjam Bos".into(),
            phone: "0612345678".into(),
            ..Resident::default()
        },
        question: question.into(),
        leefgebieden: leefgebieden.iter().map(|c| c.to_string()).collect(),
        complexiteit,
        consent: Consent::Ja,
        handover_note: "Belt liever na 10 uur.".into(),
        ..Intake::default()
    }
}

fn scan(intake: &Intake) -> RouteSuggestion {
    let words = danger::danger_words(&intake.question);
    suggest(
        &RoutingInput {
            intake,
            wijk: Some("De Weide"),
            desk_wijk: None,
            danger_words: &words,
            advice: &[],
        },
        &Leefgebieden::builtin(),
    )
}

#[test]
fn melder_danger_answer_and_digital_application_are_kept_and_a_dismissal_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let bea = desk(&mut store);
    let reason = "deurwaarder dreigt met loonbeslag, geen geweld";
    let intake = Intake {
        melder: Melder::Professional,
        danger: DangerCheck {
            answer: Gevaar::Nee,
            dismiss_reason: reason.into(),
            ..DangerCheck::default()
        },
        digital_application: true,
        ..handover(
            "De deurwaarder bedreigt haar, zegt de huisarts",
            &["geldzaken-schulden"],
            Complexiteit::Specialistisch,
        )
    };
    let suggestion = scan(&intake);
    let saved = store
        .save_intake(
            &bea,
            &intake,
            &suggestion,
            Some("De Weide"),
            "test",
            at("2026-03-02T09:00:00Z"),
        )
        .unwrap();
    let back = store.intake_unchecked(saved.id).unwrap().unwrap();
    assert_eq!(back.melder, Melder::Professional);
    assert_eq!(back.danger, intake.danger);
    assert!(back.digital_application);
    let conn = raw(dir.path());
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM audit_log WHERE action = 'gevaarmelding afgewezen'"
        ),
        1
    );
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM audit_log WHERE object LIKE '%loonbeslag%' OR result LIKE '%loonbeslag%'"
        ),
        0,
        "the reason is the resident's story, not the audit's"
    );
}

/// D3: "De deurwaarder bedreigt mij met beslag" raised the banner and forced spoed; once the
/// desk answers "nee" with a reason, the item is not spoed.
#[test]
fn spoed_from_a_dismissed_banner_comes_off_and_an_unanswered_one_stays() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let bea = desk(&mut store);
    let asked = handover(
        "Mijn ex bedreigt mij en ik ben bang",
        &["veiligheid"],
        Complexiteit::Specialistisch,
    );
    let suggestion = scan(&asked);
    assert!(suggestion.spoed, "unanswered danger words count");
    let stored = normalized(&asked, &suggestion);
    assert_eq!(stored.urgentie, Urgentie::Spoed);

    let dismissed = Intake {
        danger: DangerCheck {
            answer: Gevaar::Nee,
            dismiss_reason: "zij bedoelt het incassobureau".into(),
            ..DangerCheck::default()
        },
        ..asked
    };
    let suggestion = scan(&dismissed);
    assert!(!suggestion.spoed);
    let stored = normalized(&dismissed, &suggestion);
    assert_eq!(stored.urgentie, Urgentie::Normaal);
    let saved = store
        .save_intake(
            &bea,
            &stored,
            &suggestion,
            Some("De Weide"),
            "test",
            at("2026-03-02T10:00:00Z"),
        )
        .unwrap();
    let conn = raw(dir.path());
    let urgentie: String = conn
        .query_row(
            "SELECT urgentie FROM queue_items WHERE id = ?1",
            [saved.queue_item.unwrap()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(urgentie, "normaal");
}

/// D9: "Sociaal Team onbekend" held 38 demo items nobody could pick up.
#[test]
fn a_handover_to_a_sociaal_team_without_wijk_is_refused_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let bea = desk(&mut store);
    let intake = handover(
        "Alles loopt vast: huur, geld en de kinderen",
        &["wonen", "geldzaken-schulden"],
        Complexiteit::Complex,
    );
    let suggestion = RouteSuggestion {
        route: Route::SociaalTeam {
            wijk: UNKNOWN_WIJK.into(),
        },
        why: String::new(),
        spoed: false,
    };
    let err = store
        .save_intake(
            &bea,
            &intake,
            &suggestion,
            None,
            "test",
            at("2026-03-02T11:00:00Z"),
        )
        .unwrap_err();
    assert!(matches!(err, StoreError::IncompleteRoute), "{err}");
    assert!(err.to_string().starts_with("Kies de wijk of het team"));
    let conn = raw(dir.path());
    assert_eq!(count(&conn, "SELECT count(*) FROM intakes"), 0);
    assert_eq!(count(&conn, "SELECT count(*) FROM queue_items"), 0);
}

/// D6. Seed 003 §3.4: "Uitgangspunt bij meervoudige vragen is: één huishouden, één plan, één
/// regisseur": the mother's Wmo question and the son's debts, routed together, hand over once.
#[test]
fn the_questions_of_one_contact_routed_together_hand_over_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let bea = desk(&mut store);
    let wmo = handover(
        "Mijn moeder kan de trap niet meer op",
        &["zorg-ondersteuning"],
        Complexiteit::Specialistisch,
    );
    let debts = handover(
        "En mijn zoon heeft schulden bij de zorgverzekeraar",
        &["geldzaken-schulden"],
        Complexiteit::Specialistisch,
    );
    let input = |intake| RoutingInput {
        intake,
        wijk: Some("De Weide"),
        desk_wijk: None,
        danger_words: &[],
        advice: &[],
    };
    let together = suggest_contact(&[input(&wmo), input(&debts)], &Leefgebieden::builtin());
    assert_eq!(
        together.route,
        Route::Loket {
            leefgebied: "zorg-ondersteuning".into()
        }
    );
    let questions = [
        ContactQuestion {
            intake: &wmo,
            suggestion: &together,
            wijk: Some("De Weide"),
        },
        ContactQuestion {
            intake: &debts,
            suggestion: &together,
            wijk: Some("De Weide"),
        },
    ];
    let saved = store
        .save_contact(&bea, &questions, "test", at("2026-03-02T12:00:00Z"))
        .unwrap();
    assert_eq!(saved[0].queue_item, saved[1].queue_item);
    assert!(saved[0].queue_item.is_some());
    let conn = raw(dir.path());
    assert_eq!(count(&conn, "SELECT count(*) FROM queue_items"), 1);
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM audit_log WHERE action = 'overdracht'"
        ),
        1
    );
}

/// Migration 022: rows saved before say "signal of others" only by kanaal; they become the
/// informal network, the rest the resident, and no danger question was asked.
#[test]
fn migration_022_gives_earlier_intakes_a_melder_and_no_danger_answer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "application_id", loket::store::LOKET_APPLICATION_ID)
        .unwrap();
    loket::store::migrations()
        .to_version(&mut conn, 17)
        .unwrap();
    let no_signs = serde_json::to_string(&Signalen::default()).unwrap();
    let batch = format!(
        "INSERT INTO users (id, name, role, pin_hash, created_at)
             VALUES (1, 'Oud', 'vrijwilliger', 'x', '2025-01-01T00:00:00Z');
         INSERT INTO intakes (created_at, updated_at, user_id, kanaal, complexiteit, signalen,
             leefgebieden, route, route_chosen, suggested_route, urgentie, consent, anonymous)
         VALUES
             ('2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 1, 'signaal', 'eenvoudig', '{no_signs}',
              '[]', '{{\"kind\":\"direct\"}}', 0, '{{\"kind\":\"direct\"}}', 'normaal', 0, 1),
             ('2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 1, 'balie', 'eenvoudig', '{no_signs}',
              '[]', '{{\"kind\":\"direct\"}}', 0, '{{\"kind\":\"direct\"}}', 'normaal', 0, 1);"
    );
    conn.execute_batch(&batch).unwrap();
    drop(conn);
    let store = open(dir.path());
    let signal = store.intake_unchecked(1).unwrap().unwrap();
    let desk = store.intake_unchecked(2).unwrap().unwrap();
    assert_eq!(
        (signal.melder, desk.melder),
        (Melder::Informeel, Melder::Inwoner)
    );
    assert_eq!(signal.danger, DangerCheck::default());
    assert!(!desk.digital_application);
}
