//! The intake (contactmoment): a resident's question as registered at the desk, classified and
//! routed. See DESIGN.md, "The way a question travels".

use serde::{Deserialize, Serialize};

use super::Code;
use super::gesprekshulp::GivenAnswer;

/// How the question reached the front office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "kebab-case")]
pub enum Kanaal {
    #[default]
    Telefoon,
    /// At the desk, in person.
    Balie,
    /// Web form or e-mail.
    Digitaal,
    /// A worry reported in writing by others (signaal van derden). Kept for the intakes saved
    /// before [`Melder`] said who reports; a signal by phone or at the desk keeps its kanaal.
    Signaal,
}

impl Code for Kanaal {}
impl Code for Complexiteit {}
impl Code for Urgentie {}

impl Kanaal {
    pub fn name(self) -> &'static str {
        match self {
            Kanaal::Telefoon => "telefoon",
            Kanaal::Balie => "balie",
            Kanaal::Digitaal => "digitaal",
            Kanaal::Signaal => "signaal van derden",
        }
    }

    /// The default for a desk: the KCC answers the phone, a STIP or CJG sees people at the desk.
    pub fn default_for_location(location: &str) -> Kanaal {
        if location.trim().to_uppercase().starts_with("KCC") {
            Kanaal::Telefoon
        } else {
            Kanaal::Balie
        }
    }
}

/// Who brings the question in, apart from how it reached the front office (the [`Kanaal`]):
/// seed 003 §3.2, "De inwoner vraagt zelf ondersteuning of haar/zijn omgeving signaleert dat
/// ondersteuning nodig is", where the omgeving is the "informele netwerk van familie, vrienden,
/// buren" or the "formele netwerk van beroepskrachten als de huisarts". "Signalen kunnen
/// digitaal, telefonisch … of via de fysiek punten worden afgegeven": any kanaal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "kebab-case")]
pub enum Melder {
    /// The resident asks for themselves (or someone calls on their behalf, with them).
    #[default]
    Inwoner,
    /// Family, friends, neighbours, a trainer: the informal network.
    Informeel,
    /// A huisarts, wijkverpleegkundige, leraar: the formal network.
    Professional,
}

impl Code for Melder {}

impl Melder {
    pub fn name(self) -> &'static str {
        match self {
            Melder::Inwoner => "de inwoner zelf",
            Melder::Informeel => "informeel netwerk",
            Melder::Professional => "professional",
        }
    }

    /// Whether someone else than the resident signals the worry.
    pub fn is_other(self) -> bool {
        self != Melder::Inwoner
    }
}

/// The desk's answer to "Is er nu direct gevaar?", asked when danger words raised the banner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Gevaar {
    #[default]
    NietGevraagd,
    Ja,
    Nee,
}

/// What the desk did with the danger banner: only "ja" forces spoed, and then records whether
/// 112 or Veilig Thuis was called (the meldcode's first steps, seed-gaps #128); "nee" dismisses
/// the banner and needs a reason, which the save audits. Unanswered, the words count as danger:
/// a banner nobody looked at must not lower the urgency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct DangerCheck {
    pub answer: Gevaar,
    pub called_112: bool,
    pub called_veilig_thuis: bool,
    /// Why the banner was a false alarm ("deurwaarder dreigt met beslag").
    pub dismiss_reason: String,
}

impl DangerCheck {
    pub fn is_dismissed(&self) -> bool {
        self.answer == Gevaar::Nee
    }
}

/// How much the question asks of the front office (the verwijs-scan's second axis).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "kebab-case")]
pub enum Complexiteit {
    /// Information, advice, a freely accessible service.
    #[default]
    Eenvoudig,
    /// Needs a service that is not freely accessible.
    Specialistisch,
    /// Several problems the household cannot resolve with its own network.
    Complex,
}

impl Complexiteit {
    pub fn name(self) -> &'static str {
        match self {
            Complexiteit::Eenvoudig => "eenvoudig",
            Complexiteit::Specialistisch => "specialistisch",
            Complexiteit::Complex => "complex",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "kebab-case")]
pub enum Urgentie {
    #[default]
    Normaal,
    Hoog,
    Spoed,
}

impl Urgentie {
    pub fn name(self) -> &'static str {
        match self {
            Urgentie::Normaal => "normaal",
            Urgentie::Hoog => "hoog",
            Urgentie::Spoed => "spoed",
        }
    }
}

/// Signs the desk ticks; each may change the route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Signalen {
    /// Acute danger: domestic violence, child abuse, threat to life.
    pub acute_onveiligheid: bool,
    // Multi-problem-plus signs.
    pub veel_geprobeerd: bool,
    pub overlast: bool,
    pub dreigende_huisuitzetting: bool,
    pub dakloos: bool,
    pub na_detentie: bool,
    /// The person concerned does not ask for help themselves (zorgmijding, shame).
    pub zorgmijding: bool,
}

impl Signalen {
    /// Any sign of multi-problem-plus: the Expertiseteam's cases.
    pub fn multi_problem_plus(&self) -> bool {
        self.veel_geprobeerd
            || self.overlast
            || self.dreigende_huisuitzetting
            || self.dakloos
            || self.na_detentie
    }
}

/// Who the intake is about. Everything is optional: an intake is anonymous by default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Resident {
    pub name: String,
    pub phone: String,
    pub email: String,
    /// `1234 AB`.
    pub postcode: String,
    pub house_number: String,
    pub birth_year: String,
    /// Calling on behalf of someone: the relation ("dochter", "buurman").
    pub on_behalf_of: String,
}

impl Resident {
    pub fn is_anonymous(&self) -> bool {
        [
            &self.name,
            &self.phone,
            &self.email,
            &self.postcode,
            &self.house_number,
            &self.birth_year,
        ]
        .iter()
        .all(|v| v.trim().is_empty())
    }

    /// Whether the resident can be reached back.
    pub fn reachable(&self) -> bool {
        !self.phone.trim().is_empty() || !self.email.trim().is_empty()
    }
}

/// The resident's answer to "mogen we uw gegevens delen?". How to reach them (name, phone,
/// e-mail, who calls on their behalf) always travels with a handover: they asked to be helped.
/// The answer governs everything beyond that: the address and birth year, the household's other
/// questions for its regisseur, and colleagues reading along. A handover cannot be saved while
/// the question is still open, so no answer is ever a silent default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Consent {
    #[default]
    NietGevraagd,
    Ja,
    Nee,
}

impl Consent {
    pub const ALL: [Consent; 3] = [Consent::NietGevraagd, Consent::Ja, Consent::Nee];

    pub fn name(self) -> &'static str {
        match self {
            Consent::NietGevraagd => "nog niet gevraagd",
            Consent::Ja => "ja",
            Consent::Nee => "nee",
        }
    }

    /// Whether the resident agreed to share beyond how to reach them.
    pub fn given(self) -> bool {
        self == Consent::Ja
    }

    /// An answered question, as stored: whether consent was given.
    pub fn from_stored(given: bool) -> Consent {
        if given { Consent::Ja } else { Consent::Nee }
    }
}

impl<'de> Deserialize<'de> for Consent {
    /// Drafts written before the question had three answers hold a checkbox: `true` was a
    /// given consent, `false` the untouched default, which is not an answer.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Stored {
            Checkbox(bool),
            Answer(String),
        }
        Ok(match Stored::deserialize(deserializer)? {
            Stored::Checkbox(true) => Consent::Ja,
            Stored::Checkbox(false) => Consent::NietGevraagd,
            Stored::Answer(code) => match code.as_str() {
                "ja" => Consent::Ja,
                "nee" => Consent::Nee,
                "niet-gevraagd" => Consent::NietGevraagd,
                other => {
                    return Err(serde::de::Error::custom(format!(
                        "onbekende toestemming {other:?}"
                    )));
                }
            },
        })
    }
}

/// Where the question goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Route {
    /// Handled at the desk: the advice given is recorded.
    Direct,
    /// A Loket professional with expertise in this leefgebied.
    Loket { leefgebied: String },
    /// The Sociaal Team of this wijk.
    SociaalTeam { wijk: String },
    /// Multi-problem cases, and acute danger.
    Expertiseteam,
    /// A callback by this team (e.g. "KCC").
    Terugbelverzoek { team: String },
}

impl Route {
    /// Whether this route hands the question over (creates a queue item).
    pub fn is_handover(&self) -> bool {
        !matches!(self, Route::Direct)
    }
}

/// The verwijs-scan's advice: a route, and why in one line ("meervoudig en complex → Sociaal
/// Team De Weide").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteSuggestion {
    pub route: Route,
    pub why: String,
    /// Any handover must be spoed (acute danger).
    pub spoed: bool,
}

/// One intake as the desk fills it in; also the shape of a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Intake {
    pub kanaal: Kanaal,
    /// For a signal: who signalled (buurman, school, huisarts).
    pub signaal_van: String,
    /// Who brings the question in: the resident, their informal network or a professional.
    #[serde(default)]
    pub melder: Melder,
    pub resident: Resident,
    /// The household this intake belongs to, if linked.
    pub household_id: Option<i64>,
    /// The question in the resident's words.
    pub question: String,
    /// Leefgebied codes, most urgent first.
    pub leefgebieden: Vec<String>,
    pub complexiteit: Complexiteit,
    pub signalen: Signalen,
    /// Service ids given as advice.
    pub advice: Vec<String>,
    /// The chosen route; `None` means: follow the suggestion.
    pub route: Option<Route>,
    /// Why another route than the suggestion was chosen.
    pub route_reason: String,
    pub urgentie: Urgentie,
    /// Whether the resident agrees to share more than how to reach them (see [`Consent`]).
    pub consent: Consent,
    /// Note for the professional who picks the handover up (warme overdracht).
    pub handover_note: String,
    /// The gesprekshulp's answers. While typing, all of them; saved, only those that changed
    /// the route (see `gesprekshulp`).
    #[serde(default)]
    pub answers: Vec<GivenAnswer>,
    /// The answer to the danger banner's question.
    #[serde(default)]
    pub danger: DangerCheck,
    /// The desk helped the resident apply digitally (bijzondere bijstand) there and then: seed
    /// 003 §3.3 counts such an enkelvoudige aanvraag as handled at the desk.
    #[serde(default)]
    pub digital_application: bool,
    /// Why a question of a household with a lopend traject starts a track of its own instead
    /// of joining the case and going to its regisseur, the default ("naar de regisseur").
    #[serde(default)]
    pub own_track_reason: String,
}

/// A question of a contact the desk has finished but not yet saved: saved together with the
/// contact's other questions (see `Store::save_contact`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinishedQuestion {
    pub intake: Intake,
    /// The route advice it had when it was finished.
    pub suggestion: RouteSuggestion,
    /// The resident's wijk, from the postcode.
    pub wijk: Option<String>,
}

/// What a desk has typed so far for one contact: the question being typed and the ones
/// finished before it. Kept as the draft, so a crash loses none of them. A draft of a single
/// question reads the same as an intake.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ContactDraft {
    #[serde(flatten)]
    pub intake: Intake,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<FinishedQuestion>,
}

impl Intake {
    /// The route the question goes: the one the desk chose, else the verwijs-scan's advice.
    pub fn effective_route<'a>(&'a self, suggestion: &'a RouteSuggestion) -> &'a Route {
        self.route.as_ref().unwrap_or(&suggestion.route)
    }

    /// The intake with every typed field cleaned as it is stored: no escape sequences, bidi
    /// controls, zero-width or control characters (line breaks stay). The screens hide them
    /// already; stored, they would come out raw in a privacy export or another program.
    pub fn typed_text_cleaned(&self) -> Intake {
        let clean = |text: &str| crate::safe_text::typed(text).into_owned();
        let r = &self.resident;
        Intake {
            signaal_van: clean(&self.signaal_van),
            resident: Resident {
                name: clean(&r.name),
                phone: clean(&r.phone),
                email: clean(&r.email),
                postcode: clean(&r.postcode),
                house_number: clean(&r.house_number),
                birth_year: clean(&r.birth_year),
                on_behalf_of: clean(&r.on_behalf_of),
            },
            question: clean(&self.question),
            danger: DangerCheck {
                dismiss_reason: clean(&self.danger.dismiss_reason),
                ..self.danger.clone()
            },
            route_reason: clean(&self.route_reason),
            handover_note: clean(&self.handover_note),
            ..self.clone()
        }
    }
}

impl From<Intake> for ContactDraft {
    fn from(intake: Intake) -> Self {
        ContactDraft {
            intake,
            earlier: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consent_reads_old_checkbox_drafts_without_inventing_an_answer() {
        let read = |json: &str| serde_json::from_str::<Consent>(json).unwrap();
        assert_eq!(read("true"), Consent::Ja);
        assert_eq!(read("false"), Consent::NietGevraagd);
        for consent in Consent::ALL {
            let json = serde_json::to_string(&consent).unwrap();
            assert_eq!(read(&json), consent, "{json}");
        }
        assert!(serde_json::from_str::<Consent>("\"misschien\"").is_err());
        assert_eq!(Consent::default(), Consent::NietGevraagd);
    }
}
