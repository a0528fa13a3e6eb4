//! The rights of residents, checked in the bytes on disk: canary strings of one household are
//! exported with who viewed the case, and after an erasure (or retention) none of them is left
//! anywhere in the database file or its WAL, while another household's are untouched.

mod common;

use common::db::{account, at, count, database_bytes, holding, member, open, raw};

use std::path::Path;

use chrono::{DateTime, Days, Utc};
use loket::domain::account::{Role, User};
use loket::domain::intake::{Consent, Intake, Kanaal, Resident, Route, RouteSuggestion};
use loket::domain::queue::{Outcome, QueueAction};
use loket::domain::retention::RetentionPolicy;
use loket::store::{Store, StoreError};

/// Household A: every string here must be gone after its erasure. The name and postcode are
/// also stored as search keys, folded: those forms must go too.
const CANARIES: [&str; 15] = [
    "KANARIE-NAAM-7Q",
    "kanarie naam 7q",
    "0612398765",
    "06 1239 8765",
    "kanarie.7q@voorbeeld.nl",
    "9999 QZ",
    "9999QZ",
    "KANARIE-NAMENS-7Q",
    "KANARIE-OUDE-VRAAG-7Q",
    "KANARIE-VRAAG-7Q",
    "KANARIE-OVERDRACHT-7Q",
    "KANARIE-REDEN-7Q",
    "KANARIE-CONTACT-7Q",
    "KANARIE-TWEEDE-VRAAG-7Q",
    "KANARIE-KLAD-7Q",
];

/// Household B: must survive A's erasure.
const OTHERS: [&str; 4] = [
    "ANDERE-NAAM-3X",
    "0687654321",
    "ANDERE-VRAAG-3X",
    "ANDERE-CONTACT-3X",
];

fn now() -> DateTime<Utc> {
    at("2026-11-24T10:00:00Z")
}

fn suggestion(route: Route) -> RouteSuggestion {
    RouteSuggestion {
        route,
        why: "test".into(),
        spoed: false,
    }
}

fn wonen() -> Route {
    Route::Loket {
        leefgebied: "wonen".into(),
    }
}

struct Case {
    household: i64,
    intakes: Vec<i64>,
}

/// Household A: a handover whose question was corrected (so an earlier version is kept),
/// claimed by a professional who becomes regisseur and shares the case, a contact attempt with
/// a note, a second question handled at the desk, views of it, and a draft linked to it.
fn household_a(
    store: &mut Store,
    desk: &User,
    pro: &User,
    reader: &User,
    when: DateTime<Utc>,
) -> Case {
    let mut intake = Intake {
        kanaal: Kanaal::Telefoon,
        resident: Resident {
            name: "KANARIE-NAAM-7Q".into(),
            phone: "06 1239 8765".into(),
            email: "kanarie.7q@voorbeeld.nl".into(),
            postcode: "9999 QZ".into(),
            house_number: "12".into(),
            birth_year: "1961".into(),
            on_behalf_of: "KANARIE-NAMENS-7Q".into(),
        },
        question: "KANARIE-OUDE-VRAAG-7Q".into(),
        // Meervoudig eenvoudig: the Loket Wonen directs the case (seed 003 §3.5).
        leefgebieden: vec!["wonen".into(), "geldzaken-schulden".into()],
        route: Some(wonen()),
        route_reason: "KANARIE-REDEN-7Q".into(),
        consent: Consent::Ja,
        handover_note: "KANARIE-OVERDRACHT-7Q".into(),
        ..Intake::default()
    };
    let saved = store
        .save_intake(
            desk,
            &intake,
            &suggestion(wonen()),
            Some("De Weide"),
            "test",
            when,
        )
        .unwrap();
    intake.question = "KANARIE-VRAAG-7Q: de huur is te hoog".into();
    intake.resident.phone = "0612398765".into();
    intake.household_id = saved.household_id;
    store
        .correct_intake(
            desk,
            saved.id,
            &intake,
            &suggestion(wonen()),
            Some("De Weide"),
            "test",
            when,
        )
        .unwrap();
    let item = saved.queue_item.unwrap();
    store
        .queue_act(item, pro, &QueueAction::Claim, "test", when)
        .unwrap();
    let attempt = QueueAction::ContactAttempt {
        reached: false,
        note: "KANARIE-CONTACT-7Q voicemail".into(),
    };
    store.queue_act(item, pro, &attempt, "test", when).unwrap();
    store
        .become_regisseur(saved.household_id.unwrap(), pro, "test", when)
        .unwrap();
    store
        .share_case(saved.household_id, &reader.name, pro, "test", when)
        .unwrap();
    store
        .queue_detail(item, pro, "test", when)
        .unwrap()
        .unwrap();
    let second = Intake {
        kanaal: Kanaal::Balie,
        resident: intake.resident.clone(),
        household_id: saved.household_id,
        question: "KANARIE-TWEEDE-VRAAG-7Q".into(),
        leefgebieden: vec!["geldzaken-schulden".into()],
        ..Intake::default()
    };
    let direct = store
        .save_intake(
            desk,
            &second,
            &suggestion(Route::Direct),
            None,
            "test",
            when,
        )
        .unwrap();
    store
        .intake(direct.id, desk, "test", when)
        .unwrap()
        .unwrap();
    let draft = Intake {
        household_id: saved.household_id,
        question: "KANARIE-KLAD-7Q".into(),
        ..Intake::default()
    };
    store
        .save_draft(reader.id, &draft.clone().into(), when)
        .unwrap();
    Case {
        household: saved.household_id.unwrap(),
        intakes: vec![saved.id, direct.id],
    }
}

/// Household B: a handover with a contact attempt, closed at `closed`.
fn household_b(
    store: &mut Store,
    desk: &User,
    pro: &User,
    when: DateTime<Utc>,
    closed: DateTime<Utc>,
) -> Case {
    let intake = Intake {
        kanaal: Kanaal::Telefoon,
        resident: Resident {
            name: "ANDERE-NAAM-3X".into(),
            phone: "0687654321".into(),
            ..Resident::default()
        },
        question: "ANDERE-VRAAG-3X".into(),
        leefgebieden: vec!["wonen".into()],
        route: Some(wonen()),
        consent: Consent::Ja,
        ..Intake::default()
    };
    let saved = store
        .save_intake(
            desk,
            &intake,
            &suggestion(wonen()),
            Some("De Weide"),
            "test",
            when,
        )
        .unwrap();
    let item = saved.queue_item.unwrap();
    store
        .queue_act(item, pro, &QueueAction::Claim, "test", when)
        .unwrap();
    let attempt = QueueAction::ContactAttempt {
        reached: true,
        note: "ANDERE-CONTACT-3X".into(),
    };
    store.queue_act(item, pro, &attempt, "test", when).unwrap();
    let close = QueueAction::Close {
        outcome: Outcome::GesprekGevoerd,
        note: "afgerond".into(),
    };
    store.queue_act(item, pro, &close, "test", closed).unwrap();
    Case {
        household: saved.household_id.unwrap(),
        intakes: vec![saved.id],
    }
}

struct Setup {
    dir: tempfile::TempDir,
    store: Store,
    a: Case,
    b: Case,
}

/// Both households, with A's intakes at `a_when` and B's handled now.
fn setup(a_when: DateTime<Utc>) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let desk = account(&mut store, "Kim KCC", Role::Vrijwilliger);
    // The Loket Wonen, where both households' referrals go, directs household A's case.
    let pro = member(
        &mut store,
        "Sanne Regisseur",
        Role::Medewerker,
        &["Loket Wonen"],
    );
    let reader = account(&mut store, "Joost Meelezer", Role::Medewerker);
    let a = household_a(&mut store, &desk, &pro, &reader, a_when);
    let b = household_b(&mut store, &desk, &pro, now(), now());
    Setup { dir, store, a, b }
}

fn assert_erased(dir: &Path, when: &str) {
    let files = database_bytes(dir);
    for canary in CANARIES {
        assert_eq!(
            holding(&files, canary),
            Vec::<String>::new(),
            "{canary} {when}"
        );
    }
    for other in OTHERS {
        assert!(
            !holding(&files, other).is_empty(),
            "{other} must stay ({when})"
        );
    }
}

#[test]
fn before_an_erasure_the_canaries_are_on_disk() {
    let setup = setup(now());
    drop(setup.store);
    let files = database_bytes(setup.dir.path());
    for canary in CANARIES.iter().chain(&OTHERS) {
        assert!(
            !holding(&files, canary).is_empty(),
            "{canary} is not in the file: the scan proves nothing"
        );
    }
}

#[test]
fn an_export_holds_everything_about_the_household_and_who_viewed_it() {
    let setup = setup(now());
    let export = setup
        .store
        .export_household(setup.a.household, "cli:privacy", "test", now())
        .unwrap();
    let json = serde_json::to_string(&export).unwrap();
    for canary in CANARIES {
        // The search keys and the draft are Loket's own, not data about the resident.
        if !["kanarie naam 7q", "9999QZ", "KANARIE-KLAD-7Q"].contains(&canary) {
            assert!(json.contains(canary), "{canary} missing from the export");
        }
    }
    for other in OTHERS {
        assert!(
            !json.contains(other),
            "{other} belongs to another household"
        );
    }
    for colleague in ["Kim KCC", "Joost Meelezer"] {
        assert!(
            !json.contains(colleague),
            "colleagues are named by role, not by name"
        );
    }
    // The regisseur is the resident's aanspreekpunt: named, with the team of the case.
    let case = &export.cases[0];
    assert_eq!(
        case.regisseur.as_ref().map(|r| r.name.as_str()),
        Some("Sanne Regisseur")
    );
    assert_eq!(case.regie_team.as_deref(), Some("Loket Wonen"));
    assert_eq!(export.household.id, setup.a.household);
    assert_eq!(
        export.household.regisseur.as_ref().unwrap().role,
        "medewerker"
    );
    let ids: Vec<i64> = export.intakes.iter().map(|i| i.id).collect();
    assert_eq!(ids, setup.a.intakes);
    assert_eq!(export.intakes[0].earlier_versions.len(), 1);
    assert_eq!(export.queue_items.len(), 1);
    assert!(
        export.queue_items[0]
            .history
            .iter()
            .any(|h| h.note.contains("KANARIE-CONTACT-7Q"))
    );
    assert_eq!(export.readers.len(), 1);
    let actions: Vec<&str> = export.access.iter().map(|a| a.action.as_str()).collect();
    for action in [
        "intake opslaan",
        "intake corrigeren",
        "intake bekijken",
        "wachtrij bekijken",
        "dossier delen",
    ] {
        assert!(
            actions.contains(&action),
            "{action} missing from {actions:?}"
        );
    }
    let last = setup.store.audit_rows().unwrap().pop().unwrap();
    assert_eq!(
        last[1..],
        [
            "cli:privacy",
            "privacy export",
            format!("huishouden:{}", setup.a.household).as_str(),
            "gelukt"
        ]
    );
}

#[test]
fn an_unknown_household_is_an_error_and_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let result = store.export_household(42, "cli:privacy", "test", now());
    assert!(
        matches!(result, Err(StoreError::UnknownHousehold(42))),
        "{result:?}"
    );
    let last = store.audit_rows().unwrap().pop().unwrap();
    assert_eq!(
        last[2..],
        ["privacy export", "huishouden:42", "niet gevonden"]
    );
}

#[test]
fn after_an_erasure_no_canary_is_left_in_the_database_or_its_wal() {
    let mut setup = setup(now());
    let intakes_before = count(&raw(setup.dir.path()), "SELECT count(*) FROM intakes");

    let report = setup
        .store
        .forget_household(
            setup.a.household,
            "  verzoek AVG-2026-017\n",
            "cli:privacy",
            "test",
            now(),
        )
        .unwrap();

    assert_eq!(
        (
            report.intakes,
            report.earlier_versions,
            report.queue_items,
            report.readers,
            report.drafts
        ),
        (2, 1, 1, 1, 1)
    );
    assert!(report.notes >= 1);
    assert!(report.wal_cleared);
    // While Loket still has the file open, and after it closed it.
    assert_erased(setup.dir.path(), "with the store open");
    let conn = raw(setup.dir.path());
    assert_eq!(
        count(&conn, "SELECT count(*) FROM intakes"),
        intakes_before,
        "the figures stay"
    );
    assert_eq!(
        count(
            &conn,
            &format!(
                "SELECT count(*) FROM households WHERE id = {} AND regisseur IS NULL",
                setup.a.household
            )
        ),
        1
    );
    let last = setup.store.audit_rows().unwrap().pop().unwrap();
    let [intake1, intake2] = [setup.a.intakes[0], setup.a.intakes[1]];
    assert_eq!(
        last[1..],
        [
            "cli:privacy".to_string(),
            "privacy vergeten".into(),
            format!("huishouden:{}", setup.a.household),
            format!(
                "gelukt: intake:{intake1} intake:{intake2} queue:1; reden: verzoek AVG-2026-017"
            ),
        ]
    );
    assert!(setup.store.verify_audit().unwrap().is_intact());
    // Household B is untouched and still readable.
    let b = setup
        .store
        .export_household(setup.b.household, "cli:privacy", "test", now())
        .unwrap();
    assert_eq!(b.intakes[0].resident.name, "ANDERE-NAAM-3X");
    drop(setup.store);
    drop(conn);
    assert_erased(setup.dir.path(), "after closing");
}

#[test]
fn an_erasure_needs_a_reason_and_a_known_household() {
    let mut setup = setup(now());
    let before = count(&raw(setup.dir.path()), "SELECT count(*) FROM audit_log");
    let household = setup.a.household;
    let result = setup
        .store
        .forget_household(household, " \n ", "cli:privacy", "test", now());
    assert!(
        matches!(result, Err(StoreError::ReasonRequired)),
        "{result:?}"
    );
    let result = setup
        .store
        .forget_household(999, "verzoek", "cli:privacy", "test", now());
    assert!(
        matches!(result, Err(StoreError::UnknownHousehold(999))),
        "{result:?}"
    );
    let conn = raw(setup.dir.path());
    assert_eq!(count(&conn, "SELECT count(*) FROM audit_log"), before);
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM intakes WHERE anonymised_at IS NOT NULL"
        ),
        0
    );
}

#[test]
fn retention_leaves_no_canary_of_an_expired_case_on_disk() {
    // A's case was closed thirteen months ago, its direct question asked as long ago.
    let when = now() - chrono::Months::new(14);
    let mut setup = setup(when);
    let pro = setup.store.user("Sanne Regisseur").unwrap().unwrap();
    let item = 1;
    let close = QueueAction::Close {
        outcome: Outcome::GesprekGevoerd,
        note: "afgerond".into(),
    };
    setup
        .store
        .queue_act(item, &pro, &close, "test", when + Days::new(30))
        .unwrap();
    // The old draft goes by its own term.
    let report = setup
        .store
        .purge(
            &RetentionPolicy::default(),
            "cli:beheer",
            "test",
            now(),
            false,
        )
        .unwrap();
    assert_eq!(
        (report.direct_intakes, report.closed_cases, report.drafts),
        (1, 1, 1)
    );
    assert!(report.wal_cleared);
    assert_erased(setup.dir.path(), "after retention");
    drop(setup.store);
    assert_erased(setup.dir.path(), "after closing");
}
