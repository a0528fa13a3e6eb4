//! Who may move a queue item: claim it, forward it, or assign it. Claiming gives read access to
//! the case, so a claim needs a ground of its own; otherwise "betrokken" becomes something users
//! grant themselves (security-probe #1, desk-test B4).

use super::{CaseTeam, Permission, allows, serves};
use crate::domain::account::{Role, User};

/// What decides who may move an item: where it waits and who is involved in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemFacts {
    pub team: CaseTeam,
    pub claimed_by: Option<i64>,
    pub assigned_to: Option<i64>,
    /// The regisseur of the household's open case.
    pub regisseur: Option<i64>,
}

/// Why a user may move an item; written in the audit row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkGround {
    /// They serve the team the item waits at.
    Team,
    /// The item is meant for them by name.
    Assigned,
    /// They direct the household's case.
    Regisseur,
    /// They hold it (claimed it): only for forwarding.
    Holder,
    /// The coördinator distributes the work: only for forwarding.
    Coordination,
}

impl WorkGround {
    pub fn code(self) -> &'static str {
        match self {
            WorkGround::Team => "team",
            WorkGround::Assigned => "toegewezen",
            WorkGround::Regisseur => "regisseur",
            WorkGround::Holder => "opgepakt",
            WorkGround::Coordination => "coördinator",
        }
    }
}

/// Why a user may not move an item. The message is Dutch, for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkRefusal {
    #[error("Alleen medewerkers en coördinatoren werken items af")]
    Role,
    #[error("Dit item is niet voor jou: het wacht bij {0}, waar je niet bij hoort")]
    NotInvolved(String),
    #[error("Alleen een coördinator kan items toewijzen")]
    NotCoordinator,
    #[error("{0} is vrijwilliger; items gaan alleen naar medewerkers")]
    Volunteer(String),
    #[error("{0} is geen medewerker; items gaan alleen naar medewerkers")]
    NotAMedewerker(String),
    #[error("{name} hoort niet bij {team}; wijs toe aan een medewerker van dat team")]
    OtherTeam { name: String, team: String },
    #[error("{0} is uitgeschakeld")]
    Disabled(String),
}

impl WorkRefusal {
    /// The audit code of the refusal: fixed words, never a name.
    pub fn code(&self) -> &'static str {
        match self {
            WorkRefusal::Role => "geweigerd: rol",
            WorkRefusal::NotInvolved(_) => "geweigerd: niet betrokken",
            WorkRefusal::NotCoordinator => "geweigerd: geen coördinator",
            WorkRefusal::Volunteer(_) => "geweigerd: vrijwilliger",
            WorkRefusal::NotAMedewerker(_) => "geweigerd: geen medewerker",
            WorkRefusal::OtherTeam { .. } => "geweigerd: ander team",
            WorkRefusal::Disabled(_) => "geweigerd: uitgeschakeld",
        }
    }
}

/// The grounds a claim can stand on, in the order they are told.
fn involvement(user: &User, item: &ItemFacts) -> Option<WorkGround> {
    let me = Some(user.id);
    if item.assigned_to == me {
        Some(WorkGround::Assigned)
    } else if item.regisseur == me {
        Some(WorkGround::Regisseur)
    } else if serves(user, &item.team) {
        Some(WorkGround::Team)
    } else {
        None
    }
}

/// Whether `user` may claim `item`: a professional who serves its team, for whom it is meant,
/// or who directs the household's case.
pub fn may_claim(user: &User, item: &ItemFacts) -> Result<WorkGround, WorkRefusal> {
    if !allows(user.role, Permission::WorkQueue) {
        return Err(WorkRefusal::Role);
    }
    involvement(user, item).ok_or_else(|| WorkRefusal::NotInvolved(item.team.label.clone()))
}

/// Whether `user` may forward `item` to another team: on the grounds of a claim, or because
/// they hold it, or as coördinator.
pub fn may_forward(user: &User, item: &ItemFacts) -> Result<WorkGround, WorkRefusal> {
    if !allows(user.role, Permission::WorkQueue) {
        return Err(WorkRefusal::Role);
    }
    if item.claimed_by == Some(user.id) {
        return Ok(WorkGround::Holder);
    }
    if let Some(ground) = involvement(user, item) {
        return Ok(ground);
    }
    if allows(user.role, Permission::ReassignQueue) {
        return Ok(WorkGround::Coordination);
    }
    Err(WorkRefusal::NotInvolved(item.team.label.clone()))
}

/// Whether `by` may give an item waiting at `team` to `to`: a coördinator, to an active
/// medewerker of that team, never to a volunteer.
pub fn may_assign(by: &User, to: &User, team: &CaseTeam) -> Result<(), WorkRefusal> {
    if !allows(by.role, Permission::ReassignQueue) {
        return Err(WorkRefusal::NotCoordinator);
    }
    match to.role {
        Role::Medewerker => {}
        Role::Vrijwilliger => return Err(WorkRefusal::Volunteer(to.name.clone())),
        Role::Coordinator | Role::Beheerder => {
            return Err(WorkRefusal::NotAMedewerker(to.name.clone()));
        }
    }
    active_member(to, team, WorkRefusal::Disabled, |name, team| {
        WorkRefusal::OtherTeam { name, team }
    })
}

/// Whether `user` is an active member of `team`; each rule words the refusal its own way, from
/// the user's name (and the team's label).
pub fn active_member<E>(
    user: &User,
    team: &CaseTeam,
    disabled: impl FnOnce(String) -> E,
    other_team: impl FnOnce(String, String) -> E,
) -> Result<(), E> {
    if !user.active {
        return Err(disabled(user.name.clone()));
    }
    if !serves(user, team) {
        return Err(other_team(user.name.clone(), team.label.clone()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: i64, role: Role, teams: &[&str]) -> User {
        crate::domain::regie::tests::person(id, role, teams, &["wonen"])
    }

    fn team(label: &str) -> CaseTeam {
        CaseTeam {
            label: label.into(),
            leefgebied: None,
        }
    }

    /// The ways a user can stand to an item: the columns of the matrix.
    #[derive(Debug, Clone, Copy)]
    enum Tie {
        None,
        OwnTeam,
        Expert,
        Assigned,
        Regisseur,
        Holder,
    }

    const TIES: [Tie; 6] = [
        Tie::None,
        Tie::OwnTeam,
        Tie::Expert,
        Tie::Assigned,
        Tie::Regisseur,
        Tie::Holder,
    ];

    /// User 7 in `role`, tied to an item as `tie` says. The user serves "Sociaal Team De Weide"
    /// and is expert in wonen; the item waits elsewhere unless the tie is the team.
    fn case(role: Role, tie: Tie) -> (User, ItemFacts) {
        let user = person(7, role, &["Sociaal Team De Weide"]);
        let mut item = ItemFacts {
            team: team("Sociaal Team Centrum"),
            claimed_by: None,
            assigned_to: None,
            regisseur: None,
        };
        match tie {
            Tie::None => {}
            Tie::OwnTeam => item.team = team("sociaal team de weide"),
            Tie::Expert => {
                item.team = CaseTeam {
                    label: "Loket Wonen".into(),
                    leefgebied: Some("wonen".into()),
                }
            }
            Tie::Assigned => item.assigned_to = Some(7),
            Tie::Regisseur => item.regisseur = Some(7),
            Tie::Holder => item.claimed_by = Some(7),
        }
        (user, item)
    }

    /// One cell: the ground, or "-" for a refusal.
    fn cell(result: Result<WorkGround, WorkRefusal>) -> &'static str {
        result.map_or("-", WorkGround::code)
    }

    /// Claim, per role (rows) and tie (columns: none, own team, expert, assigned, regisseur,
    /// holder). Holding an item already claimed is not a ground for claiming it again.
    #[test]
    fn claim_matrix_cell_by_cell() {
        let t = "team";
        let a = "toegewezen";
        let r = "regisseur";
        let expected: [(Role, [&str; 6]); 4] = [
            (Role::Vrijwilliger, ["-", "-", "-", "-", "-", "-"]),
            (Role::Medewerker, ["-", t, t, a, r, "-"]),
            (Role::Coordinator, ["-", t, t, a, r, "-"]),
            (Role::Beheerder, ["-", "-", "-", "-", "-", "-"]),
        ];
        for (role, row) in expected {
            for (tie, want) in TIES.iter().zip(row) {
                let (user, item) = case(role, *tie);
                assert_eq!(cell(may_claim(&user, &item)), want, "{role:?} × {tie:?}");
            }
        }
    }

    #[test]
    fn forward_matrix_cell_by_cell() {
        let t = "team";
        let a = "toegewezen";
        let r = "regisseur";
        let h = "opgepakt";
        let c = "coördinator";
        let expected: [(Role, [&str; 6]); 4] = [
            (Role::Vrijwilliger, ["-", "-", "-", "-", "-", "-"]),
            (Role::Medewerker, ["-", t, t, a, r, h]),
            (Role::Coordinator, [c, t, t, a, r, h]),
            (Role::Beheerder, ["-", "-", "-", "-", "-", "-"]),
        ];
        for (role, row) in expected {
            for (tie, want) in TIES.iter().zip(row) {
                let (user, item) = case(role, *tie);
                assert_eq!(cell(may_forward(&user, &item)), want, "{role:?} × {tie:?}");
            }
        }
    }

    /// Assign, per role of who assigns (rows) and of who receives (columns: vrijwilliger,
    /// medewerker of the team, medewerker of another team, coördinator, beheerder).
    #[test]
    fn assign_matrix_cell_by_cell() {
        let target = team("Sociaal Team De Weide");
        let receivers = [
            person(1, Role::Vrijwilliger, &["Sociaal Team De Weide"]),
            person(2, Role::Medewerker, &["Sociaal Team De Weide"]),
            person(3, Role::Medewerker, &["Sociaal Team Centrum"]),
            person(4, Role::Coordinator, &["Sociaal Team De Weide"]),
            person(5, Role::Beheerder, &["Sociaal Team De Weide"]),
        ];
        let expected: [(Role, [bool; 5]); 4] = [
            (Role::Vrijwilliger, [false; 5]),
            (Role::Medewerker, [false; 5]),
            (Role::Coordinator, [false, true, false, false, false]),
            (Role::Beheerder, [false; 5]),
        ];
        for (role, row) in expected {
            let by = person(9, role, &[]);
            for (to, want) in receivers.iter().zip(row) {
                assert_eq!(
                    may_assign(&by, to, &target).is_ok(),
                    want,
                    "{role:?} → {:?} {:?}",
                    to.role,
                    to.teams
                );
            }
        }
        let olaf = person(9, Role::Coordinator, &[]);
        assert_eq!(
            may_assign(&olaf, &receivers[0], &target),
            Err(WorkRefusal::Volunteer("gebruiker 1".into()))
        );
        let gone = User {
            active: false,
            ..receivers[1].clone()
        };
        assert_eq!(
            may_assign(&olaf, &gone, &target),
            Err(WorkRefusal::Disabled("gebruiker 2".into()))
        );
        assert_eq!(
            may_assign(&olaf, &receivers[2], &target)
                .unwrap_err()
                .to_string(),
            "gebruiker 3 hoort niet bij Sociaal Team De Weide; wijs toe aan een medewerker van dat team"
        );
    }
}
