//! Migration 023 (regie) on a database of the version before it: existing regisseurs are kept only
//! where the new rule would have made them.

mod common;

use common::db::{at, count, raw};
use loket::domain::queue::Target;
use loket::store::{Store, migrations};
use rusqlite::Connection;

/// The schema version just before migration 023 (the steps are positional, see `store::open`).
const BEFORE_023: usize = 19;

/// Seed-gaps §3, household 54: a KCC agent became regisseur by returning a callback, and two
/// later Sociaal Team referrals were assigned to him. After migration 023 the household's open
/// case lies with the Sociaal Team and has no regisseur; a regisseur who fits the new rule
/// stays; a household with nothing open has none.
#[test]
fn migration_023_keeps_only_regisseurs_the_route_would_have_made() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    let mut conn = Connection::open(&path).unwrap();
    migrations().to_version(&mut conn, BEFORE_023).unwrap();
    conn.execute_batch(
        "INSERT INTO users (id, name, role, pin_hash, created_at) VALUES
            (1, 'Dirk', 'medewerker', 'x', '2026-01-01T00:00:00Z'),
            (2, 'Kees', 'medewerker', 'x', '2026-01-01T00:00:00Z'),
            (3, 'Ilse', 'medewerker', 'x', '2026-01-01T00:00:00Z'),
            (4, 'Kim', 'vrijwilliger', 'x', '2026-01-01T00:00:00Z');
         INSERT INTO user_teams (user_id, team) VALUES
            (1, 'KCC'), (2, 'Sociaal Team Centrum'), (3, 'Sociaal Team De Weide');
         INSERT INTO households (id, created_at, regisseur, regisseur_since) VALUES
            (54, '2026-11-01T09:00:00Z', 1, '2026-11-01T10:00:00Z'),
            (60, '2026-11-01T09:00:00Z', 3, '2026-11-01T10:00:00Z'),
            (70, '2026-11-01T09:00:00Z', 3, '2026-11-01T10:00:00Z');",
    )
    .unwrap();
    let intake = |id: i64, household: i64, leefgebieden: &str| {
        format!(
            "INSERT INTO intakes (id, created_at, updated_at, user_id, kanaal, household_id,
                complexiteit, signalen, leefgebieden, route, route_chosen, suggested_route,
                urgentie, consent, anonymous)
             VALUES ({id}, '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z', 4, 'balie',
                {household}, 'complex', '{{}}', '{leefgebieden}', '{{\"kind\":\"direct\"}}', 0,
                '{{\"kind\":\"direct\"}}', 'normaal', 1, 0);"
        )
    };
    let item = |id: i64, intake: i64, household: i64, rest: &str| {
        format!(
            "INSERT INTO queue_items (id, intake_id, household_id, kind, target_kind, target,
                state, urgentie, created_at, claimed_by, assigned_to)
             VALUES ({id}, {intake}, {household}, {rest});"
        )
    };
    let mut sql = String::new();
    sql += &intake(1, 54, "[\"wonen\"]");
    sql += &intake(2, 54, "[\"wonen\",\"gezondheid\",\"veiligheid\"]");
    sql += &intake(3, 54, "[\"wonen\",\"gezondheid\",\"veiligheid\"]");
    sql += &intake(4, 60, "[\"wonen\",\"gezondheid\",\"veiligheid\"]");
    sql += &intake(5, 70, "[\"wonen\",\"gezondheid\"]");
    // 54: Dirk's callback (done), then two Sociaal Team referrals the trigger gave to Dirk.
    sql += &item(
        1,
        1,
        54,
        "'terugbelverzoek', 'team', 'KCC', 'afgerond', 'normaal', '2026-11-01T09:00:00Z', 1, NULL",
    );
    sql += &item(
        2,
        2,
        54,
        "'doorverwijzing', 'sociaal-team', 'Centrum', 'nieuw', 'normaal', '2026-11-02T09:00:00Z', NULL, 1",
    );
    sql += &item(
        3,
        3,
        54,
        "'doorverwijzing', 'sociaal-team', 'Centrum', 'opgepakt', 'normaal', '2026-11-03T09:00:00Z', 2, 1",
    );
    // 60: Ilse directs a De Weide case, as the new rule would have it.
    sql += &item(
        4,
        4,
        60,
        "'doorverwijzing', 'sociaal-team', 'De Weide', 'opgepakt', 'normaal', '2026-11-02T09:00:00Z', 3, NULL",
    );
    // 70: nothing open any more.
    sql += &item(
        5,
        5,
        70,
        "'doorverwijzing', 'sociaal-team', 'De Weide', 'afgerond', 'normaal', '2026-11-02T09:00:00Z', 3, NULL",
    );
    conn.execute_batch(&sql).unwrap();
    drop(conn);

    let store = Store::open(&path).unwrap().store;
    let case = store.open_case(54).unwrap().unwrap();
    assert_eq!(case.regie_team, Some(Target::SociaalTeam("Centrum".into())));
    assert_eq!(case.regisseur, None, "a callback made no regisseur");
    assert_eq!(case.opened_at, at("2026-11-02T09:00:00Z"));
    let conn = raw(dir.path());
    let assigned = |id: i64| -> Option<i64> {
        conn.query_row(
            "SELECT assigned_to FROM queue_items WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(assigned(2), None, "no longer meant for the KCC agent");
    assert_eq!(assigned(3), None);
    let ilse = store.open_case(60).unwrap().unwrap();
    assert_eq!(ilse.regisseur, Some(3));
    assert_eq!(
        ilse.regie_team,
        Some(Target::SociaalTeam("De Weide".into()))
    );
    assert_eq!(store.open_case(70).unwrap(), None);
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM households WHERE id = 70 AND regisseur IS NULL"
        ),
        1
    );
}
