-- Personal accounts (no shared desk logins) and the audit log of who did what.
CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role            TEXT NOT NULL CHECK (role IN ('vrijwilliger', 'medewerker', 'beheerder')),
    location        TEXT NOT NULL DEFAULT '',
    pin_hash        TEXT NOT NULL,
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    created_at      TEXT NOT NULL
) STRICT;

CREATE TABLE user_teams (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    team    TEXT NOT NULL,
    PRIMARY KEY (user_id, team)
) STRICT;

CREATE TABLE user_expertise (
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    leefgebied TEXT NOT NULL,
    PRIMARY KEY (user_id, leefgebied)
) STRICT;

-- Ids and codes only, never personal data itself.
CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    object  TEXT NOT NULL DEFAULT '',
    result  TEXT NOT NULL,
    origin  TEXT NOT NULL DEFAULT ''
) STRICT;
