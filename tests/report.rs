//! The anonymous report on a small hand-made dataset with known answers for every figure: the
//! counts per breakdown with Dutch day boundaries, small-number suppression and its partner
//! cell, counts rounded to fives, the queue figures per team, the backlog by age, households
//! with several tracks, the demo mark, the CSV header and its formula guard, and the CLI on the
//! built binary. No resident's name, question or note may reach any output.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::db::{at, open, raw};
use loket::domain::account::{Role, User};
use loket::domain::intake::{
    Complexiteit, Consent, Intake, Kanaal, Resident, Route, RouteSuggestion,
};
use loket::domain::queue::{Outcome, QueueAction};
use loket::report::{
    Breakdown, Cell, Period, Report, SUPPRESS_BELOW, Share, build, default_period, output,
};
use loket::store::{NewUser, Store};

/// The day the typed periods are read on (their years are given, so it does not matter).
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()
}

const NAME: &str = "Fatima el Amrani";
const QUESTION: &str = "Ik kan de huur van mijn flat niet meer betalen.";
const NOTE: &str = "Partner weet van niets; bel alleen 's ochtends.";

/// The report is made two weeks after the quarter.
fn now() -> DateTime<Utc> {
    at("2027-01-14T09:00:00Z")
}

fn quarter() -> Period {
    Period::parse("2026-10-01", "2026-12-31", today()).unwrap()
}

fn person(store: &mut Store, name: &str, role: Role, location: &str) -> User {
    let new = NewUser {
        location: location.into(),
        ..common::user(name, role)
    };
    store.create_user(&new, "48213").unwrap()
}

/// What varies between the intakes of the dataset.
struct Contact<'a> {
    kanaal: Kanaal,
    leefgebieden: &'a [&'a str],
    complexiteit: Complexiteit,
    route: Route,
    advice: Vec<String>,
    household: Option<i64>,
    named: bool,
}

impl Contact<'_> {
    fn direct(advice: Vec<String>) -> Self {
        Contact {
            kanaal: Kanaal::Telefoon,
            leefgebieden: &["geldzaken-schulden"],
            complexiteit: Complexiteit::Eenvoudig,
            route: Route::Direct,
            advice,
            household: None,
            named: true,
        }
    }

    fn handover(route: Route) -> Self {
        Contact {
            kanaal: Kanaal::Balie,
            leefgebieden: &["wonen"],
            complexiteit: Complexiteit::Specialistisch,
            route,
            advice: vec![],
            household: None,
            named: true,
        }
    }
}

/// Saves the contact at `when`; returns (queue item, household).
fn save(
    store: &mut Store,
    desk: &User,
    contact: Contact,
    when: DateTime<Utc>,
) -> (Option<i64>, Option<i64>) {
    let resident = if contact.named {
        Resident {
            name: NAME.into(),
            phone: "06-12345678".into(),
            ..Resident::default()
        }
    } else if contact.route.is_handover() {
        // Unnamed, but a handover needs a way back.
        Resident {
            email: "anoniem@example.org".into(),
            ..Resident::default()
        }
    } else {
        Resident::default()
    };
    let intake = Intake {
        kanaal: contact.kanaal,
        resident,
        household_id: contact.household,
        question: QUESTION.into(),
        leefgebieden: contact.leefgebieden.iter().map(|c| c.to_string()).collect(),
        complexiteit: contact.complexiteit,
        advice: contact.advice,
        route: Some(contact.route.clone()),
        consent: Consent::Ja,
        handover_note: NOTE.into(),
        ..Intake::default()
    };
    let suggestion = RouteSuggestion {
        route: contact.route,
        why: "test".into(),
        spoed: false,
    };
    let saved = store
        .save_intake(desk, &intake, &suggestion, Some("De Weide"), "test", when)
        .unwrap();
    (saved.queue_item, saved.household_id)
}

fn act(store: &mut Store, id: i64, user: &User, action: QueueAction, when: DateTime<Utc>) {
    store.queue_act(id, user, &action, "test", when).unwrap();
}

fn close() -> QueueAction {
    QueueAction::Close {
        outcome: Outcome::GesprekGevoerd,
        note: NOTE.into(),
    }
}

fn service_of_laag(dir: &Path, laag: &str) -> String {
    raw(dir)
        .query_row(
            "SELECT id FROM services WHERE laag = ?1 ORDER BY id LIMIT 1",
            [laag],
            |r| r.get(0),
        )
        .unwrap()
}

fn wonen() -> Route {
    Route::Loket {
        leefgebied: "wonen".into(),
    }
}

/// The dataset, in a fresh database in `dir`. In the quarter (Q4 2026, Dutch days):
/// - 6 direct phone questions at the KCC on geldzaken, with advice eigen kracht + algemeen;
///   the first at 00:30 Dutch time on 1 October, the last at 23:30 on 31 December;
/// - 6 referrals at the STIP desk to Loket Wonen on Monday 2 November, picked up after 1, 2,
///   3, 4, 5 and 200 hours (the last after its term, Monday 9 November); the first four
///   closed after 48 hours, the fifth after 96, the sixth still open;
/// - 2 complex questions of one household (digital, signal) to Sociaal Team De Weide, open,
///   one with maatwerk advice.
///
/// Outside the quarter: two direct questions just before and after it (Dutch time), 6
/// households with 2 handovers each in August (in one of them one handover is closed), and 5
/// anonymous handovers on 12 January 2027.
fn dataset(dir: &Path) -> Store {
    let mut store = open(dir);
    loket::interop::load_sample(&mut store).unwrap();
    let kcc = person(&mut store, "Kees Bakker", Role::Medewerker, "KCC");
    let stip = person(
        &mut store,
        "Anna de Vries",
        Role::Vrijwilliger,
        "STIP De Weide",
    );
    // Mo serves every team whose items he picks up (need-to-know).
    let pro = {
        let new = NewUser {
            location: "Stadhuis".into(),
            teams: vec![
                "Loket Wonen".into(),
                "Sociaal Team De Weide".into(),
                "KCC".into(),
            ],
            ..common::user("Mo Jansen", Role::Medewerker)
        };
        store.create_user(&new, "48213").unwrap()
    };
    let advice = vec![
        service_of_laag(dir, "eigen-kracht"),
        service_of_laag(dir, "algemeen"),
    ];

    let direct_times = [
        "2026-09-30T22:30:00Z",
        "2026-10-06T08:00:00Z",
        "2026-10-06T09:00:00Z",
        "2026-10-07T09:00:00Z",
        "2026-10-08T09:00:00Z",
        "2026-12-31T22:30:00Z",
        // Outside: 23:30 on 30 September and 00:30 on 1 January, Dutch time.
        "2026-09-30T21:30:00Z",
        "2026-12-31T23:30:00Z",
    ];
    for time in direct_times {
        save(&mut store, &kcc, Contact::direct(advice.clone()), at(time));
    }

    let created = at("2026-11-02T09:00:00Z");
    for (pick_up, closed) in [
        (1, Some(48)),
        (2, Some(48)),
        (3, Some(48)),
        (4, Some(48)),
        (5, Some(96)),
        (200, None),
    ] {
        let (item, _) = save(&mut store, &stip, Contact::handover(wonen()), created);
        let item = item.unwrap();
        act(
            &mut store,
            item,
            &pro,
            QueueAction::Claim,
            created + Duration::hours(pick_up),
        );
        if let Some(hours) = closed {
            act(
                &mut store,
                item,
                &pro,
                close(),
                created + Duration::hours(hours),
            );
        }
    }

    let team = Route::SociaalTeam {
        wijk: "De Weide".into(),
    };
    let first = Contact {
        kanaal: Kanaal::Digitaal,
        leefgebieden: &["wonen", "geldzaken-schulden"],
        complexiteit: Complexiteit::Complex,
        advice: vec![service_of_laag(dir, "maatwerk")],
        ..Contact::handover(team.clone())
    };
    let (_, household) = save(&mut store, &stip, first, at("2026-12-01T10:00:00Z"));
    let second = Contact {
        kanaal: Kanaal::Signaal,
        leefgebieden: &["wonen"],
        complexiteit: Complexiteit::Complex,
        household,
        ..Contact::handover(team)
    };
    save(&mut store, &stip, second, at("2026-12-02T10:00:00Z"));

    let callback = || Route::Terugbelverzoek { team: "KCC".into() };
    for h in 0..6 {
        let when = at("2026-08-03T09:00:00Z") + Duration::days(h);
        let (first, household) = save(&mut store, &kcc, Contact::handover(callback()), when);
        let again = Contact {
            household,
            ..Contact::handover(callback())
        };
        save(&mut store, &kcc, again, when + Duration::hours(1));
        if h == 5 {
            let first = first.unwrap();
            act(
                &mut store,
                first,
                &pro,
                QueueAction::Claim,
                when + Duration::hours(2),
            );
            act(&mut store, first, &pro, close(), when + Duration::hours(3));
        }
    }
    for i in 0..5 {
        let anonymous = Contact {
            named: false,
            ..Contact::handover(wonen())
        };
        let when = at("2027-01-12T09:00:00Z") + Duration::minutes(i);
        save(&mut store, &stip, anonymous, when);
    }
    store
}

fn rows(breakdown: &Breakdown) -> Vec<(&str, String)> {
    breakdown
        .rows
        .iter()
        .map(|(label, cell)| (label.as_str(), cell.to_string()))
        .collect()
}

fn report() -> (tempfile::TempDir, Report) {
    let dir = tempfile::tempdir().unwrap();
    let store = dataset(dir.path());
    let report = build(&store, &quarter(), now()).unwrap();
    (dir, report)
}

#[test]
fn contacts_per_week_cover_every_week_with_dutch_day_boundaries() {
    let (_dir, report) = report();
    let weeks: Vec<(String, String)> = report
        .contacts_per_week
        .points
        .iter()
        .map(|(monday, cell)| (monday.to_string(), cell.to_string()))
        .collect();
    assert_eq!(weeks.len(), 14, "{weeks:?}");
    // The quarter starts on a Thursday: its first week starts there, not on Monday 28-9.
    assert_eq!(weeks[0], ("2026-10-01".into(), "<5".into()));
    assert_eq!(weeks[1], ("2026-10-05".into(), "<5".into()));
    // Six, rounded to fives.
    assert_eq!(weeks[5], ("2026-11-02".into(), "5".into()));
    assert_eq!(weeks[9], ("2026-11-30".into(), "<5".into()));
    assert_eq!(weeks[13], ("2026-12-28".into(), "<5".into()));
    let zero_weeks = weeks.iter().filter(|(_, n)| n == "0").count();
    assert_eq!(zero_weeks, 9);
}

#[test]
fn breakdowns_count_the_quarter_and_suppress_small_cells() {
    let (_dir, report) = report();
    assert_eq!(
        rows(&report.by_kanaal),
        vec![
            ("telefoon", "×".into()),
            ("balie", "×".into()),
            ("digitaal", "<5".into()),
            ("signaal van derden", "<5".into()),
        ]
    );
    // 14, rounded on its own: the rounded rows need not add up to it.
    assert_eq!(report.by_kanaal.total, Cell::Count(15));
    assert_eq!(
        rows(&report.by_location),
        vec![("STIP De Weide", "10".into()), ("KCC", "5".into())]
    );
    let leefgebieden = rows(&report.by_leefgebied);
    assert_eq!(
        leefgebieden.len(),
        10,
        "every configured leefgebied is listed"
    );
    assert_eq!(leefgebieden[0], ("Werk & inkomen", "0".into()));
    assert_eq!(leefgebieden[1], ("Geldzaken & schulden", "5".into()));
    assert_eq!(leefgebieden[2], ("Wonen", "10".into()));
    // One small cell (complex): the other cells are hidden too, so 14 − 6 − 6 gives
    // nothing away, and they say "×", not "<5": they are not small.
    assert_eq!(
        rows(&report.by_complexiteit),
        vec![
            ("eenvoudig", "×".into()),
            ("specialistisch", "×".into()),
            ("complex", "<5".into()),
        ]
    );
    assert_eq!(report.by_complexiteit.total, Cell::Count(15));
    assert_eq!(
        rows(&report.by_route),
        vec![
            ("Direct afgehandeld", "×".into()),
            ("Loket Wonen", "×".into()),
            ("Sociaal Team De Weide", "<5".into()),
        ]
    );
    assert_eq!(
        rows(&report.handling),
        vec![
            ("Direct afgehandeld", "5".into()),
            ("Overgedragen", "10".into())
        ]
    );
    assert_eq!(report.handling.total, Cell::Count(15));
}

#[test]
fn advice_is_counted_per_laag_in_piramide_order() {
    let (_dir, report) = report();
    // Maatwerk once: 13 − 6 − 6 would give it away, and one 6 hidden with it would still
    // say it is below 3, so both are hidden; never an empty layer.
    assert_eq!(
        rows(&report.advice_by_laag),
        vec![
            ("Eigen kracht", "×".into()),
            ("Sociaal netwerk", "0".into()),
            ("Algemene voorziening", "×".into()),
            ("Collectieve voorziening", "0".into()),
            ("Maatwerkvoorziening", "<5".into()),
        ]
    );
    assert_eq!(report.advice_by_laag.total, Cell::Count(15));
}

#[test]
fn teams_get_pick_up_and_close_times_and_overdue_share() {
    let (_dir, report) = report();
    let names: Vec<&str> = report.teams.iter().map(|t| t.team.as_str()).collect();
    assert_eq!(names, vec!["Loket Wonen", "Sociaal Team De Weide"]);
    let (wonen, team) = (&report.teams[0], &report.teams[1]);
    // Two items at the Sociaal Team: suppressed, and Loket Wonen's 6 hidden with it.
    assert_eq!(team.items, Cell::Suppressed);
    assert_eq!(wonen.items, Cell::Hidden);
    assert_eq!(wonen.pick_up_median_hours, Some(3.5));
    assert_eq!(wonen.pick_up_p90_hours, Some(102.5));
    assert_eq!(wonen.close_median_hours, Some(48.0));
    let p90 = wonen.close_p90_hours.unwrap();
    assert!((p90 - 76.8).abs() < 1e-9, "{p90}");
    // One of six items was late: 17% would give that one away.
    assert_eq!(wonen.overdue_share, Some(Share::Hidden));
    assert_eq!(
        (
            team.pick_up_median_hours,
            team.close_median_hours,
            team.overdue_share
        ),
        (None, None, None),
        "too few items to say anything"
    );
}

#[test]
fn the_backlog_by_age_and_households_with_several_tracks_are_as_of_now() {
    let (_dir, report) = report();
    assert_eq!(
        rows(&report.open_by_age),
        vec![
            ("< 1 week", "5".into()),
            ("1–2 weken", "0".into()),
            ("2–4 weken", "0".into()),
            ("> 4 weken", "15".into()),
        ]
    );
    assert_eq!(report.open_by_age.total, Cell::Count(20));
    // Five August households plus the one with two Sociaal Team items; the household whose
    // second track is closed does not count.
    assert_eq!(report.households_with_several_tracks, Cell::Count(5));
    assert!(!report.demo);
}

#[test]
fn an_empty_period_has_zero_weeks_and_no_teams() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    let report = build(
        &store,
        &Period::parse("2026-01-05", "2026-01-18", today()).unwrap(),
        now(),
    )
    .unwrap();
    // Widened to January: the weeks of 29 December to 26 January.
    assert_eq!(report.period.label(), "1-1-2026 t/m 31-1-2026");
    assert_eq!(report.contacts_per_week.points.len(), 5);
    assert_eq!(report.by_kanaal.total, Cell::Count(0));
    assert!(report.teams.is_empty());
    assert_eq!(report.households_with_several_tracks, Cell::Count(0));
}

#[test]
fn demo_data_is_marked_when_the_generator_recorded_a_run() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path());
    assert!(
        !build(&store, &quarter(), now()).unwrap().demo,
        "no run yet"
    );
    raw(dir.path())
        .execute(
            "INSERT INTO demo_runs (created_at, days, seed, intakes)
             VALUES ('2027-01-01T00:00:00Z', 365, 7, 0)",
            [],
        )
        .unwrap();
    let report = build(&store, &quarter(), now()).unwrap();
    assert!(report.demo);
    assert!(output::table(&report).contains("demogegevens"));
    assert!(output::csv(&report).contains("demo,demogegevens,ja"));
}

#[test]
fn cells_show_from_five_and_zero() {
    assert_eq!(SUPPRESS_BELOW, 5);
    assert_eq!(Cell::from_count(5).to_string(), "5");
    assert_eq!(Cell::from_count(7).to_string(), "5");
    assert_eq!(Cell::from_count(8).to_string(), "10");
    assert_eq!(Cell::from_count(4).to_string(), "<5");
    assert_eq!(Cell::from_count(1).to_string(), "<5");
    assert_eq!(Cell::from_count(0).to_string(), "0");
    assert_eq!(
        serde_json::to_string(&[Cell::Count(7), Cell::Suppressed]).unwrap(),
        r#"[7,"<5"]"#
    );
}

fn breakdown(counts: &[u64]) -> (Vec<String>, String) {
    let rows = counts
        .iter()
        .enumerate()
        .map(|(i, n)| (format!("c{i}"), *n))
        .collect();
    let b = Breakdown::from_counts("test", rows);
    let cells = b.rows.iter().map(|(_, c)| c.to_string()).collect();
    (cells, b.total.to_string())
}

fn strings(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

#[test]
fn exactly_five_shows_everywhere() {
    assert_eq!(breakdown(&[5, 7]), (strings(&["5", "5"]), "10".into()));
    assert_eq!(breakdown(&[5]), (strings(&["5"]), "5".into()));
}

#[test]
fn a_single_suppressed_cell_gets_the_smallest_partner_that_hides_it() {
    assert_eq!(
        breakdown(&[3, 10, 7]),
        (strings(&["<5", "10", "×"]), "20".into())
    );
    // An empty cell hides nothing, so it is passed over.
    assert_eq!(
        breakdown(&[2, 0, 9, 12]),
        (strings(&["<5", "0", "×", "10"]), "25".into())
    );
    // Hiding the 5 would leave 6 = 1 + 5: the 1 would be plain to see.
    assert_eq!(
        breakdown(&[1, 5, 50]),
        (strings(&["<5", "5", "×"]), "55".into())
    );
}

#[test]
fn suppressed_cells_the_total_narrows_down_get_a_partner() {
    // 13 − 10 = 3 for two cells says they are 1 and 2.
    assert_eq!(
        breakdown(&[1, 2, 10]),
        (strings(&["<5", "<5", "×"]), "15".into())
    );
    // 4 + 3 + 2 = 9 for three cells leaves each anything from 1 to 4.
    assert_eq!(
        breakdown(&[4, 3, 2, 10]),
        (strings(&["<5", "<5", "<5", "10"]), "20".into())
    );
}

#[test]
fn all_cells_suppressed_and_small_totals() {
    assert_eq!(breakdown(&[3, 4]), (strings(&["<5", "<5"]), "5".into()));
    assert_eq!(
        breakdown(&[1, 2, 1]),
        (strings(&["<5", "<5", "<5"]), "<5".into())
    );
    assert_eq!(breakdown(&[4, 0]), (strings(&["<5", "0"]), "<5".into()));
}

#[test]
fn an_empty_breakdown_has_a_zero_total() {
    assert_eq!(breakdown(&[]), (vec![], "0".into()));
}

#[test]
fn csv_has_a_stable_header_and_one_row_per_cell() {
    let (_dir, report) = report();
    let csv = output::csv(&report);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "sectie,categorie,waarde");
    assert!(lines.contains(&"periode,van,2026-10-01"));
    assert!(lines.contains(&"contacten per week,2026-11-02,5"));
    assert!(lines.contains(&"kanaal,digitaal,<5"));
    assert!(lines.contains(&"kanaal,telefoon,×"));
    assert!(lines.contains(&"kanaal,totaal,15"));
    assert!(lines.contains(&"wachtrij,Loket Wonen: oppakken mediaan uren,3.5"));
    assert!(lines.contains(&"wachtrij,Loket Wonen: te laat procent,×"));
    assert!(lines.contains(&"wachtrij,Sociaal Team De Weide: oppakken mediaan uren,"));
    assert!(lines.contains(&"huishoudens,meer dan één open traject,5"));
    assert!(lines.iter().all(|l| l.split(',').count() >= 3), "{csv}");
}

#[test]
fn csv_neutralises_what_a_spreadsheet_would_run() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    // Desk names are trimmed when an account is made, so tab and carriage return come in
    // through leefgebied codes no longer configured (shown as they are).
    let cases = [
        ("=SOM(A1)", "wonen"),
        ("+31", "wonen"),
        ("-2", "wonen"),
        ("@kwaad", "wonen"),
        ("KCC", "\tTAB"),
        ("KCC", "\rCR"),
    ];
    for (i, (location, leefgebied)) in cases.into_iter().enumerate() {
        let desk = person(
            &mut store,
            &format!("Vera Visser {i}"),
            Role::Vrijwilliger,
            location,
        );
        let contact = Contact {
            leefgebieden: &[leefgebied],
            ..Contact::direct(vec![])
        };
        save(&mut store, &desk, contact, at("2026-11-02T09:00:00Z"));
    }
    let csv = output::csv(&build(&store, &quarter(), now()).unwrap());
    for expected in ["'=SOM(A1)", "'+31", "'-2", "'@kwaad", "'\tTAB", "'\rCR"] {
        assert!(csv.contains(expected), "{expected:?} in {csv}");
    }
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert!(reader.records().all(|r| {
        let r = r.unwrap();
        !r[1].starts_with(['=', '+', '-', '@', '\t', '\r'])
    }));
}

#[test]
fn no_output_contains_personal_data() {
    let (_dir, report) = report();
    let outputs = [
        output::table(&report),
        output::csv(&report),
        output::json(&report),
    ];
    for text in outputs {
        for secret in [
            NAME,
            QUESTION,
            NOTE,
            "06-12345678",
            "Mo Jansen",
            "Anna de Vries",
        ] {
            assert!(!text.contains(secret), "{secret:?} leaked");
        }
    }
}

#[test]
fn json_is_the_report_for_a_dashboard() {
    let (_dir, report) = report();
    let json: serde_json::Value = serde_json::from_str(&output::json(&report)).unwrap();
    assert_eq!(json["period"]["from"], "2026-10-01");
    assert_eq!(json["by_kanaal"]["total"], 15);
    assert_eq!(json["by_kanaal"]["rows"][2][1], "<5");
    assert_eq!(json["teams"][0]["pick_up_median_hours"], 3.5);
    assert_eq!(json["demo"], false);
}

fn loket(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_loket"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn cli_reports_a_range_in_each_format_without_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    drop(dataset(dir.path()));
    let db = dir.path().join("loket.db");
    let range = ["report", "--from", "2026-10-01", "--to", "2026-12-31"];

    let table = loket(&db, &range);
    assert!(table.status.success(), "{}", text(&table.stderr));
    let table = text(&table.stdout);
    assert!(
        table.starts_with("Rapportage Loket, 1-10-2026 t/m 31-12-2026"),
        "{table}"
    );
    assert!(table.contains("Contacten per kanaal"));

    let csv = loket(&db, &[&range[..], &["--format", "csv"]].concat());
    assert!(csv.status.success());
    let csv = text(&csv.stdout);
    assert!(csv.starts_with("sectie,categorie,waarde\n"));
    assert!(csv.contains("kanaal,totaal,15"));

    let json = loket(&db, &[&range[..], &["--format", "json"]].concat());
    assert!(json.status.success());
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["handling"]["total"], 15);

    for output in [table.clone(), csv, json.to_string()] {
        assert!(!output.contains(NAME) && !output.contains(NOTE) && !output.contains(QUESTION));
    }

    // The dates as the table itself writes them give the same report (desk-test S8).
    let dutch = loket(
        &db,
        &["report", "--from", "1-10-2026", "--to", "31-12-2026"],
    );
    assert!(dutch.status.success(), "{}", text(&dutch.stderr));
    assert_eq!(text(&dutch.stdout), table);
}

#[test]
fn cli_widens_a_typed_range_to_whole_months_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    drop(dataset(dir.path()));
    let db = dir.path().join("loket.db");
    let output = loket(
        &db,
        &["report", "--from", "2026-11-03", "--to", "2026-11-20"],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).starts_with("Rapportage Loket, 1-11-2026 t/m 30-11-2026"),
        "{}",
        text(&output.stdout)
    );
    assert!(
        text(&output.stderr).contains("hele kalendermaanden"),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn cli_defaults_to_this_month_when_last_month_had_no_contacts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    let output = loket(&db, &["report", "--format", "json"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let today = loket::domain::hours::dutch_local(Utc::now()).date();
    let expected = Period::this_month(today);
    assert_eq!(json["period"]["from"], expected.from.to_string());
    assert_eq!(json["period"]["to"], expected.to.to_string());
}

#[test]
fn the_default_period_is_the_last_full_month_with_contacts() {
    let dir = tempfile::tempdir().unwrap();
    let store = dataset(dir.path());
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    // November 2026 had contacts.
    let period = default_period(&store, day(2026, 12, 10)).unwrap();
    assert_eq!(period, Period::last_month(day(2026, 12, 10)));
    // February 2027 had none: this month (whole, as every report; its data up to today),
    // not a page of zeros.
    let period = default_period(&store, day(2027, 3, 10)).unwrap();
    assert_eq!(period.label(), "1-3-2027 t/m 31-3-2027");
}

#[test]
fn cli_refuses_bad_periods_in_dutch() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    let bad = loket(
        &db,
        &["report", "--from", "31-13-2026", "--to", "2026-12-31"],
    );
    assert!(!bad.status.success());
    assert!(
        text(&bad.stderr).contains("is geen datum"),
        "{}",
        text(&bad.stderr)
    );
    let reversed = loket(
        &db,
        &["report", "--from", "2026-12-31", "--to", "2026-10-01"],
    );
    assert!(!reversed.status.success());
    assert!(text(&reversed.stderr).contains("ligt na de einddatum"));
    let format = loket(&db, &["report", "--format", "xls"]);
    assert!(!format.status.success());
}

#[test]
fn a_contact_with_two_questions_counts_once_per_week_and_twice_per_question() {
    use loket::store::ContactQuestion;
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let desk = person(&mut store, "Kim", Role::Vrijwilliger, "KCC");
    let direct = RouteSuggestion {
        route: Route::Direct,
        why: String::new(),
        spoed: false,
    };
    let question = |leefgebied: &str| Intake {
        kanaal: Kanaal::Telefoon,
        question: "Een vraag".into(),
        leefgebieden: vec![leefgebied.into()],
        ..Intake::default()
    };
    let (wmo, debts) = (
        question("zorg-ondersteuning"),
        question("geldzaken-schulden"),
    );
    for day in 0..6 {
        let questions = [
            ContactQuestion {
                intake: &wmo,
                suggestion: &direct,
                wijk: None,
            },
            ContactQuestion {
                intake: &debts,
                suggestion: &direct,
                wijk: None,
            },
        ];
        let when = at("2026-11-03T09:00:00Z") + Duration::hours(day);
        store.save_contact(&desk, &questions, "test", when).unwrap();
    }
    let report = build(&store, &quarter(), now()).unwrap();
    let week = report
        .contacts_per_week
        .points
        .iter()
        .find(|(monday, _)| monday.to_string() == "2026-11-02")
        .map(|(_, cell)| cell.to_string());
    // Six calls show as 5; twelve questions would have shown as 10.
    assert_eq!(week.as_deref(), Some("5"), "six calls");
    let questions_saved: u64 = store
        .intakes_of(
            desk.id,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 3).unwrap(),
            chrono::NaiveDate::from_ymd_opt(2026, 11, 3).unwrap(),
        )
        .unwrap()
        .len() as u64;
    assert_eq!(questions_saved, 12, "twelve questions, each its own intake");
}
