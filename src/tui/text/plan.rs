//! The words of the plan screen: the six parts of the plan van aanpak (seed 003 §3.4) as the
//! professional reads them, its akkoord, tasks, evaluations and the gesprekken.

use chrono::NaiveDate;

use crate::domain::plan::{
    Answer, ArrangementLine, Consulted, Evaluation, EvaluationDecision, Gesprek, Handover,
    PlanStatus, PlanWork, Zelfredzaamheid,
};
use crate::domain::{Code, Leefgebieden};
use crate::store::{PlanView, TaskRecord, VersionRecord};

pub const PLAN_TITLE: &str = "Plan van aanpak";
pub const NO_PLAN_YET: &str = "Dit huishouden heeft nog geen plan van aanpak.";
pub const PLAN_RESULTS: &str = "1. Resultaat per leefgebied";
pub const PLAN_TIJDPAD: &str = "2. Tijdpad";
pub const PLAN_ARRANGEMENT: &str = "3. Arrangement (kantelingspiramide)";
pub const PLAN_CONTRIBUTION: &str = "4. Bijdrage aan de samenleving";
pub const PLAN_AFSPRAKEN: &str = "5. Afspraken: wie doet wat wanneer";
pub const PLAN_FOLLOW_UP: &str = "6. Duur en opvolging";
pub const PLAN_TASKS: &str = "Taken (beschikkingen)";
pub const PLAN_EVALUATIONS: &str = "Evaluaties";
pub const PLAN_GESPREKKEN: &str = "Gesprekken";
pub const NONE_YET: &str = "nog geen";
pub const NOT_APPLICABLE: &str = "niet van toepassing";
pub const FREELY_ACCESSIBLE: &str = "vrij toegankelijk";

/// The date as the screens write it.
pub fn day(date: NaiveDate) -> String {
    date.format("%d-%m-%Y").to_string()
}

/// "Plan 3 · huishouden 12 · wacht op akkoord".
pub fn plan_head(plan: &PlanView) -> String {
    format!(
        "Plan {} · huishouden {} · {}",
        plan.id,
        plan.household_id,
        plan.status.name()
    )
}

/// When the plan is evaluated next (a "doorgaan" moves it past the version's date).
pub fn next_evaluation(on: NaiveDate) -> String {
    format!("Volgende evaluatie: {}", day(on))
}

/// Which version is on screen, and whether it is the one in force.
pub fn version_line(version: &VersionRecord, count: usize, made_on: NaiveDate) -> String {
    let which = if version.number as usize == count {
        "de nieuwste".to_string()
    } else {
        format!("eerdere versie, er zijn er {count}")
    };
    format!(
        "Versie {} ({which}) · gemaakt op {} door {}",
        version.number,
        day(made_on),
        version.made_by
    )
}

/// The answer to a version, or that it waits for one.
pub fn answer_line(answer: Option<&Answer>) -> String {
    match answer {
        None => format!("Akkoord: {}", PlanStatus::WachtOpAkkoord.name()),
        Some(Answer::Akkoord { on, how }) => {
            format!("Akkoord op {} ({})", day(*on), how.name())
        }
        Some(Answer::GeenAkkoord {
            on,
            point,
            requested,
        }) => {
            let asked = requested
                .as_deref()
                .map(|r| format!(" · gevraagde voorziening: {r}"))
                .unwrap_or_default();
            format!("Geen akkoord op {}: {point}{asked}", day(*on))
        }
    }
}

pub fn regisseur_line(plan: &PlanView) -> String {
    let team = plan.regie_team.as_deref().unwrap_or("geen regieteam");
    match &plan.regisseur {
        Some(r) if r.location.trim().is_empty() => format!("Regisseur: {} ({team})", r.name),
        Some(r) => format!("Regisseur: {} ({team}) · {}", r.name, r.location),
        None => format!("Regisseur: nog geen regisseur ({team})"),
    }
}

pub fn score_line(score: Zelfredzaamheid) -> String {
    format!(
        "  zelfredzaamheid bij de start: {} ({})",
        score.score(),
        score.name()
    )
}

pub fn task_line(task: &TaskRecord) -> String {
    let decision = match &task.decision {
        None => "wacht op besluit".to_string(),
        Some(d) => {
            let reference = if d.reference.trim().is_empty() {
                String::new()
            } else {
                format!(", kenmerk {}", d.reference.trim())
            };
            format!("{} op {}{reference}", d.decision.code(), day(d.on))
        }
    };
    format!(
        "• {}: {} → {} · {decision}",
        task.kind.name(),
        task.voorziening,
        task.team
    )
}

fn consulted(who: &Consulted) -> String {
    let consent = if who.consent {
        "met toestemming"
    } else {
        "zonder toestemming"
    };
    format!("{} ({consent})", who.who)
}

/// One gesprek in a line: when, where, who was there, who was consulted, by whom.
pub fn gesprek_line(gesprek: &Gesprek, by: &str) -> String {
    let mut parts = vec![format!(
        "• {} {}",
        day(gesprek.held_on),
        gesprek.place.name()
    )];
    if !gesprek.participants.is_empty() {
        parts.push(format!("met {}", gesprek.participants.join(", ")));
    }
    if !gesprek.brought_along.trim().is_empty() {
        parts.push(format!("meegenomen: {}", gesprek.brought_along.trim()));
    }
    if !gesprek.consulted.is_empty() {
        let names: Vec<_> = gesprek.consulted.iter().map(consulted).collect();
        parts.push(format!("geraadpleegd: {}", names.join(", ")));
    }
    parts.push(format!("door {by}"));
    parts.join(" · ")
}

/// One evaluation in a line: when, the decision, and how each result turned out.
pub fn evaluation_line(evaluation: &Evaluation, by: &str, names: &Leefgebieden) -> String {
    let results: Vec<_> = evaluation
        .results
        .iter()
        .map(|r| {
            let name = names.name_of(&r.leefgebied);
            match r.score {
                Some(score) => format!("{name} {} (score {})", r.outcome.code(), score.score()),
                None => format!("{name} {}", r.outcome.code()),
            }
        })
        .collect();
    let decision = match &evaluation.decision {
        EvaluationDecision::Doorgaan { next_evaluation } => {
            format!("doorgaan tot {}", day(*next_evaluation))
        }
        EvaluationDecision::Opschalen { reason } => format!("opschalen: {reason}"),
        EvaluationDecision::Afsluiten { outcome } => format!("afsluiten: {outcome}"),
        other => other.name().to_string(),
    };
    format!(
        "• {} door {by} · {} · {decision}",
        day(evaluation.held_on),
        results.join(", ")
    )
}
pub const HINT_VERSIONS: &str = "versies";

pub const GESPREK_TITLE: &str = "Gesprek vastleggen";
/// What a choice row shows before one is made; saving refuses it.
pub const PICK: &str = "kies…";
/// The zelfredzaamheid row without a score.
pub const NO_SCORE: &str = "leeg";
pub const CONSENT: [&str; 2] = ["ja", "nee"];
pub const ANSWERS: [&str; 2] = ["akkoord", "geen akkoord"];
pub const EVALUATION_DECISIONS: [&str; 4] = ["doorgaan", "bijstellen", "opschalen", "afsluiten"];

/// " (kies met ←/→)" after the rows chosen with `choose_keys`; nothing when no key does it.
fn choose_with(choose_keys: &str) -> String {
    if choose_keys.is_empty() {
        String::new()
    } else {
        format!(" (kies met {choose_keys})")
    }
}

/// The gesprek form's intro; `choose_keys` ("←/→") pick a place or an answer.
pub fn gesprek_intro(choose_keys: &str) -> String {
    format!(
        "Plaats: thuis, op het loket of telefonisch; toestemming: ja of nee{}. Deelnemers en \
         geraadpleegden met komma's; raadpleeg alleen met toestemming van de inwoner.",
        choose_with(choose_keys)
    )
}
pub const ANSWER_TITLE: &str = "Akkoord op het plan";
pub fn answer_intro(choose_keys: &str) -> String {
    format!(
        "Zijn de inwoner en jij het eens over de nieuwste versie? Antwoord: akkoord of geen \
         akkoord; hoe: getekend op papier, mondeling of digitaal{}. Bij geen akkoord: het punt \
         waarover jullie het niet eens zijn, en de voorziening die de inwoner nodig vindt (dan \
         volgt een afwijzende beschikking, met bezwaar mogelijk).",
        choose_with(choose_keys)
    )
}
pub const LABEL_DATE: &str = "Datum";
pub const LABEL_PLACE: &str = "Plaats";
pub const LABEL_PARTICIPANTS: &str = "Deelnemers";
pub const LABEL_BROUGHT: &str = "Meegenomen";
pub const LABEL_CONSULTED: &str = "Geraadpleegd";
pub const LABEL_CONSENT: &str = "Toestemming";
pub const LABEL_ANSWER: &str = "Antwoord";
pub const LABEL_HOW: &str = "Hoe";
pub const LABEL_POINT: &str = "Punt";
pub const LABEL_REQUESTED: &str = "Voorziening";
pub const CHOOSE_PLACE: &str = "Kies waar het gesprek was: thuis, op het loket of telefonisch.";
pub const ASK_CONSENT: &str =
    "Heeft de inwoner toestemming gegeven om hen te raadplegen? Kies ja of nee.";
pub const CHOOSE_HOW: &str =
    "Kies hoe jullie akkoord gaven: getekend op papier, mondeling of digitaal.";
pub const ASK_AGREED: &str = "Kies akkoord of geen akkoord.";
pub const GESPREK_SAVED: &str = "Gesprek vastgelegd.";
pub const DECISION_TITLE: &str = "Besluit op de beschikking";
pub const LABEL_VERDICT: &str = "Besluit";
pub const LABEL_REFERENCE: &str = "Kenmerk";
pub const CHOOSE_VERDICT: &str = "Kies het besluit: toegekend of afgewezen.";
pub const NO_OPEN_TASK: &str = "Er is geen beschikking die op een besluit wacht.";
pub const TASK_PICK_TITLE: &str = "Besluit op welke beschikking? · typ om te filteren";

/// A beschikking task in the list to pick the one the decision is on: the voorziening first,
/// as that is what tells them apart.
pub fn task_option(task: &TaskRecord) -> String {
    format!("{} · {}", task.voorziening, task.kind.name())
}

/// What the decision form is about: the beschikking and how to fill it in.
pub fn decision_intro(voorziening: &str, choose_keys: &str) -> String {
    format!(
        "Het besluit op de beschikking voor {voorziening}. Besluit: toegekend of afgewezen{}. \
         Datum: de dag van het besluit. Kenmerk: het kenmerk op de beschikking.",
        choose_with(choose_keys)
    )
}

/// After the decision: what was decided on which voorziening.
pub fn decided(verdict: &str, voorziening: &str) -> String {
    format!("Besluit vastgelegd: {voorziening} {verdict}.")
}

pub const NO_PLAN_TO_ANSWER: &str = "Er is nog geen plan om akkoord op te geven.";
pub const CONFIRM_DISCARD_PLAN_FORM: &str =
    "Wat je in dit formulier typte is niet opgeslagen. Weggooien?";

/// After the answer: akkoord or not, and the beschikking tasks it made.
pub fn answered(akkoord: bool, tasks: usize) -> String {
    let what = if akkoord {
        "Akkoord vastgelegd."
    } else {
        "Geen akkoord vastgelegd."
    };
    match tasks {
        0 => what.to_string(),
        1 => format!("{what} 1 taak voor het beslissende team."),
        n => format!("{what} {n} taken voor het beslissende team."),
    }
}

/// A line of plan work in the wachtrij item: what the plan asks, by when.
pub fn plan_work_line(work: &PlanWork) -> String {
    let late = if work.overdue { " · ⚠ te laat" } else { "" };
    let task = work
        .task
        .map(|t| format!(" (taak {t})"))
        .unwrap_or_default();
    format!(
        "Plan {}: {}{task} · uiterlijk {}{late}",
        work.plan_id,
        work.kind.name(),
        day(work.due)
    )
}

/// The status line of the wachtrij when plans the user directs ask something: how much, and
/// the most urgent.
pub fn plan_work_waiting(work: &[PlanWork]) -> Option<String> {
    let first = work.first()?;
    let late = work.iter().filter(|w| w.overdue).count();
    let late = if late > 0 {
        format!(" ({late} te laat)")
    } else {
        String::new()
    };
    Some(format!(
        "Planwerk: {}{late} · {}, huishouden {}, uiterlijk {}",
        work.len(),
        first.kind.name(),
        first.household_id,
        day(first.due)
    ))
}

pub const NO_PLAN_TO_PRINT: &str = "Er is nog geen plan om af te drukken.";

pub fn printed(path: &str) -> String {
    format!("Plan afgedrukt: {path}")
}

pub fn print_failed(why: &str) -> String {
    format!("Afdrukken mislukt: {why}")
}

pub const EDIT_PLAN_TITLE: &str = "Plan van aanpak wijzigen";
pub const NEW_PLAN_TITLE: &str = "Plan van aanpak maken";
pub const LABEL_RESULT: &str = "Resultaat";
pub const LABEL_SCORE: &str = "  zelfredzaamheid";
pub const LABEL_MILESTONE: &str = "Wanneer, wat";
pub const LABEL_LAAG: &str = "Laag";
pub const LABEL_WHAT: &str = "Wat";
pub const LABEL_WHO: &str = "Wie";
pub const LABEL_LINE_FROM: &str = "Vanaf";
pub const LABEL_CONTRIBUTION: &str = "Bijdrage";
pub const LABEL_PARTY: &str = "Wie";
pub const LABEL_BY: &str = "Uiterlijk";
pub const LABEL_DURATION: &str = "Duur";
pub const LABEL_FOLLOWED: &str = "Hoe gevolgd";
pub const LABEL_EVALUATION: &str = "Evaluatiedatum";
pub const NOTHING_TO_REMOVE: &str = "Weghalen kan in het tijdpad, het arrangement en de afspraken.";
pub const KEEP_ONE: &str = "Het plan houdt minstens één stap in het tijdpad en één regel in het \
     arrangement.";
pub const SCORE_WITHOUT_RESULT: &str = "Schrijf eerst het resultaat op dit leefgebied.";
pub const CHOOSE_LAAG: &str = "Kies de laag van de kantelingspiramide.";
pub const EVALUATION_REQUIRED: &str =
    "Een evaluatiedatum is altijd nodig (in plaats van een einddatum).";
pub fn editor_results_help(choose_keys: &str) -> String {
    format!(
        "Waartoe moet de ondersteuning leiden? Wat kan de inwoner straks wat hij nu niet kan? In \
         de woorden van de inwoner. Zelfredzaamheid{}: leeg, of 1 (acute problematiek) tot 5 \
         (volledig zelfredzaam).",
        choose_with(choose_keys)
    )
}
pub fn editor_lines_help(choose_keys: &str) -> String {
    format!(
        "Laag{}: van eigen inzet tot individuele voorziening (maatwerk). Wie: typ een dienst en \
         kies met Enter de bovenste van de kaart, of schrijf \"Naam (relatie)\"; bij eigen \
         inzet leeg.",
        choose_with(choose_keys)
    )
}
pub const EDITOR_AFSPRAKEN_HELP: &str =
    "Wie: inwoner, regisseur, netwerk: Naam of aanbieder: Naam.";

/// Said before saving: a change after an answer is a new version that needs akkoord again.
pub fn new_version_notice(next: i64) -> String {
    format!(
        "Dit plan is al beantwoord (akkoord of geen akkoord): opslaan maakt versie {next}, die \
         opnieuw akkoord nodig heeft. De vorige versie blijft leesbaar."
    )
}

pub fn plan_saved(version: i64) -> String {
    format!("Plan opgeslagen (versie {version}).")
}
pub const HINT_REMOVE: &str = "weghalen";
pub const ENTER_PICKS: &str = "  (Enter kiest deze)";

pub const EVALUATION_TITLE: &str = "Evaluatie";
/// The evaluation form's intro: every row but the dates and the reason is chosen.
pub fn evaluation_intro(choose_keys: &str) -> String {
    let with = if choose_keys.is_empty() {
        String::new()
    } else {
        format!(" met {choose_keys}")
    };
    format!(
        "Kies{with} de uitkomst per resultaat: behaald, deels, niet of bijgesteld; de score \
         opnieuw waar die bij de start is gegeven; en het besluit: doorgaan (met de volgende \
         evaluatiedatum), bijstellen (daarna een nieuwe versie), opschalen naar het \
         Expertiseteam (met reden) of afsluiten (met de uitkomst; het traject sluit ook)."
    )
}
pub const LABEL_DECISION: &str = "Besluit";
pub const LABEL_NEXT: &str = "Volgende datum";
pub const LABEL_WHY: &str = "Reden/uitkomst";
pub const CHOOSE_OUTCOME: &str = "Kies de uitkomst: behaald, deels, niet of bijgesteld.";
pub const CHOOSE_DECISION: &str = "Kies het besluit: doorgaan, bijstellen, opschalen of afsluiten.";
pub const NO_AGREED_PLAN: &str =
    "Evalueren kan pas als er een versie is waarover jullie akkoord zijn.";

/// After the evaluation: what the decision did.
pub fn evaluated(decision: &str, closed: bool, escalated: bool) -> String {
    if closed {
        "Evaluatie vastgelegd: het plan en het traject zijn afgesloten.".to_string()
    } else if escalated {
        "Evaluatie vastgelegd: opgeschaald naar het Expertiseteam; jij blijft regisseur."
            .to_string()
    } else if decision == "bijstellen" {
        "Evaluatie vastgelegd: bijstellen. Maak nu de nieuwe versie van het plan.".to_string()
    } else {
        format!("Evaluatie vastgelegd: {decision}.")
    }
}

pub const HINT_LINES: &str = "regel";
pub const HANDOVER_TITLE: &str = "Warme overdracht";
pub const LABEL_HANDOVER_TO: &str = "Aan wie";
pub const LABEL_HANDOVER_GOAL: &str = "Wil bereiken";
pub const LABEL_STARTED: &str = "Gestart";
pub const HANDOVER_AFTER_AKKOORD: &str =
    "Overdragen kan pas als er een versie is waarover jullie akkoord zijn.";
pub const NOT_HANDED_OVER: &str = "nog niet overgedragen";

/// What the overdracht form asks, about the line `about`; `choose_keys` ("←/→") choose
/// whether the resident started.
pub fn handover_intro(about: &str, choose_keys: &str) -> String {
    let choose = match choose_keys {
        "" => String::new(),
        keys => format!(" (kies met {keys})"),
    };
    format!(
        "{about}. Aan wie: de aanbieder of de contactpersoon daar. Wil bereiken: wat de \
         inwoner daar wil bereiken (uit het plan, pas het aan in de woorden van de inwoner). \
         Gestart: nog niet, ja of nee, gestopt{choose}."
    )
}

/// The line in the form's intro: what, by whom.
pub fn line_about(line: &ArrangementLine) -> String {
    format!("{} — {}", line.what.trim(), line.deliverer.label())
}

/// Under an arrangement line: to whom it was handed over, when, and whether the resident
/// started.
pub fn handover_line(handover: &Handover) -> String {
    format!(
        "overgedragen aan {} op {} · gestart: {}",
        handover.to,
        day(handover.on),
        handover.started.name()
    )
}

/// After recording a handover, or changing it.
pub fn handed_over(handover: &Handover, before: bool) -> String {
    let what = if before {
        "Overdracht bijgewerkt"
    } else {
        "Overdracht vastgelegd"
    };
    format!(
        "{what}: {} · gestart: {}.",
        handover.to,
        handover.started.name()
    )
}

/// A row's plan work in the wachtrij, fitted to `width`: "evaluatie vandaag", "akkoord nog
/// 3 wd", "stagnatie 2 wd te laat"; narrower, the word with ⚠ when late. `left` is the
/// working days to the due day (negative when late).
pub fn plan_tag(work: &PlanWork, left: i64, width: usize) -> String {
    let when = match (work.overdue, left) {
        (true, late) if late < 0 => format!("{} wd te laat", -late),
        (true, _) => "te laat".to_string(),
        (false, 0) => "vandaag".to_string(),
        (false, left) => format!("nog {left} wd"),
    };
    let full = format!("{} {when}", work.kind.short());
    if full.chars().count() <= width {
        return full;
    }
    let mark = if work.overdue {
        super::OVERDUE_MARK
    } else {
        ""
    };
    format!("{mark}{}", work.kind.short())
}
