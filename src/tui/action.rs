//! Semantic actions: every key the user presses becomes one of these (through the keymap), and
//! `App::update` is the only place that acts on them.

use serde::Deserialize;

/// What the user asks for, independent of the key that asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    Help,
    Kaart,
    Lock,
    Quit,
    Back,
    // Moving through lists and forms.
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    NextField,
    PreviousField,
    Submit,
    Toggle,
    ToggleBack,
    // The kaart screen.
    FocusSearch,
    /// Enter on a service: add it to the open intake's advice, or else show its details.
    Choose,
    ToggleDetail,
    CopyContact,
    OpenFilters,
    ClearFilters,
    // The intake screen.
    NewIntake,
    Save,
    MyContacts,
    /// "Nog een vraag": finish this question, start the next of the same contact.
    NextQuestion,
    /// Straight to the route, or to the handover note, from anywhere in the form.
    JumpRoute,
    JumpNote,
    /// The gesprekshulp panel of the intake: into it, and back to the form.
    ToggleQuestions,
    AnswerYes,
    AnswerNo,
    /// "?": not known (yet).
    AnswerUnknown,
    AnswerSkip,
    /// On an advice row of the intake: take that service out of the advice.
    RemoveAdvice,
    /// After a refused save: to the next field that is still wrong.
    NextError,
    // The wachtrij.
    Queue,
    OpenItem,
    ClaimItem,
    ReleaseItem,
    ForwardItem,
    AppointmentItem,
    ContactItem,
    CloseItem,
    /// Record a warm handover to a body outside the municipality (Veilig Thuis, the huisarts):
    /// to whom, and what was passed on.
    HandOverOutside,
    /// Mark or unmark an item for reassigning several at once.
    MarkItem,
    ReassignItems,
    /// Let a named colleague read the household's case ("meelezen"); only its regisseur.
    ShareCase,
    /// Become the regisseur of the item's household (a medewerker of the case's regie team).
    TakeRegie,
    /// The coördinator makes a medewerker of the regie team regisseur.
    AssignRegie,
    /// The regisseur offers the regie to a named colleague, with a reason.
    HandOnRegie,
    /// Answer the regie a colleague offered the user.
    RegieOffers,
    /// Opschaling: the regisseur asks the Expertiseteam in, with a reason.
    EscalateCase,
    /// The regisseur closes the household's case (the lopend traject), with a reason.
    CloseCase,
    /// The household's gesprekken and plan van aanpak.
    OpenPlan,
    // The plan screen.
    /// Show the version before (after) the one on screen; the latest is shown first.
    EarlierVersion,
    LaterVersion,
    /// The regisseur records a gesprek with the resident.
    RecordGesprek,
    /// The regisseur records akkoord or geen akkoord on the latest version.
    AnswerPlan,
    /// The plan on paper for the resident: a PDF in the configured folder.
    PrintPlan,
    /// The regisseur makes the plan, or changes it (a new version after an answer).
    EditPlan,
    /// The regisseur evaluates the agreed plan and decides how it goes on.
    EvaluatePlan,
    /// The regisseur records the decision on the plan's first open beschikking task.
    DecideTask,
    /// Select the next (previous) line of the arrangement on screen.
    NextLine,
    PreviousLine,
    /// The regisseur records the warme overdracht of the selected arrangement line.
    HandOverLine,
    /// In the plan editor: a step, line or afspraak added where the focus is, or taken out.
    AddPlanRow,
    RemovePlanRow,
    // Kaart beheer.
    /// "Klopt niet meer": report that a service's details are wrong (everyone).
    ReportService,
    /// Edit the selected service (beheerder).
    EditService,
    NewService,
    /// From the service form: edit or add its organisation or location.
    EditRecord,
    /// "Gecontroleerd vandaag": the service's details were checked today (beheerder).
    VerifyService,
    /// The worklist "Te controleren" (beheerder).
    Worklist,
    /// Mark a desk report on the worklist as handled.
    ResolveReport,
    // The rapportage.
    Report,
    NextView,
    PreviousView,
    NextPeriod,
    CustomPeriod,
    // The lock screen.
    SwitchUser,
    // The welcome screen of a new database: look around in a separate demo database.
    OpenDemo,
    // Confirmations.
    Yes,
    No,
    // Editing a text field.
    DeleteLeft,
    DeleteRight,
    CursorLeft,
    CursorRight,
    CursorStart,
    CursorEnd,
    ClearField,
    /// A typed character; never bound in the keymap, it is what unbound printable keys do in a
    /// text field.
    #[serde(skip)]
    Insert(char),
}
