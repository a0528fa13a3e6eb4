//! Loket: the sociale kaart, intake and wachtrij of the front office of the Dutch social domain.
//!
//! The library holds everything but the terminal: `domain` (pure rules), `store` (SQLite),
//! `search` (the kaart index), `interop` (HSDS exchange). `tui` is the full-screen face over them; the binary adds the CLI.

pub mod config;
pub mod demo;
pub mod domain;
pub mod interop;
pub mod reference_files;
pub mod report;
pub mod safe_text;
pub mod sample;
pub mod search;
pub mod store;
pub mod tui;
