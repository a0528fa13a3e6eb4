-- The household's case ("lopend traject") and its regisseur as the policy documents describe
-- them (issue 17). Until now whoever first claimed any item of a household became its regisseur
-- for good, a KCC agent returning a callback included, and a trigger gave every later referral
-- to that person. Now a case lasts until it is closed, not only while a queue item is open; its
-- regie lies with the team of the route (seed 003 §3.5), and becoming regisseur is an explicit
-- act. `households.regisseur` stays the one place the regisseur is kept: the regisseur of the
-- household's open case, NULL when it has none.

CREATE TABLE cases (
    id           INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households(id),
    -- The team whose gespreksvoerder directs the case; NULL when the case has no regisseur
    -- (enkelvoudig specialistisch, a callback). Target codes as in queue_items.
    regie_kind   TEXT CHECK (regie_kind IN ('loket', 'sociaal-team', 'expertiseteam')),
    regie_target TEXT NOT NULL DEFAULT '',
    opened_at    TEXT NOT NULL,
    closed_at    TEXT,
    -- Why the regisseur closed it (empty when it closed with its last item).
    close_reason TEXT NOT NULL DEFAULT ''
) STRICT;

-- One open case per household: a new question joins it.
CREATE UNIQUE INDEX cases_one_open ON cases(household_id) WHERE closed_at IS NULL;

ALTER TABLE queue_items ADD COLUMN case_id INTEGER REFERENCES cases(id);

-- Why a question of a household with an open case did not go to its regisseur.
ALTER TABLE intakes ADD COLUMN own_track_reason TEXT NOT NULL DEFAULT '';

-- Regie handed on to a named colleague, with the reason; answered by that colleague.
CREATE TABLE regie_handovers (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    from_user    INTEGER NOT NULL REFERENCES users(id),
    to_user      INTEGER NOT NULL REFERENCES users(id),
    regie_kind   TEXT NOT NULL CHECK (regie_kind IN ('loket', 'sociaal-team', 'expertiseteam')),
    regie_target TEXT NOT NULL DEFAULT '',
    reason       TEXT NOT NULL,
    asked_at     TEXT NOT NULL,
    answered_at  TEXT,
    accepted     INTEGER CHECK (accepted IN (0, 1))
) STRICT;

CREATE INDEX regie_handovers_by_case ON regie_handovers(case_id, id);

-- A reader until a moment: the former regisseur, for 14 days when the new one allows it.
ALTER TABLE household_readers ADD COLUMN until TEXT;

-- Referrals go to the regisseur only when they join the case (the store decides, per question).
DROP TRIGGER queue_items_to_regisseur;

-- Existing data: every household with an open item gets an open case. Its regie lies with the
-- team of its open referral that has one: a Sociaal Team or the Expertiseteam before a Loket of
-- a meervoudige question; enkelvoudige Loket questions and callbacks have none.
WITH regie AS (
    SELECT q.id, q.household_id, q.target_kind AS kind, q.target,
           CASE q.target_kind WHEN 'loket' THEN 1 ELSE 0 END AS rank
      FROM queue_items q JOIN intakes i ON i.id = q.intake_id
     WHERE q.state <> 'afgerond' AND q.household_id IS NOT NULL AND q.kind = 'doorverwijzing'
       AND (q.target_kind IN ('sociaal-team', 'expertiseteam')
            OR (q.target_kind = 'loket' AND json_array_length(i.leefgebieden) > 1))
)
INSERT INTO cases (household_id, regie_kind, regie_target, opened_at)
SELECT q.household_id,
       (SELECT r.kind FROM regie r WHERE r.household_id = q.household_id
         ORDER BY r.rank, r.id DESC LIMIT 1),
       coalesce((SELECT r.target FROM regie r WHERE r.household_id = q.household_id
                  ORDER BY r.rank, r.id DESC LIMIT 1), ''),
       min(q.created_at)
  FROM queue_items q
 WHERE q.state <> 'afgerond' AND q.household_id IS NOT NULL
 GROUP BY q.household_id;

UPDATE queue_items
   SET case_id = (SELECT c.id FROM cases c WHERE c.household_id = queue_items.household_id)
 WHERE state <> 'afgerond' AND household_id IS NOT NULL;

-- A regisseur stays only where the new rule would have made them: an active medewerker of the
-- open case's regie team. A KCC agent made regisseur by a callback, a volunteer or a colleague
-- of another team no longer is; nor is anyone of a household without an open case.
UPDATE households SET regisseur = NULL, regisseur_since = NULL
 WHERE regisseur IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM cases c JOIN users u ON u.id = households.regisseur
     WHERE c.household_id = households.id AND c.closed_at IS NULL
       AND u.role = 'medewerker' AND u.active = 1
       AND ((c.regie_kind = 'sociaal-team' AND EXISTS (
                SELECT 1 FROM user_teams t WHERE t.user_id = u.id
                   AND lower(trim(t.team)) = lower('Sociaal Team ' || c.regie_target)))
         OR (c.regie_kind = 'expertiseteam' AND EXISTS (
                SELECT 1 FROM user_teams t WHERE t.user_id = u.id
                   AND lower(trim(t.team)) = 'expertiseteam'))
         OR (c.regie_kind = 'loket' AND EXISTS (
                SELECT 1 FROM user_expertise e WHERE e.user_id = u.id
                   AND e.leefgebied = c.regie_target))));

-- Open items the old trigger meant for a regisseur who no longer is one wait for their team.
UPDATE queue_items SET assigned_to = NULL
 WHERE state <> 'afgerond' AND assigned_to IS NOT NULL
   AND assigned_to IS NOT (SELECT h.regisseur FROM households h
                            WHERE h.id = queue_items.household_id);

CREATE INDEX queue_items_by_case ON queue_items(case_id);
