-- The audit log is append-only from here on: the rows of 008 are chained.

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'het auditlog kan niet worden gewijzigd');
END;

-- Only retention removes rows, and only from the oldest end, so the chain stays whole.
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN OLD.id <> (SELECT min(id) FROM audit_log)
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
