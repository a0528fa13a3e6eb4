-- Intakes (contactmomenten), the households they belong to, the advice given, every earlier
-- version of a corrected intake, the drafts that survive a crash, and the queue items a
-- handover creates. Timestamps are UTC RFC 3339 in whole seconds ("2025-03-01T09:42:00Z"), so
-- text order is time order.

-- "1 huishouden, 1 plan, 1 regisseur": intakes of the same residents share a household, so a
-- new question shows the tracks already open for them.
CREATE TABLE households (
    id         INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE intakes (
    id              INTEGER PRIMARY KEY,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    user_id         INTEGER NOT NULL REFERENCES users(id),
    -- The desk (the user's location) where the intake was taken.
    location        TEXT NOT NULL DEFAULT '',
    kanaal          TEXT NOT NULL CHECK (kanaal IN ('telefoon', 'balie', 'digitaal', 'signaal')),
    signaal_van     TEXT NOT NULL DEFAULT '',
    household_id    INTEGER REFERENCES households(id),
    name            TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    postcode        TEXT NOT NULL DEFAULT '',
    house_number    TEXT NOT NULL DEFAULT '',
    birth_year      TEXT NOT NULL DEFAULT '',
    on_behalf_of    TEXT NOT NULL DEFAULT '',
    wijk            TEXT,
    -- Search keys for finding a household, written by Loket with the fields above: the name
    -- folded (lower case, no diacritics), the phone as digits only (+31 written as 0), the
    -- postcode in upper case without spaces.
    name_key        TEXT NOT NULL DEFAULT '',
    phone_key       TEXT NOT NULL DEFAULT '',
    postcode_key    TEXT NOT NULL DEFAULT '',
    question        TEXT NOT NULL DEFAULT '',
    complexiteit    TEXT NOT NULL CHECK (complexiteit IN ('eenvoudig', 'specialistisch', 'complex')),
    signalen        TEXT NOT NULL CHECK (json_type(signalen) = 'object'),
    -- Leefgebied codes, most urgent first.
    leefgebieden    TEXT NOT NULL CHECK (json_type(leefgebieden) = 'array'),
    -- The route taken, and whether the desk chose it (1) or followed the suggestion (0).
    route           TEXT NOT NULL CHECK (json_extract(route, '$.kind') IN
                        ('direct', 'loket', 'sociaal-team', 'expertiseteam', 'terugbelverzoek')),
    route_chosen    INTEGER NOT NULL CHECK (route_chosen IN (0, 1)),
    suggested_route TEXT NOT NULL CHECK (json_extract(suggested_route, '$.kind') IN
                        ('direct', 'loket', 'sociaal-team', 'expertiseteam', 'terugbelverzoek')),
    suggestion_why  TEXT NOT NULL DEFAULT '',
    route_reason    TEXT NOT NULL DEFAULT '',
    urgentie        TEXT NOT NULL CHECK (urgentie IN ('normaal', 'hoog', 'spoed')),
    consent         INTEGER NOT NULL CHECK (consent IN (0, 1)),
    anonymous       INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
    handover_note   TEXT NOT NULL DEFAULT ''
) STRICT;

-- Services given as advice, in the order given. No foreign key to services: the kaart changes,
-- the record of what was advised must not.
CREATE TABLE intake_advice (
    intake_id  INTEGER NOT NULL REFERENCES intakes(id),
    position   INTEGER NOT NULL,
    service_id TEXT NOT NULL,
    PRIMARY KEY (intake_id, position)
) STRICT;

-- The version before each correction: nothing is overwritten silently.
CREATE TABLE intake_history (
    id         INTEGER PRIMARY KEY,
    intake_id  INTEGER NOT NULL REFERENCES intakes(id),
    changed_at TEXT NOT NULL,
    -- Who made the correction.
    user_id    INTEGER NOT NULL REFERENCES users(id),
    previous   TEXT NOT NULL CHECK (json_type(previous) = 'object')
) STRICT;

-- Handed-over questions waiting for a professional (the wachtrij).
CREATE TABLE queue_items (
    id           INTEGER PRIMARY KEY,
    intake_id    INTEGER NOT NULL REFERENCES intakes(id),
    household_id INTEGER REFERENCES households(id),
    kind         TEXT NOT NULL CHECK (kind IN ('doorverwijzing', 'terugbelverzoek')),
    target_kind  TEXT NOT NULL CHECK (target_kind IN ('loket', 'sociaal-team', 'expertiseteam', 'team')),
    -- The leefgebied code (loket), the wijk (sociaal-team) or the team name (team); empty for
    -- the one expertiseteam.
    target       TEXT NOT NULL DEFAULT '',
    state        TEXT NOT NULL DEFAULT 'nieuw' CHECK (state IN
                     ('nieuw', 'opgepakt', 'afspraak', 'afgerond', 'teruggelegd', 'doorgestuurd')),
    urgentie     TEXT NOT NULL CHECK (urgentie IN ('normaal', 'hoog', 'spoed')),
    created_at   TEXT NOT NULL
) STRICT;

-- One unfinished intake per user, kept while typing so a crash or a closed window loses nothing.
-- Not checked as JSON: a draft of an older Loket is dropped when read, never an error.
CREATE TABLE drafts (
    user_id    INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    updated_at TEXT NOT NULL,
    intake     TEXT NOT NULL
) STRICT;

CREATE INDEX intakes_by_user ON intakes(user_id, created_at);
CREATE INDEX intakes_by_household ON intakes(household_id);
CREATE INDEX intake_history_by_intake ON intake_history(intake_id);
CREATE INDEX queue_items_by_intake ON queue_items(intake_id);
CREATE INDEX queue_items_by_household ON queue_items(household_id);
