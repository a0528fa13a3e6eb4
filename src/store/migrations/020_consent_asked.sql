-- Consent to share is asked explicitly on a handover: "nog niet gevraagd" is not "nee". Rows
-- written before had a checkbox, which counts as answered.
ALTER TABLE intakes ADD COLUMN consent_asked INTEGER NOT NULL DEFAULT 1
    CHECK (consent_asked IN (0, 1));
