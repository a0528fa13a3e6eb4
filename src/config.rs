//! `config.toml` in Loket's configuration folder (`~/.config/loket` on Linux): the settings the
//! TUI and the commands share. Every setting is optional.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context as _, Result};
use serde::Deserialize;

use crate::domain::policy::Privacy;
use crate::domain::retention::RetentionPolicy;

/// The lock timeout may be set lower, never higher than this (shared workstations).
pub const MAX_LOCK_MINUTES: u64 = 15;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    vergrendel_na_minuten: Option<u64>,
    /// How many days the taker of an intake may read it back.
    eigen_intakes_dagen: Option<u32>,
    bewaartermijnen: Option<RetentionPolicy>,
    /// After how many months a service on the kaart is due for verification.
    controle_na_maanden: Option<u32>,
}

/// The settings as read, with defaults for what the file leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// Idle time before the screen locks: 1 to [`MAX_LOCK_MINUTES`] minutes, default 5.
    pub lock_after: Duration,
    pub privacy: Privacy,
    pub retention: RetentionPolicy,
    /// Months after its last verification that a service lands on the beheerder's worklist
    /// (at least 1, default 12).
    pub verify_after_months: u32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            lock_after: Duration::from_secs(5 * 60),
            privacy: Privacy::default(),
            retention: RetentionPolicy::default(),
            verify_after_months: 12,
        }
    }
}

/// Where the user's configuration lives: `~/.config/loket` on Linux.
pub fn config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("nl", "Loket", "loket").map(|d| d.config_dir().to_path_buf())
}

/// Reads `config.toml` in `dir`; a missing file gives the defaults, an unreadable one an error
/// naming it.
pub fn load(dir: Option<&Path>) -> Result<Config> {
    let mut config = Config::default();
    let Some(path) = dir.map(|d| d.join("config.toml")) else {
        return Ok(config);
    };
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(config);
    };
    let file: ConfigFile = toml::from_str(&text)
        .with_context(|| format!("instellingen in {} niet leesbaar", path.display()))?;
    if let Some(minutes) = file.vergrendel_na_minuten {
        config.lock_after = Duration::from_secs(60 * minutes.clamp(1, MAX_LOCK_MINUTES));
    }
    if let Some(days) = file.eigen_intakes_dagen {
        config.privacy.own_intake_days = i64::from(days.max(1));
    }
    if let Some(retention) = file.bewaartermijnen {
        config.retention = retention;
    }
    if let Some(months) = file.controle_na_maanden {
        config.verify_after_months = months.max(1);
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> Result<Config> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), text).unwrap();
        load(Some(dir.path()))
    }

    #[test]
    fn the_lock_never_waits_longer_than_fifteen_minutes() {
        let config = load_text("vergrendel_na_minuten = 60").unwrap();
        assert_eq!(config.lock_after, Duration::from_secs(15 * 60));
        let config = load_text("vergrendel_na_minuten = 0").unwrap();
        assert_eq!(config.lock_after, Duration::from_secs(60));
    }

    #[test]
    fn retention_and_privacy_settings() {
        let config = load_text(
            "eigen_intakes_dagen = 3\n[bewaartermijnen]\nklad_dagen = 2\nauditlog_jaren = 7\n",
        )
        .unwrap();
        assert_eq!(config.privacy.own_intake_days, 3);
        assert_eq!(config.retention.draft_days, 2);
        assert_eq!(config.retention.audit_years, 7);
        assert_eq!(config.retention.direct_intake_days, 30);
        assert!(load_text("bewaartermijnen = 3").is_err());
        assert!(load_text("[bewaartermijnen]\nonbekend = 1").is_err());
    }

    #[test]
    fn services_are_due_for_verification_after_the_configured_months() {
        assert_eq!(Config::default().verify_after_months, 12);
        let config = load_text("controle_na_maanden = 6").unwrap();
        assert_eq!(config.verify_after_months, 6);
        assert_eq!(
            load_text("controle_na_maanden = 0")
                .unwrap()
                .verify_after_months,
            1
        );
        assert!(load_text("controle_na_maanden = -1").is_err());
    }

    #[test]
    fn no_file_gives_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(Some(dir.path())).unwrap(), Config::default());
        assert_eq!(load(None).unwrap(), Config::default());
    }
}
