-- The warme overdracht per arrangement line of an agreed plan (issue 18): to whom, when, what
-- the resident wants to achieve there, and whether the resident has started. One row per line
-- (line ids stay the same across versions); recording it again updates it, for "gestart"
-- changes later. Removed with its plan (erasure, retention).

CREATE TABLE plan_handovers (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES plans(id),
    line_id    INTEGER NOT NULL,
    -- What was typed, as JSON (`domain::plan::Handover`), as the other plan tables keep it.
    handover   TEXT NOT NULL,
    made_by    INTEGER NOT NULL REFERENCES users(id),
    made_at    TEXT NOT NULL,
    changed_by INTEGER REFERENCES users(id),
    changed_at TEXT,
    UNIQUE (plan_id, line_id)
) STRICT;
