//! Mistakes on the command line and unreadable input get Dutch messages (probe B17): clap's
//! own errors (unknown argument, a negative number, a missing value, invalid UTF-8) exit 2
//! with a Dutch line and a pointer to `--help`; help and version stay as clap prints them.

use std::ffi::OsStr;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::process::{Command, Output, Stdio};

fn loket(args: &[&OsStr], stdin: &[u8]) -> (tempfile::TempDir, Output) {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_loket"))
        .arg("--db")
        .arg(dir.path().join("loket.db"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin);
    (dir, child.wait_with_output().unwrap())
}

fn words<'a>(args: &[&'a str]) -> Vec<&'a OsStr> {
    args.iter().map(|a| OsStr::new(*a)).collect()
}

/// Words clap says in English; none of them may reach the user.
const ENGLISH: [&str; 6] = [
    "error:",
    "unexpected",
    "invalid",
    "Usage:",
    "required",
    "found",
];

fn assert_dutch_usage_error(args: &[&OsStr], expected: &str) {
    let (_dir, output) = loket(args, b"");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(stderr.contains(expected), "{args:?}: {stderr}");
    assert!(stderr.contains("loket --help"), "{args:?}: {stderr}");
    for english in ENGLISH {
        assert!(!stderr.contains(english), "{args:?}: {english} in {stderr}");
    }
}

#[test]
fn clap_errors_are_dutch_with_exit_code_2() {
    let cases: [(&[&str], &str); 6] = [
        (&["search", "--leeftijd", "-1", "schuld"], "negatief getal"),
        (&["search", "--bestaat-niet"], "onbekende optie"),
        (&["zoek"], "onbekende opdracht 'zoek'"),
        (
            &["search", "--leeftijd"],
            "--leeftijd <JAREN> vraagt een waarde",
        ),
        (&["report", "--format", "pdf"], "kies uit: table, csv, json"),
        (
            &["report", "--to", "2026-01-01"],
            "verplicht maar niet opgegeven",
        ),
    ];
    for (args, expected) in cases {
        assert_dutch_usage_error(&words(args), expected);
    }
}

#[test]
fn invalid_utf8_in_an_argument_is_named_in_dutch() {
    let args = [
        OsStr::new("report"),
        OsStr::new("--from"),
        OsStr::from_bytes(b"2026-\xff"),
    ];
    assert_dutch_usage_error(&args, "geen geldige UTF-8-tekst");
}

#[test]
fn help_and_version_are_printed_as_clap_prints_them() {
    let (_dir, help) = loket(&words(&["--help"]), b"");
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("Usage: loket"));
    let (_dir, version) = loket(&words(&["--version"]), b"");
    assert_eq!(version.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("loket "));
}

#[test]
fn binary_input_to_search_batch_is_refused_in_dutch() {
    let (_dir, output) = loket(&words(&["search", "--batch"]), b"schuld\n\xff\xfe\x00bin\n");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("regel 2 van de invoer is geen geldige UTF-8-tekst"),
        "{stderr}"
    );
    assert!(!stderr.contains("stream did not contain"), "{stderr}");
    // The valid first line was answered before.
    assert!(String::from_utf8_lossy(&output.stdout).contains("Schuldhulpverlening"));
}
