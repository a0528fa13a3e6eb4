-- The sociale kaart, shaped after Open Referral HSDS 3.0. Ids are the HSDS ids, so a
-- re-import updates records instead of duplicating them.
PRAGMA application_id = 1280265044;

CREATE TABLE organizations (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    email       TEXT,
    website     TEXT
) STRICT;

CREATE TABLE locations (
    id              TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT REFERENCES organizations(id) ON DELETE SET NULL,
    name            TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    street          TEXT,
    postcode        TEXT,
    city            TEXT,
    wijk            TEXT
) STRICT;

CREATE TABLE services (
    id                  TEXT PRIMARY KEY NOT NULL,
    organization_id     TEXT REFERENCES organizations(id) ON DELETE SET NULL,
    name                TEXT NOT NULL,
    alternate_name      TEXT,
    description         TEXT NOT NULL DEFAULT '',
    status              TEXT NOT NULL CHECK (status IN ('active', 'inactive')),
    laag                TEXT CHECK (laag IN ('eigen-kracht', 'sociaal-netwerk', 'algemeen', 'collectief', 'maatwerk')),
    referral_required   INTEGER NOT NULL DEFAULT 0 CHECK (referral_required IN (0, 1)),
    free                INTEGER NOT NULL DEFAULT 0 CHECK (free IN (0, 1)),
    fees_description    TEXT,
    min_age             INTEGER CHECK (min_age BETWEEN 0 AND 150),
    max_age             INTEGER CHECK (max_age BETWEEN 0 AND 150),
    eligibility         TEXT,
    application_process TEXT,
    url                 TEXT,
    email               TEXT,
    last_verified       TEXT
) STRICT;

CREATE TABLE service_leefgebieden (
    service_id TEXT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    code       TEXT NOT NULL,
    PRIMARY KEY (service_id, code)
) STRICT;

CREATE TABLE service_keywords (
    service_id TEXT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    keyword    TEXT NOT NULL,
    PRIMARY KEY (service_id, keyword)
) STRICT;

CREATE TABLE service_locations (
    service_id  TEXT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    location_id TEXT NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    PRIMARY KEY (service_id, location_id)
) STRICT;

-- A phone belongs to exactly one of a service, a location or an organisation.
CREATE TABLE phones (
    id              TEXT PRIMARY KEY NOT NULL,
    service_id      TEXT REFERENCES services(id) ON DELETE CASCADE,
    location_id     TEXT REFERENCES locations(id) ON DELETE CASCADE,
    organization_id TEXT REFERENCES organizations(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    number          TEXT NOT NULL,
    kind            TEXT NOT NULL DEFAULT 'voice',
    description     TEXT NOT NULL DEFAULT '',
    CHECK ((service_id IS NOT NULL) + (location_id IS NOT NULL) + (organization_id IS NOT NULL) = 1)
) STRICT;

CREATE TABLE weekly_hours (
    service_id TEXT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    weekday    INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    opens      TEXT NOT NULL,
    closes     TEXT NOT NULL
) STRICT;

CREATE TABLE hours_exceptions (
    service_id  TEXT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    date        TEXT NOT NULL,
    opens       TEXT,
    closes      TEXT,
    description TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX phones_by_service ON phones(service_id);
CREATE INDEX phones_by_location ON phones(location_id);
CREATE INDEX phones_by_organization ON phones(organization_id);
CREATE INDEX weekly_hours_by_service ON weekly_hours(service_id);
CREATE INDEX hours_exceptions_by_service ON hours_exceptions(service_id);
CREATE INDEX service_locations_by_location ON service_locations(location_id);
