//! Intake store tests on real database files: one transaction per save (a failing queue insert
//! leaves no half intake), corrections kept as history, drafts that survive a restart, "mijn
//! contacten vandaag" by Dutch date, finding households, and an audit log without personal data.

mod common;

use common::db::{at, count, open, raw};

use chrono::NaiveDate;
use loket::domain::account::{Role, User};
use loket::domain::household_query;
use loket::domain::intake::{
    Complexiteit, Consent, Intake, Kanaal, Resident, Route, RouteSuggestion, Signalen, Urgentie,
};
use loket::store::{NewUser, OpenTrack, SavedIntake, Store};

const NAME: &str = "Fatima el Amrani";
const PHONE: &str = "06-12345678";
const NOTE: &str = "Partner slaat haar; wil eerst over de schulden praten, niet bellen na 17 uur.";

fn user(store: &mut Store, name: &str, location: &str) -> User {
    let new = NewUser {
        location: location.into(),
        ..common::user(name, Role::Vrijwilliger)
    };
    store.create_user(&new, "48213").unwrap()
}

fn suggest(route: Route, spoed: bool) -> RouteSuggestion {
    RouteSuggestion {
        route,
        why: "test".into(),
        spoed,
    }
}

fn direct() -> RouteSuggestion {
    suggest(Route::Direct, false)
}

fn loket_schulden() -> Route {
    Route::Loket {
        leefgebied: "geldzaken-schulden".into(),
    }
}

/// An anonymous question answered at the desk with one leaflet's worth of advice.
fn anonymous_question() -> Intake {
    Intake {
        kanaal: Kanaal::Balie,
        question: "Waar kan ik terecht met vragen over mijn energierekening?".into(),
        leefgebieden: vec!["geldzaken-schulden".into()],
        advice: vec!["svc-geldloket".into()],
        ..Intake::default()
    }
}

/// A call that needs everything the store keeps: debts and a partner who hits her (a spoed
/// handover), two services advised.
fn debts_and_violence() -> Intake {
    Intake {
        kanaal: Kanaal::Telefoon,
        resident: Resident {
            name: NAME.into(),
            phone: PHONE.into(),
            postcode: "7304 AB".into(),
            house_number: "12".into(),
            birth_year: "1986".into(),
            ..Resident::default()
        },
        question: "Ik heb betalingsachterstanden en mijn partner slaat mij als er geen geld is."
            .into(),
        leefgebieden: vec!["geldzaken-schulden".into(), "veiligheid".into()],
        complexiteit: Complexiteit::Specialistisch,
        signalen: Signalen {
            acute_onveiligheid: true,
            ..Signalen::default()
        },
        advice: vec!["svc-geldloket".into(), "svc-schuldhulpverlening".into()],
        consent: Consent::Ja,
        handover_note: NOTE.into(),
        ..Intake::default()
    }
}

#[test]
fn a_direct_anonymous_intake_has_no_queue_item_and_no_household() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let anna = user(&mut store, "Anna", "STIP De Weide");
    let intake = anonymous_question();
    let now = at("2025-03-10T09:42:00Z");

    let saved = store
        .save_intake(&anna, &intake, &direct(), None, "test", now)
        .unwrap();

    assert_eq!(saved.household_id, None);
    assert_eq!(saved.queue_item, None);
    assert_eq!(
        store.intake(saved.id, &anna, "test", now).unwrap(),
        Some(intake)
    );
    let conn = raw(dir.path());
    assert_eq!(count(&conn, "SELECT count(*) FROM queue_items"), 0);
    assert_eq!(count(&conn, "SELECT count(*) FROM households"), 0);
}

#[test]
fn a_handover_makes_a_queue_item_of_the_right_kind_target_and_urgentie() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let anna = user(&mut store, "Anna", "KCC");
    let now = at("2025-03-10T09:42:00Z");
    let intake = debts_and_violence();
    store
        .save_draft(anna.id, &intake.clone().into(), now)
        .unwrap();

    // Acute danger: the suggestion forces spoed although the form still says normaal.
    let saved = store
        .save_intake(
            &anna,
            &intake,
            &suggest(loket_schulden(), true),
            Some("De Weide"),
            "test",
            now,
        )
        .unwrap();
    let queue_id = saved.queue_item.expect("a handover is queued");
    assert!(
        saved.household_id.is_some(),
        "a named resident gets a household"
    );
    assert_eq!(store.draft(anna.id).unwrap(), None, "saving ends the draft");
    let conn = raw(dir.path());
    let item: [String; 5] = conn
        .query_row(
            "SELECT kind, target_kind, target, urgentie, state FROM queue_items WHERE id = ?1",
            [queue_id],
            |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?]),
        )
        .unwrap();
    assert_eq!(
        item,
        [
            "doorverwijzing",
            "loket",
            "geldzaken-schulden",
            "spoed",
            "nieuw"
        ]
    );
    let advice = count(
        &conn,
        "SELECT count(*) FROM intake_advice WHERE intake_id = (SELECT max(id) FROM intakes)",
    );
    assert_eq!(advice, 2);

    // The desk chooses a callback instead of the suggested route: the chosen route and its
    // reason are kept, and without acute danger the form's urgentie stands.
    let callback = Intake {
        route: Some(Route::Terugbelverzoek { team: "KCC".into() }),
        route_reason: "wil eerst zelf teruggebeld worden".into(),
        urgentie: Urgentie::Hoog,
        signalen: Signalen::default(),
        household_id: saved.household_id,
        ..debts_and_violence()
    };
    let second = store
        .save_intake(
            &anna,
            &callback,
            &suggest(loket_schulden(), false),
            None,
            "test",
            now,
        )
        .unwrap();
    assert_eq!(second.household_id, saved.household_id);
    let item: [String; 4] = conn
        .query_row(
            "SELECT kind, target_kind, target, urgentie FROM queue_items WHERE id = ?1",
            [second.queue_item.unwrap()],
            |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?]),
        )
        .unwrap();
    assert_eq!(item, ["terugbelverzoek", "team", "KCC", "hoog"]);
    assert_eq!(
        store.intake(second.id, &anna, "test", now).unwrap(),
        Some(callback)
    );
}

#[test]
fn a_failing_queue_insert_leaves_no_half_intake() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let anna = user(&mut store, "Anna", "KCC");
    let now = at("2025-03-10T09:42:00Z");
    let intake = debts_and_violence();
    store
        .save_draft(anna.id, &intake.clone().into(), now)
        .unwrap();
    raw(dir.path())
        .execute_batch(
            "CREATE TRIGGER no_queue BEFORE INSERT ON queue_items
             BEGIN SELECT RAISE(ABORT, 'wachtrij kapot'); END;",
        )
        .unwrap();

    let result = store.save_intake(
        &anna,
        &intake,
        &suggest(loket_schulden(), true),
        None,
        "test",
        now,
    );

    let error = result.expect_err("the trigger refuses the queue item");
    assert!(error.to_string().contains("wachtrij kapot"), "{error}");
    let conn = raw(dir.path());
    for table in [
        "intakes",
        "intake_advice",
        "households",
        "queue_items",
        "intake_history",
    ] {
        let rows = count(&conn, &format!("SELECT count(*) FROM {table}"));
        assert_eq!(rows, 0, "{table}");
    }
    let audited = count(
        &conn,
        "SELECT count(*) FROM audit_log WHERE action IN ('intake opslaan', 'overdracht')",
    );
    assert_eq!(audited, 0);
    assert_eq!(store.draft(anna.id).unwrap(), Some((now, intake.into())));
}

#[test]
fn a_correction_keeps_the_previous_version_and_queues_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let anna = user(&mut store, "Anna", "STIP De Weide");
    let bram = user(&mut store, "Bram", "STIP De Weide");
    let first = anonymous_question();
    let saved = store
        .save_intake(
            &anna,
            &first,
            &direct(),
            None,
            "test",
            at("2025-03-10T09:00:00Z"),
        )
        .unwrap();

    // On second thought the question needs the Loket.
    let second = Intake {
        question: "Energierekening en huurachterstand, de verhuurder dreigt.".into(),
        complexiteit: Complexiteit::Specialistisch,
        advice: vec!["svc-schuldhulpverlening".into(), "svc-geldloket".into()],
        // A handover needs a way back to the resident.
        resident: Resident {
            email: "inwoner@example.org".into(),
            ..Resident::default()
        },
        consent: Consent::Nee,
        ..first.clone()
    };
    let corrected = store
        .correct_intake(
            &anna,
            saved.id,
            &second,
            &suggest(loket_schulden(), false),
            None,
            "test",
            at("2025-03-10T09:30:00Z"),
        )
        .unwrap()
        .unwrap();
    let queue_item = corrected.queue_item.expect("the new route hands over");

    // A colleague corrects once more, to the Sociaal Team: the queue item stays the one.
    let third = Intake {
        route: Some(Route::SociaalTeam {
            wijk: "De Weide".into(),
        }),
        route_reason: "meer speelt mee".into(),
        ..second.clone()
    };
    let again = store
        .correct_intake(
            &bram,
            saved.id,
            &third,
            &suggest(loket_schulden(), false),
            None,
            "test",
            at("2025-03-10T10:00:00Z"),
        )
        .unwrap()
        .unwrap();
    assert_eq!(again.queue_item, Some(queue_item));

    let history = store.intake_history(saved.id).unwrap();
    assert_eq!(
        history,
        [
            (at("2025-03-10T09:30:00Z"), anna.id, first),
            (
                at("2025-03-10T10:00:00Z"),
                bram.id,
                Intake {
                    household_id: corrected.household_id,
                    ..second
                }
            ),
        ]
    );
    let now = at("2025-03-10T10:05:00Z");
    assert_eq!(
        store.intake(saved.id, &anna, "test", now).unwrap(),
        Some(Intake {
            household_id: again.household_id,
            ..third.clone()
        })
    );
    let conn = raw(dir.path());
    assert_eq!(count(&conn, "SELECT count(*) FROM queue_items"), 1);
    assert_eq!(
        store
            .correct_intake(&anna, 999, &third, &direct(), None, "test", now)
            .unwrap(),
        None
    );
    assert_eq!(count(&conn, "SELECT count(*) FROM intake_history"), 2);
}

#[test]
fn drafts_are_saved_loaded_discarded_and_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let anna = user(&mut store, "Anna", "KCC");
    let bram = user(&mut store, "Bram", "KCC");
    assert_eq!(store.draft(anna.id).unwrap(), None);

    let half = Intake {
        question: "Mijn moeder wordt vergeetachtig en".into(),
        ..Intake::default()
    };
    store
        .save_draft(anna.id, &half.clone().into(), at("2025-03-10T10:41:00Z"))
        .unwrap();
    let more = Intake {
        question: "Mijn moeder wordt vergeetachtig en woont alleen.".into(),
        leefgebieden: vec!["zorg-ondersteuning".into()],
        ..half
    };
    store
        .save_draft(anna.id, &more.clone().into(), at("2025-03-10T10:42:00Z"))
        .unwrap();
    drop(store);

    // The terminal was closed mid-intake; the next sign-in finds the latest draft.
    let mut store = open(dir.path());
    assert_eq!(
        store.draft(anna.id).unwrap(),
        Some((at("2025-03-10T10:42:00Z"), more.into()))
    );
    assert_eq!(store.draft(bram.id).unwrap(), None, "drafts are personal");
    store.discard_draft(anna.id).unwrap();
    assert_eq!(store.draft(anna.id).unwrap(), None);
    drop(store);
    assert_eq!(open(dir.path()).draft(anna.id).unwrap(), None);
}

#[test]
fn a_draft_that_no_longer_parses_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let anna = user(&mut store, "Anna", "KCC");
    let bram = user(&mut store, "Bram", "KCC");
    let conn = raw(dir.path());
    conn.execute(
        "INSERT INTO drafts (user_id, updated_at, intake) VALUES (?1, '2025-03-10T10:42:00Z', ?2)",
        rusqlite::params![anna.id, r#"{"kanaal": "postduif", "vraag": "oud formaat"}"#],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO drafts (user_id, updated_at, intake) VALUES (?1, '2025-03-10T10:42:00Z', ?2)",
        rusqlite::params![bram.id, r#"{"kanaal": "telef"#],
    )
    .unwrap();

    assert_eq!(store.draft(anna.id).unwrap(), None);
    assert_eq!(store.draft(bram.id).unwrap(), None);
    assert_eq!(count(&conn, "SELECT count(*) FROM drafts"), 0);
}

#[test]
fn intakes_of_lists_only_the_users_own_intakes_of_that_dutch_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let anna = user(&mut store, "Anna", "STIP De Weide");
    let bram = user(&mut store, "Bram", "STIP De Weide");
    let mut save = |who: &User, question: &str, when: &str, suggestion: RouteSuggestion| {
        let intake = Intake {
            question: question.into(),
            resident: Resident {
                email: "inwoner@example.org".into(),
                ..Resident::default()
            },
            ..anonymous_question()
        };
        store
            .save_intake(who, &intake, &suggestion, None, "test", at(when))
            .unwrap()
    };
    // 10 March, 23:30 in Amsterdam: still the day before.
    save(&anna, "gisteren laat", "2025-03-10T22:30:00Z", direct());
    // 11 March, 00:30 and 16:00 in Amsterdam.
    let early = save(
        &anna,
        "Net na middernacht: ik kan de huur van deze maand niet betalen en de verhuurder belt steeds",
        "2025-03-10T23:30:00Z",
        direct(),
    );
    let late = save(
        &anna,
        "middag",
        "2025-03-11T15:00:00Z",
        suggest(loket_schulden(), false),
    );
    save(&bram, "van Bram", "2025-03-11T10:00:00Z", direct());
    // 12 March, 00:10 in Amsterdam.
    save(&anna, "morgen", "2025-03-11T23:10:00Z", direct());

    let day = NaiveDate::from_ymd_opt(2025, 3, 11).unwrap();
    let today = store.intakes_of(anna.id, day, day).unwrap();
    let ids: Vec<i64> = today.iter().map(|s| s.id).collect();
    assert_eq!(ids, [late.id, early.id], "newest first");
    assert_eq!(today[0].route, loket_schulden());
    assert_eq!(today[0].leefgebieden, ["geldzaken-schulden"]);
    assert_eq!(today[1].at, at("2025-03-10T23:30:00Z"));
    assert_eq!(
        today[1].question_start,
        "Net na middernacht: ik kan de huur van deze maand niet betal"
    );
    let two_days = store
        .intakes_of(anna.id, day, day.succ_opt().unwrap())
        .unwrap();
    assert_eq!(
        two_days.len(),
        3,
        "the list of the last days holds every day"
    );
}

/// Security-probe #3: the search says nothing before a full identifier (name with postcode or
/// house number, or a whole phone number); a volunteer then learns only that the household is
/// known, where its traject runs and who directs it; every search is audited, with ids only.
#[test]
fn households_are_found_by_a_full_identifier_only_and_every_search_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let anna = user(&mut store, "Anna", "KCC");
    let sanne = store
        .create_user(
            &NewUser {
                name: "Sanne".into(),
                role: Role::Medewerker,
                location: "Loket Lindendaal".into(),
                teams: vec!["Loket Geldzaken & schulden".into()],
                expertise: vec!["geldzaken-schulden".into()],
            },
            "48213",
        )
        .unwrap();
    let now = at("2025-03-10T09:42:00Z");
    let first: SavedIntake = store
        .save_intake(
            &anna,
            &debts_and_violence(),
            &suggest(loket_schulden(), true),
            None,
            "test",
            now,
        )
        .unwrap();
    let household = first.household_id.unwrap();
    // A neighbour with a direct question: a household of its own, nothing open.
    let neighbour = Intake {
        resident: Resident {
            name: "Jan Bakker".into(),
            postcode: "7304AC".into(),
            ..Resident::default()
        },
        ..anonymous_question()
    };
    store
        .save_intake(&anna, &neighbour, &direct(), None, "test", now)
        .unwrap();
    let expected_tracks = vec![OpenTrack {
        target_kind: "loket".into(),
        target: "geldzaken-schulden".into(),
        since: now,
    }];
    let find = |store: &Store, who: &User, text: &str| {
        let identifier = household_query::identifier(text)
            .unwrap_or_else(|| panic!("{text:?} is a full identifier"));
        store
            .find_households(&identifier, who, "test", now)
            .unwrap()
    };

    for text in [
        "Fatima el Amrani 7304ab",
        "fatima EL AMRANI 12",
        "Fatima el Amrani, 7304 AB 12",
        "+31 6 1234 5678",
        "0612345678",
    ] {
        let found = find(&store, &sanne, text);
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!(found[0].id, household, "{text}");
        assert_eq!(found[0].label, "Fatima el Amrani, 7304 AB");
        assert_eq!(found[0].open_tracks, expected_tracks);
    }
    for partial in ["an", "73", "7304", "el amrani", "0612"] {
        assert_eq!(household_query::identifier(partial), None, "{partial}");
    }
    assert!(find(&store, &sanne, "Fatima el Amrani 7304AC").is_empty());
    assert!(find(&store, &sanne, "Pietersen 7304AB").is_empty());

    // The volunteer: known, where, who; no name, no postcode.
    store
        .become_regisseur(household, &sanne, "test", now)
        .unwrap();
    let seen = find(&store, &anna, "Fatima el Amrani 7304 AB");
    assert_eq!(
        seen[0].label,
        "bekend huishouden, lopend traject bij Loket Geldzaken & schulden, regisseur Sanne"
    );
    let regie = seen[0].regie.as_ref().unwrap();
    assert_eq!(regie.regisseur.as_deref(), Some("Sanne"));
    assert_eq!(regie.reach.as_deref(), Some("Loket Lindendaal"));

    let searches = count(
        &raw(dir.path()),
        "SELECT count(*) FROM audit_log WHERE action = 'huishouden zoeken'",
    );
    assert_eq!(
        searches, 8,
        "every search that reached the store is audited"
    );
    let logged: String = raw(dir.path())
        .query_row(
            "SELECT group_concat(object || ' ' || result, '|') FROM audit_log
              WHERE action = 'huishouden zoeken'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        !logged.contains("Amrani") && !logged.contains("7304"),
        "{logged}"
    );
    assert!(logged.contains(&format!(
        "huishouden:{household} gelukt: zoeken op naam en postcode"
    )));

    // The referral is finished, but the case is not: the lopend traject lasts as long as it.
    raw(dir.path())
        .execute("UPDATE queue_items SET state = 'afgerond'", [])
        .unwrap();
    assert_eq!(
        store.household_open_tracks(household).unwrap(),
        expected_tracks
    );
    store
        .close_case(household, "plan loopt bij aanbieder", &sanne, "test", now)
        .unwrap();
    assert!(store.household_open_tracks(household).unwrap().is_empty());
}

#[test]
fn the_audit_log_holds_ids_never_names_phones_or_notes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let anna = user(&mut store, "Anna", "KCC");
    let now = at("2025-03-10T09:42:00Z");
    let intake = debts_and_violence();
    let saved = store
        .save_intake(
            &anna,
            &intake,
            &suggest(loket_schulden(), true),
            None,
            "test",
            now,
        )
        .unwrap();
    store
        .correct_intake(
            &anna,
            saved.id,
            &intake,
            &suggest(loket_schulden(), true),
            None,
            "test",
            now,
        )
        .unwrap();
    store.intake(saved.id, &anna, "test", now).unwrap();

    let rows = store.audit_rows().unwrap();
    let intake_object = format!("intake:{}", saved.id);
    let queue_object = format!("queue:{}", saved.queue_item.unwrap());
    let actions: Vec<[&str; 3]> = rows
        .iter()
        .filter(|r| r[2] != "aanmelden")
        .map(|r| [r[1].as_str(), r[2].as_str(), r[3].as_str()])
        .collect();
    let actor = format!("gebruiker:{}", anna.id);
    assert_eq!(
        actions,
        [
            [actor.as_str(), "intake opslaan", intake_object.as_str()],
            [actor.as_str(), "overdracht", queue_object.as_str()],
            [actor.as_str(), "intake corrigeren", intake_object.as_str()],
            [actor.as_str(), "intake bekijken", intake_object.as_str()],
        ]
    );
    let everything = raw(dir.path())
        .query_row(
            "SELECT group_concat(at || actor || action || object || result || origin, ' ')
             FROM audit_log",
            [],
            |r| r.get::<_, String>(0),
        )
        .unwrap();
    for secret in [NAME, "Amrani", PHONE, "12345678", NOTE, "slaat", "7304"] {
        assert!(!everything.contains(secret), "{secret} in the audit log");
    }
}

#[test]
fn only_answers_that_changed_the_route_are_kept() {
    use loket::domain::gesprekshulp::{Answer, GivenAnswer, Tag};
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let anna = user(&mut store, "Anna", "STIP De Weide");
    let answer = |id: &str, answer: Answer, tag: Option<Tag>| GivenAnswer {
        question_id: format!("geldzaken-schulden/{id}"),
        question: format!("Vraag {id}?"),
        answer,
        tag,
    };
    let intake = Intake {
        answers: vec![
            answer("achterstand", Answer::Ja, None),
            answer("beslag", Answer::Ja, Some(Tag::Specialistisch)),
            answer("administratie", Answer::WeetNiet, None),
            answer(
                "huisuitzetting",
                Answer::Nee,
                Some(Tag::DreigendeHuisuitzetting),
            ),
            answer("overgeslagen", Answer::Overgeslagen, Some(Tag::Complex)),
        ],
        ..anonymous_question()
    };
    let now = at("2025-03-10T09:42:00Z");
    let saved = store
        .save_intake(&anna, &intake, &direct(), None, "test", now)
        .unwrap();
    let read = store.intake_unchecked(saved.id).unwrap().unwrap();
    let kept: Vec<&str> = read
        .answers
        .iter()
        .map(|a| a.question_id.as_str())
        .collect();
    assert_eq!(kept, ["geldzaken-schulden/beslag"]);
    let conn = raw(dir.path());
    assert_eq!(count(&conn, "SELECT count(*) FROM intake_answers"), 1);
    for gone in [
        "achterstand",
        "administratie",
        "huisuitzetting",
        "overgeslagen",
    ] {
        assert_eq!(
            count(
                &conn,
                &format!("SELECT count(*) FROM intake_answers WHERE question_id LIKE '%{gone}'")
            ),
            0
        );
    }
}

#[test]
fn the_questions_of_one_contact_are_saved_together_or_not_at_all() {
    use loket::store::ContactQuestion;
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let anna = user(&mut store, "Anna", "KCC");
    let now = at("2025-03-10T09:42:00Z");
    // A Wmo question for the caller, and a debt question for her son, in one call.
    let wmo = Intake {
        question: "Mijn moeder kan de trap niet meer op.".into(),
        leefgebieden: vec!["zorg-ondersteuning".into()],
        ..debts_and_violence()
    };
    let debts = Intake {
        question: "En mijn zoon heeft schulden bij de zorgverzekeraar.".into(),
        leefgebieden: vec!["geldzaken-schulden".into()],
        ..debts_and_violence()
    };
    let loket = |leefgebied: &str| RouteSuggestion {
        route: Route::Loket {
            leefgebied: leefgebied.into(),
        },
        why: String::new(),
        spoed: false,
    };
    let (wmo_route, debt_route) = (loket("zorg-ondersteuning"), loket("geldzaken-schulden"));
    let questions = [
        ContactQuestion {
            intake: &wmo,
            suggestion: &wmo_route,
            wijk: None,
        },
        ContactQuestion {
            intake: &debts,
            suggestion: &debt_route,
            wijk: None,
        },
    ];
    let saved = store.save_contact(&anna, &questions, "test", now).unwrap();
    assert_eq!(saved.len(), 2);
    assert!(
        saved.iter().all(|s| s.queue_item.is_some()),
        "each its own handover"
    );
    assert_eq!(
        saved[0].household_id, saved[1].household_id,
        "one household, one plan"
    );
    let conn = raw(dir.path());
    assert_eq!(
        count(
            &conn,
            "SELECT count(DISTINCT contact_id) FROM intakes WHERE contact_id IS NOT NULL"
        ),
        1
    );
    assert_eq!(count(&conn, "SELECT count(*) FROM queue_items"), 2);

    // A second question that cannot be stored takes the first one with it.
    let broken = Intake {
        household_id: Some(999_999),
        ..debts.clone()
    };
    let questions = [
        ContactQuestion {
            intake: &wmo,
            suggestion: &wmo_route,
            wijk: None,
        },
        ContactQuestion {
            intake: &broken,
            suggestion: &debt_route,
            wijk: None,
        },
    ];
    assert!(store.save_contact(&anna, &questions, "test", now).is_err());
    assert_eq!(
        count(&conn, "SELECT count(*) FROM intakes"),
        2,
        "nothing half-written"
    );
    assert_eq!(count(&conn, "SELECT count(*) FROM contacts"), 1);
}
