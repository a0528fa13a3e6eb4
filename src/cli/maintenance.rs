//! `loket check`, `loket backup` and `loket restore`: the beheerder's tools for the one
//! database file. Check and backup never create a database; a missing file is an error there.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use chrono::Utc;
use clap::Args;
use loket::store::encryption;
use loket::store::{CheckReport, RestoreBy, Store};

use super::identity::Actor;

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Het nieuwe bestand voor de back-up; een bestaand bestand wordt nooit overschreven.
    #[arg(value_name = "PAD")]
    path: PathBuf,
    /// Versleutel de back-up (age) voor deze openbare sleutel (age1…) of voor de sleutels in
    /// dit bestand (één per regel), zodat hij de host veilig kan verlaten.
    #[arg(long, value_name = "ONTVANGER")]
    versleutel_voor: Option<String>,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// De back-up die de database vervangt (versleuteld of niet).
    #[arg(value_name = "PAD")]
    path: PathBuf,
    /// Het identiteitsbestand (geheime age-sleutel) om een versleutelde back-up te openen.
    #[arg(long, value_name = "BESTAND")]
    identiteit: Option<PathBuf>,
}

/// Backing up a file that is not there must say so, not quietly create an empty database and
/// back that up.
pub(super) fn ensure_exists(db: &Path) -> Result<()> {
    if !db.exists() {
        bail!("er is geen database op {}", db.display());
    }
    Ok(())
}

/// Checks without writing: the file is opened read-only and never migrated (a 0-byte file or
/// another program's file stays exactly as it was).
pub fn check(db: &Path) -> Result<ExitCode> {
    if !db.exists() {
        bail!("er is geen database op {}", db.display());
    }
    let store = Store::open_read_only(db)?;
    let report = store.check()?;
    print!("{}", check_text(db, &report));
    Ok(if report.is_ok() {
        println!("Resultaat: in orde");
        ExitCode::SUCCESS
    } else {
        println!("Resultaat: PROBLEMEN GEVONDEN; maak geen nieuwe back-up over een goede heen");
        ExitCode::FAILURE
    })
}

fn check_text(db: &Path, report: &CheckReport) -> String {
    let mut text = format!("Controle van {}\n", db.display());
    for (label, problems) in [
        ("Integriteit", &report.integrity),
        ("Verwijzingen", &report.foreign_keys),
        ("Auditlog-triggers", &report.audit_triggers),
    ] {
        if problems.is_empty() {
            text += &format!("{label}: in orde\n");
        } else {
            text += &format!("{label}: {} probleem/problemen\n", problems.len());
            for problem in problems {
                text += &format!("  - {problem}\n");
            }
        }
    }
    let version_note = if report.schema_version == report.latest_version {
        "actueel"
    } else {
        "ouder schema, wordt bijgewerkt bij de volgende start"
    };
    text += &format!(
        "Schemaversie: {} (deze Loket kent {}: {version_note})\n",
        report.schema_version, report.latest_version
    );
    if !report.counts.is_empty() {
        text += "Inhoud:\n";
        for (label, count) in &report.counts {
            text += &format!("  {label:<18} {count:>8}\n");
        }
    }
    text
}

pub fn backup(store: &Store, args: BackupArgs, actor: &Actor) -> Result<ExitCode> {
    let report = match &args.versleutel_voor {
        None => store.backup_to(&args.path)?,
        Some(given) => store.backup_encrypted_to(&args.path, &encryption::recipients(given)?)?,
    };
    audit(store, actor, "back-up gemaakt")?;
    let sealed = if args.versleutel_voor.is_some() {
        ", versleuteld"
    } else {
        ""
    };
    println!(
        "Back-up gemaakt: {} ({} kB{sealed}, schemaversie {}), gecontroleerd en in orde",
        report.path.display(),
        report.bytes.div_ceil(1024),
        report.schema_version
    );
    Ok(ExitCode::SUCCESS)
}

pub fn restore(store: &mut Store, args: RestoreArgs, actor: &Actor) -> Result<ExitCode> {
    // The store writes the restore's own audit row into the restored database.
    let by = RestoreBy {
        actor: &actor.audit_name(),
        origin: &actor.origin,
        now: Utc::now(),
    };
    let report = store.restore_from(&args.path, args.identiteit.as_deref(), by)?;
    let version = store.schema_version()?;
    println!(
        "Hersteld: {} is vervangen door de back-up {}{} (schemaversie {}, nu {version})",
        store.path().display(),
        args.path.display(),
        if report.decrypted {
            ", ontsleuteld"
        } else {
            ""
        },
        report.schema_version
    );
    if report.erased_again.is_empty() {
        println!(
            "Opnieuw gewist: geen huishoudens (niets uit het register van gewiste huishoudens stond nog in de back-up)"
        );
    } else {
        let ids: Vec<String> = report.erased_again.iter().map(i64::to_string).collect();
        println!(
            "Opnieuw gewist: {} huishouden(s) die na deze back-up zijn vergeten: {}",
            ids.len(),
            ids.join(", ")
        );
    }
    println!(
        "De database van vóór het herstel staat in {}; terugzetten kan met: loket restore {}",
        report.safety_copy.display(),
        report.safety_copy.display()
    );
    println!(
        "Let op: die kopie bevat alle persoonsgegevens van vóór het herstel, net als een \
         back-up. Verwijder haar zodra het herstel in orde is."
    );
    Ok(ExitCode::SUCCESS)
}

/// The audit row of a backup, under the account that signed in: the whole database left the
/// host.
fn audit(store: &Store, actor: &Actor, action: &str) -> Result<()> {
    store.audit(
        &actor.audit_name(),
        action,
        "database",
        "gelukt",
        &actor.origin,
        Utc::now(),
    )?;
    Ok(())
}
