//! Every Dutch text the full-screen program shows, in one place.

use super::action::Action;

mod external;
mod plan;
mod regie;
mod report;
pub use external::*;
pub use plan::*;
pub use regie::*;
pub use report::*;

pub const APP_NAME: &str = "Loket";
pub const KAART_TITLE: &str = "Sociale kaart";
pub const FIRST_RUN_TITLE: &str = "Welkom bij Loket";
pub const FIRST_RUN_INTRO: &str = "Er is nog niemand aangemeld op deze database. Maak eerst het account van de beheerder aan. \
De beheerder maakt daarna de accounts voor vrijwilligers en medewerkers (loket user add).";
pub const SIGN_IN_TITLE: &str = "Aanmelden";
pub const SIGN_IN_INTRO: &str =
    "Meld je aan met je eigen naam en pincode. Deel je pincode met niemand.";
pub const LOCKED_TITLE: &str = "Scherm vergrendeld";
pub const LOCKED_INTRO: &str =
    "Dit scherm is vergrendeld. Alleen de aangemelde gebruiker kan het ontgrendelen.";
pub const LABEL_NAME: &str = "Naam";
pub const LABEL_LOCATION: &str = "Locatie";
pub const LABEL_PIN: &str = "Pincode";
pub const LABEL_PIN_AGAIN: &str = "Pincode nogmaals";
pub const SEARCH_LABEL: &str = "Zoek";
pub const SEARCH_PLACEHOLDER: &str =
    "typ wat de inwoner vraagt, bijvoorbeeld: schulden, rollator, eenzaam";
pub const FILTERS_LABEL: &str = "Filters";
pub const NO_FILTERS: &str = "geen";
pub const LOADING_KAART: &str = "De sociale kaart wordt geladen…";
pub const NO_RESULTS: &str = "Geen diensten gevonden. Probeer andere woorden of wis de filters.";
pub const OPEN_MARK: &str = "open";
pub const INACTIVE_MARK: &str = "niet actief";
pub const HELP_TITLE: &str = "Toetsen op dit scherm";
pub const HELP_MORE: &str = "(↑↓ PgUp PgDn Home End)";
pub const HELP_TYPING_KEYS: &str = "a–z";

/// The heading of a context's keys in the help overlay.
pub fn context_title(context: super::keymap::Context) -> &'static str {
    use super::keymap::Context;
    match context {
        Context::Global => "Overal",
        Context::Kaart => "Lijst met diensten",
        Context::Zoekregel => "Zoekregel",
        Context::Filters => "Filters",
        Context::Intake => "Intakeformulier",
        Context::Keuze => "Keuze- en vinkjesvelden",
        Context::Advies => "Adviesregel (een gekozen dienst)",
        Context::Lijst => "Lijst",
        Context::Wachtrij => "Wachtrij",
        Context::Rapport => "Rapportage",
        Context::Vragen => "Gesprekshulp",
        Context::Dienst => "Dienst bewerken",
        Context::Werklijst => "Werklijst",
        Context::Plan => "Plan van aanpak",
        Context::Planformulier => "Plan van aanpak maken of wijzigen",
        Context::Vraag => "Venster (keuze, afspraak, notitie)",
        Context::Formulier => "Formulier",
        Context::Vergrendeld => "Vergrendeld scherm",
        Context::Welkom => "Welkom (nieuwe database)",
        Context::Bevestigen => "Ja/nee-vraag",
        Context::Hulp => "Deze hulp",
        Context::Tekstveld => "Tekstvelden",
    }
}
pub const HELP_TYPING: &str = "Gewone letters typen in het zoekveld of formulier.";
pub const CONFIRM_TITLE: &str = "Zeker weten?";
pub const CONFIRM_QUIT_TITLE: &str = "Afsluiten";
pub const CONFIRM_QUIT_UNSAVED: &str =
    "Er is ingevulde tekst die nog niet is opgeslagen. Toch afsluiten?";
pub const CONFIRM_SWITCH_TITLE: &str = "Wissel gebruiker";
pub const CONFIRM_DISCARD_EDIT_TITLE: &str = "Wijzigingen weggooien";
// What the keys of a yes/no question do, in its legend ("j = weggooien · n/Enter/Esc = terug").
pub const ANSWER_BACK: &str = "terug";
pub const ANSWER_QUIT: &str = "afsluiten";
pub const ANSWER_SIGN_OUT: &str = "afmelden";
pub const ANSWER_OPEN_DEMO: &str = "demodatabase openen";
pub const ANSWER_NOT_NOW: &str = "niet nu";
pub const ANSWER_DISCARD: &str = "weggooien";
pub const ANSWER_CONTINUE: &str = "verder gaan";
pub const ANSWER_DISCARD_DRAFT: &str = "weggooien…";
pub const ANSWER_LATER: &str = "later";
pub const ANSWER_CLAIM: &str = "oppakken";
pub const COPY_TITLE: &str = "Contactgegevens";
pub const COPY_BODY: &str = "Naar het klembord gestuurd (als uw terminal dat toestaat). U kunt de tekst ook hier selecteren:";
pub const FILTER_TITLE: &str = "Filters";
pub const FILTER_ANY: &str = "alle";
pub const FILTER_WIJK: &str = "Wijk";
pub const FILTER_LAAG: &str = "Laag";
pub const FILTER_AGE: &str = "Leeftijd";
pub const FILTER_FREE: &str = "Alleen gratis";
pub const FILTER_NO_REFERRAL: &str = "Zonder verwijzing";
pub const FILTER_OPEN_NOW: &str = "Nu open";
pub const CHIP_FREE: &str = "gratis";
pub const CHIP_NO_REFERRAL: &str = "zonder verwijzing";
pub const CHIP_OPEN_NOW: &str = "nu open";
pub const ERROR_NAME_REQUIRED: &str = "Vul je naam in.";
pub const ERROR_PINS_DIFFER: &str = "De twee pincodes zijn niet gelijk.";
/// The account changed since this session signed in; says no more than that to whoever sits
/// at the screen.
pub const SESSION_ENDED: &str =
    "Deze sessie is beëindigd. Meld opnieuw aan: Ctrl-W (wissel gebruiker).";
pub const ERROR_DATABASE: &str =
    "Er ging iets mis met de database. Je invoer is bewaard; probeer het nog eens.";

/// A message from the library as a sentence: capital first, full stop at the end.
pub fn capitalized(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

pub fn signed_in_as(name: &str, role: &str, location: &str) -> String {
    if location.is_empty() {
        format!("{name} ({role})")
    } else {
        format!("{name} ({role}) · {location}")
    }
}

pub fn locked_for(name: &str) -> String {
    format!("Aangemeld: {name}. Typ je pincode en druk op Enter.")
}

pub fn confirm_switch_user(name: &str) -> String {
    format!("{name} afmelden, zodat iemand anders zich kan aanmelden?")
}

/// The divider above the weak matches of a short list.
pub const WEAK_DIVIDER: &str = "minder passend";

/// The title of the result list: the strong matches (`shown` of `total`), and how many weak
/// ones stand below the divider.
pub fn result_count(shown: usize, total: usize, weak: usize) -> String {
    let strong = if shown < total {
        format!("{shown} van {total} diensten")
    } else if total == 1 {
        "1 dienst".to_string()
    } else if total == 0 && weak > 0 {
        "geen duidelijke treffers".to_string()
    } else {
        format!("{total} diensten")
    };
    if weak > 0 {
        format!("{strong} · {weak} {WEAK_DIVIDER}")
    } else {
        strong
    }
}

/// Short name of an action for the key bar.
pub fn bar_label(action: Action) -> &'static str {
    match action {
        Action::Help => "Hulp",
        Action::Kaart => "Kaart",
        Action::Lock => "Vergrendel",
        Action::Quit => "Afsluiten",
        Action::Back => "Terug",
        Action::FocusSearch => "Zoeken",
        Action::ToggleDetail => "Details",
        Action::CopyContact => "Kopieer",
        Action::OpenFilters => "Filters",
        Action::ClearFilters => "Wis filters",
        Action::SwitchUser => "Wissel gebruiker",
        Action::OpenDemo => "Demo",
        Action::NextField => "Volgend veld",
        Action::Submit => "Verder",
        Action::Toggle => "Aan/uit",
        Action::NewIntake => "Intake",
        Action::Save => "Opslaan",
        Action::MyContacts => "Mijn contacten",
        Action::ToggleQuestions => "Vragen",
        Action::NextQuestion => "Nog een vraag",
        Action::JumpRoute => "Route",
        Action::JumpNote => "Notitie",
        Action::RemoveAdvice => "Weghalen",
        Action::AnswerYes => "Ja",
        Action::AnswerNo => "Nee",
        Action::AnswerUnknown => "Weet niet",
        Action::AnswerSkip => "Overslaan",
        Action::NextError => "Volgende fout",
        Action::Choose => "Kiezen",
        Action::Queue => "Wachtrij",
        Action::OpenItem => "Openen",
        Action::Report => "Rapportage",
        Action::NextView => "Volgend overzicht",
        Action::PreviousView => "Vorig overzicht",
        Action::NextPeriod => "Periode",
        Action::CustomPeriod => "Eigen periode",
        Action::MarkItem => "Markeren",
        Action::ReassignItems => "Toewijzen",
        Action::ShareCase => "Meelezen",
        Action::TakeRegie => "Regie nemen",
        Action::AssignRegie => "Regisseur toewijzen",
        Action::HandOnRegie => "Regie overdragen",
        Action::RegieOffers => "Regie-aanbod",
        Action::EscalateCase => "Opschalen",
        Action::CloseCase => "Traject afsluiten",
        Action::OpenPlan => "Plan",
        Action::EarlierVersion => "Eerdere versie",
        Action::LaterVersion => "Latere versie",
        Action::RecordGesprek => "Gesprek",
        Action::AnswerPlan => "Akkoord",
        Action::PrintPlan => "Afdrukken",
        Action::EditPlan => "Plan wijzigen",
        Action::EvaluatePlan => "Evalueren",
        Action::DecideTask => "Besluit",
        Action::NextLine => "Volgende regel",
        Action::PreviousLine => "Vorige regel",
        Action::HandOverLine => "Overdracht",
        Action::AddPlanRow => "Toevoegen",
        Action::RemovePlanRow => "Weghalen",
        Action::ReportService => "Klopt niet",
        Action::EditService => "Bewerken",
        Action::NewService => "Nieuw",
        Action::EditRecord => "Organisatie/locatie",
        Action::VerifyService => "Gecontroleerd",
        Action::Worklist => "Controleren",
        Action::ResolveReport => "Afhandelen",
        Action::ClaimItem => "Oppakken",
        Action::ReleaseItem => "Terugleggen",
        Action::ForwardItem => "Doorsturen",
        Action::HandOverOutside => "Extern overdragen",
        Action::AppointmentItem => "Afspraak",
        Action::ContactItem => "Contactpoging",
        Action::CloseItem => "Afronden",
        Action::Yes => "Ja",
        Action::No => "Nee",
        _ => "",
    }
}

/// What an action does in `context`, for the help overlay: a key can mean more on one screen.
pub fn describe_in(context: super::keymap::Context, action: Action) -> &'static str {
    match (context, action) {
        (super::keymap::Context::Wachtrij, Action::FocusSearch) => {
            "Filteren op team, wijk en status (typen filtert meteen)"
        }
        (super::keymap::Context::Planformulier, Action::Save) => {
            "Het plan opslaan (na een antwoord wordt het een nieuwe versie)"
        }
        (super::keymap::Context::Planformulier, Action::Choose) => {
            "Op Wie: de bovenste dienst van de kaart kiezen; elders: volgend veld"
        }
        _ => describe(action),
    }
}

/// What an action does, for the help overlay.
pub fn describe(action: Action) -> &'static str {
    match action {
        Action::Help => "Deze hulp tonen of sluiten",
        Action::Kaart => "Naar de sociale kaart",
        Action::Lock => "Scherm vergrendelen (bij weglopen)",
        Action::Quit => "Loket afsluiten",
        Action::Back => "Terug / sluiten",
        Action::Up => "Omhoog",
        Action::Down => "Omlaag",
        Action::PageUp => "Een pagina omhoog",
        Action::PageDown => "Een pagina omlaag",
        Action::First => "Naar het begin",
        Action::Last => "Naar het eind",
        Action::NextField => "Volgend veld",
        Action::PreviousField => "Vorig veld",
        Action::Submit => "Bevestigen",
        Action::Toggle => "Aan/uit of volgende keuze",
        Action::ToggleBack => "Vorige keuze",
        Action::Choose => {
            "Dienst kiezen: aan het advies van de open intake toevoegen, anders details tonen"
        }
        Action::NewIntake => "Naar de intake (nieuwe vraag registreren)",
        Action::Queue => "Naar de wachtrij",
        Action::OpenItem => "Item openen: overdrachtsnotitie, intake en geschiedenis",
        Action::Report => "Naar de rapportage (anonieme cijfers)",
        Action::NextView => "Volgend overzicht",
        Action::PreviousView => "Vorig overzicht",
        Action::NextPeriod => "Andere periode: deze maand, vorige maand, vorig kwartaal",
        Action::CustomPeriod => "Een eigen periode kiezen (van – tot en met)",
        Action::MarkItem => "Item markeren (om er meer tegelijk toe te wijzen)",
        Action::ReassignItems => {
            "Gemarkeerde items (of dit item) toewijzen aan een medewerker (coördinator)"
        }
        Action::ReportService => {
            "Klopt niet meer: meld aan de beheerder wat er aan deze dienst niet klopt"
        }
        Action::EditService => "Deze dienst bewerken (beheerder)",
        Action::NewService => "Een nieuwe dienst op de kaart zetten (beheerder)",
        Action::EditRecord => {
            "Op de rij Organisatie of Locatie: die bewerken, of een nieuwe toevoegen"
        }
        Action::VerifyService => "Gecontroleerd vandaag: de gegevens kloppen (beheerder)",
        Action::Worklist => "Naar de werklijst Te controleren (beheerder)",
        Action::ResolveReport => "De melding bij deze dienst afhandelen",
        Action::TakeRegie => "Regisseur worden van dit huishouden (medewerker van het regieteam)",
        Action::AssignRegie => {
            "Een medewerker van het regieteam regisseur maken van dit huishouden (coördinator)"
        }
        Action::HandOnRegie => "De regie overdragen aan een collega, met een reden (regisseur)",
        Action::RegieOffers => "Regie die een collega je aanbiedt aanvaarden of weigeren",
        Action::EscalateCase => "Opschalen naar het Expertiseteam, met een reden (regisseur)",
        Action::CloseCase => "Het traject van dit huishouden afsluiten, met een reden (regisseur)",
        Action::OpenPlan => {
            "Gesprekken en plan van aanpak van dit huishouden (regisseur, team, meelezers)"
        }
        Action::EarlierVersion => "Een eerdere versie van het plan tonen",
        Action::LaterVersion => "Een latere versie van het plan tonen",
        Action::RecordGesprek => "Een gesprek met de inwoner vastleggen (regisseur)",
        Action::AnswerPlan => {
            "Akkoord of geen akkoord op de nieuwste versie vastleggen (regisseur)"
        }
        Action::EditPlan => "Het plan maken of wijzigen (regisseur)",
        Action::EvaluatePlan => {
            "Het plan evalueren: uitkomst per resultaat en doorgaan, bijstellen, opschalen of \
             afsluiten (regisseur)"
        }
        Action::DecideTask => {
            "Het besluit op een open beschikking vastleggen (bij meer dan één eerst kiezen welke): \
             toegekend of afgewezen, datum en kenmerk (regisseur)"
        }
        Action::NextLine | Action::PreviousLine => {
            "De volgende of vorige regel van het arrangement kiezen"
        }
        Action::HandOverLine => {
            "De warme overdracht van de gekozen regel vastleggen: aan wie, wanneer, wat de inwoner \
             daar wil bereiken en of de inwoner is gestart (regisseur)"
        }
        Action::AddPlanRow => "Een stap, regel of afspraak toevoegen waar de cursor staat",
        Action::RemovePlanRow => "De stap, regel of afspraak waar de cursor staat weghalen",
        Action::PrintPlan => {
            "Het plan voor de inwoner als PDF in de map voor plannen zetten ([plan] map)"
        }
        Action::ShareCase => {
            "Een collega laten meelezen met het dossier van dit huishouden (alleen de regisseur)"
        }
        Action::ClaimItem => "Item oppakken (jij gaat ermee aan de slag)",
        Action::ReleaseItem => "Item terugleggen bij het team, met een notitie",
        Action::ForwardItem => "Item doorsturen naar een ander team, met een notitie",
        Action::HandOverOutside => {
            "Warm overdragen aan een instantie buiten de gemeente (Veilig Thuis, huisarts): \
             vastleggen wat is doorgegeven"
        }
        Action::AppointmentItem => "Afspraak vastleggen",
        Action::ContactItem => "Contactpoging vastleggen (bereikt of niet)",
        Action::CloseItem => "Item afronden met de uitkomst",
        Action::Save => "Intake opslaan (en overdragen als de route dat vraagt)",
        Action::MyContacts => "Mijn contacten van de laatste dagen: openen om te verbeteren",
        Action::ToggleQuestions => {
            "Gesprekshulp: de vragen bij de gekozen leefgebieden en eigen kracht (en terug)"
        }
        Action::NextQuestion => {
            "Nog een vraag in dit contact (bijv. voor een ander gezinslid); Ctrl-S slaat alles op"
        }
        Action::AnswerYes => "Antwoord ja",
        Action::AnswerNo => "Antwoord nee",
        Action::AnswerUnknown => "Weet niet (nog niet duidelijk)",
        Action::AnswerSkip => "Vraag overslaan",
        Action::RemoveAdvice => "Deze dienst uit het advies halen",
        Action::NextError => "Naar het volgende veld dat nog niet klopt",
        Action::FocusSearch => "Naar de zoekregel",
        Action::ToggleDetail => "Alle details van de dienst tonen of verbergen",
        Action::CopyContact => "Contactgegevens kopiëren",
        Action::OpenFilters => "Filters kiezen",
        Action::ClearFilters => "Alle filters wissen",
        Action::SwitchUser => "Wissel gebruiker (meldt de huidige gebruiker af)",
        Action::OpenDemo => {
            "Rondkijken met demo-gegevens, in een aparte demodatabase (deze database blijft leeg)"
        }
        Action::Yes => "Ja",
        Action::No => "Nee",
        Action::JumpRoute => "Naar de route",
        Action::JumpNote => "Naar de overdrachtsnotitie",
        Action::DeleteLeft => "Teken links wissen",
        Action::DeleteRight => "Teken rechts wissen",
        Action::CursorLeft => "Cursor naar links",
        Action::CursorRight => "Cursor naar rechts",
        Action::CursorStart => "Cursor naar het begin",
        Action::CursorEnd => "Cursor naar het eind",
        Action::ClearField => "Veld leegmaken",
        Action::Insert(_) => HELP_TYPING,
    }
}

pub const WEEKDAYS: [&str; 7] = ["ma", "di", "wo", "do", "vr", "za", "zo"];
pub const DETAIL_PHONE: &str = "Telefoon";
pub const DETAIL_HOURS_NEXT_DAYS: &str = "Openingstijden komende 7 dagen";
pub const DETAIL_TODAY: &str = "Vandaag";
pub const CLOSED: &str = "gesloten";
pub const DAY_AND_NIGHT: &str = "dag en nacht open";
pub const HOURS_NOT_PER_ADDRESS: &str =
    "Openingstijden niet per adres bekend: vraag na welk adres wanneer open is.";
pub const DETAIL_FOR_WHOM: &str = "Voor wie";
pub const DETAIL_AGE: &str = "Leeftijd";
pub const DETAIL_COST: &str = "Kosten";
pub const DETAIL_APPLY: &str = "Aanmelden";
pub const DETAIL_REFERRAL_NEEDED: &str = "verwijzing of indicatie nodig";
pub const DETAIL_NO_REFERRAL: &str = "zonder verwijzing";
pub const DETAIL_WEBSITE: &str = "Website";
pub const DETAIL_EMAIL: &str = "E-mail";
pub const DETAIL_VERIFIED: &str = "Gecontroleerd";
pub const DETAIL_STALE: &str = "langer dan een jaar niet gecontroleerd: check de gegevens";
pub const DETAIL_NEVER_VERIFIED: &str = "nooit gecontroleerd: check de gegevens";
pub const DETAIL_NO_HOURS: &str = "geen openingstijden bekend";
pub const DETAIL_FREE: &str = "gratis";

pub fn open_until(time: &str) -> String {
    format!("nu open, sluit om {time}")
}

pub fn closed_opens(when: &str) -> String {
    format!("nu gesloten, opent {when}")
}

pub const CLOSED_NO_NEXT: &str = "nu gesloten";

pub fn age_range(min: Option<u8>, max: Option<u8>) -> Option<String> {
    match (min, max) {
        (None, None) => None,
        (Some(min), None) => Some(format!("vanaf {min} jaar")),
        (None, Some(max)) => Some(format!("tot en met {max} jaar")),
        (Some(min), Some(max)) => Some(format!("{min} tot en met {max} jaar")),
    }
}

/// Short name of a laag for narrow lists.
pub fn laag_short(laag: crate::domain::Laag) -> &'static str {
    use crate::domain::Laag;
    match laag {
        Laag::EigenKracht => "eigen kracht",
        Laag::SociaalNetwerk => "netwerk",
        Laag::Algemeen => "algemeen",
        Laag::Collectief => "collectief",
        Laag::Maatwerk => "maatwerk",
    }
}

pub const KAART_LOCKED_HEADER: &str = "vergrendeld";

pub const INTAKE_TITLE: &str = "Intake";
pub const HOUSEHOLD_SEARCH: &str =
    "Zoek huishouden: naam met postcode of huisnummer, of een heel telefoonnummer";
pub const HOUSEHOLD_NEW: &str = "nieuw (nog niet gekoppeld) · Spatie: zoeken";
pub const HOUSEHOLD_NONE_FOUND: &str = "Geen huishouden gevonden.";
pub const PICK_ADVICE: &str = "Kies diensten voor het advies.";
pub const ERROR_SAVE: &str =
    "Opslaan is niet gelukt. Alles wat je typte staat er nog; probeer het opnieuw.";
pub const MY_CONTACTS_TITLE: &str = "Mijn contacten (laatste 7 dagen)";
pub const DRAFT_TITLE: &str = "Onafgemaakte intake";
pub const MY_CONTACTS_EMPTY: &str = "Vandaag nog geen intakes.";
pub const ACUTE_BANNER: &str = "⚠ ACUTE ONVEILIGHEID · direct gevaar: bel 112 · Veilig Thuis 0800-2000 · 113 Zelfmoordpreventie 0800-0113 · overdracht met spoed";
pub const ROUTE_ADVICE: &str = "Route-advies";
pub const ROUTE_FOLLOW: &str = "volg het advies";
pub const ROUTE_TO_REGISSEUR: &str = "naar de regisseur";
pub const ROUTE_ADVICE_CONTACT: &str = "Route-advies (alle vragen samen)";
pub const POSTCODE_OUTSIDE: &str = "ligt niet in de gemeente: kies het team bij Route";
pub const DANGER_ASK: &str = "Is er nu direct gevaar? Beantwoord het bij ‘Nu direct gevaar?’.";
pub const CALLED_112: &str = "112 gebeld";
pub const CALLED_VEILIG_THUIS: &str = "Veilig Thuis gebeld (0800-2000)";
pub const DIGITAL_APPLICATION: &str = "samen digitaal aangevraagd aan de balie (direct)";

/// The desk's answer to "Is er nu direct gevaar?".
pub fn gevaar_name(answer: crate::domain::intake::Gevaar) -> &'static str {
    use crate::domain::intake::Gevaar;
    match answer {
        Gevaar::NietGevraagd => "nog niet beantwoord: ja of nee",
        Gevaar::Ja => "ja: spoed",
        Gevaar::Nee => "nee, geen direct gevaar",
    }
}

/// Who directs a linked household's lopend traject and how to reach the team; never what the
/// case holds.
pub fn regie_line(team: &str, regisseur: Option<&str>, reach: Option<&str>) -> String {
    let who = match regisseur {
        Some(name) => format!("regisseur {name}"),
        None => "nog geen regisseur".to_string(),
    };
    match reach {
        Some(reach) => format!("Regie: {team} · {who} · bereikbaar via {reach}"),
        None => format!("Regie: {team} · {who}"),
    }
}
pub const URGENCY_FORCED: &str = "spoed (verplicht bij acute onveiligheid)";
pub const ADD_ADVICE: &str = "+ dienst toevoegen uit de sociale kaart";
pub const YES: &str = "ja";
pub const OR: &str = "of";

/// The status line when letters are typed on a field that is set, not typed.
pub fn not_a_text_field(kind: super::form::FieldKind, keys: &str) -> String {
    use super::form::FieldKind;
    match kind {
        FieldKind::Choice => format!("Dit veld is een keuze: {keys}. Typen verandert niets."),
        FieldKind::Checkbox => format!("Dit veld is een vinkje: {keys}. Typen verandert niets."),
        FieldKind::Opens => format!("Dit veld opent een lijst: {keys}. Typen verandert niets."),
    }
}
pub const NO: &str = "nee";

pub fn added_to_advice(name: &str) -> String {
    format!("Toegevoegd aan het advies: {name}. F3 terug naar de intake.")
}

pub fn already_in_advice(name: &str) -> String {
    format!("Al toegevoegd aan het advies: {name}. F3 terug naar de intake.")
}

/// F3 after a search: the kaart's question is in *Vraag*; ◀ marks the leefgebieden it suggests.
pub const QUESTION_CARRIED: &str =
    "Vraag overgenomen van de kaart; ◀ staat bij de leefgebieden die erbij passen.";

pub const ROUTE_PICK_TITLE: &str = "Route kiezen · typ om te filteren";
pub const SUGGESTED_MARK: &str = "◀ past bij de vraag";

/// After a refused save; `next` is the key to the next wrong field.
pub fn not_saved(errors: usize, next: Option<super::keymap::Key>) -> String {
    match (errors, next) {
        (1, _) => "Niet opgeslagen: één veld klopt nog niet (zie de melding in het formulier)."
            .to_string(),
        (n, Some(key)) => format!(
            "Niet opgeslagen: {n} velden kloppen nog niet. {key}: naar het volgende veld met een melding."
        ),
        (n, None) => format!(
            "Niet opgeslagen: {n} velden kloppen nog niet (zie de meldingen in het formulier)."
        ),
    }
}

pub fn saved(route: &str) -> String {
    format!("Intake opgeslagen · {route}.")
}

/// For a handover, what the desk tells the resident: "Sociaal Team De Weide: u wordt vóór
/// vr 11-12 gebeld".
pub fn called_by(team: &str, before: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let day = WEEKDAYS[before.weekday().num_days_from_monday() as usize];
    format!(
        "{team}: u wordt vóór {day} {} gebeld",
        before.format("%d-%m")
    )
}

pub fn draft_found(saved_at: &str) -> String {
    format!(
        "Er is een onafgemaakte intake van {saved_at}. Verder gaan? Met Esc blijft hij bewaard voor later."
    )
}

pub const DRAFT_DISCARD_TITLE: &str = "Echt weggooien?";

pub fn draft_discard(saved_at: &str) -> String {
    format!(
        "Echt weggooien? De onafgemaakte intake van {saved_at} is daarna weg en komt niet terug."
    )
}

pub const DRAFT_KEPT: &str = "De onafgemaakte intake blijft bewaard; F3 biedt hem opnieuw aan.";
pub const DRAFT_DISCARDED: &str = "Onafgemaakte intake weggegooid.";

/// An open track of a household, without its content: to whom, since when.
pub fn open_track(team: &str, since: &str) -> String {
    format!("⚠ Lopend traject: {team}, sinds {since} — start geen tweede traject")
}

pub fn households_known(found: usize) -> String {
    if found == 1 {
        "⚠ 1 bekend huishouden past hierbij · Spatie: bekijken en koppelen".to_string()
    } else {
        format!("⚠ {found} bekende huishoudens passen hierbij · Spatie: bekijken en koppelen")
    }
}

pub const QUEUE_TITLE: &str = "Wachtrij";
pub const QUEUE_EMPTY: &str = "Geen items in deze lijst.";
pub const QUEUE_HEADER: [&str; 9] = [
    "Wacht", "Urgentie", "Type", "Team", "Wijk", "Status", "Bij", "Termijn", "Plan",
];
pub const LABEL_MOMENT: &str = "Afspraak (D-M-JJJJ UU:MM)";
pub const LABEL_NOTE: &str = "Notitie";
pub const REACHED: &str = "bereikt";
pub const NOT_REACHED: &str = "niet bereikt";
pub const CHOOSE_TARGET: &str = "Kies naar welk team het item gaat.";

pub fn appointment_in_past(at: &str) -> String {
    format!(
        "{at} ligt in het verleden. Klopt dat? Enter legt de afspraak toch vast; verbeter anders de datum."
    )
}
pub const NO_ACCESS: &str = "Je hebt geen toegang tot dit dossier.";
pub const NO_CONSENT: &str =
    "(geen toestemming om meer te delen: adres en geboortejaar niet gedeeld)";
/// Under *Toestemming delen* on the intake form: what the answer means.
pub const CONSENT_MEANS: &str = "Naam, telefoon en e-mail gaan altijd mee; bij ja ook adres, \
     geboortejaar, eerdere vragen en meelezen.";
pub const DETAIL_NOTE: &str = "Overdrachtsnotitie";
pub const DETAIL_QUESTION: &str = "Vraag";
pub const DETAIL_RESIDENT: &str = "Inwoner";
pub const DETAIL_HISTORY: &str = "Geschiedenis";
pub const OVERDUE_MARK: &str = "⚠";
pub const WMO_TERM: &str = "Wmo-onderzoek uiterlijk";
pub const DETAIL_DOMAINS: &str = "Leefgebieden";
pub const DETAIL_COMPLEXITY: &str = "complexiteit";
pub const DETAIL_SIGNS: &str = "Signalen";
pub const DETAIL_ROUTE: &str = "Route";
pub const DETAIL_ADVICE: &str = "Advies gegeven";
pub const DETAIL_ANSWERS: &str = "Gesprekshulp";

/// "opgepakt · normaal · eerste contact uiterlijk 11-12-2026" (with ⚠ te laat when late).
pub fn item_term(state: &str, urgentie: &str, step: &str, due: &str, late: bool) -> String {
    let late = if late { " · ⚠ te laat" } else { "" };
    format!("{state} · {urgentie} · {step} uiterlijk {due}{late}")
}

pub fn appointment_on(when: &str) -> String {
    format!("Afspraak op {when}")
}

pub fn on_behalf_of(relation: &str) -> String {
    format!("belt namens: {relation}")
}

pub fn born_in(year: &str) -> String {
    format!("geboren {year}")
}

/// The route advice as the desk saw it; its why already names the route ("meervoudig en
/// complex → Sociaal Team De Weide").
pub fn route_advised(route: &str, why: &str) -> String {
    if why.trim().is_empty() {
        format!("advies: {route}")
    } else {
        format!("advies: {why}")
    }
}

pub fn route_chosen(route: &str, reason: &str) -> String {
    format!("gekozen: {route}, want: {reason}")
}

pub fn attempts(count: u32) -> String {
    match count {
        1 => "1 contactpoging".to_string(),
        n => format!("{n} contactpogingen"),
    }
}

/// The signs the desk ticked, as the form names them.
pub fn signal_names(signalen: &crate::domain::intake::Signalen) -> Vec<&'static str> {
    [
        (signalen.acute_onveiligheid, "acute onveiligheid"),
        (signalen.veel_geprobeerd, "veel al geprobeerd"),
        (signalen.overlast, "overlast"),
        (
            signalen.dreigende_huisuitzetting,
            "dreigende huisuitzetting",
        ),
        (signalen.dakloos, "dakloos"),
        (signalen.na_detentie, "na detentie"),
        (signalen.zorgmijding, "vraagt zelf geen hulp"),
    ]
    .into_iter()
    .filter_map(|(set, name)| set.then_some(name))
    .collect()
}

pub fn answer_name(answer: crate::domain::gesprekshulp::Answer) -> &'static str {
    use crate::domain::gesprekshulp::Answer;
    match answer {
        Answer::Ja => "ja",
        Answer::Nee => "nee",
        Answer::WeetNiet => "weet niet",
        Answer::Overgeslagen => "overgeslagen",
    }
}

/// What the first row of a prompt chooses.
pub fn choice_label(kind: super::queue_screen::PromptKind) -> &'static str {
    use super::queue_screen::PromptKind;
    match kind {
        PromptKind::Forward => "Naar team",
        PromptKind::HandOverOutside => LABEL_OUTSIDE,
        PromptKind::ContactAttempt => "Bereikt?",
        PromptKind::Close => "Uitkomst",
        PromptKind::AnswerOffer => LABEL_OFFER,
        _ => "Keuze",
    }
}

pub const LABEL_ASSIGNEE: &str = "Toewijzen aan";
pub const NAME_ASSIGNEE: &str =
    "Kies een medewerker van het team uit de lijst (typ een deel van de naam).";
pub const LABEL_COLLEAGUE: &str = "Collega die meeleest";
pub const NAME_COLLEAGUE: &str = "Kies een collega uit de lijst (typ een deel van de naam).";
pub const LABEL_TEAM: &str = "Naar team";

pub fn claimed_by(name: &str) -> String {
    format!("Al opgepakt door {name}")
}

pub fn held_by(name: &str) -> String {
    format!("Opgepakt door {name}; alleen die kan dit nu doen")
}

/// The title of the assign dialog: every item it gives away.
pub fn reassign_title(ids: &[i64]) -> String {
    let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
    match ids.len() {
        1 => format!("Toewijzen · item {}", ids[0]),
        n => format!("Toewijzen · {n} items ({})", ids.join(", ")),
    }
}
pub const PICKER_EMPTY: &str = "(niemand of niets past hierbij)";

/// Who reads along with the case, and whether the viewer is one of them: "Je leest mee
/// (gedeeld door Bram Bakker)" or "Leest mee: Omar Ouali".
pub fn reading_along(detail: &crate::store::QueueDetail) -> Option<String> {
    if detail.grant == crate::domain::policy::Grant::Shared {
        let mut by: Vec<&str> = detail
            .readers
            .iter()
            .map(|r| r.granted_by.as_str())
            .collect();
        by.sort_unstable();
        by.dedup();
        return Some(format!("Je leest mee (gedeeld door {})", by.join(", ")));
    }
    let names: Vec<&str> = detail.readers.iter().map(|r| r.name.as_str()).collect();
    (!names.is_empty()).then(|| format!("Leest mee: {}", names.join(", ")))
}

pub fn shared_with(name: &str) -> String {
    format!("{name} leest nu mee met dit dossier.")
}

pub fn reassigned(done: &[i64], refused: &[String]) -> String {
    let done: Vec<String> = done.iter().map(|id| id.to_string()).collect();
    let mut text = if done.is_empty() {
        "Niets toegewezen".to_string()
    } else {
        format!("Toegewezen: item {}", done.join(", "))
    };
    if !refused.is_empty() {
        text.push_str(&format!(" · niet gelukt: {}", refused.join("; ")));
    }
    text
}

pub fn prompt_title(kind: super::queue_screen::PromptKind, item: i64) -> String {
    use super::queue_screen::PromptKind;
    let what = match kind {
        PromptKind::Claim => "Oppakken",
        PromptKind::Release => "Terugleggen",
        PromptKind::Forward => "Doorsturen",
        PromptKind::HandOverOutside => "Warm overdragen buiten de gemeente",
        PromptKind::Appointment => "Afspraak",
        PromptKind::ContactAttempt => "Contactpoging",
        PromptKind::Close => "Afronden",
        PromptKind::Reassign => "Toewijzen",
        PromptKind::Share => "Meelezen",
        PromptKind::AssignRegie => "Regisseur toewijzen",
        PromptKind::HandOnRegie => "Regie overdragen",
        PromptKind::AnswerOffer => return "Regie aangeboden".to_string(),
        PromptKind::Escalate => "Opschalen naar het Expertiseteam",
        PromptKind::CloseCase => "Traject afsluiten",
    };
    format!("{what} · item {item}")
}

pub fn queue_done(action: &str, item: i64) -> String {
    format!("Item {item}: {action}.")
}

/// How long an item has waited, short: "35 min", "4 u", "3 d".
pub fn waited(minutes: i64) -> String {
    match minutes {
        m if m < 60 => format!("{} min", m.max(0)),
        m if m < 24 * 60 => format!("{} u", m / 60),
        m => format!("{} d", m / (24 * 60)),
    }
}
/// After the item keys in a narrow key bar (their meaning is in F1).
pub const ITEM_KEYS: &str = "item";
pub const LABEL_FILTER: &str = "Filter (team, wijk, status)";
pub const CONFIRM_CLAIM: &str = "Dit item oppakken? Je wordt er verantwoordelijk voor.";

/// Short name of a queue item's kind for the table.
pub fn kind_short(kind: crate::domain::queue::QueueKind) -> &'static str {
    match kind {
        crate::domain::queue::QueueKind::Doorverwijzing => "verwijz.",
        crate::domain::queue::QueueKind::Terugbelverzoek => "terugbel",
    }
}

pub const DEMO_HEADER: &str = "DEMO";
pub const DEMO_TITLE: &str = "Rondkijken met demo-gegevens";
pub const ERROR_DEMO_FAILED: &str =
    "De demodatabase kon niet worden geopend. De melding staat in loket.log.";

/// The welcome screen's intro, with the key that opens the demo database.
pub fn first_run_intro(demo_key: Option<&str>) -> String {
    match demo_key {
        Some(key) => format!(
            "{FIRST_RUN_INTRO} Eerst rondkijken met verzonnen gegevens? Druk {key}: dat opent \
             een aparte demodatabase, en deze database blijft leeg."
        ),
        None => FIRST_RUN_INTRO.to_string(),
    }
}

/// The question before the demo database is opened: what it holds, and that the demo
/// accounts' PIN is public.
pub fn demo_offer(file: &str) -> String {
    format!(
        "Eerst rondkijken? Loket opent dan een aparte demodatabase, {file}, met verzonnen \
         intakes en wachtrij van \
         {} dagen en {} demo-accounts die allemaal de openbare pincode {} hebben. Deze database \
         blijft leeg; demo-accounts werken hier niet.",
        crate::demo::FIRST_START_DAYS,
        crate::demo::ACCOUNT_COUNT,
        crate::demo::DEMO_PIN
    )
}

/// The sign-in screen of a demo database.
pub fn demo_sign_in_intro(file: &str) -> String {
    format!(
        "DEMODATABASE {file}: alles hierin is verzonnen. Meld je aan met een demo-account en \
         pincode {}, bijvoorbeeld Demo Anna (STIP) als vrijwilliger, Demo Esra (Loket) als \
         medewerker, Demo Olaf (coördinator) of Demo Bea (beheerder). Je eigen database opent \
         weer als je Loket opnieuw start.",
        crate::demo::DEMO_PIN
    )
}

pub fn vocabulary_not_used(path: &str, error: &str) -> String {
    format!("Zoekwoordenlijst {path} niet gebruikt: {error}")
}
pub fn keymap_not_used(path: &str, error: &str) -> String {
    format!("Toetsenlijst {path} niet gebruikt, de standaardtoetsen gelden: {error}")
}
pub const KAART_NOT_REFRESHED: &str =
    "De sociale kaart kon niet worden bijgewerkt; je zoekt in de vorige versie.";
pub const KAART_BUILD_STOPPED: &str = "het opbouwen van de zoekindex is afgebroken";

// Kaart beheer: the service form, the worklist and desk reports.
pub const EDIT_NAME: &str = "Naam";
pub const EDIT_ORGANIZATION: &str = "Organisatie";
pub const EDIT_LOCATION: &str = "Locatie";
pub const EDIT_DESCRIPTION: &str = "Omschrijving";
pub const EDIT_PHONES: &str = "Telefoon (;)";
pub const EDIT_EMAIL: &str = "E-mail";
pub const EDIT_WEBSITE: &str = "Website";
pub const EDIT_MIN_AGE: &str = "Leeftijd vanaf";
pub const EDIT_MAX_AGE: &str = "Leeftijd tot en met";
pub const EDIT_KEYWORDS: &str = "Trefwoorden (,)";
pub const EDIT_LEEFGEBIEDEN: &str = "Leefgebieden";
pub const EDIT_LAAG: &str = "Laag";
pub const EDIT_FREE: &str = "Gratis";
pub const EDIT_REFERRAL: &str = "Verwijzing nodig";
pub const EDIT_STATUS: &str = "Status";
pub const EDIT_ACTIVE: &str = "actief (in de zoekresultaten)";
pub const EDIT_INACTIVE: &str = "inactief (blijft bewaard, niet meer gevonden)";
pub const EDIT_NEW_TITLE: &str = "Nieuwe dienst";
pub const EDIT_HINT: &str = "Tab/↑↓: veld · Spatie: kiezen · Ctrl-S: opslaan · Esc: terug. Tijden als 09:00-12:00, 13:00-17:00; leeg is gesloten.";
pub const WEEKDAY_NAMES: [&str; 7] = [
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
];
pub const UNKNOWN_ORGANIZATION: &str =
    "Deze organisatie staat niet op de kaart; typ de naam zoals op de kaart.";
pub const UNKNOWN_LOCATION: &str =
    "Deze locatie staat niet op de kaart; typ de naam zoals op de kaart.";
pub const BAD_AGE: &str = "Een leeftijd is een getal van 0 tot 120.";
/// After a refused save of a service; `next` is the key to the next wrong field.
pub fn edit_not_saved(problems: usize, next: Option<super::keymap::Key>) -> String {
    match next {
        Some(key) if problems > 1 => format!(
            "Niet opgeslagen: {problems} meldingen. {key}: naar het volgende veld met een melding."
        ),
        _ => "Niet opgeslagen: verbeter de velden met een melding.".to_string(),
    }
}
pub const CONFIRM_DISCARD_EDIT: &str =
    "De wijzigingen aan deze dienst zijn niet opgeslagen. Weggooien?";
pub const NO_SERVICE_SELECTED: &str = "Kies eerst een dienst in de lijst.";
pub const REPORT_SERVICE_TITLE: &str = "Klopt niet meer";
pub const REPORT_LABEL: &str = "Wat klopt er niet?";
pub const REPORT_EMPTY: &str =
    "Typ kort wat er niet klopt, bijvoorbeeld het nieuwe telefoonnummer.";
pub const RESOLVE_TITLE: &str = "Melding afhandelen";
pub const RESOLVE_LABEL: &str = "Wat is er gedaan?";
pub const WORKLIST_TITLE: &str = "Te controleren";
pub const WORKLIST_EMPTY: &str = "Niets te controleren: de kaart is bij.";

pub fn edit_title(name: &str) -> String {
    format!("Dienst bewerken: {name}")
}

pub fn service_saved(name: &str) -> String {
    format!("Opgeslagen: {name}. Elke balie ziet het binnen een paar tellen.")
}

pub fn service_verified(name: &str) -> String {
    format!("{name}: vandaag gecontroleerd.")
}

pub fn report_saved(name: &str) -> String {
    format!("Melding over {name} doorgegeven aan de beheerder. Dank je!")
}

pub fn report_resolved(name: &str) -> String {
    format!("Melding over {name} afgehandeld.")
}
pub const NO_OPEN_REPORT: &str = "Bij deze dienst staat geen melding open.";
pub const EDIT_HEADER: &str = "Kaart beheren";
pub const REPORT_INTRO: &str =
    "Kort en zonder gegevens van inwoners: wat klopt er niet aan deze dienst?";
pub const EDIT_STREET: &str = "Straat en huisnummer";
pub const EDIT_POSTCODE: &str = "Postcode";
pub const EDIT_CITY: &str = "Plaats";
pub const EDIT_WIJK: &str = "Wijk";
pub const NEW_ORGANIZATION: &str = "Nieuwe organisatie";
pub const EDIT_ORGANIZATION_TITLE: &str = "Organisatie bewerken";
pub const NEW_LOCATION: &str = "Nieuwe locatie";
pub const EDIT_LOCATION_TITLE: &str = "Locatie bewerken";
pub const RECORD_INTRO: &str = "Enter: opslaan · Tab: volgend veld · Esc: terug zonder opslaan. Wijzigingen gelden voor elke dienst hier.";

pub fn record_saved(name: &str) -> String {
    format!("Opgeslagen: {name}.")
}
pub const EDIT_HISTORY: &str = "Eerdere wijzigingen";
pub const QUESTIONS_TITLE: &str = "Gesprekshulp";
pub const QUESTIONS_NONE: &str = "Kies eerst een of meer leefgebieden: dan staan hier hun vragen.";
pub const QUESTIONS_HINT: &str = "Ctrl-V: gesprekshulp, vragen bij de gekozen leefgebieden";
pub const OWN_STRENGTH_FIRST: &str = "Eigen kracht eerst: onderste lagen van de piramide bovenaan.";

/// The panel's last line: what is kept of the answers (data minimisation, said on screen).
pub fn questions_kept(kept: usize) -> String {
    match kept {
        0 => "⚑ telt mee voor de route: een ja daarop wordt bewaard, de rest niet.".to_string(),
        1 => "⚑ 1 ja telt mee voor de route en wordt bewaard; de rest niet.".to_string(),
        n => format!("⚑ {n} keer ja telt mee voor de route en wordt bewaard; de rest niet."),
    }
}

pub fn questions_not_used(problem: &str) -> String {
    format!("Vragenlijst niet gebruikt, de ingebouwde geldt: {problem}")
}
pub const NO_NEXT_WHILE_CORRECTING: &str =
    "Bij het verbeteren van een opgeslagen intake kan er geen vraag bij; sla eerst op.";

pub fn question_finished(number: usize, route: &str) -> String {
    format!("Vraag {number} klaar ({route}). Typ de volgende vraag; Ctrl-S slaat alles samen op.")
}

/// The title of the intake form when earlier questions of the contact wait to be saved.
pub fn contact_title(number: usize, earlier_routes: &str) -> String {
    format!("Intake · vraag {number} van dit contact · eerder: {earlier_routes}")
}

// What the keys in a hint do ("Enter: opslaan · Esc: terug"); the keys come from the keymap
// (see `tui::hint`).
pub const HINT_SCROLL: &str = "scrollen";
pub const HINT_BACK: &str = "terug";
pub const HINT_KEEP: &str = "houden";
pub const HINT_CLEAR: &str = "wissen";
pub const HINT_SAVE: &str = "opslaan";
pub const HINT_TYPE_TO_SEARCH: &str = "typ om te zoeken";
pub const HINT_CHOOSE: &str = "kiezen";
pub const HINT_NOTE: &str = "notitie";
pub const HINT_YES: &str = "ja";
pub const HINT_NO: &str = "nee";
pub const HINT_UNKNOWN: &str = "weet niet";
pub const HINT_SKIP: &str = "overslaan";
pub const HINT_TO_FORM: &str = "terug naar het formulier";
pub const HINT_TOGGLE_VALUE: &str = "aan/uit of volgende waarde";
pub const HINT_AGE_DIGITS: &str = "cijfers voor leeftijd";
pub const HINT_APPLY: &str = "toepassen";
pub const HINT_ALL_OFF: &str = "alles uit";
pub const HINT_ADD: &str = "toevoegen";
pub const HINT_TO_INTAKE: &str = "terug naar de intake";
