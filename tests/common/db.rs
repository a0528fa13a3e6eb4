//! Store-level test helpers: a database file in a temp dir, a raw connection to look
//! underneath the API (or to sabotage it), and fixed moments.

use std::path::Path;

use chrono::{DateTime, Utc};
use loket::store::Store;
use rusqlite::Connection;

const DB: &str = "loket.db";

pub fn open(dir: &Path) -> Store {
    Store::open(&dir.join(DB)).unwrap().store
}

/// A second connection to the same file, to look underneath the API or to sabotage it.
pub fn raw(dir: &Path) -> Connection {
    Connection::open(dir.join(DB)).unwrap()
}

pub fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// A moment written as RFC 3339.
pub fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}
