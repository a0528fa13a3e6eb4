//! Wachtrij store tests on real database files: every action with its history, refusals that
//! change nothing, two desks racing for one item, the views and their counts, need-to-know for
//! claiming, forwarding and assigning, append-only history, `data_version` for live screens, and a coordinator's
//! reassignment that reports per item.

mod common;

use common::db::{at, count, open, raw};
use std::sync::Barrier;

use chrono::{DateTime, NaiveDate, Utc};
use loket::domain::account::{Role, User};
use loket::domain::intake::{Consent, Intake, Kanaal, Resident, Route, RouteSuggestion, Urgentie};
use loket::domain::queue::{Outcome, QueueAction, QueueKind, QueueState, Step, Target};
use loket::store::{NewUser, QueueError, QueueItem, QueueView, Store};
use rusqlite::Connection;

const NAME: &str = "Fatima el Amrani";
const NOTE: &str = "Wil eerst over de schulden praten, niet bellen na 17 uur.";

fn person(store: &mut Store, name: &str, role: Role, teams: &[&str], expertise: &[&str]) -> User {
    let new = NewUser {
        teams: teams.iter().map(|t| t.to_string()).collect(),
        expertise: expertise.iter().map(|e| e.to_string()).collect(),
        ..common::user(name, role)
    };
    store.create_user(&new, "48213").unwrap()
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn loket(leefgebied: &str) -> Route {
    Route::Loket {
        leefgebied: leefgebied.into(),
    }
}

/// A named resident's question handed over along `route`, saved at `now` by `desk`.
fn hand_over(
    store: &mut Store,
    desk: &User,
    route: Route,
    urgentie: Urgentie,
    household: Option<i64>,
    now: DateTime<Utc>,
) -> (i64, Option<i64>) {
    let leefgebied = match &route {
        Route::Loket { leefgebied } => leefgebied.clone(),
        _ => "geldzaken-schulden".to_string(),
    };
    let intake = Intake {
        kanaal: Kanaal::Telefoon,
        resident: Resident {
            name: NAME.into(),
            phone: "06-12345678".into(),
            ..Resident::default()
        },
        household_id: household,
        question: "Ik kan de huur niet meer betalen.".into(),
        leefgebieden: vec![leefgebied],
        route: Some(route.clone()),
        urgentie,
        consent: Consent::Ja,
        handover_note: NOTE.into(),
        ..Intake::default()
    };
    let suggestion = RouteSuggestion {
        route,
        why: "test".into(),
        spoed: false,
    };
    let saved = store
        .save_intake(desk, &intake, &suggestion, Some("De Weide"), "test", now)
        .unwrap();
    (saved.queue_item.unwrap(), saved.household_id)
}

fn item(store: &Store, id: i64, now: DateTime<Utc>) -> QueueItem {
    store
        .queue_items(None, now)
        .unwrap()
        .into_iter()
        .chain(store.queue_items(Some(QueueState::Afgerond), now).unwrap())
        .find(|i| i.id == id)
        .unwrap()
}

/// (action, from, to, note, user) of each history row of `id`, oldest first.
fn history(conn: &Connection, id: i64) -> Vec<(String, String, String, String, String)> {
    conn.prepare(
        "SELECT h.action, h.from_state, h.to_state, h.note, u.name FROM queue_history h
         JOIN users u ON u.id = h.user_id WHERE item_id = ?1 ORDER BY h.id",
    )
    .unwrap()
    .query_map([id], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn ids_in(store: &Store, user: &User, view: QueueView, now: DateTime<Utc>) -> Vec<i64> {
    store
        .queue(user, view, now)
        .unwrap()
        .iter()
        .map(|i| i.id)
        .collect()
}

fn row(
    action: &str,
    from: &str,
    to: &str,
    note: &str,
    user: &str,
) -> (String, String, String, String, String) {
    (
        action.into(),
        from.into(),
        to.into(),
        note.into(),
        user.into(),
    )
}

fn refusal(result: Result<QueueItem, QueueError>) -> String {
    match result {
        Err(QueueError::Refused(message)) => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn every_action_changes_the_item_and_writes_history_and_audit() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let desk = person(&mut store, "Kim KCC", Role::Vrijwilliger, &[], &[]);
    // Expert in both leefgebieden, so she may claim the item again after forwarding it.
    let sanne = person(
        &mut store,
        "Sanne",
        Role::Medewerker,
        &["Loket Wonen"],
        &["wonen", "geldzaken-schulden"],
    );
    let now = at("2025-03-03T09:00:00Z");
    let (id, _) = hand_over(
        &mut store,
        &desk,
        loket("wonen"),
        Urgentie::Normaal,
        None,
        now,
    );
    let act = |store: &mut Store, action: QueueAction| {
        store.queue_act(id, &sanne, &action, "test", now).unwrap()
    };

    let claimed = act(&mut store, QueueAction::Claim);
    assert_eq!(claimed.state, QueueState::Opgepakt);
    assert_eq!(claimed.claimed_by.as_deref(), Some("Sanne"));
    assert_eq!(claimed.claimed_by_id, Some(sanne.id));
    for _ in 0..3 {
        let tried = act(
            &mut store,
            QueueAction::ContactAttempt {
                reached: false,
                note: "voicemail".into(),
            },
        );
        assert_eq!(tried.state, QueueState::Opgepakt);
    }
    assert_eq!(item(&store, id, now).attempts, 3);
    let appointment = date("2025-03-05").and_hms_opt(10, 30, 0).unwrap();
    let planned = act(
        &mut store,
        QueueAction::Appointment {
            at: appointment,
            note: "op het wijkkantoor".into(),
        },
    );
    assert_eq!(planned.state, QueueState::Afspraak);
    assert_eq!(planned.appointment_at, Some(appointment));
    let released = act(
        &mut store,
        QueueAction::Release {
            note: "ziek, collega neemt over".into(),
        },
    );
    assert_eq!(released.state, QueueState::Teruggelegd);
    assert_eq!(released.claimed_by, None);
    act(&mut store, QueueAction::Claim);
    let forwarded = act(
        &mut store,
        QueueAction::Forward {
            to: Target::Loket("geldzaken-schulden".into()),
            note: "het gaat om schulden".into(),
        },
    );
    assert_eq!(forwarded.state, QueueState::Doorgestuurd);
    assert_eq!(forwarded.target_label, "Loket Geldzaken & schulden");
    assert_eq!(forwarded.claimed_by, None);
    act(&mut store, QueueAction::Claim);
    let closed = act(
        &mut store,
        QueueAction::Close {
            outcome: Outcome::NietBereikt,
            note: String::new(),
        },
    );
    assert_eq!(closed.state, QueueState::Afgerond);
    assert!(store.queue_items(None, now).unwrap().is_empty());

    let conn = raw(dir.path());
    assert_eq!(
        history(&conn, id),
        vec![
            row("overgedragen", "nieuw", "nieuw", "", "Kim KCC"),
            row("opgepakt", "nieuw", "opgepakt", "", "Sanne"),
            row(
                "contactpoging",
                "opgepakt",
                "opgepakt",
                "niet bereikt: voicemail",
                "Sanne"
            ),
            row(
                "contactpoging",
                "opgepakt",
                "opgepakt",
                "niet bereikt: voicemail",
                "Sanne"
            ),
            row(
                "contactpoging",
                "opgepakt",
                "opgepakt",
                "niet bereikt: voicemail",
                "Sanne"
            ),
            row(
                "afspraak gemaakt",
                "opgepakt",
                "afspraak",
                "op 05-03-2025 10:30: op het wijkkantoor",
                "Sanne"
            ),
            row(
                "teruggelegd",
                "afspraak",
                "teruggelegd",
                "ziek, collega neemt over",
                "Sanne"
            ),
            row("opgepakt", "teruggelegd", "opgepakt", "", "Sanne"),
            row(
                "doorgestuurd",
                "opgepakt",
                "doorgestuurd",
                "naar Loket Geldzaken & schulden: het gaat om schulden",
                "Sanne"
            ),
            row("opgepakt", "doorgestuurd", "opgepakt", "", "Sanne"),
            row("afgerond", "opgepakt", "afgerond", "niet bereikt", "Sanne"),
        ]
    );
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM queue_items WHERE outcome = 'niet-bereikt'"
        ),
        1
    );

    let audit = store.audit_rows().unwrap();
    let object = format!("queue:{id}");
    let queue_rows: Vec<&str> = audit
        .iter()
        .filter(|r| r[3] == object && r[2].starts_with("wachtrij "))
        .map(|r| r[2].as_str())
        .collect();
    assert_eq!(queue_rows.len(), 10, "{queue_rows:?}");
    assert_eq!(queue_rows[0], "wachtrij opgepakt");
    assert_eq!(queue_rows[9], "wachtrij afgerond");
    for r in &audit {
        let line = r.join(" ");
        assert!(
            !line.contains("Fatima") && !line.contains("voicemail"),
            "{line}"
        );
    }
}

#[test]
fn refused_actions_say_why_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let desk = person(&mut store, "Kim", Role::Vrijwilliger, &[], &[]);
    let sanne = person(
        &mut store,
        "Sanne",
        Role::Medewerker,
        &["Loket Wonen"],
        &["wonen"],
    );
    let omar = person(
        &mut store,
        "Omar",
        Role::Medewerker,
        &["Loket Wonen"],
        &["wonen"],
    );
    let now = at("2025-03-03T09:00:00Z");
    let (id, _) = hand_over(
        &mut store,
        &desk,
        loket("wonen"),
        Urgentie::Normaal,
        None,
        now,
    );
    let conn = raw(dir.path());
    let snapshot = |conn: &Connection| {
        (
            history(conn, id),
            count(conn, "SELECT count(*) FROM audit_log"),
            conn.query_row(
                "SELECT state, coalesce(claimed_by, 0), attempts, target FROM queue_items",
                [],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, String>(3)?,
                    ))
                },
            )
            .unwrap(),
        )
    };
    let contact = QueueAction::ContactAttempt {
        reached: false,
        note: String::new(),
    };

    let before = snapshot(&conn);
    assert_eq!(
        refusal(store.queue_act(id, &sanne, &contact, "test", now)),
        "Pak dit item eerst op"
    );
    assert_eq!(snapshot(&conn), before);

    store
        .queue_act(id, &sanne, &QueueAction::Claim, "test", now)
        .unwrap();
    let before = snapshot(&conn);
    let cases = [
        (
            &sanne,
            QueueAction::Release { note: "  ".into() },
            "Schrijf kort waarom je het teruglegt",
        ),
        (
            &sanne,
            QueueAction::Close {
                outcome: Outcome::NietBereikt,
                note: String::new(),
            },
            "Niet bereikt kan pas na 3 contactpogingen",
        ),
        (
            &sanne,
            QueueAction::Forward {
                to: Target::Loket("wonen".into()),
                note: "toch wonen".into(),
            },
            "Dit item staat al bij Loket Wonen",
        ),
        (&sanne, QueueAction::Claim, "Je hebt dit item al opgepakt"),
        (&omar, QueueAction::Claim, "Al opgepakt door Sanne"),
        (
            &omar,
            contact.clone(),
            "Opgepakt door Sanne; alleen die kan dit nu doen",
        ),
    ];
    for (who, action, message) in cases {
        assert_eq!(
            refusal(store.queue_act(id, who, &action, "test", now)),
            message,
            "{action:?}"
        );
        assert_eq!(snapshot(&conn), before, "{action:?}");
    }

    let close = QueueAction::Close {
        outcome: Outcome::GesprekGevoerd,
        note: String::new(),
    };
    store.queue_act(id, &sanne, &close, "test", now).unwrap();
    let before = snapshot(&conn);
    assert_eq!(
        refusal(store.queue_act(id, &omar, &QueueAction::Claim, "test", now)),
        "Dit item is al afgerond"
    );
    assert_eq!(snapshot(&conn), before);
    assert!(matches!(
        store.queue_act(9999, &sanne, &QueueAction::Claim, "test", now),
        Err(QueueError::NotFound)
    ));
}

#[test]
fn two_desks_claiming_one_item_at_once_exactly_one_wins_every_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = open(dir.path());
    let mut second = open(dir.path());
    let desk = person(&mut first, "Kim", Role::Vrijwilliger, &[], &[]);
    let sanne = person(
        &mut first,
        "Sanne",
        Role::Medewerker,
        &["Loket Wonen"],
        &["wonen"],
    );
    let omar = person(
        &mut first,
        "Omar",
        Role::Medewerker,
        &["Loket Wonen"],
        &["wonen"],
    );
    let now = at("2025-03-03T09:00:00Z");
    let conn = raw(dir.path());
    let mut wins = [0, 0];

    for round in 0..100 {
        let (id, _) = hand_over(
            &mut first,
            &desk,
            loket("wonen"),
            Urgentie::Normaal,
            None,
            now,
        );
        let barrier = Barrier::new(2);
        let race = |store: &mut Store, who: &User| {
            barrier.wait();
            store.queue_act(id, who, &QueueAction::Claim, "test", now)
        };
        let (a, b) = std::thread::scope(|s| {
            let a = s.spawn(|| race(&mut first, &sanne));
            let b = s.spawn(|| race(&mut second, &omar));
            (a.join().unwrap(), b.join().unwrap())
        });
        let (winner, loser_message) = match (a, b) {
            (Ok(item), Err(QueueError::Refused(message))) => {
                wins[0] += 1;
                (item, message)
            }
            (Err(QueueError::Refused(message)), Ok(item)) => {
                wins[1] += 1;
                (item, message)
            }
            other => panic!("round {round}: not exactly one winner: {other:?}"),
        };
        let name = winner.claimed_by.clone().unwrap();
        assert_eq!(
            loser_message,
            format!("Al opgepakt door {name}"),
            "round {round}"
        );
        let claimed_by: i64 = conn
            .query_row(
                "SELECT claimed_by FROM queue_items WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(Some(claimed_by), winner.claimed_by_id, "round {round}");
        let claims = history(&conn, id)
            .into_iter()
            .filter(|h| h.0 == "opgepakt")
            .count();
        assert_eq!(claims, 1, "round {round}");
    }
    assert_eq!(wins[0] + wins[1], 100);
}

#[test]
fn views_counts_terms_and_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let desk = person(&mut store, "Kim", Role::Vrijwilliger, &[], &[]);
    let anna = person(
        &mut store,
        "Anna",
        Role::Medewerker,
        &["KCC"],
        &["wonen", "geldzaken-schulden"],
    );
    let bram = person(
        &mut store,
        "Bram",
        Role::Medewerker,
        &["sociaal team de weide"],
        &[],
    );
    // Monday 3 March 2025 and the days after; Dutch time is UTC + 1.
    let (wonen, _) = hand_over(
        &mut store,
        &desk,
        loket("wonen"),
        Urgentie::Normaal,
        None,
        at("2025-03-03T09:00:00Z"),
    );
    let (callback, _) = hand_over(
        &mut store,
        &desk,
        Route::Terugbelverzoek { team: "KCC".into() },
        Urgentie::Hoog,
        None,
        at("2025-03-03T09:00:00Z"),
    );
    let (team, _) = hand_over(
        &mut store,
        &desk,
        Route::SociaalTeam {
            wijk: "De Weide".into(),
        },
        Urgentie::Spoed,
        None,
        at("2025-03-05T15:00:00Z"),
    );
    let (wmo, _) = hand_over(
        &mut store,
        &desk,
        loket("zorg-ondersteuning"),
        Urgentie::Normaal,
        None,
        at("2025-03-04T08:00:00Z"),
    );
    // A late Monday evening in UTC is already Tuesday in the Netherlands.
    let (late, _) = hand_over(
        &mut store,
        &desk,
        loket("geldzaken-schulden"),
        Urgentie::Normaal,
        None,
        at("2025-03-03T23:30:00Z"),
    );
    // Friday noon in the Netherlands.
    let now = at("2025-03-07T11:00:00Z");
    store
        .queue_act(late, &anna, &QueueAction::Claim, "test", now)
        .unwrap();

    let all = store.queue(&anna, QueueView::All, now).unwrap();
    let ids: Vec<i64> = all.iter().map(|i| i.id).collect();
    // Spoed, hoog, then normaal by term (wonen due Monday 10th, the others Tuesday 11th).
    assert_eq!(ids, vec![team, callback, wonen, wmo, late]);
    let by_id = |id: i64| all.iter().find(|i| i.id == id).unwrap();
    assert_eq!(by_id(wonen).due, date("2025-03-10"));
    // Hoog: picked up the next working day, sooner than normaal (desk-test S10).
    assert_eq!(by_id(callback).due, date("2025-03-04"));
    assert_eq!(by_id(callback).kind, QueueKind::Terugbelverzoek);
    assert_eq!(by_id(team).due, date("2025-03-05"));
    assert_eq!(by_id(wmo).due, date("2025-03-11"));
    // Picked up on Friday: now due for the first contact two working days later (S1).
    assert_eq!(by_id(late).step, Step::EersteContact);
    assert_eq!(by_id(late).due, date("2025-03-11"));
    assert_eq!(by_id(wmo).wmo_due, Some(date("2025-04-15")));
    assert_eq!(by_id(wonen).wmo_due, None);
    assert_eq!(by_id(team).target_label, "Sociaal Team De Weide");
    assert_eq!(by_id(team).wijk.as_deref(), Some("De Weide"));
    let overdue: Vec<i64> = all.iter().filter(|i| i.overdue).map(|i| i.id).collect();
    assert_eq!(overdue, vec![team, callback]);

    let view = |store: &Store, user: &User, view: QueueView| ids_in(store, user, view, now);
    assert_eq!(view(&store, &anna, QueueView::Mine), vec![late]);
    assert_eq!(
        view(&store, &anna, QueueView::MyTeams),
        vec![callback, wonen, late]
    );
    assert_eq!(view(&store, &bram, QueueView::MyTeams), vec![team]);
    assert_eq!(view(&store, &bram, QueueView::Mine), Vec::<i64>::new());
    assert_eq!(
        view(&store, &anna, QueueView::Overdue),
        vec![team, callback]
    );
    assert_eq!(
        view(&store, &anna, QueueView::Unclaimed),
        vec![team, callback, wonen, wmo]
    );
    assert_eq!(
        store.queue_counts(&anna, now).unwrap(),
        vec![
            (QueueView::Mine, 1),
            (QueueView::MyTeams, 3),
            (QueueView::All, 5),
            (QueueView::Overdue, 2),
            (QueueView::Unclaimed, 4),
            (QueueView::MyHandovers, 0),
        ]
    );

    // A closed item leaves every list; the CLI still finds it by its state.
    let close = QueueAction::Close {
        outcome: Outcome::EldersGeholpen,
        note: String::new(),
    };
    store.queue_act(late, &anna, &close, "test", now).unwrap();
    assert_eq!(view(&store, &anna, QueueView::Mine), Vec::<i64>::new());
    assert_eq!(view(&store, &anna, QueueView::All).len(), 4);
    let closed = store.queue_items(Some(QueueState::Afgerond), now).unwrap();
    assert_eq!(closed.iter().map(|i| i.id).collect::<Vec<_>>(), vec![late]);
}

/// Security-probe #1, desk-test B4: claiming and forwarding need a ground in the matrix (the
/// team, an assignment, the regie); a refusal says why in Dutch, is audited and changes
/// nothing. Claiming never makes anyone regisseur, a KCC agent's callback included.
#[test]
fn claiming_and_forwarding_need_a_ground_and_never_make_a_regisseur() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let desk = person(&mut store, "Kim", Role::Vrijwilliger, &[], &[]);
    let sanne = person(
        &mut store,
        "Sanne",
        Role::Medewerker,
        &["Loket Wonen"],
        &["wonen"],
    );
    let gijs = person(
        &mut store,
        "Gijs",
        Role::Medewerker,
        &["Loket Taal"],
        &["taal-digitaal"],
    );
    let dirk = person(&mut store, "Dirk", Role::Medewerker, &["KCC"], &[]);
    let now = at("2025-03-03T09:00:00Z");
    let (first, household) = hand_over(
        &mut store,
        &desk,
        loket("wonen"),
        Urgentie::Normaal,
        None,
        now,
    );
    let (callback, _) = hand_over(
        &mut store,
        &desk,
        Route::Terugbelverzoek { team: "KCC".into() },
        Urgentie::Normaal,
        household,
        now,
    );
    let conn = raw(dir.path());
    let regisseur = || -> Option<i64> {
        conn.query_row(
            "SELECT regisseur FROM households WHERE id = ?1",
            [household.unwrap()],
            |r| r.get(0),
        )
        .unwrap()
    };
    let history_rows = || count(&conn, "SELECT count(*) FROM queue_history");
    let before = history_rows();
    assert_eq!(
        refusal(store.queue_act(first, &gijs, &QueueAction::Claim, "test", now)),
        "Dit item is niet voor jou: het wacht bij Loket Wonen, waar je niet bij hoort"
    );
    let forward = QueueAction::Forward {
        to: Target::Loket("taal-digitaal".into()),
        note: "naar mijn eigen team".into(),
    };
    assert!(
        refusal(store.queue_act(first, &gijs, &forward, "test", now)).contains("niet voor jou")
    );
    assert!(matches!(
        store.queue_act(first, &desk, &QueueAction::Claim, "test", now),
        Err(QueueError::Refused(_))
    ));
    assert_eq!(history_rows(), before, "a refusal changes nothing");
    assert_eq!(item(&store, first, now).state, QueueState::Nieuw);
    let refusals = count(
        &conn,
        "SELECT count(*) FROM audit_log
          WHERE action IN ('wachtrij opgepakt', 'wachtrij doorgestuurd')
            AND result = 'geweigerd: niet betrokken'",
    );
    assert_eq!(refusals, 2);

    store
        .queue_act(callback, &dirk, &QueueAction::Claim, "test", now)
        .unwrap();
    store
        .queue_act(first, &sanne, &QueueAction::Claim, "test", now)
        .unwrap();
    assert_eq!(regisseur(), None, "a claim is not the act of taking regie");
    // Holding the item is a ground to forward it.
    store
        .queue_act(first, &sanne, &forward, "test", now)
        .unwrap();
    assert_eq!(
        item(&store, first, now).target,
        Target::Loket("taal-digitaal".into())
    );
}

#[test]
fn the_history_cannot_be_changed_or_removed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let desk = person(&mut store, "Kim", Role::Vrijwilliger, &[], &[]);
    let sanne = person(
        &mut store,
        "Sanne",
        Role::Medewerker,
        &["Loket Wonen"],
        &["wonen"],
    );
    let now = at("2025-03-03T09:00:00Z");
    let (id, _) = hand_over(
        &mut store,
        &desk,
        loket("wonen"),
        Urgentie::Normaal,
        None,
        now,
    );
    store
        .queue_act(id, &sanne, &QueueAction::Claim, "test", now)
        .unwrap();
    let conn = raw(dir.path());

    let update = conn
        .execute("UPDATE queue_history SET note = 'anders'", [])
        .unwrap_err();
    assert!(
        update.to_string().contains("kan niet worden gewijzigd"),
        "{update}"
    );
    let delete = conn.execute("DELETE FROM queue_history", []).unwrap_err();
    assert!(
        delete.to_string().contains("kan niet worden verwijderd"),
        "{delete}"
    );
    assert_eq!(history(&conn, id).len(), 2);
}

#[test]
fn data_version_moves_when_another_desk_commits_and_only_then() {
    let dir = tempfile::tempdir().unwrap();
    let mut mine = open(dir.path());
    let mut other = open(dir.path());
    let desk = person(&mut mine, "Kim", Role::Vrijwilliger, &[], &[]);
    let sanne = person(
        &mut mine,
        "Sanne",
        Role::Medewerker,
        &["Loket Wonen"],
        &["wonen"],
    );
    let now = at("2025-03-03T09:00:00Z");
    let (first, _) = hand_over(
        &mut mine,
        &desk,
        loket("wonen"),
        Urgentie::Normaal,
        None,
        now,
    );

    let start = mine.data_version().unwrap();
    mine.queue(&sanne, QueueView::All, now).unwrap();
    assert_eq!(mine.data_version().unwrap(), start, "our own read");
    hand_over(
        &mut mine,
        &desk,
        loket("wonen"),
        Urgentie::Normaal,
        None,
        now,
    );
    assert_eq!(mine.data_version().unwrap(), start, "our own write");

    other
        .queue_act(first, &sanne, &QueueAction::Claim, "test", now)
        .unwrap();
    let after = mine.data_version().unwrap();
    assert_ne!(after, start, "another desk's commit");
    let claimed = mine.queue(&sanne, QueueView::Mine, now).unwrap();
    assert_eq!(claimed.len(), 1);
}

#[test]
fn reassigning_reports_per_item_and_only_a_coordinator_may_to_the_team() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let desk = person(&mut store, "Kim", Role::Vrijwilliger, &[], &[]);
    let sanne = person(
        &mut store,
        "Sanne",
        Role::Medewerker,
        &["Loket Wonen"],
        &["wonen"],
    );
    person(
        &mut store,
        "Bram",
        Role::Medewerker,
        &["Loket Wonen"],
        &["wonen"],
    );
    let chef = person(&mut store, "Coördinator Carla", Role::Coordinator, &[], &[]);
    person(
        &mut store,
        "Vertrokken Victor",
        Role::Medewerker,
        &["Loket Wonen"],
        &["wonen"],
    );
    store.disable_user("Vertrokken Victor").unwrap();
    let now = at("2025-03-03T09:00:00Z");
    let (open_item, household) = hand_over(
        &mut store,
        &desk,
        loket("wonen"),
        Urgentie::Normaal,
        None,
        now,
    );
    let (claimed, _) = hand_over(
        &mut store,
        &desk,
        loket("wonen"),
        Urgentie::Normaal,
        None,
        now,
    );
    let (closed, _) = hand_over(
        &mut store,
        &desk,
        loket("wonen"),
        Urgentie::Normaal,
        None,
        now,
    );
    store
        .queue_act(claimed, &sanne, &QueueAction::Claim, "test", now)
        .unwrap();
    store
        .queue_act(closed, &sanne, &QueueAction::Claim, "test", now)
        .unwrap();
    let close = QueueAction::Close {
        outcome: Outcome::PlanGemaakt,
        note: String::new(),
    };
    store
        .queue_act(closed, &sanne, &close, "test", now)
        .unwrap();
    let conn = raw(dir.path());
    let history_rows = || count(&conn, "SELECT count(*) FROM queue_history");

    let ids = [open_item, claimed, closed, 9999];
    let before = history_rows();
    let refused = store.reassign(&ids, "Bram", &sanne, "test", now).unwrap();
    for (_, result) in &refused {
        assert_eq!(
            *result,
            Err("Alleen een coördinator kan items toewijzen".to_string())
        );
    }
    let unknown = store.reassign(&ids, "Niemand", &chef, "test", now).unwrap();
    assert_eq!(
        unknown[0].1,
        Err("Onbekende gebruiker \"Niemand\"".to_string())
    );
    let disabled = store
        .reassign(&ids, "Vertrokken Victor", &chef, "test", now)
        .unwrap();
    assert_eq!(
        disabled[0].1,
        Err("Vertrokken Victor is uitgeschakeld".to_string())
    );
    assert_eq!(history_rows(), before);

    let results = store.reassign(&ids, "bram", &chef, "test", now).unwrap();
    assert_eq!(
        results,
        vec![
            (open_item, Ok(())),
            (claimed, Ok(())),
            (closed, Err(format!("Item {closed} is al afgerond"))),
            (9999, Err("Item 9999 bestaat niet".to_string())),
        ]
    );
    for id in [open_item, claimed] {
        let now_item = item(&store, id, now);
        assert_eq!(now_item.claimed_by.as_deref(), Some("Bram"));
        assert_eq!(now_item.state, QueueState::Opgepakt);
        let last = history(&conn, id).pop().unwrap();
        assert_eq!(last.0, "toegewezen");
        assert_eq!(last.3, "aan Bram");
        assert_eq!(last.4, "Coördinator Carla");
    }
    let regisseur: Option<i64> = conn
        .query_row(
            "SELECT regisseur FROM households WHERE id = ?1",
            [household.unwrap()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(regisseur, None, "an assignment is not the regie");
    // Never to a volunteer, never outside the item's team (desk-test B4).
    let (waiting, _) = hand_over(
        &mut store,
        &desk,
        loket("wonen"),
        Urgentie::Normaal,
        None,
        now,
    );
    person(
        &mut store,
        "Ilse",
        Role::Medewerker,
        &["Sociaal Team De Weide"],
        &[],
    );
    let to_volunteer = store
        .reassign(&[waiting], "Kim", &chef, "test", now)
        .unwrap();
    assert_eq!(
        to_volunteer[0].1,
        Err(format!(
            "Item {waiting}: Kim is vrijwilliger; items gaan alleen naar medewerkers"
        ))
    );
    let elsewhere = store
        .reassign(&[waiting], "Ilse", &chef, "test", now)
        .unwrap();
    assert_eq!(
        elsewhere[0].1,
        Err(format!(
            "Item {waiting}: Ilse hoort niet bij Loket Wonen; wijs toe aan een medewerker van dat team"
        ))
    );
    assert_eq!(item(&store, waiting, now).state, QueueState::Nieuw);
    let again = store
        .reassign(&[open_item], "Bram", &chef, "test", now)
        .unwrap();
    assert_eq!(
        again[0].1,
        Err(format!("Item {open_item} is al opgepakt door Bram"))
    );
}

#[test]
fn opening_an_item_shows_note_intake_and_history_and_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let desk = person(&mut store, "Kim", Role::Vrijwilliger, &[], &[]);
    let sanne = person(
        &mut store,
        "Sanne",
        Role::Medewerker,
        &["Loket Wonen"],
        &["wonen"],
    );
    let now = at("2025-03-03T09:00:00Z");
    let (id, _) = hand_over(
        &mut store,
        &desk,
        loket("wonen"),
        Urgentie::Normaal,
        None,
        now,
    );
    store
        .queue_act(id, &sanne, &QueueAction::Claim, "test", now)
        .unwrap();

    let detail = store
        .queue_detail(id, &sanne, "bureau 3", now)
        .unwrap()
        .unwrap();
    assert_eq!(detail.note, NOTE);
    assert_eq!(detail.intake.resident.name, NAME);
    assert_eq!(detail.item.id, id);
    let steps: Vec<(&str, &str, QueueState, QueueState)> = detail
        .history
        .iter()
        .map(|e| (e.action.as_str(), e.user.as_str(), e.from, e.to))
        .collect();
    assert_eq!(
        steps,
        vec![
            ("overgedragen", "Kim", QueueState::Nieuw, QueueState::Nieuw),
            ("opgepakt", "Sanne", QueueState::Nieuw, QueueState::Opgepakt),
        ]
    );
    assert_eq!(detail.history[1].at, now);
    assert_eq!(
        store.queue_detail(9999, &sanne, "bureau 3", now).unwrap(),
        None
    );

    let audit = store.audit_rows().unwrap();
    let looked: Vec<(&str, &str, &str)> = audit
        .iter()
        .filter(|r| r[2].ends_with("bekijken"))
        .map(|r| (r[2].as_str(), r[3].as_str(), r[4].as_str()))
        .collect();
    let object = format!("queue:{id}");
    assert_eq!(
        looked,
        vec![
            // The ground of the look is part of the row: Sanne claimed the item.
            ("wachtrij bekijken", object.as_str(), "gelukt: opgepakt"),
            ("wachtrij bekijken", "queue:9999", "niet gevonden"),
        ]
    );
    for r in &audit {
        let line = r.join(" ");
        assert!(
            !line.contains("Fatima") && !line.contains("schulden"),
            "{line}"
        );
    }
}

#[test]
fn items_of_a_version_5_database_get_their_history_and_stay_readable() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = raw(dir.path());
    loket::store::migrations().to_version(&mut conn, 5).unwrap();
    // A handover saved by a version-5 Loket, before the wachtrij could be worked.
    conn.execute_batch(
        "INSERT INTO users (id, name, role, pin_hash, created_at)
             VALUES (1, 'Kim', 'vrijwilliger', 'x', '2025-03-01T08:00:00Z');
         INSERT INTO intakes (id, created_at, updated_at, user_id, kanaal, complexiteit,
                 signalen, leefgebieden, route, route_chosen, suggested_route, urgentie,
                 consent, anonymous)
             VALUES (1, '2025-03-03T09:00:00Z', '2025-03-03T09:00:00Z', 1, 'balie',
                 'specialistisch', '{}', '[\"wonen\"]',
                 '{\"kind\":\"loket\",\"leefgebied\":\"wonen\"}', 0,
                 '{\"kind\":\"loket\",\"leefgebied\":\"wonen\"}', 'normaal', 0, 0);
         INSERT INTO queue_items (id, intake_id, kind, target_kind, target, urgentie,
                 created_at)
             VALUES (1, 1, 'doorverwijzing', 'loket', 'wonen', 'normaal',
                 '2025-03-03T09:00:00Z');",
    )
    .unwrap();
    drop(conn);

    let store = open(dir.path());
    let now = at("2025-03-04T09:00:00Z");
    let items = store.queue_items(None, now).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].attempts, 0);
    assert_eq!(items[0].due, date("2025-03-10"));
    assert_eq!(
        history(&raw(dir.path()), 1),
        vec![row("overgedragen", "nieuw", "nieuw", "", "Kim")]
    );
}

/// Probe B19 for the queue: a note typed or pasted with a bidi override, a zero-width space
/// and an escape sequence is stored without them.
#[test]
fn a_typed_note_is_stored_without_hidden_characters() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let desk = person(&mut store, "Kim KCC", Role::Vrijwilliger, &[], &[]);
    let sanne = person(
        &mut store,
        "Sanne",
        Role::Medewerker,
        &["Loket Wonen"],
        &["wonen"],
    );
    let now = at("2025-03-03T09:00:00Z");
    let (id, _) = hand_over(
        &mut store,
        &desk,
        loket("wonen"),
        Urgentie::Normaal,
        None,
        now,
    );
    store
        .queue_act(id, &sanne, &QueueAction::Claim, "test", now)
        .unwrap();
    let attempt = QueueAction::ContactAttempt {
        reached: false,
        note: "Inj\u{202e}Naam\u{200b}X\u{1b}]0;TITEL\u{7}".into(),
    };
    store.queue_act(id, &sanne, &attempt, "test", now).unwrap();
    let notes: Vec<String> = history(&raw(dir.path()), id)
        .into_iter()
        .map(|(.., note, _)| note)
        .collect();
    assert_eq!(notes.last().unwrap(), "niet bereikt: InjNaamX");
}
