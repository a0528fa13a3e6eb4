-- The audit log under a key that is not in the database (see store/audit_key.rs): from the seal
-- on, each row's hash is an HMAC, and so is every retention anchor, so whoever can write this
-- file but cannot read the key can neither forge, append nor rewrite rows unnoticed.
-- Every trigger that guards the log is (re)defined here: `loket check` and `audit verify` compare
-- the database's triggers with this text.

DROP TRIGGER audit_log_no_update;
DROP TRIGGER audit_log_no_delete;
DROP TRIGGER audit_anchor_no_update;
DROP TRIGGER audit_anchor_no_delete;

-- The retention anchor, keyed: HMAC over its fields (empty for anchors written before the seal).
ALTER TABLE audit_anchor ADD COLUMN mac TEXT NOT NULL DEFAULT '';

-- Where the keyed chain begins. Rows up to `legacy_up_to_id` keep their plain SHA-256 chain,
-- which the keyed `legacy_head_hash` fixes; the chain then ran from the row after
-- `start_after_id` (prev hash `start_hash`); anchors up to `legacy_anchor_id` are unkeyed.
-- `key_check` tells a wrong key from tampering; `mac` covers every other column.
CREATE TABLE audit_seal (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    at               TEXT NOT NULL,
    start_after_id   INTEGER NOT NULL,
    start_hash       TEXT NOT NULL,
    legacy_up_to_id  INTEGER NOT NULL,
    legacy_head_hash TEXT NOT NULL,
    legacy_anchor_id INTEGER NOT NULL,
    key_check        TEXT NOT NULL,
    mac              TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'het auditlog kan niet worden gewijzigd');
END;

-- Only rows an anchor already covers may go: retention writes its anchor first, then removes
-- up to it. A plain `DELETE FROM audit_log` stops at the first row no anchor covers.
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN OLD.id > coalesce((SELECT max(up_to_id) FROM audit_anchor), 0)
BEGIN
    SELECT RAISE(ABORT, 'het auditlog kan niet worden verwijderd');
END;

CREATE TRIGGER audit_anchor_no_update BEFORE UPDATE ON audit_anchor
BEGIN
    SELECT RAISE(ABORT, 'het auditlog kan niet worden gewijzigd');
END;

CREATE TRIGGER audit_anchor_no_delete BEFORE DELETE ON audit_anchor
BEGIN
    SELECT RAISE(ABORT, 'het auditlog kan niet worden verwijderd');
END;

CREATE TRIGGER audit_seal_no_update BEFORE UPDATE ON audit_seal
BEGIN
    SELECT RAISE(ABORT, 'het auditlog kan niet worden gewijzigd');
END;

CREATE TRIGGER audit_seal_no_delete BEFORE DELETE ON audit_seal
BEGIN
    SELECT RAISE(ABORT, 'het auditlog kan niet worden verwijderd');
END;
