-- Runs of `loket demo`: a row here marks the database as holding fictitious demo data, so the
-- report and the header of the screen can say so, and the generator can tell demo intakes
-- from real ones.
CREATE TABLE demo_runs (
    id         INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    days       INTEGER NOT NULL,
    seed       INTEGER NOT NULL,
    intakes    INTEGER NOT NULL
) STRICT;
