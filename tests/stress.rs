//! Many desks, crashes — and nothing lost. Several processes save intakes and claim queue
//! items on one database at once; a writing process is killed at random moments. Every save a
//! process acknowledged must be there afterwards, no item may be claimed twice, and the
//! database must pass `PRAGMA integrity_check`.
//!
//! The test binary starts copies of itself as the worker processes (see `worker`), so no extra
//! program is needed. Sized to run in seconds; `LOKET_STRESS_SCALE=10` makes a bigger run.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Utc;
use loket::domain::account::Role;
use loket::domain::intake::{Consent, Intake, Resident, Route, RouteSuggestion};
use loket::domain::queue::QueueAction;
use loket::store::{NewUser, QueueError, QueueView, Store};

const WORKER_ENV: &str = "LOKET_STRESS_WORKER";

fn scale() -> usize {
    std::env::var("LOKET_STRESS_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1)
}

fn user(store: &mut Store, name: &str) {
    let new = NewUser {
        teams: vec!["Loket Wonen".into()],
        ..common::user(name, Role::Medewerker)
    };
    store.create_user(&new, "59321").unwrap();
}

fn handover() -> RouteSuggestion {
    RouteSuggestion {
        route: Route::Loket {
            leefgebied: "wonen".into(),
        },
        why: "test".into(),
        spoed: false,
    }
}

/// Starts this test binary as a worker: `task` is "save" or "claim"; `tag` makes its
/// questions unique.
fn spawn(db: &Path, worker: usize, task: &str, count: usize, tag: &str) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            "worker",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(
            WORKER_ENV,
            format!("{}|{worker}|{task}|{count}|{tag}", db.display()),
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// The worker process: saves intakes (printing `ACK <question>` after each commit) or claims
/// every queue item it can (printing `CLAIM <id>` for each one it got). Not a test on its own:
/// `spawn` starts it with `--ignored`.
#[test]
#[ignore = "helper process of the stress tests"]
fn worker() {
    let Ok(spec) = std::env::var(WORKER_ENV) else {
        return;
    };
    let parts: Vec<&str> = spec.split('|').collect();
    let (db, worker, task, tag) = (parts[0], parts[1], parts[2], parts[4]);
    let count: usize = parts[3].parse().unwrap();
    let mut store = Store::open(Path::new(db)).unwrap().store;
    let me = store.user(&format!("Desk {worker}")).unwrap().unwrap();
    let out = std::io::stdout();
    match task {
        "save" => {
            for i in 0..count {
                let question = format!("vraag {tag}-{i}");
                let intake = Intake {
                    question: question.clone(),
                    leefgebieden: vec!["wonen".into()],
                    handover_note: "stress".into(),
                    resident: Resident {
                        phone: "06-00000001".into(),
                        ..Resident::default()
                    },
                    consent: Consent::Nee,
                    ..Intake::default()
                };
                let started = Instant::now();
                store
                    .save_intake(&me, &intake, &handover(), None, "stress", Utc::now())
                    .unwrap();
                let micros = started.elapsed().as_micros();
                let mut out = out.lock();
                writeln!(out, "ACK {question} {micros}").unwrap();
                out.flush().unwrap();
            }
        }
        _ => {
            // `count` is how many items the savers make in all: stop when all are claimed.
            let deadline = Instant::now() + Duration::from_secs(60);
            while Instant::now() < deadline {
                let items = store.queue(&me, QueueView::Unclaimed, Utc::now()).unwrap();
                if items.is_empty() {
                    if store.queue(&me, QueueView::All, Utc::now()).unwrap().len() >= count {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(5));
                    continue;
                }
                // Workers walk the list from different ends, so they race for the same items.
                let item = if worker.ends_with('0') {
                    &items[0]
                } else {
                    &items[items.len() - 1]
                };
                match store.queue_act(item.id, &me, &QueueAction::Claim, "stress", Utc::now()) {
                    Ok(_) => {
                        let mut out = out.lock();
                        writeln!(out, "CLAIM {}", item.id).unwrap();
                        out.flush().unwrap();
                    }
                    Err(QueueError::Refused(_)) => {}
                    Err(e) => panic!("claim failed: {e}"),
                }
            }
        }
    }
}

/// The worker's reports in its output. The test harness prints "test worker ... " before the
/// first line of a test's own output, so a report may not start the line.
fn reports(output: impl std::io::Read) -> Vec<String> {
    BufReader::new(output)
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| {
            let start = l.find("ACK ").or_else(|| l.find("CLAIM "))?;
            Some(l[start..].to_string())
        })
        .collect()
}

fn integrity_ok(db: &Path) -> bool {
    let conn = rusqlite::Connection::open(db).unwrap();
    let result: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    result == "ok"
}

fn stored_questions(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn.prepare("SELECT question FROM intakes").unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn new_database(dir: &Path, desks: usize) -> PathBuf {
    let db = dir.join("loket.db");
    let mut store = Store::open(&db).unwrap().store;
    for worker in 0..desks {
        user(&mut store, &format!("Desk {worker}"));
    }
    db
}

#[test]
fn several_desks_save_and_claim_at_once_without_losing_or_doubling_anything() {
    let dir = tempfile::tempdir().unwrap();
    let (savers, claimers, saves) = (3, 2, 40 * scale());
    let db = new_database(dir.path(), savers + claimers);
    let started = Instant::now();
    let mut children: Vec<Child> = (0..savers)
        .map(|w| spawn(&db, w, "save", saves, &w.to_string()))
        .collect();
    children.extend((0..claimers).map(|w| spawn(&db, savers + w, "claim", savers * saves, "")));
    let mut acked = Vec::new();
    let mut latencies = Vec::new();
    let mut claimed = Vec::new();
    for child in &mut children {
        for line in reports(child.stdout.take().unwrap()) {
            match line.split_once(' ') {
                Some(("ACK", rest)) => {
                    let (question, micros) = rest.rsplit_once(' ').unwrap();
                    acked.push(question.to_string());
                    latencies.push(micros.parse::<u64>().unwrap());
                }
                Some(("CLAIM", id)) => claimed.push(id.parse::<i64>().unwrap()),
                _ => {}
            }
        }
        assert!(child.wait().unwrap().success(), "a desk got an error");
    }
    let elapsed = started.elapsed();
    assert_eq!(acked.len(), savers * saves, "every save acknowledged");
    let stored = stored_questions(&db);
    for question in &acked {
        assert!(
            stored.contains(question),
            "acknowledged save {question} is missing"
        );
    }
    let mut unique = claimed.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), claimed.len(), "an item was claimed twice");
    assert_eq!(
        claimed.len(),
        acked.len(),
        "every item claimed exactly once"
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    let doubles: i64 = conn
        .query_row(
            "SELECT count(*) FROM (SELECT item_id FROM queue_history WHERE to_state = 'opgepakt'
             GROUP BY item_id HAVING count(*) > 1)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(doubles, 0, "history shows a double claim");
    assert!(integrity_ok(&db));
    latencies.sort_unstable();
    let p99 = latencies[(latencies.len() - 1) * 99 / 100];
    println!(
        "{savers} saving and {claimers} claiming processes: {} saves, {} claims, 0 lost, 0 double, p99 save {:.1} ms, in {elapsed:.1?}",
        acked.len(),
        claimed.len(),
        p99 as f64 / 1000.0
    );
}

#[test]
fn killing_a_writer_at_any_moment_loses_no_acknowledged_save() {
    let dir = tempfile::tempdir().unwrap();
    let db = new_database(dir.path(), 1);
    let rounds = 8 * scale();
    let mut acked_total = Vec::new();
    for round in 0..rounds {
        let mut child = spawn(&db, 0, "save", 100_000, &format!("ronde{round}"));
        let stdout = child.stdout.take().unwrap();
        // Read acknowledgements until a pseudo-random moment, then kill without warning.
        let wait = Duration::from_millis(60 + (round as u64 * 37) % 140);
        let reader = std::thread::spawn(move || reports(stdout));
        std::thread::sleep(wait);
        child.kill().unwrap();
        child.wait().unwrap();
        let acked = reader.join().unwrap();
        let stored = stored_questions(&db);
        for line in &acked {
            let question = line
                .trim_start_matches("ACK ")
                .rsplit_once(' ')
                .map_or("", |(q, _)| q);
            assert!(
                stored.iter().any(|s| s == question),
                "round {round}: acknowledged {question} lost"
            );
        }
        assert!(integrity_ok(&db), "round {round}: integrity");
        assert!(
            Store::open(&db).is_ok(),
            "round {round}: the database opens cleanly"
        );
        acked_total.extend(acked);
    }
    println!(
        "{rounds} kills survived, {} acknowledged saves all present",
        acked_total.len()
    );
}
