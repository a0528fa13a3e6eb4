//! `loket search`: the kaart search from the command line, one query or a batch from stdin.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use chrono::{NaiveDateTime, Utc};
use clap::Args;
use loket::domain::Code;
use loket::domain::Leefgebieden;
use loket::domain::calendar::HolidayRules;
use loket::domain::hours::{OpenState, dutch_local, open_state};
use loket::safe_text::{for_screen, json_for_screen};
use loket::search::{Catalog, Filters, Hit, SearchIndex, Strength, VocabularySource};
use loket::store::Store;
use serde::Serialize;

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Wat de inwoner vraagt, in gewone woorden (mag leeg zijn met filters).
    #[arg(value_name = "ZOEKVRAAG", conflicts_with = "batch")]
    query: Option<String>,
    /// Alleen dit leefgebied (code, bijvoorbeeld geldzaken-schulden); mag vaker.
    #[arg(long = "leefgebied", value_name = "CODE")]
    leefgebieden: Vec<String>,
    /// Bereikbaar vanuit deze wijk: diensten in de wijk en diensten zonder wijk (stadsbreed).
    #[arg(long, value_name = "NAAM")]
    wijk: Option<String>,
    /// Alleen deze laag van de kantelingspiramide (eigen-kracht … maatwerk).
    #[arg(long, value_name = "CODE")]
    laag: Option<String>,
    /// Leeftijd van de inwoner: alleen diensten voor die leeftijd.
    #[arg(long, value_name = "JAREN")]
    leeftijd: Option<String>,
    /// Alleen gratis diensten.
    #[arg(long)]
    gratis: bool,
    /// Alleen diensten zonder verwijzing of indicatie.
    #[arg(long)]
    zonder_verwijzing: bool,
    /// Ook gedeactiveerde diensten (lager in de lijst, gemarkeerd als niet actief).
    #[arg(long)]
    ook_inactief: bool,
    /// Alleen diensten die nu open zijn.
    #[arg(long, conflicts_with = "open_at")]
    open_now: bool,
    /// Alleen diensten die open zijn op dit moment ("D-M-JJJJ UU:MM", ook ISO).
    #[arg(long, value_name = "MOMENT")]
    open_at: Option<String>,
    /// Hoeveel resultaten hoogstens.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Uitvoer als JSON.
    #[arg(long)]
    json: bool,
    /// Lees één zoekvraag per regel van standaardinvoer; één resultaatregel per vraag.
    #[arg(long)]
    batch: bool,
}

/// One result as `--json` prints it.
#[derive(Debug, Serialize)]
struct JsonHit<'a> {
    id: &'a str,
    name: &'a str,
    organization: Option<&'a str>,
    leefgebieden: Vec<&'a str>,
    laag: Option<&'static str>,
    wijk: Vec<&'a str>,
    score: f32,
    /// "strong" or "weak": weak matches (only a typo, one word in the description, or the
    /// leefgebied) are listed only when there are few strong ones, below them.
    strength: Strength,
    free: bool,
    referral_required: bool,
    open: Option<bool>,
}

fn filters(args: &SearchArgs, index: &SearchIndex, leefgebieden: &Leefgebieden) -> Result<Filters> {
    Ok(Filters {
        leefgebieden: args
            .leefgebieden
            .iter()
            .map(|code| Filters::parse_leefgebied(code, leefgebieden))
            .collect::<Result<_, _>>()?,
        wijk: args
            .wijk
            .as_deref()
            .map(|w| Filters::parse_wijk(w, index))
            .transpose()?,
        laag: args.laag.as_deref().map(Filters::parse_laag).transpose()?,
        age: args
            .leeftijd
            .as_deref()
            .map(Filters::parse_age)
            .transpose()?,
        free_only: args.gratis,
        no_referral_only: args.zonder_verwijzing,
        include_inactive: args.ook_inactief,
        open_at: match (&args.open_at, args.open_now) {
            (Some(moment), _) => Some(Filters::parse_moment(
                moment,
                dutch_local(Utc::now()).date(),
            )?),
            (None, true) => Some(dutch_local(Utc::now())),
            (None, false) => None,
        },
    })
}

pub fn run(store: &Store, args: SearchArgs) -> Result<ExitCode> {
    // The beheerder's own words count here too; a broken file is an error the shell sees.
    let vocabulary = VocabularySource::in_folder(loket::config::config_dir().as_deref())
        .load(&store.reference().leefgebieden)
        .context("eigen zoekwoordenlijst niet bruikbaar")?;
    let catalog = Catalog::load_with(store, std::sync::Arc::new(vocabulary))?;
    let (index, leefgebieden) = (&catalog.index, &catalog.leefgebieden);
    let filters = filters(&args, index, leefgebieden)?;
    let now = filters.open_at.unwrap_or_else(|| dutch_local(Utc::now()));
    let view = View {
        index,
        leefgebieden,
        now,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.batch {
        for (number, line) in std::io::stdin().lock().lines().enumerate() {
            let line = match line {
                Err(e) if e.kind() == std::io::ErrorKind::InvalidData => anyhow::bail!(
                    "regel {} van de invoer is geen geldige UTF-8-tekst; geef zoekvragen als \
                     UTF-8-tekst, één per regel",
                    number + 1
                ),
                line => line.context("de invoer kon niet worden gelezen")?,
            };
            let hits = index.search(&line, &filters, args.limit).hits;
            if args.json {
                let json = serde_json::to_string(&view.json(&hits))?;
                writeln!(out, "{}", json_for_screen(&json))?;
            } else {
                let names: Vec<&str> = hits.iter().map(|h| view.service_name(h)).collect();
                writeln!(out, "{}", for_screen(&names.join(" | ")))?;
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let results = index.search(args.query.as_deref().unwrap_or(""), &filters, args.limit);
    if args.json {
        let json = serde_json::to_string_pretty(&view.json(&results.hits))?;
        writeln!(out, "{}", json_for_screen(&json))?;
    } else if results.hits.is_empty() {
        writeln!(out, "Geen diensten gevonden.")?;
    } else {
        let strong = results.strong_shown();
        for (rank, hit) in results.hits.iter().enumerate() {
            if rank == strong {
                writeln!(out, "  -- minder passend --")?;
            }
            view.write_plain(&mut out, rank + 1, hit)?;
        }
        writeln!(
            out,
            "{strong} van {} passende diensten getoond{}.",
            results.total,
            match results.hits.len() - strong {
                0 => String::new(),
                weak => format!(", en {weak} minder passend"),
            }
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// What a hit needs from the kaart to be shown: the index's line of it.
struct View<'a> {
    index: &'a SearchIndex,
    leefgebieden: &'a Leefgebieden,
    now: NaiveDateTime,
}

impl View<'_> {
    fn service_name(&self, hit: &Hit) -> &str {
        self.index.line(hit.doc).name
    }

    fn json<'h>(&'h self, hits: &'h [Hit]) -> Vec<JsonHit<'h>> {
        hits.iter()
            .map(|hit| {
                let service = self.index.line(hit.doc);
                JsonHit {
                    id: service.id,
                    name: service.name,
                    organization: service.organization,
                    leefgebieden: service.leefgebieden().collect(),
                    laag: service.laag.map(|l| l.code()),
                    wijk: service.wijken(),
                    score: (hit.score * 1000.0).round() / 1000.0,
                    strength: hit.strength,
                    free: service.free,
                    referral_required: service.referral_required,
                    open: match open_state(service.schedule, self.now, HolidayRules::default()) {
                        OpenState::Unknown => None,
                        state => Some(state.is_open()),
                    },
                }
            })
            .collect()
    }

    fn write_plain(&self, out: &mut impl Write, rank: usize, hit: &Hit) -> std::io::Result<()> {
        let service = self.index.line(hit.doc);
        let organization = service
            .organization
            .map_or(String::new(), |name| format!(" — {name}"));
        let inactive = if service.active { "" } else { " (niet actief)" };
        let title = format!("{}{organization}{inactive}", service.name);
        writeln!(out, "{rank:>3}. {}", for_screen(&title))?;
        let mut facts: Vec<String> = service
            .leefgebieden()
            .map(|code| self.leefgebieden.name_of(code).to_string())
            .collect();
        facts.extend(service.laag.map(|l| l.name().to_string()));
        facts.extend(service.wijken().into_iter().map(String::from));
        match open_state(service.schedule, self.now, HolidayRules::default()) {
            OpenState::Open { until } => facts.push(format!("open tot {}", until.format("%H:%M"))),
            OpenState::Closed { .. } => facts.push("gesloten".into()),
            OpenState::Unknown => {}
        }
        writeln!(out, "     {}", for_screen(&facts.join(" · ")))
    }
}
