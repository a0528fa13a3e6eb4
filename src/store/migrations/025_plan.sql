-- Na de voordeur (issue 18): the gesprekken of a household's case and its plan van aanpak in
-- the fixed format of seed 003 §3.4, with its versions and their akkoord, the beschikking tasks
-- it leads to, and its evaluations. A plan belongs to the case: one per case, made by its
-- regisseur. What the professional typed is kept as JSON per row (the domain's types); the
-- columns hold what the store selects, orders and checks on.

CREATE TABLE gesprekken (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    household_id INTEGER NOT NULL REFERENCES households(id),
    held_on      TEXT NOT NULL,
    gesprek      TEXT NOT NULL,
    made_by      INTEGER NOT NULL REFERENCES users(id),
    made_at      TEXT NOT NULL
) STRICT;

CREATE INDEX gesprekken_by_case ON gesprekken(case_id, held_on);

CREATE TABLE plans (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases(id),
    household_id  INTEGER NOT NULL REFERENCES households(id),
    -- The evaluation date of the latest version, or the next one set at an evaluation.
    evaluation_on TEXT NOT NULL,
    -- When the regisseur last recorded the progress (afspraken due before then are dealt with).
    progress_on   TEXT,
    created_at    TEXT NOT NULL,
    closed_at     TEXT,
    closed_by     INTEGER REFERENCES users(id),
    outcome       TEXT NOT NULL DEFAULT ''
) STRICT;

-- Eén huishouden, één plan: one plan per case.
CREATE UNIQUE INDEX plans_one_per_case ON plans(case_id);

CREATE TABLE plan_versions (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES plans(id),
    number      INTEGER NOT NULL,
    content     TEXT NOT NULL,
    made_by     INTEGER NOT NULL REFERENCES users(id),
    made_at     TEXT NOT NULL,
    state       TEXT NOT NULL DEFAULT 'wacht-op-akkoord'
                CHECK (state IN ('wacht-op-akkoord', 'akkoord', 'geen-akkoord')),
    answer      TEXT,
    answered_by INTEGER REFERENCES users(id),
    answered_at TEXT,
    UNIQUE (plan_id, number)
) STRICT;

CREATE TABLE plan_tasks (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES plans(id),
    version_id  INTEGER NOT NULL REFERENCES plan_versions(id),
    kind        TEXT NOT NULL CHECK (kind IN ('beschikking-aanvragen', 'afwijzende-beschikking')),
    -- The arrangement line it is for; NULL for a voorziening outside the plan.
    line_id     INTEGER,
    voorziening TEXT NOT NULL,
    team        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    decision    TEXT CHECK (decision IN ('toegekend', 'afgewezen')),
    decided_on  TEXT,
    reference   TEXT NOT NULL DEFAULT '',
    decided_by  INTEGER REFERENCES users(id),
    decided_at  TEXT
) STRICT;

-- A line's beschikking is asked once, whichever version agreed it.
CREATE UNIQUE INDEX plan_tasks_one_per_line ON plan_tasks(plan_id, kind, line_id)
    WHERE line_id IS NOT NULL;

CREATE TABLE plan_evaluations (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES plans(id),
    version_id INTEGER NOT NULL REFERENCES plan_versions(id),
    held_on    TEXT NOT NULL,
    evaluation TEXT NOT NULL,
    made_by    INTEGER NOT NULL REFERENCES users(id),
    made_at    TEXT NOT NULL
) STRICT;

CREATE INDEX plan_evaluations_by_plan ON plan_evaluations(plan_id, id);
