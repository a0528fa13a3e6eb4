-- A database made for demo data says so in `database_kind`, written before the first demo row,
-- so an interrupted `loket demo` still leaves a marked database. Demo accounts sign in only
-- where this row says 'demo'; an ordinary database has no row.
CREATE TABLE database_kind (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    kind TEXT NOT NULL CHECK (kind = 'demo')
) STRICT;

-- Demo accounts are flagged, so they are told apart from real ones by more than their name.
ALTER TABLE users ADD COLUMN demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1));

-- The accounts earlier versions' generator made, by their fixed names (src/demo/accounts.rs).
UPDATE users SET demo = 1
 WHERE name IN ('Demo Dirk (KCC)', 'Demo Anna (STIP)', 'Demo Bram (STIP)', 'Demo Chantal (CJG)',
                'Demo Esra (Loket)', 'Demo Femke (Loket)', 'Demo Gijs (Loket)',
                'Demo Hanna (Loket)', 'Demo Ilse (Sociaal Team)', 'Demo Jeroen (Sociaal Team)',
                'Demo Kees (Sociaal Team)', 'Demo Lisa (Sociaal Team)', 'Demo Mo (Sociaal Team)',
                'Demo Noor (Expertiseteam)', 'Demo Olaf (coördinator)', 'Demo Bea (beheerder)');

-- A database with demo runs and no other accounts was made as a demo and stays one. One that
-- mixes demo data with real accounts is not: its demo accounts can no longer sign in.
INSERT INTO database_kind (id, kind)
SELECT 1, 'demo'
 WHERE EXISTS (SELECT 1 FROM demo_runs)
   AND NOT EXISTS (SELECT 1 FROM users WHERE demo = 0);

-- Every account made in a demo database is a demo account, flagged in the same statement, so
-- no interruption can leave an unflagged one behind.
CREATE TRIGGER users_in_demo_database_are_demo AFTER INSERT ON users
WHEN EXISTS (SELECT 1 FROM database_kind WHERE kind = 'demo')
BEGIN
    UPDATE users SET demo = 1 WHERE id = NEW.id;
END;
