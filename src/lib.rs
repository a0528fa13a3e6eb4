//! Loket: the sociale kaart, intake and wachtrij of the front office of the Dutch social domain.
//!
//! The library holds everything but the terminal. Its layers, bottom up; each uses only the
//! ones below it, and modules on one level do not use each other (`tests/layers.rs` checks):
//!
//! 1. `text`, `safe_text`: pure text helpers (folding for comparison; cleaning for display).
//! 2. `domain`: pure types and rules, and the `ReferenceData` they are read against.
//! 3. `store`: SQLite.
//! 4. `search` (the kaart index), `report` (anonymous figures), `interop` (HSDS exchange),
//!    `paper` (documents for the resident: the plan van aanpak as PDF).
//! 5. `sample`, then `demo`: generated kaarten and demo databases.
//! 6. `config`: the user's configuration folder; the only layer that reads it, and the one
//!    that loads the reference data. Everything below gets paths and data passed in. Beside
//!    it `host`: the machine's name, the origin of audit rows; and `reference_files`: the
//!    municipality's `routing.toml` and `termijnen.toml`, which fall back to the built-in ones.
//! 7. `tui`: the full-screen face, the only user of ratatui and crossterm; the binary adds
//!    the CLI (`src/cli`) beside it.

#![forbid(unsafe_code)]

pub mod config;
pub mod demo;
pub mod domain;
pub mod host;
pub mod interop;
pub mod paper;
pub mod reference_files;
pub mod report;
pub mod safe_text;
pub mod sample;
pub mod search;
pub mod store;
pub mod text;
pub mod tui;
