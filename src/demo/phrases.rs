//! The words of the demo: residents' questions, names and the notes of a queue item's history.

/// Per leefgebied: how often it is the main question, and a few questions in a resident's
/// words.
pub(super) const QUESTIONS: [(&str, u32, &[&str]); 10] = [
    (
        "werk-inkomen",
        12,
        &[
            "Ik ben mijn baan kwijt en weet niet hoe ik een uitkering aanvraag.",
            "Mijn uitkering is stopgezet en ik begrijp de brief niet.",
            "Kan ik met een laag inkomen een tegemoetkoming voor de zorgverzekering krijgen?",
            "Ik wil graag weer aan het werk, maar ik heb al jaren niet gewerkt.",
        ],
    ),
    (
        "geldzaken-schulden",
        18,
        &[
            "Ik heb betalingsachterstanden en er komen steeds meer aanmaningen.",
            "Er kwam een deurwaarder aan de deur vanwege een oude rekening.",
            "Ik kom elke maand geld tekort voor boodschappen.",
            "Ik snap de brief van de Belastingdienst over de toeslagen niet.",
            "Mijn energierekening is ineens veel hoger en ik kan hem niet betalen.",
        ],
    ),
    (
        "wonen",
        12,
        &[
            "Ik heb een huurachterstand en de verhuurder stuurt brieven.",
            "Er zit al maanden schimmel in mijn huurwoning en de verhuurder doet niets.",
            "Ik zoek woonruimte na mijn scheiding en slaap nu bij een vriendin.",
            "Mijn buren maken elke nacht lawaai, wat kan ik doen?",
        ],
    ),
    (
        "zorg-ondersteuning",
        16,
        &[
            "Mijn moeder kan na haar val niet meer zelf douchen.",
            "Ik heb hulp nodig bij het huishouden sinds mijn operatie.",
            "Kan ik een scootmobiel of een traplift aanvragen?",
            "Mijn vader vergeet steeds meer en woont alleen.",
        ],
    ),
    (
        "gezondheid",
        7,
        &[
            "Ik voel me al weken somber en weet niet bij wie ik terecht kan.",
            "Ik wil minder drinken, maar dat lukt me niet alleen.",
            "Ik heb geen huisarts meer sinds ik verhuisd ben.",
        ],
    ),
    (
        "opvoeden-opgroeien",
        10,
        &[
            "Mijn zoon van veertien gaat niet meer naar school.",
            "Mijn peuter heeft veel driftbuien en ik weet niet hoe ik moet reageren.",
            "Onze dochter wordt gepest en wil niet meer naar buiten.",
            "Ik ben alleenstaande moeder en het wordt me allemaal te veel.",
        ],
    ),
    (
        "meedoen-ontmoeten",
        7,
        &[
            "Sinds het overlijden van mijn man ben ik erg eenzaam.",
            "Ik zoek vrijwilligerswerk hier in de buurt.",
            "Waar kan ik in de wijk andere mensen ontmoeten?",
        ],
    ),
    (
        "veiligheid",
        4,
        &[
            "Mijn partner slaat me en ik durf niet naar huis.",
            "Ik hoor bij de buren vaak geschreeuw en maak me zorgen om de kinderen.",
            "Mijn ex bedreigt me via berichten.",
        ],
    ),
    (
        "taal-digitaal",
        8,
        &[
            "Ik kan de formulieren van de gemeente niet lezen, kunt u helpen?",
            "Ik wil beter Nederlands leren.",
            "Inloggen met DigiD lukt me niet.",
        ],
    ),
    (
        "mantelzorg",
        6,
        &[
            "Ik zorg al jaren voor mijn man en ik ben op.",
            "Is er vervangende zorg zodat ik even op vakantie kan?",
            "Hoe vraag ik de mantelzorgwaardering aan?",
        ],
    ),
];

pub(super) const HANDOVER_NOTES: [&str; 6] = [
    "Inwoner heeft het verhaal aan de balie verteld; bel na 14.00 uur.",
    "Inwoner neemt graag iemand mee naar het gesprek.",
    "Inwoner spreekt beperkt Nederlands; dochter tolkt.",
    "Brieven en bankafschriften zijn bij de inwoner thuis; graag een huisbezoek.",
    "Inwoner is eerder geholpen, maar het is opnieuw misgegaan.",
    "Inwoner is erg onrustig; graag snel contact.",
];

pub(super) const SIGNALLERS: [&str; 5] = [
    "buurman",
    "huisarts",
    "school",
    "wijkagent",
    "woningcorporatie",
];

pub(super) const FIRST_NAMES: [&str; 16] = [
    "Sanne", "Mohamed", "Fleur", "Daan", "Yasmina", "Kevin", "Ingrid", "Bayu", "Joke", "Emre",
    "Priya", "Henk", "Olga", "Sem", "Fatma", "Ruud",
];
pub(super) const LAST_NAMES: [&str; 14] = [
    "de Vries",
    "Jansen",
    "Bakker",
    "El Idrissi",
    "Visser",
    "Yilmaz",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Kowalski",
    "Bos",
    "Vos",
    "Pinas",
];

/// Fictitious pieces of a queue item's history.
pub(super) const NOT_REACHED: &str = "Geen gehoor; voicemail ingesproken.";
pub(super) const REACHED: &str = "Inwoner gesproken en afspraak gemaakt.";
pub(super) const RELEASED: &str = "Past beter bij een collega met meer ervaring in dit onderwerp.";
pub(super) const FORWARDED: &str =
    "Er speelt meer dan dit ene onderwerp; het Sociaal Team pakt het op.";
pub(super) const CALLBACK_REASON: &str =
    "Inwoner belde onder werktijd en wil later teruggebeld worden.";
