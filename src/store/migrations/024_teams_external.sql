-- The municipality's own organisation (issue 17). A queue item keeps the team `routing.toml`
-- named when it was handed over or sent on: a later change of the file applies to new
-- handovers, not to what already waits (NULL: an item from before, named by the current file).
ALTER TABLE queue_items ADD COLUMN team TEXT;

-- Warm handovers to a body outside the municipality (Veilig Thuis, the huisarts, 113, a named
-- provider from routing.toml's [[extern]]): to whom, what was passed on, when and by whom.
-- Personal: removed with the intake it belongs to when that is anonymised (retention, erasure).
CREATE TABLE external_handovers (
    id            INTEGER PRIMARY KEY,
    intake_id     INTEGER NOT NULL REFERENCES intakes(id),
    queue_item_id INTEGER REFERENCES queue_items(id),
    -- The body's code and its name as routing.toml had them at the time.
    target_code   TEXT NOT NULL,
    target_name   TEXT NOT NULL,
    passed_on     TEXT NOT NULL CHECK (trim(passed_on) <> ''),
    at            TEXT NOT NULL,
    user_id       INTEGER NOT NULL REFERENCES users(id)
) STRICT;

CREATE INDEX external_handovers_by_intake ON external_handovers(intake_id);
CREATE INDEX external_handovers_by_item ON external_handovers(queue_item_id);
