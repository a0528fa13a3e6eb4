//! The words of the rapportage (F5): its periods, views and the labels of its figures.

pub const REPORT_TITLE: &str = "Rapportage";
pub const PERIOD_THIS_MONTH: &str = "deze maand";
pub const REPORT_SCROLL: &str = "↑↓ meer";
pub const PERIOD_LAST_MONTH: &str = "vorige maand";
pub const PERIOD_LAST_QUARTER: &str = "vorig kwartaal";
pub const PERIOD_CUSTOM: &str = "eigen periode";
pub const VIEW_CONTACTS: &str = "Contacten";
pub const VIEW_CHANNELS: &str = "Kanaal en locatie";
pub const VIEW_LEEFGEBIEDEN: &str = "Leefgebieden";
pub const VIEW_ROUTES: &str = "Route en complexiteit";
pub const VIEW_ADVICE: &str = "Advies per laag";
pub const VIEW_QUEUE: &str = "Wachtrij";
pub const VIEW_PLANS: &str = "Plannen";
pub const VIEW_RESULTS: &str = "Resultaten";
pub const LABEL_FROM: &str = "Van (D-M-JJJJ)";
pub const LABEL_TO: &str = "Tot en met (D-M-JJJJ)";
pub const REPORT_DEMO: &str =
    "DEMO-GEGEVENS (verzonnen) · op 5 afgerond · <5: minder dan 5 · ×: verborgen";
pub const REPORT_SUPPRESSED: &str =
    "Hele maanden · op 5 afgerond · <5: minder dan 5 · ×: verborgen";
pub const TEAM_HEADER: [&str; 5] = ["Team", "Items", "Oppakken (u)", "Afronden (u)", "Te laat"];
pub const SEVERAL_TRACKS: &str = "Huishoudens met meer dan één lopend traject";

// The plan figures that are no chart, in the order of the view.
pub const PLANS_TITLE: &str = "Plannen van aanpak";
pub const PLANS_STARTED: &str = "Gestart";
pub const PLANS_CLOSED: &str = "Afgesloten";
pub const PLANS_ANSWERS: &str = "Antwoord op een versie";
pub const PLANS_AKKOORD_SHARE: &str = "Akkoord-percentage";
pub const PLANS_DAYS: &str = "Dagen intake–akkoord (med./p90)";
pub const PLANS_OVERDUE: &str = "Evaluatie te laat (eind periode)";
pub const PLANS_REFUSALS: &str = "Afwijzende beschikkingen";
pub const RESULTS_TITLE: &str = "Resultaten bij evaluatie";
pub const NO_EVALUATIONS: &str = "Geen evaluaties in deze periode.";
