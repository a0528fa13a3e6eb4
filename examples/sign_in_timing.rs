//! Measures how long a refused sign-in takes for an unknown name, a wrong PIN, a locked and a
//! disabled account (the figures behind "the same time, within 20 ms"):
//! `cargo run --release --example sign_in_timing -- 25`.

use std::time::{Duration as Elapsed, Instant};

use chrono::{Duration, Utc};
use loket::domain::account::Role;
use loket::store::{NewUser, Store};

fn main() -> anyhow::Result<()> {
    let rounds: usize = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "25".into())
        .parse()?;
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("loket.db"))?.store;
    for (name, role) in [
        ("Anna de Vries", Role::Vrijwilliger),
        ("Bob Bakker", Role::Medewerker),
        ("Cees Cornelis", Role::Medewerker),
    ] {
        let user = NewUser {
            name: name.into(),
            role,
            location: String::new(),
            teams: vec![],
            expertise: vec![],
        };
        store.create_user(&user, "48213")?;
    }
    store.disable_user("Cees Cornelis")?;
    let start = Utc::now();
    for _ in 0..5 {
        store.sign_in("Bob Bakker", "11112", start, "meting")?.ok();
    }
    // Round-robin, so a busy machine slows every case alike.
    let cases = [
        ("onbekende naam", "Niemand", "11112"),
        ("verkeerde pincode", "Anna de Vries", "11112"),
        ("geblokkeerd", "Bob Bakker", "48213"),
        ("uitgeschakeld", "Cees Cornelis", "48213"),
    ];
    let mut times = vec![Vec::new(); cases.len()];
    for i in 0..rounds {
        let at = start + Duration::seconds(i as i64);
        for (case, (_, name, pin)) in cases.iter().enumerate() {
            let began = Instant::now();
            store.sign_in(name, pin, at, "meting")?.ok();
            times[case].push(began.elapsed());
        }
        // A good sign-in, so Anna's wrong PINs never lock her.
        store.sign_in("Anna de Vries", "48213", at, "meting")?.ok();
    }
    for ((what, _, _), mut times) in cases.into_iter().zip(times) {
        times.sort();
        let ms = |t: Elapsed| t.as_secs_f64() * 1000.0;
        println!(
            "{what:<18} mediaan {:6.1} ms  min {:6.1}  max {:6.1}  (n={rounds})",
            ms(times[times.len() / 2]),
            ms(times[0]),
            ms(times[times.len() - 1])
        );
    }
    Ok(())
}
