//! Keystroke-to-frame: one key through the keymap and `update` (which runs the search) and a
//! full redraw at 80×24, with the sample kaart grown to 10 000 services. Prints p50/p95 besides
//! criterion's mean. Terminal output itself is not included (TestBackend).

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use loket::domain::account::Role;
use loket::search::Catalog;
use loket::store::{NewUser, Store};
use loket::tui::{App, Keymap, Settings, Theme, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const TYPED: &str = "moeder vergeetachtig";

fn signed_in_app(dir: &std::path::Path) -> App {
    let mut store = Store::open(&dir.join("render.db")).unwrap().store;
    loket::interop::load_sample(&mut store).unwrap();
    loket::demo::grow_kaart(&mut store, 10_000, 42).unwrap();
    let user = NewUser {
        name: "Anna".into(),
        role: Role::Vrijwilliger,
        location: String::new(),
        teams: vec![],
        expertise: vec![],
    };
    store.create_user(&user, "48213").unwrap();
    let settings = Settings {
        wrong_pin_delay: Duration::ZERO,
        ..Settings::default()
    };
    let mut app = App::new(store, Keymap::builtin(), settings, Utc::now).unwrap();
    let catalog = Catalog::load(&app.store).unwrap();
    app.set_catalog(Arc::new(catalog));
    for c in "Anna\t48213\n".chars() {
        let code = match c {
            '\t' => KeyCode::Tab,
            '\n' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE), Instant::now());
    }
    assert!(app.user().is_some());
    app
}

/// Types the query letter by letter and clears it again, timing each key plus redraw.
fn type_and_clear(app: &mut App, terminal: &mut Terminal<TestBackend>, times: &mut Vec<Duration>) {
    let keys = TYPED
        .chars()
        .map(KeyCode::Char)
        .chain(std::iter::repeat_n(KeyCode::Backspace, TYPED.len()));
    for code in keys {
        let start = Instant::now();
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE), Instant::now());
        terminal
            .draw(|frame| draw(frame, app, Theme { color: true }))
            .unwrap();
        times.push(start.elapsed());
    }
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = signed_in_app(dir.path());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut times = Vec::new();
    for _ in 0..5 {
        type_and_clear(&mut app, &mut terminal, &mut times);
    }
    times.sort();
    let at = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize].as_secs_f64() * 1e3;
    println!(
        "keystroke to frame at 80x24, 10 000 services: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        at(0.5),
        at(0.95),
        at(1.0)
    );
    c.bench_function("keystroke_to_frame_10k", |b| {
        b.iter(|| {
            let mut scratch = Vec::new();
            type_and_clear(black_box(&mut app), &mut terminal, &mut scratch);
        })
    });
}

criterion_group!(render, benches);
criterion_main!(render);
