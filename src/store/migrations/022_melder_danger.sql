-- Who brings a question in (de inwoner zelf, informeel netwerk, professional), apart from the
-- kanaal it came by (seed 003 §3.2). Rows written before said "signal of others" only by the
-- kanaal "signaal", most often a neighbour or family: informeel; all other rows the resident.
ALTER TABLE intakes ADD COLUMN melder TEXT NOT NULL DEFAULT 'inwoner'
    CHECK (melder IN ('inwoner', 'informeel', 'professional'));
UPDATE intakes SET melder = 'informeel' WHERE kanaal = 'signaal';
-- The desk's answer to "Is er nu direct gevaar?" as JSON; '{}' is "not asked" (rows before).
ALTER TABLE intakes ADD COLUMN danger TEXT NOT NULL DEFAULT '{}';
-- The desk helped the resident apply digitally there and then (seed 003 §3.3).
ALTER TABLE intakes ADD COLUMN digital_application INTEGER NOT NULL DEFAULT 0
    CHECK (digital_application IN (0, 1));
