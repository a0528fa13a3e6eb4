//! The built `loket` binary for end-to-end tests, and signing in as a beheerder: the commands
//! on personal data, accounts, the audit log and the whole database need `--als` and a PIN.

use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

use loket::domain::account::Role;
use loket::store::Store;

/// The beheerder the tests sign in as.
pub const BEHEERDER: &str = "Bea Bakker";
pub const BEHEERDER_PIN: &str = "73915";

/// `loket --db DB ARGS` with `stdin` on standard input and `env` set.
pub fn run(db: &Path, args: &[&str], stdin: &str, env: &[(&str, &Path)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_loket"));
    command.arg("--db").arg(db).args(args);
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that fails early may not read its input; that is not what is tested.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

/// Makes sure the database has the beheerder [`BEHEERDER`] (made through the store, so it
/// works whatever accounts are there already).
pub fn ensure_beheerder(db: &Path) {
    let mut store = Store::open(db).unwrap().store;
    if store.user(BEHEERDER).unwrap().is_none() {
        store
            .create_user(&super::user(BEHEERDER, Role::Beheerder), BEHEERDER_PIN)
            .unwrap();
    }
}

/// `ARGS` signed in as [`BEHEERDER`]: `--als BEHEERDER --pin-stdin ARGS`; the PIN goes on
/// the first line of standard input.
pub fn signed_in<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut signed = vec!["--als", BEHEERDER, "--pin-stdin"];
    signed.extend_from_slice(args);
    signed
}

/// `loket --db DB --als BEHEERDER --pin-stdin ARGS`: the beheerder's PIN is the first line of
/// standard input, `more_stdin` follows it (a new PIN, for instance).
pub fn as_beheerder(db: &Path, args: &[&str], more_stdin: &str, env: &[(&str, &Path)]) -> Output {
    ensure_beheerder(db);
    run(
        db,
        &signed_in(args),
        &format!("{BEHEERDER_PIN}\n{more_stdin}"),
        env,
    )
}

/// `loket --db DB --als BEHEERDER --pin-stdin ARGS` with its output captured, for a test to add
/// environment or a working folder to; [`spawn_with_pin`] starts it.
pub fn beheerder_command(db: &Path, args: &[&str]) -> Command {
    ensure_beheerder(db);
    let mut command = Command::new(env!("CARGO_BIN_EXE_loket"));
    command
        .arg("--db")
        .arg(db)
        .args(signed_in(args))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// Starts `command` and gives it the beheerder's PIN on standard input.
pub fn spawn_with_pin(command: &mut Command) -> Child {
    let mut child = command.spawn().unwrap();
    // A command that fails early may not read its input; that is not what is tested.
    let _ = child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{BEHEERDER_PIN}\n").as_bytes());
    child
}
