//! Hostile text: a kaart full of escape sequences, bidi overrides, zero-width characters and line
//! separators is imported and shown; nothing of it reaches the screen raw, and what is readable
//! in it still shows. A paste cannot smuggle keys past the text field.

mod common;

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{Desk, monday_morning, settings};
use crossterm::event::KeyCode;
use loket::domain::account::Role;
use loket::domain::{
    Address, Kaart, Laag, Leefgebieden, Location, Organization, Phone, Service, ServiceStatus,
};
use loket::interop::{ExportFormat, ExportTarget, export, import_path};
use loket::search::Catalog;
use loket::store::{NewUser, Store};
use loket::tui::{Action, App, Keymap, Overlay, Phase, Theme, View, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// What an attacker puts between two halves of a word.
const PAYLOADS: &[&str] = &[
    "\u{1b}[31m",
    "\u{1b}[2J\u{1b}[H",
    "\u{1b}]0;nep-titel\u{7}",
    "\u{1b}]52;c;cm0gLXJmIH4=\u{1b}\\",
    "\u{1b}]8;;https://kwaad.example\u{1b}\\",
    "\u{1b}[201~",
    "\u{9b}1m",
    "\u{85}",
    "\u{7f}",
    "\u{7}",
    "\r",
    "\u{202a}",
    "\u{202b}",
    "\u{202d}",
    "\u{202e}",
    "\u{2066}",
    "\u{2067}",
    "\u{2068}",
    "\u{2069}",
    "\u{200b}",
    "\u{200c}",
    "\u{200d}",
    "\u{2060}",
    "\u{feff}",
    "\u{2028}",
    "\u{2029}",
];

/// Whether a character must never be in a drawn cell.
fn dangerous(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200b}'..='\u{200d}'
                | '\u{2060}'
                | '\u{feff}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// Hands out the payloads in turn, counting the hostile strings made.
struct Hostile {
    next: usize,
}

impl Hostile {
    /// `left`, a payload, `right`: on screen `left` and `right` must still be readable.
    fn text(&mut self, left: &str, right: &str) -> String {
        let payload = PAYLOADS[self.next % PAYLOADS.len()];
        self.next += 1;
        format!("{left}{payload}{right}")
    }
}

const SERVICES: usize = 6;

/// A kaart of which every text a volunteer sees carries a payload.
fn hostile_kaart() -> (Kaart, usize) {
    let mut h = Hostile { next: 0 };
    let mut kaart = Kaart::default();
    for n in 0..SERVICES {
        let org_id = format!("org-{n}");
        let loc_id = format!("loc-{n}");
        let phone = |h: &mut Hostile, id: String| Phone {
            id,
            number: h.text("0612", &format!("3456{n}")),
            kind: "voice".into(),
            description: h.text("Bel", "alleen ochtend"),
        };
        kaart.organizations.push(Organization {
            id: org_id.clone(),
            name: h.text(&format!("Stichting{n}"), "Kwaad"),
            description: h.text("Organisatie", "beschrijving"),
            email: Some(format!("info{n}@kwaad.example")),
            website: None,
            phones: vec![phone(&mut h, format!("tel-org-{n}"))],
        });
        kaart.locations.push(Location {
            id: loc_id.clone(),
            organization_id: Some(org_id.clone()),
            name: h.text("Locatie", &format!("{n}")),
            description: String::new(),
            address: Some(Address {
                street: h.text("Markt", &format!(" {n}")),
                postcode: "7301 AA".into(),
                city: h.text("Linden", "daal"),
                wijk: Some(h.text(&format!("Wijk{n}"), "Oost")),
            }),
            phones: vec![phone(&mut h, format!("tel-loc-{n}"))],
        });
        kaart.services.push(Service {
            id: format!("svc-{n}"),
            organization_id: Some(org_id),
            name: h.text(&format!("Hulpdienst{n}"), "Zuid"),
            alternate_name: Some(h.text("Ander", "naam")),
            description: format!(
                "{}\n{}",
                h.text("Eerste", "regel"),
                h.text("Tweede", "regel")
            ),
            status: ServiceStatus::Active,
            leefgebieden: vec!["wonen".into()],
            laag: Some(Laag::Maatwerk),
            fees_description: Some(h.text("Kosten", "geen")),
            eligibility: Some(h.text("Voor", "iedereen")),
            application_process: Some(h.text("Aanmelden", "telefonisch")),
            keywords: vec![h.text("trefwoord", "een"), h.text("trefwoord", "twee")],
            location_ids: vec![loc_id],
            phones: vec![phone(&mut h, format!("tel-svc-{n}"))],
            ..Service::default()
        });
    }
    (kaart, h.next)
}

/// Signs Anna in on a database holding `kaart` written by `fill`.
fn desk_with(fill: impl FnOnce(&mut Store, &Path)) -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("loket.db")).unwrap().store;
    fill(&mut store, dir.path());
    let anna = NewUser {
        location: "STIP De Weide".into(),
        ..common::user("Anna de Vries", Role::Vrijwilliger)
    };
    store.create_user(&anna, "48213").unwrap();
    // Loket refuses such a name now; a database from before may still hold one.
    rusqlite::Connection::open(dir.path().join("loket.db"))
        .unwrap()
        .execute(
            "UPDATE users SET name = ?1, location = ?2",
            [
                "Anna\u{202e} de\u{200b} Vries",
                "STIP\u{2028}De\u{1b}[5m Weide",
            ],
        )
        .unwrap();
    let catalog = Catalog::load(&store).unwrap();
    let mut app = App::new(store, Keymap::builtin(), settings(), monday_morning).unwrap();
    app.set_catalog(Arc::new(catalog));
    let mut desk = Desk { app, dir };
    // Typed as stored: what reaches the screen of a name is made safe, not the name itself.
    desk.sign_in("Anna\u{202e} de\u{200b} Vries", "48213");
    desk
}

/// Through the HSDS CSV package: export of the hostile kaart, import into the desk's database.
fn imported_desk() -> Desk {
    desk_with(|store, dir| {
        let (kaart, _) = hostile_kaart();
        let package = dir.join("pakket");
        export(
            &kaart,
            &Default::default(),
            &Leefgebieden::builtin(),
            &package,
            ExportFormat::HsdsCsv,
            &ExportTarget::default(),
        )
        .unwrap();
        import_path(store, &package, &Leefgebieden::builtin(), false).unwrap();
    })
}

/// Straight into the database, so even what the importer would clean reaches the screens.
fn stored_desk() -> Desk {
    desk_with(|store, _| {
        store.save_kaart(&hostile_kaart().0, None).unwrap();
    })
}

/// Draws the screen and fails on any dangerous character in any cell; returns the text.
fn checked_screen(desk: &Desk, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| draw(frame, &desk.app, Theme { color: false }))
        .unwrap();
    let buffer = terminal.backend().buffer();
    for (i, cell) in buffer.content().iter().enumerate() {
        let bad: Vec<String> = cell
            .symbol()
            .chars()
            .filter(|c| dangerous(*c))
            .map(|c| format!("U+{:04X}", c as u32))
            .collect();
        assert!(
            bad.is_empty(),
            "{bad:?} at column {}, row {} at {width}×{height}:\n{}",
            i % width as usize,
            i / width as usize,
            terminal.backend()
        );
    }
    terminal.backend().to_string()
}

/// Every screen a hostile kaart shows: the list, each service's detail, the copied contact,
/// the filters with their wijken.
fn walk_kaart(mut desk: Desk) {
    for (width, height) in [(80, 24), (160, 48)] {
        checked_screen(&desk, width, height);
    }
    assert_eq!(desk.app.kaart.results.hits.len(), SERVICES);
    desk.key(KeyCode::Down);
    desk.key(KeyCode::Up);
    for n in 0..SERVICES {
        checked_screen(&desk, 80, 24);
        let wide = checked_screen(&desk, 160, 48);
        let service = &desk.app.kaart.results.hits[desk.app.kaart.selected].id;
        let k = service.trim_start_matches("svc-");
        for visible in [
            format!("Hulpdienst{k}"),
            "Zuid".to_string(),
            format!("Stichting{k}"),
            "Eerste".into(),
            "Tweede".into(),
            "iedereen".into(),
            "telefonisch".into(),
            "Kosten".into(),
            "Linden".into(),
            format!("3456{k}"),
        ] {
            assert!(wide.contains(&visible), "{visible} missing:\n{wide}");
        }
        desk.app.update(Action::CopyContact);
        assert!(matches!(desk.app.overlay, Some(Overlay::Copied(_))));
        checked_screen(&desk, 80, 24);
        checked_screen(&desk, 160, 48);
        desk.key(KeyCode::Esc);
        assert_eq!(desk.app.overlay, None, "after service {n}");
        desk.key(KeyCode::Down);
    }
    desk.app.update(Action::OpenFilters);
    assert!(desk.app.kaart.filter_form.is_some());
    while !checked_screen(&desk, 160, 48)
        .lines()
        .any(|l| l.contains("▶ Wijk"))
    {
        desk.app.update(Action::Down);
    }
    desk.app.update(Action::Toggle);
    let filters = checked_screen(&desk, 160, 48);
    assert!(
        filters.contains("Wijk0Oost") || filters.contains("Wijk0 Oost"),
        "{filters}"
    );
    checked_screen(&desk, 80, 24);
    desk.app.update(Action::Submit);
    assert!(desk.app.kaart.filter_form.is_none());
    let chips = checked_screen(&desk, 160, 48);
    assert!(chips.contains("Wijk0"), "{chips}");
    checked_screen(&desk, 80, 24);
}

#[test]
fn hostile_kaart_has_over_fifty_hostile_strings() {
    let (_, count) = hostile_kaart();
    assert!(count >= 50, "{count}");
}

#[test]
fn imported_hostile_kaart_shows_nothing_raw() {
    walk_kaart(imported_desk());
}

#[test]
fn stored_hostile_kaart_shows_nothing_raw() {
    walk_kaart(stored_desk());
}

#[test]
fn hostile_typing_in_the_search_line_shows_nothing_raw() {
    let mut desk = stored_desk();
    desk.typ("hulp\u{202e}\u{200b}\u{2028}dienst");
    checked_screen(&desk, 80, 24);
    let screen = checked_screen(&desk, 160, 48);
    assert!(screen.contains("hulp dienst"), "{screen}");
}

#[test]
fn a_paste_types_safe_text_and_triggers_nothing() {
    let mut desk = stored_desk();
    assert_eq!(desk.app.kaart.query.value(), "");
    desk.app.paste("abc\u{1b}[201~\u{1b}[200~x", Instant::now());
    assert_eq!(desk.app.kaart.query.value(), "abc��x");
    // Keys that are bindings elsewhere only type in a text field, pasted or not.
    desk.app.paste("?\u{1b}[24~q\t\r\n", Instant::now());
    assert_eq!(desk.app.kaart.query.value(), "abc��x?�q  ");
    assert_eq!(desk.app.overlay, None);
    assert!(!desk.app.quit);
    let Phase::Working(session) = &desk.app.phase else {
        panic!("signed out by a paste");
    };
    assert_eq!(session.view, View::Kaart);
    checked_screen(&desk, 80, 24);
}

#[test]
fn a_paste_outside_a_text_field_is_dropped() {
    let mut desk = stored_desk();
    desk.key(KeyCode::Down);
    desk.app.paste("?q", Instant::now());
    assert_eq!(desk.app.kaart.query.value(), "");
    assert_eq!(desk.app.overlay, None);
    assert!(!desk.app.quit);
}

/// What a child process writes, gathered by a reader thread so the test can wait for a screen
/// instead of sleeping a guessed time.
struct Output {
    bytes: Arc<Mutex<Vec<u8>>>,
    reader: std::thread::JoinHandle<()>,
}

/// How long one screen may take to appear: a sign-in runs Argon2, and CI machines are slow.
const SCREEN_TIMEOUT: Duration = Duration::from_secs(60);

impl Output {
    fn gather(mut from: impl Read + Send + 'static) -> Output {
        let bytes = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&bytes);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n @ 1..) = from.read(&mut buf) {
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Output { bytes, reader }
    }

    fn len(&self) -> usize {
        self.bytes.lock().unwrap().len()
    }

    /// Waits until what arrived after byte `from` satisfies `shown`.
    fn wait_for(&self, from: usize, what: &str, shown: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + SCREEN_TIMEOUT;
        loop {
            let arrived = String::from_utf8_lossy(&self.bytes.lock().unwrap()[from..]).into_owned();
            if shown(&arrived) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "no {what} after {SCREEN_TIMEOUT:?}:\n{arrived}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Everything the process wrote, once it has closed its output.
    fn finish(self) -> Vec<u8> {
        self.reader.join().unwrap();
        Arc::try_unwrap(self.bytes).unwrap().into_inner().unwrap()
    }
}

/// The bytes the real binary writes to a pseudo-terminal while showing the hostile kaart
/// contain none of the payloads: no title change, clipboard write or hyperlink an attacker
/// put in the kaart, no bidi or zero-width characters. `script` (util-linux, part of every
/// Debian and Ubuntu base system) makes the pseudo-terminal; the test fails where it is missing
/// rather than pass without looking. Its options are the Linux ones, hence Linux only.
#[cfg(target_os = "linux")]
#[test]
fn the_bytes_sent_to_a_terminal_carry_no_payload() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    {
        let mut store = Store::open(&db).unwrap().store;
        store.save_kaart(&hostile_kaart().0, None).unwrap();
        store
            .create_user(&common::user("Anna", Role::Vrijwilliger), "48213")
            .unwrap();
    }
    let command = format!(
        "stty cols 120 rows 40; exec {} --db {}",
        env!("CARGO_BIN_EXE_loket"),
        db.display()
    );
    let mut child = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("`script` (util-linux) is needed for the terminal test");
    let mut keys = child.stdin.take().unwrap();
    let output = Output::gather(child.stdout.take().unwrap());
    let mut press = |bytes: &[u8]| {
        let mark = output.len();
        keys.write_all(bytes).unwrap();
        keys.flush().unwrap();
        mark
    };
    output.wait_for(0, "sign-in screen", |s| s.contains("Aanmelden"));
    // Sign in, show the list and a detail, go down the list; each key waits for its redraw.
    let mark = press(b"Anna\t48213\r");
    output.wait_for(mark, "kaart", |s| s.contains("Hulpdienst"));
    for bytes in [&b"\x1b[B"[..], b"\x04", b"\x1b[B\x1b[B", b"\x04"] {
        let mark = press(bytes);
        output.wait_for(mark, "redraw", |s| !s.is_empty());
    }
    press(b"\x11");
    let deadline = Instant::now() + SCREEN_TIMEOUT;
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "Loket did not quit on Ctrl-Q");
        std::thread::sleep(Duration::from_millis(10));
    }
    drop(keys);
    let bytes = output.finish();
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("Zoek") && text.contains("Sociale"),
        "the kaart was shown"
    );
    // The renderer itself writes plain CSI sequences (colours, cursor moves) and may clear
    // the screen; every other payload must not reach the terminal.
    let renderer_writes_too = |p: &str| p.starts_with("\u{1b}[") && p != "\u{1b}[201~" || p == "\r";
    for payload in PAYLOADS.iter().filter(|p| !renderer_writes_too(p)) {
        assert!(!text.contains(payload), "{payload:?} reached the terminal");
    }
}

/// The probe's payloads (B10): a window title, a colour, an 8-bit CSI, a bidi override and a
/// zero-width space.
const PROBE: &str = "\u{1b}]0;PWNED\u{7}\u{1b}[31m\u{9b}2J\u{202e}\u{200b}";

/// Fails when `bytes` hold ESC, BEL, a C1 control, a bidi control or a zero-width character.
fn assert_terminal_safe(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| c != '\n' && dangerous(c))
        .collect();
    assert!(bad.is_empty(), "{what}: {bad:?} in\n{text}");
}

/// A database from before names were checked: an account, its location and team, a queue
/// item's team and the kaart carry the payload. Returns the database path.
fn hostile_database(dir: &Path) -> std::path::PathBuf {
    use loket::domain::intake::{Intake, Kanaal, Resident, Route, RouteSuggestion};
    let db = dir.join("loket.db");
    let mut store = Store::open(&db).unwrap().store;
    store.save_kaart(&hostile_kaart().0, None).unwrap();
    let person = |name: &str, role| common::user(name, role);
    let mut desk = store
        .create_user(&person("Kim de Jong", Role::Vrijwilliger), "48213")
        .unwrap();
    let eve = store
        .create_user(&person("Eve Evers", Role::Medewerker), "48213")
        .unwrap();
    desk.location = format!("STIP{PROBE}West");
    let team = format!("Team{PROBE}Rood");
    let intake = Intake {
        kanaal: Kanaal::Telefoon,
        resident: Resident {
            name: "Jan Jansen".into(),
            phone: "06-12345678".into(),
            ..Resident::default()
        },
        question: "Vraag".into(),
        leefgebieden: vec!["wonen".into()],
        route: Some(Route::Terugbelverzoek { team: team.clone() }),
        ..Intake::default()
    };
    let suggestion = RouteSuggestion {
        route: Route::Terugbelverzoek { team: team.clone() },
        why: "test".into(),
        spoed: false,
    };
    store
        .save_intake(
            &desk,
            &intake,
            &suggestion,
            None,
            "test",
            chrono::Utc::now(),
        )
        .unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE users SET name = ?1, location = ?2 WHERE id = ?3",
        rusqlite::params![format!("Eve{PROBE}Evers"), format!("Loc{PROBE}"), eve.id],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO user_teams (user_id, team) VALUES (?1, ?2)",
        rusqlite::params![eve.id, team],
    )
    .unwrap();
    conn.execute("UPDATE queue_items SET claimed_by = ?1", [eve.id])
        .unwrap();
    db
}

#[test]
fn what_the_command_line_prints_from_a_hostile_database_is_terminal_safe() {
    let dir = tempfile::tempdir().unwrap();
    let db = hostile_database(dir.path());
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let open: [&[&str]; 9] = [
        &["queue", "list"],
        &["queue", "list", "--json"],
        &["report", "--from", &today, "--to", &today],
        &[
            "report", "--from", &today, "--to", &today, "--format", "csv",
        ],
        &[
            "report", "--from", &today, "--to", &today, "--format", "json",
        ],
        &["search", "zuid"],
        &["search", "zuid", "--json"],
        &["search", "--batch"],
        &["search", "--batch", "--json"],
    ];
    for args in open {
        let out = common::cli::run(&db, args, "zuid\nhulpdienst\n", &[]);
        assert!(out.status.success(), "{args:?}: {out:?}");
        assert_terminal_safe(&format!("{args:?}"), &out.stdout);
        assert_terminal_safe(&format!("{args:?}"), &out.stderr);
    }
    // The search found the services whose names carry the payloads, and printed them clean.
    let search = common::cli::run(&db, &["search", "zuid"], "", &[]);
    let found = String::from_utf8_lossy(&search.stdout);
    assert!(
        found.contains("Hulpdienst0") && found.contains("Stichting0"),
        "{found}"
    );
    // In a table the whole escape sequence goes, its text too.
    let queue = common::cli::run(&db, &["queue", "list"], "", &[]);
    let table = String::from_utf8_lossy(&queue.stdout);
    assert!(table.contains("Eve") && !table.contains("PWNED"), "{table}");
    let gated: [&[&str]; 3] = [
        &["user", "list"],
        &["user", "review"],
        &["user", "review", "--json"],
    ];
    for args in gated {
        let out = common::cli::as_beheerder(&db, args, "", &[]);
        assert!(out.status.success(), "{args:?}: {out:?}");
        assert_terminal_safe(&format!("{args:?}"), &out.stdout);
        assert!(String::from_utf8_lossy(&out.stdout).contains("Evers"));
    }
    let json = common::cli::run(&db, &["queue", "list", "--json"], "", &[]);
    let items: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        items[0]["claimed_by"],
        format!("Eve{PROBE}Evers"),
        "JSON escapes what it carries, it does not change it"
    );
}

#[test]
fn import_errors_echo_no_escape_sequences_from_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let kaart = dir.path().join("kaart");
    std::fs::create_dir(&kaart).unwrap();
    std::fs::write(
        kaart.join("organizations.csv"),
        format!("x{PROBE}\u{1b}]52;c;SGVsbG8=\u{7},name\n1,Org\n"),
    )
    .unwrap();
    std::fs::write(kaart.join("services.csv"), "id,name\ns1,Dienst\n").unwrap();
    let db = dir.path().join("loket.db");
    for args in [
        vec!["import", kaart.to_str().unwrap()],
        vec!["import", "--dry-run", kaart.to_str().unwrap()],
    ] {
        let out = common::cli::run(&db, &args, "", &[]);
        assert_terminal_safe("stdout", &out.stdout);
        assert_terminal_safe("stderr", &out.stderr);
        assert!(!out.status.success(), "{out:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("organizations.csv"),
            "{out:?}"
        );
    }
}

#[test]
fn import_warnings_echo_no_escape_sequences_from_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let kaart = dir.path().join("kaart");
    std::fs::create_dir(&kaart).unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hsds/v3");
    for entry in std::fs::read_dir(&fixture).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        // The probe's schedule: an opening time with a window title in it.
        let text = text.replace(",09:00,", &format!(",9{PROBE}u,"));
        std::fs::write(kaart.join(path.file_name().unwrap()), text).unwrap();
    }
    let db = dir.path().join("loket.db");
    let out = common::cli::run(
        &db,
        &["import", "--dry-run", kaart.to_str().unwrap()],
        "",
        &[],
    );
    assert!(out.status.success(), "{out:?}");
    assert_terminal_safe("stdout", &out.stdout);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("opens_at") && !report.contains("PWNED"),
        "{report}"
    );
}
