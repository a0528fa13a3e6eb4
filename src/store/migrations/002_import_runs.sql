-- Every kaart import is remembered: when, from where, what it did and what it had to skip.
CREATE TABLE import_runs (
    id          INTEGER PRIMARY KEY,
    imported_at TEXT NOT NULL,
    source      TEXT NOT NULL,
    services    INTEGER NOT NULL,
    warnings    INTEGER NOT NULL,
    report      TEXT NOT NULL
) STRICT;
