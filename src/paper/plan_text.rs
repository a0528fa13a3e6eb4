//! What the plan on paper says, in plain Dutch (B1): the six parts of seed 003 §3.4, the
//! arrangement per layer of the piramide, the afspraken, the evaluation date, who the regisseur
//! is and how to reach them, and lines to sign. Words only; `layout` puts them on pages.

use chrono::{Datelike, NaiveDate};

use crate::domain::Leefgebieden;
use crate::domain::plan::{
    CONTRIBUTION_NEVER_A_CONDITION, PlanStatus, needs_beschikking, plan_layer_name,
};
use crate::store::PlanView;

/// One piece of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Title(String),
    Heading(String),
    Subheading(String),
    Text(String),
    /// A line of a list.
    Item(String),
    /// Printed bold: what must never be missed.
    Emphasis(String),
    /// A label and a line to sign on.
    Signature(String),
}

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// "21 december 2026".
pub fn written_date(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

/// The plan's latest version as the resident reads it.
pub fn plan_blocks(plan: &PlanView, leefgebieden: &Leefgebieden) -> Vec<Block> {
    use Block::*;
    let version = plan.latest();
    let content = &version.content;
    let mut out = vec![
        Title("Uw plan van aanpak".into()),
        Text(
            "Dit plan heeft u samen met uw regisseur gemaakt. Het is uw plan: u bent de \
             eigenaar. Uw regisseur helpt u om het uit te voeren."
                .into(),
        ),
        Text(format!(
            "Versie {}, gemaakt op {}. {}",
            version.number,
            written_date(crate::domain::hours::dutch_local(version.made_at).date()),
            status_line(plan.status)
        )),
        Heading("Uw regisseur".into()),
    ];
    match &plan.regisseur {
        Some(r) => {
            let team = plan.regie_team.as_deref().unwrap_or("de gemeente");
            out.push(Text(format!("{} van {team}.", r.name)));
            out.push(Text(format!(
                "Heeft u een vraag over uw plan? Neem contact op met uw regisseur: {}.",
                if r.location.trim().is_empty() {
                    team
                } else {
                    r.location.trim()
                }
            )));
        }
        None => out.push(Text("U krijgt nog een regisseur.".into())),
    }
    out.push(Heading("1. Wat wilt u bereiken?".into()));
    for result in &content.results {
        out.push(Item(format!(
            "{}: \u{201c}{}\u{201d}",
            leefgebieden.name_of(&result.leefgebied),
            result.words.trim()
        )));
        if let Some(score) = result.score {
            out.push(Text(format!(
                "Hoe zelfstandig bent u hierin nu? {} van 5 ({}).",
                score.score(),
                score.name()
            )));
        }
    }
    out.push(Heading("2. Wanneer gebeurt wat?".into()));
    for step in &content.tijdpad {
        out.push(Item(format!(
            "Vóór {}: {}",
            written_date(step.by),
            step.what.trim()
        )));
    }
    out.push(Heading("3. Wie helpt u, en hoe?".into()));
    out.push(Text(
        "Eerst kijken we wat u zelf kunt, dan wie er om u heen kan helpen, dan wat er voor \
         iedereen is. Pas daarna komt hulp die speciaal voor u wordt geregeld."
            .into(),
    ));
    for (laag, lines) in content.per_layer() {
        out.push(Subheading(plan_layer_name(laag).into()));
        for line in lines {
            out.push(Item(format!(
                "{} — {}, vanaf {}",
                line.what.trim(),
                line.deliverer.label(),
                written_date(line.from)
            )));
            if needs_beschikking(line) {
                out.push(Text(
                    "Hiervoor krijgt u een besluit van de gemeente (een beschikking).".into(),
                ));
            }
        }
    }
    out.push(Heading("4. Wat doet u voor anderen?".into()));
    match &content.contribution {
        Some(contribution) => {
            out.push(Text(contribution.trim().to_string()));
            out.push(Emphasis(CONTRIBUTION_NEVER_A_CONDITION.into()));
        }
        None => out.push(Text("Niet van toepassing.".into())),
    }
    out.push(Heading("5. Afspraken: wie doet wat?".into()));
    if content.afspraken.is_empty() {
        out.push(Text("Geen aparte afspraken.".into()));
    }
    for afspraak in &content.afspraken {
        out.push(Item(format!(
            "{}: {}, uiterlijk {}",
            capitalised(&afspraak.who.label()),
            afspraak.what.trim(),
            written_date(afspraak.by)
        )));
    }
    out.push(Heading("6. Hoe lang, en hoe houden we het bij?".into()));
    let follow = &content.follow_up;
    if !follow.duration.trim().is_empty() {
        out.push(Text(format!("Hoe lang: {}.", follow.duration.trim())));
    }
    out.push(Text(format!("Zo houden we het bij: {}", follow.how.trim())));
    out.push(Emphasis(format!(
        "Evaluatie: op {} kijken we samen hoe het gaat.",
        written_date(plan.evaluation_on)
    )));
    out.push(Heading("Akkoord".into()));
    out.push(Text(
        "Met uw handtekening zegt u dat u het eens bent met dit plan. Uw regisseur tekent ook. \
         Bent u het niet eens? Zeg het tegen uw regisseur; dat schrijven we op. Vindt u een \
         voorziening nodig die niet in het plan staat? Dan krijgt u daarover een besluit \
         (beschikking). Daartegen kunt u bezwaar maken."
            .into(),
    ));
    out.push(Signature("Naam inwoner".into()));
    out.push(Signature("Handtekening inwoner en datum".into()));
    let regisseur = plan.regisseur.as_ref().map_or("", |r| r.name.as_str());
    out.push(Signature(format!(
        "Handtekening regisseur {regisseur} en datum"
    )));
    out
}

fn status_line(status: PlanStatus) -> &'static str {
    match status {
        PlanStatus::WachtOpAkkoord => "U en uw regisseur hebben dit plan nog niet getekend.",
        PlanStatus::Akkoord => "U en uw regisseur zijn het eens over dit plan.",
        PlanStatus::GeenAkkoord => "U en uw regisseur zijn het (nog) niet eens over dit plan.",
        PlanStatus::Afgesloten => "Dit plan is afgesloten.",
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
