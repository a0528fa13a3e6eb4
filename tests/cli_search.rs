//! End-to-end tests of `loket search` and `loket user` on the built binary.

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn loket(db: &std::path::Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_loket"))
        .arg("--db")
        .arg(db)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that fails early may not read its input; that is not what is tested.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

/// `loket user …` as the beheerder; `stdin` follows her PIN.
fn beheer(db: &std::path::Path, args: &[&str], stdin: &str) -> Output {
    common::cli::as_beheerder(db, args, stdin, &[])
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_new_database_gets_the_sample_kaart_and_search_prints_a_list() {
    let dir = tempfile::tempdir().unwrap();
    let out = loket(
        &dir.path().join("loket.db"),
        &["search", "deurwaarder", "--limit", "3"],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("  1. "), "{text}");
    assert!(text.contains("3 van "), "{text}");
}

/// The hits `loket search QUERY --json` prints on a new database in `dir`.
fn json_hits(dir: &tempfile::TempDir, query: &str) -> serde_json::Value {
    let out = loket(
        &dir.path().join("loket.db"),
        &["search", query, "--json"],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

#[test]
fn json_output_has_the_documented_fields_best_first() {
    let dir = tempfile::tempdir().unwrap();
    let hits = json_hits(&dir, "voedselbank");
    let first = &hits[0];
    assert_eq!(first["id"], "svc-voedselbank");
    for field in [
        "id",
        "name",
        "organization",
        "leefgebieden",
        "laag",
        "wijk",
        "score",
        "strength",
    ] {
        assert!(!first[field].is_null(), "{field} missing in {first}");
    }
    let scores: Vec<f64> = hits
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["strength"] == "strong")
        .map(|h| h["score"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn json_marks_strong_matches_and_the_weak_ones_below_them() {
    let dir = tempfile::tempdir().unwrap();
    let hits = json_hits(&dir, "hij slaat me");
    let strengths: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["strength"].as_str().unwrap())
        .collect();
    let strong = strengths.iter().take_while(|s| **s == "strong").count();
    assert!(strong >= 1, "{strengths:?}");
    assert!(
        strengths[strong..].iter().all(|s| *s == "weak") && strong < strengths.len(),
        "a short list ends with weak matches: {strengths:?}"
    );
    assert_eq!(hits[0]["id"], "svc-veilig-thuis");
    let plain = stdout(&loket(
        &dir.path().join("loket.db"),
        &["search", "hij slaat me"],
        "",
    ));
    assert!(plain.contains("-- minder passend --"), "{plain}");
    assert!(plain.contains("minder passend."), "{plain}");
}

#[test]
fn filters_without_a_query_list_what_they_allow() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    let out = loket(
        &db,
        &[
            "search",
            "--leefgebied",
            "meedoen-ontmoeten",
            "--wijk",
            "de weide",
            "--json",
            "--limit",
            "100",
        ],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let hits: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let hits = hits.as_array().unwrap();
    assert!(!hits.is_empty());
    for hit in hits {
        assert!(
            hit["leefgebieden"]
                .as_array()
                .unwrap()
                .iter()
                .any(|l| l == "meedoen-ontmoeten"),
            "{hit}"
        );
        let wijken = hit["wijk"].as_array().unwrap();
        assert!(
            wijken.is_empty() || wijken.iter().any(|w| w == "De Weide"),
            "{hit}"
        );
    }
    let out = loket(
        &db,
        &[
            "search",
            "--leeftijd",
            "15",
            "--gratis",
            "--open-at",
            "2026-11-23 10:00",
            "--json",
        ],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // The moment as the screens write dates finds the same (desk-test S8).
    let dutch = loket(
        &db,
        &[
            "search",
            "--leeftijd",
            "15",
            "--gratis",
            "--open-at",
            "23-11-2026 10:00",
            "--json",
        ],
        "",
    );
    assert!(dutch.status.success(), "{}", stderr(&dutch));
    assert_eq!(stdout(&dutch), stdout(&out));
}

#[test]
fn batch_answers_one_line_per_query() {
    let dir = tempfile::tempdir().unwrap();
    let out = loket(
        &dir.path().join("loket.db"),
        &["search", "--batch", "--json", "--limit", "2"],
        "schulden\nrolator\n\n🙂\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4);
    for line in &lines {
        assert!(
            serde_json::from_str::<serde_json::Value>(line)
                .unwrap()
                .is_array()
        );
    }
}

#[test]
fn unknown_filter_values_are_clear_errors_listing_the_valid_ones() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    let out = loket(&db, &["search", "x", "--leefgebied", "ruimtevaart"], "");
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("geldzaken-schulden"),
        "{}",
        stderr(&out)
    );
    let out = loket(&db, &["search", "x", "--wijk", "Atlantis"], "");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("De Weide"), "{}", stderr(&out));
    let out = loket(&db, &["search", "x", "--open-at", "morgen"], "");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("D-M-JJJJ UU:MM"), "{}", stderr(&out));
    let out = loket(&db, &["search", "x", "--laag", "luxe"], "");
    assert!(stderr(&out).contains("eigen-kracht"), "{}", stderr(&out));
}

#[test]
fn hostile_queries_return_results_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let long = "a".repeat(10_000);
    for query in [
        "",
        "'; DROP TABLE services; --",
        ".*(",
        "\u{1b}[2J",
        long.as_str(),
    ] {
        let out = loket(&dir.path().join("loket.db"), &["search", query], "");
        assert!(out.status.success(), "{query:?}: {}", stderr(&out));
    }
}

#[test]
fn users_are_added_listed_and_disabled_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    let out = beheer(
        &db,
        &[
            "user",
            "add",
            "Piet Paulusma",
            "--role",
            "medewerker",
            "--locatie",
            "KCC",
            "--team",
            "KCC",
        ],
        "59321\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = beheer(&db, &["user", "add", "Kees", "--role", "baas"], "59321\n");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("vrijwilliger, medewerker, coordinator, beheerder"));
    let out = beheer(
        &db,
        &["user", "add", "Kees", "--role", "vrijwilliger"],
        "111\n",
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("pincode"), "{}", stderr(&out));
    assert!(
        beheer(&db, &["user", "disable", "piet paulusma"], "")
            .status
            .success()
    );
    let list = stdout(&beheer(&db, &["user", "list"], ""));
    assert!(
        list.contains("Piet Paulusma · medewerker · KCC · teams: KCC (uitgeschakeld)"),
        "{list}"
    );
}

#[test]
fn the_wijk_filter_keeps_the_city_wide_debt_services() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    let out = loket(
        &db,
        &[
            "search", "schuld", "--wijk", "De Weide", "--json", "--limit", "100",
        ],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let hits: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let names: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["name"].as_str().unwrap())
        .collect();
    for city_wide in [
        "Maatje bij geldzorgen",
        "Vroeg Erop Af",
        "Beschermingsbewind",
    ] {
        assert!(
            names.contains(&city_wide),
            "{city_wide} ontbreekt: {names:?}"
        );
    }
    assert!(names.contains(&"Sociaal Team De Weide"), "{names:?}");
}
