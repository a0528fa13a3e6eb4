-- The wachtrij at work: who claimed an item, the named professional it is assigned to, the
-- appointment, contact attempts and outcome, every change as append-only history, and the
-- household's regisseur ("1 huishouden, 1 plan, 1 regisseur"). The due date is not stored: it
-- is computed from created_at when read, so a changed terms file applies to every item.

ALTER TABLE queue_items ADD COLUMN claimed_by INTEGER REFERENCES users(id);
ALTER TABLE queue_items ADD COLUMN claimed_at TEXT;
-- A named professional the item is meant for, e.g. the household's regisseur.
ALTER TABLE queue_items ADD COLUMN assigned_to INTEGER REFERENCES users(id);
-- Dutch wall-clock time of the appointment ("2025-03-04T10:30:00"): it is met in the
-- Netherlands, whatever the server's clock says.
ALTER TABLE queue_items ADD COLUMN appointment_at TEXT;
ALTER TABLE queue_items ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE queue_items ADD COLUMN outcome TEXT CHECK (outcome IN
    ('gesprek-gevoerd', 'plan-gemaakt', 'elders-geholpen', 'niet-bereikt', 'wil-niet'));

ALTER TABLE households ADD COLUMN regisseur INTEGER REFERENCES users(id);
ALTER TABLE households ADD COLUMN regisseur_since TEXT;

-- Every change of a queue item: who, when, what, and the note. Never changed, never removed.
CREATE TABLE queue_history (
    id         INTEGER PRIMARY KEY,
    item_id    INTEGER NOT NULL REFERENCES queue_items(id),
    at         TEXT NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    action     TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state   TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT ''
) STRICT;

-- Items handed over before this version start their history the same way new ones do.
INSERT INTO queue_history (item_id, at, user_id, action, from_state, to_state)
SELECT q.id, q.created_at, i.user_id, 'overgedragen', q.state, q.state
  FROM queue_items q JOIN intakes i ON i.id = q.intake_id
 ORDER BY q.id;

CREATE TRIGGER queue_history_no_update BEFORE UPDATE ON queue_history
BEGIN
    SELECT RAISE(ABORT, 'de geschiedenis van de wachtrij kan niet worden gewijzigd');
END;

CREATE TRIGGER queue_history_no_delete BEFORE DELETE ON queue_history
BEGIN
    SELECT RAISE(ABORT, 'de geschiedenis van de wachtrij kan niet worden verwijderd');
END;

-- A new handover of a household that has a regisseur goes to them by default; in the schema,
-- so every writer of queue items follows the rule.
CREATE TRIGGER queue_items_to_regisseur AFTER INSERT ON queue_items
WHEN NEW.household_id IS NOT NULL
BEGIN
    UPDATE queue_items
       SET assigned_to = (SELECT regisseur FROM households WHERE id = NEW.household_id)
     WHERE id = NEW.id;
END;

-- The history starts with the handover itself: who made it and when.
CREATE TRIGGER queue_items_history_start AFTER INSERT ON queue_items
BEGIN
    INSERT INTO queue_history (item_id, at, user_id, action, from_state, to_state)
    SELECT NEW.id, NEW.created_at, user_id, 'overgedragen', NEW.state, NEW.state
      FROM intakes WHERE id = NEW.intake_id;
END;

CREATE INDEX queue_history_by_item ON queue_history(item_id, id);
CREATE INDEX queue_items_by_state ON queue_items(state);
