-- Privacy by design: the coördinator role, the last sign-in for the yearly account review, an
-- audit log that cannot be bent (append-only, each row hashed onto the one before), cases shared
-- with named colleagues ("meelezen"), and what retention needs to do its work.
-- Runs with foreign keys off (see `Store::migrate`), so rebuilding `users` keeps every reference.

CREATE TABLE users_new (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role            TEXT NOT NULL CHECK (role IN ('vrijwilliger', 'medewerker', 'coordinator', 'beheerder')),
    location        TEXT NOT NULL DEFAULT '',
    pin_hash        TEXT NOT NULL,
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    created_at      TEXT NOT NULL,
    last_sign_in_at TEXT
) STRICT;

INSERT INTO users_new (id, name, role, location, pin_hash, active, failed_attempts, locked_until,
                       created_at, last_sign_in_at)
SELECT u.id, u.name, u.role, u.location, u.pin_hash, u.active, u.failed_attempts, u.locked_until,
       u.created_at,
       (SELECT max(a.at) FROM audit_log a
         WHERE a.actor = 'gebruiker:' || u.id AND a.action = 'aanmelden' AND a.result = 'gelukt')
  FROM users u;

DROP TABLE users;
ALTER TABLE users_new RENAME TO users;

-- The chain: `hash` is SHA-256 over the previous row's hash and this row's fields (see
-- store/audit.rs); rows written before this version are chained by the migration's hook, and
-- the next step makes the log append-only.
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT '';

-- Where the chain starts after retention removed its oldest rows: the hash of the last row
-- removed. Append-only like the log itself.
CREATE TABLE audit_anchor (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    -- The last removed row; the first remaining row must chain onto `last_hash`.
    up_to_id  INTEGER NOT NULL,
    last_hash TEXT NOT NULL,
    removed   INTEGER NOT NULL
) STRICT;

CREATE INDEX audit_log_by_object ON audit_log(object);
CREATE INDEX audit_log_by_actor ON audit_log(actor, at);

-- Notes in the wachtrij's history are personal; retention and erasure blank them. Nothing else
-- in a history row ever changes, and no row is removed.
DROP TRIGGER queue_history_no_update;
CREATE TRIGGER queue_history_no_update BEFORE UPDATE ON queue_history
WHEN NEW.note <> ''
  OR NEW.id IS NOT OLD.id
  OR NEW.item_id IS NOT OLD.item_id
  OR NEW.at IS NOT OLD.at
  OR NEW.user_id IS NOT OLD.user_id
  OR NEW.action IS NOT OLD.action
  OR NEW.from_state IS NOT OLD.from_state
  OR NEW.to_state IS NOT OLD.to_state
BEGIN
    SELECT RAISE(ABORT, 'de geschiedenis van de wachtrij kan niet worden gewijzigd');
END;

-- "Meelezen": the regisseur lets named colleagues read the household's case.
CREATE TABLE household_readers (
    household_id INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users(id),
    granted_by   INTEGER NOT NULL REFERENCES users(id),
    granted_at   TEXT NOT NULL,
    PRIMARY KEY (household_id, user_id)
) STRICT;

-- When retention or an erasure removed the personal fields of an intake; NULL while it holds
-- them. The rest of the row (channel, leefgebieden, route, wijk) stays for the figures.
ALTER TABLE intakes ADD COLUMN anonymised_at TEXT;

-- Each run of retention, so the automatic run happens once a day.
CREATE TABLE retention_runs (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    -- What was removed per category, as a JSON object of counts.
    removed TEXT NOT NULL CHECK (json_type(removed) = 'object')
) STRICT;
