//! `loket route check` end to end on the built binary: the shipped seed 003 matrix passes, a
//! wrong `verwacht` is reported with exit code 1, `--routing` tests another organisation, and a
//! broken file is named with its line.

mod common;

use std::path::Path;
use std::process::Output;

use common::cli::run;

const CASES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/routing-cases.toml");

/// `loket route check ARGS` with an empty configuration folder of its own.
fn check(dir: &Path, args: &[&str]) -> Output {
    let config = dir.join("config");
    std::fs::create_dir_all(&config).unwrap();
    let mut all = vec!["route", "check"];
    all.extend_from_slice(args);
    run(
        &dir.join("loket.db"),
        &all,
        "",
        &[("XDG_CONFIG_HOME", &config), ("HOME", dir)],
    )
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn the_shipped_cases_pass() {
    let dir = tempfile::tempdir().unwrap();
    let out = check(dir.path(), &[CASES]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("wijken af van wat verwacht is"), "{text}");
    assert!(text.contains(" 0 wijken af"), "{text}");
    assert!(!text.contains("AFWIJKING"), "{text}");
    assert!(
        text.contains(
            "waarom: signaal van informeel netwerk, zorgmijding → Sociaal Team De Weide, erop af"
        ),
        "{text}"
    );
}

#[test]
fn a_case_that_differs_is_reported_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("gevallen.toml");
    std::fs::write(
        &cases,
        "[[geval]]\nnaam = \"verkeerd verwacht\"\nleefgebieden = [\"wonen\"]\n\
         verwacht = { route = \"Expertiseteam\" }\n\n\
         [[geval]]\nnaam = \"goed\"\nleefgebieden = [\"wonen\"]\n\
         verwacht = { route = \"Direct afgehandeld\" }\n",
    )
    .unwrap();
    let out = check(dir.path(), &[cases.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let text = stdout(&out);
    assert!(text.contains("AFWIJKING verkeerd verwacht"), "{text}");
    assert!(
        text.contains("route: verwacht \"Expertiseteam\", kreeg \"Direct afgehandeld\""),
        "{text}"
    );
    assert!(text.contains("2 gevallen, 1 wijkt af"), "{text}");

    let out = check(dir.path(), &[cases.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json[0]["route"], "Direct afgehandeld");
    assert_eq!(json[0]["team"], "de balie zelf");
    assert_eq!(json[0]["urgentie"], "normaal");
    assert_eq!(json[0]["afwijkingen"].as_array().unwrap().len(), 1);
    assert_eq!(json[1]["afwijkingen"].as_array().unwrap().len(), 0);
}

#[test]
fn another_routing_toml_is_tested_and_a_broken_one_is_named_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("gevallen.toml");
    std::fs::write(
        &cases,
        "[[geval]]\nnaam = \"schulden\"\nleefgebieden = [\"geldzaken-schulden\"]\n\
         complexiteit = \"specialistisch\"\nverwacht = { team = \"Budget Adviesbureau\" }\n",
    )
    .unwrap();
    let routing = dir.path().join("routing.toml");
    std::fs::write(
        &routing,
        "expertiseteam = \"Expertisecentrum\"\nkcc = \"KCC\"\n\
         [loket]\ngeldzaken-schulden = \"Budget Adviesbureau\"\n",
    )
    .unwrap();
    let args = [
        cases.to_str().unwrap(),
        "--routing",
        routing.to_str().unwrap(),
    ];
    let out = check(dir.path(), &args);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    // The built-in table does not know the Budget Adviesbureau.
    assert_eq!(
        check(dir.path(), &[cases.to_str().unwrap()]).status.code(),
        Some(1)
    );

    std::fs::write(
        &routing,
        "expertiseteam = \"E\"\nkcc = \"K\"\n[loket]\nruimtevaart = \"X\"\n",
    )
    .unwrap();
    let out = check(dir.path(), &args);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("routing.toml, regel 4: onbekend leefgebied \"ruimtevaart\""),
        "{err}"
    );
    assert!(stdout(&out).is_empty());
}

#[test]
fn a_broken_case_file_is_named_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases = dir.path().join("gevallen.toml");
    std::fs::write(&cases, "[[geval]]\nnaam = \"x\"\nkomplexiteit = \"hoog\"\n").unwrap();
    let out = check(dir.path(), &[cases.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("gevallen.toml niet bruikbaar"), "{err}");
    assert!(err.contains("regel 3"), "{err}");
}
