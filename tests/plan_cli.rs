//! `loket plan list` and `loket plan afdrukken` on the built binary (issue 18): the signed-in
//! professional's plans without names, and the plan on paper, read back from the PDF.

mod common;

use std::path::Path;

use common::cli::run;
use common::db::{key_path, keyed};
use common::plan::{content, day, directed};
use common::regie::now;
use loket::domain::plan::{Answer, HowAgreed};

/// Jan Visser's agreed plan, directed by Sanne; returns the plan's id.
fn agreed_plan(dir: &Path) -> i64 {
    let mut store = keyed(dir);
    let (p, household) = directed(&mut store);
    let plan = store
        .create_plan(
            household,
            &content("Veilig de trap op"),
            &p.sanne,
            "t",
            now(),
        )
        .unwrap();
    let yes = Answer::Akkoord {
        on: day(12, 7),
        how: HowAgreed::Papier,
    };
    store.answer_plan(plan, &yes, &p.sanne, "t", now()).unwrap();
    plan
}

fn loket(dir: &Path, als: &str, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--als", als, "--pin-stdin"];
    all.extend_from_slice(args);
    let key = key_path(dir);
    run(
        &dir.join("loket.db"),
        &all,
        "48213\n",
        &[("LOKET_AUDITSLEUTEL", &key), ("XDG_CONFIG_HOME", dir)],
    )
}

/// `loket plan afdrukken --plan ID --out PDF` signed in as `als`.
fn print(dir: &Path, als: &str, id: &str, pdf: &Path) -> std::process::Output {
    let args = [
        "plan",
        "afdrukken",
        "--plan",
        id,
        "--out",
        pdf.to_str().unwrap(),
    ];
    loket(dir, als, &args)
}

#[test]
fn plan_list_shows_the_professionals_plans_without_names() {
    let dir = tempfile::tempdir().unwrap();
    let plan = agreed_plan(dir.path());
    let out = loket(dir.path(), "Sanne", &["plan", "list", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["id"], plan);
    assert_eq!(json[0]["status"], "akkoord");
    assert_eq!(json[0]["evaluation_on"], "2026-12-21");
    let text = String::from_utf8_lossy(&out.stdout);
    for name in ["Jan Visser", "Ans de Vries", "Sanne", "trap"] {
        assert!(!text.contains(name), "{name} in {text}");
    }
    let kim = loket(dir.path(), "Kim", &["plan", "list", "--json"]);
    assert!(!kim.status.success(), "a volunteer has no plans to list");
}

#[test]
fn the_plan_on_paper_reads_back_with_its_parts_names_and_dates() {
    let dir = tempfile::tempdir().unwrap();
    let plan = agreed_plan(dir.path());
    let pdf = dir.path().join("plan.pdf");
    let id = plan.to_string();
    let out = print(dir.path(), "Sanne", &id, &pdf);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&pdf).unwrap();
    let text = pdf_extract::extract_text_from_mem(&bytes).unwrap();
    // Wrapped lines come back without the space between them: compare without any.
    let flat: String = text.split_whitespace().collect();
    for expected in [
        "Uw plan van aanpak",
        "1. Wat wilt u bereiken?",
        "Veilig de trap op",
        "2. Wanneer gebeurt wat?",
        "3. Wie helpt u, en hoe?",
        "Eigen inzet",
        "Inzet omgeving",
        "Ans de Vries (buurvrouw)",
        "Algemene voorziening",
        "Individuele voorziening (maatwerk)",
        "4. Wat doet u voor anderen?",
        "Dit is nooit een voorwaarde voor uw ondersteuning.",
        "5. Afspraken: wie doet wat?",
        "6. Hoe lang, en hoe houden we het bij?",
        "21 december 2026",
        "Sanne van Loket Wonen",
        "Bureau van Sanne",
        "Handtekening inwoner en datum",
    ] {
        let expected: String = expected.split_whitespace().collect();
        assert!(flat.contains(&expected), "{expected:?} not in {text}");
    }
    // The KCC never sees a plan, not even on paper; nothing is written.
    let other = dir.path().join("dirk.pdf");
    let out = print(dir.path(), "Dirk", &id, &other);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("geen toegang"));
    assert!(!other.exists());
}
