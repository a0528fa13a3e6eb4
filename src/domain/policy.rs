//! What each role may do, decided here and nowhere else: screens and commands ask this module
//! instead of checking roles themselves.

use super::account::Role;

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
    /// Open items (handover note, intake, history) and work on them: the professionals.
    WorkQueue,
    /// Assign several items at once to a named professional: the coordinator's job.
    ReassignQueue,
    /// The anonymous figures for steering (rapportage).
    ViewReports,
}

/// The roles allowed each permission.
const MATRIX: [(Permission, &[Role]); 7] = [
    (
        Permission::SearchKaart,
        &[Role::Vrijwilliger, Role::Medewerker, Role::Beheerder],
    ),
    (
        Permission::CopyContact,
        &[Role::Vrijwilliger, Role::Medewerker, Role::Beheerder],
    ),
    (
        Permission::RegisterIntake,
        &[Role::Vrijwilliger, Role::Medewerker, Role::Beheerder],
    ),
    (
        Permission::ViewQueue,
        &[Role::Vrijwilliger, Role::Medewerker, Role::Beheerder],
    ),
    (Permission::WorkQueue, &[Role::Medewerker, Role::Beheerder]),
    (Permission::ReassignQueue, &[Role::Beheerder]),
    (Permission::ViewReports, &[Role::Beheerder]),
];

pub fn allows(role: Role, permission: Permission) -> bool {
    MATRIX
        .iter()
        .any(|(p, roles)| *p == permission && roles.contains(&role))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_professionals_work_the_queue() {
        assert!(!allows(Role::Vrijwilliger, Permission::WorkQueue));
        assert!(allows(Role::Medewerker, Permission::WorkQueue));
        assert!(allows(Role::Beheerder, Permission::WorkQueue));
        assert!(!allows(Role::Medewerker, Permission::ReassignQueue));
        assert!(allows(Role::Beheerder, Permission::ReassignQueue));
        assert!(!allows(Role::Medewerker, Permission::ViewReports));
        assert!(allows(Role::Beheerder, Permission::ViewReports));
    }

    #[test]
    fn every_role_may_use_the_kaart() {
        for role in Role::ALL {
            assert!(allows(role, Permission::SearchKaart), "{role:?}");
            assert!(allows(role, Permission::CopyContact), "{role:?}");
            assert!(allows(role, Permission::RegisterIntake), "{role:?}");
            assert!(allows(role, Permission::ViewQueue), "{role:?}");
        }
    }
}
