//! The regie's words in the wachtrij: the prompts, their answers and what the item view says
//! about the household's case.

use super::super::queue_screen::PromptKind;

pub const NO_HOUSEHOLD: &str = "Dit item hoort niet bij een huishouden: er is geen traject.";
pub const NO_REGIE_OFFERS: &str = "Er wacht geen regie op je antwoord.";
pub const REGIE_TAKEN: &str = "Je bent nu regisseur van dit huishouden.";
pub const CASE_CLOSED: &str = "Het traject is afgesloten.";
pub const LABEL_REGISSEUR: &str = "Regisseur";

/// A colleague the regie can go to, with the team the case then goes to.
pub fn successor(name: &str, team: &str) -> String {
    format!("{name} · {team}")
}
pub const NAME_REGISSEUR: &str =
    "Kies een medewerker van het regieteam uit de lijst (typ een deel van de naam).";
pub const LABEL_REASON: &str = "Reden";
pub const LABEL_OFFER: &str = "Antwoord";
/// The answers to a regie offer, in the order of the choice row; the first is the default.
pub const OFFER_ANSWERS: [&str; 3] = ["aanvaarden", "aanvaarden + meelezen", "weigeren"];
/// The hint of a prompt that is only a choice.
pub const CONFIRM_CLOSE_CASE: &str = "Het traject afsluiten? De regie en het meelezen stoppen dan.";
pub const ANSWER_CLOSE_CASE: &str = "afsluiten";
/// A regie prompt reached the item actions: it has its own handling.
pub const NOT_AN_ITEM_ACTION: &str = "Dit is geen actie op het item zelf.";

/// What the note row of a prompt is called: a reason where the act needs one.
pub fn note_label(kind: PromptKind) -> &'static str {
    match kind {
        PromptKind::HandOnRegie | PromptKind::Escalate | PromptKind::CloseCase => LABEL_REASON,
        PromptKind::HandOverOutside => super::LABEL_PASSED_ON,
        _ => super::LABEL_NOTE,
    }
}

/// Who offers the regie, for which team and why, and what "meelezen" would mean.
pub fn offer_lines(from: &str, team: &str, reason: &str) -> Vec<String> {
    vec![
        format!("Aangeboden door {from}, {team}"),
        format!("Reden: {reason}"),
        format!("Meelezen: {from} leest dan nog 14 dagen mee."),
    ]
}

pub fn offer_answered(accepted: bool) -> String {
    if accepted {
        "Je hebt de regie aanvaard.".to_string()
    } else {
        "Je hebt de regie geweigerd.".to_string()
    }
}

pub fn regisseur_assigned(name: &str) -> String {
    format!("{name} is nu regisseur van dit huishouden.")
}

pub fn regie_offered(name: &str) -> String {
    format!("Regie aangeboden aan {name}; die aanvaardt of weigert.")
}

pub fn escalated(item: i64) -> String {
    format!("Opgeschaald naar het Expertiseteam (item {item}).")
}

pub fn regie_offers_waiting(n: usize) -> String {
    if n == 1 {
        "1 regie-aanbod wacht op je antwoord (b)".to_string()
    } else {
        format!("{n} regie-aanbiedingen wachten op je antwoord (b)")
    }
}

/// "Regisseur: Bram Jansen (Sociaal Team Noord)", or who has the case without one.
pub fn case_line(regisseur: Option<&str>, team: &str) -> String {
    match regisseur {
        Some(name) => format!("Regisseur: {name} ({team})"),
        None => format!("Regisseur: nog geen regisseur ({team})"),
    }
}
