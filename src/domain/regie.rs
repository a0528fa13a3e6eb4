//! "Eén huishouden, één plan, één regisseur": which team directs a household's case, who may
//! become its regisseur, and how regie is handed on. Pure rules; the store keeps the case.
//!
//! Seed 003 (Groningen, *Integrale Toegang*) §3.5: "Wanneer er sprake is van enkelvoudige,
//! specialistische ondersteuning is de zorgaanbieder eerste aanspreekpunt. De medewerker van het
//! Loket blijft op de achtergrond. Bij meervoudige eenvoudige ondersteuning is de gespreksvoerder
//! van het Loket eerste aanspreekpunt. Bij meervoudige complexe ondersteuning de gespreksvoerder
//! van het Sociale Team."
//!
//! Seed 002 (Lochem/Zutphen, *beleidskader*): "De regisseur blijft vanaf het eerste moment van
//! het gesprek betrokken bij het gezin … Tenzij blijkt dat het probleem om een andere expertise
//! vraagt, of als er geen klik is tussen gezin en regisseur … In dat geval gaat de regisseur samen
//! met het gezin op zoek naar een passende regisseur."

use chrono::Duration;

use super::ReferenceData;
use super::account::{Role, User};
use super::intake::{Route, RouteSuggestion};
use super::policy::{CaseTeam, active_member};
use super::queue::Target;

/// How long a regisseur who handed regie on may still read the case, when the new regisseur
/// allows it: long enough to answer the new one's questions, not to keep following the family.
pub const FORMER_REGISSEUR_READ: Duration = Duration::days(14);

/// The team whose gespreksvoerder directs the case a handover opens, or `None` when the case has
/// no regisseur (seed 003 §3.5, quoted above):
/// - meervoudig eenvoudig (a Loket route with more than one leefgebied) → the Loket of the
///   highest-priority leefgebied, which is the one the route goes to;
/// - meervoudig complex (the Sociaal Team route) → the Sociaal Team of the wijk;
/// - enkelvoudig specialistisch (a Loket route with one leefgebied) → none: "de zorgaanbieder
///   [is] eerste aanspreekpunt. De medewerker van het Loket blijft op de achtergrond";
/// - a callback (KCC) or a question handled at the desk → none: neither is a gespreksvoerder.
///
/// The Expertiseteam directs what reaches it straight from the desk (acute danger): seed 002
/// names it for "multiproblem-plus casussen" where a plan "niet of moeizaam van de grond komt",
/// and such a family must not be left without a regisseur. Reached by opschaling, it advises
/// the regisseur who stays (see [`Escalation`]).
pub fn regie_team(route: &Route, leefgebieden: &[String]) -> Option<Target> {
    match route {
        Route::Loket { leefgebied } if leefgebieden.len() > 1 => {
            Some(Target::Loket(leefgebied.clone()))
        }
        Route::SociaalTeam { wijk } => Some(Target::SociaalTeam(wijk.clone())),
        Route::Expertiseteam => Some(Target::Expertiseteam),
        Route::Loket { .. } | Route::Terugbelverzoek { .. } | Route::Direct => None,
    }
}

/// Why someone cannot become (or be made) regisseur. The message is Dutch, for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegieRefusal {
    #[error("Dit traject heeft geen regisseur: de aanbieder is eerste aanspreekpunt")]
    NoRegieTeam,
    #[error("{0} kan geen regisseur worden: alleen medewerkers van het team van het traject")]
    NotAProfessional(String),
    #[error("{name} hoort niet bij {team}; alleen een medewerker van dat team wordt regisseur")]
    OtherTeam { name: String, team: String },
    #[error("{0} is uitgeschakeld")]
    Disabled(String),
    #[error("Geef een reden")]
    NoReason,
    #[error("Alleen de regisseur kan de regie overdragen of opschalen")]
    NotRegisseur,
    #[error("{0} is al de regisseur")]
    AlreadyRegisseur(String),
}

/// Whether `user` may direct a case whose regie lies with `team`: an active medewerker of that
/// team. Volunteers never direct, nor do coördinators and beheerders (a coördinator assigns a
/// medewerker instead), and a KCC agent only as member of the team, never through a callback.
pub fn may_direct(user: &User, team: Option<&CaseTeam>) -> Result<(), RegieRefusal> {
    let team = team.ok_or(RegieRefusal::NoRegieTeam)?;
    if user.role != Role::Medewerker {
        return Err(RegieRefusal::NotAProfessional(user.name.clone()));
    }
    active_member(user, team, RegieRefusal::Disabled, |name, team| {
        RegieRefusal::OtherTeam { name, team }
    })
}

/// Who may take over the regie the regisseur `me` hands on, and in which team: every active
/// medewerker who may direct the case in its own team (a colleague, "geen klik"), then in another
/// Loket or Sociaal Team ("andere expertise": seed 002, "als het probleem om een andere
/// expertise vraagt"). The Expertiseteam is reached by opschaling, not by handing on.
pub fn successors<'a>(
    users: &'a [User],
    me: i64,
    current: &Target,
    reference: &ReferenceData,
) -> Vec<(&'a User, Target)> {
    let mut teams = vec![current.clone()];
    let others = (reference.leefgebieden.all().iter())
        .map(|l| Target::Loket(l.code.clone()))
        .chain(
            reference
                .postcodes
                .wijken()
                .into_iter()
                .map(|w| Target::SociaalTeam(w.into())),
        );
    teams.extend(others.filter(|t| t != current));
    let mut by_name: Vec<&User> = users.iter().filter(|u| u.active && u.id != me).collect();
    by_name.sort_by(|a, b| a.name.cmp(&b.name));
    teams
        .into_iter()
        .flat_map(|team| {
            let case_team = team.case_team(reference);
            by_name
                .iter()
                .filter(move |u| may_direct(u, Some(&case_team)).is_ok())
                .map(move |u| (*u, team.clone()))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Regie handed on by the regisseur to a named colleague, with the reason seed 002 gives
/// ("andere expertise", "geen klik"), and the team the case goes to with them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandOn {
    pub to: User,
    pub team: CaseTeam,
    pub reason: String,
}

/// Whether `by` may hand regie on as `hand_on` says: only the current regisseur, with a reason,
/// to someone else who may direct the case in the team it goes to.
pub fn check_hand_on(
    by: &User,
    regisseur: Option<i64>,
    hand_on: &HandOn,
) -> Result<(), RegieRefusal> {
    if regisseur != Some(by.id) {
        return Err(RegieRefusal::NotRegisseur);
    }
    if hand_on.reason.trim().is_empty() {
        return Err(RegieRefusal::NoReason);
    }
    if hand_on.to.id == by.id {
        return Err(RegieRefusal::AlreadyRegisseur(by.name.clone()));
    }
    may_direct(&hand_on.to, Some(&hand_on.team))
}

/// Opschaling: the regisseur asks the Expertiseteam for advice, specialist support or an
/// indicatie. Seed 002: "Kan de regisseur geen passend antwoord bieden … dan kan hij het
/// expertiseteam inschakelen voor advies, ondersteuning en indicatiestelling"; "Wanneer er
/// sprake is van zo'n situatie, dan schaalt de regisseur op naar het expertiseteam." The
/// regisseur stays; the desks never escalate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Escalation {
    pub reason: String,
}

/// Whether `by` may escalate: only the regisseur, and only with a reason.
pub fn check_escalation(
    by: &User,
    regisseur: Option<i64>,
    escalation: &Escalation,
) -> Result<(), RegieRefusal> {
    if regisseur != Some(by.id) {
        return Err(RegieRefusal::NotRegisseur);
    }
    if escalation.reason.trim().is_empty() {
        return Err(RegieRefusal::NoReason);
    }
    Ok(())
}

/// The route of a new question of a household whose open case `team` directs: "naar de
/// regisseur" (issue 17, "it joins the existing case instead of opening a second track").
/// `None` for a team that directs no case (a callback team).
pub fn regisseur_route(team: &Target) -> Option<Route> {
    Some(match team {
        Target::Loket(leefgebied) => Route::Loket {
            leefgebied: leefgebied.clone(),
        },
        Target::SociaalTeam(wijk) => Route::SociaalTeam { wijk: wijk.clone() },
        Target::Expertiseteam => Route::Expertiseteam,
        Target::Team(_) => return None,
    })
}

/// The advice for a question of a household with a lopend traject: to its regisseur, unless
/// acute danger asks for spoed, which goes where the verwijs-scan sends it.
pub fn to_regisseur(suggestion: RouteSuggestion, route: Route, team: &str) -> RouteSuggestion {
    if suggestion.spoed {
        return suggestion;
    }
    RouteSuggestion {
        why: format!("lopend traject → naar de regisseur ({team})"),
        route,
        spoed: false,
    }
}

/// What a desk that sees only existence learns of a known household (security-probe #3, issue
/// 17): that it is known, where its lopend traject is, and who directs it. Never what it holds.
pub fn known_household_line(team: Option<&str>, regisseur: Option<&str>) -> String {
    match (team.filter(|t| !t.is_empty()), regisseur) {
        (None, _) => "bekend huishouden".to_string(),
        (Some(team), Some(name)) => {
            format!("bekend huishouden, lopend traject bij {team}, regisseur {name}")
        }
        (Some(team), None) => {
            format!("bekend huishouden, lopend traject bij {team}, geen regisseur")
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// An active user with these teams and expertise, for the policy tests too.
    pub(crate) fn person(id: i64, role: Role, teams: &[&str], expertise: &[&str]) -> User {
        User {
            id,
            name: format!("gebruiker {id}"),
            role,
            location: String::new(),
            teams: teams.iter().map(|t| t.to_string()).collect(),
            expertise: expertise.iter().map(|e| e.to_string()).collect(),
            active: true,
            failed_attempts: 0,
            locked_until: None,
        }
    }

    fn codes(codes: &[&str]) -> Vec<String> {
        codes.iter().map(|c| c.to_string()).collect()
    }

    /// Seed 003 §3.5, line by line.
    #[test]
    fn the_regie_team_follows_the_route() {
        let loket = |code: &str| Route::Loket {
            leefgebied: code.into(),
        };
        // "Bij meervoudige eenvoudige ondersteuning is de gespreksvoerder van het Loket eerste
        // aanspreekpunt": the Loket of the highest-priority leefgebied.
        assert_eq!(
            regie_team(&loket("wonen"), &codes(&["wonen", "geldzaken-schulden"])),
            Some(Target::Loket("wonen".into()))
        );
        // "Bij meervoudige complexe ondersteuning de gespreksvoerder van het Sociale Team."
        let st = Route::SociaalTeam {
            wijk: "De Weide".into(),
        };
        assert_eq!(
            regie_team(&st, &codes(&["wonen", "gezondheid", "veiligheid"])),
            Some(Target::SociaalTeam("De Weide".into()))
        );
        // "enkelvoudige, specialistische ondersteuning … De medewerker van het Loket blijft op
        // de achtergrond."
        assert_eq!(regie_team(&loket("wonen"), &codes(&["wonen"])), None);
        // A callback or a question handled at the desk has no gespreksvoerder.
        let kcc = Route::Terugbelverzoek { team: "KCC".into() };
        assert_eq!(regie_team(&kcc, &codes(&["wonen", "gezondheid"])), None);
        assert_eq!(
            regie_team(&Route::Direct, &codes(&["wonen", "gezondheid"])),
            None
        );
        assert_eq!(
            regie_team(&Route::Expertiseteam, &codes(&["veiligheid"])),
            Some(Target::Expertiseteam)
        );
    }

    #[test]
    fn only_a_medewerker_of_the_team_directs() {
        let reference = crate::domain::ReferenceData::embedded();
        let st = Target::SociaalTeam("De Weide".into()).case_team(&reference);
        let wonen = Target::Loket("wonen".into()).case_team(&reference);
        let ilse = person(1, Role::Medewerker, &["Sociaal Team De Weide"], &[]);
        let gijs = person(2, Role::Medewerker, &["Loket Wonen"], &["wonen"]);
        let dirk = person(3, Role::Medewerker, &["KCC"], &[]);
        let anna = person(4, Role::Vrijwilliger, &["Sociaal Team De Weide"], &[]);
        let olaf = person(5, Role::Coordinator, &["Sociaal Team De Weide"], &[]);
        assert_eq!(may_direct(&ilse, Some(&st)), Ok(()));
        assert_eq!(may_direct(&gijs, Some(&wonen)), Ok(()));
        assert!(matches!(
            may_direct(&gijs, Some(&st)),
            Err(RegieRefusal::OtherTeam { .. })
        ));
        assert!(matches!(
            may_direct(&dirk, Some(&st)),
            Err(RegieRefusal::OtherTeam { .. })
        ));
        assert_eq!(
            may_direct(&anna, Some(&st)),
            Err(RegieRefusal::NotAProfessional(anna.name.clone()))
        );
        assert_eq!(
            may_direct(&olaf, Some(&st)),
            Err(RegieRefusal::NotAProfessional(olaf.name.clone()))
        );
        assert_eq!(may_direct(&ilse, None), Err(RegieRefusal::NoRegieTeam));
        let gone = User {
            active: false,
            ..ilse.clone()
        };
        assert_eq!(
            may_direct(&gone, Some(&st)),
            Err(RegieRefusal::Disabled(gone.name.clone()))
        );
    }

    /// Seed 002: other expertise or "geen klik": handed on with a reason, by the regisseur.
    #[test]
    fn regie_is_handed_on_by_the_regisseur_with_a_reason() {
        let reference = crate::domain::ReferenceData::embedded();
        let st = Target::SociaalTeam("De Weide".into()).case_team(&reference);
        let ilse = person(1, Role::Medewerker, &["Sociaal Team De Weide"], &[]);
        let kees = person(2, Role::Medewerker, &["Sociaal Team De Weide"], &[]);
        let anna = person(3, Role::Vrijwilliger, &[], &[]);
        let to = |to: &User, reason: &str| HandOn {
            to: to.clone(),
            team: st.clone(),
            reason: reason.into(),
        };
        assert_eq!(
            check_hand_on(&ilse, Some(1), &to(&kees, "geen klik")),
            Ok(())
        );
        assert_eq!(
            check_hand_on(&kees, Some(1), &to(&ilse, "geen klik")),
            Err(RegieRefusal::NotRegisseur)
        );
        assert_eq!(
            check_hand_on(&ilse, Some(1), &to(&kees, "  ")),
            Err(RegieRefusal::NoReason)
        );
        assert!(check_hand_on(&ilse, Some(1), &to(&anna, "andere expertise")).is_err());
        assert!(check_hand_on(&ilse, Some(1), &to(&ilse, "andere expertise")).is_err());
    }

    #[test]
    fn a_desk_learns_existence_team_and_regisseur_only() {
        assert_eq!(known_household_line(None, None), "bekend huishouden");
        assert_eq!(
            known_household_line(Some("Sociaal Team De Weide"), Some("Ilse")),
            "bekend huishouden, lopend traject bij Sociaal Team De Weide, regisseur Ilse"
        );
        assert_eq!(
            known_household_line(Some("Loket Wonen"), None),
            "bekend huishouden, lopend traject bij Loket Wonen, geen regisseur"
        );
    }

    #[test]
    fn only_the_regisseur_escalates_and_with_a_reason() {
        let ilse = person(1, Role::Medewerker, &["Sociaal Team De Weide"], &[]);
        let why = |reason: &str| Escalation {
            reason: reason.into(),
        };
        assert_eq!(
            check_escalation(&ilse, Some(1), &why("veel geprobeerd")),
            Ok(())
        );
        assert_eq!(
            check_escalation(&ilse, Some(2), &why("veel geprobeerd")),
            Err(RegieRefusal::NotRegisseur)
        );
        assert_eq!(
            check_escalation(&ilse, Some(1), &why("")),
            Err(RegieRefusal::NoReason)
        );
    }

    /// Issue 17: a known household's new question goes "naar de regisseur", unless acute
    /// danger sends it where the verwijs-scan says, with spoed.
    #[test]
    fn the_advice_for_a_known_household_is_its_regisseurs_team() {
        let team = Target::SociaalTeam("De Weide".to_string());
        let route = regisseur_route(&team).unwrap();
        assert_eq!(
            route,
            Route::SociaalTeam {
                wijk: "De Weide".to_string()
            }
        );
        assert_eq!(regisseur_route(&Target::Team("KCC".to_string())), None);
        let direct = RouteSuggestion {
            route: Route::Direct,
            why: "enkelvoudig".to_string(),
            spoed: false,
        };
        let advice = to_regisseur(direct, route.clone(), "Sociaal Team De Weide");
        assert_eq!(advice.route, route);
        assert!(advice.why.contains("naar de regisseur"), "{}", advice.why);
        let acute = RouteSuggestion {
            route: Route::Expertiseteam,
            why: "acute onveiligheid".to_string(),
            spoed: true,
        };
        assert_eq!(to_regisseur(acute.clone(), route, "x"), acute);
    }

    /// Seed 002: regie moves on "als het probleem om een andere expertise vraagt, of als er
    /// geen klik is": a colleague of the team first, then the other teams, never a volunteer,
    /// the KCC, oneself or someone switched off.
    #[test]
    fn regie_is_handed_on_to_a_colleague_first_then_to_other_expertise() {
        let mut users = vec![
            person(1, Role::Medewerker, &[], &["geldzaken-schulden"]),
            person(2, Role::Medewerker, &[], &["wonen"]),
            person(3, Role::Medewerker, &[], &["geldzaken-schulden", "wonen"]),
            person(4, Role::Vrijwilliger, &[], &["wonen"]),
            person(5, Role::Medewerker, &["KCC"], &[]),
            person(6, Role::Medewerker, &["Sociaal Team De Weide"], &[]),
            person(7, Role::Medewerker, &[], &["wonen"]),
        ];
        users[6].active = false;
        let current = Target::Loket("geldzaken-schulden".into());
        let found: Vec<(i64, Target)> = successors(&users, 1, &current, &ReferenceData::embedded())
            .into_iter()
            .map(|(u, t)| (u.id, t))
            .collect();
        assert_eq!(
            found,
            vec![
                (3, current.clone()),
                (2, Target::Loket("wonen".into())),
                (3, Target::Loket("wonen".into())),
                (6, Target::SociaalTeam("De Weide".into())),
            ]
        );
    }
}
