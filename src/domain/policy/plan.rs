//! Need-to-know for gesprekken and plans. Issue 18: "the regisseur, their team and colleagues
//! they let read along see the plan; … volunteers and KCC never see plan contents". Seed 002:
//! per case the regisseur decides who may "meelezen en registreren"; seed 003 §4.3 opens
//! information "afhankelijk van wat de volgende medewerker in de keten nodig heeft".

use super::{Access, CaseTeam, DataKind, Grant, Refusal, access, serves};
use crate::domain::account::User;

/// Who is involved in a household's plan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanAccess {
    pub regisseur: Option<i64>,
    /// Colleagues reading along now.
    pub readers: Vec<i64>,
    /// The team whose gespreksvoerder directs the case.
    pub team: Option<CaseTeam>,
    /// The resident agreed to share beyond the handover.
    pub consent: bool,
    /// The KCC's team name (`routing.toml`): its agents never see a plan.
    pub kcc: String,
}

/// Whether `user` may read the case's gesprekken and plan, and on what ground.
pub fn may_read_plan(user: &User, plan: &PlanAccess) -> Result<Grant, Refusal> {
    if access(user.role, DataKind::CaseContent) != Access::Involved {
        return Err(Refusal::RoleSeesExistenceOnly);
    }
    let me = Some(user.id);
    let in_team = plan.team.as_ref().is_some_and(|team| serves(user, team));
    let kcc = CaseTeam {
        label: plan.kcc.clone(),
        leefgebied: None,
    };
    if plan.regisseur == me {
        Ok(Grant::Regisseur)
    } else if in_team {
        Ok(Grant::Team)
    } else if !plan.readers.contains(&user.id) {
        Err(Refusal::NotInvolved)
    } else if serves(user, &kcc) {
        Err(Refusal::KccSeesNoPlans)
    } else if plan.consent {
        Ok(Grant::Shared)
    } else {
        Err(Refusal::NoConsent)
    }
}

/// Whether `user` may make or change the plan: its regisseur only. "Eén van de professionals
/// regisseert" (seed 002, Kader 4).
pub fn may_write_plan(user: &User, plan: &PlanAccess) -> Result<(), Refusal> {
    if plan.regisseur == Some(user.id)
        && access(user.role, DataKind::CaseContent) == Access::Involved
    {
        Ok(())
    } else {
        Err(Refusal::NotRegisseur)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::Role;
    use crate::domain::regie::tests::person;

    fn plan() -> PlanAccess {
        PlanAccess {
            regisseur: Some(1),
            readers: vec![3, 4],
            team: Some(CaseTeam {
                label: "Loket Wonen".into(),
                leefgebied: Some("wonen".into()),
            }),
            consent: true,
            kcc: "KCC".into(),
        }
    }

    #[test]
    fn the_regisseur_the_team_and_readers_see_the_plan() {
        let sanne = person(1, Role::Medewerker, &["Loket Wonen"], &["wonen"]);
        let gijs = person(2, Role::Medewerker, &[], &["wonen"]);
        let joost = person(3, Role::Medewerker, &["Sociaal Team De Weide"], &[]);
        let olaf = person(5, Role::Coordinator, &["Loket Wonen"], &[]);
        assert_eq!(may_read_plan(&sanne, &plan()), Ok(Grant::Regisseur));
        assert_eq!(may_read_plan(&gijs, &plan()), Ok(Grant::Team));
        assert_eq!(may_read_plan(&olaf, &plan()), Ok(Grant::Team));
        assert_eq!(may_read_plan(&joost, &plan()), Ok(Grant::Shared));
        let no_consent = PlanAccess {
            consent: false,
            ..plan()
        };
        assert_eq!(may_read_plan(&joost, &no_consent), Err(Refusal::NoConsent));
        let other = person(6, Role::Medewerker, &["Loket Taal"], &[]);
        assert_eq!(may_read_plan(&other, &plan()), Err(Refusal::NotInvolved));
    }

    /// Issue 18: "volunteers and KCC never see plan contents", not even when shared.
    #[test]
    fn volunteers_beheerders_and_kcc_never_see_a_plan() {
        let anna = person(4, Role::Vrijwilliger, &["Loket Wonen"], &["wonen"]);
        let bea = person(1, Role::Beheerder, &[], &[]);
        let dirk = person(3, Role::Medewerker, &["KCC"], &[]);
        assert_eq!(
            may_read_plan(&anna, &plan()),
            Err(Refusal::RoleSeesExistenceOnly)
        );
        assert_eq!(
            may_read_plan(&bea, &plan()),
            Err(Refusal::RoleSeesExistenceOnly)
        );
        assert_eq!(may_read_plan(&dirk, &plan()), Err(Refusal::KccSeesNoPlans));
    }

    #[test]
    fn only_the_regisseur_writes() {
        let sanne = person(1, Role::Medewerker, &["Loket Wonen"], &["wonen"]);
        let gijs = person(2, Role::Medewerker, &["Loket Wonen"], &["wonen"]);
        assert_eq!(may_write_plan(&sanne, &plan()), Ok(()));
        assert_eq!(may_write_plan(&gijs, &plan()), Err(Refusal::NotRegisseur));
    }
}
