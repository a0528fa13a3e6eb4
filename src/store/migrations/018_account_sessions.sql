-- Sessions end when the beheerder changes what the account may do: every open desk compares
-- the version it signed in with against this one. A trigger bumps it, so every path that
-- disables an account, gives it a new PIN or another role (CLI, TUI, a later tool) ends the
-- sessions without having to remember to. `lockouts` counts the lockouts since the last
-- successful sign-in, so each next lockout lasts longer.
ALTER TABLE users ADD COLUMN credentials_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN lockouts INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER users_credentials_changed
AFTER UPDATE OF active, role, pin_hash ON users
WHEN OLD.active IS NOT NEW.active OR OLD.role IS NOT NEW.role OR OLD.pin_hash IS NOT NEW.pin_hash
BEGIN
    UPDATE users SET credentials_version = credentials_version + 1 WHERE id = NEW.id;
END;
