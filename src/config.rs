//! `config.toml` in Loket's configuration folder (`~/.config/loket` on Linux): the settings the
//! TUI and the commands share. Every setting is optional; every setting that is given must lie
//! in its documented range ([`SETTINGS`]), or Loket stops with a Dutch message naming the file
//! and the setting. Nothing is clamped or silently replaced by a default.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Result, bail};
use serde::Deserialize;

use crate::domain::policy::Privacy;
use crate::domain::retention::RetentionPolicy;

/// One number in `config.toml`: its name as written, the values allowed (both ends included)
/// and, where the lower end is a rule rather than common sense, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Setting {
    pub name: &'static str,
    pub min: i64,
    pub max: i64,
    pub why_min: Option<&'static str>,
}

/// Idle minutes before the screen locks. A shared workstation must not stay open longer.
pub const LOCK_MINUTES: Setting = Setting {
    name: "vergrendel_na_minuten",
    min: 1,
    max: 15,
    why_min: None,
};
/// Days the taker of an intake may read it back: need-to-know keeps it short.
pub const OWN_INTAKE_DAYS: Setting = Setting {
    name: "eigen_intakes_dagen",
    min: 1,
    max: 30,
    why_min: None,
};
/// Months after its last verification that a service lands on the beheerder's worklist.
pub const VERIFY_AFTER_MONTHS: Setting = Setting {
    name: "controle_na_maanden",
    min: 1,
    max: 36,
    why_min: None,
};
/// `[bewaartermijnen]`: days before intakes handled at the desk are anonymised; at most ten
/// years, a bound well past any term a desk question needs.
pub const DIRECT_INTAKE_DAYS: Setting = Setting {
    name: "direct_afgehandeld_dagen",
    min: 1,
    max: 3650,
    why_min: None,
};
/// `[bewaartermijnen]`: months after closing before a case is anonymised. The upper end is the
/// 20 years the Jeugdwet allows for a youth-care file.
pub const CLOSED_CASE_MONTHS: Setting = Setting {
    name: "afgesloten_maanden",
    min: 1,
    max: 240,
    why_min: None,
};
/// `[bewaartermijnen]`: months after a plan van aanpak closed before it and the gesprekken of
/// its case are removed (default 24; see `RetentionPolicy::plan_months`). At most the 20 years
/// of the longest file term.
pub const PLAN_MONTHS: Setting = Setting {
    name: "plan_maanden",
    min: 1,
    max: 240,
    why_min: None,
};
/// `[bewaartermijnen]`: days before an unfinished intake is removed.
pub const DRAFT_DAYS: Setting = Setting {
    name: "klad_dagen",
    min: 1,
    max: 30,
    why_min: None,
};
/// `[bewaartermijnen]`: years before audit rows are removed. At least one year, so that who
/// saw a resident's data can still be answered when the resident asks (AVG art. 15) or a data
/// breach comes to light months later (AVG art. 33-34), as the BIO's logging control (12.4.1)
/// asks of a municipality; at most the 20 years of the longest file term.
pub const AUDIT_YEARS: Setting = Setting {
    name: "auditlog_jaren",
    min: 1,
    max: 20,
    why_min: Some(
        "het auditlog moet minstens 1 jaar bewaard blijven: wie de gegevens van een inwoner \
         inzag moet te beantwoorden zijn bij een inzageverzoek (AVG art. 15) en bij onderzoek \
         naar een datalek (AVG art. 33-34), zoals de BIO (12.4.1) vraagt",
    ),
};

/// Every number `config.toml` can hold, in the order the README lists them.
pub const SETTINGS: [Setting; 8] = [
    LOCK_MINUTES,
    OWN_INTAKE_DAYS,
    VERIFY_AFTER_MONTHS,
    DIRECT_INTAKE_DAYS,
    CLOSED_CASE_MONTHS,
    PLAN_MONTHS,
    DRAFT_DAYS,
    AUDIT_YEARS,
];

/// As written in the file: signed, so that `-1` reaches the range check and its Dutch message
/// instead of serde's English one.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    vergrendel_na_minuten: Option<i64>,
    eigen_intakes_dagen: Option<i64>,
    bewaartermijnen: Option<RetentionFile>,
    controle_na_maanden: Option<i64>,
    plan: Option<PlanFile>,
}

/// `[plan]`: where the desk prints plans van aanpak for the resident.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanFile {
    map: Option<PathBuf>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RetentionFile {
    direct_afgehandeld_dagen: Option<i64>,
    afgesloten_maanden: Option<i64>,
    plan_maanden: Option<i64>,
    klad_dagen: Option<i64>,
    auditlog_jaren: Option<i64>,
}

/// The settings as read, with defaults for what the file leaves out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Idle time before the screen locks ([`LOCK_MINUTES`], default 5 minutes).
    pub lock_after: Duration,
    pub privacy: Privacy,
    pub retention: RetentionPolicy,
    /// Months after its last verification that a service lands on the beheerder's worklist
    /// ([`VERIFY_AFTER_MONTHS`], default 12).
    pub verify_after_months: u32,
    /// Where the desk prints plans van aanpak (`[plan] map`, default [`default_plan_folder`]).
    pub plan_folder: PathBuf,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            lock_after: Duration::from_secs(5 * 60),
            privacy: Privacy::default(),
            retention: RetentionPolicy::default(),
            verify_after_months: 12,
            plan_folder: default_plan_folder(),
        }
    }
}

/// Where plans are printed unless `[plan] map` says otherwise: `Loket` in the user's
/// documents folder, else `plannen` in Loket's data folder, else the working folder.
pub fn default_plan_folder() -> PathBuf {
    let documents =
        directories::UserDirs::new().and_then(|u| u.document_dir().map(|d| d.join("Loket")));
    let data = || {
        directories::ProjectDirs::from("nl", "Loket", "loket").map(|d| d.data_dir().join("plannen"))
    };
    documents
        .or_else(data)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Where the user's configuration lives: `~/.config/loket` on Linux.
pub fn config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("nl", "Loket", "loket").map(|d| d.config_dir().to_path_buf())
}

/// A value outside its range.
struct OutOfRange<'a> {
    path: &'a Path,
    setting: Setting,
    value: i64,
}

impl fmt::Display for OutOfRange<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Setting {
            name,
            min,
            max,
            why_min,
        } = self.setting;
        write!(
            f,
            "{}: {name} = {} mag niet; kies {min} tot en met {max}",
            self.path.display(),
            self.value
        )?;
        match why_min {
            Some(why) if self.value < min => write!(f, " ({why})"),
            _ => Ok(()),
        }
    }
}

/// The value if it is in range; `None` when the file leaves it out.
fn in_range(path: &Path, setting: Setting, value: Option<i64>) -> Result<Option<u32>> {
    match value {
        None => Ok(None),
        Some(value) if (setting.min..=setting.max).contains(&value) => Ok(Some(
            u32::try_from(value).expect("every range lies within u32"),
        )),
        Some(value) => bail!(
            "{}",
            OutOfRange {
                path,
                setting,
                value
            }
        ),
    }
}

/// Reads `config.toml` in `dir`; a missing file gives the defaults. A file that exists but
/// cannot be read, is not UTF-8, is not TOML, or holds an unknown setting or a value out of
/// range is an error naming the file and the setting.
pub fn load(dir: Option<&Path>) -> Result<Config> {
    let mut config = Config::default();
    let Some(path) = dir.map(|d| d.join("config.toml")) else {
        return Ok(config);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(config),
        Err(e) if e.kind() == std::io::ErrorKind::InvalidData => bail!(
            "{} is geen UTF-8-tekst; sla het op als UTF-8 (zonder andere tekenset)",
            path.display()
        ),
        Err(e) => bail!("{} is niet te lezen: {e}", path.display()),
    };
    let file: ConfigFile = toml::from_str(&text).map_err(|e| toml_error(&path, &text, &e))?;
    if let Some(minutes) = in_range(&path, LOCK_MINUTES, file.vergrendel_na_minuten)? {
        config.lock_after = Duration::from_secs(60 * u64::from(minutes));
    }
    if let Some(days) = in_range(&path, OWN_INTAKE_DAYS, file.eigen_intakes_dagen)? {
        config.privacy.own_intake_days = i64::from(days);
    }
    if let Some(months) = in_range(&path, VERIFY_AFTER_MONTHS, file.controle_na_maanden)? {
        config.verify_after_months = months;
    }
    if let Some(folder) = file.plan.and_then(|p| p.map) {
        config.plan_folder = folder;
    }
    let retention = file.bewaartermijnen.unwrap_or_default();
    let policy = &mut config.retention;
    for (setting, value, field) in [
        (
            DIRECT_INTAKE_DAYS,
            retention.direct_afgehandeld_dagen,
            &mut policy.direct_intake_days,
        ),
        (
            CLOSED_CASE_MONTHS,
            retention.afgesloten_maanden,
            &mut policy.closed_case_months,
        ),
        (PLAN_MONTHS, retention.plan_maanden, &mut policy.plan_months),
        (DRAFT_DAYS, retention.klad_dagen, &mut policy.draft_days),
        (
            AUDIT_YEARS,
            retention.auditlog_jaren,
            &mut policy.audit_years,
        ),
    ] {
        if let Some(value) = in_range(&path, setting, value)? {
            *field = value;
        }
    }
    Ok(config)
}

/// toml's and serde's message, which is English, put in Dutch with the file, the line and the
/// setting on that line.
fn toml_error(path: &Path, text: &str, error: &toml::de::Error) -> anyhow::Error {
    let place = error
        .span()
        .map(|span| {
            let before = &text[..span.start.min(text.len())];
            let line_number = before.matches('\n').count() + 1;
            let line = text.lines().nth(line_number - 1).unwrap_or("");
            let setting = line
                .split('=')
                .next()
                .map(|k| k.trim().trim_matches(['[', ']']))
                .filter(|k| !k.is_empty());
            match setting {
                Some(setting) => format!(", regel {line_number} ({setting})"),
                None => format!(", regel {line_number}"),
            }
        })
        .unwrap_or_default();
    anyhow::anyhow!(
        "instellingen in {}{place} niet leesbaar: {}",
        path.display(),
        dutch(error.message())
    )
}

/// The messages serde and toml give for a config file, in Dutch; anything else is quoted.
fn dutch(message: &str) -> String {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let field = rest.split(',').next().unwrap_or(rest);
        return format!("onbekende instelling {field}; zie de tabel met instellingen in de README");
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let found = rest.split(", expected").next().unwrap_or(rest);
        let wanted = if rest.contains("struct") || rest.contains("map") {
            "een tabel [bewaartermijnen]"
        } else {
            "een geheel getal"
        };
        return format!("verwacht {wanted}, maar vond {}", dutch_kind(found));
    }
    if message.contains("duplicate key") {
        return "deze instelling staat er twee keer in".to_string();
    }
    format!("geen geldige TOML ({message})")
}

fn dutch_kind(found: &str) -> String {
    let kind = found.split_whitespace().next().unwrap_or(found);
    let rest = found[kind.len()..].trim();
    let word = match kind {
        "string" => "tekst",
        "floating" => "een kommagetal",
        "boolean" => "ja/nee (true/false)",
        "integer" => "een getal",
        "sequence" => "een lijst",
        "map" => "een tabel",
        _ => kind,
    };
    let rest = rest.trim_start_matches("point").trim();
    if rest.is_empty() {
        word.to_string()
    } else {
        format!("{word} {rest}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> Result<Config> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), text).unwrap();
        load(Some(dir.path()))
    }

    fn error_of(text: &str) -> String {
        format!("{:#}", load_text(text).unwrap_err())
    }

    #[test]
    fn the_lock_waits_one_to_fifteen_minutes_and_nothing_else() {
        let config = load_text("vergrendel_na_minuten = 15").unwrap();
        assert_eq!(config.lock_after, Duration::from_secs(15 * 60));
        let config = load_text("vergrendel_na_minuten = 1").unwrap();
        assert_eq!(config.lock_after, Duration::from_secs(60));
        let error = error_of("vergrendel_na_minuten = 60");
        assert!(
            error.contains("vergrendel_na_minuten = 60 mag niet; kies 1 tot en met 15"),
            "{error}"
        );
        assert!(error.contains("config.toml"), "{error}");
        assert!(load_text("vergrendel_na_minuten = 0").is_err());
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
        let error = error_of("bewaartermijnen = 3");
        assert!(
            error.contains("verwacht een tabel [bewaartermijnen]"),
            "{error}"
        );
        let error = error_of("[bewaartermijnen]\nonbekend = 1");
        assert!(
            error.contains("regel 2 (onbekend)") && error.contains("onbekende instelling"),
            "{error}"
        );
    }

    #[test]
    fn an_audit_retention_below_a_year_is_refused_with_the_legal_minimum() {
        let error = error_of("[bewaartermijnen]\nauditlog_jaren = 0");
        assert!(
            error.contains("auditlog_jaren = 0 mag niet; kies 1 tot en met 20"),
            "{error}"
        );
        assert!(error.contains("minstens 1 jaar"), "{error}");
        assert!(error.contains("AVG art. 15"), "{error}");
    }

    #[test]
    fn every_setting_out_of_its_range_is_an_error_never_a_default() {
        for setting in SETTINGS {
            let table = if [
                "vergrendel_na_minuten",
                "eigen_intakes_dagen",
                "controle_na_maanden",
            ]
            .contains(&setting.name)
            {
                ""
            } else {
                "[bewaartermijnen]\n"
            };
            for value in [setting.min - 1, setting.max + 1, -1] {
                let error = error_of(&format!("{table}{} = {value}", setting.name));
                assert!(
                    error.contains(&format!(
                        "{} = {value} mag niet; kies {} tot en met {}",
                        setting.name, setting.min, setting.max
                    )),
                    "{error}"
                );
            }
            for value in [setting.min, setting.max] {
                assert!(load_text(&format!("{table}{} = {value}", setting.name)).is_ok());
            }
        }
    }

    #[test]
    fn services_are_due_for_verification_after_the_configured_months() {
        assert_eq!(Config::default().verify_after_months, 12);
        let config = load_text("controle_na_maanden = 6").unwrap();
        assert_eq!(config.verify_after_months, 6);
        assert!(load_text("controle_na_maanden = 0").is_err());
        let error = error_of("controle_na_maanden = \"zes\"");
        assert!(
            error.contains("regel 1 (controle_na_maanden)")
                && error.contains("verwacht een geheel getal, maar vond tekst"),
            "{error}"
        );
    }

    #[test]
    fn no_file_gives_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(Some(dir.path())).unwrap(), Config::default());
        assert_eq!(load(None).unwrap(), Config::default());
    }

    #[test]
    fn a_file_that_cannot_be_read_or_is_not_utf8_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, b"vergrendel_na_minuten = 5 # \xff\xfe\n").unwrap();
        let error = format!("{:#}", load(Some(dir.path())).unwrap_err());
        assert!(error.contains("geen UTF-8-tekst"), "{error}");
        std::fs::remove_file(&path).unwrap();
        std::fs::create_dir(&path).unwrap();
        let error = format!("{:#}", load(Some(dir.path())).unwrap_err());
        assert!(error.contains("is niet te lezen"), "{error}");
    }
}
