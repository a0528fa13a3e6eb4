//! `loket check`, `loket backup` and `loket restore`: the beheerder's tools for the one
//! database file. Check and backup never create a database; a missing file is an error there.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Args;
use loket::store::{CheckReport, Store};

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Het nieuwe bestand voor de back-up; een bestaand bestand wordt nooit overschreven.
    #[arg(value_name = "PAD")]
    path: PathBuf,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// De back-up die de database vervangt.
    #[arg(value_name = "PAD")]
    path: PathBuf,
}

/// Opens an existing database only: checking or backing up a file that is not there must say
/// so, not quietly create an empty database and report on that.
fn open_existing(db: &Path) -> Result<Store> {
    if !db.exists() {
        bail!("er is geen database op {}", db.display());
    }
    Ok(Store::open(db)?.store)
}

pub fn check(db: &Path) -> Result<ExitCode> {
    let store = open_existing(db)?;
    let report = store.check()?;
    let wal = store.checkpoint()?;
    print!("{}", check_text(db, &report));
    if !wal.is_complete() {
        println!(
            "Logboek (WAL): {} van {} pagina's nog niet in de database; een andere desk leest nog",
            wal.wal_frames - wal.checkpointed,
            wal.wal_frames
        );
    }
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
        "NIET actueel"
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

pub fn backup(db: &Path, args: BackupArgs) -> Result<ExitCode> {
    let report = open_existing(db)?.backup_to(&args.path)?;
    println!(
        "Back-up gemaakt: {} ({} kB, schemaversie {}), gecontroleerd en in orde",
        report.path.display(),
        report.bytes.div_ceil(1024),
        report.schema_version
    );
    Ok(ExitCode::SUCCESS)
}

pub fn restore(db: &Path, args: RestoreArgs) -> Result<ExitCode> {
    let report = Store::open(db)?.store.restore_from(&args.path)?;
    // Reopening migrates a backup from an older Loket to the current schema.
    let version = Store::open(db)?.store.schema_version()?;
    println!(
        "Hersteld: {} is vervangen door de back-up {} (schemaversie {}, nu {version})",
        db.display(),
        args.path.display(),
        report.schema_version
    );
    println!(
        "De database van vóór het herstel staat in {}; terugzetten kan met: loket restore {}",
        report.safety_copy.display(),
        report.safety_copy.display()
    );
    Ok(ExitCode::SUCCESS)
}
