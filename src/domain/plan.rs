//! Na de voordeur: the gesprek and the plan van aanpak, its akkoord, the beschikkingen it
//! leads to, and its evaluation. Pure rules; the store keeps plans (`store::plan`).
//!
//! Seed 003 (Groningen, *Integrale Toegang*) §3.4: "Het resultaat is een plan van aanpak
//! volgens een vast format. In dat plan staat het arrangement beschreven waar de inwoner en
//! gespreksvoerder samen van hebben vastgesteld dat het een antwoord geeft op de
//! ondersteuningsvraag." Seed 002 (Lochem/Zutphen), Kader 4: "De burger en de professional(s)
//! maken samen een plan. De burger is zelf eigenaar. Eén van de professionals regisseert".
//!
//! A plan belongs to a household's open case and is made by its regisseur; a change after
//! akkoord makes a new version that needs akkoord again, and earlier versions stay readable.

mod akkoord;
mod content;
mod evaluation;
mod gesprek;
mod handover;
mod note;
mod score;
mod tasks;
mod terms;

pub use akkoord::{Answer, HowAgreed, PlanStatus, VersionState, change_makes_new_version};
pub use content::{
    Afspraak, ArrangementLine, CONTRIBUTION_NEVER_A_CONDITION, Deliverer, FollowUp, Milestone,
    Party, PlanContent, PlanResult, plan_layer_name,
};
pub use evaluation::{Evaluation, EvaluationDecision, ResultEvaluation, ResultOutcome};
pub use gesprek::{Consulted, Gesprek, MAX_NOTE_CHARS, NOTE_GUIDANCE, Place};
pub use handover::{Handover, Started, awaiting_handover};
pub use note::{SensitiveNumber, sensitive_number};
pub use score::{SCORE_ONLY_FOR_THE_CASE, Zelfredzaamheid};
pub use tasks::{
    DEFAULT_DECIDING_TEAM, Decision, DecisionRecord, NewTask, PlanTeams, TaskKind,
    needs_beschikking, task_after_geen_akkoord, tasks_after_akkoord,
};
pub use terms::{
    AKKOORD_WORKING_DAYS, BESCHIKKING_WORKING_DAYS, OpenTask, PlanFacts, PlanWork, PlanWorkKind,
    plan_work,
};

/// Why a gesprek, a plan, an answer or an evaluation cannot be recorded as given. The message
/// is Dutch, for the user; nothing is stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanProblem {
    #[error("{0}")]
    Missing(&'static str),
    #[error("{what} mag niet in de toekomst liggen")]
    InTheFuture { what: &'static str },
    #[error("De evaluatiedatum moet na {0} liggen")]
    EvaluationTooEarly(chrono::NaiveDate),
    #[error("Het leefgebied {0:?} hoort niet bij de vraag van dit huishouden")]
    NotACaseLeefgebied(String),
    #[error("Het leefgebied {0:?} staat twee keer bij de resultaten")]
    DuplicateResult(String),
    #[error("{laag}: {problem}")]
    Line {
        laag: &'static str,
        problem: &'static str,
    },
    #[error(
        "In de notitie staat {0}; schrijf geen telefoonnummers of BSN's van anderen op (alleen \
         wat nodig is voor het doel)"
    )]
    SensitiveNumber(SensitiveNumber),
    #[error("De notitie is te lang: houd het bij {MAX_NOTE_CHARS} tekens, alleen wat nodig is")]
    NoteTooLong,
    #[error("{0} is geraadpleegd zonder toestemming van de inwoner; vraag die eerst")]
    ConsultedWithoutConsent(String),
    #[error("Deze versie is al beantwoord; een wijziging maakt een nieuwe versie")]
    AlreadyAnswered,
    #[error("Het plan heeft nog geen akkoord van de inwoner en de gespreksvoerder")]
    NoAkkoord,
    #[error("Het resultaat voor {0:?} is niet (of twee keer) geëvalueerd")]
    ResultNotEvaluated(String),
    #[error("Een score bij de evaluatie kan alleen waar bij de start een score is gegeven ({0})")]
    ScoreWithoutStart(String),
    #[error("Dit plan is afgesloten")]
    Closed,
    #[error("Op deze taak is al een besluit vastgelegd")]
    AlreadyDecided,
    #[error("Eigen inzet doet de inwoner zelf: er is niemand om aan over te dragen")]
    EigenInzetNotHandedOver,
    #[error("Regel {0} staat niet in het arrangement waarop akkoord is gegeven")]
    UnknownLine(u32),
}
