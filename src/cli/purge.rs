//! `loket purge`: apply the bewaartermijnen now (Loket also does this once a day when it
//! starts). `--dry-run` shows what would go without changing anything. Prints counts only.

use std::process::ExitCode;

use anyhow::Result;
use chrono::Utc;
use clap::Args;
use loket::config;
use loket::store::{PurgeReport, Store};

use super::identity::Actor;

#[derive(Debug, Args)]
pub struct PurgeArgs {
    /// Tel alleen wat er zou worden geanonimiseerd of verwijderd; verander niets.
    #[arg(long)]
    dry_run: bool,
}

/// The lines `loket purge` prints, one per category.
fn lines(report: &PurgeReport) -> [(&'static str, u64); 6] {
    [
        (
            "Direct afgehandelde intakes geanonimiseerd",
            report.direct_intakes,
        ),
        ("Afgesloten zaken geanonimiseerd", report.closed_cases),
        ("Trajecten verwijderd", report.regie_cases),
        ("Plannen van aanpak verwijderd", report.plans),
        ("Kladversies verwijderd", report.drafts),
        ("Auditregels verwijderd", report.audit_rows),
    ]
}

pub fn run(store: &mut Store, args: PurgeArgs, actor: &Actor) -> Result<ExitCode> {
    let policy = config::load(config::config_dir().as_deref())?.retention;
    let report = store.purge(
        &policy,
        &actor.audit_name(),
        &actor.origin,
        Utc::now(),
        args.dry_run,
    )?;
    if report.dry_run {
        println!("Proefdraai: er is niets veranderd. Bij een echte run:");
    }
    for (label, count) in lines(&report) {
        println!("{label}: {count}");
    }
    if !report.dry_run && !report.wal_cleared {
        println!(
            "Let op: een ander Loket-proces leest nog, dus oude pagina's staan nog in het \
             WAL-bestand. Draai `loket purge` opnieuw als niemand Loket gebruikt."
        );
    }
    Ok(ExitCode::SUCCESS)
}
