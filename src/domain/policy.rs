//! Need-to-know: what each role may do and see, decided here and nowhere else. Screens, the
//! store and the commands ask this module instead of checking roles themselves. The tables
//! below are the ones in the README.

use chrono::{DateTime, Duration, Utc};
use strum::VariantArray;

use super::account::{Role, User};

mod plan;
mod work;

pub use plan::{PlanAccess, may_read_plan, may_write_plan};
pub use work::{
    ItemFacts, WorkGround, WorkRefusal, active_member, may_assign, may_claim, may_forward,
};

/// Something a signed-in user may or may not do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Search the sociale kaart and read its services (public information).
    SearchKaart,
    /// Copy a service's contact details to give them to a resident.
    CopyContact,
    /// Register a resident's question (an intake) and hand it over.
    RegisterIntake,
    /// See the wachtrij: which items wait, for which team, how long (no content).
    ViewQueue,
    /// Claim items and work on them: the professionals.
    WorkQueue,
    /// Assign several items at once to a named professional: the coordinator's job.
    ReassignQueue,
    /// Let named colleagues read a household's case ("meelezen"); only its regisseur does.
    ShareCase,
    /// Direct a household's case as its regisseur: take, hand on, escalate, close (seed 003
    /// §3.5: a gespreksvoerder; never a KCC agent or volunteer, and a coördinator assigns).
    DirectCase,
    /// The anonymous figures for steering (rapportage).
    ViewReports,
    /// Add, change and deactivate services on the sociale kaart.
    ManageKaart,
    /// Create, disable and reset accounts.
    ManageAccounts,
    /// Read the audit log: who looked at or changed what.
    ViewAudit,
    /// Serve a resident's AVG rights on a whole household: inzage (export) and vergetelheid.
    ServePrivacyRights,
    /// Work on the whole database: backup, restore, applying the retention terms.
    MaintainDatabase,
}

/// The roles allowed each permission.
const PERMISSIONS: [(Permission, &[Role]); 14] = {
    use Role::*;
    [
        (
            Permission::SearchKaart,
            &[Vrijwilliger, Medewerker, Coordinator, Beheerder],
        ),
        (
            Permission::CopyContact,
            &[Vrijwilliger, Medewerker, Coordinator, Beheerder],
        ),
        (
            Permission::RegisterIntake,
            &[Vrijwilliger, Medewerker, Coordinator, Beheerder],
        ),
        (
            Permission::ViewQueue,
            &[Vrijwilliger, Medewerker, Coordinator, Beheerder],
        ),
        (Permission::WorkQueue, &[Medewerker, Coordinator]),
        (Permission::ReassignQueue, &[Coordinator]),
        (Permission::ShareCase, &[Medewerker, Coordinator]),
        (Permission::DirectCase, &[Medewerker]),
        (Permission::ViewReports, &[Coordinator, Beheerder]),
        (Permission::ManageKaart, &[Beheerder]),
        (Permission::ManageAccounts, &[Beheerder]),
        (Permission::ViewAudit, &[Beheerder]),
        (Permission::ServePrivacyRights, &[Beheerder]),
        (Permission::MaintainDatabase, &[Beheerder]),
    ]
};

pub fn allows(role: Role, permission: Permission) -> bool {
    PERMISSIONS
        .iter()
        .any(|(p, roles)| *p == permission && roles.contains(&role))
}

/// The kinds of data Loket holds: the rows of the need-to-know matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataKind {
    /// The sociale kaart: public information.
    Kaart,
    /// Intakes the user took themselves, in the last [`Privacy::own_intake_days`].
    OwnRecentIntakes,
    /// Every other intake.
    OtherIntakes,
    /// A queue item's handover note and the resident's details.
    CaseContent,
    /// The earlier questions and tracks of a household.
    HouseholdHistory,
    /// The anonymous figures.
    Reports,
    AuditLog,
    Accounts,
}

impl DataKind {
    pub const ALL: [DataKind; 8] = [
        DataKind::Kaart,
        DataKind::OwnRecentIntakes,
        DataKind::OtherIntakes,
        DataKind::CaseContent,
        DataKind::HouseholdHistory,
        DataKind::Reports,
        DataKind::AuditLog,
        DataKind::Accounts,
    ];
}

/// How far a role may see one kind of data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Access {
    /// Not at all.
    Nothing,
    /// That it exists (e.g. "er loopt al een traject bij Sociaal Team De Weide"), not what it says.
    Existence,
    /// The content, only of cases the user is involved in: items of their teams, items they
    /// claimed or that are assigned to them, households they direct, cases shared with them.
    Involved,
    /// All of it.
    Read,
    /// Read and change it.
    Manage,
}

/// The need-to-know matrix: per kind of data, the access of each role in the order of
/// [`Role::VARIANTS`] (vrijwilliger, medewerker, coördinator, beheerder).
const NEED_TO_KNOW: [(DataKind, [Access; 4]); 8] = {
    use Access::*;
    [
        (DataKind::Kaart, [Read, Read, Read, Manage]),
        (DataKind::OwnRecentIntakes, [Read, Read, Read, Read]),
        (
            DataKind::OtherIntakes,
            [Existence, Involved, Involved, Existence],
        ),
        (
            DataKind::CaseContent,
            [Existence, Involved, Involved, Existence],
        ),
        (
            DataKind::HouseholdHistory,
            [Existence, Involved, Involved, Existence],
        ),
        (DataKind::Reports, [Nothing, Nothing, Read, Read]),
        (DataKind::AuditLog, [Nothing, Nothing, Nothing, Read]),
        (DataKind::Accounts, [Nothing, Nothing, Nothing, Manage]),
    ]
};

pub fn access(role: Role, kind: DataKind) -> Access {
    let column = Role::VARIANTS
        .iter()
        .position(|r| *r == role)
        .expect("every role is in Role::VARIANTS");
    NEED_TO_KNOW
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(Access::Nothing, |(_, row)| row[column])
}

/// The privacy settings that are configurable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Privacy {
    /// How long the taker of an intake may read it back (default 7 days).
    pub own_intake_days: i64,
}

impl Default for Privacy {
    fn default() -> Self {
        Privacy { own_intake_days: 7 }
    }
}

/// Who is involved in one case (an intake, its queue item and household): what decides whether
/// someone may read it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFacts {
    /// The user who took the intake, and when.
    pub author: Option<(i64, DateTime<Utc>)>,
    /// Where the queue item waits, if the case was handed over.
    pub team: Option<CaseTeam>,
    pub claimed_by: Option<i64>,
    pub assigned_to: Option<i64>,
    /// The household's regisseur.
    pub regisseur: Option<i64>,
    /// Colleagues the regisseur shared the household's case with ("meelezen").
    pub readers: Vec<i64>,
    /// The resident agreed to share beyond how to reach them: only then does the case go
    /// further than the handover itself (to the household's regisseur, to colleagues reading
    /// along).
    pub consent: bool,
}

/// The team a queue item waits at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseTeam {
    /// As the desk names it: "Loket Wonen", "Sociaal Team De Weide".
    pub label: String,
    /// For a Loket item, the leefgebied code: its experts count as the team.
    pub leefgebied: Option<String>,
}

/// Whether `user` belongs to the team: by team name, or as expert in the Loket item's
/// leefgebied.
pub fn serves(user: &User, team: &CaseTeam) -> bool {
    let label = team.label.trim();
    user.teams
        .iter()
        .any(|t| t.trim().eq_ignore_ascii_case(label))
        || team
            .leefgebied
            .as_ref()
            .is_some_and(|code| user.expertise.contains(code))
}

/// Why someone may read a case; written in the audit row of the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    OwnIntake,
    Claimed,
    Assigned,
    Regisseur,
    Shared,
    Team,
}

impl Grant {
    pub fn code(self) -> &'static str {
        match self {
            Grant::OwnIntake => "eigen intake",
            Grant::Claimed => "opgepakt",
            Grant::Assigned => "toegewezen",
            Grant::Regisseur => "regisseur",
            Grant::Shared => "meelezen",
            Grant::Team => "team",
        }
    }
}

/// Why someone may not read a case. The user always reads the same sentence; the audit row
/// gets the reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Their own intake, but older than the days they may read it back.
    OwnIntakeExpired,
    /// Not involved in the case.
    NotInvolved,
    /// The role never sees case content.
    RoleSeesExistenceOnly,
    /// Involved only beyond the handover (regisseur of the household, reading along) and the
    /// resident did not agree to share.
    NoConsent,
    /// A KCC agent reading along: the KCC never sees plan contents (issue 18).
    KccSeesNoPlans,
    /// Only the regisseur makes and changes a plan.
    NotRegisseur,
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Refusal::OwnIntakeExpired => "geweigerd: eigen intake ouder dan termijn",
            Refusal::NotInvolved => "geweigerd: niet betrokken",
            Refusal::RoleSeesExistenceOnly => "geweigerd: rol ziet alleen bestaan",
            Refusal::NoConsent => "geweigerd: geen toestemming inwoner",
            Refusal::KccSeesNoPlans => "geweigerd: kcc ziet geen plan",
            Refusal::NotRegisseur => "geweigerd: geen regisseur",
        }
    }
}

/// Whether `user` may read the content of the case at `now`, and on what ground.
pub fn may_read_case(
    user: &User,
    case: &CaseFacts,
    now: DateTime<Utc>,
    privacy: Privacy,
) -> Result<Grant, Refusal> {
    let own = case.author.filter(|(author, _)| *author == user.id);
    if let Some((_, taken_at)) = own
        && now - taken_at <= Duration::days(privacy.own_intake_days)
        && access(user.role, DataKind::OwnRecentIntakes) >= Access::Read
    {
        return Ok(Grant::OwnIntake);
    }
    match access(user.role, DataKind::CaseContent) {
        Access::Read | Access::Manage => return Ok(Grant::Team),
        Access::Involved => {}
        Access::Nothing | Access::Existence => {
            return Err(if own.is_some() {
                Refusal::OwnIntakeExpired
            } else {
                Refusal::RoleSeesExistenceOnly
            });
        }
    }
    let me = Some(user.id);
    if case.claimed_by == me {
        Ok(Grant::Claimed)
    } else if case.assigned_to == me {
        Ok(Grant::Assigned)
    } else if case.regisseur == me && case.consent {
        Ok(Grant::Regisseur)
    } else if case.readers.contains(&user.id) && case.consent {
        Ok(Grant::Shared)
    } else if case.team.as_ref().is_some_and(|team| serves(user, team)) {
        Ok(Grant::Team)
    } else if own.is_some() {
        Err(Refusal::OwnIntakeExpired)
    } else if case.regisseur == me || case.readers.contains(&user.id) {
        Err(Refusal::NoConsent)
    } else {
        Err(Refusal::NotInvolved)
    }
}

/// Which of the resident's details someone who may read the case sees. How to reach them
/// (name, phone, e-mail, who calls on their behalf) always travels with a handover; the rest
/// only with the resident's consent, or for the desk that typed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResidentDetails {
    /// Name, phone, e-mail, "belt namens".
    Contact,
    /// Also address and birth year.
    Full,
}

pub fn resident_details(grant: Grant, consent: bool) -> ResidentDetails {
    if consent || grant == Grant::OwnIntake {
        ResidentDetails::Full
    } else {
        ResidentDetails::Contact
    }
}

/// Whether `user` may share the household's case with colleagues: only its regisseur, and only
/// in a role that shares.
pub fn may_share(user: &User, regisseur: Option<i64>) -> bool {
    regisseur == Some(user.id) && allows(user.role, Permission::ShareCase)
}

/// Whether a colleague can be made a reader of a case: only roles that read involved cases.
pub fn may_be_reader(role: Role) -> bool {
    access(role, DataKind::CaseContent) == Access::Involved
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn user(id: i64, role: Role) -> User {
        User {
            id,
            name: format!("gebruiker {id}"),
            role,
            location: String::new(),
            teams: vec!["Sociaal Team De Weide".into()],
            expertise: vec!["wonen".into()],
            active: true,
            failed_attempts: 0,
            locked_until: None,
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    /// The matrix as the README states it, written out separately so that a change to the
    /// table in code is a conscious change to this one too.
    const README_MATRIX: [(&str, [&str; 4]); 8] = [
        ("kaart", ["lezen", "lezen", "lezen", "beheren"]),
        ("eigen intakes", ["lezen", "lezen", "lezen", "lezen"]),
        (
            "andere intakes",
            ["bestaan", "betrokken", "betrokken", "bestaan"],
        ),
        (
            "wachtrij-inhoud",
            ["bestaan", "betrokken", "betrokken", "bestaan"],
        ),
        (
            "huishouden",
            ["bestaan", "betrokken", "betrokken", "bestaan"],
        ),
        ("rapportages", ["-", "-", "lezen", "lezen"]),
        ("auditlog", ["-", "-", "-", "lezen"]),
        ("accounts", ["-", "-", "-", "beheren"]),
    ];

    fn word(access: Access) -> &'static str {
        match access {
            Access::Nothing => "-",
            Access::Existence => "bestaan",
            Access::Involved => "betrokken",
            Access::Read => "lezen",
            Access::Manage => "beheren",
        }
    }

    #[test]
    fn need_to_know_matrix_cell_by_cell() {
        for (kind, (row, expected)) in DataKind::ALL.iter().zip(README_MATRIX) {
            for (role, cell) in Role::VARIANTS.iter().zip(expected) {
                assert_eq!(word(access(*role, *kind)), cell, "{row} × {role:?}");
            }
        }
    }

    #[test]
    fn permissions_per_role() {
        use Permission::*;
        let expected: [(Permission, [bool; 4]); 14] = [
            (SearchKaart, [true, true, true, true]),
            (CopyContact, [true, true, true, true]),
            (RegisterIntake, [true, true, true, true]),
            (ViewQueue, [true, true, true, true]),
            (WorkQueue, [false, true, true, false]),
            (ReassignQueue, [false, false, true, false]),
            (ShareCase, [false, true, true, false]),
            (DirectCase, [false, true, false, false]),
            (ViewReports, [false, false, true, true]),
            (ManageKaart, [false, false, false, true]),
            (ManageAccounts, [false, false, false, true]),
            (ViewAudit, [false, false, false, true]),
            (ServePrivacyRights, [false, false, false, true]),
            (MaintainDatabase, [false, false, false, true]),
        ];
        for (permission, row) in expected {
            for (role, cell) in Role::VARIANTS.iter().zip(row) {
                assert_eq!(allows(*role, permission), cell, "{permission:?} × {role:?}");
            }
        }
    }

    #[test]
    fn volunteers_read_their_own_intakes_for_seven_days() {
        let anna = user(1, Role::Vrijwilliger);
        let taken = |days: i64| CaseFacts {
            author: Some((1, now() - Duration::days(days))),
            ..CaseFacts::default()
        };
        let privacy = Privacy::default();
        assert_eq!(
            may_read_case(&anna, &taken(6), now(), privacy),
            Ok(Grant::OwnIntake)
        );
        assert_eq!(
            may_read_case(&anna, &taken(8), now(), privacy),
            Err(Refusal::OwnIntakeExpired)
        );
        let someone_else = CaseFacts {
            author: Some((2, now())),
            regisseur: Some(1),
            readers: vec![1],
            ..CaseFacts::default()
        };
        assert_eq!(
            may_read_case(&anna, &someone_else, now(), privacy),
            Err(Refusal::RoleSeesExistenceOnly)
        );
        let short = Privacy { own_intake_days: 3 };
        assert_eq!(
            may_read_case(&anna, &taken(4), now(), short),
            Err(Refusal::OwnIntakeExpired)
        );
    }

    #[test]
    fn professionals_read_cases_they_are_involved_in() {
        let piet = user(5, Role::Medewerker);
        let privacy = Privacy::default();
        let case = |f: &dyn Fn(&mut CaseFacts)| {
            let mut facts = CaseFacts {
                author: Some((1, now())),
                team: Some(CaseTeam {
                    label: "Sociaal Team Centrum".into(),
                    leefgebied: None,
                }),
                consent: true,
                ..CaseFacts::default()
            };
            f(&mut facts);
            may_read_case(&piet, &facts, now(), privacy)
        };
        assert_eq!(case(&|_| {}), Err(Refusal::NotInvolved));
        assert_eq!(case(&|f| f.claimed_by = Some(5)), Ok(Grant::Claimed));
        assert_eq!(case(&|f| f.assigned_to = Some(5)), Ok(Grant::Assigned));
        assert_eq!(case(&|f| f.regisseur = Some(5)), Ok(Grant::Regisseur));
        assert_eq!(case(&|f| f.readers = vec![7, 5]), Ok(Grant::Shared));
        let own_team = |f: &mut CaseFacts| {
            f.team = Some(CaseTeam {
                label: "sociaal team de weide".into(),
                leefgebied: None,
            })
        };
        assert_eq!(case(&own_team), Ok(Grant::Team));
        let expert = |f: &mut CaseFacts| {
            f.team = Some(CaseTeam {
                label: "Loket Wonen".into(),
                leefgebied: Some("wonen".into()),
            })
        };
        assert_eq!(case(&expert), Ok(Grant::Team));
        // A handled-directly intake of a colleague: no team, nobody involved.
        assert_eq!(case(&|f| f.team = None), Err(Refusal::NotInvolved));
    }

    /// Desk-test B2: without consent the handover still reaches its team with how to call
    /// the resident back, but goes no further.
    #[test]
    fn consent_governs_sharing_beyond_the_handover() {
        let piet = user(5, Role::Medewerker);
        let privacy = Privacy::default();
        let without = |f: &dyn Fn(&mut CaseFacts)| {
            let mut facts = CaseFacts {
                author: Some((1, now())),
                team: Some(CaseTeam {
                    label: "Sociaal Team Centrum".into(),
                    leefgebied: None,
                }),
                consent: false,
                ..CaseFacts::default()
            };
            f(&mut facts);
            may_read_case(&piet, &facts, now(), privacy)
        };
        assert_eq!(without(&|f| f.claimed_by = Some(5)), Ok(Grant::Claimed));
        assert_eq!(without(&|f| f.assigned_to = Some(5)), Ok(Grant::Assigned));
        let own_team = |f: &mut CaseFacts| {
            f.team = Some(CaseTeam {
                label: "Sociaal Team De Weide".into(),
                leefgebied: None,
            })
        };
        assert_eq!(without(&own_team), Ok(Grant::Team));
        assert_eq!(without(&|f| f.regisseur = Some(5)), Err(Refusal::NoConsent));
        assert_eq!(without(&|f| f.readers = vec![5]), Err(Refusal::NoConsent));
        assert_eq!(
            without(&|f| {
                f.regisseur = Some(5);
                own_team(f)
            }),
            Ok(Grant::Team)
        );
        use ResidentDetails::*;
        for grant in [Grant::Claimed, Grant::Assigned, Grant::Team] {
            assert_eq!(resident_details(grant, false), Contact);
            assert_eq!(resident_details(grant, true), Full);
        }
        assert_eq!(resident_details(Grant::OwnIntake, false), Full);
    }

    #[test]
    fn beheerders_see_only_that_a_case_exists() {
        let bea = user(9, Role::Beheerder);
        let facts = CaseFacts {
            author: Some((1, now())),
            regisseur: Some(9),
            ..CaseFacts::default()
        };
        assert_eq!(
            may_read_case(&bea, &facts, now(), Privacy::default()),
            Err(Refusal::RoleSeesExistenceOnly)
        );
    }

    #[test]
    fn only_the_regisseur_shares_and_only_with_professionals() {
        let piet = user(5, Role::Medewerker);
        assert!(may_share(&piet, Some(5)));
        assert!(!may_share(&piet, Some(6)));
        assert!(!may_share(&piet, None));
        assert!(!may_share(&user(5, Role::Vrijwilliger), Some(5)));
        assert!(may_be_reader(Role::Medewerker));
        assert!(may_be_reader(Role::Coordinator));
        assert!(!may_be_reader(Role::Vrijwilliger));
        assert!(!may_be_reader(Role::Beheerder));
    }
}
