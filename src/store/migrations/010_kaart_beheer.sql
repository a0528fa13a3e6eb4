-- Kaart beheer: every change to the kaart made in Loket with its old and new value, the desks'
-- reports that something is no longer right ("klopt niet meer"), and a version number every
-- write to the kaart raises, so that each running Loket knows to rebuild its search index.

-- One row per changed field. Never changed, never removed.
CREATE TABLE kaart_history (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    user_id   INTEGER NOT NULL REFERENCES users(id),
    entity    TEXT NOT NULL CHECK (entity IN ('dienst', 'organisatie', 'locatie')),
    entity_id TEXT NOT NULL,
    -- The field's Dutch name as the beheerder sees it ("telefoon", "openingstijden").
    field     TEXT NOT NULL,
    old_value TEXT NOT NULL DEFAULT '',
    new_value TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TRIGGER kaart_history_no_update BEFORE UPDATE ON kaart_history
BEGIN
    SELECT RAISE(ABORT, 'de geschiedenis van de kaart kan niet worden gewijzigd');
END;

CREATE TRIGGER kaart_history_no_delete BEFORE DELETE ON kaart_history
BEGIN
    SELECT RAISE(ABORT, 'de geschiedenis van de kaart kan niet worden verwijderd');
END;

CREATE INDEX kaart_history_by_entity ON kaart_history(entity, entity_id, id);

-- "Klopt niet meer": any user reports what is wrong with a service; a beheerder resolves it.
CREATE TABLE kaart_reports (
    id          INTEGER PRIMARY KEY,
    service_id  TEXT NOT NULL REFERENCES services(id),
    user_id     INTEGER NOT NULL REFERENCES users(id),
    at          TEXT NOT NULL,
    text        TEXT NOT NULL CHECK (length(trim(text)) > 0),
    resolved_by INTEGER REFERENCES users(id),
    resolved_at TEXT,
    resolution  TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX kaart_reports_open ON kaart_reports(service_id) WHERE resolved_at IS NULL;

-- Raised by every write to the kaart (import, edit, verification), in the same transaction.
CREATE TABLE kaart_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
) STRICT;

INSERT INTO kaart_version (id, version) VALUES (1, 0);
