-- One contact (a call, a visit at the desk) can hold several questions, e.g. a Wmo question
-- and a debt question for another member of the household: each its own intake with its own
-- leefgebieden, route and handover, saved together and linked by their contact.
CREATE TABLE contacts (
    id         INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users(id)
) STRICT;

ALTER TABLE intakes ADD COLUMN contact_id INTEGER REFERENCES contacts(id);

CREATE INDEX intakes_by_contact ON intakes(contact_id);
